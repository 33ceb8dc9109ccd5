/* test-status-watcher.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The status watcher fed sequences of pod lists, on a clock the tests
 * move: which events a person would be told of, and how many times. */

#include "model/gantry-status-watcher.h"

#define MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

typedef struct
{
  GantryStatusWatcher *watcher;
  GString             *events;  /* "KIND:id" each, ' '-separated */
  GantryStatusEvent   *last;    /* a copy of the last event */
  gint64               now;     /* the fake clock, in µs */
} Fixture;

/* Pods */

/* One pod from a few words: "<id> <desiredStatus> [gpu=<u>,<u>...]
 * [up] [spot]". "gpu=" and "up" give it a runtime (with those GPU
 * readings, "-" for none, or no GPU at all); RUNNING without either is
 * a pod still starting. */
static GantryPod *
make_pod (const char *words)
{
  g_auto (GStrv) split = g_strsplit (words, " ", -1);
  g_autoptr (GString) json = g_string_new (NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  const char *runtime = NULL;
  gboolean spot = FALSE;
  GantryPod *pod;

  g_assert_cmpuint (g_strv_length (split), >=, 2);
  for (guint i = 2; split[i] != NULL; i++)
    {
      if (g_str_has_prefix (split[i], "gpu=") || g_str_equal (split[i], "up"))
        runtime = split[i];
      else if (g_str_equal (split[i], "spot"))
        spot = TRUE;
      else
        g_error ("Unknown word “%s” in “%s”", split[i], words);
    }

  g_string_append_printf (json,
                          "{\"id\": \"%s\", \"name\": \"pod-%s\","
                          " \"desiredStatus\": \"%s\", \"podType\": \"%s\","
                          " \"costPerHr\": 0.44",
                          split[0], split[0],
                          split[1], spot ? "INTERRUPTABLE" : "RESERVED");
  if (runtime != NULL)
    {
      gboolean gpus = g_str_has_prefix (runtime, "gpu=");
      g_auto (GStrv) utils = g_strsplit (gpus ? runtime + 4 : "", ",", -1);

      g_string_append (json, ", \"runtime\": {\"uptimeInSeconds\": 100,"
                             " \"gpus\": [");
      for (guint i = 0; gpus && utils[i] != NULL; i++)
        g_string_append_printf (json, "%s{\"id\": \"GPU-%u\","
                                      " \"gpuUtilPercent\": %s}",
                                i > 0 ? ", " : "", i,
                                g_str_equal (utils[i], "-") ? "null"
                                                            : utils[i]);
      g_string_append (json, "]}");
    }
  g_string_append (json, "}");

  json_parser_load_from_data (parser, json->str, -1, &error);
  g_assert_no_error (error);
  pod = gantry_pod_new_from_json (
    json_node_get_object (json_parser_get_root (parser)), &error);
  g_assert_no_error (error);

  return pod;
}

/* Pods separated by ';', each as make_pod() reads it. */
static GPtrArray *
make_pods (const char *list)
{
  g_auto (GStrv) split = g_strsplit (list, ";", -1);
  GPtrArray *pods = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; split[i] != NULL; i++)
    {
      g_strstrip (split[i]);
      if (split[i][0] != '\0')
        g_ptr_array_add (pods, make_pod (split[i]));
    }

  return pods;
}

/* The fixture */

static const char *
kind_name (GantryStatusEventKind kind)
{
  switch (kind)
    {
    case GANTRY_STATUS_EVENT_READY:          return "READY";
    case GANTRY_STATUS_EVENT_CREATED_READY:  return "CREATED_READY";
    case GANTRY_STATUS_EVENT_STOPPED:        return "STOPPED";
    case GANTRY_STATUS_EVENT_INTERRUPTED:    return "INTERRUPTED";
    case GANTRY_STATUS_EVENT_TERMINATED:     return "TERMINATED";
    case GANTRY_STATUS_EVENT_STUCK_STARTING: return "STUCK";
    case GANTRY_STATUS_EVENT_IDLE:           return "IDLE";
    case GANTRY_STATUS_EVENT_BUSY_AGAIN:     return "BUSY";
    default:                                 return "?";
    }
}

static void
on_event_cb (GantryStatusWatcher     *watcher,
             const GantryStatusEvent *event,
             Fixture                 *f)
{
  g_autofree char *name = g_strdup_printf ("pod-%s", event->pod_id);

  /* Every event names its pod and carries its price. */
  g_assert_cmpstr (event->pod_name, ==, name);
  g_assert_cmpfloat (event->cost_per_hr, ==, 0.44);

  g_clear_pointer (&f->last, gantry_status_event_free);
  f->last = gantry_status_event_copy (event);

  if (f->events->len > 0)
    g_string_append_c (f->events, ' ');
  g_string_append_printf (f->events, "%s:%s", kind_name (event->kind),
                          event->pod_id);
}

static gint64
fake_clock (gpointer user_data)
{
  return ((Fixture *) user_data)->now;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->watcher = gantry_status_watcher_new ();
  f->events = g_string_new (NULL);
  f->now = 1000 * MINUTE;
  gantry_status_watcher_set_clock (f->watcher, fake_clock, f);
  g_signal_connect (f->watcher, "event", G_CALLBACK (on_event_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->watcher);
  g_string_free (f->events, TRUE);
  g_clear_pointer (&f->last, gantry_status_event_free);
}

/* Feeds @list and returns the events it caused ("" for none). */
static const char *
feed (Fixture    *f,
      const char *list)
{
  g_autoptr (GPtrArray) pods = make_pods (list);

  g_string_truncate (f->events, 0);
  gantry_status_watcher_feed (f->watcher, pods);

  return f->events->str;
}

static void
advance (Fixture *f,
         int      minutes)
{
  f->now += minutes * MINUTE;
}

/* Tests */

#define ALL_KINDS \
  "run RUNNING gpu=50; boot RUNNING; stop EXITED; spot EXITED spot;" \
  "gone TERMINATED; new CREATED; dead DEAD"

static void
test_first_load (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpstr (feed (f, ALL_KINDS), ==, "");
  g_assert_cmpstr (feed (f, ALL_KINDS), ==, "");
  advance (f, 1);
  g_assert_cmpstr (feed (f, ALL_KINDS), ==, "");
}

static void
test_transitions (Fixture       *f,
                  gconstpointer  data)
{
  feed (f, "a RUNNING; b RUNNING up; c RUNNING up spot; d EXITED; e EXITED");

  g_assert_cmpstr (feed (f, "a RUNNING up; b RUNNING up; c RUNNING up spot;"
                            "d EXITED; e EXITED"), ==, "READY:a");
  g_assert_cmpstr (feed (f, "a RUNNING up; b EXITED; c RUNNING up spot;"
                            "d EXITED; e EXITED"), ==, "STOPPED:b");
  g_assert_cmpstr (feed (f, "a RUNNING up; b EXITED; c EXITED spot;"
                            "d EXITED; e EXITED"), ==, "INTERRUPTED:c");
  g_assert_cmpstr (feed (f, "a RUNNING up; b EXITED; c EXITED spot;"
                            "d TERMINATED; e EXITED"), ==, "TERMINATED:d");
  /* Gone after it was told terminated: nothing more. Gone without
   * warning: terminated. */
  g_assert_cmpstr (feed (f, "a RUNNING up; b EXITED; c EXITED spot"),
                   ==, "TERMINATED:e");
  /* Straight from Stopped to Running, as a slow refresh sees it. */
  g_assert_cmpstr (feed (f, "a RUNNING up; b RUNNING gpu=90;"
                            "c EXITED spot"), ==, "READY:b");
  /* Two at once, in list order. */
  g_assert_cmpstr (feed (f, "a EXITED; b RUNNING gpu=90; c RUNNING up spot"),
                   ==, "STOPPED:a READY:c");
  g_assert_cmpstr (feed (f, "a EXITED; b RUNNING gpu=90; c RUNNING up spot"),
                   ==, "");
}

/* What an event says besides its kind: the status now, and how long. */
static void
test_event_fields (Fixture       *f,
                   gconstpointer  data)
{
  feed (f, "a RUNNING up; b RUNNING; c RUNNING gpu=0");

  feed (f, "a EXITED; b RUNNING; c RUNNING gpu=0");
  g_assert_cmpint (f->last->status, ==, GANTRY_POD_STATUS_STOPPED);
  g_assert_cmpint (f->last->seconds, ==, 100);    /* its last uptime */

  feed (f, "a EXITED; b EXITED; c RUNNING gpu=0");
  g_assert_cmpint (f->last->seconds, ==, -1);     /* it never ran */

  advance (f, 31);
  feed (f, "a EXITED; b RUNNING; c RUNNING gpu=0");
  g_assert_cmpint (f->last->kind, ==, GANTRY_STATUS_EVENT_IDLE);
  g_assert_cmpint (f->last->status, ==, GANTRY_POD_STATUS_RUNNING);
  g_assert_cmpint (f->last->seconds, ==, 31 * 60);

  advance (f, 12);
  feed (f, "a EXITED; b RUNNING; c RUNNING gpu=0");
  g_assert_cmpint (f->last->kind, ==, GANTRY_STATUS_EVENT_STUCK_STARTING);
  g_assert_cmpstr (f->last->pod_id, ==, "b");
  g_assert_cmpint (f->last->status, ==, GANTRY_POD_STATUS_STARTING);
  g_assert_cmpint (f->last->seconds, ==, 12 * 60);

  feed (f, "a EXITED; b RUNNING; c TERMINATED");
  g_assert_cmpint (f->last->kind, ==, GANTRY_STATUS_EVENT_TERMINATED);
  g_assert_cmpint (f->last->status, ==, GANTRY_POD_STATUS_TERMINATED);
  g_assert_cmpint (f->last->seconds, ==, 100);
}

static void
test_spot_stopped_here (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr (GPtrArray) pods = NULL;

  feed (f, "s RUNNING up spot");
  g_assert_cmpstr (feed (f, "s EXITED spot"), ==, "INTERRUPTED:s");

  /* The person stops the interrupted pod from here: it reads Stopped
   * now, but nothing happened to it. */
  pods = make_pods ("s EXITED spot");
  gantry_pod_set_stop_requested (g_ptr_array_index (pods, 0), TRUE);
  g_string_truncate (f->events, 0);
  gantry_status_watcher_feed (f->watcher, pods);
  g_assert_cmpstr (f->events->str, ==, "");
}

static void
test_created (Fixture       *f,
              gconstpointer  data)
{
  feed (f, "old RUNNING up");
  gantry_status_watcher_expect_created (f->watcher, "n");
  gantry_status_watcher_expect_created (f->watcher, "m");

  /* A new pod appears starting: nothing yet. */
  g_assert_cmpstr (feed (f, "old RUNNING up; n RUNNING"), ==, "");
  g_assert_cmpstr (feed (f, "old RUNNING up; n RUNNING up"),
                   ==, "CREATED_READY:n");
  /* Once: the next run of the same pod is an ordinary one. */
  feed (f, "old RUNNING up; n EXITED");
  g_assert_cmpstr (feed (f, "old RUNNING up; n RUNNING up"), ==, "READY:n");

  /* Made here and already up when first listed. A pod made elsewhere
   * that appears running is news to nobody. */
  g_assert_cmpstr (feed (f, "old RUNNING up; n RUNNING up; m RUNNING up;"
                            "x RUNNING up"), ==, "CREATED_READY:m");
}

static void
test_stuck_starting (Fixture       *f,
                     gconstpointer  data)
{
  feed (f, "a EXITED");
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  advance (f, 5);
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  advance (f, 6);
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "STUCK:a");
  /* Once per starting period. */
  advance (f, 20);
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  g_assert_cmpstr (feed (f, "a RUNNING up"), ==, "READY:a");

  /* A new period, with a threshold from the settings. */
  g_object_set (f->watcher, "stuck-minutes", 3, NULL);
  feed (f, "a EXITED");
  feed (f, "a RUNNING");
  advance (f, 2);
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  advance (f, 1);
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "STUCK:a");
}

static void
test_idle (Fixture       *f,
           gconstpointer  data)
{
  g_assert_cmpstr (feed (f, "a RUNNING gpu=1"), ==, "");
  advance (f, 29);
  g_assert_cmpstr (feed (f, "a RUNNING gpu=4"), ==, "");
  advance (f, 1);
  g_assert_cmpstr (feed (f, "a RUNNING gpu=0"), ==, "IDLE:a");
  /* Once per idle period. */
  advance (f, 30);
  g_assert_cmpstr (feed (f, "a RUNNING gpu=0"), ==, "");

  /* Busy again: the idle warning no longer holds. */
  g_assert_cmpstr (feed (f, "a RUNNING gpu=80"), ==, "BUSY:a");
  g_assert_cmpstr (feed (f, "a RUNNING gpu=2"), ==, "");
  advance (f, 30);
  g_assert_cmpstr (feed (f, "a RUNNING gpu=3"), ==, "IDLE:a");
}

static void
test_idle_readings (Fixture       *f,
                    gconstpointer  data)
{
  /* b: one of two GPUs works. c: no GPU. d: a GPU without a reading.
   * e: stops and starts in the middle of its idle period. */
  feed (f, "a RUNNING gpu=0,1; b RUNNING gpu=0,60; c RUNNING up;"
           "d RUNNING gpu=-; e RUNNING gpu=0");
  advance (f, 20);
  feed (f, "a RUNNING gpu=0,1; b RUNNING gpu=0,60; c RUNNING up;"
           "d RUNNING gpu=-; e EXITED");
  feed (f, "a RUNNING gpu=0,1; b RUNNING gpu=0,60; c RUNNING up;"
           "d RUNNING gpu=-; e RUNNING gpu=0");
  advance (f, 10);
  g_assert_cmpstr (feed (f, "a RUNNING gpu=0,1; b RUNNING gpu=0,60;"
                            "c RUNNING up; d RUNNING gpu=-;"
                            "e RUNNING gpu=0"), ==, "IDLE:a");
  advance (f, 20);
  g_assert_cmpstr (feed (f, "a RUNNING gpu=0,1; b RUNNING gpu=0,60;"
                            "c RUNNING up; d RUNNING gpu=-;"
                            "e RUNNING gpu=0"), ==, "IDLE:e");
}

static void
test_flapping (Fixture       *f,
               gconstpointer  data)
{
  feed (f, "a RUNNING gpu=90");

  /* One list without a runtime, then back: nothing at all. */
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  g_assert_cmpstr (feed (f, "a RUNNING gpu=90"), ==, "");
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  g_assert_cmpstr (feed (f, "a RUNNING gpu=90"), ==, "");

  /* Two in a row: it was down, and coming up again is news. */
  feed (f, "a RUNNING");
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  g_assert_cmpstr (feed (f, "a RUNNING gpu=90"), ==, "READY:a");

  /* A pod that just came up and flaps: still told once. */
  feed (f, "a EXITED");
  feed (f, "a RUNNING");
  g_assert_cmpstr (feed (f, "a RUNNING up"), ==, "READY:a");
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  g_assert_cmpstr (feed (f, "a RUNNING up"), ==, "");

  /* A stop during a flap is a stop. */
  feed (f, "a RUNNING");
  g_assert_cmpstr (feed (f, "a EXITED"), ==, "STOPPED:a");
}

static void
test_flapping_timers (Fixture       *f,
                      gconstpointer  data)
{
  /* A flap neither ends an idle period... */
  feed (f, "a RUNNING gpu=0");
  advance (f, 20);
  feed (f, "a RUNNING");
  advance (f, 10);
  g_assert_cmpstr (feed (f, "a RUNNING gpu=0"), ==, "IDLE:a");

  /* ...nor hides how long a pod that went down has been starting. */
  feed (f, "a RUNNING");
  advance (f, 6);
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "");
  advance (f, 4);
  g_assert_cmpstr (feed (f, "a RUNNING"), ==, "STUCK:a");
}

static void
test_unknown_status (Fixture       *f,
                     gconstpointer  data)
{
  feed (f, "a RUNNING up; b EXITED");
  g_assert_cmpstr (feed (f, "a MIGRATING; b WHATEVER"), ==, "");
  g_assert_cmpstr (feed (f, "a RUNNING up; b EXITED"), ==, "");
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  feed (f, "a RUNNING up; b RUNNING");

  /* Signed out: the list empties, which is no termination. */
  gantry_status_watcher_reset (f->watcher);
  g_assert_cmpstr (feed (f, ""), ==, "");
  g_assert_cmpstr (feed (f, "a RUNNING up; b RUNNING up"), ==, "");
  g_assert_cmpstr (feed (f, "a EXITED; b RUNNING up"), ==, "STOPPED:a");
}

static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr (GantryPodStore) store = gantry_pod_store_new ();
  g_autoptr (GPtrArray) first = make_pods ("a RUNNING; b RUNNING up");
  g_autoptr (GPtrArray) second = make_pods ("a RUNNING up; b RUNNING up");
  g_autoptr (GantryPod) stopped = make_pod ("b EXITED");

  gantry_status_watcher_set_store (f->watcher, store);

  gantry_pod_store_update (store, first);
  g_assert_cmpstr (f->events->str, ==, "");
  gantry_pod_store_update (store, second);
  g_assert_cmpstr (f->events->str, ==, "READY:a");

  /* A single re-read after an action, and a removal. */
  g_string_truncate (f->events, 0);
  gantry_pod_store_update_one (store, stopped);
  g_assert_cmpstr (f->events->str, ==, "STOPPED:b");
  g_string_truncate (f->events, 0);
  gantry_pod_store_remove (store, "a");
  g_assert_cmpstr (f->events->str, ==, "TERMINATED:a");

  gantry_status_watcher_set_store (f->watcher, NULL);
  g_string_truncate (f->events, 0);
  gantry_pod_store_update (store, second);
  g_assert_cmpstr (f->events->str, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/gantry/status-watcher/" path, Fixture, NULL, \
              fixture_set_up, func, fixture_tear_down)
  ADD ("first-load", test_first_load);
  ADD ("transitions", test_transitions);
  ADD ("event-fields", test_event_fields);
  ADD ("spot-stopped-here", test_spot_stopped_here);
  ADD ("created", test_created);
  ADD ("stuck-starting", test_stuck_starting);
  ADD ("idle", test_idle);
  ADD ("idle-readings", test_idle_readings);
  ADD ("flapping", test_flapping);
  ADD ("flapping-timers", test_flapping_timers);
  ADD ("unknown-status", test_unknown_status);
  ADD ("reset", test_reset);
  ADD ("store", test_store);
#undef ADD

  return g_test_run ();
}
