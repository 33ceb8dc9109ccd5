/* gantry-client.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The RunPod GraphQL client: the object, its endpoint and key, and the
 * transport every operation shares: one POST of {query, variables}, the
 * key in the Authorization header only. The caller's thread builds the
 * message; the client's own I/O thread sends it, reads the reply, checks
 * it and turns it into models (gantry-client-reply.c), then hands the
 * result back to the caller's main context, which completes the task.
 * libsoup (3.2 and later) lets a thread with a thread-default main
 * context send on a session made elsewhere; everything else about the
 * session stays with the thread that made it. The operations themselves
 * are in gantry-client-operations.c. */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "gantry-client-private.h"

struct _GantryClient
{
  GObject      parent_instance;

  SoupSession *session;   /* owned */
  char        *endpoint;  /* owned */
  char        *api_key;   /* owned, nullable; wiped when dropped */

  /* The I/O thread, started by the first request: it sends, reads and
   * parses, so that neither waits for the main loop nor holds it up. */
  GThread     *io_thread;   /* owned, nullable */
  GMainLoop   *io_loop;     /* owned, nullable: runs in io_thread */
};

G_DEFINE_FINAL_TYPE (GantryClient, gantry_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ENDPOINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wipe_string (char *text)
{
  if (text == NULL)
    return;

  explicit_bzero (text, strlen (text));
  g_free (text);
}

SoupSession *
gantry_client_new_session (void)
{
  return soup_session_new_with_options ("user-agent", "Gantry/" PACKAGE_VERSION,
                                        "timeout", 30,
                                        NULL);
}

const char *
gantry_client_default_endpoint (void)
{
  const char *url = g_getenv ("GANTRY_API_URL");

  return url != NULL && *url != '\0' ? url : GANTRY_DEFAULT_API_URL;
}

static gboolean
is_loopback_host (const char *host)
{
  g_autoptr (GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

gboolean
gantry_client_check_endpoint (const char  *endpoint,
                              GError     **error)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  const char *host;

  /* The address itself is never quoted back: it might carry a key. */
  if (endpoint != NULL)
    uri = g_uri_parse (endpoint, G_URI_FLAGS_NONE, NULL);
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (host == NULL || *host == '\0')
    {
      g_set_error_literal (error, GANTRY_API_ERROR,
                           GANTRY_API_ERROR_INSECURE_ENDPOINT,
                           _("The RunPod API address is not a valid web "
                             "address."));
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_str_equal (scheme, "https") ||
      (g_str_equal (scheme, "http") && is_loopback_host (host)))
    return TRUE;

  if (g_str_equal (scheme, "http"))
    g_set_error (error, GANTRY_API_ERROR, GANTRY_API_ERROR_INSECURE_ENDPOINT,
                 _("Gantry does not send the API key to %s over plain "
                   "http, where anyone on the way could read it. Use an "
                   "https address."), host);
  else
    g_set_error_literal (error, GANTRY_API_ERROR,
                         GANTRY_API_ERROR_INSECURE_ENDPOINT,
                         _("The RunPod API address must start with "
                           "https://."));
  return FALSE;
}

static gpointer
io_thread_main (gpointer data)
{
  g_autoptr (GMainLoop) loop = data;
  GMainContext *context = g_main_loop_get_context (loop);

  g_main_context_push_thread_default (context);
  g_main_loop_run (loop);

  /* Whatever libsoup still had queued to wind a finished request up. */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
ensure_io_thread (GantryClient *self)
{
  g_autoptr (GMainContext) context = NULL;

  if (self->io_thread != NULL)
    return;

  context = g_main_context_new ();
  self->io_loop = g_main_loop_new (context, FALSE);
  self->io_thread = g_thread_new ("gantry-io", io_thread_main,
                                  g_main_loop_ref (self->io_loop));
}

/* Runs @func (@data) in the I/O thread. */
static void
io_thread_invoke (GantryClient *self,
                  GSourceFunc   func,
                  gpointer      data)
{
  g_autoptr (GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[gantry] client request");
  g_source_set_callback (source, func, data, NULL);
  g_source_attach (source, g_main_loop_get_context (self->io_loop));
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Every request holds the client through its task until the task is back
 * in the thread that made it, so nothing is in flight here; the quit goes
 * through the loop's own context so that it cannot come too early. */
static void
stop_io_thread (GantryClient *self)
{
  if (self->io_thread == NULL)
    return;

  g_assert (g_thread_self () != self->io_thread);
  io_thread_invoke (self, quit_loop_cb, self->io_loop);
  g_thread_join (g_steal_pointer (&self->io_thread));
  g_clear_pointer (&self->io_loop, g_main_loop_unref);
}

static void
gantry_client_finalize (GObject *object)
{
  GantryClient *self = (GantryClient *) object;

  stop_io_thread (self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->endpoint, g_free);
  g_clear_pointer (&self->api_key, wipe_string);

  G_OBJECT_CLASS (gantry_client_parent_class)->finalize (object);
}

static void
gantry_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GantryClient *self = GANTRY_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_ENDPOINT:
      g_value_set_string (value, self->endpoint);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GantryClient *self = GANTRY_CLIENT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;

    case PROP_ENDPOINT:
      self->endpoint = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_client_constructed (GObject *object)
{
  GantryClient *self = GANTRY_CLIENT (object);

  G_OBJECT_CLASS (gantry_client_parent_class)->constructed (object);

  if (self->session == NULL)
    self->session = gantry_client_new_session ();
  if (self->endpoint == NULL)
    self->endpoint = g_strdup (gantry_client_default_endpoint ());
}

static void
gantry_client_class_init (GantryClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gantry_client_constructed;
  object_class->finalize = gantry_client_finalize;
  object_class->get_property = gantry_client_get_property;
  object_class->set_property = gantry_client_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SOUP_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_ENDPOINT] =
    g_param_spec_string ("endpoint", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gantry_client_init (GantryClient *self)
{
}

/**
 * gantry_client_new:
 * @session: (nullable): the app's session; NULL makes a new one
 * @endpoint: (nullable): the GraphQL URL; NULL for the default
 *
 * The endpoint is checked before each request, not here, so that an
 * insecure one fails every operation with
 * GANTRY_API_ERROR_INSECURE_ENDPOINT.
 */
GantryClient *
gantry_client_new (SoupSession *session,
                   const char  *endpoint)
{
  g_return_val_if_fail (session == NULL || SOUP_IS_SESSION (session), NULL);

  return g_object_new (GANTRY_TYPE_CLIENT,
                       "session", session,
                       "endpoint", endpoint,
                       NULL);
}

const char *
gantry_client_get_endpoint (GantryClient *self)
{
  g_return_val_if_fail (GANTRY_IS_CLIENT (self), NULL);

  return self->endpoint;
}

void
gantry_client_set_api_key (GantryClient *self,
                           const char   *api_key)
{
  g_return_if_fail (GANTRY_IS_CLIENT (self));

  g_clear_pointer (&self->api_key, wipe_string);
  if (api_key != NULL && *api_key != '\0')
    self->api_key = g_strdup (api_key);
}

gboolean
gantry_client_has_api_key (GantryClient *self)
{
  g_return_val_if_fail (GANTRY_IS_CLIENT (self), FALSE);

  return self->api_key != NULL;
}

static void
gantry_call_free (GantryCall *call)
{
  g_clear_object (&call->message);
  g_clear_pointer (&call->pod_id, g_free);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_object (&call->account);
  g_clear_pointer (&call->lifted_pods, g_ptr_array_unref);
  g_clear_error (&call->lifted_error);
  g_free (call);
}

GTask *
_gantry_client_call_new (GantryClient          *self,
                         const GantryOperation *operation,
                         const char            *pod_id,
                         gpointer               source_tag,
                         GCancellable          *cancellable,
                         GAsyncReadyCallback    callback,
                         gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GantryCall *call = g_new0 (GantryCall, 1);

  call->operation = operation;
  call->pod_id = g_strdup (pod_id);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, call, (GDestroyNotify) gantry_call_free);
  return task;
}

/* {"query": …, "variables": …}; takes @variables. */
static GBytes *
build_body (const char *query,
            JsonNode   *variables)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  gsize length;
  char *text;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query);
  json_builder_set_member_name (builder, "variables");
  if (variables != NULL)
    json_builder_add_value (builder, variables);
  else
    json_builder_end_object (json_builder_begin_object (builder));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static SoupMessage *
new_message (GantryClient          *self,
             const GantryOperation *operation,
             GBytes                *body)
{
  SoupMessage *message = soup_message_new (SOUP_METHOD_POST, self->endpoint);
  SoupMessageHeaders *headers = soup_message_get_request_headers (message);

  /* A redirect would carry the Authorization header to another host. */
  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  /* libsoup opens a new connection for every POST, which would be a TLS
   * handshake on every refresh; a query is safe to send on a kept-alive
   * one (and to send again if that one turns out closed). */
  if (operation->is_query)
    soup_message_add_flags (message, SOUP_MESSAGE_IDEMPOTENT);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->api_key != NULL)
    {
      char *value = g_strconcat ("Bearer ", self->api_key, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
      wipe_string (value);
    }

  soup_message_set_request_body_from_bytes (message, "application/json", body);
  return message;
}

/* The operation's result from the reply in call->body, or NULL with
 * @error set. An operation without a reply function gives back TRUE. */
static gpointer
gantry_call_parse (GantryCall  *call,
                   GError     **error)
{
  g_autoptr (JsonObject) data = NULL;
  g_autoptr (GBytes) lifted = NULL;

  if (call->operation->by_pod)
    lifted = _gantry_reply_lift_pods (call->body, &call->lifted_pods,
                                      &call->lifted_error);

  data = _gantry_reply_parse_data (lifted != NULL ? lifted : call->body,
                                   error);
  if (data == NULL)
    return NULL;
  if (call->operation->reply == NULL)
    return GINT_TO_POINTER (TRUE);

  return call->operation->reply (call, data, error);
}

/* The outcome of a call on its way from the I/O thread to the thread
 * that made the task. */
typedef struct
{
  GTask    *task;    /* owned */
  gpointer  result;  /* owned, nullable */
  GError   *error;   /* owned, nullable */
} GantryOutcome;

/* A server may quote what it was sent ("invalid token rpa_…"): whatever
 * it says reaches the screen, so the key is cut out of it, and the text
 * that held it wiped. */
static void
redact_key (GantryClient *self,
            GError       *error)
{
  g_autoptr (GString) message = NULL;

  if (self->api_key == NULL || strstr (error->message, self->api_key) == NULL)
    return;

  message = g_string_new (error->message);
  g_string_replace (message, self->api_key, "••••", 0);
  explicit_bzero (error->message, strlen (error->message));
  g_free (error->message);
  error->message = g_string_free (g_steal_pointer (&message), FALSE);
}

/* In the task's own thread: completes it and drops the reference the I/O
 * thread held. That last reference may be the one on the client, whose
 * finalize joins the I/O thread: it must never be dropped there. */
static gboolean
return_outcome_cb (gpointer user_data)
{
  GantryOutcome *outcome = user_data;
  g_autoptr (GTask) task = g_steal_pointer (&outcome->task);
  GantryCall *call = g_task_get_task_data (task);

  if (outcome->error != NULL)
    {
      redact_key (g_task_get_source_object (task), outcome->error);
      g_task_return_error (task, g_steal_pointer (&outcome->error));
    }
  else if (call->operation->reply == NULL)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_pointer (task, g_steal_pointer (&outcome->result),
                           call->operation->result_free);

  g_free (outcome);
  return G_SOURCE_REMOVE;
}

/* In the I/O thread: hands the task, @result and @error (both taken) over
 * to the task's main context. */
static void
hand_back (GTask    *task,
           gpointer  result,
           GError   *error)
{
  GantryOutcome *outcome = g_new0 (GantryOutcome, 1);
  g_autoptr (GSource) source = g_idle_source_new ();

  outcome->task = task;
  outcome->result = result;
  outcome->error = error;

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[gantry] client reply");
  g_source_set_callback (source, return_outcome_cb, outcome, NULL);
  g_source_attach (source, g_task_get_context (task));
}

/* One request in the I/O thread. libsoup gets a cancellable of its own
 * that only this thread cancels, because GLib 2.74's cancellable sources
 * race when cancelled from another thread (valgrind saw one leak); the
 * task's cancellable, cancelled in the caller's thread, is forwarded. */
typedef struct
{
  GTask        *task;          /* owned until handed back */
  GCancellable *cancellable;   /* owned: libsoup's */
  GMainContext *io_context;    /* the I/O thread's */
  gulong        cancelled_id;  /* on the task's cancellable */
} GantrySend;

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* In whatever thread cancelled the task. */
static void
on_task_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GantrySend *send = user_data;
  g_autoptr (GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, cancel_cb, g_object_ref (send->cancellable),
                         g_object_unref);
  g_source_attach (source, send->io_context);
}

static GantrySend *
gantry_send_new (GTask        *task,
                 GMainContext *io_context)
{
  GantrySend *send = g_new0 (GantrySend, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  send->task = task;
  send->cancellable = g_cancellable_new ();
  send->io_context = io_context;
  if (cancellable != NULL)
    send->cancelled_id =
      g_cancellable_connect (cancellable, G_CALLBACK (on_task_cancelled_cb),
                             send, NULL);
  return send;
}

/* Frees @send and returns its task. */
static GTask *
gantry_send_end (GantrySend *send)
{
  GTask *task = send->task;

  g_cancellable_disconnect (g_task_get_cancellable (task), send->cancelled_id);
  g_clear_object (&send->cancellable);
  g_free (send);
  return task;
}

/* In the I/O thread. */
static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = gantry_send_end (user_data);
  GantryCall *call = g_task_get_task_data (task);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  gpointer parsed;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                            &error);
  if (body == NULL)
    {
      error = _gantry_reply_transport_error (g_steal_pointer (&error),
                                             call->message);
      g_debug ("%s: no reply, error %d", call->operation->name, error->code);
      hand_back (task, NULL, g_steal_pointer (&error));
      return;
    }

  g_debug ("%s: HTTP %u", call->operation->name,
           soup_message_get_status (call->message));
  if (!_gantry_reply_check (call->message, body, &error))
    {
      hand_back (task, NULL, g_steal_pointer (&error));
      return;
    }

  call->body = g_steal_pointer (&body);
  parsed = gantry_call_parse (call, &error);
  if (parsed == NULL)
    g_debug ("%s: failed, error %d", call->operation->name, error->code);
  hand_back (task, parsed, g_steal_pointer (&error));
}

/* In the I/O thread: the session sends from the thread-default context,
 * so the reply is read here and the callback lands here too. */
static gboolean
start_send_cb (gpointer user_data)
{
  GantrySend *send = user_data;
  GantryClient *self = g_task_get_source_object (send->task);
  GantryCall *call = g_task_get_task_data (send->task);

  soup_session_send_and_read_async (self->session, call->message,
                                    G_PRIORITY_DEFAULT, send->cancellable,
                                    on_sent_cb, send);
  return G_SOURCE_REMOVE;
}

/* Sends @query with @variables for @task, taking both, or fails the task
 * at once when the endpoint is not safe to send the key to. */
void
_gantry_client_send (GantryClient *self,
                     GTask        *task,
                     const char   *query,
                     JsonNode     *variables)
{
  GantryCall *call = g_task_get_task_data (task);
  g_autoptr (GBytes) body = build_body (query, variables);
  g_autoptr (GError) error = NULL;
  GantrySend *send;

  if (!gantry_client_check_endpoint (self->endpoint, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  call->message = new_message (self, call->operation, body);
  ensure_io_thread (self);
  send = gantry_send_new (task, g_main_loop_get_context (self->io_loop));
  io_thread_invoke (self, start_send_cb, send);
}

gpointer
_gantry_client_finish_pointer (GantryClient  *self,
                               GAsyncResult  *result,
                               gpointer       source_tag,
                               GError       **error)
{
  g_return_val_if_fail (GANTRY_IS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
