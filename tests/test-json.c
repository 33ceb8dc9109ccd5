/* test-json.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "model/gantry-json.h"

/* Every member a parser may meet, of every shape. */
static const char sample_json[] =
  "{"
  "  \"int\": 3, \"float\": 1.5, \"negative\": -2,"
  "  \"numeric_string\": \"0.74\", \"padded\": \" 2 \","
  "  \"int_string\": \"42\", \"float_int_string\": \"4.0\","
  "  \"word\": \"abc\", \"empty\": \"\", \"nan\": \"nan\","
  "  \"huge_string\": \"1e400\", \"huge\": 1e300, \"comma\": \"0,74\","
  "  \"null\": null, \"true\": true, \"false_string\": \"false\","
  "  \"object\": { \"inner\": \"x\" }, \"array\": [ { \"a\": 1 }, 2, null ]"
  "}";

static JsonObject *
parse_object (JsonParser *parser,
              const char *text)
{
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_double (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o = parse_object (parser, sample_json);

  g_assert_cmpfloat (gantry_json_get_double (o, "int", -1), ==, 3);
  g_assert_cmpfloat (gantry_json_get_double (o, "float", -1), ==, 1.5);
  g_assert_cmpfloat (gantry_json_get_double (o, "negative", 0), ==, -2);
  g_assert_cmpfloat (gantry_json_get_double (o, "numeric_string", -1),
                     ==, 0.74);
  g_assert_cmpfloat (gantry_json_get_double (o, "padded", -1), ==, 2);

  /* Not numbers: the fallback, quietly. */
  g_assert_cmpfloat (gantry_json_get_double (o, "word", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "empty", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "nan", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "huge_string", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "comma", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "null", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "missing", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "true", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "object", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (o, "array", -1), ==, -1);
  g_assert_cmpfloat (gantry_json_get_double (NULL, "int", -1), ==, -1);
}

static void
test_int (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o = parse_object (parser, sample_json);

  g_assert_cmpint (gantry_json_get_int (o, "int", -1), ==, 3);
  g_assert_cmpint (gantry_json_get_int (o, "float", -1), ==, 1);
  g_assert_cmpint (gantry_json_get_int (o, "int_string", -1), ==, 42);
  g_assert_cmpint (gantry_json_get_int (o, "float_int_string", -1), ==, 4);
  g_assert_cmpint (gantry_json_get_int (o, "huge", -1), ==, -1);
  g_assert_cmpint (gantry_json_get_int (o, "word", -1), ==, -1);
  g_assert_cmpint (gantry_json_get_int (o, "null", -1), ==, -1);
  g_assert_cmpint (gantry_json_get_int (o, "missing", -7), ==, -7);
  g_assert_cmpint (gantry_json_get_int (o, "object", -1), ==, -1);
}

static void
test_string_and_boolean (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o = parse_object (parser, sample_json);

  g_assert_cmpstr (gantry_json_get_string (o, "word"), ==, "abc");
  g_assert_cmpstr (gantry_json_get_string (o, "empty"), ==, "");
  g_assert_null (gantry_json_get_string (o, "int"));
  g_assert_null (gantry_json_get_string (o, "null"));
  g_assert_null (gantry_json_get_string (o, "missing"));
  g_assert_null (gantry_json_get_string (o, "object"));
  g_assert_null (gantry_json_get_string (NULL, "word"));

  g_assert_true (gantry_json_get_boolean (o, "true", FALSE));
  g_assert_false (gantry_json_get_boolean (o, "false_string", TRUE));
  g_assert_true (gantry_json_get_boolean (o, "int", TRUE));
  g_assert_false (gantry_json_get_boolean (o, "int", FALSE));
  g_assert_false (gantry_json_get_boolean (o, "null", FALSE));
  g_assert_true (gantry_json_get_boolean (o, "missing", TRUE));
}

static void
test_containers (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o = parse_object (parser, sample_json);
  JsonArray *array;

  g_assert_nonnull (gantry_json_get_object (o, "object"));
  g_assert_cmpstr (gantry_json_get_string (gantry_json_get_object (o,
                                                                   "object"),
                                           "inner"), ==, "x");
  g_assert_null (gantry_json_get_object (o, "array"));
  g_assert_null (gantry_json_get_object (o, "null"));
  g_assert_null (gantry_json_get_object (o, "missing"));
  g_assert_null (gantry_json_get_object (o, "word"));
  g_assert_null (gantry_json_get_object (NULL, "object"));

  array = gantry_json_get_array (o, "array");
  g_assert_nonnull (array);
  g_assert_null (gantry_json_get_array (o, "object"));
  g_assert_null (gantry_json_get_array (o, "null"));
  g_assert_null (gantry_json_get_array (o, "missing"));

  g_assert_nonnull (gantry_json_array_get_object (array, 0));
  g_assert_null (gantry_json_array_get_object (array, 1));
  g_assert_null (gantry_json_array_get_object (array, 2));
  g_assert_null (gantry_json_array_get_object (array, 3));
  g_assert_null (gantry_json_array_get_object (NULL, 0));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/json/double", test_double);
  g_test_add_func ("/gantry/json/int", test_int);
  g_test_add_func ("/gantry/json/string-and-boolean",
                   test_string_and_boolean);
  g_test_add_func ("/gantry/json/containers", test_containers);

  return g_test_run ();
}
