/* test-client-errors.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each error a person can run into, as the client reports it. */

#include "config.h"

#include <string.h>

#include "test-client-fixture.h"

void test_client_add_error_tests (void);

static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (JsonObject) request = NULL;

  f->faulted = TRUE;
  gantry_client_set_api_key (f->client, "rpa_NOTTHEKEY");
  assert_list_fails (f, GANTRY_API_ERROR_UNAUTHORIZED);

  request = sim_last_request (f);
  g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 401);

  /* A firewall's 403 reads the same way. */
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (f->sim));
  fault (f, "\"kind\": \"http\", \"status\": 403");
  assert_list_fails (f, GANTRY_API_ERROR_UNAUTHORIZED);
}

static void
test_no_key (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *key = g_strdup (gantry_test_sim_get_api_key (f->sim));
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryAccount) account = NULL;
  g_autoptr (JsonObject) request = NULL;

  /* The client keeps its own copy of the key. */
  gantry_client_set_api_key (f->client, key);
  memset (key, 'x', strlen (key));
  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);

  /* Forgotten: the server answers myself: null, with HTTP 200. */
  gantry_client_set_api_key (f->client, NULL);
  g_assert_false (gantry_client_has_api_key (f->client));
  g_clear_object (&account);
  account = get_account (f, &error);
  g_assert_null (account);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_UNAUTHORIZED);

  request = sim_last_request (f);
  g_assert_null (request_header (request, "authorization"));
  g_assert_cmpint (json_object_get_int_member (request, "status"), ==, 200);

  assert_list_fails (f, GANTRY_API_ERROR_UNAUTHORIZED);
}

static void
test_rate_limited (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) later = g_date_time_add_seconds (now, 90);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autofree char *json = NULL;
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

  /* Or a date. */
  g_clear_error (&error);
  json = g_strdup_printf ("\"kind\": \"http\", \"status\": 429,"
                          " \"headers\": {\"Retry-After\": \"%s\"}", date);
  fault (f, json);
  pods = list_pods (f, NULL, &error);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (gantry_api_error_get_retry_after (error), >, 0);
  g_assert_cmpint (gantry_api_error_get_retry_after (error), <=, 90);
}

static void
test_server_error (Fixture       *f,
                   gconstpointer  data)
{
  fault (f, "\"kind\": \"http\", \"status\": 502");
  assert_list_fails (f, GANTRY_API_ERROR_SERVER);
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
  g_autoptr (GPtrArray) pods = NULL;

  fault (f, json);
  pod = stop_pod (f, RUNNING_ID, &error);
  g_assert_null (pod);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_GRAPHQL);
  g_assert_cmpstr (error->message, ==, message);

  /* A 400 with GraphQL errors keeps the server's message too. */
  g_clear_error (&error);
  fault (f, "\"kind\": \"http\", \"status\": 400,"
            " \"content_type\": \"application/json\","
            " \"body\": {\"errors\": [{\"message\": \"Unknown field\"}]}");
  pods = list_pods (f, NULL, &error);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_GRAPHQL);
  g_assert_cmpstr (error->message, ==, "Unknown field");

  /* A server that quotes the key does not get it onto the screen. */
  g_clear_error (&error);
  g_clear_pointer (&json, g_free);
  json = g_strdup_printf ("\"kind\": \"graphql_error\", \"match\": \"podStop\","
                          " \"message\": \"Token %s is not valid; %s.\"",
                          gantry_test_sim_get_api_key (f->sim),
                          gantry_test_sim_get_api_key (f->sim));
  fault (f, json);
  g_clear_object (&pod);
  pod = stop_pod (f, RUNNING_ID, &error);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_GRAPHQL);
  g_assert_cmpstr (error->message, ==, "Token •••• is not valid; ••••.");

  /* An error without a readable message still is one. */
  fault (f, "\"kind\": \"http\", \"status\": 200,"
            " \"content_type\": \"application/json\","
            " \"body\": {\"data\": null, \"errors\": [{\"message\": 5}]}");
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
  f->client = gantry_client_new (session, gantry_test_sim_get_url (f->sim));
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (f->sim));

  fault (f, "\"kind\": \"delay\", \"delay\": 10");
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
  const char *proxy = gantry_test_sim_get_base_url (f->sim);
  g_autoptr (GProxyResolver) resolver = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryAccount) account = NULL;

  resolver = g_simple_proxy_resolver_new (proxy, NULL);
  g_object_set (f->session, "proxy-resolver", resolver, NULL);

  /* Allowed: plain http to loopback, and it does reach the proxy. */
  g_assert_finalize_object (f->client);
  f->client = gantry_client_new (f->session, "http://127.0.0.2:9/graphql");
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (f->sim));
  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gantry_test_sim_count_requests (f->sim), ==, 1);

  g_assert_finalize_object (f->client);
  f->client = gantry_client_new (f->session, "http://example.com/graphql");
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (f->sim));
  assert_list_fails (f, GANTRY_API_ERROR_INSECURE_ENDPOINT);
  g_assert_cmpuint (gantry_test_sim_count_requests (f->sim), ==, 1);
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

void
test_client_add_error_tests (void)
{
  client_fixture_add ("/gantry/client/error/wrong-key", test_wrong_key);
  client_fixture_add ("/gantry/client/error/no-key", test_no_key);
  client_fixture_add ("/gantry/client/error/rate-limited", test_rate_limited);
  client_fixture_add ("/gantry/client/error/server", test_server_error);
  client_fixture_add ("/gantry/client/error/html-page", test_html_page);
  client_fixture_add ("/gantry/client/error/truncated", test_truncated);
  client_fixture_add ("/gantry/client/error/wrong-shapes", test_wrong_shapes);
  client_fixture_add ("/gantry/client/error/graphql", test_graphql_error);
  client_fixture_add ("/gantry/client/error/apply-then-error",
                      test_apply_then_error);
  client_fixture_add ("/gantry/client/error/timeout", test_timeout);
  client_fixture_add ("/gantry/client/error/refused", test_refused);
  client_fixture_add ("/gantry/client/error/insecure", test_insecure);
  client_fixture_add ("/gantry/client/error/cancelled", test_cancelled);
}
