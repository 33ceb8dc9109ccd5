/* gantry-refresher-poll.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The polling half of GantryRefresher: one request at a time, the timer
 * that schedules the next, the back-off, and the network monitor. */

#include "config.h"

#include "gantry-refresher-private.h"

/* A longer Retry-After is taken for a broken header, not a request. */
#define MAX_RETRY_AFTER_S 3600

/* What a reply needs to find its refresher, if it still exists, and to
 * know whether it is still wanted. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
  guint         read_stamp;  /* the store's, when the request went out */
} Request;

static void refresh (GantryRefresher *self);

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->self);
  g_clear_object (&request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static gboolean
network_available (GantryRefresher *self)
{
  return self->local_endpoint
         || g_network_monitor_get_network_available (self->monitor);
}

static gboolean
any_pod_starting (GantryRefresher *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (model, i);

      if (gantry_pod_get_status (pod) == GANTRY_POD_STATUS_STARTING)
        return TRUE;
    }

  return FALSE;
}

static guint
compute_delay (GantryRefresher *self)
{
  if (self->backoff_ms > 0)
    return MAX (self->backoff_ms, self->retry_after_ms);

  if (self->fast_holds > 0 || any_pod_starting (self))
    return self->fast_ms;

  return self->normal_ms;
}

static void
unschedule (GantryRefresher *self)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->next_delay = 0;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  GantryRefresher *self = user_data;

  self->timeout_id = 0;
  self->next_delay = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule (GantryRefresher *self)
{
  unschedule (self);
  if (!self->running || self->cancellable != NULL)
    return;

  self->next_delay = compute_delay (self);
  self->timeout_id = g_timeout_add (self->next_delay, on_timeout_cb, self);
  g_source_set_name_by_id (self->timeout_id, "[gantry] refresher");
  g_debug ("Refresher: next refresh in %u ms", self->next_delay);
}

static void
reset_backoff (GantryRefresher *self)
{
  self->backoff_ms = 0;
  self->retry_after_ms = 0;
}

static void
grow_backoff (GantryRefresher *self,
              const GError    *error)
{
  int retry_after = gantry_api_error_get_retry_after (error);
  guint64 doubled;

  /* Doubling from the normal interval, so the first retry already waits
   * twice as long as a healthy poll would. */
  if (self->backoff_ms == 0)
    doubled = (guint64) self->normal_ms * 2;
  else
    doubled = (guint64) self->backoff_ms * 2;
  self->backoff_ms = (guint) MIN (doubled, self->max_backoff_ms);

  if (retry_after > 0)
    self->retry_after_ms = MIN (retry_after, MAX_RETRY_AFTER_S) * 1000;
  else
    self->retry_after_ms = 0;
}

/* The state to show while a request runs: nothing yet, the last error
 * still standing, or fine. */
static GantryRefresherState
online_state (GantryRefresher *self)
{
  if (!gantry_pod_store_get_loaded (self->store))
    return GANTRY_REFRESHER_LOADING;
  if (self->last_error != NULL)
    return GANTRY_REFRESHER_FAILING;

  return GANTRY_REFRESHER_OK;
}

static void
cancel_request (GantryRefresher *self)
{
  if (self->cancellable == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _gantry_refresher_notify_busy (self);
}

static void
handle_success (GantryRefresher *self,
                GPtrArray       *pods,
                GantryAccount   *account,
                guint            read_stamp)
{
  gantry_pod_store_update_read_at (self->store, pods, read_stamp);

  g_object_freeze_notify (G_OBJECT (self));
  _gantry_refresher_set_account (self, account);
  _gantry_refresher_set_last_success (self,
                                      g_get_real_time () / G_USEC_PER_SEC);
  _gantry_refresher_set_last_error (self, NULL);
  reset_backoff (self);
  /* A ::pods-changed handler may have stopped or restarted us. */
  if (self->running && self->cancellable == NULL)
    {
      schedule (self);
      _gantry_refresher_set_state (self, GANTRY_REFRESHER_OK);
    }
  g_object_thaw_notify (G_OBJECT (self));

  _gantry_refresher_emit_refreshed (self);
}

static void
handle_failure (GantryRefresher *self,
                const GError    *error)
{
  g_debug ("Refresher: refresh failed: %s", error->message);

  g_object_freeze_notify (G_OBJECT (self));
  _gantry_refresher_set_last_error (self, error);
  if (g_error_matches (error, GANTRY_API_ERROR,
                       GANTRY_API_ERROR_UNAUTHORIZED))
    {
      /* Retrying cannot fix a key; start() comes with a new one. */
      self->running = FALSE;
      reset_backoff (self);
      unschedule (self);
      _gantry_refresher_set_state (self, GANTRY_REFRESHER_SIGNED_OUT);
    }
  else
    {
      grow_backoff (self, error);
      schedule (self);
      _gantry_refresher_set_state (self, GANTRY_REFRESHER_FAILING);
    }
  g_object_thaw_notify (G_OBJECT (self));

  _gantry_refresher_emit_failed (self, error);
}

static void
release_func (gpointer data,
              gpointer user_data)
{
  g_ptr_array_unref (data);
}

/* The store keeps its own pods and takes only the new ones, so nearly all
 * of @pods are freed after a refresh: thousands of objects, 10 to 20 ms of
 * the main thread with 10,000 pods. One thread of its own does it, always
 * the same, so that the memory stays in one thread's caches. */
static void
release_in_thread (GPtrArray *pods)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    g_once_init_leave (&pool, g_thread_pool_new (release_func, NULL, 1, TRUE,
                                                 NULL));

  g_thread_pool_push (pool, pods, NULL);
}

static void
on_list_pods_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (Request) request = user_data;
  g_autoptr (GantryRefresher) self = g_weak_ref_get (&request->self);
  g_autoptr (GantryAccount) account = NULL;
  g_autoptr (GPtrArray) pods = NULL;
  g_autoptr (GError) error = NULL;

  pods = gantry_client_list_pods_finish (GANTRY_CLIENT (source), result,
                                         &account, &error);

  /* Gone, stopped, or replaced by a newer request: not ours to apply. */
  if (self == NULL || g_cancellable_is_cancelled (request->cancellable))
    return;

  g_assert (self->cancellable == request->cancellable);
  g_clear_object (&self->cancellable);
  _gantry_refresher_notify_busy (self);

  if (pods != NULL)
    {
      handle_success (self, pods, account, request->read_stamp);
      release_in_thread (g_steal_pointer (&pods));
    }
  else
    handle_failure (self, error);
}

static void
refresh (GantryRefresher *self)
{
  Request *request;

  g_assert (self->running);
  g_assert (self->cancellable == NULL);

  if (!gantry_client_has_api_key (self->client))
    {
      g_autoptr (GError) error = NULL;

      error = g_error_new_literal (GANTRY_API_ERROR,
                                   GANTRY_API_ERROR_UNAUTHORIZED,
                                   "No API key is set");
      handle_failure (self, error);
      return;
    }

  g_debug ("Refresher: refreshing");
  self->cancellable = g_cancellable_new ();
  _gantry_refresher_notify_busy (self);

  request = g_new0 (Request, 1);
  g_weak_ref_init (&request->self, self);
  request->cancellable = g_object_ref (self->cancellable);
  request->read_stamp = gantry_pod_store_begin_read (self->store);
  gantry_client_list_pods_async (self->client, self->cancellable,
                                 on_list_pods_cb, request);
}

static void
go_offline (GantryRefresher *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  cancel_request (self);
  unschedule (self);
  _gantry_refresher_set_state (self, GANTRY_REFRESHER_OFFLINE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
_gantry_refresher_network_changed (GNetworkMonitor *monitor,
                                   gboolean         available,
                                   gpointer         user_data)
{
  GantryRefresher *self = user_data;
  gboolean was_offline = self->state == GANTRY_REFRESHER_OFFLINE;
  gboolean network_error;

  if (!self->running)
    return;

  if (!network_available (self))
    {
      if (!was_offline)
        go_offline (self);
      return;
    }

  /* Back online, or on another network after failing to reach this one:
   * worth trying at once. */
  network_error = g_error_matches (self->last_error, GANTRY_API_ERROR,
                                   GANTRY_API_ERROR_NETWORK);
  if ((was_offline || network_error) && self->cancellable == NULL)
    {
      unschedule (self);
      reset_backoff (self);
      _gantry_refresher_set_state (self, online_state (self));
      refresh (self);
    }
}

void
gantry_refresher_start (GantryRefresher *self)
{
  GantryRefresherState state;
  gboolean was_running;

  g_return_if_fail (GANTRY_IS_REFRESHER (self));

  was_running = self->running;
  g_object_freeze_notify (G_OBJECT (self));

  /* A request in flight may carry the old key: start over. */
  cancel_request (self);
  unschedule (self);
  reset_backoff (self);
  self->running = TRUE;
  if (!was_running)
    _gantry_refresher_set_last_error (self, NULL);

  if (!network_available (self))
    _gantry_refresher_set_state (self, GANTRY_REFRESHER_OFFLINE);
  else
    {
      state = was_running ? online_state (self) : GANTRY_REFRESHER_LOADING;
      _gantry_refresher_set_state (self, state);
      refresh (self);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
gantry_refresher_stop (GantryRefresher *self)
{
  g_return_if_fail (GANTRY_IS_REFRESHER (self));

  g_object_freeze_notify (G_OBJECT (self));
  cancel_request (self);
  unschedule (self);
  reset_backoff (self);
  self->running = FALSE;
  _gantry_refresher_set_state (self, GANTRY_REFRESHER_IDLE);
  g_object_thaw_notify (G_OBJECT (self));
}

void
gantry_refresher_refresh_now (GantryRefresher *self)
{
  g_return_if_fail (GANTRY_IS_REFRESHER (self));

  /* The reply on its way is at most a moment old; a second request would
   * only add load (and a held key repeat would add many). */
  if (!self->running || self->cancellable != NULL
      || self->state == GANTRY_REFRESHER_OFFLINE)
    {
      g_debug ("Refresher: refresh request ignored");
      return;
    }

  unschedule (self);
  reset_backoff (self);
  refresh (self);
}

void
gantry_refresher_hold_fast (GantryRefresher *self)
{
  g_return_if_fail (GANTRY_IS_REFRESHER (self));

  self->fast_holds++;

  /* Do not sit out the rest of a long normal wait. */
  if (self->timeout_id != 0 && self->backoff_ms == 0
      && self->next_delay > self->fast_ms)
    schedule (self);
}

void
gantry_refresher_release_fast (GantryRefresher *self)
{
  g_return_if_fail (GANTRY_IS_REFRESHER (self));
  g_return_if_fail (self->fast_holds > 0);

  self->fast_holds--;
}

void
gantry_refresher_set_intervals (GantryRefresher *self,
                                guint            normal_ms,
                                guint            fast_ms,
                                guint            max_backoff_ms)
{
  g_return_if_fail (GANTRY_IS_REFRESHER (self));
  g_return_if_fail (normal_ms > 0 && fast_ms > 0 && max_backoff_ms > 0);

  self->normal_ms = normal_ms;
  self->fast_ms = fast_ms;
  self->max_backoff_ms = max_backoff_ms;
  self->backoff_ms = MIN (self->backoff_ms, max_backoff_ms);

  if (self->timeout_id != 0)
    schedule (self);
}
