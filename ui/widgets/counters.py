"""Per-platform counters: each target's length as its platform counts it, against its limit."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QWidget

from desk.ports import Capabilities, Platform, TextCounting
from desk.textcount import TextCount, count
from ui.widgets.platforms import platform_name, platform_pixmap


@dataclass(frozen=True)
class Target:
    """One account the text goes to, with the capabilities it is counted by."""

    account_id: int
    platform: Platform
    handle: str
    caps: Capabilities


_UNITS = {
    TextCounting.TWITTER_WEIGHTED: "weighted",
    TextCounting.GRAPHEMES: "graphemes",
    TextCounting.MASTODON: "characters",
    TextCounting.CODE_POINTS: "characters",
}


def describe(counted: TextCount, caps: Capabilities) -> str:
    """``123/280`` plus the byte count where the platform has a byte limit."""
    text = f"{counted.length}/{counted.limit}"
    if counted.byte_limit is not None:
        text += f" · {counted.bytes}/{counted.byte_limit} bytes"
    return text


def count_all(targets: list[Target], text_for: Callable[[Target], str]) -> dict[int, TextCount]:
    """Every target's count (the work done per keystroke)."""
    return {t.account_id: count(text_for(t), t.caps) for t in targets}


def set_counter(label: QLabel, text: str, *, over: bool) -> None:
    """Show a count; restyle only when it crosses the limit (a style sheet change costs a relayout)."""
    if label.text() != text:
        label.setText(text)
    if label.property("over") != over:
        label.setProperty("over", over)
        label.setStyleSheet("color: #d1242f; font-weight: 700;" if over else "")


class CounterStrip(QWidget):
    """One chip per target: badge, handle, ``length/limit``; red when over."""

    COLUMNS = 2

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterStrip")
        self._layout = QGridLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setHorizontalSpacing(18)
        self._layout.setVerticalSpacing(2)
        self.chips: list[QWidget] = []
        self.labels: dict[int, QLabel] = {}
        self.targets: list[Target] = []
        self.counts: dict[int, TextCount] = {}

    def set_targets(self, targets: list[Target]) -> None:
        """Show one counter per target (in the order given)."""
        for chip in self.chips:
            # Out of the layout at once: deleteLater alone leaves them shown until the loop comes round.
            self._layout.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = []
        self.labels = {}
        self.targets = list(targets)
        for n, t in enumerate(targets):
            chip = QWidget(self)
            row = QHBoxLayout(chip)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(5)
            badge = QLabel(chip)
            badge.setPixmap(platform_pixmap(t.platform.value, 16))
            row.addWidget(badge)
            label = QLabel(chip)
            label.setObjectName("counter")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setToolTip(f"{platform_name(t.platform)} {t.handle}: counted as {_UNITS[t.caps.counting]}")
            row.addWidget(label)
            row.addStretch(1)
            self._layout.addWidget(chip, n // self.COLUMNS, n % self.COLUMNS)
            self.chips.append(chip)
            self.labels[t.account_id] = label

    def update_counts(self, counts: Mapping[int, TextCount]) -> None:
        """Show ``counts`` (account id → count)."""
        self.counts = dict(counts)
        for t in self.targets:
            counted = counts.get(t.account_id)
            label = self.labels[t.account_id]
            if counted is None:
                label.setText("")
                continue
            set_counter(label, describe(counted, t.caps), over=not counted.fits)

    def text_of(self, account_id: int) -> str:
        """The counter's text for one account (tests)."""
        return self.labels[account_id].text()
