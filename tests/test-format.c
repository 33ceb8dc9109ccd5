/* test-format.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "model/gantry-json.h"
#include "model/gantry-pod-spec.h"
#include "ui/gantry-format.h"

#define GERMAN "de_DE.UTF-8"

/* A domain that has no catalogue anywhere: the English strings. */
#define UNTRANSLATED "gantry-test-untranslated"

/* Switches every category to @locale, with @language as LANGUAGE (unset
 * when NULL). Skips the test, and returns FALSE, when the system lacks
 * the locale. */
static gboolean
use_locale (const char *locale,
            const char *language)
{
  g_autofree char *why = NULL;

  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  else
    g_unsetenv ("LANGUAGE");

  /* setlocale also tells gettext to forget what it looked up before. */
  if (setlocale (LC_ALL, locale) != NULL)
    return TRUE;

  why = g_strdup_printf ("The %s locale is not installed (build-aux/deps "
                         "generates it as root): cannot check formatting "
                         "under it", locale);
  g_test_skip (why);
  return FALSE;
}

/* Gantry's own catalogues as the build made them, in <build>/po. Fails
 * the test, and returns FALSE, when the German one is missing. */
static gboolean
use_built_translations (void)
{
  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..",
                                                      "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "de", "LC_MESSAGES",
                                          GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_IS_REGULAR))
    {
      g_test_fail_printf ("%s is missing: the German translation was not "
                          "built", mo);
      return FALSE;
    }

  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

static void
assert_formats (char       *formatted,
                const char *expected)
{
  g_assert_cmpstr (formatted, ==, expected);
  g_free (formatted);
}

/* The baseline: the C locale writes a decimal point and no grouping. */
static void
test_c_locale (void)
{
  textdomain (UNTRANSLATED);
  g_assert_true (use_locale ("C", NULL));

  assert_formats (gantry_format_price_per_hour (0.69), "$0.69/h");
  assert_formats (gantry_format_dollars (1234.5), "$1234.50");
  assert_formats (gantry_format_dollars (0.004), "$0.00");
}

/* A German locale writes a decimal comma, even where no German
 * translation is installed. */
static void
test_german_numbers (void)
{
  textdomain (UNTRANSLATED);
  if (!use_locale (GERMAN, NULL))
    return;

  assert_formats (gantry_format_price_per_hour (0.69), "$0,69/h");
  assert_formats (gantry_format_price_per_hour (12.5), "$12,50/h");
  assert_formats (gantry_format_dollars (1234.5), "$1.234,50");
}

/* With the German catalogue, German puts the dollar sign after the
 * amount, and counts take the right plural form. */
static void
test_german_translation (void)
{
  gint64 now = 1700000000;

  if (!use_built_translations () || !use_locale (GERMAN, "de"))
    return;

  assert_formats (gantry_format_price_per_hour (0.69), "0,69 $/h");
  assert_formats (gantry_format_dollars (120.5), "120,50 $");
  assert_formats (gantry_format_dollars (1234.5), "1.234,50 $");
  assert_formats (gantry_format_last_updated (now - 10, now),
                  "Gerade eben aktualisiert");
  assert_formats (gantry_format_last_updated (now - 60, now),
                  "Vor 1 Minute aktualisiert");
  assert_formats (gantry_format_last_updated (now - 5 * 60, now),
                  "Vor 5 Minuten aktualisiert");
  assert_formats (gantry_format_last_updated (now - 2 * 86400, now),
                  "Vor 2 Tagen aktualisiert");

  /* The model's sentences come from the same catalogue (dgettext). */
  assert_formats (gantry_pod_spec_check_bid (200.0, 0.2),
                  "Bieten Sie höchstens 100,00 $ pro GPU-Stunde.");
}

/* RunPod speaks JSON, whose numbers have a decimal point in every
 * locale: reading them and writing the create input must not follow the
 * German decimal comma. */
static void
test_german_json (void)
{
  g_autoptr (JsonNode) answer = NULL;
  g_autoptr (JsonNode) input = NULL;
  g_autoptr (GantryPodSpec) spec = gantry_pod_spec_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;

  if (!use_locale (GERMAN, NULL))
    return;

  answer = json_from_string ("{\"costPerHr\": 0.69, \"lowestBid\": \"0.74\"}",
                             &error);
  g_assert_no_error (error);
  object = json_node_get_object (answer);
  g_assert_cmpfloat_with_epsilon (gantry_json_get_double (object,
                                                          "costPerHr", -1),
                                  0.69, 1e-9);
  g_assert_cmpfloat_with_epsilon (gantry_json_get_double (object,
                                                          "lowestBid", -1),
                                  0.74, 1e-9);

  gantry_pod_spec_set_spot (spec, TRUE);
  gantry_pod_spec_set_bid_per_gpu (spec, 0.25);
  input = gantry_pod_spec_to_input (spec);
  text = json_to_string (input, FALSE);
  g_assert_nonnull (strstr (text, "\"bidPerGpu\":0.25"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gantry/format/c-locale", test_c_locale);
  g_test_add_func ("/gantry/format/german-numbers", test_german_numbers);
  g_test_add_func ("/gantry/format/german-translation",
                   test_german_translation);
  g_test_add_func ("/gantry/format/german-json", test_german_json);

  return g_test_run ();
}
