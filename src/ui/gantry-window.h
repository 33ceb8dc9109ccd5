/* gantry-window.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "model/gantry-refresher.h"

G_BEGIN_DECLS

#define GANTRY_TYPE_WINDOW (gantry_window_get_type ())

G_DECLARE_FINAL_TYPE (GantryWindow, gantry_window, GANTRY, WINDOW,
                      AdwApplicationWindow)

/* The main window: shows what @refresher keeps in its store and acts on
 * it through the refresher's client. @application may be NULL (tests). */
GantryWindow    *gantry_window_new           (GtkApplication  *application,
                                              GantryRefresher *refresher);

GantryRefresher *gantry_window_get_refresher (GantryWindow    *self);

/* Selects @pod_id and shows its details, showing every pod first when
 * the search or the status filter hides it. FALSE when the list does not
 * have it (yet). */
gboolean         gantry_window_select_pod    (GantryWindow    *self,
                                              const char      *pod_id);

G_END_DECLS
