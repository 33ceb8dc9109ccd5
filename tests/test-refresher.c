/* test-refresher.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "gantry-fake-monitor.h"
#include "gantry-test-sim.h"
#include "model/gantry-refresher.h"

#define NORMAL_MS  200
#define FAST_MS    100
#define MAX_MS    2000
/* Long enough that no timer fires while a test counts requests. */
#define IDLE_MS  60000
#define DEADLINE_S  20

static GantryTestSim *sim;

static void
control (const char *json)
{
  json_object_unref (gantry_test_sim_control (sim, json));
}

/* Every request since the last reset or clear_requests; each must be the
 * one query that reads the whole list. */
static guint
count_requests (void)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint n = json_array_get_length (requests);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *query = json_object_get_string_member_with_default (
        request, "query", "");

      g_assert_true (g_str_has_prefix (query, "query Pods "));
    }

  return n;
}

static guint
sim_pod_count (void)
{
  g_autoptr (JsonObject) state = gantry_test_sim_control (sim,
    "{\"op\": \"state\"}");

  return json_array_get_length (json_object_get_array_member (state,
                                                              "pods"));
}

/* The fixture: the simulator, reset for each test, a client on it, and a
 * refresher. */

typedef struct
{
  GantryClient    *client;
  GantryPodStore  *store;
  GNetworkMonitor *monitor;
  GantryRefresher *refresher;
  GArray          *states;         /* GantryRefresherState, as notified */
  GArray          *failure_delays; /* next delay seen at each ::failed */
  guint            n_refreshed;
  guint            n_failed;
} Fixture;

static void
on_state_cb (GantryRefresher *refresher,
             GParamSpec      *pspec,
             Fixture         *f)
{
  GantryRefresherState state = gantry_refresher_get_state (refresher);

  g_array_append_val (f->states, state);
}

static void
on_refreshed_cb (GantryRefresher *refresher,
                 Fixture         *f)
{
  f->n_refreshed++;
}

static void
on_failed_cb (GantryRefresher *refresher,
              const GError    *error,
              Fixture         *f)
{
  guint delay = gantry_refresher_get_next_delay (refresher);

  g_assert_nonnull (error);
  f->n_failed++;
  g_array_append_val (f->failure_delays, delay);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (SoupSession) session = gantry_client_new_session ();

  control ("{\"op\": \"reset\"}");
  /* Straight to the local simulator, whatever the environment says. */
  g_object_set (session, "proxy-resolver", NULL, NULL);
  f->client = gantry_client_new (session, gantry_test_sim_get_url (sim));
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));
  f->store = gantry_pod_store_new ();
  f->monitor = gantry_fake_monitor_new ();
  f->refresher = g_object_new (GANTRY_TYPE_REFRESHER,
                               "client", f->client,
                               "store", f->store,
                               "network-monitor", f->monitor,
                               NULL);
  gantry_refresher_set_intervals (f->refresher, NORMAL_MS, FAST_MS, MAX_MS);

  f->states = g_array_new (FALSE, FALSE, sizeof (GantryRefresherState));
  f->failure_delays = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (f->refresher, "notify::state",
                    G_CALLBACK (on_state_cb), f);
  g_signal_connect (f->refresher, "refreshed",
                    G_CALLBACK (on_refreshed_cb), f);
  g_signal_connect (f->refresher, "failed", G_CALLBACK (on_failed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->refresher != NULL)
    g_assert_finalize_object (f->refresher);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->monitor);
  g_clear_pointer (&f->states, g_array_unref);
  g_clear_pointer (&f->failure_delays, g_array_unref);
}

/* Waiting, never timing. */

static gboolean
tick_cb (gpointer unused)
{
  return G_SOURCE_CONTINUE;
}

/* Spins the main loop until @cond holds, failing after the deadline. */
#define WAIT_UNTIL(cond)                                                   \
  G_STMT_START {                                                           \
    gint64 end_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;  \
    guint tick_ = g_timeout_add (20, tick_cb, NULL);                       \
                                                                           \
    while (!(cond) && g_get_monotonic_time () < end_)                      \
      g_main_context_iteration (NULL, TRUE);                               \
    g_source_remove (tick_);                                               \
    g_assert_true (cond);                                                  \
  } G_STMT_END

/* Lets the main loop run for a while: long enough for several intervals to
 * pass, so that a refresh that should not happen would have. */
static void
let_time_pass (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static void
start_and_load (Fixture *f)
{
  guint target = f->n_refreshed + 1;

  gantry_refresher_start (f->refresher);
  WAIT_UNTIL (f->n_refreshed >= target);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_OK);
}

static void
set_network (Fixture  *f,
             gboolean  available)
{
  gantry_fake_monitor_set_available (GANTRY_FAKE_MONITOR (f->monitor),
                                     available);
}

static GPtrArray *
snapshot_store (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->store);
  GPtrArray *pods = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (pods, g_list_model_get_item (model, i));

  return pods;
}

static void
assert_store_is (Fixture   *f,
                 GPtrArray *pods)
{
  GListModel *model = G_LIST_MODEL (f->store);

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, pods->len);
  for (guint i = 0; i < pods->len; i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (model, i);

      g_assert_true (pod == g_ptr_array_index (pods, i));
    }
}

static void
assert_states (Fixture                    *f,
               const GantryRefresherState *expected,
               guint                       n_expected)
{
  g_assert_cmpuint (f->states->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (f->states, GantryRefresherState, i), ==,
                     expected[i]);
}

/* The first refresh fills the list with every pod of the account, in one
 * request, and the account's balance comes with it. */
static void
test_first_load (Fixture       *f,
                 gconstpointer  data)
{
  static const GantryRefresherState expected[] = {
    GANTRY_REFRESHER_LOADING, GANTRY_REFRESHER_OK,
  };
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  GantryAccount *account;

  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_IDLE);
  g_assert_null (gantry_refresher_get_account (f->refresher));

  start_and_load (f);

  assert_states (f, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->store)), ==,
                    sim_pod_count ());
  g_assert_true (gantry_pod_store_get_loaded (f->store));
  account = gantry_refresher_get_account (f->refresher);
  g_assert_nonnull (account);
  g_assert_cmpfloat (gantry_account_get_balance (account), >=, 0);
  g_assert_null (gantry_refresher_get_last_error (f->refresher));
  g_assert_cmpint (gantry_refresher_get_last_success (f->refresher), >=,
                   before);
  g_assert_false (gantry_refresher_get_busy (f->refresher));
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    NORMAL_MS);
  g_assert_cmpuint (f->n_failed, ==, 0);
  g_assert_cmpuint (count_requests (), ==, 1);
}

/* Exactly one request per refresh, and a second Refresh while one is on
 * its way sends nothing more. */
static void
test_one_request_per_refresh (Fixture       *f,
                              gconstpointer  data)
{
  gantry_refresher_set_intervals (f->refresher, IDLE_MS, IDLE_MS,
                                  IDLE_MS * 2);
  start_and_load (f);
  g_assert_cmpuint (count_requests (), ==, 1);
  control ("{\"op\": \"clear_requests\"}");
  /* Slow answers, so that the second Refresh surely finds one on its way. */
  control ("{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 1.5, "
           "\"count\": 3}");

  for (guint i = 1; i <= 3; i++)
    {
      gantry_refresher_refresh_now (f->refresher);
      WAIT_UNTIL (count_requests () >= i);
      g_assert_true (gantry_refresher_get_busy (f->refresher));
      gantry_refresher_refresh_now (f->refresher);
      WAIT_UNTIL (f->n_refreshed >= i + 1);
      g_assert_cmpuint (count_requests (), ==, i);
    }
}

/* A server error keeps the last good list (the very same objects, so the
 * selection and scroll position survive) and backs off, doubling up to the
 * maximum; once the server is back, polling returns to normal. */
static void
test_backoff_and_recovery (Fixture       *f,
                           gconstpointer  data)
{
  static const guint expected[] = { 400, 800, 1600, MAX_MS, MAX_MS };
  static const GantryRefresherState states[] = {
    GANTRY_REFRESHER_LOADING, GANTRY_REFRESHER_OK,
    GANTRY_REFRESHER_FAILING, GANTRY_REFRESHER_OK,
  };
  g_autoptr (GPtrArray) pods = NULL;
  gint64 last_success;
  const GError *error;

  start_and_load (f);
  pods = snapshot_store (f);
  last_success = gantry_refresher_get_last_success (f->refresher);
  control ("{\"op\": \"fault\", \"kind\": \"http\", \"status\": 502, "
              "\"count\": 5}");

  WAIT_UNTIL (f->n_failed >= 1);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_FAILING);
  error = gantry_refresher_get_last_error (f->refresher);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_SERVER);
  assert_store_is (f, pods);
  g_assert_cmpint (gantry_refresher_get_last_success (f->refresher), ==,
                   last_success);

  WAIT_UNTIL (f->n_failed >= G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (g_array_index (f->failure_delays, guint, i), ==,
                      expected[i]);
  assert_store_is (f, pods);

  WAIT_UNTIL (f->n_refreshed >= 2);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_OK);
  g_assert_null (gantry_refresher_get_last_error (f->refresher));
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    NORMAL_MS);
  g_assert_cmpint (gantry_refresher_get_last_success (f->refresher), >=,
                   last_success);
  assert_store_is (f, pods);
  /* Five failures in a row are one change of state, not five. */
  assert_states (f, states, G_N_ELEMENTS (states));
}

/* A rate limit waits at least as long as the server asked, even past the
 * maximum back-off; Refresh by hand still works afterwards. */
static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  const GError *error;

  start_and_load (f);
  control ("{\"op\": \"fault\", \"kind\": \"http\", \"status\": 429, "
              "\"count\": 1, \"headers\": {\"Retry-After\": \"7\"}}");

  WAIT_UNTIL (f->n_failed >= 1);
  error = gantry_refresher_get_last_error (f->refresher);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_RATE_LIMITED);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_FAILING);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), >=,
                    7000);

  gantry_refresher_refresh_now (f->refresher);
  WAIT_UNTIL (f->n_refreshed >= 2);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_OK);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    NORMAL_MS);
}

/* A rejected key signs out and stops polling for good: no retry loop
 * against the server. A new key and start() bring it back. */
static void
test_rejected_key (Fixture       *f,
                   gconstpointer  data)
{
  static const GantryRefresherState expected[] = {
    GANTRY_REFRESHER_LOADING, GANTRY_REFRESHER_OK,
    GANTRY_REFRESHER_SIGNED_OUT,
    GANTRY_REFRESHER_LOADING, GANTRY_REFRESHER_OK,
  };
  const char *new_key = "rpa_REPLACEMENTKEY0000000000000000000000";

  start_and_load (f);
  control ("{\"op\": \"set_key\", \"key\": "
              "\"rpa_REPLACEMENTKEY0000000000000000000000\"}");

  WAIT_UNTIL (gantry_refresher_get_state (f->refresher)
              == GANTRY_REFRESHER_SIGNED_OUT);
  g_assert_error (gantry_refresher_get_last_error (f->refresher),
                  GANTRY_API_ERROR, GANTRY_API_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==, 0);
  g_assert_false (gantry_refresher_get_busy (f->refresher));

  control ("{\"op\": \"clear_requests\"}");
  gantry_refresher_refresh_now (f->refresher);
  let_time_pass (10 * NORMAL_MS);
  g_assert_cmpuint (count_requests (), ==, 0);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_SIGNED_OUT);

  gantry_client_set_api_key (f->client, new_key);
  start_and_load (f);
  g_assert_null (gantry_refresher_get_last_error (f->refresher));
  assert_states (f, expected, G_N_ELEMENTS (expected));
}

static gboolean
pod_is_starting (Fixture    *f,
                 const char *id)
{
  GantryPod *pod = gantry_pod_store_lookup (f->store, id);

  return pod != NULL
         && gantry_pod_get_status (pod) == GANTRY_POD_STATUS_STARTING;
}

static GantryPod *
find_stopped_pod (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (f->store);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (model, i);

      if (gantry_pod_get_status (pod) == GANTRY_POD_STATUS_STOPPED
          && !gantry_pod_is_spot (pod))
        return pod;
    }

  return NULL;
}

static void
on_resumed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *done = user_data;
  g_autoptr (GantryPod) pod = NULL;
  g_autoptr (GError) error = NULL;

  pod = gantry_client_resume_pod_finish (GANTRY_CLIENT (source), result,
                                         &error);
  g_assert_no_error (error);
  g_assert_nonnull (pod);
  (*done)++;
}

/* A pod that is starting is watched closely: the fast interval, until it
 * runs. */
static void
test_fast_while_starting (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *id = NULL;
  GantryPod *stopped;
  guint done = 0;

  control ("{\"op\": \"config\", \"boot_seconds\": 600}");
  start_and_load (f);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    NORMAL_MS);
  stopped = find_stopped_pod (f);
  g_assert_nonnull (stopped);
  id = g_strdup (gantry_pod_get_id (stopped));

  gantry_client_resume_pod_async (f->client, id,
                                  gantry_pod_get_gpu_count (stopped),
                                  NULL, on_resumed_cb, &done);
  WAIT_UNTIL (done >= 1);

  /* The refresh that first sees it starting schedules the next one fast. */
  WAIT_UNTIL (pod_is_starting (f, id));
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    FAST_MS);
}

/* An action in flight holds the fast interval, at once and not after the
 * rest of a long normal wait; releasing it returns to normal. */
static void
test_hold_fast (Fixture       *f,
                gconstpointer  data)
{
  gantry_refresher_set_intervals (f->refresher, IDLE_MS, FAST_MS, MAX_MS);
  start_and_load (f);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    IDLE_MS);

  gantry_refresher_hold_fast (f->refresher);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    FAST_MS);
  WAIT_UNTIL (f->n_refreshed >= 3);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    FAST_MS);

  /* Held twice, released once: still fast. */
  gantry_refresher_hold_fast (f->refresher);
  gantry_refresher_release_fast (f->refresher);
  WAIT_UNTIL (f->n_refreshed >= 4);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    FAST_MS);

  gantry_refresher_release_fast (f->refresher);
  WAIT_UNTIL (f->n_refreshed >= 5);
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==,
                    IDLE_MS);
}

/* While the network is down nothing is sent and the state says so; when
 * it comes back, the list is refreshed at once, not after a wait. */
static void
test_offline (Fixture       *f,
              gconstpointer  data)
{
  start_and_load (f);

  set_network (f, FALSE);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_OFFLINE);
  g_assert_false (gantry_refresher_get_busy (f->refresher));
  g_assert_cmpuint (gantry_refresher_get_next_delay (f->refresher), ==, 0);

  control ("{\"op\": \"clear_requests\"}");
  gantry_refresher_refresh_now (f->refresher);
  let_time_pass (10 * NORMAL_MS);
  g_assert_cmpuint (count_requests (), ==, 0);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_OFFLINE);

  /* With a long normal interval, only an immediate refresh can pass. */
  gantry_refresher_set_intervals (f->refresher, IDLE_MS, IDLE_MS,
                                  IDLE_MS * 2);
  set_network (f, TRUE);
  g_assert_true (gantry_refresher_get_busy (f->refresher));
  WAIT_UNTIL (f->n_refreshed >= 2);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_OK);
  g_assert_cmpuint (count_requests (), ==, 1);
}

/* Started without a network: offline, silent, and loading once it is up. */
static void
test_start_offline (Fixture       *f,
                    gconstpointer  data)
{
  static const GantryRefresherState expected[] = {
    GANTRY_REFRESHER_OFFLINE, GANTRY_REFRESHER_LOADING, GANTRY_REFRESHER_OK,
  };

  set_network (f, FALSE);
  gantry_refresher_start (f->refresher);
  let_time_pass (5 * NORMAL_MS);
  g_assert_cmpuint (count_requests (), ==, 0);
  g_assert_false (gantry_pod_store_get_loaded (f->store));

  set_network (f, TRUE);
  WAIT_UNTIL (f->n_refreshed >= 1);
  assert_states (f, expected, G_N_ELEMENTS (expected));
}

/* stop() cancels the request on its way: its late answer changes
 * nothing. */
static void
test_stop_in_flight (Fixture       *f,
                     gconstpointer  data)
{
  control ("{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 1}");
  gantry_refresher_start (f->refresher);
  g_assert_true (gantry_refresher_get_busy (f->refresher));

  gantry_refresher_stop (f->refresher);
  g_assert_false (gantry_refresher_get_busy (f->refresher));
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_IDLE);

  let_time_pass (2000);
  g_assert_false (gantry_pod_store_get_loaded (f->store));
  g_assert_cmpuint (f->n_refreshed + f->n_failed, ==, 0);
  g_assert_cmpint (gantry_refresher_get_state (f->refresher), ==,
                   GANTRY_REFRESHER_IDLE);
}

/* Dropped while a request is on its way (the window closed): the
 * refresher goes at once and the late answer touches nothing. */
static void
test_dispose_in_flight (Fixture       *f,
                        gconstpointer  data)
{
  control ("{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 1}");
  gantry_refresher_start (f->refresher);
  g_assert_true (gantry_refresher_get_busy (f->refresher));

  g_assert_finalize_object (g_steal_pointer (&f->refresher));

  let_time_pass (2000);
  g_assert_false (gantry_pod_store_get_loaded (f->store));
  g_assert_cmpuint (f->n_refreshed + f->n_failed, ==, 0);
}

/* Made the ordinary way, on the system's network monitor: the simulator on
 * this machine is reachable whatever that monitor thinks of the network. */
static void
test_system_monitor (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GantryRefresher) refresher = NULL;
  g_autoptr (GantryPodStore) store = gantry_pod_store_new ();

  refresher = gantry_refresher_new (f->client, store);
  gantry_refresher_start (refresher);
  WAIT_UNTIL (gantry_refresher_get_state (refresher) == GANTRY_REFRESHER_OK);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==,
                    sim_pod_count ());
  gantry_refresher_stop (refresher);
}

int
main (int   argc,
      char *argv[])
{
  /* Three running pods and a stopped one; none starting. */
  static const char * const sim_args[] = { "--pods", "4", NULL };
  int status;

  g_test_init (&argc, &argv, NULL);
  sim = gantry_test_sim_start (sim_args);

#define ADD(path, func) \
  g_test_add ("/gantry/refresher/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)

  ADD ("first-load", test_first_load);
  ADD ("one-request-per-refresh", test_one_request_per_refresh);
  ADD ("backoff-and-recovery", test_backoff_and_recovery);
  ADD ("retry-after", test_retry_after);
  ADD ("rejected-key", test_rejected_key);
  ADD ("fast-while-starting", test_fast_while_starting);
  ADD ("hold-fast", test_hold_fast);
  ADD ("offline", test_offline);
  ADD ("start-offline", test_start_offline);
  ADD ("stop-in-flight", test_stop_in_flight);
  ADD ("dispose-in-flight", test_dispose_in_flight);
  ADD ("system-monitor", test_system_monitor);

#undef ADD

  status = g_test_run ();
  g_clear_pointer (&sim, gantry_test_sim_stop);

  return status;
}
