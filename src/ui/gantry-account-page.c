/* gantry-account-page.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "api/gantry-api-error.h"
#include "gantry-account-page.h"
#include "gantry-application-account.h"
#include "gantry-error-text.h"

/* Where RunPod's console lists and creates API keys. */
#define API_KEYS_URL "https://www.runpod.io/console/user/settings"

typedef enum
{
  PROBLEM_NONE,
  PROBLEM_EMPTY,      /* nothing was pasted */
  PROBLEM_REJECTED,   /* RunPod rejected the key */
  PROBLEM_UNCHECKED,  /* the key could not be checked: Retry */
  PROBLEM_KEYRING,    /* good, but the keyring cannot keep it */
} Problem;

struct _GantryAccountPage
{
  AdwBin               parent_instance;

  /* Template children */
  GtkLabel            *intro_label;
  GtkWidget           *reason_box;
  GtkLabel            *reason_title;
  GtkLabel            *reason_label;
  AdwPasswordEntryRow *key_row;
  GtkLabel            *key_error_label;
  GtkWidget           *problem_box;
  GtkImage            *problem_icon;
  GtkLabel            *problem_title;
  GtkLabel            *problem_label;
  GtkButton           *connect_button;
  GtkSpinner          *connect_spinner;
  GtkLabel            *connect_label;
  GtkButton           *session_button;

  GCancellable        *cancellable;  /* owned, nullable: a check in flight */
  Problem              problem;
  gboolean             no_keyring;   /* the problem is that there is none */
  gboolean             replacing;
};

G_DEFINE_FINAL_TYPE (GantryAccountPage, gantry_account_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPLACING,
  N_PROPS
};

enum {
  CONNECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Nullable: the page works through the application of its window. */
static GantryApplication *
find_application (GantryAccountPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = NULL;

  if (GTK_IS_WINDOW (root))
    app = gtk_window_get_application (GTK_WINDOW (root));

  return GANTRY_IS_APPLICATION (app) ? GANTRY_APPLICATION (app) : NULL;
}

static gboolean
is_busy (GantryAccountPage *self)
{
  return self->cancellable != NULL;
}

/* What the page says */

static void
set_intro (GantryAccountPage *self)
{
  g_autofree char *link = NULL;
  g_autofree char *markup = NULL;

  /* Translators: the link text of the RunPod console's API keys page. */
  link = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", API_KEYS_URL,
                                  _("API Keys page"));
  if (self->replacing)
    /* Translators: %s is a link whose text is "API Keys page". */
    markup = g_strdup_printf (_("Create a key on the %s of the RunPod "
                                "console and paste it here. Gantry checks "
                                "it with RunPod before it replaces the key "
                                "in use."), link);
  else
    /* Translators: %s is a link whose text is "API Keys page". */
    markup = g_strdup_printf (_("Gantry uses a RunPod API key to show and "
                                "manage your pods. Create one on the %s "
                                "of the RunPod console and paste it here. "
                                "Gantry keeps it in your system keyring."),
                              link);

  gtk_label_set_markup (self->intro_label, markup);
}

static const char *
connect_label_text (GantryAccountPage *self)
{
  if (is_busy (self))
    return _("Checking…");

  switch (self->problem)
    {
    case PROBLEM_UNCHECKED:
      return _("_Retry");
    case PROBLEM_KEYRING:
      return _("_Try Again");
    case PROBLEM_NONE:
    case PROBLEM_EMPTY:
    case PROBLEM_REJECTED:
    default:
      return self->replacing ? _("_Replace Key") : _("_Connect");
    }
}

static void
set_suggested (GtkWidget *button,
               gboolean   suggested)
{
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  else
    gtk_widget_remove_css_class (button, "suggested-action");
}

static void
update_buttons (GantryAccountPage *self)
{
  gboolean busy = is_busy (self);

  gtk_label_set_label (self->connect_label, connect_label_text (self));
  gtk_widget_set_visible (GTK_WIDGET (self->connect_spinner), busy);
  gtk_spinner_set_spinning (self->connect_spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->connect_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->session_button), !busy);
  /* Not insensitive: GTK 4.8 loses track of the focus of a text made
   * insensitive while focused. */
  gtk_editable_set_editable (GTK_EDITABLE (self->key_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->session_button),
                          self->problem == PROBLEM_KEYRING);

  /* With no keyring at all, trying again is unlikely to help. */
  set_suggested (GTK_WIDGET (self->connect_button), !self->no_keyring);
  set_suggested (GTK_WIDGET (self->session_button), self->no_keyring);
}

static const char *
entry_problem_text (Problem problem)
{
  switch (problem)
    {
    case PROBLEM_EMPTY:
      return _("Paste your API key here first.");
    case PROBLEM_REJECTED:
      return _("RunPod rejected this key. Check that you copied all of it, "
               "and that it has not been revoked or expired.");
    case PROBLEM_NONE:
    case PROBLEM_UNCHECKED:
    case PROBLEM_KEYRING:
    default:
      return NULL;
    }
}

/* A key that could not be checked, or not kept: what and what next. */
static void
dup_problem_text (Problem        problem,
                  const GError  *error,
                  char         **title,
                  char         **body)
{
  g_autofree char *advice = NULL;

  if (problem == PROBLEM_KEYRING)
    {
      *title = g_strdup (_("The key could not be saved"));
      *body = g_strjoin (" ", error->message,
                         _("RunPod accepted the key: you can use it for "
                           "this session only, and Gantry forgets it when "
                           "it quits."), NULL);
      return;
    }

  *title = gantry_error_text_title (error);
  advice = gantry_error_text_advice (error);
  *body = g_strjoin (" ", _("The key could not be checked, so it was not "
                            "saved."), advice != NULL ? advice : "", NULL);
}

static gboolean
is_network_error (const GError *error)
{
  return g_error_matches (error, GANTRY_API_ERROR, GANTRY_API_ERROR_NETWORK)
         || g_error_matches (error, GANTRY_API_ERROR,
                             GANTRY_API_ERROR_TIMEOUT);
}

static void
show_problem (GantryAccountPage *self,
              Problem            problem,
              const GError      *error)
{
  const char *entry_text = entry_problem_text (problem);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  self->problem = problem;
  self->no_keyring = g_error_matches (error, GANTRY_SECRET_ERROR,
                                      GANTRY_SECRET_ERROR_NO_SERVICE);

  if (entry_text != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
  gtk_label_set_label (self->key_error_label, entry_text ? entry_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_error_label),
                          entry_text != NULL);

  if (error != NULL && entry_text == NULL)
    dup_problem_text (problem, error, &title, &body);
  gtk_label_set_label (self->problem_title, title ? title : "");
  gtk_label_set_label (self->problem_label, body ? body : "");
  gtk_image_set_from_icon_name (self->problem_icon,
                                is_network_error (error)
                                ? "network-offline-symbolic"
                                : "dialog-warning-symbolic");
  gtk_widget_set_visible (self->problem_box, title != NULL);

  /* Why the person came here matters less than what just happened. */
  gtk_widget_set_visible (self->reason_box,
                          problem == PROBLEM_NONE
                          && *gtk_label_get_label (self->reason_title) != '\0');

  update_buttons (self);
}

/* Why the person is on the first-run page: the key stopped working, or
 * the keyring could not be read. Nothing when they simply have no key. */
static void
dup_reason (GantryApplication  *app,
            char              **title,
            char              **body)
{
  GantryRefresher *refresher = gantry_application_get_refresher (app);
  GantryKeySource source = gantry_application_get_key_source (app);
  const GError *last = gantry_refresher_get_last_error (refresher);
  const GError *keyring = gantry_application_get_key_error (app);
  gboolean rejected;

  rejected = source != GANTRY_KEY_SOURCE_NONE
             && gantry_refresher_get_state (refresher)
                == GANTRY_REFRESHER_SIGNED_OUT
             && g_error_matches (last, GANTRY_API_ERROR,
                                 GANTRY_API_ERROR_UNAUTHORIZED);

  if (rejected && source == GANTRY_KEY_SOURCE_ENVIRONMENT)
    {
      *title = g_strdup (_("RunPod does not accept the key in "
                           "RUNPOD_API_KEY"));
      *body = g_strdup (_("Paste a valid key here, or start Gantry with a "
                          "valid key in the environment variable."));
    }
  else if (rejected)
    {
      *title = g_strdup (source == GANTRY_KEY_SOURCE_KEYRING
                         ? _("RunPod no longer accepts the stored API key")
                         : _("RunPod no longer accepts the API key"));
      *body = g_strdup (_("It may have been revoked, or it may have "
                          "expired. Create a new key in the RunPod console "
                          "and paste it here."));
    }
  else if (keyring != NULL)
    {
      *title = g_strdup (_("Your saved API key could not be read"));
      *body = g_strdup (keyring->message);
    }
}

static void
update_reason (GantryAccountPage *self)
{
  GantryApplication *app = find_application (self);
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  if (app != NULL && !self->replacing)
    dup_reason (app, &title, &body);

  gtk_label_set_label (self->reason_title, title ? title : "");
  gtk_label_set_label (self->reason_label, body ? body : "");
  gtk_widget_set_visible (self->reason_box,
                          title != NULL && self->problem == PROBLEM_NONE);
}

/* Connecting */

static Problem
classify (const GError *error)
{
  if (g_error_matches (error, GANTRY_API_ERROR,
                       GANTRY_API_ERROR_UNAUTHORIZED))
    return PROBLEM_REJECTED;
  if (error->domain == GANTRY_SECRET_ERROR)
    return PROBLEM_KEYRING;

  return PROBLEM_UNCHECKED;
}

static void
on_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GantryAccountPage) self = user_data;
  g_autoptr (GError) error = NULL;
  gboolean connected;

  connected = gantry_application_connect_finish (GANTRY_APPLICATION (source),
                                                 result, &error);

  /* Cancelled: the page is being disposed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->cancellable);
  if (!connected)
    {
      show_problem (self, classify (error), error);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  /* The key is in use: no copy stays in the entry. */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  show_problem (self, PROBLEM_NONE, NULL);
  g_signal_emit (self, signals[CONNECTED], 0);
}

static void
connect_key (GantryAccountPage *self,
             gboolean           remember)
{
  GantryApplication *app = find_application (self);
  g_autoptr (GantrySecretKey) key = NULL;

  if (is_busy (self) || app == NULL)
    return;

  key = gantry_secret_clean_key (gtk_editable_get_text (
    GTK_EDITABLE (self->key_row)));
  if (key == NULL)
    {
      show_problem (self, PROBLEM_EMPTY, NULL);
      gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
      return;
    }

  self->cancellable = g_cancellable_new ();
  update_buttons (self);
  gantry_application_connect_async (app, key, remember, self->cancellable,
                                    on_connected_cb, g_object_ref (self));
}

static void
on_connect_button_clicked_cb (GantryAccountPage *self)
{
  connect_key (self, TRUE);
}

static void
on_key_row_entry_activated_cb (GantryAccountPage *self)
{
  connect_key (self, TRUE);
}

static void
on_session_button_clicked_cb (GantryAccountPage *self)
{
  connect_key (self, FALSE);
}

/* Another key is another story: yesterday's problem goes. */
static void
on_key_row_changed_cb (GantryAccountPage *self)
{
  if (self->problem != PROBLEM_NONE && !is_busy (self))
    show_problem (self, PROBLEM_NONE, NULL);
}

/* The object */

static void
gantry_account_page_map (GtkWidget *widget)
{
  GantryAccountPage *self = GANTRY_ACCOUNT_PAGE (widget);

  GTK_WIDGET_CLASS (gantry_account_page_parent_class)->map (widget);

  /* Shown again: the reason may be another one by now. */
  update_reason (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
}

static void
gantry_account_page_constructed (GObject *object)
{
  GantryAccountPage *self = GANTRY_ACCOUNT_PAGE (object);

  G_OBJECT_CLASS (gantry_account_page_parent_class)->constructed (object);

  set_intro (self);
  update_buttons (self);
}

static void
gantry_account_page_dispose (GObject *object)
{
  GantryAccountPage *self = GANTRY_ACCOUNT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), GANTRY_TYPE_ACCOUNT_PAGE);

  G_OBJECT_CLASS (gantry_account_page_parent_class)->dispose (object);
}

static void
gantry_account_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GantryAccountPage *self = GANTRY_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPLACING:
      g_value_set_boolean (value, self->replacing);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_account_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GantryAccountPage *self = GANTRY_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPLACING:
      self->replacing = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/gantry_app/Gantry/ui/gantry-account-page.ui");

#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, GantryAccountPage, name)
  BIND (intro_label);
  BIND (reason_box);
  BIND (reason_title);
  BIND (reason_label);
  BIND (key_row);
  BIND (key_error_label);
  BIND (problem_box);
  BIND (problem_icon);
  BIND (problem_title);
  BIND (problem_label);
  BIND (connect_button);
  BIND (connect_spinner);
  BIND (connect_label);
  BIND (session_button);
#undef BIND

  gtk_widget_class_bind_template_callback (widget_class,
                                           on_connect_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_key_row_entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_session_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class,
                                           on_key_row_changed_cb);
}

static void
gantry_account_page_class_init (GantryAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gantry_account_page_constructed;
  object_class->dispose = gantry_account_page_dispose;
  object_class->get_property = gantry_account_page_get_property;
  object_class->set_property = gantry_account_page_set_property;
  widget_class->map = gantry_account_page_map;

  properties[PROP_REPLACING] =
    g_param_spec_boolean ("replacing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                          | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GantryAccountPage::connected:
   *
   * A new key passed the check and is in use (stored in the keyring, or
   * kept for this session only).
   */
  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  bind_template (widget_class);
}

static void
gantry_account_page_init (GantryAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gantry_account_page_new (gboolean replacing)
{
  return g_object_new (GANTRY_TYPE_ACCOUNT_PAGE,
                       "replacing", replacing,
                       NULL);
}

gboolean
gantry_account_page_get_replacing (GantryAccountPage *self)
{
  g_return_val_if_fail (GANTRY_IS_ACCOUNT_PAGE (self), FALSE);

  return self->replacing;
}
