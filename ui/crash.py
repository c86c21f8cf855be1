"""The crash dialog: a bug becomes a copyable report, and the desk keeps running.

Installed as ``sys.excepthook`` and used by the task runner for any exception that is not an expected
failure. The dialog is non-modal, so a crash in a background callback never freezes the window.
"""

from __future__ import annotations

import logging
import platform
import re
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]

# Anything that looks like a credential is cut out of a report before a person can copy it anywhere.
_SECRET_PATTERNS = (
    re.compile(
        r"(?i)\b(password|passwd|secret|token|access_token|refresh_token|api_key|apikey|client_secret)"
        r"(['\"]?\s*[:=]\s*['\"]?)[^\s'\",)}&]+"
    ),
    re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"),  # JWTs
)


def scrub(text: str) -> str:
    """``text`` with passwords, tokens and JWTs replaced by a marker."""
    text = _SECRET_PATTERNS[0].sub(lambda m: f"{m.group(1)}{m.group(2)}[removed]", text)
    text = _SECRET_PATTERNS[1].sub(lambda m: f"{m.group(1)} [removed]", text)
    return _SECRET_PATTERNS[2].sub("[removed token]", text)


def _versions() -> list[str]:
    from importlib import metadata

    import PySide6
    from PySide6.QtCore import qVersion

    lines = []
    try:
        lines.append(f"Beat Desk {metadata.version('beat-desk')}")
    except metadata.PackageNotFoundError:
        lines.append("Beat Desk (not installed)")
    lines.append(f"Python {platform.python_version()} ({platform.python_implementation()})")
    lines.append(f"PySide6 {PySide6.__version__}, Qt {qVersion()}")
    lines.append(f"Platform {platform.platform()} ({platform.machine()})")
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        lines.append(f"Qt platform plugin {QGuiApplication.platformName()}")
    return lines


def build_report(exc_info: ExcInfo, where: str = "") -> str:
    """A plain-text crash report: what happened, where, versions and platform; secrets removed."""
    exc_type, exc, tb = exc_info
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")  # wall time of the crash, not desk time
    parts = [f"Beat Desk crash report, {stamp}"]
    if where:
        parts.append(f"While: {where}")
    parts.append("")
    parts.extend(_versions())
    parts.append("")
    parts.append("".join(traceback.format_exception(exc_type, exc, tb)).rstrip())
    return scrub("\n".join(parts))


class CrashDialog(QDialog):
    """Shows a crash report that can be copied; the desk keeps running behind it."""

    def __init__(self, report: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Beat Desk ran into a bug"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report = report
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Something went wrong inside Beat Desk. Your work is saved and the desk keeps running. "
                "Please copy this report and send it to your administrator. It holds no passwords or tokens."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.text = QPlainTextEdit(report, self)
        self.text.setReadOnly(True)
        self.text.setObjectName("crashReport")
        self.text.setMinimumSize(640, 320)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Copy report"), self)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        """Put the report on the clipboard."""
        clipboard = QGuiApplication.clipboard()
        clipboard.setText(self.report)


#: Open crash dialogs (kept referenced so that they stay alive while shown).
open_dialogs: list[CrashDialog] = []

#: Who shows a crash report. Tests may replace it; the default opens a non-modal :class:`CrashDialog`.
CrashHook = Callable[[str], None]


def show_crash_dialog(report: str) -> None:
    """Open a non-modal crash dialog for ``report``."""
    app = QCoreApplication.instance()
    if app is None:
        sys.stderr.write(report + "\n")
        return
    dialog = CrashDialog(report)
    open_dialogs.append(dialog)
    dialog.destroyed.connect(lambda *_: open_dialogs.remove(dialog) if dialog in open_dialogs else None)
    dialog.show()
    dialog.raise_()


crash_hook: CrashHook = show_crash_dialog


def report_crash(exc_info: ExcInfo, where: str = "") -> str:
    """Log a bug and hand its report to :data:`crash_hook`; returns the report."""
    report = build_report(exc_info, where)
    log.error("crash: %s", report)
    try:
        crash_hook(report)
    except Exception:  # a broken crash dialog must not crash the crash path
        sys.stderr.write(report + "\n")
    return report


def _excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    report_crash((exc_type, exc, tb), "an event in the window")


def install_excepthook() -> None:
    """Route uncaught exceptions (in Qt slots, timers, callbacks) to the crash dialog."""
    sys.excepthook = _excepthook
