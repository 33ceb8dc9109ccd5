/* test-account-page.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Connecting a RunPod account on the first-run page, and leaving it, as a
 * person does: each scenario starts the application with an empty or a
 * filled keyring (or none at all) and the simulator, and reads what the
 * window shows. gantry-test-account.h runs each in its own process and
 * searches its whole G_MESSAGES_DEBUG=all output for the key. */

#include "config.h"

#include "gantry-test-account.h"

#define KEY_1 GANTRY_TEST_KEY_1
#define KEY_2 GANTRY_TEST_KEY_2

/* An empty keyring */

static void
connect_first_time (GantryTestApp *a)
{
  GtkWidget *page = gantry_test_app_account_page (a);
  GtkEditable *entry;

  /* What a key is, where to make one, and no trouble to report. */
  g_assert_true (gantry_test_shows (page, "API Keys page"));
  g_assert_false (gantry_test_shows (page, "no longer accepts"));
  g_assert_false (gantry_test_shows (page, "could not be read"));
  g_assert_null (gantry_test_find_mapped (page, GTK_TYPE_SPINNER));
  entry = GTK_EDITABLE (gantry_test_find_mapped (
    page, ADW_TYPE_PASSWORD_ENTRY_ROW));
  gantry_test_save_screenshots (GTK_WINDOW (a->window), "first-run");

  /* Nothing pasted yet. */
  gantry_test_click (page, "Connect");
  g_assert_true (gantry_test_shows (page, "Paste your API key here first."));

  /* A wrong key is not stored, and the entry says why. */
  gantry_test_paste_key (page, GANTRY_TEST_WRONG_KEY);
  g_assert_false (gantry_test_shows (page, "Paste your API key"));
  gantry_test_click (page, "Connect");
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (page, "RunPod rejected this key"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  g_assert_cmpuint (gantry_test_count_stored (), ==, 0);
  g_assert_true (gantry_test_app_page_is (a, "signed-out"));
  gantry_test_save_screenshot (GTK_WIDGET (a->window), "first-run-rejected");

  /* Pasted with quotes and a newline: stored clean, and the pods come. */
  gantry_test_paste_key (page, "\"" KEY_1 "\"\n");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry), "error"));
  gantry_test_click (page, "Connect");
  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  gantry_test_assert_stored (KEY_1);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "");
  g_assert_cmpint (gantry_application_get_key_source (a->app), ==,
                   GANTRY_KEY_SOURCE_KEYRING);
  gantry_test_assert_key_only_in_header (KEY_1);
}

/* Quit and start again: straight to the pods. */
static void
start_again (GantryTestApp *a)
{
  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  g_assert_false (gantry_test_app_was_shown (a, "signed-out"));
  g_assert_cmpint (gantry_application_get_key_source (a->app), ==,
                   GANTRY_KEY_SOURCE_KEYRING);
}

static void
test_first_run (void)
{
  GantryTestKeyring *keyring = gantry_test_keyring ();

  gantry_test_app_run (connect_first_time);
  gantry_test_app_run (start_again);

  gantry_test_assert_no_file_contains (gantry_test_keyring_get_root (keyring),
                                       GANTRY_TEST_MARK);
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, 0);
}

/* Signing out */

static void
sign_out (GantryTestApp *a)
{
  GActionGroup *actions = G_ACTION_GROUP (a->app);
  GantryRefresher *refresher = gantry_application_get_refresher (a->app);
  GListModel *store = G_LIST_MODEL (gantry_application_get_store (a->app));
  GtkWidget *page;

  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));

  /* Cancel changes nothing. */
  g_action_group_activate_action (actions, "sign-out", NULL);
  gantry_test_app_answer_sign_out (a, "Cancel");
  gantry_test_spin (300);
  g_assert_true (gantry_test_app_shows_pods (a));
  gantry_test_assert_stored (KEY_1);

  g_action_group_activate_action (actions, "sign-out", NULL);
  gantry_test_app_answer_sign_out (a, "Sign Out");
  page = gantry_test_app_account_page (a);
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (
    GTK_WIDGET (a->window->toast_overlay), "Signed out"));

  /* The item is gone; the app forgot the key and stopped asking. */
  gantry_test_assert_stored (NULL);
  g_assert_false (gantry_client_has_api_key (
    gantry_application_get_client (a->app)));
  g_assert_cmpuint (g_list_model_get_n_items (store), ==, 0);
  g_assert_cmpuint (gantry_refresher_get_next_delay (refresher), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (actions, "sign-out"));
  g_assert_false (gantry_test_shows (page, "no longer accepts"));

  /* Back in: the list loads again; no page ever claimed "no pods". */
  gantry_test_paste_key (page, KEY_1);
  gantry_test_click (page, "Connect");
  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  g_assert_false (gantry_test_app_was_shown (a, "empty"));
  gantry_test_assert_stored (KEY_1);
}

static void
test_sign_out (void)
{
  gantry_test_store_key (KEY_1);
  gantry_test_app_run (sign_out);
}

/* A locked keyring keeps the key: the person is told, and stays signed
 * in, rather than being signed back in at the next start. */
static void
sign_out_locked (GantryTestApp *a)
{
  AdwMessageDialog *dialog;

  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  gantry_test_keyring_lock (gantry_test_keyring ());

  g_action_group_activate_action (G_ACTION_GROUP (a->app), "sign-out", NULL);
  gantry_test_app_answer_sign_out (a, "Sign Out");
  GANTRY_TEST_WAIT_FOR (gantry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (gantry_test_find_toplevel (
    ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Could Not Sign Out");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "The keyring is locked"));
  gantry_test_click (GTK_WIDGET (dialog), "Close");

  g_assert_true (gantry_test_app_shows_pods (a));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (a->app),
                                                    "sign-out"));
  g_assert_cmpuint (gantry_test_count_stored (), ==, 1);
}

static void
test_sign_out_locked (void)
{
  gantry_test_store_key (KEY_1);
  gantry_test_app_run (sign_out_locked);
}

/* A keyring that cannot keep the key: it is used for this session only,
 * and lands nowhere on disk. */

static const char *expected_reason;
static const char *screenshot;

static void
use_for_session (GantryTestApp *a)
{
  GtkWidget *page = gantry_test_app_account_page (a);
  GtkWidget *entry = gantry_test_find_mapped (page,
                                              ADW_TYPE_PASSWORD_ENTRY_ROW);
  GtkWidget *preferences;

  g_assert_true (gantry_test_shows (page,
                                    "Your saved API key could not be read"));
  g_assert_true (gantry_test_shows (page, expected_reason));

  gantry_test_paste_key (page, KEY_2);
  gantry_test_click (page, "Connect");
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (page, "The key could not be saved"));
  g_assert_true (gantry_test_shows (page, "Try Again"));
  g_assert_true (gantry_test_app_page_is (a, "signed-out"));
  g_assert_false (gantry_test_shows (page, "could not be read"));
  gantry_test_save_screenshots (GTK_WINDOW (a->window), screenshot);

  gantry_test_click (page, "Use for This Session Only");
  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  g_assert_cmpint (gantry_application_get_key_source (a->app), ==,
                   GANTRY_KEY_SOURCE_SESSION);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  preferences = gantry_test_app_open_preferences (a);
  g_assert_true (gantry_test_shows (preferences, "For this session only"));
  g_assert_true (gantry_test_shows (preferences, "2s1r"));
}

static void
assert_nowhere_on_disk (const char *key)
{
  GantryTestKeyring *keyring = gantry_test_keyring ();

  gantry_test_assert_no_file_contains (gantry_test_keyring_get_root (keyring),
                                       key);
}

static void
test_no_service (void)
{
  gantry_test_accept_key (KEY_2);
  expected_reason = "No keyring service is available";
  screenshot = "first-run-no-keyring";
  gantry_test_app_run (use_for_session);
  assert_nowhere_on_disk (KEY_2);
}

static void
test_locked (void)
{
  GantryTestKeyring *keyring = gantry_test_keyring ();

  gantry_test_store_key (KEY_1);
  gantry_test_keyring_lock (keyring);
  gantry_test_accept_key (KEY_2);
  expected_reason = "The keyring is locked";
  screenshot = "first-run-locked";
  gantry_test_app_run (use_for_session);
  assert_nowhere_on_disk (KEY_2);

  /* Asked to unlock at start and to store, both refused; not again. */
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, 2);
}

/* The key could not be checked: not stored, and Retry */

static void
retry (GantryTestApp *a)
{
  GtkWidget *page = gantry_test_app_account_page (a);
  GantryTestSim *sim = gantry_test_sim ();

  json_object_unref (gantry_test_sim_control (
    sim, "{\"op\": \"fault\", \"kind\": \"http\", \"status\": 502, "
         "\"count\": -1}"));
  gantry_test_paste_key (page, KEY_1);
  gantry_test_click (page, "Connect");
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (page,
                                           "The key could not be checked"));
  g_assert_false (gtk_widget_has_css_class (
    gantry_test_find_mapped (page, ADW_TYPE_PASSWORD_ENTRY_ROW), "error"));
  g_assert_cmpuint (gantry_test_count_stored (), ==, 0);
  gantry_test_save_screenshot (GTK_WIDGET (a->window), "first-run-unchecked");

  json_object_unref (gantry_test_sim_control (sim,
                                              "{\"op\": \"clear_faults\"}"));
  gantry_test_click (page, "Retry");
  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  gantry_test_assert_stored (KEY_1);
}

static void
test_unchecked (void)
{
  gantry_test_app_run (retry);
}

/* A key that stops working later leads back to the first-run page with
 * the reason, and nothing keeps trying it. */

static void
stop_accepting (GantryTestApp *a)
{
  GantryRefresher *refresher = gantry_application_get_refresher (a->app);
  GantryTestSim *sim = gantry_test_sim ();
  GtkWidget *page;
  guint requests;

  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  gantry_test_accept_key (KEY_2);
  page = gantry_test_app_account_page (a);
  g_assert_true (gantry_test_shows (
    page, "RunPod no longer accepts the stored API key"));
  g_assert_cmpuint (gantry_refresher_get_next_delay (refresher), ==, 0);
  requests = gantry_test_sim_count_requests (sim);
  gantry_test_spin (1500);
  g_assert_cmpuint (gantry_test_sim_count_requests (sim), ==, requests);
  gantry_test_save_screenshots (GTK_WINDOW (a->window), "first-run-revoked");

  /* Another key for the same account: the list comes straight back. */
  gantry_test_paste_key (page, KEY_2);
  gantry_test_click (page, "Connect");
  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  gantry_test_assert_stored (KEY_2);
  GANTRY_TEST_WAIT_FOR (!gantry_test_shows (GTK_WIDGET (a->window),
                                            "no longer accepts"));
}

static void
test_revoked (void)
{
  gantry_test_store_key (KEY_1);
  gantry_test_app_run (stop_accepting);
}

int
main (int   argc,
      char *argv[])
{
  static const GantryTestScenario scenarios[] = {
    { "/gantry/account-page/first-run",
      GANTRY_TEST_KEYRING_UNLOCKED, test_first_run },
    { "/gantry/account-page/sign-out",
      GANTRY_TEST_KEYRING_UNLOCKED, test_sign_out },
    { "/gantry/account-page/sign-out-locked",
      GANTRY_TEST_KEYRING_UNLOCKED, test_sign_out_locked },
    { "/gantry/account-page/no-service",
      GANTRY_TEST_KEYRING_NO_SERVICE, test_no_service },
    { "/gantry/account-page/locked",
      GANTRY_TEST_KEYRING_UNLOCKED, test_locked },
    { "/gantry/account-page/unchecked",
      GANTRY_TEST_KEYRING_UNLOCKED, test_unchecked },
    { "/gantry/account-page/revoked",
      GANTRY_TEST_KEYRING_UNLOCKED, test_revoked },
  };

  return gantry_test_account_main (argc, argv, scenarios,
                                   G_N_ELEMENTS (scenarios));
}
