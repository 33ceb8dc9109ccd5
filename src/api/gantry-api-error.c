/* gantry-api-error.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gantry-api-error.h"

/* Every GError in this domain carries this beside it (an extended error
 * domain), so a rate limit keeps its Retry-After through copies and
 * g_task_propagate_error(). */
typedef struct
{
  int retry_after;
} GantryApiErrorPrivate;

static void
gantry_api_error_private_init (GantryApiErrorPrivate *priv)
{
  priv->retry_after = -1;
}

static void
gantry_api_error_private_copy (const GantryApiErrorPrivate *src,
                               GantryApiErrorPrivate       *dest)
{
  dest->retry_after = src->retry_after;
}

static void
gantry_api_error_private_clear (GantryApiErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (GantryApiError, gantry_api_error)

int
gantry_api_error_get_retry_after (const GError *error)
{
  if (error == NULL || error->domain != GANTRY_API_ERROR)
    return -1;

  return gantry_api_error_get_private (error)->retry_after;
}

void
_gantry_api_error_set_retry_after (GError *error,
                                   int     seconds)
{
  g_return_if_fail (error != NULL);
  g_return_if_fail (error->domain == GANTRY_API_ERROR);

  gantry_api_error_get_private (error)->retry_after = MAX (seconds, -1);
}
