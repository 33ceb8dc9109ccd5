/* gantry-pod-detail.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "model/gantry-pod.h"

G_BEGIN_DECLS

#define GANTRY_TYPE_POD_DETAIL (gantry_pod_detail_get_type ())

G_DECLARE_FINAL_TYPE (GantryPodDetail, gantry_pod_detail,
                      GANTRY, POD_DETAIL, GtkWidget)

/* The detail pane of the main window. It follows its pod live: a refresh
 * that updates the same GantryPod in place updates the pane in place.
 *
 * Its buttons activate the window actions `win.start-pod`, `win.stop-pod`
 * and `win.terminate-pod` with the pod id ("s") as target, and report
 * copies through `win.toast` ("s"). */
GtkWidget *gantry_pod_detail_new     (void);

GantryPod *gantry_pod_detail_get_pod (GantryPodDetail *self);
void       gantry_pod_detail_set_pod (GantryPodDetail *self,
                                      GantryPod       *pod);

G_END_DECLS
