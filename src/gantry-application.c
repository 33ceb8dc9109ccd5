/* gantry-application.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-application-notify.h"
#include "gantry-application-private.h"
#include "ui/gantry-window.h"

#define WEBSITE "https://github.com/gantry-app/gantry"

G_DEFINE_FINAL_TYPE (GantryApplication, gantry_application,
                     ADW_TYPE_APPLICATION)

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  const char *developers[] = { _("The Gantry authors"), NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", _("Gantry"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Gantry authors"),
                        "version", PACKAGE_VERSION,
                        "website", WEBSITE,
                        "issue-url", WEBSITE "/issues",
                        "copyright", _("© 2026 The Gantry authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

/* The Keyboard Shortcuts window, built the first time it is asked for:
 * GTK would build it with every window (from gtk/help-overlay.ui), 28 ms
 * before the first frame. Once built, GTK's own action shows it. */
static void
shortcuts_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (user_data);
  g_autoptr (GtkBuilder) builder = NULL;
  GtkApplicationWindow *app_window;

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;

  app_window = GTK_APPLICATION_WINDOW (window);
  if (gtk_application_window_get_help_overlay (app_window) == NULL)
    {
      builder = gtk_builder_new_from_resource (
        "/io/github/gantry_app/Gantry/ui/gantry-shortcuts.ui");
      gtk_application_window_set_help_overlay (
        app_window,
        GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts")));
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay",
                              NULL);
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_cb },
  { .name = "about", .activate = about_cb },
  { .name = "shortcuts", .activate = shortcuts_cb },
  /* app.preferences and app.sign-out: gantry-application-account.c */
};

static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.shortcuts", { "<Control>question", NULL } },
  { "win.new-pod", { "<Control>n", NULL } },
  { "win.refresh", { "<Control>r", "F5", NULL } },
  { "win.search", { "<Control>f", NULL } },
};

static void
create_core (GantryApplication *self)
{
  self->session = gantry_client_new_session ();
  self->client = gantry_client_new (self->session,
                                    gantry_client_default_endpoint ());
  self->store = gantry_pod_store_new ();
  self->refresher = gantry_refresher_new (self->client, self->store);
}

static void
gantry_application_startup (GApplication *app)
{
  GantryApplication *self = GANTRY_APPLICATION (app);

  G_APPLICATION_CLASS (gantry_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action,
                                           app_accels[i].accels);

  create_core (self);
  /* The key, from the environment or the keyring (asynchronously). */
  _gantry_application_startup_account (self);
  /* Notifications and background watching follow the pod store. */
  _gantry_application_startup_notify (self);
}

static void
gantry_application_activate (GApplication *app)
{
  GantryApplication *self = GANTRY_APPLICATION (app);
  GtkWindow *window;

  /* Until the keyring has answered, the window shows its loading page;
   * the answer starts the refresher. With the key at hand, the request
   * goes out first: RunPod answers while the window is being built. */
  if (_gantry_application_key_loaded (self)
      && gantry_refresher_get_state (self->refresher) == GANTRY_REFRESHER_IDLE)
    gantry_refresher_start (self->refresher);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    window = GTK_WINDOW (gantry_window_new (GTK_APPLICATION (self),
                                            self->refresher));

  gtk_window_present (window);
}

static void
gantry_application_shutdown (GApplication *app)
{
  GantryApplication *self = GANTRY_APPLICATION (app);

  if (self->refresher != NULL)
    gantry_refresher_stop (self->refresher);
  _gantry_application_shutdown_account (self);

  G_APPLICATION_CLASS (gantry_application_parent_class)->shutdown (app);
}

static void
gantry_application_finalize (GObject *object)
{
  GantryApplication *self = GANTRY_APPLICATION (object);

  _gantry_application_finalize_account (self);
  g_clear_object (&self->refresher);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (gantry_application_parent_class)->finalize (object);
}

static void
gantry_application_class_init (GantryApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = gantry_application_finalize;
  app_class->startup = gantry_application_startup;
  app_class->activate = gantry_application_activate;
  app_class->shutdown = gantry_application_shutdown;

  _gantry_application_class_init_account (object_class);
}

static void
gantry_application_init (GantryApplication *self)
{
}

GantryApplication *
gantry_application_new (void)
{
  return g_object_new (GANTRY_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

GantryClient *
gantry_application_get_client (GantryApplication *self)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), NULL);

  return self->client;
}

GantryPodStore *
gantry_application_get_store (GantryApplication *self)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), NULL);

  return self->store;
}

GantryRefresher *
gantry_application_get_refresher (GantryApplication *self)
{
  g_return_val_if_fail (GANTRY_IS_APPLICATION (self), NULL);

  return self->refresher;
}
