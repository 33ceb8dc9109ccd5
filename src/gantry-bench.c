/* gantry-bench.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Main-thread time is measured without a profiler by wrapping the main
 * context's poll function: whatever happens between one poll and the next
 * is one iteration of the main loop, during which the window cannot answer
 * input. Each iteration is timed twice: on the wall clock (what a person
 * waits) and on the thread's CPU clock (what Gantry spends, even when the
 * machine is busy with something else). Nothing here wakes the loop up. */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gantry-application.h"
#include "gantry-bench.h"
#include "ui/gantry-pod-row.h"
#include "ui/gantry-window.h"

#define STALL_US 16000
#define TICK_US G_USEC_PER_SEC
/* A reply that changes nothing on screen paints no frame. */
#define CYCLE_TIMEOUT_US 500000

/* Iterations of the main loop, added up. */
typedef struct
{
  guint  n;
  gint64 busy;
  gint64 busy_cpu;
  gint64 longest;
  gint64 longest_cpu;
} Span;

typedef struct
{
  int              fd;
  GantryWindow    *window;       /* weak */
  GantryRefresher *refresher;    /* owned */
  gint64           poll_return;  /* 0 before the first poll */
  gint64           poll_return_cpu;
  Span             tick;
  gint64           tick_start;
  guint            frames;
  Span             io;
  gboolean         in_flight;
  Span             cycle;
  gint64           reply_at;     /* 0 unless a reply awaits its frame */
  gint64           apply;
  gboolean         painted;
  gboolean         first_frame;
  gboolean         populated;
} Bench;

static Bench bench = { .fd = -1 };

static void
emit (const char *format,
      ...)
{
  g_autofree char *text = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  line = g_strdup_printf ("%" G_GINT64_FORMAT " %s\n",
                          g_get_monotonic_time (), text);
  if (write (bench.fd, line, strlen (line)) < 0)
    g_debug ("Bench: cannot write: %s", g_strerror (errno));
}

static gint64
thread_cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
span_add (Span   *span,
          gint64  wall,
          gint64  cpu)
{
  span->n++;
  span->busy += wall;
  span->busy_cpu += cpu;
  span->longest = MAX (span->longest, wall);
  span->longest_cpu = MAX (span->longest_cpu, cpu);
}

/* "<n> <busy> <busy cpu> <longest> <longest cpu>", then cleared. */
static char *
span_take (Span *span)
{
  char *text = g_strdup_printf ("%u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                                " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                                span->n, span->busy, span->busy_cpu,
                                span->longest, span->longest_cpu);

  memset (span, 0, sizeof *span);
  return text;
}

static guint
n_pods (void)
{
  GantryPodStore *store = gantry_refresher_get_store (bench.refresher);

  return g_list_model_get_n_items (G_LIST_MODEL (store));
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GANTRY_IS_POD_ROW (widget) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);

  return n;
}

static void
close_cycle (void)
{
  g_autofree char *cycle = span_take (&bench.cycle);
  g_autofree char *io = span_take (&bench.io);

  emit ("refresh %u %" G_GINT64_FORMAT " %s %s",
        n_pods (), bench.apply, cycle, io);
  bench.reply_at = 0;

  /* Out of the measured time: this runs just before the poll. */
  if (bench.window != NULL)
    emit ("rows %u", count_rows (GTK_WIDGET (bench.window)));
}

static void
note_iteration (gint64 now,
                gint64 wall,
                gint64 cpu)
{
  if (wall > STALL_US)
    emit ("stall %" G_GINT64_FORMAT " %" G_GINT64_FORMAT, wall, cpu);

  span_add (&bench.tick, wall, cpu);
  if (now - bench.tick_start >= TICK_US)
    {
      g_autofree char *tick = span_take (&bench.tick);

      emit ("tick %s %u", tick, bench.frames);
      bench.tick_start = now;
      bench.frames = 0;
    }

  if (bench.in_flight)
    span_add (&bench.io, wall, cpu);
  if (bench.reply_at == 0)
    return;

  span_add (&bench.cycle, wall, cpu);
  if (bench.painted || now - bench.reply_at > CYCLE_TIMEOUT_US)
    close_cycle ();
}

static gint
bench_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = thread_cpu_time ();
  gint result;

  if (bench.poll_return > 0)
    note_iteration (now, now - bench.poll_return,
                    now_cpu - bench.poll_return_cpu);

  result = g_poll (fds, n_fds, timeout);
  bench.poll_return = g_get_monotonic_time ();
  bench.poll_return_cpu = thread_cpu_time ();

  return result;
}

static void
on_after_paint_cb (GdkFrameClock *clock)
{
  bench.frames++;
  if (!bench.first_frame)
    {
      bench.first_frame = TRUE;
      emit ("first-frame");
    }
  if (!bench.populated && n_pods () > 0 && bench.window != NULL)
    {
      bench.populated = TRUE;
      emit ("list-populated %u", n_pods ());
      emit ("rows %u", count_rows (GTK_WIDGET (bench.window)));
    }
  if (bench.reply_at > 0)
    bench.painted = TRUE;
}

static void
on_realize_cb (GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
}

static void
on_busy_cb (GantryRefresher *refresher)
{
  if (gantry_refresher_get_busy (refresher))
    {
      bench.in_flight = TRUE;
      memset (&bench.io, 0, sizeof bench.io);
      emit ("request");
      return;
    }

  if (!bench.in_flight)
    return;

  bench.in_flight = FALSE;
  bench.reply_at = g_get_monotonic_time ();
  emit ("reply");
  bench.apply = 0;
  bench.painted = FALSE;
  memset (&bench.cycle, 0, sizeof bench.cycle);
}

static void
on_refreshed_cb (GantryRefresher *refresher)
{
  if (bench.reply_at > 0)
    bench.apply = g_get_monotonic_time () - bench.reply_at;
}

static void
set_interval (void)
{
  const char *text = g_getenv ("GANTRY_BENCH_INTERVAL_MS");
  guint64 ms = text != NULL ? g_ascii_strtoull (text, NULL, 10) : 0;

  if (ms > 0 && ms < G_MAXUINT)
    gantry_refresher_set_intervals (bench.refresher, ms, ms, 300000);
}

/* Before activate, which may send the first request. */
static void
on_startup_cb (GApplication *app)
{
  GantryApplication *self = GANTRY_APPLICATION (app);

  emit ("startup");
  bench.refresher = g_object_ref (gantry_application_get_refresher (self));
  set_interval ();
  g_signal_connect (bench.refresher, "notify::busy",
                    G_CALLBACK (on_busy_cb), NULL);
  g_signal_connect (bench.refresher, "refreshed",
                    G_CALLBACK (on_refreshed_cb), NULL);
}

static void
on_window_added_cb (GtkApplication *app,
                    GtkWindow      *window)
{
  if (bench.window != NULL || !GANTRY_IS_WINDOW (window))
    return;

  emit ("window");
  bench.window = GANTRY_WINDOW (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &bench.window);
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realize_cb), NULL);
}

void
gantry_bench_attach (GtkApplication *app)
{
  const char *path = g_getenv ("GANTRY_BENCH");

  g_return_if_fail (GTK_IS_APPLICATION (app));

  if (path == NULL || *path == '\0')
    return;

  bench.fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (bench.fd < 0)
    {
      g_warning ("GANTRY_BENCH: cannot open %s: %s", path,
                 g_strerror (errno));
      return;
    }

  emit ("start");
  bench.tick_start = g_get_monotonic_time ();
  g_main_context_set_poll_func (g_main_context_default (), bench_poll);
  g_signal_connect_after (app, "startup", G_CALLBACK (on_startup_cb), NULL);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added_cb),
                    NULL);
}
