/* gantry-pod-spec.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pod to create: its fields and its price. The checks are in
 * gantry-pod-spec-check.c, the wire format in gantry-pod-spec-input.c. */

#include "config.h"

#include <math.h>

#include "gantry-pod-spec.h"

#define DEFAULT_CONTAINER_DISK 20

typedef struct
{
  int                number;
  GantryPortProtocol protocol;
} Port;

typedef struct
{
  char *key;
  char *value;
} EnvVar;

struct _GantryPodSpec
{
  GObject        parent_instance;

  char          *name;           /* owned, nullable */
  char          *image_name;     /* owned, nullable */
  char          *gpu_type_id;    /* owned, nullable */
  GantryGpuType *gpu_type;       /* owned, nullable */
  int            gpu_count;
  GantryCloud    cloud;
  GStrv          cuda_versions;  /* owned, never NULL */
  int            container_disk_gb;
  int            volume_gb;
  char          *mount_path;     /* owned, nullable */
  GArray        *ports;          /* of Port */
  GArray        *env;            /* of EnvVar */
  int            min_vcpu_count;
  int            min_memory_gb;
  gboolean       spot;
  double         bid_per_gpu;
};

G_DEFINE_FINAL_TYPE (GantryPodSpec, gantry_pod_spec, G_TYPE_OBJECT)

static void
clear_env_var (gpointer data)
{
  EnvVar *var = data;

  g_free (var->key);
  g_free (var->value);
}

static void
gantry_pod_spec_finalize (GObject *object)
{
  GantryPodSpec *self = (GantryPodSpec *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->image_name, g_free);
  g_clear_pointer (&self->gpu_type_id, g_free);
  g_clear_object (&self->gpu_type);
  g_clear_pointer (&self->cuda_versions, g_strfreev);
  g_clear_pointer (&self->mount_path, g_free);
  g_clear_pointer (&self->ports, g_array_unref);
  g_clear_pointer (&self->env, g_array_unref);

  G_OBJECT_CLASS (gantry_pod_spec_parent_class)->finalize (object);
}

static void
gantry_pod_spec_class_init (GantryPodSpecClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gantry_pod_spec_finalize;
}

static void
gantry_pod_spec_init (GantryPodSpec *self)
{
  self->gpu_count = 1;
  self->cloud = GANTRY_CLOUD_ALL;
  self->cuda_versions = g_new0 (char *, 1);
  self->container_disk_gb = DEFAULT_CONTAINER_DISK;
  self->ports = g_array_new (FALSE, FALSE, sizeof (Port));
  self->env = g_array_new (FALSE, FALSE, sizeof (EnvVar));
  g_array_set_clear_func (self->env, clear_env_var);
}

GantryPodSpec *
gantry_pod_spec_new (void)
{
  return g_object_new (GANTRY_TYPE_POD_SPEC, NULL);
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

/* Accessors */

const char *
gantry_pod_spec_get_name (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  return self->name;
}

void
gantry_pod_spec_set_name (GantryPodSpec *self,
                          const char    *name)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  replace_string (&self->name, name);
}

const char *
gantry_pod_spec_get_image_name (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  return self->image_name;
}

void
gantry_pod_spec_set_image_name (GantryPodSpec *self,
                                const char    *image)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  replace_string (&self->image_name, image);
}

GantryGpuType *
gantry_pod_spec_get_gpu_type (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  return self->gpu_type;
}

void
gantry_pod_spec_set_gpu_type (GantryPodSpec *self,
                              GantryGpuType *type)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));
  g_return_if_fail (type == NULL || GANTRY_IS_GPU_TYPE (type));

  g_set_object (&self->gpu_type, type);
  replace_string (&self->gpu_type_id,
                  type != NULL ? gantry_gpu_type_get_id (type) : NULL);
}

const char *
gantry_pod_spec_get_gpu_type_id (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  return self->gpu_type_id;
}

void
gantry_pod_spec_set_gpu_type_id (GantryPodSpec *self,
                                 const char    *id)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  if (self->gpu_type != NULL &&
      g_strcmp0 (gantry_gpu_type_get_id (self->gpu_type), id) != 0)
    g_clear_object (&self->gpu_type);
  replace_string (&self->gpu_type_id, id);
}

int
gantry_pod_spec_get_gpu_count (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), 0);

  return self->gpu_count;
}

void
gantry_pod_spec_set_gpu_count (GantryPodSpec *self,
                               int            count)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  self->gpu_count = count;
}

GantryCloud
gantry_pod_spec_get_cloud (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), GANTRY_CLOUD_ALL);

  return self->cloud;
}

void
gantry_pod_spec_set_cloud (GantryPodSpec *self,
                           GantryCloud    cloud)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));
  g_return_if_fail (cloud <= GANTRY_CLOUD_COMMUNITY);

  self->cloud = cloud;
}

const char * const *
gantry_pod_spec_get_cuda_versions (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  return (const char * const *) self->cuda_versions;
}

void
gantry_pod_spec_set_cuda_versions (GantryPodSpec      *self,
                                   const char * const *versions)
{
  GStrv copy;

  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  copy = versions != NULL ? g_strdupv ((char **) versions)
                          : g_new0 (char *, 1);
  g_strfreev (self->cuda_versions);
  self->cuda_versions = copy;
}

int
gantry_pod_spec_get_container_disk_gb (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), 0);

  return self->container_disk_gb;
}

void
gantry_pod_spec_set_container_disk_gb (GantryPodSpec *self,
                                       int            gb)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  self->container_disk_gb = gb;
}

int
gantry_pod_spec_get_volume_gb (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), 0);

  return self->volume_gb;
}

void
gantry_pod_spec_set_volume_gb (GantryPodSpec *self,
                               int            gb)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  self->volume_gb = gb;
}

const char *
gantry_pod_spec_get_volume_mount_path (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  return self->mount_path;
}

void
gantry_pod_spec_set_volume_mount_path (GantryPodSpec *self,
                                       const char    *path)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  replace_string (&self->mount_path, path);
}

int
gantry_pod_spec_get_min_vcpu_count (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), 0);

  return self->min_vcpu_count;
}

void
gantry_pod_spec_set_min_vcpu_count (GantryPodSpec *self,
                                    int            count)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  self->min_vcpu_count = count;
}

int
gantry_pod_spec_get_min_memory_gb (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), 0);

  return self->min_memory_gb;
}

void
gantry_pod_spec_set_min_memory_gb (GantryPodSpec *self,
                                   int            gb)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  self->min_memory_gb = gb;
}

gboolean
gantry_pod_spec_get_spot (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), FALSE);

  return self->spot;
}

void
gantry_pod_spec_set_spot (GantryPodSpec *self,
                          gboolean       spot)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  self->spot = !!spot;
}

double
gantry_pod_spec_get_bid_per_gpu (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), 0);

  return self->bid_per_gpu;
}

void
gantry_pod_spec_set_bid_per_gpu (GantryPodSpec *self,
                                 double         bid)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  /* A spin button hands back 0.35000000000000003; a bid out of range is
   * refused by the check, not mangled here. */
  if (isfinite (bid) && ABS (bid) < G_MAXINT32)
    self->bid_per_gpu = (gint64) (bid * 1000 + (bid < 0 ? -0.5 : 0.5))
                        / 1000.0;
  else
    self->bid_per_gpu = 0;
}

double
gantry_pod_spec_get_minimum_bid (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), -1);

  if (self->gpu_type == NULL)
    return -1;

  return gantry_gpu_type_get_minimum_bid_price (self->gpu_type);
}

double
gantry_pod_spec_get_price_per_hour (GantryPodSpec *self)
{
  double per_gpu;

  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), -1);

  if (self->spot)
    per_gpu = self->bid_per_gpu;
  else if (self->gpu_type != NULL)
    per_gpu = gantry_gpu_type_get_on_demand_price (self->gpu_type);
  else
    per_gpu = -1;

  if (per_gpu <= 0 || self->gpu_count <= 0)
    return -1;

  return per_gpu * self->gpu_count;
}

/* Ports */

guint
gantry_pod_spec_get_n_ports (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), 0);

  return self->ports->len;
}

void
gantry_pod_spec_get_port (GantryPodSpec      *self,
                          guint               index,
                          int                *number,
                          GantryPortProtocol *protocol)
{
  Port *port;

  g_return_if_fail (GANTRY_IS_POD_SPEC (self));
  g_return_if_fail (index < self->ports->len);

  port = &g_array_index (self->ports, Port, index);
  if (number != NULL)
    *number = port->number;
  if (protocol != NULL)
    *protocol = port->protocol;
}

void
gantry_pod_spec_add_port (GantryPodSpec      *self,
                          int                 number,
                          GantryPortProtocol  protocol)
{
  Port port = { number, protocol };

  g_return_if_fail (GANTRY_IS_POD_SPEC (self));
  g_return_if_fail (protocol <= GANTRY_PORT_TCP);

  g_array_append_val (self->ports, port);
}

void
gantry_pod_spec_clear_ports (GantryPodSpec *self)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  g_array_set_size (self->ports, 0);
}

/* Environment */

guint
gantry_pod_spec_get_n_env (GantryPodSpec *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), 0);

  return self->env->len;
}

void
gantry_pod_spec_get_env (GantryPodSpec  *self,
                         guint           index,
                         const char    **key,
                         const char    **value)
{
  EnvVar *var;

  g_return_if_fail (GANTRY_IS_POD_SPEC (self));
  g_return_if_fail (index < self->env->len);

  var = &g_array_index (self->env, EnvVar, index);
  if (key != NULL)
    *key = var->key;
  if (value != NULL)
    *value = var->value;
}

void
gantry_pod_spec_add_env (GantryPodSpec *self,
                         const char    *key,
                         const char    *value)
{
  EnvVar var;

  g_return_if_fail (GANTRY_IS_POD_SPEC (self));
  g_return_if_fail (key != NULL);

  var.key = g_strdup (key);
  var.value = g_strdup (value != NULL ? value : "");
  g_array_append_val (self->env, var);
}

void
gantry_pod_spec_clear_env (GantryPodSpec *self)
{
  g_return_if_fail (GANTRY_IS_POD_SPEC (self));

  g_array_set_size (self->env, 0);
}
