/* gantry-pod-detail.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-format.h"
#include "gantry-pod-detail-private.h"

/* How often "Running for …" and the cost of the run move on. */
#define TICK_SECONDS 10

G_DEFINE_FINAL_TYPE (GantryPodDetail, gantry_pod_detail, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_POD,
  PROP_ENV_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void gantry_pod_detail_update (GantryPodDetail *self);

/* "16" or "7.5": vCPU counts and sizes may be fractional. 0 is what
 * RunPod sends when it does not say. */
static char *
format_number (double value)
{
  if (value <= 0)
    return g_strdup (_("Unknown"));
  if (value == (double) (gint64) value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  return g_strdup_printf ("%.1f", value);
}

static char *
format_gigabytes (double value)
{
  g_autofree char *number = NULL;

  if (value <= 0)
    return g_strdup (_("Unknown"));

  number = format_number (value);
  /* Translators: a size, like "50 GB". */
  return g_strdup_printf (_("%s GB"), number);
}

/* Bids go to a tenth of a cent: "$0.195/h per GPU", but "$0.20/h …". */
static char *
format_bid (double dollars)
{
  g_autofree char *amount = g_strdup_printf ("%.3f", dollars);
  gsize len = strlen (amount);

  if (amount[len - 1] == '0')
    amount[len - 1] = '\0';

  /* Translators: a bid in US dollars per GPU and hour. */
  return g_strdup_printf (_("$%s/h per GPU"), amount);
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  /* GtkLabel does nothing when the text is the same: no relayout. */
  gtk_label_set_label (label, text != NULL ? text : "");
}

static void
set_label_take (GtkLabel *label,
                char     *text)
{
  set_label (label, text);
  g_free (text);
}

void
_gantry_set_action_target (GtkWidget  *actionable,
                           const char *target)
{
  GVariant *current = gtk_actionable_get_action_target_value (
      GTK_ACTIONABLE (actionable));

  if (current != NULL && target != NULL
      && g_strcmp0 (g_variant_get_string (current, NULL), target) == 0)
    return;

  gtk_actionable_set_action_target (GTK_ACTIONABLE (actionable),
                                    "s", target != NULL ? target : "");
}

static gint64
seconds_in_status (GantryPod *pod)
{
  gint64 since = gantry_pod_get_status_since (pod);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (since > 0)
    return MAX (now - since, 0);

  return gantry_pod_get_uptime_seconds (pod);
}

static char *
describe_status (GantryPod *pod)
{
  GantryPodStatus status = gantry_pod_get_status (pod);
  gint64 seconds = seconds_in_status (pod);
  g_autofree char *duration = NULL;

  /* "Starting for 0 s" says nothing "Starting" does not; the pod list
   * waits as long before it counts. */
  if (seconds < 0 || (status != GANTRY_POD_STATUS_RUNNING
                      && status != GANTRY_POD_STATUS_STARTING)
      || (status == GANTRY_POD_STATUS_STARTING && seconds < 10))
    return g_strdup (gantry_pod_status_to_string (status));

  duration = gantry_format_duration (seconds);
  if (status == GANTRY_POD_STATUS_RUNNING)
    /* Translators: %s is a duration, like "3 h 12 min". */
    return g_strdup_printf (_("Running for %s"), duration);

  /* Translators: %s is a duration, like "2 min". */
  return g_strdup_printf (_("Starting for %s"), duration);
}

static const char *
status_style (GantryPodStatus status)
{
  switch (status)
    {
    case GANTRY_POD_STATUS_RUNNING:
      return "success";
    case GANTRY_POD_STATUS_STARTING:
    case GANTRY_POD_STATUS_CREATED:
    case GANTRY_POD_STATUS_RESTARTING:
      return "accent";
    case GANTRY_POD_STATUS_INTERRUPTED:
    case GANTRY_POD_STATUS_DEAD:
      return "error";
    default:
      return "dim-label";
    }
}

static void
update_header (GantryPodDetail *self)
{
  GantryPod *pod = self->pod;
  const char *classes[] = { status_style (gantry_pod_get_status (pod)),
                            NULL };

  set_label (self->name_label, gantry_pod_get_display_name (pod));
  set_label (self->id_label, gantry_pod_get_id (pod));
  set_label_take (self->status_label, describe_status (pod));
  gtk_widget_set_css_classes (GTK_WIDGET (self->status_icon), classes);

  _gantry_set_action_target (GTK_WIDGET (self->copy_name_button),
                             gantry_pod_get_display_name (pod));
  _gantry_set_action_target (GTK_WIDGET (self->copy_id_button),
                             gantry_pod_get_id (pod));
}

static gboolean
is_resumable (GantryPod *pod)
{
  GantryPodStatus status = gantry_pod_get_status (pod);

  return status == GANTRY_POD_STATUS_STOPPED
         || status == GANTRY_POD_STATUS_INTERRUPTED;
}

static void
update_actions (GantryPodDetail *self)
{
  GantryPodStatus status = gantry_pod_get_status (self->pod);
  const char *id = gantry_pod_get_id (self->pod);
  gboolean spot = gantry_pod_is_spot (self->pod);

  gtk_widget_set_visible (GTK_WIDGET (self->start_button),
                          is_resumable (self->pod));
  gtk_widget_set_visible (GTK_WIDGET (self->stop_button),
                          status == GANTRY_POD_STATUS_RUNNING
                          || status == GANTRY_POD_STATUS_STARTING);
  gtk_widget_set_visible (GTK_WIDGET (self->terminate_button),
                          status != GANTRY_POD_STATUS_TERMINATED);

  adw_button_content_set_label (self->start_content,
                                spot ? _("_Resume with Bid…") : _("_Start"));

  _gantry_set_action_target (GTK_WIDGET (self->start_button), id);
  _gantry_set_action_target (GTK_WIDGET (self->stop_button), id);
  _gantry_set_action_target (GTK_WIDGET (self->terminate_button), id);
}

static void
update_cost (GantryPodDetail *self)
{
  GantryPod *pod = self->pod;
  double cost = gantry_pod_get_cost_per_hr (pod);
  double min_bid = gantry_pod_get_lowest_bid_price_to_resume (pod);
  gint64 uptime = gantry_pod_get_uptime_seconds (pod);
  gboolean running = gantry_pod_get_status (pod) == GANTRY_POD_STATUS_RUNNING;
  gboolean spot = gantry_pod_is_spot (pod);

  /* A price of 0 means RunPod did not say, never that the pod is free. */
  if (cost > 0)
    set_label_take (self->price_label, gantry_format_price_per_hour (cost));
  else
    set_label (self->price_label, _("Unknown"));
  adw_action_row_set_subtitle (self->price_row,
                               spot ? _("Spot, may be interrupted")
                                    : _("On demand"));

  gtk_widget_set_visible (GTK_WIDGET (self->run_cost_row),
                          running && cost > 0 && uptime >= 0);
  if (running && cost > 0 && uptime >= 0)
    set_label_take (self->run_cost_label,
                    gantry_format_dollars (cost * uptime / 3600.0));

  /* The minimum bid matters to a spot pod that waits to be resumed. */
  gtk_widget_set_visible (GTK_WIDGET (self->min_bid_row),
                          spot && min_bid > 0 && is_resumable (pod));
  if (spot && min_bid > 0 && is_resumable (pod))
    set_label_take (self->min_bid_label, format_bid (min_bid));
}

static char *
describe_gpu (GantryPod *pod)
{
  const char *name = gantry_pod_get_gpu_display_name (pod);
  int count = gantry_pod_get_gpu_count (pod);

  if (name == NULL || *name == '\0')
    name = gantry_pod_get_gpu_type_id (pod);
  if (count <= 0)
    return g_strdup (_("None"));
  if (name == NULL || *name == '\0')
    return g_strdup_printf (ngettext ("%d GPU", "%d GPUs", count), count);

  /* Translators: a GPU model and how many, like "RTX 4090 × 2". */
  return g_strdup_printf (_("%s × %d"), name, count);
}

static void
update_resources (GantryPodDetail *self)
{
  GantryPod *pod = self->pod;
  double volume = gantry_pod_get_volume_in_gb (pod);
  const char *mount = gantry_pod_get_volume_mount_path (pod);
  const char *location = gantry_pod_get_location (pod);
  g_autofree char *mounted_at = NULL;

  set_label_take (self->gpu_label, describe_gpu (pod));
  set_label_take (self->vcpu_label,
                  format_number (gantry_pod_get_vcpu_count (pod)));
  set_label_take (self->memory_label,
                  format_gigabytes (gantry_pod_get_memory_in_gb (pod)));
  set_label_take (self->disk_label,
                  format_gigabytes (gantry_pod_get_container_disk_in_gb (pod)));

  if (volume > 0)
    set_label_take (self->volume_label, format_gigabytes (volume));
  else
    set_label (self->volume_label, _("None"));
  if (volume > 0 && mount != NULL && *mount != '\0')
    /* Translators: %s is a path inside the pod, like "/workspace". */
    mounted_at = g_strdup_printf (_("Mounted at %s"), mount);
  adw_action_row_set_subtitle (self->volume_row,
                               mounted_at != NULL ? mounted_at : "");

  set_label (self->location_label,
             location != NULL && *location != '\0' ? location : _("Unknown"));
}

static void
update_image (GantryPodDetail *self)
{
  const char *image = gantry_pod_get_image_name (self->pod);
  gboolean known = image != NULL && *image != '\0';

  set_label (self->image_value, known ? image : _("Unknown"));
  gtk_widget_set_visible (self->image_copy_button, known);
  _gantry_set_action_target (self->image_copy_button, image);
}

static void
gantry_pod_detail_update (GantryPodDetail *self)
{
  if (self->pod == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  update_header (self);
  update_actions (self);
  update_cost (self);
  update_resources (self);
  update_image (self);
  _gantry_pod_detail_update_connection (self);
  _gantry_pod_detail_update_usage (self);
  _gantry_pod_detail_update_env (self);

  gtk_stack_set_visible_child_name (self->stack, "pod");
}

static gboolean
tick_cb (gpointer user_data)
{
  GantryPodDetail *self = user_data;

  if (self->pod != NULL)
    {
      set_label_take (self->status_label, describe_status (self->pod));
      update_cost (self);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_pod_notify_cb (GantryPodDetail *self,
                  GParamSpec      *pspec,
                  GantryPod       *pod)
{
  gantry_pod_detail_update (self);
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);

  gdk_clipboard_set_text (clipboard, g_variant_get_string (parameter, NULL));
  gtk_widget_activate_action (widget, "win.toast", "s",
                              _("Copied to clipboard"));
}

static void
open_uri_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (GantryPodDetail) self = user_data;
  g_autoptr (GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;

  g_debug ("Cannot open the address: %s", error->message);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s",
                              _("No app could open the address"));
}

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr (GdkAppLaunchContext) context = NULL;

  context = gdk_display_get_app_launch_context (display);
  /* The browser is our child: it must not inherit the key. */
  g_app_launch_context_unsetenv (G_APP_LAUNCH_CONTEXT (context),
                                 "RUNPOD_API_KEY");
  g_app_info_launch_default_for_uri_async (g_variant_get_string (parameter,
                                                                 NULL),
                                           G_APP_LAUNCH_CONTEXT (context),
                                           NULL, open_uri_cb,
                                           g_object_ref (widget));
}

static void
gantry_pod_detail_set_env_revealed (GantryPodDetail *self,
                                    gboolean         revealed)
{
  const char *tooltip;

  revealed = !!revealed;
  if (self->env_revealed == revealed)
    return;

  self->env_revealed = revealed;
  gtk_button_set_icon_name (GTK_BUTTON (self->reveal_button),
                            revealed ? "view-conceal-symbolic"
                                     : "view-reveal-symbolic");
  tooltip = revealed ? _("Hide Values") : _("Show Values");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reveal_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reveal_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  _gantry_pod_detail_reveal_env (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENV_REVEALED]);
}

static void
gantry_pod_detail_dispose (GObject *object)
{
  GantryPodDetail *self = GANTRY_POD_DETAIL (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->pod != NULL)
    g_clear_signal_handler (&self->notify_id, self->pod);
  g_clear_object (&self->pod);

  gtk_widget_dispose_template (GTK_WIDGET (self), GANTRY_TYPE_POD_DETAIL);

  G_OBJECT_CLASS (gantry_pod_detail_parent_class)->dispose (object);
}

static void
gantry_pod_detail_finalize (GObject *object)
{
  GantryPodDetail *self = GANTRY_POD_DETAIL (object);

  g_free (self->connection_key);
  g_free (self->env_key);
  g_ptr_array_unref (self->connection_rows);
  g_ptr_array_unref (self->env_rows);
  g_ptr_array_unref (self->env_values);
  g_ptr_array_unref (self->usage_rows);
  g_array_unref (self->usage_meters);

  G_OBJECT_CLASS (gantry_pod_detail_parent_class)->finalize (object);
}

static void
gantry_pod_detail_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GantryPodDetail *self = GANTRY_POD_DETAIL (object);

  switch (prop_id)
    {
    case PROP_POD:
      g_value_set_object (value, self->pod);
      break;
    case PROP_ENV_REVEALED:
      g_value_set_boolean (value, self->env_revealed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_pod_detail_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GantryPodDetail *self = GANTRY_POD_DETAIL (object);

  switch (prop_id)
    {
    case PROP_POD:
      gantry_pod_detail_set_pod (self, g_value_get_object (value));
      break;
    case PROP_ENV_REVEALED:
      gantry_pod_detail_set_env_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_pod_detail_class_init (GantryPodDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gantry_pod_detail_dispose;
  object_class->finalize = gantry_pod_detail_finalize;
  object_class->get_property = gantry_pod_detail_get_property;
  object_class->set_property = gantry_pod_detail_set_property;

  properties[PROP_POD] =
    g_param_spec_object ("pod", NULL, NULL, GANTRY_TYPE_POD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENV_REVEALED] =
    g_param_spec_boolean ("env-revealed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                          | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "detail.copy", "s",
                                   copy_action_cb);
  gtk_widget_class_install_action (widget_class, "detail.open", "s",
                                   open_action_cb);
  gtk_widget_class_install_property_action (widget_class,
                                            "detail.reveal-env",
                                            "env-revealed");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
      "/io/github/gantry_app/Gantry/ui/gantry-pod-detail.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, GantryPodDetail, name)
  BIND (stack);
  BIND (empty_page);
  BIND (scrolled_window);
  BIND (name_label);
  BIND (copy_name_button);
  BIND (id_label);
  BIND (copy_id_button);
  BIND (status_icon);
  BIND (status_label);
  BIND (start_button);
  BIND (start_content);
  BIND (stop_button);
  BIND (terminate_button);
  BIND (connection_group);
  BIND (usage_group);
  BIND (price_row);
  BIND (price_label);
  BIND (run_cost_row);
  BIND (run_cost_label);
  BIND (min_bid_row);
  BIND (min_bid_label);
  BIND (gpu_label);
  BIND (vcpu_label);
  BIND (memory_label);
  BIND (disk_label);
  BIND (volume_row);
  BIND (volume_label);
  BIND (location_label);
  BIND (image_group);
  BIND (env_group);
  BIND (reveal_button);
#undef BIND
}

static void
gantry_pod_detail_init (GantryPodDetail *self)
{
  GtkWidget *image_row;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->connection_rows = g_ptr_array_new ();
  self->env_rows = g_ptr_array_new ();
  self->env_values = g_ptr_array_new ();
  self->usage_rows = g_ptr_array_new ();
  self->usage_meters = g_array_new (FALSE, TRUE, sizeof (GantryMeter));
  self->usage_gpus = -1;

  image_row = _gantry_value_row_new (_("Image"), NULL, &self->image_value);
  gtk_widget_add_css_class (GTK_WIDGET (self->image_value), "monospace");
  self->image_copy_button =
    _gantry_value_row_add_button (image_row, "edit-copy-symbolic",
                                  _("Copy Image Name"), "detail.copy", NULL);
  adw_preferences_group_add (self->image_group, image_row);
}

GtkWidget *
gantry_pod_detail_new (void)
{
  return g_object_new (GANTRY_TYPE_POD_DETAIL, NULL);
}

GantryPod *
gantry_pod_detail_get_pod (GantryPodDetail *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_DETAIL (self), NULL);

  return self->pod;
}

void
gantry_pod_detail_set_pod (GantryPodDetail *self,
                           GantryPod       *pod)
{
  GtkAdjustment *vadjustment;

  g_return_if_fail (GANTRY_IS_POD_DETAIL (self));
  g_return_if_fail (pod == NULL || GANTRY_IS_POD (pod));

  if (self->pod == pod)
    return;

  if (self->pod != NULL)
    g_clear_signal_handler (&self->notify_id, self->pod);
  g_set_object (&self->pod, pod);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  /* Another pod: start at the top, with its secrets hidden. */
  vadjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (vadjustment, 0);
  gantry_pod_detail_set_env_revealed (self, FALSE);
  _gantry_pod_detail_clear_sections (self);

  if (pod != NULL)
    {
      self->notify_id = g_signal_connect_swapped (pod, "notify",
                                                  G_CALLBACK (on_pod_notify_cb),
                                                  self);
      self->tick_id = g_timeout_add_seconds (TICK_SECONDS, tick_cb, self);
    }

  gantry_pod_detail_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POD]);
}
