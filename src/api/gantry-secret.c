/* gantry-secret.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The API key in the system keyring, through libsecret's password API so
 * that the same code uses the Secret Service on the host and the Secret
 * portal inside the Flatpak. The key is never written anywhere else:
 * when the keyring fails, the caller keeps the key in memory for the
 * session, and nothing here offers a file as a fallback.
 *
 * Each operation first makes sure there is a session bus, so that "no bus
 * at all" reads as NO_SERVICE and not as some I/O error. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "gantry-client.h"
#include "gantry-secret.h"

/* One account per endpoint for now; the attribute leaves room for more. */
#define ACCOUNT "default"

/* Showing four characters of a shorter key would give away too much of
 * it; RunPod's keys are much longer than this. */
#define MIN_LENGTH_TO_SHOW 12

struct _GantrySecret
{
  GObject  parent_instance;

  char    *endpoint;  /* owned */
};

G_DEFINE_FINAL_TYPE (GantrySecret, gantry_secret, G_TYPE_OBJECT)

typedef enum
{
  OP_READ,
  OP_SAVE,
  OP_REMOVE,
} Operation;

typedef void (*Step) (GTask *task);

/* The task data of every operation. */
typedef struct
{
  Operation          op;
  Step               next;     /* runs once the session bus is there */
  char              *api_key;  /* owned, nullable, wiped: the key to store */
  SecretRetrievable *item;     /* owned, nullable: the item found */
} Request;

G_DEFINE_QUARK (gantry-secret-error-quark, gantry_secret_error)

/* What each failure means for the person, by operation. */
static const struct
{
  const char *locked;
  const char *failed;  /* %s: what the keyring said */
} messages[] = {
  [OP_READ] = {
    N_("The keyring is locked, so your saved API key cannot be read. "
       "Unlock the keyring and try again."),
    N_("Your saved API key could not be read from the keyring: %s"),
  },
  [OP_SAVE] = {
    N_("The keyring is locked, so your API key cannot be saved in it. "
       "Unlock the keyring and try again."),
    N_("Your API key could not be saved in the keyring: %s"),
  },
  [OP_REMOVE] = {
    N_("The keyring is locked, so your API key cannot be removed from it. "
       "Unlock the keyring and try again."),
    N_("Your API key could not be removed from the keyring: %s"),
  },
};

/* The endpoint is an attribute so that a key for the simulator or any
 * other GANTRY_API_URL is a separate item from the real one: a demo never
 * replaces a person's key, and the real key is never sent to whatever
 * server GANTRY_API_URL points at. A future endpoint for the same account
 * can still find the old item by asking for the old endpoint value. */
static const SecretSchema schema = {
  .name = "io.github.gantry_app.Gantry.ApiKey",
  .flags = SECRET_SCHEMA_NONE,
  .attributes = {
    { .name = "endpoint", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = "account", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
    { .name = NULL, .type = 0 },
  },
};

/* Keys in memory */

void
gantry_secret_free_key (char *key)
{
  /* Wipes, then frees with g_free(). */
  secret_password_free (key);
}

void
gantry_secret_info_free (GantrySecretInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->label);
  g_free (info->last_four);
  g_free (info);
}

static void
trim (const char **start,
      const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

char *
gantry_secret_clean_key (const char *pasted)
{
  const char *start;
  const char *end;

  g_return_val_if_fail (pasted != NULL, NULL);

  start = pasted;
  end = pasted + strlen (pasted);
  trim (&start, &end);

  /* One pair of matching quotes, then whatever space they held. */
  if (end - start >= 2 && (*start == '"' || *start == '\'')
      && end[-1] == *start)
    {
      start++;
      end--;
      trim (&start, &end);
    }

  if (start == end)
    return NULL;

  return g_strndup (start, end - start);
}

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_pointer (&request->api_key, gantry_secret_free_key);
  g_clear_object (&request->item);
  g_free (request);
}

/* Errors */

static gboolean
is_no_service (const GError *error)
{
  if (error->domain != G_DBUS_ERROR)
    return FALSE;

  switch (error->code)
    {
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_NO_SERVER:
    case G_DBUS_ERROR_DISCONNECTED:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_FORK_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
      return TRUE;
    default:
      return FALSE;
    }
}

/* gnome-keyring answers this way when it has no default collection and
 * its prompt to create one was refused or could not be shown. */
static gboolean
is_no_collection (const GError *error)
{
  return g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD)
         || g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT);
}

static GError *
no_service_error (void)
{
  return g_error_new_literal (GANTRY_SECRET_ERROR,
                              GANTRY_SECRET_ERROR_NO_SERVICE,
                              _("No keyring service is available, so your "
                                "API key cannot be remembered after Gantry "
                                "quits."));
}

static GError *
locked_error (Operation op)
{
  return g_error_new_literal (GANTRY_SECRET_ERROR,
                              GANTRY_SECRET_ERROR_LOCKED,
                              _(messages[op].locked));
}

static GError *
failed_error (Operation     op,
              const GError *cause)
{
  g_autoptr (GError) stripped = g_error_copy (cause);

  /* "GDBus.Error:org.freedesktop…: " means nothing to a person. */
  g_dbus_error_strip_remote_error (stripped);

  return g_error_new (GANTRY_SECRET_ERROR, GANTRY_SECRET_ERROR_FAILED,
                      _(messages[op].failed), stripped->message);
}

/* Turns what libsecret said into what the person is told. */
static GError *
map_error (Operation     op,
           const GError *error)
{
  g_debug ("Keyring operation %d failed: %s (%s, %d)", op, error->message,
           g_quark_to_string (error->domain), error->code);

  /* The caller's own cancellation reaches it as such anyway (GTask sees
   * to that); any other is a prompt that was dismissed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return locked_error (op);
  if (is_no_service (error))
    return no_service_error ();
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return locked_error (op);
  if (op == OP_SAVE && is_no_collection (error))
    return g_error_new_literal (GANTRY_SECRET_ERROR,
                                GANTRY_SECRET_ERROR_FAILED,
                                _("Your API key could not be saved because "
                                  "the keyring has no default collection. "
                                  "Create one in Passwords and Keys, then "
                                  "try again."));

  return failed_error (op, error);
}

static void
return_error (GTask        *task,
              const GError *error)
{
  Request *request = g_task_get_task_data (task);

  g_task_return_error (task, map_error (request->op, error));
}

/* The steps */

static GHashTable *
build_attributes (GTask *task)
{
  GantrySecret *self = g_task_get_source_object (task);

  return secret_attributes_build (&schema,
                                  "endpoint", self->endpoint,
                                  "account", ACCOUNT,
                                  NULL);
}

static void
on_bus_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GError) error = NULL;
  Request *request = g_task_get_task_data (task);

  bus = g_bus_get_finish (result, &error);
  if (bus == NULL)
    {
      g_debug ("No session bus for the keyring: %s", error->message);
      g_task_return_error (task, no_service_error ());
      return;
    }

  request->next (g_steal_pointer (&task));
}

static GTask *
start (GantrySecret        *self,
       gpointer             source_tag,
       Operation            op,
       Step                 next,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Request *request = g_new0 (Request, 1);

  request->op = op;
  request->next = next;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, request, request_free);

  return task;
}

static void
run (GTask *task)
{
  g_bus_get (G_BUS_TYPE_SESSION, g_task_get_cancellable (task),
             on_bus_cb, task);
}

/* Lookup and describe: find the item, then read its secret. */

static void
on_retrieved_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (SecretValue) value = NULL;
  g_autoptr (GError) error = NULL;
  SecretRetrievable *item = SECRET_RETRIEVABLE (source);
  const char *text;

  value = secret_retrievable_retrieve_secret_finish (item, result, &error);
  if (value == NULL)
    {
      return_error (task, error);
      return;
    }

  /* An empty or non-text secret is no key that could be used. */
  text = secret_value_get_text (value);
  if (text == NULL || *text == '\0')
    {
      g_debug ("The stored API key is empty or not text");
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  g_task_return_pointer (task, g_strdup (text),
                         (GDestroyNotify) gantry_secret_free_key);
}

static void
on_searched_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GList *items;
  Request *request = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }
  if (items == NULL)
    {
      g_debug ("No API key stored");
      g_task_return_pointer (task, NULL, NULL);
      return;
    }

  request->item = g_object_ref (items->data);
  g_list_free_full (items, g_object_unref);
  secret_retrievable_retrieve_secret (request->item, cancellable,
                                      on_retrieved_cb,
                                      g_steal_pointer (&task));
}

static void
find_item (GTask *task)
{
  g_autoptr (GHashTable) attributes = build_attributes (task);

  /* A locked keyring is asked to unlock; if it stays locked, reading the
   * secret fails with IS_LOCKED rather than finding nothing. */
  secret_password_searchv (&schema, attributes, SECRET_SEARCH_UNLOCK,
                           g_task_get_cancellable (task),
                           on_searched_cb, task);
}

void
gantry_secret_lookup_async (GantrySecret        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (GANTRY_IS_SECRET (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run (start (self, gantry_secret_lookup_async, OP_READ, find_item,
              cancellable, callback, user_data));
}

char *
gantry_secret_lookup_finish (GantrySecret  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (GANTRY_IS_SECRET (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == gantry_secret_lookup_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
gantry_secret_describe_async (GantrySecret        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GANTRY_IS_SECRET (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run (start (self, gantry_secret_describe_async, OP_READ, find_item,
              cancellable, callback, user_data));
}

GantrySecretInfo *
gantry_secret_describe_finish (GantrySecret  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr (GantrySecretKey) key = NULL;
  GantrySecretInfo *info;
  Request *request;
  glong length;

  g_return_val_if_fail (GANTRY_IS_SECRET (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == gantry_secret_describe_async, NULL);

  key = g_task_propagate_pointer (G_TASK (result), error);
  if (key == NULL)
    return NULL;

  request = g_task_get_task_data (G_TASK (result));
  info = g_new0 (GantrySecretInfo, 1);
  info->label = secret_retrievable_get_label (request->item);
  length = g_utf8_strlen (key, -1);
  if (length >= MIN_LENGTH_TO_SHOW)
    info->last_four = g_strdup (g_utf8_offset_to_pointer (key, length - 4));

  return info;
}

/* Store */

static char *
make_label (GantrySecret *self)
{
  if (g_strcmp0 (self->endpoint, GANTRY_DEFAULT_API_URL) == 0)
    /* Translators: the name of the keyring item, shown in Passwords and
     * Keys (Seahorse). */
    return g_strdup (_("RunPod API key for Gantry"));

  /* Translators: the same keyring item for another server than RunPod's
   * own (a test server); %s is its address. */
  return g_strdup_printf (_("RunPod API key for Gantry (%s)"),
                          self->endpoint);
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GantrySecret *self = g_task_get_source_object (task);

  if (!secret_password_store_finish (result, &error))
    {
      return_error (task, error);
      return;
    }

  g_debug ("Stored the API key for %s", self->endpoint);
  g_task_return_boolean (task, TRUE);
}

static void
store_key (GTask *task)
{
  g_autoptr (GHashTable) attributes = build_attributes (task);
  g_autofree char *label = make_label (g_task_get_source_object (task));
  Request *request = g_task_get_task_data (task);

  secret_password_storev (&schema, attributes, SECRET_COLLECTION_DEFAULT,
                          label, request->api_key,
                          g_task_get_cancellable (task),
                          on_stored_cb, task);

  /* libsecret has its own copy now. */
  g_clear_pointer (&request->api_key, gantry_secret_free_key);
}

void
gantry_secret_store_async (GantrySecret        *self,
                           const char          *api_key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Request *request;

  g_return_if_fail (GANTRY_IS_SECRET (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = start (self, gantry_secret_store_async, OP_SAVE, store_key,
                cancellable, callback, user_data);
  request = g_task_get_task_data (task);
  request->api_key = g_strdup (api_key);
  run (task);
}

gboolean
gantry_secret_store_finish (GantrySecret  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (GANTRY_IS_SECRET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == gantry_secret_store_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Clear: unlock, remove the item, then make sure that none is left. */

static void
on_checked_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  /* libsecret reports nothing when a locked item could not be deleted:
   * an item still there is one the keyring kept locked. */
  if (items != NULL)
    {
      g_list_free_full (items, g_object_unref);
      g_debug ("The API key is still in the keyring after clearing it");
      g_task_return_error (task, locked_error (OP_REMOVE));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_cleared_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  g_debug ("Cleared the API key: %s", removed ? "removed" : "none found");
  attributes = build_attributes (task);
  secret_password_searchv (&schema, attributes, SECRET_SEARCH_ALL,
                           cancellable, on_checked_cb,
                           g_steal_pointer (&task));
}

static void
on_unlocked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GHashTable) attributes = NULL;
  g_autoptr (GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      return_error (task, error);
      return;
    }

  g_list_free_full (items, g_object_unref);
  attributes = build_attributes (task);
  secret_password_clearv (&schema, attributes, cancellable,
                          on_cleared_cb, g_steal_pointer (&task));
}

static void
clear_key (GTask *task)
{
  g_autoptr (GHashTable) attributes = build_attributes (task);

  /* Clearing alone would not ask a locked keyring to unlock. */
  secret_password_searchv (&schema, attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK,
                           g_task_get_cancellable (task),
                           on_unlocked_cb, task);
}

void
gantry_secret_clear_async (GantrySecret        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (GANTRY_IS_SECRET (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  run (start (self, gantry_secret_clear_async, OP_REMOVE, clear_key,
              cancellable, callback, user_data));
}

gboolean
gantry_secret_clear_finish (GantrySecret  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (GANTRY_IS_SECRET (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == gantry_secret_clear_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The object */

GantrySecret *
gantry_secret_new (const char *endpoint)
{
  GantrySecret *self;

  g_return_val_if_fail (endpoint != NULL && *endpoint != '\0', NULL);

  self = g_object_new (GANTRY_TYPE_SECRET, NULL);
  self->endpoint = g_strdup (endpoint);

  return self;
}

const char *
gantry_secret_get_endpoint (GantrySecret *self)
{
  g_return_val_if_fail (GANTRY_IS_SECRET (self), NULL);

  return self->endpoint;
}

static void
gantry_secret_finalize (GObject *object)
{
  GantrySecret *self = GANTRY_SECRET (object);

  g_clear_pointer (&self->endpoint, g_free);

  G_OBJECT_CLASS (gantry_secret_parent_class)->finalize (object);
}

static void
gantry_secret_class_init (GantrySecretClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gantry_secret_finalize;
}

static void
gantry_secret_init (GantrySecret *self)
{
}
