/* gantry-api-error.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GANTRY_API_ERROR (gantry_api_error_quark ())

/**
 * GantryApiError:
 * @GANTRY_API_ERROR_UNAUTHORIZED: no key, or the key was rejected
 *   (HTTP 401/403, or `myself` came back null)
 * @GANTRY_API_ERROR_RATE_LIMITED: HTTP 429; see
 *   gantry_api_error_get_retry_after()
 * @GANTRY_API_ERROR_NETWORK: connection refused, DNS, TLS, network down
 * @GANTRY_API_ERROR_TIMEOUT: the server did not answer in time
 * @GANTRY_API_ERROR_SERVER: HTTP 5xx
 * @GANTRY_API_ERROR_GRAPHQL: the server answered with `errors`; the
 *   message is the server's own. A mutation may have taken effect all the
 *   same: re-read the pod before telling the person what happened
 * @GANTRY_API_ERROR_INVALID_RESPONSE: not JSON, or JSON of the wrong shape
 * @GANTRY_API_ERROR_NOT_FOUND: the pod asked for does not exist
 * @GANTRY_API_ERROR_INSECURE_ENDPOINT: plain http to a host that is not
 *   loopback, refused before anything is sent
 */
typedef enum
{
  GANTRY_API_ERROR_UNAUTHORIZED,
  GANTRY_API_ERROR_RATE_LIMITED,
  GANTRY_API_ERROR_NETWORK,
  GANTRY_API_ERROR_TIMEOUT,
  GANTRY_API_ERROR_SERVER,
  GANTRY_API_ERROR_GRAPHQL,
  GANTRY_API_ERROR_INVALID_RESPONSE,
  GANTRY_API_ERROR_NOT_FOUND,
  GANTRY_API_ERROR_INSECURE_ENDPOINT,
} GantryApiError;

GQuark gantry_api_error_quark          (void);

/* Seconds the server asked us to wait (Retry-After), or -1 when the error
 * is not a rate limit or the server did not say. */
int    gantry_api_error_get_retry_after (const GError *error);
void   _gantry_api_error_set_retry_after (GError *error,
                                          int     seconds);

G_END_DECLS
