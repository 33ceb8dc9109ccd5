/* gantry-client-reply.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* From what libsoup hands back to a result or one specific GantryApiError,
 * checked in this order: transport, HTTP status, content type, JSON,
 * GraphQL `errors`, then the shape of `data`. Nothing here trusts the
 * reply: every node's type is checked before it is read, because a
 * json-glib getter used on the wrong type prints a critical. The parsing
 * part may run in a worker thread; it touches nothing shared. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "gantry-client-private.h"
#include "model/gantry-json.h"

static const char *
get_host (SoupMessage *message)
{
  const char *host = g_uri_get_host (soup_message_get_uri (message));

  return host != NULL ? host : "";
}

GError *
_gantry_reply_transport_error (GError      *error,
                               SoupMessage *message)
{
  g_autoptr (GError) owned = error;
  const char *host = get_host (message);

  /* Callers ignore cancellation; keep it recognisable for them. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&owned);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (GANTRY_API_ERROR, GANTRY_API_ERROR_TIMEOUT,
                        _("%s did not answer in time. Check the network "
                          "connection and try again."), host);

  if (error->domain == G_TLS_ERROR)
    return g_error_new (GANTRY_API_ERROR, GANTRY_API_ERROR_NETWORK,
                        _("Could not make a secure connection to %s: %s"),
                        host, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (GANTRY_API_ERROR, GANTRY_API_ERROR_NETWORK,
                        _("Could not find %s. Check that this computer is "
                          "online."), host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (GANTRY_API_ERROR, GANTRY_API_ERROR_NETWORK,
                        _("%s refused the connection. Try again later."),
                        host);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    return g_error_new (GANTRY_API_ERROR, GANTRY_API_ERROR_NETWORK,
                        _("There is no network route to %s. Check that "
                          "this computer is online."), host);

  return g_error_new (GANTRY_API_ERROR, GANTRY_API_ERROR_NETWORK,
                      _("Could not talk to %s: %s"), host, error->message);
}

/* The `message` of the first entry of `errors`; "" when the server
 * reported errors without a readable message; NULL when there are none. */
static const char *
find_graphql_error (JsonObject *root)
{
  JsonNode *node = json_object_get_member (root, "errors");
  JsonArray *errors;
  const char *message;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return "";

  errors = json_node_get_array (node);
  if (json_array_get_length (errors) == 0)
    return NULL;

  message = gantry_json_get_string (gantry_json_array_get_object (errors, 0),
                                    "message");
  return message != NULL ? message : "";
}

static gboolean
set_graphql_error (JsonObject  *root,
                   GError     **error)
{
  const char *message = find_graphql_error (root);
  g_autofree char *valid = NULL;

  if (message == NULL)
    return FALSE;

  if (*message == '\0')
    message = _("RunPod reported an error without saying what it was.");

  /* The server's words are shown as they are, but only as text. */
  valid = g_utf8_make_valid (message, -1);
  g_set_error_literal (error, GANTRY_API_ERROR, GANTRY_API_ERROR_GRAPHQL,
                       valid);
  return TRUE;
}

/* A 400 may carry the GraphQL validation errors; anything else in it is
 * not worth reading. */
static gboolean
set_error_from_body (GBytes  *body,
                     GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *text = g_bytes_get_data (body, &size);
  JsonNode *root;

  if (size == 0 || !json_parser_load_from_data (parser, text, size, NULL))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return FALSE;

  return set_graphql_error (json_node_get_object (root), error);
}

/* Retry-After is either seconds or an HTTP date. */
static int
parse_retry_after (const char *value)
{
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (GDateTime) now = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;

  if (g_ascii_string_to_unsigned (value, 10, 0, G_MAXINT, &seconds, NULL))
    return (int) seconds;

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;

  now = g_date_time_new_now_utc ();
  return (int) CLAMP (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND,
                      0, G_MAXINT);
}

static void
set_rate_limited (SoupMessage  *message,
                  GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  int seconds;

  seconds = parse_retry_after (soup_message_headers_get_one (headers,
                                                             "Retry-After"));
  if (seconds >= 0)
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_RATE_LIMITED,
                 g_dngettext (GETTEXT_PACKAGE,
                              "Too many requests: RunPod asks to wait "
                              "%d second before the next one.",
                              "Too many requests: RunPod asks to wait "
                              "%d seconds before the next one.",
                              seconds),
                 seconds);
  else
    g_set_error_literal (error, GANTRY_API_ERROR,
                         GANTRY_API_ERROR_RATE_LIMITED,
                         _("Too many requests: RunPod asks to wait before "
                           "the next one."));

  if (error != NULL)
    _gantry_api_error_set_retry_after (*error, seconds);
}

/* libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

static gboolean
check_status (SoupMessage  *message,
              GBytes       *body,
              GError      **error)
{
  guint status = soup_message_get_status (message);

  if (SOUP_STATUS_IS_SUCCESSFUL (status))
    return TRUE;

  if (status == SOUP_STATUS_UNAUTHORIZED)
    g_set_error_literal (error, GANTRY_API_ERROR,
                         GANTRY_API_ERROR_UNAUTHORIZED,
                         _("RunPod did not accept the API key. Check the "
                           "key, or create a new one in the RunPod "
                           "console."));
  else if (status == SOUP_STATUS_FORBIDDEN)
    g_set_error_literal (error, GANTRY_API_ERROR,
                         GANTRY_API_ERROR_UNAUTHORIZED,
                         _("RunPod refused access. The API key may lack "
                           "the permission for this, or a firewall "
                           "blocked the request."));
  else if (status == STATUS_TOO_MANY_REQUESTS)
    set_rate_limited (message, error);
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_SERVER,
                 _("RunPod’s server had a problem (HTTP %u). Try again "
                   "in a moment."), status);
  else if (status != SOUP_STATUS_BAD_REQUEST ||
           !set_error_from_body (body, error))
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                 _("%s gave an unexpected answer (HTTP %u)."),
                 get_host (message), status);

  return FALSE;
}

static gboolean
check_content_type (SoupMessage  *message,
                    GError      **error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  const char *type = soup_message_headers_get_content_type (headers, NULL);
  g_autofree char *lower = type != NULL ? g_ascii_strdown (type, -1) : NULL;

  if (lower != NULL &&
      (g_str_equal (lower, "application/json") ||
       g_str_has_suffix (lower, "+json")))
    return TRUE;

  if (lower == NULL)
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                 _("%s answered without saying what it sent."),
                 get_host (message));
  else
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                 _("%s answered with “%s” instead of JSON. A network "
                   "login page or a proxy may be in the way."),
                 get_host (message), lower);

  return FALSE;
}

gboolean
_gantry_reply_check (SoupMessage  *message,
                     GBytes       *body,
                     GError      **error)
{
  return check_status (message, body, error) &&
         check_content_type (message, error);
}

JsonObject *
_gantry_reply_parse_data (GBytes  *body,
                          GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  gsize size = 0;
  const char *text = g_bytes_get_data (body, &size);
  JsonNode *root;
  JsonNode *data;

  if (size == 0)
    {
      g_set_error_literal (error, GANTRY_API_ERROR,
                           GANTRY_API_ERROR_INVALID_RESPONSE,
                           _("RunPod sent an empty answer."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, size, &local_error))
    {
      /* json-glib quotes the text it choked on, cut at any byte. */
      g_autofree char *detail = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                   _("The answer from RunPod could not be read: %s"),
                   detail);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, GANTRY_API_ERROR,
                           GANTRY_API_ERROR_INVALID_RESPONSE,
                           _("The answer from RunPod is not a JSON object."));
      return NULL;
    }

  if (set_graphql_error (json_node_get_object (root), error))
    return NULL;

  data = json_object_get_member (json_node_get_object (root), "data");
  if (data == NULL || !JSON_NODE_HOLDS_OBJECT (data))
    {
      g_set_error_literal (error, GANTRY_API_ERROR,
                           GANTRY_API_ERROR_INVALID_RESPONSE,
                           _("The answer from RunPod carries no data."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (data));
}

/* Finds @member of @object, of @type or null. TRUE with *out NULL for a
 * null; FALSE with @error set when it is missing or of another type. */
static gboolean
read_member (JsonObject    *object,
             const char    *member,
             JsonNodeType   type,
             JsonNode     **out,
             GError       **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;

  if (node == NULL)
    {
      g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                   _("The answer from RunPod lacks “%s”."), member);
      return FALSE;
    }

  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (JSON_NODE_TYPE (node) != type)
    {
      g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                   _("The answer from RunPod has “%s” in an unexpected "
                     "form."), member);
      return FALSE;
    }

  *out = node;
  return TRUE;
}

/* `myself` is null when the request carried no key. */
static JsonObject *
read_myself (JsonObject  *data,
             GError     **error)
{
  JsonNode *node;

  if (!read_member (data, "myself", JSON_NODE_OBJECT, &node, error))
    return NULL;

  if (node == NULL)
    {
      g_set_error_literal (error, GANTRY_API_ERROR,
                           GANTRY_API_ERROR_UNAUTHORIZED,
                           _("RunPod does not know who is asking: no API "
                             "key was sent. Connect an account first."));
      return NULL;
    }

  return json_node_get_object (node);
}

static GantryAccount *
new_account (JsonObject  *myself,
             GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  GantryAccount *account;

  account = gantry_account_new_from_json (myself, &local_error);
  if (account == NULL)
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                 _("RunPod sent an account Gantry cannot read: %s"),
                 local_error->message);

  return account;
}

gpointer
_gantry_reply_account (GantryCall  *call,
                       JsonObject  *data,
                       GError     **error)
{
  JsonObject *myself = read_myself (data, error);

  return myself != NULL ? new_account (myself, error) : NULL;
}

GantryPod *
_gantry_reply_new_pod (JsonNode  *node,
                       GError   **error)
{
  g_autoptr (GError) local_error = NULL;
  GantryPod *pod;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, GANTRY_API_ERROR,
                           GANTRY_API_ERROR_INVALID_RESPONSE,
                           _("RunPod sent a pod in an unexpected form."));
      return NULL;
    }

  pod = gantry_pod_new_from_json (json_node_get_object (node), &local_error);
  if (pod == NULL)
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                 _("RunPod sent a pod Gantry cannot read: %s"),
                 local_error->message);

  return pod;
}

/* A pod without an id cannot be shown or acted on, and the schema says
 * there is none: such a reply is refused as a whole. */
static GPtrArray *
new_pods (JsonArray  *array,
          GError    **error)
{
  g_autoptr (GPtrArray) pods = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      GantryPod *pod;

      if (JSON_NODE_HOLDS_NULL (node))
        continue;

      pod = _gantry_reply_new_pod (node, error);
      if (pod == NULL)
        return NULL;

      g_ptr_array_add (pods, pod);
    }

  return g_steal_pointer (&pods);
}

gpointer
_gantry_reply_pods (GantryCall  *call,
                    JsonObject  *data,
                    GError     **error)
{
  g_autoptr (GantryAccount) account = NULL;
  g_autoptr (GPtrArray) pods = NULL;
  JsonObject *myself;
  JsonNode *node;

  myself = read_myself (data, error);
  if (myself == NULL)
    return NULL;

  account = new_account (myself, error);
  if (account == NULL ||
      !read_member (myself, "pods", JSON_NODE_ARRAY, &node, error))
    return NULL;

  /* The list itself may have been lifted out, to be read a pod at a time
   * (gantry-client-pods.c). */
  if (call->lifted_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&call->lifted_error));
      return NULL;
    }
  if (call->lifted_pods != NULL)
    pods = g_steal_pointer (&call->lifted_pods);
  else
    pods = new_pods (node != NULL ? json_node_get_array (node) : NULL, error);
  if (pods == NULL)
    return NULL;

  call->account = g_steal_pointer (&account);
  return g_steal_pointer (&pods);
}

/* `pod`, or the pod a mutation returns: the field is named after the
 * operation. */
gpointer
_gantry_reply_pod (GantryCall  *call,
                   JsonObject  *data,
                   GError     **error)
{
  JsonNode *node;

  if (!read_member (data, call->operation->name, JSON_NODE_OBJECT, &node,
                    error))
    return NULL;

  if (node == NULL)
    {
      g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_NOT_FOUND,
                   _("The pod %s does not exist, or no longer does."),
                   call->pod_id);
      return NULL;
    }

  return _gantry_reply_new_pod (node, error);
}

/* GPU types may lack an id in the schema; one that does is left out
 * rather than hiding the whole catalogue, and so is the placeholder. */
static GantryGpuType *
new_gpu_type (JsonObject *object)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GantryGpuType) type = NULL;

  type = gantry_gpu_type_new_from_json (object, &error);
  if (type == NULL)
    {
      g_debug ("gpuTypes: skipping an entry it cannot read");
      return NULL;
    }

  return gantry_gpu_type_is_placeholder (type) ? NULL
                                               : g_steal_pointer (&type);
}

gpointer
_gantry_reply_gpu_types (GantryCall  *call,
                         JsonObject  *data,
                         GError     **error)
{
  g_autoptr (GPtrArray) types = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;
  JsonNode *node;

  if (!read_member (data, "gpuTypes", JSON_NODE_ARRAY, &node, error))
    return NULL;

  array = node != NULL ? json_node_get_array (node) : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GantryGpuType *type;

      if (JSON_NODE_HOLDS_NULL (element))
        continue;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error_literal (error, GANTRY_API_ERROR,
                               GANTRY_API_ERROR_INVALID_RESPONSE,
                               _("RunPod sent a GPU type in an unexpected "
                                 "form."));
          return NULL;
        }

      type = new_gpu_type (json_node_get_object (element));
      if (type != NULL)
        g_ptr_array_add (types, type);
    }

  return g_steal_pointer (&types);
}
