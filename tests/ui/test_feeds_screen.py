"""The Feeds screen on a real SQLite desk with an in-test connector: columns, refresh, new posts, alerts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from desk.accounts import AccountRecord, AccountService
from desk.auth import Identity
from desk.context import DeskContext
from desk.feeds import MIN_INTERVAL, FeedService
from desk.ports import (
    Capabilities,
    FeedColumnSpec,
    FeedKind,
    FeedPage,
    FeedPost,
    Platform,
    RateLimited,
    TextCounting,
)
from desk.settings import SettingsService
from ui.feeds.screen import FeedsScreen
from ui.messages import MessageBridge
from ui.screens import ScreenServices
from ui.shortcuts import ShortcutRegistry
from ui.tasks import TaskRunner


class FakeFeedConnector:
    """The feed part of the port, answering from a list the test edits."""

    def __init__(self, account: AccountRecord) -> None:
        self.account = account.ref()
        self.capabilities = Capabilities(account.platform, 500, TextCounting.CODE_POINTS)
        self.posts: list[FeedPost] = []
        self.fail: Exception | None = None
        self.calls = 0

    def fetch_feed(self, column: FeedColumnSpec, cursor: str | None = None, limit: int = 50) -> FeedPage:
        self.calls += 1
        if self.fail is not None:
            raise self.fail
        return FeedPage(tuple(self.posts), None)


@pytest.fixture
def setup(ctx: DeskContext, admin: Identity, officer: Identity) -> dict[str, Any]:
    acc = AccountService(ctx).connect(
        admin, Platform.BLUESKY, "poliisi.bsky.social", "Poliisi", "http://127.0.0.1:9", {"t": "t"}
    )
    fake = FakeFeedConnector(acc)
    clock = ctx.clock
    feeds = FeedService(ctx, lambda _aid: (acc, fake))  # type: ignore[arg-type,return-value]
    return {"acc": acc, "fake": fake, "feeds": feeds, "clock": clock}


@pytest.fixture
def screen(
    qtbot: Any, ctx: DeskContext, officer: Identity, runner: TaskRunner, bridge: MessageBridge, ui_state: QSettings,
    setup: dict[str, Any],
) -> Iterator[FeedsScreen]:  # fmt: skip
    services = ScreenServices(ctx, officer, runner, bridge, ShortcutRegistry(), SettingsService(ctx).load(), ui_state)
    w = FeedsScreen(services, setup["feeds"])
    qtbot.addWidget(w)
    w.resize(1200, 700)
    w.show()
    yield w
    w.shutdown()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)


def idle(qtbot: Any, runner: TaskRunner) -> None:
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)


def post(clock: Any, pid: str, text: str, minutes: float = 1) -> FeedPost:
    return FeedPost(Platform.BLUESKY, pid, "someone", "Some One", text, clock.now() + timedelta(minutes=minutes),
                    url=f"https://bsky.app/profile/someone/post/{pid}")  # fmt: skip


@pytest.mark.allow_log_warnings
def test_columns_refresh_mark_new_posts_reorder_and_alert(
    qtbot: Any, screen: FeedsScreen, runner: TaskRunner, setup: dict[str, Any], bridge: MessageBridge
) -> None:
    fake: FakeFeedConnector = setup["fake"]
    clock = setup["clock"]
    fake.posts = [post(clock, "a", "Good morning from the station")]
    idle(qtbot, runner)
    assert screen.account.count() == 1
    # two columns added from the bar: own posts, and a hashtag search
    screen.kind.setCurrentIndex(screen.kind.findData(FeedKind.OWN_POSTS.value))
    screen.add_column()
    idle(qtbot, runner)
    screen.kind.setCurrentIndex(screen.kind.findData(FeedKind.SEARCH.value))
    screen.query.setText("#helsinki")
    screen.add_column()
    idle(qtbot, runner)
    qtbot.waitUntil(lambda: len(screen.columns) == 2, timeout=3000)
    own_id, search_id = screen.order()
    idle(qtbot, runner)
    own = screen.columns[own_id]
    assert own.list.count() == 1 and own.new_count() == 0  # a first look marks nothing
    # a post nobody at the desk sent raises an alert
    assert any("not sent from the desk" in n.text for n in bridge.history)
    # later: a new post appears and is highlighted
    fake.posts.insert(0, post(clock, "b", "Traffic update: Main Street open again", minutes=2))
    assert MIN_INTERVAL[Platform.BLUESKY].total_seconds() > 5
    screen.tick()  # not its turn yet: nothing changes
    idle(qtbot, runner)
    assert own.list.count() == 1
    screen.refresh_column(own_id, force=True)  # "refresh now" skips the routine wait
    idle(qtbot, runner)
    assert own.list.count() == 2 and own.new_count() == 1
    # reorder: the search column moves left
    screen.move_column(search_id, -1)
    idle(qtbot, runner)
    assert screen.order() == [search_id, own_id]
    # copy link of the selected post
    own.list.setCurrentRow(0)
    own._act("copy", own.list.currentItem())
    assert QGuiApplication.clipboard().text() == "https://bsky.app/profile/someone/post/b"
    opened: list[tuple[str, str]] = []
    screen.open_in_inbox.connect(lambda p, k: opened.append((p, k)))
    own._act("open", own.list.currentItem())
    assert opened == [("bluesky", "b")]
    # remove
    screen.remove_column(search_id)
    idle(qtbot, runner)
    assert screen.order() == [own_id]


def test_a_rate_limited_column_says_why_and_when(
    qtbot: Any, screen: FeedsScreen, runner: TaskRunner, setup: dict[str, Any], officer: Identity
) -> None:
    fake: FakeFeedConnector = setup["fake"]
    clock = setup["clock"]
    until = clock.now() + timedelta(minutes=15)
    fake.fail = RateLimited("429", until=until, platform=Platform.BLUESKY)
    setup["feeds"].add_column(officer, setup["acc"].id, FeedKind.HOME)
    screen.load()
    idle(qtbot, runner)
    qtbot.waitUntil(lambda: len(screen.columns) == 1, timeout=3000)
    idle(qtbot, runner)
    col = next(iter(screen.columns.values()))
    assert not col.status.isHidden()
    assert until.strftime("%H:%M:%S") in col.status.text()
    calls = fake.calls
    screen.tick()
    idle(qtbot, runner)
    assert fake.calls == calls  # it does not ask again before the platform's time
