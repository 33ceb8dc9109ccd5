/* dump-corpus.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes the fuzzers' seed corpus from the simulator's real answers to
 * the client's own queries: dump-corpus <folder> fills <folder>/reply,
 * <folder>/pod and <folder>/gpu-type. Run by `build-aux/fuzz corpus`; the
 * files are committed. */

#include "config.h"

#include <glib/gstdio.h>

#include "api/gantry-queries.h"
#include "gantry-test-sim.h"

#define MAX_SEEDS 6

static GantryTestSim *sim;
static const char *folder;

static void
save (const char   *target,
      const char   *name,
      char          selector,
      const char   *data,
      gsize         size)
{
  g_autofree char *dir = g_build_filename (folder, target, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GString) bytes = g_string_new (NULL);
  g_autoptr (GError) error = NULL;

  if (selector != '\0')
    g_string_append_c (bytes, selector);
  g_string_append_len (bytes, data, size);

  g_mkdir_with_parents (dir, 0755);
  g_file_set_contents (path, bytes->str, bytes->len, &error);
  g_assert_no_error (error);
}

/* The answer to @query, saved as a reply seed, and returned. */
static GBytes *
ask (const char *name,
     char        selector,
     const char *query,
     const char *variables)
{
  g_autofree char *auth = g_strconcat ("Bearer ",
                                       gantry_test_sim_get_api_key (sim),
                                       NULL);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) vars = json_from_string (variables, NULL);
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *body = NULL;
  GBytes *answer;
  guint status = 0;
  gsize size;
  const char *data;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query);
  json_builder_set_member_name (builder, "variables");
  json_builder_add_value (builder, json_node_copy (vars));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  body = json_to_string (root, FALSE);

  answer = gantry_test_sim_post (sim, "/graphql", auth, body, &status);
  data = g_bytes_get_data (answer, &size);
  save ("reply", name, selector, data, size);
  return answer;
}

static void
fault (const char *json)
{
  json_object_unref (gantry_test_sim_control (sim, json));
}

/* Each element of the array at @path of @answer, as a seed of @target. */
static void
save_elements (GBytes     *answer,
               const char *path,
               const char *target)
{
  g_autoptr (JsonNode) root = json_from_string (
    g_bytes_get_data (answer, NULL), NULL);
  JsonNode *node = gantry_test_json_at (root, path);
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < MIN (json_array_get_length (array), MAX_SEEDS); i++)
    {
      g_autofree char *text = json_to_string (
        json_array_get_element (array, i), TRUE);
      g_autofree char *name = g_strdup_printf ("%s-%u.json", target, i);

      save (target, name, '\0', text, strlen (text));
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *faults[] = {
    "truncate", "graphql_error", "null_leaves", "object_as_list",
    "list_as_object", "number_as_string",
  };
  g_autoptr (GBytes) pods = NULL;
  g_autoptr (GBytes) types = NULL;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  folder = argv[1];
  sim = gantry_test_sim_start (NULL);

  pods = ask ("pods.json", 'P', gantry_query_pods, "{}");
  g_bytes_unref (ask ("account.json", 'a', gantry_query_account, "{}"));
  g_bytes_unref (ask ("pod.json", 'p', gantry_query_pod,
                      "{\"input\": {\"podId\": \"k3q9x2m7p1v8za\"}}"));
  types = ask ("gpu-types.json", 'g', gantry_query_gpu_types,
               "{\"lp\": {\"gpuCount\": 1}}");
  g_bytes_unref (ask ("terminate.json", 't', gantry_mutation_terminate,
                      "{\"input\": {\"podId\": \"d4t4pr3pa5000x\"}}"));

  for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
    {
      g_autofree char *name = g_strdup_printf ("pods-%s.json", faults[i]);
      g_autofree char *command = NULL;

      if (g_str_equal (faults[i], "truncate")
          || g_str_equal (faults[i], "graphql_error"))
        command = g_strdup_printf ("{\"op\": \"fault\", \"kind\": \"%s\"}",
                                   faults[i]);
      else
        command = g_strdup_printf ("{\"op\": \"fault\", \"kind\": "
                                   "\"wrong_shape\", \"shape\": \"%s\"}",
                                   faults[i]);
      fault (command);
      g_bytes_unref (ask (name, 'P', gantry_query_pods, "{}"));
    }

  save_elements (pods, "data.myself.pods", "pod");
  save_elements (types, "data.gpuTypes", "gpu-type");

  gantry_test_sim_free (sim);
  return 0;
}
