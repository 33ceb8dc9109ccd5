/* gantry-settings.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Gantry's GSettings, or NULL when its schema is not installed (an
 * uninstalled build run without GSETTINGS_SCHEMA_DIR): @what_is_lost says,
 * in the debug log, what the caller then does without. */
GSettings *gantry_settings_try_new (const char *what_is_lost);

G_END_DECLS
