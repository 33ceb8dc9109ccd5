/* gantry-application-background.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Watching pods with no window open. While the setting
 * background-watching is on, the application holds itself, so closing
 * the last main window does not end it; without a window it refreshes
 * once a minute. In a sandbox it asks the Background portal first and
 * turns the setting off if the answer is no.
 *
 * Outside a sandbox there is nothing to ask: the portal grants host apps
 * background use without asking, and GNOME lists no host apps as running
 * in the background, so the portal is only called in Flatpak. It is
 * called over D-Bus, without libportal: one method and one signal. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-application-notify-private.h"
#include "gantry-application-private.h"

/* The refresher's intervals, in ms: with a window, the setting
 * refresh-interval, faster while a pod changes; without one, a minute. */
#define BACKGROUND_INTERVAL_MS 60000
#define FAST_INTERVAL_MS 3000
#define MAX_BACKOFF_MS 300000

#define PORTAL_NAME "org.freedesktop.portal.Desktop"
#define PORTAL_PATH "/org/freedesktop/portal/desktop"

static gboolean
is_sandboxed (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

/* The portal's answer */

static void
refused (GantryAppNotify *notify)
{
  g_autoptr (GNotification) notification = NULL;

  g_debug ("The Background portal said no");
  g_settings_set_boolean (notify->settings, "background-watching", FALSE);

  notification = g_notification_new (_("Gantry Cannot Watch in the "
                                       "Background"));
  g_notification_set_body (notification,
                           _("Allow Gantry to run in the background in "
                             "Settings, under Apps, then turn background "
                             "watching on again."));
  g_application_send_notification (G_APPLICATION (notify->app),
                                   "background", notification);
}

static void
on_portal_response_cb (GDBusConnection *connection,
                       const char      *sender,
                       const char      *path,
                       const char      *interface,
                       const char      *signal,
                       GVariant        *parameters,
                       gpointer         user_data)
{
  GantryApplication *self = user_data;
  GantryAppNotify *notify = _gantry_app_notify_get (self);
  g_autoptr (GVariant) results = NULL;
  gboolean allowed = FALSE;
  guint32 response;

  g_dbus_connection_signal_unsubscribe (connection, notify->portal_signal);
  notify->portal_signal = 0;

  g_variant_get (parameters, "(u@a{sv})", &response, &results);
  g_variant_lookup (results, "background", "b", &allowed);
  if (response != 0 || !allowed)
    refused (notify);
}

static void
on_portal_called_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  GDBusConnection *connection = G_DBUS_CONNECTION (source);
  g_autoptr (GantryApplication) self = user_data;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  GantryAppNotify *notify;

  reply = g_dbus_connection_call_finish (connection, result, &error);
  if (reply != NULL || g_error_matches (error, G_IO_ERROR,
                                        G_IO_ERROR_CANCELLED))
    return;

  /* No portal to ask: carry on, as a host app would. */
  g_debug ("Could not ask the Background portal: %s", error->message);
  notify = _gantry_app_notify_get (self);
  if (notify != NULL && notify->portal_signal != 0)
    g_dbus_connection_signal_unsubscribe (connection, notify->portal_signal);
  if (notify != NULL)
    notify->portal_signal = 0;
}

/* The request object's path is known in advance from our bus name and a
 * token: subscribe first, so that the answer cannot come too early. */
static char *
subscribe_response (GantryAppNotify *notify,
                    GDBusConnection *connection)
{
  g_autofree char *token = g_strdup_printf ("gantry%u", g_random_int ());
  g_autofree char *sender = NULL;
  g_autofree char *path = NULL;

  sender = g_strdup (g_dbus_connection_get_unique_name (connection) + 1);
  g_strdelimit (sender, ".", '_');
  path = g_strconcat (PORTAL_PATH "/request/", sender, "/", token, NULL);

  notify->portal_signal = g_dbus_connection_signal_subscribe (
    connection, PORTAL_NAME, "org.freedesktop.portal.Request", "Response",
    path, NULL, G_DBUS_SIGNAL_FLAGS_NO_MATCH_RULE,
    on_portal_response_cb, g_object_ref (notify->app), g_object_unref);

  return g_steal_pointer (&token);
}

static void
ask_portal (GantryAppNotify *notify)
{
  GDBusConnection *connection;
  g_autofree char *token = NULL;
  GVariantBuilder options;

  /* Not during startup: the application is not on the bus yet. */
  if (!is_sandboxed () || notify->portal_signal != 0
      || !g_application_get_is_registered (G_APPLICATION (notify->app)))
    return;

  connection = g_application_get_dbus_connection (G_APPLICATION (notify->app));
  if (connection == NULL)
    return;

  notify->portal_asked = TRUE;
  token = subscribe_response (notify, connection);
  g_variant_builder_init (&options, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&options, "{sv}", "handle_token",
                         g_variant_new_string (token));
  g_variant_builder_add (&options, "{sv}", "reason",
                         g_variant_new_string (_("Gantry keeps watching "
                                                 "your pods and tells you "
                                                 "when one changes.")));
  g_variant_builder_add (&options, "{sv}", "autostart",
                         g_variant_new_boolean (FALSE));
  g_dbus_connection_call (connection, PORTAL_NAME, PORTAL_PATH,
                          "org.freedesktop.portal.Background",
                          "RequestBackground",
                          g_variant_new ("(sa{sv})", "", &options),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE,
                          -1, notify->cancellable, on_portal_called_cb,
                          g_object_ref (notify->app));
}

/* Holding and polling */

void
_gantry_application_apply_intervals (GantryApplication *self)
{
  /* None yet while the account side starts up: then there is a window. */
  GantryAppNotify *notify = _gantry_app_notify_get (self);
  guint normal_ms;

  if (notify != NULL && notify->in_background)
    {
      gantry_refresher_set_intervals (self->refresher, BACKGROUND_INTERVAL_MS,
                                      BACKGROUND_INTERVAL_MS, MAX_BACKOFF_MS);
      return;
    }

  /* Without a schema, the refresher keeps its defaults. */
  if (self->settings == NULL)
    return;

  normal_ms = g_settings_get_uint (self->settings, "refresh-interval") * 1000;
  gantry_refresher_set_intervals (self->refresher, normal_ms,
                                  MIN (FAST_INTERVAL_MS, normal_ms),
                                  MAX_BACKOFF_MS);
}

static void
update (GantryApplication *self)
{
  GantryAppNotify *notify = _gantry_app_notify_get (self);
  gboolean wanted = notify->settings != NULL
                    && g_settings_get_boolean (notify->settings,
                                               "background-watching");
  gboolean in_background;

  if (wanted && !notify->held)
    g_application_hold (G_APPLICATION (self));
  else if (!wanted && notify->held)
    g_application_release (G_APPLICATION (self));
  notify->held = wanted;

  in_background = wanted && _gantry_application_find_window (self) == NULL;
  if (in_background == notify->in_background)
    return;

  g_debug ("Watching %s", in_background ? "in the background"
                                        : "with a window");
  notify->in_background = in_background;
  _gantry_application_apply_intervals (self);
  if (in_background && !notify->portal_asked)
    ask_portal (notify);
}

/* Turned on: ask now, while the person is looking. */
static void
on_background_watching_changed_cb (GantryApplication *self)
{
  GantryAppNotify *notify = _gantry_app_notify_get (self);

  if (g_settings_get_boolean (notify->settings, "background-watching"))
    ask_portal (notify);
  update (self);
}

void
_gantry_app_notify_start_background (GantryAppNotify *notify)
{
  GantryApplication *self = notify->app;

  g_signal_connect_object (self, "window-added", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self, "window-removed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  if (notify->settings != NULL)
    g_signal_connect_object (notify->settings,
                             "changed::background-watching",
                             G_CALLBACK (on_background_watching_changed_cb),
                             self, G_CONNECT_SWAPPED);
  update (self);
}

void
_gantry_app_notify_stop_background (GantryAppNotify *notify)
{
  GDBusConnection *connection;

  if (notify->portal_signal != 0)
    {
      connection = g_application_get_dbus_connection (
        G_APPLICATION (notify->app));
      g_dbus_connection_signal_unsubscribe (connection,
                                            notify->portal_signal);
      notify->portal_signal = 0;
    }

  if (notify->held)
    g_application_release (G_APPLICATION (notify->app));
  notify->held = FALSE;
}
