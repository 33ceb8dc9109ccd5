/* gantry-account-page.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GANTRY_TYPE_ACCOUNT_PAGE (gantry_account_page_get_type ())

/* Connecting a RunPod account: what an API key is and where to create
 * one, an entry for it and a Connect button. The pasted key is cleaned,
 * checked with RunPod, stored in the keyring and only then used; the
 * page says why when RunPod rejects it, when it could not be checked
 * (with Retry), and when the keyring cannot keep it (with the choice to
 * use it for this session only). It works through the GantryApplication
 * of the window it is in.
 *
 * In the main window's first-run page it also says why the person is
 * there (the key stopped working, the keyring could not be read); with
 * the construct-only property "replacing" it replaces the key in use
 * instead (Preferences). Signal ::connected once a key is in use. */
G_DECLARE_FINAL_TYPE (GantryAccountPage, gantry_account_page,
                      GANTRY, ACCOUNT_PAGE, AdwBin)

GtkWidget *gantry_account_page_new           (gboolean           replacing);

gboolean   gantry_account_page_get_replacing (GantryAccountPage *self);

G_END_DECLS
