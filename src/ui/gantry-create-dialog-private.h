/* gantry-create-dialog-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "model/gantry-pod-spec.h"

#include "gantry-create-dialog.h"
#include "gantry-gpu-picker.h"

G_BEGIN_DECLS

typedef enum
{
  GANTRY_CREATE_STEP_GPU,
  GANTRY_CREATE_STEP_POD,
  GANTRY_CREATE_STEP_PRICING,
  GANTRY_CREATE_STEP_REVIEW,
  GANTRY_CREATE_N_STEPS,
} GantryCreateStep;

/* Shared by gantry-create-dialog.c (the class, navigation, memory),
 * gantry-create-dialog-steps.c (the inputs and their checks),
 * gantry-create-dialog-review.c (prices and the review),
 * gantry-create-dialog-send.c (the create) and
 * gantry-create-dialog-failure.c (what went wrong, what to do next); the
 * tests read it too. */
struct _GantryCreateDialog
{
  AdwWindow            parent_instance;

  /* Template children */
  AdwWindowTitle      *window_title;
  GtkButton           *back_button;
  GtkStack            *action_stack;
  GtkButton           *next_button;
  GtkButton           *create_button;
  GtkStack            *create_stack;
  GtkRevealer         *failure_revealer;
  GtkLabel            *failure_title;
  GtkLabel            *failure_detail;
  GtkButton           *on_demand_button;
  GtkButton           *other_cloud_button;
  GtkButton           *choose_gpu_button;
  GtkButton           *raise_bid_button;
  GtkButton           *edit_pod_button;
  GtkButton           *retry_button;
  GtkStack            *step_stack;
  GtkBox              *gpu_page;
  AdwEntryRow         *name_row;
  AdwEntryRow         *image_row;
  GtkSpinButton       *disk_spin;
  GtkSpinButton       *volume_spin;
  AdwEntryRow         *mount_row;
  GtkListBox          *ports_list;
  GtkListBox          *env_list;
  GtkSpinButton       *vcpu_spin;
  GtkSpinButton       *memory_spin;
  AdwActionRow        *on_demand_row;
  GtkCheckButton      *on_demand_check;
  AdwActionRow        *spot_row;
  GtkCheckButton      *spot_check;
  AdwPreferencesGroup *bid_group;
  AdwActionRow        *bid_row;
  GtkSpinButton       *bid_spin;
  GtkLabel            *price_label;
  GtkLabel            *price_detail_label;
  GtkListBox          *review_gpu_list;
  GtkListBox          *review_pod_list;
  AdwPreferencesGroup *review_env_group;
  GtkListBox          *review_env_list;
  GtkLabel            *review_price_label;
  GtkLabel            *review_price_detail_label;
  GtkRevealer         *reason_revealer;
  GtkLabel            *reason_label;

  /* Not from the template: it needs the client at construction. */
  GantryGpuPicker     *picker;

  /* Owned */
  GantryClient        *client;
  GantryPodStore      *store;          /* nullable */
  GantryPodSpec       *spec;
  GSettings           *settings;       /* nullable: no schema */
  GCancellable        *cancellable;    /* cancelled in dispose */
  GHashTable          *known_ids;      /* ids named like the new pod */
  GtkSizeGroup        *protocol_sizes; /* the HTTP/TCP drop-downs */
  char                *sent_name;      /* nullable: the name last sent */
  char                *restore_gpu_id; /* nullable: to choose once loaded */

  GantryCreateStep     step;
  gboolean             busy;           /* a create is in flight */
  gboolean             hidden_busy;    /* closed while it was */
  gboolean             syncing;        /* inputs being filled from code */
  gboolean             name_edited;    /* flag an empty name only then */
  double               shown_minimum;  /* the bid floor the spin knows */
};

/* gantry-create-dialog.c */
void     _gantry_create_dialog_sync          (GantryCreateDialog *self);
void     _gantry_create_dialog_go_to         (GantryCreateDialog *self,
                                              GantryCreateStep    step);
void     _gantry_create_dialog_remember      (GantryCreateDialog *self);
void     _gantry_create_dialog_emit_created  (GantryCreateDialog *self,
                                              GantryPod          *pod,
                                              const char         *message);

/* gantry-create-dialog-steps.c */
void     _gantry_create_dialog_init_steps    (GantryCreateDialog *self);
void     _gantry_create_dialog_add_port      (GantryCreateDialog *self,
                                              int                 number,
                                              GantryPortProtocol  protocol);
void     _gantry_create_dialog_clear_draft   (GantryCreateDialog *self);
void     _gantry_create_dialog_add_env       (GantryCreateDialog *self,
                                              const char         *key,
                                              const char         *value,
                                              gboolean            from_draft);
/* Reads the Pod and Pricing inputs into the spec. */
void     _gantry_create_dialog_read_inputs   (GantryCreateDialog *self);
/* Marks the fields at fault; returns the first reason of @step, or NULL
 * when the step is complete. */
char    *_gantry_create_dialog_check_step    (GantryCreateDialog *self,
                                              GantryCreateStep    step);
void     _gantry_create_dialog_update_prices (GantryCreateDialog *self);
void     _gantry_create_dialog_build_review  (GantryCreateDialog *self);
const char *_gantry_create_dialog_describe_cloud (GantryCloud     cloud);
/* "$1.38", "$0.095": up to three decimals, as bids have. */
char    *_gantry_create_dialog_format_money  (double              dollars);

/* gantry-create-dialog-send.c */
void     _gantry_create_dialog_create        (GantryCreateDialog *self);

/* gantry-create-dialog-failure.c: @checked says whether the pod list
 * could be read again after an unclear failure. */
void     _gantry_create_dialog_fail          (GantryCreateDialog *self,
                                              const GError       *error,
                                              gboolean            checked);
void     _gantry_create_dialog_hide_failure  (GantryCreateDialog *self);
void     _gantry_create_dialog_install_failure_actions
                                             (GtkWidgetClass     *widget_class);

G_END_DECLS
