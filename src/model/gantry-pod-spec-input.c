/* gantry-pod-spec-input.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A pod spec as RunPod takes it: the CloudTypeEnum names, the ports
 * string and the `input` object of the create mutations.
 *
 * RunPod answers HTTP 400 to a key its input type does not define, so
 * the object holds only fields that both PodFindAndDeployOnDemandInput
 * and PodRentInterruptableInput declare, plus bidPerGpu for spot. What
 * RunPod would otherwise pick by itself (GPU count, cloud, disk sizes) is
 * always sent; optional fields are left out rather than sent empty. */

#include "config.h"

#include "gantry-pod-spec.h"

static const char * const cloud_names[] = { "ALL", "SECURE", "COMMUNITY" };

const char *
gantry_cloud_to_string (GantryCloud cloud)
{
  g_return_val_if_fail (cloud <= GANTRY_CLOUD_COMMUNITY, "ALL");

  return cloud_names[cloud];
}

GantryCloud
gantry_cloud_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (cloud_names); i++)
    {
      if (g_strcmp0 (text, cloud_names[i]) == 0)
        return (GantryCloud) i;
    }

  return GANTRY_CLOUD_ALL;
}

/* Ports */

char *
gantry_pod_spec_dup_ports_string (GantryPodSpec *self)
{
  GString *text;
  guint n;

  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  text = g_string_new (NULL);
  n = gantry_pod_spec_get_n_ports (self);
  for (guint i = 0; i < n; i++)
    {
      GantryPortProtocol protocol;
      int number;

      gantry_pod_spec_get_port (self, i, &number, &protocol);
      g_string_append_printf (text, "%s%d/%s", i > 0 ? "," : "", number,
                              protocol == GANTRY_PORT_TCP ? "tcp" : "http");
    }

  return g_string_free (text, FALSE);
}

static gboolean
parse_port (const char         *piece,
            int                *number,
            GantryPortProtocol *protocol)
{
  g_auto (GStrv) parts = g_strsplit (piece, "/", 2);
  guint64 value;

  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 65535, &value, NULL))
    return FALSE;

  if (g_str_equal (parts[1], "http"))
    *protocol = GANTRY_PORT_HTTP;
  else if (g_str_equal (parts[1], "tcp"))
    *protocol = GANTRY_PORT_TCP;
  else
    return FALSE;

  *number = (int) value;
  return TRUE;
}

gboolean
gantry_pod_spec_set_ports_string (GantryPodSpec *self,
                                  const char    *text)
{
  g_auto (GStrv) pieces = NULL;
  gboolean all_read = TRUE;

  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), FALSE);

  gantry_pod_spec_clear_ports (self);
  pieces = g_strsplit (text != NULL ? text : "", ",", -1);
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      GantryPortProtocol protocol;
      int number;

      g_strstrip (pieces[i]);
      if (*pieces[i] == '\0')
        continue;

      if (parse_port (pieces[i], &number, &protocol))
        gantry_pod_spec_add_port (self, number, protocol);
      else
        all_read = FALSE;
    }

  return all_read;
}

/* The input object */

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  g_autofree char *stripped = NULL;

  if (value == NULL)
    return;

  stripped = g_strstrip (g_strdup (value));
  if (*stripped == '\0')
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, stripped);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_cuda_versions (JsonBuilder   *builder,
                   GantryPodSpec *self)
{
  const char * const *versions = gantry_pod_spec_get_cuda_versions (self);

  if (versions[0] == NULL)
    return;

  /* Strings, never numbers: "12.10" is not 12.1. */
  json_builder_set_member_name (builder, "allowedCudaVersions");
  json_builder_begin_array (builder);
  for (guint i = 0; versions[i] != NULL; i++)
    json_builder_add_string_value (builder, versions[i]);
  json_builder_end_array (builder);
}

static void
add_env (JsonBuilder   *builder,
         GantryPodSpec *self)
{
  guint n = gantry_pod_spec_get_n_env (self);

  if (n == 0)
    return;

  /* EnvironmentVariableInput; values go as typed, '=' and all. */
  json_builder_set_member_name (builder, "env");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      const char *key;
      const char *value;

      gantry_pod_spec_get_env (self, i, &key, &value);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, key);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_storage (JsonBuilder   *builder,
             GantryPodSpec *self)
{
  int volume = gantry_pod_spec_get_volume_gb (self);

  add_int (builder, "containerDiskInGb",
           gantry_pod_spec_get_container_disk_gb (self));
  add_int (builder, "volumeInGb", volume);
  if (volume > 0)
    add_string (builder, "volumeMountPath",
                gantry_pod_spec_get_volume_mount_path (self));
}

static void
add_minimums (JsonBuilder   *builder,
              GantryPodSpec *self)
{
  int vcpus = gantry_pod_spec_get_min_vcpu_count (self);
  int memory = gantry_pod_spec_get_min_memory_gb (self);

  if (vcpus > 0)
    add_int (builder, "minVcpuCount", vcpus);
  if (memory > 0)
    add_int (builder, "minMemoryInGb", memory);
}

JsonNode *
gantry_pod_spec_to_input (GantryPodSpec *self)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autofree char *ports = NULL;

  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "name", gantry_pod_spec_get_name (self));
  add_string (builder, "imageName", gantry_pod_spec_get_image_name (self));

  /* GPU type ids are opaque: sent exactly as RunPod listed them. */
  if (gantry_pod_spec_get_gpu_type_id (self) != NULL)
    {
      json_builder_set_member_name (builder, "gpuTypeId");
      json_builder_add_string_value (builder,
                                     gantry_pod_spec_get_gpu_type_id (self));
    }
  add_int (builder, "gpuCount", gantry_pod_spec_get_gpu_count (self));
  json_builder_set_member_name (builder, "cloudType");
  json_builder_add_string_value (builder, gantry_cloud_to_string (
                                   gantry_pod_spec_get_cloud (self)));
  add_cuda_versions (builder, self);
  add_storage (builder, self);

  ports = gantry_pod_spec_dup_ports_string (self);
  add_string (builder, "ports", ports);
  add_env (builder, self);
  add_minimums (builder, self);

  if (gantry_pod_spec_get_spot (self))
    {
      json_builder_set_member_name (builder, "bidPerGpu");
      json_builder_add_double_value (builder,
                                     gantry_pod_spec_get_bid_per_gpu (self));
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
