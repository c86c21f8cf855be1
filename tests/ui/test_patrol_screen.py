"""The Patrol log screen on a real SQLite desk: start a shift, entries saved at once, publishing state, end."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from desk.accounts import AccountRecord
from desk.auth import Identity
from desk.context import DeskContext
from desk.patrol import PatrolMode
from desk.ports import Platform
from tests.ui.publishing_support import People, add_people, connect_accounts, screen_services
from ui.compose.services import publishing_desk
from ui.messages import MessageBridge
from ui.patrol.screen import PatrolScreen
from ui.tasks import TaskRunner

COFFEE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "images" / "coffee.png"
Opener = Callable[[Identity], PatrolScreen]


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
    def make(who: Identity) -> PatrolScreen:
        screen = PatrolScreen(screen_services(ctx, who, runner, bridge, ui_state))
        qtbot.addWidget(screen)
        screen.show()
        qtbot.waitUntil(lambda: runner.pending == 0)
        return screen

    yield make
    qtbot.waitUntil(lambda: runner.pending == 0)


def start(qtbot: QtBot, runner: TaskRunner, screen: PatrolScreen, accounts: list[AccountRecord], *, live: bool) -> None:
    screen.shift_title.setText("Night patrol, Kallio")
    screen.shift_area.setText("Kallio")
    (screen.mode_live if live else screen.mode_summary).setChecked(True)
    for acc in accounts:
        screen.account_boxes[acc.id].setChecked(True)
    QTest.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0)


def add(qtbot: QtBot, runner: TaskRunner, screen: PatrolScreen, text: str) -> None:
    screen.entry_text.setPlainText(text)
    QTest.mouseClick(screen.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0)


def test_a_shift_needs_a_title_and_accounts(
    qtbot: QtBot, open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord], runner: TaskRunner
) -> None:
    screen = open_screen(people.officer)
    assert screen.pages.currentIndex() == 0
    QTest.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert "title" in screen.start_message.text()
    screen.shift_title.setText("Day patrol")
    QTest.mouseClick(screen.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert "where the log is published" in screen.start_message.text()
    assert screen.pages.currentIndex() == 0


def test_live_entries_are_saved_at_once_and_wait_for_approval(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    screen = open_screen(people.officer)
    start(qtbot, runner, screen, [accounts[Platform.X], accounts[Platform.MASTODON]], live=True)
    assert screen.pages.currentIndex() == 1
    assert screen.shift is not None and screen.shift.mode is PatrolMode.LIVE
    add(qtbot, runner, screen, "Quiet start. Checked the park by the library.")
    add(qtbot, runner, screen, "Helped a lost tourist find the night bus.")
    saved = publishing_desk(ctx).patrol.shift(screen.shift.id)
    assert [e.text for e in saved.entries] == [
        "Quiet start. Checked the park by the library.",
        "Helped a lost tourist find the night bus.",
    ]
    assert all(e.outbound_id is not None for e in saved.entries)
    assert screen.entries.rowCount() == 2
    newest = screen.entries.item(0, 2)
    status = screen.entries.item(0, 3)
    assert newest is not None and newest.text() == "Helped a lost tourist find the night bus."
    assert status is not None and status.text() == "awaiting approval"  # an officer's posts need approval
    assert screen.entry_text.toPlainText() == ""
    assert "Entry saved at" in screen.note.text()


def test_an_entry_the_guard_refuses_is_still_saved_in_the_log(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    screen = open_screen(people.press)
    start(qtbot, runner, screen, [accounts[Platform.X]], live=True)
    add(qtbot, runner, screen, "Stopped a car with plate ABC-123 on Hämeentie")
    assert screen.entry_text.highlighted_spans() == [(25, 32, "ABC-123")]
    assert "vehicle_plate" in screen.message.text()
    assert "saved in the log but was not published" in screen.note.text()
    assert screen.shift is not None
    saved = publishing_desk(ctx).patrol.shift(screen.shift.id)
    assert [e.text for e in saved.entries] == ["Stopped a car with plate ABC-123 on Hämeentie"]
    assert screen.entry_text.toPlainText() != ""  # kept for the officer to fix


def test_summary_shift_publishes_a_thread_at_the_end_with_a_cleaned_photo(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    screen = open_screen(people.press)
    start(qtbot, runner, screen, [accounts[Platform.MASTODON]], live=False)
    item = screen.photos.add_bytes(COFFEE.read_bytes(), "coffee.png")
    qtbot.waitUntil(lambda: item.photo is not None, timeout=10000)
    add(qtbot, runner, screen, "Coffee with the neighbourhood watch.")
    assert "needs alt text" in screen.message.text()  # nothing saved without alt text
    assert item.row is not None
    item.row.alt.setText("A cup of coffee on a saucer")
    add(qtbot, runner, screen, "Coffee with the neighbourhood watch.")
    status = screen.entries.item(0, 3)
    assert status is not None and "end-of-shift summary" in status.text()
    assert screen.shift is not None
    shift_id = screen.shift.id
    saved = publishing_desk(ctx).patrol.shift(shift_id)
    assert len(saved.entries) == 1 and saved.entries[0].media[0].alt_text == "A cup of coffee on a saucer"
    screen.confirm_end = lambda: True
    QTest.mouseClick(screen.end_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0)
    ended = publishing_desk(ctx).patrol.shift(shift_id)
    assert ended.ended_at is not None
    assert screen.pages.currentIndex() == 0
    assert "the summary goes out as 1 post(s)" in screen.note.text()
    now = datetime.now(UTC)
    planned = publishing_desk(ctx).planning.calendar(now - timedelta(hours=1), now + timedelta(hours=1))
    summary = [e for e in planned if e.kind == "patrol_log"]
    assert [(e.state, e.platforms) for e in summary] == [("scheduled", ("mastodon",))]
    assert summary[0].text.startswith("Night patrol, Kallio")


def test_offline_a_live_entry_is_kept_and_waits_to_be_sent(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    screen = open_screen(people.press)
    start(qtbot, runner, screen, [accounts[Platform.MASTODON]], live=True)
    add(qtbot, runner, screen, "Checked the playground by the school: all quiet.")
    # Nothing listens on the accounts' address (127.0.0.1:9): the platform cannot be reached.
    outcomes = publishing_desk(ctx).publisher().run_due()
    assert [o.state.value for o in outcomes] == ["pending"]
    screen.reload()
    qtbot.waitUntil(lambda: runner.pending == 0)
    status = screen.entries.item(0, 3)
    assert status is not None and status.text() == "saved; waiting to be sent"
