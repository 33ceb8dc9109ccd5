/* gantry-client-pods.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pod list, read one pod at a time. A JsonParser tree takes about ten
 * times the size of the text it was parsed from, and on GLib 2.74 GSlice
 * keeps that memory once it is freed: parsed whole, a list of 1,000 pods
 * (1 MB) left 10 MB behind for good, and 10,000 pods 100 MB. So the reply
 * is scanned for data.myself.pods first; the rest of it is parsed with the
 * array left empty, and each pod on its own, by one parser in turn.
 *
 * The scan only finds where things are; parsing stays json-glib's. A
 * reply of any other shape (an error, a null, truncated text) is parsed
 * whole as before, and so meets the same checks and errors. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gantry-client-private.h"

typedef struct
{
  const char *p;
  const char *end;
} Scan;

static void
skip_space (Scan *scan)
{
  while (scan->p < scan->end && g_ascii_isspace (*scan->p))
    scan->p++;
}

/* Moves past the string that starts at p; FALSE if it never ends. */
static gboolean
skip_string (Scan *scan)
{
  for (scan->p++; scan->p < scan->end; scan->p++)
    {
      if (*scan->p == '\\')
        scan->p++;
      else if (*scan->p == '"')
        {
          scan->p++;
          return TRUE;
        }
    }

  return FALSE;
}

/* Moves past the value that starts at p: a number or literal, a string,
 * or an object or array. Brackets are counted, not checked: json-glib
 * checks what is inside when it parses it. */
static gboolean
skip_value (Scan *scan)
{
  int depth = 0;

  if (scan->p >= scan->end)
    return FALSE;

  if (*scan->p != '{' && *scan->p != '[' && *scan->p != '"')
    {
      const char *start = scan->p;

      while (scan->p < scan->end && strchr (",}] \t\r\n", *scan->p) == NULL)
        scan->p++;
      return scan->p > start;
    }

  do
    {
      if (scan->p >= scan->end)
        return FALSE;
      if (*scan->p == '"')
        {
          if (!skip_string (scan))
            return FALSE;
          continue;
        }
      if (*scan->p == '{' || *scan->p == '[')
        depth++;
      else if (*scan->p == '}' || *scan->p == ']')
        depth--;
      scan->p++;
    }
  while (depth > 0);

  return TRUE;
}

/* With p on an object, moves to the value of its first member named @key
 * (a plain name, compared as written). */
static gboolean
find_member (Scan       *scan,
             const char *key)
{
  gsize key_len = strlen (key);

  skip_space (scan);
  if (scan->p >= scan->end || *scan->p != '{')
    return FALSE;
  scan->p++;

  for (;;)
    {
      const char *name;
      gboolean match;

      skip_space (scan);
      if (scan->p >= scan->end || *scan->p != '"')
        return FALSE;
      name = scan->p + 1;
      if (!skip_string (scan))
        return FALSE;
      match = (gsize) (scan->p - 1 - name) == key_len
              && memcmp (name, key, key_len) == 0;

      skip_space (scan);
      if (scan->p >= scan->end || *scan->p != ':')
        return FALSE;
      scan->p++;
      skip_space (scan);
      if (match)
        return TRUE;

      if (!skip_value (scan))
        return FALSE;
      skip_space (scan);
      if (scan->p >= scan->end || *scan->p != ',')
        return FALSE;
      scan->p++;
    }
}

/* With p on an array, adds the span of each element to @spans and moves
 * past the array. */
static gboolean
split_array (Scan   *scan,
             GArray *spans)
{
  if (scan->p >= scan->end || *scan->p != '[')
    return FALSE;
  scan->p++;
  skip_space (scan);
  if (scan->p < scan->end && *scan->p == ']')
    {
      scan->p++;
      return TRUE;
    }

  for (;;)
    {
      GantryReplySpan span;

      skip_space (scan);
      span.start = scan->p;
      if (!skip_value (scan))
        return FALSE;
      span.length = scan->p - span.start;
      g_array_append_val (spans, span);

      skip_space (scan);
      if (scan->p >= scan->end)
        return FALSE;
      if (*scan->p++ == ']')
        return TRUE;
      if (scan->p[-1] != ',')
        return FALSE;
    }
}

GBytes *
_gantry_reply_lift_pods (GBytes  *body,
                         GArray **spans)
{
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE,
                                          sizeof (GantryReplySpan));
  gsize size = 0;
  const char *text = g_bytes_get_data (body, &size);
  Scan scan;
  const char *array;
  GString *lifted;

  *spans = NULL;
  /* An empty body has no data at all, and NULL + 0 is undefined. */
  if (text == NULL)
    return NULL;

  scan.p = text;
  scan.end = text + size;
  if (!find_member (&scan, "data") || !find_member (&scan, "myself")
      || !find_member (&scan, "pods"))
    return NULL;

  array = scan.p;
  if (!split_array (&scan, found))
    return NULL;

  lifted = g_string_sized_new (size - (scan.p - array) + 2);
  g_string_append_len (lifted, text, array - text);
  g_string_append (lifted, "[]");
  g_string_append_len (lifted, scan.p, scan.end - scan.p);

  *spans = g_steal_pointer (&found);
  return g_string_free_to_bytes (lifted);
}

/* The pod at @span as json-glib reads it, for text that is not plain
 * JSON: its errors say what is wrong. NULL with no error for a null. */
static GantryPod *
read_pod_parsed (JsonParser            *parser,
                 const GantryReplySpan *span,
                 GError               **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, span->start, span->length,
                                   &local_error))
    {
      /* json-glib quotes the text, cut at any byte. */
      g_autofree char *valid = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                   _("The answer from RunPod could not be read: %s"), valid);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_HOLDS_NULL (root))
    return NULL;

  return _gantry_reply_new_pod (root, error);
}

/* Plain JSON, as RunPod sends it, is read where it lies (no tree). */
static GantryPod *
read_pod (GantryJsonText        *text,
          JsonParser            *parser,
          const GantryReplySpan *span,
          GError               **error)
{
  g_autoptr (GError) local_error = NULL;
  GantryPod *pod;

  if (!gantry_json_text_load (text, span->start, span->length))
    return read_pod_parsed (parser, span, error);

  pod = gantry_pod_new_from_json_text (gantry_json_text_get_root (text),
                                       &local_error);
  if (pod == NULL)
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INVALID_RESPONSE,
                 _("RunPod sent a pod Gantry cannot read: %s"),
                 local_error->message);

  return pod;
}

GPtrArray *
_gantry_reply_read_pods (GArray  *spans,
                         GError **error)
{
  g_autoptr (GPtrArray) pods = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GantryJsonText) text = gantry_json_text_new_reader ();

  for (guint i = 0; i < spans->len; i++)
    {
      const GantryReplySpan *span = &g_array_index (spans, GantryReplySpan, i);
      g_autoptr (GError) local_error = NULL;
      GantryPod *pod = read_pod (text, parser, span, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (pod != NULL)
        g_ptr_array_add (pods, pod);
    }

  return g_steal_pointer (&pods);
}
