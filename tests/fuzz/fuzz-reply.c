/* fuzz-reply.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* libFuzzer target: the client's handling of a reply body, as
 * gantry_call_complete() in gantry-client.c runs it once the HTTP status
 * and content type have passed: for the pod list, the scanner that lifts
 * the pods out of the text (gantry-client-pods.c) first. The first byte
 * picks the operation whose reply it is (P pods, p pod, a account, g GPU
 * types, anything else terminate, which expects no data); the rest is
 * the body. Whatever the bytes, the answer is a
 * result or a GANTRY_API_ERROR, never both, never a crash or a critical. */

#include "config.h"

#include "api/gantry-client-private.h"
#include "gantry-fuzz.h"

static const GantryOperation operations[] = {
  { "myself", _gantry_reply_pods, (GDestroyNotify) g_ptr_array_unref, TRUE,
    TRUE },
  { "pod", _gantry_reply_pod, g_object_unref, FALSE, FALSE },
  { "myself", _gantry_reply_account, g_object_unref, FALSE, FALSE },
  { "gpuTypes", _gantry_reply_gpu_types, (GDestroyNotify) g_ptr_array_unref,
    TRUE, FALSE },
  { "podTerminate", NULL, NULL, FALSE, FALSE },
};

static const GantryOperation *
pick (guint8 selector)
{
  switch (selector)
    {
    case 'P':
      return &operations[0];
    case 'p':
      return &operations[1];
    case 'a':
      return &operations[2];
    case 'g':
      return &operations[3];
    default:
      return &operations[4];
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GBytes) lifted = NULL;
  g_autoptr (JsonObject) reply = NULL;
  g_autoptr (GError) error = NULL;
  GantryCall call = { 0 };
  gpointer result = NULL;

  if (size == 0)
    return 0;

  gantry_fuzz_init ();
  call.operation = pick (data[0]);
  call.pod_id = (char *) "fuzzpod";
  body = g_bytes_new (data + 1, size - 1);

  if (call.operation->by_pod)
    lifted = _gantry_reply_lift_pods (body, &call.lifted_pods,
                                      &call.lifted_error);
  reply = _gantry_reply_parse_data (lifted != NULL ? lifted : body, &error);
  if (reply != NULL && call.operation->reply != NULL)
    result = call.operation->reply (&call, reply, &error);

  g_assert_true (reply == NULL || call.operation->reply == NULL
                 || (result == NULL) == (error != NULL));
  g_assert_true (error == NULL || error->domain == GANTRY_API_ERROR);
  g_assert_true (error == NULL || g_utf8_validate (error->message, -1, NULL));

  if (result != NULL)
    call.operation->result_free (result);
  g_clear_object (&call.account);
  g_clear_pointer (&call.lifted_pods, g_ptr_array_unref);
  g_clear_error (&call.lifted_error);

  return 0;
}
