/* gantry-create-dialog-steps.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The inputs of the Create Pod dialog: the port and variable rows,
 * reading every input into the spec, and marking the fields at fault. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-create-dialog-private.h"

static void
on_input_changed_cb (GantryCreateDialog *self)
{
  _gantry_create_dialog_sync (self);
}

static void
on_name_changed_cb (GantryCreateDialog *self)
{
  if (!self->syncing)
    self->name_edited = TRUE;
  _gantry_create_dialog_sync (self);
}

static void
on_remove_clicked_cb (GtkWidget *button,
                      GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);
  GantryCreateDialog *self;

  self = GANTRY_CREATE_DIALOG (gtk_widget_get_ancestor (list,
                                 GANTRY_TYPE_CREATE_DIALOG));
  gtk_list_box_remove (GTK_LIST_BOX (list), row);
  _gantry_create_dialog_sync (self);
}

static GtkWidget *
new_remove_button (const char *tooltip,
                   GtkWidget  *row)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect (button, "clicked", G_CALLBACK (on_remove_clicked_cb),
                    row);
  return button;
}

/* Port rows: the number in the row's entry, the protocol beside it. */
void
_gantry_create_dialog_add_port (GantryCreateDialog *self,
                                int                 number,
                                GantryPortProtocol  protocol)
{
  const char * const protocols[] = { "HTTP", "TCP", NULL };
  g_autofree char *text = number > 0 ? g_strdup_printf ("%d", number)
                                     : g_strdup ("");
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (protocols);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Port"));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row),
                                   GTK_INPUT_PURPOSE_DIGITS);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), protocol);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (dropdown, _("Protocol"));
  gtk_size_group_add_widget (self->protocol_sizes, dropdown);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), dropdown);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row),
                            new_remove_button (_("Remove Port"), row));
  g_object_set_data (G_OBJECT (row), "protocol", dropdown);

  g_signal_connect_object (row, "changed", G_CALLBACK (on_input_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dropdown, "notify::selected",
                           G_CALLBACK (on_input_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->ports_list, row);
  if (number <= 0)
    gtk_widget_grab_focus (row);
}

/* A variable's value from a draft was never kept: its row asks for it
 * until the value is typed (or typed and deleted, on purpose). */
static void
on_value_typed_cb (GtkWidget *row)
{
  g_object_set_data (G_OBJECT (row), "value-dropped", NULL);
}

/* Variable rows: the name, then the value, hidden until peeked at. */
void
_gantry_create_dialog_add_env (GantryCreateDialog *self,
                               const char         *key,
                               const char         *value,
                               gboolean            from_draft)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *key_entry = gtk_entry_new ();
  GtkWidget *value_entry = gtk_password_entry_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set (box, "margin-top", 6, "margin-bottom", 6,
                "margin-start", 12, "margin-end", 12, NULL);

  gtk_editable_set_text (GTK_EDITABLE (key_entry), key);
  gtk_entry_set_placeholder_text (GTK_ENTRY (key_entry), _("NAME"));
  gtk_editable_set_width_chars (GTK_EDITABLE (key_entry), 10);
  gtk_widget_set_hexpand (key_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (key_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Variable name"), -1);

  gtk_editable_set_text (GTK_EDITABLE (value_entry), value);
  g_object_set (value_entry, "placeholder-text", _("Value"),
                "show-peek-icon", TRUE, "hexpand", TRUE, NULL);
  gtk_editable_set_width_chars (GTK_EDITABLE (value_entry), 10);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Variable value"), -1);

  gtk_box_append (GTK_BOX (box), key_entry);
  gtk_box_append (GTK_BOX (box), value_entry);
  gtk_box_append (GTK_BOX (box),
                  new_remove_button (_("Remove Variable"), row));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "key", key_entry);
  g_object_set_data (G_OBJECT (row), "value", value_entry);
  if (from_draft)
    g_object_set_data (G_OBJECT (row), "value-dropped", GINT_TO_POINTER (1));

  g_signal_connect_object (key_entry, "changed",
                           G_CALLBACK (on_input_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (value_entry, "changed",
                           G_CALLBACK (on_value_typed_cb), row,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (value_entry, "changed",
                           G_CALLBACK (on_input_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_list_box_append (self->env_list, row);
  if (*key == '\0')
    gtk_widget_grab_focus (key_entry);
}

static GtkWidget *
new_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  g_object_set (label, "margin-top", 12, "margin-bottom", 12,
                "margin-start", 12, "margin-end", 12, "wrap", TRUE, NULL);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

void
_gantry_create_dialog_init_steps (GantryCreateDialog *self)
{
  GtkSpinButton *spins[] = { self->disk_spin, self->volume_spin,
                             self->vcpu_spin, self->memory_spin,
                             self->bid_spin };

  gtk_list_box_set_placeholder (self->ports_list,
                                new_placeholder (_("No ports are exposed")));
  gtk_list_box_set_placeholder (self->env_list,
                                new_placeholder (_("No variables are set")));

  g_signal_connect_object (self->name_row, "changed",
                           G_CALLBACK (on_name_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->image_row, "changed",
                           G_CALLBACK (on_input_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->mount_row, "changed",
                           G_CALLBACK (on_input_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->spot_check, "notify::active",
                           G_CALLBACK (on_input_changed_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_object (spins[i], "value-changed",
                             G_CALLBACK (on_input_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

/* Reading the inputs */

static const char *
row_text (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static gboolean
is_empty_port_row (GtkWidget *row)
{
  return *row_text (row) == '\0';
}

static gboolean
is_empty_env_row (GtkWidget *row)
{
  return *row_text (g_object_get_data (G_OBJECT (row), "key")) == '\0' &&
         *row_text (g_object_get_data (G_OBJECT (row), "value")) == '\0';
}

/* The number in a port row, or -1 when it is not one. */
static int
port_number (GtkWidget *row)
{
  guint64 number;

  if (!g_ascii_string_to_unsigned (row_text (row), 10, 0, G_MAXINT,
                                   &number, NULL))
    return -1;

  return (int) number;
}

static void
read_ports (GantryCreateDialog *self)
{
  GtkListBoxRow *row;

  gantry_pod_spec_clear_ports (self->spec);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->ports_list,
                                                        i)); i++)
    {
      GtkDropDown *protocol = g_object_get_data (G_OBJECT (row), "protocol");

      if (is_empty_port_row (GTK_WIDGET (row)))
        continue;

      gantry_pod_spec_add_port (self->spec, port_number (GTK_WIDGET (row)),
                                gtk_drop_down_get_selected (protocol));
    }
}

static void
read_env (GantryCreateDialog *self)
{
  GtkListBoxRow *row;

  gantry_pod_spec_clear_env (self->spec);
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->env_list,
                                                        i)); i++)
    {
      if (is_empty_env_row (GTK_WIDGET (row)))
        continue;

      gantry_pod_spec_add_env (self->spec,
                               row_text (g_object_get_data (G_OBJECT (row),
                                                            "key")),
                               row_text (g_object_get_data (G_OBJECT (row),
                                                            "value")));
    }
}

void
_gantry_create_dialog_read_inputs (GantryCreateDialog *self)
{
  GantryPodSpec *spec = self->spec;

  gantry_pod_spec_set_name (spec, row_text (self->name_row));
  gantry_pod_spec_set_image_name (spec, row_text (self->image_row));
  gantry_pod_spec_set_container_disk_gb (
    spec, gtk_spin_button_get_value_as_int (self->disk_spin));
  gantry_pod_spec_set_volume_gb (
    spec, gtk_spin_button_get_value_as_int (self->volume_spin));
  gantry_pod_spec_set_volume_mount_path (spec, row_text (self->mount_row));
  read_ports (self);
  read_env (self);
  gantry_pod_spec_set_min_vcpu_count (
    spec, gtk_spin_button_get_value_as_int (self->vcpu_spin));
  gantry_pod_spec_set_min_memory_gb (
    spec, gtk_spin_button_get_value_as_int (self->memory_spin));
  gantry_pod_spec_set_spot (spec,
                            gtk_check_button_get_active (self->spot_check));
  gantry_pod_spec_set_bid_per_gpu (spec,
                                   gtk_spin_button_get_value (self->bid_spin));
}

/* Marking the fields at fault */

/* Shows @reason (taken) on @widget when @show, and keeps the first
 * reason of the step in @first. */
static void
note (char      **first,
      gpointer    widget,
      char       *reason,
      gboolean    show)
{
  if (reason != NULL && show)
    gtk_widget_add_css_class (GTK_WIDGET (widget), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (widget), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (widget), show ? reason : NULL);

  if (*first == NULL)
    *first = reason;
  else
    g_free (reason);
}

/* The n-th row of @list that holds something, or NULL. */
static GtkWidget *
nth_filled_row (GtkListBox *list,
                int         n,
                gboolean  (*is_empty) (GtkWidget *row))
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)); i++)
    {
      if (!is_empty (GTK_WIDGET (row)) && n-- == 0)
        return GTK_WIDGET (row);
    }

  return NULL;
}

static char *
check_port_rows (GantryCreateDialog *self)
{
  g_autofree char *spec_reason = NULL;
  GtkWidget *at_fault = NULL;
  GtkListBoxRow *row;
  char *first = NULL;
  int index;

  spec_reason = gantry_pod_spec_check_field (self->spec,
                                             GANTRY_POD_SPEC_FIELD_PORTS,
                                             &index);
  if (spec_reason != NULL)
    at_fault = nth_filled_row (self->ports_list, index, is_empty_port_row);

  /* What is not a number at all is said first, row by row. */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->ports_list,
                                                        i)); i++)
    {
      GtkWidget *widget = GTK_WIDGET (row);
      char *reason = NULL;

      if (port_number (widget) < 0 && !is_empty_port_row (widget))
        reason = g_strdup_printf (_("“%s” is not a port number."),
                                  row_text (widget));
      else if (widget == at_fault)
        reason = g_strdup (spec_reason);
      note (&first, widget, reason, TRUE);
    }

  return first;
}

static char *
check_env_rows (GantryCreateDialog *self)
{
  g_autofree char *spec_reason = NULL;
  GtkWidget *at_fault = NULL;
  GtkListBoxRow *row;
  char *first = NULL;
  int index;

  spec_reason = gantry_pod_spec_check_field (self->spec,
                                             GANTRY_POD_SPEC_FIELD_ENV,
                                             &index);
  if (spec_reason != NULL)
    at_fault = nth_filled_row (self->env_list, index, is_empty_env_row);

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->env_list,
                                                        i)); i++)
    {
      gpointer key = g_object_get_data (G_OBJECT (row), "key");
      gpointer value = g_object_get_data (G_OBJECT (row), "value");
      char *dropped = NULL;

      note (&first, key,
            GTK_WIDGET (row) == at_fault ? g_strdup (spec_reason) : NULL,
            TRUE);

      if (g_object_get_data (G_OBJECT (row), "value-dropped") != NULL
          && *row_text (value) == '\0' && *row_text (key) != '\0')
        /* Translators: %s is an environment variable's name. */
        dropped = g_strdup_printf (_("Type the value of %s again: a draft "
                                     "keeps no values."), row_text (key));
      note (&first, value, dropped, TRUE);
    }

  return first;
}

static char *
check_field (GantryCreateDialog *self,
             GantryPodSpecField  field)
{
  return gantry_pod_spec_check_field (self->spec, field, NULL);
}

static char *
check_pod_step (GantryCreateDialog *self)
{
  gboolean volume = gantry_pod_spec_get_volume_gb (self->spec) > 0;
  char *first = NULL;
  char *ports;
  char *env;

  note (&first, self->name_row,
        check_field (self, GANTRY_POD_SPEC_FIELD_NAME), self->name_edited);
  note (&first, self->image_row,
        check_field (self, GANTRY_POD_SPEC_FIELD_IMAGE), TRUE);
  note (&first, self->disk_spin,
        check_field (self, GANTRY_POD_SPEC_FIELD_CONTAINER_DISK), TRUE);
  note (&first, self->volume_spin,
        check_field (self, GANTRY_POD_SPEC_FIELD_VOLUME), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mount_row), volume);
  note (&first, self->mount_row,
        check_field (self, GANTRY_POD_SPEC_FIELD_MOUNT_PATH), TRUE);

  /* The lists mark their own rows. */
  ports = check_port_rows (self);
  env = check_env_rows (self);
  note (&first, self->ports_list, ports, FALSE);
  note (&first, self->env_list, env, FALSE);

  note (&first, self->vcpu_spin,
        check_field (self, GANTRY_POD_SPEC_FIELD_MIN_VCPU), TRUE);
  note (&first, self->memory_spin,
        check_field (self, GANTRY_POD_SPEC_FIELD_MIN_MEMORY), TRUE);
  return first;
}

static char *
check_gpu_step (GantryCreateDialog *self)
{
  int count = gantry_gpu_picker_get_gpu_count (self->picker);

  if (gantry_pod_spec_get_gpu_type (self->spec) == NULL
      && !gantry_gpu_picker_get_loading (self->picker)
      && !gantry_gpu_picker_offers_gpu_count (self->picker))
    return g_strdup_printf (ngettext ("No GPU type comes with %d GPU. "
                                      "Choose a number the GPUs column "
                                      "shows.",
                                      "No GPU type comes with %d GPUs. "
                                      "Choose a number the GPUs column "
                                      "shows.", count), count);
  if (gantry_pod_spec_get_gpu_type (self->spec) == NULL)
    return g_strdup (_("Choose a GPU type that is in stock."));

  return check_field (self, GANTRY_POD_SPEC_FIELD_GPU_COUNT);
}

static char *
check_pricing_step (GantryCreateDialog *self)
{
  char *first = NULL;

  note (&first, self->bid_spin, check_field (self, GANTRY_POD_SPEC_FIELD_BID),
        TRUE);
  return first;
}

char *
_gantry_create_dialog_check_step (GantryCreateDialog *self,
                                  GantryCreateStep    step)
{
  char *reason = NULL;

  switch (step)
    {
    case GANTRY_CREATE_STEP_GPU:
      return check_gpu_step (self);
    case GANTRY_CREATE_STEP_POD:
      return check_pod_step (self);
    case GANTRY_CREATE_STEP_PRICING:
      return check_pricing_step (self);
    case GANTRY_CREATE_STEP_REVIEW:
      /* Everything, in step order: a field may have been left wrong. */
      for (int i = GANTRY_CREATE_STEP_GPU;
           i < GANTRY_CREATE_STEP_REVIEW && reason == NULL; i++)
        reason = _gantry_create_dialog_check_step (self, i);
      if (reason == NULL)
        gantry_pod_spec_validate (self->spec, &reason);
      return reason;
    case GANTRY_CREATE_N_STEPS:
    default:
      g_assert_not_reached ();
    }
}
