/* fuzz-pod.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target: gantry_pod_new_from_json() on any JSON object, or on
 * each object of a JSON array; a pod that is read answers every getter
 * and derives its status and routes without a critical. An object that
 * the text reader takes as it is (gantry-json-text.h, the pod list's
 * way) must read as the same pod as through json-glib. */

#include "config.h"

#include "model/gantry-pod.h"
#include "gantry-fuzz.h"

static void
read_pod (JsonNode *node)
{
  g_autoptr (GantryPod) pod = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *ssh = NULL;
  g_auto (GStrv) urls = NULL;
  const char * const *env;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  pod = gantry_pod_new_from_json (json_node_get_object (node), &error);
  g_assert_true ((pod == NULL) == (error != NULL));
  if (pod == NULL)
    return;

  g_assert_nonnull (gantry_pod_get_id (pod));
  g_assert_nonnull (gantry_pod_get_display_name (pod));
  (void) gantry_pod_get_status (pod);
  (void) gantry_pod_get_cost_per_hr (pod);
  (void) gantry_pod_get_gpu_count (pod);
  (void) gantry_pod_is_spot (pod);
  (void) gantry_pod_get_uptime_seconds (pod);
  g_assert_nonnull (gantry_pod_get_runtime_ports (pod));
  g_assert_nonnull (gantry_pod_get_runtime_gpus (pod));

  ssh = gantry_pod_dup_ssh_command (pod);
  g_assert_true ((ssh == NULL)
                 == (gantry_pod_describe_ssh_unavailable (pod) != NULL));
  urls = gantry_pod_dup_proxy_urls (pod);
  g_assert_nonnull (urls);
  (void) gantry_pod_describe_proxy_unavailable (pod);

  env = gantry_pod_get_env (pod);
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;

      if (gantry_pod_split_env (env[i], &key, &value))
        g_assert_true (key != NULL && value != NULL);
    }
}

static void
compare_with_text (JsonNode     *root,
                   const guint8 *data,
                   size_t        size)
{
  g_autoptr (GantryJsonText) text = NULL;
  g_autoptr (GantryPod) from_text = NULL;
  g_autoptr (GantryPod) from_tree = NULL;
  g_autoptr (GError) text_error = NULL;
  g_autoptr (GError) tree_error = NULL;

  text = gantry_json_text_new ((const char *) data, size);
  if (text == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  from_text = gantry_pod_new_from_json_text (gantry_json_text_get_root (text),
                                             &text_error);
  from_tree = gantry_pod_new_from_json (json_node_get_object (root),
                                        &tree_error);
  g_assert_true ((from_text == NULL) == (from_tree == NULL));
  if (from_text != NULL)
    g_assert_false (gantry_pod_update_from (from_tree, from_text));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (JsonNode) root = NULL;

  gantry_fuzz_init ();
  root = gantry_fuzz_parse (data, size);
  if (root == NULL)
    return 0;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      for (guint i = 0; i < json_array_get_length (array); i++)
        read_pod (json_array_get_element (array, i));
    }
  else
    {
      read_pod (root);
      compare_with_text (root, data, size);
    }

  return 0;
}
