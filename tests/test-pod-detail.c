/* test-pod-detail.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The detail pane and the bid dialog, in real windows under Xvfb. Every
 * assertion reads what a person would see: the labels that are mapped.
 *
 * With GANTRY_TEST_SCREENSHOTS=<folder>, each window is also saved there
 * as a PNG; GANTRY_TEST_DARK=1 renders in the dark style. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "ui/gantry-bid-dialog.h"
#include "ui/gantry-pod-detail.h"

#define DEADLINE_MS 20000

#define RUNNING_POD \
  "{ \"id\": \"abc123xyz\", \"name\": \"llama-finetune\"," \
  "  \"desiredStatus\": \"RUNNING\", \"podType\": \"RESERVED\"," \
  "  \"imageName\": \"runpod/pytorch:2.1.0-py3.10-cuda11.8.0\"," \
  "  \"costPerHr\": 0.69, \"gpuCount\": 1, \"vcpuCount\": 16," \
  "  \"memoryInGb\": 62, \"containerDiskInGb\": 50, \"volumeInGb\": 100," \
  "  \"volumeMountPath\": \"/workspace\", \"ports\": \"8888/http,22/tcp\"," \
  "  \"env\": [\"HF_TOKEN=hf_s3cret=xyz\", \"MODE=train\"]," \
  "  \"machine\": { \"gpuDisplayName\": \"RTX 4090\", \"location\": \"CZ\" }," \
  "  \"runtime\": { \"uptimeInSeconds\": 11520," \
  "    \"ports\": [ { \"ip\": \"203.0.113.7\", \"isIpPublic\": true," \
  "                 \"privatePort\": 22, \"publicPort\": 22022," \
  "                 \"type\": \"tcp\" }," \
  "               { \"ip\": \"100.65.0.2\", \"isIpPublic\": false," \
  "                 \"privatePort\": 8888, \"publicPort\": 60001," \
  "                 \"type\": \"http\" } ]," \
  "    \"gpus\": [ { \"id\": \"GPU-1\", \"gpuUtilPercent\": 97," \
  "                \"memoryUtilPercent\": 41 } ]," \
  "    \"container\": { \"cpuPercent\": 12, \"memoryPercent\": 33 } } }"

/* Stopped from the console: RunPod still sends the old runtime. */
#define STOPPED_POD \
  "{ \"id\": \"abc123xyz\", \"name\": \"llama-finetune (stopped)\"," \
  "  \"desiredStatus\": \"EXITED\", \"podType\": \"RESERVED\"," \
  "  \"costPerHr\": 0.69, \"gpuCount\": 1, \"ports\": \"8888/http,22/tcp\"," \
  "  \"runtime\": { \"uptimeInSeconds\": 11520," \
  "    \"ports\": [ { \"ip\": \"203.0.113.7\", \"isIpPublic\": true," \
  "                 \"privatePort\": 22, \"publicPort\": 22022," \
  "                 \"type\": \"tcp\" } ] } }"

/* The same pod after a refresh: renamed and stopped. */
#define RENAMED_POD \
  "{ \"id\": \"abc123xyz\", \"name\": \"renamed-pod\"," \
  "  \"desiredStatus\": \"EXITED\", \"podType\": \"RESERVED\"," \
  "  \"costPerHr\": 0.69, \"gpuCount\": 1," \
  "  \"ports\": \"8888/http,22/tcp\" }"

#define SPOT_POD \
  "{ \"id\": \"spot42\", \"name\": \"cheap-run\"," \
  "  \"desiredStatus\": \"EXITED\", \"podType\": \"INTERRUPTABLE\"," \
  "  \"costPerHr\": 0.5, \"gpuCount\": 2, \"lowestBidPriceToResume\": 0.25," \
  "  \"machine\": { \"gpuDisplayName\": \"RTX A5000\" } }"

/* Asked to run, no runtime yet. */
#define STARTING_POD \
  "{ \"id\": \"boot7\", \"name\": \"fresh-pod\"," \
  "  \"desiredStatus\": \"RUNNING\", \"costPerHr\": 0.44, \"gpuCount\": 1 }"

#define FREE_LOOKING_POD \
  "{ \"id\": \"zero1\", \"name\": \"no-price\"," \
  "  \"desiredStatus\": \"RUNNING\", \"costPerHr\": 0, \"gpuCount\": 1," \
  "  \"runtime\": { \"uptimeInSeconds\": 600 } }"

/* Waiting */

static gboolean
tick_cb (gpointer unused)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_for (gboolean (*done) (gpointer),
          gpointer   data)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_MS * 1000;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (!done (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  return done (data);
}

static gboolean
is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

static void
settle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Pods */

static GantryPod *
pod_new (const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GantryPod *pod;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  pod = gantry_pod_new_from_json (json_node_get_object (
                                    json_parser_get_root (parser)), &error);
  g_assert_no_error (error);

  return pod;
}

/* What a person sees */

static gboolean
is_visible_to_person (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget)
         && gtk_widget_get_child_visible (widget);
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (!is_visible_to_person (widget))
    return;

  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

/* The first visible label whose text contains @text, or NULL. */
static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (strstr (gtk_label_get_text (label), text) != NULL)
        return label;
    }

  return NULL;
}

static guint
count_labels (GtkWidget  *root,
              const char *text)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new ();
  guint n = 0;

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)),
                   text) == 0)
      n++;

  return n;
}

static void
assert_shows (GtkWidget  *root,
              const char *text)
{
  if (find_label (root, text) == NULL)
    g_error ("Expected to see “%s”", text);
}

static void
assert_hides (GtkWidget  *root,
              const char *text)
{
  GtkLabel *label = find_label (root, text);

  if (label != NULL)
    g_error ("Did not expect to see “%s” (in “%s”)", text,
             gtk_label_get_text (label));
}

/* The visible button whose label or tooltip contains @text. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *text)
{
  const char *tooltip;
  GtkLabel *label;

  if (!is_visible_to_person (root))
    return NULL;

  tooltip = gtk_widget_get_tooltip_text (root);
  label = GTK_IS_BUTTON (root) ? find_label (root, text) : NULL;
  if (GTK_IS_BUTTON (root)
      && (label != NULL || (tooltip != NULL && strstr (tooltip, text))))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* As a pointer click does; gtk_widget_activate() would only click after
 * the press animation. */
static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  settle ();
}

/* Windows */

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
is_true (gpointer flag)
{
  return *(gboolean *) flag;
}

/* Waits until @widget's window has drawn everything that changed. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id = g_signal_connect (clock, "after-paint",
                                G_CALLBACK (on_after_paint_cb), &painted);

  gtk_widget_queue_draw (widget);
  g_assert_true (wait_for (is_true, &painted));
  g_signal_handler_disconnect (clock, id);
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  const char *folder = g_getenv ("GANTRY_TEST_SCREENSHOTS");
  g_autofree char *path = NULL;
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  if (folder == NULL)
    return;

  wait_for_frame (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (
      gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
      &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_strdup_printf ("%s/%s.png", folder, name);
  gdk_texture_save_to_png (texture, path);
}

typedef struct
{
  int width;
  int height;
} WindowSize;

/* Tall enough to see every row at once, as in the screenshots. */
static const WindowSize tall = { 640, 1500 };
/* Short enough to scroll. */
static const WindowSize short_window = { 640, 480 };
static const WindowSize narrow = { 360, 1700 };

typedef struct
{
  GtkWindow       *window;
  GantryPodDetail *detail;
  GPtrArray       *activated;  /* "<win action> <target>" */
} Fixture;

/* Records "<action> <target>", as the window would receive it. */
static void
on_window_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Fixture *fixture = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  g_ptr_array_add (fixture->activated,
                   g_strdup_printf ("%s %s", name,
                                    g_variant_get_string (parameter, NULL)));
}

static void
add_window_actions (Fixture *fixture)
{
  static const char * const names[] = {
    "toast", "start-pod", "stop-pod", "terminate-pod",
  };
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GSimpleAction) action = NULL;

      action = g_simple_action_new (names[i], G_VARIANT_TYPE_STRING);
      g_signal_connect (action, "activate", G_CALLBACK (on_window_action),
                        fixture);
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
    }
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->window), "win",
                                  G_ACTION_GROUP (group));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const WindowSize *size = data;

  fixture->activated = g_ptr_array_new_with_free_func (g_free);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->detail = GANTRY_POD_DETAIL (gantry_pod_detail_new ());
  gtk_window_set_title (fixture->window, "Pod Detail");
  gtk_window_set_default_size (fixture->window, size->width, size->height);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->detail));

  add_window_actions (fixture);

  gtk_window_present (fixture->window);
  g_assert_true (wait_for (is_drawn, fixture->detail));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_ptr_array_unref (fixture->activated);
  settle ();
}

static void
show_pod (Fixture   *fixture,
          GantryPod *pod)
{
  gantry_pod_detail_set_pod (fixture->detail, pod);
  wait_for_frame (GTK_WIDGET (fixture->window));
}

#define ROOT(fixture) GTK_WIDGET ((fixture)->window)

/* Tests */

static void
test_nothing_selected (Fixture       *fixture,
                       gconstpointer  data)
{
  settle ();

  assert_shows (ROOT (fixture), "No Pod Selected");
  save_screenshot (ROOT (fixture), "detail-empty");
}

static void
test_running_routes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (RUNNING_POD);

  show_pod (fixture, pod);

  assert_hides (ROOT (fixture), "No Pod Selected");
  assert_shows (ROOT (fixture), "llama-finetune");
  assert_shows (ROOT (fixture), "abc123xyz");
  assert_shows (ROOT (fixture), "Running for 3 h 12 min");
  assert_shows (ROOT (fixture), "ssh root@203.0.113.7 -p 22022");
  assert_shows (ROOT (fixture), "https://abc123xyz-8888.proxy.runpod.net");
  assert_shows (ROOT (fixture), "$0.69/h");
  assert_shows (ROOT (fixture), "RTX 4090 × 1");
  assert_shows (ROOT (fixture), "Mounted at /workspace");
  assert_shows (ROOT (fixture), "runpod/pytorch:2.1.0-py3.10-cuda11.8.0");
  assert_shows (ROOT (fixture), "97 %");
  assert_shows (ROOT (fixture), "33 %");
  save_screenshot (ROOT (fixture), "detail-running");
}

static void
test_running_actions (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (RUNNING_POD);
  GtkWidget *stop;

  show_pod (fixture, pod);

  stop = find_button (ROOT (fixture), "Stop");
  g_assert_nonnull (stop);
  g_assert_true (gtk_widget_is_sensitive (stop));
  g_assert_null (find_button (ROOT (fixture), "Start"));
  g_assert_nonnull (find_button (ROOT (fixture), "Terminate"));

  click (stop);
  click (find_button (ROOT (fixture), "Terminate"));
  g_assert_cmpuint (fixture->activated->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==,
                   "stop-pod abc123xyz");
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 1), ==,
                   "terminate-pod abc123xyz");
}

static void
test_copy_ssh (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (RUNNING_POD);
  GdkClipboard *clipboard;
  GdkContentProvider *content;
  g_auto (GValue) value = G_VALUE_INIT;
  GtkWidget *copy;

  show_pod (fixture, pod);
  copy = find_button (ROOT (fixture), "Copy SSH Command");
  g_assert_nonnull (copy);
  click (copy);

  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->detail));
  content = gdk_clipboard_get_content (clipboard);
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==,
                   "ssh root@203.0.113.7 -p 22022");
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==,
                   "toast Copied to clipboard");
}

static void
test_stopped_says_why (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (STOPPED_POD);

  show_pod (fixture, pod);

  assert_shows (ROOT (fixture), "Stopped");
  assert_shows (ROOT (fixture), "The pod is not running");
  assert_hides (ROOT (fixture), "ssh root@");
  assert_hides (ROOT (fixture), "203.0.113.7");
  assert_hides (ROOT (fixture), "proxy.runpod.net");
  assert_hides (ROOT (fixture), "Running for");
  assert_hides (ROOT (fixture), "This Run So Far");
  g_assert_nonnull (find_button (ROOT (fixture), "Start"));
  g_assert_null (find_button (ROOT (fixture), "Stop"));
  save_screenshot (ROOT (fixture), "detail-stopped");
}

/* Just created, a pod is "Starting"; only later does it count, and
 * a shown count moves on by itself. */
static void
test_starting_counts (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (STARTING_POD);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  gantry_pod_set_status_since (pod, now);
  show_pod (fixture, pod);
  assert_shows (ROOT (fixture), "Starting");
  assert_hides (ROOT (fixture), "Starting for");

  gantry_pod_set_status_since (pod, now - 150);
  show_pod (fixture, pod);
  assert_shows (ROOT (fixture), "Starting for 2 min");
}

static void
test_unknown_price (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (FREE_LOOKING_POD);

  show_pod (fixture, pod);

  assert_shows (ROOT (fixture), "Unknown");
  assert_hides (ROOT (fixture), "$0.00");
  assert_hides (ROOT (fixture), "This Run So Far");
}

static void
test_env_hidden_until_revealed (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (RUNNING_POD);
  g_autoptr (GantryPod) other = pod_new (SPOT_POD);
  GtkWidget *reveal;

  show_pod (fixture, pod);

  assert_shows (ROOT (fixture), "HF_TOKEN");
  assert_shows (ROOT (fixture), "MODE");
  assert_hides (ROOT (fixture), "s3cret");
  assert_hides (ROOT (fixture), "train");
  g_assert_cmpuint (count_labels (ROOT (fixture), "••••••••"), ==, 2);

  reveal = find_button (ROOT (fixture), "Show Values");
  g_assert_nonnull (reveal);
  click (reveal);
  assert_shows (ROOT (fixture), "hf_s3cret=xyz");
  assert_shows (ROOT (fixture), "train");
  g_assert_cmpuint (count_labels (ROOT (fixture), "••••••••"), ==, 0);
  save_screenshot (ROOT (fixture), "detail-env-revealed");

  /* Another pod, and back: its secrets are hidden again. */
  show_pod (fixture, other);
  show_pod (fixture, pod);
  assert_hides (ROOT (fixture), "s3cret");
}

static gboolean
name_is_renamed (gpointer root)
{
  return find_label (root, "renamed-pod") != NULL;
}

static void
test_update_in_place (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (RUNNING_POD);
  g_autoptr (GantryPod) renamed = pod_new (RENAMED_POD);
  GtkScrolledWindow *scrolled;
  GtkAdjustment *adjustment;
  GtkLabel *name;

  show_pod (fixture, pod);
  name = find_label (ROOT (fixture), "llama-finetune");
  scrolled = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (
      GTK_WIDGET (name), GTK_TYPE_SCROLLED_WINDOW));
  adjustment = gtk_scrolled_window_get_vadjustment (scrolled);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 600);
  gtk_adjustment_set_value (adjustment, 200);

  /* A refresh: the same object takes the new values. */
  g_assert_true (gantry_pod_update_from (pod, renamed));
  g_assert_true (wait_for (name_is_renamed, ROOT (fixture)));
  settle ();

  g_assert_true (find_label (ROOT (fixture), "renamed-pod") == name);
  assert_shows (ROOT (fixture), "Stopped");
  assert_shows (ROOT (fixture), "The pod is not running");
  assert_hides (ROOT (fixture), "ssh root@");
  assert_hides (ROOT (fixture), "97 %");
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 200);
}

/* A refresh in which only the levels move: the rows stay the same
 * widgets (nothing flickers, a revealed value stays revealed). */
static void
test_refresh_keeps_rows (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (RUNNING_POD);
  g_autoptr (GString) json = g_string_new (RUNNING_POD);
  g_autoptr (GantryPod) busier = NULL;
  GtkLabel *ssh;
  GtkLabel *token;

  g_string_replace (json, "\"gpuUtilPercent\": 97",
                    "\"gpuUtilPercent\": 55", 1);
  busier = pod_new (json->str);
  show_pod (fixture, pod);
  click (find_button (ROOT (fixture), "Show Values"));
  ssh = find_label (ROOT (fixture), "ssh root@");
  token = find_label (ROOT (fixture), "hf_s3cret");

  g_assert_true (gantry_pod_update_from (pod, busier));
  wait_for_frame (ROOT (fixture));

  assert_shows (ROOT (fixture), "55 %");
  assert_hides (ROOT (fixture), "97 %");
  g_assert_true (find_label (ROOT (fixture), "ssh root@") == ssh);
  g_assert_true (find_label (ROOT (fixture), "hf_s3cret") == token);
}

/* On a phone-sized window nothing is cut off: the window keeps its width
 * and the longest values wrap instead. */
static void
test_fits_narrow_window (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (RUNNING_POD);
  GtkLabel *image;

  show_pod (fixture, pod);

  g_assert_cmpint (gtk_widget_get_width (ROOT (fixture)), <=, narrow.width);
  image = find_label (ROOT (fixture), "runpod/pytorch");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (image)), <, narrow.width);
  g_assert_true (gtk_label_get_wrap (image));
  assert_shows (ROOT (fixture), "https://abc123xyz-8888.proxy.runpod.net");
  save_screenshot (ROOT (fixture), "detail-narrow");
}

static void
test_spot_resumes_with_bid (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (SPOT_POD);
  GtkWidget *start;

  show_pod (fixture, pod);

  start = find_button (ROOT (fixture), "Resume with Bid…");
  g_assert_nonnull (start);
  click (start);
  g_assert_cmpuint (fixture->activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->activated, 0), ==,
                   "start-pod spot42");
  assert_shows (ROOT (fixture), "$0.25/h per GPU");
  assert_shows (ROOT (fixture), "Spot");
}

/* The bid dialog */

typedef struct
{
  gboolean done;
  gboolean resume;
  double   bid;
  int      count;
  GError  *error;
} BidResult;

static void
bid_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  BidResult *bid = user_data;

  bid->resume = gantry_bid_dialog_present_finish (result, &bid->bid,
                                                  &bid->count, &bid->error);
  bid->done = TRUE;
}

static gboolean
bid_is_done (gpointer data)
{
  return ((BidResult *) data)->done;
}

static AdwMessageDialog *
find_bid_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window)
          && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
bid_dialog_is_drawn (gpointer unused)
{
  AdwMessageDialog *dialog = find_bid_dialog ();

  return dialog != NULL && is_drawn (dialog);
}

static GtkSpinButton *
find_spin (GtkWidget *root,
           guint      index)
{
  GtkWidget *widget = root;
  guint seen = 0;

  /* Depth-first, in the order the person reads them. */
  while (widget != NULL)
    {
      if (GTK_IS_SPIN_BUTTON (widget) && seen++ == index)
        return GTK_SPIN_BUTTON (widget);

      if (gtk_widget_get_first_child (widget) != NULL
          && !GTK_IS_SPIN_BUTTON (widget))
        widget = gtk_widget_get_first_child (widget);
      else
        {
          while (widget != NULL && widget != root
                 && gtk_widget_get_next_sibling (widget) == NULL)
            widget = gtk_widget_get_parent (widget);
          widget = widget == root || widget == NULL
                   ? NULL : gtk_widget_get_next_sibling (widget);
        }
    }

  return NULL;
}

static AdwMessageDialog *
present_bid_dialog (Fixture      *fixture,
                    GantryPod    *pod,
                    GCancellable *cancellable,
                    BidResult    *result)
{
  gantry_bid_dialog_present (fixture->window, pod, cancellable,
                             bid_done_cb, result);
  g_assert_true (wait_for (bid_dialog_is_drawn, NULL));

  return find_bid_dialog ();
}

static void
test_bid_dialog_minimum (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (SPOT_POD);
  BidResult result = { 0 };
  AdwMessageDialog *dialog = present_bid_dialog (fixture, pod, NULL, &result);
  GtkSpinButton *bid = find_spin (GTK_WIDGET (dialog), 0);
  GtkSpinButton *count = find_spin (GTK_WIDGET (dialog), 1);

  assert_shows (GTK_WIDGET (dialog), "Resume “cheap-run” With a Bid");
  assert_shows (GTK_WIDGET (dialog), "withdrawing spot pods");
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (bid), 0.25,
                                  1e-9);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (count), ==, 2);
  assert_shows (GTK_WIDGET (dialog), "$0.50/h for 2 GPUs");
  save_screenshot (GTK_WIDGET (dialog), "bid-dialog");

  /* Below the minimum is not possible, by typing or by the buttons. */
  gtk_editable_set_text (GTK_EDITABLE (bid), "0.10");
  gtk_spin_button_update (bid);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (bid), 0.25,
                                  1e-9);
  gtk_spin_button_spin (bid, GTK_SPIN_STEP_BACKWARD, 0.01);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (bid), 0.25,
                                  1e-9);

  /* No more GPUs than the pod has: it resumes on its own machine. */
  gtk_spin_button_set_value (count, 3);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (count), ==, 2);

  /* A bid far above the minimum is said, not refused. */
  assert_hides (GTK_WIDGET (dialog), "times the minimum bid");
  gtk_spin_button_set_value (bid, 3.0);
  settle ();
  assert_shows (GTK_WIDGET (dialog), "That is 12 times the minimum bid");

  gtk_spin_button_set_value (bid, 0.4);
  gtk_spin_button_set_value (count, 1);
  settle ();
  assert_shows (GTK_WIDGET (dialog), "$0.40/h for 1 GPU");
  assert_hides (GTK_WIDGET (dialog), "times the minimum bid");

  adw_message_dialog_response (dialog, "resume");
  g_assert_true (wait_for (bid_is_done, &result));
  g_assert_no_error (result.error);
  g_assert_true (result.resume);
  g_assert_cmpfloat_with_epsilon (result.bid, 0.4, 1e-9);
  g_assert_cmpint (result.count, ==, 1);
}

static void
test_bid_dialog_cancel (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (SPOT_POD);
  BidResult result = { 0 };
  AdwMessageDialog *dialog = present_bid_dialog (fixture, pod, NULL, &result);

  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (wait_for (bid_is_done, &result));
  g_assert_no_error (result.error);
  g_assert_false (result.resume);
  g_assert_null (find_bid_dialog ());
}

static void
test_bid_dialog_cancellable (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr (GantryPod) pod = pod_new (SPOT_POD);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  BidResult result = { 0 };

  present_bid_dialog (fixture, pod, cancellable, &result);
  g_cancellable_cancel (cancellable);
  g_assert_true (wait_for (bid_is_done, &result));
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (result.resume);
  g_assert_null (find_bid_dialog ());
  g_clear_error (&result.error);
}

static void
add (const char       *path,
     void            (*test) (Fixture *, gconstpointer),
     const WindowSize *size)
{
  g_test_add (path, Fixture, size, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  if (g_strcmp0 (g_getenv ("GANTRY_TEST_DARK"), "1") == 0)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  add ("/gantry/pod-detail/nothing-selected", test_nothing_selected, &tall);
  add ("/gantry/pod-detail/running-routes", test_running_routes, &tall);
  add ("/gantry/pod-detail/running-actions", test_running_actions, &tall);
  add ("/gantry/pod-detail/copy-ssh", test_copy_ssh, &tall);
  add ("/gantry/pod-detail/stopped-says-why", test_stopped_says_why, &tall);
  add ("/gantry/pod-detail/starting-counts", test_starting_counts, &tall);
  add ("/gantry/pod-detail/unknown-price", test_unknown_price, &tall);
  add ("/gantry/pod-detail/env-hidden-until-revealed",
       test_env_hidden_until_revealed, &tall);
  add ("/gantry/pod-detail/update-in-place", test_update_in_place,
       &short_window);
  add ("/gantry/pod-detail/refresh-keeps-rows", test_refresh_keeps_rows,
       &tall);
  add ("/gantry/pod-detail/fits-narrow-window", test_fits_narrow_window,
       &narrow);
  add ("/gantry/pod-detail/spot-resumes-with-bid",
       test_spot_resumes_with_bid, &tall);
  add ("/gantry/bid-dialog/minimum", test_bid_dialog_minimum, &tall);
  add ("/gantry/bid-dialog/cancel", test_bid_dialog_cancel, &tall);
  add ("/gantry/bid-dialog/cancellable", test_bid_dialog_cancellable, &tall);

  return g_test_run ();
}
