/* gantry-client.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "gantry-api-error.h"
#include "model/gantry-account.h"
#include "model/gantry-gpu-type.h"
#include "model/gantry-pod.h"

G_BEGIN_DECLS

#define GANTRY_DEFAULT_API_URL "https://api.runpod.io/graphql"

typedef enum
{
  GANTRY_CLOUD_ALL,
  GANTRY_CLOUD_SECURE,
  GANTRY_CLOUD_COMMUNITY,
} GantryCloud;

#define GANTRY_TYPE_CLIENT (gantry_client_get_type ())

G_DECLARE_FINAL_TYPE (GantryClient, gantry_client, GANTRY, CLIENT, GObject)

/* The one SoupSession of the app: Gantry/<version> user agent, 30 s
 * timeout. */
SoupSession  *gantry_client_new_session        (void);

/* The endpoint: GANTRY_API_URL when set, else GANTRY_DEFAULT_API_URL. */
const char   *gantry_client_default_endpoint   (void);

/* Plain http is accepted only to a loopback address. */
gboolean      gantry_client_check_endpoint     (const char    *endpoint,
                                                GError       **error);

GantryClient *gantry_client_new                (SoupSession   *session,
                                                const char    *endpoint);

const char   *gantry_client_get_endpoint       (GantryClient  *self);

/* Copies @api_key (NULL to forget it); the old copy is wiped. The key goes
 * only into the Authorization header. */
void          gantry_client_set_api_key        (GantryClient  *self,
                                                const char    *api_key);
gboolean      gantry_client_has_api_key        (GantryClient  *self);

/* The account (myself { id clientBalance currentSpendPerHr }). Doubles as
 * the key check: a rejected or missing key is GANTRY_API_ERROR_UNAUTHORIZED.
 */
void           gantry_client_get_account_async (GantryClient        *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GantryAccount *gantry_client_get_account_finish (GantryClient       *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* All pods and the account, in one request, parsed off the main thread.
 * Returns element type GantryPod; @out_account (nullable) receives the
 * account (balance, spend per hour) read in the same request. */
void           gantry_client_list_pods_async   (GantryClient        *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GPtrArray     *gantry_client_list_pods_finish  (GantryClient        *self,
                                                GAsyncResult        *result,
                                                GantryAccount      **out_account,
                                                GError             **error);

/* One pod; GANTRY_API_ERROR_NOT_FOUND when it does not exist. */
void           gantry_client_get_pod_async     (GantryClient        *self,
                                                const char          *pod_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GantryPod     *gantry_client_get_pod_finish    (GantryClient        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Mutations. Each returns the pod as the server sent it back (nullable for
 * terminate, which returns nothing: success is the absence of errors). */
void           gantry_client_stop_pod_async    (GantryClient        *self,
                                                const char          *pod_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GantryPod     *gantry_client_stop_pod_finish   (GantryClient        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

void           gantry_client_resume_pod_async  (GantryClient        *self,
                                                const char          *pod_id,
                                                int                  gpu_count,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GantryPod     *gantry_client_resume_pod_finish (GantryClient        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

void           gantry_client_bid_resume_pod_async  (GantryClient    *self,
                                                    const char      *pod_id,
                                                    double           bid_per_gpu,
                                                    int              gpu_count,
                                                    GCancellable    *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer         user_data);
GantryPod     *gantry_client_bid_resume_pod_finish (GantryClient    *self,
                                                    GAsyncResult    *result,
                                                    GError         **error);

void           gantry_client_terminate_pod_async  (GantryClient     *self,
                                                   const char       *pod_id,
                                                   GCancellable     *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer          user_data);
gboolean       gantry_client_terminate_pod_finish (GantryClient     *self,
                                                   GAsyncResult     *result,
                                                   GError          **error);

/* GPU types with lowestPrice for @gpu_count GPUs on @cloud, limited to
 * hosts with one of @cuda_versions (NULL or empty: any). Placeholder types
 * are dropped. Element type GantryGpuType. */
void           gantry_client_list_gpu_types_async  (GantryClient        *self,
                                                    int                  gpu_count,
                                                    GantryCloud          cloud,
                                                    const char * const  *cuda_versions,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GPtrArray     *gantry_client_list_gpu_types_finish (GantryClient        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Creates the pod @spec describes (GantryPodSpec, model/gantry-pod-spec.h):
 * podFindAndDeployOnDemand, or podRentInterruptable for a spot pod, with
 * the spec's input as the only variable. Returns the new pod. Never
 * retried: after a timeout or a server error the pod may exist anyway,
 * so the caller re-reads the pod list before saying what happened. */
typedef struct _GantryPodSpec GantryPodSpec;

void           gantry_client_create_pod_async  (GantryClient        *self,
                                                GantryPodSpec       *spec,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
GantryPod     *gantry_client_create_pod_finish (GantryClient        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
