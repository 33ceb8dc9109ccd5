/* gantry-pod-row.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-format.h"
#include "gantry-pod-row.h"

/* How often a starting pod's "Starting for N min" is brought up to date:
 * nothing else changes it while the server has no news. */
#define STARTING_TICK_SECONDS 10

/* libadwaita's dim-label opacity. */
#define DIM_OPACITY 0.55

struct _GantryPodRow
{
  GtkWidget  parent_instance;

  GtkWidget *status_dot;
  GtkLabel  *name_label;
  GtkLabel  *price_label;
  GtkLabel  *status_label;
  GtkLabel  *gpu_label;
  GtkLabel  *uptime_label;

  GantryPod *pod;             /* owned, nullable */
  gulong     notify_id;
  guint      tick_id;
  const char *status_class;   /* the dot's current class, static */
};

enum {
  PROP_0,
  PROP_POD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GantryPodRow, gantry_pod_row, GTK_TYPE_WIDGET)

const char *
gantry_pod_row_status_class (GantryPodStatus status)
{
  switch (status)
    {
    case GANTRY_POD_STATUS_RUNNING:
      return "running";

    case GANTRY_POD_STATUS_STARTING:
    case GANTRY_POD_STATUS_CREATED:
    case GANTRY_POD_STATUS_RESTARTING:
      return "starting";

    case GANTRY_POD_STATUS_INTERRUPTED:
    case GANTRY_POD_STATUS_DEAD:
      return "error";

    case GANTRY_POD_STATUS_PAUSED:
    case GANTRY_POD_STATUS_STOPPED:
    case GANTRY_POD_STATUS_TERMINATED:
    case GANTRY_POD_STATUS_UNKNOWN:
    default:
      return "stopped";
    }
}

/* The label classes libadwaita has for the same meanings. */
static const char *
label_class_for (const char *status_class)
{
  if (g_str_equal (status_class, "running"))
    return "success";
  if (g_str_equal (status_class, "starting"))
    return "accent";
  if (g_str_equal (status_class, "error"))
    return "error";
  return "dim-label";
}

static void
set_status_class (GantryPodRow *self,
                  const char   *status_class)
{
  if (self->status_class == status_class)
    return;

  if (self->status_class != NULL)
    {
      gtk_widget_remove_css_class (self->status_dot, self->status_class);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label),
                                   label_class_for (self->status_class));
    }

  self->status_class = status_class;

  if (status_class != NULL)
    {
      gtk_widget_add_css_class (self->status_dot, status_class);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label),
                                label_class_for (status_class));
    }
}

static char *
dup_status_text (GantryPod *pod)
{
  GantryPodStatus status = gantry_pod_get_status (pod);
  gint64 since = gantry_pod_get_status_since (pod);
  gint64 elapsed = g_get_real_time () / G_USEC_PER_SEC - since;
  g_autofree char *duration = NULL;

  /* "Starting for 0 s" says nothing "Starting" does not. */
  if (status != GANTRY_POD_STATUS_STARTING || since <= 0 || elapsed < 10)
    return g_strdup (gantry_pod_status_to_string (status));

  duration = gantry_format_duration (elapsed);
  /* Translators: a pod's status, "Starting for 2 min" */
  return g_strdup_printf (_("Starting for %s"), duration);
}

static char *
dup_gpu_text (GantryPod *pod)
{
  const char *gpu = gantry_pod_get_gpu_display_name (pod);
  int count = gantry_pod_get_gpu_count (pod);

  if (gpu == NULL || *gpu == '\0')
    gpu = count > 0 ? _("Unknown GPU") : _("No GPU");
  if (count <= 1)
    return g_strdup (gpu);

  /* Translators: a GPU model and how many of it, "RTX 4090 × 2" */
  return g_strdup_printf (_("%s × %d"), gpu, count);
}

static void
update_price (GantryPodRow *self)
{
  g_autofree char *price = NULL;
  const char *tooltip;
  gboolean billed;

  price = gantry_format_price_per_hour (gantry_pod_get_cost_per_hr (self->pod));
  gtk_label_set_label (self->price_label, price ? price : "—");

  /* A pod that is not asked to run pays no GPU rate: its price is what
   * it would cost, shown dimmed, not what it costs now. Dimmed by
   * opacity, as the dim-label style does, without restyling the label
   * each time a recycled row changes pods. */
  billed = g_strcmp0 (gantry_pod_get_desired_status (self->pod),
                      "RUNNING") == 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->price_label),
                          billed ? 1.0 : DIM_OPACITY);

  /* Setting a tooltip asks the display server where the pointer is, even
   * when the text is the same: rows update on every refresh. */
  if (price == NULL)
    tooltip = _("Price unknown");
  else if (!billed)
    tooltip = _("The rate while it runs; not billed now");
  else
    tooltip = NULL;
  if (g_strcmp0 (tooltip, gtk_widget_get_tooltip_text (
                   GTK_WIDGET (self->price_label))) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->price_label), tooltip);
}

static void
update_uptime (GantryPodRow *self)
{
  gint64 uptime = gantry_pod_get_uptime_seconds (self->pod);
  g_autofree char *text = NULL;

  if (gantry_pod_get_status (self->pod) == GANTRY_POD_STATUS_RUNNING
      && uptime >= 0)
    text = gantry_format_duration (uptime);

  gtk_label_set_label (self->uptime_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->uptime_label), text != NULL);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  GantryPodRow *self = user_data;
  g_autofree char *status = dup_status_text (self->pod);

  gtk_label_set_label (self->status_label, status);

  return G_SOURCE_CONTINUE;
}

/* Only a starting pod's text goes stale on its own. */
static void
update_tick (GantryPodRow *self)
{
  gboolean starting = self->pod != NULL
    && gantry_pod_get_status (self->pod) == GANTRY_POD_STATUS_STARTING;

  if (starting && self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (STARTING_TICK_SECONDS,
                                           on_tick_cb, self);
  else if (!starting)
    g_clear_handle_id (&self->tick_id, g_source_remove);
}

static void
update (GantryPodRow *self)
{
  g_autofree char *status_text = NULL;
  g_autofree char *gpu = NULL;
  GantryPodStatus status;

  update_tick (self);

  if (self->pod == NULL)
    {
      set_status_class (self, NULL);
      return;
    }

  status = gantry_pod_get_status (self->pod);
  status_text = dup_status_text (self->pod);
  gpu = dup_gpu_text (self->pod);

  gtk_label_set_label (self->name_label,
                       gantry_pod_get_display_name (self->pod));
  gtk_label_set_label (self->status_label, status_text);
  gtk_label_set_label (self->gpu_label, gpu);
  set_status_class (self, gantry_pod_row_status_class (status));
  update_price (self);
  update_uptime (self);
}

static void
gantry_pod_row_dispose (GObject *object)
{
  GantryPodRow *self = GANTRY_POD_ROW (object);
  GtkWidget *child;

  gantry_pod_row_set_pod (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GANTRY_TYPE_POD_ROW);
  /* Whatever the template leaves is ours to remove. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gantry_pod_row_parent_class)->dispose (object);
}

static void
gantry_pod_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GantryPodRow *self = GANTRY_POD_ROW (object);

  switch (prop_id)
    {
    case PROP_POD:
      g_value_set_object (value, self->pod);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_pod_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GantryPodRow *self = GANTRY_POD_ROW (object);

  switch (prop_id)
    {
    case PROP_POD:
      gantry_pod_row_set_pod (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_pod_row_class_init (GantryPodRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gantry_pod_row_dispose;
  object_class->get_property = gantry_pod_row_get_property;
  object_class->set_property = gantry_pod_row_set_property;

  properties[PROP_POD] =
    g_param_spec_object ("pod", NULL, NULL, GANTRY_TYPE_POD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gantry_app/Gantry/ui/gantry-pod-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GantryPodRow,
                                        status_dot);
  gtk_widget_class_bind_template_child (widget_class, GantryPodRow,
                                        name_label);
  gtk_widget_class_bind_template_child (widget_class, GantryPodRow,
                                        price_label);
  gtk_widget_class_bind_template_child (widget_class, GantryPodRow,
                                        status_label);
  gtk_widget_class_bind_template_child (widget_class, GantryPodRow,
                                        gpu_label);
  gtk_widget_class_bind_template_child (widget_class, GantryPodRow,
                                        uptime_label);
  gtk_widget_class_set_layout_manager_type (widget_class,
                                            GTK_TYPE_GRID_LAYOUT);
}

static void
gantry_pod_row_init (GantryPodRow *self)
{
  GtkLayoutManager *grid = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  /* Twelve pixels between the columns, six between status and GPU: the
   * dot, price and uptime add six of their own (see the template). */
  gtk_grid_layout_set_column_spacing (GTK_GRID_LAYOUT (grid), 6);
  gtk_grid_layout_set_row_spacing (GTK_GRID_LAYOUT (grid), 3);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gantry_pod_row_new (void)
{
  return g_object_new (GANTRY_TYPE_POD_ROW, NULL);
}

GantryPod *
gantry_pod_row_get_pod (GantryPodRow *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_ROW (self), NULL);

  return self->pod;
}

void
gantry_pod_row_set_pod (GantryPodRow *self,
                        GantryPod    *pod)
{
  g_return_if_fail (GANTRY_IS_POD_ROW (self));
  g_return_if_fail (pod == NULL || GANTRY_IS_POD (pod));

  if (self->pod == pod)
    return;

  /* A recycled row must stop following the pod it showed before. */
  if (self->pod != NULL)
    g_clear_signal_handler (&self->notify_id, self->pod);
  g_set_object (&self->pod, pod);
  if (pod != NULL)
    self->notify_id = g_signal_connect_swapped (pod, "notify",
                                                G_CALLBACK (update), self);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POD]);
}
