/* test-gpu-picker.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GPU step of Create Pod under Xvfb, against the RunPod simulator,
 * and the CUDA version order it relies on. */

#include "config.h"

#include <adwaita.h>

#include "gantry-test-sim.h"
#include "model/gantry-gpu-catalog.h"
#include "ui/gantry-gpu-picker-private.h"

#define DEADLINE_S 30

/* From the simulator's catalogue (tests/runpod_sim/catalogue.py). */
#define RTX_4090   "NVIDIA GeForce RTX 4090"   /* $0.69 secure, High */
#define RTX_3090   "NVIDIA GeForce RTX 3090"   /* community only, CUDA 12.4 */
#define L40S       "NVIDIA L40S"               /* High secure, None community */
#define B200       "NVIDIA B200"               /* Low, prices null */
#define MI300X     "AMD Instinct MI300X OAM"   /* out of stock everywhere */
#define H100_SXM   "NVIDIA H100 80GB HBM3"
#define A100_SXM   "NVIDIA A100-SXM4-80GB"

#define PRICE_NOTE \
  "Prices are per GPU and hour; spot prices are the lowest bid."

static GantryTestSim *sim;

typedef struct
{
  int width;
  int height;
} WindowSize;

static const WindowSize wide = { 1000, 1300 };
static const WindowSize narrow = { 600, 900 };

typedef struct
{
  SoupSession     *session;
  GantryClient    *client;
  GtkWindow       *window;
  GantryGpuPicker *picker;
  guint            n_selected_notify;
} Fixture;

/* Waiting */

static void
on_spin_done_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, on_spin_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @cond holds, or fails after a generous
 * deadline. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      spin (20); \
    g_assert_true (cond); \
  } G_STMT_END

/* The simulator's record */

static JsonObject *
nth_gpu_request_input (guint n)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint seen = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *query = json_object_get_string_member_with_default (
        request, "query", "");
      JsonObject *variables;

      if (query == NULL || strstr (query, "gpuTypes") == NULL)
        continue;
      if (seen++ != n)
        continue;

      variables = json_object_get_object_member (request, "variables");
      return json_object_ref (json_object_get_object_member (variables,
                                                             "lp"));
    }

  return NULL;
}

static guint
count_gpu_requests (void)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *query = json_object_get_string_member_with_default (
        request, "query", "");

      if (query != NULL && strstr (query, "gpuTypes") != NULL)
        n++;
    }

  return n;
}

/* What the picker shows */

static gboolean
is_loaded (Fixture *f)
{
  return !gantry_gpu_picker_get_loading (f->picker);
}

static guint
n_shown (GantryGpuPicker *picker)
{
  return g_list_model_get_n_items (G_LIST_MODEL (picker->selection));
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child)
          && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_of_type (GtkWidget *widget,
              GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_of_type (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* The table row that shows the type with @id (its id is the cell's
 * caption), or NULL when no row shows it. */
static GtkWidget *
find_row (Fixture    *f,
          const char *id)
{
  GtkWidget *widget = find_label (GTK_WIDGET (f->picker->column_view), id);

  while (widget != NULL && g_strcmp0 (gtk_widget_get_css_name (widget),
                                      "row") != 0)
    widget = gtk_widget_get_parent (widget);

  return widget;
}

static gboolean
row_shows (Fixture    *f,
           const char *id,
           const char *text)
{
  GtkWidget *row = find_row (f, id);

  return row != NULL && find_label (row, text) != NULL;
}

/* Greyed: the widget or a container of it has the dim style. */
static gboolean
is_dimmed (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (gtk_widget_has_css_class (widget, "dim-label"))
      return TRUE;

  return FALSE;
}

static gboolean
page_is (Fixture    *f,
         const char *name)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (f->picker->view_stack),
                    name) == 0;
}

static gboolean
shows_text (Fixture    *f,
            const char *text)
{
  return find_label (GTK_WIDGET (f->picker), text) != NULL;
}

static guint
position_of (Fixture    *f,
             const char *id)
{
  GListModel *model = G_LIST_MODEL (f->picker->selection);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GantryGpuType) type = g_list_model_get_item (model, i);

      if (g_str_equal (gantry_gpu_type_get_id (type), id))
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Acting as a person */

/* Clicks the row, through the list's own action (what a click does). */
static void
click_row (Fixture    *f,
           const char *id)
{
  GtkWidget *list = find_of_type (GTK_WIDGET (f->picker->column_view),
                                  GTK_TYPE_LIST_VIEW);
  guint position = position_of (f, id);

  g_assert_nonnull (list);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_widget_activate_action (list, "list.select-item", "(ubb)",
                              position, FALSE, FALSE);
}

static void
click_cuda (Fixture    *f,
            const char *version)
{
  GtkWidget *popover = GTK_WIDGET (
    gtk_menu_button_get_popover (f->picker->cuda_button));

  gtk_menu_button_popup (f->picker->cuda_button);
  WAIT_FOR (gtk_widget_get_mapped (popover));

  for (GtkWidget *child = gtk_widget_get_first_child (
         GTK_WIDGET (f->picker->cuda_grid));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (child)),
                   version) == 0)
      {
        g_assert_true (gtk_widget_is_ancestor (child, popover));
        gtk_widget_activate (child);
        return;
      }

  g_assert_not_reached ();
}

static const char *
selected_id (Fixture *f)
{
  GantryGpuType *type = gantry_gpu_picker_get_selected (f->picker);

  return type != NULL ? gantry_gpu_type_get_id (type) : NULL;
}

/* Screenshots for people, when GANTRY_TEST_SCREENSHOTS names a folder. */
static void
save_widget_screenshot (GtkWidget  *widget,
                        const char *name)
{
  const char *folder = g_getenv ("GANTRY_TEST_SCREENSHOTS");
  const char *dark = g_getenv ("GANTRY_TEST_DARK");
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (folder == NULL)
    return;

  spin (300);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (
      gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
      &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s%s.png", folder, name,
                          g_strcmp0 (dark, "1") == 0 ? "-dark" : "");
  gdk_texture_save_to_png (texture, path);
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  save_widget_screenshot (GTK_WIDGET (f->window), name);
}

/* Fixture */

static void
on_selected_notify_cb (Fixture *f)
{
  f->n_selected_notify++;
}

static GantryClient *
new_client (SoupSession *session)
{
  GantryClient *client = gantry_client_new (session,
                                            gantry_test_sim_get_url (sim));

  gantry_client_set_api_key (client, gantry_test_sim_get_api_key (sim));
  return client;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const WindowSize *size = data;

  json_object_unref (gantry_test_sim_control (sim, "{\"op\": \"reset\"}"));

  f->session = gantry_client_new_session ();
  f->client = new_client (f->session);
  f->window = GTK_WINDOW (gtk_window_new ());
  f->picker = GANTRY_GPU_PICKER (gantry_gpu_picker_new (f->client));
  g_signal_connect_swapped (f->picker, "notify::selected",
                            G_CALLBACK (on_selected_notify_cb), f);

  gtk_window_set_title (f->window, "Choose a GPU");
  gtk_window_set_default_size (f->window, size->width, size->height);
  gtk_widget_set_margin_top (GTK_WIDGET (f->picker), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (f->picker), 18);
  gtk_widget_set_margin_start (GTK_WIDGET (f->picker), 18);
  gtk_widget_set_margin_end (GTK_WIDGET (f->picker), 18);
  gtk_window_set_child (f->window, GTK_WIDGET (f->picker));
  gtk_window_present (f->window);

  WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (f->picker)) > 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
  spin (50);
}

/* Tests without a picker */

static void
test_cuda_compare (void)
{
  g_assert_cmpint (gantry_cuda_version_compare ("12.10", "12.9"), >, 0);
  g_assert_cmpint (gantry_cuda_version_compare ("12.9", "12.10"), <, 0);
  g_assert_cmpint (gantry_cuda_version_compare ("11.8", "12.0"), <, 0);
  g_assert_cmpint (gantry_cuda_version_compare ("13.0", "12.9"), >, 0);
  g_assert_cmpint (gantry_cuda_version_compare ("12.8", "12.8"), ==, 0);
  g_assert_cmpint (gantry_cuda_version_compare ("12", "12.0"), ==, 0);
  g_assert_cmpint (gantry_cuda_version_compare ("12.1.1", "12.1"), >, 0);
  g_assert_cmpint (gantry_cuda_version_compare (NULL, "11.8"), <, 0);
  g_assert_cmpint (gantry_cuda_version_compare ("12.x", "12.9"), >, 0);
}

static void
test_cuda_normalize (void)
{
  const char * const mixed[] = { "12.9", "12.10", "", "11.8", "12.9", NULL };
  const char * const expected[] = { "11.8", "12.9", "12.10", NULL };
  const char * const empty[] = { "", NULL };
  g_auto (GStrv) normal = gantry_cuda_versions_normalize (mixed);
  g_autofree char *label = NULL;

  g_assert_nonnull (normal);
  g_assert_true (g_strv_equal ((const char * const *) normal, expected));
  g_assert_null (gantry_cuda_versions_normalize (empty));
  g_assert_null (gantry_cuda_versions_normalize (NULL));

  label = _gantry_gpu_picker_describe_cuda (expected);
  g_assert_cmpstr (label, ==, "CUDA 11.8, 12.9, 12.10");
}

/* Tests of the picker */

static void
test_shows_types (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr (JsonObject) input = NULL;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  g_assert_true (row_shows (f, RTX_4090, "RTX 4090"));
  g_assert_true (row_shows (f, RTX_4090, "24 GB"));
  g_assert_true (row_shows (f, RTX_4090, "$0.69/h"));
  g_assert_true (row_shows (f, RTX_4090, "$0.35/h"));
  g_assert_true (row_shows (f, RTX_4090, "High"));
  g_assert_true (row_shows (f, RTX_4090, "1, 2, 4, 8"));
  g_assert_true (row_shows (f, L40S, "High"));
  g_assert_true (row_shows (f, RTX_3090, "Medium"));
  g_assert_true (row_shows (f, B200, "Low"));
  g_assert_true (row_shows (f, MI300X, "Out of stock"));
  /* The simulator's placeholder type is never listed. */
  g_assert_cmpuint (position_of (f, "unknown"), ==, GTK_INVALID_LIST_POSITION);
  g_assert_true (shows_text (f, "16 GPU types. " PRICE_NOTE));

  /* One request, for one GPU on any cloud and any CUDA version. */
  g_assert_cmpuint (count_gpu_requests (), ==, 1);
  input = nth_gpu_request_input (0);
  g_assert_cmpint (json_object_get_int_member (input, "gpuCount"), ==, 1);
  g_assert_false (json_object_has_member (input, "secureCloud"));
  g_assert_false (json_object_has_member (input, "allowedCudaVersions"));
  g_assert_null (gantry_gpu_picker_get_selected (f->picker));

  save_screenshot (f, data == &wide ? "gpu-picker-wide" : "gpu-picker-narrow");
}

static void
test_unknown_price (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *row;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  row = find_row (f, B200);
  g_assert_nonnull (row);
  g_assert_nonnull (find_label (row, "Unknown"));
  g_assert_null (find_label (row, "$0.00/h"));
  g_assert_true (gtk_widget_has_css_class (find_label (row, "Unknown"),
                                           "dim-label"));
  /* It is in stock, so it can be chosen; its price is just not known. */
  click_row (f, B200);
  g_assert_cmpstr (selected_id (f), ==, B200);
}

static void
test_cloud_requeries (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr (JsonObject) input = NULL;

  WAIT_FOR (is_loaded (f) && row_shows (f, L40S, "High"));

  /* A button's activation takes a moment, as a press would. */
  gtk_widget_activate (GTK_WIDGET (f->picker->community_button));
  WAIT_FOR (gantry_gpu_picker_get_cloud (f->picker)
            == GANTRY_CLOUD_COMMUNITY);
  WAIT_FOR (is_loaded (f) && count_gpu_requests () == 2);

  input = nth_gpu_request_input (1);
  g_assert_true (json_object_has_member (input, "secureCloud"));
  g_assert_false (json_object_get_boolean_member (input, "secureCloud"));
  g_assert_cmpint (json_object_get_int_member (input, "gpuCount"), ==, 1);

  /* L40S has no community stock; the 4090 is cheaper there. */
  g_assert_true (row_shows (f, L40S, "Out of stock"));
  g_assert_false (row_shows (f, L40S, "High"));
  g_assert_true (row_shows (f, RTX_4090, "$0.34/h"));
  /* A type the cloud does not offer says so. */
  g_assert_true (row_shows (f, B200, "Not offered"));

  g_object_set (f->picker, "cloud", GANTRY_CLOUD_SECURE, NULL);
  g_assert_true (gtk_toggle_button_get_active (f->picker->secure_button));
  WAIT_FOR (is_loaded (f) && count_gpu_requests () == 3);
  g_clear_pointer (&input, json_object_unref);
  input = nth_gpu_request_input (2);
  g_assert_true (json_object_get_boolean_member (input, "secureCloud"));
  g_assert_true (row_shows (f, L40S, "High"));
}

static void
test_cuda_requeries (Fixture       *f,
                     gconstpointer  data)
{
  const char * const chosen[] = { "12.8", "12.9", NULL };
  g_autoptr (JsonObject) input = NULL;
  JsonArray *versions;
  GtkWidget *any;

  WAIT_FOR (is_loaded (f) && row_shows (f, RTX_3090, "Medium"));
  g_assert_cmpstr (gtk_menu_button_get_label (f->picker->cuda_button), ==,
                   "Any CUDA");
  g_assert_false (gtk_widget_get_sensitive (f->picker->any_cuda_button));

  click_cuda (f, "12.9");
  click_cuda (f, "12.8");
  g_assert_true (g_strv_equal (gantry_gpu_picker_get_cuda_versions (f->picker),
                               chosen));
  /* The button under the open popover keeps its size, and no tooltip
   * covers the popover's heading; closed, it says what is chosen. */
  g_assert_cmpstr (gtk_menu_button_get_label (f->picker->cuda_button), ==,
                   "Any CUDA");
  g_assert_false (gtk_widget_get_has_tooltip (
    GTK_WIDGET (f->picker->cuda_button)));
  gtk_menu_button_popdown (f->picker->cuda_button);
  g_assert_cmpstr (gtk_menu_button_get_label (f->picker->cuda_button), ==,
                   "CUDA 12.8, 12.9");
  g_assert_true (gtk_widget_get_has_tooltip (
    GTK_WIDGET (f->picker->cuda_button)));
  WAIT_FOR (is_loaded (f) && row_shows (f, RTX_3090, "Out of stock"));

  /* The last request asked for both versions, as strings. */
  input = nth_gpu_request_input (count_gpu_requests () - 1);
  versions = json_object_get_array_member (input, "allowedCudaVersions");
  g_assert_nonnull (versions);
  g_assert_cmpuint (json_array_get_length (versions), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonNode *node = json_array_get_element (versions, i);

      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (node), ==, chosen[i]);
    }
  /* Hosts with CUDA 12.8 still have the 4090. */
  g_assert_true (row_shows (f, RTX_4090, "High"));

  gtk_menu_button_popup (f->picker->cuda_button);
  any = find_label (GTK_WIDGET (gtk_menu_button_get_popover (
                      f->picker->cuda_button)), "Any Version");
  g_assert_nonnull (any);
  gtk_widget_activate (gtk_widget_get_ancestor (any, GTK_TYPE_BUTTON));
  WAIT_FOR (gantry_gpu_picker_get_cuda_versions (f->picker) == NULL);
  WAIT_FOR (!gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (
              f->picker->cuda_button))));
  g_assert_cmpstr (gtk_menu_button_get_label (f->picker->cuda_button), ==,
                   "Any CUDA");
  WAIT_FOR (is_loaded (f) && row_shows (f, RTX_3090, "Medium"));
}

static void
test_out_of_stock_not_selectable (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *row;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  /* Greyed but listed. */
  row = find_row (f, MI300X);
  g_assert_nonnull (row);
  g_assert_true (is_dimmed (find_label (row, "MI300X")));
  g_assert_true (is_dimmed (find_label (row, "192 GB")));
  g_assert_false (is_dimmed (find_label (find_row (f, RTX_4090), "RTX 4090")));

  click_row (f, MI300X);
  g_assert_null (gantry_gpu_picker_get_selected (f->picker));
  g_assert_null (gtk_single_selection_get_selected_item (f->picker->selection));
  g_assert_false (gantry_gpu_picker_select (f->picker, MI300X));
  g_assert_cmpuint (f->n_selected_notify, ==, 0);

  click_row (f, RTX_4090);
  g_assert_cmpstr (selected_id (f), ==, RTX_4090);
  g_assert_cmpuint (f->n_selected_notify, ==, 1);
  save_screenshot (f, "gpu-picker-selected");

  click_row (f, MI300X);
  g_assert_cmpstr (selected_id (f), ==, RTX_4090);
  g_assert_cmpuint (f->n_selected_notify, ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (f->picker->selection),
                    ==, position_of (f, RTX_4090));
}

static void
test_selection_follows_stock (Fixture       *f,
                              gconstpointer  data)
{
  GantryGpuType *before;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  g_assert_true (gantry_gpu_picker_select (f->picker, L40S));
  before = gantry_gpu_picker_get_selected (f->picker);
  g_assert_nonnull (before);

  /* Two GPUs: the same type, with the answer for two. */
  gantry_gpu_picker_set_gpu_count (f->picker, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     f->picker->gpu_count_spin), ==, 2);
  WAIT_FOR (is_loaded (f) && count_gpu_requests () == 2);
  g_assert_cmpstr (selected_id (f), ==, L40S);
  g_assert_true (gantry_gpu_picker_get_selected (f->picker) != before);

  /* The community cloud has none: the choice is dropped, not kept. */
  gantry_gpu_picker_set_cloud (f->picker, GANTRY_CLOUD_COMMUNITY);
  WAIT_FOR (is_loaded (f) && count_gpu_requests () == 3);
  g_assert_null (gantry_gpu_picker_get_selected (f->picker));

  /* Back on the secure cloud, from the cache, the choice comes back. */
  gantry_gpu_picker_set_cloud (f->picker, GANTRY_CLOUD_SECURE);
  WAIT_FOR (is_loaded (f) && selected_id (f) != NULL);
  g_assert_cmpstr (selected_id (f), ==, L40S);
}

static void
test_vram_filter (Fixture       *f,
                  gconstpointer  data)
{
  WAIT_FOR (is_loaded (f) && page_is (f, "table"));
  click_row (f, RTX_4090);
  g_assert_cmpstr (selected_id (f), ==, RTX_4090);

  gtk_drop_down_set_selected (f->picker->vram_dropdown, 5);   /* 80 GB */
  WAIT_FOR (find_row (f, RTX_4090) == NULL);
  g_assert_cmpuint (position_of (f, RTX_4090), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (position_of (f, L40S), ==, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (position_of (f, H100_SXM), !=, GTK_INVALID_LIST_POSITION);
  g_assert_nonnull (find_row (f, H100_SXM));
  g_assert_true (shows_text (f, "7 of 16 GPU types. " PRICE_NOTE));
  /* A hidden type is not chosen; VRAM filters here, not on the server. */
  g_assert_null (gantry_gpu_picker_get_selected (f->picker));
  g_assert_cmpuint (count_gpu_requests (), ==, 1);

  gtk_drop_down_set_selected (f->picker->vram_dropdown, 0);
  WAIT_FOR (find_row (f, RTX_4090) != NULL);
  g_assert_cmpstr (selected_id (f), ==, RTX_4090);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  /* The id matches too: "SXM4" is only in the A100's id. */
  gtk_editable_set_text (GTK_EDITABLE (f->picker->search_entry), "sxm4");
  WAIT_FOR (n_shown (f->picker) == 1);
  g_assert_cmpuint (position_of (f, A100_SXM), ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (f->picker->search_entry), "rtx 90");
  WAIT_FOR (n_shown (f->picker) == 2);
  g_assert_cmpuint (position_of (f, RTX_4090), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (position_of (f, RTX_3090), !=, GTK_INVALID_LIST_POSITION);

  gtk_editable_set_text (GTK_EDITABLE (f->picker->search_entry), "quantum");
  WAIT_FOR (page_is (f, "empty"));
  g_assert_true (shows_text (f, "No Matching GPU Types"));
  save_screenshot (f, "gpu-picker-empty");
  g_assert_cmpuint (count_gpu_requests (), ==, 1);
}

static void
test_sort_columns (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *model = G_LIST_MODEL (f->picker->selection);
  g_autoptr (GantryGpuType) first = NULL;
  g_autoptr (GantryGpuType) last = NULL;
  guint n;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  gtk_column_view_sort_by_column (f->picker->column_view,
                                  f->picker->vram_column,
                                  GTK_SORT_DESCENDING);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (gantry_gpu_type_get_id (first), ==, MI300X);

  /* Unknown prices sort after every known one. */
  g_clear_object (&first);
  gtk_column_view_sort_by_column (f->picker->column_view,
                                  f->picker->price_column,
                                  GTK_SORT_ASCENDING);
  n = g_list_model_get_n_items (model);
  first = g_list_model_get_item (model, 0);
  last = g_list_model_get_item (model, n - 1);
  g_assert_cmpfloat (gantry_gpu_type_get_on_demand_price (first), >, 0);
  g_assert_cmpstr (gantry_gpu_type_get_id (last), ==, B200);
}

static void
test_cache_and_reload (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *second;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));
  g_assert_cmpuint (count_gpu_requests (), ==, 1);

  /* Another picker on the same client answers from the cache. */
  second = g_object_ref_sink (gantry_gpu_picker_new (f->client));
  WAIT_FOR (n_shown (GANTRY_GPU_PICKER (second)) == 16);
  g_assert_false (gantry_gpu_picker_get_loading (GANTRY_GPU_PICKER (second)));
  g_assert_cmpuint (count_gpu_requests (), ==, 1);
  g_object_unref (second);

  /* Reload asks again. */
  gtk_widget_activate (find_of_type (GTK_WIDGET (f->picker->reload_stack),
                                     GTK_TYPE_BUTTON));
  WAIT_FOR (is_loaded (f) && count_gpu_requests () == 2);

  /* With the cache off, even the same filters ask again. */
  gantry_gpu_catalog_set_max_age (
    gantry_gpu_catalog_get_for_client (f->client), 0);
  gantry_gpu_picker_set_gpu_count (f->picker, 2);
  WAIT_FOR (is_loaded (f) && count_gpu_requests () == 3);
  gantry_gpu_picker_set_gpu_count (f->picker, 1);
  WAIT_FOR (is_loaded (f) && count_gpu_requests () == 4);
}

/* A count no type comes with is said to be the count, not the stock. */
static void
test_count_not_offered (Fixture       *f,
                        gconstpointer  data)
{
  WAIT_FOR (is_loaded (f) && row_shows (f, RTX_3090, "Medium"));
  g_assert_true (gantry_gpu_picker_offers_gpu_count (f->picker));

  gantry_gpu_picker_set_gpu_count (f->picker, 3);
  WAIT_FOR (is_loaded (f) && row_shows (f, RTX_3090, "Not with 3 GPUs"));
  g_assert_false (row_shows (f, RTX_3090, "Out of stock"));
  g_assert_false (gantry_gpu_picker_offers_gpu_count (f->picker));

  gantry_gpu_picker_set_gpu_count (f->picker, 2);
  WAIT_FOR (is_loaded (f) && row_shows (f, RTX_3090, "Medium"));
  g_assert_true (gantry_gpu_picker_offers_gpu_count (f->picker));
}

static void
test_failure_and_retry (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *retry;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  json_object_unref (gantry_test_sim_control (
    sim, "{\"op\": \"fault\", \"kind\": \"http\", \"status\": 502, "
         "\"match\": \"gpuTypes\", \"count\": 1}"));
  gantry_gpu_picker_reload (f->picker);
  WAIT_FOR (is_loaded (f) && page_is (f, "error"));

  g_assert_nonnull (adw_status_page_get_title (f->picker->error_page));
  g_assert_cmpstr (adw_status_page_get_title (f->picker->error_page), !=, "");
  g_assert_null (gantry_gpu_picker_get_selected (f->picker));
  save_screenshot (f, "gpu-picker-error");

  retry = find_label (GTK_WIDGET (f->picker->error_page), "Retry");
  g_assert_nonnull (retry);
  gtk_widget_activate (gtk_widget_get_ancestor (retry, GTK_TYPE_BUTTON));
  WAIT_FOR (is_loaded (f) && page_is (f, "table"));
  g_assert_true (row_shows (f, RTX_4090, "High"));
}

static void
test_loading_state (Fixture       *f,
                    gconstpointer  data)
{
  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  json_object_unref (gantry_test_sim_control (
    sim, "{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 2, "
         "\"match\": \"gpuTypes\", \"count\": 1}"));
  gantry_gpu_picker_set_gpu_count (f->picker, 4);

  /* The old rows stay, dimmed, while the new answer comes. */
  WAIT_FOR (count_gpu_requests () == 2 || is_loaded (f));
  g_assert_true (gantry_gpu_picker_get_loading (f->picker));
  g_assert_true (page_is (f, "table"));
  g_assert_true (gtk_spinner_get_spinning (f->picker->reload_spinner));
  g_assert_false (gtk_widget_get_sensitive (
    GTK_WIDGET (f->picker->column_view)));
  save_screenshot (f, "gpu-picker-loading");

  WAIT_FOR (is_loaded (f));
  g_assert_false (gtk_spinner_get_spinning (f->picker->reload_spinner));
  g_assert_true (gtk_widget_get_sensitive (
    GTK_WIDGET (f->picker->column_view)));
  /* Four GPUs: one level less stock. */
  g_assert_true (row_shows (f, RTX_4090, "Medium"));
}

static gboolean
on_busy_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* A window that redraws without pause (an animation) keeps sources of
 * GTK's redraw priority ready all the time: the query still goes out. */
static void
test_query_while_redrawing (Fixture       *f,
                            gconstpointer  data)
{
  guint busy;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  busy = g_idle_add_full (GDK_PRIORITY_REDRAW, on_busy_cb, NULL, NULL);
  gantry_gpu_picker_set_gpu_count (f->picker, 2);
  WAIT_FOR (count_gpu_requests () == 2 && is_loaded (f));
  g_source_remove (busy);

  g_assert_true (page_is (f, "table"));
}

static void
test_fits_narrow_window (Fixture       *f,
                         gconstpointer  data)
{
  GtkScrolledWindow *scrolled;
  GtkAdjustment *hadjustment;
  int minimum;

  WAIT_FOR (is_loaded (f) && page_is (f, "table"));

  gtk_widget_measure (GTK_WIDGET (f->picker), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 600 - 36);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 600);
  /* Every column is in view, without scrolling sideways. */
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
    GTK_WIDGET (f->picker->column_view), GTK_TYPE_SCROLLED_WINDOW));
  hadjustment = gtk_scrolled_window_get_hadjustment (scrolled);
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment), <=,
                     gtk_adjustment_get_page_size (hadjustment));

  click_cuda (f, "12.8");
  WAIT_FOR (is_loaded (f) && page_is (f, "table"));
  save_screenshot (f, "gpu-picker-cuda");
  save_widget_screenshot (
    GTK_WIDGET (gtk_menu_button_get_popover (f->picker->cuda_button)),
    "gpu-picker-cuda-popover");
  gtk_popover_popdown (gtk_menu_button_get_popover (f->picker->cuda_button));
}

/* What AdwApplication would load from the resources. */
static void
load_style (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (
    provider, "/io/github/gantry_app/Gantry/style.css");
  gtk_style_context_add_provider_for_display (
    gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
add (const char        *path,
     void             (*test) (Fixture *, gconstpointer),
     const WindowSize  *size)
{
  g_test_add (path, Fixture, size, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();
  if (g_strcmp0 (g_getenv ("GANTRY_TEST_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  g_test_add_func ("/gantry/gpu-picker/cuda-compare", test_cuda_compare);
  g_test_add_func ("/gantry/gpu-picker/cuda-normalize", test_cuda_normalize);
  add ("/gantry/gpu-picker/shows-types", test_shows_types, &wide);
  add ("/gantry/gpu-picker/shows-types-narrow", test_shows_types, &narrow);
  add ("/gantry/gpu-picker/unknown-price", test_unknown_price, &wide);
  add ("/gantry/gpu-picker/cloud-requeries", test_cloud_requeries, &wide);
  add ("/gantry/gpu-picker/count-not-offered", test_count_not_offered, &wide);
  add ("/gantry/gpu-picker/cuda-requeries", test_cuda_requeries, &wide);
  add ("/gantry/gpu-picker/out-of-stock-not-selectable",
       test_out_of_stock_not_selectable, &wide);
  add ("/gantry/gpu-picker/selection-follows-stock",
       test_selection_follows_stock, &wide);
  add ("/gantry/gpu-picker/vram-filter", test_vram_filter, &wide);
  add ("/gantry/gpu-picker/search", test_search, &wide);
  add ("/gantry/gpu-picker/sort-columns", test_sort_columns, &wide);
  add ("/gantry/gpu-picker/cache-and-reload", test_cache_and_reload, &wide);
  add ("/gantry/gpu-picker/failure-and-retry", test_failure_and_retry,
       &wide);
  add ("/gantry/gpu-picker/loading", test_loading_state, &wide);
  add ("/gantry/gpu-picker/query-while-redrawing",
       test_query_while_redrawing, &wide);
  add ("/gantry/gpu-picker/fits-narrow-window", test_fits_narrow_window,
       &narrow);

  sim = gantry_test_sim_start (NULL);
  result = g_test_run ();
  g_clear_pointer (&sim, gantry_test_sim_free);
  return result;
}
