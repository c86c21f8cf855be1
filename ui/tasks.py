"""The one way to run background work from the window.

Two lanes: a serial lane (one worker thread) for database writes, so they never contend with each other,
and a parallel lane (a thread pool) for network calls. Results come back to the GUI thread through a Qt
signal; worker code never touches a widget. Expected failures (:class:`desk.errors.DeskError`,
:class:`desk.ports.ConnectorError`) reach the officer through the message bridge; anything else is a bug
and opens the crash dialog. Either way the desk keeps running.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui import crash
from ui.messages import MessageBridge

log = logging.getLogger(__name__)

DoneCallback = Callable[[Any], None]
#: Gets the exception; returning True means "handled, tell nobody else".
ErrorCallback = Callable[[BaseException], bool | None]


@dataclass
class _Outcome:
    name: str
    ok: bool
    value: Any
    error: BaseException | None
    on_done: DoneCallback | None
    on_error: ErrorCallback | None


class TaskRunner(QObject):
    """Runs work off the GUI thread and delivers each outcome back on it."""

    _delivered = Signal(object)  # _Outcome, emitted from a worker, received in the GUI thread
    finished = Signal(str, bool)  # task name, succeeded (for status displays and tests)

    def __init__(self, bridge: MessageBridge, parallel_workers: int = 4, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self._serial = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-serial")
        self._parallel = ThreadPoolExecutor(max_workers=parallel_workers, thread_name_prefix="desk-net")
        self._pending = 0
        self._closed = False
        self._delivered.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Tasks submitted whose outcome has not been delivered yet."""
        return self._pending

    def run_serial(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
        name: str = "",
    ) -> Future[Any]:
        """Run ``fn(*args)`` on the database lane, one task after another."""
        return self._submit(self._serial, fn, args, on_done, on_error, name)

    def run_parallel(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: DoneCallback | None = None,
        on_error: ErrorCallback | None = None,
        name: str = "",
    ) -> Future[Any]:
        """Run ``fn(*args)`` on the network lane, beside other network calls."""
        return self._submit(self._parallel, fn, args, on_done, on_error, name)

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        on_done: DoneCallback | None,
        on_error: ErrorCallback | None,
        name: str,
    ) -> Future[Any]:
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        label = name or getattr(fn, "__qualname__", repr(fn))
        self._pending += 1

        def work() -> Any:
            try:
                value = fn(*args)
            except BaseException as exc:  # every failure goes back to the GUI thread, bugs included
                self._delivered.emit(_Outcome(label, False, None, exc, on_done, on_error))
                raise
            self._delivered.emit(_Outcome(label, True, value, None, on_done, on_error))
            return value

        return pool.submit(work)

    def _deliver(self, outcome: _Outcome) -> None:
        self._pending -= 1
        try:
            if outcome.ok:
                if outcome.on_done is not None:
                    outcome.on_done(outcome.value)
            else:
                assert outcome.error is not None
                self.handle_error(outcome.error, outcome.name, outcome.on_error)
        except Exception as exc:  # a bug in a result callback is still only a bug
            self.handle_error(exc, f"{outcome.name} (result)", None)
        self.finished.emit(outcome.name, outcome.ok)

    def handle_error(self, exc: BaseException, where: str, on_error: ErrorCallback | None = None) -> None:
        """Give ``exc`` to ``on_error`` first; then expected failures to the bridge, bugs to the crash dialog."""
        if on_error is not None:
            try:
                if on_error(exc):
                    return
            except Exception:
                crash.report_crash(sys.exc_info(), f"{where} (error handler)")  # type: ignore[arg-type]
        if self.bridge.failure(exc):
            log.info("task %s failed as expected: %s", where, exc)
            return
        crash.report_crash((type(exc), exc, exc.__traceback__), where)

    def shutdown(self, wait: bool = True) -> None:
        """Stop taking work; with ``wait``, finish what is running."""
        self._closed = True
        self._serial.shutdown(wait=wait, cancel_futures=not wait)
        self._parallel.shutdown(wait=wait, cancel_futures=not wait)
