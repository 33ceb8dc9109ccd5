/* gantry-test-front.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gantry-test-front.h"

#include <glib/gstdio.h>

struct _GantryTestFront
{
  SoupServer      *server;
  SoupSession     *session;    /* to the simulator */
  GUri            *backend;
  char            *url;
  guint16          port;
  gboolean         tls;
  guint            n_forwarded;
  GResolver       *resolver;   /* ours, the default while we exist */
  GResolver       *previous;   /* the default before */
  GTlsDatabase    *database;   /* nullable */
  char            *cert_dir;   /* nullable */
};

/* The resolver: gantry-front.invalid is 127.0.0.1, unless told not to
 * resolve; any other name fails, so nothing is ever asked of a real DNS
 * server. */

#define GANTRY_TYPE_TEST_RESOLVER (gantry_test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (GantryTestResolver, gantry_test_resolver,
                      GANTRY, TEST_RESOLVER, GResolver)

struct _GantryTestResolver
{
  GResolver parent_instance;
  gboolean  resolving;
};

G_DEFINE_FINAL_TYPE (GantryTestResolver, gantry_test_resolver,
                     G_TYPE_RESOLVER)

static GList *
resolve (GantryTestResolver *self,
         const char         *hostname,
         GError            **error)
{
  if (!self->resolving || g_strcmp0 (hostname, GANTRY_TEST_FRONT_HOST) != 0)
    {
      g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                   "Error resolving “%s”: Name or service not known",
                   hostname);
      return NULL;
    }

  return g_list_prepend (NULL, g_inet_address_new_loopback (
                                 G_SOCKET_FAMILY_IPV4));
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  return resolve (GANTRY_TEST_RESOLVER (resolver), hostname, error);
}

static GList *
lookup_by_name_with_flags (GResolver                 *resolver,
                           const char                *hostname,
                           GResolverNameLookupFlags   flags,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  /* The loopback address is IPv4: an IPv6-only lookup finds nothing. */
  if (flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY)
    {
      g_set_error_literal (error, G_RESOLVER_ERROR,
                           G_RESOLVER_ERROR_NOT_FOUND, "No IPv6 address");
      return NULL;
    }

  return resolve (GANTRY_TEST_RESOLVER (resolver), hostname, error);
}

static void
lookup_by_name_with_flags_async (GResolver                *resolver,
                                 const char               *hostname,
                                 GResolverNameLookupFlags  flags,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  g_autoptr (GTask) task = g_task_new (resolver, cancellable, callback,
                                       user_data);
  GError *error = NULL;
  GList *addresses;

  addresses = lookup_by_name_with_flags (resolver, hostname, flags,
                                         cancellable, &error);
  if (addresses == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, (GDestroyNotify)
                           g_resolver_free_addresses);
}

static void
lookup_by_name_async (GResolver           *resolver,
                      const char          *hostname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  lookup_by_name_with_flags_async (resolver, hostname,
                                   G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                   cancellable, callback, user_data);
}

static GList *
lookup_by_name_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gantry_test_resolver_class_init (GantryTestResolverClass *klass)
{
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_by_name_finish;
  resolver_class->lookup_by_name_with_flags = lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async =
    lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = lookup_by_name_finish;
}

static void
gantry_test_resolver_init (GantryTestResolver *self)
{
  self->resolving = TRUE;
}

/* The certificate: a fresh self-signed one for the front's name. */

static GTlsCertificate *
make_certificate (GantryTestFront *front)
{
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  int status = 0;

  front->cert_dir = g_dir_make_tmp ("gantry-front-XXXXXX", &error);
  g_assert_no_error (error);
  cert = g_build_filename (front->cert_dir, "cert.pem", NULL);
  key = g_build_filename (front->cert_dir, "key.pem", NULL);

  {
    const char *argv[] = {
      "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
      "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
      "-subj", "/CN=" GANTRY_TEST_FRONT_HOST,
      "-addext", "subjectAltName=DNS:" GANTRY_TEST_FRONT_HOST,
      "-keyout", key, "-out", cert, NULL,
    };

    g_spawn_sync (NULL, (char **) argv, NULL,
                  G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                  | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  front->database = g_tls_file_database_new (cert, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&certificate);
}

/* Forwarding */

typedef struct
{
  SoupServerMessage *incoming;  /* owned */
  SoupMessage       *outgoing;  /* owned */
} Forward;

static void
copy_header (SoupMessageHeaders *from,
             SoupMessageHeaders *to,
             const char         *name)
{
  const char *value = soup_message_headers_get_one (from, name);

  if (value != NULL)
    soup_message_headers_replace (to, name, value);
}

static void
on_forwarded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Forward *forward = user_data;
  SoupMessageHeaders *from = soup_message_get_response_headers (
    forward->outgoing);
  SoupMessageHeaders *to = soup_server_message_get_response_headers (
    forward->incoming);
  g_autoptr (GBytes) body = NULL;
  g_autoptr (GError) error = NULL;
  const char *type = soup_message_headers_get_one (from, "Content-Type");
  gsize size = 0;
  const char *data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                            &error);
  if (body == NULL)
    {
      soup_server_message_set_status (forward->incoming,
                                      SOUP_STATUS_BAD_GATEWAY, NULL);
    }
  else
    {
      data = g_bytes_get_data (body, &size);
      soup_server_message_set_status (forward->incoming,
        soup_message_get_status (forward->outgoing), NULL);
      copy_header (from, to, "Retry-After");
      soup_server_message_set_response (forward->incoming,
                                        type ? type : "application/json",
                                        SOUP_MEMORY_COPY, data, size);
    }

  /* Every request makes a new connection, and so meets the fault. */
  soup_message_headers_replace (to, "Connection", "close");
  soup_server_message_unpause (forward->incoming);
  g_object_unref (forward->incoming);
  g_object_unref (forward->outgoing);
  g_free (forward);
}

static void
on_graphql_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  GantryTestFront *front = user_data;
  SoupMessageBody *request = soup_server_message_get_request_body (message);
  g_autoptr (GBytes) body = soup_message_body_flatten (request);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (
    message);
  Forward *forward = g_new0 (Forward, 1);

  front->n_forwarded++;
  forward->incoming = g_object_ref (message);
  forward->outgoing = soup_message_new_from_uri (SOUP_METHOD_POST,
                                                 front->backend);
  copy_header (headers, soup_message_get_request_headers (forward->outgoing),
               "Authorization");
  soup_message_set_request_body_from_bytes (
    forward->outgoing,
    soup_message_headers_get_one (headers, "Content-Type"), body);

  soup_server_message_pause (message);
  soup_session_send_and_read_async (front->session, forward->outgoing,
                                    G_PRIORITY_DEFAULT, NULL,
                                    on_forwarded_cb, forward);
}

static void
listen_on (GantryTestFront *front,
           guint16          port)
{
  g_autoptr (GError) error = NULL;
  GSList *uris;

  soup_server_listen_local (front->server, port,
                            SOUP_SERVER_LISTEN_IPV4_ONLY
                            | (front->tls ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (front->server);
  g_assert_nonnull (uris);
  front->port = (guint16) g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

GantryTestFront *
gantry_test_front_new (const char *backend_url,
                       gboolean    tls)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr (GTlsCertificate) certificate = NULL;
  GantryTestFront *front;

  if (tls && openssl == NULL)
    {
      g_test_skip ("openssl is not installed: no certificate for https");
      return NULL;
    }

  front = g_new0 (GantryTestFront, 1);
  front->tls = tls;
  front->backend = g_uri_parse (backend_url, G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (front->backend);
  front->session = soup_session_new ();
  if (tls)
    certificate = make_certificate (front);
  front->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (front->server, "/graphql", on_graphql_cb, front,
                           NULL);
  listen_on (front, 0);

  front->resolver = g_object_new (GANTRY_TYPE_TEST_RESOLVER, NULL);
  front->previous = g_resolver_get_default ();
  g_resolver_set_default (front->resolver);

  front->url = g_strdup_printf ("%s://%s:%u/graphql",
                                tls ? "https" : "http",
                                tls ? GANTRY_TEST_FRONT_HOST : "127.0.0.1",
                                front->port);
  return front;
}

static void
remove_tree (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

void
gantry_test_front_free (GantryTestFront *front)
{
  if (front == NULL)
    return;

  g_resolver_set_default (front->previous);
  g_clear_object (&front->previous);
  g_clear_object (&front->resolver);
  soup_server_disconnect (front->server);
  g_clear_object (&front->server);
  soup_session_abort (front->session);
  g_clear_object (&front->session);
  g_clear_object (&front->database);
  g_clear_pointer (&front->backend, g_uri_unref);
  if (front->cert_dir != NULL)
    remove_tree (front->cert_dir);
  g_free (front->cert_dir);
  g_free (front->url);
  g_free (front);
}

const char *
gantry_test_front_get_url (GantryTestFront *front)
{
  return front->url;
}

void
gantry_test_front_set_listening (GantryTestFront *front,
                                 gboolean         listening)
{
  if (listening)
    listen_on (front, front->port);
  else
    soup_server_disconnect (front->server);
}

void
gantry_test_front_set_resolving (GantryTestFront *front,
                                 gboolean         resolving)
{
  GANTRY_TEST_RESOLVER (front->resolver)->resolving = resolving;
}

GTlsDatabase *
gantry_test_front_get_database (GantryTestFront *front)
{
  g_assert_nonnull (front->database);

  return front->database;
}

guint
gantry_test_front_get_n_forwarded (GantryTestFront *front)
{
  return front->n_forwarded;
}
