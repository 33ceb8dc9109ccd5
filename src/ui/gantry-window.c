/* gantry-window.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "api/gantry-api-error.h"
#include "gantry-account-page.h"
#include "gantry-error-text.h"
#include "gantry-format.h"
#include "gantry-window-private.h"
#include "gantry-settings.h"

/* Narrower than this, the header bar has no room for the account. */
#define ACCOUNT_LABEL_MIN_WIDTH 600
/* How often "Last updated N minutes ago" is brought up to date. */
#define STALE_TICK_SECONDS 30

enum {
  PROP_0,
  PROP_REFRESHER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GantryWindow, gantry_window,
                     ADW_TYPE_APPLICATION_WINDOW)

GantryPod *
_gantry_window_get_selected_pod (GantryWindow *self)
{
  if (self->selection == NULL)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

static gboolean
is_page (GantryWindow *self,
         const char   *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack),
                    name) == 0;
}

static gboolean
showing_detail (GantryWindow *self)
{
  return is_page (self, "pods")
         && adw_leaflet_get_folded (self->leaflet)
         && adw_leaflet_get_visible_child (self->leaflet)
            == GTK_WIDGET (self->detail_stack);
}

static void
update_header (GantryWindow *self)
{
  GantryPod *pod = _gantry_window_get_selected_pod (self);
  gboolean detail = showing_detail (self);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), detail);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button),
                          is_page (self, "pods") && !detail);
  adw_window_title_set_title (self->window_title,
                              detail && pod != NULL
                              ? gantry_pod_get_display_name (pod)
                              : _("Gantry"));
}

static void
on_leaflet_changed_cb (GantryWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  /* Folded, the list is a page of its own: a click opens the pod. */
  gtk_list_view_set_single_click_activate (self->list_view, folded);
  update_header (self);
}

void
_gantry_window_begin_search (GantryWindow *self)
{
  if (!is_page (self, "pods"))
    return;

  if (showing_detail (self))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_back_button_clicked_cb (GantryWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_selected_item_changed_cb (GantryWindow *self)
{
  GantryPod *pod = _gantry_window_get_selected_pod (self);

  gantry_pod_detail_set_pod (self->detail, pod);
  gtk_stack_set_visible_child_name (self->detail_stack,
                                    pod != NULL ? "pod" : "none");

  if (pod == NULL && showing_detail (self))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  update_header (self);
  _gantry_window_update_actions (self);
}

/* State: which page, the banner, the account */

static const char *
pick_page (GantryWindow *self)
{
  GantryRefresherState state = gantry_refresher_get_state (self->refresher);
  gboolean loaded = gantry_pod_store_get_loaded (self->store);
  gboolean failing = state == GANTRY_REFRESHER_FAILING
                     || state == GANTRY_REFRESHER_OFFLINE;
  guint n_pods = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (state == GANTRY_REFRESHER_SIGNED_OUT)
    return "signed-out";
  /* After signing in again, the emptied store is not "no pods yet". */
  if (!loaded || (state == GANTRY_REFRESHER_LOADING && n_pods == 0))
    return failing ? "error" : "loading";
  if (n_pods == 0)
    return "empty";
  return "pods";
}

static gboolean
is_network_trouble (GantryWindow *self)
{
  const GError *error = gantry_refresher_get_last_error (self->refresher);

  return gantry_refresher_get_state (self->refresher)
         == GANTRY_REFRESHER_OFFLINE
         || g_error_matches (error, GANTRY_API_ERROR, GANTRY_API_ERROR_NETWORK)
         || g_error_matches (error, GANTRY_API_ERROR, GANTRY_API_ERROR_TIMEOUT);
}

/* The error's words, or ours when there is no error (offline). */
static void
dup_trouble_text (GantryWindow  *self,
                  char         **title,
                  char         **advice)
{
  const GError *error = gantry_refresher_get_last_error (self->refresher);

  *title = error != NULL ? gantry_error_text_title (error) : NULL;
  *advice = error != NULL ? gantry_error_text_advice (error) : NULL;

  if (*title == NULL && is_network_trouble (self))
    *title = g_strdup (_("No network connection"));
  else if (*title == NULL)
    *title = g_strdup (_("Could not refresh the pod list"));

  if (*advice == NULL && is_network_trouble (self))
    *advice = g_strdup (_("Gantry refreshes as soon as the network is back."));
}

static void
update_error_page (GantryWindow *self)
{
  g_autofree char *title = NULL;
  g_autofree char *advice = NULL;
  g_autofree char *markup = NULL;

  dup_trouble_text (self, &title, &advice);
  if (advice != NULL)
    markup = g_markup_escape_text (advice, -1);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, markup);
  adw_status_page_set_icon_name (self->error_page,
                                 is_network_trouble (self)
                                 ? "network-offline-symbolic"
                                 : "dialog-warning-symbolic");
}

static void
update_banner (GantryWindow *self)
{
  GantryRefresherState state = gantry_refresher_get_state (self->refresher);
  gint64 last = gantry_refresher_get_last_success (self->refresher);
  gboolean reveal;
  g_autofree char *title = NULL;
  g_autofree char *advice = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *detail = NULL;

  reveal = gantry_pod_store_get_loaded (self->store)
           && (state == GANTRY_REFRESHER_FAILING
               || state == GANTRY_REFRESHER_OFFLINE);
  gtk_revealer_set_reveal_child (self->banner_revealer, reveal);
  if (!reveal)
    return;

  dup_trouble_text (self, &title, &advice);
  if (last > 0)
    updated = gantry_format_last_updated (last, g_get_real_time ()
                                                / G_USEC_PER_SEC);
  detail = g_strjoin (" ", advice ? advice : "", updated ? updated : "",
                      NULL);

  gtk_label_set_label (self->banner_title, title);
  gtk_label_set_label (self->banner_detail, g_strstrip (detail));
  gtk_image_set_from_icon_name (self->banner_icon,
                                is_network_trouble (self)
                                ? "network-offline-symbolic"
                                : "dialog-warning-symbolic");
  /* Offline, a retry cannot help: the refresher waits for the network. */
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button),
                          state != GANTRY_REFRESHER_OFFLINE);
}

/* "$3.42/h · $120.50": the burn rate and the balance, as far as known. */
static char *
dup_account_text (GantryAccount *account)
{
  g_autofree char *rate = NULL;
  g_autofree char *balance = NULL;

  if (account == NULL)
    return NULL;

  if (gantry_account_get_spend_per_hr (account) >= 0)
    rate = g_strdup_printf (_("$%.2f/h"),
                            gantry_account_get_spend_per_hr (account));
  if (gantry_account_get_balance (account) >= 0)
    balance = gantry_format_dollars (gantry_account_get_balance (account));

  if (rate != NULL && balance != NULL)
    return g_strdup_printf ("%s · %s", rate, balance);

  return g_strdup (rate ? rate : balance);
}

static void
update_account_label (GantryWindow *self)
{
  g_autofree char *text = NULL;

  if (self->refresher == NULL)
    return;

  text = dup_account_text (gantry_refresher_get_account (self->refresher));
  gtk_label_set_label (self->account_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->account_label),
                          text != NULL && !self->narrow
                          && !is_page (self, "signed-out")
                          && !is_page (self, "loading"));
}

void
_gantry_window_update_refresh_button (GantryWindow *self)
{
  gboolean busy = gantry_refresher_get_busy (self->refresher);
  /* Only a refresh the person asked for: the polls would flicker, and the
   * first load has its own spinner. */
  gboolean spin = busy && self->manual_refresh;

  if (!busy)
    self->manual_refresh = FALSE;

  gtk_spinner_set_spinning (self->refresh_spinner, spin);
  gtk_stack_set_visible_child_name (self->refresh_stack,
                                    spin ? "spinner" : "icon");
}

/* Signed out, or waiting for a first list, there is nothing yet to make,
 * refresh or search. A refused key stays: Refresh tries it again once the
 * person has seen to it at RunPod. */
static void
update_page_actions (GantryWindow *self,
                     const char   *page)
{
  gboolean loading = g_str_equal (page, "loading");
  gboolean signed_out = g_str_equal (page, "signed-out");
  gboolean has_key = gantry_client_has_api_key (self->client);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-pod",
                                 !loading && !signed_out);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh",
                                 !loading && (!signed_out || has_key));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 g_str_equal (page, "pods"));
}

static void
update_view (GantryWindow *self)
{
  const char *page = pick_page (self);

  /* The signed-out page is the account page's: it says why by itself.
   * That page is made when first shown: with a key, it is never needed,
   * and it costs the first frame 24 ms. */
  if (g_str_equal (page, "error"))
    update_error_page (self);
  if (g_str_equal (page, "signed-out")
      && gtk_widget_get_first_child (GTK_WIDGET (self->account_box)) == NULL)
    gtk_box_append (self->account_box,
                    g_object_new (GANTRY_TYPE_ACCOUNT_PAGE, NULL));

  gtk_stack_set_visible_child_name (self->main_stack, page);
  gtk_spinner_set_spinning (self->loading_spinner,
                            g_str_equal (page, "loading"));
  if (!g_str_equal (page, "pods"))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);

  update_page_actions (self, page);
  update_banner (self);
  update_account_label (self);
  update_header (self);
  _gantry_window_update_refresh_button (self);
}

static gboolean
on_stale_tick_cb (gpointer user_data)
{
  update_banner (GANTRY_WINDOW (user_data));

  return G_SOURCE_CONTINUE;
}

/* Window size */


static void
restore_window_state (GantryWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings,
                                                   "window-width"),
                               g_settings_get_int (self->settings,
                                                   "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static gboolean
on_narrow_changed_cb (gpointer user_data)
{
  GantryWindow *self = GANTRY_WINDOW (user_data);

  self->narrow_idle_id = 0;
  update_account_label (self);

  return G_SOURCE_REMOVE;
}

/* The header bar has room for the account only when the window is wide;
 * its width is known for sure only here, where changing what is visible
 * must wait for the frame to end. */
static void
gantry_window_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  GantryWindow *self = GANTRY_WINDOW (widget);
  gboolean narrow = width < ACCOUNT_LABEL_MIN_WIDTH;

  GTK_WIDGET_CLASS (gantry_window_parent_class)->size_allocate (widget, width,
                                                                height,
                                                                baseline);

  if (narrow != self->narrow && self->narrow_idle_id == 0)
    self->narrow_idle_id = g_idle_add (on_narrow_changed_cb, self);
  self->narrow = narrow;
}

static gboolean
gantry_window_close_request (GtkWindow *window)
{
  GantryWindow *self = GANTRY_WINDOW (window);
  gboolean maximized = gtk_window_is_maximized (window);
  int width, height;

  if (self->settings != NULL)
    {
      /* A maximised window's size is the screen's: keep the one before. */
      gtk_window_get_default_size (window, &width, &height);
      if (!maximized)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
      g_settings_set_boolean (self->settings, "window-maximized", maximized);
    }

  return GTK_WINDOW_CLASS (gantry_window_parent_class)->close_request (window);
}

/* Object */

static void
connect_refresher (GantryWindow *self)
{
  const char *notifies[] = {
    "notify::state", "notify::last-error", "notify::last-success",
  };

  for (guint i = 0; i < G_N_ELEMENTS (notifies); i++)
    g_signal_connect_swapped (self->refresher, notifies[i],
                              G_CALLBACK (update_view), self);
  g_signal_connect_swapped (self->refresher, "notify::busy",
                            G_CALLBACK (_gantry_window_update_refresh_button),
                            self);
  g_signal_connect_swapped (self->refresher, "notify::account",
                            G_CALLBACK (update_account_label), self);
  g_signal_connect_swapped (self->refresher, "refreshed",
                            G_CALLBACK (update_account_label), self);

  g_signal_connect_swapped (self->store, "items-changed",
                            G_CALLBACK (update_view), self);
  g_signal_connect_swapped (self->store, "notify::loaded",
                            G_CALLBACK (update_view), self);
}

static void
gantry_window_constructed (GObject *object)
{
  GantryWindow *self = GANTRY_WINDOW (object);

  G_OBJECT_CLASS (gantry_window_parent_class)->constructed (object);

  g_assert (self->refresher != NULL);
  self->client = g_object_ref (gantry_refresher_get_client (self->refresher));
  self->store = g_object_ref (gantry_refresher_get_store (self->refresher));

  _gantry_window_setup_list (self);
  g_signal_connect_swapped (self->selection, "notify::selected-item",
                            G_CALLBACK (on_selected_item_changed_cb), self);
  connect_refresher (self);
  restore_window_state (self);

  self->stale_timeout_id = g_timeout_add_seconds (STALE_TICK_SECONDS,
                                                  on_stale_tick_cb, self);
  update_view (self);
  on_leaflet_changed_cb (self);
  _gantry_window_update_actions (self);
}

static void
gantry_window_dispose (GObject *object)
{
  GantryWindow *self = GANTRY_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->stale_timeout_id, g_source_remove);
  g_clear_handle_id (&self->narrow_idle_id, g_source_remove);
  _gantry_window_dispose_actions (self);

  if (self->refresher != NULL)
    g_signal_handlers_disconnect_by_data (self->refresher, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);

  if (self->leaflet != NULL)
    g_signal_handlers_disconnect_by_data (self->leaflet, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GANTRY_TYPE_WINDOW);

  /* With the list view gone, dropping the selection frees the model
   * chain: nothing calls our filter and sort functions after this. */
  g_clear_object (&self->selection);
  g_clear_object (&self->sorter);
  g_clear_object (&self->filter);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->status_filter);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->refresher);

  G_OBJECT_CLASS (gantry_window_parent_class)->dispose (object);
}

static void
gantry_window_finalize (GObject *object)
{
  GantryWindow *self = GANTRY_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->in_flight, g_hash_table_unref);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->failure_heading, g_free);
  g_clear_pointer (&self->failure_body, g_free);

  G_OBJECT_CLASS (gantry_window_parent_class)->finalize (object);
}

static void
gantry_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GantryWindow *self = GANTRY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REFRESHER:
      g_value_set_object (value, self->refresher);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GantryWindow *self = GANTRY_WINDOW (object);

  switch (prop_id)
    {
    case PROP_REFRESHER:
      self->refresher = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bind_template (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gantry_app/Gantry/ui/gantry-window.ui");

#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, GantryWindow, name)
  BIND (toast_overlay); BIND (window_title); BIND (back_button);
  BIND (refresh_button); BIND (refresh_stack); BIND (refresh_spinner);
  BIND (search_button); BIND (account_label); BIND (menu_button);
  BIND (banner_revealer); BIND (banner_icon); BIND (banner_title);
  BIND (banner_detail); BIND (banner_button); BIND (main_stack);
  BIND (loading_spinner);
  BIND (signed_out_page); BIND (account_box); BIND (empty_page);
  BIND (error_page); BIND (leaflet); BIND (list_pane); BIND (search_bar);
  BIND (search_entry); BIND (status_dropdown); BIND (sort_dropdown);
  BIND (sort_direction_button); BIND (list_stack); BIND (list_scroller);
  BIND (list_view); BIND (detail_stack); BIND (detail);
#undef BIND

  gtk_widget_class_bind_template_callback (widget_class,
                                           on_back_button_clicked_cb);
}

static void
gantry_window_class_init (GantryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gantry_window_constructed;
  object_class->dispose = gantry_window_dispose;
  object_class->finalize = gantry_window_finalize;
  object_class->get_property = gantry_window_get_property;
  object_class->set_property = gantry_window_set_property;
  widget_class->size_allocate = gantry_window_size_allocate;
  window_class->close_request = gantry_window_close_request;

  properties[PROP_REFRESHER] =
    g_param_spec_object ("refresher", NULL, NULL, GANTRY_TYPE_REFRESHER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GANTRY_TYPE_POD_DETAIL);
  bind_template (widget_class);
  _gantry_window_class_bind_list (widget_class);
  _gantry_window_class_install_actions (widget_class);
}

static void
gantry_window_init (GantryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal,
                                           g_free, NULL);
  self->settings = gantry_settings_try_new ("the window size is not kept");

  g_signal_connect_swapped (self->leaflet, "notify::folded",
                            G_CALLBACK (on_leaflet_changed_cb), self);
  g_signal_connect_swapped (self->leaflet, "notify::visible-child",
                            G_CALLBACK (on_leaflet_changed_cb), self);
}

GantryWindow *
gantry_window_new (GtkApplication  *application,
                   GantryRefresher *refresher)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application),
                        NULL);
  g_return_val_if_fail (GANTRY_IS_REFRESHER (refresher), NULL);

  return g_object_new (GANTRY_TYPE_WINDOW,
                       "application", application,
                       "refresher", refresher,
                       NULL);
}

GantryRefresher *
gantry_window_get_refresher (GantryWindow *self)
{
  g_return_val_if_fail (GANTRY_IS_WINDOW (self), NULL);

  return self->refresher;
}
