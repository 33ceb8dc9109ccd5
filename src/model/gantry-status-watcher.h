/* gantry-status-watcher.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-pod-store.h"
#include "gantry-status-event.h"

G_BEGIN_DECLS

/* Monotonic time in microseconds, like g_get_monotonic_time(). */
typedef gint64 (*GantryStatusWatcherClock) (gpointer user_data);

#define GANTRY_TYPE_STATUS_WATCHER (gantry_status_watcher_get_type ())

/* Compares each pod list with the one before, by pod id, using the
 * derived status, and emits ::event (const GantryStatusEvent *) for each
 * change worth telling, after the whole list has been read.
 *
 * The rules:
 * - The first list (after creation or a reset) only sets the baseline:
 *   no event. A pod that appears later is recorded without an event,
 *   unless it is a pod made here (expect_created) that is already up.
 * - READY when the status becomes Running from any other; CREATED_READY
 *   instead for a pod made here, once. STOPPED and INTERRUPTED when the
 *   status becomes one of them from anything but the other (an exited
 *   spot pod that the person stops from here turns from one into the
 *   other; nothing changed for them). TERMINATED when the status becomes
 *   Terminated or the pod leaves the list, once.
 * - Flapping: a Running pod that comes back without its runtime for one
 *   list stays Running; only a second list in a row without a runtime
 *   makes it Starting (its starting period counted from the first). So a
 *   single missing runtime notifies nothing, and a pod announced Running
 *   is announced again only after it was really down. An Unknown status
 *   (no desired status could be read) is no change at all.
 * - STUCK_STARTING once per starting period, at the first list at least
 *   stuck-minutes after the period began. IDLE once per idle period: an
 *   idle period begins at a list in which the pod is Running and every
 *   GPU reports under 5 % use, and ends at a list in which one reports
 *   5 % or more (BUSY_AGAIN if IDLE was told) or when the pod stops
 *   running; lists without readings neither begin nor end one. IDLE comes
 *   at the first list at least idle-minutes into the period.
 *
 * Time comes from the clock (g_get_monotonic_time() unless set): the
 * watcher has no timer of its own and decides when it is fed.
 *
 * Properties: stuck-minutes (default 10) and idle-minutes (default 30). */
G_DECLARE_FINAL_TYPE (GantryStatusWatcher, gantry_status_watcher,
                      GANTRY, STATUS_WATCHER, GObject)

GantryStatusWatcher *gantry_status_watcher_new       (void);

/* Feeds @store's list after each of its ::pods-changed; NULL stops. */
void                 gantry_status_watcher_set_store (GantryStatusWatcher *self,
                                                      GantryPodStore      *store);

/* @pods: element type GantryPod, the whole list as it is now. */
void                 gantry_status_watcher_feed      (GantryStatusWatcher *self,
                                                      GPtrArray           *pods);

/* Forgets every pod: the next list is a first one again (after a sign
 * out, so that emptying the list does not read as pods terminated). */
void                 gantry_status_watcher_reset     (GantryStatusWatcher *self);

/* @pod_id was created from Gantry: its first Running is CREATED_READY. */
void                 gantry_status_watcher_expect_created (GantryStatusWatcher *self,
                                                           const char          *pod_id);

void                 gantry_status_watcher_set_clock (GantryStatusWatcher      *self,
                                                      GantryStatusWatcherClock  clock,
                                                      gpointer                  user_data);

guint                gantry_status_watcher_get_stuck_minutes (GantryStatusWatcher *self);
void                 gantry_status_watcher_set_stuck_minutes (GantryStatusWatcher *self,
                                                              guint                minutes);
guint                gantry_status_watcher_get_idle_minutes  (GantryStatusWatcher *self);
void                 gantry_status_watcher_set_idle_minutes  (GantryStatusWatcher *self,
                                                              guint                minutes);

G_END_DECLS
