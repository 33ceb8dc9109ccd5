/* gantry-pod-spec-check.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Field checks of a pod spec. Each check is a plain function of one value
 * so that the dialog can run it on every keystroke; the list checks
 * (duplicate ports, duplicate keys) need the whole spec. A reason is one
 * translated sentence that says what to change. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gantry-pod-spec.h"

/* "0.35", "0.095": enough decimals for a bid, no trailing zero. */
static char *
format_dollars (double dollars)
{
  char *text = g_strdup_printf ("%.3f", dollars);
  gsize len = strlen (text);

  if (len > 0 && text[len - 1] == '0')
    text[len - 1] = '\0';

  return text;
}

static gboolean
has_space_or_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strdup (text != NULL ? text : "");

  return *g_strstrip (copy) == '\0';
}

char *
gantry_pod_spec_check_name (const char *name)
{
  if (is_blank (name))
    return g_strdup (_("Enter a name for the pod."));

  if (g_utf8_strlen (name, -1) > GANTRY_POD_SPEC_MAX_NAME_LENGTH)
    return g_strdup_printf (_("Use a name of at most %d characters."),
                            GANTRY_POD_SPEC_MAX_NAME_LENGTH);

  if (has_control (name))
    return g_strdup (_("A pod name cannot contain line breaks or tabs."));

  return NULL;
}

char *
gantry_pod_spec_check_image (const char *image)
{
  g_autofree char *copy = NULL;

  if (is_blank (image))
    return g_strdup (_("Enter a container image, such as "
                       "runpod/pytorch."));

  copy = g_strstrip (g_strdup (image));
  if (has_space_or_control (copy))
    return g_strdup (_("An image name cannot contain spaces."));

  return NULL;
}

char *
gantry_pod_spec_check_gpu_count (int count)
{
  if (count >= 1 && count <= GANTRY_POD_SPEC_MAX_GPU_COUNT)
    return NULL;

  return g_strdup_printf (_("Choose between 1 and %d GPUs."),
                          GANTRY_POD_SPEC_MAX_GPU_COUNT);
}

char *
gantry_pod_spec_check_container_disk (int gb)
{
  if (gb >= GANTRY_POD_SPEC_MIN_CONTAINER_DISK &&
      gb <= GANTRY_POD_SPEC_MAX_CONTAINER_DISK)
    return NULL;

  return g_strdup_printf (_("The container disk must be between %d and "
                            "%d GB."),
                          GANTRY_POD_SPEC_MIN_CONTAINER_DISK,
                          GANTRY_POD_SPEC_MAX_CONTAINER_DISK);
}

char *
gantry_pod_spec_check_volume (int gb)
{
  if (gb >= 0 && gb <= GANTRY_POD_SPEC_MAX_VOLUME)
    return NULL;

  return g_strdup_printf (_("The volume must be between 0 (none) and "
                            "%d GB."),
                          GANTRY_POD_SPEC_MAX_VOLUME);
}

char *
gantry_pod_spec_check_mount_path (const char *path)
{
  if (is_blank (path))
    return g_strdup (_("Enter where to mount the volume, such as "
                       "/workspace."));

  if (path[0] != '/')
    return g_strdup (_("The mount path must start with “/”."));

  if (g_str_equal (path, "/"))
    return g_strdup (_("The volume cannot replace the whole file system: "
                       "choose a folder such as /workspace."));

  if (has_space_or_control (path))
    return g_strdup (_("The mount path cannot contain spaces."));

  return NULL;
}

char *
gantry_pod_spec_check_port (int number)
{
  if (number >= 1 && number <= 65535)
    return NULL;

  return g_strdup_printf (_("Port %d does not exist: ports go from 1 to "
                            "65535."), number);
}

static gboolean
is_env_key (const char *key)
{
  if (!g_ascii_isalpha (key[0]) && key[0] != '_')
    return FALSE;

  for (const char *p = key + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

char *
gantry_pod_spec_check_env_key (const char *key)
{
  if (key == NULL || *key == '\0')
    return g_strdup (_("Enter a name for the variable."));

  if (!is_env_key (key))
    return g_strdup_printf (_("“%s” cannot be a variable name: use letters, "
                              "digits and “_”, without spaces, and do not "
                              "start with a digit."), key);

  return NULL;
}

char *
gantry_pod_spec_check_min_vcpu (int count)
{
  if (count >= 0 && count <= GANTRY_POD_SPEC_MAX_VCPU)
    return NULL;

  return g_strdup_printf (_("The minimum vCPU count must be between 0 (any) "
                            "and %d."), GANTRY_POD_SPEC_MAX_VCPU);
}

char *
gantry_pod_spec_check_min_memory (int gb)
{
  if (gb >= 0 && gb <= GANTRY_POD_SPEC_MAX_MEMORY)
    return NULL;

  return g_strdup_printf (_("The minimum memory must be between 0 (any) "
                            "and %d GB."), GANTRY_POD_SPEC_MAX_MEMORY);
}

char *
gantry_pod_spec_check_bid (double bid,
                           double minimum)
{
  g_autofree char *amount = NULL;

  if (!(bid > 0))
    return g_strdup (_("Enter a bid per GPU-hour."));

  /* Half a tenth of a cent of slack: the bid is kept to 3 decimals. */
  if (minimum > 0 && bid < minimum - 0.0005)
    {
      amount = format_dollars (minimum);
      return g_strdup_printf (_("Bid at least $%s per GPU-hour: RunPod "
                                "refuses lower bids for this GPU."), amount);
    }

  if (bid > GANTRY_POD_SPEC_MAX_BID)
    {
      amount = format_dollars (GANTRY_POD_SPEC_MAX_BID);
      return g_strdup_printf (_("Bid at most $%s per GPU-hour."), amount);
    }

  return NULL;
}

/* Lists */

static char *
check_ports (GantryPodSpec *self,
             int           *out_index)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n = gantry_pod_spec_get_n_ports (self);
  guint http = 0;

  for (guint i = 0; i < n; i++)
    {
      GantryPortProtocol protocol;
      char *reason;
      int number;

      gantry_pod_spec_get_port (self, i, &number, &protocol);
      *out_index = (int) i;
      if ((reason = gantry_pod_spec_check_port (number)) != NULL)
        return reason;

      if (!g_hash_table_add (seen, GINT_TO_POINTER (number)))
        return g_strdup_printf (_("Port %d is listed twice."), number);

      if (protocol == GANTRY_PORT_HTTP &&
          ++http > GANTRY_POD_SPEC_MAX_HTTP_PORTS)
        return g_strdup_printf (_("RunPod exposes at most %d HTTP ports."),
                                GANTRY_POD_SPEC_MAX_HTTP_PORTS);
    }

  *out_index = -1;
  return NULL;
}

static char *
check_env (GantryPodSpec *self,
           int           *out_index)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = gantry_pod_spec_get_n_env (self);

  for (guint i = 0; i < n; i++)
    {
      const char *key;
      char *reason;

      gantry_pod_spec_get_env (self, i, &key, NULL);
      *out_index = (int) i;
      if ((reason = gantry_pod_spec_check_env_key (key)) != NULL)
        return reason;

      if (!g_hash_table_add (seen, (gpointer) key))
        return g_strdup_printf (_("“%s” is set twice."), key);
    }

  *out_index = -1;
  return NULL;
}

static char *
check_gpu_type (GantryPodSpec *self)
{
  if (gantry_pod_spec_get_gpu_type_id (self) == NULL)
    return g_strdup (_("Choose a GPU type."));

  return NULL;
}

static char *
check_bid (GantryPodSpec *self)
{
  if (!gantry_pod_spec_get_spot (self))
    return NULL;

  return gantry_pod_spec_check_bid (gantry_pod_spec_get_bid_per_gpu (self),
                                    gantry_pod_spec_get_minimum_bid (self));
}

static char *
check_mount_path (GantryPodSpec *self)
{
  if (gantry_pod_spec_get_volume_gb (self) == 0)
    return NULL;

  return gantry_pod_spec_check_mount_path (
           gantry_pod_spec_get_volume_mount_path (self));
}

char *
gantry_pod_spec_check_field (GantryPodSpec      *self,
                             GantryPodSpecField  field,
                             int                *out_index)
{
  int index = -1;
  char *reason = NULL;

  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self), NULL);

  switch (field)
    {
    case GANTRY_POD_SPEC_FIELD_NONE:
      break;
    case GANTRY_POD_SPEC_FIELD_GPU_TYPE:
      reason = check_gpu_type (self);
      break;
    case GANTRY_POD_SPEC_FIELD_GPU_COUNT:
      reason = gantry_pod_spec_check_gpu_count (
                 gantry_pod_spec_get_gpu_count (self));
      break;
    case GANTRY_POD_SPEC_FIELD_NAME:
      reason = gantry_pod_spec_check_name (gantry_pod_spec_get_name (self));
      break;
    case GANTRY_POD_SPEC_FIELD_IMAGE:
      reason = gantry_pod_spec_check_image (
                 gantry_pod_spec_get_image_name (self));
      break;
    case GANTRY_POD_SPEC_FIELD_CONTAINER_DISK:
      reason = gantry_pod_spec_check_container_disk (
                 gantry_pod_spec_get_container_disk_gb (self));
      break;
    case GANTRY_POD_SPEC_FIELD_VOLUME:
      reason = gantry_pod_spec_check_volume (
                 gantry_pod_spec_get_volume_gb (self));
      break;
    case GANTRY_POD_SPEC_FIELD_MOUNT_PATH:
      reason = check_mount_path (self);
      break;
    case GANTRY_POD_SPEC_FIELD_PORTS:
      reason = check_ports (self, &index);
      break;
    case GANTRY_POD_SPEC_FIELD_ENV:
      reason = check_env (self, &index);
      break;
    case GANTRY_POD_SPEC_FIELD_MIN_VCPU:
      reason = gantry_pod_spec_check_min_vcpu (
                 gantry_pod_spec_get_min_vcpu_count (self));
      break;
    case GANTRY_POD_SPEC_FIELD_MIN_MEMORY:
      reason = gantry_pod_spec_check_min_memory (
                 gantry_pod_spec_get_min_memory_gb (self));
      break;
    case GANTRY_POD_SPEC_FIELD_BID:
      reason = check_bid (self);
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (out_index != NULL)
    *out_index = index;
  return reason;
}

GantryPodSpecField
gantry_pod_spec_validate (GantryPodSpec  *self,
                          char          **out_reason)
{
  g_return_val_if_fail (GANTRY_IS_POD_SPEC (self),
                        GANTRY_POD_SPEC_FIELD_NONE);

  for (int field = GANTRY_POD_SPEC_FIELD_GPU_TYPE;
       field <= GANTRY_POD_SPEC_FIELD_BID; field++)
    {
      char *reason = gantry_pod_spec_check_field (self, field, NULL);

      if (reason == NULL)
        continue;

      if (out_reason != NULL)
        *out_reason = reason;
      else
        g_free (reason);
      return field;
    }

  if (out_reason != NULL)
    *out_reason = NULL;
  return GANTRY_POD_SPEC_FIELD_NONE;
}
