"""A text editor that runs the privacy guard as the officer types and marks each hit's exact span."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QColor, QHelpEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ui.i18n import translate_message

GUARD_DELAY_MS = 250


def utf16_offset(text: str, index: int) -> int:
    """Qt positions count UTF-16 units; Python indexes code points. Convert ``index`` into ``text``."""
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def hit_label(hit: Any) -> str:
    """A hit's kind and explanation, for tooltips and lists."""
    kind = str(getattr(hit, "kind", "?")).replace("_", " ")
    try:
        detail = translate_message(hit.message)
    except AttributeError:
        detail = str(getattr(hit, "text", ""))
    return f"{kind}: {detail}"


class GuardTextEdit(QPlainTextEdit):
    """Plain text with guard hits underlined at their exact characters; hover shows the kind."""

    hits_changed = Signal(object)  # the GuardResult of the current text

    def __init__(
        self,
        check: Callable[[str], Any],
        parent: QWidget | None = None,
        *,
        delay_ms: int = GUARD_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.result: Any = None
        self.hits: tuple[Any, ...] = ()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.run_guard)
        self.textChanged.connect(self.timer.start)
        self.viewport().installEventFilter(self)
        self.setMouseTracking(True)
        self.setTabChangesFocus(True)  # a tab is not a character anyone posts

    def set_checker(self, check: Callable[[str], Any]) -> None:
        """Use another guard call (e.g. another language hint) and re-check now."""
        self._check = check
        self.run_guard()

    def run_guard(self) -> None:
        """Check the text now (normally called by the debounce timer)."""
        self.timer.stop()
        text = self.toPlainText()
        self.result = self._check(text) if text.strip() else None
        self.set_hits(tuple(self.result.hits) if self.result is not None else (), text)
        self.hits_changed.emit(self.result)

    def set_hits(self, hits: Sequence[Any], text: str | None = None) -> None:
        """Mark ``hits`` (spans in code points of ``text``)."""
        text = self.toPlainText() if text is None else text
        self.hits = tuple(hits)
        selections: list[QTextEdit.ExtraSelection] = []
        for hit in self.hits:
            fmt = QTextCharFormat()
            colour = QColor("#d1242f") if hit.blocking else QColor("#bf8700")
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(colour)
            background = QColor(colour)
            background.setAlpha(48)
            fmt.setBackground(background)
            fmt.setProperty(QTextFormat.Property.UserProperty, hit_label(hit))
            cursor = QTextCursor(self.document())
            cursor.setPosition(utf16_offset(text, hit.start))
            cursor.setPosition(utf16_offset(text, hit.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[misc]
            selection.format = fmt  # type: ignore[misc]
            selections.append(selection)
        self.setExtraSelections(selections)

    def highlighted_spans(self) -> list[tuple[int, int, str]]:
        """(start, end, selected text) of each marked span, in Qt positions (tests, accessibility)."""
        out = []
        for sel in self.extraSelections():
            c = sel.cursor
            out.append((c.selectionStart(), c.selectionEnd(), c.selectedText()))
        return out

    def hit_at(self, position: int) -> Any | None:
        """The hit covering Qt position ``position``, if any."""
        text = self.toPlainText()
        for hit in self.hits:
            if utf16_offset(text, hit.start) <= position < utf16_offset(text, hit.end):
                return hit
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tooltips over marked spans say what the guard found."""
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos: QPoint = event.pos()
            hit = self.hit_at(self.cursorForPosition(pos).position())
            if hit is not None:
                QToolTip.showText(event.globalPos(), hit_label(hit), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)
