/* gantry-json-text.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Why not json-glib here: a JsonParser tree of the pod list costs about
 * 30 µs a pod in node and hash table allocations, 300 ms for 10,000 pods
 * on every refresh. Here the text is checked in one pass that notes where
 * each value starts and ends (a token), and the getters walk those notes:
 * members are found when asked for, and strings decoded then. */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include "gantry-json.h"
#include "gantry-json-text.h"

#define MAX_DEPTH 64

/* One value, in the order of the text: an object's members follow it as
 * a name and a value each, an array's elements follow it. Objects and
 * arrays handed out are their tokens. An object's members are also
 * chained from the last to the first, so that a member is found by
 * walking back: the first name that matches is the last one written,
 * which is the one that counts. */
struct _GantryJsonTextObject
{
  const char     *start;  /* the first byte */
  const char     *end;    /* one past the last */
  GantryJsonText *text;
  guint           next;   /* the token after this value and all it holds */
  guint           flags;
  guint           back;   /* an object: its last member's name; a name:
                           * the member's before it; 0: none */
};

enum {
  TOKEN_ESCAPED = 1 << 0,  /* a string with a backslash in it */
  TOKEN_INTEGER = 1 << 1,  /* a number without a fraction or exponent */
};

typedef struct _GantryJsonTextObject Token;

struct _GantryJsonText
{
  Token        *tokens;   /* fixed once the text is checked */
  guint         n_tokens;
  guint         n_allocated;
  GStringChunk *strings;  /* decoded strings */
  GString      *scratch;

  /* Where the last element asked for is, so that a loop over an array
   * walks it once. */
  const Token  *cursor_array;
  guint         cursor_index;
  guint         cursor_token;
};

static inline Token *
token_at (GantryJsonText *text,
          guint           index_)
{
  return &text->tokens[index_];
}

static inline guint
token_index (const Token *token)
{
  return token - token->text->tokens;
}

/* Checking */

typedef struct
{
  const char     *p;
  const char     *end;
  GantryJsonText *text;
  guint           flags;  /* of the value being checked */
} Scan;

static gboolean check_value (Scan *scan,
                             guint depth);

static inline gboolean
is_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static inline void
skip_space (Scan *scan)
{
  while (scan->p < scan->end && is_space (*scan->p))
    scan->p++;
}

static inline gboolean
at (Scan *scan,
    char  c)
{
  return scan->p < scan->end && *scan->p == c;
}

static gboolean
check_escape (Scan *scan)
{
  if (++scan->p >= scan->end)
    return FALSE;

  if (*scan->p != 'u')
    return *scan->p != '\0' && strchr ("\"\\/bfnrt", *scan->p) != NULL;

  for (guint i = 0; i < 4; i++)
    if (++scan->p >= scan->end || !g_ascii_isxdigit (*scan->p))
      return FALSE;

  return TRUE;
}

static gboolean
check_string (Scan *scan)
{
  for (scan->p++; scan->p < scan->end; scan->p++)
    {
      guchar c = *scan->p;

      if (c == '"')
        {
          scan->p++;
          return TRUE;
        }
      if (c == '\\')
        scan->flags |= TOKEN_ESCAPED;
      if (c < 0x20 || (c == '\\' && !check_escape (scan)))
        return FALSE;
    }

  return FALSE;
}

static gboolean
check_digits (Scan *scan)
{
  const char *start = scan->p;

  while (scan->p < scan->end && g_ascii_isdigit (*scan->p))
    scan->p++;

  return scan->p > start;
}

static gboolean
check_number (Scan *scan)
{
  if (at (scan, '-'))
    scan->p++;

  if (at (scan, '0'))
    scan->p++;
  else if (!check_digits (scan))
    return FALSE;

  scan->flags |= TOKEN_INTEGER;
  if (at (scan, '.'))
    {
      scan->flags &= ~TOKEN_INTEGER;
      scan->p++;
      if (!check_digits (scan))
        return FALSE;
    }

  if (at (scan, 'e') || at (scan, 'E'))
    {
      scan->flags &= ~TOKEN_INTEGER;
      scan->p++;
      if (at (scan, '+') || at (scan, '-'))
        scan->p++;
      if (!check_digits (scan))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_word (Scan       *scan,
            const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (scan->end - scan->p) < length
      || memcmp (scan->p, word, length) != 0)
    return FALSE;

  scan->p += length;
  return TRUE;
}

/* An object's members or an array's elements, up to @close. */
static gboolean
check_items (Scan     *scan,
             char      close,
             gboolean  named,
             guint     depth)
{
  guint self = scan->text->n_tokens - 1;
  guint last_name = 0;

  scan->p++;
  skip_space (scan);
  if (at (scan, close))
    {
      scan->p++;
      return TRUE;
    }

  for (;;)
    {
      skip_space (scan);
      if (named)
        {
          guint name = scan->text->n_tokens;

          if (!at (scan, '"') || !check_value (scan, depth + 1))
            return FALSE;
          token_at (scan->text, name)->back = last_name;
          token_at (scan->text, self)->back = last_name = name;
          skip_space (scan);
          if (!at (scan, ':'))
            return FALSE;
          scan->p++;
          skip_space (scan);
        }

      if (!check_value (scan, depth + 1))
        return FALSE;

      skip_space (scan);
      if (at (scan, close))
        {
          scan->p++;
          return TRUE;
        }
      if (!at (scan, ','))
        return FALSE;
      scan->p++;
    }
}

static gboolean
check_token (Scan  *scan,
             guint  depth)
{
  switch (*scan->p)
    {
    case '{':
      return check_items (scan, '}', TRUE, depth);
    case '[':
      return check_items (scan, ']', FALSE, depth);
    case '"':
      return check_string (scan);
    case 't':
      return check_word (scan, "true");
    case 'f':
      return check_word (scan, "false");
    case 'n':
      return check_word (scan, "null");
    default:
      return check_number (scan);
    }
}

static Token *
add_token (GantryJsonText *text)
{
  if (text->n_tokens == text->n_allocated)
    {
      text->n_allocated *= 2;
      text->tokens = g_renew (Token, text->tokens, text->n_allocated);
    }

  return &text->tokens[text->n_tokens++];
}

static gboolean
check_value (Scan  *scan,
             guint  depth)
{
  guint index_ = scan->text->n_tokens;
  Token *token;

  if (scan->p >= scan->end || depth > MAX_DEPTH)
    return FALSE;

  token = add_token (scan->text);
  token->start = scan->p;
  token->text = scan->text;
  token->back = 0;
  scan->flags = 0;
  if (!check_token (scan, depth))
    return FALSE;

  /* Nested values have made the array grow: look the token up again. */
  token = token_at (scan->text, index_);
  token->end = scan->p;
  token->next = scan->text->n_tokens;
  token->flags = scan->flags;
  scan->flags = 0;
  return TRUE;
}

GantryJsonText *
gantry_json_text_new_reader (void)
{
  GantryJsonText *self = g_new0 (GantryJsonText, 1);

  self->n_allocated = 256;
  self->tokens = g_new (Token, self->n_allocated);
  self->strings = g_string_chunk_new (512);
  self->scratch = g_string_new (NULL);
  return self;
}

gboolean
gantry_json_text_load_object_at (GantryJsonText  *self,
                                 const char      *text,
                                 const char      *end,
                                 const char     **value_end)
{
  Scan scan = { text, end, self, 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL || end == NULL, FALSE);
  g_return_val_if_fail (text <= end, FALSE);

  self->n_tokens = 0;
  g_string_chunk_clear (self->strings);
  self->cursor_array = NULL;

  skip_space (&scan);
  if (!at (&scan, '{') || !check_value (&scan, 0))
    return FALSE;

  if (value_end != NULL)
    *value_end = scan.p;
  return TRUE;
}

gboolean
gantry_json_text_load (GantryJsonText *self,
                       const char     *text,
                       gsize           length)
{
  /* NULL + 0 is undefined. */
  Scan scan = { NULL, text != NULL ? text + length : NULL, self, 0 };

  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (!gantry_json_text_load_object_at (self, text, scan.end, &scan.p))
    return FALSE;
  skip_space (&scan);

  return scan.p == scan.end;
}

GantryJsonText *
gantry_json_text_new (const char *text,
                      gsize       length)
{
  g_autoptr (GantryJsonText) self = gantry_json_text_new_reader ();

  g_return_val_if_fail (text != NULL || length == 0, NULL);

  if (!gantry_json_text_load (self, text, length))
    return NULL;

  return g_steal_pointer (&self);
}

void
gantry_json_text_free (GantryJsonText *self)
{
  if (self == NULL)
    return;

  g_free (self->tokens);
  g_string_chunk_free (self->strings);
  g_string_free (self->scratch, TRUE);
  g_free (self);
}

GantryJsonTextObject *
gantry_json_text_get_root (GantryJsonText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->n_tokens > 0, NULL);

  return token_at (self, 0);
}

/* Strings */

static guint
read_hex4 (const char *p)
{
  guint value = 0;

  for (guint i = 0; i < 4; i++)
    value = value * 16 + g_ascii_xdigit_value (p[i]);

  return value;
}

/* @p is on the "u" of an escape; returns the last byte read. A surrogate
 * pair makes one character, a lone surrogate U+FFFD. */
static const char *
decode_unicode (const char *p,
                const char *end,
                GString    *out)
{
  gunichar c = read_hex4 (p + 1);

  p += 4;
  if (c >= 0xd800 && c < 0xdc00 && end - p > 6 && p[1] == '\\'
      && p[2] == 'u')
    {
      gunichar low = read_hex4 (p + 3);

      if (low >= 0xdc00 && low < 0xe000)
        {
          c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
          p += 6;
        }
    }
  if (c >= 0xd800 && c < 0xe000)
    c = 0xfffd;

  g_string_append_unichar (out, c);
  return p;
}

static void
unescape (const char *p,
          const char *end,
          GString    *out)
{
  static const char plain[] = "\"\\/bfnrt";
  static const char meant[] = "\"\\/\b\f\n\r\t";

  g_string_truncate (out, 0);
  for (; p < end; p++)
    {
      if (*p != '\\')
        g_string_append_c (out, *p);
      else if (*++p == 'u')
        p = decode_unicode (p, end, out);
      else
        g_string_append_c (out, meant[strchr (plain, *p) - plain]);
    }
}

/* The string whose quoted text is @quoted, kept until the end. Invalid
 * UTF-8 has its bad bytes replaced, as GTK would show nothing. */
static const char *
decode_string (GantryJsonText *text,
               const Token    *quoted)
{
  const char *start = quoted->start + 1;
  gsize length = quoted->end - 1 - start;
  g_autofree char *valid = NULL;

  if ((quoted->flags & TOKEN_ESCAPED) != 0)
    {
      unescape (start, start + length, text->scratch);
      start = text->scratch->str;
      length = text->scratch->len;
    }

  if (g_utf8_validate_len (start, length, NULL))
    return g_string_chunk_insert_len (text->strings, start, length);

  valid = g_utf8_make_valid (start, length);
  return g_string_chunk_insert (text->strings, valid);
}

/* Reading members */

static gboolean
is_named (GantryJsonText *text,
          const Token    *name,
          const char     *wanted,
          gsize           length)
{
  const char *written = name->start + 1;
  gsize written_length = name->end - 1 - written;

  if (written_length == length && memcmp (written, wanted, length) == 0)
    return TRUE;

  /* A name spelt with escapes ("\u0069d" for "id"). */
  return (name->flags & TOKEN_ESCAPED) != 0
         && g_str_equal (decode_string (text, name), wanted);
}

static const Token *
find_member (GantryJsonTextObject *object,
             const char           *member)
{
  GantryJsonText *text;
  gsize length = strlen (member);

  if (object == NULL)
    return NULL;

  /* Walking back, the first of two of a name is the last written, which
   * wins, as in json-glib. */
  text = object->text;
  for (guint i = object->back; i != 0; i = token_at (text, i)->back)
    if (is_named (text, token_at (text, i), member, length))
      return token_at (text, i + 1);

  return NULL;
}

const char *
gantry_json_text_get_string (GantryJsonTextObject *object,
                             const char           *member)
{
  const Token *value = find_member (object, member);

  if (value == NULL || *value->start != '"')
    return NULL;

  return decode_string (object->text, value);
}

static gboolean
is_number (const Token *value)
{
  return *value->start == '-' || g_ascii_isdigit (*value->start);
}

/* Most numbers RunPod sends are short decimals (0.79, 31.5). With at most
 * 15 digits, the digits make an exact integer and 10^n (n <= 15) is an
 * exact double, so one division rounds once, correctly, which is what
 * strtod gives too. Anything longer, or with an exponent, is left to it. */
static gboolean
read_short_decimal (const Token *value,
                    double      *out_value)
{
  static const double powers[] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
    1e13, 1e14, 1e15,
  };
  const char *p = value->start;
  gboolean negative = *p == '-';
  guint64 digits = 0;
  guint n_digits = 0;
  guint n_decimals = 0;
  gboolean in_fraction = FALSE;

  for (p += negative; p < value->end; p++)
    {
      if (*p == '.' && !in_fraction)
        {
          in_fraction = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p) || ++n_digits > 15)
        return FALSE;
      digits = digits * 10 + (guint64) (*p - '0');
      n_decimals += in_fraction;
    }

  *out_value = (double) digits / powers[n_decimals];
  if (negative)
    *out_value = -*out_value;
  return TRUE;
}

static gboolean
read_double (GantryJsonText *text,
             const Token    *value,
             double         *out_value)
{
  if (value == NULL)
    return FALSE;

  /* Checked text: the number ends before the end of the object. */
  if (is_number (value))
    {
      if (read_short_decimal (value, out_value))
        return TRUE;
      *out_value = g_ascii_strtod (value->start, NULL);
      return isfinite (*out_value);
    }

  if (*value->start == '"')
    return gantry_json_parse_double (decode_string (text, value), out_value);

  return FALSE;
}

double
gantry_json_text_get_double (GantryJsonTextObject *object,
                             const char           *member,
                             double                fallback)
{
  double value;

  if (object == NULL
      || !read_double (object->text, find_member (object, member), &value))
    return fallback;

  return value;
}

gint64
gantry_json_text_get_int (GantryJsonTextObject *object,
                          const char           *member,
                          gint64                fallback)
{
  const Token *value = find_member (object, member);
  double number;
  gint64 integer;

  if (value == NULL)
    return fallback;

  /* Exact for a number without a fraction or an exponent that fits. */
  if ((value->flags & TOKEN_INTEGER) != 0
      && read_short_decimal (value, &number))
    return (gint64) number;
  if ((value->flags & TOKEN_INTEGER) != 0)
    {
      errno = 0;
      integer = g_ascii_strtoll (value->start, NULL, 10);
      if (errno == 0)
        return integer;
    }

  if (!read_double (object->text, value, &number)
      || !gantry_json_double_to_int (number, &integer))
    return fallback;

  return integer;
}

gboolean
gantry_json_text_get_boolean (GantryJsonTextObject *object,
                              const char           *member,
                              gboolean              fallback)
{
  const Token *value = find_member (object, member);
  const char *text;

  if (value == NULL)
    return fallback;

  switch (*value->start)
    {
    case 't':
      return TRUE;
    case 'f':
      return FALSE;
    case '"':
      text = decode_string (object->text, value);
      if (g_ascii_strcasecmp (text, "true") == 0)
        return TRUE;
      if (g_ascii_strcasecmp (text, "false") == 0)
        return FALSE;
      return fallback;
    default:
      return fallback;
    }
}

GantryJsonTextObject *
gantry_json_text_get_object (GantryJsonTextObject *object,
                             const char           *member)
{
  const Token *value = find_member (object, member);

  if (value == NULL || *value->start != '{')
    return NULL;

  return (GantryJsonTextObject *) value;
}

GantryJsonTextArray *
gantry_json_text_get_array (GantryJsonTextObject *object,
                            const char           *member)
{
  const Token *value = find_member (object, member);

  if (value == NULL || *value->start != '[')
    return NULL;

  return (GantryJsonTextArray *) value;
}

guint
gantry_json_text_array_get_length (GantryJsonTextArray *array)
{
  const Token *token = (const Token *) array;
  guint length = 0;

  if (token == NULL)
    return 0;

  for (guint i = token_index (token) + 1; i < token->next;
       i = token_at (token->text, i)->next)
    length++;

  return length;
}

/* Element @index_ of @array, or NULL; from the last one asked for when
 * that was before it. */
static const Token *
find_element (GantryJsonTextArray *array,
              guint                index_)
{
  const Token *token = (const Token *) array;
  GantryJsonText *text;
  guint at_index = 0;
  guint at_token;

  if (token == NULL)
    return NULL;

  text = token->text;
  at_token = token_index (token) + 1;
  if (text->cursor_array == token && text->cursor_index <= index_)
    {
      at_index = text->cursor_index;
      at_token = text->cursor_token;
    }

  for (; at_index < index_ && at_token < token->next; at_index++)
    at_token = token_at (text, at_token)->next;
  if (at_token >= token->next)
    return NULL;

  text->cursor_array = token;
  text->cursor_index = at_index;
  text->cursor_token = at_token;
  return token_at (text, at_token);
}

GantryJsonTextObject *
gantry_json_text_array_get_object (GantryJsonTextArray *array,
                                   guint                index_)
{
  const Token *element = find_element (array, index_);

  if (element == NULL || *element->start != '{')
    return NULL;

  return (GantryJsonTextObject *) element;
}

const char *
gantry_json_text_array_get_string (GantryJsonTextArray *array,
                                   guint                index_)
{
  const Token *element = find_element (array, index_);

  if (element == NULL || *element->start != '"')
    return NULL;

  return decode_string (element->text, element);
}
