/* test-pod-store.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a list view on top of the store would see: which items-changed
 * ranges, which notifies, and whether a pod stays the same object. (Without
 * GTK there is no GtkSingleSelection to ask; object identity is what it
 * follows.) */

#include "model/gantry-pod-store.h"

typedef struct
{
  GantryPodStore *store;
  GString        *changes;        /* "(position,removed,added)" each */
  GString        *notified;       /* "id:property;" for pods in the list */
  GString        *removed;        /* "id;" per ::pod-removed */
  guint           n_items;        /* as the last items-changed left it */
  guint           n_pods_changed; /* ::pods-changed emissions */
  guint           last_n_changed;
  guint           n_loaded;       /* notify::loaded emissions */
} Recorder;

static GantryPod *
make_pod (const char *id,
          const char *name,
          int         uptime)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  GantryPod *pod;

  text = g_strdup_printf (
    "{ \"id\": \"%s\", \"name\": \"%s\", \"desiredStatus\": \"RUNNING\","
    "  \"podType\": \"RESERVED\", \"costPerHr\": \"0.5\","
    "  \"ports\": \"8888/http,22/tcp\", \"env\": [\"A=1\"],"
    "  \"machine\": { \"gpuDisplayName\": \"RTX 4090\" },"
    "  \"runtime\": { \"uptimeInSeconds\": %d, \"ports\": ["
    "    { \"ip\": \"203.0.113.9\", \"isIpPublic\": true,"
    "      \"privatePort\": 22, \"publicPort\": 40000, \"type\": \"tcp\" }"
    "  ] } }", id, name, uptime);
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  pod = gantry_pod_new_from_json (
    json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);

  return pod;
}

/* "a b c": pods named as their ids, up for 100 s. */
static GPtrArray *
make_pods (const char *ids)
{
  g_auto (GStrv) split = g_strsplit (ids, " ", -1);
  GPtrArray *pods = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_ptr_array_add (pods, make_pod (split[i], split[i], 100));

  return pods;
}

static void
on_pod_notify (GantryPod  *pod,
               GParamSpec *pspec,
               Recorder   *rec)
{
  const char *id = gantry_pod_get_id (pod);

  /* Pods that left the list say they are terminated; ::pod-removed
   * covers those. */
  if (gantry_pod_store_lookup (rec->store, id) == pod)
    g_string_append_printf (rec->notified, "%s:%s;", id, pspec->name);
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Recorder   *rec)
{
  g_string_append_printf (rec->changes, "(%u,%u,%u)", position, removed,
                          added);

  /* Each emission is true of the list as it is at that moment. */
  g_assert_cmpuint (position + removed, <=, rec->n_items);
  rec->n_items = rec->n_items - removed + added;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, rec->n_items);

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (model, i);

      g_assert_nonnull (pod);
      g_signal_connect (pod, "notify", G_CALLBACK (on_pod_notify), rec);
    }
}

static void
on_pod_removed (GantryPodStore *store,
                GantryPod      *pod,
                Recorder       *rec)
{
  g_assert_null (gantry_pod_store_lookup (store, gantry_pod_get_id (pod)));
  g_assert_cmpint (gantry_pod_get_status (pod), ==,
                   GANTRY_POD_STATUS_TERMINATED);
  g_string_append_printf (rec->removed, "%s;", gantry_pod_get_id (pod));
}

static void
on_pods_changed (GantryPodStore *store,
                 guint           n_changed,
                 Recorder       *rec)
{
  rec->n_pods_changed++;
  rec->last_n_changed = n_changed;
}

static void
on_loaded (GantryPodStore *store,
           GParamSpec     *pspec,
           Recorder       *rec)
{
  rec->n_loaded++;
}

static void
recorder_init (Recorder *rec)
{
  rec->store = gantry_pod_store_new ();
  rec->changes = g_string_new ("");
  rec->notified = g_string_new ("");
  rec->removed = g_string_new ("");
  g_signal_connect (rec->store, "items-changed",
                    G_CALLBACK (on_items_changed), rec);
  g_signal_connect (rec->store, "pod-removed",
                    G_CALLBACK (on_pod_removed), rec);
  g_signal_connect (rec->store, "pods-changed",
                    G_CALLBACK (on_pods_changed), rec);
  g_signal_connect (rec->store, "notify::loaded",
                    G_CALLBACK (on_loaded), rec);
}

/* Forgets what was recorded so far. */
static void
recorder_reset (Recorder *rec)
{
  g_string_truncate (rec->changes, 0);
  g_string_truncate (rec->notified, 0);
  g_string_truncate (rec->removed, 0);
  rec->n_pods_changed = 0;
  rec->last_n_changed = G_MAXUINT;
}

static void
recorder_clear (Recorder *rec)
{
  /* The pods die with the store, before the strings they write to. */
  g_clear_object (&rec->store);
  g_string_free (rec->changes, TRUE);
  g_string_free (rec->notified, TRUE);
  g_string_free (rec->removed, TRUE);
}

static void
refresh (Recorder   *rec,
         const char *ids)
{
  g_autoptr (GPtrArray) pods = make_pods (ids);

  recorder_reset (rec);
  gantry_pod_store_update (rec->store, pods);
  g_assert_cmpuint (rec->n_pods_changed, ==, 1);
}

/* The ids in list order, space-separated. */
static char *
list_ids (GantryPodStore *store)
{
  GString *ids = g_string_new ("");
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GantryPod) pod = g_list_model_get_item (G_LIST_MODEL (store),
                                                         i);

      g_string_append_printf (ids, i > 0 ? " %s" : "%s",
                              gantry_pod_get_id (pod));
    }

  return g_string_free (ids, FALSE);
}

#define assert_ids(store, expected) \
  G_STMT_START { \
    g_autofree char *_ids = list_ids (store); \
    g_assert_cmpstr (_ids, ==, expected); \
  } G_STMT_END

static void
test_first_load (void)
{
  Recorder rec = { 0 };

  recorder_init (&rec);
  g_assert_false (gantry_pod_store_get_loaded (rec.store));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (rec.store))
                 == GANTRY_TYPE_POD);

  refresh (&rec, "a b c");
  g_assert_cmpstr (rec.changes->str, ==, "(0,0,3)");
  g_assert_cmpuint (rec.last_n_changed, ==, 3);
  g_assert_true (gantry_pod_store_get_loaded (rec.store));
  g_assert_cmpuint (rec.n_loaded, ==, 1);
  assert_ids (rec.store, "a b c");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rec.store), 3));

  /* An empty account is loaded too. */
  recorder_clear (&rec);
  recorder_init (&rec);
  refresh (&rec, "");
  g_assert_cmpstr (rec.changes->str, ==, "");
  g_assert_true (gantry_pod_store_get_loaded (rec.store));

  recorder_clear (&rec);
}

static void
test_unchanged_refresh (void)
{
  Recorder rec = { 0 };

  recorder_init (&rec);
  refresh (&rec, "a b c d");
  refresh (&rec, "a b c d");

  /* Nothing at all: no items-changed, no notify, no second "loaded". */
  g_assert_cmpstr (rec.changes->str, ==, "");
  g_assert_cmpstr (rec.notified->str, ==, "");
  g_assert_cmpuint (rec.last_n_changed, ==, 0);
  g_assert_cmpuint (rec.n_loaded, ==, 1);

  recorder_clear (&rec);
}

static void
test_one_changed (void)
{
  Recorder rec = { 0 };
  g_autoptr (GPtrArray) pods = NULL;
  GantryPod *before;

  recorder_init (&rec);
  refresh (&rec, "a b c d");
  before = gantry_pod_store_lookup (rec.store, "c");

  pods = make_pods ("a b d");
  g_ptr_array_insert (pods, 2, make_pod ("c", "renamed", 100));
  recorder_reset (&rec);
  gantry_pod_store_update (rec.store, pods);

  /* One pod, one burst of the properties that changed; the list is
   * untouched and the pod is the same object. */
  g_assert_cmpstr (rec.changes->str, ==, "");
  g_assert_cmpstr (rec.notified->str, ==, "c:name;c:display-name;");
  g_assert_cmpuint (rec.last_n_changed, ==, 1);
  g_assert_true (gantry_pod_store_lookup (rec.store, "c") == before);
  g_assert_cmpstr (gantry_pod_get_display_name (before), ==, "renamed");
  assert_ids (rec.store, "a b c d");

  recorder_clear (&rec);
}

static void
test_uptime_is_data (void)
{
  Recorder rec = { 0 };
  g_autoptr (GPtrArray) pods = NULL;
  gint64 since;

  recorder_init (&rec);
  refresh (&rec, "a b");
  since = gantry_pod_get_status_since (gantry_pod_store_lookup (rec.store,
                                                                "b"));

  pods = make_pods ("a");
  g_ptr_array_add (pods, make_pod ("b", "b", 110));
  recorder_reset (&rec);
  gantry_pod_store_update (rec.store, pods);

  /* Ten seconds later it is the same pod, up since the same time. */
  g_assert_cmpstr (rec.changes->str, ==, "");
  g_assert_cmpstr (rec.notified->str, ==, "b:uptime-seconds;");
  g_assert_cmpuint (rec.last_n_changed, ==, 1);
  g_assert_cmpint (gantry_pod_get_status_since (
                     gantry_pod_store_lookup (rec.store, "b")), ==, since);

  recorder_clear (&rec);
}

static void
test_insert_remove_ranges (void)
{
  Recorder rec = { 0 };
  GantryPod *c;
  GantryPod *j;
  guint position = G_MAXUINT;

  recorder_init (&rec);
  refresh (&rec, "a b c d e f g h i j");
  c = gantry_pod_store_lookup (rec.store, "c");
  j = gantry_pod_store_lookup (rec.store, "j");

  /* b, e+f and i go (e and f in one range), k and l come. */
  refresh (&rec, "l a c d g h j k");
  g_assert_cmpstr (rec.changes->str, ==, "(8,1,0)(4,2,0)(1,1,0)(6,0,2)");
  g_assert_cmpstr (rec.removed->str, ==, "i;e;f;b;");
  g_assert_cmpstr (rec.notified->str, ==, "");
  g_assert_cmpuint (rec.last_n_changed, ==, 6);

  /* The order of the first load stays; new pods at the end, in the order
   * of the answer. */
  assert_ids (rec.store, "a c d g h j l k");
  g_assert_true (gantry_pod_store_lookup (rec.store, "c") == c);
  g_assert_true (gantry_pod_store_lookup (rec.store, "j") == j);
  g_assert_null (gantry_pod_store_lookup (rec.store, "b"));
  g_assert_false (gantry_pod_store_find (rec.store, "b", &position));
  g_assert_true (gantry_pod_store_find (rec.store, "k", &position));
  g_assert_cmpuint (position, ==, 7);

  /* The tail and the head in separate ranges. */
  refresh (&rec, "c d g h j");
  g_assert_cmpstr (rec.changes->str, ==, "(6,2,0)(0,1,0)");

  /* All gone at once: one range. */
  refresh (&rec, "");
  g_assert_cmpstr (rec.changes->str, ==, "(0,5,0)");
  g_assert_cmpstr (rec.removed->str, ==, "c;d;g;h;j;");

  recorder_clear (&rec);
}

static void
test_identity (void)
{
  Recorder rec = { 0 };
  g_autoptr (GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) pods = NULL;
  const char *kept[] = { "a", "c", "e" };

  recorder_init (&rec);
  refresh (&rec, "a b c d e");
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_hash_table_insert (first, (gpointer) kept[i],
                         gantry_pod_store_lookup (rec.store, kept[i]));

  /* A change, an insertion and a removal in one refresh, then another. */
  pods = make_pods ("x c e");
  g_ptr_array_insert (pods, 0, make_pod ("a", "new name", 300));
  gantry_pod_store_update (rec.store, pods);
  refresh (&rec, "a c e y");

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      GantryPod *pod = g_hash_table_lookup (first, kept[i]);
      g_autoptr (GantryPod) item = NULL;
      guint position;

      g_assert_true (gantry_pod_store_lookup (rec.store, kept[i]) == pod);
      g_assert_true (gantry_pod_store_find (rec.store, kept[i], &position));
      item = g_list_model_get_item (G_LIST_MODEL (rec.store), position);
      g_assert_true (item == pod);
    }
  assert_ids (rec.store, "a c e y");

  recorder_clear (&rec);
}

static void
test_update_one_and_remove (void)
{
  Recorder rec = { 0 };
  g_autoptr (GantryPod) renamed = make_pod ("b", "renamed", 100);
  g_autoptr (GantryPod) fresh = make_pod ("z", "z", 1);
  GantryPod *b;

  recorder_init (&rec);
  refresh (&rec, "a b c");
  b = gantry_pod_store_lookup (rec.store, "b");

  recorder_reset (&rec);
  gantry_pod_store_update_one (rec.store, renamed);
  g_assert_cmpstr (rec.changes->str, ==, "");
  g_assert_cmpstr (rec.notified->str, ==, "b:name;b:display-name;");
  g_assert_cmpuint (rec.last_n_changed, ==, 1);
  g_assert_true (gantry_pod_store_lookup (rec.store, "b") == b);

  recorder_reset (&rec);
  gantry_pod_store_update_one (rec.store, fresh);
  g_assert_cmpstr (rec.changes->str, ==, "(3,0,1)");
  g_assert_true (gantry_pod_store_lookup (rec.store, "z") == fresh);

  recorder_reset (&rec);
  g_assert_true (gantry_pod_store_remove (rec.store, "b"));
  g_assert_cmpstr (rec.changes->str, ==, "(1,1,0)");
  g_assert_cmpstr (rec.removed->str, ==, "b;");
  g_assert_cmpuint (rec.last_n_changed, ==, 1);
  assert_ids (rec.store, "a c z");

  recorder_reset (&rec);
  g_assert_false (gantry_pod_store_remove (rec.store, "b"));
  g_assert_cmpstr (rec.changes->str, ==, "");
  g_assert_cmpuint (rec.n_pods_changed, ==, 0);

  recorder_clear (&rec);
}

/* A list read before a create or a stop answered is older than that
 * answer: applying it late must neither drop the new pod nor undo the
 * change, and the next list read after it decides as usual. */
static void
test_stale_read (void)
{
  Recorder rec = { 0 };
  g_autoptr (GantryPod) created = make_pod ("z", "z", 1);
  g_autoptr (GantryPod) renamed = make_pod ("a", "renamed", 100);
  g_autoptr (GPtrArray) stale = make_pods ("a b");
  g_autoptr (GPtrArray) later = make_pods ("b");
  guint stamp;

  recorder_init (&rec);
  refresh (&rec, "a b");

  stamp = gantry_pod_store_begin_read (rec.store);
  gantry_pod_store_update_one (rec.store, created);
  gantry_pod_store_update_one (rec.store, renamed);

  recorder_reset (&rec);
  gantry_pod_store_update_read_at (rec.store, stale, stamp);
  assert_ids (rec.store, "a b z");
  g_assert_cmpstr (rec.changes->str, ==, "");
  g_assert_cmpstr (rec.removed->str, ==, "");
  g_assert_cmpstr (gantry_pod_get_name (gantry_pod_store_lookup (rec.store,
                                                                 "a")),
                   ==, "renamed");

  stamp = gantry_pod_store_begin_read (rec.store);
  recorder_reset (&rec);
  gantry_pod_store_update_read_at (rec.store, later, stamp);
  assert_ids (rec.store, "b");
  g_assert_cmpstr (rec.removed->str, ==, "z;a;");

  recorder_clear (&rec);
}

static void
test_status_since_kept (void)
{
  Recorder rec = { 0 };
  g_autoptr (GPtrArray) pods = make_pods ("a");
  GantryPod *a;

  recorder_init (&rec);
  gantry_pod_store_update (rec.store, pods);
  a = gantry_pod_store_lookup (rec.store, "a");

  /* A mark that only the store's object knows survives refreshes. */
  gantry_pod_set_status_since (a, 1000);
  refresh (&rec, "a");
  g_assert_cmpstr (rec.notified->str, ==, "");
  g_assert_cmpint (gantry_pod_get_status_since (a), ==, 1000);

  gantry_pod_set_stop_requested (a, TRUE);
  refresh (&rec, "a");
  g_assert_true (gantry_pod_get_stop_requested (a));

  recorder_clear (&rec);
}

static void
test_duplicate_ids (void)
{
  Recorder rec = { 0 };
  g_autoptr (GPtrArray) pods = make_pods ("a b");

  /* A broken answer that lists a pod twice still makes one row. */
  recorder_init (&rec);
  g_ptr_array_add (pods, make_pod ("b", "second", 100));
  recorder_reset (&rec);
  gantry_pod_store_update (rec.store, pods);
  g_assert_cmpstr (rec.changes->str, ==, "(0,0,2)");
  assert_ids (rec.store, "a b");
  g_assert_cmpstr (gantry_pod_get_name (gantry_pod_store_lookup (rec.store,
                                                                 "b")),
                   ==, "second");

  recorder_clear (&rec);
}

static GPtrArray *
make_many_pods (guint n_pods)
{
  GPtrArray *pods = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_pods; i++)
    {
      char id[16];

      g_snprintf (id, sizeof id, "pod%05u", i);
      g_ptr_array_add (pods, make_pod (id, id, 100));
    }

  return pods;
}

static void
test_large (void)
{
  Recorder rec = { 0 };
  g_autoptr (GPtrArray) first = make_many_pods (10000);
  g_autoptr (GPtrArray) second = make_many_pods (10000);
  double elapsed;

  recorder_init (&rec);
  gantry_pod_store_update (rec.store, first);

  /* One pod of 10,000 changed: one burst on it, and nothing else. */
  g_object_unref (second->pdata[4321]);
  second->pdata[4321] = make_pod ("pod04321", "busy", 100);
  recorder_reset (&rec);
  g_test_timer_start ();
  gantry_pod_store_update (rec.store, second);
  elapsed = g_test_timer_elapsed ();

  g_assert_cmpstr (rec.changes->str, ==, "");
  g_assert_cmpstr (rec.notified->str, ==,
                   "pod04321:name;pod04321:display-name;");
  g_assert_cmpuint (rec.last_n_changed, ==, 1);
  g_test_message ("a refresh of 10000 pods took %.2f ms", elapsed * 1000);

  recorder_clear (&rec);
}

/* What a view re-sorts and re-filters by: the properties the last change
 * changed on pods the store already held. */
static void
test_changed_properties (void)
{
  Recorder rec = { 0 };
  g_autoptr (GPtrArray) later = make_pods ("a");
  g_autoptr (GantryPod) renamed = make_pod ("b", "renamed", 110);
  g_autoptr (GPtrArray) more = make_pods ("a b c");

  recorder_init (&rec);
  refresh (&rec, "a b");

  g_ptr_array_add (later, make_pod ("b", "b", 110));
  gantry_pod_store_update (rec.store, later);
  g_assert_true (gantry_pod_store_property_changed (rec.store,
                                                    "uptime-seconds"));
  g_assert_false (gantry_pod_store_property_changed (rec.store,
                                                     "display-name"));
  g_assert_false (gantry_pod_store_property_changed (rec.store, "status"));

  gantry_pod_store_update_one (rec.store, renamed);
  g_assert_true (gantry_pod_store_property_changed (rec.store,
                                                    "display-name"));
  g_assert_false (gantry_pod_store_property_changed (rec.store,
                                                     "uptime-seconds"));

  /* A pod that comes is told by items-changed; "b" is renamed back. */
  gantry_pod_store_update (rec.store, more);
  g_assert_true (gantry_pod_store_property_changed (rec.store, "name"));
  g_assert_false (gantry_pod_store_property_changed (rec.store,
                                                     "cost-per-hr"));
  assert_ids (rec.store, "a b c");

  recorder_clear (&rec);
}

/* The window asks on every ::pods-changed, and the first refresh may list
 * no pods at all: then no GantryPod was ever made. Run in a fresh process,
 * where no other test has made one. */
static void
test_changed_before_any_pod (void)
{
  g_autoptr (GantryPodStore) store = NULL;
  g_autoptr (GPtrArray) none = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  g_assert_null (g_type_class_peek (GANTRY_TYPE_POD));

  store = gantry_pod_store_new ();
  none = g_ptr_array_new_with_free_func (g_object_unref);
  gantry_pod_store_update (store, none);

  g_assert_true (gantry_pod_store_get_loaded (store));
  g_assert_false (gantry_pod_store_property_changed (store, "status"));
  g_assert_false (gantry_pod_store_property_changed (store, "display-name"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/pod-store/first-load", test_first_load);
  g_test_add_func ("/gantry/pod-store/unchanged-refresh",
                   test_unchanged_refresh);
  g_test_add_func ("/gantry/pod-store/one-changed", test_one_changed);
  g_test_add_func ("/gantry/pod-store/uptime-is-data", test_uptime_is_data);
  g_test_add_func ("/gantry/pod-store/insert-remove-ranges",
                   test_insert_remove_ranges);
  g_test_add_func ("/gantry/pod-store/identity", test_identity);
  g_test_add_func ("/gantry/pod-store/update-one-and-remove",
                   test_update_one_and_remove);
  g_test_add_func ("/gantry/pod-store/stale-read", test_stale_read);
  g_test_add_func ("/gantry/pod-store/status-since-kept",
                   test_status_since_kept);
  g_test_add_func ("/gantry/pod-store/duplicate-ids", test_duplicate_ids);
  g_test_add_func ("/gantry/pod-store/large", test_large);
  g_test_add_func ("/gantry/pod-store/changed-properties",
                   test_changed_properties);
  g_test_add_func ("/gantry/pod-store/changed-before-any-pod",
                   test_changed_before_any_pod);

  return g_test_run ();
}
