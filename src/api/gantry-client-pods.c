/* gantry-client-pods.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pod list, read one pod at a time. A JsonParser tree takes about ten
 * times the size of the text it was parsed from, and on GLib 2.74 GSlice
 * keeps that memory once it is freed: parsed whole, a list of 1,000 pods
 * (1 MB) left 10 MB behind for good, and 10,000 pods 100 MB. So the reply
 * is scanned for data.myself.pods, each pod read as the scan passes it
 * (gantry-json-text.c checks and reads it where it lies), and the rest of
 * the reply parsed by json-glib with the array left empty.
 *
 * A reply of any other shape (an error, a null, truncated text) is parsed
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

/* The pod at @start, up to @length bytes, as json-glib reads it, for text
 * that is not plain JSON: its errors say what is wrong. NULL with no error
 * for a null. */
static GantryPod *
read_pod_parsed (JsonParser  *parser,
                 const char  *start,
                 gsize        length,
                 GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_data (parser, start, length, &local_error))
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

/* The pods of an array, read as they are passed. */
typedef struct
{
  GantryJsonText *text;    /* owned */
  JsonParser     *parser;  /* owned, nullable: made for text it needs */
  GPtrArray      *pods;    /* owned */
  GError         *error;   /* owned, nullable: the first pod not read */
} PodReader;

static void
pod_reader_clear (PodReader *reader)
{
  g_clear_pointer (&reader->text, gantry_json_text_free);
  g_clear_object (&reader->parser);
  g_clear_pointer (&reader->pods, g_ptr_array_unref);
  g_clear_error (&reader->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PodReader, pod_reader_clear)

/* With p on an element, moves past it and reads it as a pod, until a pod
 * could not be read: then the rest are only passed. Plain JSON, as RunPod
 * sends it, is checked and read where it lies, in one pass; anything else
 * goes to json-glib. FALSE when the element's end cannot be found. */
static gboolean
read_element (Scan      *scan,
              PodReader *reader)
{
  const char *start = scan->p;
  g_autoptr (GError) error = NULL;
  GantryPod *pod;

  if (reader->error != NULL)
    return skip_value (scan);

  if (gantry_json_text_load_object_at (reader->text, scan->p, scan->end,
                                       &scan->p))
    {
      pod = gantry_pod_new_from_json_text (
        gantry_json_text_get_root (reader->text), &error);
      if (pod == NULL)
        g_set_error (&reader->error, GANTRY_API_ERROR,
                     GANTRY_API_ERROR_INVALID_RESPONSE,
                     _("RunPod sent a pod Gantry cannot read: %s"),
                     error->message);
    }
  else
    {
      if (!skip_value (scan))
        return FALSE;
      if (reader->parser == NULL)
        reader->parser = json_parser_new ();
      pod = read_pod_parsed (reader->parser, start, scan->p - start,
                             &reader->error);
    }

  if (pod != NULL)
    g_ptr_array_add (reader->pods, pod);
  return TRUE;
}

/* With p on an array, reads its elements and moves past it. */
static gboolean
read_array (Scan      *scan,
            PodReader *reader)
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
      skip_space (scan);
      if (!read_element (scan, reader))
        return FALSE;

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
_gantry_reply_lift_pods (GBytes     *body,
                         GPtrArray **pods,
                         GError    **pods_error)
{
  g_auto (PodReader) reader = { NULL, };
  gsize size = 0;
  const char *text = g_bytes_get_data (body, &size);
  Scan scan;
  const char *array;
  GString *lifted;

  *pods = NULL;
  *pods_error = NULL;
  /* An empty body has no data at all, and NULL + 0 is undefined. */
  if (text == NULL)
    return NULL;

  scan.p = text;
  scan.end = text + size;
  if (!find_member (&scan, "data") || !find_member (&scan, "myself")
      || !find_member (&scan, "pods"))
    return NULL;

  reader.text = gantry_json_text_new_reader ();
  reader.pods = g_ptr_array_new_with_free_func (g_object_unref);
  array = scan.p;
  if (!read_array (&scan, &reader))
    return NULL;

  lifted = g_string_sized_new (size - (scan.p - array) + 2);
  g_string_append_len (lifted, text, array - text);
  g_string_append (lifted, "[]");
  g_string_append_len (lifted, scan.p, scan.end - scan.p);

  if (reader.error != NULL)
    *pods_error = g_steal_pointer (&reader.error);
  else
    *pods = g_steal_pointer (&reader.pods);
  return g_string_free_to_bytes (lifted);
}
