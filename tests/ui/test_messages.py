"""Toasts: stacked in the window corner without overlapping, sized for their wrapped text, capped in number."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from ui.messages import Level, Notice, ToastArea


def test_toasts_stack_without_overlap_inside_the_window(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    area = ToastArea(window)
    long_text = "The platform could not be reached; nothing was sent. " * 3
    area.show_notice(Notice(Level.ERROR, long_text))
    area.show_notice(Notice(Level.INFO, "Saved."))
    first, second = area.toasts()
    assert second.geometry().top() >= first.geometry().bottom()
    assert first.height() > second.height()  # the long one wraps onto more lines
    assert first.label.heightForWidth(first.width() - 30) <= first.height()
    assert window.rect().contains(area.geometry())
    for n in range(6):
        area.show_notice(Notice(Level.INFO, f"note {n}"))
    shown = area.toasts()
    assert len(shown) == ToastArea.MAX_VISIBLE
    assert [t.notice.text for t in shown] == [f"note {n}" for n in range(2, 6)]
