/* test-create-dialog.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Create Pod dialog under Xvfb, against the RunPod simulator: a
 * person's whole path to a pod, what RunPod was sent, and what is left of
 * the form when RunPod says no.
 *
 * With GANTRY_TEST_SCREENSHOTS=<folder>, each step is saved there as a
 * PNG; GANTRY_TEST_DARK=1 renders in the dark style and
 * GANTRY_TEST_WIDTH=<pixels> sets the dialog's width. */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gantry-test-sim.h"
#include "ui/gantry-create-dialog-private.h"

#define DEADLINE_S 30

#define RTX_4090 "NVIDIA GeForce RTX 4090"
#define DEFAULT_IMAGE \
  "runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04"
#define PROMPT_VALUE "say \"hi\" and 'bye'\nline two"
#define TOKEN_VALUE "hf_abc=def=="

#define NO_CAPACITY \
  "There are no longer any instances available with the requested " \
  "specifications. Please refresh and try again."
#define BID_TOO_LOW \
  "Your bid of $0.250/hr per GPU is below the minimum bid of $0.300/hr " \
  "for RTX 4090."

static GantryTestSim *sim;

typedef struct
{
  SoupSession        *session;
  GantryClient       *client;
  GantryPodStore     *store;
  GantryCreateDialog *dialog;     /* weak: it destroys itself */
  GantryPod          *created;    /* from ::pod-created */
  char               *message;    /* from ::pod-created */
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

#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      spin (50); \
    g_assert_true (cond); \
  } G_STMT_END

/* The simulator */

static void
control (const char *json)
{
  json_object_unref (gantry_test_sim_control (sim, json));
}

static void
controlf (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static void
controlf (const char *format,
          ...)
{
  g_autofree char *json = NULL;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);

  control (json);
}

static guint
count_requests (const char *operation)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *query = json_object_get_string_member_with_default (
        request, "query", "");

      if (query != NULL && strstr (query, operation) != NULL)
        n++;
    }

  return n;
}

/* The variables of the one request that ran @operation. */
static void
assert_sent (const char *operation,
             const char *expected_json)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  g_autoptr (JsonNode) expected = json_from_string (expected_json, NULL);
  JsonNode *sent = NULL;

  g_assert_nonnull (expected);
  g_assert_cmpuint (count_requests (operation), ==, 1);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *query = json_object_get_string_member_with_default (
        request, "query", "");

      if (query != NULL && strstr (query, operation) != NULL)
        sent = json_object_get_member (request, "variables");
    }

  g_assert_nonnull (sent);
  if (!json_node_equal (sent, expected))
    {
      g_autofree char *text = json_to_string (sent, TRUE);

      g_error ("%s was sent with\n%s\nnot\n%s", operation, text,
               expected_json);
    }
}

/* Pictures for people */

static void
snap (Fixture    *f,
      const char *name)
{
  const char *folder = g_getenv ("GANTRY_TEST_SCREENSHOTS");
  GtkWidget *widget = GTK_WIDGET (f->dialog);
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autofree char *file = NULL;
  GtkSnapshot *snapshot;
  int width;
  int height;

  if (folder == NULL)
    return;

  spin (400);  /* transitions */
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (
    gtk_native_get_renderer (GTK_NATIVE (widget)), node,
    &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/create-%s.png", folder, name);
  gdk_texture_save_to_png (texture, file);
}

/* Scrolls the page that holds @widget to its end, for the pictures. */
static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget,
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
                                GTK_SCROLLED_WINDOW (scroller));

  gtk_adjustment_set_value (adjustment,
                            gtk_adjustment_get_upper (adjustment));
}

/* What a person does */

/* A button is clicked at once (activating it would wait for its pressed
 * look); a check button is toggled as by a click. */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  if (GTK_IS_BUTTON (button))
    g_signal_emit_by_name (button, "clicked");
  else
    gtk_widget_activate (button);
}

static void
type_into (gpointer    editable,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
}

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static gboolean
picker_ready (Fixture *f)
{
  return !gantry_gpu_picker_get_loading (f->dialog->picker);
}

/* The GPU step, as its filters and table would set it. */
static void
choose_gpu (Fixture            *f,
            GantryCloud         cloud,
            int                 count,
            const char * const *cuda)
{
  gantry_gpu_picker_set_cloud (f->dialog->picker, cloud);
  gantry_gpu_picker_set_gpu_count (f->dialog->picker, count);
  gantry_gpu_picker_set_cuda_versions (f->dialog->picker, cuda);
  WAIT_FOR (picker_ready (f));
  g_assert_true (gantry_gpu_picker_select (f->dialog->picker, RTX_4090));
}

static void
add_variable (Fixture    *f,
              const char *key,
              const char *value)
{
  GtkListBoxRow *row;
  int n = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->dialog),
                                             "create.add-env", NULL));
  while (gtk_list_box_get_row_at_index (f->dialog->env_list, n) != NULL)
    n++;
  row = gtk_list_box_get_row_at_index (f->dialog->env_list, n - 1);
  type_into (g_object_get_data (G_OBJECT (row), "key"), key);
  type_into (g_object_get_data (G_OBJECT (row), "value"), value);
}

static GtkWidget *
env_key_entry (Fixture *f,
               int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->dialog->env_list,
                                                      index);

  g_assert_nonnull (row);
  return g_object_get_data (G_OBJECT (row), "key");
}

static const char *
env_value (Fixture *f,
           int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->dialog->env_list,
                                                      index);

  return text_of (g_object_get_data (G_OBJECT (row), "value"));
}

static GtkWidget *
port_row (Fixture *f,
          int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->dialog->ports_list,
                                                      index);

  g_assert_nonnull (row);
  return GTK_WIDGET (row);
}

static gboolean
next_allowed (Fixture *f)
{
  return gtk_widget_is_sensitive (GTK_WIDGET (f->dialog->next_button));
}

static const char *
reason (Fixture *f)
{
  if (!gtk_revealer_get_reveal_child (f->dialog->reason_revealer))
    return NULL;

  return gtk_label_get_label (f->dialog->reason_label);
}

static const char *
step (Fixture *f)
{
  return gtk_stack_get_visible_child_name (f->dialog->step_stack);
}

/* The Pod step with what the tests send. */
static void
fill_pod_step (Fixture *f)
{
  g_assert_cmpstr (step (f), ==, "pod");
  type_into (f->dialog->name_row, "llama finetune");
  gtk_spin_button_set_value (f->dialog->disk_spin, 50);
  gtk_spin_button_set_value (f->dialog->volume_spin, 100);
  add_variable (f, "HF_TOKEN", TOKEN_VALUE);
  add_variable (f, "PROMPT", PROMPT_VALUE);
  gtk_spin_button_set_value (f->dialog->vcpu_spin, 8);
  gtk_spin_button_set_value (f->dialog->memory_spin, 32);
}

static void
go_to_review (Fixture *f)
{
  click (GTK_WIDGET (f->dialog->next_button));
  g_assert_cmpstr (step (f), ==, "review");
  g_assert_null (reason (f));
}

static gboolean
failure_shown (Fixture *f)
{
  return gtk_revealer_get_child_revealed (f->dialog->failure_revealer) &&
         !f->dialog->busy;
}

static gboolean
shows (GtkLabel   *label,
       const char *part)
{
  return strstr (gtk_label_get_label (label), part) != NULL;
}

static gboolean
suggested (GtkButton *button)
{
  return gtk_widget_get_mapped (GTK_WIDGET (button));
}

/* Everything typed is still there. */
static void
assert_inputs_kept (Fixture *f)
{
  g_assert_cmpstr (text_of (f->dialog->name_row), ==, "llama finetune");
  g_assert_cmpstr (text_of (f->dialog->image_row), ==, DEFAULT_IMAGE);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->dialog->disk_spin),
                   ==, 50);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->dialog->volume_spin),
                   ==, 100);
  g_assert_cmpstr (text_of (port_row (f, 0)), ==, "8888");
  g_assert_cmpstr (text_of (port_row (f, 1)), ==, "22");
  g_assert_cmpstr (text_of (env_key_entry (f, 0)), ==, "HF_TOKEN");
  g_assert_cmpstr (env_value (f, 0), ==, TOKEN_VALUE);
  g_assert_cmpstr (env_value (f, 1), ==, PROMPT_VALUE);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->dialog->vcpu_spin),
                   ==, 8);
}

/* The fixture: a dialog on its own client and store, filled from the
 * simulator's demo account, with the remembered choices at their
 * defaults. */

static void
on_pod_created_cb (GantryCreateDialog *dialog,
                   GantryPod          *pod,
                   const char         *message,
                   Fixture            *f)
{
  g_assert_null (f->created);
  f->created = g_object_ref (pod);
  f->message = g_strdup (message);
}

static void
on_listed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr (GError) error = NULL;

  *out = gantry_client_list_pods_finish (GANTRY_CLIENT (source), result,
                                         NULL, &error);
  g_assert_no_error (error);
}

static void
reset_settings (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  const char * const keys[] = {
    "create-cloud", "create-gpu-type", "create-gpu-count",
    "create-cuda-versions", "create-image", "create-container-disk-gb",
    "create-volume-gb", "create-volume-mount-path", "create-ports",
    "create-draft-name", "create-draft-env-names",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static GantryCreateDialog *
open_dialog (Fixture *f)
{
  GantryCreateDialog *dialog;
  const char *width = g_getenv ("GANTRY_TEST_WIDTH");

  dialog = gantry_create_dialog_new (NULL, f->client, f->store);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &f->dialog);
  g_signal_connect (dialog, "pod-created", G_CALLBACK (on_pod_created_cb),
                    f);
  if (width != NULL)
    gtk_window_set_default_size (GTK_WINDOW (dialog), atoi (width), 720);
  gtk_window_present (GTK_WINDOW (dialog));
  f->dialog = dialog;

  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dialog)) &&
            gtk_widget_get_width (GTK_WIDGET (dialog)) > 0);
  WAIT_FOR (picker_ready (f));
  return dialog;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr (GPtrArray) pods = NULL;

  control ("{\"op\": \"reset\"}");
  reset_settings ();
  if (g_getenv ("GANTRY_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);

  f->session = gantry_client_new_session ();
  g_object_set (f->session, "proxy-resolver", NULL, NULL);
  f->client = gantry_client_new (f->session, gantry_test_sim_get_url (sim));
  gantry_client_set_api_key (f->client, gantry_test_sim_get_api_key (sim));

  f->store = gantry_pod_store_new ();
  gantry_client_list_pods_async (f->client, NULL, on_listed_cb, &pods);
  WAIT_FOR (pods != NULL);
  gantry_pod_store_update (f->store, pods);

  open_dialog (f);
  control ("{\"op\": \"clear_requests\"}");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  WAIT_FOR (f->dialog == NULL);

  g_clear_object (&f->created);
  g_clear_pointer (&f->message, g_free);
  g_clear_object (&f->store);
  g_clear_object (&f->client);
  g_clear_object (&f->session);
}

/* Tests */

static gboolean
shows_anywhere (GtkWidget  *widget,
                const char *part)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_get_mapped (child) &&
          strstr (gtk_label_get_label (GTK_LABEL (child)), part) != NULL)
        return TRUE;
      if (shows_anywhere (child, part))
        return TRUE;
    }

  return FALSE;
}

#define ON_DEMAND_INPUT \
  "{ \"input\": {" \
  "  \"name\": \"llama finetune\"," \
  "  \"imageName\": \"" DEFAULT_IMAGE "\"," \
  "  \"gpuTypeId\": \"" RTX_4090 "\"," \
  "  \"gpuCount\": 2, \"cloudType\": \"SECURE\"," \
  "  \"allowedCudaVersions\": [\"12.8\"]," \
  "  \"containerDiskInGb\": 50, \"volumeInGb\": 100," \
  "  \"volumeMountPath\": \"/workspace\"," \
  "  \"ports\": \"8888/http,22/tcp\"," \
  "  \"env\": [ { \"key\": \"HF_TOKEN\", \"value\": \"hf_abc=def==\" }," \
  "           { \"key\": \"PROMPT\"," \
  "             \"value\": \"say \\\"hi\\\" and 'bye'\\nline two\" } ]," \
  "  \"minVcpuCount\": 8, \"minMemoryInGb\": 32 } }"

/* GPU, Pod and Pricing as the on-demand path fills them. */
static void
walk_to_review_on_demand (Fixture *f)
{
  const char *cuda[] = { "12.8", NULL };

  choose_gpu (f, GANTRY_CLOUD_SECURE, 2, cuda);
  click (GTK_WIDGET (f->dialog->next_button));
  fill_pod_step (f);
  click (GTK_WIDGET (f->dialog->next_button));
  go_to_review (f);
}

static void
test_on_demand (Fixture       *f,
                gconstpointer  data)
{
  const char *cuda[] = { "12.8", NULL };
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto (GStrv) remembered_cuda = NULL;
  GantryPod *pod;

  g_assert_cmpstr (step (f), ==, "gpu");
  g_assert_false (next_allowed (f));
  g_assert_nonnull (reason (f));
  /* A count no type comes with: the hint names the count. */
  gantry_gpu_picker_set_gpu_count (f->dialog->picker, 3);
  WAIT_FOR (g_strcmp0 (reason (f), "No GPU type comes with 3 GPUs. Choose a "
                                   "number the GPUs column shows.") == 0);
  choose_gpu (f, GANTRY_CLOUD_SECURE, 2, cuda);
  g_assert_true (next_allowed (f));
  snap (f, "1-gpu");

  click (GTK_WIDGET (f->dialog->next_button));
  g_assert_cmpstr (step (f), ==, "pod");
  g_assert_false (next_allowed (f));
  g_assert_nonnull (strstr (reason (f), "name"));
  fill_pod_step (f);
  g_assert_true (next_allowed (f));
  snap (f, "2-pod");

  click (GTK_WIDGET (f->dialog->next_button));
  g_assert_cmpstr (step (f), ==, "pricing");
  g_assert_cmpstr (gtk_label_get_label (f->dialog->price_label), ==,
                   "$1.38/h");
  snap (f, "3-pricing");

  go_to_review (f);
  g_assert_cmpstr (gtk_label_get_label (f->dialog->review_price_label), ==,
                   "$1.38/h");
  g_assert_true (shows_anywhere (GTK_WIDGET (f->dialog), "HF_TOKEN"));
  g_assert_true (shows_anywhere (GTK_WIDGET (f->dialog), "/workspace"));
  g_assert_false (shows_anywhere (GTK_WIDGET (f->dialog), "hf_abc"));
  g_assert_false (shows_anywhere (GTK_WIDGET (f->dialog), "bye"));
  snap (f, "4-review");

  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (f->created != NULL);
  WAIT_FOR (f->dialog == NULL);

  assert_sent ("podFindAndDeployOnDemand", ON_DEMAND_INPUT);
  g_assert_cmpstr (f->message, ==, "“llama finetune” is starting");
  pod = gantry_pod_store_lookup (f->store, gantry_pod_get_id (f->created));
  g_assert_true (pod == f->created);
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_STARTING);

  /* The choices, never a variable. */
  remembered_cuda = g_settings_get_strv (settings, "create-cuda-versions");
  g_assert_cmpstr (g_settings_get_string (settings, "create-cloud"), ==,
                   "SECURE");
  g_assert_cmpuint (g_settings_get_uint (settings, "create-gpu-count"), ==, 2);
  g_assert_cmpstrv (remembered_cuda, cuda);
  g_assert_cmpuint (g_settings_get_uint (settings, "create-volume-gb"), ==,
                    100);
}

static void
test_spot (Fixture       *f,
           gconstpointer  data)
{
  choose_gpu (f, GANTRY_CLOUD_COMMUNITY, 1, NULL);
  click (GTK_WIDGET (f->dialog->next_button));
  fill_pod_step (f);
  gtk_spin_button_set_value (f->dialog->volume_spin, 0);
  click (GTK_WIDGET (f->dialog->next_button));

  /* The bid starts at RunPod's minimum and cannot go below it. */
  click (GTK_WIDGET (f->dialog->spot_check));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->dialog->bid_spin)));
  g_assert_cmpfloat_with_epsilon (
    gtk_spin_button_get_value (f->dialog->bid_spin), 0.20, 1e-9);
  gtk_spin_button_set_value (f->dialog->bid_spin, 0.05);
  g_assert_cmpfloat_with_epsilon (
    gtk_spin_button_get_value (f->dialog->bid_spin), 0.20, 1e-9);
  gtk_spin_button_set_value (f->dialog->bid_spin, 0.25);
  g_assert_cmpstr (gtk_label_get_label (f->dialog->price_label), ==,
                   "$0.25/h");
  snap (f, "3-pricing-spot");

  go_to_review (f);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (f->created != NULL);

  assert_sent ("podRentInterruptable",
    "{ \"input\": {"
    "  \"name\": \"llama finetune\","
    "  \"imageName\": \"" DEFAULT_IMAGE "\","
    "  \"gpuTypeId\": \"" RTX_4090 "\","
    "  \"gpuCount\": 1, \"cloudType\": \"COMMUNITY\","
    "  \"containerDiskInGb\": 50, \"volumeInGb\": 0,"
    "  \"ports\": \"8888/http,22/tcp\","
    "  \"env\": [ { \"key\": \"HF_TOKEN\", \"value\": \"hf_abc=def==\" },"
    "           { \"key\": \"PROMPT\","
    "             \"value\": \"say \\\"hi\\\" and 'bye'\\nline two\" } ],"
    "  \"minVcpuCount\": 8, \"minMemoryInGb\": 32,"
    "  \"bidPerGpu\": 0.25 } }");
  g_assert_cmpuint (count_requests ("podFindAndDeployOnDemand"), ==, 0);
  g_assert_true (gantry_pod_is_spot (f->created));
}

static gboolean
has_error_mark (gpointer widget)
{
  return gtk_widget_has_css_class (GTK_WIDGET (widget), "error");
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  choose_gpu (f, GANTRY_CLOUD_ALL, 1, NULL);
  click (GTK_WIDGET (f->dialog->next_button));

  /* An empty name: Next waits and says why, without shouting at once. */
  g_assert_false (next_allowed (f));
  g_assert_cmpstr (reason (f), ==, "Enter a name for the pod.");
  g_assert_false (has_error_mark (f->dialog->name_row));
  type_into (f->dialog->name_row, "x");
  type_into (f->dialog->name_row, "");
  g_assert_true (has_error_mark (f->dialog->name_row));
  type_into (f->dialog->name_row, "ok");
  g_assert_true (next_allowed (f));
  g_assert_null (reason (f));

  /* A port that does not exist. */
  type_into (port_row (f, 0), "70000");
  g_assert_false (next_allowed (f));
  g_assert_nonnull (strstr (reason (f), "70000"));
  g_assert_true (has_error_mark (port_row (f, 0)));
  type_into (port_row (f, 0), "22");
  g_assert_nonnull (strstr (reason (f), "twice"));
  type_into (port_row (f, 0), "8888");
  g_assert_false (has_error_mark (port_row (f, 0)));
  g_assert_true (next_allowed (f));

  /* A variable name with a space. */
  add_variable (f, "MY KEY", "value");
  g_assert_false (next_allowed (f));
  g_assert_nonnull (strstr (reason (f), "MY KEY"));
  g_assert_true (has_error_mark (env_key_entry (f, 0)));
  snap (f, "2-pod-invalid");
  scroll_to_end (GTK_WIDGET (f->dialog->env_list));
  snap (f, "2-pod-invalid-end");
  type_into (env_key_entry (f, 0), "MY_KEY");
  g_assert_true (next_allowed (f));

  /* No volume, no mount path to check. */
  type_into (f->dialog->mount_row, "relative");
  g_assert_false (next_allowed (f));
  gtk_spin_button_set_value (f->dialog->volume_spin, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (f->dialog->mount_row)));
  g_assert_true (next_allowed (f));

  /* Back and forth keeps it all. */
  click (GTK_WIDGET (f->dialog->back_button));
  g_assert_cmpstr (step (f), ==, "gpu");
  click (GTK_WIDGET (f->dialog->next_button));
  g_assert_cmpstr (text_of (f->dialog->name_row), ==, "ok");
  g_assert_cmpstr (text_of (env_key_entry (f, 0)), ==, "MY_KEY");
}

static void
test_capacity (Fixture       *f,
               gconstpointer  data)
{
  controlf (
    "{\"op\": \"fault\", \"kind\": \"graphql_error\","
    " \"match\": \"podFindAndDeployOnDemand\", \"message\": \"%s\"}",
    NO_CAPACITY);
  walk_to_review_on_demand (f);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (failure_shown (f));

  g_assert_cmpstr (gtk_label_get_label (f->dialog->failure_title), ==,
                   "No machine is free for this pod");
  g_assert_true (shows (f->dialog->failure_detail, NO_CAPACITY));
  /* Other 24 GB GPUs with CUDA 12.8 on Secure Cloud. */
  WAIT_FOR (shows (f->dialog->failure_detail,
                   "In stock with 24 GB right now: L4."));
  g_assert_true (suggested (f->dialog->choose_gpu_button));
  g_assert_true (suggested (f->dialog->other_cloud_button));
  g_assert_cmpstr (gtk_button_get_label (f->dialog->other_cloud_button), ==,
                   "Try _Community Cloud");
  g_assert_false (suggested (f->dialog->retry_button));
  snap (f, "5-capacity");

  g_assert_null (f->created);
  g_assert_cmpstr (step (f), ==, "review");
  g_assert_cmpuint (count_requests ("podFindAndDeployOnDemand"), ==, 1);
  assert_inputs_kept (f);

  click (GTK_WIDGET (f->dialog->other_cloud_button));
  g_assert_cmpstr (step (f), ==, "gpu");
  g_assert_cmpint (gantry_gpu_picker_get_cloud (f->dialog->picker), ==,
                   GANTRY_CLOUD_COMMUNITY);
  g_assert_false (gtk_revealer_get_reveal_child (
                    f->dialog->failure_revealer));
}

/* GPU, Pod and a spot bid of $0.25 on Community Cloud. */
static void
walk_to_review_spot (Fixture *f)
{
  choose_gpu (f, GANTRY_CLOUD_COMMUNITY, 1, NULL);
  click (GTK_WIDGET (f->dialog->next_button));
  fill_pod_step (f);
  click (GTK_WIDGET (f->dialog->next_button));
  click (GTK_WIDGET (f->dialog->spot_check));
  gtk_spin_button_set_value (f->dialog->bid_spin, 0.25);
  go_to_review (f);
}

static void
test_bid_too_low (Fixture       *f,
                  gconstpointer  data)
{
  controlf (
    "{\"op\": \"fault\", \"kind\": \"graphql_error\","
    " \"match\": \"podRentInterruptable\", \"message\": \"%s\"}",
    BID_TOO_LOW);
  walk_to_review_spot (f);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (failure_shown (f));

  g_assert_cmpstr (gtk_label_get_label (f->dialog->failure_title), ==,
                   "The bid is too low");
  g_assert_true (shows (f->dialog->failure_detail, BID_TOO_LOW));
  g_assert_true (suggested (f->dialog->raise_bid_button));
  g_assert_false (suggested (f->dialog->on_demand_button));
  assert_inputs_kept (f);
  g_assert_cmpfloat_with_epsilon (
    gtk_spin_button_get_value (f->dialog->bid_spin), 0.25, 1e-9);

  click (GTK_WIDGET (f->dialog->raise_bid_button));
  g_assert_cmpstr (step (f), ==, "pricing");
  g_assert_true (gtk_check_button_get_active (f->dialog->spot_check));
}

static void
test_spot_refused (Fixture       *f,
                   gconstpointer  data)
{
  control ("{\"op\": \"config\", \"spot_enabled\": false}");
  walk_to_review_spot (f);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (failure_shown (f));

  g_assert_cmpstr (gtk_label_get_label (f->dialog->failure_title), ==,
                   "RunPod refused the spot pod");
  g_assert_true (shows (f->dialog->failure_detail,
                        "Spot pods are no longer available."));
  g_assert_true (shows (f->dialog->failure_detail,
                        "on demand for $0.34/h"));
  g_assert_true (suggested (f->dialog->on_demand_button));
  snap (f, "5-spot-refused");

  /* One click: the same pod, on demand, ready to create. */
  click (GTK_WIDGET (f->dialog->on_demand_button));
  g_assert_cmpstr (step (f), ==, "review");
  g_assert_true (gtk_check_button_get_active (f->dialog->on_demand_check));
  g_assert_cmpstr (gtk_label_get_label (f->dialog->review_price_label), ==,
                   "$0.34/h");
  assert_inputs_kept (f);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (f->created != NULL);

  g_assert_false (gantry_pod_is_spot (f->created));
  g_assert_cmpuint (count_requests ("podRentInterruptable"), ==, 1);
  g_assert_cmpuint (count_requests ("podFindAndDeployOnDemand"), ==, 1);
}

#define LATE_POD \
  "{\"op\": \"add_pod\", \"pod\": {\"id\": \"l4te500p0d0001\"," \
  " \"name\": \"llama finetune\", \"_gpu\": \"" RTX_4090 "\"," \
  " \"gpuCount\": 2, \"desiredStatus\": \"RUNNING\", \"_boot_in\": 600}}"

#define FAULT_500 \
  "{\"op\": \"fault\", \"kind\": \"http\", \"status\": 500," \
  " \"match\": \"podFindAndDeployOnDemand\"}"

static void
test_server_error_then_pod (Fixture       *f,
                            gconstpointer  data)
{
  walk_to_review_on_demand (f);

  /* RunPod made the pod, then failed to say so. */
  control (LATE_POD);
  control (FAULT_500);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (f->created != NULL);

  g_assert_cmpstr (gantry_pod_get_id (f->created), ==, "l4te500p0d0001");
  g_assert_nonnull (strstr (f->message, "was created"));
  g_assert_true (gantry_pod_store_lookup (f->store, "l4te500p0d0001") ==
                 f->created);
  g_assert_cmpuint (count_requests ("podFindAndDeployOnDemand"), ==, 1);
  WAIT_FOR (f->dialog == NULL);
}

static void
test_server_error_no_pod (Fixture       *f,
                          gconstpointer  data)
{
  walk_to_review_on_demand (f);
  control (FAULT_500);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (failure_shown (f));

  g_assert_cmpstr (gtk_label_get_label (f->dialog->failure_title), ==,
                   "RunPod is having trouble");
  g_assert_true (shows (f->dialog->failure_detail, "safe to try again"));
  g_assert_true (suggested (f->dialog->retry_button));
  g_assert_cmpuint (count_requests ("podFindAndDeployOnDemand"), ==, 1);
  g_assert_null (f->created);
  assert_inputs_kept (f);
  snap (f, "5-server-error");

  /* Trying again is the person's call. */
  click (GTK_WIDGET (f->dialog->retry_button));
  WAIT_FOR (f->created != NULL);
  g_assert_cmpuint (count_requests ("podFindAndDeployOnDemand"), ==, 2);
}

static void
test_error_that_took_effect (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr (JsonObject) state = NULL;
  JsonArray *pods;
  guint named = 0;

  control ("{\"op\": \"fault\", \"kind\": \"apply_then_error\","
           " \"match\": \"podFindAndDeployOnDemand\"}");
  walk_to_review_on_demand (f);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (f->created != NULL);

  g_assert_nonnull (strstr (f->message, "was created"));
  g_assert_cmpuint (count_requests ("podFindAndDeployOnDemand"), ==, 1);
  state = gantry_test_sim_control (sim, "{\"op\": \"state\"}");
  pods = json_object_get_array_member (state, "pods");
  for (guint i = 0; i < json_array_get_length (pods); i++)
    {
      JsonObject *pod = json_array_get_object_element (pods, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (
                       pod, "name", ""), "llama finetune") == 0)
        named++;
    }
  g_assert_cmpuint (named, ==, 1);
}

static void
test_remembered (Fixture       *f,
                 gconstpointer  data)
{
  const char * const *cuda;
  GantryGpuType *selected;

  walk_to_review_on_demand (f);
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (f->dialog == NULL);

  open_dialog (f);
  cuda = gantry_gpu_picker_get_cuda_versions (f->dialog->picker);
  g_assert_cmpint (gantry_gpu_picker_get_cloud (f->dialog->picker), ==,
                   GANTRY_CLOUD_SECURE);
  g_assert_cmpint (gantry_gpu_picker_get_gpu_count (f->dialog->picker), ==,
                   2);
  g_assert_nonnull (cuda);
  g_assert_cmpstr (cuda[0], ==, "12.8");
  WAIT_FOR (gantry_gpu_picker_get_selected (f->dialog->picker) != NULL);
  selected = gantry_gpu_picker_get_selected (f->dialog->picker);
  g_assert_cmpstr (gantry_gpu_type_get_id (selected), ==, RTX_4090);

  g_assert_cmpstr (text_of (f->dialog->name_row), ==, "");
  g_assert_cmpstr (text_of (f->dialog->image_row), ==, DEFAULT_IMAGE);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->dialog->disk_spin),
                   ==, 50);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->dialog->volume_spin),
                   ==, 100);
  g_assert_cmpstr (text_of (port_row (f, 1)), ==, "22");
  g_assert_null (gtk_list_box_get_row_at_index (f->dialog->env_list, 0));
}

/* Closed by accident before Create: the next dialog starts where this one
 * was, the variables' names back but none of their values, which are
 * never written anywhere. */
static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  const char *cuda[] = { "12.8", NULL };
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (GVariant) stored = NULL;
  g_autofree char *printed = NULL;
  GtkListBoxRow *row;
  GtkWidget *value;

  choose_gpu (f, GANTRY_CLOUD_SECURE, 2, cuda);
  click (GTK_WIDGET (f->dialog->next_button));
  fill_pod_step (f);
  gtk_window_close (GTK_WINDOW (f->dialog));
  WAIT_FOR (f->dialog == NULL);

  stored = g_settings_get_value (settings, "create-draft-env-names");
  printed = g_variant_print (stored, FALSE);
  g_assert_null (strstr (printed, "hf_abc"));

  open_dialog (f);
  WAIT_FOR (gantry_gpu_picker_get_selected (f->dialog->picker) != NULL);
  g_assert_cmpstr (gantry_gpu_type_get_id (
                     gantry_gpu_picker_get_selected (f->dialog->picker)),
                   ==, RTX_4090);
  g_assert_cmpstr (text_of (f->dialog->name_row), ==, "llama finetune");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (f->dialog->disk_spin),
                   ==, 50);
  g_assert_cmpstr (text_of (env_key_entry (f, 0)), ==, "HF_TOKEN");
  g_assert_cmpstr (text_of (env_key_entry (f, 1)), ==, "PROMPT");
  g_assert_cmpstr (env_value (f, 0), ==, "");
  g_assert_cmpstr (env_value (f, 1), ==, "");

  /* The values are asked for again, not sent empty. */
  click (GTK_WIDGET (f->dialog->next_button));
  g_assert_cmpstr (step (f), ==, "pod");
  g_assert_false (next_allowed (f));
  g_assert_cmpstr (reason (f), ==,
                   "Type the value of HF_TOKEN again: a draft keeps no "
                   "values.");
  row = gtk_list_box_get_row_at_index (f->dialog->env_list, 0);
  value = g_object_get_data (G_OBJECT (row), "value");
  g_assert_true (gtk_widget_has_css_class (value, "error"));
  gtk_editable_set_text (GTK_EDITABLE (value), "typed again");
  g_assert_false (gtk_widget_has_css_class (value, "error"));
  g_assert_cmpstr (reason (f), ==,
                   "Type the value of PROMPT again: a draft keeps no "
                   "values.");

  /* Typed and deleted, a value is empty on purpose; the review says it
   * is empty, where dots would hide that. */
  row = gtk_list_box_get_row_at_index (f->dialog->env_list, 1);
  value = g_object_get_data (G_OBJECT (row), "value");
  gtk_editable_set_text (GTK_EDITABLE (value), "x");
  gtk_editable_set_text (GTK_EDITABLE (value), "");
  g_assert_true (next_allowed (f));
  click (GTK_WIDGET (f->dialog->next_button));
  go_to_review (f);
  g_assert_true (shows_anywhere (GTK_WIDGET (f->dialog->review_env_list),
                                 "Empty"));
  g_assert_true (shows_anywhere (GTK_WIDGET (f->dialog->review_env_list),
                                 "••••••••"));

  /* Once created, the next dialog starts with a new name again. */
  click (GTK_WIDGET (f->dialog->create_button));
  WAIT_FOR (f->dialog == NULL);
  open_dialog (f);
  g_assert_cmpstr (text_of (f->dialog->name_row), ==, "");
  g_assert_null (gtk_list_box_get_row_at_index (f->dialog->env_list, 0));
}

/* What AdwApplication loads for the app, so that the pictures match. */
static void
load_style (void)
{
  g_autoptr (GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider,
                                       "/io/github/gantry_app/Gantry/"
                                       "style.css");
  gtk_style_context_add_provider_for_display (
    gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
    GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Closing while RunPod works cannot undo the create: the dialog waits out
 * of sight, then reports as usual. */
static void
test_close_while_creating (Fixture       *f,
                           gconstpointer  data)
{
  control ("{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 1,"
           " \"match\": \"podFindAndDeployOnDemand\"}");
  walk_to_review_on_demand (f);
  click (GTK_WIDGET (f->dialog->create_button));
  g_assert_false (gtk_widget_is_sensitive (
                    GTK_WIDGET (f->dialog->create_button)));
  gtk_window_close (GTK_WINDOW (f->dialog));
  g_assert_nonnull (f->dialog);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));

  WAIT_FOR (f->created != NULL);
  WAIT_FOR (f->dialog == NULL);
  g_assert_cmpstr (f->message, ==, "“llama finetune” is starting");
}

/* ... and when RunPod said no, it comes back with everything typed. */
static void
test_close_then_failure (Fixture       *f,
                         gconstpointer  data)
{
  controlf ("{\"op\": \"fault\", \"kind\": \"graphql_error\","
            " \"match\": \"podFindAndDeployOnDemand\", \"message\": \"%s\"}",
            NO_CAPACITY);
  walk_to_review_on_demand (f);
  click (GTK_WIDGET (f->dialog->create_button));
  gtk_window_close (GTK_WINDOW (f->dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));

  WAIT_FOR (failure_shown (f));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  g_assert_null (f->created);
  assert_inputs_kept (f);

  /* Now idle, closing closes. */
  gtk_window_close (GTK_WINDOW (f->dialog));
  WAIT_FOR (f->dialog == NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GantryTestSim) owned_sim = NULL;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  load_style ();
  owned_sim = sim = gantry_test_sim_start (NULL);

#define ADD(path, func) \
  g_test_add ("/gantry/create-dialog/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("on-demand", test_on_demand);
  ADD ("spot", test_spot);
  ADD ("validation", test_validation);
  ADD ("capacity", test_capacity);
  ADD ("bid-too-low", test_bid_too_low);
  ADD ("spot-refused", test_spot_refused);
  ADD ("server-error-then-pod", test_server_error_then_pod);
  ADD ("server-error-no-pod", test_server_error_no_pod);
  ADD ("error-that-took-effect", test_error_that_took_effect);
  ADD ("remembered", test_remembered);
  ADD ("close-while-creating", test_close_while_creating);
  ADD ("close-then-failure", test_close_then_failure);
  ADD ("draft", test_draft);
#undef ADD

  return g_test_run ();
}
