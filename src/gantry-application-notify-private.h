/* gantry-application-notify-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-application-notify.h"
#include "ui/gantry-window.h"

G_BEGIN_DECLS

/* What the notification side of the application keeps, shared by
 * gantry-application-notify.c and gantry-application-background.c. It
 * hangs on the application as object data, so that it lives exactly as
 * long as the application does. */
typedef struct
{
  GantryApplication   *app;          /* unowned: it owns us */
  GantryStatusWatcher *watcher;      /* owned */
  GSettings           *settings;     /* owned, nullable: no schema */
  GCancellable        *cancellable;  /* owned: cancelled at shutdown */
  GHashTable          *shown;        /* pod id → kind + 1 of what shows */
  GHashTable          *own;          /* pod id → deadline (gint64 *) */
  char                *open_pending; /* nullable: to select once listed */

  /* gantry-application-background.c */
  gboolean             held;         /* background-watching holds us */
  gboolean             in_background;
  gboolean             portal_asked;
  guint                portal_signal;
} GantryAppNotify;

GantryAppNotify *_gantry_app_notify_get             (GantryApplication *self);
/* The main window, or NULL (dialogs do not count). */
GantryWindow    *_gantry_application_find_window    (GantryApplication *self);

/* gantry-application-notify-text.c: a notification about @event, with
 * the actions app.open-pod and app.stop-pod. */
GNotification   *_gantry_app_notify_new_notification (const GantryStatusEvent *event);

/* gantry-application-background.c */
void             _gantry_app_notify_start_background (GantryAppNotify  *notify);
void             _gantry_app_notify_stop_background  (GantryAppNotify  *notify);

G_END_DECLS
