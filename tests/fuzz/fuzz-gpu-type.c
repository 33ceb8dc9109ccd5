/* fuzz-gpu-type.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target: gantry_gpu_type_new_from_json() on any JSON object,
 * or on each object of a JSON array. */

#include "config.h"

#include "model/gantry-gpu-type.h"
#include "gantry-fuzz.h"

static void
read_gpu_type (JsonNode *node)
{
  g_autoptr (GantryGpuType) type = NULL;
  g_autoptr (GError) error = NULL;
  GArray *counts;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;

  type = gantry_gpu_type_new_from_json (json_node_get_object (node), &error);
  g_assert_true ((type == NULL) == (error != NULL));
  if (type == NULL)
    return;

  g_assert_nonnull (gantry_gpu_type_get_id (type));
  (void) gantry_gpu_type_is_placeholder (type);
  (void) gantry_gpu_type_get_display_name (type);
  (void) gantry_gpu_type_get_on_demand_price (type);
  (void) gantry_gpu_type_get_minimum_bid_price (type);
  g_assert_nonnull (gantry_stock_to_string (gantry_gpu_type_get_stock (type)));
  counts = gantry_gpu_type_get_available_gpu_counts (type);
  g_assert_nonnull (counts);
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
        read_gpu_type (json_array_get_element (array, i));
    }
  else
    {
      read_gpu_type (root);
    }

  return 0;
}
