#!/usr/bin/python3
# tests/test-sim-exit.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The simulator keeps quiet about clients that give up, and exits cleanly,
# as the C harness runs it (tests/gantry-test-sim.c):
#
#   test-sim-exit.py TESTSDIR
#
# It starts runpod-sim.py with --exit-with-stdin, cancels requests the
# ways Gantry does (a reset while the body is on its way, while the
# answer is delayed, and between two requests on one connection), then
# stops it with SIGTERM, its stdin still open (as the harness does), and
# once more by closing its stdin (as when a test dies). Each time it must
# exit with status 0, count no internal error and write nothing to
# stderr. Prints one line per problem and exits 1 if there is any.

import json
import os
import socket
import struct
import subprocess
import sys
import time
import urllib.request

# Long enough for a cancelled request to be seen through; the simulator
# is quiet however long it is.
SETTLE_S = 1.0
EXIT_DEADLINE_S = 30


def start(tests_dir):
    env = dict(os.environ, RUNPOD_SIM_API_KEY="rpa_EXITTEST000000000000")
    sim = subprocess.Popen(
        ["/usr/bin/python3", os.path.join(tests_dir, "runpod-sim.py"),
         "--exit-with-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env)
    port = int(sim.stdout.readline())
    return sim, port


def control(port, command):
    request = urllib.request.Request(
        "http://127.0.0.1:%d/control" % port,
        json.dumps(command).encode(), {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=EXIT_DEADLINE_S) as reply:
        return json.loads(reply.read())


def reset(connection):
    """Closes @connection with a reset, as a cancelled request does."""
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                          struct.pack("ii", 1, 0))
    connection.close()


def graphql_request(body_bytes=None):
    body = json.dumps({"query": "query { myself { id } }"}).encode()
    head = ("POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Content-Type: application/json\r\n"
            "Authorization: Bearer rpa_EXITTEST000000000000\r\n"
            "Content-Length: %d\r\n\r\n" % len(body)).encode()
    return head + body[:body_bytes]


def cancel_requests(port):
    control(port, {"op": "fault", "kind": "delay", "delay": 0.5,
                   "match": "myself"})
    for request in (graphql_request(5), graphql_request()):
        connection = socket.create_connection(("127.0.0.1", port))
        connection.sendall(request)
        time.sleep(0.1)
        reset(connection)

    connection = socket.create_connection(("127.0.0.1", port))
    connection.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    connection.recv(4096)
    reset(connection)
    time.sleep(SETTLE_S)


def run(tests_dir, how):
    problems = []
    sim, port = start(tests_dir)
    try:
        cancel_requests(port)
        errors = control(port, {"op": "health"})["internal_errors"]
        if errors:
            problems.append("%s: %d internal errors" % (how, errors))
        if how == "SIGTERM":
            sim.terminate()
        else:
            sim.stdin.close()
        sim.wait(timeout=EXIT_DEADLINE_S)
    finally:
        if sim.poll() is None:
            sim.kill()
            sim.wait()
            problems.append("%s: did not exit" % how)

    if sim.returncode != 0:
        problems.append("%s: exit status %d" % (how, sim.returncode))
    stderr = sim.stderr.read().decode("utf-8", "replace")
    if stderr:
        problems.append("%s: wrote to stderr:\n%s" % (how, stderr))
    return problems


def main(argv):
    problems = run(argv[1], "SIGTERM") + run(argv[1], "stdin closed")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
