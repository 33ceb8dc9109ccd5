/* gantry-test-account.h
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The harness of the account tests (test-account-page, test-preferences):
 * the application as a person runs it, under Xvfb, against the RunPod
 * simulator and a real gnome-keyring on a private bus in a temporary
 * HOME (gantry-test-keyring.h).
 *
 * Each scenario runs in a process of its own, because libsecret and
 * GDBus keep one connection per process: gantry_test_account_main()
 * makes that process's keyring before GTK starts, starts a simulator
 * that accepts GANTRY_TEST_KEY_1, and runs the scenario with
 * G_MESSAGES_DEBUG=all; the parent then fails the test if the output
 * holds GANTRY_TEST_MARK, which every key contains.
 *
 * With GANTRY_TEST_SCREENSHOTS=<folder>, the save functions write PNGs
 * there; GANTRY_TEST_DARK=1 renders in the dark style. */

#pragma once

#include <adwaita.h>

#include "gantry-application-account.h"
#include "gantry-test-keyring.h"
#include "gantry-test-sim.h"
#include "ui/gantry-window-private.h"

G_BEGIN_DECLS

#define GANTRY_TEST_DEADLINE_S 60

#define GANTRY_TEST_MARK "rpa_GANTRYTESTMARK"
#define GANTRY_TEST_KEY_1 GANTRY_TEST_MARK "_first_0a1b2c3d4e5f6g7h8i9j"
#define GANTRY_TEST_KEY_2 GANTRY_TEST_MARK "_second_9z8y7x6w5v4u3t2s1r"
#define GANTRY_TEST_WRONG_KEY GANTRY_TEST_MARK "_wrong_00000000000000000000"

/* The simulator's demo set. */
#define GANTRY_TEST_N_PODS 12

/* Scenarios */

typedef struct
{
  const char            *path;
  GantryTestKeyringMode  mode;
  void                 (*run) (void);
} GantryTestScenario;

int            gantry_test_account_main  (int                       argc,
                                          char                    **argv,
                                          const GantryTestScenario *scenarios,
                                          guint                     n);

/* This process's keyring and simulator. */
GantryTestKeyring *gantry_test_keyring   (void);
GantryTestSim     *gantry_test_sim       (void);

/* Waiting: runs the main loop until @cond holds, or fails after a
 * generous deadline; checked every 50 ms. */
void           gantry_test_spin          (guint       ms);

#define GANTRY_TEST_WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 end_ = g_get_monotonic_time () \
                  + GANTRY_TEST_DEADLINE_S * G_USEC_PER_SEC; \
    while (!(cond) && g_get_monotonic_time () < end_) \
      gantry_test_spin (50); \
    g_assert_true (cond); \
  } G_STMT_END

/* What a person sees: mapped widgets only. */
GtkLabel      *gantry_test_find_label    (GtkWidget  *root,
                                          const char *text);
gboolean       gantry_test_shows         (GtkWidget  *root,
                                          const char *text);
GtkWidget     *gantry_test_find_mapped   (GtkWidget  *root,
                                          GType       type);
/* Clicks the sensitive button that reads exactly @text. */
void           gantry_test_click         (GtkWidget  *root,
                                          const char *text);
/* Types into the password entry row under @root. */
void           gantry_test_paste_key     (GtkWidget  *root,
                                          const char *text);
GtkWindow     *gantry_test_find_toplevel (GType       type);

void           gantry_test_save_screenshot  (GtkWidget  *widget,
                                             const char *name);
/* As the window opens, then 360 pixels wide. */
void           gantry_test_save_screenshots (GtkWindow  *window,
                                             const char *name);

/* The application */

typedef struct
{
  GantryApplication *app;
  GantryWindow      *window;  /* the main window */
  GPtrArray         *pages;   /* the main window's pages, as shown */
} GantryTestApp;

typedef void (*GantryTestSteps) (GantryTestApp *app);

/* Runs the application with g_application_run(), as from a launcher,
 * with short refresh intervals; @steps run once its window is up, then
 * every window is closed. */
void           gantry_test_app_run       (GantryTestSteps  steps);

gboolean       gantry_test_app_page_is   (GantryTestApp   *app,
                                          const char      *name);
gboolean       gantry_test_app_was_shown (GantryTestApp   *app,
                                          const char      *name);
/* The pods page with every pod of the demo set. */
gboolean       gantry_test_app_shows_pods (GantryTestApp  *app);
/* Waits for the first-run page and returns the account page on it. */
GtkWidget     *gantry_test_app_account_page (GantryTestApp *app);
GtkWidget     *gantry_test_app_open_preferences (GantryTestApp *app);
/* Waits for the Sign Out confirmation and clicks @button. */
void           gantry_test_app_answer_sign_out  (GantryTestApp *app,
                                                 const char    *button);

/* The keyring and the simulator */

/* The stored key, read back through GantrySecret. */
char          *gantry_test_lookup_key    (void);
/* Asserts that @key (NULL: none) is the only key stored. */
void           gantry_test_assert_stored (const char *key);
guint          gantry_test_count_stored  (void);
/* A key stored in an earlier session. */
void           gantry_test_store_key     (const char *key);
/* From now on the simulator accepts @key, and only it. */
void           gantry_test_accept_key    (const char *key);
/* @key went to the simulator in the Authorization header, and no key
 * anywhere else (URL, body, other headers). */
void           gantry_test_assert_key_only_in_header (const char *key);

G_END_DECLS
