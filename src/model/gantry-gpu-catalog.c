/* gantry-gpu-catalog.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The GPU catalogue cache of one client. Stock and prices depend on the
 * GPU count, the cloud and the CUDA versions asked for, so each answer is
 * kept under that triple. The types themselves never change once read,
 * so an answer is shared by reference; callers get their own arrays. */

#include "config.h"

#include "gantry-gpu-catalog.h"

struct _GantryGpuCatalog
{
  GObject     parent_instance;

  GWeakRef    client;
  GHashTable *entries;   /* key (char *) -> Entry */
  GTimeSpan   max_age;
};

typedef struct
{
  GPtrArray *types;      /* element type GantryGpuType */
  gint64     fetched_at; /* monotonic */
} Entry;

G_DEFINE_FINAL_TYPE (GantryGpuCatalog, gantry_gpu_catalog, G_TYPE_OBJECT)

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_ptr_array_unref (entry->types);
  g_free (entry);
}

static GPtrArray *
copy_types (GPtrArray *types)
{
  GPtrArray *copy = g_ptr_array_new_full (types->len, g_object_unref);

  for (guint i = 0; i < types->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (types, i)));

  return copy;
}

static void
gantry_gpu_catalog_finalize (GObject *object)
{
  GantryGpuCatalog *self = GANTRY_GPU_CATALOG (object);

  g_weak_ref_clear (&self->client);
  g_clear_pointer (&self->entries, g_hash_table_unref);

  G_OBJECT_CLASS (gantry_gpu_catalog_parent_class)->finalize (object);
}

static void
gantry_gpu_catalog_class_init (GantryGpuCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gantry_gpu_catalog_finalize;
}

static void
gantry_gpu_catalog_init (GantryGpuCatalog *self)
{
  g_weak_ref_init (&self->client, NULL);
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal,
                                         g_free, entry_free);
  self->max_age = GANTRY_GPU_CATALOG_MAX_AGE;
}

GantryGpuCatalog *
gantry_gpu_catalog_get_for_client (GantryClient *client)
{
  static const char key[] = "gantry-gpu-catalog";
  GantryGpuCatalog *self;

  g_return_val_if_fail (GANTRY_IS_CLIENT (client), NULL);

  self = g_object_get_data (G_OBJECT (client), key);
  if (self != NULL)
    return self;

  /* The client owns its catalogue, which only points back weakly. */
  self = g_object_new (GANTRY_TYPE_GPU_CATALOG, NULL);
  g_weak_ref_set (&self->client, client);
  g_object_set_data_full (G_OBJECT (client), key, self, g_object_unref);
  return self;
}

void
gantry_gpu_catalog_set_max_age (GantryGpuCatalog *self,
                                GTimeSpan         max_age)
{
  g_return_if_fail (GANTRY_IS_GPU_CATALOG (self));
  g_return_if_fail (max_age >= 0);

  self->max_age = max_age;
}

void
gantry_gpu_catalog_clear (GantryGpuCatalog *self)
{
  g_return_if_fail (GANTRY_IS_GPU_CATALOG (self));

  g_hash_table_remove_all (self->entries);
}

/* "<count>|<cloud>|<v1>,<v2>" with the versions in version order, so that
 * the same set always finds the same entry. */
static char *
make_key (int                 gpu_count,
          GantryCloud         cloud,
          const char * const *cuda_versions)
{
  g_auto (GStrv) versions = gantry_cuda_versions_normalize (cuda_versions);
  g_autofree char *joined = NULL;

  joined = versions != NULL ? g_strjoinv (",", versions) : g_strdup ("");
  return g_strdup_printf ("%d|%d|%s", gpu_count, (int) cloud, joined);
}

static Entry *
find_fresh (GantryGpuCatalog *self,
            const char       *key)
{
  Entry *entry = g_hash_table_lookup (self->entries, key);

  if (entry == NULL)
    return NULL;
  if (g_get_monotonic_time () - entry->fetched_at >= self->max_age)
    {
      g_hash_table_remove (self->entries, key);
      return NULL;
    }

  return entry;
}

GPtrArray *
gantry_gpu_catalog_lookup (GantryGpuCatalog   *self,
                           int                 gpu_count,
                           GantryCloud         cloud,
                           const char * const *cuda_versions)
{
  g_autofree char *key = NULL;
  Entry *entry;

  g_return_val_if_fail (GANTRY_IS_GPU_CATALOG (self), NULL);

  key = make_key (gpu_count, cloud, cuda_versions);
  entry = find_fresh (self, key);
  return entry != NULL ? copy_types (entry->types) : NULL;
}

static void
on_client_listed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GantryGpuCatalog *self = g_task_get_source_object (task);
  const char *key = g_task_get_task_data (task);
  g_autoptr (GPtrArray) types = NULL;
  g_autoptr (GError) error = NULL;
  Entry *entry;

  types = gantry_client_list_gpu_types_finish (GANTRY_CLIENT (source),
                                               result, &error);
  if (types == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  entry = g_new0 (Entry, 1);
  entry->types = g_ptr_array_ref (types);
  entry->fetched_at = g_get_monotonic_time ();
  g_hash_table_replace (self->entries, g_strdup (key), entry);

  g_task_return_pointer (task, copy_types (types),
                         (GDestroyNotify) g_ptr_array_unref);
}

void
gantry_gpu_catalog_list_async (GantryGpuCatalog    *self,
                               int                  gpu_count,
                               GantryCloud          cloud,
                               const char * const  *cuda_versions,
                               gboolean             reload,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autoptr (GantryClient) client = NULL;
  g_autoptr (GPtrArray) cached = NULL;
  char *key;

  g_return_if_fail (GANTRY_IS_GPU_CATALOG (self));
  g_return_if_fail (gpu_count > 0);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gantry_gpu_catalog_list_async);
  key = make_key (gpu_count, cloud, cuda_versions);
  g_task_set_task_data (task, key, g_free);

  if (reload)
    gantry_gpu_catalog_clear (self);
  cached = gantry_gpu_catalog_lookup (self, gpu_count, cloud, cuda_versions);
  if (cached != NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&cached),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  client = g_weak_ref_get (&self->client);
  if (client == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED,
                               "The client is gone");
      return;
    }

  g_debug ("GPU catalogue: asking the server for %s", key);
  gantry_client_list_gpu_types_async (client, gpu_count, cloud,
                                      cuda_versions, cancellable,
                                      on_client_listed_cb,
                                      g_steal_pointer (&task));
}

GPtrArray *
gantry_gpu_catalog_list_finish (GantryGpuCatalog  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (GANTRY_IS_GPU_CATALOG (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gantry_gpu_catalog_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Versions */

static gboolean
parse_part (const char *part,
            guint64    *number)
{
  return g_ascii_string_to_unsigned (part, 10, 0, G_MAXUINT32, number,
                                     NULL);
}

static int
compare_part (const char *a,
              const char *b)
{
  guint64 number_a, number_b;
  gboolean numeric_a = parse_part (a, &number_a);
  gboolean numeric_b = parse_part (b, &number_b);

  if (numeric_a && numeric_b)
    return (number_a > number_b) - (number_a < number_b);
  if (numeric_a != numeric_b)
    return numeric_a ? -1 : 1;

  return g_strcmp0 (a, b);
}

int
gantry_cuda_version_compare (const char *a,
                             const char *b)
{
  g_auto (GStrv) parts_a = NULL;
  g_auto (GStrv) parts_b = NULL;
  guint n_a, n_b;

  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  parts_a = g_strsplit (a, ".", -1);
  parts_b = g_strsplit (b, ".", -1);
  n_a = g_strv_length (parts_a);
  n_b = g_strv_length (parts_b);

  /* A missing part reads as 0: "12" is "12.0". */
  for (guint i = 0; i < MAX (n_a, n_b); i++)
    {
      int cmp = compare_part (i < n_a ? parts_a[i] : "0",
                              i < n_b ? parts_b[i] : "0");

      if (cmp != 0)
        return cmp;
    }

  return 0;
}

static int
compare_version_ptrs (gconstpointer a,
                      gconstpointer b)
{
  return gantry_cuda_version_compare (*(const char * const *) a,
                                      *(const char * const *) b);
}

GStrv
gantry_cuda_versions_normalize (const char * const *versions)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *previous = NULL;

  for (guint i = 0; versions != NULL && versions[i] != NULL; i++)
    if (versions[i][0] != '\0')
      g_ptr_array_add (sorted, (gpointer) versions[i]);
  if (sorted->len == 0)
    return NULL;

  g_ptr_array_sort (sorted, compare_version_ptrs);
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *version = g_ptr_array_index (sorted, i);

      if (previous == NULL
          || gantry_cuda_version_compare (previous, version) != 0)
        g_strv_builder_add (builder, version);
      previous = version;
    }

  return g_strv_builder_end (builder);
}
