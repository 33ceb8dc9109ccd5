/* gantry-application-account.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The account side of the application: the API key from the environment
 * or the keyring at start-up, connecting with a new key (checked with
 * RunPod before it is stored), Sign Out, and the Preferences window with
 * the settings it applies. The key itself lives only in the client, in
 * the keyring and, for a moment, in the task that checks it: every copy
 * here is wiped when dropped, and none is ever logged. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-application-private.h"
#include "ui/gantry-preferences.h"
#include "ui/gantry-window.h"
#include "gantry-settings.h"

/* As gantry-secret.c: four characters of a shorter key give too much of
 * it away. */
#define MIN_LENGTH_TO_SHOW 12

enum {
  KEY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const source_names[] = {
  [GANTRY_KEY_SOURCE_NONE] = "none",
  [GANTRY_KEY_SOURCE_KEYRING] = "the keyring",
  [GANTRY_KEY_SOURCE_ENVIRONMENT] = "RUNPOD_API_KEY",
  [GANTRY_KEY_SOURCE_SESSION] = "this session only",
};

typedef struct
{
  GantryClient  *checker;  /* owned: a client of its own for the check */
  char          *api_key;  /* owned, wiped */
  gboolean       remember;
  GantryAccount *account;  /* owned, nullable: what the check returned */
} Connect;

static void
connect_free (gpointer data)
{
  Connect *connect = data;

  g_clear_object (&connect->checker);
  g_clear_pointer (&connect->api_key, gantry_secret_free_key);
  g_clear_object (&connect->account);
  g_free (connect);
}

/* The key in use */

static char *
dup_last_four (const char *api_key)
{
  glong length = g_utf8_strlen (api_key, -1);

  if (length < MIN_LENGTH_TO_SHOW)
    return NULL;

  return g_strdup (g_utf8_offset_to_pointer (api_key, length - 4));
}

static void
set_key (GantryApplication *self,
         const char        *api_key,
         GantryKeySource    source)
{
  GAction *sign_out;

  g_assert ((api_key == NULL) == (source == GANTRY_KEY_SOURCE_NONE));

  gantry_client_set_api_key (self->client, api_key);
  self->key_source = source;
  g_clear_pointer (&self->key_hint, g_free);
  if (api_key != NULL && source != GANTRY_KEY_SOURCE_KEYRING)
    self->key_hint = dup_last_four (api_key);

  sign_out = g_action_map_lookup_action (G_ACTION_MAP (self), "sign-out");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (sign_out),
                               source != GANTRY_KEY_SOURCE_NONE);

  g_debug ("API key in use: %s", source_names[source]);
  g_signal_emit (self, signals[KEY_CHANGED], 0);
}

static void
empty_store (GantryApplication *self)
{
  g_autoptr (GPtrArray) none = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0)
    return;

  none = g_ptr_array_new ();
  gantry_pod_store_update (self->store, none);
}

/* The key that was just checked (and stored, when it is to be
 * remembered) becomes the one in use. */
static void
use_checked_key (GantryApplication *self,
                 Connect           *connect,
                 GantryKeySource    source)
{
  GantryAccount *previous = gantry_refresher_get_account (self->refresher);
  gboolean same_account;

  /* A key for another account must not show the old account's pods for
   * a moment; a new key for the same account keeps the list as it is. */
  same_account = previous != NULL
                 && g_strcmp0 (gantry_account_get_id (previous),
                               gantry_account_get_id (connect->account)) == 0;

  g_clear_error (&self->key_error);
  set_key (self, connect->api_key, source);
  /* Starting over cancels what was in flight with the old key, and the
   * window shows its loading page rather than "no pods" until the list
   * of the new key comes. */
  gantry_refresher_start (self->refresher);
  if (!same_account)
    empty_store (self);
}

/* Forgets the key. Starting the refresher without one cancels what was
 * in flight and takes it straight to SIGNED_OUT, and the window to its
 * first-run page. */
static void
forget_key (GantryApplication *self)
{
  g_clear_error (&self->key_error);
  set_key (self, NULL, GANTRY_KEY_SOURCE_NONE);
  gantry_refresher_start (self->refresher);
  empty_store (self);
}

/* Start-up */

static void
on_key_looked_up_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GantryApplication) self = user_data;
  g_autoptr (GantrySecretKey) key = NULL;
  g_autoptr (GError) error = NULL;

  key = gantry_secret_lookup_finish (GANTRY_SECRET (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->key_loaded = TRUE;
  if (key != NULL)
    {
      g_debug ("Found the API key in the keyring");
      set_key (self, key, GANTRY_KEY_SOURCE_KEYRING);
    }
  else if (error != NULL)
    {
      g_debug ("Could not read the keyring: %s", error->message);
      self->key_error = g_steal_pointer (&error);
    }
  else
    {
      g_debug ("No API key in the keyring");
    }

  /* Without a key, this shows the first-run page. */
  if (gantry_refresher_get_state (self->refresher) == GANTRY_REFRESHER_IDLE)
    gantry_refresher_start (self->refresher);
}

static void
load_key (GantryApplication *self)
{
  const char *variable = g_getenv ("RUNPOD_API_KEY");
  g_autoptr (GantrySecretKey) key = NULL;

  if (variable != NULL)
    key = gantry_secret_clean_key (variable);

  /* The environment overrides the keyring, which is then not read. */
  if (key != NULL)
    {
      g_debug ("Using the API key from RUNPOD_API_KEY");
      set_key (self, key, GANTRY_KEY_SOURCE_ENVIRONMENT);
      self->key_loaded = TRUE;
      return;
    }

  g_debug ("Looking up the API key in the keyring");
  gantry_secret_lookup_async (self->secret, self->cancellable,
                              on_key_looked_up_cb, g_object_ref (self));
}

gboolean
_gantry_application_key_loaded (GantryApplication *self)
{
  return self->key_loaded;
}

/* Connect */

static void
on_key_stored_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GantryApplication *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!gantry_secret_store_finish (GANTRY_SECRET (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  use_checked_key (self, g_task_get_task_data (task),
                   GANTRY_KEY_SOURCE_KEYRING);
  g_task_return_boolean (task, TRUE);
}

static void
on_key_checked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GantryApplication *self = g_task_get_source_object (task);
  Connect *connect = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;

  connect->account = gantry_client_get_account_finish (GANTRY_CLIENT (source),
                                                       result, &error);
  if (connect->account == NULL)
    {
      g_debug ("The new API key did not pass the check: %s", error->message);
      g_task_return_error (task, error);
      return;
    }

  g_clear_object (&connect->checker);
  if (!connect->remember)
    {
      use_checked_key (self, connect, GANTRY_KEY_SOURCE_SESSION);
      g_task_return_boolean (task, TRUE);
      return;
    }

  gantry_secret_store_async (self->secret, connect->api_key, cancellable,
                             on_key_stored_cb, g_steal_pointer (&task));
}

void
gantry_application_connect_async (GantryApplication   *self,
                                  const char          *api_key,
                                  gboolean             remember,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  Connect *connect;
  const char *endpoint;

  g_return_if_fail (GANTRY_IS_APPLICATION (self));
  g_return_if_fail (api_key != NULL && *api_key != '\0');
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gantry_application_connect_async);

  /* The client in use keeps its key until the new one has passed. */
  connect = g_new0 (Connect, 1);
  connect->api_key = g_strdup (api_key);
  connect->remember = remember;
  endpoint = gantry_client_get_endpoint (self->client);
  connect->checker = gantry_client_new (self->session, endpoint);
  gantry_client_set_api_key (connect->checker, api_key);
  g_task_set_task_data (task, connect, connect_free);

  g_debug ("Checking a new API key");
  gantry_client_get_account_async (connect->checker, cancellable,
                                   on_key_checked_cb, task);
}

gboolean
gantry_application_connect_finish (GantryApplication  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == gantry_application_connect_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sign out */

static void
on_key_cleared_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  g_autoptr (GError) error = NULL;
  GantryApplication *self = g_task_get_source_object (task);
  gboolean stored = self->key_source == GANTRY_KEY_SOURCE_KEYRING;

  /* A key that stays in the keyring would sign the person back in at
   * the next start: say so, and stay signed in so they can try again.
   * A key from elsewhere is forgotten whatever the keyring says. */
  if (!gantry_secret_clear_finish (GANTRY_SECRET (source), result, &error))
    {
      g_debug ("Could not clear the keyring: %s", error->message);
      if (stored || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_debug ("Signed out");
  forget_key (self);
  g_task_return_boolean (task, TRUE);
}

void
gantry_application_sign_out_async (GantryApplication   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GANTRY_IS_APPLICATION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gantry_application_sign_out_async);
  gantry_secret_clear_async (self->secret, cancellable,
                             on_key_cleared_cb, task);
}

gboolean
gantry_application_sign_out_finish (GantryApplication  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == gantry_application_sign_out_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The app.sign-out action: confirm, sign out, say how it went */

static GtkWindow *
find_main_window (GantryApplication *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    {
      if (GANTRY_IS_WINDOW (l->data))
        return l->data;
    }

  return NULL;
}

static void
on_signed_out_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GantryApplication *self = GANTRY_APPLICATION (source);
  g_autoptr (GtkWindow) parent = user_data;
  g_autoptr (GError) error = NULL;
  GtkWindow *window;
  GtkWindow *parent_window;
  GtkWidget *dialog;

  if (gantry_application_sign_out_finish (self, result, &error))
    {
      if (self->preferences != NULL)
        gtk_window_destroy (self->preferences);
      window = find_main_window (self);
      if (window != NULL)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s",
                                    _("Signed out"));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Preferences may have closed in the meantime. */
  if (parent == NULL || !gtk_widget_get_visible (GTK_WIDGET (parent)))
    parent_window = find_main_window (self);
  else
    parent_window = parent;
  dialog = adw_message_dialog_new (parent_window, _("Could Not Sign Out"),
                                   error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_sign_out_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  GantryApplication *self = GANTRY_APPLICATION (user_data);
  GtkWindow *parent = g_object_get_data (G_OBJECT (dialog), "parent");

  if (g_strcmp0 (response, "sign-out") != 0)
    return;

  gantry_application_sign_out_async (self, self->cancellable,
                                     on_signed_out_cb,
                                     parent ? g_object_ref (parent) : NULL);
}

/* What signing out does depends on where the key came from. */
static const char *
sign_out_body (GantryApplication *self)
{
  if (self->key_source == GANTRY_KEY_SOURCE_ENVIRONMENT)
    return _("Gantry stops using the API key from the RUNPOD_API_KEY "
             "environment variable and stops showing your pods. Started "
             "again with the variable set, it uses the key again. The key "
             "stays valid on RunPod: revoke it in the RunPod console if you "
             "no longer need it.");
  if (self->key_source == GANTRY_KEY_SOURCE_SESSION)
    return _("Gantry forgets the API key it uses for this session and stops "
             "showing your pods. The key stays valid on RunPod: revoke it "
             "in the RunPod console if you no longer need it.");

  return _("Gantry removes your API key from the keyring and stops showing "
           "your pods. The key stays valid on RunPod: revoke it in the "
           "RunPod console if you no longer need it.");
}

static void
sign_out_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (parent, _("Sign Out?"),
                                   sign_out_body (GANTRY_APPLICATION (app)));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         "cancel");
  /* The dialog is gone by the time the answer comes, and with it its
   * transient parent: an error goes to the same window. */
  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "parent",
                            g_object_ref (parent), g_object_unref);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_sign_out_response_cb), app, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Preferences */

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GantryApplication *self = GANTRY_APPLICATION (user_data);
  GtkWindow *parent;

  if (self->preferences == NULL)
    {
      parent = find_main_window (self);
      g_set_weak_pointer (&self->preferences,
                          GTK_WINDOW (gantry_preferences_new (self)));
      gtk_window_set_transient_for (self->preferences, parent);
    }

  gtk_window_present (self->preferences);
}


/* The application's hooks */

static const GActionEntry account_actions[] = {
  { .name = "preferences", .activate = preferences_cb },
  { .name = "sign-out", .activate = sign_out_cb },
};

void
_gantry_application_class_init_account (GObjectClass *klass)
{
  /**
   * GantryApplication::key-changed:
   *
   * The key in use, or where it came from, changed: connected, replaced
   * or signed out.
   */
  signals[KEY_CHANGED] =
    g_signal_new ("key-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

void
_gantry_application_startup_account (GantryApplication *self)
{
  const char *preferences_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), account_actions,
                                   G_N_ELEMENTS (account_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                         "app.preferences",
                                         preferences_accels);

  self->cancellable = g_cancellable_new ();
  self->secret = gantry_secret_new (gantry_client_get_endpoint (self->client));
  self->settings = gantry_settings_try_new ("the refresh interval is not kept");
  if (self->settings != NULL)
    {
      _gantry_application_apply_intervals (self);
      g_signal_connect_object (self->settings, "changed::refresh-interval",
                               G_CALLBACK (_gantry_application_apply_intervals),
                               self, G_CONNECT_SWAPPED);
    }

  set_key (self, NULL, GANTRY_KEY_SOURCE_NONE);
  load_key (self);
}

void
_gantry_application_shutdown_account (GantryApplication *self)
{
  g_cancellable_cancel (self->cancellable);
  if (self->preferences != NULL)
    gtk_window_destroy (self->preferences);
}

void
_gantry_application_finalize_account (GantryApplication *self)
{
  g_clear_weak_pointer (&self->preferences);
  g_clear_object (&self->settings);
  g_clear_object (&self->secret);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->key_hint, g_free);
  g_clear_error (&self->key_error);
}

/* Getters */

GantrySecret *
gantry_application_get_secret (GantryApplication *self)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), NULL);

  return self->secret;
}

GantryKeySource
gantry_application_get_key_source (GantryApplication *self)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), GANTRY_KEY_SOURCE_NONE);

  return self->key_source;
}

const char *
gantry_application_get_key_hint (GantryApplication *self)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), NULL);

  return self->key_hint;
}

const GError *
gantry_application_get_key_error (GantryApplication *self)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), NULL);

  return self->key_error;
}
