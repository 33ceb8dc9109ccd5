/* gantry-fuzz.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gantry-fuzz.h"

void
gantry_fuzz_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&done, 1);
    }
}

JsonNode *
gantry_fuzz_parse (const guint8 *data,
                   size_t        size)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, (const char *) data,
                                   (gssize) size, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  return root != NULL ? json_node_copy (root) : NULL;
}
