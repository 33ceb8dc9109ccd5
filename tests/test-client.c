/* test-client.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The RunPod client against the simulator: each operation, and what went
 * over the wire. The errors are in test-client-errors.c, the I/O thread in
 * test-client-thread.c. */

#include "config.h"

#include <string.h>

#include "test-client-fixture.h"

#define ODD_NAME "say \"hi\" \\ back\nslash 🚀 end"

void test_client_add_error_tests (void);
void test_client_add_thread_tests (void);

/* Endpoint and session */

static void
test_endpoint_check (void)
{
  const char *safe[] = {
    "https://api.runpod.io/graphql", "http://127.0.0.1:8080/graphql",
    "http://127.9.9.9/graphql", "http://[::1]:8080/graphql",
    "http://LocalHost/graphql",
  };
  const char *unsafe[] = {
    "http://example.com/graphql", "http://10.0.0.1/graphql",
    "http://127.0.0.1.example.com/graphql", "ftp://api.runpod.io/graphql",
    "api.runpod.io/graphql", "https://", "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (safe); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (gantry_client_check_endpoint (safe[i], &error));
      g_assert_no_error (error);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (gantry_client_check_endpoint (unsafe[i], &error));
      g_assert_error (error, GANTRY_API_ERROR,
                      GANTRY_API_ERROR_INSECURE_ENDPOINT);
    }
}

static void
test_endpoint_default (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("GANTRY_API_URL"));

  g_unsetenv ("GANTRY_API_URL");
  g_assert_cmpstr (gantry_client_default_endpoint (), ==,
                   "https://api.runpod.io/graphql");

  g_setenv ("GANTRY_API_URL", "http://127.0.0.1:4000/graphql", TRUE);
  g_assert_cmpstr (gantry_client_default_endpoint (), ==,
                   "http://127.0.0.1:4000/graphql");

  if (saved != NULL)
    g_setenv ("GANTRY_API_URL", saved, TRUE);
  else
    g_unsetenv ("GANTRY_API_URL");
}

static void
test_session (void)
{
  g_autoptr (SoupSession) session = gantry_client_new_session ();

  g_assert_cmpstr (soup_session_get_user_agent (session), ==,
                   "Gantry/" PACKAGE_VERSION);
  g_assert_cmpuint (soup_session_get_timeout (session), ==, 30);
}

/* Operations */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryAccount) account = NULL;
  g_autoptr (GPtrArray) pods = NULL;
  g_autoptr (JsonObject) request = NULL;
  GantryPod *running;

  json_object_unref (gantry_test_sim_control (f->sim, "{\"op\": \"config\","
                                              " \"balance\": 55.5}"));

  pods = list_pods (f, &account, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pods->len, ==, 3);

  running = find_pod (pods, RUNNING_ID);
  g_assert_nonnull (running);
  g_assert_cmpstr (gantry_pod_get_name (running), ==, "train");
  g_assert_cmpint (gantry_pod_get_gpu_count (running), ==, 2);
  g_assert_true (gantry_pod_has_runtime (running));
  g_assert_cmpint (gantry_pod_get_uptime_seconds (running), >=, 600);
  g_assert_true (gantry_pod_is_spot (find_pod (pods, SPOT_ID)));

  g_assert_nonnull (account);
  g_assert_cmpfloat_with_epsilon (gantry_account_get_balance (account),
                                  55.5, 0.001);
  g_assert_cmpfloat (gantry_account_get_spend_per_hr (account), >, 0);

  /* One request for the pods and the account together. */
  g_assert_cmpuint (gantry_test_sim_count_requests (f->sim), ==, 1);
  request = sim_last_request (f);
  assert_key_only_in_header (f, request);
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==,
                   "POST");
  g_assert_true (g_str_has_prefix (request_header (request, "content-type"),
                                   "application/json"));
  g_assert_cmpstr (request_header (request, "user-agent"), ==,
                   "Gantry/" PACKAGE_VERSION);
}

static gint64
request_port (JsonArray *requests,
              guint      index_)
{
  JsonObject *request = json_array_get_object_element (requests, index_);

  return json_object_get_int_member (request, "client_port");
}

/* Refreshes go over one kept-alive connection (with RunPod, one TLS
 * handshake, not one a refresh); an action never rides on an old one. */
static void
test_connection_reuse (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GantryPod) stopped = NULL;
  g_autoptr (JsonArray) requests = NULL;
  g_autoptr (GError) error = NULL;

  first = list_pods (f, NULL, &error);
  g_assert_no_error (error);
  second = list_pods (f, NULL, &error);
  g_assert_no_error (error);
  stopped = stop_pod (f, RUNNING_ID, &error);
  g_assert_no_error (error);

  requests = gantry_test_sim_get_requests (f->sim);
  g_assert_cmpuint (json_array_get_length (requests), ==, 3);
  g_assert_cmpint (request_port (requests, 0), ==,
                   request_port (requests, 1));
  g_assert_cmpint (request_port (requests, 2), !=,
                   request_port (requests, 1));
}

static void
test_list_odd_name (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pods = NULL;
  GantryPod *pod;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "pododdname0004");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, ODD_NAME);
  json_builder_end_object (builder);
  sim_add_pod (f, json_builder_get_root (builder));

  pods = list_pods (f, NULL, &error);
  g_assert_no_error (error);
  pod = find_pod (pods, "pododdname0004");
  g_assert_nonnull (pod);
  g_assert_cmpstr (gantry_pod_get_name (pod), ==, ODD_NAME);
}

static void
test_get (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryPod) pod = get_pod (f, RUNNING_ID, &error);
  g_autoptr (JsonObject) request = sim_last_request (f);
  g_autoptr (GantryPod) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (gantry_pod_get_id (pod), ==, RUNNING_ID);
  g_assert_cmpstr (gantry_pod_get_name (pod), ==, "train");

  /* The id travels in the variables, never in the query text. */
  g_assert_cmpstr (json_object_get_string_member (
                     request_input (request, "input"), "podId"),
                   ==, RUNNING_ID);
  g_assert_null (strstr (request_query (request), RUNNING_ID));
  assert_key_only_in_header (f, request);

  missing = get_pod (f, "podnotthere000", &error);
  g_assert_null (missing);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_NOT_FOUND);
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryPod) pod = stop_pod (f, RUNNING_ID, &error);
  g_autoptr (JsonObject) request = sim_last_request (f);
  g_autoptr (JsonObject) after = gantry_test_sim_get_pod (f->sim, RUNNING_ID);

  g_assert_no_error (error);
  g_assert_cmpstr (gantry_pod_get_desired_status (pod), ==, "EXITED");
  g_assert_cmpstr (json_object_get_string_member (after, "desiredStatus"),
                   ==, "EXITED");
  g_assert_cmpstr (json_object_get_string_member (
                     request_input (request, "input"), "podId"),
                   ==, RUNNING_ID);
  g_assert_null (strstr (request_query (request), RUNNING_ID));
}

static void
test_resume (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryPod) pod = NULL;
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (JsonObject) after = NULL;
  JsonObject *input;

  gantry_client_resume_pod_async (f->client, EXITED_ID, 1, NULL,
                                  on_result_cb, &result);
  wait_for (&result);
  pod = gantry_client_resume_pod_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gantry_pod_get_desired_status (pod), ==, "RUNNING");

  after = gantry_test_sim_get_pod (f->sim, EXITED_ID);
  g_assert_cmpstr (json_object_get_string_member (after, "desiredStatus"),
                   ==, "RUNNING");

  /* podId and gpuCount, and no CUDA field: the server refuses one. */
  request = sim_last_request (f);
  input = request_input (request, "input");
  g_assert_cmpuint (json_object_get_size (input), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (input, "podId"), ==,
                   EXITED_ID);
  g_assert_cmpint (json_object_get_int_member (input, "gpuCount"), ==, 1);
}

static void
test_bid_resume (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryPod) pod = NULL;
  g_autoptr (JsonObject) request = NULL;
  g_autoptr (JsonObject) after = NULL;
  JsonObject *input;

  gantry_client_bid_resume_pod_async (f->client, SPOT_ID, 0.25, 2, NULL,
                                      on_result_cb, &result);
  wait_for (&result);
  pod = gantry_client_bid_resume_pod_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gantry_pod_get_desired_status (pod), ==, "RUNNING");

  after = gantry_test_sim_get_pod (f->sim, SPOT_ID);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (after,
                                                                 "costPerHr"),
                                  0.5, 0.001);

  request = sim_last_request (f);
  input = request_input (request, "input");
  g_assert_cmpuint (json_object_get_size (input), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (input, "podId"), ==,
                   SPOT_ID);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (input,
                                                                 "bidPerGpu"),
                                  0.25, 0.0001);
  g_assert_cmpint (json_object_get_int_member (input, "gpuCount"), ==, 2);
}

static void
test_terminate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) after = NULL;

  gantry_client_terminate_pod_async (f->client, RUNNING_ID, NULL,
                                     on_result_cb, &result);
  wait_for (&result);
  g_assert_true (gantry_client_terminate_pod_finish (f->client, result,
                                                     &error));
  g_assert_no_error (error);

  after = gantry_test_sim_get_pod (f->sim, RUNNING_ID);
  g_assert_null (after);
}

#define RTX_4090 "NVIDIA GeForce RTX 4090"
#define RTX_3090 "NVIDIA GeForce RTX 3090"
#define L40S     "NVIDIA L40S"

static JsonObject *
last_lowest_price_input (Fixture *f)
{
  g_autoptr (JsonObject) request = sim_last_request (f);

  return json_object_ref (request_input (request, "lp"));
}

static void
test_gpu_types_cloud (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GPtrArray) secure = list_gpu_types (f, 1, GANTRY_CLOUD_SECURE,
                                                 NULL);
  g_autoptr (JsonObject) secure_lp = last_lowest_price_input (f);
  g_autoptr (GPtrArray) community = NULL;
  g_autoptr (JsonObject) community_lp = NULL;
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (JsonObject) all_lp = NULL;
  GantryGpuType *type;

  g_assert_null (find_gpu_type (secure, "unknown"));
  type = find_gpu_type (secure, RTX_4090);
  g_assert_cmpfloat_with_epsilon (gantry_gpu_type_get_on_demand_price (type),
                                  0.69, 0.001);
  g_assert_cmpint (gantry_gpu_type_get_stock (type), ==, GANTRY_STOCK_HIGH);
  /* Offered on community cloud only. */
  type = find_gpu_type (secure, RTX_3090);
  g_assert_cmpint (gantry_gpu_type_get_stock (type), ==, GANTRY_STOCK_NONE);
  g_assert_true (json_object_get_boolean_member (secure_lp, "secureCloud"));
  g_assert_cmpint (json_object_get_int_member (secure_lp, "gpuCount"), ==, 1);
  g_assert_false (json_object_has_member (secure_lp, "allowedCudaVersions"));

  community = list_gpu_types (f, 1, GANTRY_CLOUD_COMMUNITY, NULL);
  community_lp = last_lowest_price_input (f);
  type = find_gpu_type (community, RTX_4090);
  g_assert_cmpfloat_with_epsilon (gantry_gpu_type_get_on_demand_price (type),
                                  0.34, 0.001);
  g_assert_cmpint (gantry_gpu_type_get_stock (find_gpu_type (community,
                                                             RTX_3090)),
                   ==, GANTRY_STOCK_MEDIUM);
  g_assert_false (json_object_get_boolean_member (community_lp,
                                                  "secureCloud"));

  all = list_gpu_types (f, 4, GANTRY_CLOUD_ALL, NULL);
  all_lp = last_lowest_price_input (f);
  g_assert_false (json_object_has_member (all_lp, "secureCloud"));
  g_assert_cmpint (json_object_get_int_member (all_lp, "gpuCount"), ==, 4);
  g_assert_nonnull (find_gpu_type (all, RTX_3090));
}

static void
test_gpu_types_cuda (Fixture       *f,
                     gconstpointer  data)
{
  const char * const cuda[] = { "12.9", "13.0", NULL };
  g_autoptr (GPtrArray) types = list_gpu_types (f, 1, GANTRY_CLOUD_SECURE,
                                                cuda);
  g_autoptr (JsonObject) lp = last_lowest_price_input (f);
  JsonArray *versions;

  /* The 4090's hosts run CUDA 12.8 at most; the L40S's run 12.9. */
  g_assert_cmpint (gantry_gpu_type_get_stock (find_gpu_type (types,
                                                             RTX_4090)),
                   ==, GANTRY_STOCK_NONE);
  g_assert_cmpint (gantry_gpu_type_get_stock (find_gpu_type (types, L40S)),
                   ==, GANTRY_STOCK_HIGH);

  versions = json_object_get_array_member (lp, "allowedCudaVersions");
  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (versions, 0), ==, "12.9");
  g_assert_cmpstr (json_array_get_string_element (versions, 1), ==, "13.0");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/client/endpoint/check", test_endpoint_check);
  g_test_add_func ("/gantry/client/endpoint/default", test_endpoint_default);
  g_test_add_func ("/gantry/client/session", test_session);

  client_fixture_add ("/gantry/client/list", test_list);
  client_fixture_add ("/gantry/client/list/odd-name", test_list_odd_name);
  client_fixture_add ("/gantry/client/connection-reuse",
                      test_connection_reuse);
  client_fixture_add ("/gantry/client/get", test_get);
  client_fixture_add ("/gantry/client/stop", test_stop);
  client_fixture_add ("/gantry/client/resume", test_resume);
  client_fixture_add ("/gantry/client/bid-resume", test_bid_resume);
  client_fixture_add ("/gantry/client/terminate", test_terminate);
  client_fixture_add ("/gantry/client/gpu-types/cloud", test_gpu_types_cloud);
  client_fixture_add ("/gantry/client/gpu-types/cuda", test_gpu_types_cuda);
  test_client_add_error_tests ();
  test_client_add_thread_tests ();

  client_fixture_start_sim ();
  status = g_test_run ();
  client_fixture_stop_sim ();

  return status;
}
