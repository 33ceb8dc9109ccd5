/* gantry-error-text.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "api/gantry-api-error.h"

#include "gantry-error-text.h"

#define STATUS_PAGE_URL "https://uptime.runpod.io"

/* Substrings of RunPod's own messages (runpod-api.md, "Known messages"),
 * each with what the person can do about it. Matched case-insensitively
 * because RunPod has phrased some of them in more than one way. */
typedef struct
{
  const char *needle;
  const char *hint;
} KnownMessage;

static const KnownMessage known_messages[] = {
  /* "no longer any instances available" and "no instances available" */
  { "instances available",
    N_("RunPod has no free machine of this kind right now. Choose another "
       "GPU type or the other cloud, or try again later.") },
  { "cannot resume a spot pod",
    N_("This is a spot pod: resume it with a bid instead.") },
  { "not enough free gpus on the host",
    N_("A stopped pod can only start on the machine that holds its data, "
       "and that machine is full. Wait and try again later, or create a "
       "new pod.") },
};

static gboolean
is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static const char *
find_hint (const char *message)
{
  g_autofree char *folded = NULL;

  if (message == NULL)
    return NULL;

  folded = g_utf8_casefold (message, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (known_messages); i++)
    {
      if (strstr (folded, known_messages[i].needle) != NULL)
        return _(known_messages[i].hint);
    }

  return NULL;
}

static const char *
api_title (GantryApiError code)
{
  switch (code)
    {
    case GANTRY_API_ERROR_UNAUTHORIZED:
      return _("RunPod rejected the API key");
    case GANTRY_API_ERROR_RATE_LIMITED:
      return _("RunPod asked Gantry to slow down");
    case GANTRY_API_ERROR_NETWORK:
      return _("Cannot reach RunPod");
    case GANTRY_API_ERROR_TIMEOUT:
      return _("RunPod did not answer in time");
    case GANTRY_API_ERROR_SERVER:
      return _("RunPod is having trouble");
    case GANTRY_API_ERROR_GRAPHQL:
      return _("RunPod refused the request");
    case GANTRY_API_ERROR_INVALID_RESPONSE:
      return _("RunPod sent an answer Gantry does not understand");
    case GANTRY_API_ERROR_NOT_FOUND:
      return _("The pod no longer exists");
    case GANTRY_API_ERROR_INSECURE_ENDPOINT:
      return _("Gantry refused an insecure connection");
    default:
      return NULL;
    }
}

static char *
rate_limited_advice (const GError *error)
{
  int seconds = gantry_api_error_get_retry_after (error);

  if (seconds <= 0)
    return g_strdup (_("Gantry will try again in a moment."));

  return g_strdup_printf (ngettext ("Gantry will try again in %d second.",
                                    "Gantry will try again in %d seconds.",
                                    seconds),
                          seconds);
}

static char *
graphql_advice (const GError *error)
{
  const char *message = error->message;
  const char *hint = find_hint (message);

  if (message == NULL || *message == '\0')
    return g_strdup (_("RunPod gave no reason. Check the pod in the RunPod "
                       "console, then try again."));

  /* RunPod's words are English: a way forward in the person's language
   * follows them even when Gantry does not know what they mean. */
  if (hint == NULL)
    hint = _("If it happens again, check the RunPod console or try again "
             "later.");

  return g_strconcat (message, " ", hint, NULL);
}

static char *
api_advice (const GError *error)
{
  switch ((GantryApiError) error->code)
    {
    case GANTRY_API_ERROR_UNAUTHORIZED:
      return g_strdup (_("Check that the key is still valid in the RunPod "
                         "console, or connect with another key."));
    case GANTRY_API_ERROR_RATE_LIMITED:
      return rate_limited_advice (error);
    case GANTRY_API_ERROR_NETWORK:
      return g_strdup (_("Check that this computer is connected to the "
                         "internet, then try again."));
    case GANTRY_API_ERROR_TIMEOUT:
      return g_strdup (_("The connection may be slow or RunPod may be "
                         "busy. Try again in a moment."));
    case GANTRY_API_ERROR_SERVER:
      /* Translators: %s is the address of RunPod's status page. */
      return g_strdup_printf (_("The problem is on RunPod’s side. Try again "
                                "later; %s shows known outages."),
                              STATUS_PAGE_URL);
    case GANTRY_API_ERROR_GRAPHQL:
      return graphql_advice (error);
    case GANTRY_API_ERROR_INVALID_RESPONSE:
      return g_strdup (_("RunPod may be changing its service. Try again "
                         "later; if it keeps happening, Gantry may need "
                         "an update."));
    case GANTRY_API_ERROR_NOT_FOUND:
      return g_strdup (_("It may have been terminated from the RunPod "
                         "console or from another computer."));
    case GANTRY_API_ERROR_INSECURE_ENDPOINT:
      return g_strdup (_("The RunPod address in GANTRY_API_URL uses plain "
                         "http to another computer, which would expose the "
                         "API key. Use an https address."));
    default:
      return NULL;
    }
}

static char *
generic_advice (const GError *error)
{
  if (error->message == NULL || *error->message == '\0')
    return g_strdup (_("Gantry could not finish, and no reason was given. "
                       "Try again."));

  /* Translators: %s is a technical error message, not translated. */
  return g_strdup_printf (_("Gantry could not finish: %s"), error->message);
}

char *
gantry_error_text_title (const GError *error)
{
  const char *title = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (is_cancelled (error))
    return NULL;

  if (error->domain == GANTRY_API_ERROR)
    title = api_title ((GantryApiError) error->code);

  return g_strdup (title != NULL ? title : _("Something went wrong"));
}

char *
gantry_error_text_advice (const GError *error)
{
  char *advice = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (is_cancelled (error))
    return NULL;

  if (error->domain == GANTRY_API_ERROR)
    advice = api_advice (error);

  return advice != NULL ? advice : generic_advice (error);
}
