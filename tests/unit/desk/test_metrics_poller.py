"""The engagement poller on both databases: thinning schedule, batching, rate limits, refusals."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from desk.metrics import EngagementPoller, poll_interval
from desk.ports import Metrics, Platform, RateLimited, Rejected, Transient
from desk.storage.models import Delivery, OutboundItem
from desk.storage.review_models import EngagementSample, MetricsState


class MetricsConnector:
    """Answers metrics calls: figures per post id, or a scripted error; records each batch."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.error: Exception | None = None

    def fetch_metrics(self, post_ids: Sequence[str]) -> Mapping[str, Metrics]:
        self.calls.append(list(post_ids))
        if self.error is not None:
            raise self.error
        return {p: Metrics(likes=len(self.calls), reposts=1, replies=0, impressions=None) for p in post_ids}


@pytest.fixture
def poll(desk: Any) -> Any:
    ctx = desk.ctx
    connectors = {a.id: MetricsConnector() for a in desk.acc.values()}
    now = ctx.clock.now()
    with ctx.transaction() as s:
        for i in range(5):
            out = OutboundItem(
                kind="post", state="done", text=f"p{i}", idempotency_key=f"o{i}", created_at=now, updated_at=now
            )
            s.add(out)
            s.flush()
            for p in (Platform.X, Platform.BLUESKY):
                s.add(
                    Delivery(
                        outbound_id=out.id,
                        account_id=desk.acc[p].id,
                        state="published",
                        idempotency_key=f"d{i}{p.value}",
                        platform_post_id=f"{p.value}-{i}",
                        published_at=now,
                    )
                )
        # Neither a failed delivery nor a month-old post is read.
        old = OutboundItem(kind="post", state="done", text="old", idempotency_key="old", created_at=now, updated_at=now)
        s.add(old)
        s.flush()
        s.add(
            Delivery(
                outbound_id=old.id,
                account_id=desk.acc[Platform.X].id,
                state="published",
                idempotency_key="dold",
                platform_post_id="x-old",
                published_at=now - timedelta(days=31),
            )
        )
        s.add(
            Delivery(
                outbound_id=old.id, account_id=desk.acc[Platform.MASTODON].id, state="failed", idempotency_key="dfail"
            )
        )
    poller = EngagementPoller(ctx, lambda account_id: (None, connectors[account_id]), batch_size=2)
    return type("P", (), {"ctx": ctx, "poller": poller, "conn": connectors, "acc": desk.acc})


def _samples(ctx: Any) -> int:
    with ctx.sessions() as s:
        return int(s.scalar(select(func.count()).select_from(EngagementSample)) or 0)


def test_schedule_thins_out_and_stops() -> None:
    assert poll_interval(timedelta(hours=2)) == timedelta(minutes=15)
    assert poll_interval(timedelta(days=3)) == timedelta(hours=1)
    assert poll_interval(timedelta(days=20)) == timedelta(days=1)
    assert poll_interval(timedelta(days=31)) is None


def test_polls_in_batches_per_account_and_waits_for_the_next_due_time(poll: Any) -> None:
    result = poll.poller.poll()
    assert result.sampled == 10 and _samples(poll.ctx) == 10
    x = poll.conn[poll.acc[Platform.X].id]
    assert [len(c) for c in x.calls] == [2, 2, 1] and all("x-old" not in c for c in x.calls)
    assert poll.poller.poll().sampled == 0  # nothing due yet
    poll.ctx.clock.advance(15 * 60)
    assert poll.poller.poll().sampled == 10
    poll.ctx.clock.advance(2 * 86400)  # two days old: hourly
    poll.poller.poll()
    poll.ctx.clock.advance(30 * 60)
    assert poll.poller.poll().sampled == 0
    poll.ctx.clock.advance(30 * 60)
    assert poll.poller.poll().sampled == 10


def test_rate_limit_blocks_the_account_until_its_reset(poll: Any) -> None:
    x_id = poll.acc[Platform.X].id
    until = poll.ctx.clock.now() + timedelta(minutes=40)
    poll.conn[x_id].error = RateLimited("slow down", until=until)
    result = poll.poller.poll()
    assert result.rate_limited == (x_id,) and result.sampled == 5  # the other account went on
    poll.conn[x_id].error = None
    poll.ctx.clock.advance(20 * 60)
    calls = len(poll.conn[x_id].calls)
    poll.poller.poll()
    assert len(poll.conn[x_id].calls) == calls  # still blocked
    poll.ctx.clock.advance(21 * 60)
    assert poll.poller.poll().accounts_polled == (x_id, poll.acc[Platform.BLUESKY].id)


def test_refusal_is_recorded_and_not_asked_again(poll: Any) -> None:
    b_id = poll.acc[Platform.BLUESKY].id
    poll.conn[b_id].error = Rejected("metrics need a paid tier")
    assert poll.poller.poll().refused == (b_id,)
    with poll.ctx.sessions() as s:
        state = s.get(MetricsState, b_id)
        assert state is not None and state.refused and "paid tier" in (state.refused_reason or "")
    poll.ctx.clock.advance(3600)
    calls = len(poll.conn[b_id].calls)
    poll.poller.poll()
    assert len(poll.conn[b_id].calls) == calls
    poll.conn[b_id].error = None
    poll.poller.allow_again(b_id)
    assert b_id in poll.poller.poll().accounts_polled


def test_transient_error_loses_nothing_and_retries(poll: Any) -> None:
    x_id = poll.acc[Platform.X].id
    poll.conn[x_id].error = Transient("network down")
    assert poll.poller.poll().failed == (x_id,)
    poll.conn[x_id].error = None
    assert poll.poller.poll().sampled == 5


def test_schedule_registers_one_periodic_job(poll: Any) -> None:
    jobs: list[tuple[float, str]] = []

    class Scheduler:
        def every(self, seconds: float, job: Any, job_id: str, *, first_in: float = 0.0) -> None:
            jobs.append((seconds, job_id))
            job()

    ran: list[Any] = []
    poll.poller.schedule(Scheduler(), ran.append)
    assert jobs == [(300.0, "engagement-metrics")] and len(ran) == 1
    ran[0]()
    assert _samples(poll.ctx) == 10
    poll.poller.stop()
