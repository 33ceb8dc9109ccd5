/* gantry-pod.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gantry-pod-private.h"

G_DEFINE_FINAL_TYPE (GantryPod, gantry_pod, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

void
_gantry_pod_port_free (gpointer data)
{
  GantryPodPort *port = data;

  g_free (port->ip);
  g_free (port->type);
  g_free (port);
}

void
_gantry_pod_gpu_free (gpointer data)
{
  GantryPodGpu *gpu = data;

  g_free (gpu->id);
  g_free (gpu);
}

void
_gantry_pod_notify_set (GantryPod *self,
                        PropSet    changed)
{
  for (guint prop = PROP_0 + 1; changed != 0 && prop < N_PROPS; prop++)
    {
      if (changed & PROP_BIT (prop))
        g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
      changed &= ~PROP_BIT (prop);
    }
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

PropSet
_gantry_pod_settle_status (GantryPod *self,
                           gint64     since)
{
  GantryPodStatus status = _gantry_pod_derive_status (self);

  if (status == self->status)
    return 0;

  self->status = status;
  since = since > 0 ? since : now_unix ();
  if (since == self->status_since)
    return PROP_BIT (PROP_STATUS);

  self->status_since = since;
  return PROP_BIT (PROP_STATUS) | PROP_BIT (PROP_STATUS_SINCE);
}

static void
gantry_pod_finalize (GObject *object)
{
  GantryPod *self = GANTRY_POD (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->sort_key);
  g_strfreev (self->env);
  g_clear_pointer (&self->runtime_ports, g_ptr_array_unref);
  g_clear_pointer (&self->runtime_gpus, g_ptr_array_unref);

  G_OBJECT_CLASS (gantry_pod_parent_class)->finalize (object);
}

static void
gantry_pod_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  GantryPod *self = GANTRY_POD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, gantry_pod_get_display_name (self));
      break;
    case PROP_DESIRED_STATUS:
      g_value_set_string (value, self->desired_status);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_STATUS_SINCE:
      g_value_set_int64 (value, self->status_since);
      break;
    case PROP_POD_TYPE:
      g_value_set_string (value, self->pod_type);
      break;
    case PROP_STOP_REQUESTED:
      g_value_set_boolean (value, self->stop_requested);
      break;
    case PROP_GPU_TYPE_ID:
      g_value_set_string (value, self->gpu_type_id);
      break;
    case PROP_GPU_DISPLAY_NAME:
      g_value_set_string (value, self->gpu_display_name);
      break;
    case PROP_GPU_COUNT:
      g_value_set_int (value, self->gpu_count);
      break;
    case PROP_VCPU_COUNT:
      g_value_set_double (value, self->vcpu_count);
      break;
    case PROP_MEMORY_IN_GB:
      g_value_set_double (value, self->memory_in_gb);
      break;
    case PROP_CONTAINER_DISK_IN_GB:
      g_value_set_int (value, self->container_disk_in_gb);
      break;
    case PROP_VOLUME_IN_GB:
      g_value_set_double (value, self->volume_in_gb);
      break;
    case PROP_VOLUME_MOUNT_PATH:
      g_value_set_string (value, self->volume_mount_path);
      break;
    case PROP_IMAGE_NAME:
      g_value_set_string (value, self->image_name);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_COST_PER_HR:
      g_value_set_double (value, self->cost_per_hr);
      break;
    case PROP_LOWEST_BID_PRICE_TO_RESUME:
      g_value_set_double (value, self->lowest_bid_price_to_resume);
      break;
    case PROP_PORTS:
      g_value_set_string (value, self->ports);
      break;
    case PROP_ENV:
      g_value_set_boxed (value, self->env);
      break;
    case PROP_HAS_RUNTIME:
      g_value_set_boolean (value, self->has_runtime);
      break;
    case PROP_UPTIME_SECONDS:
      g_value_set_int64 (value, self->uptime_seconds);
      break;
    case PROP_CPU_PERCENT:
      g_value_set_int (value, self->cpu_percent);
      break;
    case PROP_MEMORY_PERCENT:
      g_value_set_int (value, self->memory_percent);
      break;
    case PROP_RUNTIME_PORTS:
      g_value_set_boxed (value, self->runtime_ports);
      break;
    case PROP_RUNTIME_GPUS:
      g_value_set_boxed (value, self->runtime_gpus);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS \
  (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
install_string (guint       prop,
                const char *name)
{
  properties[prop] = g_param_spec_string (name, NULL, NULL, NULL,
                                          PARAM_FLAGS);
}

static void
install_double (guint       prop,
                const char *name)
{
  properties[prop] = g_param_spec_double (name, NULL, NULL,
                                          -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                          PARAM_FLAGS);
}

static void
install_int (guint       prop,
             const char *name,
             int         minimum,
             int         default_value)
{
  properties[prop] = g_param_spec_int (name, NULL, NULL,
                                       minimum, G_MAXINT, default_value,
                                       PARAM_FLAGS);
}

static void
install_boolean (guint       prop,
                 const char *name)
{
  properties[prop] = g_param_spec_boolean (name, NULL, NULL, FALSE,
                                           PARAM_FLAGS);
}

static void
gantry_pod_class_init (GantryPodClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gantry_pod_finalize;
  object_class->get_property = gantry_pod_get_property;

  install_string (PROP_ID, "id");
  install_string (PROP_NAME, "name");
  install_string (PROP_DISPLAY_NAME, "display-name");
  install_string (PROP_DESIRED_STATUS, "desired-status");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       GANTRY_TYPE_POD_STATUS, GANTRY_POD_STATUS_UNKNOWN,
                       PARAM_FLAGS);
  properties[PROP_STATUS_SINCE] =
    g_param_spec_int64 ("status-since", NULL, NULL,
                        0, G_MAXINT64, 0, PARAM_FLAGS);
  install_string (PROP_POD_TYPE, "pod-type");
  install_boolean (PROP_STOP_REQUESTED, "stop-requested");
  install_string (PROP_GPU_TYPE_ID, "gpu-type-id");
  install_string (PROP_GPU_DISPLAY_NAME, "gpu-display-name");
  install_int (PROP_GPU_COUNT, "gpu-count", 0, 0);
  install_double (PROP_VCPU_COUNT, "vcpu-count");
  install_double (PROP_MEMORY_IN_GB, "memory-in-gb");
  install_int (PROP_CONTAINER_DISK_IN_GB, "container-disk-in-gb", 0, 0);
  install_double (PROP_VOLUME_IN_GB, "volume-in-gb");
  install_string (PROP_VOLUME_MOUNT_PATH, "volume-mount-path");
  install_string (PROP_IMAGE_NAME, "image-name");
  install_string (PROP_LOCATION, "location");
  install_double (PROP_COST_PER_HR, "cost-per-hr");
  install_double (PROP_LOWEST_BID_PRICE_TO_RESUME,
                  "lowest-bid-price-to-resume");
  install_string (PROP_PORTS, "ports");
  properties[PROP_ENV] =
    g_param_spec_boxed ("env", NULL, NULL, G_TYPE_STRV, PARAM_FLAGS);
  install_boolean (PROP_HAS_RUNTIME, "has-runtime");
  properties[PROP_UPTIME_SECONDS] =
    g_param_spec_int64 ("uptime-seconds", NULL, NULL,
                        -1, G_MAXINT64, -1, PARAM_FLAGS);
  install_int (PROP_CPU_PERCENT, "cpu-percent", -1, -1);
  install_int (PROP_MEMORY_PERCENT, "memory-percent", -1, -1);
  properties[PROP_RUNTIME_PORTS] =
    g_param_spec_boxed ("runtime-ports", NULL, NULL,
                        G_TYPE_PTR_ARRAY, PARAM_FLAGS);
  properties[PROP_RUNTIME_GPUS] =
    g_param_spec_boxed ("runtime-gpus", NULL, NULL,
                        G_TYPE_PTR_ARRAY, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gantry_pod_init (GantryPod *self)
{
  self->name = g_strdup ("");
  self->status = GANTRY_POD_STATUS_UNKNOWN;
  self->uptime_seconds = -1;
  self->cpu_percent = -1;
  self->memory_percent = -1;
  self->runtime_ports = g_ptr_array_new_with_free_func (_gantry_pod_port_free);
  self->runtime_gpus = g_ptr_array_new_with_free_func (_gantry_pod_gpu_free);
}

const char *
gantry_pod_get_id (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->id;
}

const char *
gantry_pod_get_name (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->name;
}

const char *
gantry_pod_get_display_name (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->name[0] != '\0' ? self->name : self->id;
}

const char *
gantry_pod_get_sort_key (GantryPod *self)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  if (self->sort_key == NULL)
    {
      folded = g_utf8_casefold (gantry_pod_get_display_name (self), -1);
      self->sort_key = g_utf8_collate_key (folded, -1);
    }

  return self->sort_key;
}

const char *
gantry_pod_get_desired_status (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->desired_status;
}

GantryPodStatus
gantry_pod_get_status (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), GANTRY_POD_STATUS_UNKNOWN);

  return self->status;
}

gint64
gantry_pod_get_status_since (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), 0);

  return self->status_since;
}

void
gantry_pod_set_status_since (GantryPod *self,
                             gint64     unix_time)
{
  g_return_if_fail (GANTRY_IS_POD (self));
  g_return_if_fail (unix_time >= 0);

  if (self->status_since == unix_time)
    return;

  self->status_since = unix_time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_SINCE]);
}

const char *
gantry_pod_get_pod_type (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->pod_type;
}

gboolean
gantry_pod_is_spot (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), FALSE);

  return _gantry_pod_is_spot_type (self->pod_type);
}

gboolean
gantry_pod_get_stop_requested (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), FALSE);

  return self->stop_requested;
}

void
gantry_pod_set_stop_requested (GantryPod *self,
                               gboolean   requested)
{
  PropSet changed;

  g_return_if_fail (GANTRY_IS_POD (self));

  requested = !!requested;
  if (self->stop_requested == requested)
    return;

  self->stop_requested = requested;
  changed = PROP_BIT (PROP_STOP_REQUESTED);
  changed |= _gantry_pod_settle_status (self, 0);
  _gantry_pod_notify_set (self, changed);
}

void
gantry_pod_mark_terminated (GantryPod *self)
{
  PropSet changed;

  g_return_if_fail (GANTRY_IS_POD (self));

  if (g_strcmp0 (self->desired_status, "TERMINATED") == 0)
    return;

  self->desired_status = g_intern_static_string ("TERMINATED");
  changed = PROP_BIT (PROP_DESIRED_STATUS);
  changed |= _gantry_pod_settle_status (self, 0);
  _gantry_pod_notify_set (self, changed);
}

const char *
gantry_pod_get_gpu_type_id (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->gpu_type_id;
}

const char *
gantry_pod_get_gpu_display_name (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->gpu_display_name;
}

int
gantry_pod_get_gpu_count (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), 0);

  return self->gpu_count;
}

double
gantry_pod_get_vcpu_count (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), 0);

  return self->vcpu_count;
}

double
gantry_pod_get_memory_in_gb (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), 0);

  return self->memory_in_gb;
}

int
gantry_pod_get_container_disk_in_gb (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), 0);

  return self->container_disk_in_gb;
}

double
gantry_pod_get_volume_in_gb (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), 0);

  return self->volume_in_gb;
}

const char *
gantry_pod_get_volume_mount_path (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->volume_mount_path;
}

const char *
gantry_pod_get_image_name (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->image_name;
}

const char *
gantry_pod_get_location (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->location;
}

double
gantry_pod_get_cost_per_hr (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), 0);

  return self->cost_per_hr;
}

double
gantry_pod_get_lowest_bid_price_to_resume (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), 0);

  return self->lowest_bid_price_to_resume;
}

const char *
gantry_pod_get_ports (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->ports;
}

const char * const *
gantry_pod_get_env (GantryPod *self)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (GANTRY_IS_POD (self), empty);

  return self->env != NULL ? (const char * const *) self->env : empty;
}

gboolean
gantry_pod_has_runtime (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), FALSE);

  return self->has_runtime;
}

gint64
gantry_pod_get_uptime_seconds (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), -1);

  return self->uptime_seconds;
}

GPtrArray *
gantry_pod_get_runtime_ports (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->runtime_ports;
}

GPtrArray *
gantry_pod_get_runtime_gpus (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  return self->runtime_gpus;
}

int
gantry_pod_get_cpu_percent (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), -1);

  return self->cpu_percent;
}

int
gantry_pod_get_memory_percent (GantryPod *self)
{
  g_return_val_if_fail (GANTRY_IS_POD (self), -1);

  return self->memory_percent;
}
