# runpod_sim/catalogue.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""The GPU catalogue: types, prices and a deterministic stock model.

Stock depends on the cloud, the GPU count and the CUDA versions asked for,
so that a client's filters visibly change what it gets:

- each type has a base stock level per cloud ("High" .. "None"), or is not
  offered on a cloud at all (lowestPrice then has null stock and prices);
- asking for 4 GPUs lowers the level by one, 8 or more by two; counts the
  type's hosts cannot hold are "None";
- each type has the highest CUDA version its hosts run; a filter that
  allows only newer versions finds no host ("None"); AMD types run none;
- with secureCloud omitted, the better of the two clouds answers.
"""

LEVELS = ["None", "Low", "Medium", "High"]

CUDA_VERSIONS = ["11.8", "12.0", "12.1", "12.2", "12.3", "12.4", "12.5",
                 "12.6", "12.7", "12.8", "12.9", "13.0"]

DATA_CENTERS = [
    {"id": "EU-RO-1", "name": "EU-RO-1", "location": "Romania",
     "region": "EUROPE"},
    {"id": "US-TX-3", "name": "US-TX-3", "location": "United States",
     "region": "NORTH_AMERICA"},
    {"id": "CA-MTL-1", "name": "CA-MTL-1", "location": "Canada",
     "region": "NORTH_AMERICA"},
    {"id": "EU-SE-1", "name": "EU-SE-1", "location": "Sweden",
     "region": "EUROPE"},
    {"id": "US-GA-1", "name": "US-GA-1", "location": "United States",
     "region": "NORTH_AMERICA"},
    {"id": "AP-JP-1", "name": "AP-JP-1", "location": "Japan",
     "region": "ASIA"},
]


def _gpu(type_id, display, memory, cores, secure, community, max_cuda,
         counts=(1, 2, 4, 8), stock=("High", "High"), maker="Nvidia"):
    """@secure/@community: (on-demand price, spot price) or None when the
    type is not offered on that cloud; a price itself may be None."""
    gpu = {
        "id": type_id, "displayName": display, "manufacturer": maker,
        "memoryInGb": memory, "cudaCores": cores,
        "secureCloud": secure is not None,
        "communityCloud": community is not None,
        "securePrice": secure[0] if secure else None,
        "secureSpotPrice": secure[1] if secure else None,
        "communityPrice": community[0] if community else None,
        "communitySpotPrice": community[1] if community else None,
        "maxGpuCount": max(counts),
        "maxGpuCountSecureCloud": max(counts) if secure else 0,
        "maxGpuCountCommunityCloud": max(counts) if community else 0,
        "minPodGpuCount": 1,
        "_max_cuda": max_cuda, "_counts": list(counts),
        "_stock": {"secure": stock[0], "community": stock[1]},
    }
    base = gpu["securePrice"] or gpu["communityPrice"]
    if base is not None:
        gpu["oneWeekPrice"] = round(base * 0.95, 2)
        gpu["oneMonthPrice"] = round(base * 0.9, 2)
        gpu["threeMonthPrice"] = round(base * 0.85, 2)
        gpu["sixMonthPrice"] = round(base * 0.8, 2)
    return gpu


GPU_TYPES = [
    _gpu("NVIDIA GeForce RTX 4090", "RTX 4090", 24, 16384,
         (0.69, 0.35), (0.34, 0.20), "12.8"),
    _gpu("NVIDIA GeForce RTX 3090", "RTX 3090", 24, 10496,
         None, (0.22, 0.11), "12.4", stock=(None, "Medium")),
    _gpu("NVIDIA RTX A6000", "RTX A6000", 48, 10752,
         (0.49, 0.25), (0.33, 0.17), "12.8", stock=("High", "Medium")),
    _gpu("NVIDIA RTX A5000", "RTX A5000", 24, 8192,
         (0.27, 0.14), (0.16, 0.09), "12.6", stock=("Medium", "Low")),
    _gpu("NVIDIA RTX A4000", "RTX A4000", 16, 6144,
         (0.25, 0.13), (0.17, 0.09), "12.4", stock=("Low", "High")),
    _gpu("NVIDIA L40S", "L40S", 48, 18176,
         (0.86, 0.43), (0.79, 0.40), "12.9", stock=("High", "None")),
    _gpu("NVIDIA L4", "L4", 24, 7424,
         (0.43, 0.22), None, "12.8", counts=(1, 2, 4),
         stock=("Medium", None)),
    _gpu("NVIDIA RTX 6000 Ada Generation", "RTX 6000 Ada", 48, 18176,
         (0.77, 0.39), (0.74, 0.37), "12.8", stock=("Medium", "Low")),
    _gpu("NVIDIA A40", "A40", 48, 10752,
         (0.40, 0.20), None, "12.4", stock=("Low", None)),
    _gpu("NVIDIA A100 80GB PCIe", "A100 PCIe", 80, 6912,
         (1.64, 0.82), (1.19, 0.60), "12.8", stock=("Low", "Medium")),
    _gpu("NVIDIA A100-SXM4-80GB", "A100 SXM", 80, 6912,
         (1.74, 0.87), (1.39, 0.70), "12.8", stock=("Medium", "Low")),
    _gpu("NVIDIA H100 80GB HBM3", "H100 SXM", 80, 16896,
         (2.69, 1.35), (2.39, 1.20), "12.9", stock=("Medium", "None")),
    _gpu("NVIDIA H100 PCIe", "H100 PCIe", 80, 14592,
         (2.39, 1.20), (1.99, 1.00), "12.8", stock=("Low", "Low")),
    _gpu("NVIDIA H200", "H200 SXM", 141, 16896,
         (3.99, 2.00), None, "13.0", stock=("Low", None)),
    _gpu("NVIDIA B200", "B200", 180, 18944,
         (None, None), None, "13.0", stock=("Low", None)),
    _gpu("AMD Instinct MI300X OAM", "MI300X", 192, 19456,
         (2.49, 1.25), None, None, stock=("None", None), maker="AMD"),
    {"id": "unknown", "displayName": "unknown", "manufacturer": None,
     "memoryInGb": 0, "cudaCores": 0, "secureCloud": False,
     "communityCloud": False, "maxGpuCount": 0, "_counts": [],
     "_max_cuda": None, "_stock": {"secure": None, "community": None}},
]

GPU_BY_ID = {g["id"]: g for g in GPU_TYPES}


def from_fixture(entry):
    """A GPU type from a fixture: its GraphQL fields, plus the optional
    stock model keys "_stock" ({"secure": level or null, "community": ...},
    null: not offered there), "_max_cuda" and "_counts" (the GPU counts its
    hosts hold).  What is left out gets a plain, well-stocked default."""
    gpu = dict(entry)
    gpu.setdefault("displayName", gpu["id"])
    for key in ("securePrice", "communityPrice", "secureSpotPrice",
                "communitySpotPrice"):
        gpu.setdefault(key, None)
    secure = gpu.setdefault("secureCloud", gpu["securePrice"] is not None)
    community = gpu.setdefault("communityCloud",
                               gpu["communityPrice"] is not None)
    gpu.setdefault("_counts", [1, 2, 4, 8])
    gpu.setdefault("maxGpuCount", max(gpu["_counts"], default=0))
    gpu.setdefault("_max_cuda", "12.8")
    gpu.setdefault("_stock", {"secure": "High" if secure else None,
                              "community": "High" if community else None})
    return gpu


def cuda_key(version):
    """"12.10" > "12.9": compare as integer tuples; None if not a version."""
    try:
        return tuple(int(part) for part in str(version).split("."))
    except ValueError:
        return None


def _cuda_ok(gpu, inp):
    """Whether some host of @gpu runs a CUDA version the input allows."""
    allowed = list(inp.get("allowedCudaVersions") or [])
    if inp.get("cudaVersion"):
        allowed.append(inp["cudaVersion"])
    minimum = inp.get("minCudaVersion")
    if not allowed and not minimum:
        return True
    top = cuda_key(gpu["_max_cuda"]) if gpu["_max_cuda"] else None
    if top is None:
        return False
    if minimum and (cuda_key(minimum) is None or cuda_key(minimum) > top):
        return False
    keys = [cuda_key(v) for v in allowed]
    return not allowed or any(k is not None and k <= top for k in keys)


def _level(gpu, cloud, count, inp):
    """Stock level index (0 = None) of @gpu on @cloud for @count GPUs;
    None when the type is not offered there at all."""
    base = gpu["_stock"][cloud]
    if base is None:
        return None
    if count not in gpu["_counts"] or not _cuda_ok(gpu, inp):
        return 0
    drop = 0 if count <= 2 else 1 if count <= 4 else 2
    return max(0, LEVELS.index(base) - drop)


def _clouds(secure):
    if secure is True:
        return ["secure"]
    if secure is False:
        return ["community"]
    return ["secure", "community"]


def _best_cloud(gpu, count, inp):
    """(cloud, level) of the best offering cloud, or (None, None)."""
    best = (None, None)
    for cloud in _clouds(inp.get("secureCloud")):
        level = _level(gpu, cloud, count, inp)
        if level is not None and (best[1] is None or level > best[1]):
            best = (cloud, level)
    return best


def lowest_price(gpu, inp):
    """The LowestPrice answer for GpuLowestPriceInput @inp, or None."""
    if gpu["id"] == "unknown":
        return None
    count = inp.get("gpuCount") or 1
    cloud, level = _best_cloud(gpu, count, inp)
    answer = {"gpuName": gpu["displayName"], "gpuTypeId": gpu["id"],
              "stockStatus": None, "uninterruptablePrice": None,
              "minimumBidPrice": None, "availableGpuCounts": [],
              "maxGpuCount": gpu["maxGpuCount"], "supportPublicIp": True,
              "countryCode": None, "minMemory": 16 * count,
              "minVcpu": 4 * count}
    if cloud is None:
        return answer
    available = [c for c in gpu["_counts"]
                 if (_level(gpu, cloud, c, inp) or 0) > 0]
    total = 40 + 10 * len(gpu["displayName"])
    rented = total * (4 - level) // 4
    answer.update({
        "stockStatus": LEVELS[level],
        "uninterruptablePrice": gpu[cloud + "Price"],
        "minimumBidPrice": gpu[cloud + "SpotPrice"],
        "availableGpuCounts": available,
        "maxUnreservedGpuCount": max(available) if available else 0,
        "totalCount": total, "rentedCount": rented,
        "rentalPercentage": round(rented / total, 3),
        "gpuTypeDatacenters": [
            {"dataCenterId": dc["id"], "supportNetworkVolumes": True,
             "availability": "AVAILABLE" if level else "UNAVAILABLE"}
            for dc in DATA_CENTERS[:3]],
        "gpuTypeCudaVersions": [
            {"cudaVersion": v, "availability":
             "AVAILABLE" if gpu["_max_cuda"] and
             cuda_key(v) <= cuda_key(gpu["_max_cuda"]) else "UNAVAILABLE"}
            for v in CUDA_VERSIONS],
    })
    answer["_cloud"] = cloud
    return answer


def public(gpu):
    """@gpu without the simulator's private keys."""
    return {k: v for k, v in gpu.items() if not k.startswith("_")}


def location_for(seed):
    return DATA_CENTERS[sum(map(ord, seed)) % len(DATA_CENTERS)]["id"]
