/* test-pod.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "model/gantry-pod.h"

/* The pods of tests/data/pods.json, a `myself.pods` answer with the nulls
 * and quirks runpod-api.md warns about. */
static JsonNode *fixture;

static JsonObject *
fixture_pod_object (const char *id)
{
  JsonObject *myself = json_object_get_object_member (
    json_object_get_object_member (json_node_get_object (fixture), "data"),
    "myself");
  JsonArray *pods = json_object_get_array_member (myself, "pods");

  for (guint i = 0; i < json_array_get_length (pods); i++)
    {
      JsonObject *pod = json_array_get_object_element (pods, i);

      if (g_strcmp0 (json_object_get_string_member (pod, "id"), id) == 0)
        return pod;
    }

  g_assert_not_reached ();
}

static GantryPod *
fixture_pod (const char *id)
{
  g_autoptr (GError) error = NULL;
  GantryPod *pod;

  pod = gantry_pod_new_from_json (fixture_pod_object (id), &error);
  g_assert_no_error (error);
  g_assert_nonnull (pod);

  return pod;
}

static GantryPod *
pod_from_text (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GantryPod *pod;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  pod = gantry_pod_new_from_json (
    json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);

  return pod;
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Records the names of the properties a pod notifies. */
static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GPtrArray  *names)
{
  g_ptr_array_add (names, g_strdup (pspec->name));
}

static GPtrArray *
watch (GantryPod *pod)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (pod, "notify", G_CALLBACK (on_notify), names);
  return names;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names, sorted, comma-separated (readable in a failure); empties
 * @names for the next step. */
static char *
join_names (GPtrArray *names)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  char *joined;

  /* Borrowed: the copy must not free them too. */
  g_ptr_array_extend (sorted, names, NULL, NULL);
  g_ptr_array_sort (sorted, compare_names);
  g_ptr_array_add (sorted, NULL);
  joined = g_strjoinv (",", (char **) sorted->pdata);
  g_ptr_array_set_size (names, 0);

  return joined;
}

#define assert_notified(names, expected) \
  G_STMT_START { \
    g_autofree char *_got = join_names (names); \
    g_assert_cmpstr (_got, ==, expected); \
  } G_STMT_END

static void
test_parse_running (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  const char * const *env = gantry_pod_get_env (pod);
  GPtrArray *ports = gantry_pod_get_runtime_ports (pod);
  GPtrArray *gpus = gantry_pod_get_runtime_gpus (pod);
  const GantryPodPort *ssh;
  const GantryPodGpu *gpu;

  g_assert_cmpstr (gantry_pod_get_id (pod), ==, "running01abcde");
  g_assert_cmpstr (gantry_pod_get_display_name (pod), ==, "llama-finetune");
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_RUNNING);
  g_assert_false (gantry_pod_is_spot (pod));
  g_assert_cmpstr (gantry_pod_get_gpu_display_name (pod), ==, "RTX 4090");
  g_assert_cmpstr (gantry_pod_get_gpu_type_id (pod), ==,
                   "NVIDIA GeForce RTX 4090");
  g_assert_cmpstr (gantry_pod_get_location (pod), ==, "RO");
  g_assert_cmpint (gantry_pod_get_gpu_count (pod), ==, 1);
  g_assert_cmpfloat (gantry_pod_get_vcpu_count (pod), ==, 16);
  g_assert_cmpfloat (gantry_pod_get_memory_in_gb (pod), ==, 62);
  g_assert_cmpint (gantry_pod_get_container_disk_in_gb (pod), ==, 50);
  g_assert_cmpfloat (gantry_pod_get_volume_in_gb (pod), ==, 100);
  g_assert_cmpstr (gantry_pod_get_volume_mount_path (pod), ==, "/workspace");
  g_assert_cmpstr (gantry_pod_get_ports (pod), ==,
                   "8888/http,22/tcp,7860/http");

  /* costPerHr came as the string "0.74". */
  g_assert_cmpfloat_with_epsilon (gantry_pod_get_cost_per_hr (pod), 0.74,
                                  1e-9);
  g_assert_cmpfloat (gantry_pod_get_lowest_bid_price_to_resume (pod), ==, 0);

  g_assert_cmpuint (g_strv_length ((char **) env), ==, 3);
  g_assert_cmpstr (env[0], ==, "JUPYTER_PASSWORD=a=b=c");

  /* Top-level uptimeSeconds reads 0; the runtime's uptime is the truth. */
  g_assert_true (gantry_pod_has_runtime (pod));
  g_assert_cmpint (gantry_pod_get_uptime_seconds (pod), ==, 3600);
  g_assert_cmpint (gantry_pod_get_cpu_percent (pod), ==, 12);
  g_assert_cmpint (gantry_pod_get_memory_percent (pod), ==, 34);

  /* The null element of runtime.ports is skipped. */
  g_assert_cmpuint (ports->len, ==, 2);
  ssh = g_ptr_array_index (ports, 1);
  g_assert_cmpstr (ssh->ip, ==, "194.68.245.12");
  g_assert_true (ssh->is_ip_public);
  g_assert_cmpint (ssh->private_port, ==, 22);
  g_assert_cmpint (ssh->public_port, ==, 22108);
  g_assert_cmpstr (ssh->type, ==, "tcp");

  g_assert_cmpuint (gpus->len, ==, 1);
  gpu = g_ptr_array_index (gpus, 0);
  g_assert_cmpstr (gpu->id, ==, "GPU-e0488b7e-6932-795b-a125-4472c16ea72c");
  g_assert_cmpint (gpu->gpu_util_percent, ==, 87);
  g_assert_cmpint (gpu->memory_util_percent, ==, 61);
}

static void
test_parse_running_since (void)
{
  gint64 before = now_unix ();
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  gint64 after = now_unix ();

  /* Up for an hour: running since an hour ago. */
  g_assert_cmpint (gantry_pod_get_status_since (pod), >=, before - 3600);
  g_assert_cmpint (gantry_pod_get_status_since (pod), <=, after - 3600);
}

static void
test_parse_nulls (void)
{
  g_autoptr (GantryPod) starting = fixture_pod ("starting02fghi");
  g_autoptr (GantryPod) nulls = fixture_pod ("nulls07efghijk");

  /* runtime null, machine null, env null, name empty. */
  g_assert_cmpint (gantry_pod_get_status (starting), ==,
                   GANTRY_POD_STATUS_STARTING);
  g_assert_cmpstr (gantry_pod_get_name (starting), ==, "");
  g_assert_cmpstr (gantry_pod_get_display_name (starting), ==,
                   "starting02fghi");
  g_assert_false (gantry_pod_has_runtime (starting));
  g_assert_cmpint (gantry_pod_get_uptime_seconds (starting), ==, -1);
  g_assert_cmpint (gantry_pod_get_cpu_percent (starting), ==, -1);
  g_assert_cmpuint (gantry_pod_get_runtime_ports (starting)->len, ==, 0);
  g_assert_cmpuint (gantry_pod_get_runtime_gpus (starting)->len, ==, 0);
  g_assert_null (gantry_pod_get_gpu_display_name (starting));
  g_assert_null (gantry_pod_get_location (starting));
  g_assert_nonnull (gantry_pod_get_env (starting));
  g_assert_null (gantry_pod_get_env (starting)[0]);
  g_assert_cmpint (gantry_pod_get_status_since (starting), ==, 0);

  /* Everything but the id null. */
  g_assert_cmpstr (gantry_pod_get_display_name (nulls), ==, "nulls07efghijk");
  g_assert_null (gantry_pod_get_desired_status (nulls));
  g_assert_cmpint (gantry_pod_get_status (nulls), ==,
                   GANTRY_POD_STATUS_UNKNOWN);
  g_assert_null (gantry_pod_get_image_name (nulls));
  g_assert_null (gantry_pod_get_ports (nulls));
  g_assert_cmpint (gantry_pod_get_gpu_count (nulls), ==, 0);
  g_assert_cmpfloat (gantry_pod_get_cost_per_hr (nulls), ==, 0);
  g_assert_null (gantry_pod_get_env (nulls)[0]);
}

static void
test_parse_strings_for_numbers (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("weird05wxyzab");
  const char * const *env = gantry_pod_get_env (pod);

  g_assert_cmpint (gantry_pod_get_gpu_count (pod), ==, 2);
  g_assert_cmpfloat (gantry_pod_get_vcpu_count (pod), ==, 12);
  g_assert_cmpfloat (gantry_pod_get_memory_in_gb (pod), ==, 31.5);
  g_assert_cmpint (gantry_pod_get_container_disk_in_gb (pod), ==, 25);
  g_assert_cmpfloat (gantry_pod_get_volume_in_gb (pod), ==, 7.5);
  g_assert_cmpfloat (gantry_pod_get_cost_per_hr (pod), ==, 1.5);
  g_assert_cmpfloat (gantry_pod_get_lowest_bid_price_to_resume (pod), ==, 0);

  /* An unknown desiredStatus is Unknown, not a crash or "Running". */
  g_assert_cmpstr (gantry_pod_get_desired_status (pod), ==, "HIBERNATING");
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_UNKNOWN);

  /* Only the strings of env are kept. */
  g_assert_cmpuint (g_strv_length ((char **) env), ==, 2);
  g_assert_cmpstr (env[0], ==, "NOEQUALS");
  g_assert_cmpstr (env[1], ==, "K=v");

  /* No gpuDisplayName and no gpuTypeId: nothing to show. */
  g_assert_null (gantry_pod_get_gpu_display_name (pod));
  g_assert_cmpstr (gantry_pod_get_location (pod), ==, "US-TX-3");
}

static void
test_parse_stale_runtime (void)
{
  g_autoptr (GantryPod) stopped = fixture_pod ("stopped03jklmn");
  g_autofree char *ssh = gantry_pod_dup_ssh_command (stopped);
  g_auto (GStrv) urls = gantry_pod_dup_proxy_urls (stopped);

  /* The stopped pod still carries an old runtime with a public 22/tcp. */
  g_assert_cmpint (gantry_pod_get_status (stopped), ==,
                   GANTRY_POD_STATUS_STOPPED);
  g_assert_false (gantry_pod_has_runtime (stopped));
  g_assert_cmpint (gantry_pod_get_uptime_seconds (stopped), ==, -1);
  g_assert_cmpuint (gantry_pod_get_runtime_ports (stopped)->len, ==, 0);
  g_assert_cmpint (gantry_pod_get_cpu_percent (stopped), ==, -1);
  g_assert_null (ssh);
  g_assert_cmpuint (g_strv_length (urls), ==, 0);
}

static void
test_parse_spot (void)
{
  g_autoptr (GantryPod) spot = fixture_pod ("spot04opqrstuv");

  g_assert_true (gantry_pod_is_spot (spot));
  g_assert_cmpint (gantry_pod_get_status (spot), ==,
                   GANTRY_POD_STATUS_INTERRUPTED);
  g_assert_cmpfloat (gantry_pod_get_lowest_bid_price_to_resume (spot), ==,
                     0.2);
  g_assert_cmpfloat (gantry_pod_get_vcpu_count (spot), ==, 24.5);

  /* costPerHr 0 stays 0: the UI shows "unknown", not free. */
  g_assert_cmpfloat (gantry_pod_get_cost_per_hr (spot), ==, 0);

  /* gpuDisplayName null: the GPU type id stands in. */
  g_assert_cmpstr (gantry_pod_get_gpu_display_name (spot), ==, "NVIDIA A40");
}

static void
test_parse_no_id (void)
{
  const char *bodies[] = {
    "{ \"name\": \"x\", \"desiredStatus\": \"RUNNING\" }",
    "{ \"id\": null }",
    "{ \"id\": \"\" }",
    "{ \"id\": 12345 }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (GantryPod) pod = NULL;

      json_parser_load_from_data (parser, bodies[i], -1, &error);
      g_assert_no_error (error);
      pod = gantry_pod_new_from_json (
        json_node_get_object (json_parser_get_root (parser)), &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_null (pod);
    }
}

static void
test_status_table (void)
{
  static const struct {
    const char      *desired;
    gboolean         runtime;
    const char      *pod_type;
    gboolean         stop_requested;
    GantryPodStatus  expected;
  } rows[] = {
    { "RUNNING", FALSE, "RESERVED", FALSE, GANTRY_POD_STATUS_STARTING },
    { "RUNNING", FALSE, "INTERRUPTABLE", FALSE, GANTRY_POD_STATUS_STARTING },
    { "RUNNING", TRUE, "RESERVED", FALSE, GANTRY_POD_STATUS_RUNNING },
    { "RUNNING", TRUE, "BID", TRUE, GANTRY_POD_STATUS_RUNNING },
    { "EXITED", FALSE, "INTERRUPTABLE", FALSE,
      GANTRY_POD_STATUS_INTERRUPTED },
    { "EXITED", TRUE, "BID", FALSE, GANTRY_POD_STATUS_INTERRUPTED },
    { "EXITED", FALSE, "INTERRUPTABLE", TRUE, GANTRY_POD_STATUS_STOPPED },
    { "EXITED", FALSE, "BID", TRUE, GANTRY_POD_STATUS_STOPPED },
    { "EXITED", TRUE, "RESERVED", FALSE, GANTRY_POD_STATUS_STOPPED },
    { "EXITED", FALSE, NULL, FALSE, GANTRY_POD_STATUS_STOPPED },
    { "EXITED", FALSE, "BACKGROUND", FALSE, GANTRY_POD_STATUS_STOPPED },
    { "TERMINATED", FALSE, "RESERVED", FALSE, GANTRY_POD_STATUS_TERMINATED },
    { "TERMINATED", TRUE, "BID", FALSE, GANTRY_POD_STATUS_TERMINATED },
    { "CREATED", FALSE, "RESERVED", FALSE, GANTRY_POD_STATUS_CREATED },
    { "RESTARTING", TRUE, "RESERVED", FALSE, GANTRY_POD_STATUS_RESTARTING },
    { "PAUSED", FALSE, "RESERVED", FALSE, GANTRY_POD_STATUS_PAUSED },
    { "DEAD", FALSE, "RESERVED", FALSE, GANTRY_POD_STATUS_DEAD },
    { "HIBERNATING", TRUE, "RESERVED", FALSE, GANTRY_POD_STATUS_UNKNOWN },
    { "running", TRUE, "RESERVED", FALSE, GANTRY_POD_STATUS_UNKNOWN },
    { NULL, TRUE, "RESERVED", FALSE, GANTRY_POD_STATUS_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *desired = rows[i].desired != NULL
        ? g_strdup_printf ("\"%s\"", rows[i].desired) : g_strdup ("null");
      g_autofree char *pod_type = rows[i].pod_type != NULL
        ? g_strdup_printf ("\"%s\"", rows[i].pod_type) : g_strdup ("null");
      g_autofree char *text = g_strdup_printf (
        "{ \"id\": \"row%u\", \"desiredStatus\": %s, \"podType\": %s,"
        "  \"runtime\": %s }", i, desired, pod_type,
        rows[i].runtime ? "{ \"uptimeInSeconds\": 5 }" : "null");
      g_autoptr (GantryPod) pod = pod_from_text (text);

      gantry_pod_set_stop_requested (pod, rows[i].stop_requested);
      g_test_message ("row %u: %s", i, text);
      g_assert_cmpint (gantry_pod_get_status (pod), ==, rows[i].expected);
    }
}

static void
test_status_words (void)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GEnumClass *klass = g_type_class_ref (GANTRY_TYPE_POD_STATUS);

  g_assert_cmpstr (gantry_pod_status_to_string (GANTRY_POD_STATUS_RUNNING),
                   ==, "Running");
  g_assert_cmpstr (gantry_pod_status_to_string (GANTRY_POD_STATUS_STARTING),
                   ==, "Starting");
  g_assert_cmpstr (gantry_pod_status_to_string
                     (GANTRY_POD_STATUS_INTERRUPTED), ==, "Interrupted");

  /* Every status has its own word, and a registered enum value. */
  for (guint i = 0; i <= GANTRY_POD_STATUS_UNKNOWN; i++)
    {
      const char *word = gantry_pod_status_to_string (i);

      g_assert_nonnull (g_enum_get_value (klass, i));
      g_assert_false (g_hash_table_contains (seen, word));
      g_hash_table_add (seen, (gpointer) word);
    }
  g_assert_cmpuint (klass->n_values, ==, GANTRY_POD_STATUS_UNKNOWN + 1);

  g_type_class_unref (klass);
}

static void
test_split_env (void)
{
  static const struct {
    const char *entry;
    gboolean    ok;
    const char *key;
    const char *value;
  } rows[] = {
    { "a=b=c", TRUE, "a", "b=c" },
    { "KEY=value", TRUE, "KEY", "value" },
    { "EMPTY=", TRUE, "EMPTY", "" },
    { "NOEQUALS", TRUE, "NOEQUALS", "" },
    { "TOKEN==x", TRUE, "TOKEN", "=x" },
    { "=value", FALSE, NULL, NULL },
    { "", FALSE, NULL, NULL },
    { NULL, FALSE, NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      gboolean ok = gantry_pod_split_env (rows[i].entry, &key, &value);

      g_assert_cmpint (ok, ==, rows[i].ok);
      g_assert_cmpstr (key, ==, rows[i].key);
      g_assert_cmpstr (value, ==, rows[i].value);
    }

  g_assert_true (gantry_pod_split_env ("a=b", NULL, NULL));
}

#define RUNNING_POD(ports, runtime_ports) \
  "{ \"id\": \"abc123\", \"desiredStatus\": \"RUNNING\", \"ports\": " ports \
  ", \"runtime\": { \"uptimeInSeconds\": 10, \"ports\": " runtime_ports \
  " } }"

static void
test_ssh (void)
{
  static const struct {
    const char *json;
    const char *command;
    const char *reason;
  } rows[] = {
    { RUNNING_POD ("\"22/tcp\"",
                   "[{ \"ip\": \"10.0.0.2\", \"isIpPublic\": false,"
                   "   \"privatePort\": 22, \"publicPort\": 22,"
                   "   \"type\": \"tcp\" },"
                   " { \"ip\": \"203.0.113.7\", \"isIpPublic\": true,"
                   "   \"privatePort\": 22, \"publicPort\": 40022,"
                   "   \"type\": \"tcp\" }]"),
      "ssh root@203.0.113.7 -p 40022", NULL },
    { RUNNING_POD ("\"8888/http\"", "[]"),
      NULL, "Port 22 is not exposed over TCP" },
    { RUNNING_POD ("\"22/tcp\"", "[]"), NULL, "Port 22 is not mapped yet" },
    { RUNNING_POD ("\"22/tcp\"",
                   "[{ \"ip\": \"10.0.0.2\", \"isIpPublic\": false,"
                   "   \"privatePort\": 22, \"publicPort\": 22,"
                   "   \"type\": \"tcp\" }]"),
      NULL, "Port 22 has no public IP" },
    /* 22 over http is no SSH. */
    { RUNNING_POD ("\"22/http\"",
                   "[{ \"ip\": \"203.0.113.7\", \"isIpPublic\": true,"
                   "   \"privatePort\": 22, \"publicPort\": 40022,"
                   "   \"type\": \"http\" }]"),
      NULL, "Port 22 is not exposed over TCP" },
    /* The command is pasted into a shell: no address, no command. */
    { RUNNING_POD ("\"22/tcp\"",
                   "[{ \"ip\": \"1.2.3.4; rm -rf ~\", \"isIpPublic\": true,"
                   "   \"privatePort\": 22, \"publicPort\": 40022,"
                   "   \"type\": \"tcp\" }]"),
      NULL, "Port 22 has no public IP" },
    { "{ \"id\": \"abc123\", \"desiredStatus\": \"RUNNING\","
      "  \"ports\": \"22/tcp\", \"runtime\": null }",
      NULL, "The pod is still starting" },
    { "{ \"id\": \"abc123\", \"desiredStatus\": \"EXITED\","
      "  \"ports\": \"22/tcp\", \"runtime\": null }",
      NULL, "The pod is not running" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr (GantryPod) pod = pod_from_text (rows[i].json);
      g_autofree char *command = gantry_pod_dup_ssh_command (pod);

      g_test_message ("row %u: %s", i, rows[i].json);
      g_assert_cmpstr (command, ==, rows[i].command);
      g_assert_cmpstr (gantry_pod_describe_ssh_unavailable (pod), ==,
                       rows[i].reason);
    }
}

static void
test_ssh_fixture (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  g_autofree char *command = gantry_pod_dup_ssh_command (pod);

  g_assert_cmpstr (command, ==, "ssh root@194.68.245.12 -p 22108");
  g_assert_null (gantry_pod_describe_ssh_unavailable (pod));
}

static void
test_proxy_urls (void)
{
  g_autoptr (GantryPod) running = fixture_pod ("running01abcde");
  g_autoptr (GantryPod) starting = fixture_pod ("starting02fghi");
  g_autoptr (GantryPod) spaced = pod_from_text (
    RUNNING_POD ("\" 8888/http , 22/tcp,abc/http,0/http,70000/http,\"",
                 "[]"));
  g_autoptr (GantryPod) tcp_only = pod_from_text (
    RUNNING_POD ("\"22/tcp\"", "[]"));
  g_auto (GStrv) urls = gantry_pod_dup_proxy_urls (running);
  g_auto (GStrv) none = gantry_pod_dup_proxy_urls (starting);
  g_auto (GStrv) one = gantry_pod_dup_proxy_urls (spaced);
  g_auto (GStrv) no_http = gantry_pod_dup_proxy_urls (tcp_only);

  g_assert_cmpuint (g_strv_length (urls), ==, 2);
  g_assert_cmpstr (urls[0], ==, "https://running01abcde-8888.proxy.runpod.net");
  g_assert_cmpstr (urls[1], ==, "https://running01abcde-7860.proxy.runpod.net");
  g_assert_null (gantry_pod_describe_proxy_unavailable (running));

  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_cmpstr (gantry_pod_describe_proxy_unavailable (starting), ==,
                   "The pod is still starting");

  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_cmpstr (one[0], ==, "https://abc123-8888.proxy.runpod.net");

  g_assert_cmpuint (g_strv_length (no_http), ==, 0);
  g_assert_cmpstr (gantry_pod_describe_proxy_unavailable (tcp_only), ==,
                   "No HTTP port is exposed");
}

static void
test_properties (void)
{
  static const char expected[] =
    "container-disk-in-gb,cost-per-hr,cpu-percent,desired-status,"
    "display-name,env,gpu-count,gpu-display-name,gpu-type-id,has-runtime,"
    "id,image-name,location,lowest-bid-price-to-resume,memory-in-gb,"
    "memory-percent,name,pod-type,ports,runtime-gpus,runtime-ports,status,"
    "status-since,stop-requested,uptime-seconds,vcpu-count,volume-in-gb,"
    "volume-mount-path";
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree GParamSpec **pspecs = NULL;
  g_autofree char *joined = NULL;
  g_auto (GValue) value = G_VALUE_INIT;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (pod),
                                           &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_assert_true (pspecs[i]->flags & G_PARAM_READABLE);
      g_assert_false (pspecs[i]->flags & G_PARAM_WRITABLE);
      g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_ptr_array_add (names, g_strdup (pspecs[i]->name));
    }
  joined = join_names (names);
  g_assert_cmpstr (joined, ==, expected);

  g_object_get_property (G_OBJECT (pod), "display-name", &value);
  g_assert_cmpstr (g_value_get_string (&value), ==, "llama-finetune");
  g_value_unset (&value);
  g_object_get_property (G_OBJECT (pod), "status", &value);
  g_assert_cmpint (g_value_get_enum (&value), ==, GANTRY_POD_STATUS_RUNNING);
  g_value_unset (&value);
  g_object_get_property (G_OBJECT (pod), "runtime-ports", &value);
  g_assert_true (g_value_get_boxed (&value)
                 == gantry_pod_get_runtime_ports (pod));
}

static void
test_update_identical (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  g_autoptr (GantryPod) again = fixture_pod ("running01abcde");
  g_autoptr (GPtrArray) names = watch (pod);

  g_assert_false (gantry_pod_update_from (pod, again));
  assert_notified (names, "");
}

static void
test_update_name (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("starting02fghi");
  g_autoptr (GantryPod) named = pod_from_text (
    "{ \"id\": \"starting02fghi\", \"name\": \"named\","
    "  \"desiredStatus\": \"RUNNING\", \"podType\": \"RESERVED\","
    "  \"imageName\": \"vllm/vllm-openai:latest\", \"costPerHr\": 2.49,"
    "  \"gpuCount\": 2, \"vcpuCount\": 32, \"memoryInGb\": 251,"
    "  \"containerDiskInGb\": 20, \"volumeInGb\": 0,"
    "  \"ports\": \"8000/http\" }");
  g_autoptr (GPtrArray) names = watch (pod);

  g_assert_true (gantry_pod_update_from (pod, named));
  assert_notified (names, "display-name,name");
  g_assert_cmpstr (gantry_pod_get_display_name (pod), ==, "named");
  g_assert_false (gantry_pod_update_from (pod, named));
  assert_notified (names, "");
}

static void
test_update_uptime (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  JsonObject *object = fixture_pod_object ("running01abcde");
  JsonObject *runtime = json_object_get_object_member (object, "runtime");
  g_autoptr (GPtrArray) names = watch (pod);
  g_autoptr (GantryPod) later = NULL;
  gint64 since = gantry_pod_get_status_since (pod);

  json_object_set_int_member (runtime, "uptimeInSeconds", 3610);
  later = fixture_pod ("running01abcde");
  json_object_set_int_member (runtime, "uptimeInSeconds", 3600);

  /* Uptime is data, but the pod has been running since the same time. */
  g_assert_true (gantry_pod_update_from (pod, later));
  assert_notified (names, "uptime-seconds");
  g_assert_cmpint (gantry_pod_get_uptime_seconds (pod), ==, 3610);
  g_assert_cmpint (gantry_pod_get_status_since (pod), ==, since);
}

static void
test_update_comes_up (void)
{
  g_autoptr (GantryPod) pod = pod_from_text (
    RUNNING_POD ("\"22/tcp\"", "[]"));
  g_autoptr (GantryPod) starting = pod_from_text (
    "{ \"id\": \"abc123\", \"desiredStatus\": \"RUNNING\","
    "  \"ports\": \"22/tcp\", \"runtime\": null }");
  g_autoptr (GantryPod) running = pod_from_text (
    RUNNING_POD ("\"22/tcp\"",
                 "[{ \"ip\": \"203.0.113.7\", \"isIpPublic\": true,"
                 "   \"privatePort\": 22, \"publicPort\": 40022,"
                 "   \"type\": \"tcp\" }]"));
  g_autoptr (GPtrArray) names = watch (pod);
  gint64 before = now_unix ();
  gint64 after;

  /* Running → Starting (a restart): since now. */
  g_assert_true (gantry_pod_update_from (pod, starting));
  after = now_unix ();
  assert_notified (names, "has-runtime,status,status-since,uptime-seconds");
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_STARTING);
  g_assert_cmpint (gantry_pod_get_status_since (pod), >=, before);
  g_assert_cmpint (gantry_pod_get_status_since (pod), <=, after);

  /* Starting → Running with a route: since it came up, by its uptime. */
  g_assert_true (gantry_pod_update_from (pod, running));
  assert_notified (names, "has-runtime,runtime-ports,status,status-since,"
                   "uptime-seconds");
  g_assert_cmpint (gantry_pod_get_status_since (pod), ==,
                   gantry_pod_get_status_since (running));
  g_assert_true (gantry_pod_get_runtime_ports (pod)
                 == gantry_pod_get_runtime_ports (running));
}

static void
test_update_stops (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  JsonObject *object = fixture_pod_object ("running01abcde");
  g_autoptr (GPtrArray) names = watch (pod);
  g_autoptr (GantryPod) stopped = NULL;
  g_autofree char *ssh = NULL;

  /* Stopped: desiredStatus EXITED, and the old runtime lingers. */
  json_object_set_string_member (object, "desiredStatus", "EXITED");
  stopped = fixture_pod ("running01abcde");
  json_object_set_string_member (object, "desiredStatus", "RUNNING");

  g_assert_true (gantry_pod_update_from (pod, stopped));
  assert_notified (names, "cpu-percent,desired-status,has-runtime,"
                   "memory-percent,runtime-gpus,runtime-ports,status,"
                   "status-since,uptime-seconds");
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_STOPPED);
  g_assert_cmpuint (gantry_pod_get_runtime_ports (pod)->len, ==, 0);
  ssh = gantry_pod_dup_ssh_command (pod);
  g_assert_null (ssh);
}

static void
test_update_keeps_local_marks (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("spot04opqrstuv");
  g_autoptr (GantryPod) again = fixture_pod ("spot04opqrstuv");
  g_autoptr (GPtrArray) names = watch (pod);

  /* Stopped from here: Stopped, not Interrupted. */
  gantry_pod_set_stop_requested (pod, TRUE);
  assert_notified (names, "status,status-since,stop-requested");
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_STOPPED);
  gantry_pod_set_status_since (pod, 1234);
  assert_notified (names, "status-since");

  /* A refresh knows neither mark; both stay. */
  g_assert_false (gantry_pod_update_from (pod, again));
  assert_notified (names, "");
  g_assert_true (gantry_pod_get_stop_requested (pod));
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_STOPPED);
  g_assert_cmpint (gantry_pod_get_status_since (pod), ==, 1234);

  gantry_pod_set_stop_requested (pod, TRUE);
  assert_notified (names, "");
}

static void
test_update_resume_ends_stop (void)
{
  JsonObject *object = fixture_pod_object ("spot04opqrstuv");
  g_autoptr (GantryPod) pod = fixture_pod ("spot04opqrstuv");
  g_autoptr (GantryPod) exited = fixture_pod ("spot04opqrstuv");
  g_autoptr (GantryPod) resumed = NULL;
  g_autoptr (GPtrArray) names = NULL;

  json_object_set_string_member (object, "desiredStatus", "RUNNING");
  resumed = fixture_pod ("spot04opqrstuv");
  json_object_set_string_member (object, "desiredStatus", "EXITED");

  /* Stopped from here, then resumed: the stop is over... */
  gantry_pod_set_stop_requested (pod, TRUE);
  gantry_pod_set_status_since (pod, 1234);
  names = watch (pod);
  g_assert_true (gantry_pod_update_from (pod, resumed));
  assert_notified (names, "desired-status,status,status-since,"
                   "stop-requested");
  g_assert_false (gantry_pod_get_stop_requested (pod));
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_STARTING);

  /* ... so that the next exit, not asked for, is an interruption. */
  g_assert_true (gantry_pod_update_from (pod, exited));
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_INTERRUPTED);
}

static void
test_update_restart (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  JsonObject *object = fixture_pod_object ("running01abcde");
  JsonObject *runtime = json_object_get_object_member (object, "runtime");
  g_autoptr (GantryPod) restarted = NULL;
  g_autoptr (GPtrArray) names = watch (pod);

  json_object_set_int_member (runtime, "uptimeInSeconds", 5);
  restarted = fixture_pod ("running01abcde");
  json_object_set_int_member (runtime, "uptimeInSeconds", 3600);

  /* Up for 5 s after an hour: the container came up again just now. */
  g_assert_true (gantry_pod_update_from (pod, restarted));
  assert_notified (names, "status-since,uptime-seconds");
  g_assert_cmpint (gantry_pod_get_status_since (pod), ==,
                   gantry_pod_get_status_since (restarted));
}

static void
test_update_env (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  JsonObject *object = fixture_pod_object ("running01abcde");
  g_autoptr (JsonArray) env = json_array_new ();
  g_autoptr (GPtrArray) names = watch (pod);
  g_autoptr (GantryPod) changed = NULL;
  JsonNode *saved;

  json_array_add_string_element (env, "ONLY=one");
  saved = json_node_copy (json_object_get_member (object, "env"));
  json_object_set_array_member (object, "env", json_array_ref (env));
  changed = fixture_pod ("running01abcde");
  json_object_set_member (object, "env", saved);

  g_assert_true (gantry_pod_update_from (pod, changed));
  assert_notified (names, "env");
  g_assert_cmpstr (gantry_pod_get_env (pod)[0], ==, "ONLY=one");
  g_assert_null (gantry_pod_get_env (pod)[1]);
}

static void
test_mark_terminated (void)
{
  g_autoptr (GantryPod) pod = fixture_pod ("running01abcde");
  g_autoptr (GPtrArray) names = watch (pod);

  gantry_pod_mark_terminated (pod);
  assert_notified (names, "desired-status,status,status-since");
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_TERMINATED);
  g_assert_cmpstr (gantry_pod_describe_ssh_unavailable (pod), ==,
                   "The pod is not running");

  gantry_pod_mark_terminated (pod);
  assert_notified (names, "");
}

static void
load_fixture (void)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  path = g_test_build_filename (G_TEST_DIST, "data", "pods.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  fixture = json_node_copy (json_parser_get_root (parser));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  load_fixture ();

  g_test_add_func ("/gantry/pod/parse-running", test_parse_running);
  g_test_add_func ("/gantry/pod/parse-running-since",
                   test_parse_running_since);
  g_test_add_func ("/gantry/pod/parse-nulls", test_parse_nulls);
  g_test_add_func ("/gantry/pod/parse-strings-for-numbers",
                   test_parse_strings_for_numbers);
  g_test_add_func ("/gantry/pod/parse-stale-runtime",
                   test_parse_stale_runtime);
  g_test_add_func ("/gantry/pod/parse-spot", test_parse_spot);
  g_test_add_func ("/gantry/pod/parse-no-id", test_parse_no_id);
  g_test_add_func ("/gantry/pod/status-table", test_status_table);
  g_test_add_func ("/gantry/pod/status-words", test_status_words);
  g_test_add_func ("/gantry/pod/split-env", test_split_env);
  g_test_add_func ("/gantry/pod/ssh", test_ssh);
  g_test_add_func ("/gantry/pod/ssh-fixture", test_ssh_fixture);
  g_test_add_func ("/gantry/pod/proxy-urls", test_proxy_urls);
  g_test_add_func ("/gantry/pod/properties", test_properties);
  g_test_add_func ("/gantry/pod/update-identical", test_update_identical);
  g_test_add_func ("/gantry/pod/update-name", test_update_name);
  g_test_add_func ("/gantry/pod/update-uptime", test_update_uptime);
  g_test_add_func ("/gantry/pod/update-comes-up", test_update_comes_up);
  g_test_add_func ("/gantry/pod/update-stops", test_update_stops);
  g_test_add_func ("/gantry/pod/update-keeps-local-marks",
                   test_update_keeps_local_marks);
  g_test_add_func ("/gantry/pod/update-resume-ends-stop",
                   test_update_resume_ends_stop);
  g_test_add_func ("/gantry/pod/update-restart", test_update_restart);
  g_test_add_func ("/gantry/pod/update-env", test_update_env);
  g_test_add_func ("/gantry/pod/mark-terminated", test_mark_terminated);

  status = g_test_run ();
  json_node_unref (fixture);

  return status;
}
