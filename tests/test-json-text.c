/* test-json-text.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The text reader that the pod list is read with: it must read what
 * json-glib reads, the same way, and take nothing that is not JSON. */

#include <string.h>

#include "model/gantry-json.h"
#include "model/gantry-json-text.h"

static const char sample_json[] =
  "{"
  "  \"int\": 3, \"float\": 1.5, \"negative\": -2, \"exp\": 2E2,"
  "  \"numeric_string\": \"0.74\", \"padded\": \" 2 \","
  "  \"int_string\": \"42\", \"float_int_string\": \"4.0\","
  "  \"word\": \"abc\", \"empty\": \"\", \"nan\": \"nan\","
  "  \"huge_string\": \"1e400\", \"huge\": 1e300, \"comma\": \"0,74\","
  "  \"big\": 123456789012345678901234,"
  "  \"tenth\": 0.1, \"minus_zero\": -0.0, \"cents\": 12.340,"
  "  \"fifteen\": 12345678901.2345, \"sixteen\": 1234567890123.456,"
  "  \"seventeen\": 0.30000000000000004, \"whole\": 900000000000000,"
  "  \"null\": null, \"true\": true, \"false_string\": \"false\","
  "  \"object\": { \"inner\": \"x\" }, \"array\": [ { \"a\": 1 }, 2, null ]"
  "}";

static const char *members[] = {
  "int", "float", "negative", "exp", "numeric_string", "padded",
  "int_string", "float_int_string", "word", "empty", "nan", "huge_string",
  "huge", "comma", "null", "true", "false_string", "object",
  "array", "missing", "tenth", "minus_zero", "cents", "fifteen", "sixteen",
  "seventeen", "whole",
};

static GantryJsonText *
read_text (const char *json)
{
  GantryJsonText *text = gantry_json_text_new (json, strlen (json));

  g_assert_nonnull (text);
  return text;
}

/* Every getter on every member, beside the json-glib readers. */
static void
test_same_as_tree (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GantryJsonText) text = read_text (sample_json);
  GantryJsonTextObject *t = gantry_json_text_get_root (text);
  JsonObject *o;

  json_parser_load_from_data (parser, sample_json, -1, NULL);
  o = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *m = members[i];

      g_test_message ("member %s", m);
      g_assert_cmpfloat (gantry_json_text_get_double (t, m, -7), ==,
                         gantry_json_get_double (o, m, -7));
      g_assert_cmpint (gantry_json_text_get_int (t, m, -7), ==,
                       gantry_json_get_int (o, m, -7));
      g_assert_cmpint (gantry_json_text_get_boolean (t, m, 2), ==,
                       gantry_json_get_boolean (o, m, 2));
      g_assert_cmpstr (gantry_json_text_get_string (t, m), ==,
                       gantry_json_get_string (o, m));
      g_assert_true ((gantry_json_text_get_object (t, m) == NULL)
                     == (gantry_json_get_object (o, m) == NULL));
      g_assert_true ((gantry_json_text_get_array (t, m) == NULL)
                     == (gantry_json_get_array (o, m) == NULL));
    }
}

static void
test_nested (void)
{
  g_autoptr (GantryJsonText) text = read_text (sample_json);
  GantryJsonTextObject *root = gantry_json_text_get_root (text);
  GantryJsonTextObject *object = gantry_json_text_get_object (root, "object");
  GantryJsonTextArray *array = gantry_json_text_get_array (root, "array");

  g_assert_cmpstr (gantry_json_text_get_string (object, "inner"), ==, "x");
  g_assert_cmpuint (gantry_json_text_array_get_length (array), ==, 3);

  /* Out of order, and past the end. */
  g_assert_null (gantry_json_text_array_get_object (array, 2));
  g_assert_cmpint (gantry_json_text_get_int (
                     gantry_json_text_array_get_object (array, 0), "a", 0),
                   ==, 1);
  g_assert_null (gantry_json_text_array_get_object (array, 1));
  g_assert_null (gantry_json_text_array_get_object (array, 3));
  g_assert_null (gantry_json_text_array_get_string (array, 0));

  /* An integer too big for 64 bits is still a number, but no integer
   * (json-glib reads it as neither). */
  g_assert_cmpfloat (gantry_json_text_get_double (root, "big", 0), >, 1e23);
  g_assert_cmpint (gantry_json_text_get_int (root, "big", 5), ==, 5);

  /* A missing object reads as empty, as gantry-json.h's do. */
  g_assert_null (gantry_json_text_get_string (NULL, "inner"));
  g_assert_cmpint (gantry_json_text_get_int (NULL, "a", 5), ==, 5);
  g_assert_cmpuint (gantry_json_text_array_get_length (NULL), ==, 0);
}

/* Two members of one name: the last one written counts, as in json-glib,
 * also when one of them is spelt with escapes; an object's members are
 * its own, not those of an object inside it. */
static void
test_same_name (void)
{
  static const char json[] =
    "{ \"a\": 1, \"b\": { \"a\": 5, \"c\": 6 }, \"\\u0061\": 2,"
    "  \"d\": [ { \"a\": 7 } ], \"a\": 3, \"e\": {} }";
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GantryJsonText) text = read_text (json);
  GantryJsonTextObject *root = gantry_json_text_get_root (text);
  GantryJsonTextObject *inner = gantry_json_text_get_object (root, "b");
  JsonObject *tree;

  json_parser_load_from_data (parser, json, -1, NULL);
  tree = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpint (gantry_json_text_get_int (root, "a", 0), ==, 3);
  g_assert_cmpint (gantry_json_get_int (tree, "a", 0), ==, 3);
  g_assert_cmpint (gantry_json_text_get_int (inner, "a", 0), ==, 5);
  g_assert_cmpint (gantry_json_text_get_int (inner, "c", 0), ==, 6);
  g_assert_cmpint (gantry_json_text_get_int (root, "c", -1), ==, -1);
  g_assert_cmpint (gantry_json_text_get_int (
                     gantry_json_text_get_object (root, "e"), "a", -1),
                   ==, -1);
  g_assert_null (gantry_json_text_get_string (root, "missing"));
}

static void
test_strings (void)
{
  g_autoptr (GantryJsonText) text =
    read_text ("{ \"env\": [ \"A=b\\\"c\\\\d\\/e\\n\", \"\\u00e9\\u20ac\","
               "  \"\\ud83d\\ude80\", \"\\ud83d!\", \"x\\u0000y\" ],"
               "  \"\\u006eame\": \"escaped name\","
               "  \"dup\": \"first\", \"dup\": \"second\","
               "  \"bad\": \"a\xff" "b\" }");
  GantryJsonTextObject *root = gantry_json_text_get_root (text);
  GantryJsonTextArray *env = gantry_json_text_get_array (root, "env");

  g_assert_cmpstr (gantry_json_text_array_get_string (env, 0), ==,
                   "A=b\"c\\d/e\n");
  g_assert_cmpstr (gantry_json_text_array_get_string (env, 1), ==,
                   "\xc3\xa9\xe2\x82\xac");
  /* A surrogate pair is one character; a lone one is replaced. */
  g_assert_cmpstr (gantry_json_text_array_get_string (env, 2), ==,
                   "\xf0\x9f\x9a\x80");
  g_assert_cmpstr (gantry_json_text_array_get_string (env, 3), ==,
                   "\xef\xbf\xbd!");
  g_assert_true (g_utf8_validate (gantry_json_text_array_get_string (env, 4),
                                  -1, NULL));

  g_assert_cmpstr (gantry_json_text_get_string (root, "name"), ==,
                   "escaped name");
  g_assert_cmpstr (gantry_json_text_get_string (root, "dup"), ==, "second");
  g_assert_cmpstr (gantry_json_text_get_string (root, "bad"), ==,
                   "a\xef\xbf\xbd" "b");
}

static void
test_not_json (void)
{
  static const char *texts[] = {
    "", " ", "[]", "null", "\"text\"", "{", "}", "{\"a\"}", "{\"a\":}",
    "{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}", "{\"a\":[1,]}", "{\"a\":01}",
    "{\"a\":1.}", "{\"a\":.5}", "{\"a\":-}", "{\"a\":1e}", "{\"a\":+1}",
    "{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{\"a\":\"x}",
    "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"tab\there\"}",
    "{a:1}", "{'a':1}", "{\"a\":1}x", "{\"a\":1}{}", "{\"a\":NaN}",
    "{\"a\":[}", "{\"a\":{]}", "{\"a\":1} // comment",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_test_message ("text %s", texts[i]);
      g_assert_null (gantry_json_text_new (texts[i], strlen (texts[i])));
    }

  /* Cut anywhere, a good object is no longer one. */
  for (gsize length = 0; length < strlen (sample_json); length++)
    g_assert_null (gantry_json_text_new (sample_json, length));
}

static GString *
nested_arrays (guint levels)
{
  GString *json = g_string_new ("{\"a\":");

  for (guint i = 0; i < levels; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < levels; i++)
    g_string_append_c (json, ']');
  g_string_append_c (json, '}');
  return json;
}

static void
test_depth (void)
{
  g_autoptr (GString) deep = nested_arrays (64);
  g_autoptr (GString) deeper = nested_arrays (65);
  g_autoptr (GString) abyss = nested_arrays (100000);
  g_autoptr (GantryJsonText) text = NULL;

  text = gantry_json_text_new (deep->str, deep->len);
  g_assert_nonnull (text);

  /* Deeper is refused, not followed down the stack. */
  g_assert_null (gantry_json_text_new (deeper->str, deeper->len));
  g_assert_null (gantry_json_text_new (abyss->str, abyss->len));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-text/same-as-tree", test_same_as_tree);
  g_test_add_func ("/json-text/nested", test_nested);
  g_test_add_func ("/json-text/same-name", test_same_name);
  g_test_add_func ("/json-text/strings", test_strings);
  g_test_add_func ("/json-text/not-json", test_not_json);
  g_test_add_func ("/json-text/depth", test_depth);

  return g_test_run ();
}
