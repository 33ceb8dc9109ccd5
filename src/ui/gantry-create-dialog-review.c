/* gantry-create-dialog-review.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the Create Pod dialog shows back: the price per hour for the whole
 * pod, the bid's floor, and the review of every value that will be sent
 * (variable values masked). */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gantry-create-dialog-private.h"

#define MASK "••••••••"

char *
_gantry_create_dialog_format_money (double dollars)
{
  g_autofree char *amount = g_strdup_printf ("%.3f", dollars);
  gsize len = strlen (amount);

  /* "1.380" reads as "1.38", but "0.095" keeps its third decimal. */
  if (len > 0 && amount[len - 1] == '0')
    amount[len - 1] = '\0';

  /* Translators: an amount in US dollars, like "$1.38". */
  return g_strdup_printf (_("$%s"), amount);
}

const char *
_gantry_create_dialog_describe_cloud (GantryCloud cloud)
{
  switch (cloud)
    {
    case GANTRY_CLOUD_SECURE:
      return _("Secure Cloud");
    case GANTRY_CLOUD_COMMUNITY:
      return _("Community Cloud");
    case GANTRY_CLOUD_ALL:
    default:
      return _("Any cloud");
    }
}

static const char *
gpu_name (GantryPodSpec *spec)
{
  GantryGpuType *type = gantry_pod_spec_get_gpu_type (spec);
  const char *name = type ? gantry_gpu_type_get_display_name (type) : NULL;

  return name != NULL ? name : gantry_pod_spec_get_gpu_type_id (spec);
}

/* Prices */

static char *
describe_price (GantryPodSpec *spec)
{
  double price = gantry_pod_spec_get_price_per_hour (spec);
  g_autofree char *money = NULL;

  if (price <= 0)
    return g_strdup (_("Price unknown"));

  money = _gantry_create_dialog_format_money (price);
  /* Translators: a price per hour, like "$1.38/h". */
  return g_strdup_printf (_("%s/h"), money);
}

static char *
describe_price_basis (GantryPodSpec *spec)
{
  int count = gantry_pod_spec_get_gpu_count (spec);
  const char *gpu = gpu_name (spec);
  g_autofree char *bid = NULL;

  if (gpu == NULL)
    return g_strdup ("");

  if (!gantry_pod_spec_get_spot (spec))
    /* Translators: what a price is for, like "2 × RTX 4090 on demand". */
    return g_strdup_printf (_("%d × %s on demand"), count, gpu);

  bid = _gantry_create_dialog_format_money (
          gantry_pod_spec_get_bid_per_gpu (spec));
  /* Translators: what a price is for, like "2 × RTX 4090 at a bid of
   * $0.40 per GPU-hour". */
  return g_strdup_printf (_("%d × %s at a bid of %s per GPU-hour"), count,
                          gpu, bid);
}

static void
update_price_rows (GantryCreateDialog *self,
                   double              on_demand,
                   double              minimum)
{
  g_autofree char *on_demand_text = NULL;
  g_autofree char *spot_text = NULL;
  g_autofree char *floor = NULL;

  if (on_demand > 0)
    {
      g_autofree char *money = _gantry_create_dialog_format_money (on_demand);

      on_demand_text = g_strdup_printf (_("%s per GPU-hour, until you stop "
                                          "the pod"), money);
    }
  adw_action_row_set_subtitle (self->on_demand_row,
                               on_demand_text ? on_demand_text
                                              : _("RunPod lists no price "
                                                  "for this GPU right now"));

  if (minimum > 0)
    {
      floor = _gantry_create_dialog_format_money (minimum);
      spot_text = g_strdup_printf (_("Bid from %s per GPU-hour; RunPod "
                                     "stops the pod when others bid "
                                     "more"), floor);
    }
  adw_action_row_set_subtitle (self->spot_row,
                               spot_text ? spot_text
                                         : _("RunPod offers no spot price "
                                             "for this GPU"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->spot_row),
                            minimum > 0 ||
                            gtk_check_button_get_active (self->spot_check));
}

/* The bid spin never goes below RunPod's minimum; it starts there. */
static void
update_bid_floor (GantryCreateDialog *self,
                  double              minimum)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->bid_spin);
  double bid = gtk_spin_button_get_value (self->bid_spin);
  g_autofree char *floor = NULL;
  g_autofree char *text = NULL;

  if (minimum <= 0 || minimum == self->shown_minimum)
    return;

  self->syncing = TRUE;
  gtk_adjustment_set_lower (adjustment, minimum);
  if (bid < minimum || bid == self->shown_minimum || self->shown_minimum <= 0)
    gtk_spin_button_set_value (self->bid_spin, minimum);
  self->shown_minimum = minimum;
  self->syncing = FALSE;

  floor = _gantry_create_dialog_format_money (minimum);
  /* Translators: the lowest bid RunPod takes, like "At least $0.35". */
  text = g_strdup_printf (_("At least %s"), floor);
  adw_action_row_set_subtitle (self->bid_row, text);
  gantry_pod_spec_set_bid_per_gpu (self->spec,
                                   gtk_spin_button_get_value (self->bid_spin));
}

void
_gantry_create_dialog_update_prices (GantryCreateDialog *self)
{
  GantryGpuType *type = gantry_pod_spec_get_gpu_type (self->spec);
  double minimum = gantry_pod_spec_get_minimum_bid (self->spec);
  g_autofree char *price = NULL;
  g_autofree char *basis = NULL;

  update_price_rows (self,
                     type ? gantry_gpu_type_get_on_demand_price (type) : -1,
                     minimum);
  update_bid_floor (self, minimum);

  price = describe_price (self->spec);
  basis = describe_price_basis (self->spec);
  gtk_label_set_label (self->price_label, price);
  gtk_label_set_label (self->price_detail_label, basis);
  gtk_label_set_label (self->review_price_label, price);
  gtk_label_set_label (self->review_price_detail_label, basis);
}

/* Review */

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (value);

  /* Keys and GPU ids are shown as they are, never read as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  /* A wrapping label asks for little; give the value room before the
   * title's free space. */
  gtk_label_set_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  gtk_list_box_append (list, row);
  return row;
}

static GtkWidget *
add_row_printf (GtkListBox *list,
                const char *title,
                const char *format,
                ...) G_GNUC_PRINTF (3, 4);

static GtkWidget *
add_row_printf (GtkListBox *list,
                const char *title,
                const char *format,
                ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);

  return add_row (list, title, value);
}

static void
add_minimum_row (GtkListBox *list,
                 const char *title,
                 int         value,
                 const char *format)
{
  if (value <= 0)
    add_row (list, title, _("Any"));
  else
    add_row_printf (list, title, format, value);
}

static void
build_machine (GantryCreateDialog *self)
{
  GantryPodSpec *spec = self->spec;
  GantryGpuType *type = gantry_pod_spec_get_gpu_type (spec);
  const char * const *cuda = gantry_pod_spec_get_cuda_versions (spec);
  g_autofree char *cuda_text = g_strjoinv (", ", (char **) cuda);
  const char *name = gpu_name (spec);
  GtkWidget *row;

  clear_list (self->review_gpu_list);
  if (type != NULL)
    /* Translators: a GPU and its memory, like "RTX 4090, 24 GB". */
    row = add_row_printf (self->review_gpu_list, _("GPU"), _("%s, %d GB"),
                          name, gantry_gpu_type_get_memory_in_gb (type));
  else
    row = add_row (self->review_gpu_list, _("GPU"), name ? name : "");
  /* What is sent is the type's id, which says more than its name. */
  if (g_strcmp0 (name, gantry_pod_spec_get_gpu_type_id (spec)) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 gantry_pod_spec_get_gpu_type_id (spec));
  add_row_printf (self->review_gpu_list, _("GPUs"), "%d",
                  gantry_pod_spec_get_gpu_count (spec));
  add_row (self->review_gpu_list, _("Cloud"),
           _gantry_create_dialog_describe_cloud (
             gantry_pod_spec_get_cloud (spec)));
  add_row (self->review_gpu_list, _("CUDA"),
           cuda[0] != NULL ? cuda_text : _("Any version"));
  add_minimum_row (self->review_gpu_list, _("Minimum vCPUs"),
                   gantry_pod_spec_get_min_vcpu_count (spec), "%d");
  add_minimum_row (self->review_gpu_list, _("Minimum Memory"),
                   gantry_pod_spec_get_min_memory_gb (spec), _("%d GB"));
}

static void
add_pricing_row (GantryCreateDialog *self)
{
  g_autofree char *bid = NULL;

  if (!gantry_pod_spec_get_spot (self->spec))
    {
      add_row (self->review_pod_list, _("Pricing"), _("On demand"));
      return;
    }

  bid = _gantry_create_dialog_format_money (
          gantry_pod_spec_get_bid_per_gpu (self->spec));
  add_row_printf (self->review_pod_list, _("Pricing"),
                  _("Spot, bidding %s per GPU-hour"), bid);
}

static void
build_pod (GantryCreateDialog *self)
{
  GantryPodSpec *spec = self->spec;
  g_autofree char *ports = gantry_pod_spec_dup_ports_string (spec);
  g_autofree char *name = g_strstrip (g_strdup (
                            gantry_pod_spec_get_name (spec)));
  int volume = gantry_pod_spec_get_volume_gb (spec);
  g_auto (GStrv) port_list = g_strsplit (ports, ",", -1);
  g_autofree char *port_text = g_strjoinv (", ", port_list);

  clear_list (self->review_pod_list);
  add_row (self->review_pod_list, _("Name"), name);
  add_row (self->review_pod_list, _("Container Image"),
           gantry_pod_spec_get_image_name (spec));
  add_row_printf (self->review_pod_list, _("Container Disk"), _("%d GB"),
                  gantry_pod_spec_get_container_disk_gb (spec));
  if (volume > 0)
    /* Translators: a volume and where it is mounted, "50 GB at /data". */
    add_row_printf (self->review_pod_list, _("Volume"), _("%d GB at %s"),
                    volume, gantry_pod_spec_get_volume_mount_path (spec));
  else
    add_row (self->review_pod_list, _("Volume"), _("None"));
  add_row (self->review_pod_list, _("Exposed Ports"),
           *ports != '\0' ? port_text : _("None"));
  add_pricing_row (self);
}

static void
build_env (GantryCreateDialog *self)
{
  guint n = gantry_pod_spec_get_n_env (self->spec);

  clear_list (self->review_env_list);
  gtk_widget_set_visible (GTK_WIDGET (self->review_env_group), n > 0);
  for (guint i = 0; i < n; i++)
    {
      const char *key;
      const char *value;

      /* Hidden, but not made up: dots for a value that is not there
       * would hide that nothing is sent. */
      gantry_pod_spec_get_env (self->spec, i, &key, &value);
      add_row (self->review_env_list, key,
               *value != '\0' ? MASK : _("Empty"));
    }
}

void
_gantry_create_dialog_build_review (GantryCreateDialog *self)
{
  build_machine (self);
  build_pod (self);
  build_env (self);
}
