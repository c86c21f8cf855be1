"""``python -m connectors.sandbox``: serve the sandbox until stopped (demo mode's child process).

Prints ``SANDBOX_READY http://127.0.0.1:PORT`` on one line once it answers. Reads the shared
clock from ``DESK_CLOCK``.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading

from connectors.sandbox.server import SandboxServer
from desk.clock import clock_from_env


def main(argv: list[str] | None = None) -> int:
    """Serve until SIGTERM/SIGINT or until stdin closes (the parent died)."""
    parser = argparse.ArgumentParser(prog="python -m connectors.sandbox", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    parser.add_argument("--watch-stdin", action="store_true", help="exit when standard input closes")
    args = parser.parse_args(argv)
    server = SandboxServer(args.port, clock_from_env()).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.watch_stdin:

        def watch() -> None:
            sys.stdin.read()  # returns when the parent closes the pipe or dies
            stop.set()

        threading.Thread(target=watch, daemon=True).start()
    print(f"SANDBOX_READY {server.base_url}", flush=True)
    stop.wait()
    server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
