/* test-gpu-type.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>

#include "model/gantry-gpu-type.h"

/* The elements of tests/data/gpu-types.json, a `gpuTypes` answer with
 * lowestPrice null, null prices and every stock word. */
static JsonArray *gpu_types;
static JsonNode *fixture;

static GantryGpuType *
fixture_gpu_type (const char *id)
{
  for (guint i = 0; i < json_array_get_length (gpu_types); i++)
    {
      JsonObject *object = json_array_get_object_element (gpu_types, i);
      JsonNode *node = json_object_get_member (object, "id");
      g_autoptr (GError) error = NULL;
      GantryGpuType *type;

      if (JSON_NODE_HOLDS_NULL (node)
          || g_strcmp0 (json_node_get_string (node), id) != 0)
        continue;

      type = gantry_gpu_type_new_from_json (object, &error);
      g_assert_no_error (error);
      return type;
    }

  g_assert_not_reached ();
}

static void
assert_counts (GantryGpuType *type,
               const int     *expected,
               guint          n_expected)
{
  GArray *counts = gantry_gpu_type_get_available_gpu_counts (type);

  g_assert_nonnull (counts);
  g_assert_cmpmem (counts->data, counts->len * sizeof (int),
                   expected, n_expected * sizeof (int));
}

static void
test_parse_full (void)
{
  static const int counts[] = { 1, 2, 4, 8 };
  g_autoptr (GantryGpuType) type = fixture_gpu_type ("NVIDIA GeForce RTX 4090");

  g_assert_false (gantry_gpu_type_is_placeholder (type));
  g_assert_cmpstr (gantry_gpu_type_get_display_name (type), ==, "RTX 4090");
  g_assert_cmpstr (gantry_gpu_type_get_manufacturer (type), ==, "Nvidia");
  g_assert_cmpint (gantry_gpu_type_get_memory_in_gb (type), ==, 24);
  g_assert_true (gantry_gpu_type_get_secure_cloud (type));
  g_assert_true (gantry_gpu_type_get_community_cloud (type));
  g_assert_cmpint (gantry_gpu_type_get_max_gpu_count (type), ==, 8);
  g_assert_cmpfloat (gantry_gpu_type_get_on_demand_price (type), ==, 0.69);
  g_assert_cmpfloat (gantry_gpu_type_get_minimum_bid_price (type), ==, 0.29);
  g_assert_cmpint (gantry_gpu_type_get_stock (type), ==, GANTRY_STOCK_HIGH);
  assert_counts (type, counts, G_N_ELEMENTS (counts));
}

static void
test_parse_lowest_price_null (void)
{
  g_autoptr (GantryGpuType) type = fixture_gpu_type ("NVIDIA A100 80GB PCIe");

  /* Unknown, never $0, and never selectable. */
  g_assert_cmpfloat (gantry_gpu_type_get_on_demand_price (type), <, 0);
  g_assert_cmpfloat (gantry_gpu_type_get_minimum_bid_price (type), <, 0);
  g_assert_cmpint (gantry_gpu_type_get_stock (type), ==, GANTRY_STOCK_NONE);
  assert_counts (type, NULL, 0);
  g_assert_cmpint (gantry_gpu_type_get_memory_in_gb (type), ==, 80);
  g_assert_false (gantry_gpu_type_get_community_cloud (type));
}

static void
test_parse_null_prices (void)
{
  static const int counts[] = { 1, 2 };
  g_autoptr (GantryGpuType) h100 = fixture_gpu_type ("NVIDIA H100 80GB HBM3");
  g_autoptr (GantryGpuType) a6000 = fixture_gpu_type ("NVIDIA RTX A6000");

  g_assert_cmpfloat (gantry_gpu_type_get_on_demand_price (h100), <, 0);
  g_assert_cmpfloat (gantry_gpu_type_get_minimum_bid_price (h100), ==, 1.99);
  g_assert_cmpint (gantry_gpu_type_get_stock (h100), ==, GANTRY_STOCK_LOW);
  g_assert_cmpint (gantry_gpu_type_get_memory_in_gb (h100), ==, 80);
  g_assert_false (gantry_gpu_type_get_community_cloud (h100));
  /* null and 0 are no GPU counts; "2" is. */
  assert_counts (h100, counts, G_N_ELEMENTS (counts));

  /* A bid floor of 0 is no price either; no display name: the id. */
  g_assert_cmpfloat (gantry_gpu_type_get_on_demand_price (a6000), ==, 0.49);
  g_assert_cmpfloat (gantry_gpu_type_get_minimum_bid_price (a6000), <, 0);
  g_assert_cmpint (gantry_gpu_type_get_stock (a6000), ==,
                   GANTRY_STOCK_MEDIUM);
  g_assert_cmpstr (gantry_gpu_type_get_display_name (a6000), ==,
                   "NVIDIA RTX A6000");
  g_assert_null (gantry_gpu_type_get_manufacturer (a6000));
  g_assert_cmpint (gantry_gpu_type_get_max_gpu_count (a6000), ==, 0);
  assert_counts (a6000, NULL, 0);
}

static void
test_parse_out_of_stock (void)
{
  const char *ids[] = {
    "AMD Instinct MI300X OAM",          /* "None" */
    "NVIDIA L4",                        /* "Out" */
    "NVIDIA RTX 2000 Ada Generation",   /* "" */
    "NVIDIA L40S",                      /* null */
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (GantryGpuType) type = fixture_gpu_type (ids[i]);

      g_test_message ("%s", ids[i]);
      g_assert_cmpint (gantry_gpu_type_get_stock (type), ==,
                       GANTRY_STOCK_NONE);
    }
}

static void
test_placeholder (void)
{
  g_autoptr (GantryGpuType) type = fixture_gpu_type ("unknown");
  g_autoptr (GantryGpuType) real = fixture_gpu_type ("NVIDIA L4");
  gboolean placeholder = FALSE;

  g_assert_true (gantry_gpu_type_is_placeholder (type));
  g_object_get (type, "placeholder", &placeholder, NULL);
  g_assert_true (placeholder);
  g_assert_false (gantry_gpu_type_is_placeholder (real));
}

static void
test_parse_no_id (void)
{
  guint last = json_array_get_length (gpu_types) - 1;
  JsonObject *object = json_array_get_object_element (gpu_types, last);
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryGpuType) type = NULL;

  type = gantry_gpu_type_new_from_json (object, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (type);
}

static void
test_stock_words (void)
{
  static const struct {
    const char  *text;
    GantryStock  stock;
  } rows[] = {
    { "High", GANTRY_STOCK_HIGH }, { "Medium", GANTRY_STOCK_MEDIUM },
    { "Low", GANTRY_STOCK_LOW }, { "HIGH", GANTRY_STOCK_HIGH },
    { "None", GANTRY_STOCK_NONE }, { "Out", GANTRY_STOCK_NONE },
    { "", GANTRY_STOCK_NONE }, { NULL, GANTRY_STOCK_NONE },
    { "Plenty", GANTRY_STOCK_NONE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_assert_cmpint (gantry_stock_from_string (rows[i].text), ==,
                     rows[i].stock);

  g_assert_cmpstr (gantry_stock_to_string (GANTRY_STOCK_HIGH), ==, "High");
  g_assert_cmpstr (gantry_stock_to_string (GANTRY_STOCK_LOW), ==, "Low");
  g_assert_cmpstr (gantry_stock_to_string (GANTRY_STOCK_NONE), ==,
                   "Out of stock");
}

static void
test_properties (void)
{
  g_autoptr (GantryGpuType) type = fixture_gpu_type ("NVIDIA GeForce RTX 4090");
  g_autofree char *display_name = NULL;
  g_autoptr (GArray) counts = NULL;
  GantryStock stock;
  double price;

  g_object_get (type,
                "display-name", &display_name,
                "on-demand-price", &price,
                "stock", &stock,
                "available-gpu-counts", &counts,
                NULL);
  g_assert_cmpstr (display_name, ==, "RTX 4090");
  g_assert_cmpfloat (price, ==, 0.69);
  g_assert_cmpint (stock, ==, GANTRY_STOCK_HIGH);
  g_assert_true (counts == gantry_gpu_type_get_available_gpu_counts (type));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  JsonObject *data;

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "gpu-types.json", NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  fixture = json_parser_get_root (parser);
  data = json_object_get_object_member (json_node_get_object (fixture),
                                        "data");
  gpu_types = json_object_get_array_member (data, "gpuTypes");

  g_test_add_func ("/gantry/gpu-type/parse-full", test_parse_full);
  g_test_add_func ("/gantry/gpu-type/parse-lowest-price-null",
                   test_parse_lowest_price_null);
  g_test_add_func ("/gantry/gpu-type/parse-null-prices",
                   test_parse_null_prices);
  g_test_add_func ("/gantry/gpu-type/parse-out-of-stock",
                   test_parse_out_of_stock);
  g_test_add_func ("/gantry/gpu-type/placeholder", test_placeholder);
  g_test_add_func ("/gantry/gpu-type/parse-no-id", test_parse_no_id);
  g_test_add_func ("/gantry/gpu-type/stock-words", test_stock_words);
  g_test_add_func ("/gantry/gpu-type/properties", test_properties);

  return g_test_run ();
}
