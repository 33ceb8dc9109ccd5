/* gantry-create-dialog-send.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Sending the create, and what happens after. A create is never retried
 * by itself: RunPod sometimes reports an error for a pod it did create,
 * and a timeout or a 5xx says nothing either way. So after any failure
 * that may hide a created pod, the pod list is read again, and a pod with
 * the name just sent that was not there before counts as created. When
 * none appeared, gantry-create-dialog-failure.c says what went wrong. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-create-dialog-private.h"

static gboolean
may_have_happened (const GError *error)
{
  return error->domain == GANTRY_API_ERROR &&
         (error->code == GANTRY_API_ERROR_TIMEOUT ||
          error->code == GANTRY_API_ERROR_SERVER ||
          error->code == GANTRY_API_ERROR_NETWORK ||
          error->code == GANTRY_API_ERROR_INVALID_RESPONSE ||
          error->code == GANTRY_API_ERROR_GRAPHQL);
}

static void
succeed (GantryCreateDialog *self,
         GantryPod          *pod,
         gboolean            despite_error)
{
  g_autofree char *message = NULL;
  GantryPod *shown = pod;

  self->busy = FALSE;
  if (self->store != NULL)
    {
      gantry_pod_store_update_one (self->store, pod);
      shown = gantry_pod_store_lookup (self->store, gantry_pod_get_id (pod));
      g_assert (shown != NULL);
    }

  if (despite_error)
    message = g_strdup_printf (_("RunPod reported a problem, but “%s” was "
                                 "created and is starting"),
                               gantry_pod_get_display_name (shown));
  else
    message = g_strdup_printf (_("“%s” is starting"),
                               gantry_pod_get_display_name (shown));

  _gantry_create_dialog_clear_draft (self);
  _gantry_create_dialog_emit_created (self, shown, message);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The re-read after an unclear failure */

typedef struct
{
  GantryCreateDialog *dialog;  /* owned */
  GError             *error;   /* owned: the create's */
} Reread;

static void
reread_free (Reread *reread)
{
  g_object_unref (reread->dialog);
  g_error_free (reread->error);
  g_free (reread);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reread, reread_free)

static GantryPod *
find_new_pod (GantryCreateDialog *self,
              GPtrArray          *pods)
{
  for (guint i = 0; i < pods->len; i++)
    {
      GantryPod *pod = g_ptr_array_index (pods, i);

      if (g_strcmp0 (gantry_pod_get_name (pod), self->sent_name) == 0 &&
          !g_hash_table_contains (self->known_ids, gantry_pod_get_id (pod)) &&
          gantry_pod_get_status (pod) != GANTRY_POD_STATUS_TERMINATED)
        return pod;
    }

  return NULL;
}

static void
on_reread_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (Reread) reread = user_data;
  GantryCreateDialog *self = reread->dialog;
  g_autoptr (GPtrArray) pods = NULL;
  GantryPod *pod;

  pods = gantry_client_list_pods_finish (GANTRY_CLIENT (source), result,
                                         NULL, NULL);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  pod = pods != NULL ? find_new_pod (self, pods) : NULL;
  if (pod != NULL)
    succeed (self, pod, TRUE);
  else
    _gantry_create_dialog_fail (self, reread->error, pods != NULL);
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GantryCreateDialog) self = user_data;
  g_autoptr (GantryPod) pod = NULL;
  g_autoptr (GError) error = NULL;
  Reread *reread;

  pod = gantry_client_create_pod_finish (GANTRY_CLIENT (source), result,
                                         &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (pod != NULL)
    {
      succeed (self, pod, FALSE);
      return;
    }

  if (!may_have_happened (error))
    {
      _gantry_create_dialog_fail (self, error, TRUE);
      return;
    }

  reread = g_new0 (Reread, 1);
  reread->dialog = g_object_ref (self);
  reread->error = g_steal_pointer (&error);
  gantry_client_list_pods_async (self->client, self->cancellable,
                                 on_reread_cb, reread);
}

/* Create */

static void
remember_known_ids (GantryCreateDialog *self)
{
  guint n;

  g_hash_table_remove_all (self->known_ids);
  if (self->store == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (
                                    G_LIST_MODEL (self->store), i);

      if (g_strcmp0 (gantry_pod_get_name (pod), self->sent_name) == 0)
        g_hash_table_add (self->known_ids,
                          g_strdup (gantry_pod_get_id (pod)));
    }
}

void
_gantry_create_dialog_create (GantryCreateDialog *self)
{
  GtkSpinButton *spins[] = { self->disk_spin, self->volume_spin,
                             self->vcpu_spin, self->memory_spin,
                             self->bid_spin };
  g_autofree char *reason = NULL;

  if (self->busy)
    return;

  /* A number still being typed counts. */
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    gtk_spin_button_update (spins[i]);
  _gantry_create_dialog_read_inputs (self);
  reason = _gantry_create_dialog_check_step (self, GANTRY_CREATE_STEP_REVIEW);
  if (reason != NULL)
    {
      _gantry_create_dialog_sync (self);
      return;
    }

  _gantry_create_dialog_hide_failure (self);
  _gantry_create_dialog_remember (self);
  g_free (self->sent_name);
  self->sent_name = g_strstrip (g_strdup (
                      gantry_pod_spec_get_name (self->spec)));
  remember_known_ids (self);

  self->busy = TRUE;
  _gantry_create_dialog_sync (self);
  gantry_client_create_pod_async (self->client, self->spec,
                                  self->cancellable, on_created_cb,
                                  g_object_ref (self));
}
