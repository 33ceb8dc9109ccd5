/* test-client-fixture.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the client tests share: one simulator for the program, reset before
 * each test and given three pods; a client on it; waiting for async
 * results; and reading what the simulator recorded. */

#pragma once

#include "api/gantry-client.h"
#include "gantry-test-sim.h"

G_BEGIN_DECLS

#define RUNNING_ID "podrunning0001"  /* on demand, 2 GPUs, up 10 min */
#define EXITED_ID  "podexited00002"  /* on demand, stopped */
#define SPOT_ID    "podspotexit003"  /* spot, 2 GPUs, stopped */

typedef struct
{
  GantryTestSim *sim;      /* shared, not owned */
  SoupSession   *session;
  GantryClient  *client;
  gboolean       faulted;  /* failed statuses are the point of the test */
} Fixture;

void           client_fixture_start_sim  (void);
void           client_fixture_stop_sim   (void);
void           client_fixture_add        (const char     *path,
                                          void          (*func) (Fixture *,
                                                                 gconstpointer));
void           fixture_set_up            (Fixture        *f,
                                          gconstpointer   data);
void           fixture_tear_down         (Fixture        *f,
                                          gconstpointer   data);

/* A session like the app's, without proxies, with @timeout seconds. */
SoupSession   *new_session               (guint           timeout);

JsonNode      *pod_json                  (const char     *json);
/* Adds @pod (taken) to the simulator. */
void           sim_add_pod               (Fixture        *f,
                                          JsonNode       *pod);
/* Queues a fault: @json is the members after "op". */
void           fault                     (Fixture        *f,
                                          const char     *json);

void           on_result_cb              (GObject        *source,
                                          GAsyncResult   *result,
                                          gpointer        user_data);
/* Runs the main loop until on_result_cb() filled @slot. */
void           wait_for                  (GAsyncResult  **slot);

GPtrArray     *list_pods                 (Fixture        *f,
                                          GantryAccount **account,
                                          GError        **error);
GantryAccount *get_account               (Fixture        *f,
                                          GError        **error);
GantryPod     *get_pod                   (Fixture        *f,
                                          const char     *id,
                                          GError        **error);
GantryPod     *stop_pod                  (Fixture        *f,
                                          const char     *id,
                                          GError        **error);
GPtrArray     *list_gpu_types            (Fixture        *f,
                                          int             gpu_count,
                                          GantryCloud     cloud,
                                          const char * const *cuda_versions);
/* Lists pods and expects an error with @code and a message a person can
 * read, without the key in it. */
void           assert_list_fails         (Fixture        *f,
                                          int             code);

GantryPod     *find_pod                  (GPtrArray      *pods,
                                          const char     *id);
GantryGpuType *find_gpu_type             (GPtrArray      *types,
                                          const char     *id);

JsonObject    *sim_last_request          (Fixture        *f);
const char    *request_query             (JsonObject     *request);
/* The variable @name of the request, an object. */
JsonObject    *request_input             (JsonObject     *request,
                                          const char     *name);
const char    *request_header            (JsonObject     *request,
                                          const char     *name);
/* The key is in the Authorization header and nowhere else. */
void           assert_key_only_in_header (Fixture        *f,
                                          JsonObject     *request);

G_END_DECLS
