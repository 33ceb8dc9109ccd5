/* gantry-account.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define GANTRY_TYPE_ACCOUNT (gantry_account_get_type ())

G_DECLARE_FINAL_TYPE (GantryAccount, gantry_account, GANTRY, ACCOUNT, GObject)

/* Parses `myself`. A null `myself` is not parsed here: the client turns it
 * into GANTRY_API_ERROR_UNAUTHORIZED. */
GantryAccount *gantry_account_new_from_json     (JsonObject    *object,
                                                 GError       **error);
gboolean       gantry_account_update_from       (GantryAccount *self,
                                                 GantryAccount *other);

const char    *gantry_account_get_id            (GantryAccount *self);
/* Dollars; negative when unknown. */
double         gantry_account_get_balance       (GantryAccount *self);
double         gantry_account_get_spend_per_hr  (GantryAccount *self);

G_END_DECLS
