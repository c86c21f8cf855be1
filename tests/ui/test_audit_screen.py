"""The Audit screen on a real SQLite desk: the chain's status (OK, then BROKEN after a hand edit), paging,
filters, export and who may see it."""

from __future__ import annotations

import csv
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desk.auth import AuthService, Identity
from desk.context import DeskContext
from desk.roles import Role
from tests.ui.conftest import audit_actions
from tests.ui.publishing_support import screen_services
from ui.audit.screen import PAGE_SIZE, AuditScreen
from ui.messages import MessageBridge
from ui.tasks import TaskRunner

PW = "audit-password-1"
Opener = Callable[[Identity], AuditScreen]


@pytest.fixture
def busy_log(ctx: DeskContext, admin: Identity) -> list[Identity]:
    """Enough people (each addition audited) for more than one page."""
    auth = AuthService(ctx)
    people = [auth.add_user(admin, f"user{n:03d}", f"User {n}", PW, {Role.OFFICER}) for n in range(PAGE_SIZE + 10)]
    people.append(auth.add_user(admin, "sari", "Sari Supervisor", PW, {Role.SUPERVISOR}))
    return people


@pytest.fixture
def open_screen(
    qtbot: QtBot, ctx: DeskContext, runner: TaskRunner, bridge: MessageBridge, ui_state: QSettings
) -> Iterator[Opener]:
    def make(who: Identity) -> AuditScreen:
        screen = AuditScreen(screen_services(ctx, who, runner, bridge, ui_state))
        qtbot.addWidget(screen)
        screen.resize(1200, 700)
        screen.show()
        qtbot.waitUntil(lambda: runner.pending == 0)
        return screen

    yield make
    qtbot.waitUntil(lambda: runner.pending == 0)


def test_ok_then_broken_after_a_hand_edit(
    open_screen: Opener,
    ctx: DeskContext,
    admin: Identity,
    busy_log: list[Identity],
    runner: TaskRunner,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    total = len(audit_actions(ctx))
    screen = open_screen(admin)
    assert screen.status.text() == f"OK: {total} audit entries, chain intact"
    with sqlite3.connect(tmp_path / "desk.sqlite3") as db:
        db.execute("UPDATE audit_entries SET summary = 'nothing to see' WHERE seq = 7")
    db.close()
    screen.verify_button.click()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert screen.status.text().startswith("BROKEN (entry no. 7): entry 7 ")
    assert "edited" in screen.status.text()
    assert "#b42318" in screen.status.styleSheet()


def test_pages_newest_first_and_filters(
    open_screen: Opener, ctx: DeskContext, admin: Identity, busy_log: list[Identity], runner: TaskRunner, qtbot: QtBot
) -> None:
    total = len(audit_actions(ctx))
    screen = open_screen(admin)
    assert screen.model.rowCount() == PAGE_SIZE
    assert screen.position.text() == f"Entries 1–{PAGE_SIZE} of {total}, newest first"
    first_seq = int(screen.model.index(0, 0).data())
    assert first_seq == total
    assert not screen.previous_button.isEnabled() and screen.next_button.isEnabled()
    screen.next_button.click()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert screen.model.rowCount() == total - PAGE_SIZE
    assert int(screen.model.index(0, 0).data()) == total - PAGE_SIZE
    assert not screen.next_button.isEnabled()

    adds = sum(1 for _actor, action in audit_actions(ctx) if action == "user.create")
    assert adds == PAGE_SIZE + 11
    screen.action.setText("user.create")
    screen.apply_filters()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert screen.page is not None and screen.page.total == adds and screen.page.offset == 0
    screen.action.setText("user.*")
    screen.person.setText("nobody-at-all")
    screen.apply_filters()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert screen.model.rowCount() == 0 and screen.position.text() == "No matching entries"


def test_export_writes_the_matching_entries_and_is_audited(
    open_screen: Opener,
    ctx: DeskContext,
    admin: Identity,
    busy_log: list[Identity],
    runner: TaskRunner,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    screen = open_screen(busy_log[-1])  # the supervisor
    path = tmp_path / "exports" / "audit.csv"
    screen.ask_path = lambda: path
    screen.action.setText("user.create")
    screen.export()
    qtbot.waitUntil(lambda: runner.pending == 0)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["action"] for r in rows} == {"user.create"}
    assert len(rows) == sum(1 for _a, action in audit_actions(ctx) if action == "user.create")
    assert audit_actions(ctx)[-1] == ("sari", "audit.export")
    assert screen.status.text().startswith("OK: ")


def test_an_officer_gets_the_refusal(open_screen: Opener, ctx: DeskContext, officer: Identity) -> None:
    before = audit_actions(ctx)
    screen = open_screen(officer)
    assert screen.refused
    assert screen.status.text().startswith("You cannot see the audit log: ")
    assert "olli" in screen.status.text()
    assert screen.model.rowCount() == 0 and not screen.table.isVisibleTo(screen)
    assert not screen.export_button.isEnabled() and not screen.verify_button.isEnabled()
    assert audit_actions(ctx) == before
