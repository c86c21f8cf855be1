"""GMP scale: 3,205 calls in 24 hours, 1,500 of them in the first 10 hours, on three X accounts.

Targets: the 95th-percentile time from call to post is at most the delay plus 10 minutes, and no platform
limit is exceeded. The real queue, planner and publisher run on a manual clock stepped a minute at a time
(accelerated as far as the machine allows); the accounts are in-process platforms that count every post in
sliding windows with X's limits (100 per 15 minutes and 2,400 per 24 hours per account, 10,000 per 24 hours
per app) and refuse with a rate-limit error past them, as X does.

Run: ``.venv/bin/pytest tests/benchmarks/bench_tweetathon.py -o python_files='bench_*.py' -p no:randomly -s``
(``DESK_BENCH_SMALL=1`` shrinks it to a tenth of the calls).
"""

from __future__ import annotations

import os
import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from desk.accounts import AccountService
from desk.auth import AuthService
from desk.calls.mapping import shipped_presets
from desk.calls.store import CallStore
from desk.ports import Platform, PublishRequest, PublishResult, RateLimited
from desk.publishing import ConnectorPool, Publisher
from desk.tweetathon.planner import max_in_window
from desk.tweetathon.queue import TweetathonConfig, TweetathonEngine
from desk.tweetathon.wording import WordingService
from tests.unit.desk.conftest import CAPS

SMALL = os.environ.get("DESK_BENCH_SMALL") == "1"
SCALE = 10 if SMALL else 1
CALLS = 3205 // SCALE
BURST = 1500 // SCALE
DELAY = timedelta(minutes=15)
T0 = datetime(2010, 10, 14, 5, 0, tzinfo=UTC)
TYPES = ("Suspicious", "Noise Party", "Traffic Stop", "Traffic Collision", "Burglary", "THEFT", "Vandalism")
X_LIMITS = ((100, 900.0), (2400, 86400.0))
APP_LIMIT = (10_000, 86400.0)
TARGET_MINUTES = DELAY.total_seconds() / 60 + 10
STEP_SECONDS = 60  # the clock moves a minute per round: every round plans and sends what is due


class LimitedX:
    """An X account that refuses past its limits (the app's budget shared with its sibling accounts)."""

    app_sends: list[datetime] = []

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.sends: list[datetime] = []
        self.refusals = 0

    def publish(self, request: PublishRequest) -> PublishResult:
        now = self.ctx.clock.now()
        checks = [(self.sends, limit, seconds) for limit, seconds in X_LIMITS] + [(self.app_sends, *APP_LIMIT)]
        for sends, limit, seconds in checks:
            if sum(1 for t in sends if (now - t).total_seconds() < seconds) >= limit:
                self.refusals += 1
                raise RateLimited("Too Many Requests", until=now + timedelta(minutes=15), platform=Platform.X)
        self.sends.append(now)
        self.app_sends.append(now)
        return PublishResult(f"x{len(self.app_sends)}", None, now)


def _csv(rng: random.Random) -> str:
    burst_s, rest_s = 10 * 3600, 14 * 3600
    offsets = sorted(
        [rng.uniform(0, burst_s) for _ in range(BURST)]
        + [burst_s + rng.uniform(0, rest_s) for _ in range(CALLS - BURST)]
    )
    zone = shipped_presets()["san-luis-obispo"].zone()
    lines = ["case_number,date,received,type,address,grid_location,clearance_code"]
    for i, off in enumerate(offsets):
        when = (T0 + timedelta(seconds=off)).astimezone(zone)
        lines.append(f"{100000 + i},{when:%m/%d/%y},{when:%H:%M},{rng.choice(TYPES)},1200 MONTEREY ST,PN{i % 9},")
    return "\n".join(lines) + "\n"


def test_gmp_scale(ctx: Any, clock: Any) -> None:
    if ctx.engine.dialect.name != "sqlite":
        return  # the figure is for the desk's default database
    clock.set(T0)
    admin = AuthService(ctx).create_first_administrator("admin", "Aino Admin", "correct horse battery")
    service = AccountService(ctx)
    ids = [
        service.connect(admin, Platform.X, f"gmp{i}", "GMP", "https://example.org", {"token": "t"}).id
        for i in (1, 2, 3)
    ]
    LimitedX.app_sends = []
    platforms = {aid: LimitedX(ctx) for aid in ids}
    pool = ConnectorPool(service, lambda record, creds: platforms[record.id])  # type: ignore[arg-type,return-value]
    WordingService(ctx).seed_defaults()
    preset = shipped_presets()["san-luis-obispo"]
    CallStore(ctx).import_text(_csv(random.Random(14)), preset, source="gmp24")
    config = TweetathonConfig("gmp24", "gmp24", preset, T0, T0 + timedelta(hours=24), tuple(ids), delay=DELAY)
    engine = TweetathonEngine(ctx, config, lambda p: CAPS[p], reserve_percent=20)
    publisher = Publisher(ctx, pool, worker="bench", rng=random.Random(2))
    started = time.perf_counter()
    steps = 0
    while clock.now() < T0 + timedelta(hours=26):
        engine.tick()
        publisher.run_due(limit=500)
        clock.advance(STEP_SECONDS)
        steps += 1
    elapsed = time.perf_counter() - started
    stats = engine.stats()
    refusals = sum(p.refusals for p in platforms.values())
    peaks = {aid: [max_in_window(p.sends, s) for _, s in X_LIMITS] for aid, p in platforms.items()}
    app_peak = max_in_window(LimitedX.app_sends, APP_LIMIT[1])
    print(
        f"\nGMP scale ({CALLS} calls, {BURST} in 10 h, 3 X accounts): {stats.calls_in} in, {stats.posted} posted in "
        f"{stats.posts} posts ({stats.batched} calls batched), backlog {stats.backlog}, call to post p50 "
        f"{stats.p50_minutes:.1f} min, p95 {stats.p95_minutes:.1f} min (target <= {TARGET_MINUTES:.0f}); "
        f"peaks per account (15 min, 24 h) {peaks}, app 24 h {app_peak}; refusals {refusals}; "
        f"{steps} steps in {elapsed:.1f} s"
    )
    assert stats.calls_in == CALLS
    assert stats.posted == stats.calls_in - stats.held - stats.excluded
    assert stats.backlog == 0
    assert refusals == 0
    assert all(p15 <= 100 and p24 <= 2400 for p15, p24 in peaks.values())
    assert app_peak <= 10_000
    assert stats.p95_minutes is not None and stats.p95_minutes <= TARGET_MINUTES
