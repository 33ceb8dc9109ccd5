# runpod_sim/server.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""HTTP front: POST /graphql as RunPod answers it, POST /control for tests.
"""

import json
import sys
import threading
import time
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from . import control, executor, faults as faultlib
from .state import Context

JSON_TYPE = "application/json; charset=utf-8"


class Simulator:
    """Everything the handlers share."""

    def __init__(self, schema, make_state, api_key, verbose=False):
        self.schema = schema
        self.make_state = make_state
        self.initial_key = api_key
        self.verbose = verbose
        self.lock = threading.RLock()
        self.faults = faultlib.Faults()
        self.internal_errors = 0
        self.reset()

    def reset(self):
        with self.lock:
            self.state = self.make_state()
            self.resolvers = self.state.resolvers()
            self.resolvers.update(self.state.unsupported_mutations(
                self.schema))
            self.api_key = self.initial_key
            self.requests = []
            self.faults.clear()

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)

    def run(self, document, operation, variables, authenticated):
        with self.lock:
            ctx = Context(self.state, authenticated)
            self.state.tick(ctx.now)
            run = executor.Execution(self.schema, document, operation,
                                     variables, self.resolvers, ctx)
            data, errors = run.run()
        answer = {"data": data}
        if errors:
            answer["errors"] = errors
        return answer


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "RunPodSim/1.0"

    @property
    def sim(self):
        return self.server.sim

    def log_message(self, fmt, *args):
        if self.sim.verbose:
            sys.stderr.write("runpod-sim: " + (fmt % args) + "\n")

    def _send(self, status, body, content_type=JSON_TYPE, headers=None):
        if not isinstance(body, bytes):
            body = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, str(value))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except ConnectionError:
            # The client gave up (a timeout test); nothing to tell.
            self.close_connection = True

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def do_GET(self):
        if urlsplit(self.path).path == "/graphql":
            entry = self._new_entry(b"")
            entry["status"] = 405
            self.sim.record(entry)
            self._send(405, b"Method Not Allowed", "text/plain",
                       {"Allow": "POST"})
        elif self.path == "/health":
            self._send(200, {"ok": True})
        else:
            self._send(404, b"Not Found", "text/plain")

    def do_POST(self):
        path = urlsplit(self.path).path
        try:
            if path == "/graphql":
                self._graphql()
            elif path == "/control":
                status, answer = control.dispatch(self.sim,
                                                  self._read_body())
                self._send(status, answer)
            else:
                self._send(404, b"Not Found", "text/plain")
        except ConnectionError:
            # The client went away while sending: its choice, not a bug.
            self.close_connection = True
        except Exception:
            # A bug here, not a RunPod behaviour: say so loudly; the test
            # harness fails the test when it sees the count.
            self.sim.internal_errors += 1
            traceback.print_exc()
            self._send(500, b"runpod-sim internal error", "text/plain")

    # ---------------------------------------------------------- graphql --

    def _new_entry(self, raw):
        query = parse_qs(urlsplit(self.path).query)
        entry = {"time": time.time(), "method": self.command,
                 "path": self.path,
                 "headers": {k.lower(): v for k, v in self.headers.items()},
                 "api_key_in_url": "api_key" in query,
                 "body": None, "query": None, "variables": None,
                 "operationName": None, "status": None,
                 "client_port": self.client_address[1]}
        try:
            body = json.loads(raw.decode("utf-8")) if raw else None
        except (UnicodeDecodeError, ValueError):
            entry["raw_body"] = raw.decode("utf-8", "replace")
            return entry
        entry["body"] = body
        if isinstance(body, dict):
            for key in ("query", "variables", "operationName"):
                entry[key] = body.get(key)
        return entry

    def _graphql(self):
        raw = self._read_body()
        entry = self._new_entry(raw)
        entry["request_bytes"] = len(raw)
        self.sim.record(entry)
        fault = self.sim.faults.take(entry["query"])
        if fault and fault.get("delay"):
            time.sleep(float(fault["delay"]))
        status, body, ctype, headers = self._answer(entry, fault)
        if fault and fault["kind"] == "truncate":
            body = body[:len(body) // 2]
        entry["status"] = status
        entry["response_bytes"] = len(body)
        self._send(status, body, ctype, headers)

    def _answer(self, entry, fault):
        """(status, body bytes, content type, headers) for a request."""
        kind = fault["kind"] if fault else None
        if kind == "http":
            return self._http_fault(fault)
        auth = self.headers.get("Authorization")
        if auth is not None and auth != "Bearer " + self.sim.api_key:
            return 401, b"Unauthorized", "text/plain; charset=utf-8", None
        ctype = (self.headers.get("Content-Type") or "").split(";")[0]
        if ctype.strip().lower() != "application/json":
            return self._json(400, {"errors": [
                {"message": "POST body missing, invalid Content-Type, or "
                            "JSON object has no keys."}]})
        if entry["body"] is None:
            return self._json(400, {"errors": [
                {"message": "POST body sent invalid JSON."}]})
        try:
            document, operation, variables = executor.prepare(
                self.sim.schema, entry["body"])
        except executor.BadRequest as e:
            return self._json(400, {"errors": e.errors})
        keys = executor.root_field_keys(operation)
        if kind == "graphql_error":
            return self._json(200, faultlib.error_answer(fault, keys))
        answer = self.sim.run(document, operation, variables,
                              authenticated=auth is not None)
        if kind == "apply_then_error":
            answer = faultlib.error_answer(fault, keys)
        elif kind == "wrong_shape":
            answer = faultlib.wrong_shape(answer, fault["shape"])
        return self._json(200, answer)

    @staticmethod
    def _json(status, answer):
        if isinstance(answer, bytes):
            return status, answer, JSON_TYPE, None
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        return status, body, JSON_TYPE, None

    @staticmethod
    def _http_fault(fault):
        status = int(fault.get("status", 500))
        body = fault.get("body")
        if body is None:
            body = ("<html><head><title>%d</title></head><body><center><h1>"
                    "%d</h1></center><hr><center>cloudflare</center>"
                    "</body></html>" % (status, status))
        if not isinstance(body, str):
            body = json.dumps(body)
        ctype = fault.get("content_type", "text/html; charset=utf-8")
        return status, body.encode("utf-8"), ctype, fault.get("headers")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port, sim):
        self.sim = sim
        super().__init__(("127.0.0.1", port), Handler)

    def handle_error(self, request, client_address):
        # A client that cancels resets its connection, sometimes between
        # two requests on it; only other errors deserve a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)
