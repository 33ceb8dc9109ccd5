/* gantry-window-actions.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-application-notify.h"
#include "gantry-bid-dialog.h"
#include "gantry-create-dialog.h"
#include "gantry-error-text.h"
#include "gantry-window-private.h"

/* The win.* actions. Start, Stop and Terminate share one flow: mark the
 * pod busy, send the mutation, then always read the pod back before
 * saying whether it worked, because the API sometimes reports an error for
 * an action that happened. */

typedef enum
{
  POD_OP_START,
  POD_OP_STOP,
  POD_OP_TERMINATE,
} PodOpKind;

typedef struct
{
  GantryWindow    *window;      /* owned */
  GantryRefresher *refresher;   /* owned */
  GantryClient    *client;      /* owned */
  GantryPod       *pod;         /* owned */
  char            *pod_id;
  char            *name;
  PodOpKind        kind;
  gboolean         bid;         /* a spot resume with a bid */
  gboolean         holding;     /* holds the refresher's fast mode */
  GError          *error;       /* the mutation's, nullable */
} PodOp;

static gboolean
window_gone (GantryWindow *self)
{
  return g_cancellable_is_cancelled (self->cancellable);
}

void
_gantry_window_update_actions (GantryWindow *self)
{
  GantryPod *pod = _gantry_window_get_selected_pod (self);
  gboolean busy = FALSE;

  /* Only the selected pod's buttons exist (in the detail pane); other
   * pods are guarded in the handlers. */
  if (pod != NULL)
    busy = g_hash_table_contains (self->in_flight, gantry_pod_get_id (pod));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-pod", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-pod", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.terminate-pod",
                                 !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.terminate-selected",
                                 pod != NULL && !busy);
}

/* Toast titles are markup; pod names are not. */
static AdwToast *
new_toast (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  return adw_toast_new (markup);
}

void
_gantry_window_toast (GantryWindow *self,
                      const char   *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, new_toast (message));
}

void
_gantry_window_dispose_actions (GantryWindow *self)
{
  /* Destroyed, a dialog with references elsewhere may outlive the
   * window: it must not clear a pointer in freed memory then. */
  if (self->terminate_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->terminate_dialog));
  g_clear_weak_pointer (&self->terminate_dialog);
}

/* One operation on one pod */

static PodOp *
pod_op_new (GantryWindow *self,
            GantryPod    *pod,
            PodOpKind     kind)
{
  PodOp *op = g_new0 (PodOp, 1);

  op->window = g_object_ref (self);
  op->refresher = g_object_ref (self->refresher);
  op->client = g_object_ref (self->client);
  op->pod = g_object_ref (pod);
  op->pod_id = g_strdup (gantry_pod_get_id (pod));
  op->name = g_strdup (gantry_pod_get_display_name (pod));
  op->kind = kind;

  g_hash_table_insert (self->in_flight, g_strdup (op->pod_id), op);
  _gantry_window_update_actions (self);

  return op;
}

static void
pod_op_free (PodOp *op)
{
  if (op->holding)
    gantry_refresher_release_fast (op->refresher);

  g_hash_table_remove (op->window->in_flight, op->pod_id);
  if (!window_gone (op->window))
    _gantry_window_update_actions (op->window);

  g_clear_error (&op->error);
  g_free (op->name);
  g_free (op->pod_id);
  g_object_unref (op->pod);
  g_object_unref (op->client);
  g_object_unref (op->refresher);
  g_object_unref (op->window);
  g_free (op);
}

static gboolean
pod_op_took_effect (PodOp     *op,
                    GantryPod *fresh,
                    gboolean   gone)
{
  const char *desired = fresh ? gantry_pod_get_desired_status (fresh) : NULL;

  switch (op->kind)
    {
    case POD_OP_START:
      return g_strcmp0 (desired, "RUNNING") == 0;
    case POD_OP_STOP:
      return g_strcmp0 (desired, "EXITED") == 0;
    case POD_OP_TERMINATE:
      return gone || g_strcmp0 (desired, "TERMINATED") == 0;
    default:
      g_assert_not_reached ();
    }
}

/* @took_effect: the pod read back shows the action done. A stop shows at
 * once in the pod's desired status; until then it is on its way. */
static char *
dup_success_text (PodOp    *op,
                  gboolean  took_effect)
{
  switch (op->kind)
    {
    case POD_OP_START:
      return g_strdup_printf (_("“%s” is starting"), op->name);
    case POD_OP_STOP:
      if (took_effect)
        return g_strdup_printf (_("“%s” stopped"), op->name);
      return g_strdup_printf (_("Stopping “%s”…"), op->name);
    case POD_OP_TERMINATE:
      return g_strdup_printf (_("“%s” terminated"), op->name);
    default:
      g_assert_not_reached ();
    }
}

static char *
dup_failure_text (PodOp *op)
{
  switch (op->kind)
    {
    case POD_OP_START:
      return g_strdup_printf (_("Could not start “%s”"), op->name);
    case POD_OP_STOP:
      return g_strdup_printf (_("Could not stop “%s”"), op->name);
    case POD_OP_TERMINATE:
      return g_strdup_printf (_("Could not terminate “%s”"), op->name);
    default:
      g_assert_not_reached ();
    }
}

/* A toast that says so, with the error's words one click away. */
static void
report_failure (PodOp        *op,
                const GError *error)
{
  GantryWindow *self = op->window;
  g_autofree char *title = dup_failure_text (op);
  g_autofree char *reason = gantry_error_text_title (error);
  g_autofree char *advice = gantry_error_text_advice (error);
  AdwToast *toast;

  if (op->kind == POD_OP_STOP)
    gantry_pod_set_stop_requested (op->pod, FALSE);

  g_free (self->failure_heading);
  self->failure_heading = g_strdup (title);
  g_free (self->failure_body);
  self->failure_body = g_strjoin ("\n\n", reason ? reason : "",
                                  advice ? advice : "", NULL);

  toast = new_toast (title);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-failure");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
apply_fresh_pod (PodOp     *op,
                 GantryPod *fresh,
                 gboolean   gone)
{
  GantryPodStore *store = gantry_refresher_get_store (op->refresher);
  gboolean terminated = op->kind == POD_OP_TERMINATE
                        && pod_op_took_effect (op, fresh, gone);

  if (terminated)
    gantry_pod_store_remove (store, op->pod_id);
  else if (fresh != NULL)
    gantry_pod_store_update_one (store, fresh);

  /* The server answered: a failing refresher need not wait out its
   * back-off (the banner up) to find the list readable again. */
  if (fresh != NULL || gone)
    gantry_refresher_refresh_now (op->refresher);
}

static void
on_verify_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PodOp *op = user_data;
  g_autoptr (GantryPod) fresh = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean took_effect;
  gboolean gone;

  fresh = gantry_client_get_pod_finish (GANTRY_CLIENT (source), result,
                                        &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || window_gone (op->window))
    {
      pod_op_free (op);
      return;
    }

  gone = g_error_matches (error, GANTRY_API_ERROR, GANTRY_API_ERROR_NOT_FOUND);
  if (fresh == NULL && !gone)
    g_debug ("Could not read pod %s back: %s", op->pod_id, error->message);
  apply_fresh_pod (op, fresh, gone);

  /* What the pod looks like now decides; the mutation's answer only
   * when the pod could not be read. */
  took_effect = pod_op_took_effect (op, fresh, gone);
  if (took_effect || op->error == NULL)
    {
      text = dup_success_text (op, took_effect);
      _gantry_window_toast (op->window, text);
    }
  else
    {
      report_failure (op, op->error);
    }

  pod_op_free (op);
}

static void
on_mutation_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PodOp *op = user_data;
  GantryClient *client = GANTRY_CLIENT (source);
  g_autoptr (GantryPod) answer = NULL;

  if (op->kind == POD_OP_STOP)
    answer = gantry_client_stop_pod_finish (client, result, &op->error);
  else if (op->kind == POD_OP_START && op->bid)
    answer = gantry_client_bid_resume_pod_finish (client, result, &op->error);
  else if (op->kind == POD_OP_START)
    answer = gantry_client_resume_pod_finish (client, result, &op->error);
  else
    gantry_client_terminate_pod_finish (client, result, &op->error);

  if (g_error_matches (op->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      pod_op_free (op);
      return;
    }

  if (op->error != NULL)
    g_debug ("Action on pod %s reported an error; reading it back: %s",
             op->pod_id, op->error->message);

  gantry_client_get_pod_async (op->client, op->pod_id,
                               op->window->cancellable,
                               on_verify_done_cb, op);
}

static void
pod_op_send (PodOp  *op,
             double  bid_per_gpu,
             int     gpu_count)
{
  GCancellable *cancellable = op->window->cancellable;
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (op->window));

  gantry_refresher_hold_fast (op->refresher);
  op->holding = TRUE;
  /* What follows is the person's own doing: no notification for it. */
  if (GANTRY_IS_APPLICATION (app))
    gantry_application_note_own_change (GANTRY_APPLICATION (app),
                                        op->pod_id);

  if (op->kind == POD_OP_STOP)
    gantry_client_stop_pod_async (op->client, op->pod_id, cancellable,
                                  on_mutation_done_cb, op);
  else if (op->kind == POD_OP_START && op->bid)
    gantry_client_bid_resume_pod_async (op->client, op->pod_id, bid_per_gpu,
                                        gpu_count, cancellable,
                                        on_mutation_done_cb, op);
  else if (op->kind == POD_OP_START)
    gantry_client_resume_pod_async (op->client, op->pod_id, gpu_count,
                                    cancellable, on_mutation_done_cb, op);
  else
    gantry_client_terminate_pod_async (op->client, op->pod_id, cancellable,
                                       on_mutation_done_cb, op);
}

/* The pod an action names, unless something is already in flight for
 * it: no double fire. */
static GantryPod *
lookup_idle_pod (GantryWindow *self,
                 GVariant     *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);
  GantryPod *pod = gantry_pod_store_lookup (self->store, id);

  if (pod == NULL)
    g_debug ("No pod %s to act on", id);
  if (pod == NULL || g_hash_table_contains (self->in_flight, id))
    return NULL;

  return pod;
}

/* Start */

static void
on_bid_dialog_done_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PodOp *op = user_data;
  g_autoptr (GError) error = NULL;
  double bid = 0;
  int count = 0;

  if (!gantry_bid_dialog_present_finish (result, &bid, &count, &error))
    {
      if (error != NULL && !window_gone (op->window)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report_failure (op, error);
      pod_op_free (op);
      return;
    }

  pod_op_send (op, bid, count);
}

static void
start_pod_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GantryWindow *self = GANTRY_WINDOW (widget);
  GantryPod *pod = lookup_idle_pod (self, parameter);
  PodOp *op;

  if (pod == NULL)
    return;

  op = pod_op_new (self, pod, POD_OP_START);

  /* A spot pod cannot simply resume: it needs a bid. */
  if (gantry_pod_is_spot (pod))
    {
      op->bid = TRUE;
      gantry_bid_dialog_present (GTK_WINDOW (self), pod, self->cancellable,
                                 on_bid_dialog_done_cb, op);
      return;
    }

  pod_op_send (op, 0, MAX (gantry_pod_get_gpu_count (pod), 1));
}

/* Stop */

static void
stop_pod_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GantryWindow *self = GANTRY_WINDOW (widget);
  GantryPod *pod = lookup_idle_pod (self, parameter);

  if (pod == NULL)
    return;

  /* So that the exited spot pod reads "Stopped", not "Interrupted". */
  gantry_pod_set_stop_requested (pod, TRUE);
  pod_op_send (pod_op_new (self, pod, POD_OP_STOP), 0, 0);
}

/* Terminate */

static void
on_terminate_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          gpointer          user_data)
{
  GantryWindow *self = GANTRY_WINDOW (user_data);
  GantryPod *pod;
  const char *id = g_object_get_data (G_OBJECT (dialog), "pod-id");

  if (g_strcmp0 (response, "terminate") != 0 || window_gone (self))
    return;

  pod = gantry_pod_store_lookup (self->store, id);
  if (pod == NULL || g_hash_table_contains (self->in_flight, id))
    return;

  pod_op_send (pod_op_new (self, pod, POD_OP_TERMINATE), 0, 0);
}

static void
ask_terminate (GantryWindow *self,
               GantryPod    *pod)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  double volume_gb = gantry_pod_get_volume_in_gb (pod);
  GtkWidget *dialog;

  if (self->terminate_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->terminate_dialog));

  heading = g_strdup_printf (_("Terminate “%s”?"),
                             gantry_pod_get_display_name (pod));
  /* What is lost, by its size: a volume can hold weeks of work. */
  if (volume_gb > 0)
    /* Translators: %.0f is the size of the pod's volume in GB. */
    body = g_strdup_printf (_("Its volume of %.0f GB and its container data "
                              "will be deleted and cannot be recovered."),
                            volume_gb);
  else
    body = g_strdup (_("Its container data will be deleted and cannot be "
                       "recovered. It has no volume."));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "terminate", _("_Terminate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "terminate",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Terminate Pod"));

  g_object_set_data_full (G_OBJECT (dialog), "pod-id",
                          g_strdup (gantry_pod_get_id (pod)), g_free);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_terminate_response_cb), self, 0);
  g_set_weak_pointer (&self->terminate_dialog, ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
terminate_pod_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GantryWindow *self = GANTRY_WINDOW (widget);
  GantryPod *pod = lookup_idle_pod (self, parameter);

  if (pod != NULL)
    ask_terminate (self, pod);
}

static void
terminate_selected_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GantryWindow *self = GANTRY_WINDOW (widget);
  GantryPod *pod = _gantry_window_get_selected_pod (self);

  if (pod != NULL
      && !g_hash_table_contains (self->in_flight, gantry_pod_get_id (pod)))
    ask_terminate (self, pod);
}

/* The rest */

static void
show_failure_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GantryWindow *self = GANTRY_WINDOW (widget);
  GtkWidget *dialog;

  if (self->failure_heading == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), self->failure_heading,
                                   self->failure_body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close",
                                   _("_Close"));
  gtk_window_set_title (GTK_WINDOW (dialog), self->failure_heading);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
refresh_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GantryWindow *self = GANTRY_WINDOW (widget);
  GantryRefresherState state = gantry_refresher_get_state (self->refresher);

  self->manual_refresh = TRUE;

  /* A stopped refresher (signed out) starts over: the key may be good
   * again. */
  if (state == GANTRY_REFRESHER_IDLE || state == GANTRY_REFRESHER_SIGNED_OUT)
    gantry_refresher_start (self->refresher);
  else
    gantry_refresher_refresh_now (self->refresher);

  _gantry_window_update_refresh_button (self);
}

static void
toast_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  _gantry_window_toast (GANTRY_WINDOW (widget),
                        g_variant_get_string (parameter, NULL));
}

static void
search_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  _gantry_window_begin_search (GANTRY_WINDOW (widget));
}

/* New Pod */

static void
on_pod_created_cb (GantryWindow *self,
                   GantryPod    *pod,
                   const char   *message)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  /* Made here: no "new pod" notification for it. */
  if (GANTRY_IS_APPLICATION (app))
    gantry_application_expect_created (GANTRY_APPLICATION (app),
                                       gantry_pod_get_id (pod));
  gantry_window_select_pod (self, gantry_pod_get_id (pod));
  _gantry_window_toast (self, message);
  /* As after an action: the list may be readable again. */
  gantry_refresher_refresh_now (self->refresher);
}

static void
new_pod_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GantryWindow *self = GANTRY_WINDOW (widget);
  GantryCreateDialog *dialog;

  dialog = gantry_create_dialog_new (GTK_WINDOW (self), self->client,
                                     self->store);
  g_signal_connect_object (dialog, "pod-created",
                           G_CALLBACK (on_pod_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_gantry_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-pod", NULL,
                                   new_pod_cb);
  gtk_widget_class_install_action (widget_class, "win.start-pod", "s",
                                   start_pod_cb);
  gtk_widget_class_install_action (widget_class, "win.stop-pod", "s",
                                   stop_pod_cb);
  gtk_widget_class_install_action (widget_class, "win.terminate-pod", "s",
                                   terminate_pod_cb);
  gtk_widget_class_install_action (widget_class, "win.terminate-selected",
                                   NULL, terminate_selected_cb);
  gtk_widget_class_install_action (widget_class, "win.show-failure", NULL,
                                   show_failure_cb);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL,
                                   refresh_cb);
  gtk_widget_class_install_action (widget_class, "win.toast", "s",
                                   toast_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   search_cb);
}
