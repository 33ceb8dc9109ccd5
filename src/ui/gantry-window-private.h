/* gantry-window-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-pod-detail.h"
#include "gantry-window.h"

G_BEGIN_DECLS

typedef enum
{
  GANTRY_SORT_NAME,
  GANTRY_SORT_STATUS,
  GANTRY_SORT_PRICE,
  GANTRY_SORT_UPTIME,
} GantrySortKey;

/* Shared by gantry-window.c (views, models, state) and
 * gantry-window-actions.c (the win.* actions); the tests read it too. */
struct _GantryWindow
{
  AdwApplicationWindow parent_instance;

  /* Template children */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkButton          *back_button;
  GtkButton          *refresh_button;
  GtkStack           *refresh_stack;
  GtkSpinner         *refresh_spinner;
  GtkToggleButton    *search_button;
  GtkLabel           *account_label;
  GtkMenuButton      *menu_button;
  GtkRevealer        *banner_revealer;
  GtkImage           *banner_icon;
  GtkLabel           *banner_title;
  GtkLabel           *banner_detail;
  GtkButton          *banner_button;
  GtkStack           *main_stack;
  GtkSpinner         *loading_spinner;
  AdwStatusPage      *signed_out_page;
  GtkBox             *account_box;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  AdwLeaflet         *leaflet;
  GtkWidget          *list_pane;
  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *sort_dropdown;
  GtkToggleButton    *sort_direction_button;
  GtkStack           *list_stack;
  GtkScrolledWindow  *list_scroller;
  GtkListView        *list_view;
  GtkStack           *detail_stack;
  GantryPodDetail    *detail;

  /* Owned */
  GantryRefresher    *refresher;
  GantryClient       *client;
  GantryPodStore     *store;
  GtkFilter          *filter;           /* the every-filter of both */
  GtkCustomFilter    *search_filter;
  GtkCustomFilter    *status_filter;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *selection;
  GtkSliceListModel  *first_rows;       /* in selection, not owned */
  gulong              grow_id;          /* on the frame clock, until grown */
  GSettings          *settings;         /* nullable: no schema */
  GCancellable       *cancellable;      /* cancelled in dispose */
  GHashTable         *in_flight;        /* pod id → PodOp, borrowed */
  char               *search_text;      /* case-folded, nullable */
  GantrySortKey       sort_key;
  gboolean            sort_descending;
  guint               stale_timeout_id;
  gboolean            manual_refresh;
  gboolean            narrow;           /* no room for the account */
  guint               narrow_idle_id;

  /* The open terminate confirmation, if any (weak). */
  AdwMessageDialog   *terminate_dialog;
  /* What went wrong with the last failed action, for its Details. */
  char               *failure_heading;
  char               *failure_body;
};

/* gantry-window-actions.c */
void       _gantry_window_class_install_actions (GtkWidgetClass *widget_class);
void       _gantry_window_update_actions        (GantryWindow   *self);
void       _gantry_window_toast                 (GantryWindow   *self,
                                                 const char     *message);
void       _gantry_window_dispose_actions       (GantryWindow   *self);

/* gantry-window-list.c */
void       _gantry_window_class_bind_list       (GtkWidgetClass *widget_class);
void       _gantry_window_setup_list            (GantryWindow   *self);
void       _gantry_window_show_all_rows         (GantryWindow   *self);

/* gantry-window.c */
GantryPod *_gantry_window_get_selected_pod      (GantryWindow   *self);
void       _gantry_window_begin_search          (GantryWindow   *self);
void       _gantry_window_update_refresh_button (GantryWindow   *self);

G_END_DECLS
