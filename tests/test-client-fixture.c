/* test-client-fixture.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-client-fixture.h"

#define DEADLINE_S 60

static GantryTestSim *shared_sim;

/* No demo pods: each test adds the ones it needs. */
void
client_fixture_start_sim (void)
{
  shared_sim = gantry_test_sim_start ((const char * const []) { "--pods", "0",
                                                                NULL });
}

void
client_fixture_stop_sim (void)
{
  g_clear_pointer (&shared_sim, gantry_test_sim_free);
}

void
client_fixture_add (const char *path,
                    void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down);
}


void
sim_add_pod (Fixture  *f,
             JsonNode *pod)
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
  json_object_unref (gantry_test_sim_control (f->sim, json));
}

JsonNode *
pod_json (const char *json)
{
  return json_from_string (json, NULL);
}

JsonObject *
sim_last_request (Fixture *f)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (f->sim);
  guint n = json_array_get_length (requests);

  g_assert_cmpuint (n, >, 0);
  return json_object_ref (json_array_get_object_element (requests, n - 1));
}

static void
add_fixture_pods (Fixture *f)
{
  sim_add_pod (f, pod_json ("{\"id\": \"" RUNNING_ID "\", \"name\": \"train\","
                         " \"gpuCount\": 2, \"_uptime\": 600,"
                         " \"ports\": \"8888/http,22/tcp\"}"));
  sim_add_pod (f, pod_json ("{\"id\": \"" EXITED_ID "\", \"name\": \"idle\","
                         " \"desiredStatus\": \"EXITED\"}"));
  sim_add_pod (f, pod_json ("{\"id\": \"" SPOT_ID "\", \"name\": \"cheap\","
                         " \"desiredStatus\": \"EXITED\", \"gpuCount\": 2,"
                         " \"podType\": \"INTERRUPTABLE\","
                         " \"lowestBidPriceToResume\": 0.2}"));
}

SoupSession *
new_session (guint timeout)
{
  SoupSession *session = gantry_client_new_session ();

  g_object_set (session, "proxy-resolver", NULL, "timeout", timeout, NULL);
  return session;
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->sim = shared_sim;
  json_object_unref (gantry_test_sim_control (f->sim, "{\"op\": \"reset\"}"));
  json_object_unref (gantry_test_sim_control (f->sim, "{\"op\": \"config\","
                                              " \"boot_seconds\": 0}"));
  add_fixture_pods (f);

  f->session = new_session (30);
  f->client = gantry_client_new (f->session,
                                 gantry_test_sim_get_url (f->sim));
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (f->sim));
}

/* Unless a test asked for faults, the simulator accepted every request:
 * nothing the client sends breaks the schema. */
void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (f->sim);

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

void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

void
wait_for (GAsyncResult **slot)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (*slot == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  g_assert_nonnull (*slot);
}

GPtrArray *
list_pods (Fixture        *f,
           GantryAccount **account,
           GError        **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_client_list_pods_async (f->client, NULL, on_result_cb, &result);
  wait_for (&result);
  return gantry_client_list_pods_finish (f->client, result, account, error);
}

GantryAccount *
get_account (Fixture  *f,
             GError  **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_client_get_account_async (f->client, NULL, on_result_cb, &result);
  wait_for (&result);
  return gantry_client_get_account_finish (f->client, result, error);
}

GantryPod *
get_pod (Fixture     *f,
         const char  *id,
         GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_client_get_pod_async (f->client, id, NULL, on_result_cb, &result);
  wait_for (&result);
  return gantry_client_get_pod_finish (f->client, result, error);
}

GantryPod *
stop_pod (Fixture     *f,
          const char  *id,
          GError     **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_client_stop_pod_async (f->client, id, NULL, on_result_cb, &result);
  wait_for (&result);
  return gantry_client_stop_pod_finish (f->client, result, error);
}

GPtrArray *
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

GantryPod *
find_pod (GPtrArray  *pods,
          const char *id)
{
  for (guint i = 0; i < pods->len; i++)
    if (g_str_equal (gantry_pod_get_id (g_ptr_array_index (pods, i)), id))
      return g_ptr_array_index (pods, i);

  return NULL;
}

GantryGpuType *
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

const char *
request_query (JsonObject *request)
{
  return json_object_get_string_member (json_object_get_object_member (
    request, "body"), "query");
}

JsonObject *
request_input (JsonObject *request,
               const char *name)
{
  JsonObject *body = json_object_get_object_member (request, "body");
  JsonObject *variables = json_object_get_object_member (body, "variables");

  return json_object_get_object_member (variables, name);
}

const char *
request_header (JsonObject *request,
                const char *name)
{
  JsonObject *headers = json_object_get_object_member (request, "headers");

  return json_object_get_string_member_with_default (headers, name, NULL);
}

/* The key is in the Authorization header and nowhere else. */
void
assert_key_only_in_header (Fixture    *f,
                           JsonObject *request)
{
  const char *key = gantry_test_sim_get_api_key (f->sim);
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

void
fault (Fixture    *f,
       const char *json)
{
  g_autofree char *command = g_strdup_printf ("{\"op\": \"fault\", %s}", json);

  f->faulted = TRUE;
  json_object_unref (gantry_test_sim_control (f->sim, command));
}

/* Lists pods and expects @code. */
void
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
  g_assert_null (strstr (error->message, gantry_test_sim_get_api_key (f->sim)));
}

