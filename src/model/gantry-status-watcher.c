/* gantry-status-watcher.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Turns successive pod lists into the few changes worth a notification.
 * The rules are in the header; this file keeps, per pod id, what it
 * believes about the pod, which may lag the list by one refresh when the
 * list looks like a flap. */

#include "config.h"

#include "gantry-status-watcher.h"

#define DEFAULT_STUCK_MINUTES 10
#define DEFAULT_IDLE_MINUTES 30
/* A GPU under this use, in percent, does no work worth paying for. */
#define IDLE_GPU_PERCENT 5
#define USEC_PER_MINUTE (G_GINT64_CONSTANT (60) * G_USEC_PER_SEC)

typedef enum
{
  READING_NONE,   /* no runtime, no GPU, or a GPU without a reading */
  READING_IDLE,
  READING_BUSY,
} Reading;

/* What the watcher believes about one pod. Times are the clock's. */
typedef struct
{
  char            *id;
  char            *name;
  GantryPodStatus  status;
  double           cost_per_hr;
  gint64           uptime;          /* the last one seen, -1 if none */
  gint64           runtime_lost_at; /* a Running pod's first list
                                     * without runtime; 0 if none */
  gint64           starting_since;  /* 0 unless Starting */
  gint64           idle_since;      /* 0 outside an idle period */
  gboolean         stuck_told;
  gboolean         idle_told;
  guint            serial;          /* the last list that had it */
} Record;

struct _GantryStatusWatcher
{
  GObject                   parent_instance;

  GHashTable               *records;  /* id → Record, owned */
  GHashTable               *created;  /* ids made here, owned */
  GPtrArray                *pending;  /* GantryStatusEvent, owned */
  GantryPodStore           *store;    /* owned, nullable */
  GantryStatusWatcherClock  clock;
  gpointer                  clock_data;
  guint                     stuck_minutes;
  guint                     idle_minutes;
  guint                     serial;
  gboolean                  loaded;
};

G_DEFINE_FINAL_TYPE (GantryStatusWatcher, gantry_status_watcher,
                     G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STUCK_MINUTES,
  PROP_IDLE_MINUTES,
  N_PROPS
};

enum {
  EVENT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Events */

/* Queues an event about @record; emitted once the whole list is read. */
static void
queue_event (GantryStatusWatcher   *self,
             Record                *record,
             GantryStatusEventKind  kind,
             gint64                 seconds)
{
  GantryStatusEvent *event = g_new0 (GantryStatusEvent, 1);

  event->kind = kind;
  event->pod_id = g_strdup (record->id);
  event->pod_name = g_strdup (record->name);
  event->status = record->status;
  event->cost_per_hr = record->cost_per_hr;
  event->seconds = seconds;
  g_ptr_array_add (self->pending, event);
}

static void
emit_pending (GantryStatusWatcher *self)
{
  g_autoptr (GPtrArray) events = NULL;

  /* A handler may feed or reset the watcher: emit from a list of our
   * own. */
  events = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gantry_status_event_free);

  for (guint i = 0; i < events->len; i++)
    g_signal_emit (self, signals[EVENT], 0, g_ptr_array_index (events, i));
}

/* Records */

static void
record_free (gpointer data)
{
  Record *record = data;

  g_free (record->id);
  g_free (record->name);
  g_free (record);
}

/* Name, price and uptime follow the list, whatever the status. */
static void
record_copy_facts (Record    *record,
                   GantryPod *pod)
{
  const char *name = gantry_pod_get_display_name (pod);

  if (g_strcmp0 (record->name, name) != 0)
    {
      g_free (record->name);
      record->name = g_strdup (name);
    }
  if (gantry_pod_get_cost_per_hr (pod) > 0)
    record->cost_per_hr = gantry_pod_get_cost_per_hr (pod);
  if (gantry_pod_has_runtime (pod))
    record->uptime = gantry_pod_get_uptime_seconds (pod);
}

static Record *
record_new (GantryPod *pod,
            gint64     now)
{
  Record *record = g_new0 (Record, 1);

  record->id = g_strdup (gantry_pod_get_id (pod));
  record->status = gantry_pod_get_status (pod);
  record->uptime = -1;
  record_copy_facts (record, pod);
  if (record->status == GANTRY_POD_STATUS_STARTING)
    record->starting_since = now;

  return record;
}

static Reading
read_gpus (GantryPod *pod)
{
  GPtrArray *gpus = gantry_pod_get_runtime_gpus (pod);
  gboolean all_read = gpus->len > 0;

  if (!gantry_pod_has_runtime (pod))
    return READING_NONE;

  for (guint i = 0; i < gpus->len; i++)
    {
      const GantryPodGpu *gpu = g_ptr_array_index (gpus, i);

      if (gpu->gpu_util_percent >= IDLE_GPU_PERCENT)
        return READING_BUSY;
      if (gpu->gpu_util_percent < 0)
        all_read = FALSE;
    }

  return all_read ? READING_IDLE : READING_NONE;
}

/* Transitions */

static gboolean
is_stop (GantryPodStatus status)
{
  return status == GANTRY_POD_STATUS_STOPPED
         || status == GANTRY_POD_STATUS_INTERRUPTED;
}

/* The uptime of a pod that was up, for the events that end a run. */
static gint64
run_seconds (Record          *record,
             GantryPodStatus  old)
{
  return old == GANTRY_POD_STATUS_RUNNING ? record->uptime : -1;
}

static void
announce_ready (GantryStatusWatcher *self,
                Record              *record)
{
  if (g_hash_table_remove (self->created, record->id))
    queue_event (self, record, GANTRY_STATUS_EVENT_CREATED_READY, 0);
  else
    queue_event (self, record, GANTRY_STATUS_EVENT_READY, 0);
}

static void
announce_change (GantryStatusWatcher *self,
                 Record              *record,
                 GantryPodStatus      old)
{
  switch (record->status)
    {
    case GANTRY_POD_STATUS_RUNNING:
      announce_ready (self, record);
      break;
    case GANTRY_POD_STATUS_STOPPED:
      if (!is_stop (old))
        queue_event (self, record, GANTRY_STATUS_EVENT_STOPPED,
                     run_seconds (record, old));
      break;
    case GANTRY_POD_STATUS_INTERRUPTED:
      if (!is_stop (old))
        queue_event (self, record, GANTRY_STATUS_EVENT_INTERRUPTED,
                     run_seconds (record, old));
      break;
    case GANTRY_POD_STATUS_TERMINATED:
      g_hash_table_remove (self->created, record->id);
      queue_event (self, record, GANTRY_STATUS_EVENT_TERMINATED,
                   run_seconds (record, old));
      break;
    default:
      break;
    }
}

/* Moves @record to @status, which began at @since. */
static void
change_status (GantryStatusWatcher *self,
               Record              *record,
               GantryPodStatus      status,
               gint64               since)
{
  GantryPodStatus old = record->status;

  record->status = status;
  record->starting_since = status == GANTRY_POD_STATUS_STARTING ? since : 0;
  record->stuck_told = FALSE;
  record->idle_since = 0;
  record->idle_told = FALSE;

  if (self->loaded)
    announce_change (self, record, old);
}

/* The status to believe, or UNKNOWN to believe no change yet. */
static GantryPodStatus
believe (Record          *record,
         GantryPodStatus  status,
         gint64           now)
{
  gboolean lost = record->status == GANTRY_POD_STATUS_RUNNING
                  && status == GANTRY_POD_STATUS_STARTING;

  if (!lost)
    record->runtime_lost_at = 0;
  if (status == GANTRY_POD_STATUS_UNKNOWN || status == record->status)
    return GANTRY_POD_STATUS_UNKNOWN;

  /* The first list without a runtime may be a flap. */
  if (lost && record->runtime_lost_at == 0)
    {
      record->runtime_lost_at = now;
      return GANTRY_POD_STATUS_UNKNOWN;
    }

  return status;
}

/* Timers: checked at each list, since the watcher has no timer. */

static void
check_stuck (GantryStatusWatcher *self,
             Record              *record,
             gint64               now)
{
  gint64 elapsed = now - record->starting_since;

  if (record->status != GANTRY_POD_STATUS_STARTING || record->stuck_told
      || elapsed < self->stuck_minutes * USEC_PER_MINUTE)
    return;

  record->stuck_told = TRUE;
  queue_event (self, record, GANTRY_STATUS_EVENT_STUCK_STARTING,
               elapsed / G_USEC_PER_SEC);
}

static void
check_idle (GantryStatusWatcher *self,
            Record              *record,
            GantryPod           *pod,
            gint64               now)
{
  Reading reading = read_gpus (pod);
  gint64 elapsed;

  if (record->status != GANTRY_POD_STATUS_RUNNING || reading == READING_NONE)
    return;

  if (reading == READING_BUSY)
    {
      if (record->idle_told)
        queue_event (self, record, GANTRY_STATUS_EVENT_BUSY_AGAIN, 0);
      record->idle_since = 0;
      record->idle_told = FALSE;
      return;
    }

  if (record->idle_since == 0)
    record->idle_since = now;
  elapsed = now - record->idle_since;
  if (record->idle_told || elapsed < self->idle_minutes * USEC_PER_MINUTE)
    return;

  record->idle_told = TRUE;
  queue_event (self, record, GANTRY_STATUS_EVENT_IDLE,
               elapsed / G_USEC_PER_SEC);
}

static void
observe (GantryStatusWatcher *self,
         Record              *record,
         GantryPod           *pod,
         gint64               now)
{
  GantryPodStatus status;

  record_copy_facts (record, pod);
  status = believe (record, gantry_pod_get_status (pod), now);
  if (status != GANTRY_POD_STATUS_UNKNOWN)
    {
      gint64 since = record->runtime_lost_at != 0 ? record->runtime_lost_at
                                                  : now;

      record->runtime_lost_at = 0;
      change_status (self, record, status, since);
    }

  check_stuck (self, record, now);
  check_idle (self, record, pod, now);
}

/* A pod seen for the first time. In the first list, an idle period may
 * begin, but no time has passed: nothing can be told yet. */
static void
welcome (GantryStatusWatcher *self,
         Record              *record,
         GantryPod           *pod,
         gint64               now)
{
  if (self->loaded && record->status == GANTRY_POD_STATUS_RUNNING
      && g_hash_table_contains (self->created, record->id))
    announce_ready (self, record);
  check_idle (self, record, pod, now);
}

/* The pods the list no longer has: terminated, unless already told. */
static void
drop_unlisted (GantryStatusWatcher *self)
{
  GHashTableIter iter;
  Record *record;

  g_hash_table_iter_init (&iter, self->records);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &record))
    {
      if (record->serial == self->serial)
        continue;

      if (self->loaded && record->status != GANTRY_POD_STATUS_TERMINATED)
        change_status (self, record, GANTRY_POD_STATUS_TERMINATED, 0);
      g_hash_table_iter_remove (&iter);
    }
}

void
gantry_status_watcher_feed (GantryStatusWatcher *self,
                            GPtrArray           *pods)
{
  gint64 now;

  g_return_if_fail (GANTRY_IS_STATUS_WATCHER (self));
  g_return_if_fail (pods != NULL);

  now = self->clock (self->clock_data);
  self->serial++;

  for (guint i = 0; i < pods->len; i++)
    {
      GantryPod *pod = g_ptr_array_index (pods, i);
      const char *id = gantry_pod_get_id (pod);
      Record *record = g_hash_table_lookup (self->records, id);

      if (record != NULL)
        {
          observe (self, record, pod, now);
        }
      else
        {
          record = record_new (pod, now);
          g_hash_table_insert (self->records, record->id, record);
          welcome (self, record, pod, now);
        }
      record->serial = self->serial;
    }

  drop_unlisted (self);
  self->loaded = TRUE;
  emit_pending (self);
}

/* The store */

static void
on_pods_changed_cb (GantryStatusWatcher *self)
{
  GListModel *model = G_LIST_MODEL (self->store);
  guint n = g_list_model_get_n_items (model);
  g_autoptr (GPtrArray) pods = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (pods, g_list_model_get_item (model, i));

  gantry_status_watcher_feed (self, pods);
}

void
gantry_status_watcher_set_store (GantryStatusWatcher *self,
                                 GantryPodStore      *store)
{
  g_return_if_fail (GANTRY_IS_STATUS_WATCHER (self));
  g_return_if_fail (store == NULL || GANTRY_IS_POD_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    g_signal_connect_swapped (store, "pods-changed",
                              G_CALLBACK (on_pods_changed_cb), self);
}

void
gantry_status_watcher_reset (GantryStatusWatcher *self)
{
  g_return_if_fail (GANTRY_IS_STATUS_WATCHER (self));

  g_hash_table_remove_all (self->records);
  self->loaded = FALSE;
}

void
gantry_status_watcher_expect_created (GantryStatusWatcher *self,
                                      const char          *pod_id)
{
  g_return_if_fail (GANTRY_IS_STATUS_WATCHER (self));
  g_return_if_fail (pod_id != NULL);

  g_hash_table_add (self->created, g_strdup (pod_id));
}

static gint64
monotonic_clock (gpointer unused)
{
  return g_get_monotonic_time ();
}

void
gantry_status_watcher_set_clock (GantryStatusWatcher      *self,
                                 GantryStatusWatcherClock  clock,
                                 gpointer                  user_data)
{
  g_return_if_fail (GANTRY_IS_STATUS_WATCHER (self));

  self->clock = clock != NULL ? clock : monotonic_clock;
  self->clock_data = clock != NULL ? user_data : NULL;
}

/* Thresholds */

guint
gantry_status_watcher_get_stuck_minutes (GantryStatusWatcher *self)
{
  g_return_val_if_fail (GANTRY_IS_STATUS_WATCHER (self), 0);

  return self->stuck_minutes;
}

void
gantry_status_watcher_set_stuck_minutes (GantryStatusWatcher *self,
                                         guint                minutes)
{
  g_return_if_fail (GANTRY_IS_STATUS_WATCHER (self));

  if (self->stuck_minutes == minutes)
    return;

  self->stuck_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STUCK_MINUTES]);
}

guint
gantry_status_watcher_get_idle_minutes (GantryStatusWatcher *self)
{
  g_return_val_if_fail (GANTRY_IS_STATUS_WATCHER (self), 0);

  return self->idle_minutes;
}

void
gantry_status_watcher_set_idle_minutes (GantryStatusWatcher *self,
                                        guint                minutes)
{
  g_return_if_fail (GANTRY_IS_STATUS_WATCHER (self));

  if (self->idle_minutes == minutes)
    return;

  self->idle_minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_MINUTES]);
}

/* Object */

static void
gantry_status_watcher_dispose (GObject *object)
{
  gantry_status_watcher_set_store (GANTRY_STATUS_WATCHER (object), NULL);

  G_OBJECT_CLASS (gantry_status_watcher_parent_class)->dispose (object);
}

static void
gantry_status_watcher_finalize (GObject *object)
{
  GantryStatusWatcher *self = GANTRY_STATUS_WATCHER (object);

  g_clear_pointer (&self->records, g_hash_table_unref);
  g_clear_pointer (&self->created, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_ptr_array_unref);

  G_OBJECT_CLASS (gantry_status_watcher_parent_class)->finalize (object);
}

static void
gantry_status_watcher_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GantryStatusWatcher *self = GANTRY_STATUS_WATCHER (object);

  switch (prop_id)
    {
    case PROP_STUCK_MINUTES:
      g_value_set_uint (value, self->stuck_minutes);
      break;
    case PROP_IDLE_MINUTES:
      g_value_set_uint (value, self->idle_minutes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_status_watcher_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GantryStatusWatcher *self = GANTRY_STATUS_WATCHER (object);

  switch (prop_id)
    {
    case PROP_STUCK_MINUTES:
      gantry_status_watcher_set_stuck_minutes (self, g_value_get_uint (value));
      break;
    case PROP_IDLE_MINUTES:
      gantry_status_watcher_set_idle_minutes (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gantry_status_watcher_class_init (GantryStatusWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS
                      | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = gantry_status_watcher_dispose;
  object_class->finalize = gantry_status_watcher_finalize;
  object_class->get_property = gantry_status_watcher_get_property;
  object_class->set_property = gantry_status_watcher_set_property;

  properties[PROP_STUCK_MINUTES] =
    g_param_spec_uint ("stuck-minutes", NULL, NULL, 1, G_MAXUINT16,
                       DEFAULT_STUCK_MINUTES, flags);
  properties[PROP_IDLE_MINUTES] =
    g_param_spec_uint ("idle-minutes", NULL, NULL, 1, G_MAXUINT16,
                       DEFAULT_IDLE_MINUTES, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The event is only valid during the emission: copy it to keep it. */
  signals[EVENT] =
    g_signal_new ("event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  GANTRY_TYPE_STATUS_EVENT | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gantry_status_watcher_init (GantryStatusWatcher *self)
{
  self->records = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         record_free);
  self->created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         NULL);
  self->pending = g_ptr_array_new_with_free_func (
    (GDestroyNotify) gantry_status_event_free);
  self->clock = monotonic_clock;
  self->stuck_minutes = DEFAULT_STUCK_MINUTES;
  self->idle_minutes = DEFAULT_IDLE_MINUTES;
}

GantryStatusWatcher *
gantry_status_watcher_new (void)
{
  return g_object_new (GANTRY_TYPE_STATUS_WATCHER, NULL);
}
