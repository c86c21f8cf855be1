"""Engagement metrics: published posts and replies polled from their platforms, stored as a time series.

Each published delivery is read often while it is young and less often as it ages (every 15 minutes on
the first day, hourly for a week, daily for a month, then never), batched per account, inside each
platform's limits: a rate limit blocks that account until the platform's ``until``; a platform that
refuses metrics is recorded so reports can say so.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.context import DeskContext
from desk.ports import ConnectorError, Metrics, RateLimited, Rejected
from desk.storage.models import Delivery, DeliveryState
from desk.storage.review_models import EngagementSample, MetricsState

log = logging.getLogger(__name__)

#: (age up to, poll interval): the schedule thins out as a post ages; past the last row it stops.
POLL_SCHEDULE: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(days=1), timedelta(minutes=15)),
    (timedelta(days=7), timedelta(hours=1)),
    (timedelta(days=30), timedelta(days=1)),
)
BATCH_SIZE = 100
TICK_SECONDS = 300.0


def poll_interval(age: timedelta) -> timedelta | None:
    """How often a delivery of this age is read; None once it is too old to follow."""
    for limit, interval in POLL_SCHEDULE:
        if age < limit:
            return interval
    return None


@dataclass(frozen=True)
class PollResult:
    """What one polling round did."""

    sampled: int
    accounts_polled: tuple[int, ...]
    rate_limited: tuple[int, ...]
    refused: tuple[int, ...]
    failed: tuple[int, ...]


ConnectorGetter = Callable[[int], Any]  # like ConnectorPool.get: account id -> (record, connector)


class EngagementPoller:
    """Reads engagement figures of published deliveries on a thinning schedule."""

    def __init__(self, ctx: DeskContext, get_connector: ConnectorGetter, batch_size: int = BATCH_SIZE) -> None:
        self.ctx = ctx
        self.get_connector = get_connector
        self.batch_size = batch_size

    def due(self, session: Session, now: datetime) -> dict[int, list[tuple[int, str]]]:
        """Per account, the (delivery id, platform post id) pairs whose next reading is due."""
        oldest = now - POLL_SCHEDULE[-1][0]
        last = (
            select(EngagementSample.delivery_id, func.max(EngagementSample.at).label("last_at"))
            .group_by(EngagementSample.delivery_id)
            .subquery()
        )
        rows = session.execute(
            select(Delivery.id, Delivery.account_id, Delivery.platform_post_id, Delivery.published_at, last.c.last_at)
            .outerjoin(last, last.c.delivery_id == Delivery.id)
            .where(
                Delivery.state == DeliveryState.PUBLISHED.value,
                Delivery.platform_post_id.is_not(None),
                Delivery.published_at >= oldest,
            )
            .order_by(Delivery.account_id, Delivery.id)
        ).all()
        states = {s.account_id: s for s in session.scalars(select(MetricsState))}
        out: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for delivery_id, account_id, post_id, published_at, last_at in rows:
            state = states.get(account_id)
            if state is not None and (state.refused or (state.blocked_until is not None and state.blocked_until > now)):
                continue
            interval = poll_interval(now - _aware(published_at))
            if interval is None:
                continue
            if last_at is None or now - _aware(last_at) >= interval:
                out[account_id].append((delivery_id, str(post_id)))
        return dict(out)

    def poll(self) -> PollResult:
        """One round: every due delivery, batched per account; errors stay with their account."""
        now = self.ctx.clock.now()
        with self.ctx.transaction() as session:
            due = self.due(session, now)
        sampled = 0
        polled: list[int] = []
        limited: list[int] = []
        refused: list[int] = []
        failed: list[int] = []
        for account_id, pairs in due.items():
            try:
                got = self._fetch(account_id, pairs)
            except RateLimited as exc:
                self._mark(account_id, blocked_until=exc.until)
                limited.append(account_id)
                continue
            except Rejected as exc:
                self._mark(account_id, refused=exc.message or "metrics refused")
                refused.append(account_id)
                continue
            except ConnectorError as exc:
                log.info("metrics for account %s not read: %s", account_id, exc)
                failed.append(account_id)
                continue
            sampled += got
            polled.append(account_id)
        return PollResult(sampled, tuple(polled), tuple(limited), tuple(refused), tuple(failed))

    def _fetch(self, account_id: int, pairs: Sequence[tuple[int, str]]) -> int:
        got = self.get_connector(account_id)
        connector = got[1] if isinstance(got, tuple) else got
        written = 0
        for start in range(0, len(pairs), self.batch_size):
            batch = pairs[start : start + self.batch_size]
            figures = connector.fetch_metrics([post_id for _, post_id in batch])
            at = self.ctx.clock.now()
            with self.ctx.transaction() as session:
                for delivery_id, post_id in batch:
                    metrics = figures.get(post_id)
                    if metrics is None:
                        continue  # gone from the platform, or not yet counted
                    session.add(_sample(delivery_id, at, metrics))
                    written += 1
                _state(session, account_id).last_polled_at = at
        return written

    def _mark(self, account_id: int, *, blocked_until: datetime | None = None, refused: str | None = None) -> None:
        with self.ctx.transaction() as session:
            state = _state(session, account_id)
            if blocked_until is not None:
                state.blocked_until = blocked_until
            if refused is not None:
                state.refused = True
                state.refused_reason = refused[:2000]
                state.refused_at = self.ctx.clock.now()

    def allow_again(self, account_id: int) -> None:
        """Forget a refusal (after the account's access was changed), so polling tries again."""
        with self.ctx.transaction() as session:
            state = _state(session, account_id)
            state.refused = False
            state.refused_reason = None
            state.refused_at = None

    def schedule(self, scheduler: Any, submit: Callable[[Callable[[], Any]], None]) -> None:
        """Wake every few minutes; the rows decide which deliveries are due."""
        scheduler.every(TICK_SECONDS, lambda: submit(self.poll), "engagement-metrics")

    def stop(self) -> None:
        """Nothing is held between rounds."""


def _sample(delivery_id: int, at: datetime, m: Metrics) -> EngagementSample:
    return EngagementSample(
        delivery_id=delivery_id,
        at=at,
        likes=m.likes,
        reposts=m.reposts,
        replies=m.replies,
        impressions=m.impressions,
        quotes=m.quotes,
    )


def _state(session: Session, account_id: int) -> MetricsState:
    state = session.get(MetricsState, account_id)
    if state is None:
        state = MetricsState(account_id=account_id, refused=False)
        session.add(state)
        session.flush()
    return state


def _aware(value: datetime) -> datetime:
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
