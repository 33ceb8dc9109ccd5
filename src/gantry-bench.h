/* gantry-bench.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opt-in measurements for build-aux/bench; nothing at all happens unless
 * the environment variable GANTRY_BENCH names a file. Then the main window
 * of @app is watched, and lines are appended to that file, each starting
 * with g_get_monotonic_time () in µs. A SPAN is "<iterations> <busy>
 * <busy-cpu> <longest> <longest-cpu>": main loop iterations, their total
 * and longest time on the wall clock and on the main thread's CPU clock,
 * in µs.
 *
 *   start                        the application object exists
 *   startup                      GTK and the application are set up
 *   window                       the main window is built
 *   first-frame                  the window's first frame is painted
 *   list-populated <pods>        the first frame painted with pods
 *   rows <widgets>               list row widgets in the window
 *   request                      a refresh goes out
 *   reply                        its answer is back, parsed
 *   refresh <pods> <apply> SPAN SPAN
 *       a reply has been applied and painted: how long applying it took
 *       (store, filter, sort, everything listening), then the iterations
 *       from the reply to the end of the next frame, then those while the
 *       request was in flight
 *   tick SPAN <frames>           every second or so while the loop runs
 *   stall <wall> <cpu>           one iteration took over 16 ms
 *
 * GANTRY_BENCH_INTERVAL_MS replaces the polling intervals, so that a
 * hundred refreshes take a minute, not a quarter of an hour. */
void gantry_bench_attach (GtkApplication *app);

G_END_DECLS
