/* test-sim.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The simulator answers over HTTP as RunPod does (authentication,
 * validation, faults) and records what it receives; the harness drives it.
 * Plain HTTP posts, no Gantry code. */

#include <libsoup/soup.h>
#include <string.h>

#include "gantry-test-sim.h"

#define RUNNING_POD "k3q9x2m7p1v8za"   /* 1x RTX 4090, on demand, up */
#define SPOT_POD "sp0t3090intrpt"      /* EXITED spot pod, 2 GPUs */

#define MYSELF "{\"query\": \"query { myself { id } }\"}"

#define STOP_RUNNING_POD \
  "mutation Stop($input: PodStopInput!) { podStop(input: $input) { id " \
  "desiredStatus } }", "{\"input\": {\"podId\": \"" RUNNING_POD "\"}}"

typedef enum
{
  AUTH_KEY,
  AUTH_NONE,
  AUTH_WRONG,
} Auth;

static GantryTestSim *sim;
static SoupSession *session;   /* the test's own, to see reply headers */

/* Helpers */

static JsonNode *
at (JsonNode   *node,
    const char *path)
{
  return gantry_test_json_at (node, path);
}

static const char *
string_at (JsonNode   *node,
           const char *path)
{
  return gantry_test_json_string_at (node, path);
}

static JsonNode *
gql (const char *query,
     const char *variables)
{
  return gantry_test_sim_query (sim, query, variables);
}

static gboolean
is_null_at (JsonNode   *node,
            const char *path)
{
  JsonNode *found = at (node, path);

  return found != NULL && JSON_NODE_HOLDS_NULL (found);
}

static void
control (const char *json)
{
  json_object_unref (gantry_test_sim_control (sim, json));
}

static void
assert_error (JsonNode   *answer,
              const char *field,
              const char *message_part)
{
  g_autofree char *data_path = g_strconcat ("data.", field, NULL);

  g_assert_true (is_null_at (answer, data_path));
  g_assert_nonnull (strstr (string_at (answer, "errors.0.message"),
                            message_part));
}

static void
setup (void)
{
  control ("{\"op\": \"reset\"}");
  control ("{\"op\": \"config\", \"boot_seconds\": 0}");
}

static char *
authorization (Auth auth)
{
  if (auth == AUTH_KEY)
    return g_strconcat ("Bearer ", gantry_test_sim_get_api_key (sim), NULL);
  if (auth == AUTH_WRONG)
    return g_strdup ("Bearer rpa_WRONGKEY000000000000000000000000000");
  return NULL;
}

static JsonNode *
post (Auth        auth,
      const char *query,
      const char *variables,
      guint      *status)
{
  g_autofree char *header = authorization (auth);

  return gantry_test_sim_graphql (sim, header, query, variables, status);
}

/* The parsed JSON body, or NULL when it is not JSON. */
static JsonNode *
parse_reply (GBytes *reply)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize length;
  const char *text = g_bytes_get_data (reply, &length);

  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

/* desiredStatus of the simulator's own record of pod @id. */
static char *
pod_status (const char *id)
{
  g_autoptr (JsonObject) pod = gantry_test_sim_get_pod (sim, id);

  g_assert_nonnull (pod);
  return g_strdup (json_object_get_string_member (pod, "desiredStatus"));
}

/* Authentication */

static void
test_auth_wrong_key (void)
{
  g_autoptr (JsonNode) answer = NULL;
  guint status = 0;

  setup ();
  answer = post (AUTH_WRONG, "query { myself { id } }", NULL, &status);

  g_assert_cmpuint (status, ==, 401);
  g_assert_null (answer);   /* the body is not JSON */
}

static void
test_auth_no_key (void)
{
  g_autoptr (JsonNode) me = NULL;
  g_autoptr (JsonNode) stop = NULL;
  g_autoptr (JsonNode) gpus = NULL;
  guint status = 0;

  setup ();
  me = post (AUTH_NONE, "query { myself { id } }", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (is_null_at (me, "data.myself"));
  g_assert_null (at (me, "errors"));

  stop = post (AUTH_NONE, "mutation { podStop(input: {podId: \""
               RUNNING_POD "\"}) { id } }", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (is_null_at (stop, "data.podStop"));
  g_assert_nonnull (at (stop, "errors.0.message"));

  /* The catalogue is public. */
  gpus = post (AUTH_NONE, "query { gpuTypes { id } }", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (at (gpus, "data.gpuTypes.0.id"));
}

static void
test_auth_key_in_url (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (JsonArray) requests = NULL;
  JsonObject *last;
  guint status = 0;

  setup ();
  path = g_strconcat ("/graphql?api_key=", gantry_test_sim_get_api_key (sim),
                      NULL);
  reply = gantry_test_sim_post (sim, path, NULL, MYSELF, &status);
  answer = parse_reply (reply);

  g_assert_cmpuint (status, ==, 200);
  g_assert_true (is_null_at (answer, "data.myself"));
  requests = gantry_test_sim_get_requests (sim);
  last = json_array_get_object_element (requests,
                                        json_array_get_length (requests) - 1);
  g_assert_true (json_object_get_boolean_member (last, "api_key_in_url"));
}

static void
test_auth_revoked_key (void)
{
  g_autoptr (JsonNode) answer = NULL;
  guint status = 0;

  setup ();
  control ("{\"op\": \"set_key\", \"key\": \"rpa_SOMEOTHERKEY\"}");
  answer = post (AUTH_KEY, "query { myself { id } }", NULL, &status);

  g_assert_cmpuint (status, ==, 401);
}

/* Validation, as strict as the real API */

static void
assert_refused (const char *query,
                const char *variables)
{
  g_autoptr (JsonNode) answer = NULL;
  guint status = 0;

  answer = post (AUTH_KEY, query, variables, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (answer);
  g_assert_nonnull (at (answer, "errors.0.message"));
  g_assert_null (at (answer, "data"));
}

static void
test_validation (void)
{
  g_autofree char *status = NULL;

  setup ();
  assert_refused ("query { myself { id nickname } }", NULL);
  assert_refused ("query { pod(input: {podId: \"x\", name: \"y\"}) { id } }",
                  NULL);
  assert_refused ("mutation Stop($input: PodStopInput!) { "
                  "podStop(input: $input) { id } }",
                  "{\"input\": {\"podId\": \"" RUNNING_POD "\", "
                  "\"force\": true}}");
  assert_refused ("mutation Bid($input: PodBidResumeInput!) { "
                  "podBidResume(input: $input) { id } }",
                  "{\"input\": {\"podId\": \"" SPOT_POD "\", "
                  "\"bidPerGpu\": 0.5}}");
  assert_refused ("mutation { podTerminate(input: {podId: \""
                  RUNNING_POD "\"}) { id } }", NULL);
  assert_refused ("query { pod(input: {podId: 7}) { id } }", NULL);

  /* A refused request changes nothing. */
  status = pod_status (RUNNING_POD);
  g_assert_cmpstr (status, ==, "RUNNING");
}

/* A body that is not declared JSON is refused, as by the real server. */
static void
test_content_type (void)
{
  g_autofree char *header = authorization (AUTH_KEY);
  g_autoptr (GBytes) body = g_bytes_new_static (MYSELF, strlen (MYSELF));
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;

  setup ();
  msg = soup_message_new (SOUP_METHOD_POST, gantry_test_sim_get_url (sim));
  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", header);
  soup_message_set_request_body_from_bytes (msg, "text/plain", body);
  reply = soup_session_send_and_read (session, msg, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
}

/* What the simulator records */

static void
test_requests_recorded (void)
{
  g_autofree char *bearer = authorization (AUTH_KEY);
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (JsonArray) requests = NULL;
  g_autoptr (JsonNode) first = NULL;
  guint status = 0;

  setup ();
  control ("{\"op\": \"clear_requests\"}");
  json_node_unref (gql ("query Pod($input: PodFilter) { pod(input: $input) "
                        "{ id } }",
                        "{\"input\": {\"podId\": \"" RUNNING_POD "\"}}"));
  answer = post (AUTH_KEY, "query { bogus }", NULL, &status);

  requests = gantry_test_sim_get_requests (sim);
  g_assert_cmpuint (json_array_get_length (requests), ==, 2);
  first = json_node_copy (json_array_get_element (requests, 0));
  g_assert_cmpstr (string_at (first, "method"), ==, "POST");
  g_assert_cmpstr (string_at (first, "path"), ==, "/graphql");
  g_assert_cmpstr (string_at (first, "headers.authorization"), ==, bearer);
  g_assert_true (g_str_has_prefix (string_at (first, "headers.content-type"),
                                   "application/json"));
  g_assert_cmpstr (string_at (first, "variables.input.podId"), ==,
                   RUNNING_POD);
  g_assert_true (g_str_has_prefix (string_at (first, "query"), "query Pod"));
  g_assert_cmpint (json_node_get_int (at (first, "status")), ==, 200);
  g_assert_cmpint (json_object_get_int_member (
                     json_array_get_object_element (requests, 1), "status"),
                   ==, 400);
  g_assert_cmpuint (gantry_test_sim_count_requests (sim), ==, 2);
}

/* Faults */

/* Posts a query with the key on the test's own session, which can
 * see the reply headers; returns the body. */
static GBytes *
raw_post (SoupMessage **out_msg,
          GError      **error)
{
  g_autofree char *header = authorization (AUTH_KEY);
  g_autoptr (GBytes) bytes = g_bytes_new_static (MYSELF, strlen (MYSELF));
  SoupMessage *msg = soup_message_new (SOUP_METHOD_POST,
                                       gantry_test_sim_get_url (sim));

  soup_message_headers_replace (soup_message_get_request_headers (msg),
                                "Authorization", header);
  soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
  *out_msg = msg;
  return soup_session_send_and_read (session, msg, NULL, error);
}

static void
test_fault_http (void)
{
  g_autoptr (SoupMessage) limited = NULL;
  g_autoptr (SoupMessage) gateway = NULL;
  g_autoptr (SoupMessage) fine = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) html = NULL;
  g_autoptr (GBytes) ok = NULL;
  SoupMessageHeaders *headers;

  setup ();
  control ("{\"op\": \"fault\", \"kind\": \"http\", \"status\": 429, "
           "\"headers\": {\"Retry-After\": \"7\"}}");
  control ("{\"op\": \"fault\", \"kind\": \"http\", \"status\": 502}");

  body = raw_post (&limited, NULL);
  g_assert_cmpuint (soup_message_get_status (limited), ==, 429);
  headers = soup_message_get_response_headers (limited);
  g_assert_cmpstr (soup_message_headers_get_one (headers, "Retry-After"), ==,
                   "7");

  html = raw_post (&gateway, NULL);
  g_assert_cmpuint (soup_message_get_status (gateway), ==, 502);
  headers = soup_message_get_response_headers (gateway);
  g_assert_true (soup_message_headers_get_content_type (headers, NULL) != NULL
                 && g_str_equal (soup_message_headers_get_content_type (
                                   headers, NULL), "text/html"));
  g_assert_null (parse_reply (html));

  /* Each fault was for one request only. */
  ok = raw_post (&fine, NULL);
  g_assert_cmpuint (soup_message_get_status (fine), ==, 200);
}

static void
test_fault_truncate (void)
{
  g_autoptr (JsonNode) cut = NULL;
  g_autoptr (JsonNode) whole = NULL;
  guint status = 0;

  setup ();
  control ("{\"op\": \"fault\", \"kind\": \"truncate\"}");
  cut = post (AUTH_KEY, "query { myself { pods { id name } } }", NULL,
              &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_null (cut);

  whole = post (AUTH_KEY, "query { myself { pods { id name } } }", NULL,
                &status);
  g_assert_nonnull (whole);
}

static void
test_fault_graphql_error (void)
{
  g_autoptr (JsonNode) list = NULL;
  g_autoptr (JsonNode) stop = NULL;
  g_autofree char *status = NULL;

  setup ();
  control ("{\"op\": \"fault\", \"kind\": \"graphql_error\", "
           "\"match\": \"podStop\", \"message\": \"Something broke\"}");

  /* Only requests that match are touched. */
  list = gql ("query { myself { pods { id } } }", NULL);
  g_assert_null (at (list, "errors"));

  stop = gql (STOP_RUNNING_POD);
  assert_error (stop, "podStop", "Something broke");
  g_assert_cmpstr (string_at (stop, "errors.0.path.0"), ==, "podStop");
  status = pod_status (RUNNING_POD);
  g_assert_cmpstr (status, ==, "RUNNING");
}

static void
test_fault_apply_then_error (void)
{
  g_autoptr (JsonNode) stop = NULL;
  g_autofree char *status = NULL;

  setup ();
  control ("{\"op\": \"fault\", \"kind\": \"apply_then_error\"}");
  stop = gql (STOP_RUNNING_POD);
  assert_error (stop, "podStop", "Something went wrong");

  status = pod_status (RUNNING_POD);
  g_assert_cmpstr (status, ==, "EXITED");
}

static void
test_fault_delay (void)
{
  g_autoptr (SoupSession) impatient = NULL;
  g_autoptr (SoupMessage) msg = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  SoupSession *patient = session;

  setup ();
  control ("{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 5}");
  impatient = soup_session_new_with_options ("proxy-resolver", NULL,
                                             "timeout", 1, NULL);
  session = impatient;
  body = raw_post (&msg, &error);
  session = patient;

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (body);
}

static void
test_fault_wrong_shape (void)
{
  g_autoptr (JsonNode) strings = NULL;
  g_autoptr (JsonNode) objects = NULL;
  g_autoptr (JsonNode) missing = NULL;
  guint status = 0;

  setup ();
  control ("{\"op\": \"fault\", \"kind\": \"wrong_shape\", "
           "\"shape\": \"number_as_string\"}");
  control ("{\"op\": \"fault\", \"kind\": \"wrong_shape\", "
           "\"shape\": \"list_as_object\"}");
  control ("{\"op\": \"fault\", \"kind\": \"wrong_shape\", "
           "\"shape\": \"missing_data\"}");

  strings = gql ("query { myself { pods { costPerHr } } }", NULL);
  g_assert_cmpint (json_node_get_value_type (at (strings,
                   "data.myself.pods.0.costPerHr")), ==, G_TYPE_STRING);
  objects = gql ("query { myself { pods { id } } }", NULL);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (at (objects, "data.myself.pods")));
  missing = post (AUTH_KEY, "query { myself { id } }", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_null (at (missing, "data"));
}

static void
test_fault_until_cleared (void)
{
  guint status = 0;

  setup ();
  control ("{\"op\": \"fault\", \"kind\": \"http\", \"status\": 503, "
           "\"count\": -1}");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (JsonNode) answer = post (AUTH_KEY, "query { myself { id } }",
                                          NULL, &status);
      g_assert_cmpuint (status, ==, 503);
    }

  control ("{\"op\": \"clear_faults\"}");
  json_node_unref (post (AUTH_KEY, "query { myself { id } }", NULL, &status));
  g_assert_cmpuint (status, ==, 200);
}

/* A fault the simulator cannot honour is refused, not ignored. */
static void
test_fault_refused (void)
{
  const char *command = "{\"op\": \"fault\", \"kind\": \"delay\", "
                        "\"seconds\": 1}";
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (JsonObject) faults = NULL;
  guint status = 0;

  setup ();
  reply = gantry_test_sim_post (sim, "/control", NULL, command, &status);
  answer = parse_reply (reply);
  faults = gantry_test_sim_control (sim, "{\"op\": \"faults\"}");

  g_assert_cmpuint (status, ==, 400);
  g_assert_nonnull (strstr (string_at (answer, "error"), "seconds"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
    faults, "faults")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  sim = gantry_test_sim_start (NULL);
  session = soup_session_new_with_options ("proxy-resolver", NULL,
                                           "timeout", 60, NULL);

  g_test_add_func ("/sim/auth/wrong-key", test_auth_wrong_key);
  g_test_add_func ("/sim/auth/no-key", test_auth_no_key);
  g_test_add_func ("/sim/auth/key-in-url", test_auth_key_in_url);
  g_test_add_func ("/sim/auth/revoked-key", test_auth_revoked_key);
  g_test_add_func ("/sim/validation", test_validation);
  g_test_add_func ("/sim/validation/content-type", test_content_type);
  g_test_add_func ("/sim/requests-recorded", test_requests_recorded);
  g_test_add_func ("/sim/fault/http", test_fault_http);
  g_test_add_func ("/sim/fault/truncate", test_fault_truncate);
  g_test_add_func ("/sim/fault/graphql-error", test_fault_graphql_error);
  g_test_add_func ("/sim/fault/apply-then-error",
                   test_fault_apply_then_error);
  g_test_add_func ("/sim/fault/delay", test_fault_delay);
  g_test_add_func ("/sim/fault/wrong-shape", test_fault_wrong_shape);
  g_test_add_func ("/sim/fault/until-cleared", test_fault_until_cleared);
  g_test_add_func ("/sim/fault/refused", test_fault_refused);

  result = g_test_run ();

  g_clear_object (&session);
  g_clear_pointer (&sim, gantry_test_sim_free);
  return result;
}
