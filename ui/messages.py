"""The message bridge: the one path from any code (any thread) to the officer's eyes.

Deep code never opens a dialog. It posts a :class:`Notice` here; the main window shows it in the status
bar and as a toast in the window corner, and the tray raises a desktop notification when one is available.
"""

from __future__ import annotations

import enum
import logging
import sys
from collections import deque
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QLabel, QSystemTrayIcon, QVBoxLayout, QWidget

from desk.errors import DeskError, Message
from ui.i18n import translate_message

log = logging.getLogger(__name__)


class Level(enum.StrEnum):
    """How much a notice matters."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Notice:
    """One thing to tell the officer, already in the interface language."""

    level: Level
    text: str
    code: str = ""


def message_for(exc: BaseException) -> Message | None:
    """The desk message of an expected failure, or None for a bug."""
    if isinstance(exc, DeskError):
        return exc.message
    # A connector error can only exist once desk.ports is loaded; the window does not load it before its first
    # paint (about 20 ms), so it is imported here only when it already is.
    if "desk.ports" not in sys.modules:
        return None
    from desk.ports import ConnectorError

    if isinstance(exc, ConnectorError):
        platform = f"{exc.platform.value}: " if exc.platform is not None else ""
        return Message(exc.code, platform + exc.message, {"detail": platform + exc.message})
    return None


def is_expected(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure the officer can act on (not a bug)."""
    return message_for(exc) is not None


class MessageBridge(QObject):
    """Posts notices from any thread; receivers in the GUI thread get them through ``posted``."""

    posted = Signal(object)  # Notice

    def __init__(self, parent: QObject | None = None, history: int = 200) -> None:
        super().__init__(parent)
        self.history: deque[Notice] = deque(maxlen=history)
        self.posted.connect(self.history.append)

    def post(self, level: Level, text: str, code: str = "") -> None:
        """Tell the officer ``text`` (already translated)."""
        notice = Notice(level, text, code)
        # Logged for the record at INFO: the officer has been told; a warning in the log is for bugs.
        log.info("%s %s %s", level.value, code, text)
        self.posted.emit(notice)

    def info(self, text: str) -> None:
        """A neutral note."""
        self.post(Level.INFO, text)

    def warning(self, text: str) -> None:
        """Something needs attention soon."""
        self.post(Level.WARNING, text)

    def error(self, text: str) -> None:
        """Something failed; the text says what to do next."""
        self.post(Level.ERROR, text)

    def message(self, message: Message, level: Level = Level.INFO) -> None:
        """A message from the desk, translated by code."""
        self.post(level, translate_message(message), message.code)

    def failure(self, exc: BaseException) -> bool:
        """Report an expected failure; returns False (and posts nothing) when ``exc`` is a bug."""
        message = message_for(exc)
        if message is None:
            return False
        self.post(Level.ERROR, translate_message(message), message.code)
        return True


class Toast(QFrame):
    """One notice in the window corner; it fades away on its own."""

    def __init__(self, notice: Notice, parent: QWidget, timeout_ms: int) -> None:
        super().__init__(parent)
        self.notice = notice
        self.setObjectName("toast")
        self.setProperty("level", notice.level.value)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        self.label = QLabel(notice.text, self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label)
        self.setMaximumWidth(420)
        QTimer.singleShot(timeout_ms, self.close)

    def mousePressEvent(self, event: object) -> None:
        """A click dismisses the toast."""
        self.close()


class ToastArea(QWidget):
    """A transparent column in the bottom-right corner of ``host`` that stacks toasts, newest lowest."""

    MAX_VISIBLE = 4
    SPACING = 6
    MARGIN = 16

    def __init__(self, host: QWidget, timeout_ms: int = 6000) -> None:
        super().__init__(host)
        self.setObjectName("toastArea")
        self.host = host
        self.timeout_ms = timeout_ms
        self._order: list[Toast] = []
        host.installEventFilter(self)
        self.hide()

    def toasts(self) -> list[Toast]:
        """The toasts currently shown, oldest first."""
        self._order = [t for t in self._order if _alive(t) and not t.isHidden()]
        return list(self._order)

    def show_notice(self, notice: Notice) -> None:
        """Add a toast for ``notice``."""
        toast = Toast(notice, self, self.timeout_ms)
        toast.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        toast.destroyed.connect(self._reposition)
        toast.show()
        self._order.append(toast)
        visible = self.toasts()
        for old in visible[: max(0, len(visible) - self.MAX_VISIBLE)]:
            old.close()
        self.show()
        self.raise_()
        self._reposition()

    def _reposition(self) -> None:
        toasts = self.toasts()
        if not toasts:
            self.hide()
            return
        # Each toast's height follows its wrapped text at the chosen width.
        width = min(420, max(240, self.host.width() // 3))
        heights = []
        for toast in toasts:
            box = toast.layout()
            margins = box.contentsMargins() if box is not None else None
            horizontal = (margins.left() + margins.right()) if margins is not None else 24
            vertical = (margins.top() + margins.bottom()) if margins is not None else 16
            heights.append(toast.label.heightForWidth(width - horizontal - 6) + vertical + 2)
        total = sum(heights) + self.SPACING * (len(toasts) - 1)
        self.setGeometry(
            self.host.width() - width - self.MARGIN, self.host.height() - total - self.MARGIN - 28, width, total
        )
        y = 0
        for toast, height in zip(toasts, heights, strict=True):
            toast.setGeometry(0, y, width, height)
            y += height + self.SPACING

    def eventFilter(self, watched: QObject, event: object) -> bool:
        """Follow the host's size."""
        from PySide6.QtCore import QEvent

        if watched is self.host and isinstance(event, QEvent) and event.type() == QEvent.Type.Resize:
            self._reposition()
        return False


def _alive(widget: QWidget) -> bool:
    try:
        widget.objectName()
    except RuntimeError:  # deleted on the C++ side
        return False
    return True


class TrayNotifier(QObject):
    """Desktop notifications for warnings and errors while the window is not in front."""

    def __init__(self, icon: QIcon, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(icon, self)
            self.tray.setToolTip(self.tr("Beat Desk"))
            self.tray.show()

    def notify(self, notice: Notice, window_active: bool) -> None:
        """Raise a desktop notification unless the officer is already looking at the window."""
        if self.tray is None or window_active or notice.level is Level.INFO:
            return
        icon = (
            QSystemTrayIcon.MessageIcon.Critical if notice.level is Level.ERROR else QSystemTrayIcon.MessageIcon.Warning
        )
        self.tray.showMessage(self.tr("Beat Desk"), notice.text, icon, 8000)
