/* test-faults.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fault matrix: the main window under Xvfb against the simulator,
 * while RunPod or the network misbehaves in every way we know of. For
 * each fault: no crash, the main loop keeps turning, a message in words
 * that says what to do, the last good list kept and marked stale, polling
 * backing off and coming back on its own when the fault ends, and no
 * action sent twice. The faults the simulator cannot make (a closed
 * port, a name that does not resolve, an untrusted certificate) come from
 * the front in gantry-test-front.h. */

#include "config.h"

#include <adwaita.h>

#include "gantry-test-front.h"
#include "gantry-test-sim.h"
#include "model/gantry-pod-store.h"
#include "ui/gantry-window-private.h"

#define DEADLINE_S 60
#define NORMAL_MS  300
#define FAST_MS    150
#define MAX_MS     1200

/* From the simulator's demo set. */
#define N_DEMO_PODS  12
#define RUNNING_ID   "k3q9x2m7p1v8za"
#define RUNNING_NAME "sdxl-lora-training"
#define DOOMED_ID    "d4t4pr3pa5000x"
#define DOOMED_NAME  "data-prep"

static GantryTestSim *sim;

typedef struct
{
  SoupSession     *session;
  GantryClient    *client;
  GantryPodStore  *store;
  GantryRefresher *refresher;
  GantryWindow    *window;
  GantryTestFront *front;      /* nullable */
  guint            n_failed;
  GArray          *delays;     /* guint: the back-off after each failure */
  guint            ticks;      /* of a 50 ms timeout */
  guint            busy_ticks; /* of those, while a refresh was on its way */
  guint            tick_id;
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

#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      spin (20); \
    g_assert_true (cond); \
  } G_STMT_END

/* The simulator */

static void
control (const char *json)
{
  json_object_unref (gantry_test_sim_control (sim, json));
}

/* Recorded requests whose query contains @text ("mutation": all). */
static guint
count_requests (const char *text)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonNode *query = json_object_get_member (request, "query");

      if (query != NULL && JSON_NODE_HOLDS_VALUE (query)
          && strstr (json_node_get_string (query), text) != NULL)
        n++;
    }

  return n;
}

/* What the window shows */

static gboolean
page_is (Fixture    *f,
         const char *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (f->window->main_stack),
                    name) == 0;
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

static const char *
banner_title (Fixture *f)
{
  return gtk_label_get_text (f->window->banner_title);
}

static const char *
banner_detail (Fixture *f)
{
  return gtk_label_get_text (f->window->banner_detail);
}

static gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child)
          && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (shows_text (child, text))
        return TRUE;
    }

  return FALSE;
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

  return selected_pod (f);
}

/* The fixture */

static void
on_failed_cb (Fixture      *f,
              const GError *error)
{
  guint delay = gantry_refresher_get_next_delay (f->refresher);

  f->n_failed++;
  g_array_append_val (f->delays, delay);
}

static void
on_refreshed_cb (Fixture *f)
{
  g_array_set_size (f->delays, 0);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  Fixture *f = user_data;

  f->ticks++;
  if (f->refresher != NULL && gantry_refresher_get_busy (f->refresher))
    f->busy_ticks++;

  return G_SOURCE_CONTINUE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  control ("{\"op\": \"reset\"}");
  f->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  f->tick_id = g_timeout_add (50, on_tick_cb, f);
}

/* The window on @url, through a session that gives up after @timeout_s;
 * waits for the first list when @n_pods is not 0. */
static void
open_window (Fixture    *f,
             const char *url,
             guint       timeout_s,
             guint       n_pods)
{
  f->session = soup_session_new_with_options ("timeout", timeout_s, NULL);
  if (f->front != NULL && g_str_has_prefix (url, "https:"))
    soup_session_set_tls_database (f->session,
                                   gantry_test_front_get_database (f->front));
  f->client = gantry_client_new (f->session, url);
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));
  f->store = gantry_pod_store_new ();
  f->refresher = gantry_refresher_new (f->client, f->store);
  gantry_refresher_set_intervals (f->refresher, NORMAL_MS, FAST_MS, MAX_MS);
  g_signal_connect_swapped (f->refresher, "failed",
                            G_CALLBACK (on_failed_cb), f);
  g_signal_connect_swapped (f->refresher, "refreshed",
                            G_CALLBACK (on_refreshed_cb), f);

  f->window = g_object_ref (gantry_window_new (NULL, f->refresher));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  gantry_refresher_start (f->refresher);

  if (n_pods > 0)
    WAIT_FOR (page_is (f, "pods") && n_listed (f) == n_pods);
}

static void
close_window (Fixture *f)
{
  if (f->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (f->refresher, f);
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_clear_object (&f->window);
      gantry_refresher_stop (f->refresher);
      /* Let the cancelled requests come back before their objects go. */
      spin (100);
    }
  g_clear_object (&f->refresher);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_handle_id (&f->tick_id, g_source_remove);
  close_window (f);
  g_clear_pointer (&f->front, gantry_test_front_free);
  g_array_unref (f->delays);
  control ("{\"op\": \"clear_faults\"}");
}

/* What every fault must leave true */

typedef enum
{
  ROUTE_SIM,      /* the fault is a simulator fault */
  ROUTE_CLOSED,   /* the front's port is closed */
  ROUTE_NO_DNS,   /* the front's name does not resolve */
  ROUTE_BAD_CERT, /* the front's certificate is not trusted */
} Route;

typedef struct
{
  Route       route;
  const char *fault;     /* ROUTE_SIM: the control command */
  const char *title;     /* the banner's title */
  const char *words;     /* in the banner's detail: what to do */
  guint       min_delay; /* ms the back-off must at least wait */
  guint       timeout_s; /* the session's; 0 for 30 */
  gboolean    from_start; /* before the first list */
} Trouble;

static void
begin_trouble (Fixture       *f,
               const Trouble *t)
{
  switch (t->route)
    {
    case ROUTE_SIM:
      control (t->fault);
      break;
    case ROUTE_CLOSED:
      gantry_test_front_set_listening (f->front, FALSE);
      break;
    case ROUTE_NO_DNS:
      gantry_test_front_set_resolving (f->front, FALSE);
      break;
    case ROUTE_BAD_CERT:
      soup_session_set_tls_database (f->session, NULL);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
end_trouble (Fixture       *f,
             const Trouble *t)
{
  switch (t->route)
    {
    case ROUTE_SIM:
      control ("{\"op\": \"clear_faults\"}");
      break;
    case ROUTE_CLOSED:
      gantry_test_front_set_listening (f->front, TRUE);
      break;
    case ROUTE_NO_DNS:
      gantry_test_front_set_resolving (f->front, TRUE);
      break;
    case ROUTE_BAD_CERT:
      soup_session_set_tls_database (f->session,
                                     gantry_test_front_get_database (f->front));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* The list as it was, the person's choice kept, marked as not fresh. */
static void
assert_stale_list_kept (Fixture   *f,
                        GantryPod *selected,
                        guint      n_pods)
{
  g_assert_true (page_is (f, "pods"));
  g_assert_cmpuint (n_listed (f), ==, n_pods);
  g_assert_true (selected_pod (f) == selected);
  g_assert_nonnull (strstr (banner_detail (f), "Last updated"));
}

/* Each wait after a failure is longer than a healthy poll, never shorter
 * than the one before, and at least what the server asked for. */
static void
assert_backing_off (Fixture *f,
                    guint    min_delay)
{
  guint previous = 0;

  g_assert_cmpuint (f->delays->len, >=, 3);
  for (guint i = 0; i < f->delays->len; i++)
    {
      guint delay = g_array_index (f->delays, guint, i);

      g_assert_cmpuint (delay, >, NORMAL_MS);
      g_assert_cmpuint (delay, >=, previous);
      g_assert_cmpuint (delay, >=, min_delay);
      previous = delay;
    }
  g_assert_cmpuint (previous, >=, MIN (MAX_MS, min_delay));
}

static void
run_trouble (Fixture       *f,
             const Trouble *t,
             guint          n_pods)
{
  g_autoptr (GantryPod) first = g_list_model_get_item (
    G_LIST_MODEL (f->window->selection), 0);
  GantryPod *selected = select_pod (f, gantry_pod_get_id (first));
  g_autofree char *name = g_strdup (gantry_pod_get_display_name (selected));
  guint ticks = f->ticks;
  guint busy_ticks = f->busy_ticks;
  guint failed = f->n_failed;

  begin_trouble (f, t);

  /* The banner says what happened and what to do; the list stays. */
  WAIT_FOR (banner_shown (f));
  g_assert_cmpstr (banner_title (f), ==, t->title);
  g_assert_nonnull (strstr (banner_detail (f), t->words));
  g_assert_true (gtk_widget_get_visible (
    GTK_WIDGET (f->window->banner_button)));
  assert_stale_list_kept (f, selected, n_pods);
  g_assert_true (shows_text (GTK_WIDGET (f->window->detail), name));

  /* Three failures in a row, each waiting longer; nothing else sent. */
  WAIT_FOR (f->n_failed >= failed + 3);
  assert_backing_off (f, t->min_delay);
  assert_stale_list_kept (f, selected, n_pods);
  g_assert_cmpuint (count_requests ("mutation"), ==, 0);
  g_assert_cmpuint (f->ticks, >, ticks);
  /* A request that hangs until the timeout does not hang the window. */
  if (t->timeout_s > 0)
    g_assert_cmpuint (f->busy_ticks, >, busy_ticks);

  /* The fault ends; the window finds out by itself. */
  end_trouble (f, t);
  WAIT_FOR (!banner_shown (f)
            && gantry_refresher_get_state (f->refresher)
               == GANTRY_REFRESHER_OK);
  g_assert_true (page_is (f, "pods"));
  g_assert_cmpuint (n_listed (f), ==, n_pods);
  g_assert_true (selected_pod (f) == selected);
  g_assert_null (f->window->failure_heading);
}

/* A fault from the very first request: nothing to keep, so the error
 * page says it; the list comes when the fault ends, by itself. */
static void
run_first_trouble (Fixture       *f,
                   const Trouble *t,
                   const char    *url)
{
  g_autofree char *words = NULL;

  begin_trouble (f, t);
  open_window (f, url, t->timeout_s ? t->timeout_s : 30, 0);

  WAIT_FOR (page_is (f, "error") && f->n_failed >= 3);
  g_assert_cmpstr (adw_status_page_get_title (f->window->error_page), ==,
                   t->title);
  words = g_strdup (adw_status_page_get_description (f->window->error_page));
  g_assert_nonnull (strstr (words, t->words));
  assert_backing_off (f, t->min_delay);
  g_assert_cmpuint (count_requests ("mutation"), ==, 0);

  end_trouble (f, t);
  WAIT_FOR (page_is (f, "pods") && n_listed (f) == N_DEMO_PODS);
  g_assert_false (banner_shown (f));
}

static void
test_trouble (Fixture       *f,
              gconstpointer  data)
{
  const Trouble *t = data;
  const char *url = gantry_test_sim_get_url (sim);

  if (t->route == ROUTE_CLOSED)
    f->front = gantry_test_front_new (url, FALSE);
  else if (t->route != ROUTE_SIM)
    f->front = gantry_test_front_new (url, TRUE);
  if (t->route != ROUTE_SIM && f->front == NULL)
    return;

  if (f->front != NULL)
    url = gantry_test_front_get_url (f->front);
  if (t->from_start)
    {
      run_first_trouble (f, t, url);
      return;
    }

  open_window (f, url, t->timeout_s ? t->timeout_s : 30, N_DEMO_PODS);
  run_trouble (f, t, N_DEMO_PODS);
}

#define HTTP_FAULT(status) \
  "{\"op\": \"fault\", \"kind\": \"http\", \"status\": " #status ", " \
  "\"count\": -1}"
#define SHAPE_FAULT(shape) \
  "{\"op\": \"fault\", \"kind\": \"wrong_shape\", \"shape\": \"" shape \
  "\", \"count\": -1}"

#define SLOW_DOWN "RunPod asked Gantry to slow down"
#define TROUBLE   "RunPod is having trouble"
#define UNREACHED "Cannot reach RunPod"
#define GARBLED   "RunPod sent an answer Gantry does not understand"
#define REFUSED   "RunPod refused the request"
#define OUTAGES   "uptime.runpod.io"
#define UPDATE    "Gantry may need an update"
#define ONLINE    "Check that this computer is connected"

/* Numbers sent as strings are still the numbers: read as such, nothing
 * to complain about, nothing shown wrong. */
static void
test_number_as_string (Fixture       *f,
                       gconstpointer  data)
{
  GantryPod *pod;
  double cost;
  guint refreshed;

  open_window (f, gantry_test_sim_get_url (sim), 30, N_DEMO_PODS);
  pod = select_pod (f, RUNNING_ID);
  cost = gantry_pod_get_cost_per_hr (pod);
  g_assert_cmpfloat (cost, >, 0);

  control (SHAPE_FAULT ("number_as_string"));
  refreshed = count_requests ("myself");
  WAIT_FOR (count_requests ("myself") >= refreshed + 3
            && !gantry_refresher_get_busy (f->refresher));
  g_assert_false (banner_shown (f));
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_OK);
  g_assert_true (selected_pod (f) == pod);
  g_assert_cmpfloat_with_epsilon (gantry_pod_get_cost_per_hr (pod), cost,
                                  1e-9);
  g_assert_cmpuint (n_listed (f), ==, N_DEMO_PODS);
}

/* The key is refused, or RunPod does not know who asks: retrying cannot
 * help, so polling stops (nothing is sent again by itself) and the
 * window asks for an account; Refresh tries again once the person has
 * seen to it. */
static void
test_signed_out (Fixture       *f,
                 gconstpointer  data)
{
  const char *fault = data;
  const GError *error;
  guint requests;

  open_window (f, gantry_test_sim_get_url (sim), 30, N_DEMO_PODS);
  select_pod (f, RUNNING_ID);

  control (fault);
  WAIT_FOR (page_is (f, "signed-out"));
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_SIGNED_OUT);
  error = gantry_refresher_get_last_error (f->refresher);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_UNAUTHORIZED);
  g_assert_true (shows_text (GTK_WIDGET (f->window->main_stack), "key"));
  g_assert_false (gtk_widget_get_visible (
    GTK_WIDGET (f->window->account_label)));

  /* Not retried blindly: nothing more goes out. */
  requests = gantry_test_sim_count_requests (sim);
  spin (6 * MAX_MS);
  g_assert_cmpuint (gantry_test_sim_count_requests (sim), ==, requests);
  g_assert_cmpuint (count_requests ("mutation"), ==, 0);
  /* The pods are still known, for when the account comes back. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==,
                    N_DEMO_PODS);

  control ("{\"op\": \"clear_faults\"}");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.refresh", NULL);
  WAIT_FOR (page_is (f, "pods") && n_listed (f) == N_DEMO_PODS);
  g_assert_false (banner_shown (f));
}

/* 10,000 pods: the list arrives, parsed off the main loop, which turns
 * while the answer is on its way; a fault keeps all of them. */
static void
test_ten_thousand (Fixture       *f,
                   gconstpointer  data)
{
  const char *args[] = { "--pods", "10000", NULL };
  g_autoptr (GantryTestSim) big = gantry_test_sim_start (args);
  GantryTestSim *demo = sim;
  Trouble t = { ROUTE_SIM, HTTP_FAULT (502), "RunPod is having trouble",
                "uptime.runpod.io" };

  sim = big;
  open_window (f, gantry_test_sim_get_url (big), 30, 10000);
  g_assert_cmpuint (f->busy_ticks, >, 0);
  run_trouble (f, &t, 10000);

  /* The window goes before its simulator does. */
  close_window (f);
  sim = demo;
}


static const struct
{
  const char *path;
  Trouble     trouble;
} troubles[] = {
  { "429", { ROUTE_SIM, HTTP_FAULT (429), SLOW_DOWN,
             "Gantry will try again in a moment" } },
  { "429-retry-after", { ROUTE_SIM,
      "{\"op\": \"fault\", \"kind\": \"http\", \"status\": 429, "
      "\"headers\": {\"Retry-After\": \"2\"}, \"count\": -1}",
      SLOW_DOWN, "Gantry will try again in 2 seconds", 2000 } },
  { "500-html", { ROUTE_SIM, HTTP_FAULT (500), TROUBLE, OUTAGES } },
  { "502-html", { ROUTE_SIM, HTTP_FAULT (502), TROUBLE, OUTAGES } },
  { "timeout", { ROUTE_SIM,
      "{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 3, "
      "\"count\": -1}",
      "RunPod did not answer in time", "Try again in a moment", 0, 1 } },
  { "truncated", { ROUTE_SIM,
      "{\"op\": \"fault\", \"kind\": \"truncate\", \"count\": -1}",
      GARBLED, UPDATE } },
  { "shape/string-as-number", { ROUTE_SIM,
      SHAPE_FAULT ("string_as_number"), GARBLED, UPDATE } },
  { "shape/list-as-object", { ROUTE_SIM,
      SHAPE_FAULT ("list_as_object"), GARBLED, UPDATE } },
  { "shape/object-as-list", { ROUTE_SIM,
      SHAPE_FAULT ("object_as_list"), GARBLED, UPDATE } },
  { "shape/null-leaves", { ROUTE_SIM,
      SHAPE_FAULT ("null_leaves"), GARBLED, UPDATE } },
  { "shape/missing-data", { ROUTE_SIM,
      SHAPE_FAULT ("missing_data"), GARBLED, UPDATE } },
  { "shape/data-not-object", { ROUTE_SIM,
      SHAPE_FAULT ("data_not_object"), GARBLED, UPDATE } },
  { "shape/not-json", { ROUTE_SIM,
      SHAPE_FAULT ("not_json"), GARBLED, UPDATE } },
  { "graphql-error-with-path", { ROUTE_SIM,
      "{\"op\": \"fault\", \"kind\": \"graphql_error\", \"count\": -1, "
      "\"message\": \"Pod listing is paused for maintenance\", "
      "\"path\": [\"myself\"]}",
      REFUSED, "Pod listing is paused for maintenance" } },
  { "graphql-error-without-path", { ROUTE_SIM,
      "{\"op\": \"fault\", \"kind\": \"graphql_error\", \"count\": -1, "
      "\"message\": \"Internal error, try later\", \"path\": []}",
      REFUSED, "Internal error, try later" } },
  { "connection-refused", { ROUTE_CLOSED, NULL, UNREACHED, ONLINE } },
  { "dns", { ROUTE_NO_DNS, NULL, UNREACHED, ONLINE, 0, 0, TRUE } },
  { "tls", { ROUTE_BAD_CERT, NULL, UNREACHED, ONLINE } },
};

/* Actions */

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label,
             const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && ((label != NULL
               && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)),
                             label) == 0)
              || (action != NULL
                  && g_strcmp0 (gtk_actionable_get_action_name (
                                  GTK_ACTIONABLE (child)), action) == 0)))
        return child;
      if ((found = find_button (child, label, action)) != NULL)
        return found;
    }

  return NULL;
}

static gboolean
sim_pod_is (const char *id,
            const char *desired_status)
{
  g_autoptr (JsonObject) pod = gantry_test_sim_get_pod (sim, id);

  if (pod == NULL)
    return desired_status == NULL;

  return g_strcmp0 (json_object_get_string_member_with_default (
                      pod, "desiredStatus", ""), desired_status) == 0;
}

static void
stop_clicked (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.stop-pod", "s",
                              RUNNING_ID);
}

/* A slow stop: shown as on its way (Stop, Start and Terminate greyed out
 * for that pod), and a double click, or a third, sends nothing more. */
static void
test_in_flight_once (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *stop;

  open_window (f, gantry_test_sim_get_url (sim), 30, N_DEMO_PODS);
  select_pod (f, RUNNING_ID);
  stop = find_button (GTK_WIDGET (f->window->detail), NULL, "win.stop-pod");
  g_assert_nonnull (stop);
  g_assert_true (gtk_widget_is_sensitive (stop));

  control ("{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 2, "
           "\"match\": \"podStop\"}");
  stop_clicked (f);
  stop_clicked (f);
  g_assert_false (gtk_widget_is_sensitive (stop));
  g_assert_true (g_hash_table_contains (f->window->in_flight, RUNNING_ID));
  gtk_widget_activate_action (GTK_WIDGET (f->window),
                              "win.terminate-selected", NULL);
  g_assert_null (f->window->terminate_dialog);
  stop_clicked (f);

  WAIT_FOR (g_hash_table_size (f->window->in_flight) == 0);
  g_assert_true (sim_pod_is (RUNNING_ID, "EXITED"));
  g_assert_cmpuint (count_requests ("podStop"), ==, 1);
  WAIT_FOR (shows_text (GTK_WIDGET (f->window->toast_overlay),
                        "Stopping “" RUNNING_NAME "”"));
  g_assert_true (gtk_widget_is_sensitive (stop));
}

/* The server fails the stop: said so, with the reason one click away;
 * not sent again, and the pod shown as it really is. */
static void
test_action_fails (Fixture       *f,
                   gconstpointer  data)
{
  GantryPod *pod;

  open_window (f, gantry_test_sim_get_url (sim), 30, N_DEMO_PODS);
  pod = select_pod (f, RUNNING_ID);

  control ("{\"op\": \"fault\", \"kind\": \"http\", \"status\": 502, "
           "\"match\": \"podStop\", \"count\": -1}");
  stop_clicked (f);
  WAIT_FOR (f->window->failure_heading != NULL);
  g_assert_cmpstr (f->window->failure_heading, ==,
                   "Could not stop “" RUNNING_NAME "”");
  g_assert_nonnull (strstr (f->window->failure_body,
                            "RunPod is having trouble"));
  WAIT_FOR (g_hash_table_size (f->window->in_flight) == 0);
  spin (3 * NORMAL_MS);
  g_assert_cmpuint (count_requests ("podStop"), ==, 1);
  g_assert_true (sim_pod_is (RUNNING_ID, "RUNNING"));
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_RUNNING);
}

/* Terminate asks first, naming the pod and what goes with it; the API
 * then reports an error for a terminate that happened: the window reads
 * the pod back and tells the truth, once. */
static void
test_terminate_took_effect (Fixture       *f,
                            gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *button;

  open_window (f, gantry_test_sim_get_url (sim), 30, N_DEMO_PODS);
  select_pod (f, DOOMED_ID);

  control ("{\"op\": \"fault\", \"kind\": \"apply_then_error\", "
           "\"match\": \"podTerminate\"}");
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.terminate-pod",
                              "s", DOOMED_ID);
  dialog = f->window->terminate_dialog;
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog),
                            DOOMED_NAME));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "volume"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==,
                   "cancel");
  g_assert_cmpuint (count_requests ("podTerminate"), ==, 0);

  button = find_button (GTK_WIDGET (dialog), "_Terminate", NULL);
  g_assert_nonnull (button);
  gtk_widget_activate (button);

  WAIT_FOR (shows_text (GTK_WIDGET (f->window->toast_overlay),
                        "“" DOOMED_NAME "” terminated"));
  g_assert_null (f->window->failure_heading);
  g_assert_true (sim_pod_is (DOOMED_ID, NULL));
  WAIT_FOR (position_of (f, DOOMED_ID) == GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (count_requests ("podTerminate"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GantryTestSim) owned_sim = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  owned_sim = sim = gantry_test_sim_start (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (troubles); i++)
    {
      g_autofree char *path = g_strconcat ("/gantry/faults/",
                                           troubles[i].path, NULL);

      g_test_add (path, Fixture, &troubles[i].trouble, fixture_set_up,
                  test_trouble, fixture_tear_down);
    }

#define ADD(path, data, func) \
  g_test_add ("/gantry/faults/" path, Fixture, data, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("shape/number-as-string", NULL, test_number_as_string);
  ADD ("signed-out/401", HTTP_FAULT (401), test_signed_out);
  ADD ("signed-out/403-html", HTTP_FAULT (403), test_signed_out);
  ADD ("signed-out/myself-null",
       "{\"op\": \"fault\", \"kind\": \"http\", \"status\": 200, "
       "\"content_type\": \"application/json\", "
       "\"body\": {\"data\": {\"myself\": null}}, \"count\": -1}",
       test_signed_out);
  ADD ("ten-thousand-pods", NULL, test_ten_thousand);
  ADD ("action/in-flight-once", NULL, test_in_flight_once);
  ADD ("action/fails", NULL, test_action_fails);
  ADD ("action/terminate-took-effect", NULL, test_terminate_took_effect);
#undef ADD

  return g_test_run ();
}
