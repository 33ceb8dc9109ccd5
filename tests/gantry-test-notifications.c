/* gantry-test-notifications.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include "gantry-test-notifications.h"

#define DEADLINE_S 30

#define DAEMON_NAME "org.freedesktop.Notifications"
#define DAEMON_PATH "/org/freedesktop/Notifications"
#define MOCK_IFACE "org.freedesktop.DBus.Mock"

struct _GantryTestNotifications
{
  GTestDBus       *dbus;    /* owned */
  GDBusConnection *bus;     /* owned: the helper's own connection */
  GSubprocess     *daemon;  /* owned */
};

static gboolean
has_owner (GantryTestNotifications *self)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (self->bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", DAEMON_NAME),
                                       G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &owned);

  return owned;
}

static void
on_daemon_exited_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
start_daemon (GantryTestNotifications *self)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  g_autoptr (GError) error = NULL;
  gboolean exited = FALSE;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  /* Debian's dbusmock is installed for the system Python only. */
  self->daemon = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE,
                                   &error, "/usr/bin/python3", "-m",
                                   "dbusmock", "--template",
                                   "notification_daemon", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (self->daemon, cancellable, on_daemon_exited_cb,
                           &exited);

  while (!has_owner (self))
    {
      if (exited || g_get_monotonic_time () > end)
        g_error ("The mock notification daemon did not join the bus");
      g_usleep (G_USEC_PER_SEC / 20);
      g_main_context_iteration (NULL, FALSE);
    }

  /* The flag lives on this stack: the wait must not outlive it. */
  g_cancellable_cancel (cancellable);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

GantryTestNotifications *
gantry_test_notifications_new (void)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GantryTestNotifications *self = g_new0 (GantryTestNotifications, 1);
  g_autoptr (GError) error = NULL;

  self->dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (self->dbus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  self->bus = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (self->dbus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
    | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);

  start_daemon (self);

  return self;
}

void
gantry_test_notifications_free (GantryTestNotifications *self)
{
  if (self == NULL)
    return;

  if (self->daemon != NULL)
    {
      g_subprocess_send_signal (self->daemon, SIGTERM);
      g_subprocess_wait (self->daemon, NULL, NULL);
    }
  g_clear_object (&self->daemon);
  if (self->bus != NULL)
    g_dbus_connection_close_sync (self->bus, NULL, NULL);
  g_clear_object (&self->bus);

  /* Not g_test_dbus_down(): the application's GDBus singleton keeps its
   * session connection, which down() would wait for in vain. */
  g_test_dbus_stop (self->dbus);
  self->dbus = NULL;
  g_free (self);
}

/* The recorded calls of @method: their arguments, oldest first. */
static GPtrArray *
get_calls (GantryTestNotifications *self,
           GDBusConnection         *via,
           const char              *method)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariantIter) iter = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *calls = g_ptr_array_new_with_free_func (
    (GDestroyNotify) g_variant_unref);
  GVariant *args;
  guint64 when;

  reply = g_dbus_connection_call_sync (via ? via : self->bus, DAEMON_NAME,
                                       DAEMON_PATH, MOCK_IFACE,
                                       "GetMethodCalls",
                                       g_variant_new ("(s)", method),
                                       G_VARIANT_TYPE ("(a(tav))"),
                                       G_DBUS_CALL_FLAGS_NONE,
                                       DEADLINE_S * 1000, NULL, &error);
  g_assert_no_error (error);

  g_variant_get (reply, "(a(tav))", &iter);
  while (g_variant_iter_next (iter, "(t@av)", &when, &args))
    g_ptr_array_add (calls, args);

  return calls;
}

/* The @i-th argument of a recorded call, unboxed. */
static GVariant *
get_arg (GVariant *args,
         gsize     i)
{
  g_autoptr (GVariant) boxed = g_variant_get_child_value (args, i);

  return g_variant_get_variant (boxed);
}

static void
notification_free (gpointer data)
{
  GantryTestNotification *n = data;

  g_free (n->app_name);
  g_free (n->summary);
  g_free (n->body);
  g_strfreev (n->actions);
  g_free (n->desktop_entry);
  g_free (n);
}

static GantryTestNotification *
notification_new (GVariant *args)
{
  GantryTestNotification *n = g_new0 (GantryTestNotification, 1);
  g_autoptr (GVariant) replaces = get_arg (args, 1);
  g_autoptr (GVariant) hints = get_arg (args, 6);
  g_autoptr (GVariant) actions = get_arg (args, 5);
  GVariant *arg;

  g_assert_cmpuint (g_variant_n_children (args), ==, 8);
  n->replaces_id = g_variant_get_uint32 (replaces);
  arg = get_arg (args, 0);
  n->app_name = g_variant_dup_string (arg, NULL);
  g_variant_unref (arg);
  arg = get_arg (args, 3);
  n->summary = g_variant_dup_string (arg, NULL);
  g_variant_unref (arg);
  arg = get_arg (args, 4);
  n->body = g_variant_dup_string (arg, NULL);
  g_variant_unref (arg);
  n->actions = g_variant_dup_strv (actions, NULL);
  g_variant_lookup (hints, "desktop-entry", "s", &n->desktop_entry);

  return n;
}

GPtrArray *
gantry_test_notifications_list (GantryTestNotifications *self,
                                GDBusConnection         *via)
{
  g_autoptr (GPtrArray) calls = get_calls (self, via, "Notify");
  GPtrArray *list = g_ptr_array_new_with_free_func (notification_free);
  guint32 next_id = 1;

  /* The daemon numbers new notifications from 1 and gives a replacement
   * the id it replaces. */
  for (guint i = 0; i < calls->len; i++)
    {
      GantryTestNotification *n = notification_new (calls->pdata[i]);

      n->id = n->replaces_id != 0 ? n->replaces_id : next_id++;
      g_ptr_array_add (list, n);
    }

  return list;
}

guint
gantry_test_notifications_count_closed (GantryTestNotifications *self,
                                        GDBusConnection         *via,
                                        guint32                  id)
{
  g_autoptr (GPtrArray) calls = get_calls (self, via, "CloseNotification");
  guint n = 0;

  for (guint i = 0; i < calls->len; i++)
    {
      g_autoptr (GVariant) arg = get_arg (calls->pdata[i], 0);
      gint64 closed;

      /* The template declares it "i"; the specification says "u". */
      if (g_variant_is_of_type (arg, G_VARIANT_TYPE_UINT32))
        closed = g_variant_get_uint32 (arg);
      else
        closed = g_variant_get_int32 (arg);

      n += closed == id ? 1 : 0;
    }

  return n;
}

void
gantry_test_notifications_invoke (GantryTestNotifications *self,
                                  guint32                  id,
                                  const char              *action)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  GVariant *args[2];

  args[0] = g_variant_new_variant (g_variant_new_uint32 (id));
  args[1] = g_variant_new_variant (g_variant_new_string (action));
  reply = g_dbus_connection_call_sync (
    self->bus, DAEMON_NAME, DAEMON_PATH, MOCK_IFACE, "EmitSignal",
    g_variant_new ("(sss@av)", DAEMON_NAME, "ActionInvoked", "us",
                   g_variant_new_array (G_VARIANT_TYPE_VARIANT, args, 2)),
    NULL, G_DBUS_CALL_FLAGS_NONE, DEADLINE_S * 1000, NULL, &error);
  g_assert_no_error (error);
}

const char *
gantry_test_notification_get_button (GantryTestNotification *notification,
                                     const char             *action)
{
  for (guint i = 0; notification->actions[i] != NULL
                    && notification->actions[i + 1] != NULL; i += 2)
    if (g_str_equal (notification->actions[i], action))
      return notification->actions[i + 1];

  return NULL;
}
