/* gantry-test-account.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "api/gantry-secret.h"
#include "gantry-test-account.h"
#include "ui/gantry-account-page.h"
#include "ui/gantry-preferences.h"

#define SCHEMA "io.github.gantry_app.Gantry.ApiKey"
#define CHILD_DEADLINE_S 400

static GantryTestKeyring *keyring;
static GantryTestSim *sim;

GantryTestKeyring *
gantry_test_keyring (void)
{
  return keyring;
}

GantryTestSim *
gantry_test_sim (void)
{
  return sim;
}

/* Waiting */

static void
on_spin_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
gantry_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, on_spin_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* What a person sees */

static gboolean
label_matches (GtkWidget  *widget,
               const char *text,
               gboolean    exact)
{
  const char *shown;

  if (!GTK_IS_LABEL (widget))
    return FALSE;

  shown = gtk_label_get_text (GTK_LABEL (widget));
  return exact ? g_str_equal (shown, text) : strstr (shown, text) != NULL;
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text,
            gboolean    exact)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (label_matches (child, text, exact))
        return GTK_LABEL (child);
      if ((found = find_label (child, text, exact)) != NULL)
        return found;
    }

  return NULL;
}

GtkLabel *
gantry_test_find_label (GtkWidget  *root,
                        const char *text)
{
  return find_label (root, text, FALSE);
}

gboolean
gantry_test_shows (GtkWidget  *root,
                   const char *text)
{
  return gantry_test_find_label (root, text) != NULL;
}

GtkWidget *
gantry_test_find_mapped (GtkWidget *root,
                         GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_mapped (child))
        continue;
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = gantry_test_find_mapped (child, type)) != NULL)
        return found;
    }

  return NULL;
}

void
gantry_test_click (GtkWidget  *root,
                   const char *text)
{
  GtkLabel *label = find_label (root, text, TRUE);
  GtkWidget *button;

  g_assert_nonnull (label);
  button = gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

void
gantry_test_paste_key (GtkWidget  *root,
                       const char *text)
{
  GtkWidget *entry = gantry_test_find_mapped (root,
                                              ADW_TYPE_PASSWORD_ENTRY_ROW);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

GtkWindow *
gantry_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

/* Screenshots */

static gboolean
is_dark (void)
{
  return g_strcmp0 (g_getenv ("GANTRY_TEST_DARK"), "1") == 0;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  id = g_signal_connect (clock, "after-paint",
                         G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  GANTRY_TEST_WAIT_FOR (painted);
  g_signal_handler_disconnect (clock, id);
}

void
gantry_test_save_screenshot (GtkWidget  *widget,
                             const char *name)
{
  const char *folder = g_getenv ("GANTRY_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (folder == NULL)
    return;

  wait_for_frame (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (
    gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
    &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s%s.png", folder, name,
                          is_dark () ? "-dark" : "");
  gdk_texture_save_to_png (texture, path);
}

void
gantry_test_save_screenshots (GtkWindow  *window,
                              const char *name)
{
  g_autofree char *narrow = g_strconcat (name, "-narrow", NULL);
  int width, height;

  if (g_getenv ("GANTRY_TEST_SCREENSHOTS") == NULL)
    return;

  width = gtk_widget_get_width (GTK_WIDGET (window));
  height = gtk_widget_get_height (GTK_WIDGET (window));
  gantry_test_save_screenshot (GTK_WIDGET (window), name);
  gtk_window_set_default_size (window, 360, MIN (height, 720));
  GANTRY_TEST_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) == 360);
  gantry_test_save_screenshot (GTK_WIDGET (window), narrow);
  gtk_window_set_default_size (window, width, height);
  GANTRY_TEST_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (window)) > 360);
}

/* The application */

typedef struct
{
  GantryTestApp   app;
  GantryTestSteps steps;
} Run;

static void
on_page_cb (GantryTestApp *a)
{
  const char *page = gtk_stack_get_visible_child_name (a->window->main_stack);

  g_ptr_array_add (a->pages, g_strdup (page));
}

static void
on_startup_cb (GApplication *app)
{
  gantry_refresher_set_intervals (
    gantry_application_get_refresher (GANTRY_APPLICATION (app)),
    300, 150, 1000);
}

static void
run_steps_cb (gpointer user_data)
{
  Run *run = user_data;
  GantryTestApp *a = &run->app;
  GList *windows;

  run->steps (a);

  g_signal_handlers_disconnect_by_data (a->window->main_stack, a);
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (a->app))))
    gtk_window_destroy (windows->data);
  g_application_quit (G_APPLICATION (a->app));
}

static void
on_activate_cb (GApplication *app,
                Run          *run)
{
  GantryTestApp *a = &run->app;

  if (a->window != NULL)
    return;

  a->window = GANTRY_WINDOW (gtk_application_get_active_window (
    GTK_APPLICATION (app)));
  g_assert_nonnull (a->window);
  g_object_ref (a->window);
  on_page_cb (a);
  g_signal_connect_swapped (a->window->main_stack,
                            "notify::visible-child-name",
                            G_CALLBACK (on_page_cb), a);
  g_idle_add_once (run_steps_cb, run);
}

void
gantry_test_app_run (GantryTestSteps steps)
{
  Run run = { .steps = steps };
  int status;

  run.app.app = gantry_application_new ();
  run.app.pages = g_ptr_array_new_with_free_func (g_free);
  g_application_set_flags (G_APPLICATION (run.app.app),
                           G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (run.app.app, "startup",
                          G_CALLBACK (on_startup_cb), NULL);
  g_signal_connect_after (run.app.app, "activate",
                          G_CALLBACK (on_activate_cb), &run);

  status = g_application_run (G_APPLICATION (run.app.app), 0, NULL);
  g_assert_cmpint (status, ==, 0);

  g_clear_object (&run.app.window);
  g_clear_object (&run.app.app);
  g_ptr_array_unref (run.app.pages);
}

gboolean
gantry_test_app_page_is (GantryTestApp *a,
                         const char    *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (a->window->main_stack),
                    name) == 0;
}

gboolean
gantry_test_app_was_shown (GantryTestApp *a,
                           const char    *name)
{
  for (guint i = 0; i < a->pages->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (a->pages, i), name) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
gantry_test_app_shows_pods (GantryTestApp *a)
{
  GListModel *listed = G_LIST_MODEL (a->window->selection);

  return gantry_test_app_page_is (a, "pods")
         && g_list_model_get_n_items (listed) == GANTRY_TEST_N_PODS;
}

GtkWidget *
gantry_test_app_account_page (GantryTestApp *a)
{
  GtkWidget *stack = GTK_WIDGET (a->window->main_stack);

  GANTRY_TEST_WAIT_FOR (gantry_test_app_page_is (a, "signed-out")
                        && !gtk_stack_get_transition_running (
                             a->window->main_stack));
  GANTRY_TEST_WAIT_FOR (gantry_test_find_mapped (stack,
                                                 GANTRY_TYPE_ACCOUNT_PAGE));

  return gantry_test_find_mapped (stack, GANTRY_TYPE_ACCOUNT_PAGE);
}

GtkWidget *
gantry_test_app_open_preferences (GantryTestApp *a)
{
  GActionGroup *actions = G_ACTION_GROUP (a->app);
  GtkWidget *preferences;

  g_assert_true (g_action_group_get_action_enabled (actions, "preferences"));
  g_action_group_activate_action (actions, "preferences", NULL);
  GANTRY_TEST_WAIT_FOR (gantry_test_find_toplevel (GANTRY_TYPE_PREFERENCES));
  preferences = GTK_WIDGET (gantry_test_find_toplevel (
    GANTRY_TYPE_PREFERENCES));
  GANTRY_TEST_WAIT_FOR (gtk_widget_get_mapped (preferences));

  return preferences;
}

void
gantry_test_app_answer_sign_out (GantryTestApp *a,
                                 const char    *button)
{
  AdwMessageDialog *dialog;

  GANTRY_TEST_WAIT_FOR (gantry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (gantry_test_find_toplevel (
    ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Sign Out?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==,
                   "cancel");
  gantry_test_save_screenshot (GTK_WIDGET (dialog), "sign-out-dialog");

  gantry_test_click (GTK_WIDGET (dialog), button);
  GANTRY_TEST_WAIT_FOR (!gantry_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* The keyring and the simulator */

guint
gantry_test_count_stored (void)
{
  g_autoptr (GPtrArray) items = gantry_test_keyring_search (keyring, SCHEMA);

  return items->len;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

char *
gantry_test_lookup_key (void)
{
  g_autoptr (GantrySecret) secret = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;
  char *key;

  secret = gantry_secret_new (gantry_test_sim_get_url (sim));
  gantry_secret_lookup_async (secret, NULL, on_result_cb, &result);
  GANTRY_TEST_WAIT_FOR (result != NULL);
  key = gantry_secret_lookup_finish (secret, result, &error);
  g_assert_no_error (error);

  return key;
}

void
gantry_test_assert_stored (const char *expected)
{
  g_autoptr (GantrySecretKey) key = gantry_test_lookup_key ();

  g_assert_cmpstr (key, ==, expected);
  g_assert_cmpuint (gantry_test_count_stored (), ==, expected ? 1 : 0);
}

void
gantry_test_store_key (const char *key)
{
  g_autoptr (GantrySecret) secret = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  secret = gantry_secret_new (gantry_test_sim_get_url (sim));
  gantry_secret_store_async (secret, key, NULL, on_result_cb, &result);
  GANTRY_TEST_WAIT_FOR (result != NULL);
  g_assert_true (gantry_secret_store_finish (secret, result, &error));
  g_assert_no_error (error);
}

void
gantry_test_accept_key (const char *key)
{
  json_object_unref (gantry_test_sim_controlf (
    sim, "{\"op\": \"set_key\", \"key\": \"%s\"}", key));
}

void
gantry_test_assert_key_only_in_header (const char *key)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  g_autofree char *bearer = g_strconcat ("Bearer ", key, NULL);
  gboolean sent = FALSE;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonNode *node = json_array_get_element (requests, i);
      JsonObject *request = json_node_get_object (node);
      JsonObject *headers = json_object_get_object_member (request,
                                                           "headers");
      const char *authorization;
      g_autofree char *rest = NULL;

      authorization = json_object_get_string_member_with_default (
        headers, "authorization", NULL);
      sent |= g_strcmp0 (authorization, bearer) == 0;
      json_object_remove_member (headers, "authorization");
      rest = json_to_string (node, FALSE);
      g_assert_null (strstr (rest, GANTRY_TEST_MARK));
    }

  g_assert_true (sent);
}

/* Scenarios, each in its own process */

static void
run_scenario (gconstpointer data)
{
  const GantryTestScenario *scenario = data;

  if (!g_test_subprocess ())
    {
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
      g_test_trap_subprocess (NULL, CHILD_DEADLINE_S * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stdout_unmatched ("*" GANTRY_TEST_MARK "*");
      g_test_trap_assert_stderr_unmatched ("*" GANTRY_TEST_MARK "*");
      return;
    }

  sim = gantry_test_sim_start (NULL);
  g_setenv ("GANTRY_API_URL", gantry_test_sim_get_url (sim), TRUE);
  g_unsetenv ("RUNPOD_API_KEY");
  gantry_test_accept_key (GANTRY_TEST_KEY_1);

  scenario->run ();

  g_clear_pointer (&sim, gantry_test_sim_free);
}

/* The scenario a subprocess is to run, from its command line. */
static const GantryTestScenario *
find_subprocess_scenario (int                       argc,
                          char                    **argv,
                          const GantryTestScenario *scenarios,
                          guint                     n)
{
  const char *path = NULL;
  gboolean subprocess = FALSE;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--GTestSubprocess"))
        subprocess = TRUE;
      else if (g_str_equal (argv[i], "-p") && i + 1 < argc)
        path = argv[++i];
    }

  for (guint i = 0; subprocess && path != NULL && i < n; i++)
    {
      if (g_str_equal (scenarios[i].path, path))
        return &scenarios[i];
    }

  return NULL;
}

int
gantry_test_account_main (int                       argc,
                          char                    **argv,
                          const GantryTestScenario *scenarios,
                          guint                     n)
{
  const GantryTestScenario *current;
  int status;

  /* The keyring comes first: GTK and GDBus read HOME and the session
   * bus address once. The parent only runs subprocesses. */
  current = find_subprocess_scenario (argc, argv, scenarios, n);
  if (current == NULL)
    {
      g_test_init (&argc, &argv, NULL);
    }
  else
    {
      keyring = gantry_test_keyring_new (current->mode);
      gtk_test_init (&argc, &argv, NULL);
      adw_init ();
      /* Other tests' windows share the display and take its focus: a
       * blinking cursor would then warn that it lost track of it. No
       * animations either, so that pages are in place when looked at. */
      g_object_set (gtk_settings_get_default (),
                    "gtk-cursor-blink", FALSE,
                    "gtk-enable-animations", FALSE,
                    NULL);
      if (is_dark ())
        adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                            ADW_COLOR_SCHEME_FORCE_DARK);
    }

  for (guint i = 0; i < n; i++)
    g_test_add_data_func (scenarios[i].path, &scenarios[i], run_scenario);

  status = g_test_run ();
  g_clear_pointer (&keyring, gantry_test_keyring_free);

  return status;
}
