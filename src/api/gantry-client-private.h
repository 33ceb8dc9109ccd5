/* gantry-client-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-client.h"

G_BEGIN_DECLS

typedef struct _GantryCall GantryCall;

/* Turns the `data` object of a successful reply into the operation's
 * result, or returns NULL with @error set. */
typedef gpointer (*GantryReplyFunc) (GantryCall  *call,
                                     JsonObject  *data,
                                     GError     **error);

/* What one kind of request expects back. */
typedef struct
{
  const char      *name;        /* the root field, also named in traces */
  GantryReplyFunc  reply;       /* NULL: success is the absence of errors */
  GDestroyNotify   result_free;
  gboolean         is_query;    /* reads only: may reuse a connection */
  gboolean         by_pod;      /* read myself.pods a pod at a time */
} GantryOperation;

/* The task data of every request. */
struct _GantryCall
{
  const GantryOperation *operation;
  SoupMessage           *message;  /* owned */
  char                  *pod_id;   /* owned, nullable */
  GBytes                *body;     /* owned, nullable: the reply */
  GantryAccount         *account;  /* owned, nullable: list_pods' second result */
  /* list_pods: the pods lifted out of body, or why one could not be read;
   * both NULL when body was read whole. */
  GPtrArray             *lifted_pods;   /* owned, nullable */
  GError                *lifted_error;  /* owned, nullable */
};

/* gantry-client-reply.c: from what libsoup hands back to a result. */
GError     *_gantry_reply_transport_error (GError       *error,
                                           SoupMessage  *message);
gboolean    _gantry_reply_check           (SoupMessage  *message,
                                           GBytes       *body,
                                           GError      **error);
JsonObject *_gantry_reply_parse_data      (GBytes       *body,
                                           GError      **error);

gpointer    _gantry_reply_account         (GantryCall   *call,
                                           JsonObject   *data,
                                           GError      **error);
gpointer    _gantry_reply_pods            (GantryCall   *call,
                                           JsonObject   *data,
                                           GError      **error);
gpointer    _gantry_reply_pod             (GantryCall   *call,
                                           JsonObject   *data,
                                           GError      **error);
gpointer    _gantry_reply_gpu_types       (GantryCall   *call,
                                           JsonObject   *data,
                                           GError      **error);
GantryPod  *_gantry_reply_new_pod         (JsonNode     *node,
                                           GError      **error);

/* gantry-client-pods.c: the pod list a pod at a time. lift_pods returns
 * @body with data.myself.pods emptied and sets either @pods to what
 * _gantry_reply_pods would make of the array (pods in order, nulls
 * skipped) or @pods_error to why it could not; it returns NULL, and sets
 * neither, when @body is not so shaped. */
GBytes     *_gantry_reply_lift_pods       (GBytes       *body,
                                           GPtrArray   **pods,
                                           GError      **pods_error);

/* gantry-client.c: the transport the operations share. call_new makes the
 * task (its data a GantryCall); send takes the task and @variables and
 * completes the task with the operation's result, or fails it at once when
 * the endpoint is unsafe; finish_pointer checks the source tag. */
GTask      *_gantry_client_call_new       (GantryClient          *self,
                                           const GantryOperation *operation,
                                           const char            *pod_id,
                                           gpointer               source_tag,
                                           GCancellable          *cancellable,
                                           GAsyncReadyCallback    callback,
                                           gpointer               user_data);
void        _gantry_client_send           (GantryClient          *self,
                                           GTask                 *task,
                                           const char            *query,
                                           JsonNode              *variables);
gpointer    _gantry_client_finish_pointer (GantryClient          *self,
                                           GAsyncResult          *result,
                                           gpointer               source_tag,
                                           GError               **error);

G_END_DECLS
