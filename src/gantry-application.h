/* gantry-application.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "model/gantry-refresher.h"

G_BEGIN_DECLS

#define GANTRY_TYPE_APPLICATION (gantry_application_get_type ())

/* Owns what outlives a window: the one SoupSession, the client, the pod
 * store and the refresher (all made in startup). */
G_DECLARE_FINAL_TYPE (GantryApplication, gantry_application,
                      GANTRY, APPLICATION, AdwApplication)

GantryApplication *gantry_application_new           (void);

/* NULL before startup. */
GantryClient      *gantry_application_get_client    (GantryApplication *self);
GantryPodStore    *gantry_application_get_store     (GantryApplication *self);
GantryRefresher   *gantry_application_get_refresher (GantryApplication *self);

G_END_DECLS
