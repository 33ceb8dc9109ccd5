/* gantry-bid-dialog.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "gantry-bid-dialog.h"

/* When RunPod does not say what the minimum is, a bid still cannot be 0. */
#define FALLBACK_MIN_BID 0.01
#define MAX_BID          100.0
#define MAX_GPUS         16
/* A bid this many times the minimum is most likely a slip of the finger. */
#define HIGH_BID_FACTOR  10

typedef struct
{
  AdwMessageDialog *dialog;        /* not owned: it owns itself */
  GtkSpinButton    *bid_spin;
  GtkSpinButton    *count_spin;
  GtkLabel         *price_label;
  GtkLabel         *warning_label;
  double            min_bid;       /* 0: RunPod did not say */
  GCancellable     *cancellable;   /* owned, nullable */
  gulong            cancelled_id;
  gboolean          returned;
  double            bid_per_gpu;
  int               gpu_count;
} BidDialog;

static void
bid_dialog_free (gpointer data)
{
  BidDialog *bid = data;

  g_clear_object (&bid->cancellable);
  g_free (bid);
}

/* "1.38", or "0.095" when the third decimal says something. */
static char *
format_amount (double dollars)
{
  char *text = g_strdup_printf ("%.3f", dollars);
  gsize len = strlen (text);

  if (len > 0 && text[len - 1] == '0')
    text[len - 1] = '\0';

  return text;
}

static void
update_price (BidDialog *bid)
{
  double per_gpu = gtk_spin_button_get_value (bid->bid_spin);
  int count = gtk_spin_button_get_value_as_int (bid->count_spin);
  g_autofree char *amount = format_amount (per_gpu * count);
  g_autofree char *text = NULL;

  /* Translators: the price of a spot pod, like "$1.38/h for 2 GPUs". */
  text = g_strdup_printf (ngettext ("$%s/h for %d GPU", "$%s/h for %d GPUs",
                                    count),
                          amount, count);
  gtk_label_set_label (bid->price_label, text);
}

/* Far above the minimum: said, not refused (the person may mean it). */
static void
update_warning (BidDialog *bid)
{
  double per_gpu = gtk_spin_button_get_value (bid->bid_spin);
  gboolean high = bid->min_bid > 0
                  && per_gpu > HIGH_BID_FACTOR * bid->min_bid;
  int times;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (bid->warning_label), high);
  if (!high)
    return;

  times = (int) (per_gpu / bid->min_bid);

  /* Translators: a bid far above the lowest one RunPod accepts. */
  text = g_strdup_printf (ngettext ("That is %d time the minimum bid",
                                    "That is %d times the minimum bid",
                                    times),
                          times);
  gtk_label_set_label (bid->warning_label, text);
}

static GtkSpinButton *
add_spin_row (GtkListBox *list,
              const char *title,
              const char *subtitle,
              double      lower,
              double      upper,
              double      step,
              guint       digits)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  gtk_list_box_append (list, row);

  return GTK_SPIN_BUTTON (spin);
}

static char *
describe_min_bid (double min_bid)
{
  g_autofree char *amount = NULL;

  if (min_bid <= 0)
    return g_strdup (_("RunPod did not say what the minimum is"));

  amount = format_amount (min_bid);
  /* Translators: the lowest bid RunPod accepts, like "At least $0.20/h". */
  return g_strdup_printf (_("At least $%s/h"), amount);
}

static GtkWidget *
build_inputs (BidDialog *bid,
              GantryPod *pod)
{
  double min_bid = gantry_pod_get_lowest_bid_price_to_resume (pod);
  double start = min_bid;
  int pod_gpus = CLAMP (gantry_pod_get_gpu_count (pod), 1, MAX_GPUS);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  g_autofree char *min_text = describe_min_bid (min_bid);

  bid->min_bid = MAX (min_bid, 0);
  /* Without a minimum, start from what the pod cost per GPU. */
  if (min_bid <= 0)
    {
      min_bid = FALLBACK_MIN_BID;
      start = MAX (gantry_pod_get_cost_per_hr (pod) / pod_gpus, min_bid);
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  bid->bid_spin = add_spin_row (GTK_LIST_BOX (list), _("_Bid per GPU-Hour"),
                                min_text, min_bid, MAX (MAX_BID, min_bid),
                                0.01, 3);
  /* A stopped pod resumes on its own machine: no more GPUs than it had. */
  bid->count_spin = add_spin_row (GTK_LIST_BOX (list), _("_GPUs"), NULL,
                                  1, pod_gpus, 1, 0);
  gtk_spin_button_set_value (bid->bid_spin, start);
  gtk_spin_button_set_value (bid->count_spin, pod_gpus);

  bid->price_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (bid->price_label), "title-4");
  gtk_widget_add_css_class (GTK_WIDGET (bid->price_label), "numeric");
  update_price (bid);

  bid->warning_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (bid->warning_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (bid->warning_label), "warning");
  update_warning (bid);

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bid->price_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (bid->warning_label));

  return box;
}

static void
on_value_changed_cb (GtkSpinButton *spin,
                     BidDialog     *bid)
{
  update_price (bid);
  update_warning (bid);
}

static void
finish (GTask    *task,
        gboolean  resume)
{
  BidDialog *bid = g_task_get_task_data (task);

  if (bid->returned)
    return;
  bid->returned = TRUE;
  g_clear_signal_handler (&bid->cancelled_id, bid->cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (resume)
    {
      /* Take in what was typed but not yet committed with Enter. */
      gtk_spin_button_update (bid->bid_spin);
      gtk_spin_button_update (bid->count_spin);
      bid->bid_per_gpu = gtk_spin_button_get_value (bid->bid_spin);
      bid->gpu_count = gtk_spin_button_get_value_as_int (bid->count_spin);
    }
  g_task_return_boolean (task, resume);
}

static void
on_response_cb (AdwMessageDialog *dialog,
                const char       *response,
                GTask            *task)
{
  finish (task, g_strcmp0 (response, "resume") == 0);
}

/* Runs when the dialog is destroyed without an answer, for instance with
 * its parent window. */
static void
on_response_closure_notify (gpointer  data,
                            GClosure *closure)
{
  GTask *task = data;

  finish (task, FALSE);
  g_object_unref (task);
}

static void
on_cancelled_cb (GCancellable *cancellable,
                 BidDialog    *bid)
{
  /* Closing answers with the close response, "cancel". */
  gtk_window_close (GTK_WINDOW (bid->dialog));
}

static AdwMessageDialog *
create_dialog (GtkWindow *parent,
               GantryPod *pod)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, NULL, NULL);

  /* Translators: %s is the name of a pod. */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog),
                                     _("Resume “%s” With a Bid"),
                                     gantry_pod_get_display_name (pod));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
      _("A spot pod runs only while its bid is high enough, and RunPod may "
        "interrupt it again at any time. RunPod is withdrawing spot pods, "
        "so a bid may soon no longer be accepted."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "resume", _("_Resume"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog),
                                              "resume",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           "resume");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog),
                                         "cancel");

  return ADW_MESSAGE_DIALOG (dialog);
}

void
gantry_bid_dialog_present (GtkWindow           *parent,
                           GantryPod           *pod,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  BidDialog *bid = g_new0 (BidDialog, 1);

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (GANTRY_IS_POD (pod));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gantry_bid_dialog_present);
  g_task_set_task_data (task, bid, bid_dialog_free);
  if (g_task_return_error_if_cancelled (task))
    return;

  bid->dialog = create_dialog (parent, pod);
  adw_message_dialog_set_extra_child (bid->dialog, build_inputs (bid, pod));
  g_signal_connect (bid->bid_spin, "value-changed",
                    G_CALLBACK (on_value_changed_cb), bid);
  g_signal_connect (bid->count_spin, "value-changed",
                    G_CALLBACK (on_value_changed_cb), bid);
  g_signal_connect_data (bid->dialog, "response",
                         G_CALLBACK (on_response_cb), g_object_ref (task),
                         on_response_closure_notify, 0);

  if (cancellable != NULL)
    {
      bid->cancellable = g_object_ref (cancellable);
      /* A plain handler, not g_cancellable_connect(): it is disconnected
       * from inside the emission when the dialog answers. */
      bid->cancelled_id = g_signal_connect (cancellable, "cancelled",
                                            G_CALLBACK (on_cancelled_cb),
                                            bid);
    }

  gtk_window_present (GTK_WINDOW (bid->dialog));
}

gboolean
gantry_bid_dialog_present_finish (GAsyncResult  *result,
                                  double        *out_bid_per_gpu,
                                  int           *out_gpu_count,
                                  GError       **error)
{
  BidDialog *bid;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == gantry_bid_dialog_present, FALSE);

  bid = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  if (out_bid_per_gpu != NULL)
    *out_bid_per_gpu = bid->bid_per_gpu;
  if (out_gpu_count != NULL)
    *out_gpu_count = bid->gpu_count;

  return TRUE;
}
