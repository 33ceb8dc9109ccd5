/* gantry-status-event.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gantry-status-event.h"

G_DEFINE_BOXED_TYPE (GantryStatusEvent, gantry_status_event,
                     gantry_status_event_copy, gantry_status_event_free)

GantryStatusEvent *
gantry_status_event_copy (const GantryStatusEvent *event)
{
  GantryStatusEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_memdup2 (event, sizeof *event);
  copy->pod_id = g_strdup (event->pod_id);
  copy->pod_name = g_strdup (event->pod_name);

  return copy;
}

void
gantry_status_event_free (GantryStatusEvent *event)
{
  if (event == NULL)
    return;

  g_free (event->pod_id);
  g_free (event->pod_name);
  g_free (event);
}
