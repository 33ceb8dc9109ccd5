#!/usr/bin/python3
# runpod-sim.py
#
# Copyright 2026 The Gantry authors
# SPDX-License-Identifier: GPL-3.0-or-later

"""A local RunPod: the GraphQL API on 127.0.0.1, for tests and the demo.

    /usr/bin/python3 tests/runpod-sim.py [--port N] [--pods N | --fixture F]

Prints the port it listens on, alone on the first line, then serves until
SIGTERM or SIGINT.  The accepted API key comes from the environment
(RUNPOD_SIM_API_KEY), never from the command line.  Needs Debian's
python3-graphql-core (version 2).

POST /graphql answers as RunPod does (see runpod_sim/); POST /control takes
JSON commands from tests (see runpod_sim/control.py and gantry-test-sim.h).
"""

import argparse
import os
import signal
import sys
import threading

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from runpod_sim import executor, pods  # noqa: E402
from runpod_sim.server import Server, Simulator  # noqa: E402
from runpod_sim.state import State  # noqa: E402

DEFAULT_KEY = "rpa_SIMULATORKEY0000000000000000"
DEMO_FIXTURE = os.path.join(HERE, "fixtures", "demo-pods.json")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0,
                        help="port on 127.0.0.1 (0: any free port)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--pods", type=int, metavar="N",
                        help="N generated pods instead of the demo set")
    source.add_argument("--fixture", metavar="FILE",
                        help="load pods (and account) from a JSON file")
    parser.add_argument("--boot-seconds", type=float, default=4.0,
                        help="delay before a started pod gains a runtime")
    parser.add_argument("--schema",
                        default=os.path.join(HERE, "runpod-schema.graphql"))
    parser.add_argument("--verbose", action="store_true",
                        help="log each request to stderr")
    parser.add_argument("--exit-with-stdin", action="store_true",
                        help="exit when stdin closes (the test that "
                             "started it died)")
    return parser.parse_args(argv)


def state_factory(args):
    def make_state():
        state = State(boot_seconds=args.boot_seconds)
        if args.pods is not None:
            state.load(pods.generate(args.pods))
        else:
            state.load(*pods.load_fixture(args.fixture or DEMO_FIXTURE))
        return state
    return make_state


def _exit(signum, frame):
    raise SystemExit(0)


def _watch_stdin(server):
    """Stops the server at end of file on stdin: a test harness holds the
    other end, and a test that aborts must not leave a server running
    behind it.  It reads the file descriptor, not sys.stdin: a thread
    waiting in a buffered read holds the buffer's lock, and the
    interpreter aborts when it finds it held at exit (after SIGTERM)."""
    fd = sys.stdin.fileno()
    while os.read(fd, 4096):
        pass
    server.shutdown()


def main(argv):
    args = parse_args(argv)
    key = os.environ.get("RUNPOD_SIM_API_KEY") or DEFAULT_KEY
    schema = executor.load_schema(args.schema)
    sim = Simulator(schema, state_factory(args), key, args.verbose)
    server = Server(args.port, sim)
    signal.signal(signal.SIGTERM, _exit)
    signal.signal(signal.SIGINT, _exit)
    if args.exit_with_stdin:
        threading.Thread(target=_watch_stdin, args=(server,),
                         daemon=True).start()
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.25)
    except SystemExit:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
