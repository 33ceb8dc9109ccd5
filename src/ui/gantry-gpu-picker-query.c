/* gantry-gpu-picker-query.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GPU picker asks the catalogue (model/gantry-gpu-catalog.h) for the
 * types of its cloud, GPU count and CUDA versions, and shows the answer
 * or the failure. A newer question cancels the older one. */

#include "config.h"

#include "gantry-error-text.h"
#include "gantry-gpu-picker-private.h"

static void
show_types (GantryGpuPicker *self,
            GPtrArray       *types)
{
  g_ptr_array_sort (types, _gantry_gpu_type_compare_best);
  g_clear_error (&self->error);
  self->shown_cloud = self->cloud;
  self->shown_gpu_count = self->gpu_count;

  self->syncing = TRUE;
  g_list_store_splice (self->store, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       types->pdata, types->len);
  self->syncing = FALSE;

  _gantry_gpu_picker_sync_selection (self);
}

static void
show_error (GantryGpuPicker *self,
            const GError    *error)
{
  g_autofree char *title = gantry_error_text_title (error);
  g_autofree char *advice = gantry_error_text_advice (error);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, advice);

  self->syncing = TRUE;
  g_list_store_remove_all (self->store);
  self->syncing = FALSE;
  _gantry_gpu_picker_sync_selection (self);
}

/* Touches the picker only when the request was not cancelled: dispose
 * cancels it, so a late answer never reaches a dead widget. */
static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GantryGpuPicker *self;
  g_autoptr (GPtrArray) types = NULL;
  g_autoptr (GError) error = NULL;

  types = gantry_gpu_catalog_list_finish (GANTRY_GPU_CATALOG (source),
                                          result, &error);
  if (types == NULL && g_error_matches (error, G_IO_ERROR,
                                        G_IO_ERROR_CANCELLED))
    return;

  self = GANTRY_GPU_PICKER (user_data);
  g_clear_object (&self->cancellable);
  if (types != NULL)
    show_types (self, types);
  else
    show_error (self, error);

  _gantry_gpu_picker_update_loading (self);
}

static void
run_query (gpointer user_data)
{
  GantryGpuPicker *self = user_data;
  const char * const *cuda = (const char * const *) self->cuda_versions;
  g_autoptr (GPtrArray) cached = NULL;
  gboolean reload = self->reload_wanted;

  self->query_source = 0;
  self->reload_wanted = FALSE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (!reload)
    cached = gantry_gpu_catalog_lookup (self->catalog, self->gpu_count,
                                        self->cloud, cuda);
  if (cached != NULL)
    {
      show_types (self, cached);
      _gantry_gpu_picker_update_loading (self);
      return;
    }

  g_clear_error (&self->error);
  self->cancellable = g_cancellable_new ();
  gantry_gpu_catalog_list_async (self->catalog, self->gpu_count, self->cloud,
                                 cuda, reload, self->cancellable,
                                 on_listed_cb, self);
  _gantry_gpu_picker_update_loading (self);
}

/* One request for all the changes of one main loop turn (a dialog that
 * sets the cloud, the count and the versions in a row). At default
 * priority, not idle: a window that keeps redrawing would starve an idle
 * source, and the dialog would say "Loading" for good. */
void
_gantry_gpu_picker_queue_query (GantryGpuPicker *self,
                                gboolean         reload)
{
  if (self->catalog == NULL)
    return;

  self->reload_wanted |= reload;
  if (self->query_source == 0)
    self->query_source = g_timeout_add_once (0, run_query, self);

  _gantry_gpu_picker_update_loading (self);
}

void
gantry_gpu_picker_reload (GantryGpuPicker *self)
{
  g_return_if_fail (GANTRY_IS_GPU_PICKER (self));

  _gantry_gpu_picker_queue_query (self, TRUE);
}

