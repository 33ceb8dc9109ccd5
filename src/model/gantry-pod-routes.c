/* gantry-pod-routes.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How to reach a pod (SSH, the HTTP proxy), why a route is unavailable,
 * and the environment as key and value. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "gantry-pod-private.h"

gboolean
gantry_pod_split_env (const char  *entry,
                      char       **key,
                      char       **value)
{
  const char *equals;

  if (key != NULL)
    *key = NULL;
  if (value != NULL)
    *value = NULL;

  if (entry == NULL || entry[0] == '\0' || entry[0] == '=')
    return FALSE;

  /* Values may contain '=' themselves: only the first one separates. */
  equals = strchr (entry, '=');
  if (key != NULL)
    *key = equals != NULL ? g_strndup (entry, equals - entry)
                          : g_strdup (entry);
  if (value != NULL)
    *value = g_strdup (equals != NULL ? equals + 1 : "");

  return TRUE;
}

/* Reads one "<port>/<protocol>" of the `ports` string; @spec is modified. */
static gboolean
parse_port_spec (char       *spec,
                 const char *protocol,
                 guint      *out_port)
{
  char *slash;
  guint64 port;

  g_strstrip (spec);
  slash = strchr (spec, '/');
  if (slash == NULL || g_ascii_strcasecmp (slash + 1, protocol) != 0)
    return FALSE;

  *slash = '\0';
  if (!g_ascii_string_to_unsigned (spec, 10, 1, 65535, &port, NULL))
    return FALSE;

  *out_port = (guint) port;
  return TRUE;
}

static gboolean
declares_port (GantryPod  *self,
               guint       port,
               const char *protocol)
{
  g_auto (GStrv) specs = NULL;

  if (self->ports == NULL)
    return FALSE;

  specs = g_strsplit (self->ports, ",", -1);
  for (guint i = 0; specs[i] != NULL; i++)
    {
      guint found;

      if (parse_port_spec (specs[i], protocol, &found)
          && (port == 0 || found == port))
        return TRUE;
    }

  return FALSE;
}

/* The command is pasted into a shell: only a bare address goes in it. */
static gboolean
is_reachable (const GantryPodPort *port)
{
  return port->is_ip_public && port->ip != NULL
         && g_hostname_is_ip_address (port->ip) && port->public_port > 0;
}

/* The runtime's mapping of 22/tcp, a reachable one if there is one. */
static const GantryPodPort *
find_ssh_port (GantryPod *self)
{
  const GantryPodPort *found = NULL;

  for (guint i = 0; i < self->runtime_ports->len; i++)
    {
      const GantryPodPort *port = g_ptr_array_index (self->runtime_ports, i);

      if (port->private_port != 22 || g_strcmp0 (port->type, "tcp") != 0)
        continue;
      if (is_reachable (port))
        return port;
      if (found == NULL)
        found = port;
    }

  return found;
}

static const char *
describe_not_running (GantryPod *self)
{
  if (self->status == GANTRY_POD_STATUS_STARTING)
    return _("The pod is still starting");
  if (self->status != GANTRY_POD_STATUS_RUNNING)
    return _("The pod is not running");

  return NULL;
}

const char *
gantry_pod_describe_ssh_unavailable (GantryPod *self)
{
  const GantryPodPort *port;
  const char *reason;

  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  if ((reason = describe_not_running (self)) != NULL)
    return reason;

  port = find_ssh_port (self);
  if (port == NULL && declares_port (self, 22, "tcp"))
    return _("Port 22 is not mapped yet");
  if (port == NULL)
    return _("Port 22 is not exposed over TCP");
  if (!is_reachable (port))
    return _("Port 22 has no public IP");

  return NULL;
}

char *
gantry_pod_dup_ssh_command (GantryPod *self)
{
  const GantryPodPort *port;

  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  if (gantry_pod_describe_ssh_unavailable (self) != NULL)
    return NULL;

  port = find_ssh_port (self);
  return g_strdup_printf ("ssh root@%s -p %d", port->ip, port->public_port);
}

const char *
gantry_pod_describe_proxy_unavailable (GantryPod *self)
{
  const char *reason;

  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  if ((reason = describe_not_running (self)) != NULL)
    return reason;
  if (!declares_port (self, 0, "http"))
    return _("No HTTP port is exposed");

  return NULL;
}

/* Pod ids are short lower-case words; anything else makes no host name. */
static gboolean
is_host_label (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;

  return text[0] != '\0';
}

GStrv
gantry_pod_dup_proxy_urls (GantryPod *self)
{
  g_autoptr (GStrvBuilder) builder = NULL;
  g_auto (GStrv) specs = NULL;

  g_return_val_if_fail (GANTRY_IS_POD (self), NULL);

  builder = g_strv_builder_new ();
  if (self->status == GANTRY_POD_STATUS_RUNNING && self->ports != NULL
      && is_host_label (self->id))
    specs = g_strsplit (self->ports, ",", -1);

  for (guint i = 0; specs != NULL && specs[i] != NULL; i++)
    {
      g_autofree char *url = NULL;
      guint port;

      if (!parse_port_spec (specs[i], "http", &port))
        continue;

      url = g_strdup_printf ("https://%s-%u.proxy.runpod.net", self->id, port);
      g_strv_builder_add (builder, url);
    }

  return g_strv_builder_end (builder);
}
