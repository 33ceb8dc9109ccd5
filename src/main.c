/* main.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "gantry-application.h"
#include "gantry-bench.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GantryApplication) app = NULL;

#ifdef __GLIBC__
  /* Each refresh reads the pod list into buffers of a megabyte or more,
   * in the I/O thread. glibc raises its mmap threshold to the size of a
   * big block once that is freed, so the next ones come from the heap,
   * between objects that live on, and the heap never shrinks: 1,000 pods
   * kept 8 MB more resident. A fixed threshold (128 KB, glibc's default
   * start) gives big blocks back as soon as they are freed. */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Gantry"));

  app = gantry_application_new ();
  /* Inert unless GANTRY_BENCH is set (build-aux/bench). */
  gantry_bench_attach (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
