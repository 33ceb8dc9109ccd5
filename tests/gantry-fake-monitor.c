/* gantry-fake-monitor.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "gantry-fake-monitor.h"

struct _GantryFakeMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  PROP_0,
  PROP_NETWORK_AVAILABLE,
  PROP_NETWORK_METERED,
  PROP_CONNECTIVITY,
};

static gboolean
gantry_fake_monitor_initable_init (GInitable     *initable,
                                   GCancellable  *cancellable,
                                   GError       **error)
{
  return TRUE;
}

static void
initable_iface_init (GInitableIface *iface)
{
  iface->init = gantry_fake_monitor_initable_init;
}

static void
network_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

G_DEFINE_FINAL_TYPE_WITH_CODE (GantryFakeMonitor, gantry_fake_monitor,
                               G_TYPE_OBJECT,
  G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, initable_iface_init)
  G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, network_monitor_iface_init))

static void
gantry_fake_monitor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GantryFakeMonitor *self = GANTRY_FAKE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_NETWORK_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case PROP_NETWORK_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_fake_monitor_class_init (GantryFakeMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gantry_fake_monitor_get_property;

  g_object_class_override_property (object_class, PROP_NETWORK_AVAILABLE,
                                    "network-available");
  g_object_class_override_property (object_class, PROP_NETWORK_METERED,
                                    "network-metered");
  g_object_class_override_property (object_class, PROP_CONNECTIVITY,
                                    "connectivity");
}

static void
gantry_fake_monitor_init (GantryFakeMonitor *self)
{
  self->available = TRUE;
}

GNetworkMonitor *
gantry_fake_monitor_new (void)
{
  return g_object_new (GANTRY_TYPE_FAKE_MONITOR, NULL);
}

void
gantry_fake_monitor_set_available (GantryFakeMonitor *self,
                                   gboolean           up)
{
  g_return_if_fail (GANTRY_IS_FAKE_MONITOR (self));

  up = !!up;
  if (self->available == up)
    return;

  self->available = up;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", up);
}
