/* gantry-json.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Lenient readers for data we do not control. None of them ever emits a
 * warning or a critical: a member that is missing, null or of another type
 * gives the fallback (or NULL). @object may itself be NULL, so that nested
 * reads need no checks: gantry_json_get_string (machine, "location"). */

/* A number written in @text in the C locale, with nothing around it but
 * white space. */
gboolean    gantry_json_parse_double     (const char  *text,
                                          double      *out_value);
/* @value truncated to an integer, when it fits. */
gboolean    gantry_json_double_to_int    (double       value,
                                          gint64      *out_value);

/* A JSON number, or a string holding one in the C locale ("0.74"). */
gboolean    gantry_json_node_get_double  (JsonNode    *node,
                                          double      *out_value);
gboolean    gantry_json_node_get_int     (JsonNode    *node,
                                          gint64      *out_value);

double      gantry_json_get_double       (JsonObject  *object,
                                          const char  *member,
                                          double       fallback);
gint64      gantry_json_get_int          (JsonObject  *object,
                                          const char  *member,
                                          gint64       fallback);
/* true/false, or the strings "true"/"false". */
gboolean    gantry_json_get_boolean      (JsonObject  *object,
                                          const char  *member,
                                          gboolean     fallback);
/* Borrowed from @object; NULL unless the member is a JSON string. */
const char *gantry_json_get_string       (JsonObject  *object,
                                          const char  *member);
/* Borrowed; NULL unless the member is an object, or an array. */
JsonObject *gantry_json_get_object       (JsonObject  *object,
                                          const char  *member);
JsonArray  *gantry_json_get_array        (JsonObject  *object,
                                          const char  *member);
/* Element @index_ of @array when it is an object, else NULL. */
JsonObject *gantry_json_array_get_object (JsonArray   *array,
                                          guint        index_);

G_END_DECLS
