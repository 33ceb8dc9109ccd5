/* gantry-client-create.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Creating a pod: podFindAndDeployOnDemand, or podRentInterruptable for
 * spot, with the spec's input as the only variable. Nothing is retried
 * here: a create that timed out may well have happened, and only the
 * caller, who can re-read the pod list, may decide what to do next. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gantry-client-private.h"
#include "gantry-queries.h"
#include "model/gantry-pod-spec.h"

static const char gantry_mutation_on_demand[] =
  "mutation PodFindAndDeployOnDemand("
  "$input: PodFindAndDeployOnDemandInput!) { "
  "podFindAndDeployOnDemand(input: $input) { " GANTRY_POD_FIELDS " } }";

static const char gantry_mutation_spot[] =
  "mutation PodRentInterruptable($input: PodRentInterruptableInput!) { "
  "podRentInterruptable(input: $input) { " GANTRY_POD_FIELDS " } }";

/* A create answers with the new pod; null without errors says nothing
 * about what happened, which is not "not found". */
static gpointer
reply_created_pod (GantryCall  *call,
                   JsonObject  *data,
                   GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonNode *node = json_object_get_member (data, call->operation->name);
  GantryPod *pod;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, GANTRY_API_ERROR,
                           GANTRY_API_ERROR_INVALID_RESPONSE,
                           _("RunPod did not say which pod it created."));
      return NULL;
    }

  pod = gantry_pod_new_from_json (json_node_get_object (node), &local_error);
  if (pod == NULL)
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                 _("RunPod sent a pod Gantry cannot read: %s"),
                 local_error->message);

  return pod;
}

static const GantryOperation on_demand_operation =
  { "podFindAndDeployOnDemand", reply_created_pod, g_object_unref, FALSE };
static const GantryOperation spot_operation =
  { "podRentInterruptable", reply_created_pod, g_object_unref, FALSE };

static JsonNode *
build_variables (GantryPodSpec *spec)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_add_value (builder, gantry_pod_spec_to_input (spec));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/**
 * gantry_client_create_pod_async:
 * @spec: the pod; read at once, so it may change after the call
 *
 * Sends the create mutation that fits @spec (on demand or spot). The
 * caller validates @spec first; RunPod's own refusals (no capacity, bid
 * too low) come back as GANTRY_API_ERROR_GRAPHQL with RunPod's words.
 */
void
gantry_client_create_pod_async (GantryClient        *self,
                                GantryPodSpec       *spec,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  gboolean spot;
  GTask *task;

  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (GANTRY_IS_POD_SPEC (spec));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  spot = gantry_pod_spec_get_spot (spec);
  task = _gantry_client_call_new (self,
                                  spot ? &spot_operation
                                       : &on_demand_operation,
                                  NULL, gantry_client_create_pod_async,
                                  cancellable, callback, user_data);
  _gantry_client_send (self, task,
                       spot ? gantry_mutation_spot
                            : gantry_mutation_on_demand,
                       build_variables (spec));
}

GantryPod *
gantry_client_create_pod_finish (GantryClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _gantry_client_finish_pointer (self, result,
                                        gantry_client_create_pod_async,
                                        error);
}
