/* gantry-pod-store.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pod list, refreshed by id. A refresh must not disturb the views on
 * top of it: a pod that is still there stays the same object (selection and
 * scroll follow object identity) and only notifies its changed properties;
 * items-changed is reserved for pods that come and go. */

#include "gantry-pod-store.h"

typedef struct
{
  GantryPod *pod;       /* borrowed: the items array holds the reference */
  guint      serial;    /* the last update that listed it */
  guint      touched;   /* the stamp of its last single-pod update */
} Entry;

struct _GantryPodStore
{
  GObject     parent_instance;

  GPtrArray  *items;    /* GantryPod, owned, in display order */
  GHashTable *index;    /* id (borrowed from the pod) → Entry (owned) */
  guint       serial;
  guint       stamp;      /* counts single-pod updates */
  guint       read_stamp; /* the stamp the list being applied was read at */
  guint64     changed;  /* pod properties the last change changed */
  gboolean    loaded;
};

static void list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GantryPodStore, gantry_pod_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      list_model_init))

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

enum {
  PODS_CHANGED,
  POD_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
/* Held for the life of the process: property_changed looks property names
 * up in it, and may be asked before any pod was ever made. */
static GObjectClass *pod_class;

static GType
gantry_pod_store_get_item_type (GListModel *model)
{
  return GANTRY_TYPE_POD;
}

static guint
gantry_pod_store_get_n_items (GListModel *model)
{
  return GANTRY_POD_STORE (model)->items->len;
}

static gpointer
gantry_pod_store_get_item (GListModel *model,
                           guint       position)
{
  GantryPodStore *self = GANTRY_POD_STORE (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gantry_pod_store_get_item_type;
  iface->get_n_items = gantry_pod_store_get_n_items;
  iface->get_item = gantry_pod_store_get_item;
}

static void
gantry_pod_store_finalize (GObject *object)
{
  GantryPodStore *self = GANTRY_POD_STORE (object);

  /* The index borrows its keys from the pods: it goes first. */
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (gantry_pod_store_parent_class)->finalize (object);
}

static void
gantry_pod_store_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GantryPodStore *self = GANTRY_POD_STORE (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_pod_store_class_init (GantryPodStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gantry_pod_store_finalize;
  object_class->get_property = gantry_pod_store_get_property;

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS
                          | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[PODS_CHANGED] =
    g_signal_new ("pods-changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[POD_REMOVED] =
    g_signal_new ("pod-removed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GANTRY_TYPE_POD);

  pod_class = g_type_class_ref (GANTRY_TYPE_POD);
}

static void
gantry_pod_store_init (GantryPodStore *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->index = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
}

GantryPodStore *
gantry_pod_store_new (void)
{
  return g_object_new (GANTRY_TYPE_POD_STORE, NULL);
}

static Entry *
lookup_entry (GantryPodStore *self,
              GantryPod      *pod)
{
  return g_hash_table_lookup (self->index, gantry_pod_get_id (pod));
}

static void
append_pods (GantryPodStore *self,
             GPtrArray      *pods)
{
  guint position = self->items->len;

  for (guint i = 0; i < pods->len; i++)
    {
      GantryPod *pod = g_ptr_array_index (pods, i);
      Entry *entry = g_new (Entry, 1);

      entry->pod = pod;
      entry->serial = self->serial;
      entry->touched = 0;
      g_hash_table_insert (self->index, (gpointer) gantry_pod_get_id (pod),
                           entry);
      g_ptr_array_add (self->items, g_object_ref (pod));
    }

  if (pods->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, pods->len);
}

/* Updates @held from @pod, noting which properties changed; TRUE if any. */
static gboolean
update_pod (GantryPodStore *self,
            GantryPod      *held,
            GantryPod      *pod)
{
  guint64 changed = gantry_pod_update_from_mask (held, pod);

  self->changed |= changed;
  return changed != 0;
}

/* Removes @n_items pods from @position in one items-changed, then tells
 * those who watch pods that they are gone. */
static void
remove_range (GantryPodStore *self,
              guint           position,
              guint           n_items)
{
  g_autoptr (GPtrArray) gone = NULL;

  gone = g_ptr_array_new_full (n_items, g_object_unref);
  for (guint i = position; i < position + n_items; i++)
    {
      GantryPod *pod = g_ptr_array_index (self->items, i);

      g_ptr_array_add (gone, g_object_ref (pod));
      g_hash_table_remove (self->index, gantry_pod_get_id (pod));
    }
  g_ptr_array_remove_range (self->items, position, n_items);
  g_list_model_items_changed (G_LIST_MODEL (self), position, n_items, 0);

  for (guint i = 0; i < gone->len; i++)
    {
      GantryPod *pod = g_ptr_array_index (gone, i);

      gantry_pod_mark_terminated (pod);
      g_signal_emit (self, signals[POD_REMOVED], 0, pod);
    }
}

/* Updates the pods already held in place and collects the new ones into
 * @added (the last of two entries with one id wins). Returns how many
 * held pods changed; @n_listed tells how many held pods were listed. */
static guint
update_held (GantryPodStore *self,
             GPtrArray      *pods,
             GPtrArray      *added,
             GHashTable    **added_ids,
             guint          *n_listed)
{
  guint n_changed = 0;

  for (guint i = 0; i < pods->len; i++)
    {
      GantryPod *pod = g_ptr_array_index (pods, i);
      GantryPod *twin;
      Entry *entry;

      if (!GANTRY_IS_POD (pod))
        {
          g_critical ("%s: element %u is not a GantryPod", G_STRFUNC, i);
          continue;
        }

      if ((entry = lookup_entry (self, pod)) != NULL)
        {
          *n_listed += entry->serial != self->serial ? 1 : 0;
          entry->serial = self->serial;
          /* A list read before a mutation's answer is older than it. */
          if (entry->touched <= self->read_stamp)
            n_changed += update_pod (self, entry->pod, pod) ? 1 : 0;
          continue;
        }

      /* Only a broken response lists a new id twice. */
      if (*added_ids == NULL)
        *added_ids = g_hash_table_new (g_str_hash, g_str_equal);
      twin = g_hash_table_lookup (*added_ids, gantry_pod_get_id (pod));
      if (twin != NULL)
        {
          gantry_pod_update_from (twin, pod);
          continue;
        }

      g_hash_table_insert (*added_ids, (gpointer) gantry_pod_get_id (pod), pod);
      g_ptr_array_add (added, pod);
    }

  return n_changed;
}

/* Removes the pods the last update did not list, from the end so that each
 * items-changed is true of the list as it is when it is emitted; adjacent
 * pods go in one range. Returns how many were removed. */
static guint
remove_unlisted (GantryPodStore *self)
{
  guint n_removed = 0;
  guint end = self->items->len;

  while (end > 0)
    {
      guint start = end;

      while (start > 0)
        {
          Entry *entry = lookup_entry (self, g_ptr_array_index (self->items,
                                                                start - 1));

          if (entry->serial == self->serial
              || entry->touched > self->read_stamp)
            break;
          start--;
        }

      if (start == end)
        {
          end--;
          continue;
        }

      remove_range (self, start, end - start);
      n_removed += end - start;
      end = start;
    }

  return n_removed;
}

void
gantry_pod_store_update (GantryPodStore *self,
                         GPtrArray      *pods)
{
  g_return_if_fail (GANTRY_IS_POD_STORE (self));

  gantry_pod_store_update_read_at (self, pods, self->stamp);
}

guint
gantry_pod_store_begin_read (GantryPodStore *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_STORE (self), 0);

  return self->stamp;
}

void
gantry_pod_store_update_read_at (GantryPodStore *self,
                                 GPtrArray      *pods,
                                 guint           read_stamp)
{
  g_autoptr (GPtrArray) added = NULL;
  g_autoptr (GHashTable) added_ids = NULL;
  guint n_listed = 0;
  guint n_changed;

  g_return_if_fail (GANTRY_IS_POD_STORE (self));
  g_return_if_fail (pods != NULL);

  self->serial++;
  self->changed = 0;
  self->read_stamp = read_stamp;
  added = g_ptr_array_new ();
  n_changed = update_held (self, pods, added, &added_ids, &n_listed);
  if (n_listed < self->items->len)
    n_changed += remove_unlisted (self);
  append_pods (self, added);
  n_changed += added->len;

  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_signal_emit (self, signals[PODS_CHANGED], 0, n_changed);
}

void
gantry_pod_store_update_one (GantryPodStore *self,
                             GantryPod      *pod)
{
  Entry *entry;
  gboolean changed;

  g_return_if_fail (GANTRY_IS_POD_STORE (self));
  g_return_if_fail (GANTRY_IS_POD (pod));

  self->stamp++;
  self->changed = 0;
  if ((entry = lookup_entry (self, pod)) != NULL)
    {
      changed = update_pod (self, entry->pod, pod);
    }
  else
    {
      g_autoptr (GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, pod);
      append_pods (self, one);
      entry = lookup_entry (self, pod);
      changed = TRUE;
    }
  entry->touched = self->stamp;

  g_signal_emit (self, signals[PODS_CHANGED], 0, changed ? 1 : 0);
}

gboolean
gantry_pod_store_remove (GantryPodStore *self,
                         const char     *id)
{
  guint position;

  g_return_val_if_fail (GANTRY_IS_POD_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  self->changed = 0;
  if (!gantry_pod_store_find (self, id, &position))
    return FALSE;

  remove_range (self, position, 1);
  g_signal_emit (self, signals[PODS_CHANGED], 0, 1);

  return TRUE;
}

GantryPod *
gantry_pod_store_lookup (GantryPodStore *self,
                         const char     *id)
{
  Entry *entry;

  g_return_val_if_fail (GANTRY_IS_POD_STORE (self), NULL);

  if (id == NULL)
    return NULL;

  entry = g_hash_table_lookup (self->index, id);
  return entry != NULL ? entry->pod : NULL;
}

gboolean
gantry_pod_store_find (GantryPodStore *self,
                       const char     *id,
                       guint          *position)
{
  GantryPod *pod;

  g_return_val_if_fail (GANTRY_IS_POD_STORE (self), FALSE);

  pod = gantry_pod_store_lookup (self, id);
  if (pod == NULL)
    return FALSE;

  return g_ptr_array_find (self->items, pod, position);
}

gboolean
gantry_pod_store_get_loaded (GantryPodStore *self)
{
  g_return_val_if_fail (GANTRY_IS_POD_STORE (self), FALSE);

  return self->loaded;
}

gboolean
gantry_pod_store_property_changed (GantryPodStore *self,
                                   const char     *property)
{
  GParamSpec *pspec;

  g_return_val_if_fail (GANTRY_IS_POD_STORE (self), FALSE);
  g_return_val_if_fail (property != NULL, FALSE);

  pspec = g_object_class_find_property (pod_class, property);
  g_return_val_if_fail (pspec != NULL, FALSE);

  return (self->changed & (G_GUINT64_CONSTANT (1) << pspec->param_id)) != 0;
}
