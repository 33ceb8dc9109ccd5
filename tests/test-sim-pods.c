/* test-sim-pods.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The simulator keeps state as RunPod does: pods start, boot, stop,
 * resume and go; creating one checks stock and bids; the catalogue
 * answers by cloud, CUDA version and GPU count. */

#include <libsoup/soup.h>
#include <string.h>

#include "gantry-test-sim.h"

#define NO_CAPACITY "There are no longer any instances available"
#define RUNNING_POD "k3q9x2m7p1v8za"   /* 1x RTX 4090, on demand, up */
#define STOPPED_POD "d4t4pr3pa5000x"   /* EXITED, no runtime */
#define STALE_POD "c0mfy4090stop1"     /* EXITED with a stale runtime */
#define STARTING_POD "w5t8r2bootingx"  /* RUNNING, runtime null */
#define SPOT_POD "sp0t3090intrpt"      /* EXITED spot pod, 2 GPUs */
#define DEADLINE_S 30

#define POD_FIELDS \
  "id name desiredStatus podType costPerHr gpuCount env " \
  "lowestBidPriceToResume runtime { uptimeInSeconds ports { ip " \
  "isIpPublic privatePort publicPort type } }"

static GantryTestSim *sim;

/* Helpers */

static JsonNode *
at (JsonNode   *node,
    const char *path)
{
  return gantry_test_json_at (node, path);
}

static const char *
string_at (JsonNode   *node,
           const char *path)
{
  return gantry_test_json_string_at (node, path);
}

static JsonNode *
gql (const char *query,
     const char *variables)
{
  return gantry_test_sim_query (sim, query, variables);
}

static gboolean
is_null_at (JsonNode   *node,
            const char *path)
{
  JsonNode *found = at (node, path);

  return found != NULL && JSON_NODE_HOLDS_NULL (found);
}

static void
control (const char *json)
{
  json_object_unref (gantry_test_sim_control (sim, json));
}

static void
assert_error (JsonNode   *answer,
              const char *field,
              const char *message_part)
{
  g_autofree char *data_path = g_strconcat ("data.", field, NULL);

  g_assert_true (is_null_at (answer, data_path));
  g_assert_nonnull (strstr (string_at (answer, "errors.0.message"),
                            message_part));
}

static void
setup (void)
{
  control ("{\"op\": \"reset\"}");
  control ("{\"op\": \"config\", \"boot_seconds\": 0}");
}

static JsonNode *
pod_mutation (const char *mutation,
              const char *input_type,
              const char *input)
{
  g_autofree char *query = NULL;
  g_autofree char *variables = g_strdup_printf ("{\"input\": %s}", input);

  query = g_strdup_printf ("mutation Do($input: %s!) { %s(input: $input) "
                           "{ " POD_FIELDS " } }", input_type, mutation);
  return gql (query, variables);
}

/* Pods: stop, resume, boot, terminate */

static gboolean
is_pod_id (const char *id)
{
  if (strlen (id) != 14)
    return FALSE;
  for (const char *c = id; *c != '\0'; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c))
      return FALSE;
  return TRUE;
}

#define STOP "podStop", "PodStopInput"
#define RESUME "podResume", "PodResumeInput"
#define BID_RESUME "podBidResume", "PodBidResumeInput"
#define ON_DEMAND "podFindAndDeployOnDemand", "PodFindAndDeployOnDemandInput"
#define SPOT "podRentInterruptable", "PodRentInterruptableInput"

static JsonNode *
list_pods (void)
{
  return gql ("query Pods { myself { currentSpendPerHr pods { "
              POD_FIELDS " } } }", NULL);
}

/* The pod @id in a myself.pods answer, or NULL. */
static JsonNode *
find_pod (JsonNode   *answer,
          const char *id)
{
  JsonArray *pods = json_node_get_array (at (answer, "data.myself.pods"));

  for (guint i = 0; i < json_array_get_length (pods); i++)
    {
      JsonNode *pod = json_array_get_element (pods, i);

      if (g_str_equal (string_at (pod, "id"), id))
        return pod;
    }

  return NULL;
}

static void
test_stop_resume_terminate (void)
{
  g_autoptr (JsonNode) stopped = NULL;
  g_autoptr (JsonNode) resumed = NULL;
  g_autoptr (JsonNode) gone = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autoptr (JsonNode) pod = NULL;
  g_autoptr (JsonObject) booted = NULL;

  setup ();
  stopped = pod_mutation (STOP, "{\"podId\": \"" RUNNING_POD "\"}");
  g_assert_cmpstr (string_at (stopped, "data.podStop.desiredStatus"), ==,
                   "EXITED");

  control ("{\"op\": \"config\", \"boot_seconds\": 600}");
  resumed = pod_mutation (RESUME, "{\"podId\": \"" RUNNING_POD "\", "
                          "\"gpuCount\": 1}");
  g_assert_cmpstr (string_at (resumed, "data.podResume.desiredStatus"), ==,
                   "RUNNING");
  g_assert_true (is_null_at (resumed, "data.podResume.runtime"));

  booted = gantry_test_sim_controlf (sim, "{\"op\": \"boot\", \"id\": \"%s\"}",
                                     RUNNING_POD);
  list = list_pods ();
  g_assert_nonnull (at (find_pod (list, RUNNING_POD), "runtime.ports.0"));

  gone = gql ("mutation Kill($input: PodTerminateInput!) { "
              "podTerminate(input: $input) }",
              "{\"input\": {\"podId\": \"" RUNNING_POD "\"}}");
  g_assert_true (is_null_at (gone, "data.podTerminate"));
  g_assert_null (at (gone, "errors"));

  g_clear_pointer (&list, json_node_unref);
  list = list_pods ();
  g_assert_null (find_pod (list, RUNNING_POD));
  pod = gql ("query Pod($input: PodFilter) { pod(input: $input) { id } }",
             "{\"input\": {\"podId\": \"" RUNNING_POD "\"}}");
  g_assert_true (is_null_at (pod, "data.pod"));
}

/* A started pod gains its runtime after the boot delay; waits for it. */
static void
test_boot_delay (void)
{
  g_autoptr (JsonNode) resumed = NULL;
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  gboolean booted = FALSE;

  setup ();
  control ("{\"op\": \"config\", \"boot_seconds\": 1}");
  resumed = pod_mutation (RESUME, "{\"podId\": \"" STOPPED_POD "\"}");
  g_assert_true (is_null_at (resumed, "data.podResume.runtime"));

  while (!booted && g_get_monotonic_time () < end)
    {
      g_autoptr (JsonNode) list = list_pods ();

      booted = !is_null_at (find_pod (list, STOPPED_POD), "runtime");
      if (!booted)
        g_usleep (100 * 1000);
    }
  g_assert_true (booted);
}

static void
test_uptime_grows (void)
{
  g_autoptr (JsonNode) before = NULL;
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  gint64 first;
  gint64 now;

  setup ();
  before = list_pods ();
  first = json_node_get_int (at (find_pod (before, RUNNING_POD),
                                 "runtime.uptimeInSeconds"));
  do
    {
      g_autoptr (JsonNode) list = list_pods ();

      now = json_node_get_int (at (find_pod (list, RUNNING_POD),
                                   "runtime.uptimeInSeconds"));
      if (now == first)
        g_usleep (200 * 1000);
    }
  while (now == first && g_get_monotonic_time () < end);

  g_assert_cmpint (first, >, 1000);
  g_assert_cmpint (now, >, first);
}

static void
test_spot (void)
{
  g_autoptr (JsonNode) plain = NULL;
  g_autoptr (JsonNode) low = NULL;
  g_autoptr (JsonNode) bid = NULL;
  g_autoptr (JsonObject) pod = NULL;

  setup ();
  plain = pod_mutation (RESUME, "{\"podId\": \"" SPOT_POD "\"}");
  assert_error (plain, "podResume",
                "Cannot resume a spot pod as an on demand pod.");

  low = pod_mutation (BID_RESUME, "{\"podId\": \"" SPOT_POD "\", "
                      "\"bidPerGpu\": 0.01, \"gpuCount\": 2}");
  assert_error (low, "podBidResume", "bid");
  pod = gantry_test_sim_get_pod (sim, SPOT_POD);
  g_assert_cmpstr (json_object_get_string_member (pod, "desiredStatus"), ==,
                   "EXITED");

  bid = pod_mutation (BID_RESUME, "{\"podId\": \"" SPOT_POD "\", "
                      "\"bidPerGpu\": 0.2, \"gpuCount\": 2}");
  g_assert_cmpstr (string_at (bid, "data.podBidResume.desiredStatus"), ==,
                   "RUNNING");
  g_assert_cmpstr (string_at (bid, "data.podBidResume.podType"), ==,
                   "INTERRUPTABLE");
  g_assert_cmpfloat_with_epsilon (
    json_node_get_double (at (bid, "data.podBidResume.costPerHr")), 0.4,
    0.0001);
}

/* Creating pods */

#define CREATE_INPUT(extra) \
  "{\"name\": \"say \\\"hi\\\" \\\\ 🚀\", \"imageName\": " \
  "\"runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04\", " \
  "\"gpuTypeId\": \"NVIDIA GeForce RTX 4090\", \"cloudType\": \"SECURE\", " \
  "\"containerDiskInGb\": 20, \"volumeInGb\": 0, \"ports\": " \
  "\"8888/http,22/tcp\", \"env\": [{\"key\": \"TRICKY\", \"value\": " \
  "\"a \\\"q\\\" \\\\ b\\nline=2 ✓ 🚀\"}]" extra "}"

static void
test_create_round_trip (void)
{
  g_autoptr (JsonNode) made = NULL;
  g_autoptr (JsonNode) list = NULL;
  const char *id;

  setup ();
  made = pod_mutation (ON_DEMAND, CREATE_INPUT (", \"gpuCount\": 2"));
  id = string_at (made, "data.podFindAndDeployOnDemand.id");
  g_assert_true (is_pod_id (id));
  g_assert_cmpstr (string_at (made, "data.podFindAndDeployOnDemand.name"), ==,
                   "say \"hi\" \\ 🚀");
  g_assert_cmpstr (string_at (made, "data.podFindAndDeployOnDemand.env.0"),
                   ==, "TRICKY=a \"q\" \\ b\nline=2 ✓ 🚀");
  g_assert_cmpstr (string_at (made, "data.podFindAndDeployOnDemand.podType"),
                   ==, "RESERVED");

  list = list_pods ();
  g_assert_nonnull (find_pod (list, id));
  g_assert_cmpfloat_with_epsilon (
    json_node_get_double (at (find_pod (list, id), "costPerHr")), 1.38,
    0.0001);
}

static void
test_create_refused (void)
{
  g_autoptr (JsonNode) no_count = NULL;
  g_autoptr (JsonNode) no_stock = NULL;
  g_autoptr (JsonNode) low_bid = NULL;
  g_autoptr (JsonNode) spot = NULL;

  setup ();
  no_count = pod_mutation (ON_DEMAND, CREATE_INPUT (""));
  assert_error (no_count, "podFindAndDeployOnDemand", NO_CAPACITY);

  no_stock = pod_mutation (ON_DEMAND, CREATE_INPUT (
    ", \"gpuCount\": 1, \"allowedCudaVersions\": [\"12.9\"]"));
  assert_error (no_stock, "podFindAndDeployOnDemand", NO_CAPACITY);

  low_bid = pod_mutation (SPOT, CREATE_INPUT (
    ", \"gpuCount\": 1, \"bidPerGpu\": 0.05"));
  assert_error (low_bid, "podRentInterruptable", "bid");

  spot = pod_mutation (SPOT, CREATE_INPUT (
    ", \"gpuCount\": 1, \"bidPerGpu\": 0.5"));
  g_assert_cmpstr (string_at (spot, "data.podRentInterruptable.podType"), ==,
                   "INTERRUPTABLE");
}

/* The GPU catalogue */

/* stockStatus of @type_id for the lowestPrice @input (GraphQL literal);
 * NULL when it is null. */
static char *
stock (const char *type_id,
       const char *input)
{
  g_autofree char *query = NULL;
  g_autofree char *variables = NULL;
  g_autoptr (JsonNode) answer = NULL;
  JsonNode *status;

  query = g_strdup_printf ("query Gpu($input: GpuTypeFilter) { "
                           "gpuTypes(input: $input) { id "
                           "lowestPrice(input: %s) { stockStatus } } }",
                           input);
  variables = g_strdup_printf ("{\"input\": {\"id\": \"%s\"}}", type_id);
  answer = gql (query, variables);
  g_assert_cmpstr (string_at (answer, "data.gpuTypes.0.id"), ==, type_id);

  status = at (answer, "data.gpuTypes.0.lowestPrice.stockStatus");
  g_assert_nonnull (status);
  return JSON_NODE_HOLDS_NULL (status)
         ? NULL : g_strdup (json_node_get_string (status));
}

#define ASSERT_STOCK(type, input, expected)                  \
  G_STMT_START {                                             \
    g_autofree char *got_ = stock (type, input);             \
    g_assert_cmpstr (got_, ==, expected);                    \
  } G_STMT_END

static void
test_catalogue (void)
{
  g_autoptr (JsonNode) all = NULL;
  g_autoptr (JsonNode) b200 = NULL;
  JsonArray *types;
  gboolean has_unknown = FALSE;

  setup ();
  all = gql ("query { gpuTypes { id displayName memoryInGb } }", NULL);
  types = json_node_get_array (at (all, "data.gpuTypes"));
  g_assert_cmpuint (json_array_get_length (types), >=, 15);
  for (guint i = 0; i < json_array_get_length (types); i++)
    has_unknown |= g_str_equal (json_object_get_string_member (
      json_array_get_object_element (types, i), "id"), "unknown");
  g_assert_true (has_unknown);

  ASSERT_STOCK ("NVIDIA GeForce RTX 3090", "{gpuCount: 1, secureCloud: true}",
                NULL);
  ASSERT_STOCK ("NVIDIA GeForce RTX 3090",
                "{gpuCount: 1, secureCloud: false}", "Medium");
  ASSERT_STOCK ("NVIDIA GeForce RTX 4090", "{gpuCount: 1}", "High");
  ASSERT_STOCK ("NVIDIA GeForce RTX 4090", "{gpuCount: 8}", "Low");
  ASSERT_STOCK ("NVIDIA GeForce RTX 4090",
                "{gpuCount: 1, allowedCudaVersions: [\"12.10\"]}", "None");
  ASSERT_STOCK ("NVIDIA GeForce RTX 4090",
                "{gpuCount: 1, allowedCudaVersions: [\"12.4\"]}", "High");
  ASSERT_STOCK ("NVIDIA L40S", "{gpuCount: 1, secureCloud: false}", "None");
  ASSERT_STOCK ("AMD Instinct MI300X OAM", "{gpuCount: 1}", "None");

  b200 = gql ("query { gpuTypes(input: {id: \"NVIDIA B200\"}) { "
              "lowestPrice(input: {gpuCount: 1}) { stockStatus "
              "uninterruptablePrice } } }", NULL);
  g_assert_true (is_null_at (b200,
                 "data.gpuTypes.0.lowestPrice.uninterruptablePrice"));
}

/* The control endpoint and the sample data */

static void
test_control_pods (void)
{
  g_autoptr (JsonObject) added = NULL;
  g_autoptr (JsonObject) interrupted = NULL;
  g_autoptr (JsonNode) list = NULL;
  g_autoptr (JsonNode) after = NULL;
  const char *id;

  setup ();
  added = gantry_test_sim_control (sim, "{\"op\": \"add_pod\", \"pod\": "
                                   "{\"name\": \"added\", \"gpuCount\": 4, "
                                   "\"_uptime\": 10, \"ports\": \"22/tcp\"}}");
  id = json_object_get_string_member (json_object_get_object_member (added,
                                                                     "pod"),
                                      "id");
  interrupted = gantry_test_sim_controlf (sim, "{\"op\": \"set_pod\", "
                                          "\"id\": \"sp0tl40sembedz\", "
                                          "\"fields\": {\"desiredStatus\": "
                                          "\"EXITED\"}}");

  list = list_pods ();
  g_assert_cmpstr (string_at (find_pod (list, id), "name"), ==, "added");
  g_assert_cmpint (json_node_get_int (at (find_pod (list, id), "gpuCount")),
                   ==, 4);
  g_assert_cmpstr (string_at (find_pod (list, "sp0tl40sembedz"),
                              "desiredStatus"), ==, "EXITED");

  json_object_unref (gantry_test_sim_controlf (sim, "{\"op\": \"remove_pod\", "
                                               "\"id\": \"%s\"}", id));
  after = list_pods ();
  g_assert_null (find_pod (after, id));
}

static void
test_reset (void)
{
  g_autoptr (JsonNode) stop = NULL;
  g_autoptr (JsonObject) pod = NULL;

  setup ();
  stop = pod_mutation (STOP, "{\"podId\": \"" RUNNING_POD "\"}");
  control ("{\"op\": \"reset\"}");

  pod = gantry_test_sim_get_pod (sim, RUNNING_POD);
  g_assert_cmpstr (json_object_get_string_member (pod, "desiredStatus"), ==,
                   "RUNNING");
  g_assert_cmpuint (gantry_test_sim_count_requests (sim), ==, 0);
  g_assert_null (gantry_test_sim_get_pod (sim, "nosuchpod00000"));
}

/* The demo set has the awkward cases a client must survive. */
static void
test_demo_set (void)
{
  g_autoptr (JsonNode) list = NULL;
  JsonArray *pods;
  guint free_running = 0, unnamed = 0, long_unicode = 0;

  setup ();
  list = list_pods ();
  pods = json_node_get_array (at (list, "data.myself.pods"));
  g_assert_cmpuint (json_array_get_length (pods), >=, 12);

  for (guint i = 0; i < json_array_get_length (pods); i++)
    {
      JsonNode *pod = json_array_get_element (pods, i);
      const char *name = string_at (pod, "name");

      g_assert_true (is_pod_id (string_at (pod, "id")));
      free_running += json_node_get_double (at (pod, "costPerHr")) == 0.0
                      && g_str_equal (string_at (pod, "desiredStatus"),
                                      "RUNNING");
      unnamed += name[0] == '\0';
      long_unicode += g_utf8_strlen (name, -1) > 50 && strstr (name, "🚀");
    }
  g_assert_cmpuint (free_running, ==, 1);
  g_assert_cmpuint (unnamed, ==, 1);
  g_assert_cmpuint (long_unicode, ==, 1);

  g_assert_true (is_null_at (find_pod (list, STARTING_POD), "runtime"));
  g_assert_cmpstr (string_at (find_pod (list, STALE_POD), "desiredStatus"),
                   ==, "EXITED");
  g_assert_nonnull (at (find_pod (list, STALE_POD), "runtime.ports.0"));
}

static void
test_many_pods (void)
{
  const char * const args[] = { "--pods", "1000", NULL };
  g_autoptr (GantryTestSim) big = gantry_test_sim_start (args);
  g_autoptr (GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GantryTestSim *demo = sim;
  g_autoptr (JsonNode) list = NULL;
  JsonArray *pods;

  sim = big;
  list = list_pods ();
  sim = demo;

  pods = json_node_get_array (at (list, "data.myself.pods"));
  g_assert_cmpuint (json_array_get_length (pods), ==, 1000);
  for (guint i = 0; i < json_array_get_length (pods); i++)
    g_hash_table_add (ids, (gpointer) string_at (json_array_get_element (pods,
                                                                        i),
                                                 "id"));
  g_assert_cmpuint (g_hash_table_size (ids), ==, 1000);
}

/* --fixture: pods, account and catalogue from a file. */
static void
test_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures",
                                                 "small-account.json", NULL);
  const char * const args[] = { "--fixture", path, NULL };
  g_autoptr (GantryTestSim) small = gantry_test_sim_start (args);
  GantryTestSim *demo = sim;
  g_autoptr (JsonNode) list = NULL;
  g_autoptr (JsonNode) gpus = NULL;
  g_autoptr (JsonNode) h100 = NULL;

  sim = small;
  list = list_pods ();
  gpus = gql ("query { myself { clientBalance } gpuTypes { id } }", NULL);
  h100 = pod_mutation (ON_DEMAND, "{\"gpuTypeId\": \"NVIDIA H100 80GB "
                       "HBM3\", \"gpuCount\": 1, \"cloudType\": \"ALL\", "
                       "\"imageName\": \"x\"}");
  sim = demo;

  g_assert_cmpuint (json_array_get_length (json_node_get_array (
    at (list, "data.myself.pods"))), ==, 2);
  g_assert_cmpstr (string_at (find_pod (list, "tinystopped002"),
                              "desiredStatus"), ==, "EXITED");
  g_assert_cmpfloat (json_node_get_double (at (gpus,
                     "data.myself.clientBalance")), ==, 3.5);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (
    at (gpus, "data.gpuTypes"))), ==, 2);
  assert_error (h100, "podFindAndDeployOnDemand", NO_CAPACITY);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);

  sim = gantry_test_sim_start (NULL);

  g_test_add_func ("/sim/pods/stop-resume-terminate",
                   test_stop_resume_terminate);
  g_test_add_func ("/sim/pods/boot-delay", test_boot_delay);
  g_test_add_func ("/sim/pods/uptime-grows", test_uptime_grows);
  g_test_add_func ("/sim/pods/spot", test_spot);
  g_test_add_func ("/sim/pods/create-round-trip", test_create_round_trip);
  g_test_add_func ("/sim/pods/create-refused", test_create_refused);
  g_test_add_func ("/sim/catalogue", test_catalogue);
  g_test_add_func ("/sim/control/pods", test_control_pods);
  g_test_add_func ("/sim/control/reset", test_reset);
  g_test_add_func ("/sim/demo-set", test_demo_set);
  g_test_add_func ("/sim/many-pods", test_many_pods);
  g_test_add_func ("/sim/fixture", test_fixture);

  result = g_test_run ();

  g_clear_pointer (&sim, gantry_test_sim_free);
  return result;
}
