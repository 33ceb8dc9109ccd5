/* gantry-create-dialog.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "api/gantry-client.h"
#include "model/gantry-pod-store.h"

G_BEGIN_DECLS

#define GANTRY_TYPE_CREATE_DIALOG (gantry_create_dialog_get_type ())

/* The Create Pod dialog: GPU, Pod, Pricing and Review steps, then the
 * create mutation. On success it puts the new pod into @store (when
 * given), emits ::pod-created (GantryPod *pod, const char *message: what
 * to tell the person, for a toast) and closes. On failure it stays open
 * with every input, the server's words and a suggested next move. */
G_DECLARE_FINAL_TYPE (GantryCreateDialog, gantry_create_dialog,
                      GANTRY, CREATE_DIALOG, AdwWindow)

GantryCreateDialog *gantry_create_dialog_new (GtkWindow      *parent,
                                              GantryClient   *client,
                                              GantryPodStore *store);

G_END_DECLS
