/* gantry-notify-page.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GANTRY_TYPE_NOTIFY_PAGE (gantry_notify_page_get_type ())

/* The Notifications page of Preferences: a master switch, one switch per
 * kind of change, and whether Gantry keeps watching with its window
 * closed. Each switch is a GSettings key, written as it is flipped. */
G_DECLARE_FINAL_TYPE (GantryNotifyPage, gantry_notify_page,
                      GANTRY, NOTIFY_PAGE, AdwPreferencesPage)

GtkWidget *gantry_notify_page_new (void);

G_END_DECLS
