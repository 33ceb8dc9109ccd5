/* gantry-settings.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "gantry-settings.h"

GSettings *
gantry_settings_try_new (const char *what_is_lost)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  /* g_settings_new() would abort without the schema. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_debug ("No schema %s: %s", APPLICATION_ID, what_is_lost);
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}
