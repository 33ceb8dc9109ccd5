/* gantry-pod-json.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Reads one Pod as the API sends it (runpod-api.md §3): every field but
 * `id` may be missing or null, and numbers may come as strings. */

#include "config.h"

#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "gantry-json-text.h"
#include "gantry-pod-private.h"

static int
get_int_in_range (GantryJsonTextObject *object,
                  const char *member,
                  int         minimum,
                  int         fallback)
{
  gint64 value = gantry_json_text_get_int (object, member, fallback);

  if (value < minimum || value > G_MAXINT)
    return fallback;

  return (int) value;
}

static char **
read_env (GantryJsonTextArray *array)
{
  guint length = gantry_json_text_array_get_length (array);
  char **env;
  guint n = 0;

  if (array == NULL)
    return NULL;

  env = g_new (char *, length + 1);
  for (guint i = 0; i < length; i++)
    {
      const char *entry = gantry_json_text_array_get_string (array, i);

      if (entry != NULL)
        env[n++] = g_strdup (entry);
    }
  env[n] = NULL;

  return env;
}

/* g_intern_string () of a string member: see gantry-pod-private.h. */
static const char *
get_interned (GantryJsonTextObject *object,
              const char *member)
{
  return g_intern_string (gantry_json_text_get_string (object, member));
}

static void
read_pod (GantryPod  *self,
          GantryJsonTextObject *object)
{
  const char *name = gantry_json_text_get_string (object, "name");

  g_free (self->name);
  self->name = g_strdup (name != NULL ? name : "");
  self->desired_status = get_interned (object, "desiredStatus");
  self->pod_type = get_interned (object, "podType");
  self->image_name = get_interned (object, "imageName");
  self->ports = get_interned (object, "ports");
  self->volume_mount_path = get_interned (object, "volumeMountPath");
  self->env = read_env (gantry_json_text_get_array (object, "env"));

  self->cost_per_hr = gantry_json_text_get_double (object, "costPerHr", 0);
  self->lowest_bid_price_to_resume =
    gantry_json_text_get_double (object, "lowestBidPriceToResume", 0);
  self->gpu_count = get_int_in_range (object, "gpuCount", 0, 0);
  self->vcpu_count = gantry_json_text_get_double (object, "vcpuCount", 0);
  self->memory_in_gb = gantry_json_text_get_double (object, "memoryInGb", 0);
  self->container_disk_in_gb =
    get_int_in_range (object, "containerDiskInGb", 0, 0);
  self->volume_in_gb = gantry_json_text_get_double (object, "volumeInGb", 0);
}

static void
read_machine (GantryPod  *self,
              GantryJsonTextObject *machine)
{
  const char *display_name;

  self->gpu_type_id = get_interned (machine, "gpuTypeId");
  self->location = get_interned (machine, "location");

  display_name = gantry_json_text_get_string (machine, "gpuDisplayName");
  if (display_name == NULL || display_name[0] == '\0')
    display_name = self->gpu_type_id;
  self->gpu_display_name = g_intern_string (display_name);
}

static void
read_runtime_ports (GantryPod *self,
                    GantryJsonTextArray *array)
{
  guint length = gantry_json_text_array_get_length (array);

  for (guint i = 0; i < length; i++)
    {
      GantryJsonTextObject *object =
        gantry_json_text_array_get_object (array, i);
      GantryPodPort *port;

      if (object == NULL)
        continue;

      port = g_new0 (GantryPodPort, 1);
      port->ip = g_strdup (gantry_json_text_get_string (object, "ip"));
      port->is_ip_public = gantry_json_text_get_boolean (object, "isIpPublic",
                                                    FALSE);
      port->private_port = get_int_in_range (object, "privatePort", 0, -1);
      port->public_port = get_int_in_range (object, "publicPort", 0, -1);
      port->type = g_strdup (gantry_json_text_get_string (object, "type"));
      g_ptr_array_add (self->runtime_ports, port);
    }
}

static void
read_runtime_gpus (GantryPod *self,
                   GantryJsonTextArray *array)
{
  guint length = gantry_json_text_array_get_length (array);

  for (guint i = 0; i < length; i++)
    {
      GantryJsonTextObject *object =
        gantry_json_text_array_get_object (array, i);
      GantryPodGpu *gpu;

      if (object == NULL)
        continue;

      gpu = g_new0 (GantryPodGpu, 1);
      gpu->id = g_strdup (gantry_json_text_get_string (object, "id"));
      gpu->gpu_util_percent =
        get_int_in_range (object, "gpuUtilPercent", 0, -1);
      gpu->memory_util_percent =
        get_int_in_range (object, "memoryUtilPercent", 0, -1);
      g_ptr_array_add (self->runtime_gpus, gpu);
    }
}

static void
read_runtime (GantryPod  *self,
              GantryJsonTextObject *runtime)
{
  GantryJsonTextObject *container =
    gantry_json_text_get_object (runtime, "container");
  gint64 uptime;

  self->has_runtime = TRUE;

  /* Never the top-level uptimeSeconds: it reads 0 on running pods. */
  uptime = gantry_json_text_get_int (runtime, "uptimeInSeconds", -1);
  self->uptime_seconds = MAX (uptime, -1);

  self->cpu_percent = get_int_in_range (container, "cpuPercent", 0, -1);
  self->memory_percent = get_int_in_range (container, "memoryPercent", 0,
                                           -1);
  read_runtime_ports (self, gantry_json_text_get_array (runtime, "ports"));
  read_runtime_gpus (self, gantry_json_text_get_array (runtime, "gpus"));
}

GantryPod *
gantry_pod_new_from_json_text (GantryJsonTextObject  *object,
                               GError               **error)
{
  g_autoptr (GantryPod) self = NULL;
  GantryJsonTextObject *runtime;
  const char *id;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = gantry_json_text_get_string (object, "id");
  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The server sent a pod without an id"));
      return NULL;
    }

  self = g_object_new (GANTRY_TYPE_POD, NULL);
  self->id = g_strdup (id);
  read_pod (self, object);
  read_machine (self, gantry_json_text_get_object (object, "machine"));

  /* A stopped pod's runtime is stale: its ports no longer lead anywhere. */
  runtime = gantry_json_text_get_object (object, "runtime");
  if (runtime != NULL && g_strcmp0 (self->desired_status, "RUNNING") == 0)
    read_runtime (self, runtime);

  /* The sort key is left to the first sort: made here, it was thrown away
   * with every pod the store already had, on every refresh. */

  self->status = _gantry_pod_derive_status (self);
  if (self->status == GANTRY_POD_STATUS_RUNNING && self->uptime_seconds >= 0)
    self->status_since = MAX (g_get_real_time () / G_USEC_PER_SEC
                              - self->uptime_seconds, 0);

  return g_steal_pointer (&self);
}

GantryPod *
gantry_pod_new_from_json (JsonObject  *object,
                          GError     **error)
{
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GantryJsonText) text = NULL;
  g_autofree char *written = NULL;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One reader for both: json-glib writes what it has parsed as the
   * plain JSON that the text reader takes. */
  node = json_node_init_object (json_node_alloc (), object);
  written = json_to_string (node, FALSE);
  text = gantry_json_text_new (written, strlen (written));
  if (text == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The server sent a pod in a form Gantry "
                             "cannot read"));
      return NULL;
    }

  return gantry_pod_new_from_json_text (gantry_json_text_get_root (text),
                                        error);
}
