# runpod_sim/state.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""The simulated account: pods, GPU catalogue and what each GraphQL field
and mutation does to them."""

import random
import time

from . import catalogue, pods as podlib
from .executor import ResolverError

NO_CAPACITY = ("There are no longer any instances available with the "
               "requested specifications. Please refresh and try again.")
SPOT_AS_ON_DEMAND = "Cannot resume a spot pod as an on demand pod."
HOST_FULL = ("There are not enough free GPUs on the host machine to start "
             "this pod.")
UNAUTHORIZED = "Unauthorized"
SPOT_WITHDRAWN = ("Spot pods are no longer available. Deploy an on-demand "
                  "pod instead.")

DEFAULT_ACCOUNT = {
    "id": "user_2vQk8dNfT3bXcRz9", "authId": "auth0|64f0c2a9e1",
    "email": "ada@example.com", "clientBalance": 142.37,
    "spendLimit": 80.0, "notifyPodsStale": True, "notifyPodsGeneral": True,
    "notifyLowBalance": True, "multiFactorEnabled": False,
    "pubKey": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGantrySimulatorKey "
              "ada@workstation",
}


def _status_change(what):
    """lastStatusChange as RunPod words it: "Exited by User: <date>"."""
    return "%s: %s" % (what, time.strftime("%a %b %d %Y %H:%M:%S GMT",
                                          time.gmtime()))


class Context:
    """What a resolver knows about the request."""

    def __init__(self, state, authenticated):
        self.state = state
        self.authenticated = authenticated
        self.now = time.monotonic()


def _need_auth(ctx):
    if not ctx.authenticated:
        raise ResolverError(UNAUTHORIZED, "UNAUTHENTICATED")


def _pod_id(args):
    inp = args.get("input") or {}
    return inp.get("podId")


class State:
    def __init__(self, boot_seconds=4.0, seed=7):
        self.rng = random.Random(seed)
        self.config = {"boot_seconds": boot_seconds,
                       "stale_runtime_on_stop": True,
                       "spot_enabled": True, "read_only": False}
        self.account = dict(DEFAULT_ACCOUNT)
        self.gpu_types = catalogue.GPU_TYPES
        self.gpu_by_id = catalogue.GPU_BY_ID
        self.pods = {}

    # ---------------------------------------------------------- loading --

    def load(self, pod_list, extra=None):
        """Pods, and from a fixture's @extra optionally "account" (merged
        into the default) and "gpuTypes" (replacing the catalogue)."""
        extra = extra or {}
        if extra.get("gpuTypes"):
            self.gpu_types = [catalogue.from_fixture(g)
                              for g in extra["gpuTypes"]]
            self.gpu_by_id = {g["id"]: g for g in self.gpu_types}
        self.account.update(extra.get("account") or {})
        now = time.monotonic()
        self.pods = {}
        for pod in pod_list:
            self.add_pod(dict(pod), now)

    def add_pod(self, pod, now=None):
        now = time.monotonic() if now is None else now
        pod = podlib.normalize(pod, self.rng, now,
                               self.config["boot_seconds"], self.gpu_by_id)
        self.pods[pod["id"]] = pod
        return pod

    # ------------------------------------------------------------- time --

    def tick(self, now):
        """Gives starting pods whose boot time has come their runtime."""
        for pod in self.pods.values():
            boot_at = pod.get("_boot_at")
            if boot_at is not None and boot_at <= now:
                self.boot(pod, now)

    def boot(self, pod, now):
        pod["_boot_at"] = None
        pod["_booted_at"] = now
        pod["runtime"] = podlib.make_runtime(pod, self.rng)

    def start_booting(self, pod, now):
        pod["desiredStatus"] = "RUNNING"
        pod["lastStatusChange"] = _status_change("Rented by User")
        pod["runtime"] = None
        pod["_booted_at"] = None
        pod["_boot_at"] = now + self.config["boot_seconds"]
        if self.config["boot_seconds"] <= 0:
            self.boot(pod, now)

    def snapshot(self, pod, now):
        view = podlib.public(pod)
        view["runtime"] = podlib.live_runtime(pod, now)
        view["_starting"] = pod["_boot_at"] is not None
        if pod["_boot_at"] is not None:
            view["_boot_in"] = round(max(0.0, pod["_boot_at"] - now), 3)
        view["_host_full"] = bool(pod.get("_host_full"))
        return view

    # ------------------------------------------------------------ query --

    def q_myself(self, parent, args, ctx):
        if not ctx.authenticated:
            return None
        return self.account

    def user_pods(self, user, args, ctx):
        return list(self.pods.values())

    def user_spend(self, user, args, ctx):
        return round(sum(p["costPerHr"] for p in self.pods.values()
                         if p["desiredStatus"] == "RUNNING"), 3)

    def pod_runtime(self, pod, args, ctx):
        return podlib.live_runtime(pod, ctx.now)

    def q_pod(self, parent, args, ctx):
        _need_auth(ctx)
        pod_id = _pod_id(args)
        if pod_id is None:
            raise ResolverError("podId is required", "BAD_USER_INPUT")
        return self.pods.get(pod_id)

    def q_gpu_types(self, parent, args, ctx):
        inp = args.get("input") or {}
        wanted = set(inp.get("ids") or [])
        if inp.get("id"):
            wanted.add(inp["id"])
        return [g for g in self.gpu_types
                if not wanted or g["id"] in wanted]

    def gpu_lowest_price(self, gpu, args, ctx):
        return catalogue.lowest_price(gpu, args.get("input") or {})

    def q_data_centers(self, parent, args, ctx):
        return [dict(dc, listed=True, storageSupport=True)
                for dc in catalogue.DATA_CENTERS]

    def q_empty(self, parent, args, ctx):
        return []

    # -------------------------------------------------------- mutations --

    def _own_pod(self, args, ctx):
        _need_auth(ctx)
        if self.config["read_only"]:
            raise ResolverError(UNAUTHORIZED, "FORBIDDEN")
        pod = self.pods.get(_pod_id(args))
        if pod is None:
            raise ResolverError("Pod not found.", "NOT_FOUND")
        return pod

    def m_stop(self, parent, args, ctx):
        pod = self._own_pod(args, ctx)
        if pod["desiredStatus"] == "RUNNING" and pod.get("runtime"):
            pod["runtime"] = podlib.live_runtime(pod, ctx.now)
        if not self.config["stale_runtime_on_stop"]:
            pod["runtime"] = None
        pod["desiredStatus"] = "EXITED"
        pod["lastStatusChange"] = _status_change("Exited by User")
        pod["_boot_at"] = pod["_booted_at"] = None
        return pod

    def m_resume(self, parent, args, ctx):
        pod = self._own_pod(args, ctx)
        if pod.get("podType") == "INTERRUPTABLE":
            raise ResolverError(SPOT_AS_ON_DEMAND)
        if pod["desiredStatus"] == "RUNNING":
            return pod
        if pod.get("_host_full"):
            raise ResolverError(HOST_FULL)
        self.start_booting(pod, ctx.now)
        return pod

    def m_bid_resume(self, parent, args, ctx):
        pod = self._own_pod(args, ctx)
        inp = args["input"]
        if not self.config["spot_enabled"]:
            raise ResolverError(SPOT_WITHDRAWN)
        if pod.get("podType") != "INTERRUPTABLE":
            raise ResolverError("Cannot resume an on demand pod as a spot "
                                "pod.")
        floor = pod.get("lowestBidPriceToResume") or 0
        if inp["bidPerGpu"] < floor:
            raise ResolverError(
                "Your bid of $%.3f/hr per GPU is below the minimum bid of "
                "$%.3f/hr for this pod." % (inp["bidPerGpu"], floor))
        if pod.get("_host_full"):
            raise ResolverError(HOST_FULL)
        if pod["desiredStatus"] != "RUNNING":
            pod["costPerHr"] = round(inp["bidPerGpu"] * pod["gpuCount"], 3)
            pod["adjustedCostPerHr"] = pod["costPerHr"]
            self.start_booting(pod, ctx.now)
        return pod

    def m_terminate(self, parent, args, ctx):
        pod = self._own_pod(args, ctx)
        del self.pods[pod["id"]]
        return None

    def m_on_demand(self, parent, args, ctx):
        return self._create(args.get("input"), ctx, spot=False)

    def m_spot(self, parent, args, ctx):
        if not self.config["spot_enabled"]:
            _need_auth(ctx)
            raise ResolverError(SPOT_WITHDRAWN)
        return self._create(args.get("input"), ctx, spot=True)

    def m_unsupported(self, parent, args, ctx):
        _need_auth(ctx)
        raise ResolverError("Something went wrong. Please try again later "
                            "or contact support.", "INTERNAL_SERVER_ERROR")

    # ----------------------------------------------------------- create --

    def _placement(self, inp):
        """(gpu type, LowestPrice) of the first requested type in stock."""
        type_ids = ([inp["gpuTypeId"]] if inp.get("gpuTypeId")
                    else inp.get("gpuTypeIdList") or [])
        secure = {"SECURE": True, "COMMUNITY": False}.get(inp["cloudType"])
        query = {"gpuCount": inp["gpuCount"], "secureCloud": secure}
        for key in ("allowedCudaVersions", "cudaVersion", "minCudaVersion"):
            query[key] = inp.get(key)
        for type_id in type_ids:
            gpu = self.gpu_by_id.get(type_id)
            price = gpu and catalogue.lowest_price(gpu, query)
            if price and price["stockStatus"] in ("Low", "Medium", "High"):
                return gpu, price
        raise ResolverError(NO_CAPACITY)

    def _create(self, inp, ctx, spot):
        _need_auth(ctx)
        if self.config["read_only"]:
            raise ResolverError(UNAUTHORIZED, "FORBIDDEN")
        inp = inp or {}
        if not inp.get("gpuCount") or not inp.get("cloudType"):
            raise ResolverError(NO_CAPACITY)
        gpu, price = self._placement(inp)
        count = inp["gpuCount"]
        per_gpu = price["uninterruptablePrice"]
        if spot:
            floor = price["minimumBidPrice"] or 0
            bid = inp.get("bidPerGpu")
            if bid is None or bid < floor:
                raise ResolverError(
                    "Your bid of $%.3f/hr per GPU is below the minimum bid "
                    "of $%.3f/hr for %s." % (bid or 0, floor,
                                             gpu["displayName"]))
            per_gpu = bid
        pod = self._new_pod(inp, gpu, price, count, per_gpu, spot)
        self.start_booting(pod, ctx.now)
        return pod

    def _new_pod(self, inp, gpu, price, count, per_gpu, spot):
        pod_id = podlib.new_id(self.rng)
        env = ["%s=%s" % (e["key"], e["value"])
               for e in inp.get("env") or [] if e is not None]
        pod = {
            "id": pod_id, "name": inp.get("name") or "",
            "imageName": inp.get("imageName") or "runpod/base:0.6.2",
            "desiredStatus": "RUNNING",
            "podType": "INTERRUPTABLE" if spot else "RESERVED",
            "gpuCount": count, "costPerHr": round((per_gpu or 0) * count, 3),
            "vcpuCount": float(max(inp.get("minVcpuCount") or 0,
                                   price["minVcpu"])),
            "memoryInGb": float(max(inp.get("minMemoryInGb") or 0,
                                    price["minMemory"])),
            "containerDiskInGb": inp.get("containerDiskInGb") or 0,
            "volumeInGb": inp.get("volumeInGb") or 0,
            "volumeMountPath": inp.get("volumeMountPath") or "/workspace",
            "ports": inp.get("ports") or "", "env": env,
            "dockerArgs": inp.get("dockerArgs") or "",
            "templateId": inp.get("templateId"),
            "machine": podlib.machine_for(gpu, price["_cloud"], count,
                                          pod_id, per_gpu),
        }
        if spot:
            pod["lowestBidPriceToResume"] = price["minimumBidPrice"]
        return self.add_pod(pod)

    # --------------------------------------------------------- wiring --

    def resolvers(self):
        """The (type, field) -> resolver map for the executor."""
        table = {
            ("Query", "myself"): self.q_myself,
            ("Query", "pod"): self.q_pod,
            ("Query", "gpuTypes"): self.q_gpu_types,
            ("Query", "dataCenters"): self.q_data_centers,
            ("User", "pods"): self.user_pods,
            ("User", "currentSpendPerHr"): self.user_spend,
            ("Pod", "runtime"): self.pod_runtime,
            ("GpuType", "lowestPrice"): self.gpu_lowest_price,
            ("Mutation", "podFindAndDeployOnDemand"): self.m_on_demand,
            ("Mutation", "podRentInterruptable"): self.m_spot,
            ("Mutation", "podResume"): self.m_resume,
            ("Mutation", "podBidResume"): self.m_bid_resume,
            ("Mutation", "podStop"): self.m_stop,
            ("Mutation", "podTerminate"): self.m_terminate,
        }
        for name in ("cpuTypes", "cpuFlavors", "countryCodes",
                     "serverlessGpuPools"):
            table[("Query", name)] = self.q_empty
        for name in ("networkVolumes", "podTemplates",
                     "containerRegistryCreds", "endpoints", "secrets"):
            table[("User", name)] = self.q_empty
        return table

    def unsupported_mutations(self, schema):
        return {("Mutation", name): self.m_unsupported
                for name in schema.get_mutation_type().fields
                if ("Mutation", name) not in self.resolvers()}
