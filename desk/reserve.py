"""Every account keeps a share of its posting budget for replies and urgent posts.

A broadcast (a post, a patrol log) may use ``1 - reserve`` of each of its platform's posting windows; a
reply, a direct message, an automatic reply, a holding statement or a post marked urgent may use the whole
window. The reserve is kept three times:

- when a post is placed in a queue slot (the planning service skips slots that would spend it);
- when a post is given a fixed time (:func:`check_fixed_time` refuses it, saying what to do instead);
- when a broadcast is about to be sent (:class:`ReserveKeeper`): replies sent meanwhile may have used the
  room, so the broadcast waits until the window has room again instead of taking the reserve.

Tweetathon posts keep the reserve through their own planner, which spaces them inside the same windows.
The windows are the platforms' published defaults, refined by what a platform reported for the account
(X's headers, Instagram's publishing quota).
"""

from __future__ import annotations

import threading
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.errors import ValidationFailed
from desk.ports import Platform, RateLimitState
from desk.storage.models import Delivery, DeliveryState, OutboundItem, OutboundKind, OutboundState, PlatformAccount
from desk.tweetathon.planner import DEFAULT_WINDOWS, Planner, Window

#: Kinds of post that must leave the reserve free (unless marked urgent).
BROADCAST_KINDS = frozenset({OutboundKind.POST.value, OutboundKind.PATROL_LOG.value})
#: Posts that count against an account's windows while planned: everything not withdrawn or failed.
LIVE_STATES = (
    OutboundState.DRAFT.value,
    OutboundState.AWAITING_APPROVAL.value,
    OutboundState.SCHEDULED.value,
    OutboundState.HELD.value,
    OutboundState.PUBLISHING.value,
    OutboundState.DONE.value,
)
#: The longest posting window of any platform: sends older than this no longer count.
LONGEST = timedelta(days=1)
#: How often the keeper reads an account's sends again (other desks', replies sent elsewhere), seconds.
REFRESH_SECONDS = 60.0


def is_urgent(details: Mapping[str, Any]) -> bool:
    """Whether a post was marked urgent (it may use the reserve)."""
    return bool(details.get("urgent"))


def keeps_reserve(kind: str, details: Mapping[str, Any]) -> bool:
    """Whether a post of ``kind`` must leave the reserve free."""
    return kind in BROADCAST_KINDS and not is_urgent(details)


def _is_posting(endpoint: str) -> bool:
    """Whether a reported budget is about creating posts (X's tweets, Mastodon statuses, Bluesky records,
    Instagram's publishing quota)."""
    lowered = endpoint.lower()
    if "content_publishing" in lowered:
        return True
    return lowered.startswith("post") and any(w in lowered for w in ("tweets", "statuses", "createrecord", "feed"))


def windows_for(platform: Platform, now: datetime, reported: Sequence[RateLimitState] = ()) -> tuple[Window, ...]:
    """An account's posting windows: its platform's defaults, with the limits the platform reported for it."""
    if platform not in DEFAULT_WINDOWS:
        return ()
    planner = Planner({0: platform}, reserve_percent=0)
    for state in reported:
        if not _is_posting(state.endpoint) or state.limit <= 0:
            continue
        # A reported limit replaces the window its reset time fits (the planner's rule for tweetathons).
        reset_in = (_aware(state.reset_at) - now).total_seconds()
        planner.limit_reported(0, state.limit, max(1.0, reset_in))
    return tuple(w for w in planner.accounts[0].windows if w.scope == "account")


def fits_posting_budget(
    platform: Platform,
    planned: Sequence[datetime],
    when: datetime,
    reserve_percent: int,
    *,
    urgent: bool = False,
    windows: Sequence[Window] | None = None,
) -> bool:
    """Whether one more post of an account at ``when`` stays inside each of its posting windows.

    ``planned`` are the account's other posts (due or sent). A broadcast leaves ``reserve_percent`` of every
    window free for replies and urgent posts; a reply or an urgent post (``urgent=True``) may use the whole
    window. ``windows`` default to the platform's published ones.
    """
    if not 0 <= reserve_percent < 100:
        raise ValueError("reserve_percent must be between 0 and 99")
    t = when.timestamp()
    times = sorted(p.timestamp() for p in planned)
    chosen = (
        windows if windows is not None else tuple(w for w in DEFAULT_WINDOWS.get(platform, ()) if w.scope == "account")
    )
    for window in chosen:
        if window.scope != "account":
            continue  # an app-wide window is shared by every account; the planner keeps it
        limit = window.limit if urgent else int(window.limit * (1 - reserve_percent / 100))
        cap = max(1, limit // window.cost)
        lo, hi = bisect_right(times, t - window.seconds), bisect_left(times, t + window.seconds)
        near = times[lo:hi]  # sorted
        # A sliding window that holds ``t`` and the most posts starts at ``t`` or at one of the posts before it.
        for start in [*near[: bisect_right(near, t)], t]:
            inside = bisect_left(near, start + window.seconds) - bisect_left(near, start)
            if start <= t < start + window.seconds and inside + 1 > cap:
                return False
    return True


def first_fit(
    platform: Platform,
    sent: Sequence[datetime],
    now: datetime,
    reserve_percent: int,
    windows: Sequence[Window],
) -> datetime | None:
    """None when a broadcast fits now; otherwise the first moment one fits (when an old send leaves its window)."""
    if fits_posting_budget(platform, sent, now, reserve_percent, windows=windows):
        return None
    leaving = sorted(
        {s + timedelta(seconds=w.seconds) for s in sent for w in windows} - {now},
    )
    for at in leaving:
        if at > now and fits_posting_budget(platform, sent, at, reserve_percent, windows=windows):
            return at
    return now + timedelta(seconds=max((w.seconds for w in windows), default=3600))


def planned_times(session: Session, account_id: int, when: datetime, *, exclude: int | None = None) -> list[datetime]:
    """Due times of an account's live posts within a day of ``when`` (``exclude``: a post being placed)."""
    query = (
        select(OutboundItem.due_at)
        .join(Delivery, Delivery.outbound_id == OutboundItem.id)
        .where(
            Delivery.account_id == account_id,
            OutboundItem.due_at > when - LONGEST,
            OutboundItem.due_at < when + LONGEST,
            OutboundItem.state.in_(LIVE_STATES),
        )
    )
    if exclude is not None:
        query = query.where(OutboundItem.id != exclude)
    return [_aware(d) for d in session.scalars(query) if d is not None]


def check_fixed_time(
    session: Session,
    accounts: Sequence[PlatformAccount],
    when: datetime,
    reserve_percent: int,
    *,
    exclude: int | None = None,
) -> None:
    """Refuse a broadcast given a fixed time that would spend an account's reserve, saying what to do."""
    for account in accounts:
        platform = Platform(account.platform)
        planned = planned_times(session, account.id, when, exclude=exclude)
        if not fits_posting_budget(platform, planned, when, reserve_percent):
            raise ValidationFailed(
                "publishing.reserve",
                "At {due} {handle} on {platform} would use its reserve for replies and urgent posts ({percent} % of "
                "its posting budget). Choose another time, add the post to the queue, or mark it urgent.",
                due=when.isoformat(timespec="minutes"),
                handle=account.handle,
                platform=account.platform,
                percent=reserve_percent,
            )


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)


@dataclass
class _Sent:
    read_at: float
    times: list[datetime]


class ReserveKeeper:
    """Send-time check for broadcasts: an account's sends in its longest window, kept in memory.

    Each account's published deliveries are read from the database at most every :data:`REFRESH_SECONDS`
    (so sends by other desks and replies count), and every send this publisher records is added at once.
    """

    def __init__(self, refresh_seconds: float = REFRESH_SECONDS) -> None:
        self.refresh_seconds = refresh_seconds
        self._sent: dict[int, _Sent] = {}
        self._lock = threading.Lock()
        self._percent: tuple[float, int] | None = None

    def reserve_percent(self, load: Callable[[], int]) -> int:
        """The reserve setting, read again at most every ``refresh_seconds``."""
        kept = self._percent
        if kept is None or time.monotonic() - kept[0] >= self.refresh_seconds:
            kept = (time.monotonic(), load())
            self._percent = kept
        return kept[1]

    def _times(self, session: Session, account_id: int, now: datetime) -> list[datetime]:
        with self._lock:
            kept = self._sent.get(account_id)
            if kept is not None and time.monotonic() - kept.read_at < self.refresh_seconds:
                return [t for t in kept.times if t > now - LONGEST]
        rows = session.scalars(
            select(Delivery.published_at).where(
                Delivery.account_id == account_id,
                Delivery.state == DeliveryState.PUBLISHED.value,
                Delivery.published_at > now - LONGEST,
            )
        )
        times = sorted(_aware(t) for t in rows if t is not None)
        with self._lock:
            self._sent[account_id] = _Sent(time.monotonic(), times)
        return list(times)

    def noted(self, account_id: int, at: datetime) -> None:
        """This publisher recorded a send of ``account_id`` (a reply counts as much as a post)."""
        with self._lock:
            kept = self._sent.get(account_id)
            if kept is not None:
                kept.times.append(_aware(at))

    def wait_until(
        self,
        session: Session,
        account_id: int,
        platform: Platform,
        now: datetime,
        reserve_percent: int,
        reported: Sequence[RateLimitState] = (),
    ) -> datetime | None:
        """None when a broadcast of ``account_id`` may go now; else when it may go without the reserve."""
        windows = windows_for(platform, now, reported)
        if not windows:
            return None
        return first_fit(platform, self._times(session, account_id, now), now, reserve_percent, windows)
