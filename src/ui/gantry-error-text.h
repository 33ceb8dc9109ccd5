/* gantry-error-text.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one place that turns errors into words for the person. Both return
 * a newly allocated, translated string, or NULL when there is nothing to
 * say (the operation was cancelled). The title is a short sentence for a
 * heading, a banner or a toast; the advice says what happened in more
 * detail and what to do next. */
char *gantry_error_text_title  (const GError *error);
char *gantry_error_text_advice (const GError *error);

G_END_DECLS
