/* gantry-format.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money, durations and ages as the window and its rows show them. Every
 * function returns a newly allocated, translated string. */

/* "$120.50" */
char *gantry_format_dollars         (double  dollars);
/* "$0.69/h", or NULL when the price is unknown (0 or less). */
char *gantry_format_price_per_hour  (double  dollars_per_hour);
/* "40 s", "12 min", "3 h 12 min", "2 d 5 h". */
char *gantry_format_duration        (gint64  seconds);
/* "Last updated just now", "Last updated 2 minutes ago", ... */
char *gantry_format_last_updated    (gint64  unix_time,
                                     gint64  now);

G_END_DECLS
