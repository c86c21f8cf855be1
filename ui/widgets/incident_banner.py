"""The critical-incident banner: every desk polls the stop and shows it plainly while it is on."""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from desk.incident import IncidentStop, StopState
from ui.tasks import TaskRunner

POLL_MS = 5000


class IncidentWatcher(QObject):
    """Asks :meth:`IncidentStop.current` every few seconds on the runner; says when the answer changes."""

    changed = Signal(object)  # StopState | None

    def __init__(
        self, runner: TaskRunner, incident: IncidentStop, interval_ms: int = POLL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.incident = incident
        self.state: StopState | None = None
        self._asking = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        """Ask now (one question at a time)."""
        if self._asking:
            return
        self._asking = True
        try:
            self.runner.run_serial(self.incident.current, on_done=self._answer, on_error=self._failed, name="stop poll")
        except RuntimeError:  # the window is closing and the runner takes no more work
            self.timer.stop()

    def _answer(self, state: StopState | None) -> None:
        self._asking = False
        if state != self.state:
            self.state = state
            self.changed.emit(state)

    def _failed(self, _exc: BaseException) -> bool:
        self._asking = False
        return False


_watchers: dict[int, IncidentWatcher] = {}


def watcher_for(runner: TaskRunner, incident: IncidentStop) -> IncidentWatcher:
    """One watcher per runner (one window), shared by every banner."""
    watcher = _watchers.get(id(runner))
    if watcher is None or watcher.runner is not runner:
        watcher = IncidentWatcher(runner, incident, parent=runner)
        key = id(runner)
        _watchers[key] = watcher
        runner.destroyed.connect(lambda _o=None: _watchers.pop(key, None))
        watcher.poll()
    return watcher


def banner_text(state: StopState) -> str:
    """What the banner says."""
    started = state.started_at if state.started_at.tzinfo else state.started_at.replace(tzinfo=UTC)
    text = QCoreApplication.translate(
        "IncidentBanner",
        "CRITICAL-INCIDENT STOP since {since} by {who}: {reason}. {held} post(s) held; no broadcasts go out.",
    ).format(since=started.astimezone().strftime("%H:%M"), who=state.started_by, reason=state.reason, held=state.held)
    if state.stops_replies:
        text += " " + QCoreApplication.translate("IncidentBanner", "Replies to citizens are stopped too.")
    return text


class IncidentBanner(QLabel):
    """A red strip shown only while a stop is on."""

    def __init__(self, watcher: IncidentWatcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("incidentBanner")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet(
            "QLabel#incidentBanner { background: #b42318; color: #ffffff; font-weight: 700; padding: 8px 12px; }"
        )
        self.watcher = watcher
        watcher.changed.connect(self.show_state)
        self.show_state(watcher.state)

    def show_state(self, state: StopState | None) -> None:
        """Show or hide for ``state``."""
        if state is None:
            self.hide()
            return
        self.setText(banner_text(state))
        self.show()
