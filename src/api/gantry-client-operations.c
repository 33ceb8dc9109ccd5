/* gantry-client-operations.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The operations of GantryClient: what each sends and expects back.
 *
 * A GANTRY_API_ERROR_GRAPHQL from a mutation does not prove that nothing
 * happened: RunPod sometimes reports an error for an action it carried
 * out. Callers re-read the pod before telling the person the outcome. */

#include "config.h"

#include <math.h>

#include "gantry-client-private.h"
#include "gantry-queries.h"

static const GantryOperation account_operation =
  { "myself", _gantry_reply_account, g_object_unref, TRUE };
static const GantryOperation pods_operation =
  { "myself", _gantry_reply_pods, (GDestroyNotify) g_ptr_array_unref, TRUE,
    TRUE };
static const GantryOperation pod_operation =
  { "pod", _gantry_reply_pod, g_object_unref, TRUE };
static const GantryOperation stop_operation =
  { "podStop", _gantry_reply_pod, g_object_unref, FALSE };
static const GantryOperation resume_operation =
  { "podResume", _gantry_reply_pod, g_object_unref, FALSE };
static const GantryOperation bid_resume_operation =
  { "podBidResume", _gantry_reply_pod, g_object_unref, FALSE };
static const GantryOperation terminate_operation =
  { "podTerminate", NULL, NULL, FALSE };
static const GantryOperation gpu_types_operation =
  { "gpuTypes", _gantry_reply_gpu_types,
    (GDestroyNotify) g_ptr_array_unref, TRUE };

/* {"input": {"podId": …, …}}, left open for more members of the input. */
static JsonBuilder *
begin_pod_input (const char *pod_id)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "podId");
  json_builder_add_string_value (builder, pod_id);
  return builder;
}

static JsonNode *
end_pod_input (JsonBuilder *builder)
{
  g_autoptr (JsonBuilder) owned = builder;

  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Sends an operation whose only variable is {"input": {"podId": …}}. */
static void
send_pod_id (GantryClient          *self,
             const GantryOperation *operation,
             const char            *query,
             const char            *pod_id,
             gpointer               source_tag,
             GCancellable          *cancellable,
             GAsyncReadyCallback    callback,
             gpointer               user_data)
{
  GTask *task = _gantry_client_call_new (self, operation, pod_id, source_tag,
                                         cancellable, callback, user_data);

  _gantry_client_send (self, task, query,
                       end_pod_input (begin_pod_input (pod_id)));
}

void
gantry_client_get_account_async (GantryClient        *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _gantry_client_call_new (self, &account_operation, NULL,
                                  gantry_client_get_account_async,
                                  cancellable, callback, user_data);
  _gantry_client_send (self, task, gantry_query_account, NULL);
}

GantryAccount *
gantry_client_get_account_finish (GantryClient  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _gantry_client_finish_pointer (self, result,
                                        gantry_client_get_account_async,
                                        error);
}

void
gantry_client_list_pods_async (GantryClient        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _gantry_client_call_new (self, &pods_operation, NULL,
                                  gantry_client_list_pods_async,
                                  cancellable, callback, user_data);
  _gantry_client_send (self, task, gantry_query_pods, NULL);
}

GPtrArray *
gantry_client_list_pods_finish (GantryClient   *self,
                                GAsyncResult   *result,
                                GantryAccount **out_account,
                                GError        **error)
{
  GPtrArray *pods;
  GantryCall *call;

  if (out_account != NULL)
    *out_account = NULL;

  pods = _gantry_client_finish_pointer (self, result,
                                        gantry_client_list_pods_async, error);
  if (pods != NULL && out_account != NULL)
    {
      call = g_task_get_task_data (G_TASK (result));
      *out_account = g_object_ref (call->account);
    }

  return pods;
}

void
gantry_client_get_pod_async (GantryClient        *self,
                             const char          *pod_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (pod_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  send_pod_id (self, &pod_operation, gantry_query_pod, pod_id,
               gantry_client_get_pod_async, cancellable, callback, user_data);
}

GantryPod *
gantry_client_get_pod_finish (GantryClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _gantry_client_finish_pointer (self, result,
                                        gantry_client_get_pod_async, error);
}

void
gantry_client_stop_pod_async (GantryClient        *self,
                              const char          *pod_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (pod_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  send_pod_id (self, &stop_operation, gantry_mutation_stop, pod_id,
               gantry_client_stop_pod_async, cancellable, callback, user_data);
}

GantryPod *
gantry_client_stop_pod_finish (GantryClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _gantry_client_finish_pointer (self, result,
                                        gantry_client_stop_pod_async, error);
}

void
gantry_client_resume_pod_async (GantryClient        *self,
                                const char          *pod_id,
                                int                  gpu_count,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  JsonBuilder *input;
  GTask *task;

  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (pod_id != NULL);
  g_return_if_fail (gpu_count > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _gantry_client_call_new (self, &resume_operation, pod_id,
                                  gantry_client_resume_pod_async,
                                  cancellable, callback, user_data);

  input = begin_pod_input (pod_id);
  json_builder_set_member_name (input, "gpuCount");
  json_builder_add_int_value (input, gpu_count);
  _gantry_client_send (self, task, gantry_mutation_resume,
                       end_pod_input (input));
}

GantryPod *
gantry_client_resume_pod_finish (GantryClient  *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _gantry_client_finish_pointer (self, result,
                                        gantry_client_resume_pod_async, error);
}

void
gantry_client_bid_resume_pod_async (GantryClient        *self,
                                    const char          *pod_id,
                                    double               bid_per_gpu,
                                    int                  gpu_count,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  JsonBuilder *input;
  GTask *task;

  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (pod_id != NULL);
  g_return_if_fail (isfinite (bid_per_gpu) && bid_per_gpu > 0);
  g_return_if_fail (gpu_count > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _gantry_client_call_new (self, &bid_resume_operation, pod_id,
                                  gantry_client_bid_resume_pod_async,
                                  cancellable, callback, user_data);

  input = begin_pod_input (pod_id);
  json_builder_set_member_name (input, "bidPerGpu");
  json_builder_add_double_value (input, bid_per_gpu);
  json_builder_set_member_name (input, "gpuCount");
  json_builder_add_int_value (input, gpu_count);
  _gantry_client_send (self, task, gantry_mutation_bid_resume,
                       end_pod_input (input));
}

GantryPod *
gantry_client_bid_resume_pod_finish (GantryClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _gantry_client_finish_pointer (self, result,
                                        gantry_client_bid_resume_pod_async,
                                        error);
}

void
gantry_client_terminate_pod_async (GantryClient        *self,
                                   const char          *pod_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (pod_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  send_pod_id (self, &terminate_operation, gantry_mutation_terminate, pod_id,
               gantry_client_terminate_pod_async,
               cancellable, callback, user_data);
}

gboolean
gantry_client_terminate_pod_finish (GantryClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (GANTRY_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gantry_client_terminate_pod_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* {"lp": GpuLowestPriceInput}; secureCloud is left out for all clouds. */
static JsonNode *
build_lowest_price_input (int                 gpu_count,
                          GantryCloud         cloud,
                          const char * const *cuda_versions)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lp");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "gpuCount");
  json_builder_add_int_value (builder, gpu_count);

  if (cloud != GANTRY_CLOUD_ALL)
    {
      json_builder_set_member_name (builder, "secureCloud");
      json_builder_add_boolean_value (builder, cloud == GANTRY_CLOUD_SECURE);
    }

  if (cuda_versions != NULL && cuda_versions[0] != NULL)
    {
      json_builder_set_member_name (builder, "allowedCudaVersions");
      json_builder_begin_array (builder);
      for (guint i = 0; cuda_versions[i] != NULL; i++)
        json_builder_add_string_value (builder, cuda_versions[i]);
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
gantry_client_list_gpu_types_async (GantryClient        *self,
                                    int                  gpu_count,
                                    GantryCloud          cloud,
                                    const char * const  *cuda_versions,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GANTRY_IS_CLIENT (self));
  g_return_if_fail (gpu_count > 0);
  g_return_if_fail (cloud <= GANTRY_CLOUD_COMMUNITY);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = _gantry_client_call_new (self, &gpu_types_operation, NULL,
                                  gantry_client_list_gpu_types_async,
                                  cancellable, callback, user_data);
  _gantry_client_send (self, task, gantry_query_gpu_types,
                       build_lowest_price_input (gpu_count, cloud,
                                                 cuda_versions));
}

GPtrArray *
gantry_client_list_gpu_types_finish (GantryClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _gantry_client_finish_pointer (self, result,
                                        gantry_client_list_gpu_types_async,
                                        error);
}
