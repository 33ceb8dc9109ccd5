/* gantry-gpu-type.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  GANTRY_STOCK_NONE,     /* out of stock, or unknown: not selectable */
  GANTRY_STOCK_LOW,
  GANTRY_STOCK_MEDIUM,
  GANTRY_STOCK_HIGH,
} GantryStock;

GType        gantry_stock_get_type    (void) G_GNUC_CONST;
#define GANTRY_TYPE_STOCK (gantry_stock_get_type ())

/* Parses "High", "Medium", "Low"; anything else ("None", "Out", "", NULL)
 * is GANTRY_STOCK_NONE. */
GantryStock  gantry_stock_from_string (const char *text);
/* The translated word for a person: "High", ..., "Out of stock". */
const char  *gantry_stock_to_string   (GantryStock stock);

#define GANTRY_TYPE_GPU_TYPE (gantry_gpu_type_get_type ())

G_DECLARE_FINAL_TYPE (GantryGpuType, gantry_gpu_type, GANTRY, GPU_TYPE, GObject)

/* Parses one element of `gpuTypes`, with its `lowestPrice` if selected.
 * Returns NULL with @error set when there is no usable id. */
GantryGpuType *gantry_gpu_type_new_from_json  (JsonObject     *object,
                                               GError        **error);

/* The placeholder entry RunPod lists with id "unknown" (property
 * "placeholder"). */
gboolean    gantry_gpu_type_is_placeholder    (GantryGpuType  *self);

const char *gantry_gpu_type_get_id            (GantryGpuType  *self);
const char *gantry_gpu_type_get_display_name  (GantryGpuType  *self);
const char *gantry_gpu_type_get_manufacturer  (GantryGpuType  *self);
int         gantry_gpu_type_get_memory_in_gb  (GantryGpuType  *self);
gboolean    gantry_gpu_type_get_secure_cloud  (GantryGpuType  *self);
gboolean    gantry_gpu_type_get_community_cloud (GantryGpuType *self);
int         gantry_gpu_type_get_max_gpu_count (GantryGpuType  *self);

/* From lowestPrice, for the GPU count and cloud that were asked for.
 * Prices are per GPU-hour in dollars; a negative value means unknown
 * (null, missing, or zero: never shown as free). */
double      gantry_gpu_type_get_on_demand_price (GantryGpuType *self);
double      gantry_gpu_type_get_minimum_bid_price (GantryGpuType *self);
GantryStock gantry_gpu_type_get_stock         (GantryGpuType  *self);
/* Element type int; never NULL. */
GArray     *gantry_gpu_type_get_available_gpu_counts (GantryGpuType *self);

G_END_DECLS
