/* test-client-thread.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The client's I/O thread: a reply is read and parsed while the caller's
 * main loop is busy elsewhere, the callback still runs in the caller's
 * thread, exactly once, and a client dropped with calls in flight lives
 * until they are back, then goes without a hang. */

#include "config.h"

#include "test-client-fixture.h"

#define DEADLINE_S 60

void test_client_add_thread_tests (void);

/* What one call came back with, and where. */
typedef struct
{
  GAsyncResult *result;    /* owned, nullable; kept unless watched is set */
  GThread      *thread;    /* where the callback ran */
  guint         calls;
  gboolean      had_error;
  GObject     **watched;   /* nullable: a weak pointer, read in the call */
  gboolean      was_alive; /* *watched was still there in the callback */
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->result);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

/* Keeping the result would keep its task, and the client with it: a test
 * that watches the client only notes what the result was. */
static void
on_outcome_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->calls++;
  outcome->thread = g_thread_self ();
  outcome->had_error = g_task_had_error (G_TASK (result));
  if (outcome->watched != NULL)
    outcome->was_alive = *outcome->watched != NULL;
  else
    g_set_object (&outcome->result, result);
}

/* Polls @done (@data) with the main loop left alone; FALSE at the
 * deadline. */
static gboolean
poll_until (gboolean (*done) (gpointer),
            gpointer   data)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_usleep (10 * 1000);
    }
  return TRUE;
}

static gboolean
main_context_has_work (gpointer unused)
{
  return g_main_context_pending (NULL);
}

static gboolean
sim_saw_request (gpointer data)
{
  Fixture *f = data;

  return gantry_test_sim_count_requests (f->sim) > 0;
}

static gboolean
tick_cb (gpointer unused)
{
  return G_SOURCE_CONTINUE;
}

/* Runs @context until @outcome has its call, then a little more, so that
 * a second call would show. */
static void
run_until_called (GMainContext *context,
                  Outcome      *outcome)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  g_autoptr (GSource) tick = g_timeout_source_new (50);

  g_source_set_callback (tick, tick_cb, NULL, NULL);
  g_source_attach (tick, context);
  while (outcome->calls == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (context, TRUE);
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (context, FALSE);
  g_source_destroy (tick);

  g_assert_cmpuint (outcome->calls, ==, 1);
}

static void
wait_for_outcome (Outcome *outcome)
{
  run_until_called (NULL, outcome);
}

/* The main thread never iterates its loop while the request is out, as
 * when the window is being built: the list is still fetched, and is there
 * at the first iteration. */
static void
test_reply_while_busy (Fixture       *f,
                       gconstpointer  data)
{
  g_auto (Outcome) outcome = { NULL, };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pods = NULL;

  gantry_client_list_pods_async (f->client, NULL, on_outcome_cb, &outcome);
  g_assert_true (poll_until (main_context_has_work, NULL));
  g_assert_cmpuint (gantry_test_sim_count_requests (f->sim), ==, 1);
  g_assert_null (outcome.result);

  g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (outcome.result);
  g_assert_true (outcome.thread == g_thread_self ());

  pods = gantry_client_list_pods_finish (f->client, outcome.result, NULL,
                                         &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pods->len, ==, 3);
  g_assert_nonnull (find_pod (pods, RUNNING_ID));
}

/* Successes and failures alike come back in the thread that asked. */
static void
test_callback_thread (Fixture       *f,
                      gconstpointer  data)
{
  g_auto (Outcome) ok = { NULL, };
  g_auto (Outcome) failed = { NULL, };
  g_autoptr (GantryAccount) account = NULL;
  g_autoptr (GantryPod) pod = NULL;
  g_autoptr (GError) error = NULL;

  gantry_client_get_account_async (f->client, NULL, on_outcome_cb, &ok);
  wait_for_outcome (&ok);
  g_assert_true (ok.thread == g_thread_self ());
  account = gantry_client_get_account_finish (f->client, ok.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);

  fault (f, "\"kind\": \"http\", \"status\": 502");
  gantry_client_get_pod_async (f->client, RUNNING_ID, NULL, on_outcome_cb,
                               &failed);
  wait_for_outcome (&failed);
  g_assert_true (failed.thread == g_thread_self ());
  pod = gantry_client_get_pod_finish (f->client, failed.result, &error);
  g_assert_null (pod);
  g_assert_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_SERVER);
}

/* A thread of the caller's own, with its own main context. */
typedef struct
{
  GantryClient *client;
  Outcome       outcome;
} OtherThread;

static gpointer
other_thread_main (gpointer data)
{
  OtherThread *other = data;
  g_autoptr (GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  gantry_client_get_account_async (other->client, NULL, on_outcome_cb,
                                   &other->outcome);
  run_until_called (context, &other->outcome);
  g_main_context_pop_thread_default (context);
  return NULL;
}

/* The reply goes to the main context the call was made from, not to the
 * global default one (which nobody iterates here). */
static void
test_caller_context (Fixture       *f,
                     gconstpointer  data)
{
  OtherThread other = { f->client, { NULL, } };
  g_autoptr (GantryAccount) account = NULL;
  g_autoptr (GError) error = NULL;
  GThread *thread;

  thread = g_thread_new ("test-caller", other_thread_main, &other);
  g_thread_join (thread);

  g_assert_nonnull (other.outcome.result);
  g_assert_true (other.outcome.thread == thread);
  account = gantry_client_get_account_finish (f->client,
                                              other.outcome.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  outcome_clear (&other.outcome);
}

/* Cancelled once the request is on the wire: the call ends, once, with
 * G_IO_ERROR_CANCELLED, and the client still works afterwards. */
static void
test_cancel_in_flight (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_auto (Outcome) outcome = { NULL, };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pods = NULL;
  g_autoptr (GantryAccount) account = NULL;

  fault (f, "\"kind\": \"delay\", \"delay\": 3");
  gantry_client_list_pods_async (f->client, cancellable, on_outcome_cb,
                                 &outcome);
  g_assert_true (poll_until (sim_saw_request, f));
  g_cancellable_cancel (cancellable);

  wait_for_outcome (&outcome);
  pods = gantry_client_list_pods_finish (f->client, outcome.result, NULL,
                                         &error);
  g_assert_null (pods);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  account = get_account (f, &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
}

/* The test lets go of its client while a call is out, cancelled or not.
 * The call keeps the client alive up to its callback; then the client
 * goes, in this thread, and its I/O thread with it. */
static void
drop_client_in_flight (Fixture  *f,
                       gboolean  cancel)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_auto (Outcome) outcome = { NULL, };
  GObject *client = G_OBJECT (f->client);

  g_object_add_weak_pointer (client, (gpointer *) &client);
  outcome.watched = &client;
  fault (f, "\"kind\": \"delay\", \"delay\": 2");
  gantry_client_list_pods_async (f->client, cancellable, on_outcome_cb,
                                 &outcome);
  g_assert_true (poll_until (sim_saw_request, f));

  g_clear_object (&f->client);
  g_assert_nonnull (client);
  if (cancel)
    g_cancellable_cancel (cancellable);

  wait_for_outcome (&outcome);
  g_assert_true (outcome.was_alive);
  g_assert_true (outcome.thread == g_thread_self ());
  g_assert_true (outcome.had_error == cancel);
  g_assert_null (client);

  /* For the fixture, which finalizes a client of its own. */
  f->client = gantry_client_new (f->session, gantry_test_sim_get_url (f->sim));
}

static void
test_drop_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  drop_client_in_flight (f, TRUE);
}

static void
test_drop_in_flight (Fixture       *f,
                     gconstpointer  data)
{
  drop_client_in_flight (f, FALSE);
}

/* Two clients on one session, as the app and its key checker are, each
 * with its own I/O thread, calls overlapping. */
static void
test_shared_session (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr (GantryClient) second = NULL;
  g_auto (Outcome) first_list = { NULL, };
  g_auto (Outcome) second_list = { NULL, };
  g_autoptr (GPtrArray) first_pods = NULL;
  g_autoptr (GPtrArray) second_pods = NULL;
  g_autoptr (GError) error = NULL;

  second = gantry_client_new (f->session, gantry_test_sim_get_url (f->sim));
  gantry_client_set_api_key (second, gantry_test_sim_get_api_key (f->sim));

  for (guint round = 0; round < 3; round++)
    {
      g_clear_object (&first_list.result);
      g_clear_object (&second_list.result);
      g_clear_pointer (&first_pods, g_ptr_array_unref);
      g_clear_pointer (&second_pods, g_ptr_array_unref);

      gantry_client_list_pods_async (f->client, NULL, on_outcome_cb,
                                     &first_list);
      gantry_client_list_pods_async (second, NULL, on_outcome_cb,
                                     &second_list);
      wait_for (&first_list.result);
      wait_for (&second_list.result);

      first_pods = gantry_client_list_pods_finish (f->client,
                                                   first_list.result, NULL,
                                                   &error);
      g_assert_no_error (error);
      second_pods = gantry_client_list_pods_finish (second,
                                                    second_list.result, NULL,
                                                    &error);
      g_assert_no_error (error);
      g_assert_cmpuint (first_pods->len, ==, 3);
      g_assert_cmpuint (second_pods->len, ==, 3);
    }

  /* A result holds its task, and the task its client. */
  g_clear_object (&second_list.result);
  g_assert_finalize_object (g_steal_pointer (&second));
}

void
test_client_add_thread_tests (void)
{
  client_fixture_add ("/gantry/client/thread/reply-while-busy",
                      test_reply_while_busy);
  client_fixture_add ("/gantry/client/thread/callback-thread",
                      test_callback_thread);
  client_fixture_add ("/gantry/client/thread/caller-context",
                      test_caller_context);
  client_fixture_add ("/gantry/client/thread/cancel-in-flight",
                      test_cancel_in_flight);
  client_fixture_add ("/gantry/client/thread/drop-cancelled",
                      test_drop_cancelled);
  client_fixture_add ("/gantry/client/thread/drop-in-flight",
                      test_drop_in_flight);
  client_fixture_add ("/gantry/client/thread/shared-session",
                      test_shared_session);
}
