/* test-window.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main window under Xvfb, made by the application as a person starts
 * it, against the RunPod simulator. */

#include "config.h"

#include <adwaita.h>

#include "gantry-application.h"
#include "gantry-test-sim.h"
#include "model/gantry-pod-store.h"
#include "ui/gantry-account-page.h"
#include "ui/gantry-create-dialog-private.h"
#include "ui/gantry-pod-row.h"
#include "ui/gantry-window-private.h"

#define DEADLINE_S 30

/* From the simulator's demo set. */
#define RUNNING_ID  "k3q9x2m7p1v8za"   /* sdxl-lora-training, on demand */
#define RUNNING_NAME "sdxl-lora-training"
#define STOPPED_ID  "c0mfy4090stop1"   /* comfyui-workbench */
#define DOOMED_ID   "d4t4pr3pa5000x"   /* data-prep */
#define DOOMED_NAME "data-prep"

#define SPOT_ID     "sp0t3090intrpt"   /* spot-sd-render, interrupted */
#define FREE_ID     "h200fr33c0st0x"   /* h200-benchmark, price unknown */

#define MANY_PODS "{\"op\": \"add_pods\", \"count\": 300}"
#define FAULT_502 \
  "{\"op\": \"fault\", \"kind\": \"http\", \"status\": 502, \"count\": -1}"
/* The first list takes a while to come. */
#define SLOW_LIST \
  "{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 2, " \
  "\"match\": \"myself\"}"

static GantryTestSim *sim;

typedef struct
{
  SoupSession     *session;
  GantryClient    *client;
  GantryPodStore  *store;
  GantryRefresher *refresher;
  GantryWindow    *window;
  guint            n_refreshed;
} Fixture;

/* Waiting */

static void
on_spin_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, on_spin_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @cond holds, or fails the test after a
 * generous deadline. The condition is checked every 50 ms. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      spin (50); \
    g_assert_true (cond); \
  } G_STMT_END

/* The simulator */

static void
control (const char *json)
{
  json_object_unref (gantry_test_sim_control (sim, json));
}

static char *
dup_sim_desired_status (const char *id)
{
  g_autoptr (JsonObject) pod = gantry_test_sim_get_pod (sim, id);

  if (pod == NULL)
    return NULL;

  return g_strdup (json_object_get_string_member_with_default (
    pod, "desiredStatus", ""));
}

static gboolean
sim_pod_is (const char *id,
            const char *desired_status)
{
  g_autofree char *status = dup_sim_desired_status (id);

  return g_strcmp0 (status, desired_status) == 0;
}

/* How many recorded requests ran @mutation. */
static guint
count_mutations (const char *mutation)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *query = json_object_get_string_member_with_default (
        request, "query", "");

      if (query != NULL && g_str_has_prefix (query, "mutation")
          && strstr (query, mutation) != NULL)
        n++;
    }

  return n;
}

/* What the window shows */

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child)
          && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  return find_label (widget, text) != NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

/* The message dialogs open on the window: the last one, and how many. */
static AdwMessageDialog *
find_dialog (Fixture *f,
             guint   *n_dialogs)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && gtk_window_get_transient_for (window) == GTK_WINDOW (f->window)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          found = ADW_MESSAGE_DIALOG (window);
          n++;
        }
    }

  if (n_dialogs != NULL)
    *n_dialogs = n;
  return found;
}

/* Clicks a dialog's response button as a person would. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child)
          && g_strcmp0 (gtk_actionable_get_action_name (
                          GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = find_actionable (child, action)) != NULL)
        return found;
    }

  return NULL;
}

/* Whether the header bar's button for @action can be clicked. */
static gboolean
header_button_usable (Fixture    *f,
                      const char *action)
{
  GtkWidget *header = gtk_widget_get_ancestor (
    GTK_WIDGET (f->window->refresh_button), ADW_TYPE_HEADER_BAR);
  GtkWidget *button = find_actionable (header, action);

  g_assert_nonnull (button);
  return gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button);
}

static gboolean
page_is (Fixture    *f,
         const char *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (f->window->main_stack),
                    name) == 0;
}

/* Widgets of @type in @widget and below. */
static guint
count_of (GtkWidget *widget,
          GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_of (child, type);

  return n;
}

static guint
n_listed (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->window->selection));
}

static GantryPod *
selected_pod (Fixture *f)
{
  return gtk_single_selection_get_selected_item (f->window->selection);
}

static gboolean
banner_shown (Fixture *f)
{
  return gtk_revealer_get_reveal_child (f->window->banner_revealer);
}

static guint
position_of (Fixture    *f,
             const char *id)
{
  for (guint i = 0; i < n_listed (f); i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (
        G_LIST_MODEL (f->window->selection), i);

      if (g_str_equal (gantry_pod_get_id (pod), id))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Clicks the row as a person would, through the list's own action. */
static GantryPod *
select_pod (Fixture    *f,
            const char *id)
{
  guint position = position_of (f, id);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_widget_activate_action (GTK_WIDGET (f->window->list_view),
                              "list.select-item", "(ubb)",
                              position, FALSE, FALSE);
  g_assert_nonnull (selected_pod (f));
  g_assert_cmpstr (gantry_pod_get_id (selected_pod (f)), ==, id);

  return selected_pod (f);
}

static void
activate (Fixture    *f,
          const char *action,
          const char *id)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action,
                                             "s", id));
}

/* The fixture: a window made as the application makes it, on its own
 * client, store and refresher, with short refresh intervals. */

static void
on_refreshed_cb (Fixture *f)
{
  f->n_refreshed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GSettings) settings = g_settings_new ("io.github.gantry_app."
                                                   "Gantry");

  /* Each test starts from the list as it first comes. */
  g_settings_reset (settings, "sort-by");
  g_settings_reset (settings, "sort-descending");
  g_settings_reset (settings, "status-filter");

  control ("{\"op\": \"reset\"}");
  /* A fault the first refresh must already meet. */
  if (data != NULL)
    control (data);

  f->session = gantry_client_new_session ();
  f->client = gantry_client_new (f->session, gantry_test_sim_get_url (sim));
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));
  f->store = gantry_pod_store_new ();
  f->refresher = gantry_refresher_new (f->client, f->store);
  gantry_refresher_set_intervals (f->refresher, 300, 150, 1000);
  g_signal_connect_swapped (f->refresher, "refreshed",
                            G_CALLBACK (on_refreshed_cb), f);

  f->window = g_object_ref (gantry_window_new (NULL, f->refresher));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  gantry_refresher_start (f->refresher);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (f->refresher, f);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  gantry_refresher_stop (f->refresher);
  /* Let the cancelled requests come back before their objects go. */
  spin (100);
  g_clear_object (&f->refresher);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
}

static void
wait_for_list (Fixture *f)
{
  WAIT_FOR (page_is (f, "pods") && n_listed (f) == 12);
}

/* Tests */

static void
test_list_and_detail (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (JsonObject) state = NULL;
  JsonArray *pods;

  wait_for_list (f);

  state = gantry_test_sim_control (sim, "{\"op\": \"state\"}");
  pods = json_object_get_array_member (state, "pods");
  g_assert_cmpuint (json_array_get_length (pods), ==, n_listed (f));
  WAIT_FOR (shows_text (GTK_WIDGET (f->window->list_view), RUNNING_NAME));
  g_assert_true (shows_text (GTK_WIDGET (f->window->list_view),
                             "comfyui-workbench"));

  /* Nothing is chosen for the person; then they choose. */
  g_assert_null (selected_pod (f));
  g_assert_true (shows_text (GTK_WIDGET (f->window->detail_stack),
                             "No Pod Selected"));
  select_pod (f, RUNNING_ID);
  g_assert_true (shows_text (GTK_WIDGET (f->window->detail), RUNNING_NAME));
  /* On screen once the window has laid out the new page. */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->window->detail)));

  /* The account's burn rate and balance are in the header bar. */
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (f->window->account_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->account_label),
                            "/h · $"));
}

static void
test_stop_and_start (Fixture       *f,
                     gconstpointer  data)
{
  GantryPod *pod;
  guint refreshed;

  wait_for_list (f);
  pod = select_pod (f, RUNNING_ID);
  g_assert_cmpint (gantry_pod_get_status (pod), ==, GANTRY_POD_STATUS_RUNNING);

  /* A second click while the first is on its way does nothing. */
  activate (f, "win.stop-pod", RUNNING_ID);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.stop-pod", "s",
                              RUNNING_ID);
  WAIT_FOR (sim_pod_is (RUNNING_ID, "EXITED"));
  WAIT_FOR (gantry_pod_get_status (pod) == GANTRY_POD_STATUS_STOPPED);
  WAIT_FOR (g_hash_table_size (f->window->in_flight) == 0);
  g_assert_cmpuint (count_mutations ("podStop"), ==, 1);
  WAIT_FOR (shows_text (GTK_WIDGET (f->window->toast_overlay),
                        "“" RUNNING_NAME "” stopped"));

  /* Refreshes come and go; the person's choice stays. */
  refreshed = f->n_refreshed;
  WAIT_FOR (f->n_refreshed >= refreshed + 2);
  g_assert_true (selected_pod (f) == pod);
  g_assert_true (shows_text (GTK_WIDGET (f->window->detail), RUNNING_NAME));

  activate (f, "win.start-pod", RUNNING_ID);
  WAIT_FOR (sim_pod_is (RUNNING_ID, "RUNNING"));
  WAIT_FOR (gantry_pod_get_status (pod) == GANTRY_POD_STATUS_STARTING
            || gantry_pod_get_status (pod) == GANTRY_POD_STATUS_RUNNING);
  WAIT_FOR (shows_text (GTK_WIDGET (f->window->toast_overlay),
                        "“" RUNNING_NAME "” is starting"));
  g_assert_cmpuint (count_mutations ("podResume"), ==, 1);
  g_assert_true (selected_pod (f) == pod);
  g_assert_null (f->window->failure_heading);
}

/* The API reports an error for a stop that happened: the window reads the
 * pod back and says it worked. */
static void
test_error_that_took_effect (Fixture       *f,
                             gconstpointer  data)
{
  wait_for_list (f);
  select_pod (f, RUNNING_ID);

  control ("{\"op\": \"fault\", \"kind\": \"apply_then_error\", "
           "\"match\": \"podStop\", \"count\": 1}");
  activate (f, "win.stop-pod", RUNNING_ID);
  WAIT_FOR (shows_text (GTK_WIDGET (f->window->toast_overlay),
                        "“" RUNNING_NAME "” stopped"));
  g_assert_true (sim_pod_is (RUNNING_ID, "EXITED"));
  g_assert_null (f->window->failure_heading);
}

static void
test_real_failure (Fixture       *f,
                   gconstpointer  data)
{
  GantryPod *pod;

  wait_for_list (f);
  pod = select_pod (f, STOPPED_ID);

  control ("{\"op\": \"fault\", \"kind\": \"graphql_error\", "
           "\"match\": \"podResume\", \"count\": 1}");
  activate (f, "win.start-pod", STOPPED_ID);
  WAIT_FOR (f->window->failure_heading != NULL);
  g_assert_cmpstr (f->window->failure_heading, ==,
                   "Could not start “comfyui-workbench”");
  WAIT_FOR (shows_text (GTK_WIDGET (f->window->toast_overlay),
                        "Could not start “comfyui-workbench”"));
  g_assert_true (sim_pod_is (STOPPED_ID, "EXITED"));
  g_assert_cmpint (gantry_pod_get_status (pod), ==, GANTRY_POD_STATUS_STOPPED);
  g_assert_true (selected_pod (f) == pod);
}

static void
test_terminate (Fixture       *f,
                gconstpointer  data)
{
  AdwMessageDialog *dialog;

  wait_for_list (f);
  select_pod (f, DOOMED_ID);

  /* Cancel keeps the pod. */
  activate (f, "win.terminate-pod", DOOMED_ID);
  dialog = f->window->terminate_dialog;
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   "Terminate “" DOOMED_NAME "”?");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Its container data will be deleted and cannot be "
                   "recovered. It has no volume.");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==,
                   "cancel");
  click_response (dialog, "_Cancel");
  WAIT_FOR (f->window->terminate_dialog == NULL);
  spin (200);
  g_assert_cmpuint (count_mutations ("podTerminate"), ==, 0);

  /* A pod with a volume: its size is named. */
  activate (f, "win.terminate-pod", STOPPED_ID);
  dialog = f->window->terminate_dialog;
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==,
                   "Its volume of 75 GB and its container data will be "
                   "deleted and cannot be recovered.");
  click_response (dialog, "_Cancel");
  WAIT_FOR (f->window->terminate_dialog == NULL);
  select_pod (f, DOOMED_ID);

  /* Delete on the list asks again; Terminate means it. */
  gtk_widget_activate_action (GTK_WIDGET (f->window),
                              "win.terminate-selected", NULL);
  WAIT_FOR (f->window->terminate_dialog != NULL);
  click_response (f->window->terminate_dialog, "_Terminate");

  WAIT_FOR (!sim_pod_is (DOOMED_ID, "EXITED"));
  WAIT_FOR (position_of (f, DOOMED_ID) == GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (count_mutations ("podTerminate"), ==, 1);
  g_assert_null (selected_pod (f));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->detail_stack),
                   ==, "none");
  WAIT_FOR (shows_text (GTK_WIDGET (f->window->toast_overlay),
                        "“" DOOMED_NAME "” terminated"));
  g_assert_cmpuint (n_listed (f), ==, 11);
}

static void
test_signed_out (Fixture       *f,
                 gconstpointer  data)
{
  wait_for_list (f);

  control ("{\"op\": \"set_key\", \"key\": \"rpa_SOMEONEELSE\"}");
  WAIT_FOR (page_is (f, "signed-out"));
  g_assert_true (shows_text (GTK_WIDGET (f->window->main_stack),
                             "Connect Your RunPod Account"));
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (f->window->account_label)));
  /* Nothing to make with a refused key; Refresh tries it again. */
  g_assert_false (header_button_usable (f, "win.new-pod"));
  g_assert_true (header_button_usable (f, "win.refresh"));
}

/* While the first list is on its way, and once signed out, there is
 * nothing to make, refresh or search. */
static void
test_nothing_to_act_on (Fixture       *f,
                        gconstpointer  data)
{
  g_assert_true (page_is (f, "loading"));
  g_assert_false (header_button_usable (f, "win.new-pod"));
  g_assert_false (header_button_usable (f, "win.refresh"));

  wait_for_list (f);
  g_assert_true (header_button_usable (f, "win.new-pod"));
  g_assert_true (header_button_usable (f, "win.refresh"));
  g_assert_true (gtk_widget_get_visible (
    GTK_WIDGET (f->window->search_button)));
  /* The first-run form is not made for a window that has a key. */
  g_assert_cmpuint (count_of (GTK_WIDGET (f->window),
                              GANTRY_TYPE_ACCOUNT_PAGE), ==, 0);

  /* Signing out, as the account page does it: no key, started over. */
  gantry_client_set_api_key (f->client, NULL);
  gantry_refresher_start (f->refresher);
  WAIT_FOR (page_is (f, "signed-out"));
  g_assert_cmpuint (count_of (GTK_WIDGET (f->window),
                              GANTRY_TYPE_ACCOUNT_PAGE), ==, 1);
  g_assert_false (header_button_usable (f, "win.new-pod"));
  g_assert_false (header_button_usable (f, "win.refresh"));
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (f->window->search_button)));
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (f->window->account_label)));
}

static void
test_trouble_keeps_list (Fixture       *f,
                         gconstpointer  data)
{
  GantryPod *pod;

  wait_for_list (f);
  pod = select_pod (f, RUNNING_ID);
  g_assert_false (banner_shown (f));

  control (FAULT_502);
  WAIT_FOR (banner_shown (f));
  g_assert_true (page_is (f, "pods"));
  g_assert_cmpuint (n_listed (f), ==, 12);
  g_assert_true (selected_pod (f) == pod);
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->banner_detail),
                            "Last updated"));
  g_assert_true (gtk_widget_get_visible (
    GTK_WIDGET (f->window->banner_button)));

  control ("{\"op\": \"clear_faults\"}");
  WAIT_FOR (!banner_shown (f));
  g_assert_cmpuint (n_listed (f), ==, 12);
  g_assert_true (selected_pod (f) == pod);
}

/* Nothing to show yet and the server fails: a page that says so and
 * retries. */
static void
test_first_load_fails (Fixture       *f,
                       gconstpointer  data)
{
  WAIT_FOR (page_is (f, "error"));
  g_assert_false (banner_shown (f));
  g_assert_cmpstr (adw_status_page_get_title (f->window->error_page), !=, "");

  control ("{\"op\": \"clear_faults\"}");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  wait_for_list (f);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (JsonObject) state = NULL;
  JsonArray *pods;

  wait_for_list (f);
  state = gantry_test_sim_control (sim, "{\"op\": \"state\"}");
  pods = json_object_get_array_member (state, "pods");
  for (guint i = 0; i < json_array_get_length (pods); i++)
    {
      JsonObject *pod = json_array_get_object_element (pods, i);
      g_autoptr (JsonObject) reply = NULL;

      reply = gantry_test_sim_controlf (sim,
        "{\"op\": \"remove_pod\", \"id\": \"%s\"}",
        json_object_get_string_member (pod, "id"));
    }

  WAIT_FOR (page_is (f, "empty"));
  g_assert_true (shows_text (GTK_WIDGET (f->window->main_stack),
                             "No Pods Yet"));
}

/* Many pods, scrolled half-way: refreshes that change every running pod
 * keep the scroll position and the selection. */
static void
test_scroll_kept (Fixture       *f,
                  gconstpointer  data)
{
  GtkAdjustment *adjustment;
  GantryPod *pod;
  double value;
  guint refreshed;

  for (guint i = 0; i < 150; i++)
    {
      g_autoptr (JsonObject) reply = NULL;

      reply = gantry_test_sim_controlf (sim,
        "{\"op\": \"add_pod\", \"pod\": {\"id\": \"bulk%03u\", "
        "\"name\": \"bulk-%03u\", \"_uptime\": %u}}", i, i, 60 + i);
    }
  WAIT_FOR (n_listed (f) == 162);
  gtk_drop_down_set_selected (f->window->sort_dropdown, GANTRY_SORT_NAME);

  adjustment = gtk_scrolled_window_get_vadjustment (f->window->list_scroller);
  WAIT_FOR (gtk_adjustment_get_upper (adjustment) > 2000);
  gtk_adjustment_set_value (adjustment, 1500);
  spin (200);
  value = gtk_adjustment_get_value (adjustment);
  g_assert_cmpfloat (value, >, 1000);
  pod = select_pod (f, "bulk070");

  refreshed = f->n_refreshed;
  WAIT_FOR (f->n_refreshed >= refreshed + 3);
  spin (200);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment),
                                  value, 0.5);
  g_assert_true (selected_pod (f) == pod);
}

static void
test_search_and_filter (Fixture       *f,
                        gconstpointer  data)
{
  wait_for_list (f);
  select_pod (f, RUNNING_ID);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (f->window->search_bar));
  g_assert_true (gtk_widget_is_ancestor (
    gtk_root_get_focus (GTK_ROOT (f->window)),
    GTK_WIDGET (f->window->search_entry)));
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "LLAMA");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpuint (position_of (f, "a100x2llama70b"), ==, 0);
  /* The selected pod is filtered out: the detail pane says so. */
  g_assert_null (selected_pod (f));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (f->window->detail_stack),
                   ==, "none");

  /* By GPU, and by id. */
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "rtx 4090");
  WAIT_FOR (n_listed (f) == 2);
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry),
                         "k3q9x2m7");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpuint (position_of (f, RUNNING_ID), ==, 0);

  /* Without its accent, in capitals, or with the accent typed as a
   * character of its own, a name is found all the same. */
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry),
                         "echantillon");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpuint (position_of (f, "un1c0de6000ada"), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry),
                         "\u00c9CHANTILLON");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpuint (position_of (f, "un1c0de6000ada"), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry),
                         "e\u0301chantillonnage-\u6269\u6563");
  WAIT_FOR (n_listed (f) == 1);
  g_assert_cmpuint (position_of (f, "un1c0de6000ada"), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (f->window->search_entry), "");
  WAIT_FOR (n_listed (f) == 12);
  gtk_drop_down_set_selected (f->window->status_dropdown, 3);
  WAIT_FOR (n_listed (f) == 2);
  for (guint i = 0; i < n_listed (f); i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (
        G_LIST_MODEL (f->window->selection), i);

      g_assert_cmpint (gantry_pod_get_status (pod), ==,
                       GANTRY_POD_STATUS_STOPPED);
    }
}

/* Pods updated in place move to where their new values sort them; the
 * selection follows the object. */
static void
test_sort_follows_values (Fixture       *f,
                          gconstpointer  data)
{
  GantryPod *pod;
  guint before;

  wait_for_list (f);
  gtk_drop_down_set_selected (f->window->sort_dropdown, GANTRY_SORT_PRICE);
  gtk_toggle_button_set_active (f->window->sort_direction_button, TRUE);
  pod = select_pod (f, STOPPED_ID);
  before = position_of (f, STOPPED_ID);
  g_assert_cmpuint (before, >, 0);

  control ("{\"op\": \"set_pod\", \"id\": \"" STOPPED_ID "\", "
           "\"fields\": {\"costPerHr\": 99.0}}");
  WAIT_FOR (position_of (f, STOPPED_ID) == 0);
  g_assert_true (selected_pod (f) == pod);
}

/* How the list was sorted and filtered is how the next window starts. */
static void
test_list_choices_kept (Fixture       *f,
                        gconstpointer  data)
{
  wait_for_list (f);
  g_assert_cmpuint (gtk_drop_down_get_selected (f->window->sort_dropdown),
                    ==, GANTRY_SORT_STATUS);
  gtk_drop_down_set_selected (f->window->sort_dropdown, GANTRY_SORT_PRICE);
  gtk_toggle_button_set_active (f->window->sort_direction_button, TRUE);
  gtk_drop_down_set_selected (f->window->status_dropdown, 3);  /* Stopped */
  WAIT_FOR (n_listed (f) == 2);

  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  f->window = g_object_ref (gantry_window_new (NULL, f->refresher));
  gtk_window_present (GTK_WINDOW (f->window));

  g_assert_cmpuint (gtk_drop_down_get_selected (f->window->sort_dropdown),
                    ==, GANTRY_SORT_PRICE);
  g_assert_true (gtk_toggle_button_get_active (
    f->window->sort_direction_button));
  g_assert_cmpuint (gtk_drop_down_get_selected (f->window->status_dropdown),
                    ==, 3);
  WAIT_FOR (n_listed (f) == 2);
  /* Stopped pods only, dearest first: $0.34 before $0.27. */
  g_assert_cmpuint (position_of (f, STOPPED_ID), ==, 0);
  g_assert_cmpuint (position_of (f, DOOMED_ID), ==, 1);
}

/* A stopped pod's price is what it would cost, and looks it: dimmed,
 * where a running pod's is not. */
static void
test_price_of_stopped_pod (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *stopped_price;
  GtkWidget *running_price;

  wait_for_list (f);
  WAIT_FOR ((stopped_price = find_label (GTK_WIDGET (f->window->list_view),
                                         "$0.34/h")) != NULL);
  running_price = find_label (GTK_WIDGET (f->window->list_view), "$0.69/h");
  g_assert_nonnull (running_price);

  g_assert_cmpfloat (gtk_widget_get_opacity (stopped_price), <, 0.6);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (stopped_price), ==,
                   "The rate while it runs; not billed now");
  g_assert_cmpfloat (gtk_widget_get_opacity (running_price), ==, 1.0);
  g_assert_null (gtk_widget_get_tooltip_text (running_price));
}

/* A pod of unknown price sorts last, cheapest first or dearest first. */
static void
test_unknown_price_last (Fixture       *f,
                         gconstpointer  data)
{
  wait_for_list (f);
  gtk_drop_down_set_selected (f->window->sort_dropdown, GANTRY_SORT_PRICE);

  gtk_toggle_button_set_active (f->window->sort_direction_button, FALSE);
  WAIT_FOR (position_of (f, FREE_ID) == n_listed (f) - 1);
  gtk_toggle_button_set_active (f->window->sort_direction_button, TRUE);
  WAIT_FOR (position_of (f, FREE_ID) == n_listed (f) - 1);
  g_assert_cmpuint (position_of (f, STOPPED_ID), <, n_listed (f) - 1);
}

/* The application as a launcher starts it: one window, presented again on
 * a second activation, showing the pods of the account in the
 * environment. Once per process: the application registers on the bus. */
static void
test_application (void)
{
  g_autoptr (GantryApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) accels = NULL;
  GtkWindow *window;
  GtkWindow *shortcuts;
  GantryWindow *self;

  control ("{\"op\": \"reset\"}");
  g_setenv ("GANTRY_API_URL", gantry_test_sim_get_url (sim), TRUE);
  g_setenv ("RUNPOD_API_KEY", gantry_test_sim_get_api_key (sim), TRUE);

  app = gantry_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (GANTRY_IS_WINDOW (window));
  self = GANTRY_WINDOW (window);
  WAIT_FOR (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 12);
  g_assert_true (gantry_window_get_refresher (self)
                 == gantry_application_get_refresher (app));

  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (
    GTK_APPLICATION (app))), ==, 1);

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                  "win.refresh");
  g_assert_true (g_strv_contains ((const char * const *) accels,
                                  "<Control>r"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "about"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "quit"));

  /* The Keyboard Shortcuts window is built when first asked for, not
   * with the window, and Ctrl+? asks for it. */
  g_assert_null (gtk_application_window_get_help_overlay (
                   GTK_APPLICATION_WINDOW (window)));
  g_clear_pointer (&accels, g_strfreev);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                  "app.shortcuts");
  g_assert_true (g_strv_contains ((const char * const *) accels,
                                  "<Control>question"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "shortcuts", NULL);
  shortcuts = GTK_WINDOW (gtk_application_window_get_help_overlay (
                            GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (shortcuts);
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  g_assert_true (gtk_window_get_transient_for (shortcuts) == window);
  gtk_window_close (shortcuts);

  gtk_window_destroy (window);
  gantry_refresher_stop (gantry_application_get_refresher (app));
  spin (100);
}

/* A big account (312 pods): the first frame with pods has the rows that
 * fit, not the 200 GTK 4.8 would make for it; the others come a step a
 * frame; and a pod past the first rows can be selected at any time. */
typedef struct
{
  Fixture *f;
  guint    paints;         /* with pods */
  guint    first_rows;     /* row widgets at the first */
  guint    second_size;    /* pods in the list after the second */
  gboolean selected_late;  /* the last pod, selected then */
} Paints;

static guint
count_rows (GtkWidget *widget)
{
  return count_of (widget, GANTRY_TYPE_POD_ROW);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   Paints        *paints)
{
  Fixture *f = paints->f;
  GListModel *all = gtk_slice_list_model_get_model (f->window->first_rows);
  g_autoptr (GantryPod) last = NULL;

  if (n_listed (f) == 0 || ++paints->paints > 2)
    return;

  if (paints->paints == 1)
    {
      paints->first_rows = count_rows (GTK_WIDGET (f->window->list_view));
      return;
    }

  paints->second_size = n_listed (f);
  last = g_list_model_get_item (all, g_list_model_get_n_items (all) - 1);
  paints->selected_late = gantry_window_select_pod (f->window,
                                                    gantry_pod_get_id (last));
}

static void
test_first_rows (Fixture       *f,
                 gconstpointer  data)
{
  Paints paints = { f, 0, 0, 0, FALSE };
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  gulong id = g_signal_connect (clock, "after-paint",
                                G_CALLBACK (on_after_paint_cb), &paints);

  WAIT_FOR (paints.paints >= 2);
  g_signal_handler_disconnect (clock, id);
  g_assert_cmpuint (paints.first_rows, >, 0);
  g_assert_cmpuint (paints.first_rows, <=, 40);
  g_assert_cmpuint (paints.second_size, >, 40);
  g_assert_cmpuint (paints.second_size, <, 312);
  g_assert_true (paints.selected_late);
  g_assert_cmpuint (n_listed (f), ==, 312);

  /* The rows GTK keeps for the whole list, recycled. */
  WAIT_FOR (count_rows (GTK_WIDGET (f->window->list_view)) > 100);
  g_assert_cmpuint (count_rows (GTK_WIDGET (f->window->list_view)), <=, 250);
}

/* A spot pod resumes with a bid: the window asks for it (the bid dialog,
 * answered here as a person would), then bids. */
static void
test_spot_resume (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog = NULL;
  GantryPod *pod;
  guint n_dialogs;

  wait_for_list (f);
  pod = select_pod (f, SPOT_ID);
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_INTERRUPTED);

  activate (f, "win.start-pod", SPOT_ID);
  WAIT_FOR ((dialog = find_dialog (f, NULL)) != NULL);
  /* While the person decides, a second Start asks nothing more. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.start-pod", "s",
                              SPOT_ID);
  spin (100);
  g_assert_true (find_dialog (f, &n_dialogs) == dialog);
  g_assert_cmpuint (n_dialogs, ==, 1);
  click_response (dialog, "_Resume");

  WAIT_FOR (sim_pod_is (SPOT_ID, "RUNNING"));
  g_assert_cmpuint (count_mutations ("podBidResume"), ==, 1);
  g_assert_cmpuint (count_mutations ("podResume"), ==, 0);
  WAIT_FOR (shows_text (GTK_WIDGET (f->window->toast_overlay),
                        "“spot-sd-render” is starting"));
  g_assert_true (selected_pod (f) == pod);
}

static GantryCreateDialog *
find_create_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GANTRY_IS_CREATE_DIALOG (window)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GANTRY_CREATE_DIALOG (window);
    }

  return NULL;
}

/* New Pod, as a person goes through it: an RTX 4090 named @name. */
static void
create_through_dialog (Fixture    *f,
                       const char *name)
{
  GantryCreateDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window),
                                             "win.new-pod", NULL));
  dialog = find_create_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog))
                 == GTK_WINDOW (f->window));

  WAIT_FOR (!gantry_gpu_picker_get_loading (dialog->picker));
  g_assert_true (gantry_gpu_picker_select (dialog->picker,
                                           "NVIDIA GeForce RTX 4090"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog),
                                             "create.next", NULL));
  gtk_editable_set_text (GTK_EDITABLE (dialog->name_row), name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog),
                                             "create.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog),
                                             "create.next", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog),
                                             "create.create", NULL));
  WAIT_FOR (find_create_dialog () == NULL);
}

/* New Pod opens the dialog on the window; the pod it creates is shown
 * selected, starting. */
static void
test_new_pod (Fixture       *f,
              gconstpointer  data)
{
  GantryPod *pod;

  wait_for_list (f);
  create_through_dialog (f, "from-the-window");

  pod = selected_pod (f);
  g_assert_nonnull (pod);
  g_assert_cmpstr (gantry_pod_get_name (pod), ==, "from-the-window");
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_STARTING);
}

/* The list fails and the refresher backs off for minutes (the banner up);
 * then the server is back. */
static void
fail_with_long_backoff (Fixture *f)
{
  wait_for_list (f);
  gantry_refresher_set_intervals (f->refresher, 600000, 150, 600000);
  control (FAULT_502);
  WAIT_FOR (banner_shown (f));
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), >=,
                    60000);
  control ("{\"op\": \"clear_faults\"}");
}

/* An action that worked shows the server answers: the list is read again
 * at once, not after the back-off. */
static void
test_action_ends_trouble (Fixture       *f,
                          gconstpointer  data)
{
  fail_with_long_backoff (f);

  activate (f, "win.stop-pod", RUNNING_ID);
  WAIT_FOR (sim_pod_is (RUNNING_ID, "EXITED"));
  WAIT_FOR (!banner_shown (f));
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_OK);
}

/* The same for a pod made through New Pod. */
static void
test_create_ends_trouble (Fixture       *f,
                          gconstpointer  data)
{
  fail_with_long_backoff (f);

  create_through_dialog (f, "after-trouble");
  WAIT_FOR (!banner_shown (f));
  g_assert_cmpuint (n_listed (f), ==, 13);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GantryTestSim) owned_sim = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  owned_sim = sim = gantry_test_sim_start (NULL);

#define ADD_WITH(path, data, func) \
  g_test_add ("/gantry/window/" path, Fixture, data, \
              fixture_set_up, func, fixture_tear_down)
#define ADD(path, func) ADD_WITH (path, NULL, func)
  g_test_add_func ("/gantry/window/application", test_application);
  ADD ("list-and-detail", test_list_and_detail);
  ADD ("new-pod", test_new_pod);
  ADD ("stop-and-start", test_stop_and_start);
  ADD ("error-that-took-effect", test_error_that_took_effect);
  ADD ("real-failure", test_real_failure);
  ADD ("terminate", test_terminate);
  ADD ("signed-out", test_signed_out);
  ADD_WITH ("nothing-to-act-on", SLOW_LIST, test_nothing_to_act_on);
  ADD ("trouble-keeps-list", test_trouble_keeps_list);
  ADD ("action-ends-trouble", test_action_ends_trouble);
  ADD ("create-ends-trouble", test_create_ends_trouble);
  ADD_WITH ("first-load-fails", FAULT_502, test_first_load_fails);
  ADD ("empty", test_empty);
  ADD ("scroll-kept", test_scroll_kept);
  ADD ("search-and-filter", test_search_and_filter);
  ADD ("sort-follows-values", test_sort_follows_values);
  ADD ("list-choices-kept", test_list_choices_kept);
  ADD ("price-of-stopped-pod", test_price_of_stopped_pod);
  ADD ("unknown-price-last", test_unknown_price_last);
  ADD ("spot-resume", test_spot_resume);
  ADD_WITH ("first-rows", MANY_PODS, test_first_rows);
#undef ADD
#undef ADD_WITH

  status = g_test_run ();
  return status;
}
