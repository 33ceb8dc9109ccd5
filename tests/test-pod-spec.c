/* test-pod-spec.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pod to create: the checks a person meets while typing, the price,
 * and the exact `input` object that goes to RunPod, held against the
 * input types of the project's copy of the schema. */

#include <gio/gio.h>
#include <string.h>

#include "model/gantry-pod-spec.h"

#define RTX_4090 \
  "{ \"id\": \"NVIDIA GeForce RTX 4090\", \"displayName\": \"RTX 4090\"," \
  "  \"memoryInGb\": 24, \"secureCloud\": true, \"communityCloud\": true," \
  "  \"lowestPrice\": { \"uninterruptablePrice\": 0.69," \
  "    \"minimumBidPrice\": 0.35, \"stockStatus\": \"High\"," \
  "    \"availableGpuCounts\": [1, 2, 4] } }"

#define NO_PRICE \
  "{ \"id\": \"NVIDIA B200\", \"displayName\": \"B200\"," \
  "  \"memoryInGb\": 180, \"lowestPrice\": { \"uninterruptablePrice\": null," \
  "    \"minimumBidPrice\": null, \"stockStatus\": \"Low\" } }"

static JsonNode *
parse (const char *json)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static GantryGpuType *
gpu_type_new (const char *json)
{
  g_autoptr (JsonNode) node = parse (json);
  g_autoptr (GError) error = NULL;
  GantryGpuType *type;

  type = gantry_gpu_type_new_from_json (json_node_get_object (node), &error);
  g_assert_no_error (error);
  return type;
}

/* A valid on-demand spec with nothing optional. */
static GantryPodSpec *
minimal_spec (void)
{
  g_autoptr (GantryGpuType) type = gpu_type_new (RTX_4090);
  GantryPodSpec *spec = gantry_pod_spec_new ();

  gantry_pod_spec_set_name (spec, "llama-finetune");
  gantry_pod_spec_set_image_name (spec, "runpod/pytorch:2.4.0");
  gantry_pod_spec_set_gpu_type (spec, type);
  return spec;
}

static void
assert_reason (char       *reason,
               const char *expected_part)
{
  g_autofree char *owned = reason;

  g_assert_nonnull (reason);
  if (expected_part != NULL)
    g_assert_nonnull (strstr (reason, expected_part));
}

/* Checks */

static void
test_check_name (void)
{
  assert_reason (gantry_pod_spec_check_name (""), "name");
  assert_reason (gantry_pod_spec_check_name (NULL), "name");
  assert_reason (gantry_pod_spec_check_name ("   "), "name");
  assert_reason (gantry_pod_spec_check_name ("two\nlines"), "line breaks");
  g_assert_null (gantry_pod_spec_check_name ("llama finetune #2"));
}

static void
test_check_port (void)
{
  assert_reason (gantry_pod_spec_check_port (70000), "70000");
  assert_reason (gantry_pod_spec_check_port (0), "65535");
  assert_reason (gantry_pod_spec_check_port (-22), NULL);
  g_assert_null (gantry_pod_spec_check_port (1));
  g_assert_null (gantry_pod_spec_check_port (8888));
  g_assert_null (gantry_pod_spec_check_port (65535));
}

static void
test_check_env_key (void)
{
  assert_reason (gantry_pod_spec_check_env_key ("MY KEY"), "MY KEY");
  assert_reason (gantry_pod_spec_check_env_key ("1ST"), "digit");
  assert_reason (gantry_pod_spec_check_env_key ("A-B"), NULL);
  assert_reason (gantry_pod_spec_check_env_key ("KEY="), NULL);
  assert_reason (gantry_pod_spec_check_env_key (""), NULL);
  g_assert_null (gantry_pod_spec_check_env_key ("HF_TOKEN"));
  g_assert_null (gantry_pod_spec_check_env_key ("_private9"));
}

static void
test_check_sizes (void)
{
  assert_reason (gantry_pod_spec_check_container_disk (0), "1000");
  assert_reason (gantry_pod_spec_check_container_disk (1001), NULL);
  g_assert_null (gantry_pod_spec_check_container_disk (1));
  g_assert_null (gantry_pod_spec_check_container_disk (1000));
  assert_reason (gantry_pod_spec_check_volume (-1), NULL);
  assert_reason (gantry_pod_spec_check_volume (10001), "10000");
  g_assert_null (gantry_pod_spec_check_volume (0));
  assert_reason (gantry_pod_spec_check_gpu_count (0), NULL);
  assert_reason (gantry_pod_spec_check_gpu_count (9), NULL);
  g_assert_null (gantry_pod_spec_check_gpu_count (8));
  assert_reason (gantry_pod_spec_check_min_vcpu (-1), NULL);
  assert_reason (gantry_pod_spec_check_min_memory (5000), NULL);
}

static void
test_check_image_and_path (void)
{
  assert_reason (gantry_pod_spec_check_image (""), "image");
  assert_reason (gantry_pod_spec_check_image ("runpod/pytorch latest"),
                 "spaces");
  g_assert_null (gantry_pod_spec_check_image ("nvidia/cuda:12.4.1"));
  assert_reason (gantry_pod_spec_check_mount_path ("workspace"), "/");
  assert_reason (gantry_pod_spec_check_mount_path ("/"), NULL);
  assert_reason (gantry_pod_spec_check_mount_path ("/my data"), "spaces");
  assert_reason (gantry_pod_spec_check_mount_path (""), NULL);
  g_assert_null (gantry_pod_spec_check_mount_path ("/workspace"));
}

static void
test_check_bid (void)
{
  assert_reason (gantry_pod_spec_check_bid (0.2, 0.35), "0.35");
  assert_reason (gantry_pod_spec_check_bid (0, -1), NULL);
  assert_reason (gantry_pod_spec_check_bid (500, 0.35), NULL);
  g_assert_null (gantry_pod_spec_check_bid (0.35, 0.35));
  g_assert_null (gantry_pod_spec_check_bid (0.5, -1));
}

/* The whole spec */

static void
test_validate_order (void)
{
  g_autoptr (GantryPodSpec) spec = minimal_spec ();
  g_autofree char *reason = NULL;

  g_assert_cmpint (gantry_pod_spec_validate (spec, NULL), ==,
                   GANTRY_POD_SPEC_FIELD_NONE);

  gantry_pod_spec_set_name (spec, " ");
  gantry_pod_spec_add_port (spec, 70000, GANTRY_PORT_HTTP);
  g_assert_cmpint (gantry_pod_spec_validate (spec, &reason), ==,
                   GANTRY_POD_SPEC_FIELD_NAME);
  g_assert_nonnull (strstr (reason, "name"));
  g_clear_pointer (&reason, g_free);

  gantry_pod_spec_set_name (spec, "ok");
  g_assert_cmpint (gantry_pod_spec_validate (spec, &reason), ==,
                   GANTRY_POD_SPEC_FIELD_PORTS);
  g_assert_nonnull (strstr (reason, "70000"));

  gantry_pod_spec_set_gpu_type_id (spec, NULL);
  g_assert_cmpint (gantry_pod_spec_validate (spec, NULL), ==,
                   GANTRY_POD_SPEC_FIELD_GPU_TYPE);
}

static void
test_duplicates (void)
{
  g_autoptr (GantryPodSpec) spec = minimal_spec ();
  g_autofree char *port_reason = NULL;
  g_autofree char *env_reason = NULL;
  int index = 99;

  gantry_pod_spec_add_port (spec, 8888, GANTRY_PORT_HTTP);
  gantry_pod_spec_add_port (spec, 22, GANTRY_PORT_TCP);
  gantry_pod_spec_add_port (spec, 8888, GANTRY_PORT_TCP);
  port_reason = gantry_pod_spec_check_field (spec,
                                             GANTRY_POD_SPEC_FIELD_PORTS,
                                             &index);
  g_assert_nonnull (strstr (port_reason, "8888"));
  g_assert_cmpint (index, ==, 2);

  gantry_pod_spec_add_env (spec, "A", "1");
  gantry_pod_spec_add_env (spec, "MY KEY", "2");
  env_reason = gantry_pod_spec_check_field (spec, GANTRY_POD_SPEC_FIELD_ENV,
                                            &index);
  g_assert_nonnull (strstr (env_reason, "MY KEY"));
  g_assert_cmpint (index, ==, 1);

  gantry_pod_spec_clear_env (spec);
  gantry_pod_spec_add_env (spec, "A", "1");
  gantry_pod_spec_add_env (spec, "A", "2");
  g_clear_pointer (&env_reason, g_free);
  env_reason = gantry_pod_spec_check_field (spec, GANTRY_POD_SPEC_FIELD_ENV,
                                            &index);
  g_assert_nonnull (strstr (env_reason, "twice"));
  g_assert_cmpint (index, ==, 1);
}

static void
test_http_port_limit (void)
{
  g_autoptr (GantryPodSpec) spec = minimal_spec ();
  g_autofree char *reason = NULL;
  int index;

  for (int i = 0; i < 11; i++)
    gantry_pod_spec_add_port (spec, 8000 + i, GANTRY_PORT_HTTP);
  gantry_pod_spec_add_port (spec, 22, GANTRY_PORT_TCP);

  reason = gantry_pod_spec_check_field (spec, GANTRY_POD_SPEC_FIELD_PORTS,
                                        &index);
  g_assert_nonnull (strstr (reason, "10"));
  g_assert_cmpint (index, ==, 10);
}

static void
test_mount_path_only_with_volume (void)
{
  g_autoptr (GantryPodSpec) spec = minimal_spec ();

  gantry_pod_spec_set_volume_mount_path (spec, "relative");
  g_assert_cmpint (gantry_pod_spec_validate (spec, NULL), ==,
                   GANTRY_POD_SPEC_FIELD_NONE);

  gantry_pod_spec_set_volume_gb (spec, 50);
  g_assert_cmpint (gantry_pod_spec_validate (spec, NULL), ==,
                   GANTRY_POD_SPEC_FIELD_MOUNT_PATH);
}

static void
test_spot_bid_minimum (void)
{
  g_autoptr (GantryPodSpec) spec = minimal_spec ();

  gantry_pod_spec_set_spot (spec, TRUE);
  gantry_pod_spec_set_bid_per_gpu (spec, 0.30);
  g_assert_cmpfloat_with_epsilon (gantry_pod_spec_get_minimum_bid (spec),
                                  0.35, 1e-9);
  g_assert_cmpint (gantry_pod_spec_validate (spec, NULL), ==,
                   GANTRY_POD_SPEC_FIELD_BID);

  gantry_pod_spec_set_bid_per_gpu (spec, 0.35);
  g_assert_cmpint (gantry_pod_spec_validate (spec, NULL), ==,
                   GANTRY_POD_SPEC_FIELD_NONE);

  /* On demand, the bid is not looked at. */
  gantry_pod_spec_set_bid_per_gpu (spec, 0);
  gantry_pod_spec_set_spot (spec, FALSE);
  g_assert_cmpint (gantry_pod_spec_validate (spec, NULL), ==,
                   GANTRY_POD_SPEC_FIELD_NONE);
}

static void
test_price (void)
{
  g_autoptr (GantryPodSpec) spec = minimal_spec ();
  g_autoptr (GantryGpuType) unpriced = gpu_type_new (NO_PRICE);

  gantry_pod_spec_set_gpu_count (spec, 2);
  g_assert_cmpfloat_with_epsilon (gantry_pod_spec_get_price_per_hour (spec),
                                  1.38, 1e-9);

  gantry_pod_spec_set_spot (spec, TRUE);
  gantry_pod_spec_set_bid_per_gpu (spec, 0.40000000000000002);
  g_assert_cmpfloat_with_epsilon (gantry_pod_spec_get_price_per_hour (spec),
                                  0.8, 1e-9);

  /* A null price is unknown, never free. */
  gantry_pod_spec_set_spot (spec, FALSE);
  gantry_pod_spec_set_gpu_type (spec, unpriced);
  g_assert_cmpfloat (gantry_pod_spec_get_price_per_hour (spec), <, 0);
  gantry_pod_spec_set_gpu_type_id (spec, "NVIDIA GeForce RTX 4090");
  g_assert_null (gantry_pod_spec_get_gpu_type (spec));
  g_assert_cmpfloat (gantry_pod_spec_get_price_per_hour (spec), <, 0);
}

static void
test_ports_string (void)
{
  g_autoptr (GantryPodSpec) spec = gantry_pod_spec_new ();
  g_autofree char *text = NULL;
  GantryPortProtocol protocol;
  int number;

  g_assert_false (gantry_pod_spec_set_ports_string (spec,
                                                    "8888/http, 22/tcp,,"
                                                    "x/tcp,80/udp"));
  g_assert_cmpuint (gantry_pod_spec_get_n_ports (spec), ==, 2);
  gantry_pod_spec_get_port (spec, 1, &number, &protocol);
  g_assert_cmpint (number, ==, 22);
  g_assert_cmpint (protocol, ==, GANTRY_PORT_TCP);

  text = gantry_pod_spec_dup_ports_string (spec);
  g_assert_cmpstr (text, ==, "8888/http,22/tcp");

  g_assert_true (gantry_pod_spec_set_ports_string (spec, ""));
  g_assert_cmpuint (gantry_pod_spec_get_n_ports (spec), ==, 0);
}

static void
test_cloud_names (void)
{
  g_assert_cmpstr (gantry_cloud_to_string (GANTRY_CLOUD_COMMUNITY), ==,
                   "COMMUNITY");
  g_assert_cmpint (gantry_cloud_from_string ("SECURE"), ==,
                   GANTRY_CLOUD_SECURE);
  g_assert_cmpint (gantry_cloud_from_string ("secure"), ==,
                   GANTRY_CLOUD_ALL);
  g_assert_cmpint (gantry_cloud_from_string (NULL), ==, GANTRY_CLOUD_ALL);
}

/* The input object */

static void
assert_json_equal (JsonNode   *actual,
                   const char *expected_json)
{
  g_autoptr (JsonNode) expected = parse (expected_json);
  g_autofree char *actual_text = json_to_string (actual, TRUE);
  g_autofree char *expected_text = json_to_string (expected, TRUE);

  if (!json_node_equal (actual, expected))
    g_error ("input differs:\n%s\nexpected:\n%s", actual_text,
             expected_text);
}

/* The field names of input type @type_name in the project's schema. */
static GHashTable *
schema_input_fields (const char *type_name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST,
                                                 "runpod-schema.graphql",
                                                 NULL);
  g_autofree char *text = NULL;
  g_autofree char *header = g_strdup_printf ("input %s {", type_name);
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal,
                                              g_free, NULL);
  g_auto (GStrv) lines = NULL;
  const char *start;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  start = strstr (text, header);
  g_assert_nonnull (start);
  lines = g_strsplit (start + strlen (header), "\n", -1);
  for (guint i = 0; lines[i] != NULL && !g_str_has_prefix (lines[i], "}");
       i++)
    {
      g_auto (GStrv) words = g_strsplit (g_strstrip (lines[i]), ":", 2);

      if (words[0] != NULL && words[1] != NULL && *words[0] != '#')
        g_hash_table_add (fields, g_strdup (words[0]));
    }

  g_assert_cmpuint (g_hash_table_size (fields), >, 10);
  return fields;
}

static void
assert_keys_defined (JsonNode   *input,
                     const char *type_name)
{
  g_autoptr (GHashTable) fields = schema_input_fields (type_name);
  g_autoptr (GList) members = NULL;

  members = json_object_get_members (json_node_get_object (input));
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_hash_table_contains (fields, l->data))
        g_error ("%s is not a field of %s", (char *) l->data, type_name);
    }
}

static void
test_input_minimal (void)
{
  g_autoptr (GantryPodSpec) spec = minimal_spec ();
  g_autoptr (JsonNode) input = NULL;

  /* The mount path goes only with a volume; empty lists not at all. */
  gantry_pod_spec_set_volume_mount_path (spec, "/workspace");
  gantry_pod_spec_set_cuda_versions (spec, NULL);
  gantry_pod_spec_set_bid_per_gpu (spec, 0.5);
  input = gantry_pod_spec_to_input (spec);

  assert_json_equal (input,
    "{ \"name\": \"llama-finetune\","
    "  \"imageName\": \"runpod/pytorch:2.4.0\","
    "  \"gpuTypeId\": \"NVIDIA GeForce RTX 4090\","
    "  \"gpuCount\": 1, \"cloudType\": \"ALL\","
    "  \"containerDiskInGb\": 20, \"volumeInGb\": 0 }");
  assert_keys_defined (input, "PodFindAndDeployOnDemandInput");
}

static GantryPodSpec *
full_spec (void)
{
  GantryPodSpec *spec = minimal_spec ();
  const char *cuda[] = { "12.8", "12.10", NULL };

  gantry_pod_spec_set_name (spec, "  sdxl train  ");
  gantry_pod_spec_set_gpu_count (spec, 2);
  gantry_pod_spec_set_cloud (spec, GANTRY_CLOUD_SECURE);
  gantry_pod_spec_set_cuda_versions (spec, cuda);
  gantry_pod_spec_set_container_disk_gb (spec, 50);
  gantry_pod_spec_set_volume_gb (spec, 100);
  gantry_pod_spec_set_volume_mount_path (spec, "/workspace");
  gantry_pod_spec_add_port (spec, 8888, GANTRY_PORT_HTTP);
  gantry_pod_spec_add_port (spec, 22, GANTRY_PORT_TCP);
  gantry_pod_spec_add_env (spec, "HF_TOKEN", "hf_a=b==");
  gantry_pod_spec_add_env (spec, "PROMPT", "say \"hi\"\nand 'bye'");
  gantry_pod_spec_add_env (spec, "EMPTY", "");
  gantry_pod_spec_set_min_vcpu_count (spec, 8);
  gantry_pod_spec_set_min_memory_gb (spec, 32);
  return spec;
}

#define FULL_INPUT_FIELDS \
  "  \"name\": \"sdxl train\"," \
  "  \"imageName\": \"runpod/pytorch:2.4.0\"," \
  "  \"gpuTypeId\": \"NVIDIA GeForce RTX 4090\"," \
  "  \"gpuCount\": 2, \"cloudType\": \"SECURE\"," \
  "  \"allowedCudaVersions\": [\"12.8\", \"12.10\"]," \
  "  \"containerDiskInGb\": 50, \"volumeInGb\": 100," \
  "  \"volumeMountPath\": \"/workspace\"," \
  "  \"ports\": \"8888/http,22/tcp\"," \
  "  \"env\": [ { \"key\": \"HF_TOKEN\", \"value\": \"hf_a=b==\" }," \
  "           { \"key\": \"PROMPT\"," \
  "             \"value\": \"say \\\"hi\\\"\\nand 'bye'\" }," \
  "           { \"key\": \"EMPTY\", \"value\": \"\" } ]," \
  "  \"minVcpuCount\": 8, \"minMemoryInGb\": 32"

static void
test_input_full_on_demand (void)
{
  g_autoptr (GantryPodSpec) spec = full_spec ();
  g_autoptr (JsonNode) input = gantry_pod_spec_to_input (spec);

  assert_json_equal (input, "{" FULL_INPUT_FIELDS "}");
  assert_keys_defined (input, "PodFindAndDeployOnDemandInput");
}

static void
test_input_spot (void)
{
  g_autoptr (GantryPodSpec) spec = full_spec ();
  g_autoptr (JsonNode) input = NULL;

  gantry_pod_spec_set_spot (spec, TRUE);
  gantry_pod_spec_set_bid_per_gpu (spec, 0.35000000000000003);
  input = gantry_pod_spec_to_input (spec);

  assert_json_equal (input, "{" FULL_INPUT_FIELDS ", \"bidPerGpu\": 0.35 }");
  assert_keys_defined (input, "PodRentInterruptableInput");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/pod-spec/check/name", test_check_name);
  g_test_add_func ("/gantry/pod-spec/check/port", test_check_port);
  g_test_add_func ("/gantry/pod-spec/check/env-key", test_check_env_key);
  g_test_add_func ("/gantry/pod-spec/check/sizes", test_check_sizes);
  g_test_add_func ("/gantry/pod-spec/check/image-and-path",
                   test_check_image_and_path);
  g_test_add_func ("/gantry/pod-spec/check/bid", test_check_bid);
  g_test_add_func ("/gantry/pod-spec/validate/order", test_validate_order);
  g_test_add_func ("/gantry/pod-spec/validate/duplicates", test_duplicates);
  g_test_add_func ("/gantry/pod-spec/validate/http-port-limit",
                   test_http_port_limit);
  g_test_add_func ("/gantry/pod-spec/validate/mount-path-only-with-volume",
                   test_mount_path_only_with_volume);
  g_test_add_func ("/gantry/pod-spec/validate/spot-bid-minimum",
                   test_spot_bid_minimum);
  g_test_add_func ("/gantry/pod-spec/price", test_price);
  g_test_add_func ("/gantry/pod-spec/ports-string", test_ports_string);
  g_test_add_func ("/gantry/pod-spec/cloud-names", test_cloud_names);
  g_test_add_func ("/gantry/pod-spec/input/minimal", test_input_minimal);
  g_test_add_func ("/gantry/pod-spec/input/full-on-demand",
                   test_input_full_on_demand);
  g_test_add_func ("/gantry/pod-spec/input/spot", test_input_spot);

  return g_test_run ();
}
