"""Syncs and publishing while the window is open, unless a headless runner already drives this database.

The scheduler only hands work to the task runner's serial lane; nothing here touches a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from desk.accounts import AccountHealth, account_health

if TYPE_CHECKING:
    from desk.scheduling import DeskScheduler
    from desk.services import DeskServices
    from ui.session import DeskSession

log = logging.getLogger(__name__)

STATUS_POLL_MS = 10_000


class BackgroundWork:
    """Owns the window's scheduler and the desk services it drives."""

    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self.services: DeskServices | None = None
        self._scheduler: DeskScheduler | None = None
        self._election: AbstractContextManager[None] | None = None
        self._status_timer: Any = None
        self._running: list[Any] = []

    def start(self) -> None:
        """Start on the network lane (importing the platform SDKs takes a moment); report the outcome."""
        from PySide6.QtCore import QTimer

        self.session.runner.run_parallel(self._start, on_done=self._started, name="start background work")
        self._status_timer = QTimer(self.session.window)
        self._status_timer.setInterval(STATUS_POLL_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self.refresh_status()

    def refresh_status(self) -> None:
        """Read account states and posting budgets on the serial lane; show them in the status bar."""
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
        """Stop the scheduler and release the runner lock."""
        if self._status_timer is not None:
            self._status_timer.stop()
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        for service in self._running:
            service.stop()
        self._running = []
        if self._election is not None:
            self._election.__exit__(None, None, None)
            self._election = None
