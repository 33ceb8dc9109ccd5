/* gantry-fake-monitor.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GANTRY_TYPE_FAKE_MONITOR (gantry_fake_monitor_get_type ())

/* A GNetworkMonitor that a test switches on and off: the network is
 * available until told otherwise. */
G_DECLARE_FINAL_TYPE (GantryFakeMonitor, gantry_fake_monitor,
                      GANTRY, FAKE_MONITOR, GObject)

GNetworkMonitor *gantry_fake_monitor_new           (void);
/* Emits notify::network-available and ::network-changed on a change. */
void             gantry_fake_monitor_set_available (GantryFakeMonitor *self,
                                                    gboolean           up);

G_END_DECLS
