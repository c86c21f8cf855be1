"""Syncs and publishing while the window is open, unless a headless runner already drives this database.

By default the work runs in a child process (``ui/runner_process.py``): the same headless runner ``desk run``
is, started and stopped with the window, restarted if it dies, so its Python never competes with the
window's thread. When no child can be started (or ``DESK_BACKGROUND_IN_PROCESS`` is set) the scheduler runs
here and only hands work to the task runner's serial lane; nothing here touches a widget.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk.accounts import AccountHealth, account_health

if TYPE_CHECKING:
    from desk.scheduling import DeskScheduler
    from desk.services import DeskServices
    from ui.runner_process import RunnerProcess
    from ui.session import DeskSession

log = logging.getLogger(__name__)

STATUS_POLL_MS = 10_000
# A child runner that dies is restarted after these many seconds (then the last, each time)…
RESTART_BACKOFF_S = (2, 5, 15, 30, 60)
# …and after this many restarts in a row the window runs the work itself.
MAX_RESTARTS = 5
# A child that has run this long (seconds) counts as healthy again.
HEALTHY_S = 300.0


class BackgroundWork:
    """Owns the window's scheduler and the desk services it drives."""

    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self.services: DeskServices | None = None
        self._scheduler: DeskScheduler | None = None
        self._election: AbstractContextManager[None] | None = None
        self._status_timer: Any = None
        self._running: list[Any] = []
        self.child: RunnerProcess | None = None
        self._restarts = 0
        self._child_since = 0.0
        self._stopping = False

    def start(self) -> None:
        """Start the child runner, or the work in this process when no child can start; report the outcome."""
        from PySide6.QtCore import QTimer

        from ui.runner_process import in_process_wanted

        if in_process_wanted() or not self._spawn():
            self._start_here()
        self._status_timer = QTimer(self.session.window)
        self._status_timer.setInterval(STATUS_POLL_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self.refresh_status()

    def _start_here(self) -> None:
        """The work in this process, on the network lane (importing the platform SDKs takes a moment)."""
        self.session.runner.run_parallel(self._start, on_done=self._started, name="start background work")

    def _spawn(self) -> bool:
        from ui.runner_process import RunnerProcess

        try:
            self.child = RunnerProcess(self.session.ctx).start()
            self._child_since = time.monotonic()
        except OSError as exc:
            log.warning("the background runner could not start (%s): the window runs the work itself", exc)
            self.child = None
            return False
        return True

    def check_child(self) -> None:
        """Notice a child runner that stopped: follow another runner, restart it, or take the work over."""
        from PySide6.QtCore import QTimer

        from ui.runner_process import BUSY_EXIT

        child = self.child
        if child is None or self._stopping:
            return
        code = child.exit_code()
        if code is None:
            if time.monotonic() - self._child_since > HEALTHY_S:
                self._restarts = 0  # it has run well for a while: a later stop starts the backoff afresh
            return
        child.stop(timeout=1)
        self.child = None
        if code == BUSY_EXIT:
            self._started(False)  # another runner drives this database: follow it
            return
        bridge = self.session.bridge
        if self._restarts >= MAX_RESTARTS:
            bridge.warning(
                QCoreApplication.translate(
                    "Background",
                    "The background process keeps stopping (see {log}): this window now syncs and publishes itself.",
                ).format(log=str(child.log_path))
            )
            self._start_here()
            return
        wait = RESTART_BACKOFF_S[min(self._restarts, len(RESTART_BACKOFF_S) - 1)]
        self._restarts += 1
        bridge.warning(
            QCoreApplication.translate(
                "Background", "The background process stopped (exit code {code}); restarting it in {s} s."
            ).format(code=code, s=wait)
        )
        QTimer.singleShot(wait * 1000, self._respawn)

    def _respawn(self) -> None:
        if not self._stopping and self.child is None and not self._spawn():
            self._start_here()

    def refresh_status(self) -> None:
        """Read account states and posting budgets on the serial lane; show them in the status bar."""
        self.check_child()
        try:
            self.session.runner.run_serial(
                account_health, self.session.ctx, on_done=self._show_status, name="status bar"
            )
        except RuntimeError:
            return

    def _show_status(self, health: AccountHealth) -> None:
        from ui.main_window import ConnectionState

        window = self.session.window
        if health.total == 0:
            window.set_connection_state(ConnectionState.UNKNOWN)
        elif health.trouble:
            detail = "; ".join(health.trouble)
            state = ConnectionState.OFFLINE if len(health.trouble) >= health.total else ConnectionState.DEGRADED
            window.set_connection_state(state, detail)
        else:
            window.set_connection_state(
                ConnectionState.ONLINE,
                QCoreApplication.translate("Background", "{n} accounts connected").format(n=health.total),
            )
        if health.exhausted:
            window.set_rate_limit_state("exhausted", detail="; ".join(health.exhausted))
        elif health.low:
            window.set_rate_limit_state("low", detail="; ".join(health.low))
        else:
            window.set_rate_limit_state("ok")

    def _submit(self, fn: Callable[[], Any]) -> None:
        try:
            self.session.runner.run_serial(fn, name=getattr(fn, "__qualname__", "background work"))
        except RuntimeError:
            log.info("the window is closing: background work not queued")

    def _start(self) -> bool:
        from connectors.registry import capabilities_for, connector_for
        from desk.auth import system_identity
        from desk.runner import RunnerBusy, runner_election
        from desk.scheduling import DeskScheduler
        from desk.services import build_services, connector_builder

        ctx = self.session.ctx
        election = runner_election(ctx)
        try:
            election.__enter__()
        except RunnerBusy:
            return False
        self._election = election
        self.services = build_services(ctx, connector_builder(ctx, connector_for), capabilities_for)
        scheduler = DeskScheduler(ctx.clock)
        self._running = self.services.background(system_identity(ctx.workstation))
        for service in self._running:
            service.schedule(scheduler, self._submit)
        scheduler.start()
        self._scheduler = scheduler
        return True

    def _started(self, driving: bool) -> None:
        if driving:
            self.session.bridge.info(
                QCoreApplication.translate("Background", "This desk syncs the inbox and publishes scheduled posts.")
            )
        else:
            self.session.bridge.info(
                QCoreApplication.translate(
                    "Background", "A headless runner drives syncs and publishing for this database; this desk follows."
                )
            )

    def stop(self) -> None:
        """Stop the child runner, or the scheduler and the runner lock held here."""
        self._stopping = True
        if self._status_timer is not None:
            self._status_timer.stop()
        if self.child is not None:
            self.child.stop()
            self.child = None
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        for service in self._running:
            service.stop()
        self._running = []
        if self._election is not None:
            self._election.__exit__(None, None, None)
            self._election = None
