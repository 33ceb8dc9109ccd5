/* test-faults-more.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rest of the fault matrix (gantry-test-faults.h): answers that are
 * odd but true, a refused key, 10,000 pods, and actions that meet
 * faults. */

#include "config.h"

#include "gantry-test-faults.h"

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

/* Actions */

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
                        "“" RUNNING_NAME "” stopped"));
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

void
add_more_tests (void)
{
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
}
