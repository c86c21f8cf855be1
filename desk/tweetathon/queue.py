"""A running tweetathon: calls become paced posts, one delivery each, on the accounts the planner picks.

State lives in the database: every post is an :class:`OutboundItem` of kind ``tweetathon`` whose details
name the tweetathon, the platform, the call keys and numbers it covers and the times of those calls. A
call is "covered" on a platform while a post of it there is not cancelled or failed; pausing cancels the
posts not yet sent and their calls go back to the queue.
"""

from __future__ import annotations

import enum
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select

from desk.calls.mapping import Preset
from desk.calls.records import CallStatus
from desk.context import DeskContext
from desk.ports import Capabilities, Platform
from desk.redaction import PrivacyGuard
from desk.storage.models import (
    AccountStatus,
    Delivery,
    DeliveryState,
    OutboundItem,
    OutboundKind,
    OutboundState,
    PlatformAccount,
    RateLimitRecord,
)
from desk.storage.tweetathon_models import Call
from desk.textcount import count
from desk.tweetathon.locations import PlaceList
from desk.tweetathon.planner import Planner
from desk.tweetathon.posts import BuiltPost, HeldCall, PostBuilder, SensitivePolicy
from desk.tweetathon.wording import WordingService

#: Safe outcome lines for follow-ups, by words a disposition may contain (anything else sends nothing).
OUTCOMES: tuple[tuple[str, str], ...] = (
    ("no offence", "officers attended, no offence"),
    ("no report", "officers attended, no report needed"),
    ("report", "officers attended and took a report"),
    ("arrest", "officers attended, an arrest was made"),
    ("unfounded", "officers attended, nothing found"),
    ("gone on arrival", "gone on arrival"),
    ("goa", "gone on arrival"),
    ("advised", "officers attended and gave advice"),
)


class ReviewMode(enum.StrEnum):
    """Who looks at a post before it goes."""

    AUTOMATIC = "automatic"
    APPROVE_SENSITIVE = "approve_sensitive"
    APPROVE_ALL = "approve_all"


@dataclass
class TweetathonConfig:
    """One tweetathon: what it posts, when, where and how."""

    name: str
    source: str
    preset: Preset
    start: datetime
    end: datetime
    account_ids: tuple[int, ...]
    hashtag: str = ""
    delay: timedelta = timedelta(minutes=15)
    review: ReviewMode = ReviewMode.AUTOMATIC
    lang: str = "en"
    policy: SensitivePolicy = SensitivePolicy.HOLD
    batch_after: timedelta = timedelta(minutes=3)  # a platform this far behind batches calls into one post
    max_batch: int = 10  # the platform's length limit usually stops a batch first


@dataclass(frozen=True)
class CallOutcome:
    """A call that is not posted, and why (held, excluded, skipped, review)."""

    call_key: str
    number: int
    status: str
    reason: str


@dataclass
class TweetathonStats:
    """What the dashboard shows."""

    calls_in: int = 0
    posted: int = 0
    posts: int = 0
    held: int = 0
    excluded: int = 0
    batched: int = 0
    backlog: int = 0
    p50_minutes: float | None = None
    p95_minutes: float | None = None
    budgets: dict[int, dict[str, int]] = field(default_factory=dict)
    calls_per_hour: list[tuple[datetime, int]] = field(default_factory=list)
    paused: bool = False


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class TweetathonEngine:
    """Turns a source's calls into planned posts; a background service for ``desk run``."""

    def __init__(
        self,
        ctx: DeskContext,
        config: TweetathonConfig,
        capabilities_for: Callable[[Platform], Capabilities],
        *,
        reserve_percent: int | None = None,
        places: PlaceList | None = None,
    ) -> None:
        self.ctx = ctx
        self.config = config
        self.capabilities_for = capabilities_for
        if reserve_percent is None:
            from desk.settings import SettingsService

            reserve_percent = SettingsService(ctx).load().sync.reply_reserve_percent
        with ctx.sessions() as session:
            rows = list(session.scalars(select(PlatformAccount).where(PlatformAccount.id.in_(config.account_ids))))
        self.platform_of = {r.id: Platform(r.platform) for r in rows}
        self.handles = {r.id: r.handle for r in rows}
        self.planner = Planner(self.platform_of, reserve_percent=reserve_percent)
        for r in rows:
            if r.status in (AccountStatus.NEEDS_RECONNECT.value, AccountStatus.DISABLED.value):
                self.planner.set_healthy(r.id, False)
        preset = config.preset
        if config.hashtag:
            preset = preset.model_copy(update={"hashtag": config.hashtag})
        self.builder = PostBuilder(
            preset,
            WordingService(ctx).table(),
            lang=config.lang,
            policy=config.policy,
            places=places if places is not None else PlaceList.shipped(config.preset.name),
        )
        self.guard = PrivacyGuard()
        self.paused = False
        self.overrides: dict[str, tuple[str, str]] = {}  # call key -> ("skip"|"hold"|"edit", reason or text)
        self.numbers: dict[str, int] = {}
        self.received: dict[str, datetime] = {}
        self.built: dict[str, BuiltPost | HeldCall] = {}
        self.outcomes: dict[str, CallOutcome] = {}
        self.covered: dict[Platform, set[str]] = {}
        self.posted_at: dict[str, datetime] = {}  # first publication of each call on any platform
        self.failed_seen: set[int] = set()
        self.refused: set[int] = set()  # accounts a platform refused: out of rotation until reinstated
        self._cursor = config.start
        self.followed_up: set[str] = set()
        # Posts handed to the publisher and not yet settled: delivery id -> (account, planned send time).
        # An account with one of these gets nothing new, so each send is planned from the real times of
        # the sends before it and late sends cannot bunch up past the limits.
        self.in_flight: dict[int, tuple[int, datetime]] = {}
        self.published_posts: dict[str, list[tuple[str, int]]] = {}  # call key -> (post id, account) it went out in
        self._order: list[str] = []  # every built call key in call order
        self._done: dict[Platform, int] = {}  # per platform: how far ``_order`` is covered or settled
        self._load()

    # state -------------------------------------------------------------------------------------------

    def _items(self, session: Any) -> list[OutboundItem]:
        items = session.scalars(select(OutboundItem).where(OutboundItem.kind == OutboundKind.TWEETATHON.value))
        return [i for i in items if i.details.get("tweetathon") == self.config.name]

    def _load(self) -> None:
        """Rebuild what is covered and booked from the database (after a restart)."""
        with self.ctx.sessions() as session:
            for item in self._items(session):
                if item.state in (OutboundState.CANCELLED.value, OutboundState.FAILED.value):
                    continue
                platform = Platform(str(item.details.get("platform")))
                keys = [str(k) for k in item.details.get("call_keys", [])]
                self.covered.setdefault(platform, set()).update(keys)
                for d in item.deliveries:
                    if d.state == DeliveryState.PUBLISHED.value:
                        self._note_published(d.account_id, d.platform_post_id, item.details)
                    when = d.published_at or item.due_at
                    if when is not None:
                        self.planner.record(d.account_id, _utc(when))
                    if d.state in (DeliveryState.PENDING.value, DeliveryState.SENDING.value) and item.due_at:
                        self.in_flight[d.id] = (d.account_id, _utc(item.due_at))

    # control -----------------------------------------------------------------------------------------

    def pause(self) -> int:
        """Stop posting: posts not yet sent are cancelled and their calls wait. Returns how many."""
        self.paused = True
        cancelled = 0
        with self.ctx.transaction() as session:
            for item in self._items(session):
                if item.state not in (OutboundState.SCHEDULED.value, OutboundState.AWAITING_APPROVAL.value):
                    continue
                if any(d.state != DeliveryState.PENDING.value for d in item.deliveries):
                    continue
                for d in item.deliveries:
                    d.state = DeliveryState.CANCELLED.value
                    if item.due_at is not None:
                        self.planner.forget(d.account_id, _utc(item.due_at))
                    self.in_flight.pop(d.id, None)
                item.state = OutboundState.CANCELLED.value
                platform = Platform(str(item.details.get("platform")))
                self._uncover(platform, [str(k) for k in item.details.get("call_keys", [])])
                cancelled += 1
        return cancelled

    def resume(self) -> None:
        """Carry on posting from where the queue stands."""
        self.paused = False

    def reinstate(self, account_id: int) -> None:
        """Put an account the platform refused back into rotation (a person checked it)."""
        self.refused.discard(account_id)

    def skip(self, call_key: str, reason: str = "skipped by the press office") -> None:
        """Never post this call."""
        self.overrides[call_key] = ("skip", reason)

    def hold(self, call_key: str, reason: str = "held by the press office") -> None:
        """Keep this call back for a person."""
        self.overrides[call_key] = ("hold", reason)

    def edit(self, call_key: str, text: str) -> None:
        """Post this text for the call instead (the privacy guard still checks it)."""
        self.overrides[call_key] = ("edit", text)

    # the work ----------------------------------------------------------------------------------------

    def _new_calls(self, now: datetime) -> None:
        """Build the posts of calls received up to ``now`` in the tweetathon's window, once each."""
        cfg = self.config
        upto = min(now, cfg.end)
        with self.ctx.sessions() as session:
            query = (
                select(Call)
                .where(Call.source == cfg.source, Call.received_at >= self._cursor, Call.received_at <= upto)
                .order_by(Call.received_at, Call.id)
            )
            for call in session.scalars(query):
                received = _utc(call.received_at)
                if received > upto:
                    break
                if received < cfg.start or call.call_key in self.built:
                    continue
                self._cursor = received
                number = len(self.numbers) + 1
                self.numbers[call.call_key] = number
                self.received[call.call_key] = received
                result = self.builder.build(call, number)
                self.built[call.call_key] = result
                self._order.append(call.call_key)
                if isinstance(result, HeldCall):
                    self.outcomes[call.call_key] = CallOutcome(
                        call.call_key, number, result.status.value, result.reason
                    )

    def _text_for(self, key: str) -> tuple[str, bool] | None:
        """The text of one call and whether it needs approval under the review mode; None: not posted."""
        result = self.built[key]
        override = self.overrides.get(key)
        if override is not None and override[0] in ("skip", "hold"):
            status = "skipped" if override[0] == "skip" else CallStatus.HELD.value
            self.outcomes[key] = CallOutcome(key, self.numbers[key], status, override[1])
            return None
        if isinstance(result, HeldCall):
            return None
        text = result.text
        if override is not None and override[0] == "edit":
            if self.guard.check(override[1], lang=self.config.lang).hits:
                self.outcomes[key] = CallOutcome(key, self.numbers[key], "held", "privacy guard on the edited text")
                return None
            text = override[1]
        review = self.config.review
        needs = review is ReviewMode.APPROVE_ALL or (review is ReviewMode.APPROVE_SENSITIVE and result.signposted)
        return text, needs

    def _batch_text(self, platform: Platform, texts: Sequence[str]) -> str:
        """Several calls in one post: each line keeps its call number; the hashtag once at the end."""
        tag = self.builder.preset.hashtag
        if len(texts) == 1:
            return texts[0]
        lines = [t[: -len(tag)].rstrip() if tag and t.endswith(tag) else t for t in texts]
        return "\n".join(lines) + (f"\n{tag}" if tag else "")

    def _fits(self, platform: Platform, text: str) -> bool:
        return count(text, self.capabilities_for(platform)).fits

    def tick(self) -> int:
        """Hand due posts to the publisher, one per free account, fail over refused accounts, send follow-ups.

        Returns how many posts were made. A post is made only when it is due and its account is free: the
        account's previous post has been sent (or settled) and one more send now keeps every window of the
        account within its share, counted from the real send times.
        """
        now = self.ctx.clock.now()
        self._failover(now)
        self._settle()
        self._platform_limits(now)
        if self.paused or now < self.config.start:
            return 0
        self._new_calls(now)
        made = 0
        for platform in self.planner.platforms():
            made += self._plan_platform(platform, now)
        self._follow_ups(now)
        return made

    def _uncover(self, platform: Platform, keys: Sequence[str]) -> None:
        """Calls whose post on ``platform`` will not go out after all: back into that platform's queue."""
        self.covered.get(platform, set()).difference_update(keys)
        self._done[platform] = 0  # rescan from the start (rare: pause, failover)

    def _settle(self) -> None:
        """Replace planned send times by the real ones of posts the publisher has sent since the last round."""
        if not self.in_flight:
            return
        with self.ctx.sessions() as session:
            rows = session.execute(
                select(
                    Delivery.id, Delivery.state, Delivery.published_at, Delivery.platform_post_id, OutboundItem.details
                )
                .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
                .where(Delivery.id.in_(list(self.in_flight)))
            ).all()
        for delivery_id, state, published_at, post_id, details in rows:
            account_id, planned = self.in_flight[delivery_id]
            if published_at is not None:
                self.planner.forget(account_id, planned)
                self.planner.record(account_id, _utc(published_at))
                del self.in_flight[delivery_id]
                self._note_published(account_id, post_id, details)
            elif state not in (DeliveryState.PENDING.value, DeliveryState.SENDING.value):
                del self.in_flight[delivery_id]  # the planned time stays booked: the platform may have counted it

    def _note_published(self, account_id: int, post_id: str | None, details: dict[str, Any]) -> None:
        """Remember where each call was published, for its follow-up reply."""
        if post_id and not details.get("follow_up"):
            for key in details.get("call_keys", []):
                self.published_posts.setdefault(str(key), []).append((post_id, account_id))

    def _busy(self) -> set[int]:
        """Accounts with a post handed to the publisher and not yet sent.

        A post waiting for approval holds its account's slot too: otherwise the account would be given more
        posts meanwhile, and approving several at once would send them together, past the spacing.
        """
        return {aid for aid, _ in self.in_flight.values()}

    def _platform_limits(self, now: datetime) -> None:
        """Budgets the platforms reported in their headers: a different limit replaces the planner's window for
        that account; an account with no posts left waits for the reset."""
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(RateLimitRecord).where(RateLimitRecord.account_id.in_(list(self.platform_of)))
            ).all()
        for row in rows:
            if not _is_posting(row.endpoint):
                continue
            reset = _utc(row.reset_at)
            reported_at = _utc(row.updated_at)
            if row.limit > 0 and reset > reported_at:
                self.planner.limit_reported(row.account_id, row.limit, (reset - reported_at).total_seconds())
            if row.remaining <= 0 and reset > now:
                self.planner.hold_until(row.account_id, reset)

    def _waiting(self, platform: Platform, now: datetime, limit: int | None = None) -> list[tuple[str, str, bool]]:
        """Calls due on ``platform`` (delay passed) that no post there covers yet, in call order (the first
        ``limit`` of them: a round cannot post more than its free accounts can carry)."""
        cfg = self.config
        covered = self.covered.setdefault(platform, set())
        order = self._order
        i = self._done.get(platform, 0)
        # Skip the settled head of the queue once, so each round looks only at what is still open.
        while i < len(order) and (order[i] in covered or order[i] in self.outcomes):
            i += 1
        self._done[platform] = i
        out: list[tuple[str, str, bool]] = []
        for key in order[i:]:
            if self.received[key] + cfg.delay > now:
                break
            if key in covered or key in self.outcomes:
                continue
            got = self._text_for(key)
            if got is None:
                continue
            out.append((key, got[0], got[1]))
            if limit is not None and len(out) >= limit:
                break
        return out

    def unposted(self) -> int:
        """Calls (counted once per platform) that are publishable and not yet in any post there."""
        far = datetime.max.replace(tzinfo=UTC)
        return sum(len(self._waiting(platform, far)) for platform in self.planner.platforms())

    def _plan_platform(self, platform: Platform, now: datetime) -> int:
        cfg = self.config
        accounts = self.planner.healthy(platform)
        waiting = self._waiting(platform, now, limit=cfg.max_batch * len(accounts))
        if not waiting:
            return 0
        busy = self._busy()
        # The account idle longest goes first, so the accounts of a platform take turns.
        accounts.sort(key=self.planner.last_send)
        covered = self.covered.setdefault(platform, set())
        made = 0
        with self.ctx.transaction() as session:
            for account_id in accounts:
                if not waiting:
                    break
                if account_id in busy or self.planner.earliest(account_id, now) > now:
                    continue
                key, text, needs = waiting[0]
                group = [(key, text)]
                behind = now - (self.received[key] + cfg.delay)
                if behind > cfg.batch_after and not needs:
                    # Behind: put the next waiting calls into the same post while the text fits.
                    j = 1
                    while j < len(waiting) and len(group) < cfg.max_batch and not waiting[j][2]:
                        candidate = [*group, (waiting[j][0], waiting[j][1])]
                        if not self._fits(platform, self._batch_text(platform, [t for _, t in candidate])):
                            break
                        group = candidate
                        j += 1
                body = self._batch_text(platform, [t for _, t in group])
                self.planner.record(account_id, now)
                delivery_id = self._add(session, platform, account_id, now, body, [k for k, _ in group], needs)
                self.in_flight[delivery_id] = (account_id, now)
                covered.update(k for k, _ in group)
                waiting = waiting[len(group) :]
                made += 1
        return made

    def _add(
        self,
        session: Any,
        platform: Platform,
        account_id: int,
        due: datetime,
        text: str,
        keys: Sequence[str],
        needs_approval: bool,
        reply_to: str | None = None,
    ) -> int:
        now = self.ctx.clock.now()
        import uuid

        key = uuid.uuid4().hex
        details: dict[str, Any] = {
            "tweetathon": self.config.name,
            "source": self.config.source,
            "platform": platform.value,
            "call_keys": list(keys),
            "call_numbers": [self.numbers[k] for k in keys],
            "call_times": [self.received[k].isoformat() for k in keys],
        }
        if reply_to:
            details["reply_to_post_id"] = reply_to
            details["follow_up"] = True
        item = OutboundItem(
            kind=OutboundKind.TWEETATHON.value,
            state=(OutboundState.AWAITING_APPROVAL if needs_approval else OutboundState.SCHEDULED).value,
            text=text,
            lang=self.config.lang,
            due_at=due,
            idempotency_key=key,
            details=details,
            created_at=now,
            updated_at=now,
        )
        session.add(item)
        session.flush()
        delivery = Delivery(outbound_id=item.id, account_id=account_id, idempotency_key=f"{key}:{account_id}")
        session.add(delivery)
        session.flush()
        return delivery.id

    def _failover(self, now: datetime) -> None:
        """Posts stuck on a refused or suspended account go back to the queue for the other accounts."""
        with self.ctx.transaction() as session:
            bad = {
                r.id
                for r in session.scalars(select(PlatformAccount).where(PlatformAccount.id.in_(list(self.platform_of))))
                if r.status in (AccountStatus.NEEDS_RECONNECT.value, AccountStatus.DISABLED.value)
            }
            rows = session.execute(
                select(Delivery, OutboundItem)
                .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
                .where(
                    OutboundItem.kind == OutboundKind.TWEETATHON.value,
                    or_(
                        Delivery.state == DeliveryState.FAILED.value,
                        and_(Delivery.state == DeliveryState.PENDING.value, Delivery.account_id.in_(list(bad))),
                    ),
                )
            ).all()
            for d, item in rows:
                if item.id in self.failed_seen or item.details.get("tweetathon") != self.config.name:
                    continue
                if item.details.get("reply_to_post_id") is not None:
                    continue  # a follow-up belongs to its original's account
                if d.state == DeliveryState.FAILED.value:
                    self.refused.add(d.account_id)  # refused or suspended: the other accounts take over
                else:
                    d.state = DeliveryState.CANCELLED.value
                    item.state = OutboundState.CANCELLED.value
                platform = Platform(str(item.details.get("platform")))
                self._uncover(platform, [str(k) for k in item.details.get("call_keys", [])])
                self.failed_seen.add(item.id)
        bad |= self.refused
        for aid in self.platform_of:
            self.planner.set_healthy(aid, aid not in bad)

    def _follow_ups(self, now: datetime) -> None:
        """An outcome that became known after the post goes out as a reply to it, on the same account."""
        with self.ctx.sessions() as session:
            pending = list(
                session.scalars(select(Call).where(Call.source == self.config.source, Call.follow_up_pending.is_(True)))
            )
            wanted = {c.call_key: c.disposition for c in pending if c.call_key in self.numbers}
            wanted = {k: v for k, v in wanted.items() if k not in self.followed_up}
        originals = [
            (k, post_id, account_id, self.platform_of[account_id])
            for k in wanted
            for post_id, account_id in self.published_posts.get(k, [])
        ]
        if not originals:
            return
        with self.ctx.transaction() as session:
            for key, post_id, account_id, platform in originals:
                line = outcome_line(wanted[key])
                if line is None:
                    continue
                text = f"Call {self.numbers[key]} update: {line}. {self.builder.preset.hashtag}".strip()
                if self.guard.check(text, lang=self.config.lang).hits:
                    continue
                self.planner.record(account_id, now)
                self._add(session, platform, account_id, now, text, [key], False, reply_to=post_id)
            self.followed_up.update(k for k, *_ in originals)
            for call in session.scalars(
                select(Call).where(Call.source == self.config.source, Call.call_key.in_([k for k, *_ in originals]))
            ):
                call.follow_up_pending = False

    # the dashboard -----------------------------------------------------------------------------------

    def stats(self) -> TweetathonStats:
        """Calls in, posted, held, batched, backlog, call-to-post times, budgets and calls per hour."""
        now = self.ctx.clock.now()
        out = TweetathonStats(paused=self.paused)
        out.calls_in = len(self.built)
        out.held = sum(1 for o in self.outcomes.values() if o.status != CallStatus.EXCLUDED.value)
        out.excluded = sum(1 for o in self.outcomes.values() if o.status == CallStatus.EXCLUDED.value)
        lags: list[float] = []
        posted: set[str] = set()
        with self.ctx.sessions() as session:
            for item in self._items(session):
                if item.details.get("follow_up"):
                    continue
                for d in item.deliveries:
                    if d.state != DeliveryState.PUBLISHED.value or d.published_at is None:
                        continue
                    out.posts += 1
                    keys = [str(k) for k in item.details.get("call_keys", [])]
                    if len(keys) > 1:
                        out.batched += len(keys)
                    for k in keys:
                        if k in posted or k not in self.received:
                            continue
                        posted.add(k)
                        lags.append((_utc(d.published_at) - self.received[k]).total_seconds() / 60)
        out.posted = len(posted)
        publishable = [k for k, r in self.built.items() if isinstance(r, BuiltPost) and k not in self.outcomes]
        out.backlog = sum(1 for k in publishable if k not in posted)
        if lags:
            lags.sort()
            out.p50_minutes = statistics.median(lags)
            out.p95_minutes = lags[min(len(lags) - 1, round(0.95 * (len(lags) - 1)))]
        out.budgets = {aid: self.planner.remaining(aid, now) for aid in self.platform_of}
        hours: dict[datetime, int] = {}
        for when in self.received.values():
            hour = when.replace(minute=0, second=0, microsecond=0)
            hours[hour] = hours.get(hour, 0) + 1
        out.calls_per_hour = sorted(hours.items())
        return out

    # the runner --------------------------------------------------------------------------------------

    def schedule(self, scheduler: Any, submit: Callable[[Callable[[], Any]], None]) -> None:
        """Plan every 10 clock seconds (the publisher sends what is due)."""
        scheduler.every(10.0, lambda: submit(self.tick), f"tweetathon-{self.config.name}")

    def stop(self) -> None:
        """The queue is in the database; nothing to flush."""


def _is_posting(endpoint: str) -> bool:
    """Whether a rate-limit row is about creating posts (X's tweets, Mastodon statuses, Bluesky records)."""
    lowered = endpoint.lower()
    return lowered.startswith("post") and any(w in lowered for w in ("tweets", "statuses", "createrecord", "feed"))


def outcome_line(disposition: str) -> str | None:
    """A safe public outcome for a disposition, or None when it is not one we know."""
    lowered = " ".join(disposition.lower().split())
    for needle, line in OUTCOMES:
        if needle in lowered:
            return line
    return None
