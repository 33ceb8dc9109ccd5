#!/usr/bin/python3
# build-aux/count-tests.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Reads meson's testlog.json and prints "PASSED FAILED": the two numbers the
# check script turns into its closing line.

import json
import sys

PASSED = {"OK", "EXPECTEDFAIL"}
SKIPPED = {"SKIP"}


def main(path):
    passed = failed = 0
    with open(path, encoding="utf-8") as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get("result")
            if result in PASSED:
                passed += 1
            elif result not in SKIPPED:
                failed += 1
    if passed + failed == 0:
        failed = 1  # a run that ran nothing has not passed
    print(passed, failed)


if __name__ == "__main__":
    main(sys.argv[1])
