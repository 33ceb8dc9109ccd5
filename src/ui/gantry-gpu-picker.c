/* gantry-gpu-picker.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GPU step of Create Pod. The cloud, the GPU count and the CUDA
 * versions are asked of the server (stock depends on them); VRAM and the
 * search only narrow what is shown:
 *
 *   store -> filter (VRAM, search) -> sort (columns) -> selection -> view
 *
 * The person's choice is kept by id, so that it survives a re-query (new
 * objects with new prices) and a filter that hides it for a while. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-gpu-picker-private.h"

#define MAX_GPU_COUNT 8

G_DEFINE_FINAL_TYPE (GantryGpuPicker, gantry_gpu_picker, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_GPU_COUNT,
  PROP_CLOUD,
  PROP_CUDA_VERSIONS,
  PROP_SELECTED,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What is shown */

static void
update_footer (GantryGpuPicker *self)
{
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;
  const char *note;

  if (n_shown == n_all)
    count = g_strdup_printf (ngettext ("%u GPU type.", "%u GPU types.",
                                       n_all), n_all);
  else
    /* Translators: "5 of 17 GPU types." */
    count = g_strdup_printf (ngettext ("%u of %u GPU type.",
                                       "%u of %u GPU types.", n_all),
                             n_shown, n_all);

  /* Translators: below the GPU table, after "17 GPU types." */
  note = _("Prices are per GPU and hour; spot prices are the lowest bid.");
  text = g_strdup_printf ("%s %s", count, note);
  gtk_label_set_label (self->footer_label, text);
}

void
_gantry_gpu_picker_update_view (GantryGpuPicker *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  const char *page;

  if (self->error != NULL)
    page = "error";
  else if (n_shown > 0)
    page = "table";
  else
    page = self->loading ? "loading" : "empty";

  gtk_stack_set_visible_child_name (self->view_stack, page);
  gtk_stack_set_visible_child_name (self->reload_stack,
                                    self->loading ? "loading" : "reload");
  gtk_spinner_set_spinning (self->reload_spinner, self->loading);
  gtk_spinner_set_spinning (self->loading_spinner, self->loading);
  /* The rows are for the old filters until the answer comes. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->column_view), !self->loading);
  gtk_widget_set_visible (GTK_WIDGET (self->footer_label),
                          g_str_equal (page, "table"));
  update_footer (self);
}

/* A request is pending (queued or in flight) from the moment a filter
 * changes until its answer is shown. */
void
_gantry_gpu_picker_update_loading (GantryGpuPicker *self)
{
  gboolean loading = self->query_source != 0 || self->cancellable != NULL;

  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
  _gantry_gpu_picker_update_view (self);
}

/* The selection */

static void
set_selected (GantryGpuPicker *self,
              GantryGpuType   *type)
{
  if (g_set_object (&self->selected, type))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

/* The position of the type with @id among the rows shown, if it can be
 * chosen; else GTK_INVALID_LIST_POSITION. */
static guint
find_available (GantryGpuPicker *self,
                const char      *id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; id != NULL && i < n; i++)
    {
      g_autoptr (GantryGpuType) type = g_list_model_get_item (model, i);

      if (g_str_equal (gantry_gpu_type_get_id (type), id))
        return _gantry_gpu_type_is_available (type)
               ? i : GTK_INVALID_LIST_POSITION;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Puts the selection on the person's choice if it is shown and can be
 * chosen, and nowhere otherwise. */
void
_gantry_gpu_picker_sync_selection (GantryGpuPicker *self)
{
  guint position = find_available (self, self->wanted_id);
  g_autoptr (GantryGpuType) type = NULL;

  if (position != GTK_INVALID_LIST_POSITION)
    type = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  self->syncing = TRUE;
  if (gtk_single_selection_get_selected (self->selection) != position)
    gtk_single_selection_set_selected (self->selection, position);
  self->syncing = FALSE;

  set_selected (self, type);
}

/* A click or a key moved the selection: keep it if the type can be
 * chosen, else put it back where it was. */
static void
on_selection_changed_cb (GantryGpuPicker *self)
{
  GantryGpuType *type;

  if (self->syncing)
    return;

  type = gtk_single_selection_get_selected_item (self->selection);
  if (type != NULL && _gantry_gpu_type_is_available (type))
    {
      g_free (self->wanted_id);
      self->wanted_id = g_strdup (gantry_gpu_type_get_id (type));
    }

  _gantry_gpu_picker_sync_selection (self);
}

/* Public API */

GtkWidget *
gantry_gpu_picker_new (GantryClient *client)
{
  g_return_val_if_fail (GANTRY_IS_CLIENT (client), NULL);

  return g_object_new (GANTRY_TYPE_GPU_PICKER, "client", client, NULL);
}

GantryClient *
gantry_gpu_picker_get_client (GantryGpuPicker *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_PICKER (self), NULL);

  return self->client;
}

int
gantry_gpu_picker_get_gpu_count (GantryGpuPicker *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_PICKER (self), 1);

  return self->gpu_count;
}

void
gantry_gpu_picker_set_gpu_count (GantryGpuPicker *self,
                                 int              gpu_count)
{
  g_return_if_fail (GANTRY_IS_GPU_PICKER (self));
  g_return_if_fail (gpu_count >= 1 && gpu_count <= MAX_GPU_COUNT);

  if (self->gpu_count == gpu_count)
    return;

  self->gpu_count = gpu_count;
  gtk_spin_button_set_value (self->gpu_count_spin, gpu_count);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GPU_COUNT]);
  _gantry_gpu_picker_queue_query (self, FALSE);
}

GantryCloud
gantry_gpu_picker_get_cloud (GantryGpuPicker *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_PICKER (self), GANTRY_CLOUD_ALL);

  return self->cloud;
}

void
gantry_gpu_picker_set_cloud (GantryGpuPicker *self,
                             GantryCloud      cloud)
{
  GtkToggleButton *button;

  g_return_if_fail (GANTRY_IS_GPU_PICKER (self));
  g_return_if_fail (cloud <= GANTRY_CLOUD_COMMUNITY);

  if (self->cloud == cloud)
    return;

  self->cloud = cloud;
  if (cloud == GANTRY_CLOUD_SECURE)
    button = self->secure_button;
  else if (cloud == GANTRY_CLOUD_COMMUNITY)
    button = self->community_button;
  else
    button = self->any_cloud_button;
  gtk_toggle_button_set_active (button, TRUE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOUD]);
  _gantry_gpu_picker_queue_query (self, FALSE);
}

const char * const *
gantry_gpu_picker_get_cuda_versions (GantryGpuPicker *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_PICKER (self), NULL);

  return (const char * const *) self->cuda_versions;
}

void
gantry_gpu_picker_set_cuda_versions (GantryGpuPicker    *self,
                                     const char * const *versions)
{
  g_auto (GStrv) normal = NULL;

  g_return_if_fail (GANTRY_IS_GPU_PICKER (self));

  normal = gantry_cuda_versions_normalize (versions);
  if (normal == self->cuda_versions
      || (normal != NULL && self->cuda_versions != NULL
          && g_strv_equal ((const char * const *) normal,
                           (const char * const *) self->cuda_versions)))
    return;

  g_strfreev (self->cuda_versions);
  self->cuda_versions = g_steal_pointer (&normal);
  _gantry_gpu_picker_update_cuda_controls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUDA_VERSIONS]);
  _gantry_gpu_picker_queue_query (self, FALSE);
}

gboolean
gantry_gpu_picker_offers_gpu_count (GantryGpuPicker *self)
{
  GListModel *types;
  gboolean any_known = FALSE;
  guint n;

  g_return_val_if_fail (GANTRY_IS_GPU_PICKER (self), TRUE);

  /* Types whose counts are not known say nothing either way. */
  types = G_LIST_MODEL (self->store);
  n = g_list_model_get_n_items (types);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GantryGpuType) type = g_list_model_get_item (types, i);

      if (gantry_gpu_type_get_available_gpu_counts (type)->len == 0)
        continue;
      if (_gantry_gpu_type_offers_count (type, self->shown_gpu_count))
        return TRUE;
      any_known = TRUE;
    }

  return !any_known;
}

GantryGpuType *
gantry_gpu_picker_get_selected (GantryGpuPicker *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_PICKER (self), NULL);

  return self->selected;
}

gboolean
gantry_gpu_picker_select (GantryGpuPicker *self,
                          const char      *type_id)
{
  g_return_val_if_fail (GANTRY_IS_GPU_PICKER (self), FALSE);
  g_return_val_if_fail (type_id != NULL, FALSE);

  if (find_available (self, type_id) == GTK_INVALID_LIST_POSITION)
    return FALSE;

  g_free (self->wanted_id);
  self->wanted_id = g_strdup (type_id);
  _gantry_gpu_picker_sync_selection (self);
  return TRUE;
}

gboolean
gantry_gpu_picker_get_loading (GantryGpuPicker *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_PICKER (self), FALSE);

  return self->loading;
}

/* GObject */

static void
gantry_gpu_picker_constructed (GObject *object)
{
  GantryGpuPicker *self = GANTRY_GPU_PICKER (object);

  G_OBJECT_CLASS (gantry_gpu_picker_parent_class)->constructed (object);

  if (self->client != NULL)
    self->catalog = gantry_gpu_catalog_get_for_client (self->client);
  _gantry_gpu_picker_queue_query (self, FALSE);
}

static void
gantry_gpu_picker_dispose (GObject *object)
{
  GantryGpuPicker *self = GANTRY_GPU_PICKER (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->query_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), GANTRY_TYPE_GPU_PICKER);
  /* The rows of filters are not bound, so not unparented above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_object (&self->selected);
  g_clear_object (&self->client);
  self->catalog = NULL;

  G_OBJECT_CLASS (gantry_gpu_picker_parent_class)->dispose (object);
}

static void
gantry_gpu_picker_finalize (GObject *object)
{
  GantryGpuPicker *self = GANTRY_GPU_PICKER (object);

  g_clear_error (&self->error);
  g_free (self->wanted_id);
  g_strfreev (self->cuda_versions);
  g_strfreev (self->search_terms);

  G_OBJECT_CLASS (gantry_gpu_picker_parent_class)->finalize (object);
}

static void
gantry_gpu_picker_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GantryGpuPicker *self = GANTRY_GPU_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_GPU_COUNT:
      g_value_set_int (value, self->gpu_count);
      break;
    case PROP_CLOUD:
      g_value_set_int (value, self->cloud);
      break;
    case PROP_CUDA_VERSIONS:
      g_value_set_boxed (value, self->cuda_versions);
      break;
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_gpu_picker_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GantryGpuPicker *self = GANTRY_GPU_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_GPU_COUNT:
      gantry_gpu_picker_set_gpu_count (self, g_value_get_int (value));
      break;
    case PROP_CLOUD:
      gantry_gpu_picker_set_cloud (self, g_value_get_int (value));
      break;
    case PROP_CUDA_VERSIONS:
      gantry_gpu_picker_set_cuda_versions (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GANTRY_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_GPU_COUNT] =
    g_param_spec_int ("gpu-count", NULL, NULL, 1, MAX_GPU_COUNT, 1, rw);
  /* A GantryCloud; the client header registers no enum type. */
  properties[PROP_CLOUD] =
    g_param_spec_int ("cloud", NULL, NULL, GANTRY_CLOUD_ALL,
                      GANTRY_CLOUD_COMMUNITY, GANTRY_CLOUD_ALL, rw);
  properties[PROP_CUDA_VERSIONS] =
    g_param_spec_boxed ("cuda-versions", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, GANTRY_TYPE_GPU_TYPE, ro);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

#define BIND_CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, GantryGpuPicker, name)

static void
gantry_gpu_picker_class_init (GantryGpuPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gantry_gpu_picker_constructed;
  object_class->dispose = gantry_gpu_picker_dispose;
  object_class->finalize = gantry_gpu_picker_finalize;
  object_class->get_property = gantry_gpu_picker_get_property;
  object_class->set_property = gantry_gpu_picker_set_property;
  install_properties (object_class);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/io/github/gantry_app/Gantry/ui/gantry-gpu-picker.ui");
  BIND_CHILD (secure_button);
  BIND_CHILD (community_button);
  BIND_CHILD (any_cloud_button);
  BIND_CHILD (gpu_count_spin);
  BIND_CHILD (search_entry);
  BIND_CHILD (cuda_button);
  BIND_CHILD (cuda_grid);
  BIND_CHILD (any_cuda_button);
  BIND_CHILD (vram_dropdown);
  BIND_CHILD (reload_stack);
  BIND_CHILD (reload_spinner);
  BIND_CHILD (view_stack);
  BIND_CHILD (loading_spinner);
  BIND_CHILD (column_view);
  BIND_CHILD (name_column);
  BIND_CHILD (vram_column);
  BIND_CHILD (price_column);
  BIND_CHILD (bid_column);
  BIND_CHILD (stock_column);
  BIND_CHILD (counts_column);
  BIND_CHILD (error_page);
  BIND_CHILD (footer_label);

  gtk_widget_class_bind_template_callback (widget_class,
                                           gantry_gpu_picker_reload);
  _gantry_gpu_picker_class_init_filters (widget_class);
  _gantry_gpu_picker_class_init_cells (widget_class);

  gtk_widget_class_set_accessible_role (widget_class,
                                        GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
init_models (GantryGpuPicker *self)
{
  GtkSorter *view_sorter = gtk_column_view_get_sorter (self->column_view);
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  self->store = g_list_store_new (GANTRY_TYPE_GPU_TYPE);
  self->filter = _gantry_gpu_picker_new_filter (self);
  filtered = gtk_filter_list_model_new (
      g_object_ref (G_LIST_MODEL (self->store)),
      g_object_ref (GTK_FILTER (self->filter)));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (view_sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  g_signal_connect_swapped (self->selection, "notify::selected",
                            G_CALLBACK (on_selection_changed_cb), self);
  gtk_column_view_set_model (self->column_view,
                             GTK_SELECTION_MODEL (self->selection));
}

static void
gantry_gpu_picker_init (GantryGpuPicker *self)
{
  self->gpu_count = 1;
  self->cloud = GANTRY_CLOUD_ALL;
  self->shown_cloud = GANTRY_CLOUD_ALL;
  self->shown_gpu_count = 1;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_toggle_button_set_active (self->any_cloud_button, TRUE);
  _gantry_gpu_picker_init_filters (self);
  init_models (self);
  _gantry_gpu_picker_init_sorters (self);
  _gantry_gpu_picker_update_view (self);
}
