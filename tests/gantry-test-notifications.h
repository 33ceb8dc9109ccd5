/* gantry-test-notifications.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A notification server for a GTest program: a private session bus
 * (GTestDBus) with python3-dbusmock's notification daemon on it, which
 * records every call. GLib's freedesktop backend talks to it when the
 * test runs with GNOTIFICATION_BACKEND=freedesktop.
 *
 * Make one first thing in a process, before anything connects to the
 * session bus (GDBus keeps one session connection per process). The
 * daemon owns org.freedesktop.Notifications before this returns, so the
 * first notification never meets an empty bus (GLib would warn).
 * GTestDBus unsets DISPLAY; it is put back here, for GTK under Xvfb. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _GantryTestNotifications GantryTestNotifications;

/* One Notify call, as the daemon received it. */
typedef struct
{
  guint32  id;            /* what the daemon answered */
  guint32  replaces_id;
  char    *app_name;
  char    *summary;       /* the title */
  char    *body;
  GStrv    actions;       /* key, label, key, label... */
  char    *desktop_entry; /* the hint, nullable */
} GantryTestNotification;

/* Fails the test if the daemon is not on the bus within 30 s. */
GantryTestNotifications *gantry_test_notifications_new  (void);

/* Stops the daemon and the bus. */
void                     gantry_test_notifications_free (GantryTestNotifications *self);

/* Every Notify call since the daemon started, oldest first (element
 * type GantryTestNotification). Asked over @via (NULL: a connection of
 * the helper's own): a call that an application made on @via before is
 * in the answer, because one connection's messages arrive in order. */
GPtrArray               *gantry_test_notifications_list (GantryTestNotifications *self,
                                                         GDBusConnection         *via);

/* How many times the notification with the daemon's @id was closed by
 * the application (CloseNotification: withdrawn). */
guint                    gantry_test_notifications_count_closed (GantryTestNotifications *self,
                                                                 GDBusConnection         *via,
                                                                 guint32                  id);

/* Emits ActionInvoked (@id, @action) from the daemon, as when a person
 * clicks the notification ("default") or one of its buttons. */
void                     gantry_test_notifications_invoke (GantryTestNotifications *self,
                                                           guint32                  id,
                                                           const char              *action);

/* The label of @action in @notification's actions, or NULL. */
const char              *gantry_test_notification_get_button (GantryTestNotification *notification,
                                                              const char             *action);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GantryTestNotifications,
                               gantry_test_notifications_free)

G_END_DECLS
