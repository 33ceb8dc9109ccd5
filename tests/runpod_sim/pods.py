# runpod_sim/pods.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Pod records: building them, their runtime, loading and generating sets.

A pod is stored as a dict shaped like the GraphQL Pod type, plus private
keys that start with "_" and never reach a client:

  _boot_at     monotonic time at which a starting pod gains its runtime;
               None: it stays starting until told (control op "boot")
  _booted_at   monotonic time its runtime appeared (uptime grows from it)
  _host_full   podResume fails: "not enough free GPUs on the host"
"""

import json
import random
import string
import time

from . import catalogue

ALNUM = string.ascii_lowercase + string.digits


def new_id(rng):
    return "".join(rng.choice(ALNUM) for _ in range(14))


def _uuid(rng):
    h = "%032x" % rng.getrandbits(128)
    return "-".join([h[:8], h[8:12], h[12:16], h[16:20], h[20:]])


def make_runtime(pod, rng, uptime=0):
    """A fresh runtime for @pod: one entry per exposed port and GPU."""
    ports = []
    public_ip = "%d.%d.%d.%d" % (
        rng.choice([38, 69, 194, 213]), rng.randrange(1, 255),
        rng.randrange(1, 255), rng.randrange(1, 255))
    for spec in filter(None, (pod.get("ports") or "").split(",")):
        number, _, kind = spec.strip().partition("/")
        if not number.isdigit():
            continue
        if kind == "tcp":
            ports.append({"ip": public_ip, "isIpPublic": True,
                          "privatePort": int(number),
                          "publicPort": rng.randrange(10000, 60000),
                          "type": "tcp"})
        else:
            ports.append({"ip": "100.65.%d.%d" % (rng.randrange(256),
                                                  rng.randrange(256)),
                          "isIpPublic": False, "privatePort": int(number),
                          "publicPort": int(number), "type": "http"})
    gpus = [{"id": "GPU-" + _uuid(rng),
             "gpuUtilPercent": rng.randrange(0, 101),
             "memoryUtilPercent": rng.randrange(0, 101)}
            for _ in range(pod.get("gpuCount") or 0)]
    return {"uptimeInSeconds": uptime, "ports": ports, "gpus": gpus,
            "container": {"cpuPercent": rng.randrange(0, 101),
                          "memoryPercent": rng.randrange(0, 101)}}


def live_runtime(pod, now):
    """The runtime as a client sees it at @now: uptime grows while the pod
    runs; a stopped pod's stale runtime is returned frozen."""
    runtime = pod.get("runtime")
    if runtime is None or pod.get("_booted_at") is None:
        return runtime
    view = dict(runtime)
    view["uptimeInSeconds"] = int(now - pod["_booted_at"])
    return view


def machine_for(gpu, cloud, count, pod_id, price):
    location = catalogue.location_for(pod_id)
    return {"podHostId": "%s-%d" % (pod_id, 60000 + sum(map(ord, pod_id))),
            "gpuDisplayName": gpu["displayName"], "gpuTypeId": gpu["id"],
            "location": location, "dataCenterId": location,
            "costPerHr": round((price or 0) * count, 3),
            "currentPricePerGpu": price, "secureCloud": cloud == "secure",
            "supportPublicIp": True, "listed": True,
            "maxDownloadSpeedMbps": 2500, "maxUploadSpeedMbps": 1800,
            "diskMBps": 1500, "gpuAvailable": 4,
            "machineSystem": {"cudaVersion": gpu["_max_cuda"],
                              "os": "Ubuntu 22.04", "diskTotal": 2000}}


def _fixture_machine(pod, gpu_by_id):
    """Expands the fixture shorthands "_gpu" (a GPU type id; default: the
    machine's, else the first type) and "_cloud" ("secure" or "community")
    into machine and costPerHr."""
    type_id = pod.pop("_gpu", None) or (pod.get("machine") or {}).get(
        "gpuTypeId")
    gpu = gpu_by_id.get(type_id) or next(iter(gpu_by_id.values()))
    cloud = pod.pop("_cloud", "secure")
    count = pod["gpuCount"]
    spot = pod.get("podType") == "INTERRUPTABLE"
    price = gpu.get(cloud + ("SpotPrice" if spot else "Price")) or 0.0
    pod.setdefault("costPerHr", round(price * count, 3))
    if spot:
        pod.setdefault("lowestBidPriceToResume", price)
    if "machine" not in pod:
        pod["machine"] = machine_for(gpu, cloud, count, pod["id"], price)


def normalize(pod, rng, now, boot_seconds, gpu_by_id):
    """Fills what a fixture may leave out, so every non-null field of the
    schema has a value, and sets the private timing keys.  "_uptime": N
    gives the pod a generated runtime that has been up N seconds."""
    pod.setdefault("id", new_id(rng))
    count = pod.setdefault("gpuCount", 1)
    _fixture_machine(pod, gpu_by_id)
    defaults = {
        "name": "", "desiredStatus": "RUNNING", "podType": "RESERVED",
        "imageName": "runpod/base:0.6.2-cuda12.4.1",
        "vcpuCount": 8.0 * max(count, 1), "memoryInGb": 31.0 * max(count, 1),
        "containerDiskInGb": 20, "volumeInGb": 0,
        "volumeMountPath": "/workspace", "ports": "", "env": [],
        "uptimeSeconds": 0, "volumeEncrypted": False,
        "gpuPowerLimitPercent": 100, "dockerArgs": "", "runtime": None,
        "lastStatusChange": "Rented by User: Mon Jan 12 2026 09:14:03 GMT",
    }
    for key, value in defaults.items():
        pod.setdefault(key, value)
    pod.setdefault("adjustedCostPerHr", pod["costPerHr"])
    pod.setdefault("machineId", new_id(rng)[:12])
    pod.setdefault("gpus", [{"id": "GPU-" + _uuid(rng), "podId": pod["id"]}
                            for _ in range(count)])
    if "_uptime" in pod:
        pod["runtime"] = make_runtime(pod, rng, pod.pop("_uptime"))
    set_timing(pod, now, boot_seconds)
    return pod


def set_timing(pod, now, boot_seconds):
    runtime = pod.get("runtime")
    running = pod.get("desiredStatus") == "RUNNING"
    if "_boot_in" in pod:
        boot_seconds = pod.pop("_boot_in")
    pod["_boot_at"] = None
    pod["_booted_at"] = None
    if running and runtime is not None:
        pod["_booted_at"] = now - (runtime.get("uptimeInSeconds") or 0)
    elif running and boot_seconds is not None:
        pod["_boot_at"] = now + boot_seconds


def public(pod):
    return {k: v for k, v in pod.items() if not k.startswith("_")}


def load_fixture(path):
    """Returns (pods, extra) from a fixture: either a list of pods or an
    object {"pods": [...], "account": {...}}."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if isinstance(data, list):
        return data, {}
    return data.get("pods", []), data


NAMES = ["llama-finetune", "sdxl-train", "whisper-batch", "vllm-serve",
         "comfyui", "jupyter-lab", "flux-lora", "eval-harness",
         "mistral-7b-dpo", "embedding-index"]
IMAGES = ["runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04",
          "runpod/pytorch:2.1.0-py3.10-cuda11.8.0-devel-ubuntu22.04",
          "vllm/vllm-openai:v0.6.3",
          "runpod/stable-diffusion:comfy-ui-6.0.0",
          "nvidia/cuda:12.4.1-cudnn-runtime-ubuntu22.04"]


def generate(count, seed=1):
    """@count plain pods, mostly running, some starting, stopped or spot;
    deterministic for a given seed."""
    rng = random.Random(seed)
    types = [g for g in catalogue.GPU_TYPES
             if g["id"] != "unknown" and g.get("securePrice")]
    pods = []
    for i in range(count):
        gpu = types[i % len(types)]
        n = rng.choice([1, 1, 1, 2, 4, 8])
        spot = i % 11 == 5
        price = gpu["secureSpotPrice" if spot else "securePrice"]
        pod = {"id": new_id(rng),
               "name": "%s-%05d" % (NAMES[i % len(NAMES)], i),
               "desiredStatus": "EXITED" if i % 7 == 3 else "RUNNING",
               "podType": "INTERRUPTABLE" if spot else "RESERVED",
               "gpuCount": n, "costPerHr": round(price * n, 3),
               "imageName": IMAGES[i % len(IMAGES)],
               "ports": "8888/http,22/tcp",
               "env": ["JUPYTER_PASSWORD=pw%d" % i, "HF_HOME=/workspace/hf"],
               "volumeInGb": rng.choice([0, 20, 50, 100])}
        pod["machine"] = machine_for(gpu, "secure", n, pod["id"], price)
        if spot:
            pod["lowestBidPriceToResume"] = price
        if pod["desiredStatus"] == "RUNNING" and i % 13 != 4:
            uptime = rng.randrange(60, 900000)
            pod["runtime"] = make_runtime(pod, rng, uptime)
        pods.append(pod)
    return pods
