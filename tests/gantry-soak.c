/* gantry-soak.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The long run: the refresher, headless, polls a simulator of many pods
 * as fast as it can, with a fault every so often and pods coming and
 * going, and the resident memory it holds must stay flat. Run by
 * build-aux/soak (SOAK_REFRESHES=10000, 1,000 pods); a short run is a
 * test of suite soak.
 *
 *   SOAK_PODS       pods in the simulator (1000)
 *   SOAK_REFRESHES  refreshes in all, failed ones included (10000)
 *   SOAK_WARMUP     refreshes before the first measure (SOAK_REFRESHES/10)
 *   SOAK_MAX_GROWTH_KB  allowed growth of RssAnon after warm-up (2048)
 *
 * Memory is RssAnon from /proc/self/status, after malloc_trim(), so that
 * what the allocator keeps cached for later is not counted as held. */

#include "config.h"

#include <malloc.h>
#include <stdlib.h>

#include "gantry-test-sim.h"
#include "model/gantry-refresher.h"

static GantryTestSim *sim;

typedef struct
{
  guint done;       /* refreshes that ended, either way */
  guint failed;
  guint faulted;    /* faults injected */
} Counts;

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);

  return value != NULL ? (guint) g_ascii_strtoull (value, NULL, 10)
                       : fallback;
}

static guint
rss_anon_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;
  guint kb = 0;

  malloc_trim (0);
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  g_assert_nonnull (status);
  line = strstr (status, "RssAnon:");
  g_assert_nonnull (line);
  g_assert_cmpint (sscanf (line, "RssAnon: %u kB", &kb), ==, 1);

  return kb;
}

static const char * const faults[] = {
  "{\"op\": \"fault\", \"kind\": \"http\", \"status\": 502}",
  "{\"op\": \"fault\", \"kind\": \"http\", \"status\": 429}",
  "{\"op\": \"fault\", \"kind\": \"truncate\"}",
  "{\"op\": \"fault\", \"kind\": \"graphql_error\"}",
  "{\"op\": \"fault\", \"kind\": \"wrong_shape\", \"shape\": \"null_leaves\"}",
  "{\"op\": \"fault\", \"kind\": \"wrong_shape\", \"shape\": \"not_json\"}",
  "{\"op\": \"fault\", \"kind\": \"delay\", \"delay\": 0.05}",
};

/* Every 25th refresh meets a fault; every 100th adds a pod and every
 * 100th (offset) removes it again, so that the store grows and shrinks. */
static void
stir (Counts *counts)
{
  g_autoptr (JsonObject) reply = NULL;

  if (counts->done % 25 == 0)
    {
      reply = gantry_test_sim_control (sim,
        faults[counts->faulted++ % G_N_ELEMENTS (faults)]);
    }
  else if (counts->done % 100 == 10)
    {
      reply = gantry_test_sim_controlf (sim,
        "{\"op\": \"add_pod\", \"pod\": {\"id\": \"soak%u\", "
        "\"name\": \"soak-%u\"}}", counts->done, counts->done);
    }
  else if (counts->done % 100 == 60)
    {
      reply = gantry_test_sim_controlf (sim,
        "{\"op\": \"remove_pod\", \"id\": \"soak%u\"}", counts->done - 50);
    }
}

static void
on_refreshed_cb (Counts *counts)
{
  counts->done++;
  stir (counts);
}

static void
on_failed_cb (Counts       *counts,
              const GError *error)
{
  counts->failed++;
  on_refreshed_cb (counts);
}

static void
run_until (GantryRefresher *refresher,
           Counts          *counts,
           guint            done)
{
  while (counts->done < done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_soak (void)
{
  guint refreshes = env_uint ("SOAK_REFRESHES", 10000);
  guint warmup = env_uint ("SOAK_WARMUP", refreshes / 10);
  guint max_growth = env_uint ("SOAK_MAX_GROWTH_KB", 2048);
  g_autoptr (GantryClient) client = NULL;
  g_autoptr (GantryPodStore) store = gantry_pod_store_new ();
  g_autoptr (GantryRefresher) refresher = NULL;
  Counts counts = { 0 };
  guint before, after;
  gint64 start;

  client = gantry_client_new (NULL, gantry_test_sim_get_url (sim));
  gantry_client_set_api_key (client, gantry_test_sim_get_api_key (sim));
  refresher = gantry_refresher_new (client, store);
  gantry_refresher_set_intervals (refresher, 1, 1, 20);
  g_signal_connect_swapped (refresher, "refreshed",
                            G_CALLBACK (on_refreshed_cb), &counts);
  g_signal_connect_swapped (refresher, "failed",
                            G_CALLBACK (on_failed_cb), &counts);
  gantry_refresher_start (refresher);

  run_until (refresher, &counts, warmup);
  before = rss_anon_kb ();
  start = g_get_monotonic_time ();
  /* The trend, a tenth at a time: flat, or climbing? */
  for (guint i = 1; i <= 10; i++)
    {
      run_until (refresher, &counts,
                 warmup + (guint64) (refreshes - warmup) * i / 10);
      g_test_message ("after %u refreshes: RssAnon %u kB", counts.done,
                      rss_anon_kb ());
    }
  after = rss_anon_kb ();
  gantry_refresher_stop (refresher);

  g_test_message ("%u refreshes (%u failed, %u faults) of %u pods; "
                  "RssAnon %u kB after %u, %u kB at the end (%+d kB); "
                  "%.1f refreshes/s",
                  counts.done, counts.failed, counts.faulted,
                  g_list_model_get_n_items (G_LIST_MODEL (store)),
                  before, warmup, after, (int) after - (int) before,
                  (counts.done - warmup)
                  / ((g_get_monotonic_time () - start) / 1e6));
  g_assert_cmpuint (counts.failed, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), >=,
                    env_uint ("SOAK_PODS", 1000));
  g_assert_cmpint ((int) after - (int) before, <, (int) max_growth);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *pods = g_strdup_printf ("%u",
                                           env_uint ("SOAK_PODS", 1000));
  const char *args[] = { "--pods", pods, NULL };
  g_autoptr (GantryTestSim) owned_sim = NULL;

  g_test_init (&argc, &argv, NULL);
  owned_sim = sim = gantry_test_sim_start (args);

  g_test_add_func ("/gantry/soak", test_soak);

  return g_test_run ();
}
