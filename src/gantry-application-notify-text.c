/* gantry-application-notify-text.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a notification about a pod says: a title that makes sense alone,
 * the new state and what it costs, and the buttons that save a trip to
 * the window. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-application-notify-private.h"
#include "ui/gantry-format.h"

static char *
dup_title (const GantryStatusEvent *event)
{
  const char *name = event->pod_name;

  switch (event->kind)
    {
    case GANTRY_STATUS_EVENT_READY:
      return g_strdup_printf (_("“%s” Is Running"), name);
    case GANTRY_STATUS_EVENT_CREATED_READY:
      return g_strdup_printf (_("“%s” Is Ready"), name);
    case GANTRY_STATUS_EVENT_STOPPED:
      return g_strdup_printf (_("“%s” Stopped"), name);
    case GANTRY_STATUS_EVENT_INTERRUPTED:
      return g_strdup_printf (_("“%s” Was Interrupted"), name);
    case GANTRY_STATUS_EVENT_TERMINATED:
      return g_strdup_printf (_("“%s” Was Terminated"), name);
    case GANTRY_STATUS_EVENT_STUCK_STARTING:
      return g_strdup_printf (_("“%s” Is Still Starting"), name);
    case GANTRY_STATUS_EVENT_IDLE:
      return g_strdup_printf (_("“%s” Is Idle"), name);
    case GANTRY_STATUS_EVENT_BUSY_AGAIN:
    default:
      g_assert_not_reached ();
    }
}

/* "2 h 5 min, about $0.92": how long a pod ran and what that cost; NULL
 * when it was not running. */
static char *
dup_run_text (const GantryStatusEvent *event)
{
  g_autofree char *duration = NULL;
  g_autofree char *cost = NULL;

  if (event->seconds < 0)
    return NULL;

  duration = gantry_format_duration (event->seconds);
  if (event->cost_per_hr <= 0)
    return g_steal_pointer (&duration);

  cost = gantry_format_dollars (event->cost_per_hr * event->seconds / 3600.);
  /* Translators: how long a pod ran, and what that cost */
  return g_strdup_printf (_("%s, about %s"), duration, cost);
}

/* The body of a notification that a run ended. */
static char *
dup_end_body (const GantryStatusEvent *event)
{
  g_autofree char *run = dup_run_text (event);

  switch (event->kind)
    {
    case GANTRY_STATUS_EVENT_STOPPED:
      return run ? g_strdup_printf (_("Stopped after %s."), run)
                 : g_strdup (_("Stopped."));
    case GANTRY_STATUS_EVENT_INTERRUPTED:
      return run ? g_strdup_printf (_("RunPod stopped this spot pod after "
                                      "%s. Resume it with a new bid."), run)
                 : g_strdup (_("RunPod stopped this spot pod. Resume it "
                               "with a new bid."));
    case GANTRY_STATUS_EVENT_TERMINATED:
    default:
      return run ? g_strdup_printf (_("Terminated after %s. It costs nothing "
                                      "more."), run)
                 : g_strdup (_("Terminated. It costs nothing more."));
    }
}

/* The new state and what it costs. */
static char *
dup_body (const GantryStatusEvent *event)
{
  g_autofree char *price = gantry_format_price_per_hour (event->cost_per_hr);
  g_autofree char *spent = gantry_format_duration (event->seconds);

  switch (event->kind)
    {
    case GANTRY_STATUS_EVENT_READY:
      return price ? g_strdup_printf (_("Running at %s."), price)
                   : g_strdup (_("Running."));
    case GANTRY_STATUS_EVENT_CREATED_READY:
      return price ? g_strdup_printf (_("Your new pod is running at %s."),
                                      price)
                   : g_strdup (_("Your new pod is running."));
    case GANTRY_STATUS_EVENT_STUCK_STARTING:
      return price ? g_strdup_printf (_("Starting for %s at %s. It may never "
                                        "boot."), spent, price)
                   : g_strdup_printf (_("Starting for %s. It may never "
                                        "boot."), spent);
    case GANTRY_STATUS_EVENT_IDLE:
      return price ? g_strdup_printf (_("Its GPUs have done no work for %s. "
                                        "It still costs %s."), spent, price)
                   : g_strdup_printf (_("Its GPUs have done no work for %s, "
                                        "and it still bills."), spent);
    default:
      return dup_end_body (event);
    }
}

GNotification *
_gantry_app_notify_new_notification (const GantryStatusEvent *event)
{
  g_autofree char *title = dup_title (event);
  g_autofree char *body = dup_body (event);
  GantryStatusEventKind kind = event->kind;
  gboolean warning = kind == GANTRY_STATUS_EVENT_INTERRUPTED
                     || kind == GANTRY_STATUS_EVENT_STUCK_STARTING
                     || kind == GANTRY_STATUS_EVENT_IDLE;
  GNotification *notification = g_notification_new (title);

  g_notification_set_body (notification, body);
  g_notification_set_default_action_and_target (notification, "app.open-pod",
                                                "s", event->pod_id);
  /* Buttons where they save a trip to the window: a pod that bills for
   * nothing can be stopped from here. */
  if (kind == GANTRY_STATUS_EVENT_IDLE
      || kind == GANTRY_STATUS_EVENT_STUCK_STARTING)
    g_notification_add_button_with_target (notification, _("Stop"),
                                           "app.stop-pod", "s",
                                           event->pod_id);
  if (warning)
    g_notification_add_button_with_target (notification, _("Open"),
                                           "app.open-pod", "s",
                                           event->pod_id);
  g_notification_set_priority (notification,
                               warning ? G_NOTIFICATION_PRIORITY_HIGH
                                       : G_NOTIFICATION_PRIORITY_NORMAL);

  return notification;
}
