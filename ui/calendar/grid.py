"""The calendar grid: day (hours), week (days) and month (weeks of days) with entries that can be dragged."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QDrag, QDragEnterEvent, QDropEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desk.campaigns import CalendarEntry
from ui.widgets.platforms import platform_name, platforms_pixmap

MIME = "application/x-beatdesk-outbound"
CAMPAIGN_COLOURS = ("#1f6feb", "#8250df", "#bf3989", "#1a7f37", "#bc4c00", "#0969da", "#9a6700")
STATE_LABELS = {
    "draft": "draft",
    "awaiting_approval": "awaiting approval",
    "scheduled": "scheduled",
    "held": "held (stop)",
    "publishing": "publishing",
    "done": "published",
}

STATE_MARKS = {"draft": "✎", "awaiting_approval": "⌛", "held": "⏸", "publishing": "↗", "done": "✓"}


class View(enum.StrEnum):
    """How much time the grid shows."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"


def campaign_colour(campaign_id: int | None) -> str:
    """A stable colour per campaign (grey without one)."""
    return "#8c959f" if campaign_id is None else CAMPAIGN_COLOURS[campaign_id % len(CAMPAIGN_COLOURS)]


def aware(moment: datetime) -> datetime:
    """Stored times without a zone are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class CellKey:
    """What a cell stands for: a day, or one hour of a day (day view)."""

    day: date
    hour: int | None = None


def period(view: View, anchor: date) -> tuple[date, date]:
    """[first, last) days the view shows around ``anchor``."""
    if view is View.DAY:
        return anchor, anchor + timedelta(days=1)
    if view is View.WEEK:
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=7)
    first = anchor.replace(day=1)
    start = first - timedelta(days=first.weekday())
    return start, start + timedelta(days=42)


def cell_of(view: View, moment: datetime, zone: ZoneInfo) -> CellKey:
    """The cell a due time falls in."""
    local = aware(moment).astimezone(zone)
    return CellKey(local.date(), local.hour if view is View.DAY else None)


def dropped_time(key: CellKey, original: datetime, zone: ZoneInfo) -> datetime:
    """The new due time when an entry is dropped on ``key``: the date (and hour) of the cell, the rest kept."""
    local = aware(original).astimezone(zone)
    hour = key.hour if key.hour is not None else local.hour
    moved = datetime.combine(key.day, time(hour, local.minute), zone)
    return moved.astimezone(UTC)


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when the cell is too narrow."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = text
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide to the width given."""
        super().resizeEvent(event)
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, self.width()))


class EntryChip(QFrame):
    """One post in a cell: time, platform badges, state and the first words; drag it to move it."""

    clicked = Signal(int)

    def __init__(self, entry: CalendarEntry, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self.setObjectName("entryChip")
        self.setProperty("state", entry.state)
        colour = campaign_colour(entry.campaign_id)
        dashed = entry.state in ("draft", "awaiting_approval", "held")
        self.setStyleSheet(
            f"QFrame#entryChip {{ border: 1px {'dashed' if dashed else 'solid'} {colour};"
            f" border-left: 4px solid {colour}; border-radius: 3px; }}"
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(5, 2, 4, 2)
        column.setSpacing(1)
        row = QHBoxLayout()
        row.setSpacing(3)
        when = QLabel(aware(entry.due_at).astimezone(zone).strftime("%H:%M"), self)
        when.setStyleSheet("font-weight: 600;")
        when.setMinimumWidth(when.sizeHint().width())
        row.addWidget(when)
        badges = QLabel(self)
        badges.setPixmap(platforms_pixmap(entry.platforms, 12))
        # In a narrow cell the badges are cut off rather than drawn over the time.
        badges.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        badges.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(badges, 1)
        if entry.state != "scheduled":
            flag = QLabel(STATE_MARKS.get(entry.state, "?"), self)
            flag.setToolTip(STATE_LABELS.get(entry.state, entry.state))
            flag.setStyleSheet("color: #9a6700;" if entry.state != "done" else "color: #1a7f37;")
            row.addWidget(flag)
        column.addLayout(row)
        words = entry.text.replace("\n", " ")
        self.label = ElidedLabel(words, self)
        column.addWidget(self.label)
        # The cell decides the width; a long text must not widen the whole column.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        state = STATE_LABELS.get(entry.state, entry.state)
        platforms = ", ".join(platform_name(p) for p in entry.platforms)
        appeal = f"\nAppeal: {entry.appeal.replace('_', ' ')}" if entry.appeal else ""
        self.setToolTip(f"#{entry.outbound_id} · {state} · {platforms}{appeal}\n\n{entry.text}")
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """Remember where a drag may start."""
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """Start dragging once the mouse moved far enough."""
        if self._press is None:
            return
        if (event.position().toPoint() - self._press).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        mime = QMimeData()
        mime.setData(MIME, QByteArray(str(self.entry.outbound_id).encode()))
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(self.grab())
        drag.exec(Qt.DropAction.MoveAction)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """A click (no drag) opens the post."""
        if self._press is not None:
            self._press = None
            self.clicked.emit(self.entry.outbound_id)


class DayCell(QFrame):
    """A day (or an hour of a day) that takes dropped entries."""

    dropped = Signal(int, object)  # outbound id, CellKey

    def __init__(self, key: CellKey, title: str, *, muted: bool, today: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName("dayCell")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        border = "#1f6feb" if today else "rgba(128,128,128,0.35)"
        self.setStyleSheet(f"QFrame#dayCell {{ border: 1px solid {border}; }}")
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(3, 2, 3, 2)
        self.column.setSpacing(2)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(60)
        self.title = QLabel(title, self)
        self.title.setStyleSheet("color: gray;" if muted else "font-weight: 600;")
        self.column.addWidget(self.title)
        self.chips: list[EntryChip] = []
        self.column.addStretch(1)

    def add_chip(self, chip: EntryChip) -> None:
        """Show one more entry."""
        self.column.insertWidget(self.column.count() - 1, chip)
        self.chips.append(chip)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept only posts."""
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        """Keep accepting while over the cell."""
        if event.mimeData().hasFormat(MIME):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A post was dropped here."""
        data = event.mimeData().data(MIME)
        if data.isEmpty():
            return
        event.acceptProposedAction()
        self.dropped.emit(int(bytes(data.data()).decode()), self.key)


class CalendarGrid(QWidget):
    """The cells of one view and the entries in them."""

    entry_dropped = Signal(int, object)  # outbound id, CellKey
    entry_clicked = Signal(int)

    def __init__(self, zone: ZoneInfo, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.view = View.WEEK
        self.anchor = today
        self.today = today
        self.cells: dict[CellKey, DayCell] = {}
        self.entries: list[CalendarEntry] = []
        self.grid = QGridLayout(self)
        self.grid.setSpacing(3)
        self.grid.setContentsMargins(0, 0, 0, 0)

    def range(self) -> tuple[datetime, datetime]:
        """The [start, end) the view shows, as aware UTC times for the query."""
        first, last = period(self.view, self.anchor)
        start = datetime.combine(first, time(0), self.zone).astimezone(UTC)
        end = datetime.combine(last, time(0), self.zone).astimezone(UTC)
        return start, end

    def show_period(self, view: View, anchor: date, today: date, entries: list[CalendarEntry]) -> None:
        """Rebuild the cells for ``view`` around ``anchor`` and place ``entries``."""
        self.view, self.anchor, self.today = view, anchor, today
        self.entries = entries
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.cells = {}
        first, last = period(view, anchor)
        if view is View.DAY:
            for hour in range(24):
                key = CellKey(first, hour)
                self._add(key, f"{hour:02d}:00", row=hour, col=0, muted=False)
        else:
            for col, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
                head = QLabel(self.tr(name), self)
                head.setAlignment(Qt.AlignmentFlag.AlignCenter)
                head.setStyleSheet("color: gray; font-weight: 600;")
                self.grid.addWidget(head, 0, col)
            day = first
            index = 0
            while day < last:
                muted = view is View.MONTH and day.month != anchor.month
                self._add(CellKey(day), day.strftime("%d %b"), row=1 + index // 7, col=index % 7, muted=muted)
                day += timedelta(days=1)
                index += 1
            for col in range(7):
                self.grid.setColumnStretch(col, 1)
        for entry in entries:
            cell = self.cells.get(cell_of(view, entry.due_at, self.zone))
            if cell is None:
                continue
            chip = EntryChip(entry, self.zone, cell)
            chip.clicked.connect(self.entry_clicked)
            cell.add_chip(chip)

    def _add(self, key: CellKey, title: str, *, row: int, col: int, muted: bool) -> None:
        cell = DayCell(key, title, muted=muted, today=key.day == self.today and key.hour is None, parent=self)
        cell.dropped.connect(self.entry_dropped)
        self.grid.addWidget(cell, row, col)
        self.grid.setRowStretch(row, 1)
        self.cells[key] = cell

    def cell_for(self, moment: datetime) -> DayCell | None:
        """The cell a time falls in (tests, keyboard)."""
        return self.cells.get(cell_of(self.view, moment, self.zone))
