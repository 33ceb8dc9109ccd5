/* test-account.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "model/gantry-account.h"

static GantryAccount *
account_from_text (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GantryAccount *account;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  account = gantry_account_new_from_json (
    json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);

  return account;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *names)
{
  g_string_append_printf (names, "%s;", pspec->name);
}

static void
test_parse_fixture (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryAccount) account = NULL;
  g_autofree char *path = NULL;
  JsonObject *myself;

  path = g_test_build_filename (G_TEST_DIST, "data", "pods.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  myself = json_object_get_object_member (
    json_object_get_object_member (
      json_node_get_object (json_parser_get_root (parser)), "data"),
    "myself");

  account = gantry_account_new_from_json (myself, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gantry_account_get_id (account), ==, "user_2f8Kq1");
  g_assert_cmpfloat (gantry_account_get_balance (account), ==, 41.27);
  /* currentSpendPerHr came as a string. */
  g_assert_cmpfloat (gantry_account_get_spend_per_hr (account), ==, 0.74);
}

static void
test_parse_nulls (void)
{
  g_autoptr (GantryAccount) account = account_from_text (
    "{ \"id\": null, \"clientBalance\": null }");

  g_assert_null (gantry_account_get_id (account));
  g_assert_cmpfloat (gantry_account_get_balance (account), <, 0);
  g_assert_cmpfloat (gantry_account_get_spend_per_hr (account), <, 0);
}

static void
test_update (void)
{
  g_autoptr (GantryAccount) account = account_from_text (
    "{ \"id\": \"u1\", \"clientBalance\": 10, \"currentSpendPerHr\": 0.5 }");
  g_autoptr (GantryAccount) same = account_from_text (
    "{ \"id\": \"u1\", \"clientBalance\": \"10\","
    "  \"currentSpendPerHr\": 0.5 }");
  g_autoptr (GantryAccount) spent = account_from_text (
    "{ \"id\": \"u1\", \"clientBalance\": 9.5, \"currentSpendPerHr\": 0.5 }");
  g_autoptr (GString) names = g_string_new ("");

  g_signal_connect (account, "notify", G_CALLBACK (on_notify), names);

  g_assert_false (gantry_account_update_from (account, same));
  g_assert_cmpstr (names->str, ==, "");

  g_assert_true (gantry_account_update_from (account, spent));
  g_assert_cmpstr (names->str, ==, "balance;");
  g_assert_cmpfloat (gantry_account_get_balance (account), ==, 9.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/account/parse-fixture", test_parse_fixture);
  g_test_add_func ("/gantry/account/parse-nulls", test_parse_nulls);
  g_test_add_func ("/gantry/account/update", test_update);

  return g_test_run ();
}
