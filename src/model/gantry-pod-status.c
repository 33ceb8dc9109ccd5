/* gantry-pod-status.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The status a person sees, derived as in DESIGN.md's table. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gantry-pod-private.h"

GType
gantry_pod_status_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { GANTRY_POD_STATUS_RUNNING, "GANTRY_POD_STATUS_RUNNING", "running" },
    { GANTRY_POD_STATUS_STARTING, "GANTRY_POD_STATUS_STARTING", "starting" },
    { GANTRY_POD_STATUS_CREATED, "GANTRY_POD_STATUS_CREATED", "created" },
    { GANTRY_POD_STATUS_RESTARTING, "GANTRY_POD_STATUS_RESTARTING",
      "restarting" },
    { GANTRY_POD_STATUS_PAUSED, "GANTRY_POD_STATUS_PAUSED", "paused" },
    { GANTRY_POD_STATUS_INTERRUPTED, "GANTRY_POD_STATUS_INTERRUPTED",
      "interrupted" },
    { GANTRY_POD_STATUS_STOPPED, "GANTRY_POD_STATUS_STOPPED", "stopped" },
    { GANTRY_POD_STATUS_DEAD, "GANTRY_POD_STATUS_DEAD", "dead" },
    { GANTRY_POD_STATUS_TERMINATED, "GANTRY_POD_STATUS_TERMINATED",
      "terminated" },
    { GANTRY_POD_STATUS_UNKNOWN, "GANTRY_POD_STATUS_UNKNOWN", "unknown" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string
                                             ("GantryPodStatus"),
                                           values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

const char *
gantry_pod_status_to_string (GantryPodStatus status)
{
  switch (status)
    {
    case GANTRY_POD_STATUS_RUNNING:     return _("Running");
    case GANTRY_POD_STATUS_STARTING:    return _("Starting");
    case GANTRY_POD_STATUS_CREATED:     return _("Created");
    case GANTRY_POD_STATUS_RESTARTING:  return _("Restarting");
    case GANTRY_POD_STATUS_PAUSED:      return _("Paused");
    case GANTRY_POD_STATUS_INTERRUPTED: return _("Interrupted");
    case GANTRY_POD_STATUS_STOPPED:     return _("Stopped");
    case GANTRY_POD_STATUS_DEAD:        return _("Dead");
    case GANTRY_POD_STATUS_TERMINATED:  return _("Terminated");
    case GANTRY_POD_STATUS_UNKNOWN:
    default:                            return _("Unknown");
    }
}

gboolean
_gantry_pod_is_spot_type (const char *pod_type)
{
  return g_strcmp0 (pod_type, "INTERRUPTABLE") == 0
         || g_strcmp0 (pod_type, "BID") == 0;
}

GantryPodStatus
_gantry_pod_derive_status (GantryPod *self)
{
  static const struct {
    const char      *word;
    GantryPodStatus  status;
  } same_word[] = {
    { "CREATED", GANTRY_POD_STATUS_CREATED },
    { "RESTARTING", GANTRY_POD_STATUS_RESTARTING },
    { "PAUSED", GANTRY_POD_STATUS_PAUSED },
    { "DEAD", GANTRY_POD_STATUS_DEAD },
    { "TERMINATED", GANTRY_POD_STATUS_TERMINATED },
  };
  const char *desired = self->desired_status;

  if (desired == NULL)
    return GANTRY_POD_STATUS_UNKNOWN;

  if (strcmp (desired, "RUNNING") == 0)
    return self->has_runtime ? GANTRY_POD_STATUS_RUNNING
                             : GANTRY_POD_STATUS_STARTING;

  /* A spot pod that exits on its own was outbid or reclaimed. */
  if (strcmp (desired, "EXITED") == 0)
    {
      gboolean spot = _gantry_pod_is_spot_type (self->pod_type);

      return spot && !self->stop_requested ? GANTRY_POD_STATUS_INTERRUPTED
                                           : GANTRY_POD_STATUS_STOPPED;
    }

  for (guint i = 0; i < G_N_ELEMENTS (same_word); i++)
    if (strcmp (desired, same_word[i].word) == 0)
      return same_word[i].status;

  return GANTRY_POD_STATUS_UNKNOWN;
}
