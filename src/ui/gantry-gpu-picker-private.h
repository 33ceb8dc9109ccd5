/* gantry-gpu-picker-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gantry-gpu-picker.h"
#include "model/gantry-gpu-catalog.h"

G_BEGIN_DECLS

/* The versions RunPod offers (runpod-api.md §5), newest first. */
#define GANTRY_N_CUDA_VERSIONS 12
extern const char * const _gantry_cuda_versions[GANTRY_N_CUDA_VERSIONS];

struct _GantryGpuPicker
{
  GtkWidget           parent_instance;

  GantryClient       *client;
  GantryGpuCatalog   *catalog;        /* unowned: the client's */
  GCancellable       *cancellable;    /* nullable: set while in flight */
  GError             *error;          /* nullable: the last failure */

  GListStore         *store;          /* element type GantryGpuType */
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GantryGpuType      *selected;       /* nullable */
  char               *wanted_id;      /* nullable: the person's choice */

  GStrv               cuda_versions;  /* nullable: any */
  GStrv               search_terms;   /* casefolded */
  int                 gpu_count;
  int                 min_vram;
  GantryCloud         cloud;
  GantryCloud         shown_cloud;    /* the cloud of the rows shown */
  int                 shown_gpu_count;  /* and the GPU count */
  guint               query_source;
  gboolean            reload_wanted;
  gboolean            loading;
  gboolean            syncing;
  gboolean            setting_cuda;

  /* Template children */
  GtkToggleButton    *secure_button;
  GtkToggleButton    *community_button;
  GtkToggleButton    *any_cloud_button;
  GtkSpinButton      *gpu_count_spin;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *cuda_button;
  GtkGrid            *cuda_grid;
  GtkCheckButton     *cuda_checks[GANTRY_N_CUDA_VERSIONS];
  GtkWidget          *any_cuda_button;
  GtkDropDown        *vram_dropdown;
  GtkStack           *reload_stack;
  GtkSpinner         *reload_spinner;
  GtkStack           *view_stack;
  GtkSpinner         *loading_spinner;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *vram_column;
  GtkColumnViewColumn *price_column;
  GtkColumnViewColumn *bid_column;
  GtkColumnViewColumn *stock_column;
  GtkColumnViewColumn *counts_column;
  AdwStatusPage      *error_page;
  GtkLabel           *footer_label;
};

/* gantry-gpu-picker.c */
void      _gantry_gpu_picker_update_view      (GantryGpuPicker *self);
void      _gantry_gpu_picker_sync_selection   (GantryGpuPicker *self);
void      _gantry_gpu_picker_update_loading   (GantryGpuPicker *self);

/* gantry-gpu-picker-query.c: asking the catalogue. */
void      _gantry_gpu_picker_queue_query      (GantryGpuPicker *self,
                                               gboolean         reload);

/* gantry-gpu-picker-filters.c: the filters above the table. */
void      _gantry_gpu_picker_class_init_filters (GtkWidgetClass *widget_class);
void      _gantry_gpu_picker_init_filters     (GantryGpuPicker *self);
GtkCustomFilter *_gantry_gpu_picker_new_filter (GantryGpuPicker *self);
void      _gantry_gpu_picker_update_cuda_controls (GantryGpuPicker *self);

/* gantry-gpu-picker-cells.c: the table's cells and sorters. */
void      _gantry_gpu_picker_class_init_cells (GtkWidgetClass *widget_class);
void      _gantry_gpu_picker_init_sorters     (GantryGpuPicker *self);

/* Out of stock, or not offered at all: shown greyed, never chosen. */
gboolean  _gantry_gpu_type_is_available       (GantryGpuType   *type);
gboolean  _gantry_gpu_type_offers_count       (GantryGpuType   *type,
                                               int              count);

/* Available first, then the cheapest, then by name. */
int       _gantry_gpu_type_compare_best       (gconstpointer    a,
                                               gconstpointer    b);

/* "Any CUDA", "CUDA 12.8, 12.9", "4 CUDA Versions". */
char     *_gantry_gpu_picker_describe_cuda    (const char * const *versions);

G_END_DECLS
