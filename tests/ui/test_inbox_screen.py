"""The Inbox screen on a real SQLite desk: paging, filters, search, the keyboard flow and the emergency banner."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from desk.accounts import AccountRecord, AccountService
from desk.auth import Identity
from desk.canned import CannedReplyService
from desk.context import DeskContext
from desk.emergency import EmergencyService
from desk.inbox import InboxFilter, InboxService
from desk.ports import FetchResult, InboundRecord, ItemKind, Platform, Stream
from desk.settings import SettingsService
from desk.storage.models import InboxItem, OutboundItem
from desk.triage import Triage
from ui.inbox.model import COLUMNS, InboxTableModel
from ui.inbox.screen import InboxDeps, InboxScreen
from ui.messages import MessageBridge
from ui.screens import ScreenServices
from ui.shortcuts import ShortcutRegistry
from ui.tasks import TaskRunner

TEXTS = {
    "en": [
        "What time is the station open on Sunday?",
        "My bike was stolen from outside the library yesterday",
        "I saw a suspicious van parked near the school every night this week",
        "The officer was rude to me at the checkpoint, I want to complain",
        "Thanks, the lost dog is home again",
        "Is the road to the harbour still closed after the accident?",
    ],
    "fi": [
        "Milloin poliisiasema on auki lauantaina?",
        "Autostani varastettiin renkaat yöllä Kalliossa",
        "Näin epäilyttävän miehen kurkkimassa ikkunoihin pihalla",
        "Kiitos nopeasta avusta eilen illalla",
        "Onko Mannerheimintie vielä suljettu?",
    ],
    "sv": [
        "När är polisstationen öppen på söndag?",
        "Min cykel blev stulen igår vid stationen",
        "Jag såg en misstänkt bil vid skolan flera kvällar",
        "Tack för hjälpen med den borttappade hunden",
    ],
}
EMERGENCY_TEXT = "Help! Someone is breaking into my house right now, he has a knife"
NAMES = ["Aino Virtanen", "Mikko Korhonen", "Sara Lindqvist", "James Brown", "Emma Wilson", "Oskar Nyström"]
HANDLES = {
    Platform.X: "HelsinkiPolice",
    Platform.FACEBOOK: "Helsingin poliisi",
    Platform.INSTAGRAM: "helsinginpoliisi",
    Platform.MASTODON: "poliisi@social.example",
    Platform.BLUESKY: "poliisi.bsky.social",
}


def capabilities(platform: Any) -> Any:
    """The connectors' declared capabilities (tests may import connectors)."""
    from connectors.registry import capabilities_for

    return capabilities_for(Platform(platform))


def connect_accounts(ctx: DeskContext, admin: Identity) -> dict[Platform, AccountRecord]:
    """One account per platform, connected the way an administrator does it."""
    svc = AccountService(ctx)
    return {
        p: svc.connect(admin, p, handle, handle, "http://127.0.0.1:9", {"token": "t"}) for p, handle in HANDLES.items()
    }


def record(
    platform: Platform,
    n: int,
    text: str,
    when: datetime,
    *,
    lang: str = "en",
    direct: bool = False,
    author: int = 0,
    thread: str | None = None,
) -> InboundRecord:
    """A citizen's message."""
    return InboundRecord(
        platform=platform,
        platform_item_id=f"{platform.value}-{n}",
        kind=ItemKind.DIRECT if direct else ItemKind.MENTION,
        conversation_key=thread or f"{platform.value}-thread-{n}",
        author_id=f"u{author}",
        author_handle=NAMES[author % len(NAMES)].split()[0].lower() + str(author),
        author_name=NAMES[author % len(NAMES)],
        text=text,
        created_at=when,
        lang=lang,
    )


def fill(ctx: DeskContext, inbox: InboxService, accounts: dict[Platform, AccountRecord], n: int, seed: int = 4) -> int:
    """``n`` items over five platforms and three languages, spread over the last days; returns the count."""
    rnd = random.Random(seed)
    now = ctx.clock.now()
    batches: dict[Platform, list[InboundRecord]] = {p: [] for p in accounts}
    platforms = list(accounts)
    for i in range(n):
        p = platforms[i % len(platforms)]
        lang = rnd.choice(["en", "en", "fi", "fi", "sv"])
        text = rnd.choice(TEXTS[lang])
        when = now - timedelta(minutes=5 + i * 7 + rnd.randint(0, 5))
        direct = p in (Platform.FACEBOOK, Platform.X) and i % 3 == 0
        batches[p].append(record(p, i, text, when, lang=lang, direct=direct, author=rnd.randint(0, 40)))
    for p, recs in batches.items():
        stream = Stream.DIRECT if any(r.kind is ItemKind.DIRECT for r in recs) else Stream.MENTIONS
        inbox.ingest(accounts[p], stream, FetchResult(tuple(sorted(recs, key=lambda r: r.created_at)), None))
    return n


@pytest.fixture(scope="module")
def triage() -> Triage:
    """The real rule set, loaded once."""
    return Triage.load()


@pytest.fixture
def deps(ctx: DeskContext, triage: Triage) -> InboxDeps:
    """The inbox's services on the test desk."""
    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    canned = CannedReplyService(ctx)
    canned.seed_defaults()
    return InboxDeps(inbox, EmergencyService(ctx, inbox), canned, capabilities)


@pytest.fixture
def services(
    ctx: DeskContext, officer: Identity, runner: TaskRunner, bridge: MessageBridge, ui_state: QSettings
) -> ScreenServices:
    """What the window gives a screen, signed in as an officer."""
    return ScreenServices(ctx, officer, runner, bridge, ShortcutRegistry(), SettingsService(ctx).load(), ui_state)


@pytest.fixture
def accounts(ctx: DeskContext, admin: Identity) -> dict[Platform, AccountRecord]:
    """Five connected accounts."""
    return connect_accounts(ctx, admin)


@pytest.fixture
def screen(qtbot: Any, services: ScreenServices, deps: InboxDeps) -> Iterator[InboxScreen]:
    """The screen, shown, with its first page loaded."""
    widget = InboxScreen(services, deps)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    yield widget
    widget.shutdown()
    wait_idle(qtbot, services.runner)


def wait_idle(qtbot: Any, runner: TaskRunner, model: InboxTableModel | None = None) -> None:
    """Until every task has delivered its outcome (and the model has its full count)."""
    qtbot.waitUntil(lambda: runner.pending == 0 and (model is None or not model.loading), timeout=5000)


def test_model_pages_over_many_rows_and_keeps_only_a_few_pages(
    qtbot: Any, ctx: DeskContext, deps: InboxDeps, accounts: Any, runner: TaskRunner
) -> None:
    fill(ctx, deps.inbox, accounts, 1200)
    model = InboxTableModel(runner, deps.inbox.page, deps.inbox.count, ctx.clock.now, page_size=100, max_pages=3)
    model.set_filter(InboxFilter())
    wait_idle(qtbot, runner, model)
    assert model.rowCount() == 1200 and model.columnCount() == len(COLUMNS)
    assert model.cached_pages() == [0]
    # an uncached row shows a placeholder and asks for its page
    assert model.data(model.index(1150, COLUMNS.index("text"))) == "…"
    wait_idle(qtbot, runner, model)
    assert 11 in model.cached_pages()
    seen: list[int] = []
    for row in (0, 250, 550, 1150, 1199):
        model.row_at(row)
        wait_idle(qtbot, runner, model)
        r = model.row_at(row)
        assert r is not None
        seen.append(r.id)
    assert len(model.cached_pages()) <= 3
    # the rows are the service's own rows at the same offsets, newest first
    expected = [deps.inbox.page(InboxFilter(), off, 1)[0].id for off in (0, 250, 550, 1150, 1199)]
    assert seen == expected
    times = [deps.inbox.page(InboxFilter(), off, 1)[0].created_at for off in (0, 1199)]
    assert times[0] >= times[1]


def test_filters_and_search_update_the_view(
    qtbot: Any, ctx: DeskContext, deps: InboxDeps, accounts: Any, screen: InboxScreen, runner: TaskRunner
) -> None:
    fill(ctx, deps.inbox, accounts, 300)
    screen.apply_filters()
    wait_idle(qtbot, runner, screen.model)
    assert screen.model.rowCount() == 300
    screen.platform.setCurrentIndex(screen.platform.findData("mastodon"))
    wait_idle(qtbot, runner, screen.model)
    assert screen.model.rowCount() == 60
    assert {screen.model.row_at(i).platform for i in range(60)} == {"mastodon"}  # type: ignore[union-attr]
    screen.platform.setCurrentIndex(0)
    screen.triage.setCurrentIndex(screen.triage.findData("crime_report"))
    wait_idle(qtbot, runner, screen.model)
    crimes = screen.model.rowCount()
    with ctx.sessions() as s:
        assert crimes == len(s.scalars(select(InboxItem.id).where(InboxItem.triage_label == "crime_report")).all())
    assert 0 < crimes < 300
    screen.triage.setCurrentIndex(0)
    qtbot.keyClicks(screen.search, "stulen")
    screen.apply_filters()
    wait_idle(qtbot, runner, screen.model)
    n = screen.model.rowCount()
    with ctx.sessions() as s:
        texts = s.scalars(select(InboxItem.text)).all()
    assert n == sum("stulen" in t for t in texts) and n > 0
    rows = [screen.model.row_at(i) for i in range(n)]
    assert all(r is not None and "stulen" in r.snippet for r in rows)
    stamps = [r.created_at for r in rows if r is not None]
    assert stamps == sorted(stamps, reverse=True)  # newest first


def _key(
    qtbot: Any, screen: InboxScreen, key: Qt.Key, text: str = "", mod: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    target = screen.focusWidget() or screen.table
    qtbot.keyClick(target, key, mod)


def test_keyboard_flow_triage_assign_canned_reply_note_tag_close(
    qtbot: Any,
    ctx: DeskContext,
    deps: InboxDeps,
    accounts: Any,
    screen: InboxScreen,
    runner: TaskRunner,
    officer: Identity,
) -> None:
    fill(ctx, deps.inbox, accounts, 40)
    screen._load_lookups()
    screen.apply_filters()
    wait_idle(qtbot, runner, screen.model)
    screen.activateWindow()
    screen.table.setFocus()
    qtbot.waitUntil(screen.table.hasFocus, timeout=2000)
    screen.table.setCurrentIndex(screen.model.index(0, 0))
    # from the first row: j twice, k once gives the second row
    for key in (Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_K):
        qtbot.keyClick(screen.table, key)
    assert screen.table.currentIndex().row() == 1
    wait_idle(qtbot, runner, screen.model)
    row = screen.model.row_at(1)
    assert row is not None and screen.current_id == row.conversation_id
    cid = row.conversation_id
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.summary.id == cid, timeout=3000)
    # a: the assignment box; Down to the officer, Enter assigns
    qtbot.keyClick(screen.table, Qt.Key.Key_A)
    assert screen.pane.assign.hasFocus()
    target = screen.pane.assign.findData(f"user:{officer.user_id}")
    assert target > 0
    while screen.pane.assign.currentIndex() < target:
        qtbot.keyClick(screen.pane.assign, Qt.Key.Key_Down)
    qtbot.keyClick(screen.pane.assign, Qt.Key.Key_Return)
    wait_idle(qtbot, runner, screen.model)
    assert deps.inbox.conversation(cid).summary.assignee_user_id == officer.user_id  # type: ignore[arg-type]
    # Ctrl+K: canned reply; Down to the first, Enter puts it in the reply box with the variables filled
    qtbot.keyClick(screen.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert screen.pane.canned.hasFocus()
    qtbot.keyClick(screen.pane.canned, Qt.Key.Key_Down)
    chosen = screen.pane.canned.currentData()
    qtbot.keyClick(screen.pane.canned, Qt.Key.Key_Return)
    body = screen.pane.reply.toPlainText()
    assert body and "{" not in body and screen.pane.reply.hasFocus()
    # Ctrl+Enter sends: the reply is queued on the conversation with the canned reply's id
    qtbot.keyClick(screen.pane.reply, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_idle(qtbot, runner, screen.model)
    assert screen.pane.problem.text() == ""
    with ctx.sessions() as s:
        out = s.scalars(select(OutboundItem).where(OutboundItem.conversation_id == cid)).all()
        assert [o.text for o in out] == [body]
    assert screen.pane.reply.toPlainText() == ""
    # n: a note; t: a tag; c: close
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_N)
    assert screen.pane.note_edit.hasFocus()
    qtbot.keyClicks(screen.pane.note_edit, "Called back, all fine")
    qtbot.keyClick(screen.pane.note_edit, Qt.Key.Key_Return)
    qtbot.keyClick(screen.pane.note_edit, Qt.Key.Key_Escape)
    assert screen.table.hasFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_T)
    qtbot.keyClicks(screen.pane.tag_edit, "bikes")
    qtbot.keyClick(screen.pane.tag_edit, Qt.Key.Key_Return)
    qtbot.keyClick(screen.pane.tag_edit, Qt.Key.Key_Escape)
    qtbot.keyClick(screen.table, Qt.Key.Key_C)
    wait_idle(qtbot, runner, screen.model)
    detail = deps.inbox.conversation(cid)  # type: ignore[arg-type]
    assert [n.text for n in detail.notes] == ["Called back, all fine"]
    assert detail.tags == ("bikes",)
    assert detail.summary.status == "closed"
    assert chosen is not None and any(e.kind for e in detail.events)
    # every key of the flow is in the shortcut registry, so the help lists it
    ids = {e.id for e in screen.services.shortcuts.entries()}
    for sid in ("inbox.next", "inbox.previous", "inbox.reply", "inbox.assign", "inbox.note", "inbox.tag",
                "inbox.close", "inbox.open", "inbox.waiting", "inbox.search", "inbox.send", "inbox.back",
                "inbox.down", "inbox.up"):  # fmt: skip
        assert sid in ids


def test_search_key_and_a_refused_reply_keeps_the_text(
    qtbot: Any, ctx: DeskContext, deps: InboxDeps, accounts: Any, screen: InboxScreen, runner: TaskRunner
) -> None:
    fill(ctx, deps.inbox, accounts, 10)
    screen.apply_filters()
    wait_idle(qtbot, runner, screen.model)
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Slash)
    assert screen.search.hasFocus()
    qtbot.keyClick(screen.search, Qt.Key.Key_Escape)
    qtbot.keyClick(screen.table, Qt.Key.Key_J)
    wait_idle(qtbot, runner, screen.model)
    qtbot.waitUntil(lambda: screen.detail is not None, timeout=3000)
    assert screen.detail is not None
    too_long = "x" * 70_000
    screen.pane.reply.setPlainText(too_long)
    assert not screen.pane.send.isEnabled()
    assert "70000" in screen.pane.counter.text()
    screen._send(too_long, screen.pane.private.isChecked(), None)
    wait_idle(qtbot, runner, screen.model)
    assert screen.pane.problem.text()  # says why
    assert screen.pane.reply.toPlainText() == too_long  # and loses nothing


def test_emergency_banner_appears_within_one_poll_and_is_acknowledged(
    qtbot: Any,
    ctx: DeskContext,
    deps: InboxDeps,
    accounts: Any,
    screen: InboxScreen,
    runner: TaskRunner,
    bridge: MessageBridge,
) -> None:
    screen.poll_timer.stop()  # the test drives the polls itself, one at a time
    fill(ctx, deps.inbox, accounts, 5)
    screen.poll()
    wait_idle(qtbot, runner, screen.model)
    assert screen.banner.isHidden()
    polls = screen.polls
    rec = record(Platform.X, 999, EMERGENCY_TEXT, ctx.clock.now(), author=3)
    deps.inbox.ingest(accounts[Platform.X], Stream.MENTIONS, FetchResult((rec,), None))
    screen.poll()
    wait_idle(qtbot, runner, screen.model)
    assert screen.polls == polls + 1
    assert not screen.banner.isHidden()
    assert "breaking into" in screen.banner.text.text()
    assert any("Emergency" in n.text for n in bridge.history)  # the desktop notification goes through the bridge
    # one click: the reply pointing to the emergency number is queued
    emergency_id = screen.banner.current.id  # type: ignore[union-attr]
    qtbot.mouseClick(screen.banner.reply_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner, screen.model)
    number = screen.services.settings.station.emergency_number
    with ctx.sessions() as s:
        texts = s.scalars(select(OutboundItem.text)).all()
    assert any(number in t for t in texts)
    qtbot.mouseClick(screen.banner.ack_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner, screen.model)
    assert deps.emergencies.get(emergency_id).acknowledged_by == screen.identity.user_id
    assert not screen.banner.isHidden() and not screen.banner.ack_button.isEnabled()
    qtbot.keyClicks(screen.banner.handover_note, "112 told by phone, ref 4411")
    qtbot.mouseClick(screen.banner.handover_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, runner, screen.model)
    assert deps.emergencies.get(emergency_id).handover_note == "112 told by phone, ref 4411"
    assert screen.banner.isHidden()


def test_the_window_finds_both_screens_by_their_packages(
    qtbot: Any, services: ScreenServices, runner: TaskRunner
) -> None:
    from ui import screens

    for sid, kind in (("inbox", InboxScreen), ("feeds", None)):
        screens.unregister_screen(sid)
        screens._loaded.discard(sid)
        screens.load_screen_package(sid)
        factory = screens.factory_for(sid)
        assert factory is not None
        widget = factory(services)
        qtbot.addWidget(widget)
        if kind is not None:
            assert isinstance(widget, kind)
        widget.shutdown()  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
        screens.unregister_screen(sid)


def test_the_views_list_is_wide_enough_for_every_name_and_count(
    qtbot: Any, ctx: DeskContext, deps: InboxDeps, accounts: Any, screen: InboxScreen, runner: TaskRunner
) -> None:
    from PySide6.QtGui import QFontMetrics

    fill(ctx, deps.inbox, accounts, 60)
    deps.inbox.save_view(screen.identity, "Kallio and Sörnäinen, new", InboxFilter(statuses=("new",)))
    screen.refresh_views()
    wait_idle(qtbot, runner)
    texts = [screen.views.item(i).text() for i in range(screen.views.count())]
    assert any(t.startswith("Kallio and Sörnäinen, new  (") for t in texts)  # a long name with its count
    metrics = QFontMetrics(screen.views.font())
    widest = max(metrics.horizontalAdvance(t) for t in texts)
    assert screen.views.viewport().width() >= widest, (screen.views.viewport().width(), widest, texts)
