/* gantry-application-account.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "api/gantry-secret.h"
#include "gantry-application.h"

G_BEGIN_DECLS

/* Where the API key in use came from. */
typedef enum
{
  GANTRY_KEY_SOURCE_NONE,         /* no key: the first-run page */
  GANTRY_KEY_SOURCE_KEYRING,      /* stored in the keyring */
  GANTRY_KEY_SOURCE_ENVIRONMENT,  /* RUNPOD_API_KEY, which overrides it */
  GANTRY_KEY_SOURCE_SESSION,      /* in memory only, until Gantry quits */
} GantryKeySource;

/* The account side of the application (gantry-application-account.c):
 * which key the client uses, where it came from, connecting with a new
 * key and signing out. The key is loaded at start-up, before the first
 * request: RUNPOD_API_KEY when set, else the keyring. The signal
 * ::key-changed tells when the key in use or its source changed. */

GantrySecret    *gantry_application_get_secret     (GantryApplication  *self);
GantryKeySource  gantry_application_get_key_source (GantryApplication  *self);

/* Nullable: the last four characters of a key that is not in the
 * keyring (gantry_secret_describe_async() tells those of a stored one);
 * NULL when the key is too short to show any of it. */
const char      *gantry_application_get_key_hint   (GantryApplication  *self);

/* Nullable: why the stored key could not be read at start-up (a
 * GANTRY_SECRET_ERROR), until a key is connected. */
const GError    *gantry_application_get_key_error  (GantryApplication  *self);

/* Checks @api_key (already cleaned) with RunPod on a client of its own,
 * then, when @remember, stores it in the keyring, and only then makes it
 * the key in use and restarts the refresher. Fails with
 * GANTRY_API_ERROR_UNAUTHORIZED when RunPod rejects the key, another
 * GANTRY_API_ERROR when it could not be checked, or a GANTRY_SECRET_ERROR
 * when the keyring could not store it; on failure nothing changes. */
void     gantry_application_connect_async   (GantryApplication   *self,
                                             const char          *api_key,
                                             gboolean             remember,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean gantry_application_connect_finish  (GantryApplication   *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* Removes the key from the keyring, then forgets it: the client drops
 * it, the refresher stops, the pod store is emptied and the window goes
 * back to the first-run page. When the key in use came from the keyring
 * and stays there (a locked keyring), fails with its GANTRY_SECRET_ERROR
 * and changes nothing. */
void     gantry_application_sign_out_async  (GantryApplication   *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean gantry_application_sign_out_finish (GantryApplication   *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
