/* gantry-notify-page.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Eight switches of one shape, each bound to its key: a table and a loop
 * read better here than eight copies of the same rows in a template. */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-notify-page.h"
#include "gantry-settings.h"

struct _GantryNotifyPage
{
  AdwPreferencesPage  parent_instance;

  GSettings          *settings;    /* owned, nullable: no schema */
  AdwActionRow       *stuck_row;
  AdwActionRow       *idle_row;
};

G_DEFINE_FINAL_TYPE (GantryNotifyPage, gantry_notify_page,
                     ADW_TYPE_PREFERENCES_PAGE)

typedef struct
{
  const char *key;
  const char *title;
  const char *subtitle;   /* NULL: set from the minutes in the settings */
} SwitchRow;

static const SwitchRow kind_rows[] = {
  { "notify-running", N_("Pod Is Running"),
    N_("Up and ready to use, including a pod just created") },
  { "notify-stopped", N_("Pod Stopped"),
    N_("Stopped from Gantry or elsewhere") },
  { "notify-interrupted", N_("Spot Pod Interrupted"),
    N_("RunPod stopped a spot pod") },
  { "notify-terminated", N_("Pod Terminated"),
    N_("Terminated, or gone from the account") },
  { "notify-stuck-starting", N_("Pod Still Starting"), NULL },
  { "notify-idle", N_("Pod Idle"), NULL },
};

static AdwActionRow *
add_switch_row (GantryNotifyPage    *self,
                AdwPreferencesGroup *group,
                const char          *key,
                const char          *title,
                const char          *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  adw_preferences_group_add (group, row);

  if (self->settings != NULL)
    g_settings_bind (self->settings, key, toggle, "active",
                     G_SETTINGS_BIND_DEFAULT);

  return ADW_ACTION_ROW (row);
}

static AdwPreferencesGroup *
add_group (GantryNotifyPage *self,
           const char       *title,
           const char       *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                           description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self),
                            ADW_PREFERENCES_GROUP (group));

  return ADW_PREFERENCES_GROUP (group);
}

/* The thresholds are settings too, shown in the rows they belong to. */
static void
update_subtitles (GantryNotifyPage *self)
{
  guint stuck = 10, idle = 30;
  g_autofree char *stuck_text = NULL;
  g_autofree char *idle_text = NULL;

  if (self->settings != NULL)
    {
      stuck = g_settings_get_uint (self->settings, "stuck-starting-minutes");
      idle = g_settings_get_uint (self->settings, "idle-minutes");
    }

  stuck_text = g_strdup_printf (ngettext ("Starting for more than %u "
                                          "minute, and billing",
                                          "Starting for more than %u "
                                          "minutes, and billing", stuck),
                                stuck);
  idle_text = g_strdup_printf (ngettext ("Running with every GPU under 5 %% "
                                         "use for %u minute",
                                         "Running with every GPU under 5 %% "
                                         "use for %u minutes", idle),
                               idle);
  adw_action_row_set_subtitle (self->stuck_row, stuck_text);
  adw_action_row_set_subtitle (self->idle_row, idle_text);
}

static void
add_rows (GantryNotifyPage *self)
{
  AdwPreferencesGroup *group;
  AdwActionRow *rows[G_N_ELEMENTS (kind_rows)];

  group = add_group (self, NULL, NULL);
  add_switch_row (self, group, "notify-enabled", _("Notify About Pods"),
                  _("Desktop notifications when a pod changes"));

  group = add_group (self, _("Pod Changes"),
                     _("A change you make yourself while Gantry is in "
                       "front shows in its window instead"));
  for (guint i = 0; i < G_N_ELEMENTS (kind_rows); i++)
    rows[i] = add_switch_row (self, group, kind_rows[i].key,
                              _(kind_rows[i].title),
                              kind_rows[i].subtitle
                              ? _(kind_rows[i].subtitle) : NULL);
  self->stuck_row = rows[G_N_ELEMENTS (kind_rows) - 2];
  self->idle_row = rows[G_N_ELEMENTS (kind_rows) - 1];
  if (self->settings != NULL)
    g_settings_bind (self->settings, "notify-enabled", group, "sensitive",
                     G_SETTINGS_BIND_GET);

  group = add_group (self, _("Background"), NULL);
  add_switch_row (self, group, "background-watching",
                  _("Keep Watching When the Window Is Closed"),
                  _("Gantry keeps running, refreshes every minute and "
                    "notifies. Press Ctrl+Q in its window to quit."));
}


static void
gantry_notify_page_dispose (GObject *object)
{
  GantryNotifyPage *self = GANTRY_NOTIFY_PAGE (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (gantry_notify_page_parent_class)->dispose (object);
}

static void
gantry_notify_page_class_init (GantryNotifyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gantry_notify_page_dispose;
}

static void
gantry_notify_page_init (GantryNotifyPage *self)
{
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self),
                                  _("Notifications"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self),
                                      "preferences-system-notifications-"
                                      "symbolic");

  self->settings = gantry_settings_try_new ("nothing to set");
  gtk_widget_set_sensitive (GTK_WIDGET (self), self->settings != NULL);
  add_rows (self);
  update_subtitles (self);

  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings,
                               "changed::stuck-starting-minutes",
                               G_CALLBACK (update_subtitles), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::idle-minutes",
                               G_CALLBACK (update_subtitles), self,
                               G_CONNECT_SWAPPED);
    }
}

GtkWidget *
gantry_notify_page_new (void)
{
  return g_object_new (GANTRY_TYPE_NOTIFY_PAGE, NULL);
}
