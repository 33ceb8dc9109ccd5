/* gantry-pod.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "gantry-json-text.h"

G_BEGIN_DECLS

/* What a person sees, derived from desiredStatus, runtime and pod type as
 * in DESIGN.md. Declared in the order the status sorter ranks them. */
typedef enum
{
  GANTRY_POD_STATUS_RUNNING,
  GANTRY_POD_STATUS_STARTING,
  GANTRY_POD_STATUS_CREATED,
  GANTRY_POD_STATUS_RESTARTING,
  GANTRY_POD_STATUS_PAUSED,
  GANTRY_POD_STATUS_INTERRUPTED,
  GANTRY_POD_STATUS_STOPPED,
  GANTRY_POD_STATUS_DEAD,
  GANTRY_POD_STATUS_TERMINATED,
  GANTRY_POD_STATUS_UNKNOWN,
} GantryPodStatus;

GType        gantry_pod_status_get_type     (void) G_GNUC_CONST;
#define GANTRY_TYPE_POD_STATUS (gantry_pod_status_get_type ())

/* Translated word for a status ("Running", "Starting", ...). */
const char  *gantry_pod_status_to_string    (GantryPodStatus status);

/* A port mapping from runtime.ports. */
typedef struct
{
  char    *ip;           /* nullable */
  gboolean is_ip_public;
  int      private_port;
  int      public_port;
  char    *type;         /* "http" or "tcp", nullable */
} GantryPodPort;

/* One GPU from runtime.gpus. Percentages are -1 when unknown. */
typedef struct
{
  char *id;              /* nullable */
  int   gpu_util_percent;
  int   memory_util_percent;
} GantryPodGpu;

#define GANTRY_TYPE_POD (gantry_pod_get_type ())

G_DECLARE_FINAL_TYPE (GantryPod, gantry_pod, GANTRY, POD, GObject)

/* Parses one element of `myself.pods` (or `pod`). Only `id` is required;
 * every other field may be missing, null, or a number sent as a string. */
GantryPod       *gantry_pod_new_from_json        (JsonObject  *object,
                                                  GError     **error);
/* The same, read from the text of the pod (gantry-json-text.h). */
GantryPod       *gantry_pod_new_from_json_text   (GantryJsonTextObject  *object,
                                                  GError               **error);

/* Copies every field of @other into @self, emitting notify only for the
 * properties whose value changed. Returns TRUE if anything changed. The
 * local marks are kept: status-since changes only with the status (or when
 * a running container restarts), and stop-requested until the pod runs
 * again after the stop. */
gboolean         gantry_pod_update_from          (GantryPod   *self,
                                                  GantryPod   *other);
/* The same, telling which properties changed: the bit 1 << param_id of
 * each one's GParamSpec; 0 when nothing did. */
guint64          gantry_pod_update_from_mask     (GantryPod   *self,
                                                  GantryPod   *other);

const char      *gantry_pod_get_id               (GantryPod   *self);
const char      *gantry_pod_get_name             (GantryPod   *self);
/* The name, or the id when the name is empty. */
const char      *gantry_pod_get_display_name     (GantryPod   *self);
/* The display name case-folded into a collation key: pods sort by name
 * with strcmp () on it. Computed once per name, so that sorting thousands
 * of pods costs no allocation. */
const char      *gantry_pod_get_sort_key         (GantryPod   *self);
const char      *gantry_pod_get_desired_status   (GantryPod   *self);
GantryPodStatus  gantry_pod_get_status           (GantryPod   *self);
/* Unix time when the current status was first seen (or, for a running
 * pod, when it came up according to its uptime); 0 if unknown. */
gint64           gantry_pod_get_status_since     (GantryPod   *self);
void             gantry_pod_set_status_since     (GantryPod   *self,
                                                  gint64       unix_time);
const char      *gantry_pod_get_pod_type         (GantryPod   *self);
gboolean         gantry_pod_is_spot              (GantryPod   *self);
/* Set when the person stopped this pod from Gantry, so that an EXITED
 * spot pod reads "Stopped", not "Interrupted". */
gboolean         gantry_pod_get_stop_requested   (GantryPod   *self);
void             gantry_pod_set_stop_requested   (GantryPod   *self,
                                                  gboolean     requested);
/* Marks a pod that is gone from the list, or that was terminated from
 * here: its desired status becomes TERMINATED, and so does its status. */
void             gantry_pod_mark_terminated      (GantryPod   *self);

const char      *gantry_pod_get_gpu_type_id      (GantryPod   *self);
const char      *gantry_pod_get_gpu_display_name (GantryPod   *self);
int              gantry_pod_get_gpu_count        (GantryPod   *self);
double           gantry_pod_get_vcpu_count       (GantryPod   *self);
double           gantry_pod_get_memory_in_gb     (GantryPod   *self);
int              gantry_pod_get_container_disk_in_gb (GantryPod *self);
double           gantry_pod_get_volume_in_gb     (GantryPod   *self);
const char      *gantry_pod_get_volume_mount_path (GantryPod  *self);
const char      *gantry_pod_get_image_name       (GantryPod   *self);
const char      *gantry_pod_get_location         (GantryPod   *self);
/* Cost per hour in dollars; 0 or less means unknown, never free. */
double           gantry_pod_get_cost_per_hr      (GantryPod   *self);
/* Minimum bid per GPU to resume a spot pod; 0 or less if unknown. */
double           gantry_pod_get_lowest_bid_price_to_resume (GantryPod *self);
/* The `ports` string as the API sends it: "8888/http,22/tcp". */
const char      *gantry_pod_get_ports            (GantryPod   *self);

/* Environment as "KEY=value" strings, and split at the first '='. */
const char * const *gantry_pod_get_env           (GantryPod   *self);
gboolean         gantry_pod_split_env            (const char  *entry,
                                                  char       **key,
                                                  char       **value);

/* Runtime: absent while starting and after a stop. A stopped pod's stale
 * runtime is dropped when parsed. */
gboolean         gantry_pod_has_runtime          (GantryPod   *self);
/* Seconds since the container came up, or -1 without a runtime. */
gint64           gantry_pod_get_uptime_seconds   (GantryPod   *self);
/* Element type GantryPodPort; never NULL, empty without a runtime. */
GPtrArray       *gantry_pod_get_runtime_ports    (GantryPod   *self);
/* Element type GantryPodGpu; never NULL, empty without a runtime. */
GPtrArray       *gantry_pod_get_runtime_gpus     (GantryPod   *self);
/* -1 when unknown. */
int              gantry_pod_get_cpu_percent      (GantryPod   *self);
int              gantry_pod_get_memory_percent   (GantryPod   *self);

/* Connection routes. The SSH command ("ssh root@<ip> -p <port>") needs a
 * running pod with a public 22/tcp mapping; NULL otherwise. */
char            *gantry_pod_dup_ssh_command      (GantryPod   *self);
/* https://<podId>-<port>.proxy.runpod.net for each http port of a running
 * pod; a NULL-terminated vector, never NULL, empty when there is none. */
GStrv            gantry_pod_dup_proxy_urls       (GantryPod   *self);
/* Why the route is unavailable, as a translated sentence for the detail
 * pane ("The pod is not running", "Port 22 has no public IP"), or NULL
 * when it is available. */
const char      *gantry_pod_describe_ssh_unavailable   (GantryPod *self);
const char      *gantry_pod_describe_proxy_unavailable (GantryPod *self);

G_END_DECLS
