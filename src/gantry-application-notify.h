/* gantry-application-notify.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-application.h"
#include "model/gantry-status-watcher.h"

G_BEGIN_DECLS

/* Notifications about pod changes, and watching in the background
 * (gantry-application-notify.c, gantry-application-background.c).
 *
 * The application's status watcher follows its pod store. Each event
 * becomes a GNotification with the id "pod-<podId>", so that a newer one
 * about a pod replaces the older; one that no longer holds is withdrawn.
 * What the settings turn off is not sent (notify-enabled, then the key
 * of each kind). A change the person made in the focused main window
 * (note_own_change) gets at most a toast there.
 *
 * Actions, each with the pod id as target: app.open-pod presents the
 * main window, making it if needed, with that pod selected; app.stop-pod
 * stops the pod, through the window when there is one.
 *
 * With the setting background-watching on, the application holds itself:
 * closing the last main window leaves it running, refreshing every
 * minute, and the next activation opens a window again. Off, closing the
 * window quits. In a sandbox, the Background portal is asked first. */

/* Borrowed; NULL before startup. */
GantryStatusWatcher *gantry_application_get_status_watcher (GantryApplication *self);

/* The window just acted on @pod_id (start, stop, terminate): the change
 * that follows within half an hour is the person's own. */
void                 gantry_application_note_own_change    (GantryApplication *self,
                                                            const char        *pod_id);

/* @pod_id was created here: "is ready" once it runs, as an own change. */
void                 gantry_application_expect_created     (GantryApplication *self,
                                                            const char        *pod_id);

/* For gantry-application.c: in startup, after the core is made. What it
 * sets up is undone at shutdown and when the application is finalized. */
void                 _gantry_application_startup_notify    (GantryApplication *self);

G_END_DECLS
