/* test-preferences.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Preferences as a person uses them: which key is in use, replacing it,
 * signing out, and the refresh interval; with a real keyring and the
 * simulator (gantry-test-account.h), each scenario in its own process. */

#include "config.h"

#include "gantry-test-account.h"
#include "ui/gantry-preferences.h"

#define KEY_1 GANTRY_TEST_KEY_1
#define KEY_2 GANTRY_TEST_KEY_2

static void
activate_row (GtkWidget  *root,
              const char *title)
{
  GtkLabel *label = gantry_test_find_label (root, title);
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (GTK_WIDGET (label), ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (row);
  adw_action_row_activate (ADW_ACTION_ROW (row));
}

static void
account_group (GantryTestApp *a)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto (GStrv) accels = NULL;
  GtkWidget *preferences;
  GtkWidget *spin;
  AdwLeaflet *leaflet;

  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (a->app),
                                                  "app.preferences");
  g_assert_true (g_strv_contains ((const char * const *) accels,
                                  "<Control>comma"));

  /* Which key: the keyring's label and its last four characters. */
  preferences = gantry_test_app_open_preferences (a);
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (preferences, "8i9j"));
  g_assert_true (gantry_test_shows (preferences, "RunPod API key for Gantry"));
  g_assert_false (gantry_test_shows (preferences, GANTRY_TEST_MARK));
  gantry_test_save_screenshots (GTK_WINDOW (preferences), "preferences");

  /* The refresh interval is a setting. */
  spin = gantry_test_find_mapped (preferences, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==,
                     g_settings_get_uint (settings, "refresh-interval"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 45);
  g_assert_cmpuint (g_settings_get_uint (settings, "refresh-interval"), ==,
                    45);

  /* Replacing the key, on a subpage: checked, stored, in use. */
  gantry_test_accept_key (KEY_2);
  activate_row (preferences, "Replace API Key");
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (preferences, "Replace Key"));
  leaflet = ADW_LEAFLET (gantry_test_find_mapped (preferences,
                                                  ADW_TYPE_LEAFLET));
  GANTRY_TEST_WAIT_FOR (!adw_leaflet_get_child_transition_running (leaflet));
  gantry_test_save_screenshot (preferences, "preferences-replace");
  gantry_test_paste_key (preferences, KEY_2);
  gantry_test_click (preferences, "Replace Key");
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (preferences,
                                           "Connected with the new key"));
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (preferences, "2s1r"));
  gantry_test_assert_stored (KEY_2);
  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));

  g_assert_true (gantry_test_shows (preferences, "remove it from the "
                                    "keyring"));

  /* Signing out from here closes Preferences on the first-run page. */
  gantry_test_click (preferences, "Sign Out…");
  gantry_test_app_answer_sign_out (a, "Sign Out");
  GANTRY_TEST_WAIT_FOR (!gantry_test_find_toplevel (GANTRY_TYPE_PREFERENCES));
  gantry_test_app_account_page (a);
  gantry_test_assert_stored (NULL);
}

static void
test_account_group (void)
{
  gantry_test_store_key (KEY_1);
  gantry_test_app_run (account_group);
}

/* RUNPOD_API_KEY wins over the keyring, and Preferences say so. */
static void
environment (GantryTestApp *a)
{
  GtkWidget *preferences;
  AdwMessageDialog *dialog;

  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  g_assert_cmpint (gantry_application_get_key_source (a->app), ==,
                   GANTRY_KEY_SOURCE_ENVIRONMENT);

  preferences = gantry_test_app_open_preferences (a);
  g_assert_true (gantry_test_shows (
    preferences, "From the RUNPOD_API_KEY environment variable"));
  g_assert_true (gantry_test_shows (preferences, "8i9j"));
  /* Nor does the Sign Out row promise to touch the keyring. */
  g_assert_true (gantry_test_shows (preferences, "Stop using the key from "
                                    "RUNPOD_API_KEY for this run"));
  g_assert_false (gantry_test_shows (preferences, "remove it from the "
                                     "keyring"));
  gantry_test_save_screenshot (preferences, "preferences-environment");

  /* Signing out says what happens to a key from the environment. */
  g_action_group_activate_action (G_ACTION_GROUP (a->app), "sign-out", NULL);
  GANTRY_TEST_WAIT_FOR (gantry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (gantry_test_find_toplevel (
    ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog),
                            "from the RUNPOD_API_KEY environment variable"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "keyring"));
  gantry_test_app_answer_sign_out (a, "Cancel");
}

static void
test_environment (void)
{
  gantry_test_store_key (KEY_2);
  g_setenv ("RUNPOD_API_KEY", "  " KEY_1 "\n", TRUE);
  gantry_test_app_run (environment);
  g_unsetenv ("RUNPOD_API_KEY");

  /* The keyring was not even asked. */
  g_assert_cmpuint (gantry_test_keyring_count_prompts (
    gantry_test_keyring ()), ==, 0);
}

/* Signed out, Preferences offer to connect. */
static void
signed_out (GantryTestApp *a)
{
  GtkWidget *preferences;

  gantry_test_app_account_page (a);
  preferences = gantry_test_app_open_preferences (a);
  g_assert_true (gantry_test_shows (preferences, "No API key"));
  g_assert_true (gantry_test_shows (preferences, "Connect a RunPod Account"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (
    gtk_widget_get_ancestor (GTK_WIDGET (gantry_test_find_label (
      preferences, "Sign Out…")), GTK_TYPE_BUTTON))));

  activate_row (preferences, "Connect a RunPod Account");
  gantry_test_paste_key (preferences, KEY_1);
  gantry_test_click (preferences, "Connect");
  GANTRY_TEST_WAIT_FOR (gantry_test_shows (preferences, "8i9j"));
  GANTRY_TEST_WAIT_FOR (gantry_test_app_shows_pods (a));
  gantry_test_assert_stored (KEY_1);
}

static void
test_signed_out (void)
{
  gantry_test_app_run (signed_out);
}

int
main (int   argc,
      char *argv[])
{
  static const GantryTestScenario scenarios[] = {
    { "/gantry/preferences/account-group",
      GANTRY_TEST_KEYRING_UNLOCKED, test_account_group },
    { "/gantry/preferences/environment",
      GANTRY_TEST_KEYRING_UNLOCKED, test_environment },
    { "/gantry/preferences/signed-out",
      GANTRY_TEST_KEYRING_UNLOCKED, test_signed_out },
  };

  return gantry_test_account_main (argc, argv, scenarios,
                                   G_N_ELEMENTS (scenarios));
}
