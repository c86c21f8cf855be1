"""Patrol log: start a shift, add timestamped entries with photos, publish live or as a summary at the end.

Entries are saved the moment they are added; publishing goes through the ordinary outbound rows, so an
entry written with no network waits and goes out when the platforms answer again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.accounts import AccountRecord
from desk.patrol import EntryRecord, PatrolMode, ShiftRecord
from desk.publishing import GuardBlocked
from desk.redaction import GuardResult
from desk.storage.models import AccountStatus, DeliveryState, OutboundState
from ui.compose.services import PublishingDesk, publishing_desk
from ui.i18n import translate_message
from ui.messages import message_for
from ui.screens import ScreenServices
from ui.widgets.guard_editor import GuardTextEdit, hit_label
from ui.widgets.incident_banner import watcher_for
from ui.widgets.photos import PhotoAttachments, store_photos
from ui.widgets.platforms import platform_icon, platform_name


@dataclass(frozen=True)
class EntryStatus:
    """An entry and where its publishing stands, in words."""

    entry: EntryRecord
    status: str
    waiting: bool


def describe_publishing(outbound: OutboundState | None, deliveries: list[DeliveryState]) -> tuple[str, bool]:
    """(what to show, still waiting) for one entry's outbound item."""
    if outbound is None:
        return "saved; goes out in the end-of-shift summary", False
    if outbound is OutboundState.AWAITING_APPROVAL:
        return "awaiting approval", True
    if outbound is OutboundState.CANCELLED:
        return "not published (withdrawn)", False
    if outbound is OutboundState.HELD:
        return "held by the critical-incident stop", True
    published = sum(1 for d in deliveries if d is DeliveryState.PUBLISHED)
    if deliveries and published == len(deliveries):
        return "published", False
    if DeliveryState.UNCONFIRMED in deliveries:
        return "check before re-sending (Compose → Deliveries)", True
    if DeliveryState.FAILED in deliveries:
        return f"failed on {len([d for d in deliveries if d is DeliveryState.FAILED])} account(s)", False
    if published:
        return f"published on {published} of {len(deliveries)}; the rest wait to be sent", True
    return "saved; waiting to be sent", True


class PatrolScreen(QWidget):
    """One officer's shift log."""

    def __init__(self, services: ScreenServices, desk: PublishingDesk | None = None) -> None:
        super().__init__()
        self.setObjectName("patrolScreen")
        self.services = services
        self.identity = services.identity
        self.runner = services.runner
        self.zone = ZoneInfo(services.settings.station.timezone)
        self.desk = desk or publishing_desk(services.ctx, services.settings.station.timezone)
        self.accounts: list[AccountRecord] = []
        self.account_boxes: dict[int, QCheckBox] = {}
        self.shift: ShiftRecord | None = None
        self.statuses: list[EntryStatus] = []
        self.confirm_end = self._confirm_end
        self.watcher = watcher_for(self.runner, self.desk.incident)
        self._build()
        s = services.shortcuts
        s.add("patrol.add", "Ctrl+Shift+Return", "Add the patrol-log entry", self.add_entry, self, group="Patrol log")
        self.reload()

    # layout -------------------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 10)
        title = QLabel(self.tr("Patrol log"), self)
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_start())
        self.pages.addWidget(self._build_shift())
        outer.addWidget(self.pages, 1)

    def _build_start(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("Start a shift"), page)
        box.setMaximumWidth(720)
        grid = QGridLayout(box)
        self.shift_title = QLineEdit(box)
        self.shift_title.setPlaceholderText(self.tr("e.g. Night patrol, Kallio"))
        self.shift_area = QLineEdit(box)
        self.shift_area.setPlaceholderText(self.tr("District or area (no house numbers)"))
        grid.addWidget(QLabel(self.tr("Title"), box), 0, 0)
        grid.addWidget(self.shift_title, 0, 1)
        grid.addWidget(QLabel(self.tr("Area"), box), 1, 0)
        grid.addWidget(self.shift_area, 1, 1)
        self.mode_group = QButtonGroup(self)
        self.mode_live = QRadioButton(self.tr("Live: publish each entry as it is written"), box)
        self.mode_summary = QRadioButton(self.tr("Summary: one thread at the end of the shift"), box)
        self.mode_summary.setChecked(True)
        self.mode_group.addButton(self.mode_live)
        self.mode_group.addButton(self.mode_summary)
        grid.addWidget(QLabel(self.tr("Publishing"), box), 2, 0, Qt.AlignmentFlag.AlignTop)
        modes = QVBoxLayout()
        modes.addWidget(self.mode_live)
        modes.addWidget(self.mode_summary)
        grid.addLayout(modes, 2, 1)
        grid.addWidget(QLabel(self.tr("Publish to"), box), 3, 0, Qt.AlignmentFlag.AlignTop)
        self.accounts_grid = QGridLayout()
        grid.addLayout(self.accounts_grid, 3, 1)
        self.start_button = QPushButton(self.tr("Start shift"), box)
        self.start_button.clicked.connect(self.start_shift)
        grid.addWidget(self.start_button, 4, 1, Qt.AlignmentFlag.AlignRight)
        self.start_message = QLabel(box)
        self.start_message.setObjectName("fieldError")
        self.start_message.setWordWrap(True)
        grid.addWidget(self.start_message, 5, 0, 1, 2)
        layout.addWidget(box)
        layout.addStretch(1)
        return page

    def _build_shift(self) -> QWidget:
        page = QWidget(self)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        left = QWidget(page)
        form = QVBoxLayout(left)
        form.setContentsMargins(0, 0, 8, 0)
        self.shift_header = QLabel(left)
        self.shift_header.setWordWrap(True)
        self.shift_header.setStyleSheet("font-size: 11pt; font-weight: 600;")
        form.addWidget(self.shift_header)
        self.entry_text = GuardTextEdit(self.desk.check, left)
        self.entry_text.setPlaceholderText(self.tr("What happened? (time is added automatically)"))
        self.entry_text.setMinimumHeight(110)
        self.entry_text.hits_changed.connect(self._guard_checked)
        form.addWidget(self.entry_text)
        self.findings = QLabel(left)
        self.findings.setWordWrap(True)
        self.findings.setStyleSheet("color: #d1242f;")
        form.addWidget(self.findings)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Area"), left))
        self.entry_area = QLineEdit(left)
        self.entry_area.setPlaceholderText(self.tr("Same as the shift"))
        row.addWidget(self.entry_area, 1)
        form.addLayout(row)
        self.photos = PhotoAttachments(self.runner, left)
        form.addWidget(self.photos)
        buttons = QHBoxLayout()
        self.end_button = QPushButton(self.tr("End shift…"), left)
        self.end_button.clicked.connect(self.end_shift)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        self.add_button = QPushButton(self.tr("Add entry"), left)
        self.add_button.setDefault(True)
        self.add_button.clicked.connect(self.add_entry)
        buttons.addWidget(self.add_button)
        form.addLayout(buttons)
        self.message = QLabel(left)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        form.addWidget(self.message)
        self.note = QLabel(left)
        self.note.setObjectName("pageNote")
        self.note.setWordWrap(True)
        form.addWidget(self.note)
        form.addStretch(1)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(left)
        layout.addWidget(scroll, 5)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Entries this shift"), page))
        self.entries = QTableWidget(0, 4, page)
        self.entries.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Area"), self.tr("Entry"), self.tr("Publishing")]
        )
        self.entries.verticalHeader().setVisible(False)
        self.entries.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.entries.setWordWrap(True)
        header = self.entries.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        right.addWidget(self.entries, 1)
        holder = QWidget(page)
        holder.setLayout(right)
        layout.addWidget(holder, 6)
        return page

    # loading ------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """The accounts, the officer's open shift and its entries' publishing state (serial lane)."""
        desk, by = self.desk, self.identity

        def load() -> tuple[list[AccountRecord], ShiftRecord | None, list[EntryStatus]]:
            accounts = desk.account_list()
            shifts = desk.patrol.open_shifts(by)
            shift = shifts[-1] if shifts else None
            statuses: list[EntryStatus] = []
            for entry in shift.entries if shift else ():
                if entry.outbound_id is None:
                    text, waiting = describe_publishing(None, [])
                else:
                    _, state = desk.publishing.draft_of(entry.outbound_id)
                    deliveries = [d.state for d in desk.publishing.deliveries(entry.outbound_id)]
                    text, waiting = describe_publishing(state, deliveries)
                statuses.append(EntryStatus(entry, text, waiting))
            return accounts, shift, statuses

        self.runner.run_serial(load, on_done=self._loaded, name="patrol: load")

    def _loaded(self, loaded: tuple[list[AccountRecord], ShiftRecord | None, list[EntryStatus]]) -> None:
        accounts, shift, statuses = loaded
        self.set_accounts(accounts)
        self.shift = shift
        self.statuses = statuses
        if shift is None:
            self.pages.setCurrentIndex(0)
            return
        self.pages.setCurrentIndex(1)
        started = shift.started_at if shift.started_at.tzinfo else shift.started_at.replace(tzinfo=UTC)
        names = ", ".join(f"{platform_name(a.platform)} {a.handle}" for a in self.accounts if a.id in shift.account_ids)
        mode = self.tr("live") if shift.mode is PatrolMode.LIVE else self.tr("summary at the end")
        self.shift_header.setText(
            self.tr("{title} · {area} · started {time} · {mode} · {accounts}").format(
                title=shift.title,
                area=shift.area or self.tr("no area"),
                time=started.astimezone(self.zone).strftime("%H:%M"),
                mode=mode,
                accounts=names,
            )
        )
        self.entries.setRowCount(len(statuses))
        for row, st in enumerate(reversed(statuses)):
            at = st.entry.at if st.entry.at.tzinfo else st.entry.at.replace(tzinfo=UTC)
            text = st.entry.text + (f"  [{len(st.entry.media)} photo(s)]" if st.entry.media else "")
            self.entries.setItem(row, 0, QTableWidgetItem(at.astimezone(self.zone).strftime("%H:%M")))
            self.entries.setItem(row, 1, QTableWidgetItem(st.entry.area))
            self.entries.setItem(row, 2, QTableWidgetItem(text))
            status = QTableWidgetItem(self.tr(st.status))
            if st.waiting:
                status.setForeground(Qt.GlobalColor.darkYellow)
            self.entries.setItem(row, 3, status)
        self.entries.resizeRowsToContents()

    def set_accounts(self, accounts: list[AccountRecord]) -> None:
        """Checkboxes for the shift's accounts."""
        if [a.id for a in accounts] == [a.id for a in self.accounts]:
            return
        for box in self.account_boxes.values():
            self.accounts_grid.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.accounts = accounts
        self.account_boxes = {}
        for n, acc in enumerate(accounts):
            box = QCheckBox(acc.handle, self)
            box.setIcon(platform_icon(acc.platform))
            box.setEnabled(acc.status not in (AccountStatus.NEEDS_RECONNECT, AccountStatus.DISABLED))
            self.accounts_grid.addWidget(box, n // 2, n % 2)
            self.account_boxes[acc.id] = box

    # actions ------------------------------------------------------------------------------------------

    def start_shift(self) -> None:
        """Begin the log."""
        ids = [i for i, box in self.account_boxes.items() if box.isChecked()]
        mode = PatrolMode.LIVE if self.mode_live.isChecked() else PatrolMode.SUMMARY
        title, area = self.shift_title.text(), self.shift_area.text()
        desk, by = self.desk, self.identity

        def failed(exc: BaseException) -> bool:
            message = message_for(exc)
            if message is None:
                return False
            self.start_message.setText(translate_message(message))
            return True

        self.runner.run_serial(
            lambda: desk.patrol.start_shift(by, title, ids, area=area, mode=mode),
            on_done=lambda _id: self._started(),
            on_error=failed,
            name="patrol: start",
        )

    def _started(self) -> None:
        self.start_message.setText("")
        self.reload()

    def _guard_checked(self, result: GuardResult | None) -> None:
        hits = result.hits if result is not None else ()
        self.findings.setText("\n".join(("⛔ " if h.blocking else "⚠ ") + hit_label(h) for h in hits))

    def add_entry(self) -> None:
        """Save the entry now; in live mode it is also queued for publishing."""
        if self.shift is None:
            return
        problems = self.photos.problems()
        if problems:
            self.message.setText("\n".join(problems))
            return
        self.entry_text.run_guard()
        text, area = self.entry_text.toPlainText(), self.entry_area.text()
        photos = self.photos.ready()
        desk, by, shift_id = self.desk, self.identity, self.shift.id

        def work() -> EntryRecord:
            media = store_photos(desk.media, photos)
            return desk.patrol.add_entry(by, shift_id, text, area=area, media=media)

        def done(entry: EntryRecord) -> None:
            self.message.setText("")
            self.note.setText(
                self.tr("Entry saved at {time}.").format(
                    time=(entry.at if entry.at.tzinfo else entry.at.replace(tzinfo=UTC))
                    .astimezone(self.zone)
                    .strftime("%H:%M")
                )
            )
            self.entry_text.clear()
            self.entry_area.clear()
            self.photos.clear()
            self.reload()

        def failed(exc: BaseException) -> bool:
            message = message_for(exc)
            if message is None:
                return False
            # A refusal to publish comes after the entry was saved: say both, keep the text for a fix.
            self.message.setText(translate_message(message))
            if isinstance(exc, GuardBlocked):
                self.note.setText(self.tr("The entry is saved in the log but was not published."))
            self.reload()
            return True

        self.runner.run_serial(work, on_done=done, on_error=failed, name="patrol: add entry")

    def _confirm_end(self) -> bool:
        assert self.shift is not None
        text = (
            self.tr("End the shift and publish the log as a thread?")
            if self.shift.mode is PatrolMode.SUMMARY
            else self.tr("End the shift?")
        )
        answer = QMessageBox.question(self, self.tr("End shift"), text)
        return answer == QMessageBox.StandardButton.Yes

    def end_shift(self) -> None:
        """End the shift; a summary shift publishes its thread."""
        if self.shift is None or not self.confirm_end():
            return
        desk, by, shift_id = self.desk, self.identity, self.shift.id

        def done(ids: list[int]) -> None:
            text = (
                self.tr("Shift ended; the summary goes out as {n} post(s).").format(n=len(ids))
                if ids
                else self.tr("Shift ended.")
            )
            self.services.bridge.info(text)
            self.note.setText(text)
            self.reload()

        def failed(exc: BaseException) -> bool:
            message = message_for(exc)
            if message is None:
                return False
            self.message.setText(translate_message(message))
            return True

        self.runner.run_serial(
            lambda: desk.patrol.end_shift(by, shift_id), on_done=done, on_error=failed, name="patrol: end"
        )


def patrol_screen(services: ScreenServices) -> QWidget:
    """The screen factory."""
    return PatrolScreen(services)
