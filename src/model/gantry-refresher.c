/* gantry-refresher.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* GantryRefresher as an object: its properties, signals and lifetime. The
 * polling itself is in gantry-refresher-poll.c. */

#include "config.h"

#include "gantry-refresher-private.h"

#define DEFAULT_NORMAL_MS 10000
#define DEFAULT_FAST_MS    3000
#define DEFAULT_MAX_MS   300000

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

void
_gantry_refresher_set_state (GantryRefresher      *self,
                             GantryRefresherState  state)
{
  g_autoptr (GEnumClass) klass = NULL;

  if (self->state == state)
    return;

  klass = g_type_class_ref (GANTRY_TYPE_REFRESHER_STATE);
  g_debug ("Refresher: %s -> %s",
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

void
_gantry_refresher_set_last_error (GantryRefresher *self,
                                  const GError    *error)
{
  if (same_error (self->last_error, error))
    return;

  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
_gantry_refresher_set_account (GantryRefresher *self,
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

void
_gantry_refresher_set_last_success (GantryRefresher *self,
                                    gint64           unix_time)
{
  if (self->last_success == unix_time)
    return;

  self->last_success = unix_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SUCCESS]);
}

void
_gantry_refresher_notify_busy (GantryRefresher *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
_gantry_refresher_emit_refreshed (GantryRefresher *self)
{
  g_signal_emit (self, signals[REFRESHED], 0);
}

void
_gantry_refresher_emit_failed (GantryRefresher *self,
                               const GError    *error)
{
  g_signal_emit (self, signals[FAILED], 0, error);
}

static gboolean
is_loopback_endpoint (const char *endpoint)
{
  g_autoptr (GUri) uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  g_autoptr (GInetAddress) address = NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static void
gantry_refresher_constructed (GObject *object)
{
  GantryRefresher *self = GANTRY_REFRESHER (object);

  G_OBJECT_CLASS (gantry_refresher_parent_class)->constructed (object);

  g_assert (GANTRY_IS_CLIENT (self->client));
  g_assert (GANTRY_IS_POD_STORE (self->store));

  /* The system's monitor says whether other hosts can be reached; a
   * simulator on this machine (the demo, the tests) always can. */
  if (self->monitor == NULL)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->local_endpoint =
        is_loopback_endpoint (gantry_client_get_endpoint (self->client));
    }
  self->network_changed_id =
    g_signal_connect (self->monitor, "network-changed",
                      G_CALLBACK (_gantry_refresher_network_changed), self);
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
