/* gantry-refresher-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-refresher.h"

G_BEGIN_DECLS

struct _GantryRefresher
{
  GObject               parent_instance;

  GantryClient         *client;
  GantryPodStore       *store;
  GNetworkMonitor      *monitor;
  gulong                network_changed_id;
  gboolean              local_endpoint; /* reachable without a network */
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

/* gantry-refresher.c: what is seen from outside, notified on change. */
void _gantry_refresher_set_state        (GantryRefresher      *self,
                                         GantryRefresherState  state);
void _gantry_refresher_set_last_error   (GantryRefresher      *self,
                                         const GError         *error);
void _gantry_refresher_set_account      (GantryRefresher      *self,
                                         GantryAccount        *account);
void _gantry_refresher_set_last_success (GantryRefresher      *self,
                                         gint64                unix_time);
void _gantry_refresher_notify_busy      (GantryRefresher      *self);
void _gantry_refresher_emit_refreshed   (GantryRefresher      *self);
void _gantry_refresher_emit_failed      (GantryRefresher      *self,
                                         const GError         *error);

/* gantry-refresher-poll.c: requests, timers and the network. */
void _gantry_refresher_network_changed  (GNetworkMonitor      *monitor,
                                         gboolean              available,
                                         gpointer              user_data);

G_END_DECLS
