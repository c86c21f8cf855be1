"""The tweetathon planner and queue on a manual clock: limits in every sliding window, the reserve, batching,
rotation and failover."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desk.accounts import AccountService
from desk.calls.mapping import shipped_presets
from desk.calls.store import CallStore
from desk.ports import Platform, PublishRequest, PublishResult, Rejected
from desk.publishing import ConnectorPool, Publisher
from desk.storage.models import AccountStatus, Delivery, DeliveryState, OutboundItem, OutboundState, RateLimitRecord
from desk.textcount import count
from desk.tweetathon.planner import DEFAULT_WINDOWS, Planner, Window, max_in_window
from desk.tweetathon.queue import ReviewMode, TweetathonConfig, TweetathonEngine, outcome_line
from desk.tweetathon.wording import WordingService
from tests.unit.desk.conftest import CAPS

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _usable(limit: int, reserve: int, cost: int = 1) -> int:
    return int(limit * (100 - reserve) / 100) // cost


def test_x_account_never_exceeds_its_share_in_any_window() -> None:
    planner = Planner({1: Platform.X}, reserve_percent=20)
    times = [planner.plan(Platform.X, T0) for _ in range(600)]
    sends = [t for _, t in times if t is not None]  # type: ignore[misc]
    assert sends == sorted(sends)
    assert max_in_window(sends, 900) <= 80  # 100 per 15 minutes, 20 % kept free
    assert max_in_window(sends, 86400) <= 1920  # 2,400 per 24 hours, 20 % kept free
    # The day's share is spread evenly (86,400 s / 1,920 = 45 s apart) instead of spent in the first hours.
    gaps = {round((b - a).total_seconds(), 3) for a, b in itertools.pairwise(sends)}
    assert gaps == {45.0}


def test_a_short_window_alone_allows_its_full_share_evenly_spread() -> None:
    planner = Planner({1: Platform.X}, reserve_percent=20, windows={Platform.X: (Window(100, 900),)})
    sends = [b[1] for b in (planner.plan(Platform.X, T0) for _ in range(400)) if b is not None]
    assert max_in_window(sends, 900) == 80
    # 400 posts at 80 per 15 minutes need five windows: the last goes out after an hour.
    assert sends[-1] - T0 >= timedelta(minutes=60)


def test_a_budget_the_platform_reports_spent_holds_the_account_until_the_reset() -> None:
    planner = Planner({1: Platform.MASTODON})
    planner.hold_until(1, T0 + timedelta(minutes=7))
    assert planner.earliest(1, T0) == T0 + timedelta(minutes=7)
    assert planner.earliest(1, T0 + timedelta(minutes=8)) == T0 + timedelta(minutes=8)


@settings(max_examples=40, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=0, max_value=6 * 3600), min_size=1, max_size=300),
    reserve=st.integers(min_value=0, max_value=60),
)
def test_random_demand_never_exceeds_any_window(offsets: list[int], reserve: int) -> None:
    planner = Planner({1: Platform.MASTODON, 2: Platform.BLUESKY}, reserve_percent=reserve)
    for off in sorted(offsets):
        for platform in (Platform.MASTODON, Platform.BLUESKY):
            booked = planner.plan(platform, T0 + timedelta(seconds=off))
            assert booked is not None and booked[1] >= T0 + timedelta(seconds=off)
    for aid, platform in ((1, Platform.MASTODON), (2, Platform.BLUESKY)):
        sends = [datetime.fromtimestamp(s, UTC) for s in planner.accounts[aid].sends]
        for w in DEFAULT_WINDOWS[platform]:
            assert max_in_window(sends, w.seconds) <= _usable(w.limit, reserve, w.cost)


def test_reserve_leaves_room_for_replies() -> None:
    planner = Planner({1: Platform.X}, reserve_percent=20, windows={Platform.X: (Window(100, 900),)})
    for _ in range(80):
        planner.plan(Platform.X, T0)
    # Replies recorded in the same window still fit the platform's own limit ...
    for i in range(20):
        planner.record(1, T0 + timedelta(seconds=i))
    assert max_in_window([datetime.fromtimestamp(s, UTC) for s in planner.accounts[1].sends], 900) == 100
    # ... and the next tweetathon post waits until the window has room below the share again.
    _, when = planner.plan(Platform.X, T0)  # type: ignore[misc]
    assert when >= T0 + timedelta(seconds=900)
    assert planner.remaining(1, T0 + timedelta(seconds=899))["account/900s"] == 0


def test_bluesky_points_count_three_per_post() -> None:
    planner = Planner({1: Platform.BLUESKY}, reserve_percent=20, windows={Platform.BLUESKY: (Window(5000, 3600, 3),)})
    sends = [planner.plan(Platform.BLUESKY, T0)[1] for _ in range(1400)]  # type: ignore[index]
    assert max_in_window(sends, 3600) == 4000 // 3  # 5,000 points an hour, 20 % kept, 3 points a post


def test_limits_from_headers_replace_the_defaults() -> None:
    planner = Planner({1: Platform.X}, reserve_percent=0)
    planner.update_limit(1, 900, 10)
    sends = [planner.plan(Platform.X, T0)[1] for _ in range(25)]  # type: ignore[index]
    assert max_in_window(sends, 900) == 10


def test_rotation_spreads_posts_over_accounts_and_failover_moves_them() -> None:
    planner = Planner({1: Platform.X, 2: Platform.X, 3: Platform.X}, reserve_percent=20)
    used = [planner.plan(Platform.X, T0 + timedelta(seconds=i * 20))[0] for i in range(30)]  # type: ignore[index]
    assert {a: used.count(a) for a in (1, 2, 3)} == {1: 10, 2: 10, 3: 10}
    planner.set_healthy(2, False)
    later = [planner.plan(Platform.X, T0 + timedelta(hours=1, seconds=i))[0] for i in range(10)]  # type: ignore[index]
    assert 2 not in later and set(later) == {1, 3}
    planner.set_healthy(1, False)
    planner.set_healthy(3, False)
    assert planner.plan(Platform.X, T0) is None


def test_app_budget_is_shared_by_the_platforms_accounts() -> None:
    windows = {Platform.X: (Window(100, 900), Window(30, 3600, scope="app"))}
    planner = Planner({1: Platform.X, 2: Platform.X}, reserve_percent=0, windows=windows)
    sends = [planner.plan(Platform.X, T0)[1] for _ in range(40)]  # type: ignore[index]
    assert max_in_window(sends, 3600) == 30


def test_bad_reserve_is_refused() -> None:
    with pytest.raises(ValueError):
        Planner({1: Platform.X}, reserve_percent=100)


def test_outcome_lines_are_only_known_ones() -> None:
    assert outcome_line("No Offence Disclosed") == "officers attended, no offence"
    assert outcome_line("Smith was shouting at 12 Elm St") is None


# --- the queue on a real database, a manual clock and scripted connectors ------------------------------

SLO_HEAD = "case_number,date,received,type,address,grid_location,clearance_code\n"


def _calls(n: int, start: datetime, spacing_s: int, kinds: tuple[str, ...] = ("Suspicious", "Noise Party")) -> str:
    rows = []
    zone = shipped_presets()["san-luis-obispo"].zone()
    for i in range(n):
        when = (start + timedelta(seconds=i * spacing_s)).astimezone(zone)
        rows.append(f"{9000 + i},{when:%m/%d/%y},{when:%H:%M},{kinds[i % len(kinds)]},1200 MONTEREY ST,PN{i % 5},")
    return SLO_HEAD + "\n".join(rows) + "\n"


def _engine(desk: Any, accounts: list[int], n: int, spacing_s: int, **extra: Any) -> TweetathonEngine:
    ctx = desk.ctx
    WordingService(ctx).seed_defaults()
    preset = shipped_presets()["san-luis-obispo"]
    CallStore(ctx).import_text(_calls(n, T0, spacing_s), preset, source="t")
    config = TweetathonConfig(
        name="t",
        source="t",
        preset=preset,
        start=T0,
        end=T0 + timedelta(hours=24),
        account_ids=tuple(accounts),
        **extra,
    )
    return TweetathonEngine(ctx, config, lambda p: CAPS[p], reserve_percent=20)


class ClockConnector:
    """Accepts every post (or raises what its script says) and stamps it with the desk's clock."""

    def __init__(self, ctx: Any, script: list[Any]) -> None:
        self.ctx = ctx
        self.script = script
        self.sent: list[PublishRequest] = []

    def publish(self, request: PublishRequest) -> PublishResult:
        self.sent.append(request)
        if self.script:
            raise self.script.pop(0)
        return PublishResult(f"p{len(self.sent)}", None, self.ctx.clock.now())


def _run(desk: Any, engine: TweetathonEngine, minutes: int, step_s: int = 20) -> Publisher:
    if not hasattr(desk, "clock_pool"):
        desk.clock_connectors = {}

        def build(record: Any, creds: Any) -> Any:
            connector = ClockConnector(desk.ctx, desk.scripts.setdefault(record.id, []))
            desk.clock_connectors[record.id] = connector
            return connector

        desk.clock_pool = ConnectorPool(AccountService(desk.ctx), build)
        desk.connectors = desk.clock_connectors
    publisher = Publisher(desk.ctx, desk.clock_pool, worker="w", rng=random.Random(1))
    for _ in range(minutes * 60 // step_s):
        engine.tick()
        publisher.run_due(limit=500)
        desk.ctx.clock.advance(step_s)
    return publisher


def test_queue_posts_every_call_after_the_delay_with_running_numbers(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    engine = _engine(desk, [x], 20, 60)
    _run(desk, engine, 60)
    stats = engine.stats()
    assert stats.calls_in == 20 and stats.posted == 20 and stats.backlog == 0 and stats.batched == 0
    sent = desk.connectors[x].sent
    assert [r.text.split(":")[0] for r in sent] == [f"Call {i}" for i in range(1, 21)]
    assert stats.p50_minutes is not None and 15 <= stats.p50_minutes <= 16


def test_backlog_is_batched_and_limits_hold(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    # 300 calls in 15 minutes on one X account: far beyond its pace of one post per 45 seconds.
    engine = _engine(desk, [x], 300, 3)
    publisher = _run(desk, engine, 90)
    assert publisher is not None
    stats = engine.stats()
    assert stats.posted == 300 and stats.backlog == 0
    assert stats.batched > 0 and stats.posts < 300
    sent = desk.connectors[x].sent
    for request in sent:
        assert count(request.text, CAPS[Platform.X]).fits
    times = [engine.planner.accounts[x].sends]
    assert max_in_window([datetime.fromtimestamp(s, UTC) for s in times[0]], 900) <= 80
    # Every call number appears exactly once across the posts.
    numbers = [
        int(tok.rstrip(":")) for r in sent for tok in r.text.replace("\n", " ").split() if tok.rstrip(":").isdigit()
    ]
    assert sorted(numbers) == list(range(1, 301))


def test_refused_account_fails_over_to_the_other(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    admin = desk.people["admin"]
    other = AccountService(desk.ctx).connect(admin, Platform.X, "force_x2", "Force", "https://example.org", {"t": "t"})
    engine = _engine(desk, [x, other.id], 6, 60)
    desk.scripts[x].extend([Rejected("This account is suspended.")] * 10)
    desk.scripts[other.id] = []
    _run(desk, engine, 40)
    stats = engine.stats()
    assert stats.posted == 6
    assert not engine.planner.accounts[x].healthy
    assert len(desk.connectors[other.id].sent) >= 5


def test_pause_cancels_unsent_posts_and_resume_sends_them(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    engine = _engine(desk, [x], 10, 10)
    desk.ctx.clock.advance(15 * 60 + 5)
    assert engine.tick() == 1  # the first call is due: handed to the publisher, not yet sent
    assert engine.pause() == 1
    _run(desk, engine, 10)
    assert desk.connectors.get(x) is None or not desk.connectors[x].sent
    engine.resume()
    _run(desk, engine, 20)
    assert engine.stats().posted == 10


def test_skip_hold_and_edit_per_call(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    engine = _engine(desk, [x], 4, 60)
    engine.skip("9000")
    engine.hold("9001")
    engine.edit("9002", "Call 3: noise reported in the town centre. #SLOPD24")
    _run(desk, engine, 30)
    texts = [r.text for r in desk.connectors[x].sent]
    assert texts[0] == "Call 3: noise reported in the town centre. #SLOPD24"
    assert len(texts) == 2
    assert {o.status for o in engine.outcomes.values()} == {"skipped", "held"}


def test_a_suspended_account_is_not_planned(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    AccountService(desk.ctx).set_status(x, AccountStatus.NEEDS_RECONNECT, "suspended")
    engine = _engine(desk, [x], 2, 60)
    assert engine.planner.healthy(Platform.X) == []


def _published(desk: Any) -> list[tuple[int, datetime, dict[str, Any]]]:
    with desk.ctx.sessions() as session:
        rows = session.execute(
            select(Delivery.account_id, Delivery.published_at, OutboundItem.details)
            .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
            .where(Delivery.state == DeliveryState.PUBLISHED.value)
            .order_by(Delivery.published_at)
        ).all()
    return [(aid, when, details) for aid, when, details in rows]


def test_a_late_publisher_cannot_bunch_sends_past_the_spacing(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    admin = desk.people["admin"]
    other = AccountService(desk.ctx).connect(admin, Platform.X, "force_x2", "Force", "https://example.org", {"t": "t"})
    engine = _engine(desk, [x, other.id], 60, 10)
    _run(desk, engine, 1)  # builds the connector pool
    publisher = Publisher(desk.ctx, desk.clock_pool, worker="late", rng=random.Random(1))
    # The queue looks every 20 seconds, but the publisher only gets round to sending every 4 minutes.
    for step in range(2 * 60 * 3):
        engine.tick()
        if step % 12 == 0:
            publisher.run_due(limit=500)
        desk.ctx.clock.advance(20)
    sent = _published(desk)
    by_account: dict[int, list[datetime]] = {}
    for aid, when, _details in sent:
        by_account.setdefault(aid, []).append(when)
    assert set(by_account) == {x, other.id}
    for times in by_account.values():
        gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
        assert min(gaps) >= 45  # X's day spread evenly: never two sends of an account closer than that
        assert max_in_window(times, 900) <= 80
    covered = [k for _aid, _when, details in sent for k in details["call_keys"]]
    assert sorted(covered) == sorted(str(9000 + i) for i in range(60))  # every call once, batched
    assert engine.unposted() == 0


def test_posts_name_their_source_and_calls_for_the_reports(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    engine = _engine(desk, [x], 3, 120)
    _run(desk, engine, 30)
    sent = _published(desk)
    assert [d["call_keys"] for _aid, _when, d in sent] == [["9000"], ["9001"], ["9002"]]
    assert {d["source"] for _aid, _when, d in sent} == {"t"}


def test_a_changed_outcome_goes_out_as_a_reply_to_the_post_of_its_call(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    engine = _engine(desk, [x], 2, 60)
    _run(desk, engine, 20)
    first = {d["call_keys"][0]: d for _a, _w, d in _published(desk)}
    assert set(first) == {"9000", "9001"}
    changed = _calls(2, T0, 60).replace("PN0,\n", "PN0,No Report\n")
    report = CallStore(desk.ctx).import_text(changed, shipped_presets()["san-luis-obispo"], source="t")
    assert report.follow_ups == 1
    _run(desk, engine, 5)
    replies = [d for _a, _w, d in _published(desk) if d.get("follow_up")]
    assert len(replies) == 1 and replies[0]["call_keys"] == ["9000"]
    assert desk.connectors[x].sent[0].text.startswith("Call 1:")
    assert replies[0]["reply_to_post_id"] == "p1"  # the platform's id of call 1's post
    assert desk.connectors[x].sent[-1].text == "Call 1 update: officers attended, no report needed. #SLOPD24"
    assert desk.connectors[x].sent[-1].reply_to_id == "p1"


def test_a_posting_budget_the_platform_reports_spent_holds_the_account_until_its_reset(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    engine = _engine(desk, [x], 1, 60)
    reset = T0 + timedelta(minutes=25)
    with desk.ctx.transaction() as session:
        session.add(
            RateLimitRecord(
                account_id=x, endpoint="POST /2/tweets", limit=100, remaining=0, reset_at=reset, updated_at=T0
            )
        )
    _run(desk, engine, 20)  # the call is due after 15 minutes, but X said no posts until 25
    assert not desk.connectors.get(x) or not desk.connectors[x].sent
    _run(desk, engine, 10)
    assert [r.text.split(":")[0] for r in desk.connectors[x].sent] == ["Call 1"]
    published = _published(desk)
    assert published[0][1] >= reset


def _awaiting(desk: Any) -> list[int]:
    with desk.ctx.sessions() as session:
        return list(
            session.scalars(select(OutboundItem.id).where(OutboundItem.state == OutboundState.AWAITING_APPROVAL.value))
        )


def test_posts_waiting_for_approval_hold_the_slot_so_approving_many_at_once_cannot_bunch_them(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    engine = _engine(desk, [x], 6, 30, review=ReviewMode.APPROVE_ALL)
    _run(desk, engine, 25)  # every call is due, nobody has approved anything yet
    assert len(_awaiting(desk)) == 1  # one post waits; the other calls wait behind it, not as posts of their own
    supervisor = desk.people["supervisor"]
    for _ in range(12):  # the supervisor approves whatever is waiting, in bursts five minutes apart
        for outbound_id in _awaiting(desk):
            desk.service.approve(supervisor, outbound_id)
        _run(desk, engine, 5)
    sent = _published(desk)
    covered = [k for _aid, _when, details in sent for k in details["call_keys"]]
    assert sorted(covered) == [str(9000 + i) for i in range(6)]
    times = [when for _aid, when, _details in sent]
    gaps = [(b - a).total_seconds() for a, b in itertools.pairwise(times)]
    assert len(times) >= 2 and min(gaps) >= engine.planner.gap(x)


def test_a_limit_reported_in_the_headers_replaces_the_planners_window() -> None:
    planner = Planner({1: Platform.X, 2: Platform.X}, reserve_percent=0)
    # X reports 20 posts for the window resetting in ten minutes: the 15-minute window, not the daily one.
    assert planner.limit_reported(1, 20, 600)
    assert not planner.limit_reported(1, 20, 600)  # the same limit again changes nothing
    assert [(w.limit, w.seconds) for w in planner.accounts[1].windows if w.scope == "account"] == [
        (20, 900),
        (2400, 86400),
    ]
    for i in range(240):
        planner.plan(Platform.X, T0 + timedelta(seconds=i * 10))
    # Account 1 is spread over its smaller window; account 2 keeps the daily spacing (36 s: 25 in 15 minutes).
    assert planner.gap(1) == 900 / 20 and planner.gap(2) == 86400 / 2400
    assert max_in_window(planner.sends(1), 900) == 20
    assert max_in_window(planner.sends(2), 900) == 25
    # A daily limit reported late in the day (resetting within the hour) is the daily window's.
    assert planner.limit_reported(2, 1800, 1200)
    assert [(w.limit, w.seconds) for w in planner.accounts[2].windows if w.scope == "account"] == [
        (100, 900),
        (1800, 86400),
    ]
    assert not planner.limit_reported(2, 0, 600) and not planner.limit_reported(99, 10, 600)


def test_the_queue_takes_a_different_limit_from_the_headers_into_its_plan(desk: Any) -> None:
    x = desk.acc[Platform.X].id
    engine = _engine(desk, [x], 40, 5)
    with desk.ctx.transaction() as session:  # X says this account may post 20 per 15 minutes, not 100
        session.add(
            RateLimitRecord(
                account_id=x,
                endpoint="POST /2/tweets",
                limit=20,
                remaining=20,
                reset_at=T0 + timedelta(minutes=15),
                updated_at=T0,
            )
        )
    _run(desk, engine, 60)
    windows = {w.seconds: w.limit for w in engine.planner.accounts[x].windows if w.scope == "account"}
    assert windows[900] == 20
    times = [when for _aid, when, _details in _published(desk)]
    assert max_in_window(times, 900) <= engine.planner.usable(Window(20, 900)) == 16
    # Spread evenly over the smaller window: never two sends closer than its share.
    assert min((b - a).total_seconds() for a, b in itertools.pairwise(times)) >= 900 / 16
