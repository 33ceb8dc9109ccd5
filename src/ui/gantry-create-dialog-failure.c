/* gantry-create-dialog-failure.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* When RunPod did not create the pod: its words, what they mean, and the
 * likely next move (another cloud, another GPU with the same memory, a
 * higher bid, on demand instead of spot, the settings, or trying again).
 * Every input stays as it was. */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "gantry-create-dialog-private.h"
#include "gantry-error-text.h"

#define MAX_ALTERNATIVES 3

typedef enum
{
  FAILURE_CAPACITY,      /* no machine free */
  FAILURE_BID,           /* bid below the minimum */
  FAILURE_SPOT_REFUSED,  /* RunPod does not rent spot pods (any more) */
  FAILURE_FIELD,         /* RunPod refused a setting */
  FAILURE_UNCLEAR,       /* timeout, 5xx, generic error: maybe created */
  FAILURE_OTHER,         /* the key, a rate limit, ... */
} FailureKind;

static gboolean
contains (const char *folded,
          const char *needle)
{
  return strstr (folded, needle) != NULL;
}

static FailureKind
classify (GantryCreateDialog *self,
          const GError       *error)
{
  g_autofree char *folded = NULL;

  if (error->domain != GANTRY_API_ERROR)
    return FAILURE_OTHER;

  if (error->code != GANTRY_API_ERROR_GRAPHQL)
    return (error->code == GANTRY_API_ERROR_TIMEOUT ||
            error->code == GANTRY_API_ERROR_SERVER ||
            error->code == GANTRY_API_ERROR_NETWORK ||
            error->code == GANTRY_API_ERROR_INVALID_RESPONSE)
           ? FAILURE_UNCLEAR : FAILURE_OTHER;

  /* RunPod's messages are matched by their stable parts. */
  folded = g_utf8_casefold (error->message, -1);
  if (contains (folded, "instances available"))
    return FAILURE_CAPACITY;
  if (contains (folded, "bid") &&
      (contains (folded, "minimum") || contains (folded, "below") ||
       contains (folded, "low")))
    return FAILURE_BID;
  if (gantry_pod_spec_get_spot (self->spec) &&
      (contains (folded, "spot") || contains (folded, "interruptable") ||
       contains (folded, "bid")))
    return FAILURE_SPOT_REFUSED;
  if (contains (folded, "something went wrong"))
    return FAILURE_UNCLEAR;

  return FAILURE_FIELD;
}

static void
show_suggestion (GtkButton *button,
                 gboolean   visible)
{
  gtk_widget_set_visible (GTK_WIDGET (button), visible);
}

void
_gantry_create_dialog_hide_failure (GantryCreateDialog *self)
{
  GtkButton *buttons[] = { self->on_demand_button, self->other_cloud_button,
                           self->choose_gpu_button, self->raise_bid_button,
                           self->edit_pod_button, self->retry_button };

  gtk_revealer_set_reveal_child (self->failure_revealer, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    show_suggestion (buttons[i], FALSE);
}

static GantryCloud
other_cloud (GantryCloud cloud)
{
  switch (cloud)
    {
    case GANTRY_CLOUD_SECURE:
      return GANTRY_CLOUD_COMMUNITY;
    case GANTRY_CLOUD_COMMUNITY:
      return GANTRY_CLOUD_SECURE;
    case GANTRY_CLOUD_ALL:
    default:
      return GANTRY_CLOUD_ALL;
    }
}

/* What to do next */

static void
dismiss_failure_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _gantry_create_dialog_hide_failure (GANTRY_CREATE_DIALOG (widget));
}

static void
use_on_demand_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  /* Everything else stays: the person sees the new price, then creates. */
  gtk_check_button_set_active (self->on_demand_check, TRUE);
  _gantry_create_dialog_hide_failure (self);
  _gantry_create_dialog_go_to (self, GANTRY_CREATE_STEP_REVIEW);
}

static void
other_cloud_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);
  GantryCloud cloud = other_cloud (gantry_pod_spec_get_cloud (self->spec));

  /* The table re-queries for that cloud and shows what is in stock. */
  gantry_gpu_picker_set_cloud (self->picker, cloud);
  _gantry_create_dialog_hide_failure (self);
  _gantry_create_dialog_go_to (self, GANTRY_CREATE_STEP_GPU);
}

static void
choose_gpu_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  /* Stock has moved since the table was read. */
  gantry_gpu_picker_reload (self->picker);
  _gantry_create_dialog_hide_failure (self);
  _gantry_create_dialog_go_to (self, GANTRY_CREATE_STEP_GPU);
}

static void
raise_bid_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  /* The minimum may have moved too: read it again. */
  gantry_gpu_picker_reload (self->picker);
  _gantry_create_dialog_hide_failure (self);
  _gantry_create_dialog_go_to (self, GANTRY_CREATE_STEP_PRICING);
  gtk_widget_grab_focus (GTK_WIDGET (self->bid_spin));
}

static void
edit_pod_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GantryCreateDialog *self = GANTRY_CREATE_DIALOG (widget);

  _gantry_create_dialog_hide_failure (self);
  _gantry_create_dialog_go_to (self, GANTRY_CREATE_STEP_POD);
}

void
_gantry_create_dialog_install_failure_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "create.dismiss-failure",
                                   NULL, dismiss_failure_cb);
  gtk_widget_class_install_action (widget_class, "create.use-on-demand",
                                   NULL, use_on_demand_cb);
  gtk_widget_class_install_action (widget_class, "create.other-cloud",
                                   NULL, other_cloud_cb);
  gtk_widget_class_install_action (widget_class, "create.choose-gpu", NULL,
                                   choose_gpu_cb);
  gtk_widget_class_install_action (widget_class, "create.raise-bid", NULL,
                                   raise_bid_cb);
  gtk_widget_class_install_action (widget_class, "create.edit-pod", NULL,
                                   edit_pod_cb);
}

/* Words */

static char *
dup_spot_advice (GantryCreateDialog *self,
                 const GError       *error)
{
  g_autoptr (GantryPodSpec) on_demand = NULL;
  GantryGpuType *type = gantry_pod_spec_get_gpu_type (self->spec);
  g_autofree char *money = NULL;
  double price;

  price = type ? gantry_gpu_type_get_on_demand_price (type) : -1;
  if (price <= 0)
    return g_strdup_printf (_("%s The same pod can run on demand, with "
                              "every setting kept."), error->message);

  money = _gantry_create_dialog_format_money (
            price * gantry_pod_spec_get_gpu_count (self->spec));
  /* Translators: the first %s is RunPod's message, the second a price
   * such as "$1.38". */
  return g_strdup_printf (_("%s The same pod can run on demand for %s/h, "
                            "with every setting kept."),
                          error->message, money);
}

/* RunPod's words, then what to do about them. */
static char *
dup_advice (GantryCreateDialog *self,
            FailureKind         kind,
            const GError       *error,
            gboolean            checked)
{
  g_autofree char *advice = gantry_error_text_advice (error);

  switch (kind)
    {
    case FAILURE_BID:
      return g_strdup_printf (_("%s The minimum follows demand: raise the "
                                "bid and try again."), error->message);
    case FAILURE_SPOT_REFUSED:
      return dup_spot_advice (self, error);
    case FAILURE_UNCLEAR:
      return g_strconcat (advice, " ",
        checked ? _("No new pod by that name appeared in the pod list, so "
                    "nothing was created: it is safe to try again.")
                : _("Gantry could not check whether the pod was created. "
                    "Look for it in the pod list before trying again, so "
                    "that you do not pay for two."), NULL);
    case FAILURE_OTHER:
      /* The generic advice promises an automatic retry: not for this. */
      if (g_error_matches (error, GANTRY_API_ERROR,
                           GANTRY_API_ERROR_RATE_LIMITED))
        return g_strdup (_("Nothing was created. Wait a moment, then try "
                           "again."));
      return g_steal_pointer (&advice);
    case FAILURE_CAPACITY:
    case FAILURE_FIELD:
    default:
      return g_steal_pointer (&advice);
    }
}

static char *
dup_title (FailureKind   kind,
           const GError *error)
{
  switch (kind)
    {
    case FAILURE_CAPACITY:
      return g_strdup (_("No machine is free for this pod"));
    case FAILURE_BID:
      return g_strdup (_("The bid is too low"));
    case FAILURE_SPOT_REFUSED:
      return g_strdup (_("RunPod refused the spot pod"));
    case FAILURE_FIELD:
      return g_strdup (_("RunPod refused a setting"));
    case FAILURE_UNCLEAR:
    case FAILURE_OTHER:
    default:
      return gantry_error_text_title (error);
    }
}

/* Other GPUs with the same memory, after a capacity error */

static char *
dup_alternatives (GantryCreateDialog *self,
                  GPtrArray          *types)
{
  GantryGpuType *chosen = gantry_pod_spec_get_gpu_type (self->spec);
  int memory = gantry_gpu_type_get_memory_in_gb (chosen);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_autofree char *list = NULL;

  for (guint i = 0; i < types->len && names->len < MAX_ALTERNATIVES; i++)
    {
      GantryGpuType *type = g_ptr_array_index (types, i);

      if (gantry_gpu_type_get_memory_in_gb (type) == memory &&
          gantry_gpu_type_get_stock (type) != GANTRY_STOCK_NONE &&
          g_strcmp0 (gantry_gpu_type_get_id (type),
                     gantry_gpu_type_get_id (chosen)) != 0)
        g_ptr_array_add (names,
                         (gpointer) gantry_gpu_type_get_display_name (type));
    }

  if (names->len == 0)
    return g_strdup_printf (_("No other GPU with %d GB is in stock there "
                              "right now."), memory);

  g_ptr_array_add (names, NULL);
  list = g_strjoinv (", ", (char **) names->pdata);
  /* Translators: %d is an amount of GPU memory, %s a list of GPU names. */
  return g_strdup_printf (_("In stock with %d GB right now: %s."), memory,
                          list);
}

static void
on_alternatives_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (GantryCreateDialog) self = user_data;
  g_autoptr (GPtrArray) types = NULL;
  g_autofree char *alternatives = NULL;
  g_autofree char *detail = NULL;

  types = gantry_client_list_gpu_types_finish (GANTRY_CLIENT (source),
                                               result, NULL);
  if (types == NULL || g_cancellable_is_cancelled (self->cancellable) ||
      gantry_pod_spec_get_gpu_type (self->spec) == NULL)
    return;

  alternatives = dup_alternatives (self, types);
  detail = g_strconcat (gtk_label_get_label (self->failure_detail), " ",
                        alternatives, NULL);
  gtk_label_set_label (self->failure_detail, detail);
}

static void
look_for_alternatives (GantryCreateDialog *self)
{
  GantryPodSpec *spec = self->spec;

  if (gantry_pod_spec_get_gpu_type (spec) == NULL)
    return;

  gantry_client_list_gpu_types_async (self->client,
                                      gantry_pod_spec_get_gpu_count (spec),
                                      gantry_pod_spec_get_cloud (spec),
                                      gantry_pod_spec_get_cuda_versions (spec),
                                      self->cancellable, on_alternatives_cb,
                                      g_object_ref (self));
}

/* Outcomes */

static void
show_suggestions (GantryCreateDialog *self,
                  FailureKind         kind,
                  const GError       *error,
                  gboolean            checked)
{
  GantryCloud other = other_cloud (gantry_pod_spec_get_cloud (self->spec));

  if (kind == FAILURE_CAPACITY && other != GANTRY_CLOUD_ALL)
    {
      gtk_button_set_label (self->other_cloud_button,
                            other == GANTRY_CLOUD_SECURE
                            ? _("Try _Secure Cloud")
                            : _("Try _Community Cloud"));
      show_suggestion (self->other_cloud_button, TRUE);
    }

  show_suggestion (self->choose_gpu_button, kind == FAILURE_CAPACITY);
  show_suggestion (self->raise_bid_button, kind == FAILURE_BID);
  /* On-demand machines are a pool of their own. */
  show_suggestion (self->on_demand_button,
                   kind == FAILURE_SPOT_REFUSED ||
                   (kind == FAILURE_CAPACITY &&
                    gantry_pod_spec_get_spot (self->spec)));
  show_suggestion (self->edit_pod_button, kind == FAILURE_FIELD);
  show_suggestion (self->retry_button,
                   (kind == FAILURE_UNCLEAR && checked) ||
                   g_error_matches (error, GANTRY_API_ERROR,
                                    GANTRY_API_ERROR_RATE_LIMITED));
}

void
_gantry_create_dialog_fail (GantryCreateDialog *self,
                            const GError       *error,
                            gboolean            checked)
{
  FailureKind kind = classify (self, error);
  g_autofree char *title = dup_title (kind, error);
  g_autofree char *advice = dup_advice (self, kind, error, checked);

  g_debug ("Create failed (kind %d, error %d)", kind, error->code);
  self->busy = FALSE;
  _gantry_create_dialog_hide_failure (self);
  gtk_label_set_label (self->failure_title, title);
  gtk_label_set_label (self->failure_detail, advice);
  show_suggestions (self, kind, error, checked);
  gtk_revealer_set_reveal_child (self->failure_revealer, TRUE);
  _gantry_create_dialog_sync (self);

  if (kind == FAILURE_CAPACITY)
    look_for_alternatives (self);

  /* Closed while waiting: nothing typed is lost, so come back. */
  if (self->hidden_busy)
    {
      self->hidden_busy = FALSE;
      gtk_window_present (GTK_WINDOW (self));
    }
}
