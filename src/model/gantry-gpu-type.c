/* gantry-gpu-type.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One GPU type of the catalogue (runpod-api.md §5). Read once from the
 * server and never changed, so its properties never notify. */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "gantry-gpu-type.h"
#include "gantry-json.h"

struct _GantryGpuType
{
  GObject      parent_instance;

  char        *id;
  char        *display_name;   /* never NULL: the id when missing */
  char        *manufacturer;   /* nullable */
  GArray      *available_gpu_counts;
  double       on_demand_price;
  double       minimum_bid_price;
  int          memory_in_gb;
  int          max_gpu_count;
  GantryStock  stock;
  gboolean     secure_cloud;
  gboolean     community_cloud;
};

G_DEFINE_FINAL_TYPE (GantryGpuType, gantry_gpu_type, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_MANUFACTURER,
  PROP_MEMORY_IN_GB,
  PROP_SECURE_CLOUD,
  PROP_COMMUNITY_CLOUD,
  PROP_MAX_GPU_COUNT,
  PROP_ON_DEMAND_PRICE,
  PROP_MINIMUM_BID_PRICE,
  PROP_STOCK,
  PROP_AVAILABLE_GPU_COUNTS,
  PROP_PLACEHOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
gantry_stock_get_type (void)
{
  static gsize type_id = 0;
  static const GEnumValue values[] = {
    { GANTRY_STOCK_NONE, "GANTRY_STOCK_NONE", "none" },
    { GANTRY_STOCK_LOW, "GANTRY_STOCK_LOW", "low" },
    { GANTRY_STOCK_MEDIUM, "GANTRY_STOCK_MEDIUM", "medium" },
    { GANTRY_STOCK_HIGH, "GANTRY_STOCK_HIGH", "high" },
    { 0, NULL, NULL }
  };

  if (g_once_init_enter (&type_id))
    {
      GType type = g_enum_register_static (g_intern_static_string
                                             ("GantryStock"),
                                           values);
      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

GantryStock
gantry_stock_from_string (const char *text)
{
  if (text == NULL)
    return GANTRY_STOCK_NONE;

  /* Title case in GraphQL; upper case in REST v2, should it come to it. */
  if (g_ascii_strcasecmp (text, "High") == 0)
    return GANTRY_STOCK_HIGH;
  if (g_ascii_strcasecmp (text, "Medium") == 0)
    return GANTRY_STOCK_MEDIUM;
  if (g_ascii_strcasecmp (text, "Low") == 0)
    return GANTRY_STOCK_LOW;

  return GANTRY_STOCK_NONE;
}

const char *
gantry_stock_to_string (GantryStock stock)
{
  switch (stock)
    {
    case GANTRY_STOCK_HIGH:   return _("High");
    case GANTRY_STOCK_MEDIUM: return _("Medium");
    case GANTRY_STOCK_LOW:    return _("Low");
    case GANTRY_STOCK_NONE:
    default:                  return _("Out of stock");
    }
}

static void
gantry_gpu_type_finalize (GObject *object)
{
  GantryGpuType *self = GANTRY_GPU_TYPE (object);

  g_free (self->id);
  g_free (self->display_name);
  g_free (self->manufacturer);
  g_clear_pointer (&self->available_gpu_counts, g_array_unref);

  G_OBJECT_CLASS (gantry_gpu_type_parent_class)->finalize (object);
}

static void
gantry_gpu_type_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GantryGpuType *self = GANTRY_GPU_TYPE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_MANUFACTURER:
      g_value_set_string (value, self->manufacturer);
      break;
    case PROP_MEMORY_IN_GB:
      g_value_set_int (value, self->memory_in_gb);
      break;
    case PROP_SECURE_CLOUD:
      g_value_set_boolean (value, self->secure_cloud);
      break;
    case PROP_COMMUNITY_CLOUD:
      g_value_set_boolean (value, self->community_cloud);
      break;
    case PROP_MAX_GPU_COUNT:
      g_value_set_int (value, self->max_gpu_count);
      break;
    case PROP_ON_DEMAND_PRICE:
      g_value_set_double (value, self->on_demand_price);
      break;
    case PROP_MINIMUM_BID_PRICE:
      g_value_set_double (value, self->minimum_bid_price);
      break;
    case PROP_STOCK:
      g_value_set_enum (value, self->stock);
      break;
    case PROP_AVAILABLE_GPU_COUNTS:
      g_value_set_boxed (value, self->available_gpu_counts);
      break;
    case PROP_PLACEHOLDER:
      g_value_set_boolean (value, gantry_gpu_type_is_placeholder (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define PARAM_FLAGS \
  (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static GParamSpec *
param_string (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, PARAM_FLAGS);
}

static GParamSpec *
param_int (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, 0, G_MAXINT, 0, PARAM_FLAGS);
}

static GParamSpec *
param_price (const char *name)
{
  return g_param_spec_double (name, NULL, NULL, -1, G_MAXDOUBLE, -1,
                              PARAM_FLAGS);
}

static GParamSpec *
param_boolean (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE, PARAM_FLAGS);
}

static void
gantry_gpu_type_class_init (GantryGpuTypeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gantry_gpu_type_finalize;
  object_class->get_property = gantry_gpu_type_get_property;

  properties[PROP_ID] = param_string ("id");
  properties[PROP_DISPLAY_NAME] = param_string ("display-name");
  properties[PROP_MANUFACTURER] = param_string ("manufacturer");
  properties[PROP_MEMORY_IN_GB] = param_int ("memory-in-gb");
  properties[PROP_SECURE_CLOUD] = param_boolean ("secure-cloud");
  properties[PROP_COMMUNITY_CLOUD] = param_boolean ("community-cloud");
  properties[PROP_MAX_GPU_COUNT] = param_int ("max-gpu-count");
  properties[PROP_ON_DEMAND_PRICE] = param_price ("on-demand-price");
  properties[PROP_MINIMUM_BID_PRICE] = param_price ("minimum-bid-price");
  properties[PROP_STOCK] =
    g_param_spec_enum ("stock", NULL, NULL,
                       GANTRY_TYPE_STOCK, GANTRY_STOCK_NONE, PARAM_FLAGS);
  properties[PROP_AVAILABLE_GPU_COUNTS] =
    g_param_spec_boxed ("available-gpu-counts", NULL, NULL,
                        G_TYPE_ARRAY, PARAM_FLAGS);
  properties[PROP_PLACEHOLDER] = param_boolean ("placeholder");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gantry_gpu_type_init (GantryGpuType *self)
{
  self->available_gpu_counts = g_array_new (FALSE, FALSE, sizeof (int));
  self->on_demand_price = -1;
  self->minimum_bid_price = -1;
  self->stock = GANTRY_STOCK_NONE;
}

static int
get_count (JsonObject *object,
           const char *member)
{
  gint64 value = gantry_json_get_int (object, member, 0);

  return (int) CLAMP (value, 0, G_MAXINT);
}

/* A null, zero or negative price is unknown: never shown as free. */
static double
get_price (JsonObject *object,
           const char *member)
{
  double value = gantry_json_get_double (object, member, -1);

  return value > 0 ? value : -1;
}

static void
read_gpu_counts (GantryGpuType *self,
                 JsonArray     *array)
{
  guint length = array != NULL ? json_array_get_length (array) : 0;

  for (guint i = 0; i < length; i++)
    {
      gint64 count;
      int value;

      if (!gantry_json_node_get_int (json_array_get_element (array, i),
                                     &count)
          || count <= 0 || count > G_MAXINT)
        continue;

      value = (int) count;
      g_array_append_val (self->available_gpu_counts, value);
    }
}

static void
read_lowest_price (GantryGpuType *self,
                   JsonObject    *lowest)
{
  const char *stock = gantry_json_get_string (lowest, "stockStatus");

  self->on_demand_price = get_price (lowest, "uninterruptablePrice");
  self->minimum_bid_price = get_price (lowest, "minimumBidPrice");
  self->stock = gantry_stock_from_string (stock);
  read_gpu_counts (self, gantry_json_get_array (lowest,
                                                "availableGpuCounts"));
}

GantryGpuType *
gantry_gpu_type_new_from_json (JsonObject  *object,
                               GError     **error)
{
  g_autoptr (GantryGpuType) self = NULL;
  const char *id;
  const char *display_name;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  id = gantry_json_get_string (object, "id");
  if (id == NULL || id[0] == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The server sent a GPU type without an id"));
      return NULL;
    }

  self = g_object_new (GANTRY_TYPE_GPU_TYPE, NULL);
  self->id = g_strdup (id);
  display_name = gantry_json_get_string (object, "displayName");
  if (display_name == NULL || display_name[0] == '\0')
    display_name = id;
  self->display_name = g_strdup (display_name);
  self->manufacturer = g_strdup (gantry_json_get_string (object,
                                                         "manufacturer"));
  self->memory_in_gb = get_count (object, "memoryInGb");
  self->secure_cloud = gantry_json_get_boolean (object, "secureCloud", FALSE);
  self->community_cloud = gantry_json_get_boolean (object, "communityCloud",
                                                   FALSE);
  self->max_gpu_count = get_count (object, "maxGpuCount");
  read_lowest_price (self, gantry_json_get_object (object, "lowestPrice"));

  return g_steal_pointer (&self);
}

gboolean
gantry_gpu_type_is_placeholder (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), FALSE);

  return g_ascii_strcasecmp (self->id, "unknown") == 0;
}

const char *
gantry_gpu_type_get_id (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), NULL);

  return self->id;
}

const char *
gantry_gpu_type_get_display_name (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), NULL);

  return self->display_name;
}

const char *
gantry_gpu_type_get_manufacturer (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), NULL);

  return self->manufacturer;
}

int
gantry_gpu_type_get_memory_in_gb (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), 0);

  return self->memory_in_gb;
}

gboolean
gantry_gpu_type_get_secure_cloud (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), FALSE);

  return self->secure_cloud;
}

gboolean
gantry_gpu_type_get_community_cloud (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), FALSE);

  return self->community_cloud;
}

int
gantry_gpu_type_get_max_gpu_count (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), 0);

  return self->max_gpu_count;
}

double
gantry_gpu_type_get_on_demand_price (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), -1);

  return self->on_demand_price;
}

double
gantry_gpu_type_get_minimum_bid_price (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), -1);

  return self->minimum_bid_price;
}

GantryStock
gantry_gpu_type_get_stock (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), GANTRY_STOCK_NONE);

  return self->stock;
}

GArray *
gantry_gpu_type_get_available_gpu_counts (GantryGpuType *self)
{
  g_return_val_if_fail (GANTRY_IS_GPU_TYPE (self), NULL);

  return self->available_gpu_counts;
}
