/* gantry-secret.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GANTRY_SECRET_ERROR (gantry_secret_error_quark ())

/**
 * GantrySecretError:
 * @GANTRY_SECRET_ERROR_NO_SERVICE: no session bus, or nothing on it
 *   provides the Secret Service: the key cannot be remembered at all
 * @GANTRY_SECRET_ERROR_LOCKED: the keyring is locked and stayed locked
 *   (the unlock prompt was refused, dismissed or could not be shown)
 * @GANTRY_SECRET_ERROR_FAILED: anything else; the message says what
 *
 * Every error from this file is one of these, with a translated message
 * for the person, except G_IO_ERROR_CANCELLED when the caller's own
 * cancellable was cancelled (show nothing for that).
 */
typedef enum
{
  GANTRY_SECRET_ERROR_NO_SERVICE,
  GANTRY_SECRET_ERROR_LOCKED,
  GANTRY_SECRET_ERROR_FAILED,
} GantrySecretError;

GQuark gantry_secret_error_quark (void);

/* An API key in memory: a plain string that gantry_secret_free_key() wipes
 * before freeing. The typedef only exists for g_autoptr (GantrySecretKey). */
typedef char GantrySecretKey;

void   gantry_secret_free_key   (char       *key);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GantrySecretKey, gantry_secret_free_key)

/* What Preferences → Account shows about the stored key. */
typedef struct
{
  char *label;      /* the keyring item's label, as Seahorse shows it */
  char *last_four;  /* nullable: the key's last four characters; NULL
                     * when the key is too short to show any of it */
} GantrySecretInfo;

void   gantry_secret_info_free  (GantrySecretInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GantrySecretInfo, gantry_secret_info_free)

/* A pasted key without surrounding whitespace (newlines included) and
 * without one pair of matching surrounding quotes ('…' or "…"). Returns
 * NULL when nothing is left. Free with gantry_secret_free_key(). */
char  *gantry_secret_clean_key  (const char *pasted);

#define GANTRY_TYPE_SECRET (gantry_secret_get_type ())

G_DECLARE_FINAL_TYPE (GantrySecret, gantry_secret, GANTRY, SECRET, GObject)

/* The keyring item of the key for @endpoint (gantry_client_get_endpoint()).
 * Keys for different endpoints are separate items. Works through the
 * Secret Service, or through the Secret portal inside the Flatpak. */
GantrySecret     *gantry_secret_new             (const char          *endpoint);

const char       *gantry_secret_get_endpoint    (GantrySecret        *self);

/* The stored key. Returns NULL with @error unset when no key is stored
 * (first run). A locked keyring is asked to unlock itself first. */
void              gantry_secret_lookup_async    (GantrySecret        *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char             *gantry_secret_lookup_finish   (GantrySecret        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Stores @api_key (already cleaned and checked), replacing any key stored
 * before for the same endpoint. @api_key is copied at once. */
void              gantry_secret_store_async     (GantrySecret        *self,
                                                 const char          *api_key,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean          gantry_secret_store_finish    (GantrySecret        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Signs out: removes the stored key. TRUE once no key is stored any more,
 * including when none was; an item that stays behind (locked keyring) is
 * GANTRY_SECRET_ERROR_LOCKED. */
void              gantry_secret_clear_async     (GantrySecret        *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean          gantry_secret_clear_finish    (GantrySecret        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* The label and last four characters of the stored key. Returns NULL with
 * @error unset when no key is stored. */
void              gantry_secret_describe_async  (GantrySecret        *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GantrySecretInfo *gantry_secret_describe_finish (GantrySecret        *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
