/* gantry-refresher.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gantry-refresher.h"

#define DEFAULT_NORMAL_MS 10000
#define DEFAULT_FAST_MS    3000
#define DEFAULT_MAX_MS   300000
/* A longer Retry-After is taken for a broken header, not a request. */
#define MAX_RETRY_AFTER_S  3600

struct _GantryRefresher
{
  GObject               parent_instance;

  GantryClient         *client;
  GantryPodStore       *store;
  GNetworkMonitor      *monitor;
  gulong                network_changed_id;
  GCancellable         *cancellable;    /* nullable: set while in flight */
  GantryAccount        *account;        /* nullable */
  GError               *last_error;     /* nullable */
  gint64                last_success;
  GantryRefresherState  state;
  gboolean              running;

  guint                 timeout_id;
  guint                 next_delay;
  guint                 normal_ms;
  guint                 fast_ms;
  guint                 max_backoff_ms;
  guint                 backoff_ms;     /* 0 while requests succeed */
  guint                 retry_after_ms; /* 0 unless the server asked */
  guint                 fast_holds;
};

G_DEFINE_FINAL_TYPE (GantryRefresher, gantry_refresher, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GantryRefresherState, gantry_refresher_state,
  G_DEFINE_ENUM_VALUE (GANTRY_REFRESHER_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (GANTRY_REFRESHER_LOADING, "loading"),
  G_DEFINE_ENUM_VALUE (GANTRY_REFRESHER_OK, "ok"),
  G_DEFINE_ENUM_VALUE (GANTRY_REFRESHER_FAILING, "failing"),
  G_DEFINE_ENUM_VALUE (GANTRY_REFRESHER_OFFLINE, "offline"),
  G_DEFINE_ENUM_VALUE (GANTRY_REFRESHER_SIGNED_OUT, "signed-out"))

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  PROP_NETWORK_MONITOR,
  PROP_STATE,
  PROP_BUSY,
  PROP_LAST_ERROR,
  PROP_LAST_SUCCESS,
  PROP_ACCOUNT,
  N_PROPS
};

enum {
  REFRESHED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What a reply needs to find its refresher, if it still exists, and to
 * know whether it is still wanted. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
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

static void
set_state (GantryRefresher      *self,
           GantryRefresherState  state)
{
  g_autoptr (GEnumClass) klass = NULL;

  if (self->state == state)
    return;

  klass = g_type_class_ref (GANTRY_TYPE_REFRESHER_STATE);
  g_debug ("Refresher: %s → %s",
           g_enum_get_value (klass, self->state)->value_nick,
           g_enum_get_value (klass, state)->value_nick);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static gboolean
same_error (const GError *a,
            const GError *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return a->domain == b->domain && a->code == b->code
         && g_strcmp0 (a->message, b->message) == 0
         && gantry_api_error_get_retry_after (a)
            == gantry_api_error_get_retry_after (b);
}

static void
set_last_error (GantryRefresher *self,
                const GError    *error)
{
  if (same_error (self->last_error, error))
    return;

  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_account (GantryRefresher *self,
             GantryAccount   *account)
{
  if (account == NULL)
    return;

  /* One object for the app's lifetime, so that bindings to it hold. */
  if (self->account != NULL)
    {
      gantry_account_update_from (self->account, account);
      return;
    }

  self->account = g_object_ref (account);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

static void
set_last_success (GantryRefresher *self,
                  gint64           unix_time)
{
  if (self->last_success == unix_time)
    return;

  self->last_success = unix_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
}

static gboolean
network_available (GantryRefresher *self)
{
  return g_network_monitor_get_network_available (self->monitor);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
handle_success (GantryRefresher *self,
                GPtrArray       *pods,
                GantryAccount   *account)
{
  gantry_pod_store_update (self->store, pods);

  g_object_freeze_notify (G_OBJECT (self));
  set_account (self, account);
  set_last_success (self, g_get_real_time () / G_USEC_PER_SEC);
  set_last_error (self, NULL);
  reset_backoff (self);
  /* A ::pods-changed handler may have stopped or restarted us. */
  if (self->running && self->cancellable == NULL)
    {
      schedule (self);
      set_state (self, GANTRY_REFRESHER_OK);
    }
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[REFRESHED], 0);
}

static void
handle_failure (GantryRefresher *self,
                const GError    *error)
{
  g_debug ("Refresher: refresh failed: %s", error->message);

  g_object_freeze_notify (G_OBJECT (self));
  set_last_error (self, error);
  if (g_error_matches (error, GANTRY_API_ERROR,
                       GANTRY_API_ERROR_UNAUTHORIZED))
    {
      /* Retrying cannot fix a key; start() comes with a new one. */
      self->running = FALSE;
      reset_backoff (self);
      unschedule (self);
      set_state (self, GANTRY_REFRESHER_SIGNED_OUT);
    }
  else
    {
      grow_backoff (self, error);
      schedule (self);
      set_state (self, GANTRY_REFRESHER_FAILING);
    }
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[FAILED], 0, error);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  if (pods != NULL)
    handle_success (self, pods, account);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);

  request = g_new0 (Request, 1);
  g_weak_ref_init (&request->self, self);
  request->cancellable = g_object_ref (self->cancellable);
  gantry_client_list_pods_async (self->client, self->cancellable,
                                 on_list_pods_cb, request);
}

static void
go_offline (GantryRefresher *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  cancel_request (self);
  unschedule (self);
  set_state (self, GANTRY_REFRESHER_OFFLINE);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
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
      set_state (self, online_state (self));
      refresh (self);
    }
}

static void
gantry_refresher_constructed (GObject *object)
{
  GantryRefresher *self = GANTRY_REFRESHER (object);

  G_OBJECT_CLASS (gantry_refresher_parent_class)->constructed (object);

  g_assert (GANTRY_IS_CLIENT (self->client));
  g_assert (GANTRY_IS_POD_STORE (self->store));

  if (self->monitor == NULL)
    self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_changed_id =
    g_signal_connect (self->monitor, "network-changed",
                      G_CALLBACK (on_network_changed_cb), self);
}

static void
gantry_refresher_dispose (GObject *object)
{
  GantryRefresher *self = GANTRY_REFRESHER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_signal_handler (&self->network_changed_id, self->monitor);
  self->running = FALSE;

  g_clear_object (&self->monitor);
  g_clear_object (&self->account);
  g_clear_object (&self->store);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (gantry_refresher_parent_class)->dispose (object);
}

static void
gantry_refresher_finalize (GObject *object)
{
  GantryRefresher *self = GANTRY_REFRESHER (object);

  g_clear_error (&self->last_error);

  G_OBJECT_CLASS (gantry_refresher_parent_class)->finalize (object);
}

static void
gantry_refresher_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GantryRefresher *self = GANTRY_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NETWORK_MONITOR:
      g_value_set_object (value, self->monitor);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, gantry_refresher_get_busy (self));
      break;
    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;
    case PROP_LAST_SUCCESS:
      g_value_set_int64 (value, self->last_success);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_refresher_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GantryRefresher *self = GANTRY_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NETWORK_MONITOR:
      self->monitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                          | G_PARAM_STATIC_STRINGS;
  GParamFlags readable = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GANTRY_TYPE_CLIENT, construct);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GANTRY_TYPE_POD_STORE,
                         construct);
  properties[PROP_NETWORK_MONITOR] =
    g_param_spec_object ("network-monitor", NULL, NULL,
                         G_TYPE_NETWORK_MONITOR, construct);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GANTRY_TYPE_REFRESHER_STATE,
                       GANTRY_REFRESHER_IDLE, readable);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, readable);
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR, readable);
  properties[PROP_LAST_SUCCESS] =
    g_param_spec_int64 ("last-success", NULL, NULL,
                        0, G_MAXINT64, 0, readable);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, GANTRY_TYPE_ACCOUNT,
                         readable);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gantry_refresher_class_init (GantryRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gantry_refresher_constructed;
  object_class->dispose = gantry_refresher_dispose;
  object_class->finalize = gantry_refresher_finalize;
  object_class->get_property = gantry_refresher_get_property;
  object_class->set_property = gantry_refresher_set_property;

  install_properties (object_class);

  signals[REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gantry_refresher_init (GantryRefresher *self)
{
  self->state = GANTRY_REFRESHER_IDLE;
  self->normal_ms = DEFAULT_NORMAL_MS;
  self->fast_ms = DEFAULT_FAST_MS;
  self->max_backoff_ms = DEFAULT_MAX_MS;
}

GantryRefresher *
gantry_refresher_new (GantryClient   *client,
                      GantryPodStore *store)
{
  g_return_val_if_fail (GANTRY_IS_CLIENT (client), NULL);
  g_return_val_if_fail (GANTRY_IS_POD_STORE (store), NULL);

  return g_object_new (GANTRY_TYPE_REFRESHER,
                       "client", client,
                       "store", store,
                       NULL);
}

GantryClient *
gantry_refresher_get_client (GantryRefresher *self)
{
  g_return_val_if_fail (GANTRY_IS_REFRESHER (self), NULL);

  return self->client;
}

GantryPodStore *
gantry_refresher_get_store (GantryRefresher *self)
{
  g_return_val_if_fail (GANTRY_IS_REFRESHER (self), NULL);

  return self->store;
}

void
gantry_refresher_start (GantryRefresher *self)
{
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
    set_last_error (self, NULL);

  if (!network_available (self))
    set_state (self, GANTRY_REFRESHER_OFFLINE);
  else
    {
      set_state (self, was_running ? online_state (self)
                                   : GANTRY_REFRESHER_LOADING);
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
  set_state (self, GANTRY_REFRESHER_IDLE);
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

guint
gantry_refresher_get_next_delay (GantryRefresher *self)
{
  g_return_val_if_fail (GANTRY_IS_REFRESHER (self), 0);

  return self->next_delay;
}

GantryRefresherState
gantry_refresher_get_state (GantryRefresher *self)
{
  g_return_val_if_fail (GANTRY_IS_REFRESHER (self), GANTRY_REFRESHER_IDLE);

  return self->state;
}

gboolean
gantry_refresher_get_busy (GantryRefresher *self)
{
  g_return_val_if_fail (GANTRY_IS_REFRESHER (self), FALSE);

  return self->cancellable != NULL;
}

const GError *
gantry_refresher_get_last_error (GantryRefresher *self)
{
  g_return_val_if_fail (GANTRY_IS_REFRESHER (self), NULL);

  return self->last_error;
}

gint64
gantry_refresher_get_last_success (GantryRefresher *self)
{
  g_return_val_if_fail (GANTRY_IS_REFRESHER (self), 0);

  return self->last_success;
}

GantryAccount *
gantry_refresher_get_account (GantryRefresher *self)
{
  g_return_val_if_fail (GANTRY_IS_REFRESHER (self), NULL);

  return self->account;
}
