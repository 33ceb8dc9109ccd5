/* gantry-json.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gantry-json.h"

#include <errno.h>
#include <math.h>

gboolean
gantry_json_parse_double (const char *text,
                          double     *out_value)
{
  char *end = NULL;
  double value;

  while (g_ascii_isspace (*text))
    text++;
  if (*text == '\0')
    return FALSE;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  if (errno != 0 || end == text || !isfinite (value))
    return FALSE;

  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0')
    return FALSE;

  *out_value = value;
  return TRUE;
}

gboolean
gantry_json_node_get_double (JsonNode *node,
                             double   *out_value)
{
  g_return_val_if_fail (out_value != NULL, FALSE);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *out_value = (double) json_node_get_int (node);
      return TRUE;

    case G_TYPE_DOUBLE:
      *out_value = json_node_get_double (node);
      return isfinite (*out_value);

    case G_TYPE_STRING:
      return gantry_json_parse_double (json_node_get_string (node), out_value);

    default:
      return FALSE;
    }
}

gboolean
gantry_json_node_get_int (JsonNode *node,
                          gint64   *out_value)
{
  double value;

  g_return_val_if_fail (out_value != NULL, FALSE);

  /* Exact for integers, which JSON numbers without a fraction are. */
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      *out_value = json_node_get_int (node);
      return TRUE;
    }

  return gantry_json_node_get_double (node, &value)
         && gantry_json_double_to_int (value, out_value);
}

gboolean
gantry_json_double_to_int (double  value,
                           gint64 *out_value)
{
  /* 3.0 or "3": truncated, as long as it fits. */
  if (value >= 9.2e18 || value <= -9.2e18)
    return FALSE;

  *out_value = (gint64) value;
  return TRUE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *member)
{
  if (object == NULL)
    return NULL;

  /* json_object_get_member () returns NULL quietly when it is missing. */
  return json_object_get_member (object, member);
}

double
gantry_json_get_double (JsonObject *object,
                        const char *member,
                        double      fallback)
{
  double value;

  if (!gantry_json_node_get_double (get_member (object, member), &value))
    return fallback;

  return value;
}

gint64
gantry_json_get_int (JsonObject *object,
                     const char *member,
                     gint64      fallback)
{
  gint64 value;

  if (!gantry_json_node_get_int (get_member (object, member), &value))
    return fallback;

  return value;
}

gboolean
gantry_json_get_boolean (JsonObject *object,
                         const char *member,
                         gboolean    fallback)
{
  JsonNode *node = get_member (object, member);
  const char *text;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;

  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return fallback;

  text = json_node_get_string (node);
  if (g_ascii_strcasecmp (text, "true") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (text, "false") == 0)
    return FALSE;

  return fallback;
}

const char *
gantry_json_get_string (JsonObject *object,
                        const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

JsonObject *
gantry_json_get_object (JsonObject *object,
                        const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}

JsonArray *
gantry_json_get_array (JsonObject *object,
                       const char *member)
{
  JsonNode *node = get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  return json_node_get_array (node);
}

JsonObject *
gantry_json_array_get_object (JsonArray *array,
                              guint      index_)
{
  JsonNode *node;

  if (array == NULL || index_ >= json_array_get_length (array))
    return NULL;

  node = json_array_get_element (array, index_);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_node_get_object (node);
}
