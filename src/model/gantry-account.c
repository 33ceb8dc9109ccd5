/* gantry-account.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The account behind the key: its balance and what it spends per hour. */

#include "gantry-account.h"
#include "gantry-json.h"

struct _GantryAccount
{
  GObject  parent_instance;

  char    *id;              /* nullable */
  double   balance;         /* negative when unknown */
  double   spend_per_hr;    /* negative when unknown */
};

G_DEFINE_FINAL_TYPE (GantryAccount, gantry_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_BALANCE,
  PROP_SPEND_PER_HR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gantry_account_finalize (GObject *object)
{
  GantryAccount *self = GANTRY_ACCOUNT (object);

  g_free (self->id);

  G_OBJECT_CLASS (gantry_account_parent_class)->finalize (object);
}

static void
gantry_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GantryAccount *self = GANTRY_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_BALANCE:
      g_value_set_double (value, self->balance);
      break;
    case PROP_SPEND_PER_HR:
      g_value_set_double (value, self->spend_per_hr);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_account_class_init (GantryAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                      | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = gantry_account_finalize;
  object_class->get_property = gantry_account_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_BALANCE] =
    g_param_spec_double ("balance", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, -1, flags);
  properties[PROP_SPEND_PER_HR] =
    g_param_spec_double ("spend-per-hr", NULL, NULL,
                         -G_MAXDOUBLE, G_MAXDOUBLE, -1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gantry_account_init (GantryAccount *self)
{
  self->balance = -1;
  self->spend_per_hr = -1;
}

GantryAccount *
gantry_account_new_from_json (JsonObject  *object,
                              GError     **error)
{
  GantryAccount *self;

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GANTRY_TYPE_ACCOUNT, NULL);
  self->id = g_strdup (gantry_json_get_string (object, "id"));
  self->balance = gantry_json_get_double (object, "clientBalance", -1);
  self->spend_per_hr = gantry_json_get_double (object, "currentSpendPerHr",
                                               -1);
  if (self->spend_per_hr < 0)
    self->spend_per_hr = -1;

  return self;
}

gboolean
gantry_account_update_from (GantryAccount *self,
                            GantryAccount *other)
{
  gboolean id_changed;
  gboolean balance_changed;
  gboolean spend_changed;

  g_return_val_if_fail (GANTRY_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (GANTRY_IS_ACCOUNT (other), FALSE);

  id_changed = g_strcmp0 (self->id, other->id) != 0;
  balance_changed = self->balance != other->balance;
  spend_changed = self->spend_per_hr != other->spend_per_hr;

  if (id_changed)
    {
      g_free (self->id);
      self->id = g_strdup (other->id);
    }
  self->balance = other->balance;
  self->spend_per_hr = other->spend_per_hr;

  /* Notify once every value is in place. */
  if (id_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
  if (balance_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BALANCE]);
  if (spend_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEND_PER_HR]);

  return id_changed || balance_changed || spend_changed;
}

const char *
gantry_account_get_id (GantryAccount *self)
{
  g_return_val_if_fail (GANTRY_IS_ACCOUNT (self), NULL);

  return self->id;
}

double
gantry_account_get_balance (GantryAccount *self)
{
  g_return_val_if_fail (GANTRY_IS_ACCOUNT (self), -1);

  return self->balance;
}

double
gantry_account_get_spend_per_hr (GantryAccount *self)
{
  g_return_val_if_fail (GANTRY_IS_ACCOUNT (self), -1);

  return self->spend_per_hr;
}
