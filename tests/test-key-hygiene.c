/* test-key-hygiene.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Where the API key goes, and where it never does. A whole session of the
 * real gantry binary against the simulator, with every debug message on:
 * the pod list, an action (app.stop-pod over D-Bus, as a notification
 * button sends it), the key then refused by RunPod, and Quit. Afterwards
 * the key must appear only in the Authorization header of what was sent:
 * not in the log, not in a file under HOME, not on the command line; and
 * Gantry must have started no process that could inherit it. Then, in
 * this process: the key in no error text, the old key wiped when a new
 * one replaces it, and a browser opened from the detail pane started
 * without it in its environment. */

#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include <adwaita.h>

#include "api/gantry-client.h"
#include "gantry-test-sim.h"
#include "ui/gantry-pod-detail.h"

#define DEADLINE_S 60
#define RUNNING_ID "k3q9x2m7p1v8za"

static GantryTestSim *sim;

/* Requests */

static guint
count_requests (const char *text,
                guint       status)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      const char *query = json_object_get_string_member_with_default (
        request, "query", NULL);

      if (query != NULL && strstr (query, text) != NULL
          && (status == 0
              || json_object_get_int_member_with_default (request, "status",
                                                          0) == status))
        n++;
    }

  return n;
}

#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      g_usleep (100 * 1000); \
    g_assert_true (cond); \
  } G_STMT_END

/* Every request: the key in the Authorization header, exactly, and
 * nowhere else (path, query, variables). */
static void
assert_key_only_in_header (const char *key)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);
  g_autofree char *bearer = g_strconcat ("Bearer ", key, NULL);

  g_assert_cmpuint (json_array_get_length (requests), >, 0);
  for (guint i = 0; i < json_array_get_length (requests); i++)
    {
      JsonObject *request = json_array_get_object_element (requests, i);
      JsonObject *headers = json_object_get_object_member (request,
                                                           "headers");
      JsonNode *body = json_object_get_member (request, "body");
      g_autofree char *body_text = body ? json_to_string (body, FALSE) : NULL;

      g_assert_cmpstr (json_object_get_string_member_with_default (
                         headers, "authorization", ""), ==, bearer);
      g_assert_false (json_object_get_boolean_member (request,
                                                      "api_key_in_url"));
      g_assert_null (strstr (json_object_get_string_member (request, "path"),
                             key));
      g_assert_null (strstr (body_text ? body_text : "", key));
    }
}

/* Files */

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

/* How many files under @dir; fails on one that holds @needle. */
static guint
assert_no_file_has (const char *dir,
                    const char *needle)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          n += assert_no_file_has (path, needle);
          continue;
        }
      if (file_contains (path, needle))
        g_error ("The API key was written to %s", path);
      n++;
    }

  return n;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR)
          && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_tree (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

/* The processes whose parent is @pid. */
static guint
count_children (GPid pid)
{
  g_autoptr (GDir) proc = g_dir_open ("/proc", 0, NULL);
  const char *name;
  guint n = 0;

  while (proc != NULL && (name = g_dir_read_name (proc)) != NULL)
    {
      g_autofree char *path = g_build_filename ("/proc", name, "stat", NULL);
      g_autofree char *stat = NULL;
      const char *after;
      int state_and_ppid = 0;

      if (!g_ascii_isdigit (name[0])
          || !g_file_get_contents (path, &stat, NULL, NULL))
        continue;
      /* "pid (comm) S ppid ...": the command may hold spaces. */
      after = strrchr (stat, ')');
      if (after != NULL
          && sscanf (after + 1, " %*c %d", &state_and_ppid) == 1
          && state_and_ppid == pid)
        n++;
    }

  return n;
}

/* The session */

static GDBusConnection *
session_bus (void)
{
  g_autoptr (GError) error = NULL;
  GDBusConnection *bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);

  g_assert_no_error (error);
  return bus;
}

static gboolean
app_on_bus (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus",
                                       "NameHasOwner",
                                       g_variant_new ("(s)", APPLICATION_ID),
                                       G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                       NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

/* Activates app.@action (with a string @parameter, or none), as the
 * shell does for a notification's button. */
static void
activate_app_action (GDBusConnection *bus,
                     const char      *action,
                     const char      *parameter)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GVariant) reply = NULL;
  GVariantBuilder parameters;

  g_variant_builder_init (&parameters, G_VARIANT_TYPE ("av"));
  if (parameter != NULL)
    g_variant_builder_add (&parameters, "v", g_variant_new_string (parameter));

  reply = g_dbus_connection_call_sync (bus, APPLICATION_ID,
                                       "/io/github/gantry_app/Gantry",
                                       "org.gtk.Actions", "Activate",
                                       g_variant_new ("(sava{sv})", action,
                                                      &parameters, NULL),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
}

/* A test that fails takes the app down with it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static GSubprocess *
start_gantry (const char *home,
              const char *log)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_build_filename (home, ".config", NULL);
  g_autofree char *data = g_build_filename (home, ".local/share", NULL);
  g_autofree char *cache = g_build_filename (home, ".cache", NULL);
  const char *binary = g_getenv ("GANTRY_BINARY");
  GSubprocess *gantry;

  g_assert_nonnull (binary);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL,
                                         NULL);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "keyfile",
                                TRUE);
  g_subprocess_launcher_setenv (launcher, "GANTRY_API_URL",
                                gantry_test_sim_get_url (sim), TRUE);
  /* The app's own input; it passes it to no one. */
  g_subprocess_launcher_setenv (launcher, "RUNPOD_API_KEY",
                                gantry_test_sim_get_api_key (sim), TRUE);

  gantry = g_subprocess_launcher_spawn (launcher, &error, binary, NULL);
  g_assert_no_error (error);
  return gantry;
}

static void
assert_cmdline_clean (GSubprocess *gantry,
                      const char  *key)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/cmdline",
    g_subprocess_get_identifier (gantry));

  g_assert_false (file_contains (path, key));
}

static void
test_session (void)
{
  g_autoptr (GDBusConnection) bus = session_bus ();
  g_autoptr (GSubprocess) gantry = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *home = g_dir_make_tmp ("gantry-home-XXXXXX", NULL);
  g_autofree char *logdir = g_dir_make_tmp ("gantry-log-XXXXXX", NULL);
  g_autofree char *log = g_build_filename (logdir, "session.log", NULL);
  g_autofree char *key = g_strdup (gantry_test_sim_get_api_key (sim));
  g_autofree char *contents = NULL;
  GPid pid;

  json_object_unref (gantry_test_sim_control (sim, "{\"op\": \"reset\"}"));
  gantry = start_gantry (home, log);
  pid = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (gantry), NULL,
                                10);

  /* The list, with the key. */
  WAIT_FOR (count_requests ("pods", 200) >= 1 && app_on_bus (bus));
  assert_cmdline_clean (gantry, key);

  /* An action: the stop a notification's button asks for. Until the
   * app has read the list it knows no pod to stop, so ask again. */
  for (guint i = 0; i < DEADLINE_S && count_requests ("podStop", 0) == 0;
       i++)
    {
      activate_app_action (bus, "stop-pod", RUNNING_ID);
      g_usleep (G_USEC_PER_SEC);
    }
  WAIT_FOR (count_requests ("podStop", 200) >= 1);
  g_assert_cmpuint (count_children (pid), ==, 0);

  /* RunPod stops accepting the key: the app's next check fails. */
  json_object_unref (gantry_test_sim_control (sim,
    "{\"op\": \"set_key\", \"key\": \"rpa_ANOTHERKEY\"}"));
  WAIT_FOR (count_requests ("myself", 401) >= 1);
  g_usleep (G_USEC_PER_SEC);
  g_assert_cmpuint (count_children (pid), ==, 0);

  activate_app_action (bus, "quit", NULL);
  g_subprocess_wait_check (gantry, NULL, &error);
  g_assert_no_error (error);

  /* Everything was said, and none of it is the key. */
  g_file_get_contents (log, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "-DEBUG"));
  g_assert_nonnull (strstr (contents, "podStop"));
  g_assert_null (strstr (contents, key));
  g_assert_null (strstr (contents, key + 4));
  assert_key_only_in_header (key);

  /* Settings were written, the key was not. */
  g_assert_cmpuint (assert_no_file_has (home, key), >, 0);
  assert_no_file_has (home, key + 4);

  remove_tree (home);
  remove_tree (logdir);
}

/* A program Gantry opens */

static char *browser_out;   /* where the stand-in browser writes its env */

/* A stand-in browser, the default for https in this process's XDG
 * folders, that writes its environment to a file. */
static void
install_browser (const char *root)
{
  g_autofree char *apps = g_build_filename (root, "data", "applications",
                                            NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  g_autofree char *desktop = g_build_filename (apps, "gantry-test-browser"
                                               ".desktop", NULL);
  g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list",
                                                NULL);
  g_autofree char *entry = NULL;
  g_autoptr (GError) error = NULL;

  browser_out = g_build_filename (root, "browser-env", NULL);
  entry = g_strdup_printf ("[Desktop Entry]\nType=Application\n"
                           "Name=Test Browser\n"
                           "Exec=/bin/sh -c 'env > %s' sh %%u\n"
                           "MimeType=x-scheme-handler/https;\n",
                           browser_out);
  g_mkdir_with_parents (apps, 0700);
  g_mkdir_with_parents (config, 0700);
  g_file_set_contents (desktop, entry, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (mimeapps, "[Default Applications]\n"
                       "x-scheme-handler/https=gantry-test-browser.desktop\n",
                       -1, &error);
  g_assert_no_error (error);
}

/* Opening a pod's address from the detail pane starts the browser as a
 * child: with the environment, but not the key. */
static void
test_browser_env (void)
{
  g_autofree char *env = NULL;
  GtkWidget *detail = g_object_ref_sink (gantry_pod_detail_new ());
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  g_setenv ("RUNPOD_API_KEY", gantry_test_sim_get_api_key (sim), TRUE);
  g_assert_true (gtk_widget_activate_action (detail, "detail.open", "s",
                                             "https://example.invalid/"));
  while (!g_file_test (browser_out, G_FILE_TEST_EXISTS)
         && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (20 * 1000);
  g_usleep (200 * 1000);
  g_unsetenv ("RUNPOD_API_KEY");
  g_object_unref (detail);

  g_assert_true (g_file_get_contents (browser_out, &env, NULL, NULL));
  g_assert_nonnull (strstr (env, "HOME="));
  g_assert_null (strstr (env, "RUNPOD_API_KEY"));
  g_assert_null (strstr (env, gantry_test_sim_get_api_key (sim)));
}

/* Error texts */

static void
on_account_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr (GantryAccount) account = NULL;

  account = gantry_client_get_account_finish (GANTRY_CLIENT (source), result,
                                              error);
  if (account != NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "no error");
}

/* Whatever goes wrong, and even when the server echoes the key back in
 * a body, the error that reaches the person does not quote it. */
static void
test_error_text (void)
{
  const char *key = gantry_test_sim_get_api_key (sim);
  g_autoptr (GantryClient) client = gantry_client_new (NULL,
    gantry_test_sim_get_url (sim));
  const guint statuses[] = { 400, 401, 403, 404, 429, 500, 502, 503 };

  gantry_client_set_api_key (client, key);
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GMainContext) context = g_main_context_new ();
      g_autoptr (JsonObject) reply = NULL;

      reply = gantry_test_sim_controlf (sim,
        "{\"op\": \"fault\", \"kind\": \"http\", \"status\": %u, "
        "\"body\": \"bad key %s\"}", statuses[i], key);
      g_main_context_push_thread_default (context);
      gantry_client_get_account_async (client, NULL, on_account_cb, &error);
      while (error == NULL)
        g_main_context_iteration (context, TRUE);
      g_main_context_pop_thread_default (context);

      g_assert_true (error->domain == GANTRY_API_ERROR);
      g_assert_null (strstr (error->message, key));
    }
}

/* Plain http to another computer: refused before anything is sent, so
 * the key never travels in the clear. Loopback (the simulator) is fine. */
static void
test_plain_http (void)
{
  g_autoptr (GantryClient) client = gantry_client_new (NULL,
    "http://example.com/graphql");
  g_autoptr (GError) error = NULL;
  g_autoptr (GMainContext) context = g_main_context_new ();

  g_assert_true (gantry_client_check_endpoint (gantry_test_sim_get_url (sim),
                                               NULL));
  g_assert_true (gantry_client_check_endpoint ("https://example.com/graphql",
                                               NULL));

  gantry_client_set_api_key (client, gantry_test_sim_get_api_key (sim));
  g_main_context_push_thread_default (context);
  gantry_client_get_account_async (client, NULL, on_account_cb, &error);
  while (error == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);

  g_assert_error (error, GANTRY_API_ERROR,
                  GANTRY_API_ERROR_INSECURE_ENDPOINT);
  g_assert_null (strstr (error->message, gantry_test_sim_get_api_key (sim)));
}

/* Wiping: every block freed while a key is replaced is looked at on its
 * way out; one that still holds the old key fails the test. Interposing
 * free() is not possible under AddressSanitizer. */

#if defined(__SANITIZE_ADDRESS__)
# define CAN_WATCH_FREE 0
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define CAN_WATCH_FREE 0
# endif
#endif
#ifndef CAN_WATCH_FREE
# define CAN_WATCH_FREE 1
#endif

#if CAN_WATCH_FREE
extern void __libc_free (void *pointer);

static const char *watched;      /* the key to look for, or NULL */
static guint       n_unwiped;    /* blocks freed still holding it */

void free (void *pointer);

void
free (void *pointer)
{
  if (watched != NULL && pointer != NULL
      && strncmp (pointer, watched, strlen (watched)) == 0)
    n_unwiped++;

  __libc_free (pointer);
}
#endif

static void
test_wiped (void)
{
#if CAN_WATCH_FREE
  g_autoptr (GantryClient) client = gantry_client_new (NULL,
                                                       "https://example.com");
  const char *old_key = "rpa_OLDKEY0123456789abcdefghij";

  /* The watch works: an unwiped copy is seen. */
  watched = old_key;
  g_free (g_strdup (old_key));
  watched = NULL;
  g_assert_cmpuint (n_unwiped, ==, 1);
  n_unwiped = 0;

  gantry_client_set_api_key (client, old_key);
  watched = old_key;
  gantry_client_set_api_key (client, "rpa_NEWKEY0123456789abcdefghij");
  gantry_client_set_api_key (client, NULL);
  watched = NULL;
  g_assert_cmpuint (n_unwiped, ==, 0);
  g_assert_false (gantry_client_has_api_key (client));
#else
  g_test_skip ("free() cannot be watched under AddressSanitizer");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GantryTestSim) owned_sim = NULL;
  g_autofree char *root = g_dir_make_tmp ("gantry-xdg-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (root, "data", NULL);
  g_autofree char *config = g_build_filename (root, "config", NULL);
  int status;

  /* Before GIO reads them: this process's own XDG folders. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  install_browser (root);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  owned_sim = sim = gantry_test_sim_start (NULL);

  g_test_add_func ("/gantry/key-hygiene/session", test_session);
  g_test_add_func ("/gantry/key-hygiene/error-text", test_error_text);
  g_test_add_func ("/gantry/key-hygiene/plain-http", test_plain_http);
  g_test_add_func ("/gantry/key-hygiene/wiped", test_wiped);
  g_test_add_func ("/gantry/key-hygiene/browser-env", test_browser_env);

  status = g_test_run ();
  remove_tree (root);
  return status;
}
