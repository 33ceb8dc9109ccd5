/* gantry-pod-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-pod.h"

G_BEGIN_DECLS

/* Shared by gantry-pod.c (the object), gantry-pod-json.c (the parser) and
 * gantry-pod-routes.c (connection routes). */
struct _GantryPod
{
  GObject          parent_instance;

  char            *id;                /* never NULL once parsed */
  char            *name;              /* never NULL, may be empty */
  /* The display name's sort key (see gantry_pod_get_sort_key ()): made
   * where the pod is parsed, off the main thread; NULL until needed. */
  char            *sort_key;

  /* Interned (g_intern_string), so that a refresh compares pointers: few
   * distinct values, read for every pod on every refresh. Nullable. */
  const char      *desired_status;
  const char      *pod_type;
  const char      *gpu_type_id;
  const char      *gpu_display_name;
  const char      *volume_mount_path;
  const char      *image_name;
  const char      *location;
  const char      *ports;

  /* Not interned: values may be secrets. Nullable. */
  char           **env;               /* nullable */

  /* Never NULL. Not modified once filled, so that pods may share them. */
  GPtrArray       *runtime_ports;
  GPtrArray       *runtime_gpus;

  double           vcpu_count;
  double           memory_in_gb;
  double           volume_in_gb;
  double           cost_per_hr;
  double           lowest_bid_price_to_resume;
  gint64           uptime_seconds;
  gint64           status_since;
  int              gpu_count;
  int              container_disk_in_gb;
  int              cpu_percent;
  int              memory_percent;
  GantryPodStatus  status;
  gboolean         has_runtime;
  gboolean         stop_requested;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DISPLAY_NAME,
  PROP_DESIRED_STATUS,
  PROP_STATUS,
  PROP_STATUS_SINCE,
  PROP_POD_TYPE,
  PROP_STOP_REQUESTED,
  PROP_GPU_TYPE_ID,
  PROP_GPU_DISPLAY_NAME,
  PROP_GPU_COUNT,
  PROP_VCPU_COUNT,
  PROP_MEMORY_IN_GB,
  PROP_CONTAINER_DISK_IN_GB,
  PROP_VOLUME_IN_GB,
  PROP_VOLUME_MOUNT_PATH,
  PROP_IMAGE_NAME,
  PROP_LOCATION,
  PROP_COST_PER_HR,
  PROP_LOWEST_BID_PRICE_TO_RESUME,
  PROP_PORTS,
  PROP_ENV,
  PROP_HAS_RUNTIME,
  PROP_UPTIME_SECONDS,
  PROP_CPU_PERCENT,
  PROP_MEMORY_PERCENT,
  PROP_RUNTIME_PORTS,
  PROP_RUNTIME_GPUS,
  N_PROPS
};

/* A set of properties, to notify once every field has its new value. */
typedef guint64 PropSet;
#define PROP_BIT(prop) (G_GUINT64_CONSTANT (1) << (prop))
G_STATIC_ASSERT (N_PROPS <= 64);

gboolean        _gantry_pod_is_spot_type  (const char *pod_type);
GantryPodStatus _gantry_pod_derive_status (GantryPod  *self);
/* Re-derives the status after a change of its inputs. @since is when the
 * new status began, if known (0: it began now). */
PropSet         _gantry_pod_settle_status (GantryPod *self,
                                           gint64     since);
void            _gantry_pod_notify_set    (GantryPod *self,
                                           PropSet    changed);
void            _gantry_pod_port_free     (gpointer   port);
void            _gantry_pod_gpu_free      (gpointer   gpu);

G_END_DECLS
