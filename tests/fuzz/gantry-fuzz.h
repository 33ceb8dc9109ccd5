/* gantry-fuzz.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by the libFuzzer targets and by the replay program that runs
 * their corpus as a normal test. */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

int  LLVMFuzzerTestOneInput (const guint8 *data,
                             size_t        size);

/* Criticals and warnings abort, as they do in the tests: a parser that
 * prints one on bad input is a finding. */
void gantry_fuzz_init       (void);

/* The root of @data as JSON, or NULL when it is not JSON. */
JsonNode *gantry_fuzz_parse (const guint8 *data,
                             size_t        size);

G_END_DECLS
