/* gantry-json-text.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A JSON object read where it lies in the text, for the pod list: no tree
 * is built, members are found when asked for and strings decoded then. The
 * getters read as gantry-json.h's do: a member that is missing, null or of
 * another type gives the fallback (or NULL), numbers may come as strings,
 * and the last of two members of one name wins. Every object and array
 * handed out, and every string, lives as long as the GantryJsonText. */
typedef struct _GantryJsonText       GantryJsonText;
typedef struct _GantryJsonTextObject GantryJsonTextObject;
typedef struct _GantryJsonTextArray  GantryJsonTextArray;

/* NULL unless @text is one well-formed JSON object (RFC 8259, nested no
 * deeper than 64, integers of 18 digits at most), surrounded by nothing
 * but white space. @text must outlive the result. */
GantryJsonText       *gantry_json_text_new          (const char           *text,
                                                     gsize                 length);
/* A reader to load one text after another, reusing its memory: what the
 * last text handed out is gone once the next one is loaded. */
GantryJsonText       *gantry_json_text_new_reader   (void);
/* FALSE, and nothing to read, unless @text is as gantry_json_text_new ()
 * wants it. */
gboolean              gantry_json_text_load         (GantryJsonText       *self,
                                                     const char           *text,
                                                     gsize                 length);
/* Loads the object that starts at @text, after any white space, and ends
 * before @end: whatever follows it is left alone, and *@value_end (when
 * given) set to the byte after it. FALSE as for gantry_json_text_load (). */
gboolean              gantry_json_text_load_object_at (GantryJsonText  *self,
                                                       const char      *text,
                                                       const char      *end,
                                                       const char     **value_end);
void                  gantry_json_text_free         (GantryJsonText       *self);
GantryJsonTextObject *gantry_json_text_get_root     (GantryJsonText       *self);

const char           *gantry_json_text_get_string   (GantryJsonTextObject *object,
                                                     const char           *member);
double                gantry_json_text_get_double   (GantryJsonTextObject *object,
                                                     const char           *member,
                                                     double                fallback);
gint64                gantry_json_text_get_int      (GantryJsonTextObject *object,
                                                     const char           *member,
                                                     gint64                fallback);
gboolean              gantry_json_text_get_boolean  (GantryJsonTextObject *object,
                                                     const char           *member,
                                                     gboolean              fallback);
GantryJsonTextObject *gantry_json_text_get_object   (GantryJsonTextObject *object,
                                                     const char           *member);
GantryJsonTextArray  *gantry_json_text_get_array    (GantryJsonTextObject *object,
                                                     const char           *member);

/* @array may be NULL: it has no elements. */
guint                 gantry_json_text_array_get_length (GantryJsonTextArray *array);
/* Element @index_ when it is an object, or a string; else NULL. */
GantryJsonTextObject *gantry_json_text_array_get_object (GantryJsonTextArray *array,
                                                         guint                index_);
const char           *gantry_json_text_array_get_string (GantryJsonTextArray *array,
                                                         guint                index_);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GantryJsonText, gantry_json_text_free)

G_END_DECLS
