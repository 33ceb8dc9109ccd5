/* gantry-refresher.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "api/gantry-client.h"
#include "gantry-account.h"
#include "gantry-pod-store.h"

G_BEGIN_DECLS

typedef enum
{
  GANTRY_REFRESHER_IDLE,        /* not started, or stopped */
  GANTRY_REFRESHER_LOADING,     /* first load in flight, nothing shown yet */
  GANTRY_REFRESHER_OK,          /* the last refresh worked */
  GANTRY_REFRESHER_FAILING,     /* the last refresh failed; data is stale */
  GANTRY_REFRESHER_OFFLINE,     /* the network is down; polling paused */
  GANTRY_REFRESHER_SIGNED_OUT,  /* no key, or the key was rejected; stopped */
} GantryRefresherState;

GType gantry_refresher_state_get_type (void) G_GNUC_CONST;
#define GANTRY_TYPE_REFRESHER_STATE (gantry_refresher_state_get_type ())

#define GANTRY_TYPE_REFRESHER (gantry_refresher_get_type ())

/* Polls the pod list into a store: every interval, faster while a pod is
 * starting or an action is pending, backing off (doubling up to the maximum,
 * honouring Retry-After) while requests fail, paused while offline, and
 * stopped for good when the key is rejected. One request per refresh.
 *
 * Properties (notify only on change): state, busy (a request is in
 * flight), last-error, last-success, account. Signals: ::refreshed after
 * each success, ::failed (GError *) after each failure. The construct-only
 * property network-monitor (a GNetworkMonitor) lets tests stand in for the
 * network; when unset, the system's monitor is used, except for an endpoint
 * on this machine (the simulator), which is never taken for offline. */
G_DECLARE_FINAL_TYPE (GantryRefresher, gantry_refresher, GANTRY, REFRESHER, GObject)

GantryRefresher     *gantry_refresher_new             (GantryClient    *client,
                                                       GantryPodStore  *store);

GantryClient        *gantry_refresher_get_client      (GantryRefresher *self);
GantryPodStore      *gantry_refresher_get_store       (GantryRefresher *self);

/* Starts polling with a refresh right away (state LOADING when it was
 * stopped or signed out; OFFLINE, without a request, while the network is
 * down). Called again, e.g. after a new key, it cancels what is in flight
 * and starts over. stop() cancels what is in flight; state IDLE. */
void                 gantry_refresher_start           (GantryRefresher *self);
void                 gantry_refresher_stop            (GantryRefresher *self);
/* A refresh now (Ctrl+R): resets the back-off; ignored while one is in
 * flight, while offline, and when not started or signed out. */
void                 gantry_refresher_refresh_now     (GantryRefresher *self);

/* While held (an action in flight), polling uses the fast interval. */
void                 gantry_refresher_hold_fast       (GantryRefresher *self);
void                 gantry_refresher_release_fast    (GantryRefresher *self);

/* Milliseconds; defaults 10000, 3000 and 300000. */
void                 gantry_refresher_set_intervals   (GantryRefresher *self,
                                                       guint            normal_ms,
                                                       guint            fast_ms,
                                                       guint            max_backoff_ms);
/* The delay before the next scheduled refresh, in ms (for tests); 0 when
 * none is scheduled (in flight, offline, stopped, signed out). On failure
 * the delay is twice the previous back-off (twice the normal interval the
 * first time), capped at the maximum; a longer Retry-After wins. */
guint                gantry_refresher_get_next_delay  (GantryRefresher *self);

GantryRefresherState gantry_refresher_get_state       (GantryRefresher *self);
gboolean             gantry_refresher_get_busy        (GantryRefresher *self);
/* The error of the last failed refresh, or NULL after a success. */
const GError        *gantry_refresher_get_last_error  (GantryRefresher *self);
/* Unix time of the last successful refresh, 0 if none. */
gint64               gantry_refresher_get_last_success (GantryRefresher *self);
/* Nullable until the first success. */
GantryAccount       *gantry_refresher_get_account     (GantryRefresher *self);

G_END_DECLS
