"""The inbox list as a Qt table model paged from the database.

The model never holds more than a few pages of :class:`~desk.inbox.InboxRow`: a row that is not cached
shows a quiet placeholder and asks the database lane for its page; when the page arrives the rows are
repainted. A filter change bumps a generation so late pages of an old filter are dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleDataSpan,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from desk.inbox import InboxFilter, InboxRow
from ui.tasks import TaskRunner

CONTEXT = "Inbox"
PAGE_SIZE = 200
#: Pages kept around the viewport (~1,600 rows): enough for fast scrolling back and forth.
MAX_PAGES = 8
#: How long the full count waits after the first page arrived (so the first paint has the CPU to itself).
COUNT_DELAY_MS = 120

COLUMNS = ("time", "platform", "account", "author", "text", "triage", "status", "assignee", "sla")
HEADERS = {
    "time": "Time",
    "platform": "",
    "account": "Account",
    "author": "Author",
    "text": "Message",
    "triage": "Class",
    "status": "Status",
    "assignee": "Assignee",
    "sla": "SLA",
}
TRIAGE_COLOURS = {
    "emergency": "#c62828",
    "safeguarding": "#ad1457",
    "crime_report": "#ef6c00",
    "abuse": "#6a1b9a",
    "tip": "#2e7d32",
    "complaint": "#f9a825",
    "question": "#1565c0",
    "other": "#607d8b",
}
TRIAGE_NAMES = {
    "emergency": "Emergency",
    "safeguarding": "Safeguarding",
    "crime_report": "Crime report",
    "abuse": "Abuse",
    "tip": "Tip",
    "complaint": "Complaint",
    "question": "Question",
    "other": "Other",
}
PLATFORM_COLOURS = {
    "x": ("#111111", "X"),
    "facebook": ("#1877f2", "f"),
    "instagram": ("#c13584", "IG"),
    "mastodon": ("#6364ff", "M"),
    "bluesky": ("#1185fe", "B"),
}
#: How long the force aims to take to answer, by class (shown as the SLA clock on new and open items).
SLA_TARGETS = {
    "emergency": timedelta(minutes=5),
    "safeguarding": timedelta(minutes=15),
    "crime_report": timedelta(hours=1),
    "abuse": timedelta(hours=4),
}
SLA_DEFAULT = timedelta(hours=2)
RUNNING = ("new", "open")

Fetch = Callable[[InboxFilter, int, int], list[InboxRow]]
Count = Callable[[InboxFilter], int]


def tr(text: str) -> str:
    """Translate in the inbox's context."""
    return QCoreApplication.translate(CONTEXT, text)


_icons: dict[str, QIcon] = {}


def platform_icon(platform: str) -> QIcon:
    """A small round badge in the platform's colour (drawn, so no brand artwork is shipped)."""
    icon = _icons.get(platform)
    if icon is None:
        colour, letter = PLATFORM_COLOURS.get(platform, ("#777777", platform[:1].upper()))
        pix = QPixmap(32, 32)
        pix.fill(Qt.GlobalColor.transparent)
        p = QPainter(pix)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setBrush(QColor(colour))
        # a grey ring keeps the black X badge visible on the dark theme
        p.setPen(QPen(QColor("#9e9e9e"), 2) if platform == "x" else Qt.PenStyle.NoPen)
        p.drawEllipse(2, 2, 28, 28)
        p.setPen(QColor("white"))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(14 if len(letter) == 1 else 11)
        p.setFont(font)
        p.drawText(pix.rect(), Qt.AlignmentFlag.AlignCenter, letter)
        p.end()
        icon = _icons[platform] = QIcon(pix)
    return icon


def sla_remaining(row: InboxRow, now: datetime) -> timedelta | None:
    """Time left to answer a new or open item, negative when late; None when the clock does not run."""
    if row.status not in RUNNING or row.kind == "own":
        return None
    target = SLA_TARGETS.get(row.triage_label or "", SLA_DEFAULT)
    created = row.created_at if row.created_at.tzinfo else row.created_at.replace(tzinfo=now.tzinfo)
    return created + target - now


def format_duration(delta: timedelta) -> str:
    """``1h 05m``, ``12m``, ``-3m`` (late)."""
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes = rest // 60
    if hours >= 48:
        return f"{sign}{hours // 24}d"
    return f"{sign}{hours}h {minutes:02d}m" if hours else f"{sign}{minutes}m"


@dataclass
class _Page:
    rows: list[InboxRow]
    texts: list[list[str] | None]
    #: per row, per column: role value → what the cell shows for it (built on first paint; SLA excluded)
    cells: list[list[dict[int, Any]] | None]

    @classmethod
    def of(cls, rows: list[InboxRow]) -> _Page:
        """A page whose display texts are formatted on first paint."""
        return cls(rows, [None] * len(rows), [None] * len(rows))


_DISPLAY = Qt.ItemDataRole.DisplayRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_FONT = Qt.ItemDataRole.FontRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_ROLES = frozenset({_DISPLAY, _DECORATION, _TOOLTIP, _FONT, _FOREGROUND, Qt.ItemDataRole.UserRole})
_DISPLAY_V, _DECORATION_V, _TOOLTIP_V, _FONT_V, _FOREGROUND_V, _USER_V = (
    int(r.value) for r in (_DISPLAY, _DECORATION, _TOOLTIP, _FONT, _FOREGROUND, Qt.ItemDataRole.UserRole)
)
_TEXT = COLUMNS.index("text")
_SLA = COLUMNS.index("sla")
_TRIAGE = COLUMNS.index("triage")
_PLATFORM = COLUMNS.index("platform")
_brushes: dict[str, QBrush] = {}
_fonts: list[QFont] = []


def _brush(colour: str) -> QBrush:
    brush = _brushes.get(colour)
    if brush is None:
        brush = _brushes[colour] = QBrush(QColor(colour))
    return brush


def _bold() -> QFont:
    if not _fonts:
        font = QFont()
        font.setBold(True)
        _fonts.append(font)
    return _fonts[0]


class InboxTableModel(QAbstractTableModel):
    """Rows of the inbox for one filter, fetched a page at a time on the database lane."""

    #: Emitted after a filter change has its count and first page (the view may paint).
    reloaded = Signal()
    #: Emitted when the filter's full count is known.
    counted = Signal(int)
    #: Emitted when any page arrives.
    page_loaded = Signal(int)

    def __init__(
        self,
        runner: TaskRunner,
        fetch: Fetch,
        count: Count,
        now: Callable[[], datetime],
        *,
        accounts: Mapping[int, str] | None = None,
        people: Mapping[int, str] | None = None,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
    ) -> None:
        super().__init__()
        self.runner = runner
        self.fetch = fetch
        self.count_rows = count
        self.now = now
        self.accounts: Mapping[int, str] = accounts if accounts is not None else {}
        self.people: Mapping[int, str] = people if people is not None else {}
        self.page_size = page_size
        self.max_pages = max_pages
        self.filters = InboxFilter()
        self._total = 0
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._loading: set[int] = set()
        self._generation = 0
        self.loading = False

    # -- loading ---------------------------------------------------------------------------------

    def set_filter(self, filters: InboxFilter) -> None:
        """Show ``filters``: the first page paints at once; the full count follows (it can take far longer on
        a million items) and then extends the scroll range."""
        same = filters == self.filters
        self.filters = filters
        self._generation += 1
        gen = self._generation
        self.loading = True
        keep = self._total if same else 0  # a refresh keeps its scroll range until the new count arrives
        if keep >= self.page_size:
            # A refresh of a long list (something changed, e.g. a sync's page): the first page and the count
            # in one task, applied together, so the view lays out and repaints once instead of twice. While a
            # sync runs, each repaint shares the GIL with it and is what the window's longest stalls were.
            def both() -> tuple[list[InboxRow], int]:
                return self.fetch(filters, 0, self.page_size), self.count_rows(filters)

            self.runner.run_serial(both, on_done=lambda r: self._refresh_done(gen, r, keep), name="inbox.refresh")
            return
        self.runner.run_serial(
            self.fetch, filters, 0, self.page_size, on_done=lambda r: self._first(gen, r, keep), name="inbox.first"
        )

    def _refresh_done(self, gen: int, result: tuple[list[InboxRow], int], keep: int) -> None:
        first, total = result
        self._counted(gen, total)  # the new rows first: the view then lays out once, on ``reloaded``
        self._reset(gen, first, keep)

    def _first(self, gen: int, first: list[InboxRow], keep: int) -> None:
        self._reset(gen, first, keep)
        if gen != self._generation:
            return
        if len(first) < self.page_size:
            self._counted(gen, len(first))  # a short first page is the whole list: no count needed
            return
        # The count of a million items takes a core for half a second: start it once the first page has had
        # its chance to paint, so the two do not compete for the CPU.
        QTimer.singleShot(COUNT_DELAY_MS, lambda: self._count(gen))

    def _count(self, gen: int) -> None:
        if gen != self._generation:
            return
        filters = self.filters
        self.runner.run_serial(
            lambda: self.count_rows(filters) if gen == self._generation else -1,  # a newer filter skips a stale count
            on_done=lambda n: self._counted(gen, n),
            name="inbox.count",
        )

    def stop(self) -> None:
        """Answer nothing more (the screen is going away): late pages and counts are dropped."""
        self._generation += 1
        self.loading = False

    def refresh(self) -> None:
        """Re-read the current filter (something changed in the database)."""
        self.set_filter(self.filters)

    def _reset(self, gen: int, first: list[InboxRow], keep: int) -> None:
        if gen != self._generation:
            return
        if keep:
            self._refreshed(first)
            return
        self.beginResetModel()
        # A short first page is the whole list; a full one means "at least this many" until the count.
        self._total = len(first) if len(first) < self.page_size else max(len(first), keep)
        self._pages.clear()
        self._loading.clear()
        self._pages[0] = _Page.of(first)
        self.endResetModel()
        self.reloaded.emit()

    def _refreshed(self, first: list[InboxRow]) -> None:
        """The same filter re-read: swap the rows in place (a reset would relayout the whole view)."""
        self._pages.clear()
        self._loading.clear()
        self._pages[0] = _Page.of(first)
        if len(first) < self.page_size:
            self._resize(len(first))
        if self._total:
            self.dataChanged.emit(self.index(0, 0), self.index(self._total - 1, len(COLUMNS) - 1))
        self.reloaded.emit()

    def _resize(self, total: int) -> None:
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        elif total < self._total:
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()

    def _counted(self, gen: int, total: int) -> None:
        if gen != self._generation or total < 0:
            return
        self.loading = False
        self._resize(total)
        self.counted.emit(total)

    def _request(self, page: int) -> None:
        if page in self._loading:
            return
        self._loading.add(page)
        gen = self._generation
        filters = self.filters
        offset, size = page * self.page_size, self.page_size
        self.runner.run_serial(
            lambda: self.fetch(filters, offset, size) if gen == self._generation else [],  # stale: skip the query
            on_done=lambda rows: self._arrived(gen, page, rows),
            name="inbox.page",
        )

    def _arrived(self, gen: int, page: int, rows: list[InboxRow]) -> None:
        if gen != self._generation:
            return
        self._loading.discard(page)
        self._pages[page] = _Page.of(rows)
        self._pages.move_to_end(page)
        while len(self._pages) > self.max_pages:
            self._pages.popitem(last=False)
        first = page * self.page_size
        last = min(self._total, first + self.page_size) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)

    def names_changed(self) -> None:
        """Account or people names were (re)loaded: format the cached rows again and repaint."""
        for cached in self._pages.values():
            cached.texts = [None] * len(cached.rows)
            cached.cells = [None] * len(cached.rows)
        self.layoutChanged.emit()

    def cached_pages(self) -> list[int]:
        """Which pages are in memory (tests and the benchmark check the cache stays small)."""
        return list(self._pages)

    def row_at(self, row: int) -> InboxRow | None:
        """The row's record when its page is cached (else asks for the page and returns None)."""
        if row < 0 or row >= self._total:
            return None
        page, pos = divmod(row, self.page_size)
        cached = self._pages.get(page)
        if cached is None:
            self._request(page)
            return None
        self._pages.move_to_end(page)
        return cached.rows[pos] if pos < len(cached.rows) else None

    def find(self, item_id: int) -> int | None:
        """The row number of a cached item, if any."""
        for page, cached in self._pages.items():
            for pos, r in enumerate(cached.rows):
                if r.id == item_id:
                    return page * self.page_size + pos
        return None

    # -- the Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Every row of the filter (most are not in memory)."""
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """The fixed columns."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles; no row numbers."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            title = HEADERS[COLUMNS[section]]
            return tr(title) if title else ""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return tr("Platform") if COLUMNS[section] == "platform" else None
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """What a cell shows; an uncached row shows an ellipsis until its page arrives.

        Qt asks about a dozen roles per cell on every paint: roles the list never uses return at once, and
        each row's texts are formatted once per page load, so a paint stays a few milliseconds."""
        if role not in _ROLES or not index.isValid():
            return None
        r = index.row()
        page, pos = divmod(r, self.page_size)
        cached = self._pages.get(page)
        c = index.column()
        if cached is None or pos >= len(cached.rows):
            if cached is None and 0 <= r < self._total:
                self._request(page)
            return "…" if role == _DISPLAY and c == _TEXT else None
        row = cached.rows[pos]
        if role == _DISPLAY:
            if c == _SLA:
                left = sla_remaining(row, self.now())
                return "" if left is None else format_duration(left)
            texts = cached.texts[pos]
            if texts is None:
                texts = cached.texts[pos] = [self._display(row, col) for col in COLUMNS]
            return texts[c]
        if role == _FONT:
            return None if row.read else _bold()
        if role == _FOREGROUND:
            if c == _TRIAGE and row.triage_label:
                return _brush(TRIAGE_COLOURS.get(row.triage_label, "#607d8b"))
            if c == _SLA:
                left = sla_remaining(row, self.now())
                if left is not None and left.total_seconds() < 0:
                    return _brush("#c62828")
            return None
        if role == _DECORATION:
            return platform_icon(row.platform) if c == _PLATFORM else None
        if role == _TOOLTIP:
            if c == _TRIAGE and row.triage_label:
                name = tr(TRIAGE_NAMES.get(row.triage_label, row.triage_label))
                return f"{name}\n{row.triage_reason}" if row.triage_reason else name
            if c == _TEXT:
                return row.snippet
            if c == _PLATFORM:
                return row.platform
            return None
        return row.id  # UserRole

    def multiData(self, index: QModelIndex | QPersistentModelIndex, roleDataSpan: QModelRoleDataSpan) -> None:
        """All the roles a cell paints with, in one call from Qt.

        The GUI thread shares the GIL with a running sync: while it paints, the sync's thread takes the GIL
        back every switch interval, so a paint's Python time counts two or three times on the wall clock
        (measured: 20 ms of paint became 40–60 ms gaps). Each row's cells are therefore built once per page
        load, and a paint is one look-up per role; only the SLA column, which ticks, is computed each time."""
        r = index.row()
        c = index.column()
        page, pos = divmod(r, self.page_size)
        cached = self._pages.get(page)
        if cached is None or pos >= len(cached.rows) or c == _SLA or r < 0:
            data = self.data
            for role_data in roleDataSpan:
                role_data.setData(data(index, role_data.role()))
            return
        cells = cached.cells[pos]
        if cells is None:
            row = cached.rows[pos]
            texts = cached.texts[pos]
            if texts is None:
                texts = cached.texts[pos] = [self._display(row, col) for col in COLUMNS]
            cells = cached.cells[pos] = self._cells(row, texts)
        values = cells[c]
        for role_data in roleDataSpan:
            role_data.setData(values.get(role_data.role()))

    def _cells(self, row: InboxRow, texts: list[str]) -> list[dict[int, Any]]:
        """Every role of every column of a cached row, as :meth:`data` answers them (the SLA column is empty:
        it ticks, so :meth:`multiData` asks :meth:`data` for it on each paint)."""
        bold = None if row.read else _bold()
        cells: list[dict[int, Any]] = []
        for c in range(len(COLUMNS)):
            values: dict[int, Any] = {}
            if c != _SLA:
                values[_DISPLAY_V] = texts[c]
                values[_USER_V] = row.id
                if bold is not None:
                    values[_FONT_V] = bold
                if c == _TRIAGE and row.triage_label:
                    values[_FOREGROUND_V] = _brush(TRIAGE_COLOURS.get(row.triage_label, "#607d8b"))
                    name = tr(TRIAGE_NAMES.get(row.triage_label, row.triage_label))
                    values[_TOOLTIP_V] = f"{name}\n{row.triage_reason}" if row.triage_reason else name
                elif c == _TEXT:
                    values[_TOOLTIP_V] = row.snippet
                elif c == _PLATFORM:
                    values[_DECORATION_V] = platform_icon(row.platform)
                    values[_TOOLTIP_V] = row.platform
            cells.append(values)
        return cells

    def _display(self, row: InboxRow, col: str) -> str:
        if col == "time":
            return row.created_at.strftime("%d.%m %H:%M")
        if col == "platform":
            return ""  # the badge says it; the tooltip names it
        if col == "account":
            return self.accounts.get(row.account_id, str(row.account_id))
        if col == "author":
            return row.author_name or row.author_handle
        if col == "text":
            prefix = tr("[graphic media hidden] ") if row.sensitive_media else ""
            if row.deleted:
                prefix += tr("[deleted] ")
            elif row.edited:
                prefix += tr("[edited] ")
            return prefix + " ".join(row.snippet.split())
        if col == "triage":
            return tr(TRIAGE_NAMES.get(row.triage_label or "", "")) if row.triage_label else ""
        if col == "status":
            return tr(row.status.capitalize())
        if col == "assignee":
            return self.people.get(row.assignee_user_id, "") if row.assignee_user_id is not None else ""
        if col == "sla":
            left = sla_remaining(row, self.now())
            return "" if left is None else format_duration(left)
        return ""
