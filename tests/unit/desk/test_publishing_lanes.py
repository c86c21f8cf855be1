"""Publishing lanes: due posts go out at once, one at a time per account and in due order, accounts side by side;
spacing asked for by a post (a tweetathon's) holds even when the publisher is late. SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from desk.accounts import AccountService
from desk.ports import AccountRef, Platform, PublishRequest, PublishResult
from desk.publishing import Accepted, ConnectorPool, Draft, Publisher, PublishingLanes
from desk.storage.models import AuditEntry, AuditHead, Delivery, DeliveryState, OutboundItem, OutboundState

SEND_SECONDS = 0.05


class SlowConnector:
    """Takes a little time per post and records, per account, the order of posts and how many overlapped."""

    def __init__(self, account: AccountRef, log: dict[str, Any]) -> None:
        self.account = account
        self.log = log

    def publish(self, request: PublishRequest) -> PublishResult:
        key = self.account.platform.value
        with self.log["lock"]:
            self.log["running"][key] += 1
            self.log["running_total"] += 1
            self.log["max_per_account"][key] = max(self.log["max_per_account"][key], self.log["running"][key])
            self.log["max_total"] = max(self.log["max_total"], self.log["running_total"])
        time.sleep(SEND_SECONDS)
        with self.log["lock"]:
            self.log["running"][key] -= 1
            self.log["running_total"] -= 1
            self.log["order"][key].append(request.text)
        return PublishResult(request.idempotency_key, None, datetime(2026, 1, 5, 9, 0, tzinfo=UTC))

    def rate_limits(self) -> tuple[Any, ...]:
        return ()  # nothing reported: the platform's published posting windows apply

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(name)


def _slow_pool(ctx: Any) -> tuple[ConnectorPool, dict[str, Any]]:
    log: dict[str, Any] = {
        "lock": threading.Lock(),
        "running": defaultdict(int),
        "running_total": 0,
        "max_per_account": defaultdict(int),
        "max_total": 0,
        "order": defaultdict(list),
    }

    def build(record: Any, creds: Mapping[str, str]) -> SlowConnector:
        return SlowConnector(record.ref(), log)

    return ConnectorPool(AccountService(ctx), build), log


def _schedule(desk: Any, text: str, platform: Platform, due_in: float = 0.0, **details: Any) -> int:
    press = desk.people["press"]
    due = desk.ctx.clock.now() + timedelta(seconds=due_in) if due_in else None
    oid: int = desk.service.create(press, Draft(text, (desk.acc[platform].id,), due_at=due))
    desk.service.submit(press, oid)
    if details:
        with desk.ctx.transaction() as s:
            item = s.get(OutboundItem, oid)
            item.details = {**item.details, **details}
    return oid


def _wait_until(condition: Any, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return False


def _states(desk: Any) -> list[str]:
    with desk.ctx.sessions() as s:
        return list(s.scalars(select(Delivery.state).order_by(Delivery.id)))


def test_lanes_send_each_account_in_due_order_one_at_a_time_and_accounts_side_by_side(desk: Any) -> None:
    for i in range(4):
        _schedule(desk, f"X post {i}", Platform.X)
        _schedule(desk, f"Mastodon post {i}", Platform.MASTODON)
        _schedule(desk, f"Bluesky post {i}", Platform.BLUESKY)
    pool, log = _slow_pool(desk.ctx)
    lanes = PublishingLanes(Publisher(desk.ctx, pool), lanes=4, idle_seconds=0.05).start()
    try:
        assert _wait_until(lambda: _states(desk) == [DeliveryState.PUBLISHED.value] * 12)
    finally:
        lanes.stop()
    assert dict(log["max_per_account"]) == {"x": 1, "mastodon": 1, "bluesky": 1}
    assert log["max_total"] >= 2  # accounts went side by side
    assert log["order"]["x"] == [f"X post {i}" for i in range(4)]
    assert log["order"]["mastodon"] == [f"Mastodon post {i}" for i in range(4)]


def test_wake_sends_new_work_at_once_and_stop_lets_a_send_finish(desk: Any) -> None:
    pool, log = _slow_pool(desk.ctx)
    lanes = PublishingLanes(Publisher(desk.ctx, pool), lanes=2, idle_seconds=30.0).start()
    try:
        time.sleep(0.1)  # the dispatcher found nothing and sleeps for up to 30 s
        _schedule(desk, "Road closed by the station", Platform.X)
        started = time.monotonic()
        lanes.wake()
        assert _wait_until(lambda: log["max_total"] >= 1, 5.0)
        assert time.monotonic() - started < 5.0
    finally:
        lanes.stop()  # called while the post may still be on its way: it finishes, it is not cut off
    assert _states(desk) == [DeliveryState.PUBLISHED.value]


def test_a_post_due_later_waits_for_its_time(desk: Any) -> None:
    pool, log = _slow_pool(desk.ctx)
    _schedule(desk, "Later today", Platform.X, due_in=3600)
    lanes = PublishingLanes(Publisher(desk.ctx, pool), lanes=2, idle_seconds=0.05).start()
    try:
        time.sleep(0.3)
        assert _states(desk) == [DeliveryState.PENDING.value] and log["max_total"] == 0
        desk.ctx.clock.advance(3601)
        assert _wait_until(lambda: _states(desk) == [DeliveryState.PUBLISHED.value])
    finally:
        lanes.stop()


def test_late_posts_that_ask_for_spacing_do_not_bunch_up(desk: Any) -> None:
    # Both are already due (the publisher is late); the platform stamps the first at the clock's 09:00.
    first = _schedule(desk, "Call 1: a shed fire, crews on scene", Platform.X, min_spacing_s=120)
    second = _schedule(desk, "Call 2: a lost dog, found and home", Platform.X, min_spacing_s=120)
    publisher = Publisher(desk.ctx, desk.pool)
    outcomes = {o.delivery_id: o for o in publisher.run_due()}
    views = {oid: desk.service.deliveries(oid)[0] for oid in (first, second)}
    assert outcomes[views[first].id].state is DeliveryState.PUBLISHED
    assert outcomes[views[second].id].state is DeliveryState.PENDING
    assert "spaced" in (outcomes[views[second].id].message or "")
    stamped = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)  # what the scripted platform answers as the first's time
    waits_until = views[second].next_attempt_at
    assert waits_until is not None
    assert waits_until.replace(tzinfo=waits_until.tzinfo or UTC) == stamped + timedelta(seconds=120)
    desk.ctx.clock.advance(60)
    assert publisher.run_due() == []  # not yet
    desk.ctx.clock.advance(61)
    assert [o.state for o in publisher.run_due()] == [DeliveryState.PUBLISHED]
    with desk.ctx.sessions() as s:
        assert s.get(Delivery, views[second].id).attempts == 1  # waiting for its slot spent no attempt


def test_posts_without_spacing_go_together(desk: Any) -> None:
    _schedule(desk, "Appeal one", Platform.X)
    _schedule(desk, "Appeal two", Platform.X)
    assert [o.state for o in Publisher(desk.ctx, desk.pool).run_due()] == [DeliveryState.PUBLISHED] * 2


def test_claiming_for_lanes_takes_one_per_account_and_skips_busy_ones(desk: Any) -> None:
    for i in range(3):
        _schedule(desk, f"X {i}", Platform.X)
        _schedule(desk, f"Mastodon {i}", Platform.MASTODON)
    publisher = Publisher(desk.ctx, desk.pool)
    x, masto = desk.acc[Platform.X].id, desk.acc[Platform.MASTODON].id
    claimed = publisher.claim_for_lanes(10, one_per_account=True, skip_accounts={masto})
    assert [account for _, account in claimed] == [x]
    again = publisher.claim_for_lanes(10, one_per_account=True)
    assert sorted(account for _, account in again) == sorted([x, masto])
    assert not {d for d, _ in claimed} & {d for d, _ in again}  # never the same delivery twice


def test_lanes_record_an_account_s_post_before_sending_its_next_so_spacing_holds(desk: Any) -> None:
    # Acceptances are recorded in batches; the account stays busy until then, so its next post sees this one.
    first = _schedule(desk, "Call 1: a shed fire, crews on scene", Platform.X, min_spacing_s=120)
    second = _schedule(desk, "Call 2: a lost dog, found and home", Platform.X, min_spacing_s=120)
    pool, log = _slow_pool(desk.ctx)
    lanes = PublishingLanes(Publisher(desk.ctx, pool), lanes=4, idle_seconds=0.05).start()
    try:
        assert _wait_until(lambda: _states(desk)[0] == DeliveryState.PUBLISHED.value)
        time.sleep(0.3)  # time enough for a second send had the account been let go too early
    finally:
        lanes.stop()
    assert log["order"]["x"] == ["Call 1: a shed fire, crews on scene"]
    later = desk.service.deliveries(second)[0]
    assert later.state is DeliveryState.PENDING and later.next_attempt_at is not None
    assert desk.service.deliveries(first)[0].state is DeliveryState.PUBLISHED


def test_acceptances_recorded_together_are_each_published_and_audited(desk: Any) -> None:
    for i in range(5):
        _schedule(desk, f"Appeal {i}", Platform.X if i % 2 else Platform.MASTODON)
    publisher = Publisher(desk.ctx, desk.pool)
    accepted = [publisher.deliver(d) for d in publisher.claim(10)]
    assert len(accepted) == 5 and all(isinstance(a, Accepted) for a in accepted)
    assert _states(desk) == [DeliveryState.SENDING.value] * 5  # sent, not yet recorded
    outcomes = publisher.record_accepted([a for a in accepted if isinstance(a, Accepted)])
    assert [o.state for o in outcomes] == [DeliveryState.PUBLISHED] * 5
    assert _states(desk) == [DeliveryState.PUBLISHED.value] * 5
    with desk.ctx.sessions() as s:
        assert desk.ctx.audit.verify(s).ok
    assert publisher.run_due() == []  # nothing is sent twice


def test_an_acceptance_lost_before_it_was_recorded_is_unconfirmed_and_never_resent(desk: Any) -> None:
    _schedule(desk, "Road closed by the station", Platform.X)
    publisher = Publisher(desk.ctx, desk.pool)
    [claimed] = publisher.claim(10)
    accepted = publisher.deliver(claimed)
    assert isinstance(accepted, Accepted)
    # The desk stops before recording it: at the next start the row is resolved, never re-sent blindly.
    assert Publisher(desk.ctx, desk.pool).resolve_interrupted(older_than=timedelta(0)) == 1
    assert publisher.record_accepted([accepted])[0].state is DeliveryState.UNCONFIRMED  # not overwritten
    assert _states(desk) == [DeliveryState.UNCONFIRMED.value]
    assert publisher.run_due() == []


def test_a_post_that_fell_due_after_the_claim_is_looked_for_again_at_once_but_only_once(desk: Any) -> None:
    _schedule(desk, "Due by the time the dispatcher looks", Platform.X)
    lanes = PublishingLanes(Publisher(desk.ctx, desk.pool), lanes=2, idle_seconds=5.0)  # not started
    try:
        assert lanes._wait_seconds() == 0.0  # claim again now, not after the 5 s idle wait
        assert lanes._wait_seconds() == 5.0  # still unclaimed at the same due time: it truly waits
    finally:
        lanes.stop()


def _delivery_of(desk: Any, oid: int) -> int:
    with desk.ctx.sessions() as s:
        return int(s.scalars(select(Delivery.id).where(Delivery.outbound_id == oid)).one())


def test_next_due_is_the_earliest_first_try_or_retry_of_a_sendable_post(desk: Any) -> None:
    publisher = Publisher(desk.ctx, desk.pool)
    assert publisher.next_due() is None
    now = desk.ctx.clock.now()
    in_an_hour = _schedule(desk, "In an hour", Platform.X, due_in=3600)
    _schedule(desk, "In two hours", Platform.MASTODON, due_in=7200)
    assert publisher.next_due() == now + timedelta(seconds=3600)
    # A delivery put back for a retry is due at its retry time, even when that is before its post's.
    retried = _schedule(desk, "Tried already", Platform.BLUESKY, due_in=5400)
    with desk.ctx.transaction() as s:
        s.get(Delivery, _delivery_of(desk, retried)).next_attempt_at = now + timedelta(seconds=600)
    assert publisher.next_due() == now + timedelta(seconds=600)
    # Neither a delivery no longer pending nor a post no longer sendable counts.
    with desk.ctx.transaction() as s:
        s.get(Delivery, _delivery_of(desk, retried)).state = DeliveryState.PUBLISHED.value
        s.get(OutboundItem, in_an_hour).state = OutboundState.DRAFT.value
    assert publisher.next_due() == now + timedelta(seconds=7200)


def test_claiming_skips_posts_not_due_yet_and_takes_due_ones_in_due_order(desk: Any) -> None:
    later = _schedule(desk, "Later", Platform.X, due_in=600)
    first = _schedule(desk, "First", Platform.MASTODON, due_in=10)
    second = _schedule(desk, "Second", Platform.BLUESKY, due_in=20)
    publisher = Publisher(desk.ctx, desk.pool)
    assert publisher.claim_for_lanes(10) == []
    desk.ctx.clock.advance(30)
    claimed = [d for d, _ in publisher.claim_for_lanes(10)]
    assert claimed == [_delivery_of(desk, first), _delivery_of(desk, second)]
    assert _delivery_of(desk, later) not in claimed


def test_wake_finds_a_post_due_before_the_one_the_dispatcher_was_waiting_for(desk: Any) -> None:
    _schedule(desk, "In an hour", Platform.X, due_in=3600)
    lanes = PublishingLanes(Publisher(desk.ctx, desk.pool), lanes=2, idle_seconds=5.0)  # not started
    try:
        assert lanes._wait_seconds() > 0
        _schedule(desk, "Now", Platform.MASTODON)
        lanes.wake()  # scheduling wakes the lanes; the next look must see the new, earlier post
        assert lanes._wait_seconds() == 0.0
    finally:
        lanes.stop()


def test_acceptances_recorded_together_are_audited_in_order_and_each_runs_the_hooks(desk: Any) -> None:
    ids = [_schedule(desk, f"Appeal {i}", Platform.X if i % 2 else Platform.MASTODON) for i in range(4)]
    seen: list[tuple[int, str]] = []

    def hook(session: Any, outbound: OutboundItem, delivery: Delivery) -> None:
        seen.append((outbound.id, delivery.state))

    publisher = Publisher(desk.ctx, desk.pool, on_published=[hook])
    accepted = [publisher.deliver(d) for d in publisher.claim(10)]
    with desk.ctx.sessions() as s:
        before = s.scalar(select(AuditHead.seq))
    publisher.record_accepted([a for a in accepted if isinstance(a, Accepted)])
    assert seen == [(oid, DeliveryState.PUBLISHED.value) for oid in ids]
    with desk.ctx.sessions() as s:
        entries = list(s.scalars(select(AuditEntry).where(AuditEntry.seq > before).order_by(AuditEntry.seq)))
        assert desk.ctx.audit.verify(s).ok
        done = list(s.scalars(select(OutboundItem.state).where(OutboundItem.id.in_(ids))))
    delivery_entries = [e for e in entries if e.action == "delivery.published"]
    assert [int(e.object_id) for e in delivery_entries] == [_delivery_of(desk, oid) for oid in ids]
    assert done == [OutboundState.DONE.value] * 4
