"""The window's background work in a child process: ``desk run --follow-parent``.

Syncs, publishing and tweetathons are Python work. Run in a thread of the window's process they take turns
with the window's own thread on the interpreter, and every repaint of the inbox list waits for its turn
(measured: gaps of 78–122 ms in the GUI thread during a 10,000-item sync, against 41–48 ms with the work
in a child). So the window starts the same headless runner ``desk run`` is, as a child: it opens the same
database, wins the runner election, and the window follows it as it would follow any headless runner (its
screens read what changed from the database).

The child reads nothing from the window but the end of its stdin: when the window closes the pipe, or dies
(the operating system closes it), the child stops. Credentials reach it the way they reach ``desk run``
(the keyring, or the demo's file); the database URL and the shared clock go in its environment, never on
its command line. Its output goes to ``runner.log`` in the data directory.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

from desk.clock import CLOCK_ENV, clock_to_env
from desk.context import DeskContext
from desk.storage.engine import DATA_DIR_ENV, DATABASE_URL_ENV

log = logging.getLogger(__name__)

#: Set to run the background work in the window's own process (tests, or a machine that cannot start one).
IN_PROCESS_ENV = "DESK_BACKGROUND_IN_PROCESS"
#: ``desk run``'s exit code when another runner already drives the database.
BUSY_EXIT = 3
LOG_NAME = "runner.log"


def in_process_wanted() -> bool:
    """Whether the background work must stay in the window's process."""
    return os.environ.get(IN_PROCESS_ENV, "") not in ("", "0")


def runner_command(demo: bool) -> list[str]:
    """The command that starts the child runner (the packaged app is its own ``desk``)."""
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desk"]
    return [*base, "run", "--follow-parent", *(["--demo"] if demo else [])]


def runner_environment(ctx: DeskContext) -> dict[str, str]:
    """The window's environment, plus where the desk's database and data are and the clock it runs on."""
    env = dict(os.environ)
    env[DATA_DIR_ENV] = str(ctx.data_dir)
    if ctx.demo:
        env.pop(DATABASE_URL_ENV, None)  # the demo has its own database in the data directory
    else:
        env[DATABASE_URL_ENV] = ctx.engine.url.render_as_string(hide_password=False)
    try:
        env[CLOCK_ENV] = clock_to_env(ctx.clock)
    except TypeError:
        env.pop(CLOCK_ENV, None)
    env.pop(IN_PROCESS_ENV, None)
    return env


class RunnerProcess:
    """One child runner: start it, ask whether it still runs, stop it."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.log_path = Path(ctx.data_dir) / LOG_NAME
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def start(self) -> RunnerProcess:
        """Start the child (raises OSError when it cannot be started)."""
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("ab")
        try:
            self._proc = subprocess.Popen(  # our own interpreter and module, no shell
                runner_command(self.ctx.demo),
                stdin=subprocess.PIPE,
                stdout=self._log,
                stderr=subprocess.STDOUT,
                env=runner_environment(self.ctx),
                close_fds=True,
            )
        except OSError:
            self._log.close()
            self._log = None
            raise
        log.info("background runner started as process %s", self._proc.pid)
        return self

    @property
    def pid(self) -> int | None:
        """The child's process id while it was started."""
        return self._proc.pid if self._proc is not None else None

    def exit_code(self) -> int | None:
        """None while the child runs; its exit code once it stopped."""
        return None if self._proc is None else self._proc.poll()

    def stop(self, timeout: float = 20.0) -> int | None:
        """Close the child's stdin (it stops its scheduler and lets sends in flight finish), then wait;
        terminate it if it does not stop in time. Returns its exit code."""
        proc = self._proc
        if proc is None:
            return None
        stdin: Any = proc.stdin
        if stdin is not None:
            with contextlib.suppress(OSError):
                stdin.close()
        try:
            code = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("the background runner did not stop in %s s: terminating it", timeout)
            proc.terminate()
            try:
                code = proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                code = proc.wait(5)
        if self._log is not None:
            self._log.close()
            self._log = None
        return code
