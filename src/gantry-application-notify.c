/* gantry-application-notify.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* From the status watcher's events to what the person sees: a
 * notification, a toast in the focused window for their own change, or
 * nothing; and the two actions a notification offers. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-application-notify-private.h"
#include "ui/gantry-error-text.h"
#include "gantry-settings.h"

/* How long an action from the window makes the next change its own. */
#define OWN_CHANGE_USEC (G_GINT64_CONSTANT (30) * 60 * G_USEC_PER_SEC)

#define DATA_KEY "gantry-app-notify"

/* The settings key that allows each kind; NULL: never notified. */
static const char * const kind_keys[] = {
  [GANTRY_STATUS_EVENT_READY] = "notify-running",
  [GANTRY_STATUS_EVENT_CREATED_READY] = "notify-running",
  [GANTRY_STATUS_EVENT_STOPPED] = "notify-stopped",
  [GANTRY_STATUS_EVENT_INTERRUPTED] = "notify-interrupted",
  [GANTRY_STATUS_EVENT_TERMINATED] = "notify-terminated",
  [GANTRY_STATUS_EVENT_STUCK_STARTING] = "notify-stuck-starting",
  [GANTRY_STATUS_EVENT_IDLE] = "notify-idle",
  [GANTRY_STATUS_EVENT_BUSY_AGAIN] = NULL,
};

GantryAppNotify *
_gantry_app_notify_get (GantryApplication *self)
{
  return g_object_get_data (G_OBJECT (self), DATA_KEY);
}

GantryWindow *
_gantry_application_find_window (GantryApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self));
       l != NULL; l = l->next)
    if (GANTRY_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* Showing and withdrawing */

static char *
dup_notification_id (const char *pod_id)
{
  return g_strconcat ("pod-", pod_id, NULL);
}

static void
withdraw (GantryAppNotify *notify,
          const char      *pod_id)
{
  g_autofree char *id = dup_notification_id (pod_id);

  if (g_hash_table_remove (notify->shown, pod_id))
    g_application_withdraw_notification (G_APPLICATION (notify->app), id);
}

static void
withdraw_all (GantryAppNotify *notify)
{
  GHashTableIter iter;
  const char *pod_id;

  g_hash_table_iter_init (&iter, notify->shown);
  while (g_hash_table_iter_next (&iter, (gpointer *) &pod_id, NULL))
    {
      g_autofree char *id = dup_notification_id (pod_id);

      g_application_withdraw_notification (G_APPLICATION (notify->app), id);
      g_hash_table_iter_remove (&iter);
    }
}

/* Whether what shows for a pod stops holding after @event. */
static gboolean
makes_stale (GantryStatusEventKind shown,
             GantryStatusEventKind event)
{
  if (event == GANTRY_STATUS_EVENT_BUSY_AGAIN)
    return shown == GANTRY_STATUS_EVENT_IDLE;

  /* Idle is news about a running pod: "is running" still holds. */
  return event != GANTRY_STATUS_EVENT_IDLE;
}

static void
withdraw_stale (GantryAppNotify         *notify,
                const GantryStatusEvent *event)
{
  gpointer shown;

  if (g_hash_table_lookup_extended (notify->shown, event->pod_id, NULL,
                                    &shown)
      && makes_stale (GPOINTER_TO_INT (shown) - 1, event->kind))
    withdraw (notify, event->pod_id);
}

static void
send_notification (GantryAppNotify         *notify,
                   const GantryStatusEvent *event)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *id = dup_notification_id (event->pod_id);

  notification = _gantry_app_notify_new_notification (event);

  g_debug ("Notifying %s about pod %s", id, event->pod_id);
  g_application_send_notification (G_APPLICATION (notify->app), id,
                                   notification);
  g_hash_table_insert (notify->shown, g_strdup (event->pod_id),
                       GINT_TO_POINTER (event->kind + 1));
}

static gboolean
wants (GantryAppNotify         *notify,
       const GantryStatusEvent *event)
{
  const char *key = kind_keys[event->kind];

  if (key == NULL)
    return FALSE;
  if (notify->settings == NULL)
    return TRUE;

  return g_settings_get_boolean (notify->settings, "notify-enabled")
         && g_settings_get_boolean (notify->settings, key);
}

/* Own changes */

/* Whether @event is the outcome of the person's own recent action; it is
 * taken: the action has had its outcome. */
static gboolean
take_own_change (GantryAppNotify         *notify,
                 const GantryStatusEvent *event)
{
  gint64 *deadline = g_hash_table_lookup (notify->own, event->pod_id);
  gboolean own;

  if (deadline == NULL
      || event->kind == GANTRY_STATUS_EVENT_STUCK_STARTING
      || event->kind == GANTRY_STATUS_EVENT_IDLE
      || event->kind == GANTRY_STATUS_EVENT_BUSY_AGAIN
      || event->kind == GANTRY_STATUS_EVENT_INTERRUPTED)
    return FALSE;

  own = g_get_monotonic_time () < *deadline;
  g_hash_table_remove (notify->own, event->pod_id);

  return own;
}

/* In the window the person is looking at. The window's own toast already
 * said that a stop or a termination went through; that a start ended in
 * a running pod is news. */
static void
toast_own_change (GantryWindow            *window,
                  const GantryStatusEvent *event)
{
  g_autofree char *text = NULL;

  if (event->kind == GANTRY_STATUS_EVENT_READY)
    text = g_strdup_printf (_("“%s” is running"), event->pod_name);
  else if (event->kind == GANTRY_STATUS_EVENT_CREATED_READY)
    text = g_strdup_printf (_("“%s” is ready"), event->pod_name);

  if (text != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s", text);
}

static void
on_event_cb (GantryStatusWatcher     *watcher,
             const GantryStatusEvent *event,
             GantryAppNotify         *notify)
{
  GantryWindow *window = _gantry_application_find_window (notify->app);
  gboolean own = take_own_change (notify, event);

  /* A notification sent with the same id replaces what shows. */
  if (own && window != NULL && gtk_window_is_active (GTK_WINDOW (window)))
    {
      withdraw_stale (notify, event);
      toast_own_change (window, event);
    }
  else if (wants (notify, event))
    {
      send_notification (notify, event);
    }
  else
    {
      withdraw_stale (notify, event);
    }
}

/* Signed out, or the refresher was stopped to change the key: what the
 * list does next says nothing about the pods. */
static void
on_refresher_state_cb (GantryApplication *self)
{
  GantryAppNotify *notify = _gantry_app_notify_get (self);
  GantryRefresher *refresher = gantry_application_get_refresher (self);
  GantryRefresherState state = gantry_refresher_get_state (refresher);

  if (state != GANTRY_REFRESHER_IDLE && state != GANTRY_REFRESHER_SIGNED_OUT)
    return;

  gantry_status_watcher_reset (notify->watcher);
  withdraw_all (notify);
}

/* app.open-pod */

static void
select_pending (GantryApplication *self)
{
  GantryAppNotify *notify = _gantry_app_notify_get (self);
  GantryWindow *window = _gantry_application_find_window (self);
  GantryPodStore *store = gantry_application_get_store (self);

  if (notify->open_pending == NULL || window == NULL)
    return;

  /* Once the list is loaded, a pod that is not in it will not come. */
  if (gantry_window_select_pod (window, notify->open_pending)
      || gantry_pod_store_get_loaded (store))
    g_clear_pointer (&notify->open_pending, g_free);
}

static void
open_pod_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GantryAppNotify *notify = user_data;
  const char *pod_id = g_variant_get_string (parameter, NULL);

  /* Started for this click (D-Bus activation), there is no window yet:
   * activate makes one, and the pod is selected once it is listed. */
  g_application_activate (G_APPLICATION (notify->app));
  withdraw (notify, pod_id);

  g_free (notify->open_pending);
  notify->open_pending = g_strdup (pod_id);
  select_pending (notify->app);
}

/* app.stop-pod */

typedef struct
{
  GantryAppNotify *notify;   /* valid until cancelled */
  GantryClient    *client;   /* owned */
  char            *pod_id;
  char            *name;
  GError          *error;    /* the mutation's, nullable */
} StopOp;

static void
stop_op_free (StopOp *op)
{
  g_clear_object (&op->client);
  g_clear_error (&op->error);
  g_free (op->pod_id);
  g_free (op->name);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StopOp, stop_op_free)

static void
report_stop_failure (StopOp       *op,
                     const GError *error)
{
  g_autoptr (GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = dup_notification_id (op->pod_id);
  GantryPod *pod = gantry_pod_store_lookup (
    gantry_application_get_store (op->notify->app), op->pod_id);

  /* Still up: should it exit later on its own, it was interrupted. */
  if (pod != NULL)
    gantry_pod_set_stop_requested (pod, FALSE);

  body = error != NULL ? gantry_error_text_title (error)
                       : g_strdup (_("It is still running."));
  title = g_strdup_printf (_("Could Not Stop “%s”"), op->name);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-pod",
                                                "s", op->pod_id);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_application_send_notification (G_APPLICATION (op->notify->app), id,
                                   notification);
  g_hash_table_insert (op->notify->shown, g_strdup (op->pod_id),
                       GINT_TO_POINTER (GANTRY_STATUS_EVENT_STOPPED + 1));
}

/* What the pod looks like now decides whether the stop worked: the API
 * sometimes reports an error for a stop that happened. */
static void
on_stop_verified_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (StopOp) op = user_data;
  g_autoptr (GantryPod) fresh = NULL;
  g_autoptr (GError) error = NULL;
  GantryPodStore *store;

  fresh = gantry_client_get_pod_finish (GANTRY_CLIENT (source), result,
                                        &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  store = gantry_application_get_store (op->notify->app);
  if (fresh != NULL)
    gantry_pod_store_update_one (store, fresh);
  if (fresh == NULL
      || g_strcmp0 (gantry_pod_get_desired_status (fresh), "EXITED") != 0)
    report_stop_failure (op, op->error != NULL ? op->error : error);
}

static void
on_stopped_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  StopOp *op = user_data;
  g_autoptr (GantryPod) answer = NULL;

  answer = gantry_client_stop_pod_finish (GANTRY_CLIENT (source), result,
                                          &op->error);
  if (g_error_matches (op->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      stop_op_free (op);
      return;
    }

  gantry_client_get_pod_async (op->client, op->pod_id,
                               op->notify->cancellable,
                               on_stop_verified_cb, op);
}

static void
stop_pod_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GantryAppNotify *notify = user_data;
  const char *pod_id = g_variant_get_string (parameter, NULL);
  GantryWindow *window = _gantry_application_find_window (notify->app);
  GantryPod *pod;
  StopOp *op;

  /* The window's way, with its toasts, when there is a window. */
  if (window != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.stop-pod", "s",
                                  pod_id);
      return;
    }

  pod = gantry_pod_store_lookup (gantry_application_get_store (notify->app),
                                 pod_id);
  if (pod == NULL)
    return;

  /* A spot pod stopped from here is stopped, not interrupted. */
  gantry_pod_set_stop_requested (pod, TRUE);
  op = g_new0 (StopOp, 1);
  op->notify = notify;
  op->client = g_object_ref (gantry_application_get_client (notify->app));
  op->pod_id = g_strdup (pod_id);
  op->name = g_strdup (gantry_pod_get_display_name (pod));
  gantry_client_stop_pod_async (op->client, pod_id, notify->cancellable,
                                on_stopped_cb, op);
}

/* Set-up */

static const GActionEntry notify_actions[] = {
  { .name = "open-pod", .activate = open_pod_cb, .parameter_type = "s" },
  { .name = "stop-pod", .activate = stop_pod_cb, .parameter_type = "s" },
};


static void
app_notify_free (gpointer data)
{
  GantryAppNotify *notify = data;

  g_cancellable_cancel (notify->cancellable);
  g_signal_handlers_disconnect_by_data (notify->watcher, notify);
  gantry_status_watcher_set_store (notify->watcher, NULL);
  g_clear_object (&notify->watcher);
  g_clear_object (&notify->settings);
  g_clear_object (&notify->cancellable);
  g_clear_pointer (&notify->shown, g_hash_table_unref);
  g_clear_pointer (&notify->own, g_hash_table_unref);
  g_clear_pointer (&notify->open_pending, g_free);
  g_free (notify);
}

static void
on_shutdown_cb (GantryApplication *self,
                GantryAppNotify   *notify)
{
  g_cancellable_cancel (notify->cancellable);
  _gantry_app_notify_stop_background (notify);
}

static void
connect_core (GantryAppNotify *notify)
{
  GantryApplication *self = notify->app;

  gantry_status_watcher_set_store (notify->watcher,
                                   gantry_application_get_store (self));
  g_signal_connect (notify->watcher, "event", G_CALLBACK (on_event_cb),
                    notify);
  g_signal_connect_object (gantry_application_get_refresher (self),
                           "notify::state",
                           G_CALLBACK (on_refresher_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gantry_application_get_store (self),
                           "pods-changed", G_CALLBACK (select_pending),
                           self, G_CONNECT_SWAPPED);
}

void
_gantry_application_startup_notify (GantryApplication *self)
{
  GantryAppNotify *notify = g_new0 (GantryAppNotify, 1);

  g_return_if_fail (GANTRY_IS_APPLICATION (self));
  g_return_if_fail (_gantry_app_notify_get (self) == NULL);

  notify->app = self;
  notify->watcher = gantry_status_watcher_new ();
  notify->settings = gantry_settings_try_new ("every change notifies");
  notify->cancellable = g_cancellable_new ();
  notify->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         NULL);
  notify->own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       g_free);
  g_object_set_data_full (G_OBJECT (self), DATA_KEY, notify,
                          app_notify_free);

  if (notify->settings != NULL)
    {
      g_settings_bind (notify->settings, "stuck-starting-minutes",
                       notify->watcher, "stuck-minutes", G_SETTINGS_BIND_GET);
      g_settings_bind (notify->settings, "idle-minutes",
                       notify->watcher, "idle-minutes", G_SETTINGS_BIND_GET);
    }

  connect_core (notify);
  g_action_map_add_action_entries (G_ACTION_MAP (self), notify_actions,
                                   G_N_ELEMENTS (notify_actions), notify);
  g_signal_connect (self, "shutdown", G_CALLBACK (on_shutdown_cb), notify);
  _gantry_app_notify_start_background (notify);
}

/* Public */

GantryStatusWatcher *
gantry_application_get_status_watcher (GantryApplication *self)
{
  GantryAppNotify *notify;

  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), NULL);

  notify = _gantry_app_notify_get (self);
  return notify != NULL ? notify->watcher : NULL;
}

void
gantry_application_note_own_change (GantryApplication *self,
                                    const char        *pod_id)
{
  GantryAppNotify *notify;
  gint64 *deadline;

  g_return_if_fail (GANTRY_IS_APPLICATION (self));
  g_return_if_fail (pod_id != NULL);

  if ((notify = _gantry_app_notify_get (self)) == NULL)
    return;

  deadline = g_new (gint64, 1);
  *deadline = g_get_monotonic_time () + OWN_CHANGE_USEC;
  g_hash_table_insert (notify->own, g_strdup (pod_id), deadline);
}

void
gantry_application_expect_created (GantryApplication *self,
                                   const char        *pod_id)
{
  GantryAppNotify *notify;

  g_return_if_fail (GANTRY_IS_APPLICATION (self));
  g_return_if_fail (pod_id != NULL);

  if ((notify = _gantry_app_notify_get (self)) == NULL)
    return;

  gantry_status_watcher_expect_created (notify->watcher, pod_id);
  gantry_application_note_own_change (self, pod_id);
}
