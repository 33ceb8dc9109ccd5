/* gantry-queries.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GraphQL documents the client sends. They are fixed texts: every value
 * that comes from the person or the server travels in `variables`. Each
 * field here is declared in runpod-schema.graphql, and only the fields the
 * screens show are asked for. */

#pragma once

/* A pod as the list and the detail pane need it; mutations ask for the
 * same so that their answer can replace the pod in the store. The pane
 * numbers the GPUs (GPU 1, GPU 2): their ids would be 50 bytes each, on
 * every refresh, for nothing. */
#define GANTRY_POD_FIELDS \
  "id name desiredStatus podType imageName costPerHr gpuCount vcpuCount " \
  "memoryInGb containerDiskInGb volumeInGb volumeMountPath ports env " \
  "lowestBidPriceToResume " \
  "machine { gpuDisplayName gpuTypeId location } " \
  "runtime { uptimeInSeconds " \
  "ports { ip isIpPublic privatePort publicPort type } " \
  "gpus { gpuUtilPercent memoryUtilPercent } " \
  "container { cpuPercent memoryPercent } }"

#define GANTRY_ACCOUNT_FIELDS "id clientBalance currentSpendPerHr"

static const char gantry_query_account[] =
  "query Account { myself { " GANTRY_ACCOUNT_FIELDS " } }";

static const char gantry_query_pods[] =
  "query Pods { myself { " GANTRY_ACCOUNT_FIELDS
  " pods { " GANTRY_POD_FIELDS " } } }";

static const char gantry_query_pod[] =
  "query Pod($input: PodFilter!) { pod(input: $input) { "
  GANTRY_POD_FIELDS " } }";

static const char gantry_mutation_stop[] =
  "mutation PodStop($input: PodStopInput!) { podStop(input: $input) { "
  GANTRY_POD_FIELDS " } }";

static const char gantry_mutation_resume[] =
  "mutation PodResume($input: PodResumeInput!) { podResume(input: $input) { "
  GANTRY_POD_FIELDS " } }";

static const char gantry_mutation_bid_resume[] =
  "mutation PodBidResume($input: PodBidResumeInput!) { "
  "podBidResume(input: $input) { " GANTRY_POD_FIELDS " } }";

/* podTerminate returns the Void scalar: no selection set is allowed. */
static const char gantry_mutation_terminate[] =
  "mutation PodTerminate($input: PodTerminateInput!) { "
  "podTerminate(input: $input) }";

static const char gantry_query_gpu_types[] =
  "query GpuTypes($lp: GpuLowestPriceInput!) { gpuTypes { "
  "id displayName manufacturer memoryInGb secureCloud communityCloud "
  "maxGpuCount lowestPrice(input: $lp) { stockStatus uninterruptablePrice "
  "minimumBidPrice availableGpuCounts } } }";
