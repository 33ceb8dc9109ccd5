/* test-secret.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The API key in the keyring, against a real gnome-keyring-daemon on a
 * private bus in a temporary HOME. Each keyring scenario runs in its own
 * process (libsecret and GDBus keep one connection per process), with a
 * deadline, and with G_MESSAGES_DEBUG=all: its whole output is searched
 * for the key afterwards. */

#include "config.h"

#include <libsecret/secret.h>

#include "api/gantry-client.h"
#include "api/gantry-secret.h"
#include "gantry-test-keyring.h"

#define DEADLINE_S 60
#define CHILD_DEADLINE_S 300

#define SCHEMA "io.github.gantry_app.Gantry.ApiKey"
#define LABEL "RunPod API key for Gantry"
#define SIM_URL "http://127.0.0.1:8080/graphql"

/* Every key here contains MARK, and no test output may. */
#define MARK "rpa_TESTKEY"
#define KEY_1 MARK "_first_0a1b2c3d4e5f6g7h8i9j"
#define KEY_2 MARK "_second_9z8y7x6w5v4u3t2s1r"
#define SHORT_KEY MARK

typedef void (*Scenario) (GantryTestKeyring *keyring);

typedef struct
{
  GantryTestKeyringMode mode;
  Scenario              scenario;
} KeyringTest;

/* Waiting for results */

static gboolean
tick_cb (gpointer unused)
{
  return G_SOURCE_CONTINUE;
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* A keyring that waits on a prompt nobody sees fails here, not hangs. */
static void
wait_for (GAsyncResult **slot)
{
  gint64 end = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (*slot == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);

  g_assert_nonnull (*slot);
}

static char *
lookup (GantrySecret  *secret,
        GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_secret_lookup_async (secret, NULL, on_result_cb, &result);
  wait_for (&result);

  return gantry_secret_lookup_finish (secret, result, error);
}

static gboolean
store (GantrySecret  *secret,
       const char    *key,
       GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_secret_store_async (secret, key, NULL, on_result_cb, &result);
  wait_for (&result);

  return gantry_secret_store_finish (secret, result, error);
}

static gboolean
clear (GantrySecret  *secret,
       GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_secret_clear_async (secret, NULL, on_result_cb, &result);
  wait_for (&result);

  return gantry_secret_clear_finish (secret, result, error);
}

static GantrySecretInfo *
describe (GantrySecret  *secret,
          GError       **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  gantry_secret_describe_async (secret, NULL, on_result_cb, &result);
  wait_for (&result);

  return gantry_secret_describe_finish (secret, result, error);
}

/* What the keyring holds, asked without libsecret */

static char *
only_item (GantryTestKeyring *keyring)
{
  g_autoptr (GPtrArray) items = gantry_test_keyring_search (keyring, SCHEMA);

  g_assert_cmpuint (items->len, ==, 1);

  return g_strdup (g_ptr_array_index (items, 0));
}

static void
assert_stored (GantryTestKeyring *keyring,
               const char        *key,
               const char        *label)
{
  g_autofree char *item = only_item (keyring);
  g_autofree char *secret = gantry_test_keyring_get_secret (keyring, item);
  g_autofree char *item_label = gantry_test_keyring_get_label (keyring, item);

  g_assert_cmpstr (secret, ==, key);
  g_assert_cmpstr (item_label, ==, label);
}

static void
assert_lookup (GantrySecret *secret,
               const char   *expected)
{
  g_autoptr (GantrySecretKey) key = NULL;
  g_autoptr (GError) error = NULL;

  key = lookup (secret, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, expected);
}

static void
assert_stores (GantrySecret *secret,
               const char   *key)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (store (secret, key, &error));
  g_assert_no_error (error);
}

/* Running a scenario in its own process */

static void
run_keyring_test (gconstpointer data)
{
  const KeyringTest *test = data;
  g_autoptr (GantryTestKeyring) keyring = NULL;

  if (!g_test_subprocess ())
    {
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
      g_test_trap_subprocess (NULL, CHILD_DEADLINE_S * G_USEC_PER_SEC,
                              G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stdout_unmatched ("*" MARK "*");
      g_test_trap_assert_stderr_unmatched ("*" MARK "*");
      return;
    }

  keyring = gantry_test_keyring_new (test->mode);
  test->scenario (keyring);
}

static void
add_keyring_test (const char            *path,
                  GantryTestKeyringMode  mode,
                  Scenario               scenario)
{
  KeyringTest *test = g_new0 (KeyringTest, 1);

  test->mode = mode;
  test->scenario = scenario;
  g_test_add_data_func_full (path, test, run_keyring_test, g_free);
}

/* A working keyring */

static void
test_first_run (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GantrySecretInfo) info = NULL;
  g_autoptr (GError) error = NULL;

  /* Nothing stored yet is no error: the first-run page. */
  assert_lookup (secret, NULL);
  info = describe (secret, &error);
  g_assert_no_error (error);
  g_assert_null (info);

  assert_stores (secret, KEY_1);
  assert_stored (keyring, KEY_1, LABEL);
  assert_lookup (secret, KEY_1);

  /* The keyring's own files are encrypted, and it never asked a thing. */
  gantry_test_assert_no_file_contains (gantry_test_keyring_get_root (keyring),
                                       MARK);
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, 0);
}

static void
test_new_start (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) before = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GantrySecret) after = NULL;

  assert_stores (before, KEY_1);
  g_clear_object (&before);

  /* A new login: a new daemon reads the keyring back from disk, and
   * libsecret forgets its connection to the old one. */
  gantry_test_keyring_restart (keyring);
  secret_service_disconnect ();

  after = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  assert_lookup (after, KEY_1);
}

static void
test_replace (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);

  assert_stores (secret, KEY_1);
  assert_stores (secret, KEY_2);

  assert_stored (keyring, KEY_2, LABEL);
  assert_lookup (secret, KEY_2);
}

static void
test_sign_out (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;

  assert_stores (secret, KEY_1);
  g_assert_true (clear (secret, &error));
  g_assert_no_error (error);

  items = gantry_test_keyring_search (keyring, SCHEMA);
  g_assert_cmpuint (items->len, ==, 0);
  assert_lookup (secret, NULL);

  /* Signing out twice is no error. */
  g_assert_true (clear (secret, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, 0);
}

static void
test_describe (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GantrySecretInfo) info = NULL;
  g_autoptr (GantrySecretInfo) short_info = NULL;
  g_autoptr (GError) error = NULL;

  assert_stores (secret, KEY_1);
  info = describe (secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->label, ==, LABEL);
  g_assert_cmpstr (info->last_four, ==, "8i9j");

  /* Four characters of a short key would give most of it away. */
  assert_stores (secret, SHORT_KEY);
  short_info = describe (secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (short_info);
  g_assert_null (short_info->last_four);
}

static void
test_pasted_key (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GantrySecretKey) key = NULL;

  key = gantry_secret_clean_key (" \"" KEY_1 "\"\r\n");
  assert_stores (secret, key);

  assert_stored (keyring, KEY_1, LABEL);
}

static void
test_endpoints_apart (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) real = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GantrySecret) sim = gantry_secret_new (SIM_URL);
  g_autoptr (GantrySecretInfo) info = NULL;
  g_autoptr (GPtrArray) items = NULL;
  g_autoptr (GError) error = NULL;

  assert_stores (real, KEY_1);
  assert_stores (sim, KEY_2);
  assert_lookup (real, KEY_1);
  assert_lookup (sim, KEY_2);

  items = gantry_test_keyring_search (keyring, SCHEMA);
  g_assert_cmpuint (items->len, ==, 2);
  info = describe (sim, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (info->label, ==, LABEL " (" SIM_URL ")");

  g_assert_true (clear (sim, &error));
  g_assert_no_error (error);
  assert_lookup (real, KEY_1);
}

static void
test_cancelled (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  /* A window closed before the keyring answered: nothing to tell. */
  g_cancellable_cancel (cancellable);
  gantry_secret_store_async (secret, KEY_1, cancellable,
                             on_result_cb, &result);
  wait_for (&result);
  g_assert_false (gantry_secret_store_finish (secret, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A keyring that says no */

/* Every operation fails with @code, and each asks the person exactly
 * @prompts times (the keyring's prompter refuses them all). */
static void
assert_all_fail (GantryTestKeyring *keyring,
                 GantrySecret      *secret,
                 int                code,
                 guint              prompts)
{
  g_autoptr (GantrySecretInfo) info = NULL;
  g_autoptr (GantrySecretKey) key = NULL;
  g_autoptr (GError) error = NULL;
  guint asked = gantry_test_keyring_count_prompts (keyring);

  g_assert_false (store (secret, KEY_2, &error));
  g_assert_error (error, GANTRY_SECRET_ERROR, code);
  asked += prompts;
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, asked);
  g_clear_error (&error);

  key = lookup (secret, &error);
  g_assert_null (key);
  g_assert_error (error, GANTRY_SECRET_ERROR, code);
  asked += prompts;
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, asked);
  g_clear_error (&error);

  info = describe (secret, &error);
  g_assert_null (info);
  g_assert_error (error, GANTRY_SECRET_ERROR, code);
  asked += prompts;
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, asked);
  g_clear_error (&error);

  g_assert_false (clear (secret, &error));
  g_assert_error (error, GANTRY_SECRET_ERROR, code);
  asked += prompts;
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, asked);
}

static void
assert_nowhere_on_disk (GantryTestKeyring *keyring,
                        const char        *key)
{
  const char *root = gantry_test_keyring_get_root (keyring);

  gantry_test_assert_no_file_contains (root, key);
}

static void
test_no_service (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GError) error = NULL;

  g_assert_false (store (secret, KEY_1, &error));
  g_assert_error (error, GANTRY_SECRET_ERROR,
                  GANTRY_SECRET_ERROR_NO_SERVICE);
  g_assert_nonnull (strstr (error->message, "cannot be remembered"));

  assert_all_fail (keyring, secret, GANTRY_SECRET_ERROR_NO_SERVICE, 0);
  assert_nowhere_on_disk (keyring, KEY_1);
  assert_nowhere_on_disk (keyring, KEY_2);
}

static void
test_locked (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autofree char *item = NULL;
  g_autofree char *label = NULL;

  assert_stores (secret, KEY_1);
  gantry_test_keyring_lock (keyring);

  /* Each call lets the keyring ask to unlock, once; refused, it is
   * "locked", not "no key stored", and it does not hang. */
  assert_all_fail (keyring, secret, GANTRY_SECRET_ERROR_LOCKED, 1);

  item = only_item (keyring);
  g_assert_true (gantry_test_keyring_is_locked (keyring, item));
  label = gantry_test_keyring_get_label (keyring, item);
  g_assert_cmpstr (label, ==, LABEL);
  assert_nowhere_on_disk (keyring, KEY_2);
}

static void
test_uninitialized (GantryTestKeyring *keyring)
{
  g_autoptr (GantrySecret) secret = gantry_secret_new (GANTRY_DEFAULT_API_URL);
  g_autoptr (GError) error = NULL;

  /* No keyring yet holds no key, and finding that out asks nothing... */
  assert_lookup (secret, NULL);
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, 0);

  /* ...and the prompt to create one is refused. */
  g_assert_false (store (secret, KEY_1, &error));
  g_assert_cmpuint (gantry_test_keyring_count_prompts (keyring), ==, 1);
  g_assert_error (error, GANTRY_SECRET_ERROR, GANTRY_SECRET_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no default collection"));
  assert_nowhere_on_disk (keyring, KEY_1);
}

/* Pure functions */

static void
test_clean_key (void)
{
  static const struct { const char *pasted; const char *clean; } cases[] = {
    { "rpa_ABC", "rpa_ABC" },
    { "  rpa_ABC\n", "rpa_ABC" },
    { "\trpa_ABC\r\n", "rpa_ABC" },
    { "\"rpa_ABC\"", "rpa_ABC" },
    { "'rpa_ABC'\n", "rpa_ABC" },
    { " \" rpa_ABC \" ", "rpa_ABC" },
    { "\"\"rpa_ABC\"\"", "\"rpa_ABC\"" },
    { "\"rpa_ABC'", "\"rpa_ABC'" },
    { "rpa_\"ABC\"", "rpa_\"ABC\"" },
    { "rpa A B", "rpa A B" },
    { "\"", "\"" },
    { "", NULL },
    { " \n\t ", NULL },
    { "\"\"", NULL },
    { "' '", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GantrySecretKey) clean = NULL;

      clean = gantry_secret_clean_key (cases[i].pasted);
      g_assert_cmpstr (clean, ==, cases[i].clean);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/secret/clean-key", test_clean_key);

  add_keyring_test ("/gantry/secret/first-run",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_first_run);
  add_keyring_test ("/gantry/secret/new-start",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_new_start);
  add_keyring_test ("/gantry/secret/replace",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_replace);
  add_keyring_test ("/gantry/secret/sign-out",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_sign_out);
  add_keyring_test ("/gantry/secret/describe",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_describe);
  add_keyring_test ("/gantry/secret/pasted-key",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_pasted_key);
  add_keyring_test ("/gantry/secret/endpoints-apart",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_endpoints_apart);
  add_keyring_test ("/gantry/secret/cancelled",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_cancelled);
  add_keyring_test ("/gantry/secret/locked",
                    GANTRY_TEST_KEYRING_UNLOCKED, test_locked);
  add_keyring_test ("/gantry/secret/uninitialized",
                    GANTRY_TEST_KEYRING_UNINITIALIZED, test_uninitialized);
  add_keyring_test ("/gantry/secret/no-service",
                    GANTRY_TEST_KEYRING_NO_SERVICE, test_no_service);
  /* No bus at all reads as no keyring service, not as an I/O error. */
  add_keyring_test ("/gantry/secret/no-bus",
                    GANTRY_TEST_KEYRING_NO_BUS, test_no_service);

  return g_test_run ();
}
