# runpod_sim/faults.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""Faults injected into the answers of /graphql.

A fault is a dict {"kind": ..., "count": N, "match": "text", ...}: it
applies to the next N requests (-1: until cleared) whose query text
contains "match" (any request when absent).  The first fault that matches a
request is used, and only that one.
"""

import threading

# The keys each kind takes, beyond kind, count, match and delay (seconds to
# wait before answering; any kind may have it).
KINDS = {
    "http": ("status", "body", "content_type", "headers"),
    "truncate": (),
    "graphql_error": ("message", "path", "code"),
    "delay": (),
    "apply_then_error": ("message", "path", "code"),
    "wrong_shape": ("shape",),
}

SHAPES = ("number_as_string", "string_as_number", "list_as_object",
          "object_as_list", "null_leaves", "missing_data", "data_not_object",
          "not_json")

GENERIC_ERROR = ("Something went wrong. Please try again later or contact "
                 "support.")


def _checked(spec):
    """The fault that the control command @spec describes, with defaults;
    ValueError with a helpful message for any key it does not take."""
    fault = {k: v for k, v in spec.items() if k != "op"}
    if fault.get("kind") not in KINDS:
        raise ValueError("unknown fault kind %r; one of %s"
                         % (fault.get("kind"), ", ".join(KINDS)))
    known = ("kind", "count", "match", "delay") + KINDS[fault["kind"]]
    unknown = sorted(set(fault) - set(known))
    if unknown:
        raise ValueError("fault %s takes no %s; it takes %s"
                         % (fault["kind"], ", ".join(unknown),
                            ", ".join(known)))
    if fault["kind"] == "delay" and "delay" not in fault:
        raise ValueError("a delay fault needs \"delay\" (seconds)")
    if fault["kind"] == "wrong_shape":
        fault.setdefault("shape", "number_as_string")
        if fault["shape"] not in SHAPES:
            raise ValueError("unknown shape %r; one of %s"
                             % (fault["shape"], ", ".join(SHAPES)))
    fault.setdefault("count", 1)
    if not isinstance(fault["count"], int) or fault["count"] < -1 \
       or fault["count"] == 0:
        raise ValueError("count must be a positive integer or -1")
    return fault


class Faults:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = []

    def add(self, spec):
        fault = _checked(spec)
        with self._lock:
            self._items.append(fault)
        return fault

    def take(self, query_text):
        """The fault for a request with @query_text, used up by one."""
        with self._lock:
            for fault in self._items:
                match = fault.get("match")
                if match and match not in (query_text or ""):
                    continue
                if fault["count"] > 0:
                    fault["count"] -= 1
                    if fault["count"] == 0:
                        self._items.remove(fault)
                return dict(fault)
        return None

    def clear(self):
        with self._lock:
            self._items = []

    def list(self):
        with self._lock:
            return [dict(f) for f in self._items]


def error_answer(fault, keys, default_message=GENERIC_ERROR):
    """An HTTP 200 GraphQL answer whose every top-level field is null."""
    error = {"message": fault.get("message", default_message),
             "extensions": {"code": fault.get("code",
                                              "INTERNAL_SERVER_ERROR")}}
    path = fault.get("path", keys[:1])
    if path:
        error["path"] = path
    return {"data": {key: None for key in keys}, "errors": [error]}


def _mangle(value, shape):
    if isinstance(value, dict):
        if shape == "object_as_list":
            return [_mangle(v, shape) for v in value.values()]
        return {k: _mangle(v, shape) for k, v in value.items()}
    if isinstance(value, list):
        if shape == "list_as_object":
            return {str(i): _mangle(v, shape) for i, v in enumerate(value)}
        return [_mangle(v, shape) for v in value]
    if shape == "null_leaves":
        return None
    if shape == "number_as_string" and isinstance(value, (int, float)) \
       and not isinstance(value, bool):
        return str(value)
    if shape == "string_as_number" and isinstance(value, str):
        return 42
    return value


def wrong_shape(answer, shape):
    """@answer with its data bent out of the schema's shape.  Returns the
    new answer (a JSON value), or bytes for "not_json"."""
    if shape == "missing_data":
        return {k: v for k, v in answer.items() if k != "data"}
    if shape == "data_not_object":
        return dict(answer, data="data")
    if shape == "not_json":
        return b"<html><body>Bad gateway</body></html>"
    data = answer.get("data")
    if isinstance(data, dict):
        # Bend what is inside each top-level field, not the field map.
        data = {k: _mangle(v, shape) for k, v in data.items()}
    return dict(answer, data=data)
