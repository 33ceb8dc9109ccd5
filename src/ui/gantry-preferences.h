/* gantry-preferences.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "gantry-application.h"

G_BEGIN_DECLS

#define GANTRY_TYPE_PREFERENCES (gantry_preferences_get_type ())

/* Preferences: a General page with the Account group (which key is in
 * use, Replace API Key, Sign Out) and the Pod List group (the refresh
 * interval). More pages (Notifications) go beside General, each an
 * AdwPreferencesPage in the template. */
G_DECLARE_FINAL_TYPE (GantryPreferences, gantry_preferences,
                      GANTRY, PREFERENCES, AdwPreferencesWindow)

GtkWidget *gantry_preferences_new (GantryApplication *application);

G_END_DECLS
