/* main.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-application.h"
#include "gantry-bench.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GantryApplication) app = NULL;

  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Gantry"));

  app = gantry_application_new ();
  /* Inert unless GANTRY_BENCH is set (build-aux/bench). */
  gantry_bench_attach (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
