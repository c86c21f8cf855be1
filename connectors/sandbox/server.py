"""Run the sandbox: in a background thread (tests) or as a child process (demo mode, rehearsals)."""

from __future__ import annotations

import socket
import threading
import time
from types import TracebackType

import uvicorn

from connectors.sandbox.app import create_app
from connectors.sandbox.state import SandboxState
from desk.clock import Clock

HOST = "127.0.0.1"  # the sandbox never listens beyond loopback


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


class SandboxServer:
    """The sandbox served by uvicorn in a daemon thread; a context manager."""

    def __init__(self, port: int = 0, clock: Clock | None = None, *, log_level: str = "warning") -> None:
        self.state = SandboxState(clock)
        self.app = create_app(self.state)
        self.port = port or free_port()
        config = uvicorn.Config(
            self.app,
            host=HOST,
            port=self.port,
            log_level=log_level,
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
        )
        self._server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 10.0) -> SandboxServer:
        """Start serving and wait until the port answers."""
        self._thread = threading.Thread(target=self._server.run, name="sandbox", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError(f"the sandbox did not start on {self.base_url}")
            time.sleep(0.01)
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop serving."""
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
