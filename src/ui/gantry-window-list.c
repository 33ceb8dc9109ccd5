/* gantry-window-list.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gantry-pod-row.h"
#include "gantry-window-private.h"

/* The pod list of the main window: the store filtered by the search text
 * and the status, sorted on live values, in a single selection that
 * follows the pods (the store updates them in place). */

/* GTK 4.8's list view makes, styles and measures a row for up to 200
 * items, whatever fits on screen: with a big account that is 100 ms
 * before the first frame shows any pod. So the list starts with as many
 * pods as the tallest screen shows, and takes the rest a step a frame
 * once it has been painted. */
#define FIRST_ROWS 40
#define ROWS_PER_FRAME 40

enum {
  STATUS_FILTER_ALL,
  STATUS_FILTER_RUNNING,
  STATUS_FILTER_STARTING,
  STATUS_FILTER_STOPPED,
  STATUS_FILTER_INTERRUPTED,
};

/* Filtering and sorting */

/* What search compares: compatibility-decomposed, case-folded and without
 * accents, so that "echantillon", "ÉCHANTILLON" and an "é" typed as two
 * characters all find "Échantillonnage". NULL for text that is not
 * UTF-8. */
static char *
fold_for_search (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  g_autofree char *folded = NULL;
  GString *bare;

  if (decomposed == NULL)
    return NULL;

  folded = g_utf8_casefold (decomposed, -1);
  bare = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }

  return g_string_free (bare, FALSE);
}

/* Whether plain ASCII @haystack contains @needle, a folded text, ignoring
 * case: names, ids and images mostly are ASCII, and folding each of
 * 10,000 pods' four texts at every key press would stall the window. */
static gboolean
ascii_contains (const char *haystack,
                const char *needle)
{
  for (; *haystack != '\0'; haystack++)
    {
      const char *h = haystack;
      const char *n = needle;

      while (*n != '\0' && g_ascii_tolower (*h) == *n)
        h++, n++;
      if (*n == '\0')
        return TRUE;
    }

  return *needle == '\0';
}

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  for (const char *p = haystack; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      {
        folded = fold_for_search (haystack);
        return folded != NULL && strstr (folded, needle) != NULL;
      }

  return ascii_contains (haystack, needle);
}

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  GantryWindow *self = user_data;
  GantryPod *pod = item;

  if (self->search_text == NULL)
    return TRUE;

  return contains_folded (gantry_pod_get_display_name (pod), self->search_text)
         || contains_folded (gantry_pod_get_id (pod), self->search_text)
         || contains_folded (gantry_pod_get_gpu_display_name (pod),
                             self->search_text)
         || contains_folded (gantry_pod_get_image_name (pod),
                             self->search_text);
}

static gboolean
status_filter_func (gpointer item,
                    gpointer user_data)
{
  GantryWindow *self = user_data;
  GantryPodStatus status = gantry_pod_get_status (item);

  switch (gtk_drop_down_get_selected (self->status_dropdown))
    {
    case STATUS_FILTER_RUNNING:
      return status == GANTRY_POD_STATUS_RUNNING;
    case STATUS_FILTER_STARTING:
      return status == GANTRY_POD_STATUS_STARTING
             || status == GANTRY_POD_STATUS_CREATED
             || status == GANTRY_POD_STATUS_RESTARTING;
    case STATUS_FILTER_STOPPED:
      return status == GANTRY_POD_STATUS_STOPPED
             || status == GANTRY_POD_STATUS_PAUSED;
    case STATUS_FILTER_INTERRUPTED:
      return status == GANTRY_POD_STATUS_INTERRUPTED;
    case STATUS_FILTER_ALL:
    default:
      return TRUE;
    }
}

/* A re-sort of thousands of pods compares names some 100,000 times: with
 * keys made once per name, each comparison is a strcmp (). */
static int
compare_names (GantryPod *a,
               GantryPod *b)
{
  return strcmp (gantry_pod_get_sort_key (a), gantry_pod_get_sort_key (b));
}

static int
compare_by_key (GantryWindow *self,
                GantryPod    *a,
                GantryPod    *b)
{
  double price_a, price_b;
  gint64 up_a, up_b;

  switch (self->sort_key)
    {
    case GANTRY_SORT_STATUS:
      return (int) gantry_pod_get_status (a) - (int) gantry_pod_get_status (b);

    case GANTRY_SORT_PRICE:
      price_a = gantry_pod_get_cost_per_hr (a);
      price_b = gantry_pod_get_cost_per_hr (b);
      return (price_a > price_b) - (price_a < price_b);

    case GANTRY_SORT_UPTIME:
      up_a = gantry_pod_get_uptime_seconds (a);
      up_b = gantry_pod_get_uptime_seconds (b);
      return (up_a > up_b) - (up_a < up_b);

    case GANTRY_SORT_NAME:
    default:
      return 0;
    }
}

/* Compares live values, so that gtk_sorter_changed() re-sorts pods that
 * were updated in place (a string or numeric sorter caches its keys). */
static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  GantryWindow *self = user_data;
  GantryPod *pa = GANTRY_POD ((gpointer) a);
  GantryPod *pb = GANTRY_POD ((gpointer) b);
  int result;

  /* A pod of unknown price is no bargain: last either way. */
  if (self->sort_key == GANTRY_SORT_PRICE)
    {
      gboolean unknown_a = gantry_pod_get_cost_per_hr (pa) <= 0;
      gboolean unknown_b = gantry_pod_get_cost_per_hr (pb) <= 0;

      if (unknown_a != unknown_b)
        return unknown_a ? 1 : -1;
    }

  result = compare_by_key (self, pa, pb);
  if (result == 0)
    result = compare_names (pa, pb);
  if (result == 0)
    result = g_strcmp0 (gantry_pod_get_id (pa), gantry_pod_get_id (pb));

  return self->sort_descending ? -result : result;
}

static void
on_search_entry_search_changed_cb (GantryWindow   *self,
                                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search_text, g_free);
  if (text != NULL && *text != '\0')
    self->search_text = fold_for_search (text);

  gtk_filter_changed (GTK_FILTER (self->search_filter),
                      GTK_FILTER_CHANGE_DIFFERENT);
}

/* Enter in the search entry goes to the first match. */
static void
on_search_entry_activate_cb (GantryWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) == 0)
    return;

  if (_gantry_window_get_selected_pod (self) == NULL)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* The sort and the status filter are kept for the next start, by the
 * names the schema gives them, in the order of the drop-downs. */
static const char * const sort_names[] = {
  [GANTRY_SORT_NAME] = "name",
  [GANTRY_SORT_STATUS] = "status",
  [GANTRY_SORT_PRICE] = "price",
  [GANTRY_SORT_UPTIME] = "uptime",
  NULL
};

static const char * const status_filter_names[] = {
  [STATUS_FILTER_ALL] = "all",
  [STATUS_FILTER_RUNNING] = "running",
  [STATUS_FILTER_STARTING] = "starting",
  [STATUS_FILTER_STOPPED] = "stopped",
  [STATUS_FILTER_INTERRUPTED] = "interrupted",
  NULL
};

static gboolean
name_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char * const *names = user_data;
  const char *name = g_variant_get_string (variant, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
position_to_name (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char * const *names = user_data;
  guint position = g_value_get_uint (value);

  if (position >= g_strv_length ((GStrv) names))
    return NULL;

  return g_variant_new_string (names[position]);
}

static void
bind_list_choices (GantryWindow *self)
{
  if (self->settings == NULL)
    return;

  g_settings_bind_with_mapping (self->settings, "sort-by",
                                self->sort_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                name_to_position, position_to_name,
                                (gpointer) sort_names, NULL);
  g_settings_bind (self->settings, "sort-descending",
                   self->sort_direction_button, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "status-filter",
                                self->status_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                name_to_position, position_to_name,
                                (gpointer) status_filter_names, NULL);
}

static void
on_filter_dropdown_changed_cb (GantryWindow *self)
{
  if (self->status_filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->status_filter),
                        GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_sort_changed_cb (GantryWindow *self)
{
  gboolean descending;

  descending = gtk_toggle_button_get_active (self->sort_direction_button);

  self->sort_key = gtk_drop_down_get_selected (self->sort_dropdown);
  self->sort_descending = descending;
  gtk_button_set_icon_name (GTK_BUTTON (self->sort_direction_button),
                            descending ? "view-sort-descending-symbolic"
                                       : "view-sort-ascending-symbolic");

  if (self->sorter != NULL)
    gtk_sorter_changed (GTK_SORTER (self->sorter),
                        GTK_SORTER_CHANGE_DIFFERENT);
}

static gboolean
pods_changed (GantryWindow *self,
              const char   *property)
{
  return gantry_pod_store_property_changed (self->store, property);
}

/* The search reads the name (or id), the GPU and the image. */
static gboolean
filter_affected (GantryWindow *self)
{
  if (pods_changed (self, "status"))
    return TRUE;

  return self->search_text != NULL
         && (pods_changed (self, "display-name")
             || pods_changed (self, "gpu-display-name")
             || pods_changed (self, "image-name"));
}

/* The sort key, then the name. */
static gboolean
sort_affected (GantryWindow *self)
{
  static const char * const keys[] = {
    [GANTRY_SORT_NAME] = "display-name",
    [GANTRY_SORT_STATUS] = "status",
    [GANTRY_SORT_PRICE] = "cost-per-hr",
    [GANTRY_SORT_UPTIME] = "uptime-seconds",
  };

  if ((guint) self->sort_key >= G_N_ELEMENTS (keys))
    return TRUE;

  return pods_changed (self, keys[self->sort_key])
         || pods_changed (self, "display-name");
}

/* A refresh changed pods in place: their new values may move them or take
 * them in or out of the filter. The selection follows the object. Most
 * refreshes change only uptimes and usage, and with thousands of pods a
 * re-sort or re-filter for nothing costs the main thread milliseconds. */
static void
on_pods_changed_cb (GantryWindow *self)
{
  if (filter_affected (self))
    gtk_filter_changed (self->filter, GTK_FILTER_CHANGE_DIFFERENT);
  if (sort_affected (self))
    gtk_sorter_changed (GTK_SORTER (self->sorter),
                        GTK_SORTER_CHANGE_DIFFERENT);
}

/* The list */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  gtk_list_item_set_child (item, gantry_pod_row_new ());
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  gantry_pod_row_set_pod (GANTRY_POD_ROW (gtk_list_item_get_child (item)),
                          gtk_list_item_get_item (item));
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  gantry_pod_row_set_pod (GANTRY_POD_ROW (gtk_list_item_get_child (item)),
                          NULL);
}

static void
on_visible_items_changed_cb (GantryWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));

  gtk_stack_set_visible_child_name (self->list_stack,
                                    n > 0 ? "list" : "no-results");
}

static void
setup_models (GantryWindow *self)
{
  GtkListItemFactory *factory;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkEveryFilter *every;

  self->search_filter = gtk_custom_filter_new (search_filter_func, self, NULL);
  self->status_filter = gtk_custom_filter_new (status_filter_func, self, NULL);
  every = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (every),
                           g_object_ref (GTK_FILTER (self->search_filter)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every),
                           g_object_ref (GTK_FILTER (self->status_filter)));
  self->filter = GTK_FILTER (every);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);

  filtered = gtk_filter_list_model_new (
    G_LIST_MODEL (g_object_ref (self->store)), g_object_ref (self->filter));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered),
                                    g_object_ref (GTK_SORTER (self->sorter)));
  self->first_rows = gtk_slice_list_model_new (G_LIST_MODEL (sorted), 0,
                                               FIRST_ROWS);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->first_rows));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection,
                                     GTK_INVALID_LIST_POSITION);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_swapped (self->selection, "items-changed",
                            G_CALLBACK (on_visible_items_changed_cb), self);
}

static void
add_delete_shortcut (GantryWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  guint keys[] = { GDK_KEY_Delete, GDK_KEY_KP_Delete };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_keyval_trigger_new (keys[i], 0),
                        gtk_named_action_new ("win.terminate-selected")));
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), controller);
}

static void
on_list_view_activate_cb (GantryWindow *self,
                          guint         position)
{
  gtk_single_selection_set_selected (self->selection, position);

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet,
                                   GTK_WIDGET (self->detail_stack));
  else
    gtk_widget_child_focus (GTK_WIDGET (self->detail), GTK_DIR_TAB_FORWARD);
}

static gboolean
find_listed (GantryWindow *self,
             GantryPod    *pod,
             guint        *position)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n;

  _gantry_window_show_all_rows (self);
  n = g_list_model_get_n_items (model);

  for (*position = 0; *position < n; (*position)++)
    {
      g_autoptr (GantryPod) item = g_list_model_get_item (model, *position);

      if (item == pod)
        return TRUE;
    }

  return FALSE;
}

gboolean
gantry_window_select_pod (GantryWindow *self,
                          const char   *pod_id)
{
  GantryPod *pod;
  guint position;

  g_return_val_if_fail (GANTRY_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (pod_id != NULL, FALSE);

  pod = gantry_pod_store_lookup (self->store, pod_id);
  if (pod == NULL)
    return FALSE;

  /* The search or the status filter may hide it: show every pod. */
  if (!find_listed (self, pod, &position))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      gtk_drop_down_set_selected (self->status_dropdown, 0);  /* All */
      if (!find_listed (self, pod, &position))
        return FALSE;
    }

  on_list_view_activate_cb (self, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view),
                              "list.scroll-to-item", "u", position);

  return TRUE;
}

void
_gantry_window_class_bind_list (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_filter_dropdown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_list_view_activate_cb);
}

/* The first rows */

void
_gantry_window_show_all_rows (GantryWindow *self)
{
  GtkWidget *list_view = GTK_WIDGET (self->list_view);

  gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
  if (self->grow_id != 0)
    g_clear_signal_handler (&self->grow_id,
                            gtk_widget_get_frame_clock (list_view));
}

static void
on_after_paint_cb (GantryWindow *self)
{
  GListModel *shown = G_LIST_MODEL (self->first_rows);
  guint size = gtk_slice_list_model_get_size (self->first_rows);
  guint n = g_list_model_get_n_items (shown);

  /* Not painted with pods yet; or all of them fit: the list may grow. */
  if (n == 0)
    return;
  if (n < size)
    {
      _gantry_window_show_all_rows (self);
      return;
    }

  gtk_slice_list_model_set_size (self->first_rows, size + ROWS_PER_FRAME);
}

static void
on_list_view_realize_cb (GantryWindow *self)
{
  GdkFrameClock *clock;

  if (self->grow_id != 0
      || gtk_slice_list_model_get_size (self->first_rows) == G_MAXUINT)
    return;

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->list_view));
  self->grow_id = g_signal_connect_object (clock, "after-paint",
                                           G_CALLBACK (on_after_paint_cb),
                                           self, G_CONNECT_SWAPPED);
}

static void
on_list_view_unrealize_cb (GantryWindow *self)
{
  /* Hidden before it grew: it is shown whole when it comes back. */
  _gantry_window_show_all_rows (self);
}

void
_gantry_window_setup_list (GantryWindow *self)
{
  setup_models (self);
  g_signal_connect_object (self->list_view, "realize",
                           G_CALLBACK (on_list_view_realize_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "unrealize",
                           G_CALLBACK (on_list_view_unrealize_cb), self,
                           G_CONNECT_SWAPPED);
  bind_list_choices (self);
  on_sort_changed_cb (self);
  add_delete_shortcut (self);
  gtk_search_bar_set_key_capture_widget (self->search_bar,
                                         GTK_WIDGET (self->list_view));
  g_signal_connect_swapped (self->store, "pods-changed",
                            G_CALLBACK (on_pods_changed_cb), self);
}
