"""The Calendar screen on a real SQLite desk: cells, drag to reschedule, click to open, stop and resume."""

from __future__ import annotations

import time as clock_time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPointF, QSettings, Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk.accounts import AccountRecord
from desk.auth import Identity
from desk.context import DeskContext
from desk.ports import Platform
from desk.publishing import Draft
from desk.storage.models import OutboundState
from tests.ui.publishing_support import People, add_people, connect_accounts, screen_services
from ui.calendar.grid import MIME, CellKey, View
from ui.calendar.screen import CalendarScreen, StopRequest
from ui.compose.services import publishing_desk
from ui.messages import MessageBridge
from ui.tasks import TaskRunner

HELSINKI = ZoneInfo("Europe/Helsinki")
Opener = Callable[[Identity], CalendarScreen]


@pytest.fixture
def people(ctx: DeskContext, admin: Identity) -> People:
    return add_people(ctx, admin)


@pytest.fixture
def accounts(ctx: DeskContext, admin: Identity) -> dict[Platform, AccountRecord]:
    return connect_accounts(ctx, admin)


@pytest.fixture
def open_screen(
    qtbot: QtBot, ctx: DeskContext, runner: TaskRunner, bridge: MessageBridge, ui_state: QSettings
) -> Iterator[Opener]:
    def make(who: Identity) -> CalendarScreen:
        screen = CalendarScreen(screen_services(ctx, who, runner, bridge, ui_state))
        qtbot.addWidget(screen)
        screen.resize(1100, 700)
        screen.show()
        qtbot.waitUntil(lambda: runner.pending == 0)
        return screen

    yield make
    qtbot.waitUntil(lambda: runner.pending == 0)


def local(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), HELSINKI).astimezone(UTC)


def schedule(ctx: DeskContext, who: Identity, text: str, account: AccountRecord, due: datetime) -> int:
    desk = publishing_desk(ctx)
    oid = desk.publishing.create(who, Draft(text, (account.id,), due))
    desk.publishing.submit(who, oid)
    return oid


def show(qtbot: QtBot, runner: TaskRunner, screen: CalendarScreen, view: View, anchor: date) -> None:
    screen.anchor = anchor
    screen.set_view(view)
    qtbot.waitUntil(lambda: runner.pending == 0)


def chip_ids(screen: CalendarScreen, key: CellKey) -> list[int]:
    return [chip.entry.outbound_id for chip in screen.grid.cells[key].chips]


def drop(screen: CalendarScreen, key: CellKey, outbound_id: int) -> None:
    mime = QMimeData()
    mime.setData(MIME, QByteArray(str(outbound_id).encode()))
    event = QDropEvent(
        QPointF(5, 5), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    screen.grid.cells[key].dropEvent(event)


def test_entries_sit_in_the_cells_of_their_day_and_hour(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    day = datetime.now(HELSINKI).date() + timedelta(days=2)
    first = schedule(ctx, people.press, "Speed checks on Ring I.", accounts[Platform.X], local(day, 10, 30))
    second = schedule(
        ctx, people.press, "Bike marking.", accounts[Platform.MASTODON], local(day + timedelta(days=1), 15, 0)
    )
    screen = open_screen(people.press)
    show(qtbot, runner, screen, View.MONTH, day)
    assert chip_ids(screen, CellKey(day)) == [first]
    assert chip_ids(screen, CellKey(day + timedelta(days=1))) == [second]
    assert sum(len(cell.chips) for cell in screen.grid.cells.values()) == 2
    chip = screen.grid.cells[CellKey(day)].chips[0]
    assert "10:30" in [label.text() for label in chip.findChildren(QLabel)]
    show(qtbot, runner, screen, View.DAY, day)
    assert chip_ids(screen, CellKey(day, 10)) == [first]
    assert all(chip_ids(screen, CellKey(day, h)) == [] for h in range(24) if h != 10)
    show(qtbot, runner, screen, View.WEEK, day)
    assert len(screen.grid.cells) == 7
    assert chip_ids(screen, CellKey(day)) == [first]


def test_dropping_an_entry_on_another_day_reschedules_it(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
    bridge: MessageBridge,
) -> None:
    day = datetime.now(HELSINKI).date() + timedelta(days=2)
    oid = schedule(ctx, people.press, "Road works.", accounts[Platform.X], local(day, 10, 30))
    screen = open_screen(people.press)
    show(qtbot, runner, screen, View.MONTH, day)
    target = (
        day + timedelta(days=3) if CellKey(day + timedelta(days=3)) in screen.grid.cells else day - timedelta(days=1)
    )
    drop(screen, CellKey(target), oid)
    qtbot.waitUntil(lambda: runner.pending == 0)
    draft, state = publishing_desk(ctx).publishing.draft_of(oid)
    assert draft.due_at is not None
    moved = draft.due_at if draft.due_at.tzinfo else draft.due_at.replace(tzinfo=UTC)
    assert moved == local(target, 10, 30)  # the day changes, the time of day stays
    assert state is OutboundState.SCHEDULED
    assert chip_ids(screen, CellKey(target)) == [oid]
    # The hour view moves the hour and keeps the minutes.
    show(qtbot, runner, screen, View.DAY, target)
    drop(screen, CellKey(target, 18), oid)
    qtbot.waitUntil(lambda: runner.pending == 0)
    draft, _ = publishing_desk(ctx).publishing.draft_of(oid)
    assert draft.due_at is not None
    assert (draft.due_at if draft.due_at.tzinfo else draft.due_at.replace(tzinfo=UTC)) == local(target, 18, 30)


def test_a_drop_into_the_past_is_refused_and_nothing_moves(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
    bridge: MessageBridge,
) -> None:
    today = datetime.now(HELSINKI).date()
    due = local(today + timedelta(days=1), 9, 0)
    oid = schedule(ctx, people.press, "Road works.", accounts[Platform.X], due)
    screen = open_screen(people.press)
    show(qtbot, runner, screen, View.MONTH, today)
    yesterday = today - timedelta(days=1)
    if CellKey(yesterday) not in screen.grid.cells:  # the first of the month on a Monday
        show(qtbot, runner, screen, View.MONTH, yesterday)
    drop(screen, CellKey(yesterday), oid)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert any("into the past" in n.text for n in bridge.history)
    draft, _ = publishing_desk(ctx).publishing.draft_of(oid)
    assert draft.due_at is not None
    assert (draft.due_at if draft.due_at.tzinfo else draft.due_at.replace(tzinfo=UTC)) == due


def test_clicking_an_entry_opens_it_in_compose(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    day = datetime.now(HELSINKI).date() + timedelta(days=2)
    oid = schedule(ctx, people.press, "Road works.", accounts[Platform.X], local(day, 10, 30))
    screen = open_screen(people.press)
    opened: list[int] = []
    screen.open_in_compose = opened.append
    show(qtbot, runner, screen, View.MONTH, day)
    QTest.mouseClick(screen.grid.cells[CellKey(day)].chips[0], Qt.MouseButton.LeftButton)
    assert opened == [oid]


def test_stop_all_broadcasts_then_a_supervisor_resumes_and_overdue_posts_are_decided(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    desk = publishing_desk(ctx)
    soon = schedule(
        ctx, people.press, "Weekend patrol update.", accounts[Platform.X], datetime.now(UTC) + timedelta(seconds=1)
    )
    later = schedule(
        ctx, people.press, "Road works.", accounts[Platform.MASTODON], datetime.now(UTC) + timedelta(days=2)
    )
    press = open_screen(people.press)
    assert press.stop_button.isEnabled() and not press.stop_button.isHidden()
    asked: list[bool] = []

    def request() -> StopRequest:
        asked.append(True)
        return StopRequest("Major incident in Kallio", "We are aware of an incident in Kallio.", False)

    press.ask_stop = request
    QTest.mouseClick(press.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.incident.current() is not None)
    qtbot.waitUntil(lambda: not press.banner.isHidden(), timeout=3000)
    assert "Major incident in Kallio" in press.banner.text()
    assert press.stop_button.isHidden() and not press.resume_button.isHidden()
    assert not press.resume_button.isEnabled()  # press officers do not resume
    assert asked == [True]
    statement = [
        e
        for e in desk.planning.calendar(datetime.now(UTC) - timedelta(hours=1), datetime.now(UTC) + timedelta(hours=1))
        if e.kind == "holding_statement"
    ]
    assert [e.state for e in statement] == ["scheduled"]  # the holding statement goes out despite the stop

    clock_time.sleep(1.2)  # the first post's time passes during the stop
    supervisor = open_screen(people.supervisor)
    qtbot.waitUntil(supervisor.resume_button.isEnabled, timeout=3000)
    QTest.mouseClick(supervisor.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.incident.current() is None)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert [o.outbound_id for o in supervisor.overdue] == [soon]
    assert desk.publishing.draft_of(later)[1] is OutboundState.SCHEDULED  # future posts go back at once

    press.reload()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert press.overdue_table.rowCount() == 1
    press.all_choice.setCurrentIndex(press.all_choice.findData("publish_now"))
    QTest.mouseClick(press.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert desk.publishing.draft_of(soon)[1] is OutboundState.SCHEDULED
    assert desk.incident.overdue() == []
    qtbot.waitUntil(press.banner.isHidden, timeout=7000)
