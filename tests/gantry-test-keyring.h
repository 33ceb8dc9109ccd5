/* gantry-test-keyring.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A throw-away keyring for a GTest program: HOME, XDG_DATA_HOME,
 * XDG_CONFIG_HOME, XDG_CACHE_HOME and XDG_RUNTIME_DIR in a fresh temporary
 * directory, a private session bus (GTestDBus, which activates nothing)
 * and, unless asked otherwise, a real gnome-keyring-daemon on that bus.
 * Nothing of the tester's own keyring is touched.
 *
 * The daemon runs without DISPLAY or WAYLAND_DISPLAY, the bus cannot
 * start gcr-prompter, and the keyring's prompter is a stand-in that
 * refuses every prompt at once (and counts them): it can never wait on a
 * prompt that nobody sees, and to a client it looks like a person who
 * refused.
 *
 * Make one first thing in a process, before anything connects to the
 * session bus or reads the user directories: libsecret and GDBus keep
 * process-wide singletons, so one keyring per process. With several
 * scenarios in one program, run each in g_test_trap_subprocess().
 *
 * GTestDBus unsets DISPLAY; the keyring puts it back in this process
 * (never in the daemon's environment), so a GTK test under Xvfb can still
 * open its display after calling gantry_test_keyring_new().
 *
 * The oracle functions (search, label, secret) talk to the daemon over
 * their own D-Bus connection, without libsecret. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  /* gnome-keyring with a login keyring, created and unlocked with a
   * test password: the usual desktop. */
  GANTRY_TEST_KEYRING_UNLOCKED,
  /* gnome-keyring with no keyring at all (a fresh account that never
   * logged in to a desktop), so it would have to prompt to create one. */
  GANTRY_TEST_KEYRING_UNINITIALIZED,
  /* A session bus with no Secret Service on it. */
  GANTRY_TEST_KEYRING_NO_SERVICE,
  /* No session bus: DBUS_SESSION_BUS_ADDRESS points at nothing. */
  GANTRY_TEST_KEYRING_NO_BUS,
} GantryTestKeyringMode;

typedef struct _GantryTestKeyring GantryTestKeyring;

/* Fails the test if the daemon is not on the bus within 30 s. */
GantryTestKeyring *gantry_test_keyring_new        (GantryTestKeyringMode mode);

/* Stops the daemon and the bus and deletes the temporary directory. */
void               gantry_test_keyring_free       (GantryTestKeyring *self);

/* The temporary directory that holds HOME and the XDG directories. */
const char        *gantry_test_keyring_get_root   (GantryTestKeyring *self);

/* Stops the daemon and starts a new one on the same files, unlocked with
 * the same password: the keyring as the next login finds it. */
void               gantry_test_keyring_restart    (GantryTestKeyring *self);

/* How many prompts the keyring asked for so far (unlock, create a
 * keyring); the stand-in prompter refused each one. */
guint              gantry_test_keyring_count_prompts (GantryTestKeyring *self);

/* Locks the default collection, as "Lock" in Seahorse does. */
void               gantry_test_keyring_lock       (GantryTestKeyring *self);

/* Object paths of the items whose xdg:schema is @schema, locked or not. */
GPtrArray         *gantry_test_keyring_search     (GantryTestKeyring *self,
                                                   const char        *schema);

gboolean           gantry_test_keyring_is_locked  (GantryTestKeyring *self,
                                                   const char        *item);

char              *gantry_test_keyring_get_label  (GantryTestKeyring *self,
                                                   const char        *item);

/* The secret of an unlocked item, as text. */
char              *gantry_test_keyring_get_secret (GantryTestKeyring *self,
                                                   const char        *item);

/* Fails the test, naming the file, if any regular file under @dir
 * contains the bytes of @needle. */
void               gantry_test_assert_no_file_contains (const char *dir,
                                                        const char *needle);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GantryTestKeyring, gantry_test_keyring_free)

G_END_DECLS
