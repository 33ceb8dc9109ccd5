/* gantry-gpu-picker-cells.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The cells of the GPU table and the sorters of its columns. A type that
 * cannot be chosen is greyed in every cell, since GTK 4.8 has no row
 * widget to style. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-gpu-picker-private.h"

gboolean
_gantry_gpu_type_is_available (GantryGpuType *type)
{
  return gantry_gpu_type_get_stock (type) != GANTRY_STOCK_NONE;
}

/* Whether @type comes with @count GPUs; TRUE when the counts it comes
 * with are not known. */
gboolean
_gantry_gpu_type_offers_count (GantryGpuType *type,
                               int            count)
{
  GArray *counts = gantry_gpu_type_get_available_gpu_counts (type);

  if (counts->len == 0)
    return TRUE;

  for (guint i = 0; i < counts->len; i++)
    if (g_array_index (counts, int, i) == count)
      return TRUE;

  return FALSE;
}

/* Formatting */

/* "$0.69/h"; a tenth of a cent when the price has one ("$0.195/h"). */
static char *
format_price (double dollars)
{
  g_autofree char *amount = NULL;

  if (dollars <= 0)
    return NULL;

  /* In tenths of a cent, rounded. */
  if ((gint64) (dollars * 1000 + 0.5) % 10 != 0)
    amount = g_strdup_printf ("%.3f", dollars);
  else
    amount = g_strdup_printf ("%.2f", dollars);

  /* Translators: a price in US dollars per GPU and hour, "$0.69/h" */
  return g_strdup_printf (_("$%s/h"), amount);
}

static char *
format_counts (GArray *counts)
{
  g_autoptr (GString) text = g_string_new (NULL);

  for (guint i = 0; i < counts->len; i++)
    {
      if (i > 0)
        /* Translators: between the GPU counts of a type, "1, 2, 4" */
        g_string_append (text, _(", "));
      g_string_append_printf (text, "%d", g_array_index (counts, int, i));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
offered_on (GantryGpuType *type,
            GantryCloud    cloud)
{
  switch (cloud)
    {
    case GANTRY_CLOUD_SECURE:
      return gantry_gpu_type_get_secure_cloud (type);
    case GANTRY_CLOUD_COMMUNITY:
      return gantry_gpu_type_get_community_cloud (type);
    case GANTRY_CLOUD_ALL:
    default:
      return TRUE;
    }
}

/* Cells */

static GantryGpuType *
item_type (GtkListItem *item)
{
  return GANTRY_GPU_TYPE (gtk_list_item_get_item (item));
}

/* Greys a cell of a type that cannot be chosen, and says why. */
static void
set_cell_available (GtkListItem *item,
                    gboolean     available)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  gtk_list_item_set_selectable (item, available);
  gtk_list_item_set_activatable (item, available);
  if (available)
    gtk_widget_remove_css_class (child, "dim-label");
  else
    gtk_widget_add_css_class (child, "dim-label");
  gtk_widget_set_tooltip_text (child, available ? NULL
                               : _("Out of stock with these filters"));
}

/* A plain text cell; an unknown value is dimmed even on a row that can be
 * chosen. */
static void
set_label_cell (GtkListItem *item,
                const char  *text,
                gboolean     known)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  gtk_label_set_label (GTK_LABEL (label), text);
  set_cell_available (item, _gantry_gpu_type_is_available (item_type (item)));
  if (!known)
    gtk_widget_add_css_class (label, "dim-label");
}

static void
on_label_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GantryGpuPicker          *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static gboolean
selected_to_opacity (GBinding     *binding,
                     const GValue *from,
                     GValue       *to,
                     gpointer      user_data)
{
  g_value_set_double (to, g_value_get_boolean (from) ? 1.0 : 0.0);
  return TRUE;
}

/* The name over the id, and a check mark on the chosen row (the
 * selection's own shade is faint). The mark only fades, so that the
 * column keeps its width. */
static void
on_name_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GantryGpuPicker          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *names = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *id = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  /* The name stays whole (the table scrolls if it must); the id below it
   * gives way. */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (id), 0);
  gtk_label_set_ellipsize (GTK_LABEL (id), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (id, "caption");
  gtk_widget_add_css_class (id, "dim-label");
  gtk_widget_set_hexpand (names, TRUE);
  gtk_box_append (GTK_BOX (names), name);
  gtk_box_append (GTK_BOX (names), id);

  gtk_accessible_update_state (GTK_ACCESSIBLE (check),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  g_object_bind_property_full (item, "selected", check, "opacity",
                               G_BINDING_SYNC_CREATE, selected_to_opacity,
                               NULL, NULL, NULL);

  gtk_box_append (GTK_BOX (box), names);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
on_name_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GantryGpuPicker          *self)
{
  GantryGpuType *type = item_type (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *names = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (names);
  gboolean available = _gantry_gpu_type_is_available (type);

  gtk_label_set_label (GTK_LABEL (name),
                       gantry_gpu_type_get_display_name (type));
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (name)),
                       gantry_gpu_type_get_id (type));
  set_cell_available (item, available);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  available ? ""
                                  : _("Out of stock, cannot be chosen"),
                                  -1);
}

static void
on_vram_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 GantryGpuPicker          *self)
{
  int memory = gantry_gpu_type_get_memory_in_gb (item_type (item));
  g_autofree char *text = NULL;

  /* Translators: memory of one GPU, "24 GB" */
  text = memory > 0 ? g_strdup_printf (_("%d GB"), memory) : NULL;
  set_label_cell (item, text != NULL ? text : _("Unknown"), text != NULL);
}

static void
on_price_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GantryGpuPicker          *self)
{
  GantryGpuType *type = item_type (item);
  g_autofree char *text = NULL;

  text = format_price (gantry_gpu_type_get_on_demand_price (type));
  set_label_cell (item, text != NULL ? text : _("Unknown"), text != NULL);
}

static void
on_bid_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GantryGpuPicker          *self)
{
  GantryGpuType *type = item_type (item);
  g_autofree char *text = NULL;

  text = format_price (gantry_gpu_type_get_minimum_bid_price (type));
  set_label_cell (item, text != NULL ? text : _("Unknown"), text != NULL);
}

static void
on_counts_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GantryGpuPicker          *self)
{
  GArray *counts = gantry_gpu_type_get_available_gpu_counts (item_type (item));
  g_autofree char *text = format_counts (counts);

  set_label_cell (item, counts->len > 0 ? text : _("None"), counts->len > 0);
}

static void
on_stock_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   GantryGpuPicker          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *badge = gtk_label_new (NULL);

  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_list_item_set_child (item, box);
}

static void
on_stock_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GantryGpuPicker          *self)
{
  static const char * const classes[] = {
    [GANTRY_STOCK_NONE] = "none",
    [GANTRY_STOCK_LOW] = "low",
    [GANTRY_STOCK_MEDIUM] = "medium",
    [GANTRY_STOCK_HIGH] = "high",
  };
  GantryGpuType *type = item_type (item);
  GantryStock stock = gantry_gpu_type_get_stock (type);
  GtkWidget *cell = gtk_list_item_get_child (item);
  GtkWidget *badge = gtk_widget_get_first_child (cell);
  const char *css[] = { "stock-badge", classes[stock], NULL };

  g_assert (stock <= GANTRY_STOCK_HIGH);

  gtk_widget_set_css_classes (badge, css);
  if (stock == GANTRY_STOCK_NONE && !offered_on (type, self->shown_cloud))
    {
      gtk_label_set_label (GTK_LABEL (badge), _("Not offered"));
    }
  else if (stock == GANTRY_STOCK_NONE
           && !_gantry_gpu_type_offers_count (type, self->shown_gpu_count))
    {
      g_autofree char *text = NULL;

      /* Translators: a GPU type does not come with that many GPUs. */
      text = g_strdup_printf (ngettext ("Not with %d GPU", "Not with %d GPUs",
                                        self->shown_gpu_count),
                              self->shown_gpu_count);
      gtk_label_set_label (GTK_LABEL (badge), text);
    }
  else
    gtk_label_set_label (GTK_LABEL (badge), gantry_stock_to_string (stock));
  set_cell_available (item, _gantry_gpu_type_is_available (type));
}

void
_gantry_gpu_picker_class_init_cells (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_label_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_vram_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_price_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_bid_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_counts_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stock_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stock_bind_cb);
}

/* Sorters */

static int
compare_names (GantryGpuType *a,
               GantryGpuType *b)
{
  int cmp = g_utf8_collate (gantry_gpu_type_get_display_name (a),
                            gantry_gpu_type_get_display_name (b));

  if (cmp != 0)
    return cmp;

  return g_strcmp0 (gantry_gpu_type_get_id (a), gantry_gpu_type_get_id (b));
}

/* Unknown prices (negative) after every known one. */
static int
compare_prices (double price_a,
                double price_b)
{
  if ((price_a < 0) != (price_b < 0))
    return price_a < 0 ? 1 : -1;

  return (price_a > price_b) - (price_a < price_b);
}

static int
max_count (GantryGpuType *type)
{
  GArray *counts = gantry_gpu_type_get_available_gpu_counts (type);
  int max = 0;

  for (guint i = 0; i < counts->len; i++)
    max = MAX (max, g_array_index (counts, int, i));

  return max;
}

#define INT_CMP(x, y) (((x) > (y)) - ((x) < (y)))

typedef enum
{
  BY_NAME,
  BY_VRAM,
  BY_PRICE,
  BY_BID,
  BY_STOCK,
  BY_COUNTS,
} SortKey;

static int
compare_by (gconstpointer a,
            gconstpointer b,
            gpointer      user_data)
{
  GantryGpuType *type_a = GANTRY_GPU_TYPE ((gpointer) a);
  GantryGpuType *type_b = GANTRY_GPU_TYPE ((gpointer) b);
  int cmp = 0;

  switch (GPOINTER_TO_INT (user_data))
    {
    case BY_VRAM:
      cmp = INT_CMP (gantry_gpu_type_get_memory_in_gb (type_a),
                     gantry_gpu_type_get_memory_in_gb (type_b));
      break;
    case BY_PRICE:
      cmp = compare_prices (gantry_gpu_type_get_on_demand_price (type_a),
                            gantry_gpu_type_get_on_demand_price (type_b));
      break;
    case BY_BID:
      cmp = compare_prices (gantry_gpu_type_get_minimum_bid_price (type_a),
                            gantry_gpu_type_get_minimum_bid_price (type_b));
      break;
    case BY_STOCK:
      cmp = INT_CMP (gantry_gpu_type_get_stock (type_a),
                     gantry_gpu_type_get_stock (type_b));
      break;
    case BY_COUNTS:
      cmp = INT_CMP (max_count (type_a), max_count (type_b));
      break;
    case BY_NAME:
    default:
      break;
    }

  return cmp != 0 ? cmp : compare_names (type_a, type_b);
}

static void
set_sorter (GtkColumnViewColumn *column,
            SortKey              key)
{
  g_autoptr (GtkCustomSorter) sorter = NULL;

  sorter = gtk_custom_sorter_new (compare_by, GINT_TO_POINTER (key), NULL);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
}

void
_gantry_gpu_picker_init_sorters (GantryGpuPicker *self)
{
  set_sorter (self->name_column, BY_NAME);
  set_sorter (self->vram_column, BY_VRAM);
  set_sorter (self->price_column, BY_PRICE);
  set_sorter (self->bid_column, BY_BID);
  set_sorter (self->stock_column, BY_STOCK);
  set_sorter (self->counts_column, BY_COUNTS);
}

int
_gantry_gpu_type_compare_best (gconstpointer a,
                               gconstpointer b)
{
  GantryGpuType *type_a = *(GantryGpuType * const *) a;
  GantryGpuType *type_b = *(GantryGpuType * const *) b;
  gboolean available_a = _gantry_gpu_type_is_available (type_a);
  gboolean available_b = _gantry_gpu_type_is_available (type_b);
  int cmp;

  if (available_a != available_b)
    return available_a ? -1 : 1;

  cmp = compare_prices (gantry_gpu_type_get_on_demand_price (type_a),
                        gantry_gpu_type_get_on_demand_price (type_b));
  return cmp != 0 ? cmp : compare_names (type_a, type_b);
}

/* The CUDA filter's button */

char *
_gantry_gpu_picker_describe_cuda (const char * const *versions)
{
  guint n = versions != NULL ? g_strv_length ((GStrv) versions) : 0;
  g_autofree char *joined = NULL;

  if (n == 0)
    return g_strdup (_("Any CUDA"));
  if (n > 3)
    return g_strdup_printf (ngettext ("%u CUDA Version", "%u CUDA Versions",
                                      n), n);

  /* Translators: between CUDA versions, "12.8, 12.9" */
  joined = g_strjoinv (_(", "), (GStrv) versions);
  /* Translators: %s is a list of CUDA versions, "12.8, 12.9" */
  return g_strdup_printf (_("CUDA %s"), joined);
}
