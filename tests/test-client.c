/* test-client.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The RunPod client against the simulator: each operation, each error a
 * person can run into, and what went over the wire. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "api/gantry-client.h"
#include "gantry-test-sim.h"

#define DEADLINE_S 60

#define RUNNING_ID "podrunning0001"
#define EXITED_ID  "podexited00002"
#define SPOT_ID    "podspotexit003"
#define ODD_NAME   "say \"hi\" \\ back\nslash 🚀 end"

static GantryTestSim *sim;

typedef struct
{
  SoupSession  *session;
  GantryClient *client;
  gboolean      faulted;  /* failed statuses are the point of the test */
} Fixture;

/* The simulator */

static void
sim_add_pod (JsonNode *pod)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) command = NULL;
  g_autofree char *json = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "add_pod");
  json_builder_set_member_name (builder, "pod");
  json_builder_add_value (builder, pod);
  json_builder_end_object (builder);

  command = json_builder_get_root (builder);
  json = json_to_string (command, FALSE);
  json_object_unref (gantry_test_sim_control (sim, json));
}

static JsonNode *
pod_json (const char *json)
{
  return json_from_string (json, NULL);
}

static JsonObject *
sim_last_request (void)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint n = json_array_get_length (requests);

  g_assert_cmpuint (n, >, 0);
  return json_object_ref (json_array_get_object_element (requests, n - 1));
}

static void
add_fixture_pods (void)
{
  sim_add_pod (pod_json ("{\"id\": \"" RUNNING_ID "\", \"name\": \"train\","
                         " \"gpuCount\": 2, \"_uptime\": 600,"
                         " \"ports\": \"8888/http,22/tcp\"}"));
  sim_add_pod (pod_json ("{\"id\": \"" EXITED_ID "\", \"name\": \"idle\","
                         " \"desiredStatus\": \"EXITED\"}"));
  sim_add_pod (pod_json ("{\"id\": \"" SPOT_ID "\", \"name\": \"cheap\","
                         " \"desiredStatus\": \"EXITED\", \"gpuCount\": 2,"
                         " \"podType\": \"INTERRUPTABLE\","
                         " \"lowestBidPriceToResume\": 0.2}"));
}

static SoupSession *
new_session (guint timeout)
{
  SoupSession *session = gantry_client_new_session ();

  g_object_set (session, "proxy-resolver", NULL, "timeout", timeout, NULL);
  return session;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  json_object_unref (gantry_test_sim_control (sim, "{\"op\": \"reset\"}"));
  json_object_unref (gantry_test_sim_control (sim, "{\"op\": \"config\","
                                              " \"boot_seconds\": 0}"));
  add_fixture_pods ();

  f->session = new_session (30);
  f->client = gantry_client_new (f->session, gantry_test_sim_get_url (sim));
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));
}

/* Unless a test asked for faults, the simulator accepted every request:
 * nothing the client sends breaks the schema. */
static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);

  for (guint i = 0; !f->faulted && i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);

      g_assert_cmpint (json_object_get_int_member (request, "status"), ==,
                       200);
    }

  g_assert_finalize_object (f->client);
  g_clear_object (&f->session);
}

/* Waiting for results */

static gboolean
tick_cb (gpointer unused)
{
  return G_SOURCE_CONTINUE;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

static void
wait_for (GAsyncResult **slot)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (*slot == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  g_assert_nonnull (*slot);
}

static GPtrArray *
list_pods (Fixture        *f,
           GantryAccount **account,
           GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_client_list_pods_async (f->client, NULL, on_result_cb, &result);
  wait_for (&result);
  return gantry_client_list_pods_finish (f->client, result, account, error);
}

static GantryAccount *
get_account (Fixture  *f,
             GError  **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_client_get_account_async (f->client, NULL, on_result_cb, &result);
  wait_for (&result);
  return gantry_client_get_account_finish (f->client, result, error);
}

static GantryPod *
get_pod (Fixture     *f,
         const char  *id,
         GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_client_get_pod_async (f->client, id, NULL, on_result_cb, &result);
  wait_for (&result);
  return gantry_client_get_pod_finish (f->client, result, error);
}

static GantryPod *
stop_pod (Fixture     *f,
          const char  *id,
          GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_client_stop_pod_async (f->client, id, NULL, on_result_cb, &result);
  wait_for (&result);
  return gantry_client_stop_pod_finish (f->client, result, error);
}

static GPtrArray *
list_gpu_types (Fixture            *f,
                int                 gpu_count,
                GantryCloud         cloud,
                const char * const *cuda_versions)
{
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *types;

  gantry_client_list_gpu_types_async (f->client, gpu_count, cloud,
                                      cuda_versions, NULL, on_result_cb,
                                      &result);
  wait_for (&result);
  types = gantry_client_list_gpu_types_finish (f->client, result, &error);
  g_assert_no_error (error);
  return types;
}

static GantryPod *
find_pod (GPtrArray  *pods,
          const char *id)
{
  for (guint i = 0; i < pods->len; i++)
    if (g_str_equal (gantry_pod_get_id (g_ptr_array_index (pods, i)), id))
      return g_ptr_array_index (pods, i);

  return NULL;
}

static GantryGpuType *
find_gpu_type (GPtrArray  *types,
               const char *id)
{
  for (guint i = 0; i < types->len; i++)
    {
      GantryGpuType *type = g_ptr_array_index (types, i);

      if (g_str_equal (gantry_gpu_type_get_id (type), id))
        return type;
    }

  return NULL;
}

/* What went over the wire */

static const char *
request_query (JsonObject *request)
{
  return json_object_get_string_member (json_object_get_object_member (
    request, "body"), "query");
}

static JsonObject *
request_input (JsonObject *request,
               const char *name)
{
  JsonObject *body = json_object_get_object_member (request, "body");
  JsonObject *variables = json_object_get_object_member (body, "variables");

  return json_object_get_object_member (variables, name);
}

static const char *
request_header (JsonObject *request,
                const char *name)
{
  JsonObject *headers = json_object_get_object_member (request, "headers");

  return json_object_get_string_member_with_default (headers, name, NULL);
}

/* The key is in the Authorization header and nowhere else. */
static void
assert_key_only_in_header (JsonObject *request)
{
  const char *key = gantry_test_sim_get_api_key (sim);
  g_autofree char *bearer = g_strconcat ("Bearer ", key, NULL);
  g_autoptr (JsonNode) body = NULL;
  g_autofree char *body_text = NULL;
  JsonObject *headers = json_object_get_object_member (request, "headers");
  g_autoptr (GList) names = json_object_get_members (headers);

  g_assert_cmpstr (request_header (request, "authorization"), ==, bearer);
  g_assert_null (strstr (json_object_get_string_member (request, "path"),
                         key));

  body = json_node_init_object (json_node_alloc (),
                                json_object_get_object_member (request,
                                                               "body"));
  body_text = json_to_string (body, FALSE);
  g_assert_null (strstr (body_text, key));

  for (GList *l = names; l != NULL; l = l->next)
    if (!g_str_equal (l->data, "authorization"))
      g_assert_null (strstr (json_object_get_string_member (headers, l->data),
                             key));
}

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

  json_object_unref (gantry_test_sim_control (sim, "{\"op\": \"config\","
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
  g_assert_cmpuint (gantry_test_sim_count_requests (sim), ==, 1);
  request = sim_last_request ();
  assert_key_only_in_header (request);
  g_assert_cmpstr (json_object_get_string_member (request, "method"), ==,
                   "POST");
  g_assert_true (g_str_has_prefix (request_header (request, "content-type"),
                                   "application/json"));
  g_assert_cmpstr (request_header (request, "user-agent"), ==,
                   "Gantry/" PACKAGE_VERSION);
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
  sim_add_pod (json_builder_get_root (builder));

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
  g_autoptr (JsonObject) request = sim_last_request ();
  g_autoptr (GantryPod) missing = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (gantry_pod_get_id (pod), ==, RUNNING_ID);
  g_assert_cmpstr (gantry_pod_get_name (pod), ==, "train");

  /* The id travels in the variables, never in the query text. */
  g_assert_cmpstr (json_object_get_string_member (
                     request_input (request, "input"), "podId"),
                   ==, RUNNING_ID);
  g_assert_null (strstr (request_query (request), RUNNING_ID));
  assert_key_only_in_header (request);

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
  g_autoptr (JsonObject) request = sim_last_request ();
  g_autoptr (JsonObject) after = gantry_test_sim_get_pod (sim, RUNNING_ID);

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

  after = gantry_test_sim_get_pod (sim, EXITED_ID);
  g_assert_cmpstr (json_object_get_string_member (after, "desiredStatus"),
                   ==, "RUNNING");

  /* podId and gpuCount, and no CUDA field: the server refuses one. */
  request = sim_last_request ();
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

  after = gantry_test_sim_get_pod (sim, SPOT_ID);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (after,
                                                                 "costPerHr"),
                                  0.5, 0.001);

  request = sim_last_request ();
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

  after = gantry_test_sim_get_pod (sim, RUNNING_ID);
  g_assert_null (after);
}

#define RTX_4090 "NVIDIA GeForce RTX 4090"
#define RTX_3090 "NVIDIA GeForce RTX 3090"
#define L40S     "NVIDIA L40S"

static JsonObject *
last_lowest_price_input (void)
{
  g_autoptr (JsonObject) request = sim_last_request ();

  return json_object_ref (request_input (request, "lp"));
}

static void
test_gpu_types_cloud (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (GPtrArray) secure = list_gpu_types (f, 1, GANTRY_CLOUD_SECURE,
                                                 NULL);
  g_autoptr (JsonObject) secure_lp = last_lowest_price_input ();
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
  community_lp = last_lowest_price_input ();
  type = find_gpu_type (community, RTX_4090);
  g_assert_cmpfloat_with_epsilon (gantry_gpu_type_get_on_demand_price (type),
                                  0.34, 0.001);
  g_assert_cmpint (gantry_gpu_type_get_stock (find_gpu_type (community,
                                                             RTX_3090)),
                   ==, GANTRY_STOCK_MEDIUM);
  g_assert_false (json_object_get_boolean_member (community_lp,
                                                  "secureCloud"));

  all = list_gpu_types (f, 4, GANTRY_CLOUD_ALL, NULL);
  all_lp = last_lowest_price_input ();
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
  g_autoptr (JsonObject) lp = last_lowest_price_input ();
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

/* Errors */

static void
fault (Fixture    *f,
       const char *json)
{
  g_autofree char *command = g_strdup_printf ("{\"op\": \"fault\", %s}", json);

  f->faulted = TRUE;
  json_object_unref (gantry_test_sim_control (sim, command));
}

/* Lists pods and expects @code. */
static void
assert_list_fails (Fixture *f,
                   int      code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryAccount) account = NULL;
  g_autoptr (GPtrArray) pods = list_pods (f, &account, &error);

  g_assert_null (pods);
  g_assert_null (account);
  g_assert_error (error, GANTRY_API_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_null (strstr (error->message, gantry_test_sim_get_api_key (sim)));
}

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (JsonObject) request = NULL;

  f->faulted = TRUE;
  gantry_client_set_api_key (f->client, "rpa_NOTTHEKEY");
  assert_list_fails (f, GANTRY_API_ERROR_UNAUTHORIZED);

  request = sim_last_request ();
  g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 401);
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryAccount) account = get_account (f, &error);
  g_autoptr (JsonObject) request = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (account);

  /* Forgotten: the server answers myself: null, with HTTP 200. */
  gantry_client_set_api_key (f->client, NULL);
  g_assert_false (gantry_client_has_api_key (f->client));
  g_clear_object (&account);
  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_UNAUTHORIZED);

  request = sim_last_request ();
  g_assert_null (request_header (request, "authorization"));
  g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 200);

  assert_list_fails (f, GANTRY_API_ERROR_UNAUTHORIZED);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pods = NULL;

  fault (f, "\"kind\": \"http\", \"status\": 429,"
            " \"headers\": {\"Retry-After\": \"17\"}");
  pods = list_pods (f, NULL, &error);
  g_assert_null (pods);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (gantry_api_error_get_retry_after (error), ==, 17);

  /* Without Retry-After the wait is unknown. */
  g_clear_error (&error);
  fault (f, "\"kind\": \"http\", \"status\": 429");
  pods = list_pods (f, NULL, &error);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (gantry_api_error_get_retry_after (error), ==, -1);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  fault (f, "\"kind\": \"http\", \"status\": 502");
  assert_list_fails (f, GANTRY_API_ERROR_SERVER);

  fault (f, "\"kind\": \"http\", \"status\": 403");
  assert_list_fails (f, GANTRY_API_ERROR_UNAUTHORIZED);
}

static void
test_html_page (Fixture       *f,
                gconstpointer  data)
{
  fault (f, "\"kind\": \"http\", \"status\": 200,"
            " \"body\": \"<html><body>Sign in to the Wi-Fi</body></html>\"");
  assert_list_fails (f, GANTRY_API_ERROR_INVALID_RESPONSE);
}

static void
test_truncated (Fixture       *f,
                gconstpointer  data)
{
  fault (f, "\"kind\": \"truncate\"");
  assert_list_fails (f, GANTRY_API_ERROR_INVALID_RESPONSE);
}

static void
test_wrong_shapes (Fixture       *f,
                   gconstpointer  data)
{
  const char *shapes[] = {
    "missing_data", "data_not_object", "list_as_object", "object_as_list",
    "null_leaves", "string_as_number", "not_json",
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pods = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *json = g_strdup_printf ("\"kind\": \"wrong_shape\","
                                               " \"shape\": \"%s\"",
                                               shapes[i]);

      g_test_message ("shape %s", shapes[i]);
      fault (f, json);
      assert_list_fails (f, GANTRY_API_ERROR_INVALID_RESPONSE);
    }

  /* Numbers sent as strings are read as numbers. */
  fault (f, "\"kind\": \"wrong_shape\", \"shape\": \"number_as_string\"");
  pods = list_pods (f, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gantry_pod_get_gpu_count (find_pod (pods, RUNNING_ID)),
                   ==, 2);
}

static void
test_graphql_error (Fixture       *f,
                    gconstpointer  data)
{
  const char *message = "There are not enough free GPUs on the host "
                        "machine to start this pod.";
  g_autofree char *json = g_strdup_printf ("\"kind\": \"graphql_error\","
                                           " \"match\": \"podStop\","
                                           " \"message\": \"%s\"", message);
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryPod) pod = NULL;

  fault (f, json);
  pod = stop_pod (f, RUNNING_ID, &error);
  g_assert_null (pod);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_GRAPHQL);
  g_assert_cmpstr (error->message, ==, message);

  /* A 400 with GraphQL errors keeps the server's message too. */
  fault (f, "\"kind\": \"http\", \"status\": 400,"
            " \"content_type\": \"application/json\","
            " \"body\": {\"errors\": [{\"message\": \"Unknown field\"}]}");
  assert_list_fails (f, GANTRY_API_ERROR_GRAPHQL);
}

/* The mutation took effect although the server reported an error: the
 * error reaches the caller, and a re-read shows what really happened. */
static void
test_apply_then_error (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryPod) stopped = NULL;
  g_autoptr (GantryPod) pod = NULL;

  fault (f, "\"kind\": \"apply_then_error\", \"match\": \"podStop\"");
  stopped = stop_pod (f, RUNNING_ID, &error);
  g_assert_null (stopped);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_GRAPHQL);
  g_clear_error (&error);

  pod = get_pod (f, RUNNING_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gantry_pod_get_desired_status (pod), ==, "EXITED");
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr (SoupSession) session = new_session (1);

  g_assert_finalize_object (f->client);
  f->client = gantry_client_new (session, gantry_test_sim_get_url (sim));
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));

  fault (f, "\"kind\": \"delay\", \"delay\": 4");
  assert_list_fails (f, GANTRY_API_ERROR_TIMEOUT);
}

static guint16
closed_port (void)
{
  g_autoptr (GSocket) socket = NULL;
  g_autoptr (GInetAddress) loopback = NULL;
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSocketAddress) bound = NULL;
  g_autoptr (GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  address = g_inet_socket_address_new (loopback, 0);
  g_socket_bind (socket, address, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);

  /* Bound but not listening: connecting to it is refused. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/graphql",
                                          closed_port ());

  g_assert_finalize_object (f->client);
  f->client = gantry_client_new (f->session, url);
  assert_list_fails (f, GANTRY_API_ERROR_NETWORK);
}

/* The session sends everything through the simulator as an HTTP proxy,
 * so a request to any host would be recorded there. */
static void
test_insecure (Fixture       *f,
               gconstpointer  data)
{
  const char *proxy = gantry_test_sim_get_base_url (sim);
  g_autoptr (GProxyResolver) resolver = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryAccount) account = NULL;

  resolver = g_simple_proxy_resolver_new (proxy, NULL);
  g_object_set (f->session, "proxy-resolver", resolver, NULL);

  /* Allowed: plain http to loopback, and it does reach the proxy. */
  g_assert_finalize_object (f->client);
  f->client = gantry_client_new (f->session, "http://127.0.0.2:9/graphql");
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));
  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gantry_test_sim_count_requests (sim), ==, 1);

  g_assert_finalize_object (f->client);
  f->client = gantry_client_new (f->session, "http://example.com/graphql");
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));
  assert_list_fails (f, GANTRY_API_ERROR_INSECURE_ENDPOINT);
  g_assert_cmpuint (gantry_test_sim_count_requests (sim), ==, 1);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pods = NULL;

  fault (f, "\"kind\": \"delay\", \"delay\": 2");
  gantry_client_list_pods_async (f->client, cancellable, on_result_cb,
                                 &result);
  g_cancellable_cancel (cancellable);
  wait_for (&result);
  pods = gantry_client_list_pods_finish (f->client, result, NULL, &error);
  g_assert_null (pods);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
add_test (const char *path,
          void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
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

  add_test ("/gantry/client/list", test_list);
  add_test ("/gantry/client/list/odd-name", test_list_odd_name);
  add_test ("/gantry/client/get", test_get);
  add_test ("/gantry/client/stop", test_stop);
  add_test ("/gantry/client/resume", test_resume);
  add_test ("/gantry/client/bid-resume", test_bid_resume);
  add_test ("/gantry/client/terminate", test_terminate);
  add_test ("/gantry/client/gpu-types/cloud", test_gpu_types_cloud);
  add_test ("/gantry/client/gpu-types/cuda", test_gpu_types_cuda);

  add_test ("/gantry/client/error/wrong-key", test_wrong_key);
  add_test ("/gantry/client/error/no-key", test_no_key);
  add_test ("/gantry/client/error/rate-limited", test_rate_limited);
  add_test ("/gantry/client/error/server", test_server_error);
  add_test ("/gantry/client/error/html-page", test_html_page);
  add_test ("/gantry/client/error/truncated", test_truncated);
  add_test ("/gantry/client/error/wrong-shapes", test_wrong_shapes);
  add_test ("/gantry/client/error/graphql", test_graphql_error);
  add_test ("/gantry/client/error/apply-then-error", test_apply_then_error);
  add_test ("/gantry/client/error/timeout", test_timeout);
  add_test ("/gantry/client/error/refused", test_refused);
  add_test ("/gantry/client/error/insecure", test_insecure);
  add_test ("/gantry/client/error/cancelled", test_cancelled);

  /* No demo pods: each test adds the ones it needs. */
  sim = gantry_test_sim_start ((const char * const []) { "--pods", "0",
                                                         NULL });
  status = g_test_run ();
  gantry_test_sim_free (sim);

  return status;
}
