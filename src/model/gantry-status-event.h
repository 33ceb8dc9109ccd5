/* gantry-status-event.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-pod.h"

G_BEGIN_DECLS

/* The changes a person wants to hear about, each about one pod. */
typedef enum
{
  GANTRY_STATUS_EVENT_READY,           /* became Running, runtime up */
  GANTRY_STATUS_EVENT_CREATED_READY,   /* the same, for a pod made here */
  GANTRY_STATUS_EVENT_STOPPED,
  GANTRY_STATUS_EVENT_INTERRUPTED,     /* a spot pod exited on its own */
  GANTRY_STATUS_EVENT_TERMINATED,      /* terminated, or gone */
  GANTRY_STATUS_EVENT_STUCK_STARTING,  /* Starting for too long */
  GANTRY_STATUS_EVENT_IDLE,            /* running, its GPUs unused */
  GANTRY_STATUS_EVENT_BUSY_AGAIN,      /* an announced idle period ended */
} GantryStatusEventKind;

/* One event, as the ::event signal passes it (read-only). */
typedef struct
{
  GantryStatusEventKind  kind;
  char                  *pod_id;
  char                  *pod_name;     /* the display name */
  GantryPodStatus        status;       /* the status it has now */
  double                 cost_per_hr;  /* 0 or less: unknown */
  /* STOPPED, INTERRUPTED, TERMINATED: how long the pod had been up
   * (its last uptime), or -1 when it was not running or is unknown.
   * STUCK_STARTING: how long it has been starting. IDLE: how long its
   * GPUs have been idle. Otherwise 0. */
  gint64                 seconds;
} GantryStatusEvent;

#define GANTRY_TYPE_STATUS_EVENT (gantry_status_event_get_type ())

GType              gantry_status_event_get_type (void) G_GNUC_CONST;
GantryStatusEvent *gantry_status_event_copy     (const GantryStatusEvent *event);
void               gantry_status_event_free     (GantryStatusEvent       *event);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GantryStatusEvent, gantry_status_event_free)

G_END_DECLS
