/* gantry-test-sim.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs the local RunPod simulator (tests/runpod-sim.py) for a GTest
 * program and drives it through its control endpoint.
 *
 * The simulator answers POST <url> like RunPod's GraphQL API and keeps
 * state; gantry_test_sim_control() sends it JSON commands, one object with
 * "op" (reset, requests, clear_requests, config, set_key, boot, set_pod,
 * add_pod, remove_pod, pod, state, fault, faults, clear_faults, health;
 * all listed in tests/runpod_sim/control.py, the faults in faults.py).
 * Each recorded request is an object:
 *
 *   method, path (with the query string), headers (an object; names in
 *   lower case), body (the parsed JSON body or null), query, variables,
 *   operationName, status (the HTTP status answered), api_key_in_url
 *   (TRUE when the URL carried ?api_key=), time (seconds since the epoch),
 *   client_port (the same for requests on one connection), and raw_body
 *   instead of body when the body was not JSON
 *
 * Everything here is synchronous, on a private SoupSession and main
 * context, so it works from a test that runs a GTK main loop, including
 * from inside its callbacks. */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _GantryTestSim GantryTestSim;

/* Starts /usr/bin/python3 runpod-sim.py --port 0 plus @extra_args
 * (NULL-terminated, may be NULL; e.g. "--pods", "1000") and waits for its
 * port.  The script is found through G_TEST_SRCDIR, then the source tree.
 * The API key (a fresh one per simulator) goes through the environment.
 * Fails the test if the simulator does not come up within 30 s. */
GantryTestSim *gantry_test_sim_start        (const char * const *extra_args);

/* Stops the simulator (SIGTERM, then SIGKILL) and frees @sim.  Fails the
 * test if the simulator hit a bug of its own (an internal error) while it
 * ran.  If the test process dies instead, the simulator exits with it. */
void           gantry_test_sim_free         (GantryTestSim      *sim);

/* The same as gantry_test_sim_free(). */
void           gantry_test_sim_stop         (GantryTestSim      *sim);

/* http://127.0.0.1:<port>/graphql */
const char    *gantry_test_sim_get_url      (GantryTestSim      *sim);

/* http://127.0.0.1:<port> */
const char    *gantry_test_sim_get_base_url (GantryTestSim      *sim);

guint16        gantry_test_sim_get_port     (GantryTestSim      *sim);

/* The key the simulator accepted at start ("set_key" changes what it
 * accepts, not what this returns). */
const char    *gantry_test_sim_get_api_key  (GantryTestSim      *sim);

/* POSTs @json to /control, asserts HTTP 200 and returns the reply object
 * (it always has "ok": true). */
JsonObject    *gantry_test_sim_control      (GantryTestSim      *sim,
                                             const char         *json);

/* printf-style; the caller passes valid JSON (nothing is escaped). */
JsonObject    *gantry_test_sim_controlf     (GantryTestSim      *sim,
                                             const char         *format,
                                             ...) G_GNUC_PRINTF (2, 3);

/* The recorded /graphql requests since the start, the last reset or
 * clear_requests; oldest first. */
JsonArray     *gantry_test_sim_get_requests (GantryTestSim      *sim);

guint          gantry_test_sim_count_requests (GantryTestSim    *sim);

/* The simulator's record of pod @id ("pod" op), or NULL if it has none. */
JsonObject    *gantry_test_sim_get_pod      (GantryTestSim      *sim,
                                             const char         *id);

/* A raw POST to @path (e.g. "/graphql" or "/graphql?x=1") with @body and,
 * unless NULL, the Authorization header @authorization (the whole value,
 * e.g. "Bearer rpa_..."). Stores the HTTP status in @out_status and
 * returns the body.  For tests of the simulator itself and of what a
 * client meets; a client under test should use its own session. */
GBytes        *gantry_test_sim_post         (GantryTestSim      *sim,
                                             const char         *path,
                                             const char         *authorization,
                                             const char         *body,
                                             guint              *out_status);

/* POSTs {"query": @query, "variables": @variables} to /graphql; @variables
 * is JSON text (NULL: {}), @authorization the whole header value (NULL:
 * none).  Stores the HTTP status in @out_status and returns the parsed
 * answer, or NULL when the body is not a JSON object. */
JsonNode      *gantry_test_sim_graphql      (GantryTestSim      *sim,
                                             const char         *authorization,
                                             const char         *query,
                                             const char         *variables,
                                             guint              *out_status);

/* The same with the simulator's key; asserts HTTP 200 and a JSON answer. */
JsonNode      *gantry_test_sim_query        (GantryTestSim      *sim,
                                             const char         *query,
                                             const char         *variables);

/* The node at @path below @node: member names and array indexes joined by
 * dots, e.g. "data.myself.pods.0.id"; NULL when a step is missing. */
JsonNode      *gantry_test_json_at          (JsonNode           *node,
                                             const char         *path);

/* The string at @path; asserts that there is one. */
const char    *gantry_test_json_string_at   (JsonNode           *node,
                                             const char         *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GantryTestSim, gantry_test_sim_free)

G_END_DECLS
