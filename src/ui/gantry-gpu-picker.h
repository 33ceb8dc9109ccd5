/* gantry-gpu-picker.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "api/gantry-client.h"

G_BEGIN_DECLS

#define GANTRY_TYPE_GPU_PICKER (gantry_gpu_picker_get_type ())

G_DECLARE_FINAL_TYPE (GantryGpuPicker, gantry_gpu_picker,
                      GANTRY, GPU_PICKER, GtkWidget)

/* The GPU step of Create Pod: a sortable table of GPU types with price and
 * stock for the chosen GPU count, cloud and CUDA versions, and the filters
 * that narrow it. Properties: "client" (construct-only), "gpu-count",
 * "cloud" (a GantryCloud, as an int), "cuda-versions" (NULL: any),
 * "selected" (read-only, nullable, never out of stock) and "loading". */
GtkWidget     *gantry_gpu_picker_new           (GantryClient       *client);

GantryClient  *gantry_gpu_picker_get_client    (GantryGpuPicker    *self);

int            gantry_gpu_picker_get_gpu_count (GantryGpuPicker    *self);
void           gantry_gpu_picker_set_gpu_count (GantryGpuPicker    *self,
                                                int                 gpu_count);

GantryCloud    gantry_gpu_picker_get_cloud     (GantryGpuPicker    *self);
void           gantry_gpu_picker_set_cloud     (GantryGpuPicker    *self,
                                                GantryCloud         cloud);

/* Sorted oldest first; NULL when any version will do. */
const char * const *
               gantry_gpu_picker_get_cuda_versions
                                               (GantryGpuPicker    *self);
void           gantry_gpu_picker_set_cuda_versions
                                               (GantryGpuPicker    *self,
                                                const char * const *versions);

/* The chosen type, or NULL. It is replaced by a fresh object (with the
 * new price and stock) when the filters re-query, and cleared while the
 * type is out of stock or filtered out of view; it comes back when the
 * type does. */
GantryGpuType *gantry_gpu_picker_get_selected  (GantryGpuPicker    *self);

/* Whether any type shown comes with the GPU count they were asked for
 * (TRUE while nothing is shown); when none does, every type is out of
 * stock for it, and the count is what to change. */
gboolean       gantry_gpu_picker_offers_gpu_count
                                               (GantryGpuPicker    *self);

/* Chooses the type with @type_id if it is shown and in stock; returns
 * whether it did. */
gboolean       gantry_gpu_picker_select        (GantryGpuPicker    *self,
                                                const char         *type_id);

/* TRUE from a change of the cloud, GPU count or CUDA versions until the
 * answer is shown (a request queued or in flight). */
gboolean       gantry_gpu_picker_get_loading   (GantryGpuPicker    *self);

/* Asks the server again, bypassing (and clearing) the cache. */
void           gantry_gpu_picker_reload        (GantryGpuPicker    *self);

G_END_DECLS
