/* test-error-text.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "api/gantry-api-error.h"
#include "ui/gantry-error-text.h"

static const GantryApiError all_codes[] = {
  GANTRY_API_ERROR_UNAUTHORIZED,
  GANTRY_API_ERROR_RATE_LIMITED,
  GANTRY_API_ERROR_NETWORK,
  GANTRY_API_ERROR_TIMEOUT,
  GANTRY_API_ERROR_SERVER,
  GANTRY_API_ERROR_GRAPHQL,
  GANTRY_API_ERROR_INVALID_RESPONSE,
  GANTRY_API_ERROR_NOT_FOUND,
  GANTRY_API_ERROR_INSECURE_ENDPOINT,
};

static GError *
api_error (GantryApiError  code,
           const char     *message)
{
  return g_error_new_literal (GANTRY_API_ERROR, code, message);
}

/* Every code has its own title and advice: a person can tell a rejected
 * key from a network problem without reading the technical message. */
static void
test_each_code_is_specific (void)
{
  g_autoptr (GHashTable) titles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) advices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GError) other = g_error_new_literal (G_IO_ERROR,
                                                  G_IO_ERROR_FAILED,
                                                  "disk on fire");
  g_autofree char *generic_title = gantry_error_text_title (other);
  g_autofree char *generic_advice = gantry_error_text_advice (other);
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);

  g_hash_table_add (titles, generic_title);
  g_hash_table_add (advices, generic_advice);

  for (gsize i = 0; i < G_N_ELEMENTS (all_codes); i++)
    {
      g_autoptr (GError) error = api_error (all_codes[i],
                                          "technical details");
      char *title = gantry_error_text_title (error);
      char *advice = gantry_error_text_advice (error);

      g_ptr_array_add (keep, title);
      g_ptr_array_add (keep, advice);
      g_assert_nonnull (title);
      g_assert_nonnull (advice);
      g_assert_cmpuint (strlen (title), >, 10);
      g_assert_cmpuint (strlen (advice), >, 10);
      g_assert_false (g_hash_table_contains (titles, title));
      g_assert_false (g_hash_table_contains (advices, advice));
      g_hash_table_add (titles, title);
      g_hash_table_add (advices, advice);
    }
}

static void
test_unauthorized (void)
{
  g_autoptr (GError) error = api_error (GANTRY_API_ERROR_UNAUTHORIZED,
                                        "HTTP 401");
  g_autofree char *title = gantry_error_text_title (error);
  g_autofree char *advice = gantry_error_text_advice (error);

  g_assert_cmpstr (title, ==, "RunPod rejected the API key");
  g_assert_nonnull (strstr (advice, "another key"));
}

static void
test_rate_limited (void)
{
  g_autoptr (GError) error = api_error (GANTRY_API_ERROR_RATE_LIMITED,
                                        "HTTP 429");
  g_autoptr (GError) one = api_error (GANTRY_API_ERROR_RATE_LIMITED, "");
  g_autoptr (GError) unknown = api_error (GANTRY_API_ERROR_RATE_LIMITED, "");
  g_autofree char *advice = NULL;
  g_autofree char *advice_one = NULL;
  g_autofree char *advice_unknown = NULL;

  _gantry_api_error_set_retry_after (error, 7);
  _gantry_api_error_set_retry_after (one, 1);
  advice = gantry_error_text_advice (error);
  advice_one = gantry_error_text_advice (one);
  advice_unknown = gantry_error_text_advice (unknown);

  g_assert_cmpstr (advice, ==, "Gantry will try again in 7 seconds.");
  g_assert_cmpstr (advice_one, ==, "Gantry will try again in 1 second.");
  g_assert_null (strstr (advice_unknown, "-1"));
  g_assert_cmpstr (advice_unknown, !=, advice);
}

static void
test_graphql_keeps_message (void)
{
  const char *message = "Bid “too low”: \\ minimum is $0.20 🚀";
  g_autoptr (GError) error = api_error (GANTRY_API_ERROR_GRAPHQL, message);
  g_autofree char *title = gantry_error_text_title (error);
  g_autofree char *advice = gantry_error_text_advice (error);

  g_assert_cmpstr (title, ==, "RunPod refused the request");
  /* The server's words, then Gantry's own, which are translated. */
  g_assert_true (g_str_has_prefix (advice, message));
  g_assert_nonnull (strstr (advice, "check the RunPod console"));
}

static void
assert_hint (const char *message,
             const char *expected)
{
  g_autoptr (GError) error = api_error (GANTRY_API_ERROR_GRAPHQL, message);
  g_autofree char *advice = gantry_error_text_advice (error);

  g_assert_true (g_str_has_prefix (advice, message));
  g_assert_nonnull (strstr (advice, expected));
}

static void
test_graphql_hints (void)
{
  assert_hint ("There are no longer any instances available with the "
               "requested specifications. Please refresh and try again.",
               "another GPU type");
  assert_hint ("There are no instances available with the request "
               "specifications. Please try again later.",
               "another GPU type");
  assert_hint ("Cannot resume a spot pod as an on demand pod.",
               "with a bid");
  assert_hint ("There are not enough free GPUs on the host machine to "
               "start this pod.",
               "create a new pod");
}

static void
test_graphql_empty_message (void)
{
  g_autoptr (GError) error = api_error (GANTRY_API_ERROR_GRAPHQL, "");
  g_autofree char *advice = gantry_error_text_advice (error);

  g_assert_cmpuint (strlen (advice), >, 10);
}

static void
test_server_links_status_page (void)
{
  g_autoptr (GError) error = api_error (GANTRY_API_ERROR_SERVER, "HTTP 502");
  g_autofree char *advice = gantry_error_text_advice (error);

  g_assert_nonnull (strstr (advice, "https://uptime.runpod.io"));
}

static void
test_cancelled_says_nothing (void)
{
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR,
                                                  G_IO_ERROR_CANCELLED,
                                                  "Operation was cancelled");

  g_assert_null (gantry_error_text_title (error));
  g_assert_null (gantry_error_text_advice (error));
}

static void
test_other_domain_is_honest (void)
{
  g_autoptr (GError) error = g_error_new_literal (G_IO_ERROR,
                                                  G_IO_ERROR_PERMISSION_DENIED,
                                                  "Permission denied");
  g_autoptr (GError) unknown_code = api_error (99, "odd");
  g_autofree char *title = gantry_error_text_title (error);
  g_autofree char *advice = gantry_error_text_advice (error);
  g_autofree char *odd_advice = gantry_error_text_advice (unknown_code);

  g_assert_cmpuint (strlen (title), >, 0);
  g_assert_nonnull (strstr (advice, "Permission denied"));
  g_assert_nonnull (strstr (odd_advice, "odd"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/error-text/each-code-is-specific",
                   test_each_code_is_specific);
  g_test_add_func ("/gantry/error-text/unauthorized", test_unauthorized);
  g_test_add_func ("/gantry/error-text/rate-limited", test_rate_limited);
  g_test_add_func ("/gantry/error-text/graphql-keeps-message",
                   test_graphql_keeps_message);
  g_test_add_func ("/gantry/error-text/graphql-hints", test_graphql_hints);
  g_test_add_func ("/gantry/error-text/graphql-empty-message",
                   test_graphql_empty_message);
  g_test_add_func ("/gantry/error-text/server-links-status-page",
                   test_server_links_status_page);
  g_test_add_func ("/gantry/error-text/cancelled-says-nothing",
                   test_cancelled_says_nothing);
  g_test_add_func ("/gantry/error-text/other-domain-is-honest",
                   test_other_domain_is_honest);

  return g_test_run ();
}
