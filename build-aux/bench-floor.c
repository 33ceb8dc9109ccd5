/* bench-floor.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The floor that build-aux/bench holds Gantry against: the least a
 * libadwaita app can do, an empty window of Gantry's size, while curl makes
 * Gantry's pod list request at the same time. It writes the same lines as
 * Gantry does with GANTRY_BENCH (see src/gantry-bench.h): "first-frame",
 * then "list-populated" at the first frame after curl has the whole
 * answer.
 *
 *   GANTRY_BENCH=<log> [GANTRY_API_URL=<url> RUNPOD_API_KEY=<key>] \
 *     bench-floor [<request body file>]
 *
 * The key reaches curl on its standard input, never on a command line.
 * Built by build-aux/bench; not part of Gantry. */

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <adwaita.h>

typedef struct
{
  int        fd;
  GtkLabel  *label;
  gboolean   fetched;
  gboolean   first_frame;
  gboolean   populated;
} Floor;

static Floor state = { .fd = -1 };

static void
emit (const char *event)
{
  g_autofree char *line = NULL;

  line = g_strdup_printf ("%" G_GINT64_FORMAT " %s\n",
                          g_get_monotonic_time (), event);
  if (state.fd >= 0 && write (state.fd, line, strlen (line)) < 0)
    g_printerr ("bench-floor: cannot write the log\n");
}

static void
on_after_paint_cb (GdkFrameClock *clock)
{
  if (!state.first_frame)
    {
      state.first_frame = TRUE;
      emit ("first-frame");
    }
  if (state.fetched && !state.populated)
    {
      state.populated = TRUE;
      emit ("list-populated 0");
    }
}

static void
on_realize_cb (GtkWidget *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_connect (gdk_surface_get_frame_clock (surface), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
}

static void
on_curl_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                             &out, NULL, &error))
    g_printerr ("bench-floor: curl: %s\n", error->message);

  /* Something on screen changes, as it would with a list. */
  text = g_strdup_printf ("%s bytes", out != NULL ? out : "?");
  gtk_label_set_label (state.label, text);
  state.fetched = TRUE;
}

static void
fetch (const char *body_file)
{
  const char *url = g_getenv ("GANTRY_API_URL");
  const char *key = g_getenv ("RUNPOD_API_KEY");
  g_autofree char *data = g_strconcat ("@", body_file, NULL);
  g_autofree char *headers = NULL;
  g_autoptr (GSubprocess) curl = NULL;
  g_autoptr (GError) error = NULL;

  curl = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                           | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                           "curl", "-s", "-o", "/dev/null",
                           "-w", "%{size_download}", "-H", "@-",
                           "-H", "Content-Type: application/json",
                           "-H", "Accept: application/json",
                           "--data-binary", data, url, NULL);
  if (curl == NULL)
    {
      g_printerr ("bench-floor: %s\n", error->message);
      state.fetched = TRUE;
      return;
    }

  headers = g_strdup_printf ("Authorization: Bearer %s\n", key ? key : "");
  g_subprocess_communicate_utf8_async (curl, headers, NULL,
                                       on_curl_done_cb, NULL);
}

static void
on_activate_cb (GApplication *app,
                gpointer      body_file)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *label = gtk_label_new ("Loading…");

  state.label = GTK_LABEL (label);
  gtk_window_set_title (GTK_WINDOW (window), "Gantry bench floor");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), label);
  g_signal_connect_after (window, "realize", G_CALLBACK (on_realize_cb),
                          NULL);

  if (body_file != NULL && g_getenv ("GANTRY_API_URL") != NULL)
    fetch (body_file);
  else
    state.fetched = TRUE;

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (AdwApplication) app = NULL;
  const char *path = g_getenv ("GANTRY_BENCH");

  if (path != NULL)
    state.fd = open (path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  emit ("start");

  app = adw_application_new ("io.github.gantry_app.Gantry.BenchFloor",
                             G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb),
                    argc > 1 ? argv[1] : NULL);

  return g_application_run (G_APPLICATION (app), 1, argv);
}
