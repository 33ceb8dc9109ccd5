/* test-client-pods.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pod list read a pod at a time (gantry-client-pods.c): the scan
 * finds data.myself.pods whatever the pods' text holds, leaves every other
 * reply to be parsed whole, and gives the same pods as a whole parse. */

#include "api/gantry-api-error.h"
#include "api/gantry-client-private.h"

/* Names that look like JSON: quotes, brackets, braces, commas, escapes. */
static const char tricky_reply[] =
  "{ \"data\" : {\n"
  "  \"myself\": { \"id\": \"u\\\"pods\\\": [\", \"clientBalance\": 1.5,\n"
  "    \"pods\" : [\n"
  "      { \"id\": \"a\", \"name\": \"x \\\" ] } { [ y\", \"env\": [\"K=[1]\"],"
  "        \"runtime\": null },\n"
  "      null,\n"
  "      {\"id\":\"b\",\"name\":\"\\u00e9 ,\\\\\",\"machine\":{\"location\":"
  "\"EU\"}}\n"
  "    ],\n"
  "    \"currentSpendPerHr\": 2 } } }";

static const char tricky_lifted[] =
  "{ \"data\" : {\n"
  "  \"myself\": { \"id\": \"u\\\"pods\\\": [\", \"clientBalance\": 1.5,\n"
  "    \"pods\" : [],\n"
  "    \"currentSpendPerHr\": 2 } } }";

static GBytes *
bytes (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

static char *
lifted_text (GBytes *lifted)
{
  gsize size;
  const char *data = g_bytes_get_data (lifted, &size);

  return g_strndup (data, size);
}

static void
test_tricky_names (void)
{
  g_autoptr (GBytes) body = bytes (tricky_reply);
  g_autoptr (GBytes) lifted = NULL;
  g_autoptr (GPtrArray) pods = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  lifted = _gantry_reply_lift_pods (body, &pods, &error);
  g_assert_nonnull (lifted);
  text = lifted_text (lifted);
  g_assert_cmpstr (text, ==, tricky_lifted);

  g_assert_no_error (error);
  g_assert_nonnull (pods);
  g_assert_cmpuint (pods->len, ==, 2);
  g_assert_cmpstr (gantry_pod_get_name (g_ptr_array_index (pods, 0)), ==,
                   "x \" ] } { [ y");
  g_assert_cmpstr (gantry_pod_get_env (g_ptr_array_index (pods, 0))[0], ==,
                   "K=[1]");
  g_assert_cmpstr (gantry_pod_get_id (g_ptr_array_index (pods, 1)), ==, "b");
  g_assert_cmpstr (gantry_pod_get_name (g_ptr_array_index (pods, 1)), ==,
                   "é ,\\");
  g_assert_cmpstr (gantry_pod_get_location (g_ptr_array_index (pods, 1)), ==,
                   "EU");
}

/* The reply to parse whole: errors, nulls, other shapes, broken text. */
static void
test_other_shapes (void)
{
  const char *replies[] = {
    "{\"errors\": [{\"message\": \"no\"}], \"data\": null}",
    "{\"data\": {\"myself\": null}}",
    "{\"data\": {\"myself\": {\"id\": \"u\", \"pods\": null}}}",
    "{\"data\": {\"myself\": {\"id\": \"u\"}}}",
    "[1, 2]",
    "<html><body>502</body></html>",
    "{\"data\": {\"myself\": {\"pods\": [{\"id\": \"a\"}, {\"id\": \"b",
    "{\"data\": {\"myself\": {\"pods\": [{\"id\": \"a\"} {\"id\": \"b\"}]}}}",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr (GBytes) body = bytes (replies[i]);
      g_autoptr (GPtrArray) pods = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) lifted = _gantry_reply_lift_pods (body, &pods,
                                                           &error);

      g_assert_null (lifted);
      g_assert_null (pods);
      g_assert_no_error (error);
    }
}

/* A pod the whole parse would refuse is refused here too. */
static void
test_bad_pods (void)
{
  const char *replies[] = {
    "{\"data\": {\"myself\": {\"pods\": [{\"id\": \"a\"}, {\"name\": 1}]}}}",
    "{\"data\": {\"myself\": {\"pods\": [{\"id\": \"a\"}, 42]}}}",
    "{\"data\": {\"myself\": {\"pods\": [{\"id\": \"a\"}, {\"id\":,}]}}}",
    /* A parse error in the middle of a character (é cut in half). */
    "{\"data\": {\"myself\": {\"pods\": [{\"id\": \xc3}]}}}",
    /* The first pod is the bad one; the array is still passed. */
    "{\"data\": {\"myself\": {\"pods\": [{\"name\": []}, {\"id\": \"b\"}],"
    " \"id\": \"u\"}}}",
    "{\"data\": {\"myself\": {\"pods\": [{\"id\": \"a\"}, [1], {\"id\": \"c\"}]}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
    {
      g_autoptr (GBytes) body = bytes (replies[i]);
      g_autoptr (GPtrArray) pods = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) lifted = _gantry_reply_lift_pods (body, &pods,
                                                           &error);

      g_assert_nonnull (lifted);
      g_assert_null (pods);
      g_assert_error (error, GANTRY_API_ERROR,
                      GANTRY_API_ERROR_INVALID_RESPONSE);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

static GPtrArray *
read_whole (GBytes *body)
{
  static const GantryOperation operation = {
    "myself", _gantry_reply_pods, (GDestroyNotify) g_ptr_array_unref,
    TRUE, FALSE
  };
  GantryCall call = { &operation, NULL };
  g_autoptr (JsonObject) data = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *pods;

  data = _gantry_reply_parse_data (body, &error);
  g_assert_no_error (error);
  pods = _gantry_reply_pods (&call, data, &error);
  g_assert_no_error (error);
  g_clear_object (&call.account);
  return pods;
}

/* The simulator's answer for the demo account, every field of its pods,
 * read from the text as the list is, and through json-glib's tree as a
 * single pod is. The fuzz corpus keeps it after a byte naming the call. */
static void
test_same_as_tree (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz",
                                                 "corpus", "reply",
                                                 "pods.json", NULL);
  g_autofree char *reply = NULL;
  gsize length;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) lifted = NULL;
  g_autoptr (GPtrArray) from_text = NULL;
  g_autoptr (GPtrArray) from_tree = NULL;
  g_autoptr (GError) error = NULL;

  g_file_get_contents (path, &reply, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reply[0], ==, 'P');
  body = g_bytes_new (reply + 1, length - 1);

  lifted = _gantry_reply_lift_pods (body, &from_text, &error);
  g_assert_nonnull (lifted);
  g_assert_no_error (error);
  from_tree = read_whole (body);

  g_assert_cmpuint (from_text->len, >, 5);
  g_assert_cmpuint (from_text->len, ==, from_tree->len);
  for (guint i = 0; i < from_text->len; i++)
    g_assert_false (gantry_pod_update_from (g_ptr_array_index (from_tree, i),
                                            g_ptr_array_index (from_text, i)));
}

static void
test_empty_list (void)
{
  g_autoptr (GBytes) body = bytes ("{\"data\":{\"myself\":{\"pods\":[ ]}}}");
  g_autoptr (GPtrArray) pods = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) lifted = _gantry_reply_lift_pods (body, &pods, &error);
  g_autofree char *text = lifted_text (lifted);

  g_assert_cmpstr (text, ==, "{\"data\":{\"myself\":{\"pods\":[]}}}");
  g_assert_no_error (error);
  g_assert_cmpuint (pods->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/client-pods/tricky-names", test_tricky_names);
  g_test_add_func ("/gantry/client-pods/other-shapes", test_other_shapes);
  g_test_add_func ("/gantry/client-pods/bad-pods", test_bad_pods);
  g_test_add_func ("/gantry/client-pods/empty-list", test_empty_list);
  g_test_add_func ("/gantry/client-pods/same-as-tree", test_same_as_tree);

  return g_test_run ();
}
