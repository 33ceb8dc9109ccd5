/* gantry-pod-detail-sections.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "gantry-pod-detail-private.h"

/* Shown instead of a hidden value; the same length for every value, so
 * that the dots say nothing about the secret. */
#define HIDDEN_VALUE "••••••••"

GtkWidget *
_gantry_value_row_new (const char  *caption,
                       const char  *value,
                       GtkLabel   **out_value)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *title_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *value_label = gtk_label_new (value);
  g_autoptr (PangoAttrList) attributes = NULL;

  /* The style classes are those of AdwActionRow's own parts, so that the
   * row lines up with the others in its group. */
  gtk_widget_add_css_class (header, "header");
  gtk_widget_add_css_class (title_box, "title");
  gtk_widget_add_css_class (caption_label, "subtitle");
  gtk_widget_set_hexpand (title_box, TRUE);
  gtk_widget_set_valign (title_box, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);

  /* Values are addresses, commands and names: when one must wrap, it
   * fills the line and gains no hyphen that was never in it. */
  attributes = pango_attr_list_new ();
  pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
  gtk_label_set_attributes (GTK_LABEL (value_label), attributes);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_CHAR);

  gtk_box_append (GTK_BOX (title_box), caption_label);
  gtk_box_append (GTK_BOX (title_box), value_label);
  gtk_box_append (GTK_BOX (header), title_box);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), header);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), caption);

  if (out_value != NULL)
    *out_value = GTK_LABEL (value_label);

  return row;
}

GtkWidget *
_gantry_value_row_add_button (GtkWidget  *row,
                              const char *icon_name,
                              const char *tooltip,
                              const char *action_name,
                              const char *target)
{
  GtkWidget *header = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  _gantry_set_action_target (button, target);
  gtk_box_append (GTK_BOX (header), button);

  return button;
}

static GtkWidget *
note_row_new (const char *caption,
              const char *note)
{
  GtkLabel *label;
  GtkWidget *row = _gantry_value_row_new (caption, note, &label);

  gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
  gtk_label_set_selectable (label, FALSE);

  return row;
}

static void
remove_rows (AdwPreferencesGroup *group,
             GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
add_row (AdwPreferencesGroup *group,
         GPtrArray           *rows,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (rows, row);
}

/* Connection */

/* "https://abc-8888.proxy.runpod.net" → "HTTP Port 8888" */
static char *
caption_for_url (const char *url)
{
  const char *host = strstr (url, "://");
  g_autofree char *label = NULL;
  const char *dash;
  guint64 port;

  host = host != NULL ? host + 3 : url;
  label = g_strndup (host, strcspn (host, "."));
  dash = strrchr (label, '-');
  if (dash == NULL
      || !g_ascii_string_to_unsigned (dash + 1, 10, 1, 65535, &port, NULL))
    return g_strdup (_("HTTP"));

  /* Translators: %u is a port number inside the pod. */
  return g_strdup_printf (_("HTTP Port %u"), (guint) port);
}

static GtkWidget *
url_row_new (const char *url)
{
  g_autofree char *caption = caption_for_url (url);
  GtkLabel *label;
  GtkWidget *row = _gantry_value_row_new (caption, url, &label);

  _gantry_value_row_add_button (row, "edit-copy-symbolic", _("Copy Address"),
                                "detail.copy", url);
  _gantry_value_row_add_button (row, "adw-external-link-symbolic",
                                _("Open in Browser"), "detail.open", url);

  return row;
}

static GtkWidget *
ssh_row_new (const char *command)
{
  GtkLabel *label;
  GtkWidget *row = _gantry_value_row_new (_("SSH"), command, &label);

  gtk_widget_add_css_class (GTK_WIDGET (label), "monospace");
  _gantry_value_row_add_button (row, "edit-copy-symbolic",
                                _("Copy SSH Command"), "detail.copy",
                                command);

  return row;
}

void
_gantry_pod_detail_update_connection (GantryPodDetail *self)
{
  GantryPod *pod = self->pod;
  g_autofree char *ssh = gantry_pod_dup_ssh_command (pod);
  const char *ssh_note = gantry_pod_describe_ssh_unavailable (pod);
  g_auto (GStrv) urls = gantry_pod_dup_proxy_urls (pod);
  const char *http_note = gantry_pod_describe_proxy_unavailable (pod);
  g_autofree char *joined = g_strjoinv ("\n", urls);
  g_autofree char *key = NULL;

  /* The model gives no route for a pod that is not running, so the ports
   * it had before a stop are never shown. */
  key = g_strdup_printf ("%s\n%s\n%s\n%s", ssh != NULL ? ssh : "",
                         ssh_note != NULL ? ssh_note : "", joined,
                         http_note != NULL ? http_note : "");
  if (g_strcmp0 (key, self->connection_key) == 0)
    return;
  g_free (self->connection_key);
  self->connection_key = g_steal_pointer (&key);

  remove_rows (self->connection_group, self->connection_rows);
  if (ssh != NULL)
    add_row (self->connection_group, self->connection_rows,
             ssh_row_new (ssh));
  else
    add_row (self->connection_group, self->connection_rows,
             note_row_new (_("SSH"), ssh_note != NULL ? ssh_note
                                                      : _("Not available")));

  for (guint i = 0; urls[i] != NULL; i++)
    add_row (self->connection_group, self->connection_rows,
             url_row_new (urls[i]));
  if (urls[0] == NULL)
    add_row (self->connection_group, self->connection_rows,
             note_row_new (_("HTTP"), http_note != NULL ? http_note
                                                        : _("Not available")));
}

/* Usage */

static GtkWidget *
meter_new (GantryPodDetail *self,
           const char      *caption)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *bar = gtk_level_bar_new ();
  GtkWidget *label = gtk_label_new (NULL);
  GantryMeter meter = { GTK_LEVEL_BAR (bar), GTK_LABEL (label) };

  /* Busy is not bad here: one colour whatever the level. */
  gtk_level_bar_remove_offset_value (meter.bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (meter.bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (meter.bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_widget_set_size_request (bar, 120, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);

  gtk_label_set_xalign (GTK_LABEL (caption_label), 1);
  gtk_label_set_width_chars (GTK_LABEL (caption_label), 8);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_widget_add_css_class (caption_label, "caption");
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_width_chars (GTK_LABEL (label), 5);
  gtk_widget_add_css_class (label, "numeric");

  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_box_append (GTK_BOX (box), bar);
  gtk_box_append (GTK_BOX (box), label);
  g_array_append_val (self->usage_meters, meter);

  return box;
}

static void
meter_set (GantryMeter *meter,
           int          percent)
{
  g_autofree char *text = NULL;

  if (percent < 0)
    {
      gtk_level_bar_set_value (meter->bar, 0);
      gtk_label_set_label (meter->label, "—");
      return;
    }

  gtk_level_bar_set_value (meter->bar, CLAMP (percent, 0, 100) / 100.0);
  /* Translators: a percentage, like "45 %". */
  text = g_strdup_printf (_("%d %%"), CLAMP (percent, 0, 100));
  gtk_label_set_label (meter->label, text);
}

static void
add_usage_row (GantryPodDetail *self,
               const char      *title,
               const char      *first,
               const char      *second)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *meters = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (meters, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (meters, 9);
  gtk_widget_set_margin_bottom (meters, 9);
  gtk_box_append (GTK_BOX (meters), meter_new (self, first));
  if (second != NULL)
    gtk_box_append (GTK_BOX (meters), meter_new (self, second));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), meters);
  add_row (self->usage_group, self->usage_rows, row);
}

static void
build_usage_rows (GantryPodDetail *self,
                  guint            n_gpus)
{
  remove_rows (self->usage_group, self->usage_rows);
  g_array_set_size (self->usage_meters, 0);
  self->usage_gpus = n_gpus;

  for (guint i = 0; i < n_gpus; i++)
    {
      g_autofree char *title = n_gpus == 1
        ? g_strdup (_("GPU"))
        /* Translators: %u numbers the GPUs of a pod: "GPU 1", "GPU 2". */
        : g_strdup_printf (_("GPU %u"), i + 1);

      add_usage_row (self, title, _("Compute"), _("Memory"));
    }
  add_usage_row (self, _("CPU"), _("Load"), NULL);
  add_usage_row (self, _("Memory"), _("Used"), NULL);
}

void
_gantry_pod_detail_update_usage (GantryPodDetail *self)
{
  GPtrArray *gpus = gantry_pod_get_runtime_gpus (self->pod);
  gboolean visible = gantry_pod_get_status (self->pod)
                     == GANTRY_POD_STATUS_RUNNING
                     && gantry_pod_has_runtime (self->pod);
  guint m = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->usage_group), visible);
  if (!visible)
    return;

  /* Rows come and go only with the number of GPUs; levels move in place. */
  if (self->usage_gpus != (int) gpus->len)
    build_usage_rows (self, gpus->len);

  for (guint i = 0; i < gpus->len; i++)
    {
      const GantryPodGpu *gpu = g_ptr_array_index (gpus, i);

      meter_set (&g_array_index (self->usage_meters, GantryMeter, m++),
                 gpu->gpu_util_percent);
      meter_set (&g_array_index (self->usage_meters, GantryMeter, m++),
                 gpu->memory_util_percent);
    }
  meter_set (&g_array_index (self->usage_meters, GantryMeter, m++),
             gantry_pod_get_cpu_percent (self->pod));
  meter_set (&g_array_index (self->usage_meters, GantryMeter, m++),
             gantry_pod_get_memory_percent (self->pod));
}

/* Environment */

void
_gantry_pod_detail_reveal_env (GantryPodDetail *self)
{
  for (guint i = 0; i < self->env_values->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (self->env_values, i);
      const char *value = g_object_get_data (G_OBJECT (label),
                                             "gantry-env-value");

      gtk_label_set_label (label, self->env_revealed ? value : HIDDEN_VALUE);
      gtk_label_set_selectable (label, self->env_revealed);
    }
}

static void
add_env_row (GantryPodDetail *self,
             const char      *key,
             const char      *value)
{
  GtkLabel *label;
  GtkWidget *row = _gantry_value_row_new (key, NULL, &label);

  gtk_widget_add_css_class (GTK_WIDGET (label), "monospace");
  g_object_set_data_full (G_OBJECT (label), "gantry-env-value",
                          g_strdup (value), g_free);
  _gantry_value_row_add_button (row, "edit-copy-symbolic", _("Copy Value"),
                                "detail.copy", value);
  add_row (self->env_group, self->env_rows, row);
  g_ptr_array_add (self->env_values, label);
}

void
_gantry_pod_detail_update_env (GantryPodDetail *self)
{
  const char * const *env = gantry_pod_get_env (self->pod);
  g_autofree char *key = env != NULL ? g_strjoinv ("\n", (GStrv) env)
                                     : g_strdup ("");

  if (g_strcmp0 (key, self->env_key) == 0)
    return;
  g_free (self->env_key);
  self->env_key = g_steal_pointer (&key);

  remove_rows (self->env_group, self->env_rows);
  g_ptr_array_set_size (self->env_values, 0);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (gantry_pod_split_env (env[i], &name, &value))
        add_env_row (self, name, value);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->env_group),
                          self->env_values->len > 0);
  _gantry_pod_detail_reveal_env (self);
}

void
_gantry_pod_detail_clear_sections (GantryPodDetail *self)
{
  g_clear_pointer (&self->connection_key, g_free);
  g_clear_pointer (&self->env_key, g_free);
}
