/* gantry-gpu-picker-filters.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The filters above the GPU table. VRAM and the search narrow the rows
 * shown; the cloud, the GPU count and the CUDA versions go through the
 * picker's setters, which ask the server again. */

#include "config.h"

#include "gantry-gpu-picker-private.h"

const char * const _gantry_cuda_versions[GANTRY_N_CUDA_VERSIONS] = {
  "13.0", "12.9", "12.8", "12.7", "12.6", "12.5",
  "12.4", "12.3", "12.2", "12.1", "12.0", "11.8",
};

/* The steps of the minimum VRAM drop-down, in GB. */
static const int vram_steps[] = { 0, 16, 24, 40, 48, 80 };

/* Local filters */

static gboolean
matches_search (GantryGpuPicker *self,
                GantryGpuType   *type)
{
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;

  if (self->search_terms == NULL)
    return TRUE;

  name = g_utf8_casefold (gantry_gpu_type_get_display_name (type), -1);
  id = g_utf8_casefold (gantry_gpu_type_get_id (type), -1);
  for (guint i = 0; self->search_terms[i] != NULL; i++)
    if (strstr (name, self->search_terms[i]) == NULL
        && strstr (id, self->search_terms[i]) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
filter_type (gpointer item,
             gpointer user_data)
{
  GantryGpuPicker *self = user_data;
  GantryGpuType *type = item;

  if (gantry_gpu_type_get_memory_in_gb (type) < self->min_vram)
    return FALSE;

  return matches_search (self, type);
}

static void
refilter (GantryGpuPicker *self)
{
  /* The template sets the drop-down before the models exist. */
  if (self->filter == NULL)
    return;

  self->syncing = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->syncing = FALSE;

  _gantry_gpu_picker_sync_selection (self);
  _gantry_gpu_picker_update_view (self);
}

static void
on_search_entry_search_changed_cb (GantryGpuPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (text, -1);

  g_clear_pointer (&self->search_terms, g_strfreev);
  self->search_terms = g_str_tokenize_and_fold (folded, NULL, NULL);
  if (self->search_terms != NULL && self->search_terms[0] == NULL)
    g_clear_pointer (&self->search_terms, g_strfreev);

  refilter (self);
}

static void
on_vram_dropdown_selected_cb (GantryGpuPicker *self)
{
  guint selected = gtk_drop_down_get_selected (self->vram_dropdown);

  self->min_vram = selected < G_N_ELEMENTS (vram_steps)
                   ? vram_steps[selected] : 0;
  refilter (self);
}

/* Filters asked of the server */

static void
on_cloud_button_toggled_cb (GantryGpuPicker *self,
                            GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->secure_button)
    gantry_gpu_picker_set_cloud (self, GANTRY_CLOUD_SECURE);
  else if (button == self->community_button)
    gantry_gpu_picker_set_cloud (self, GANTRY_CLOUD_COMMUNITY);
  else
    gantry_gpu_picker_set_cloud (self, GANTRY_CLOUD_ALL);
}

static void
on_gpu_count_spin_value_changed_cb (GantryGpuPicker *self)
{
  gantry_gpu_picker_set_gpu_count (
      self, gtk_spin_button_get_value_as_int (self->gpu_count_spin));
}

static gboolean
is_offered_version (const char *version)
{
  for (guint i = 0; i < GANTRY_N_CUDA_VERSIONS; i++)
    if (gantry_cuda_version_compare (version, _gantry_cuda_versions[i]) == 0)
      return TRUE;

  return FALSE;
}

static void
on_cuda_check_toggled_cb (GantryGpuPicker *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) versions = NULL;

  if (self->setting_cuda)
    return;

  for (guint i = 0; i < GANTRY_N_CUDA_VERSIONS; i++)
    if (gtk_check_button_get_active (self->cuda_checks[i]))
      g_strv_builder_add (builder, _gantry_cuda_versions[i]);

  /* A version set from outside that has no check button stays. */
  for (guint i = 0; self->cuda_versions && self->cuda_versions[i]; i++)
    if (!is_offered_version (self->cuda_versions[i]))
      g_strv_builder_add (builder, self->cuda_versions[i]);

  versions = g_strv_builder_end (builder);
  gantry_gpu_picker_set_cuda_versions (self,
                                       (const char * const *) versions);
}

static void
on_any_cuda_button_clicked_cb (GantryGpuPicker *self)
{
  gantry_gpu_picker_set_cuda_versions (self, NULL);
  gtk_menu_button_popdown (self->cuda_button);
}

void
_gantry_gpu_picker_update_cuda_controls (GantryGpuPicker *self)
{
  g_autofree char *label = NULL;
  GtkWidget *popover;

  self->setting_cuda = TRUE;
  for (guint i = 0; i < GANTRY_N_CUDA_VERSIONS; i++)
    gtk_check_button_set_active (
        self->cuda_checks[i],
        self->cuda_versions != NULL
        && g_strv_contains ((const char * const *) self->cuda_versions,
                            _gantry_cuda_versions[i]));
  self->setting_cuda = FALSE;
  gtk_widget_set_sensitive (self->any_cuda_button,
                            self->cuda_versions != NULL);

  /* The popover hangs off the button: a label that grew or shrank under
   * it would move the check box the pointer is on. It changes when the
   * popover closes. */
  popover = GTK_WIDGET (gtk_menu_button_get_popover (self->cuda_button));
  if (gtk_widget_get_visible (popover))
    return;

  label = _gantry_gpu_picker_describe_cuda (
      (const char * const *) self->cuda_versions);
  gtk_menu_button_set_label (self->cuda_button, label);
}

/* While the popover is open, its heading says what the tooltip would,
 * and the tooltip would cover it. */
static void
on_cuda_popover_visible_cb (GantryGpuPicker *self,
                            GParamSpec      *pspec,
                            GtkWidget       *popover)
{
  gboolean open = gtk_widget_get_visible (popover);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->cuda_button), !open);
  if (!open)
    _gantry_gpu_picker_update_cuda_controls (self);
}

static void
add_cuda_checks (GantryGpuPicker *self)
{
  for (guint i = 0; i < GANTRY_N_CUDA_VERSIONS; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (
          _gantry_cuda_versions[i]);

      g_signal_connect_swapped (check, "toggled",
                                G_CALLBACK (on_cuda_check_toggled_cb), self);
      gtk_grid_attach (self->cuda_grid, check, i % 3, i / 3, 1, 1);
      self->cuda_checks[i] = GTK_CHECK_BUTTON (check);
    }
}

GtkCustomFilter *
_gantry_gpu_picker_new_filter (GantryGpuPicker *self)
{
  return gtk_custom_filter_new (filter_type, self, NULL);
}

void
_gantry_gpu_picker_init_filters (GantryGpuPicker *self)
{
  add_cuda_checks (self);
  _gantry_gpu_picker_update_cuda_controls (self);
  g_signal_connect_swapped (gtk_menu_button_get_popover (self->cuda_button),
                            "notify::visible",
                            G_CALLBACK (on_cuda_popover_visible_cb), self);
  /* Typing anywhere in the picker searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           GTK_WIDGET (self));
}

void
_gantry_gpu_picker_class_init_filters (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_cloud_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_gpu_count_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_any_cuda_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_vram_dropdown_selected_cb);
}
