"""The tweetathon dashboard on an engine stopped mid-run: counters, the chart, budgets, pause and resume."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk.accounts import AccountService
from desk.auth import AuthService
from desk.calls.mapping import shipped_presets
from desk.calls.store import CallStore
from desk.clock import ManualClock
from desk.context import DeskContext, open_desk
from desk.ports import Capabilities, Platform, PublishRequest, PublishResult, TextCounting
from desk.publishing import ConnectorPool, Publisher
from desk.secrets import InMemorySecretStore
from desk.tweetathon.control import register_engine, unregister_engine
from desk.tweetathon.queue import TweetathonConfig, TweetathonEngine
from desk.tweetathon.wording import WordingService
from ui.tweetathon.screen import TweetathonDashboard, tweetathon_screen

T0 = datetime(2021, 10, 29, 15, 0, tzinfo=UTC)
CAPS = {
    Platform.X: Capabilities(Platform.X, 280, TextCounting.TWITTER_WEIGHTED, url_length=23),
    Platform.MASTODON: Capabilities(Platform.MASTODON, 500, TextCounting.MASTODON, url_length=23),
}
TYPES = ("Suspicious", "Noise Party", "Traffic Stop", "Traffic Collision", "9-1-1 ABANDON", "Welfare Check")


class Accepting:
    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx
        self.n = 0

    def publish(self, request: PublishRequest) -> PublishResult:
        self.n += 1
        return PublishResult(f"p{self.n}", None, self.ctx.clock.now())


def mid_run_engine(folder: Path, calls: int = 240, run_minutes: int = 300) -> tuple[DeskContext, TweetathonEngine]:
    """A tweetathon of ``calls`` calls over 8 hours on two X accounts and one Mastodon, ``run_minutes`` in."""
    clock = ManualClock(T0)
    ctx = open_desk(f"sqlite:///{folder / 'desk.sqlite3'}", clock, InMemorySecretStore(), data_dir=folder)
    admin = AuthService(ctx).create_first_administrator("admin", "Aino Admin", "admin-password-1")
    service = AccountService(ctx)
    ids = [
        service.connect(admin, p, h, "SLOPD", "https://example.org", {"t": "t"}).id
        for p, h in ((Platform.X, "slopd1"), (Platform.X, "slopd2"), (Platform.MASTODON, "slopd"))
    ]
    WordingService(ctx).seed_defaults()
    preset = shipped_presets()["san-luis-obispo"]
    rng = random.Random(7)
    zone = preset.zone()
    lines = ["case_number,date,received,type,address,grid_location,clearance_code"]
    for i in range(calls):
        # Busier in the afternoon and evening, like the real log.
        when = (T0 + timedelta(minutes=rng.triangular(0, 480, 300))).astimezone(zone)
        lines.append(f"{5000 + i},{when:%m/%d/%y},{when:%H:%M},{rng.choice(TYPES)},1200 MONTEREY ST,PN{i % 7},")
    CallStore(ctx).import_text("\n".join(lines) + "\n", preset, source="slo")
    config = TweetathonConfig("SLO 24", "slo", preset, T0, T0 + timedelta(hours=24), tuple(ids))
    engine = TweetathonEngine(ctx, config, lambda p: CAPS[p], reserve_percent=20)
    accepting = Accepting(ctx)
    publisher = Publisher(ctx, ConnectorPool(service, lambda r, c: accepting), worker="w")  # type: ignore[arg-type,return-value]
    for _ in range(run_minutes // 2):
        engine.tick()
        publisher.run_due(limit=200)
        clock.advance(120)
    return ctx, engine


@pytest.fixture
def running(tmp_path: Path) -> Iterator[tuple[DeskContext, TweetathonEngine]]:
    ctx, engine = mid_run_engine(tmp_path, calls=80, run_minutes=240)
    register_engine(engine)
    yield ctx, engine
    unregister_engine(engine.config.name)
    ctx.dispose()


def test_dashboard_shows_the_engines_figures(qtbot: QtBot, running: tuple[DeskContext, TweetathonEngine]) -> None:
    _ctx, engine = running
    screen = tweetathon_screen(None)  # type: ignore[arg-type]
    qtbot.addWidget(screen)
    assert isinstance(screen, TweetathonDashboard)
    stats = engine.stats()
    assert stats.calls_in > 0 and stats.posted > 0
    assert screen.values["calls_in"].text() == str(stats.calls_in)
    assert screen.values["posted"].text() == str(stats.posted)
    assert screen.values["backlog"].text() == str(stats.backlog)
    assert len(screen.chart.series()) == 1
    assert screen.budgets.rowCount() == 5  # two windows on each X account, one on Mastodon
    assert "SLO 24" in screen.title.text()


def test_pause_and_resume_from_the_dashboard(qtbot: QtBot, running: tuple[DeskContext, TweetathonEngine]) -> None:
    _ctx, engine = running
    screen = TweetathonDashboard(lambda: engine, poll_ms=60_000)
    qtbot.addWidget(screen)
    screen.pause_button.click()
    assert engine.paused and screen.pause_button.text() == "Resume"
    screen.pause_button.click()
    assert not engine.paused and screen.pause_button.text() == "Pause"


def test_no_tweetathon_says_so(qtbot: QtBot) -> None:
    screen = TweetathonDashboard(lambda: None, poll_ms=60_000)
    qtbot.addWidget(screen)
    assert "No tweetathon" in screen.title.text()
    assert not screen.pause_button.isEnabled()
