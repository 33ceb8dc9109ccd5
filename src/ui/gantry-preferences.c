/* gantry-preferences.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-account-page.h"
#include "gantry-application-account.h"
#include "gantry-notify-page.h"
#include "gantry-preferences.h"
#include "gantry-settings.h"

struct _GantryPreferences
{
  AdwPreferencesWindow  parent_instance;

  /* Template children */
  AdwActionRow         *key_row;
  GtkSpinner           *key_spinner;
  AdwActionRow         *replace_row;
  AdwActionRow         *sign_out_row;
  GtkWidget            *pod_list_group;
  GtkAdjustment        *interval_adjustment;

  GantryApplication    *application;  /* owned */
  GSettings            *settings;     /* owned, nullable: no schema */
  GCancellable         *cancellable;  /* owned: reading the keyring */
};

G_DEFINE_FINAL_TYPE (GantryPreferences, gantry_preferences,
                     ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_APPLICATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Which key is in use */

static void
show_key (GantryPreferences *self,
          const char        *title,
          const char        *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->key_row), title);
  adw_action_row_set_subtitle (self->key_row, subtitle);
}

static void
set_reading (GantryPreferences *self,
             gboolean           reading)
{
  gtk_widget_set_visible (GTK_WIDGET (self->key_spinner), reading);
  gtk_spinner_set_spinning (self->key_spinner, reading);
}

static void
on_described_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GantryPreferences) self = user_data;
  g_autoptr (GantrySecretInfo) info = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *subtitle = NULL;

  info = gantry_secret_describe_finish (GANTRY_SECRET (source), result,
                                        &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_reading (self, FALSE);
  if (info == NULL)
    {
      /* In use, but gone from the keyring or unreadable since. */
      show_key (self, _("RunPod API Key"),
                error != NULL ? error->message
                              : _("No longer found in the keyring"));
      return;
    }

  if (info->last_four != NULL)
    /* Translators: %s is the last four characters of the API key. */
    subtitle = g_strdup_printf (_("Stored in the keyring, ends in %s"),
                                info->last_four);
  show_key (self, info->label,
            subtitle != NULL ? subtitle : _("Stored in the keyring"));
}

static void
describe_stored_key (GantryPreferences *self)
{
  GantrySecret *secret = gantry_application_get_secret (self->application);

  show_key (self, _("RunPod API Key"), _("Reading the keyring…"));
  set_reading (self, TRUE);
  gantry_secret_describe_async (secret, self->cancellable, on_described_cb,
                                g_object_ref (self));
}

static char *
dup_hint_subtitle (GantryPreferences *self,
                   const char        *text)
{
  const char *hint = gantry_application_get_key_hint (self->application);

  if (hint == NULL)
    return g_strdup (text);

  /* Translators: the first %s says where the key is kept; the second is
   * the last four characters of the key. */
  return g_strdup_printf (_("%s, ends in %s"), text, hint);
}

/* Signing out does what the key's source allows: the keyring item is
 * removed, a key from elsewhere is only let go of. */
static const char *
sign_out_subtitle (GantryKeySource source)
{
  if (source == GANTRY_KEY_SOURCE_ENVIRONMENT)
    return _("Stop using the key from RUNPOD_API_KEY for this run");
  if (source == GANTRY_KEY_SOURCE_SESSION)
    return _("Forget the API key kept for this session");

  return _("Forget the API key and remove it from the keyring");
}

static void
update_key (GantryPreferences *self)
{
  GantryKeySource source;
  g_autofree char *subtitle = NULL;

  source = gantry_application_get_key_source (self->application);

  /* Whatever was being read is out of date. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_reading (self, FALSE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->replace_row),
                                 source == GANTRY_KEY_SOURCE_NONE
                                 ? _("_Connect a RunPod Account")
                                 : _("_Replace API Key"));

  adw_action_row_set_subtitle (self->sign_out_row,
                               sign_out_subtitle (source));

  switch (source)
    {
    case GANTRY_KEY_SOURCE_KEYRING:
      describe_stored_key (self);
      break;

    case GANTRY_KEY_SOURCE_ENVIRONMENT:
      subtitle = dup_hint_subtitle (self, _("Overrides the keyring"));
      show_key (self, _("From the RUNPOD_API_KEY environment variable"),
                subtitle);
      break;

    case GANTRY_KEY_SOURCE_SESSION:
      subtitle = dup_hint_subtitle (self, _("Kept in memory until Gantry "
                                            "quits"));
      show_key (self, _("For this session only"), subtitle);
      break;

    case GANTRY_KEY_SOURCE_NONE:
    default:
      show_key (self, _("No API key"),
                _("Gantry is not connected to a RunPod account"));
      break;
    }
}

/* Replacing the key, on a subpage */

static void
on_replaced_cb (GantryPreferences *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("Connected with the new "
                                                     "key")));
}

static void
on_back_clicked_cb (GantryPreferences *self)
{
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (self));
}

static GtkWidget *
new_replace_page (GantryPreferences *self,
                  gboolean           replacing)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *page = gantry_account_page_new (replacing);
  const char *title = replacing ? _("Replace API Key")
                                : _("Connect a RunPod Account");

  gtk_widget_set_tooltip_text (back, _("Back"));
  g_signal_connect_swapped (back, "clicked",
                            G_CALLBACK (on_back_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (title, NULL));
  gtk_box_append (GTK_BOX (box), header);

  gtk_widget_set_margin_top (page, 24);
  gtk_widget_set_margin_bottom (page, 24);
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  g_signal_connect_object (page, "connected", G_CALLBACK (on_replaced_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), page);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (box), scroller);

  return box;
}

static void
on_replace_row_activated_cb (GantryPreferences *self)
{
  GantryKeySource source;

  source = gantry_application_get_key_source (self->application);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self),
                                          new_replace_page (self,
                                            source != GANTRY_KEY_SOURCE_NONE));
}

/* Settings */


/* The spin button takes its limits from the schema's range. */
static void
set_range_from_schema (GtkAdjustment *adjustment,
                       GSettings     *settings,
                       const char    *key)
{
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettingsSchemaKey) schema_key = NULL;
  g_autoptr (GVariant) range = NULL;
  g_autoptr (GVariant) limits = NULL;
  const char *kind;
  guint32 lower, upper;

  g_object_get (settings, "settings-schema", &schema, NULL);
  schema_key = g_settings_schema_get_key (schema, key);
  range = g_settings_schema_key_get_range (schema_key);
  g_variant_get (range, "(&sv)", &kind, &limits);
  if (!g_str_equal (kind, "range"))
    return;

  g_variant_get (limits, "(uu)", &lower, &upper);
  gtk_adjustment_set_lower (adjustment, lower);
  gtk_adjustment_set_upper (adjustment, upper);
}

static void
bind_settings (GantryPreferences *self)
{
  self->settings = gantry_settings_try_new ("the preferences are not kept");
  gtk_widget_set_visible (self->pod_list_group, self->settings != NULL);
  if (self->settings == NULL)
    return;

  set_range_from_schema (self->interval_adjustment, self->settings,
                         "refresh-interval");
  g_settings_bind (self->settings, "refresh-interval",
                   self->interval_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
}

/* The object */

static void
gantry_preferences_constructed (GObject *object)
{
  GantryPreferences *self = GANTRY_PREFERENCES (object);

  G_OBJECT_CLASS (gantry_preferences_parent_class)->constructed (object);

  g_assert (GANTRY_IS_APPLICATION (self->application));
  gtk_window_set_application (GTK_WINDOW (self),
                              GTK_APPLICATION (self->application));
  g_signal_connect_object (self->application, "key-changed",
                           G_CALLBACK (update_key), self, G_CONNECT_SWAPPED);

  bind_settings (self);
  update_key (self);
}

static void
gantry_preferences_dispose (GObject *object)
{
  GantryPreferences *self = GANTRY_PREFERENCES (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), GANTRY_TYPE_PREFERENCES);

  G_OBJECT_CLASS (gantry_preferences_parent_class)->dispose (object);
}

static void
gantry_preferences_finalize (GObject *object)
{
  GantryPreferences *self = GANTRY_PREFERENCES (object);

  g_clear_object (&self->application);

  G_OBJECT_CLASS (gantry_preferences_parent_class)->finalize (object);
}

static void
gantry_preferences_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GantryPreferences *self = GANTRY_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_preferences_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  GantryPreferences *self = GANTRY_PREFERENCES (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_preferences_class_init (GantryPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gantry_preferences_constructed;
  object_class->dispose = gantry_preferences_dispose;
  object_class->finalize = gantry_preferences_finalize;
  object_class->get_property = gantry_preferences_get_property;
  object_class->set_property = gantry_preferences_set_property;

  /* Not GtkWindow:application, which is set only after construction. */
  properties[PROP_APPLICATION] =
    g_param_spec_object ("gantry-application", NULL, NULL,
                         GANTRY_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GANTRY_TYPE_NOTIFY_PAGE);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/gantry_app/Gantry/ui/gantry-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, GantryPreferences,
                                        key_row);
  gtk_widget_class_bind_template_child (widget_class, GantryPreferences,
                                        key_spinner);
  gtk_widget_class_bind_template_child (widget_class, GantryPreferences,
                                        replace_row);
  gtk_widget_class_bind_template_child (widget_class, GantryPreferences,
                                        sign_out_row);
  gtk_widget_class_bind_template_child (widget_class, GantryPreferences,
                                        pod_list_group);
  gtk_widget_class_bind_template_child (widget_class, GantryPreferences,
                                        interval_adjustment);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_replace_row_activated_cb);
}

static void
gantry_preferences_init (GantryPreferences *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gantry_preferences_new (GantryApplication *application)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (application), NULL);

  return g_object_new (GANTRY_TYPE_PREFERENCES,
                       "gantry-application", application,
                       NULL);
}
