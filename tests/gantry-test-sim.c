/* gantry-test-sim.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gantry-test-sim.h"

#include <signal.h>
#include <string.h>
#include <libsoup/soup.h>

#define PYTHON "/usr/bin/python3"
#define SCRIPT "runpod-sim.py"
#define START_DEADLINE_S 30
#define STOP_DEADLINE_S 10

struct _GantryTestSim
{
  GSubprocess *process;
  SoupSession *session;
  char        *api_key;
  char        *base_url;
  char        *url;
  guint16      port;
};

/* Finding and starting the script */

static char *
find_script (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);

  if (srcdir != NULL)
    {
      g_ptr_array_add (candidates, g_build_filename (srcdir, SCRIPT, NULL));
      g_ptr_array_add (candidates,
                       g_build_filename (srcdir, "tests", SCRIPT, NULL));
    }
#ifdef GANTRY_SOURCE_DIR
  g_ptr_array_add (candidates,
                   g_build_filename (GANTRY_SOURCE_DIR, "tests", SCRIPT,
                                     NULL));
#endif

  for (guint i = 0; i < candidates->len; i++)
    if (g_file_test (candidates->pdata[i], G_FILE_TEST_IS_REGULAR))
      return g_strdup (candidates->pdata[i]);

  g_error ("runpod-sim: cannot find %s (set G_TEST_SRCDIR)", SCRIPT);
  return NULL;
}

/* A fresh key per simulator, shaped like RunPod's, so that no test can
 * pass with a key written into the code. */
static char *
new_api_key (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  GString *key = g_string_new ("rpa_");

  for (guint i = 0; i < 36; i++)
    g_string_append_c (key, alphabet[g_random_int_range (0, 36)]);

  return g_string_free (key, FALSE);
}

static GSubprocess *
spawn (const char         *api_key,
       const char * const *extra_args)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  GSubprocess *process;

  /* The simulator exits when its stdin closes: if this test aborts, it
   * does not outlive it. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "RUNPOD_SIM_API_KEY", api_key,
                                TRUE);

  g_ptr_array_add (argv, g_strdup (PYTHON));
  g_ptr_array_add (argv, find_script ());
  g_ptr_array_add (argv, g_strdup ("--port"));
  g_ptr_array_add (argv, g_strdup ("0"));
  g_ptr_array_add (argv, g_strdup ("--exit-with-stdin"));
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (extra_args[i]));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  return process;
}

/* Waiting on a private main context */

typedef struct
{
  gboolean  done;
  char     *line;   /* owned, nullable */
  GError   *error;  /* owned, nullable */
} Wait;

static gboolean
wake_cb (gpointer unused)
{
  return G_SOURCE_CONTINUE;
}

/* Iterates @context until @wait is done or @seconds have passed. */
static gboolean
wait_on (GMainContext *context,
         Wait         *wait,
         guint         seconds)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  GSource *tick = g_timeout_source_new (50);

  g_source_set_callback (tick, wake_cb, NULL, NULL);
  g_source_attach (tick, context);

  while (!wait->done && g_get_monotonic_time () < end)
    g_main_context_iteration (context, TRUE);

  g_source_destroy (tick);
  g_source_unref (tick);
  return wait->done;
}

static void
on_line_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->line = g_data_input_stream_read_line_finish_utf8 (
    G_DATA_INPUT_STREAM (source), result, NULL, &wait->error);
  wait->done = TRUE;
}

/* The first line of the simulator's stdout: its port. */
static guint16
read_port (GSubprocess *process)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GDataInputStream) data = NULL;
  Wait wait = { FALSE, NULL, NULL };
  guint64 port = 0;

  data = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  /* Closing the pipe would kill a simulator that ever prints again. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data),
                                               FALSE);

  g_main_context_push_thread_default (context);
  g_data_input_stream_read_line_async (data, G_PRIORITY_DEFAULT, cancellable,
                                       on_line_cb, &wait);
  if (!wait_on (context, &wait, START_DEADLINE_S))
    {
      g_cancellable_cancel (cancellable);
      wait_on (context, &wait, START_DEADLINE_S);
    }
  g_main_context_pop_thread_default (context);

  if (wait.line == NULL
      || !g_ascii_string_to_unsigned (wait.line, 10, 1, G_MAXUINT16, &port,
                                      NULL))
    g_error ("runpod-sim did not start: %s (its error, if any, is above; "
             "it needs Debian's python3-graphql-core)",
             wait.error ? wait.error->message : "no port on its first line");

  g_free (wait.line);
  return (guint16) port;
}

GantryTestSim *
gantry_test_sim_start (const char * const *extra_args)
{
  GantryTestSim *sim = g_new0 (GantryTestSim, 1);

  sim->api_key = new_api_key ();
  sim->process = spawn (sim->api_key, extra_args);
  sim->port = read_port (sim->process);
  sim->base_url = g_strdup_printf ("http://127.0.0.1:%u", sim->port);
  sim->url = g_strconcat (sim->base_url, "/graphql", NULL);

  /* No proxy: an http_proxy on the machine must not get in the way. */
  sim->session = soup_session_new_with_options ("proxy-resolver", NULL,
                                                "timeout", 120,
                                                NULL);
  return sim;
}

static void
on_exited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  wait->done = TRUE;
}

static void
terminate (GSubprocess *process)
{
  g_autoptr (GMainContext) context = g_main_context_new ();
  Wait wait = { FALSE, NULL, NULL };

  g_main_context_push_thread_default (context);
  g_subprocess_send_signal (process, SIGTERM);
  g_subprocess_wait_async (process, NULL, on_exited_cb, &wait);
  if (!wait_on (context, &wait, STOP_DEADLINE_S))
    {
      g_subprocess_force_exit (process);
      wait_on (context, &wait, STOP_DEADLINE_S);
    }
  g_main_context_pop_thread_default (context);
}

/* A simulator bug must not pass for a RunPod failure the client handled:
 * fails the test if the simulator answered any request with an internal
 * error (its traceback is on stderr). */
static void
assert_healthy (GantryTestSim *sim)
{
  g_autoptr (JsonObject) health = NULL;

  health = gantry_test_sim_control (sim, "{\"op\": \"health\"}");
  if (json_object_get_int_member_with_default (health, "internal_errors", 0))
    g_error ("runpod-sim had internal errors; see its traceback above");
}

void
gantry_test_sim_free (GantryTestSim *sim)
{
  g_return_if_fail (sim != NULL);

  assert_healthy (sim);
  terminate (sim->process);
  g_clear_object (&sim->process);
  g_clear_object (&sim->session);
  g_clear_pointer (&sim->api_key, g_free);
  g_clear_pointer (&sim->base_url, g_free);
  g_clear_pointer (&sim->url, g_free);
  g_free (sim);
}

void
gantry_test_sim_stop (GantryTestSim *sim)
{
  gantry_test_sim_free (sim);
}

const char *
gantry_test_sim_get_url (GantryTestSim *sim)
{
  return sim->url;
}

const char *
gantry_test_sim_get_base_url (GantryTestSim *sim)
{
  return sim->base_url;
}

guint16
gantry_test_sim_get_port (GantryTestSim *sim)
{
  return sim->port;
}

const char *
gantry_test_sim_get_api_key (GantryTestSim *sim)
{
  return sim->api_key;
}

/* Requests */

GBytes *
gantry_test_sim_post (GantryTestSim *sim,
                      const char    *path,
                      const char    *authorization,
                      const char    *body,
                      guint         *out_status)
{
  g_autofree char *uri = g_strconcat (sim->base_url, path, NULL);
  g_autoptr (SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, uri);
  g_autoptr (GBytes) request = g_bytes_new (body, strlen (body));
  g_autoptr (GError) error = NULL;
  GBytes *reply;

  g_assert_nonnull (msg);
  if (authorization != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg),
                                  "Authorization", authorization);
  soup_message_set_request_body_from_bytes (msg, "application/json",
                                            request);

  reply = soup_session_send_and_read (sim->session, msg, NULL, &error);
  g_assert_no_error (error);

  if (out_status != NULL)
    *out_status = soup_message_get_status (msg);
  return reply;
}

JsonObject *
gantry_test_sim_control (GantryTestSim *sim,
                         const char    *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GBytes) reply = NULL;
  g_autoptr (GError) error = NULL;
  const char *text;
  JsonNode *root;
  gsize length;
  guint status;

  reply = gantry_test_sim_post (sim, "/control", NULL, json, &status);
  text = g_bytes_get_data (reply, &length);
  if (status != SOUP_STATUS_OK)
    g_error ("runpod-sim control %s: HTTP %u: %.*s", json, status,
             (int) length, text);

  json_parser_load_from_data (parser, text, (gssize) length, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));
  return json_object_ref (json_node_get_object (root));
}

JsonObject *
gantry_test_sim_controlf (GantryTestSim *sim,
                          const char    *format,
                          ...)
{
  g_autofree char *json = NULL;
  va_list args;

  va_start (args, format);
  json = g_strdup_vprintf (format, args);
  va_end (args);

  return gantry_test_sim_control (sim, json);
}

JsonArray *
gantry_test_sim_get_requests (GantryTestSim *sim)
{
  g_autoptr (JsonObject) reply = NULL;
  JsonNode *requests;

  reply = gantry_test_sim_control (sim, "{\"op\": \"requests\"}");
  requests = json_object_get_member (reply, "requests");
  g_assert_true (requests != NULL && JSON_NODE_HOLDS_ARRAY (requests));

  return json_array_ref (json_node_get_array (requests));
}

guint
gantry_test_sim_count_requests (GantryTestSim *sim)
{
  g_autoptr (JsonArray) requests = gantry_test_sim_get_requests (sim);

  return json_array_get_length (requests);
}

JsonObject *
gantry_test_sim_get_pod (GantryTestSim *sim,
                         const char    *id)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) command = NULL;
  g_autoptr (JsonObject) reply = NULL;
  g_autofree char *json = NULL;
  JsonNode *pod;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "op");
  json_builder_add_string_value (builder, "pod");
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, id);
  json_builder_end_object (builder);
  command = json_builder_get_root (builder);
  json = json_to_string (command, FALSE);

  reply = gantry_test_sim_control (sim, json);
  pod = json_object_get_member (reply, "pod");
  if (pod == NULL || !JSON_NODE_HOLDS_OBJECT (pod))
    return NULL;

  return json_object_ref (json_node_get_object (pod));
}

/* GraphQL */

static char *
graphql_body (const char *query,
              const char *variables)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GError) error = NULL;
  JsonNode *values = json_from_string (variables ? variables : "{}", &error);

  g_assert_no_error (error);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query);
  json_builder_set_member_name (builder, "variables");
  json_builder_add_value (builder, values);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

JsonNode *
gantry_test_sim_graphql (GantryTestSim *sim,
                         const char    *authorization,
                         const char    *query,
                         const char    *variables,
                         guint         *out_status)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *body = graphql_body (query, variables);
  g_autoptr (GBytes) reply = NULL;
  const char *text;
  gsize length;

  reply = gantry_test_sim_post (sim, "/graphql", authorization, body,
                                out_status);
  text = g_bytes_get_data (reply, &length);
  if (!json_parser_load_from_data (parser, text, (gssize) length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  return json_node_copy (json_parser_get_root (parser));
}

JsonNode *
gantry_test_sim_query (GantryTestSim *sim,
                       const char    *query,
                       const char    *variables)
{
  g_autofree char *bearer = g_strconcat ("Bearer ", sim->api_key, NULL);
  JsonNode *answer;
  guint status = 0;

  answer = gantry_test_sim_graphql (sim, bearer, query, variables, &status);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (answer);
  return answer;
}

/* JSON paths */

static JsonNode *
json_step (JsonNode   *node,
           const char *step)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_object_get_member (json_node_get_object (node), step);

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint64 index;

      if (!g_ascii_string_to_unsigned (step, 10, 0, G_MAXUINT, &index, NULL)
          || index >= json_array_get_length (array))
        return NULL;
      return json_array_get_element (array, (guint) index);
    }

  return NULL;
}

JsonNode *
gantry_test_json_at (JsonNode   *node,
                     const char *path)
{
  g_auto (GStrv) steps = g_strsplit (path, ".", -1);

  for (guint i = 0; node != NULL && steps[i] != NULL; i++)
    node = json_step (node, steps[i]);

  return node;
}

const char *
gantry_test_json_string_at (JsonNode   *node,
                            const char *path)
{
  JsonNode *found = gantry_test_json_at (node, path);

  if (found == NULL || json_node_get_value_type (found) != G_TYPE_STRING)
    g_error ("no string at %s", path);

  return json_node_get_string (found);
}
