"""The Compose screen on a real SQLite desk: counters, guard spans, roles, overrides, validation, photos."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desk.accounts import AccountRecord, AccountService
from desk.auth import Identity
from desk.context import DeskContext
from desk.ports import Platform, ReplyPolicy
from desk.storage.models import AccountStatus, Delivery, DeliveryState, OutboundState
from tests.ui.conftest import audit_actions
from tests.ui.publishing_support import People, add_people, connect_accounts, screen_services
from ui.compose.screen import ComposeScreen
from ui.messages import MessageBridge
from ui.tasks import TaskRunner

Opener = Callable[[Identity], ComposeScreen]
ASTRONAUT = Path(__file__).resolve().parents[3] / "shared" / "reference" / "images" / "astronaut.png"


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
    def make(who: Identity) -> ComposeScreen:
        screen = ComposeScreen(screen_services(ctx, who, runner, bridge, ui_state))
        qtbot.addWidget(screen)
        qtbot.waitUntil(lambda: len(screen.account_boxes) == 4)
        qtbot.waitUntil(lambda: runner.pending == 0)
        return screen

    yield make
    qtbot.waitUntil(lambda: runner.pending == 0)


def tick(screen: ComposeScreen, *accounts: AccountRecord) -> None:
    for acc in accounts:
        screen.account_boxes[acc.id].setChecked(True)


def submitted(qtbot: QtBot, screen: ComposeScreen, runner: TaskRunner) -> None:
    QTest.mouseClick(screen.submit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0)


def test_typing_updates_every_counter_as_each_platform_counts(
    qtbot: QtBot, open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord]
) -> None:
    screen = open_screen(people.press)
    tick(screen, *accounts.values())
    QTest.keyClicks(screen.editor, "Hi ")
    assert screen.counters.text_of(accounts[Platform.X].id) == "3/280"
    screen.editor.insertPlainText("👋🏽 https://example.org/x")
    # Worked by hand: the waving hand with a skin tone is 2 code points, 1 grapheme, 8 UTF-8 bytes;
    # X weighs an emoji 2 and any URL 23; Mastodon counts code points with URLs as 23.
    assert screen.counters.text_of(accounts[Platform.X].id) == "29/280"
    assert screen.counters.text_of(accounts[Platform.MASTODON].id) == "29/500"
    assert screen.counters.text_of(accounts[Platform.BLUESKY].id) == "26/300 · 33/3000 bytes"
    assert screen.counters.text_of(accounts[Platform.FACEBOOK].id) == "27/63206"
    # A variant counts on its own; the others still count the main text.
    screen.cards[accounts[Platform.MASTODON].id].variant.setPlainText("Short")
    assert screen.counters.text_of(accounts[Platform.MASTODON].id) == "5/500"
    assert screen.counters.text_of(accounts[Platform.X].id) == "29/280"


def test_too_long_for_x_asks_for_a_thread_and_the_preview_numbers_it(
    open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord]
) -> None:
    screen = open_screen(people.press)
    tick(screen, accounts[Platform.X])
    screen.editor.setPlainText("Road works on the ring road all week. " * 10)
    screen.run_guard_now()
    assert not screen.submit_button.isEnabled()
    assert any("Too long for X" in p for p in screen.problems())
    screen.thread_box.setChecked(True)
    assert screen.submit_button.isEnabled()
    preview = screen.cards[accounts[Platform.X].id].preview.text()
    assert "1/2" in preview and "2/2" in preview


def test_guard_marks_the_exact_characters_of_a_hit(
    open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord]
) -> None:
    screen = open_screen(people.officer)
    tick(screen, accounts[Platform.X])
    screen.editor.setPlainText("🚓 Call 040 123 4567 now")
    screen.run_guard_now()
    spans = screen.editor.highlighted_spans()
    # The police car is one code point but two UTF-16 units: "🚓 Call " is 8 units in Qt.
    assert spans == [(8, 20, "040 123 4567")]
    hit = screen.editor.hit_at(10)
    assert hit is not None and hit.kind.value == "phone"
    assert screen.editor.hit_at(7) is None
    assert "phone" in screen.findings.text()


def test_a_guard_hit_blocks_submit_and_nothing_is_queued(
    qtbot: QtBot, open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord], runner: TaskRunner
) -> None:
    screen = open_screen(people.officer)
    tick(screen, accounts[Platform.X])
    screen.editor.setPlainText("Seen near Mannerheimintie 12 A 5, call 040 123 4567")
    screen.run_guard_now()
    assert not screen.submit_button.isEnabled()
    assert screen.override_button.isHidden()  # officers cannot override
    screen.submit()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert "privacy guard" in screen.message.text()
    assert screen.desk.publishing.awaiting_approval() == []


def test_a_supervisor_overrides_with_a_reason_that_is_audited(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    screen = open_screen(people.supervisor)
    tick(screen, accounts[Platform.MASTODON])
    screen.editor.setPlainText("The harbour office answers on 040 123 4567 today.")
    screen.run_guard_now()
    assert not screen.submit_button.isEnabled()
    assert not screen.override_button.isHidden()
    asked: list[int] = []

    def reason(hits: object) -> str:
        asked.append(len(hits))  # type: ignore[arg-type]
        return "Published number of the harbour office, agreed with them"

    screen.ask_override = reason
    QTest.mouseClick(screen.override_button, Qt.MouseButton.LeftButton)
    assert asked == [1]
    assert screen.submit_button.isEnabled()
    submitted(qtbot, screen, runner)
    assert screen.last_outcome is not None and screen.last_outcome.state is OutboundState.SCHEDULED
    assert ("sari", "guard.override") in audit_actions(ctx)


def test_submit_says_scheduled_or_awaiting_approval_by_role(
    qtbot: QtBot, open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord], runner: TaskRunner
) -> None:
    officer = open_screen(people.officer)
    assert officer.submit_button.text() == "Send for approval"
    tick(officer, accounts[Platform.X], accounts[Platform.BLUESKY])
    officer.editor.setPlainText("Bike marking at Kallio station on Saturday.")
    officer.run_guard_now()
    submitted(qtbot, officer, runner)
    assert officer.last_outcome is not None and officer.last_outcome.state is OutboundState.AWAITING_APPROVAL
    assert "Sent for approval" in officer.result.text()
    assert officer.editor.toPlainText() == ""
    assert officer.approvals.count() == 1 and "(yours" in officer.approvals.item(0).text()
    assert officer.approve_button.isHidden()

    press = open_screen(people.press)
    assert press.submit_button.text() == "Schedule"
    assert press.approvals.count() == 1
    press.approvals.setCurrentRow(0)
    assert press.approve_button.isEnabled()
    QTest.mouseClick(press.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert press.approvals.count() == 0
    tick(press, accounts[Platform.MASTODON])
    press.editor.setPlainText("Speed checks on Ring I this week.")
    press.run_guard_now()
    submitted(qtbot, press, runner)
    assert press.last_outcome is not None and press.last_outcome.state is OutboundState.SCHEDULED
    assert press.result.text().startswith("Scheduled for")


def test_clear_messages_for_what_cannot_be_queued(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    screen = open_screen(people.press)
    assert "Choose at least one account." in screen.problems()
    tick(screen, accounts[Platform.X])
    assert "Write the post." in screen.problems()
    screen.editor.setPlainText("Lost property office closed on Friday.")
    screen.run_guard_now()
    past = datetime.now(UTC) - timedelta(hours=2)
    screen.due.setDateTime(QDateTime.fromSecsSinceEpoch(int(past.timestamp())))
    assert screen.when_at.isChecked()
    submitted(qtbot, screen, runner)
    assert "in the past" in screen.message.text()
    screen.when_now.setChecked(True)
    AccountService(ctx).set_status(accounts[Platform.X].id, AccountStatus.NEEDS_RECONNECT, "token expired")
    submitted(qtbot, screen, runner)
    assert "needs reconnecting" in screen.message.text()
    assert screen.editor.toPlainText() == "Lost property office closed on Friday."  # nothing lost


def test_unconfirmed_deliveries_say_check_before_resending(
    qtbot: QtBot,
    ctx: DeskContext,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
    runner: TaskRunner,
) -> None:
    screen = open_screen(people.press)
    tick(screen, accounts[Platform.X])
    screen.editor.setPlainText("Traffic diversion on Hämeentie tonight.")
    screen.run_guard_now()
    submitted(qtbot, screen, runner)
    with ctx.transaction() as session:  # the publisher lost the answer after sending
        session.execute(update(Delivery).values(state=DeliveryState.UNCONFIRMED.value, error_message="timed out"))
    screen.reload_lists()
    qtbot.waitUntil(lambda: runner.pending == 0)
    state = screen.deliveries.item(0, 1)
    assert state is not None and state.text() == "Check before re-sending"
    assert "1 to check" in screen.tabs.tabText(2)
    assert not screen.check_button.isEnabled()
    screen.deliveries.selectRow(0)
    assert screen.check_button.isEnabled()


def test_photos_are_cleaned_need_alt_text_and_the_review_can_leave_a_face_sharp(
    qtbot: QtBot, open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord], runner: TaskRunner
) -> None:
    screen = open_screen(people.press)
    tick(screen, accounts[Platform.MASTODON])
    screen.editor.setPlainText("Open day at the station.")
    screen.run_guard_now()
    item = screen.photos.add_bytes(ASTRONAUT.read_bytes(), "astronaut.png")
    assert "astronaut.png is still being cleaned." in screen.problems()
    qtbot.waitUntil(lambda: item.photo is not None, timeout=10000)
    assert item.photo is not None and len(item.photo.blurred) == 1
    assert "Smallest face" in item.row.notes.text()  # type: ignore[union-attr]
    assert "astronaut.png needs alt text." in screen.problems()
    item.row.alt.setText("An astronaut in an orange suit")  # type: ignore[union-attr]
    assert screen.problems() == []

    def untick_face(dialog: object) -> int:
        canvas = dialog.canvas  # type: ignore[attr-defined]
        canvas.resize(400, 400)
        centre = canvas.widget_rect(canvas.regions[0].region).center().toPoint()
        QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=centre)
        assert canvas.regions[0].blur is False
        return 1

    screen.photos.open_review = untick_face
    screen.photos.review(item)
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=10000)
    assert item.photo is not None and len(item.photo.blurred) == 0


def test_an_unreadable_photo_gets_a_clear_message(
    qtbot: QtBot, open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord], runner: TaskRunner
) -> None:
    screen = open_screen(people.press)
    item = screen.photos.add_bytes(b"this is not an image", "notes.txt")
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert item.error is not None and "not a photo the desk can read" in item.error
    assert any("notes.txt" in p for p in screen.problems())


def test_a_mastodon_instance_limit_reaches_its_counter(
    qtbot: QtBot, ctx: DeskContext, open_screen: Opener, people: People, accounts: dict[Platform, AccountRecord]
) -> None:
    from connectors.mastodon import parse_instance_capabilities
    from desk.accounts import remember_capabilities

    masto = accounts[Platform.MASTODON]
    instance = {"configuration": {"statuses": {"max_characters": 5000}}}
    remember_capabilities(ctx, masto.id, parse_instance_capabilities(instance))
    screen = open_screen(people.press)
    tick(screen, masto, accounts[Platform.X])
    QTest.keyClicks(screen.editor, "Hello")
    assert screen.counters.text_of(masto.id) == "5/5000"
    assert screen.counters.text_of(accounts[Platform.X].id) == "5/280"


def test_who_may_reply_is_chosen_where_every_platform_enforces_it_and_kept_on_the_post(
    qtbot: QtBot,
    ctx: DeskContext,
    runner: TaskRunner,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
) -> None:
    from sqlalchemy import select

    from desk.publishing import reply_policy_of
    from desk.storage.models import OutboundItem

    screen = open_screen(people.press)
    tick(screen, accounts[Platform.X], accounts[Platform.MASTODON])
    assert not screen.reply_policy.isEnabled()  # Mastodon has no reply settings
    screen.account_boxes[accounts[Platform.MASTODON].id].setChecked(False)
    assert screen.reply_policy.isEnabled()
    screen.reply_policy.setCurrentIndex(screen.reply_policy.findData("mentioned"))
    screen.editor.setPlainText("Road closed on Mannerheimintie until 18:00.")
    screen.run_guard_now()
    submitted(qtbot, screen, runner)
    assert screen.last_outcome is not None, screen.message.text()
    with ctx.sessions() as session:
        details = session.scalars(select(OutboundItem.details).order_by(OutboundItem.id.desc())).first()
    assert details is not None and reply_policy_of(details) is ReplyPolicy.MENTIONED


def test_urgent_is_kept_on_the_post_and_comes_back_when_it_is_opened_again(
    qtbot: QtBot,
    ctx: DeskContext,
    runner: TaskRunner,
    open_screen: Opener,
    people: People,
    accounts: dict[Platform, AccountRecord],
) -> None:
    from sqlalchemy import select

    from desk.reserve import is_urgent
    from desk.storage.models import OutboundItem

    screen = open_screen(people.press)
    tick(screen, accounts[Platform.X])
    screen.urgent_box.setChecked(True)
    screen.reply_policy.setCurrentIndex(screen.reply_policy.findData("mentioned"))
    screen.editor.setPlainText("Motorway closed northbound after a serious crash: use the ring road.")
    screen.run_guard_now()
    submitted(qtbot, screen, runner)
    assert screen.last_outcome is not None, screen.message.text()
    assert not screen.urgent_box.isChecked()  # a fresh post starts without it
    with ctx.sessions() as session:
        oid, details = session.execute(
            select(OutboundItem.id, OutboundItem.details).order_by(OutboundItem.id.desc())
        ).first()  # type: ignore[misc]
    assert is_urgent(details)
    screen.open_post(oid)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert screen.urgent_box.isChecked()
    assert screen.reply_policy.currentData() == "mentioned"
