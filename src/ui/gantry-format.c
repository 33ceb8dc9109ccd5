/* gantry-format.c
 *
 * Copyright 2026 The Gantry authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "gantry-format.h"

#define MINUTE 60
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

char *
gantry_format_dollars (double dollars)
{
  /* Translators: an amount in US dollars, "$1,234.50" in English. The
   * digits follow your locale (grouping and decimal mark); put the dollar
   * sign where your language writes it, for example "%'.2f $". */
  return g_strdup_printf (_("$%'.2f"), dollars);
}

char *
gantry_format_price_per_hour (double dollars_per_hour)
{
  if (dollars_per_hour <= 0)
    return NULL;

  /* Translators: a price in US dollars per hour, "$0.69/h" in English.
   * The decimal mark follows your locale; put the dollar sign where your
   * language writes it, for example "%.2f $/h". */
  return g_strdup_printf (_("$%.2f/h"), dollars_per_hour);
}

char *
gantry_format_duration (gint64 seconds)
{
  gint64 days, hours, minutes;

  seconds = MAX (seconds, 0);
  days = seconds / DAY;
  hours = (seconds % DAY) / HOUR;
  minutes = (seconds % HOUR) / MINUTE;

  if (seconds < MINUTE)
    /* Translators: a duration in seconds, "40 s" */
    return g_strdup_printf (_("%d s"), (int) seconds);
  if (seconds < HOUR)
    /* Translators: a duration in minutes, "12 min" */
    return g_strdup_printf (_("%d min"), (int) minutes);
  if (seconds < DAY && minutes == 0)
    /* Translators: a duration in whole hours, "3 h" */
    return g_strdup_printf (_("%d h"), (int) hours);
  if (seconds < DAY)
    /* Translators: a duration, "3 h 12 min" */
    return g_strdup_printf (_("%d h %d min"), (int) hours, (int) minutes);
  if (hours == 0)
    /* Translators: a duration in whole days, "2 d" */
    return g_strdup_printf (_("%d d"), (int) days);

  /* Translators: a duration, "2 d 5 h" */
  return g_strdup_printf (_("%d d %d h"), (int) days, (int) hours);
}

char *
gantry_format_last_updated (gint64 unix_time,
                            gint64 now)
{
  gint64 age = MAX (now - unix_time, 0);
  int n;

  if (age < MINUTE)
    return g_strdup (_("Last updated just now"));

  if (age < HOUR)
    {
      n = age / MINUTE;
      return g_strdup_printf (ngettext ("Last updated %d minute ago",
                                        "Last updated %d minutes ago", n),
                              n);
    }

  if (age < DAY)
    {
      n = age / HOUR;
      return g_strdup_printf (ngettext ("Last updated %d hour ago",
                                        "Last updated %d hours ago", n),
                              n);
    }

  n = age / DAY;
  return g_strdup_printf (ngettext ("Last updated %d day ago",
                                    "Last updated %d days ago", n),
                          n);
}
