/* gantry-pod-row.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "model/gantry-pod.h"

G_BEGIN_DECLS

#define GANTRY_TYPE_POD_ROW (gantry_pod_row_get_type ())

/* One row of the pod list: status dot and word, name, GPU, price and
 * uptime, following the pod's notify signals while it is set. */
G_DECLARE_FINAL_TYPE (GantryPodRow, gantry_pod_row, GANTRY, POD_ROW, GtkWidget)

GtkWidget *gantry_pod_row_new     (void);

GantryPod *gantry_pod_row_get_pod (GantryPodRow *self);
void       gantry_pod_row_set_pod (GantryPodRow *self,
                                   GantryPod    *pod);

/* The CSS class for @status: "running", "starting", "stopped" or "error"
 * (also used by the detail pane for the same colours). */
const char *gantry_pod_row_status_class (GantryPodStatus status);

G_END_DECLS
