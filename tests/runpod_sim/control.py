# runpod_sim/control.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""POST /control: the test's remote control.

A command is a JSON object with "op"; the answer is a JSON object, HTTP 200
with "ok": true on success, HTTP 400 {"error": "..."} otherwise.

  reset                  back to the start: pods, account, catalogue, key,
                         config; requests and faults cleared
  requests               {"requests": [...]} every /graphql request since
                         the start, reset or clear_requests, oldest first;
                         request_bytes and response_bytes are body sizes,
                         client_port tells connections apart
  clear_requests
  config                 any of boot_seconds (delay before a started pod
                         gains its runtime; 0 = at once), stale_runtime_on_
                         stop (true: a stopped pod keeps its old runtime),
                         spot_enabled (false: spot create and bid resume
                         are refused, as RunPod withdraws them), read_only
                         (true: mutations are "Unauthorized"), balance;
                         answers {"config": {...}, "balance": N}
  set_key    key         the key accepted from now on (revoke the old one);
                         optional read_only
  boot       id          give a starting pod its runtime now
  set_pod    id fields   merge fields into the pod (see _apply_fields);
                         "_boot_in": seconds schedules its boot,
                         "_host_full": true makes resume fail
  add_pod    pod         a pod in GraphQL shape plus the fixture shorthands
                         (see pods.py); answers {"pod": ...} with its id
  add_pods   count seed  that many generated pods, as --pods makes them
  remove_pod id
  pod        id          {"pod": ...} or {"pod": null}
  state                  {"pods": [...], "account": {...}, "config": {...}}
  fault      kind ...    see faults.py: http, truncate, graphql_error,
                         delay, apply_then_error, wrong_shape
  faults                 {"faults": [...]} the faults still pending
  clear_faults
  health                 {"internal_errors": N} simulator bugs so far

Pods in answers are the stored records with a live runtime, plus
"_starting", "_boot_in" (seconds left) and "_host_full".
"""

import json
import time

from . import pods as podlib


class ControlError(Exception):
    pass


def _pod(sim, command):
    pod = sim.state.pods.get(command.get("id"))
    if pod is None:
        raise ControlError("no pod with id %r" % command.get("id"))
    return pod


def op_reset(sim, command):
    sim.reset()
    return {}


def op_requests(sim, command):
    return {"requests": list(sim.requests)}


def op_clear_requests(sim, command):
    sim.requests = []
    return {}


def op_config(sim, command):
    config = sim.state.config
    for key, value in command.items():
        if key == "op":
            continue
        if key == "balance":
            sim.state.account["clientBalance"] = float(value)
        elif key in config:
            config[key] = value
        else:
            raise ControlError("unknown config key %r" % key)
    return {"config": dict(config),
            "balance": sim.state.account["clientBalance"]}


def op_set_key(sim, command):
    key = command.get("key")
    if not isinstance(key, str):
        raise ControlError("set_key needs a string \"key\"")
    sim.api_key = key
    if "read_only" in command:
        sim.state.config["read_only"] = bool(command["read_only"])
    return {}


def op_boot(sim, command):
    pod = _pod(sim, command)
    if pod["desiredStatus"] != "RUNNING":
        raise ControlError("pod %s is %s, not starting"
                           % (pod["id"], pod["desiredStatus"]))
    if pod.get("_booted_at") is None or pod.get("runtime") is None:
        sim.state.boot(pod, time.monotonic())
    return {"pod": sim.state.snapshot(pod, time.monotonic())}


def _apply_fields(pod, fields, now):
    """Merges @fields into @pod and keeps its timing consistent: a pod set
    to EXITED keeps its runtime, frozen; a runtime set on a running pod
    starts its uptime from runtime.uptimeInSeconds; runtime null on a
    running pod leaves it starting until "boot" (or "_boot_in" seconds)."""
    pod["runtime"] = podlib.live_runtime(pod, now)
    pod["_booted_at"] = None
    boot_in = fields.get("_boot_in")
    pod.update({k: v for k, v in fields.items() if k != "_boot_in"})
    running = pod["desiredStatus"] == "RUNNING"
    if not running or pod["runtime"] is not None or "runtime" in fields:
        pod["_boot_at"] = None
    if running and pod["runtime"] is not None:
        uptime = pod["runtime"].get("uptimeInSeconds") or 0
        pod["_booted_at"] = now - uptime
    if running and pod["runtime"] is None and boot_in is not None:
        pod["_boot_at"] = now + float(boot_in)


def op_set_pod(sim, command):
    pod = _pod(sim, command)
    fields = command.get("fields")
    if not isinstance(fields, dict) or "id" in fields:
        raise ControlError("set_pod needs \"fields\", an object without id")
    now = time.monotonic()
    _apply_fields(pod, fields, now)
    return {"pod": sim.state.snapshot(pod, now)}


def op_add_pod(sim, command):
    pod = command.get("pod")
    if not isinstance(pod, dict):
        raise ControlError("add_pod needs a \"pod\" object")
    if pod.get("id") in sim.state.pods:
        raise ControlError("a pod with id %r exists" % pod["id"])
    pod = sim.state.add_pod(dict(pod))
    return {"pod": sim.state.snapshot(pod, time.monotonic())}


def op_add_pods(sim, command):
    count = command.get("count")
    if not isinstance(count, int) or not 0 < count <= 100000:
        raise ControlError("add_pods needs a \"count\" from 1 to 100000")
    now = time.monotonic()
    for pod in podlib.generate(count, command.get("seed", 2)):
        if pod["id"] not in sim.state.pods:
            sim.state.add_pod(dict(pod), now)
    return {"pods": len(sim.state.pods)}


def op_remove_pod(sim, command):
    pod = _pod(sim, command)
    del sim.state.pods[pod["id"]]
    return {}


def op_pod(sim, command):
    pod = sim.state.pods.get(command.get("id"))
    now = time.monotonic()
    return {"pod": sim.state.snapshot(pod, now) if pod else None}


def op_state(sim, command):
    now = time.monotonic()
    sim.state.tick(now)
    return {"pods": [sim.state.snapshot(p, now)
                     for p in sim.state.pods.values()],
            "account": dict(sim.state.account),
            "config": dict(sim.state.config)}


def op_health(sim, command):
    return {"internal_errors": sim.internal_errors}


def op_fault(sim, command):
    try:
        return {"fault": sim.faults.add(command)}
    except ValueError as e:
        raise ControlError(str(e))


def op_clear_faults(sim, command):
    sim.faults.clear()
    return {}


def op_faults(sim, command):
    return {"faults": sim.faults.list()}


OPS = {name[3:]: fn for name, fn in globals().items()
       if name.startswith("op_")}


def dispatch(sim, raw):
    """(HTTP status, JSON answer) for the control command in @raw."""
    try:
        command = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        return 400, {"error": "not JSON: %s" % e}
    if not isinstance(command, dict) or command.get("op") not in OPS:
        return 400, {"error": "unknown op; one of " + ", ".join(sorted(OPS))}
    try:
        with sim.lock:
            answer = OPS[command["op"]](sim, command)
    except ControlError as e:
        return 400, {"error": str(e)}
    answer["ok"] = True
    return 200, answer
