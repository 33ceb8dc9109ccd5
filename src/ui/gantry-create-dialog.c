/* gantry-create-dialog.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Create Pod dialog: the class, moving between steps, and what it
 * remembers for next time. Every change of an input comes back to
 * _gantry_create_dialog_sync(), which reads the inputs into the spec,
 * checks the current step and says why Next is off when it is. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-create-dialog-private.h"
#include "gantry-settings.h"

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STORE,
  N_PROPS
};

enum {
  POD_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GantryCreateDialog, gantry_create_dialog,
                     ADW_TYPE_WINDOW)

static const char * const step_names[] = { "gpu", "pod", "pricing",
                                           "review" };

static const char *
step_title (GantryCreateStep step)
{
  switch (step)
    {
    case GANTRY_CREATE_STEP_GPU:
      return _("Choose a GPU");
    case GANTRY_CREATE_STEP_POD:
      return _("Set Up the Pod");
    case GANTRY_CREATE_STEP_PRICING:
      return _("Choose How to Pay");
    case GANTRY_CREATE_STEP_REVIEW:
      return _("Review and Create");
    case GANTRY_CREATE_N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

/* Steps */

static void
update_header (GantryCreateDialog *self)
{
  g_autofree char *subtitle = NULL;
  gboolean last = self->step == GANTRY_CREATE_STEP_REVIEW;

  /* Translators: the step of the Create Pod dialog, like "Step 2 of 4". */
  subtitle = g_strdup_printf (_("Step %d of %d"), self->step + 1,
                              GANTRY_CREATE_N_STEPS);
  adw_window_title_set_title (self->window_title, step_title (self->step));
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          self->step != GANTRY_CREATE_STEP_GPU);
  gtk_stack_set_visible_child_name (self->action_stack,
                                    last ? "create" : "next");
  gtk_stack_set_visible_child_name (self->create_stack,
                                    self->busy ? "busy" : "idle");
}

void
_gantry_create_dialog_sync (GantryCreateDialog *self)
{
  g_autofree char *reason = NULL;

  if (self->syncing)
    return;

  _gantry_create_dialog_read_inputs (self);
  reason = _gantry_create_dialog_check_step (self, self->step);
  _gantry_create_dialog_update_prices (self);
  if (self->step == GANTRY_CREATE_STEP_REVIEW)
    _gantry_create_dialog_build_review (self);

  gtk_label_set_label (self->reason_label, reason != NULL ? reason : "");
  gtk_revealer_set_reveal_child (self->reason_revealer, reason != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), reason);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.next",
                                 reason == NULL && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.create",
                                 reason == NULL && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.back",
                                 !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->step_stack), !self->busy);
  update_header (self);
}

void
_gantry_create_dialog_go_to (GantryCreateDialog *self,
                             GantryCreateStep    step)
{
  g_assert (step < GANTRY_CREATE_N_STEPS);

  self->step = step;
  gtk_stack_set_visible_child_name (self->step_stack, step_names[step]);
  _gantry_create_dialog_sync (self);

  if (step == GANTRY_CREATE_STEP_POD)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
next_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  if (self->step + 1 < GANTRY_CREATE_N_STEPS)
    _gantry_create_dialog_go_to (self, self->step + 1);
}

static void
back_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  if (self->step > GANTRY_CREATE_STEP_GPU)
    _gantry_create_dialog_go_to (self, self->step - 1);
}

static void
create_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  _gantry_create_dialog_create (GANTRY_CREATE_DIALOG (widget));
}

static void
add_port_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  _gantry_create_dialog_add_port (self, 0, GANTRY_PORT_HTTP);
  _gantry_create_dialog_sync (self);
}

static void
add_env_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  _gantry_create_dialog_add_env (self, "", "", FALSE);
  _gantry_create_dialog_sync (self);
}

static void
use_image_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->image_row),
                         g_variant_get_string (parameter, NULL));
}

/* The GPU step */

static void
on_picker_changed_cb (GantryCreateDialog *self)
{
  GantryGpuPicker *picker = self->picker;

  gantry_pod_spec_set_gpu_type (self->spec,
                                gantry_gpu_picker_get_selected (picker));
  gantry_pod_spec_set_gpu_count (self->spec,
                                 gantry_gpu_picker_get_gpu_count (picker));
  gantry_pod_spec_set_cloud (self->spec, gantry_gpu_picker_get_cloud (picker));
  gantry_pod_spec_set_cuda_versions (
    self->spec, gantry_gpu_picker_get_cuda_versions (picker));
  _gantry_create_dialog_sync (self);
}

/* The remembered type can only be chosen once the table has it. */
static void
on_picker_loading_cb (GantryCreateDialog *self)
{
  if (self->restore_gpu_id == NULL ||
      gantry_gpu_picker_get_loading (self->picker))
    return;

  if (gantry_gpu_picker_get_selected (self->picker) == NULL)
    gantry_gpu_picker_select (self->picker, self->restore_gpu_id);
  g_clear_pointer (&self->restore_gpu_id, g_free);
}

static void
add_picker (GantryCreateDialog *self)
{
  const char * const props[] = { "selected", "gpu-count", "cloud",
                                 "cuda-versions", "loading" };

  self->picker = GANTRY_GPU_PICKER (gantry_gpu_picker_new (self->client));
  gtk_widget_set_vexpand (GTK_WIDGET (self->picker), TRUE);
  gtk_box_append (self->gpu_page, GTK_WIDGET (self->picker));

  for (guint i = 0; i < G_N_ELEMENTS (props); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", props[i], NULL);

      g_signal_connect_object (self->picker, signal,
                               G_CALLBACK (on_picker_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_connect_object (self->picker, "notify::loading",
                           G_CALLBACK (on_picker_loading_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Memory */


/* A dialog closed before Create leaves its pod's name and variable names
 * behind, never a value; the next one starts from them. */
static void
save_draft (GantryCreateDialog *self)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) strv = NULL;

  if (self->settings == NULL)
    return;

  _gantry_create_dialog_read_inputs (self);
  for (guint i = 0; i < gantry_pod_spec_get_n_env (self->spec); i++)
    {
      const char *key;

      gantry_pod_spec_get_env (self->spec, i, &key, NULL);
      if (key != NULL && *key != '\0')
        g_strv_builder_add (names, key);
    }
  strv = g_strv_builder_end (names);

  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "create-draft-name",
                         gantry_pod_spec_get_name (self->spec));
  g_settings_set_strv (self->settings, "create-draft-env-names",
                       (const char * const *) strv);
  g_settings_apply (self->settings);
  _gantry_create_dialog_remember (self);
}

static void
restore_draft (GantryCreateDialog *self)
{
  g_autofree char *name = g_settings_get_string (self->settings,
                                                 "create-draft-name");
  g_auto (GStrv) env = g_settings_get_strv (self->settings,
                                            "create-draft-env-names");

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name);
  for (guint i = 0; env[i] != NULL; i++)
    _gantry_create_dialog_add_env (self, env[i], "", TRUE);
}

void
_gantry_create_dialog_clear_draft (GantryCreateDialog *self)
{
  if (self->settings == NULL)
    return;

  /* The settings are in delay mode once anything was remembered. */
  g_settings_reset (self->settings, "create-draft-name");
  g_settings_reset (self->settings, "create-draft-env-names");
  g_settings_apply (self->settings);
}

static void
restore_choices (GantryCreateDialog *self)
{
  g_auto (GStrv) cuda = NULL;
  g_autofree char *cloud = NULL;
  g_autofree char *image = NULL;
  g_autofree char *mount = NULL;
  g_autofree char *ports = NULL;

  if (self->settings == NULL)
    return;

  cloud = g_settings_get_string (self->settings, "create-cloud");
  cuda = g_settings_get_strv (self->settings, "create-cuda-versions");
  gantry_gpu_picker_set_gpu_count (self->picker,
                                   g_settings_get_uint (self->settings,
                                                        "create-gpu-count"));
  gantry_gpu_picker_set_cloud (self->picker, gantry_cloud_from_string (cloud));
  gantry_gpu_picker_set_cuda_versions (self->picker,
                                       (const char * const *) cuda);
  self->restore_gpu_id = g_settings_get_string (self->settings,
                                                "create-gpu-type");
  if (*self->restore_gpu_id == '\0')
    g_clear_pointer (&self->restore_gpu_id, g_free);

  image = g_settings_get_string (self->settings, "create-image");
  mount = g_settings_get_string (self->settings, "create-volume-mount-path");
  gtk_editable_set_text (GTK_EDITABLE (self->image_row), image);
  gtk_editable_set_text (GTK_EDITABLE (self->mount_row), mount);
  gtk_spin_button_set_value (self->disk_spin,
                             g_settings_get_uint (self->settings,
                                                  "create-container-disk-gb"));
  gtk_spin_button_set_value (self->volume_spin,
                             g_settings_get_uint (self->settings,
                                                  "create-volume-gb"));

  ports = g_settings_get_string (self->settings, "create-ports");
  gantry_pod_spec_set_ports_string (self->spec, ports);
  for (guint i = 0; i < gantry_pod_spec_get_n_ports (self->spec); i++)
    {
      GantryPortProtocol protocol;
      int number;

      gantry_pod_spec_get_port (self->spec, i, &number, &protocol);
      _gantry_create_dialog_add_port (self, number, protocol);
    }

  restore_draft (self);
}

/* Called when Create is pressed: what was chosen, never a variable's
 * value or anything else that may be secret. */
void
_gantry_create_dialog_remember (GantryCreateDialog *self)
{
  GantryPodSpec *spec = self->spec;
  GSettings *settings = self->settings;
  g_autofree char *ports = NULL;
  const char *gpu = gantry_pod_spec_get_gpu_type_id (spec);

  if (settings == NULL)
    return;

  ports = gantry_pod_spec_dup_ports_string (spec);
  g_settings_delay (settings);
  g_settings_set_string (settings, "create-cloud",
                         gantry_cloud_to_string (
                           gantry_pod_spec_get_cloud (spec)));
  g_settings_set_strv (settings, "create-cuda-versions",
                       gantry_pod_spec_get_cuda_versions (spec));
  g_settings_set_uint (settings, "create-gpu-count",
                       gantry_pod_spec_get_gpu_count (spec));
  g_settings_set_string (settings, "create-gpu-type", gpu ? gpu : "");
  g_settings_set_string (settings, "create-image",
                         gantry_pod_spec_get_image_name (spec));
  g_settings_set_uint (settings, "create-container-disk-gb",
                       gantry_pod_spec_get_container_disk_gb (spec));
  g_settings_set_uint (settings, "create-volume-gb",
                       gantry_pod_spec_get_volume_gb (spec));
  g_settings_set_string (settings, "create-volume-mount-path",
                         gantry_pod_spec_get_volume_mount_path (spec));
  g_settings_set_string (settings, "create-ports", ports);
  g_settings_apply (settings);
}

/* GObject */

static gboolean
gantry_create_dialog_close_request (GtkWindow *window)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (window);

  /* Cancelling would not undo a create RunPod may already be carrying
   * out: wait for its answer out of sight, and come back if it failed. */
  if (self->busy)
    {
      self->hidden_busy = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  save_draft (self);
  return GTK_WINDOW_CLASS (gantry_create_dialog_parent_class)->close_request (
           window);
}

static void
gantry_create_dialog_constructed (GObject *object)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (object);

  G_OBJECT_CLASS (gantry_create_dialog_parent_class)->constructed (object);

  g_assert (self->client != NULL);
  add_picker (self);
  _gantry_create_dialog_init_steps (self);

  self->syncing = TRUE;
  restore_choices (self);
  self->syncing = FALSE;

  on_picker_changed_cb (self);
  _gantry_create_dialog_go_to (self, GANTRY_CREATE_STEP_GPU);
}

static void
gantry_create_dialog_dispose (GObject *object)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GANTRY_TYPE_CREATE_DIALOG);

  G_OBJECT_CLASS (gantry_create_dialog_parent_class)->dispose (object);
}

static void
gantry_create_dialog_finalize (GObject *object)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->spec);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->known_ids, g_hash_table_unref);
  g_clear_object (&self->protocol_sizes);
  g_clear_pointer (&self->sent_name, g_free);
  g_clear_pointer (&self->restore_gpu_id, g_free);

  G_OBJECT_CLASS (gantry_create_dialog_parent_class)->finalize (object);
}

static void
gantry_create_dialog_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "create.next", NULL,
                                   next_cb);
  gtk_widget_class_install_action (widget_class, "create.back", NULL,
                                   back_cb);
  gtk_widget_class_install_action (widget_class, "create.create", NULL,
                                   create_cb);
  gtk_widget_class_install_action (widget_class, "create.add-port", NULL,
                                   add_port_cb);
  gtk_widget_class_install_action (widget_class, "create.add-env", NULL,
                                   add_env_cb);
  gtk_widget_class_install_action (widget_class, "create.use-image", "s",
                                   use_image_cb);
  _gantry_create_dialog_install_failure_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gantry_app/Gantry/ui/gantry-create-dialog.ui");

#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, GantryCreateDialog, name)
  BIND (window_title);
  BIND (back_button);
  BIND (action_stack);
  BIND (next_button);
  BIND (create_button);
  BIND (create_stack);
  BIND (failure_revealer);
  BIND (failure_title);
  BIND (failure_detail);
  BIND (on_demand_button);
  BIND (other_cloud_button);
  BIND (choose_gpu_button);
  BIND (raise_bid_button);
  BIND (edit_pod_button);
  BIND (retry_button);
  BIND (step_stack);
  BIND (gpu_page);
  BIND (name_row);
  BIND (image_row);
  BIND (disk_spin);
  BIND (volume_spin);
  BIND (mount_row);
  BIND (ports_list);
  BIND (env_list);
  BIND (vcpu_spin);
  BIND (memory_spin);
  BIND (on_demand_row);
  BIND (on_demand_check);
  BIND (spot_row);
  BIND (spot_check);
  BIND (bid_group);
  BIND (bid_row);
  BIND (bid_spin);
  BIND (price_label);
  BIND (price_detail_label);
  BIND (review_gpu_list);
  BIND (review_pod_list);
  BIND (review_env_group);
  BIND (review_env_list);
  BIND (review_price_label);
  BIND (review_price_detail_label);
  BIND (reason_revealer);
  BIND (reason_label);
#undef BIND
}

static void
gantry_create_dialog_class_init (GantryCreateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gantry_create_dialog_constructed;
  object_class->dispose = gantry_create_dialog_dispose;
  object_class->finalize = gantry_create_dialog_finalize;
  object_class->set_property = gantry_create_dialog_set_property;
  window_class->close_request = gantry_create_dialog_close_request;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GANTRY_TYPE_CLIENT,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GANTRY_TYPE_POD_STORE,
                         (G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[POD_CREATED] =
    g_signal_new ("pod-created", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, GANTRY_TYPE_POD, G_TYPE_STRING);

  bind_template (widget_class);
  install_actions (widget_class);
  g_type_ensure (GANTRY_TYPE_GPU_PICKER);
}

static void
gantry_create_dialog_init (GantryCreateDialog *self)
{
  self->spec = gantry_pod_spec_new ();
  self->cancellable = g_cancellable_new ();
  self->known_ids = g_hash_table_new_full (g_str_hash, g_str_equal,
                                           g_free, NULL);
  self->settings = gantry_settings_try_new ("the last choices are not kept");
  self->protocol_sizes = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * gantry_create_dialog_new:
 * @parent: (nullable): the window the dialog belongs to
 * @store: (nullable): where the new pod goes, and whose pods tell an old
 *   pod from a new one of the same name after an unclear failure
 */
GantryCreateDialog *
gantry_create_dialog_new (GtkWindow      *parent,
                          GantryClient   *client,
                          GantryPodStore *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GANTRY_IS_CLIENT (client), NULL);
  g_return_val_if_fail (store == NULL || GANTRY_IS_POD_STORE (store), NULL);

  return g_object_new (GANTRY_TYPE_CREATE_DIALOG,
                       "transient-for", parent,
                       "client", client,
                       "store", store,
                       NULL);
}

void
_gantry_create_dialog_emit_created (GantryCreateDialog *self,
                                    GantryPod          *pod,
                                    const char         *message)
{
  g_signal_emit (self, signals[POD_CREATED], 0, pod, message);
}
