# runpod_sim/__init__.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""The local RunPod simulator behind tests/runpod-sim.py."""
