/* gantry-pod-store.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "gantry-pod.h"

G_BEGIN_DECLS

#define GANTRY_TYPE_POD_STORE (gantry_pod_store_get_type ())

/* A GListModel of GantryPod, refreshed by id: a refresh updates the pods
 * it already holds in place (same objects, notify only), appends new ones
 * and removes gone ones, emitting the smallest items-changed ranges.
 *
 * Signals:
 * - ::pods-changed (guint n_changed) at the end of every update,
 *   update_one and remove: the number of pods added, removed or whose data
 *   changed (0 when the data was the same).
 * - ::pod-removed (GantryPod *pod) for each pod that left the list, after
 *   its items-changed; the pod has been marked terminated.
 * Property "loaded": TRUE once the first update has been applied. */
G_DECLARE_FINAL_TYPE (GantryPodStore, gantry_pod_store, GANTRY, POD_STORE, GObject)

GantryPodStore *gantry_pod_store_new          (void);

/* @pods: element type GantryPod, freshly parsed. Pods in the store whose
 * data changed are updated from them; the order is that of the first
 * load, with new pods appended. Removals are emitted from the end of the
 * list backwards, one items-changed per run of adjacent pods; then the new
 * pods in one items-changed. Emits ::pods-changed once at the end. */
void            gantry_pod_store_update       (GantryPodStore *self,
                                               GPtrArray      *pods);

/* For a list read that may overlap single-pod updates: take a stamp when
 * the request goes out, and apply its answer with update_read_at. Pods
 * updated one by one after the stamp (a mutation's answer, a created pod)
 * are newer than that list: it neither overwrites nor removes them. */
guint           gantry_pod_store_begin_read   (GantryPodStore *self);
void            gantry_pod_store_update_read_at (GantryPodStore *self,
                                                 GPtrArray      *pods,
                                                 guint           read_stamp);

/* Replaces or inserts one pod (after a mutation or a single re-read). */
void            gantry_pod_store_update_one   (GantryPodStore *self,
                                               GantryPod      *pod);
/* Removes a pod that was terminated; returns FALSE if it was not there. */
gboolean        gantry_pod_store_remove       (GantryPodStore *self,
                                               const char     *id);

/* Borrowed, or NULL. */
GantryPod      *gantry_pod_store_lookup       (GantryPodStore *self,
                                               const char     *id);
gboolean        gantry_pod_store_find         (GantryPodStore *self,
                                               const char     *id,
                                               guint          *position);
/* TRUE once the first refresh has been applied. */
gboolean        gantry_pod_store_get_loaded   (GantryPodStore *self);

/* Whether the last update, update_one or remove changed @property (the
 * name of a GantryPod property) on a pod the store already held. Pods
 * that came or went are told by items-changed. A view re-sorts or
 * re-filters only when what it reads has changed: on most refreshes only
 * uptimes and usage do. */
gboolean        gantry_pod_store_property_changed (GantryPodStore *self,
                                                   const char     *property);

G_END_DECLS
