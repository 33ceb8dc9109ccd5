/* gantry-application-private.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "gantry-application-account.h"

G_BEGIN_DECLS

/* Shared by gantry-application.c (the core, windows, About),
 * gantry-application-account.c (the key, Preferences, Sign Out) and
 * gantry-application-background.c (the refresher's intervals). */
struct _GantryApplication
{
  AdwApplication   parent_instance;

  SoupSession     *session;
  GantryClient    *client;
  GantryPodStore  *store;
  GantryRefresher *refresher;

  /* gantry-application-account.c */
  GantrySecret    *secret;
  GantryKeySource  key_source;
  char            *key_hint;     /* nullable: last four, not in keyring */
  GError          *key_error;    /* nullable: the start-up lookup's */
  gboolean         key_loaded;   /* the start-up lookup is done */
  GCancellable    *cancellable;  /* account work; cancelled at shutdown */
  GSettings       *settings;     /* nullable: no schema installed */
  GtkWindow       *preferences;  /* weak */
};

/* gantry-application-account.c */
void     _gantry_application_class_init_account (GObjectClass      *klass);
/* After the core is made: actions, settings, then the key. */
void     _gantry_application_startup_account    (GantryApplication *self);
/* TRUE once the key is known (or known to be missing): the refresher may
 * start. Until then the window shows its loading page. */
gboolean _gantry_application_key_loaded         (GantryApplication *self);
void     _gantry_application_shutdown_account   (GantryApplication *self);
void     _gantry_application_finalize_account   (GantryApplication *self);

/* gantry-application-background.c: the one place that sets the
 * refresher's intervals, from refresh-interval with a window and slower
 * when watching in the background. Called again when either changes. */
void     _gantry_application_apply_intervals    (GantryApplication *self);

G_END_DECLS
