"""Calendar: planned posts by day, week and month; campaigns; appeals due; the critical-incident stop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desk.campaigns import AppealDue, CalendarEntry, CampaignRecord
from desk.incident import Overdue, OverdueChoice, StopState
from desk.publishing import Draft
from desk.roles import Action
from desk.storage.models import AccountStatus
from ui.calendar.grid import CalendarGrid, CellKey, View, aware, campaign_colour, dropped_time, period
from ui.compose.services import PublishingDesk, publishing_desk
from ui.screens import ScreenServices
from ui.widgets.incident_banner import IncidentBanner, watcher_for

CHOICE_LABELS = {
    OverdueChoice.DROP: "Drop",
    OverdueChoice.PUBLISH_NOW: "Publish now",
    OverdueChoice.RESCHEDULE: "Reschedule",
}


@dataclass(frozen=True)
class StopRequest:
    """What the officer asked for when stopping broadcasts."""

    reason: str
    holding_statement: str
    stop_replies: bool


class StopDialog(QDialog):
    """Asks why broadcasting stops, for an optional holding statement, and whether replies stop too."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Stop all broadcasts"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Every scheduled post, campaign, patrol log and tweetathon on every account is held now. "
                    "Your name and reason are recorded."
                ),
                self,
            )
        )
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Reason (required)"))
        self.reason.setMaximumHeight(70)
        layout.addWidget(self.reason)
        self.statement = QPlainTextEdit(self)
        self.statement.setPlaceholderText(self.tr("Holding statement to publish on every account now (optional)"))
        self.statement.setMaximumHeight(90)
        layout.addWidget(self.statement)
        self.replies = QCheckBox(self.tr("Also stop replies to citizens"), self)
        layout.addWidget(self.replies)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Stop all broadcasts"))
        self.ok.setStyleSheet("background: #b42318; color: white; font-weight: 700;")
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(len(self.reason.toPlainText().strip()) >= 5))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def request(self) -> StopRequest:
        """What was entered."""
        return StopRequest(
            self.reason.toPlainText().strip(), self.statement.toPlainText().strip(), self.replies.isChecked()
        )


def ask_stop(parent: QWidget) -> StopRequest | None:
    """Open the stop dialog."""
    dialog = StopDialog(parent)
    return dialog.request() if dialog.exec() else None


class CalendarScreen(QWidget):
    """The planning calendar with the stop button, campaigns, appeals and overdue decisions."""

    def __init__(self, services: ScreenServices, desk: PublishingDesk | None = None) -> None:
        super().__init__()
        self.setObjectName("calendarScreen")
        self.services = services
        self.identity = services.identity
        self.runner = services.runner
        self.zone = ZoneInfo(services.settings.station.timezone)
        self.desk = desk or publishing_desk(services.ctx, services.settings.station.timezone)
        self.view = View.WEEK
        self.anchor = self.today()
        self.entries: list[CalendarEntry] = []
        self.campaigns: list[CampaignRecord] = []
        self.overdue: list[Overdue] = []
        self.appeals: list[AppealDue] = []
        self.ask_stop: Callable[[], StopRequest | None] = lambda: ask_stop(self)
        self.open_in_compose: Callable[[int], None] = self._open_in_compose
        self.watcher = watcher_for(self.runner, self.desk.incident)
        self.watcher.changed.connect(self.on_stop_changed)
        self._build()
        self._register_shortcuts()
        self.reload()

    def today(self) -> date:
        """Today at the station."""
        return self.services.ctx.clock.now().astimezone(self.zone).date()

    # layout -------------------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 10)
        self.banner = IncidentBanner(self.watcher, self)
        outer.addWidget(self.banner)
        head = QHBoxLayout()
        title = QLabel(self.tr("Calendar"), self)
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addSpacing(16)
        self.view_buttons = QButtonGroup(self)
        for view, label in ((View.DAY, self.tr("Day")), (View.WEEK, self.tr("Week")), (View.MONTH, self.tr("Month"))):
            button = QToolButton(self)
            button.setText(label)
            button.setCheckable(True)
            button.setProperty("view", view.value)
            button.setChecked(view is self.view)
            button.clicked.connect(lambda _c=False, v=view: self.set_view(v))
            self.view_buttons.addButton(button)
            head.addWidget(button)
        head.addSpacing(12)
        for text, step in (("◀", -1), (self.tr("Today"), 0), ("▶", 1)):
            button = QToolButton(self)
            button.setText(text)
            button.clicked.connect(lambda _c=False, s=step: self.step(s))
            head.addWidget(button)
        self.period_label = QLabel(self)
        self.period_label.setStyleSheet("font-size: 13pt; font-weight: 600; padding-left: 10px;")
        head.addWidget(self.period_label, 1)
        self.stop_button = QPushButton(self.tr("Stop all broadcasts"), self)
        self.stop_button.setObjectName("stopAll")
        self.stop_button.setStyleSheet(
            "QPushButton#stopAll { background: #b42318; color: #ffffff; font-weight: 700; padding: 7px 16px;"
            " border: none; border-radius: 4px; } QPushButton#stopAll:disabled { background: #d8a19c; }"
        )
        self.stop_button.clicked.connect(self.stop_all)
        may_stop = self.identity.can(Action.START_INCIDENT_STOP)
        self.stop_button.setEnabled(may_stop)
        if not may_stop:
            self.stop_button.setToolTip(self.tr("Press officers and supervisors can stop all broadcasts."))
        head.addWidget(self.stop_button)
        self.resume_button = QPushButton(self.tr("Resume…"), self)
        self.resume_button.clicked.connect(self.resume)
        self.resume_button.hide()
        head.addWidget(self.resume_button)
        outer.addLayout(head)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.grid = CalendarGrid(self.zone, self.today(), self)
        self.grid.entry_dropped.connect(self.on_dropped)
        # Looked up at click time: the opener can be replaced (tests, embedding).
        self.grid.entry_clicked.connect(lambda oid: self.open_in_compose(oid))  # noqa: PLW0108
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid)
        splitter.addWidget(scroll)
        self.side = QTabWidget(self)
        self.side.setMaximumWidth(320)
        self.side.addTab(self._build_campaigns(), self.tr("Campaigns"))
        self.side.addTab(self._build_appeals(), self.tr("Appeals due"))
        self.side.addTab(self._build_overdue(), self.tr("After the stop"))
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 320])
        outer.addWidget(splitter, 1)
        self.hint = QLabel(self.tr("Drag a post to another day or hour to move it; click it to open it in Compose."))
        self.hint.setObjectName("fieldHelp")
        outer.addWidget(self.hint)

    def _build_campaigns(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.campaign_list = QListWidget(page)
        layout.addWidget(self.campaign_list, 1)
        add = QPushButton(self.tr("New campaign…"), page)
        add.clicked.connect(self.new_campaign)
        add.setEnabled(self.identity.can(Action.SCHEDULE))
        layout.addWidget(add)
        return page

    def _build_appeals(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        note = QLabel(
            self.tr(
                "An appeal left up after the person is found or charged becomes a pillory: update or take it down."
            ),
            page,
        )
        note.setWordWrap(True)
        note.setObjectName("fieldHelp")
        layout.addWidget(note)
        self.appeal_list = QListWidget(page)
        self.appeal_list.setWordWrap(True)
        layout.addWidget(self.appeal_list, 1)
        row = QHBoxLayout()
        update = QPushButton(self.tr("Update…"), page)
        update.clicked.connect(self.update_appeal)
        keep = QPushButton(self.tr("Keep 7 more days"), page)
        keep.clicked.connect(self.keep_appeal)
        down = QPushButton(self.tr("Take down everywhere"), page)
        down.clicked.connect(self.take_down_appeal)
        for b in (update, keep, down):
            row.addWidget(b)
        layout.addLayout(row)
        return page

    def _build_overdue(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.overdue_note = QLabel(self.tr("Posts whose time passed during a stop wait here for a decision."), page)
        self.overdue_note.setWordWrap(True)
        self.overdue_note.setObjectName("fieldHelp")
        layout.addWidget(self.overdue_note)
        self.overdue_table = QTableWidget(0, 3, page)
        self.overdue_table.setHorizontalHeaderLabels([self.tr("Post"), self.tr("Decision"), self.tr("New time")])
        self.overdue_table.verticalHeader().setVisible(False)
        self.overdue_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.overdue_table, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("For all:"), page))
        self.all_choice = QComboBox(page)
        for choice, label in CHOICE_LABELS.items():
            self.all_choice.addItem(self.tr(label), choice.value)
        self.all_choice.currentIndexChanged.connect(lambda _i: self.set_all_choices())
        row.addWidget(self.all_choice)
        self.apply_button = QPushButton(self.tr("Apply decisions"), page)
        self.apply_button.clicked.connect(self.apply_decisions)
        self.apply_button.setEnabled(False)
        row.addWidget(self.apply_button)
        layout.addLayout(row)
        return page

    def _register_shortcuts(self) -> None:
        s = self.services.shortcuts
        s.add("calendar.prev", "Alt+Left", "Previous period", lambda: self.step(-1), self, group="Calendar")
        s.add("calendar.next", "Alt+Right", "Next period", lambda: self.step(1), self, group="Calendar")
        s.add("calendar.today", "Alt+Home", "Back to today", lambda: self.step(0), self, group="Calendar")

    # loading ------------------------------------------------------------------------------------------

    def set_view(self, view: View) -> None:
        """Day, week or month."""
        self.view = view
        for button in self.view_buttons.buttons():
            button.setChecked(button.property("view") == view.value)
        self.reload()

    def step(self, direction: int) -> None:
        """Move one period back or on (0: today)."""
        if direction == 0:
            self.anchor = self.today()
        elif self.view is View.DAY:
            self.anchor += timedelta(days=direction)
        elif self.view is View.WEEK:
            self.anchor += timedelta(days=7 * direction)
        else:
            month = self.anchor.month - 1 + direction
            self.anchor = self.anchor.replace(year=self.anchor.year + month // 12, month=month % 12 + 1, day=1)
        self.reload()

    def reload(self) -> None:
        """Entries of the period, campaigns, appeals and overdue posts (serial lane)."""
        self.grid.view, self.grid.anchor = self.view, self.anchor
        start, end = self.grid.range()
        desk = self.desk

        def load() -> tuple[list[CalendarEntry], list[CampaignRecord], list[AppealDue], list[Overdue]]:
            return (
                desk.planning.calendar(start, end),
                desk.planning.campaigns(),
                desk.planning.appeals_due(),
                desk.incident.overdue(),
            )

        self.runner.run_serial(load, on_done=self._loaded, name="calendar: load")

    def _loaded(self, loaded: tuple[list[CalendarEntry], list[CampaignRecord], list[AppealDue], list[Overdue]]) -> None:
        self.entries, self.campaigns, self.appeals, overdue = loaded
        self.grid.show_period(self.view, self.anchor, self.today(), self.entries)
        first, last = period(self.view, self.anchor)
        if self.view is View.DAY:
            self.period_label.setText(first.strftime("%A %d %B %Y"))
        elif self.view is View.WEEK:
            self.period_label.setText(
                self.tr("Week {n}: {start} – {end}").format(
                    n=first.isocalendar().week,
                    start=first.strftime("%d %b"),
                    end=(last - timedelta(days=1)).strftime("%d %b %Y"),
                )
            )
        else:
            self.period_label.setText(self.anchor.strftime("%B %Y"))
        self.campaign_list.clear()
        for c in self.campaigns:
            n = sum(1 for e in self.entries if e.campaign_id == c.id)
            item = QListWidgetItem(self.tr("{name} ({n} in view)").format(name=c.name, n=n))
            swatch = QPixmap(12, 12)
            swatch.fill(QColor(campaign_colour(c.id)))
            item.setIcon(QIcon(swatch))
            item.setToolTip(c.description)
            self.campaign_list.addItem(item)
        self.appeal_list.clear()
        for a in self.appeals:
            why = self.tr("found or charged") if a.reason == "resolved" else self.tr("review date reached")
            item = QListWidgetItem(f"#{a.outbound_id} · {a.kind.value.replace('_', ' ')} · {why}\n{a.text[:120]}")
            item.setData(Qt.ItemDataRole.UserRole, a.outbound_id)
            self.appeal_list.addItem(item)
        self.side.setTabText(
            1, self.tr("Appeals due ({n})").format(n=len(self.appeals)) if self.appeals else self.tr("Appeals due")
        )
        self.show_overdue(overdue)

    def show_overdue(self, overdue: list[Overdue]) -> None:
        """The decisions table."""
        self.overdue = overdue
        self.overdue_table.setRowCount(len(overdue))
        soon = QDateTime.fromSecsSinceEpoch(int((self.services.ctx.clock.now() + timedelta(hours=1)).timestamp()))
        for row, o in enumerate(overdue):
            due = aware(o.due_at).astimezone(self.zone).strftime("%d %b %H:%M") if o.due_at else "—"
            self.overdue_table.setItem(row, 0, QTableWidgetItem(f"{due} · {o.text[:80]}"))
            combo = QComboBox(self.overdue_table)
            for choice, label in CHOICE_LABELS.items():
                combo.addItem(self.tr(label), choice.value)
            self.overdue_table.setCellWidget(row, 1, combo)
            when = QDateTimeEdit(soon, self.overdue_table)
            when.setDisplayFormat("yyyy-MM-dd HH:mm")
            self.overdue_table.setCellWidget(row, 2, when)
        may = self.identity.can(Action.SCHEDULE)
        self.apply_button.setEnabled(bool(overdue) and may)
        if overdue:
            self.side.setTabText(2, self.tr("After the stop ({n})").format(n=len(overdue)))
            self.side.setCurrentIndex(2)
        else:
            self.side.setTabText(2, self.tr("After the stop"))

    def set_all_choices(self) -> None:
        """One decision for every overdue post."""
        value = self.all_choice.currentData()
        for row in range(self.overdue_table.rowCount()):
            combo = self.overdue_table.cellWidget(row, 1)
            if isinstance(combo, QComboBox):
                combo.setCurrentIndex(combo.findData(value))

    # actions ------------------------------------------------------------------------------------------

    def on_dropped(self, outbound_id: int, key: CellKey) -> None:
        """A drag ended on a cell: move the post there."""
        entry = next((e for e in self.entries if e.outbound_id == outbound_id), None)
        if entry is None:
            return
        new_time = dropped_time(key, entry.due_at, self.zone)
        if new_time == aware(entry.due_at):
            return
        self.runner.run_serial(
            self.desk.planning.reschedule,
            self.identity,
            outbound_id,
            new_time,
            on_done=lambda _r: self._after(
                self.tr("Post #{id} moved to {when}.").format(
                    id=outbound_id, when=new_time.astimezone(self.zone).strftime("%a %d %b %H:%M")
                )
            ),
            on_error=self._move_refused,
            name="calendar: reschedule",
        )

    def _move_refused(self, _exc: BaseException) -> bool:
        self.reload()  # the chip goes back where it was; the bridge says why
        return False

    def _after(self, text: str) -> None:
        self.services.bridge.info(text)
        self.reload()

    def _open_in_compose(self, outbound_id: int) -> None:
        window = self.window()
        show = getattr(window, "show_screen", None)
        page = getattr(window, "page", None)
        if show is None or page is None:
            return
        show("compose")
        compose = page("compose")
        opener = getattr(compose, "open_post", None)
        if opener is not None:
            opener(outbound_id)

    def new_campaign(self) -> None:
        """Name a campaign."""
        name, ok = QInputDialog.getText(self, self.tr("New campaign"), self.tr("Campaign name"))
        if not ok or not name.strip():
            return
        self.runner.run_serial(
            self.desk.planning.create_campaign,
            self.identity,
            name.strip(),
            on_done=lambda c: self._after(self.tr("Campaign “{name}” created.").format(name=c.name)),
            name="calendar: campaign",
        )

    def stop_all(self) -> None:
        """The critical-incident stop: reason, optional holding statement, replies too or not."""
        request = self.ask_stop()
        if request is None:
            return
        desk, by = self.desk, self.identity

        def work() -> int:
            statement_id = None
            if request.holding_statement:
                targets = tuple(
                    a.id
                    for a in desk.account_list()
                    if a.status not in (AccountStatus.NEEDS_RECONNECT, AccountStatus.DISABLED)
                )
                statement_id = desk.publishing.create(by, Draft(request.holding_statement, targets))
            return desk.incident.start(
                by, request.reason, stop_replies=request.stop_replies, holding_statement_id=statement_id
            )

        def done(held: int) -> None:
            self.services.bridge.warning(self.tr("All broadcasts stopped: {n} post(s) held.").format(n=held))
            self.watcher.poll()
            self.reload()

        self.runner.run_serial(work, on_done=done, name="calendar: stop all")

    def on_stop_changed(self, state: StopState | None) -> None:
        """Switch between the stop button and Resume."""
        active = state is not None
        self.stop_button.setVisible(not active)
        self.resume_button.setVisible(active)
        may_resume = self.identity.can(Action.RESUME_AFTER_STOP)
        self.resume_button.setEnabled(may_resume)
        self.resume_button.setToolTip("" if may_resume else self.tr("A supervisor resumes after a stop."))
        if not active:
            self.reload()

    def resume(self) -> None:
        """End the stop; overdue posts wait for a decision."""

        def done(overdue: list[Overdue]) -> None:
            self.services.bridge.info(
                self.tr("Broadcasting resumed. {n} post(s) passed their time during the stop.").format(n=len(overdue))
            )
            self.watcher.poll()
            self.reload()

        self.runner.run_serial(self.desk.incident.resume, self.identity, on_done=done, name="calendar: resume")

    def decisions(self) -> tuple[dict[int, OverdueChoice], dict[int, datetime]]:
        """The choices made in the table."""
        choices: dict[int, OverdueChoice] = {}
        when: dict[int, datetime] = {}
        for row, o in enumerate(self.overdue):
            combo = self.overdue_table.cellWidget(row, 1)
            edit = self.overdue_table.cellWidget(row, 2)
            assert isinstance(combo, QComboBox) and isinstance(edit, QDateTimeEdit)
            choice = OverdueChoice(combo.currentData())
            choices[o.outbound_id] = choice
            if choice is OverdueChoice.RESCHEDULE:
                when[o.outbound_id] = datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)
        return choices, when

    def apply_decisions(self) -> None:
        """Drop, publish now or reschedule, in one action."""
        choices, when = self.decisions()
        if not choices:
            return
        self.runner.run_serial(
            lambda: self.desk.incident.decide(self.identity, choices, reschedule_to=when),
            on_done=lambda _r: self._after(self.tr("Decisions recorded for {n} post(s).").format(n=len(choices))),
            name="calendar: overdue decisions",
        )

    def _selected_appeal(self) -> int | None:
        item = self.appeal_list.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def update_appeal(self) -> None:
        """Open the appeal in Compose to write the update."""
        oid = self._selected_appeal()
        if oid is not None:
            self.open_in_compose(oid)

    def keep_appeal(self) -> None:
        """Keep it up, asking again in a week."""
        oid = self._selected_appeal()
        if oid is None:
            return
        later = self.services.ctx.clock.now() + timedelta(days=7)
        self.runner.run_serial(
            lambda: self.desk.planning.close_appeal(self.identity, oid, taken_down=False, extend_to=later),
            on_done=lambda _r: self._after(self.tr("Appeal #{id} kept; asked again in 7 days.").format(id=oid)),
            name="calendar: keep appeal",
        )

    def take_down_appeal(self) -> None:
        """Delete the appeal on every platform (network lane), then record it."""
        oid = self._selected_appeal()
        if oid is None:
            return
        desk, by = self.desk, self.identity

        def work() -> int:
            outcomes = desk.publisher().delete_everywhere(by, oid)
            failed = [o for o in outcomes if o.message]
            if not failed:
                desk.planning.close_appeal(by, oid, taken_down=True)
            return len(failed)

        def done(failed: int) -> None:
            if failed:
                self.services.bridge.error(
                    self.tr("Appeal #{id} could not be removed from {n} platform(s); try again.").format(
                        id=oid, n=failed
                    )
                )
                self.reload()
            else:
                self._after(self.tr("Appeal #{id} taken down everywhere.").format(id=oid))

        self.runner.run_parallel(work, on_done=done, name="calendar: take down appeal")


def calendar_screen(services: ScreenServices) -> QWidget:
    """The screen factory."""
    return CalendarScreen(services)
