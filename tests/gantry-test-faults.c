/* gantry-test-faults.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The fault matrix's fixture and what it reads off the window
 * (gantry-test-faults.h). */

#include "config.h"

#include "gantry-test-faults.h"

GantryTestSim *sim;

/* Waiting */

static void
on_spin_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, on_spin_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The simulator */

void
control (const char *json)
{
  json_object_unref (gantry_test_sim_control (sim, json));
}

/* Recorded requests whose query contains @text ("mutation": all). */
guint
count_requests (const char *text)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonNode *query = json_object_get_member (request, "query");

      if (query != NULL && JSON_NODE_HOLDS_VALUE (query)
          && strstr (json_node_get_string (query), text) != NULL)
        n++;
    }

  return n;
}

/* What the window shows */

gboolean
page_is (Fixture    *f,
         const char *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (f->window->main_stack),
                    name) == 0;
}

guint
n_listed (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (f->window->selection));
}

GantryPod *
selected_pod (Fixture *f)
{
  return gtk_single_selection_get_selected_item (f->window->selection);
}

gboolean
banner_shown (Fixture *f)
{
  return gtk_revealer_get_reveal_child (f->window->banner_revealer);
}

const char *
banner_title (Fixture *f)
{
  return gtk_label_get_text (f->window->banner_title);
}

const char *
banner_detail (Fixture *f)
{
  return gtk_label_get_text (f->window->banner_detail);
}

gboolean
shows_text (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child)
          && strstr (gtk_label_get_text (GTK_LABEL (child)), text) != NULL)
        return TRUE;
      if (shows_text (child, text))
        return TRUE;
    }

  return FALSE;
}

guint
position_of (Fixture    *f,
             const char *id)
{
  for (guint i = 0; i < n_listed (f); i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (
        G_LIST_MODEL (f->window->selection), i);

      if (g_str_equal (gantry_pod_get_id (pod), id))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

GantryPod *
select_pod (Fixture    *f,
            const char *id)
{
  guint position = position_of (f, id);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_widget_activate_action (GTK_WIDGET (f->window->list_view),
                              "list.select-item", "(ubb)",
                              position, FALSE, FALSE);
  g_assert_nonnull (selected_pod (f));

  return selected_pod (f);
}

/* The fixture */

static void
on_failed_cb (Fixture      *f,
              const GError *error)
{
  guint delay = gantry_refresher_get_next_delay (f->refresher);

  f->n_failed++;
  g_array_append_val (f->delays, delay);
}

static void
on_refreshed_cb (Fixture *f)
{
  g_array_set_size (f->delays, 0);
}

static gboolean
on_tick_cb (gpointer user_data)
{
  Fixture *f = user_data;

  f->ticks++;
  if (f->refresher != NULL && gantry_refresher_get_busy (f->refresher))
    f->busy_ticks++;

  return G_SOURCE_CONTINUE;
}

void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  control ("{\"op\": \"reset\"}");
  f->delays = g_array_new (FALSE, FALSE, sizeof (guint));
  f->tick_id = g_timeout_add (50, on_tick_cb, f);
}

/* The window on @url, through a session that gives up after @timeout_s;
 * waits for the first list when @n_pods is not 0. */
void
open_window (Fixture    *f,
             const char *url,
             guint       timeout_s,
             guint       n_pods)
{
  f->session = soup_session_new_with_options ("timeout", timeout_s, NULL);
  if (f->front != NULL && g_str_has_prefix (url, "https:"))
    soup_session_set_tls_database (f->session,
                                   gantry_test_front_get_database (f->front));
  f->client = gantry_client_new (f->session, url);
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));
  f->store = gantry_pod_store_new ();
  f->refresher = gantry_refresher_new (f->client, f->store);
  gantry_refresher_set_intervals (f->refresher, NORMAL_MS, FAST_MS, MAX_MS);
  g_signal_connect_swapped (f->refresher, "failed",
                            G_CALLBACK (on_failed_cb), f);
  g_signal_connect_swapped (f->refresher, "refreshed",
                            G_CALLBACK (on_refreshed_cb), f);

  f->window = g_object_ref (gantry_window_new (NULL, f->refresher));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 900);
  gtk_window_present (GTK_WINDOW (f->window));
  gantry_refresher_start (f->refresher);

  if (n_pods > 0)
    WAIT_FOR (page_is (f, "pods") && n_listed (f) == n_pods);
}

void
close_window (Fixture *f)
{
  if (f->window != NULL)
    {
      g_signal_handlers_disconnect_by_data (f->refresher, f);
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_clear_object (&f->window);
      gantry_refresher_stop (f->refresher);
      /* Let the cancelled requests come back before their objects go. */
      spin (100);
    }
  g_clear_object (&f->refresher);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
}

void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_handle_id (&f->tick_id, g_source_remove);
  close_window (f);
  g_clear_pointer (&f->front, gantry_test_front_free);
  g_array_unref (f->delays);
  control ("{\"op\": \"clear_faults\"}");
}

/* Actions */

GtkWidget *
find_button (GtkWidget  *widget,
             const char *label,
             const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child)
          && ((label != NULL
               && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)),
                             label) == 0)
              || (action != NULL
                  && g_strcmp0 (gtk_actionable_get_action_name (
                                  GTK_ACTIONABLE (child)), action) == 0)))
        return child;
      if ((found = find_button (child, label, action)) != NULL)
        return found;
    }

  return NULL;
}

gboolean
sim_pod_is (const char *id,
            const char *desired_status)
{
  g_autoptr (JsonObject) pod = gantry_test_sim_get_pod (sim, id);

  if (pod == NULL)
    return desired_status == NULL;

  return g_strcmp0 (json_object_get_string_member_with_default (
                      pod, "desiredStatus", ""), desired_status) == 0;
}
