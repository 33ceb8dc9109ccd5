/* test-notify.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Notifications end to end: the application against the RunPod
 * simulator, under Xvfb, on a private session bus with a recording
 * notification daemon (python3-dbusmock). The simulator changes pods as
 * RunPod would; the daemon tells what a person would have seen, and
 * "clicks" notifications back. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gantry-application-notify.h"
#include "gantry-application-private.h"
#include "gantry-test-notifications.h"
#include "gantry-test-sim.h"
#include "ui/gantry-format.h"
#include "ui/gantry-notify-page.h"
#include "ui/gantry-window-private.h"

#define DEADLINE_S 60

/* From the simulator's demo set. */
#define STOPPED_ID   "c0mfy4090stop1"   /* comfyui-workbench, on demand */
#define STOPPED_NAME "comfyui-workbench"
#define RUNNING_ID   "k3q9x2m7p1v8za"   /* sdxl-lora-training */
#define RUNNING_NAME "sdxl-lora-training"
#define SERVING_ID   "h100n8vllmserv"   /* vllm-inference-h100 */
#define SERVING_NAME "vllm-inference-h100"
#define IDLE_ID      "n0nam3l4pod00x"   /* no name, its GPU at 0 % */

static GantryTestSim *sim;
static GantryTestNotifications *notifier;

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
 * generous deadline. */
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

static gboolean
sim_pod_is (const char *id,
            const char *desired_status)
{
  g_autoptr (JsonObject) pod = gantry_test_sim_get_pod (sim, id);

  return pod != NULL
         && g_strcmp0 (json_object_get_string_member_with_default (
                         pod, "desiredStatus", ""), desired_status) == 0;
}

static char *
dup_sim_price (const char *id)
{
  g_autoptr (JsonObject) pod = gantry_test_sim_get_pod (sim, id);

  g_assert_nonnull (pod);
  return gantry_format_price_per_hour (
    json_object_get_double_member_with_default (pod, "costPerHr", 0));
}

/* The application */

typedef struct
{
  GantryApplication *app;
  GSettings         *settings;
  gint64             clock_offset;  /* added to the watcher's clock */
  guint              n_earlier;     /* notifications of earlier tests */
} Fixture;

static gint64
offset_clock (gpointer user_data)
{
  Fixture *f = user_data;

  return g_get_monotonic_time () + f->clock_offset;
}

/* An application as main() makes one, with an id of its own per test so
 * that one test's leftovers on the bus cannot answer for the next. */
static GantryApplication *
new_application (void)
{
  static guint n_made;
  g_autofree char *id = g_strdup_printf ("%s.Test%u", APPLICATION_ID,
                                         ++n_made);

  return g_object_new (GANTRY_TYPE_APPLICATION,
                       "application-id", id,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/gantry_app/Gantry",
                       NULL);
}

static GantryWindow *
find_window (Fixture *f)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app));
       l != NULL; l = l->next)
    if (GANTRY_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static GantryRefresher *
refresher (Fixture *f)
{
  return gantry_application_get_refresher (f->app);
}

static GantryPod *
lookup (Fixture    *f,
        const char *id)
{
  return gantry_pod_store_lookup (gantry_application_get_store (f->app), id);
}

static const char *
selected_id (Fixture *f)
{
  GantryWindow *window = find_window (f);
  GantryPod *pod;

  if (window == NULL)
    return NULL;
  pod = gtk_single_selection_get_selected_item (window->selection);
  return pod != NULL ? gantry_pod_get_id (pod) : NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  control ("{\"op\": \"reset\"}");
  f->settings = g_settings_new (APPLICATION_ID);
  f->app = new_application ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows;

  if (g_application_get_is_registered (G_APPLICATION (f->app)))
    gantry_refresher_stop (refresher (f));
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (f->app))))
    gtk_window_destroy (windows->data);
  /* Let the cancelled requests come back before their objects go. */
  spin (100);
  g_clear_object (&f->app);

  /* The memory backend outlives the test: back to the defaults. */
  g_settings_reset (f->settings, "notify-enabled");
  g_settings_reset (f->settings, "notify-running");
  g_settings_reset (f->settings, "notify-stopped");
  g_settings_reset (f->settings, "background-watching");
  g_settings_reset (f->settings, "refresh-interval");
  g_clear_object (&f->settings);
}

/* Notifications */

static GDBusConnection *
app_bus (Fixture *f)
{
  return g_application_get_dbus_connection (G_APPLICATION (f->app));
}

/* The last notification of this test titled @summary in @list (asked
 * on the application's own connection, so up to date with what the
 * application sent), or NULL. Owned by @list. */
static GantryTestNotification *
find (Fixture    *f,
      GPtrArray  *list,
      const char *summary)
{
  for (guint i = list->len; i > f->n_earlier; i--)
    {
      GantryTestNotification *n = list->pdata[i - 1];

      if (g_strcmp0 (n->summary, summary) == 0)
        return n;
    }

  return NULL;
}

/* How many notifications since the test began name @name in their
 * title. */
static guint
count_about (Fixture    *f,
             GPtrArray  *list,
             const char *name)
{
  guint n = 0;

  for (guint i = f->n_earlier; i < list->len; i++)
    n += strstr (((GantryTestNotification *) list->pdata[i])->summary, name)
         != NULL ? 1 : 0;

  return n;
}

/* Whether a visible label under @widget reads @text (a toast does). */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child)
          && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (shows_label (child, text))
        return TRUE;
    }

  return FALSE;
}

static guint
count_sent (Fixture *f)
{
  g_autoptr (GPtrArray) list = gantry_test_notifications_list (notifier,
                                                               app_bus (f));

  return list->len;
}

/* Registers and opens the window as a launcher would, then waits for
 * the first list; the watcher runs on a clock the test can move. */
static void
start (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  f->n_earlier = count_sent (f);
  gantry_status_watcher_set_clock (
    gantry_application_get_status_watcher (f->app), offset_clock, f);
  g_application_activate (G_APPLICATION (f->app));
  WAIT_FOR (gantry_pod_store_get_loaded (gantry_application_get_store (
    f->app)));
}

/* Refreshes (a person would wait for the next poll) until the daemon has
 * a notification titled @summary; returns the list that has it. */
static GPtrArray *
wait_for_notification (Fixture    *f,
                       const char *summary)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  GPtrArray *list = NULL;

  while (g_get_monotonic_time () < end)
    {
      g_clear_pointer (&list, g_ptr_array_unref);
      list = gantry_test_notifications_list (notifier, app_bus (f));
      if (find (f, list, summary) != NULL)
        return list;

      gantry_refresher_refresh_now (refresher (f));
      spin (100);
    }

  g_error ("No notification “%s” in %d s", summary, DEADLINE_S);
}

/* Sets pod @id's fields in the simulator and waits until the list
 * shows @status. */
static void
change_pod (Fixture         *f,
            const char      *id,
            const char      *fields,
            GantryPodStatus  status)
{
  g_autofree char *command = NULL;

  command = g_strdup_printf ("{\"op\": \"set_pod\", \"id\": \"%s\", "
                             "\"fields\": %s}", id, fields);
  control (command);
  WAIT_FOR ((gantry_refresher_refresh_now (refresher (f)),
             lookup (f, id) != NULL
             && gantry_pod_get_status (lookup (f, id)) == status));
}

#define START_FIELDS "{\"desiredStatus\": \"RUNNING\", \"runtime\": null}"
#define STOP_FIELDS "{\"desiredStatus\": \"EXITED\"}"

/* Tests */

/* A pod the person started elsewhere comes up, then stops: one
 * notification each, the second replacing the first; clicking it shows
 * the pod. */
static void
test_ready_and_stopped (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *expected_id = g_strdup_printf ("%s.Test", APPLICATION_ID);
  g_autofree char *price = dup_sim_price (STOPPED_ID);
  g_autofree char *body = NULL;
  g_autoptr (GPtrArray) list = NULL;
  GantryTestNotification *running, *stopped;
  guint32 running_id;

  start (f);
  change_pod (f, STOPPED_ID, START_FIELDS, GANTRY_POD_STATUS_STARTING);
  control ("{\"op\": \"boot\", \"id\": \"" STOPPED_ID "\"}");
  list = wait_for_notification (f, "“" STOPPED_NAME "” Is Running");

  running = find (f, list, "“" STOPPED_NAME "” Is Running");
  body = g_strdup_printf ("Running at %s.", price);
  g_assert_cmpstr (running->body, ==, body);
  g_assert_cmpstr (running->app_name, ==, "Gantry");
  g_assert_nonnull (running->desktop_entry);
  g_assert_true (g_str_has_prefix (running->desktop_entry, expected_id));
  g_assert_nonnull (gantry_test_notification_get_button (running,
                                                         "default"));
  /* One change, one notification. */
  g_assert_cmpuint (count_about (f, list, STOPPED_NAME), ==, 1);
  running_id = running->id;

  change_pod (f, STOPPED_ID, STOP_FIELDS, GANTRY_POD_STATUS_STOPPED);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = wait_for_notification (f, "“" STOPPED_NAME "” Stopped");
  stopped = find (f, list, "“" STOPPED_NAME "” Stopped");
  g_assert_true (g_str_has_prefix (stopped->body, "Stopped after "));
  g_assert_cmpuint (stopped->replaces_id, ==, running_id);
  g_assert_cmpuint (count_about (f, list, STOPPED_NAME), ==, 2);

  /* The click: the window shows that pod, and the notification goes. */
  g_assert_true (gantry_window_select_pod (find_window (f), RUNNING_ID));
  gantry_test_notifications_invoke (notifier, stopped->id, "default");
  WAIT_FOR (g_strcmp0 (selected_id (f), STOPPED_ID) == 0);
  WAIT_FOR (gantry_test_notifications_count_closed (notifier, app_bus (f),
                                                    stopped->id) == 1);
}

/* An idle pod: a warning with its price and a Stop button that stops
 * it; the warning gives way to the stop. */
static void
test_idle_stop (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *stop_action = NULL;
  g_autofree char *open_action = NULL;
  g_autoptr (GPtrArray) list = NULL;
  GantryTestNotification *idle;

  start (f);
  f->clock_offset += 31 * 60 * G_USEC_PER_SEC;
  list = wait_for_notification (f, "“" IDLE_ID "” Is Idle");
  idle = find (f, list, "“" IDLE_ID "” Is Idle");
  g_assert_true (g_str_has_prefix (idle->body,
                                   "Its GPUs have done no work for 31 min."));

  /* A button's key is its detailed action name, as GLib prints it. */
  stop_action = g_action_print_detailed_name ("app.stop-pod",
                                              g_variant_new_string (IDLE_ID));
  open_action = g_action_print_detailed_name ("app.open-pod",
                                              g_variant_new_string (IDLE_ID));
  g_assert_cmpstr (gantry_test_notification_get_button (idle, stop_action),
                   ==, "Stop");
  g_assert_cmpstr (gantry_test_notification_get_button (idle, open_action),
                   ==, "Open");

  /* The person clicks Stop: the window stops the pod, as its own Stop
   * button would; with the window in front, the stop is news to nobody. */
  g_assert_true (gtk_window_is_active (GTK_WINDOW (find_window (f))));
  gantry_test_notifications_invoke (notifier, idle->id, stop_action);
  WAIT_FOR (sim_pod_is (IDLE_ID, "EXITED"));
  WAIT_FOR (lookup (f, IDLE_ID) != NULL
            && gantry_pod_get_status (lookup (f, IDLE_ID))
               == GANTRY_POD_STATUS_STOPPED);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = gantry_test_notifications_list (notifier, app_bus (f));
  g_assert_cmpuint (count_about (f, list, IDLE_ID), ==, 1);
}

/* Started from the window in front: a toast says it runs. Started, then
 * the person turns to another window: a notification does. */
static void
test_own_change (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr (GPtrArray) list = NULL;
  GtkWidget *other;

  start (f);
  g_assert_true (gtk_window_is_active (GTK_WINDOW (find_window (f))));
  gtk_widget_activate_action (GTK_WIDGET (find_window (f)), "win.start-pod",
                              "s", STOPPED_ID);
  WAIT_FOR (sim_pod_is (STOPPED_ID, "RUNNING"));
  control ("{\"op\": \"boot\", \"id\": \"" STOPPED_ID "\"}");
  WAIT_FOR ((gantry_refresher_refresh_now (refresher (f)),
             gantry_pod_get_status (lookup (f, STOPPED_ID))
             == GANTRY_POD_STATUS_RUNNING));
  WAIT_FOR (shows_label (GTK_WIDGET (find_window (f)),
                         "“" STOPPED_NAME "” is running"));
  list = gantry_test_notifications_list (notifier, app_bus (f));
  g_assert_cmpuint (count_about (f, list, STOPPED_NAME), ==, 0);

  gtk_widget_activate_action (GTK_WIDGET (find_window (f)), "win.stop-pod",
                              "s", STOPPED_ID);
  WAIT_FOR (gantry_pod_get_status (lookup (f, STOPPED_ID))
            == GANTRY_POD_STATUS_STOPPED);
  gtk_widget_activate_action (GTK_WIDGET (find_window (f)), "win.start-pod",
                              "s", STOPPED_ID);
  WAIT_FOR (sim_pod_is (STOPPED_ID, "RUNNING"));

  /* Another window comes to the front. */
  other = gtk_window_new ();
  gtk_window_present (GTK_WINDOW (other));
  WAIT_FOR (!gtk_window_is_active (GTK_WINDOW (find_window (f))));
  control ("{\"op\": \"boot\", \"id\": \"" STOPPED_ID "\"}");
  g_ptr_array_unref (wait_for_notification (f, "“" STOPPED_NAME "” "
                                               "Is Running"));
  gtk_window_destroy (GTK_WINDOW (other));
}

/* The switches: nothing at all with the master off; one kind off
 * withdraws what no longer holds instead of saying more. */
static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr (GPtrArray) list = NULL;
  guint32 running_id;
  guint n_before;

  start (f);
  g_settings_set_boolean (f->settings, "notify-enabled", FALSE);
  n_before = count_sent (f);
  change_pod (f, RUNNING_ID, STOP_FIELDS, GANTRY_POD_STATUS_STOPPED);
  g_assert_cmpuint (count_sent (f), ==, n_before);

  g_settings_set_boolean (f->settings, "notify-enabled", TRUE);
  g_settings_set_boolean (f->settings, "notify-stopped", FALSE);
  change_pod (f, STOPPED_ID, START_FIELDS, GANTRY_POD_STATUS_STARTING);
  control ("{\"op\": \"boot\", \"id\": \"" STOPPED_ID "\"}");
  list = wait_for_notification (f, "“" STOPPED_NAME "” Is Running");
  running_id = find (f, list, "“" STOPPED_NAME "” Is Running")->id;

  change_pod (f, STOPPED_ID, STOP_FIELDS, GANTRY_POD_STATUS_STOPPED);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = gantry_test_notifications_list (notifier, app_bus (f));
  g_assert_cmpuint (count_about (f, list, STOPPED_NAME), ==, 1);
  g_assert_cmpuint (gantry_test_notifications_count_closed (
                      notifier, app_bus (f), running_id), ==, 1);
}

/* Background watching, with g_application_run as main() runs it: the
 * steps run from the loop; step two only does anything when the
 * application has not shut down after step one closed its window. */

typedef struct
{
  Fixture  *f;
  gboolean  closed;        /* step one ran: the window was closed */
  gboolean  shut_down;     /* the application's ::shutdown came */
  gboolean  still_running; /* step two found the application running */
} Run;

static gboolean
on_watchdog_cb (gpointer user_data)
{
  g_error ("The application did not quit in %d s", 2 * DEADLINE_S);
  return G_SOURCE_REMOVE;
}

static void
on_interval_changed_cb (GSettings  *settings,
                        const char *key,
                        gpointer    user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Sets refresh-interval as Preferences does, and returns once the
 * application has heard of it. */
static void
set_refresh_interval (Fixture *f,
                      guint    seconds)
{
  GSettings *heard_by = f->app->settings;
  gboolean heard = FALSE;
  gulong id;

  id = g_signal_connect_after (heard_by, "changed::refresh-interval",
                               G_CALLBACK (on_interval_changed_cb), &heard);
  g_settings_set_uint (f->settings, "refresh-interval", seconds);
  WAIT_FOR (heard);
  g_signal_handler_disconnect (heard_by, id);
}

/* Closed, the app keeps notifying, polls once a minute (whatever the
 * refresh interval), stops a pod from a notification without a window,
 * and opens a window again. */
static void
still_running_cb (gpointer user_data)
{
  Run *run = user_data;
  Fixture *f = run->f;

  if (run->shut_down)
    return;

  run->still_running = TRUE;
  g_assert_null (find_window (f));
  /* Once a refresh in flight is back. */
  WAIT_FOR (gantry_refresher_get_next_delay (refresher (f)) == 60000);
  set_refresh_interval (f, 20);
  g_assert_cmpuint (gantry_refresher_get_next_delay (refresher (f)), ==,
                    60000);
  set_refresh_interval (f, 10);

  control ("{\"op\": \"set_pod\", \"id\": \"" RUNNING_ID "\", "
           "\"fields\": " STOP_FIELDS "}");
  g_ptr_array_unref (wait_for_notification (f, "“" RUNNING_NAME "” "
                                               "Stopped"));

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "stop-pod",
                                  g_variant_new_string (SERVING_ID));
  WAIT_FOR (sim_pod_is (SERVING_ID, "EXITED"));
  g_ptr_array_unref (wait_for_notification (f, "“" SERVING_NAME "” "
                                               "Stopped"));

  g_application_activate (G_APPLICATION (f->app));
  g_assert_nonnull (find_window (f));
  WAIT_FOR (gantry_refresher_get_next_delay (refresher (f)) > 0);
  g_assert_cmpuint (gantry_refresher_get_next_delay (refresher (f)), <=,
                    10000);

  g_application_quit (G_APPLICATION (f->app));
}

static void
close_window_cb (gpointer user_data)
{
  Run *run = user_data;
  Fixture *f = run->f;

  WAIT_FOR (gantry_pod_store_get_loaded (gantry_application_get_store (
    f->app)));
  gtk_window_close (GTK_WINDOW (find_window (f)));
  g_assert_null (find_window (f));
  run->closed = TRUE;

  g_idle_add_once (still_running_cb, run);
}

static void
on_activate_cb (GApplication *app,
                Run          *run)
{
  if (!run->closed)
    g_idle_add_once (close_window_cb, run);
}

static void
on_shutdown_cb (Run *run)
{
  run->shut_down = TRUE;
}

static void
run_app (Run *run)
{
  guint watchdog;
  int status;

  g_signal_connect_after (run->f->app, "activate",
                          G_CALLBACK (on_activate_cb), run);
  g_signal_connect_swapped (run->f->app, "shutdown",
                            G_CALLBACK (on_shutdown_cb), run);
  watchdog = g_timeout_add_seconds (2 * DEADLINE_S, on_watchdog_cb, NULL);
  status = g_application_run (G_APPLICATION (run->f->app), 0, NULL);
  g_source_remove (watchdog);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run->closed);
  g_assert_true (run->shut_down);
}

static void
test_background_on (Fixture       *f,
                    gconstpointer  data)
{
  Run run = { f, };

  g_settings_set_boolean (f->settings, "background-watching", TRUE);
  run_app (&run);
  g_assert_true (run.still_running);
}

static void
test_background_off (Fixture       *f,
                     gconstpointer  data)
{
  Run run = { f, };

  run_app (&run);
  /* Step two, if it has not run yet, must not outlive @run. */
  while (g_idle_remove_by_data (&run))
    ;
  g_assert_false (run.still_running);
}

/* The Notifications page of Preferences writes what a person flips. */

static void
collect_switches (GtkWidget *widget,
                  GPtrArray *switches)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SWITCH (child))
        g_ptr_array_add (switches, child);
      collect_switches (child, switches);
    }
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr (GPtrArray) switches = g_ptr_array_new ();
  GtkWidget *window = adw_preferences_window_new ();
  GtkSwitch *master, *idle, *background;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (window),
                              ADW_PREFERENCES_PAGE (gantry_notify_page_new ()));
  gtk_window_present (GTK_WINDOW (window));
  collect_switches (window, switches);
  /* The master switch, six kinds, background watching. */
  g_assert_cmpuint (switches->len, ==, 8);
  master = switches->pdata[0];
  idle = switches->pdata[6];
  background = switches->pdata[7];

  g_assert_true (gtk_switch_get_active (master));
  gtk_switch_set_active (master, FALSE);
  g_assert_false (g_settings_get_boolean (f->settings, "notify-enabled"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (idle)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (background)));

  g_assert_false (gtk_switch_get_active (background));
  gtk_switch_set_active (background, TRUE);
  g_assert_true (g_settings_get_boolean (f->settings,
                                         "background-watching"));

  /* The threshold shows where it applies. */
  g_settings_set_uint (f->settings, "idle-minutes", 45);
  g_assert_true (shows_label (window, "Running with every GPU under 5 % "
                                      "use for 45 minutes"));
  g_settings_reset (f->settings, "idle-minutes");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  /* Before anything connects to the session bus. */
  notifier = gantry_test_notifications_new ();
  gtk_init ();
  adw_init ();
  g_set_application_name ("Gantry");

  sim = gantry_test_sim_start (NULL);
  g_setenv ("GANTRY_API_URL", gantry_test_sim_get_url (sim), TRUE);
  g_setenv ("RUNPOD_API_KEY", gantry_test_sim_get_api_key (sim), TRUE);

#define ADD(path, func) \
  g_test_add ("/gantry/notify/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("ready-and-stopped", test_ready_and_stopped);
  ADD ("idle-stop", test_idle_stop);
  ADD ("own-change", test_own_change);
  ADD ("settings", test_settings);
  ADD ("background-on", test_background_on);
  ADD ("background-off", test_background_off);
  ADD ("page", test_page);
#undef ADD

  status = g_test_run ();

  gantry_test_sim_free (sim);
  gantry_test_notifications_free (notifier);

  return status;
}
