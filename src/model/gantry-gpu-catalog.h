/* gantry-gpu-catalog.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "api/gantry-client.h"

G_BEGIN_DECLS

/* How long a catalogue answer stays good: stock moves, but not by the
 * second, and the Create dialog is opened and closed often. */
#define GANTRY_GPU_CATALOG_MAX_AGE (5 * G_TIME_SPAN_MINUTE)

#define GANTRY_TYPE_GPU_CATALOG (gantry_gpu_catalog_get_type ())

G_DECLARE_FINAL_TYPE (GantryGpuCatalog, gantry_gpu_catalog,
                      GANTRY, GPU_CATALOG, GObject)

/* The catalogue cache of @client, made on first use and shared by all
 * that ask for it; it lives as long as @client. Transfer none. */
GantryGpuCatalog *gantry_gpu_catalog_get_for_client (GantryClient *client);

/* Answers kept per (GPU count, cloud, CUDA set) for @max_age; 0 turns the
 * cache off. */
void        gantry_gpu_catalog_set_max_age (GantryGpuCatalog    *self,
                                            GTimeSpan            max_age);

/* The cached answer for these filters if it is fresh enough, else NULL.
 * Element type GantryGpuType; a new array the caller owns. */
GPtrArray  *gantry_gpu_catalog_lookup      (GantryGpuCatalog    *self,
                                            int                  gpu_count,
                                            GantryCloud          cloud,
                                            const char * const  *cuda_versions);

/* The GPU types for these filters: from the cache when fresh, else from
 * the server (and then cached). @reload forgets every cached answer
 * first. */
void        gantry_gpu_catalog_list_async  (GantryGpuCatalog    *self,
                                            int                  gpu_count,
                                            GantryCloud          cloud,
                                            const char * const  *cuda_versions,
                                            gboolean             reload,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GPtrArray  *gantry_gpu_catalog_list_finish (GantryGpuCatalog    *self,
                                            GAsyncResult        *result,
                                            GError             **error);

void        gantry_gpu_catalog_clear       (GantryGpuCatalog    *self);

/* CUDA versions compare as versions, part by part: "12.10" is newer than
 * "12.9", "12" equals "12.0". A part that is not a number compares as
 * text after the numbers; NULL sorts first. */
int         gantry_cuda_version_compare    (const char          *a,
                                            const char          *b);

/* @versions sorted oldest first, without duplicates or empty strings;
 * NULL when there is none left (any version). */
GStrv       gantry_cuda_versions_normalize (const char * const  *versions);

G_END_DECLS
