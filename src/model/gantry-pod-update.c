/* gantry-pod-update.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* gantry_pod_update_from () runs for every pod on every refresh, so it
 * compares before it copies: an unchanged pod costs no allocation and no
 * signal. */

#include "gantry-pod-private.h"

/* Each copy_ compares first and returns the bit of @prop when the value
 * changed. */

static PropSet
copy_interned (const char **field,
               const char  *value,
               guint        prop)
{
  if (*field == value)
    return 0;

  *field = value;
  return PROP_BIT (prop);
}

static PropSet
copy_double (double *field,
             double  value,
             guint   prop)
{
  if (*field == value)
    return 0;

  *field = value;
  return PROP_BIT (prop);
}

static PropSet
copy_int (int  *field,
          int   value,
          guint prop)
{
  if (*field == value)
    return 0;

  *field = value;
  return PROP_BIT (prop);
}

static gboolean
strv_equal (char **a,
            char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

static gboolean
ports_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a == b)
    return TRUE;
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const GantryPodPort *pa = g_ptr_array_index (a, i);
      const GantryPodPort *pb = g_ptr_array_index (b, i);

      if (pa->private_port != pb->private_port
          || pa->public_port != pb->public_port
          || pa->is_ip_public != pb->is_ip_public
          || g_strcmp0 (pa->ip, pb->ip) != 0
          || g_strcmp0 (pa->type, pb->type) != 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
gpus_equal (GPtrArray *a,
            GPtrArray *b)
{
  if (a == b)
    return TRUE;
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const GantryPodGpu *ga = g_ptr_array_index (a, i);
      const GantryPodGpu *gb = g_ptr_array_index (b, i);

      if (ga->gpu_util_percent != gb->gpu_util_percent
          || ga->memory_util_percent != gb->memory_util_percent
          || g_strcmp0 (ga->id, gb->id) != 0)
        return FALSE;
    }

  return TRUE;
}

static PropSet
update_name (GantryPod *self,
             GantryPod *other)
{
  g_autofree char *old_name = NULL;
  gboolean old_shows_id;
  gboolean new_shows_id;

  if (g_strcmp0 (self->name, other->name) == 0)
    return 0;

  old_name = g_steal_pointer (&self->name);
  self->name = g_strdup (other->name != NULL ? other->name : "");
  old_shows_id = old_name[0] == '\0';
  new_shows_id = self->name[0] == '\0';

  if (g_strcmp0 (old_shows_id ? self->id : old_name,
                 new_shows_id ? self->id : self->name) == 0)
    return PROP_BIT (PROP_NAME);

  /* @other made its key where it was parsed; NULL makes one on demand. */
  g_free (self->sort_key);
  self->sort_key = g_strdup (other->sort_key);

  return PROP_BIT (PROP_NAME) | PROP_BIT (PROP_DISPLAY_NAME);
}

static PropSet
update_identity (GantryPod *self,
                 GantryPod *other)
{
  PropSet changed = update_name (self, other);

  changed |= copy_interned (&self->desired_status, other->desired_status,
                            PROP_DESIRED_STATUS);
  changed |= copy_interned (&self->pod_type, other->pod_type, PROP_POD_TYPE);
  changed |= copy_interned (&self->image_name, other->image_name,
                            PROP_IMAGE_NAME);
  changed |= copy_interned (&self->location, other->location,
                            PROP_LOCATION);
  changed |= copy_interned (&self->ports, other->ports, PROP_PORTS);
  changed |= copy_double (&self->cost_per_hr, other->cost_per_hr,
                          PROP_COST_PER_HR);
  changed |= copy_double (&self->lowest_bid_price_to_resume,
                          other->lowest_bid_price_to_resume,
                          PROP_LOWEST_BID_PRICE_TO_RESUME);

  if (!strv_equal (self->env, other->env))
    {
      g_strfreev (self->env);
      self->env = g_strdupv (other->env);
      changed |= PROP_BIT (PROP_ENV);
    }

  return changed;
}

static PropSet
update_resources (GantryPod *self,
                  GantryPod *other)
{
  PropSet changed = 0;

  changed |= copy_interned (&self->gpu_type_id, other->gpu_type_id,
                            PROP_GPU_TYPE_ID);
  changed |= copy_interned (&self->gpu_display_name,
                            other->gpu_display_name, PROP_GPU_DISPLAY_NAME);
  changed |= copy_interned (&self->volume_mount_path,
                            other->volume_mount_path, PROP_VOLUME_MOUNT_PATH);
  changed |= copy_int (&self->gpu_count, other->gpu_count, PROP_GPU_COUNT);
  changed |= copy_double (&self->vcpu_count, other->vcpu_count,
                          PROP_VCPU_COUNT);
  changed |= copy_double (&self->memory_in_gb, other->memory_in_gb,
                          PROP_MEMORY_IN_GB);
  changed |= copy_int (&self->container_disk_in_gb,
                       other->container_disk_in_gb,
                       PROP_CONTAINER_DISK_IN_GB);
  changed |= copy_double (&self->volume_in_gb, other->volume_in_gb,
                          PROP_VOLUME_IN_GB);

  return changed;
}

static PropSet
update_runtime (GantryPod *self,
                GantryPod *other)
{
  PropSet changed = 0;

  if (self->has_runtime != other->has_runtime)
    {
      self->has_runtime = other->has_runtime;
      changed |= PROP_BIT (PROP_HAS_RUNTIME);
    }
  if (self->uptime_seconds != other->uptime_seconds)
    {
      self->uptime_seconds = other->uptime_seconds;
      changed |= PROP_BIT (PROP_UPTIME_SECONDS);
    }
  changed |= copy_int (&self->cpu_percent, other->cpu_percent,
                       PROP_CPU_PERCENT);
  changed |= copy_int (&self->memory_percent, other->memory_percent,
                       PROP_MEMORY_PERCENT);

  /* The arrays are never modified once parsed: share them. */
  if (!ports_equal (self->runtime_ports, other->runtime_ports))
    {
      g_ptr_array_unref (self->runtime_ports);
      self->runtime_ports = g_ptr_array_ref (other->runtime_ports);
      changed |= PROP_BIT (PROP_RUNTIME_PORTS);
    }
  if (!gpus_equal (self->runtime_gpus, other->runtime_gpus))
    {
      g_ptr_array_unref (self->runtime_gpus);
      self->runtime_gpus = g_ptr_array_ref (other->runtime_gpus);
      changed |= PROP_BIT (PROP_RUNTIME_GPUS);
    }

  return changed;
}

/* A stop from here is over once the pod runs again: a later exit of a
 * spot pod is an interruption. */
static PropSet
end_stop_request (GantryPod  *self,
                  const char *old_desired)
{
  if (!self->stop_requested
      || g_strcmp0 (old_desired, "EXITED") != 0
      || g_strcmp0 (self->desired_status, "RUNNING") != 0)
    return 0;

  self->stop_requested = FALSE;
  return PROP_BIT (PROP_STOP_REQUESTED);
}

/* Still running, but the container came up again: running since then. */
static PropSet
note_restart (GantryPod *self,
              GantryPod *other,
              gint64     old_uptime)
{
  if (self->status != GANTRY_POD_STATUS_RUNNING
      || self->uptime_seconds >= old_uptime
      || other->status_since <= 0
      || self->status_since == other->status_since)
    return 0;

  self->status_since = other->status_since;
  return PROP_BIT (PROP_STATUS_SINCE);
}

guint64
gantry_pod_update_from_mask (GantryPod *self,
                             GantryPod *other)
{
  const char *old_desired;
  gint64 old_uptime;
  PropSet changed;

  g_return_val_if_fail (GANTRY_IS_POD (self), 0);
  g_return_val_if_fail (GANTRY_IS_POD (other), 0);

  if (self == other)
    return 0;

  old_desired = self->desired_status;
  old_uptime = self->uptime_seconds;
  changed = update_identity (self, other);
  changed |= update_resources (self, other);
  changed |= update_runtime (self, other);
  if (changed == 0)
    return 0;

  changed |= end_stop_request (self, old_desired);
  /* other's status-since comes from its uptime when it is running. */
  changed |= _gantry_pod_settle_status (self, other->status_since);
  if ((changed & PROP_BIT (PROP_STATUS)) == 0)
    changed |= note_restart (self, other, old_uptime);

  _gantry_pod_notify_set (self, changed);

  return changed;
}

gboolean
gantry_pod_update_from (GantryPod *self,
                        GantryPod *other)
{
  return gantry_pod_update_from_mask (self, other) != 0;
}
