"""Syncs and publishing while the window is open, unless a headless runner already drives this database.

The scheduler only hands work to the task runner's serial lane; nothing here touches a widget.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from desk.scheduling import DeskScheduler
    from desk.services import DeskServices
    from ui.session import DeskSession

log = logging.getLogger(__name__)


class BackgroundWork:
    """Owns the window's scheduler and the desk services it drives."""

    def __init__(self, session: DeskSession) -> None:
        self.session = session
        self.services: DeskServices | None = None
        self._scheduler: DeskScheduler | None = None
        self._election: AbstractContextManager[None] | None = None

    def start(self) -> None:
        """Start on the network lane (importing the platform SDKs takes a moment); report the outcome."""
        self.session.runner.run_parallel(self._start, on_done=self._started, name="start background work")

    def _submit(self, fn: Callable[[], Any]) -> None:
        try:
            self.session.runner.run_serial(fn, name=getattr(fn, "__qualname__", "background work"))
        except RuntimeError:
            log.info("the window is closing: background work not queued")

    def _start(self) -> bool:
        from connectors.registry import capabilities_for, connector_for
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
        for service in self.services.background():
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
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
        if self.services is not None:
            for service in self.services.background():
                service.stop()
        if self._election is not None:
            self._election.__exit__(None, None, None)
            self._election = None
