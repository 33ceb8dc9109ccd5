/* gantry-test-keyring.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "gantry-test-keyring.h"

#define DEADLINE_S 30
#define PASSWORD "gantry-test-password"

#define PROMPTER_NAME "org.gnome.keyring.SystemPrompter"
#define PROMPTER_PATH "/org/gnome/keyring/Prompter"

#define SECRETS_NAME "org.freedesktop.secrets"
#define SECRETS_PATH "/org/freedesktop/secrets"
#define SERVICE_IFACE "org.freedesktop.Secret.Service"

struct _GantryTestKeyring
{
  GantryTestKeyringMode  mode;
  char                  *root;     /* owned: the temporary directory */
  GTestDBus             *dbus;     /* owned, nullable */
  GDBusConnection       *bus;      /* owned, nullable: our own connection */
  GSubprocess           *daemon;   /* owned, nullable */
  char                  *session;  /* owned, nullable: a "plain" session */
  guint                  prompter; /* the registered prompter object */
  guint                  prompts;  /* prompts asked for, all refused */
};

/* Directories */

static void
make_dirs (GantryTestKeyring *self)
{
  static const struct { const char *variable; const char *name; } dirs[] = {
    { "HOME", "home" },
    { "XDG_DATA_HOME", "home/.local/share" },
    { "XDG_CONFIG_HOME", "home/.config" },
    { "XDG_CACHE_HOME", "home/.cache" },
    { "XDG_RUNTIME_DIR", "run" },
  };
  g_autoptr (GError) error = NULL;

  self->root = g_dir_make_tmp ("gantry-keyring-XXXXXX", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (self->root, dirs[i].name,
                                                NULL);

      /* gnome-keyring insists on a private runtime directory. */
      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      g_setenv (dirs[i].variable, path, TRUE);
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR)
          && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Waiting */

static gboolean
tick_cb (gpointer unused)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
has_owner (GantryTestKeyring *self)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (self->bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus",
                                       "NameHasOwner",
                                       g_variant_new ("(s)", SECRETS_NAME),
                                       G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &owned);

  return owned;
}

static void
wait_for_owner (GantryTestKeyring *self,
                gboolean           owned)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  while (has_owner (self) != owned)
    {
      if (g_get_monotonic_time () > end)
        g_error ("gnome-keyring-daemon did not %s the bus in %d s; see %s",
                 owned ? "join" : "leave", DEADLINE_S, self->root);
      g_usleep (G_USEC_PER_SEC / 20);
    }
}

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *exited = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *exited = TRUE;
}

/* The daemon */

static void
start_daemon (GantryTestKeyring *self)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autofree char *log = g_build_filename (self->root, "keyring.log", NULL);
  gboolean unlock = self->mode == GANTRY_TEST_KEYRING_UNLOCKED;
  GOutputStream *input;
  g_autoptr (GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  /* Nowhere to show a prompt: it fails at once instead of waiting. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  self->daemon = g_subprocess_launcher_spawn (launcher, &error,
                                              "gnome-keyring-daemon",
                                              "--foreground",
                                              "--components=secrets",
                                              unlock ? "--unlock" : NULL,
                                              NULL);
  g_assert_no_error (error);

  /* --unlock reads the password up to the end of its input; it creates
   * the login keyring with it the first time. */
  input = g_subprocess_get_stdin_pipe (self->daemon);
  if (unlock)
    g_output_stream_write_all (input, PASSWORD, strlen (PASSWORD), NULL,
                               NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  wait_for_owner (self, TRUE);
}

static void
stop_daemon (GantryTestKeyring *self)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  gboolean exited = FALSE;
  guint tick;

  if (self->daemon == NULL)
    return;

  g_subprocess_wait_async (self->daemon, NULL, on_exited_cb, &exited);
  g_subprocess_send_signal (self->daemon, SIGTERM);
  tick = g_timeout_add (50, tick_cb, NULL);
  while (!exited)
    {
      if (g_get_monotonic_time () > end)
        g_subprocess_force_exit (self->daemon);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
  g_clear_object (&self->daemon);
  g_clear_pointer (&self->session, g_free);
}

/* The prompter: gcr's system prompter protocol, in which this one
 * refuses every prompt at its first step. */

static const char prompter_xml[] =
  "<node>"
  "  <interface name='org.gnome.keyring.internal.Prompter'>"
  "    <method name='BeginPrompting'>"
  "      <arg name='callback' type='o' direction='in'/>"
  "    </method>"
  "    <method name='PerformPrompt'>"
  "      <arg name='callback' type='o' direction='in'/>"
  "      <arg name='type' type='s' direction='in'/>"
  "      <arg name='properties' type='a{sv}' direction='in'/>"
  "      <arg name='exchange' type='s' direction='in'/>"
  "    </method>"
  "    <method name='StopPrompting'>"
  "      <arg name='callback' type='o' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
on_prompter_call_cb (GDBusConnection       *connection,
                     const char            *sender,
                     const char            *path,
                     const char            *interface,
                     const char            *method,
                     GVariant              *parameters,
                     GDBusMethodInvocation *invocation,
                     gpointer               user_data)
{
  GantryTestKeyring *self = user_data;

  if (g_str_equal (method, "BeginPrompting"))
    self->prompts++;
  g_dbus_method_invocation_return_dbus_error (invocation,
                                              "org.gnome.keyring.Prompter."
                                              "Failed",
                                              "The test refuses to prompt");
}

static void
start_prompter (GantryTestKeyring *self)
{
  static const GDBusInterfaceVTable vtable = { on_prompter_call_cb, };
  g_autoptr (GDBusNodeInfo) node = NULL;
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GError) error = NULL;
  guint32 result = 0;

  node = g_dbus_node_info_new_for_xml (prompter_xml, &error);
  g_assert_no_error (error);
  self->prompter = g_dbus_connection_register_object (self->bus,
                                                      PROMPTER_PATH,
                                                      node->interfaces[0],
                                                      &vtable, self, NULL,
                                                      &error);
  g_assert_no_error (error);

  reply = g_dbus_connection_call_sync (self->bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "RequestName",
                                       g_variant_new ("(su)", PROMPTER_NAME,
                                                      0),
                                       G_VARIANT_TYPE ("(u)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);  /* the primary owner */
}

/* Life cycle */

static void
connect_bus (GantryTestKeyring *self)
{
  g_autoptr (GError) error = NULL;

  self->bus = g_dbus_connection_new_for_address_sync (
    g_test_dbus_get_bus_address (self->dbus),
    G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT
    | G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
    NULL, NULL, &error);
  g_assert_no_error (error);
}

GantryTestKeyring *
gantry_test_keyring_new (GantryTestKeyringMode mode)
{
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GantryTestKeyring *self = g_new0 (GantryTestKeyring, 1);

  self->mode = mode;
  make_dirs (self);
  /* Whatever the environment says, never libsecret's file backend. */
  g_unsetenv ("SECRET_BACKEND");

  if (mode == GANTRY_TEST_KEYRING_NO_BUS)
    {
      g_autofree char *address = g_strdup_printf ("unix:path=%s/no-bus",
                                                  self->root);

      /* With no address and a display, GDBus would start a bus itself. */
      g_unsetenv ("DISPLAY");
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
      return self;
    }

  self->dbus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (self->dbus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  connect_bus (self);

  if (mode != GANTRY_TEST_KEYRING_NO_SERVICE)
    {
      start_prompter (self);
      start_daemon (self);
    }

  return self;
}

void
gantry_test_keyring_free (GantryTestKeyring *self)
{
  if (self == NULL)
    return;

  stop_daemon (self);
  if (self->prompter != 0)
    g_dbus_connection_unregister_object (self->bus, self->prompter);
  if (self->bus != NULL)
    g_dbus_connection_close_sync (self->bus, NULL, NULL);
  g_clear_object (&self->bus);

  /* Not g_test_dbus_down(): libsecret keeps the session bus connection
   * for the life of the process, which down() would wait 30 s for. */
  if (self->dbus != NULL)
    g_test_dbus_stop (self->dbus);
  /* Dropping the last reference would call down() all the same. */
  self->dbus = NULL;

  remove_tree (self->root);
  g_free (self->root);
  g_free (self);
}

const char *
gantry_test_keyring_get_root (GantryTestKeyring *self)
{
  return self->root;
}

guint
gantry_test_keyring_count_prompts (GantryTestKeyring *self)
{
  return self->prompts;
}

void
gantry_test_keyring_restart (GantryTestKeyring *self)
{
  g_assert_nonnull (self->daemon);

  stop_daemon (self);
  wait_for_owner (self, FALSE);
  start_daemon (self);
}

/* Talking to the daemon */

static GVariant *
call (GantryTestKeyring  *self,
      const char         *path,
      const char         *interface,
      const char         *method,
      GVariant           *parameters,
      const GVariantType *reply_type)
{
  g_autoptr (GError) error = NULL;
  GVariant *reply;

  reply = g_dbus_connection_call_sync (self->bus, SECRETS_NAME, path,
                                       interface, method, parameters,
                                       reply_type, G_DBUS_CALL_FLAGS_NONE,
                                       DEADLINE_S * 1000, NULL, &error);
  g_assert_no_error (error);

  return reply;
}

static GVariant *
get_property (GantryTestKeyring *self,
              const char        *path,
              const char        *interface,
              const char        *name)
{
  g_autoptr (GVariant) reply = NULL;
  GVariant *value;

  reply = call (self, path, "org.freedesktop.DBus.Properties", "Get",
                g_variant_new ("(ss)", interface, name),
                G_VARIANT_TYPE ("(v)"));
  g_variant_get (reply, "(v)", &value);

  return value;
}

void
gantry_test_keyring_lock (GantryTestKeyring *self)
{
  const char *paths[2] = { NULL, NULL };
  g_autoptr (GVariant) alias = NULL;
  g_autoptr (GVariant) locked = NULL;
  g_autoptr (GVariant) reply = NULL;

  alias = call (self, SECRETS_PATH, SERVICE_IFACE, "ReadAlias",
                g_variant_new ("(s)", "default"), G_VARIANT_TYPE ("(o)"));
  g_variant_get (alias, "(&o)", &paths[0]);
  g_assert_cmpstr (paths[0], !=, "/");

  reply = call (self, SECRETS_PATH, SERVICE_IFACE, "Lock",
                g_variant_new ("(^ao)", paths), G_VARIANT_TYPE ("(aoo)"));

  locked = get_property (self, paths[0], "org.freedesktop.Secret.Collection",
                         "Locked");
  g_assert_true (g_variant_get_boolean (locked));
}

GPtrArray *
gantry_test_keyring_search (GantryTestKeyring *self,
                            const char        *schema)
{
  g_auto (GVariantBuilder) attributes =
    G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE ("a{ss}"));
  g_autoptr (GVariant) reply = NULL;
  g_autofree const char **unlocked = NULL;
  g_autofree const char **locked = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_free);

  g_variant_builder_add (&attributes, "{ss}", "xdg:schema", schema);
  reply = call (self, SECRETS_PATH, SERVICE_IFACE, "SearchItems",
                g_variant_new ("(a{ss})", &attributes),
                G_VARIANT_TYPE ("(aoao)"));

  g_variant_get (reply, "(^a&o^a&o)", &unlocked, &locked);
  for (guint i = 0; unlocked[i] != NULL; i++)
    g_ptr_array_add (items, g_strdup (unlocked[i]));
  for (guint i = 0; locked[i] != NULL; i++)
    g_ptr_array_add (items, g_strdup (locked[i]));

  return items;
}

gboolean
gantry_test_keyring_is_locked (GantryTestKeyring *self,
                               const char        *item)
{
  g_autoptr (GVariant) value = NULL;

  value = get_property (self, item, "org.freedesktop.Secret.Item", "Locked");

  return g_variant_get_boolean (value);
}

char *
gantry_test_keyring_get_label (GantryTestKeyring *self,
                               const char        *item)
{
  g_autoptr (GVariant) value = NULL;

  value = get_property (self, item, "org.freedesktop.Secret.Item", "Label");

  return g_variant_dup_string (value, NULL);
}

static const char *
plain_session (GantryTestKeyring *self)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) output = NULL;

  if (self->session != NULL)
    return self->session;

  /* "plain": the secret travels unencrypted over this private bus. */
  reply = call (self, SECRETS_PATH, SERVICE_IFACE, "OpenSession",
                g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                G_VARIANT_TYPE ("(vo)"));
  g_variant_get (reply, "(vo)", &output, &self->session);

  return self->session;
}

char *
gantry_test_keyring_get_secret (GantryTestKeyring *self,
                                const char        *item)
{
  g_autoptr (GVariant) reply = NULL;
  g_autoptr (GVariant) secret = NULL;
  g_autoptr (GVariant) value = NULL;
  const char *bytes;
  gsize length;

  reply = call (self, item, "org.freedesktop.Secret.Item", "GetSecret",
                g_variant_new ("(o)", plain_session (self)),
                G_VARIANT_TYPE ("((oayays))"));

  /* (session, parameters, value, content type) */
  secret = g_variant_get_child_value (reply, 0);
  value = g_variant_get_child_value (secret, 2);
  bytes = g_variant_get_fixed_array (value, &length, 1);

  return g_strndup (bytes, length);
}

/* Files */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize size = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  /* Byte by byte: the file may hold NULs before the needle. */
  for (gsize i = 0; i + size <= length; i++)
    if (memcmp (contents + i, needle, size) == 0)
      return TRUE;

  return FALSE;
}

void
gantry_test_assert_no_file_contains (const char *dir,
                                     const char *needle)
{
  g_autoptr (GDir) entries = NULL;
  g_autoptr (GError) error = NULL;
  const char *name;

  entries = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (entries)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf info;

      g_assert_cmpint (g_lstat (path, &info), ==, 0);
      if (S_ISDIR (info.st_mode))
        gantry_test_assert_no_file_contains (path, needle);
      else if (S_ISREG (info.st_mode) && file_contains (path, needle))
        g_assert_cmpstr ("no file with the key", ==, path);
    }
}
