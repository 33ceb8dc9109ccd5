/* gantry-test-front.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A stand-in for the network between Gantry and the simulator, for the
 * faults the simulator cannot make itself: a connection refused, a name
 * that does not resolve, a certificate that is not trusted.
 *
 * The front is a SoupServer on 127.0.0.1 that passes every POST /graphql
 * on to the simulator and its answer back (closing each connection, so
 * that every request meets the network anew). Over https it answers as
 * "gantry-front.invalid", a name that only this process resolves (its
 * GResolver becomes the default while the front exists), with a
 * certificate made at start by openssl; get_database() trusts it. Nothing
 * here leaves the machine. */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define GANTRY_TEST_FRONT_HOST "gantry-front.invalid"

typedef struct _GantryTestFront GantryTestFront;

/* NULL, with the test skipped, when @tls and openssl is missing. */
GantryTestFront *gantry_test_front_new          (const char      *backend_url,
                                                 gboolean         tls);
void             gantry_test_front_free         (GantryTestFront *front);

/* http://127.0.0.1:<port>/graphql, or https://gantry-front.invalid:... */
const char      *gantry_test_front_get_url      (GantryTestFront *front);

/* FALSE: the port is closed (connection refused); TRUE: open again, on
 * the same port. */
void             gantry_test_front_set_listening (GantryTestFront *front,
                                                  gboolean         listening);

/* FALSE: gantry-front.invalid does not resolve. GLib keeps the addresses
 * a session once found (until the system's resolver configuration
 * changes), so this is for a name that fails from the first request. */
void             gantry_test_front_set_resolving (GantryTestFront *front,
                                                  gboolean         resolving);

/* A database that trusts the front's certificate (https only). */
GTlsDatabase    *gantry_test_front_get_database (GantryTestFront *front);

/* How many requests reached the front. */
guint            gantry_test_front_get_n_forwarded (GantryTestFront *front);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GantryTestFront, gantry_test_front_free)

G_END_DECLS
