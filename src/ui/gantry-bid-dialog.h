/* gantry-bid-dialog.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "model/gantry-pod.h"

G_BEGIN_DECLS

/* Asks for the bid to resume the spot pod @pod: a bid per GPU-hour that
 * starts at, and cannot go below, the pod's minimum bid to resume, and a
 * GPU count that starts at the pod's. Cancelling @cancellable closes the
 * dialog. */
void     gantry_bid_dialog_present        (GtkWindow           *parent,
                                           GantryPod           *pod,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* TRUE with the bid when the person chose Resume; FALSE without an error
 * when they cancelled; FALSE with G_IO_ERROR_CANCELLED when @cancellable
 * closed the dialog. */
gboolean gantry_bid_dialog_present_finish (GAsyncResult        *result,
                                           double              *out_bid_per_gpu,
                                           int                 *out_gpu_count,
                                           GError             **error);

G_END_DECLS
