/* gantry-pod-detail-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-pod-detail.h"

G_BEGIN_DECLS

/* A level bar with its percentage beside it. */
typedef struct
{
  GtkLevelBar *bar;
  GtkLabel    *label;
} GantryMeter;

/* Shared by gantry-pod-detail.c (the widget, header, cost, resources) and
 * gantry-pod-detail-sections.c (the rows that come and go: connection,
 * usage, environment). */
struct _GantryPodDetail
{
  GtkWidget             parent_instance;

  GantryPod            *pod;              /* owned, nullable */
  gulong                notify_id;
  guint                 tick_id;
  gboolean              env_revealed;

  /* What the dynamic sections show now, so that a refresh that changes
   * nothing there rebuilds nothing. */
  char                 *connection_key;   /* owned, nullable */
  char                 *env_key;          /* owned, nullable */
  GPtrArray            *connection_rows;  /* of GtkWidget, not owned */
  GPtrArray            *env_rows;         /* of GtkWidget, not owned */
  GPtrArray            *env_values;       /* of GtkLabel, not owned */
  GPtrArray            *usage_rows;       /* of GtkWidget, not owned */
  GArray               *usage_meters;     /* of GantryMeter */
  int                   usage_gpus;       /* -1 before the rows exist */
  GtkLabel             *image_value;
  GtkWidget            *image_copy_button;

  /* Template children */
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkScrolledWindow    *scrolled_window;
  GtkLabel             *name_label;
  GtkButton            *copy_name_button;
  GtkLabel             *id_label;
  GtkButton            *copy_id_button;
  GtkImage             *status_icon;
  GtkLabel             *status_label;
  GtkButton            *start_button;
  AdwButtonContent     *start_content;
  GtkButton            *stop_button;
  GtkButton            *terminate_button;
  AdwPreferencesGroup  *connection_group;
  AdwPreferencesGroup  *usage_group;
  AdwActionRow         *price_row;
  GtkLabel             *price_label;
  AdwActionRow         *run_cost_row;
  GtkLabel             *run_cost_label;
  AdwActionRow         *min_bid_row;
  GtkLabel             *min_bid_label;
  GtkLabel             *gpu_label;
  GtkLabel             *vcpu_label;
  GtkLabel             *memory_label;
  GtkLabel             *disk_label;
  AdwActionRow         *volume_row;
  GtkLabel             *volume_label;
  GtkLabel             *location_label;
  AdwPreferencesGroup  *image_group;
  AdwPreferencesGroup  *env_group;
  GtkToggleButton      *reveal_button;
};

/* Rows that show a value under a small caption, as the "property" rows of
 * later libadwaita do: the value can be selected and wraps. */
GtkWidget *_gantry_value_row_new        (const char      *caption,
                                         const char      *value,
                                         GtkLabel       **out_value);
GtkWidget *_gantry_value_row_add_button (GtkWidget       *row,
                                         const char      *icon_name,
                                         const char      *tooltip,
                                         const char      *action_name,
                                         const char      *target);
/* Sets the "s" target of a button ("" for NULL), only when it changed. */
void       _gantry_set_action_target    (GtkWidget       *actionable,
                                         const char      *target);

void       _gantry_pod_detail_update_connection (GantryPodDetail *self);
void       _gantry_pod_detail_update_usage      (GantryPodDetail *self);
void       _gantry_pod_detail_update_env        (GantryPodDetail *self);
void       _gantry_pod_detail_reveal_env        (GantryPodDetail *self);
void       _gantry_pod_detail_clear_sections    (GantryPodDetail *self);

G_END_DECLS
