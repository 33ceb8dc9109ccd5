/* gantry-pod-spec.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "api/gantry-client.h"
#include "gantry-gpu-type.h"

G_BEGIN_DECLS

/* Bounds a person can choose within; the GSettings keys of the same
 * values use the same ranges. */
#define GANTRY_POD_SPEC_MAX_GPU_COUNT        8
#define GANTRY_POD_SPEC_MIN_CONTAINER_DISK   1
#define GANTRY_POD_SPEC_MAX_CONTAINER_DISK   1000
#define GANTRY_POD_SPEC_MAX_VOLUME           10000
#define GANTRY_POD_SPEC_MAX_VCPU             256
#define GANTRY_POD_SPEC_MAX_MEMORY           2048
#define GANTRY_POD_SPEC_MAX_NAME_LENGTH      100
#define GANTRY_POD_SPEC_MAX_HTTP_PORTS       10
#define GANTRY_POD_SPEC_MAX_BID              100.0

typedef enum
{
  GANTRY_PORT_HTTP,
  GANTRY_PORT_TCP,
} GantryPortProtocol;

/* The fields of a pod spec, in the order the Create Pod dialog asks for
 * them; validation reports the first invalid one in this order. */
typedef enum
{
  GANTRY_POD_SPEC_FIELD_NONE,
  GANTRY_POD_SPEC_FIELD_GPU_TYPE,
  GANTRY_POD_SPEC_FIELD_GPU_COUNT,
  GANTRY_POD_SPEC_FIELD_NAME,
  GANTRY_POD_SPEC_FIELD_IMAGE,
  GANTRY_POD_SPEC_FIELD_CONTAINER_DISK,
  GANTRY_POD_SPEC_FIELD_VOLUME,
  GANTRY_POD_SPEC_FIELD_MOUNT_PATH,
  GANTRY_POD_SPEC_FIELD_PORTS,
  GANTRY_POD_SPEC_FIELD_ENV,
  GANTRY_POD_SPEC_FIELD_MIN_VCPU,
  GANTRY_POD_SPEC_FIELD_MIN_MEMORY,
  GANTRY_POD_SPEC_FIELD_BID,
} GantryPodSpecField;

/* "ALL", "SECURE", "COMMUNITY": the CloudTypeEnum value. from_string
 * returns GANTRY_CLOUD_ALL for anything else. */
const char    *gantry_cloud_to_string             (GantryCloud         cloud);
GantryCloud    gantry_cloud_from_string           (const char         *text);

#define GANTRY_TYPE_POD_SPEC (gantry_pod_spec_get_type ())

/* The pod a person is about to create: what the Create Pod dialog edits,
 * checks field by field, prices, and turns into the `input` of
 * podFindAndDeployOnDemand or podRentInterruptable. */
G_DECLARE_FINAL_TYPE (GantryPodSpec, gantry_pod_spec, GANTRY, POD_SPEC, GObject)

/* One GPU on any cloud, a 20 GB container disk, no volume, no ports, no
 * environment, on demand. */
GantryPodSpec *gantry_pod_spec_new                (void);

const char    *gantry_pod_spec_get_name           (GantryPodSpec      *self);
void           gantry_pod_spec_set_name           (GantryPodSpec      *self,
                                                   const char         *name);
const char    *gantry_pod_spec_get_image_name     (GantryPodSpec      *self);
void           gantry_pod_spec_set_image_name     (GantryPodSpec      *self,
                                                   const char         *image);

/* The GPU type chosen in the catalogue (nullable); setting it also sets
 * the id. Its lowestPrice gives the on-demand price and the minimum bid,
 * so it should have been read for this spec's GPU count and cloud. */
GantryGpuType *gantry_pod_spec_get_gpu_type       (GantryPodSpec      *self);
void           gantry_pod_spec_set_gpu_type       (GantryPodSpec      *self,
                                                   GantryGpuType      *type);
/* The id alone (a remembered choice); drops a type with another id. */
const char    *gantry_pod_spec_get_gpu_type_id    (GantryPodSpec      *self);
void           gantry_pod_spec_set_gpu_type_id    (GantryPodSpec      *self,
                                                   const char         *id);
int            gantry_pod_spec_get_gpu_count      (GantryPodSpec      *self);
void           gantry_pod_spec_set_gpu_count      (GantryPodSpec      *self,
                                                   int                 count);
GantryCloud    gantry_pod_spec_get_cloud          (GantryPodSpec      *self);
void           gantry_pod_spec_set_cloud          (GantryPodSpec      *self,
                                                   GantryCloud         cloud);
/* NULL-terminated; never NULL, empty when any CUDA version will do. */
const char * const *gantry_pod_spec_get_cuda_versions (GantryPodSpec  *self);
void           gantry_pod_spec_set_cuda_versions  (GantryPodSpec      *self,
                                                   const char * const *versions);

int            gantry_pod_spec_get_container_disk_gb (GantryPodSpec   *self);
void           gantry_pod_spec_set_container_disk_gb (GantryPodSpec   *self,
                                                      int              gb);
/* 0: no volume (the mount path is then not sent). */
int            gantry_pod_spec_get_volume_gb      (GantryPodSpec      *self);
void           gantry_pod_spec_set_volume_gb      (GantryPodSpec      *self,
                                                   int                 gb);
const char    *gantry_pod_spec_get_volume_mount_path (GantryPodSpec   *self);
void           gantry_pod_spec_set_volume_mount_path (GantryPodSpec   *self,
                                                      const char      *path);

/* Exposed ports, in order. */
guint          gantry_pod_spec_get_n_ports        (GantryPodSpec      *self);
void           gantry_pod_spec_get_port           (GantryPodSpec      *self,
                                                   guint               index,
                                                   int                *number,
                                                   GantryPortProtocol *protocol);
void           gantry_pod_spec_add_port           (GantryPodSpec      *self,
                                                   int                 number,
                                                   GantryPortProtocol  protocol);
void           gantry_pod_spec_clear_ports        (GantryPodSpec      *self);
/* "8888/http,22/tcp" as RunPod takes it; "" when there is none. */
char          *gantry_pod_spec_dup_ports_string   (GantryPodSpec      *self);
/* Replaces the ports with those of @text; pieces that are not
 * "<number>/http" or "<number>/tcp" are skipped and make it return FALSE. */
gboolean       gantry_pod_spec_set_ports_string   (GantryPodSpec      *self,
                                                   const char         *text);

/* Environment variables, in order. Values are kept as typed: they may
 * hold '=', quotes and newlines. */
guint          gantry_pod_spec_get_n_env          (GantryPodSpec      *self);
void           gantry_pod_spec_get_env            (GantryPodSpec      *self,
                                                   guint               index,
                                                   const char        **key,
                                                   const char        **value);
void           gantry_pod_spec_add_env            (GantryPodSpec      *self,
                                                   const char         *key,
                                                   const char         *value);
void           gantry_pod_spec_clear_env          (GantryPodSpec      *self);

/* 0: no minimum (not sent). */
int            gantry_pod_spec_get_min_vcpu_count (GantryPodSpec      *self);
void           gantry_pod_spec_set_min_vcpu_count (GantryPodSpec      *self,
                                                   int                 count);
int            gantry_pod_spec_get_min_memory_gb  (GantryPodSpec      *self);
void           gantry_pod_spec_set_min_memory_gb  (GantryPodSpec      *self,
                                                   int                 gb);

/* Spot (interruptible) with a bid per GPU-hour in dollars, or on demand.
 * The bid is kept to a tenth of a cent. */
gboolean       gantry_pod_spec_get_spot           (GantryPodSpec      *self);
void           gantry_pod_spec_set_spot           (GantryPodSpec      *self,
                                                   gboolean            spot);
double         gantry_pod_spec_get_bid_per_gpu    (GantryPodSpec      *self);
void           gantry_pod_spec_set_bid_per_gpu    (GantryPodSpec      *self,
                                                   double              bid);
/* From the GPU type's lowestPrice; negative when unknown. */
double         gantry_pod_spec_get_minimum_bid    (GantryPodSpec      *self);

/* Dollars per hour for the whole pod: the bid, or the on-demand price of
 * the GPU type, times the GPU count. Negative when unknown. */
double         gantry_pod_spec_get_price_per_hour (GantryPodSpec      *self);

/* Field checks. Each returns NULL when the value is fine, else a newly
 * allocated, translated sentence saying what is wrong. */
char          *gantry_pod_spec_check_name         (const char         *name);
char          *gantry_pod_spec_check_image        (const char         *image);
char          *gantry_pod_spec_check_gpu_count    (int                 count);
char          *gantry_pod_spec_check_container_disk (int               gb);
char          *gantry_pod_spec_check_volume       (int                 gb);
char          *gantry_pod_spec_check_mount_path   (const char         *path);
char          *gantry_pod_spec_check_port         (int                 number);
char          *gantry_pod_spec_check_env_key      (const char         *key);
char          *gantry_pod_spec_check_min_vcpu     (int                 count);
char          *gantry_pod_spec_check_min_memory   (int                 gb);
/* @minimum: negative when unknown. */
char          *gantry_pod_spec_check_bid          (double              bid,
                                                   double              minimum);

/* The same for a field of @self. Ports and environment are checked as
 * lists (each entry, then duplicates); @out_index (nullable) receives
 * the first entry at fault, or -1. */
char          *gantry_pod_spec_check_field        (GantryPodSpec      *self,
                                                   GantryPodSpecField  field,
                                                   int                *out_index);
/* The first field at fault, or GANTRY_POD_SPEC_FIELD_NONE; @out_reason
 * (nullable) receives why. */
GantryPodSpecField gantry_pod_spec_validate       (GantryPodSpec      *self,
                                                   char              **out_reason);

/* The `input` object of the create mutation: only fields the input types
 * define; gpuCount, cloudType, containerDiskInGb and volumeInGb always;
 * allowedCudaVersions only with a CUDA filter; bidPerGpu only for spot;
 * unset fields left out. */
JsonNode      *gantry_pod_spec_to_input           (GantryPodSpec      *self);

G_END_DECLS
