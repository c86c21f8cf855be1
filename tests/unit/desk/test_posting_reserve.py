"""The share of each account's posting budget kept for replies and urgent posts."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desk.campaigns import PlanningService, fits_posting_budget
from desk.errors import ValidationFailed
from desk.ports import Platform
from desk.storage.models import AuditEntry, Delivery, DeliveryState

T0 = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _spread(n: int, hours: float = 20.0) -> list[datetime]:
    return [T0 - timedelta(hours=hours) + timedelta(minutes=i) for i in range(n)]


def test_instagram_broadcasts_stop_at_the_reserve_and_urgent_posts_may_use_it() -> None:
    # Instagram: 50 posts a day; 20 % reserved leaves 40 for broadcasts.
    assert fits_posting_budget(Platform.INSTAGRAM, _spread(39), T0, 20)
    assert not fits_posting_budget(Platform.INSTAGRAM, _spread(40), T0, 20)
    assert fits_posting_budget(Platform.INSTAGRAM, _spread(40), T0, 20, urgent=True)
    assert fits_posting_budget(Platform.INSTAGRAM, _spread(49), T0, 20, urgent=True)
    assert not fits_posting_budget(Platform.INSTAGRAM, _spread(50), T0, 20, urgent=True)


def test_posts_outside_the_window_do_not_count() -> None:
    # 40 posts 25 hours before, and 40 posts 25 hours after: neither day's window holds T0 with them.
    before = _spread(40, hours=25)
    after = [p + timedelta(hours=50) for p in before]
    assert fits_posting_budget(Platform.INSTAGRAM, before + after, T0, 20)


def test_a_later_window_is_checked_too() -> None:
    # 40 posts in the 24 hours after T0: a window starting at T0 would hold 41.
    later = [T0 + timedelta(hours=1, minutes=i) for i in range(40)]
    assert not fits_posting_budget(Platform.INSTAGRAM, later, T0, 20)


def test_bluesky_counts_a_post_as_three_points() -> None:
    # 5,000 points an hour at 3 a post: 1,666 posts; 20 % kept: 4,000 points -> 1,333 posts.
    hour = [T0 - timedelta(seconds=i + 1) for i in range(1333)]
    assert not fits_posting_budget(Platform.BLUESKY, hour, T0, 20)
    assert fits_posting_budget(Platform.BLUESKY, hour[:-1], T0, 20)


def test_a_bad_reserve_is_refused() -> None:
    with pytest.raises(ValueError, match="reserve_percent"):
        fits_posting_budget(Platform.X, [], T0, 100)


@settings(max_examples=60, deadline=None)
@given(
    offsets=st.lists(st.integers(min_value=-30 * 3600, max_value=30 * 3600), max_size=60),
    reserve=st.integers(min_value=0, max_value=80),
)
def test_against_a_direct_count_of_every_window(offsets: list[int], reserve: int) -> None:
    planned = [T0 + timedelta(seconds=o) for o in offsets]
    day = 24 * 3600
    cap = max(1, int(50 * (1 - reserve / 100)))
    # Every 24-hour window that holds T0 starts in (T0 - day, T0]; checking each second would be slow, but the
    # count only changes at the posts, so starts at the posts and at T0 cover them all.
    starts = [o for o in offsets if -day < o <= 0] + [0]
    worst = max(sum(1 for o in offsets if s <= o < s + day) for s in starts)
    assert fits_posting_budget(Platform.INSTAGRAM, planned, T0, reserve) == (worst + 1 <= cap)
    if fits_posting_budget(Platform.INSTAGRAM, planned, T0, reserve):
        assert fits_posting_budget(Platform.INSTAGRAM, planned, T0, reserve, urgent=True)


# --- at a fixed time and at send time (desk/reserve.py) -------------------------------------------------


def _post(desk: Any, text: str, *, due: datetime | None = None, urgent: bool = False, kind: Any = None) -> int:
    from desk.publishing import Draft
    from desk.storage.models import OutboundKind

    press = desk.people["press"]
    draft = Draft(text, (desk.acc[Platform.X].id,), due, urgent=urgent, kind=kind or OutboundKind.POST)
    oid = int(desk.service.create(press, draft))
    desk.service.submit(press, oid)
    return oid


def _send_all(publisher: Any) -> list[Any]:
    out = []
    while batch := publisher.run_due(limit=200):
        out += batch
        if all(o.state is not DeliveryState.PUBLISHED for o in batch):
            break
    return out


def test_a_fixed_time_that_would_spend_the_reserve_is_refused_unless_urgent(desk: Any) -> None:
    """X allows 100 posts per 15 minutes; with the default 20 % reserve a broadcast may take 80 of them."""
    due = desk.ctx.clock.now() + timedelta(hours=2)
    for i in range(80):
        _post(desk, f"Campaign post {i}", due=due + timedelta(seconds=i))
    with pytest.raises(ValidationFailed) as refused:
        _post(desk, "One too many", due=due + timedelta(minutes=5))
    assert refused.value.code == "publishing.reserve"
    assert "mark it urgent" in refused.value.message.english()
    urgent = _post(desk, "Road closed after a crash: use the ring road", due=due + timedelta(minutes=5), urgent=True)
    with desk.ctx.sessions() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.action == "outbound.create", AuditEntry.object_id == str(urgent))
        ).one()
        assert json.loads(entry.summary)["after"]["urgent"] is True  # who used the reserve is on the record
    _post(desk, "Outside the busy window", due=due + timedelta(minutes=20))  # the window has room again


def test_a_post_edited_in_a_full_window_does_not_count_against_itself(desk: Any) -> None:
    """The composer replaces an edited post with a new one: at the same time it takes the old one's slot."""
    from desk.publishing import Draft

    due = desk.ctx.clock.now() + timedelta(hours=2)
    ids = [_post(desk, f"Campaign post {i}", due=due + timedelta(seconds=i)) for i in range(80)]
    press, x = desk.people["press"], (desk.acc[Platform.X].id,)
    with pytest.raises(ValidationFailed, match="reserve"):  # a second copy beside the old one does not fit
        desk.service.create(press, Draft("Campaign post 7, corrected", x, due + timedelta(seconds=7)))
    edited = desk.service.create(
        press, Draft("Campaign post 7, corrected", x, due + timedelta(seconds=7), replaces=ids[7])
    )
    desk.service.submit(press, edited)
    desk.service.cancel(press, ids[7])
    with pytest.raises(ValidationFailed, match="reserve"):  # the window is as full as before, not fuller
        _post(desk, "One too many", due=due + timedelta(minutes=5))


def test_moving_a_post_into_a_full_window_is_refused(desk: Any) -> None:
    due = desk.ctx.clock.now() + timedelta(hours=2)
    for i in range(80):
        _post(desk, f"Campaign post {i}", due=due + timedelta(seconds=i))
    later = _post(desk, "Later post", due=due + timedelta(hours=1))
    with pytest.raises(ValidationFailed, match="reserve"):
        PlanningService(desk.ctx).reschedule(desk.people["press"], later, due + timedelta(minutes=1))
    PlanningService(desk.ctx).reschedule(desk.people["press"], later, due + timedelta(minutes=30))


def test_a_broadcast_waits_at_send_time_while_replies_and_urgent_posts_go(desk: Any) -> None:
    from desk.delivery import RESERVE_WAIT
    from desk.publishing import Publisher
    from desk.storage.models import OutboundKind

    for i in range(81):
        _post(desk, f"Broadcast {i}")
    publisher = Publisher(desk.ctx, desk.pool)
    outcomes = _send_all(publisher)
    assert sum(o.state is DeliveryState.PUBLISHED for o in outcomes) == 80
    waiting = [o for o in outcomes if o.state is DeliveryState.PENDING]
    assert [o.message for o in waiting] == [RESERVE_WAIT]
    with desk.ctx.sessions() as s:
        row = s.get(Delivery, waiting[0].delivery_id)
        assert row.error_code == "delivery.reserve" and row.error_message == RESERVE_WAIT  # the screens say why
        first = min(d.published_at for d in s.scalars(select(Delivery).where(Delivery.state == "published")))
        assert _aware(row.next_attempt_at) == _aware(first) + timedelta(minutes=15)
    # The reserve is for these: a reply and an urgent post go at once.
    _post(desk, "Thanks, we are on our way", kind=OutboundKind.REPLY)
    _post(desk, "Avoid the motorway: serious crash", urgent=True)
    assert [o.state for o in publisher.run_due()] == [DeliveryState.PUBLISHED] * 2
    desk.ctx.clock.set(_aware(first) + timedelta(minutes=15, seconds=1))
    assert [o.state for o in publisher.run_due()] == [DeliveryState.PUBLISHED]


def test_a_limit_the_platform_reported_replaces_the_default(desk: Any) -> None:
    from desk.ports import RateLimitState
    from desk.publishing import Publisher

    x = desk.acc[Platform.X].id
    for i in range(81):
        _post(desk, f"Broadcast {i}")
    publisher = Publisher(desk.ctx, desk.pool)
    publisher.pool.get(x)  # the connector exists: give it what the platform's headers said
    desk.connectors[x].reported.append(
        RateLimitState("POST /2/tweets", 200, 150, desk.ctx.clock.now() + timedelta(minutes=10))
    )
    outcomes = _send_all(publisher)
    assert [o.state for o in outcomes] == [DeliveryState.PUBLISHED] * 81  # 160 of 200 may be broadcasts


def test_windows_follow_reported_posting_limits_only() -> None:
    from desk.ports import RateLimitState
    from desk.reserve import windows_for

    now = T0
    x = {w.seconds: w.limit for w in windows_for(Platform.X, now)}
    assert x == {15 * 60: 100, 24 * 3600: 2400}
    reported = [
        RateLimitState("POST /2/tweets", 300, 1, now + timedelta(minutes=12)),
        RateLimitState("GET /2/users/:id/mentions", 5, 5, now + timedelta(minutes=12)),  # reading, not posting
    ]
    assert {w.seconds: w.limit for w in windows_for(Platform.X, now, reported)} == {15 * 60: 300, 24 * 3600: 2400}
    quota = [RateLimitState("instagram:content_publishing", 400, 10, now + timedelta(hours=24))]
    assert [w.limit for w in windows_for(Platform.INSTAGRAM, now, quota)] == [400]


@settings(max_examples=60, deadline=None)
@given(
    minutes=st.lists(st.integers(min_value=0, max_value=24 * 60), max_size=60),
    reserve=st.integers(min_value=0, max_value=60),
)
def test_first_fit_is_the_first_moment_a_broadcast_fits(minutes: list[int], reserve: int) -> None:
    from desk.reserve import first_fit
    from desk.tweetathon.planner import Window

    windows = (Window(10, 3600), Window(30, 24 * 3600))
    sent = sorted(T0 - timedelta(minutes=m) for m in minutes)
    at = first_fit(Platform.X, sent, T0, reserve, windows)
    fits_now = fits_posting_budget(Platform.X, sent, T0, reserve, windows=windows)
    assert (at is None) == fits_now
    if at is not None:
        assert at > T0 and fits_posting_budget(Platform.X, sent, at, reserve, windows=windows)
        # nothing earlier fits: check every minute before it (sends leave windows on whole minutes here)
        probe = T0 + timedelta(minutes=1)
        while probe < at:
            assert not fits_posting_budget(Platform.X, sent, probe, reserve, windows=windows), probe
            probe += timedelta(minutes=1)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)
