/* gantry-test-faults.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by the fault matrix's test programs (test-faults.c and
 * test-faults-more.c): a window on its own client, store and refresher,
 * with short intervals, against the simulator, and helpers that read
 * what the window shows. */

#pragma once

#include <adwaita.h>

#include "gantry-test-front.h"
#include "gantry-test-sim.h"
#include "model/gantry-pod-store.h"
#include "ui/gantry-window-private.h"

G_BEGIN_DECLS

#define DEADLINE_S 60
#define NORMAL_MS  300
#define FAST_MS    150
#define MAX_MS     1200

/* From the simulator's demo set. */
#define N_DEMO_PODS  12
#define RUNNING_ID   "k3q9x2m7p1v8za"
#define RUNNING_NAME "sdxl-lora-training"
#define DOOMED_ID    "d4t4pr3pa5000x"
#define DOOMED_NAME  "data-prep"

#define HTTP_FAULT(status) \
  "{\"op\": \"fault\", \"kind\": \"http\", \"status\": " #status ", " \
  "\"count\": -1}"
#define SHAPE_FAULT(shape) \
  "{\"op\": \"fault\", \"kind\": \"wrong_shape\", \"shape\": \"" shape \
  "\", \"count\": -1}"

#define SLOW_DOWN "RunPod asked Gantry to slow down"
#define TROUBLE   "RunPod is having trouble"
#define UNREACHED "Cannot reach RunPod"
#define GARBLED   "RunPod sent an answer Gantry does not understand"
#define REFUSED   "RunPod refused the request"
#define OUTAGES   "uptime.runpod.io"
#define UPDATE    "Gantry may need an update"
#define ONLINE    "Check that this computer is connected"

extern GantryTestSim *sim;

typedef struct
{
  SoupSession     *session;
  GantryClient    *client;
  GantryPodStore  *store;
  GantryRefresher *refresher;
  GantryWindow    *window;
  GantryTestFront *front;      /* nullable */
  guint            n_failed;
  GArray          *delays;     /* guint: the back-off after each failure */
  guint            ticks;      /* of a 50 ms timeout */
  guint            busy_ticks; /* of those, while a refresh was on its way */
  guint            tick_id;
} Fixture;

/* Runs the main loop until @cond holds; fails after DEADLINE_S. */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      spin (20); \
    g_assert_true (cond); \
  } G_STMT_END

void        spin              (guint       ms);
void        control           (const char *json);
/* Recorded requests whose query contains @text ("mutation": all). */
guint       count_requests    (const char *text);
gboolean    sim_pod_is        (const char *id,
                               const char *desired_status);

gboolean    page_is           (Fixture    *f,
                               const char *name);
guint       n_listed          (Fixture    *f);
GantryPod  *selected_pod      (Fixture    *f);
gboolean    banner_shown      (Fixture    *f);
const char *banner_title      (Fixture    *f);
const char *banner_detail     (Fixture    *f);
gboolean    shows_text        (GtkWidget  *widget,
                               const char *text);
guint       position_of       (Fixture    *f,
                               const char *id);
GantryPod  *select_pod        (Fixture    *f,
                               const char *id);
/* The button under @widget with @label or @action (either may be NULL). */
GtkWidget  *find_button       (GtkWidget  *widget,
                               const char *label,
                               const char *action);

void        fixture_set_up    (Fixture       *f,
                               gconstpointer  data);
void        fixture_tear_down (Fixture       *f,
                               gconstpointer  data);
/* The window on @url, through a session that gives up after @timeout_s;
 * waits for the first list when @n_pods is not 0. */
void        open_window       (Fixture    *f,
                               const char *url,
                               guint       timeout_s,
                               guint       n_pods);
void        close_window      (Fixture    *f);

typedef enum
{
  ROUTE_SIM,      /* the fault is a simulator fault */
  ROUTE_CLOSED,   /* the front's port is closed */
  ROUTE_NO_DNS,   /* the front's name does not resolve */
  ROUTE_BAD_CERT, /* the front's certificate is not trusted */
} Route;

typedef struct
{
  Route       route;
  const char *fault;     /* ROUTE_SIM: the control command */
  const char *title;     /* the banner's title */
  const char *words;     /* in the banner's detail: what to do */
  guint       min_delay; /* ms the back-off must at least wait */
  guint       timeout_s; /* the session's; 0 for 30 */
  gboolean    from_start; /* before the first list */
} Trouble;

/* Runs @t on the open window showing @n_pods: the banner, the list kept,
 * the back-off, no action sent, and the recovery. */
void        run_trouble       (Fixture       *f,
                               const Trouble *t,
                               guint          n_pods);

/* test-faults-more.c */
void        add_more_tests    (void);

G_END_DECLS
