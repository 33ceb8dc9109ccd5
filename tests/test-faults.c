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

#include "gantry-test-faults.h"

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

void
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
  add_more_tests ();

  return g_test_run ();
}
