"""Delivery: claim a due delivery, send it once, record what the platform said.

A publisher claims a due delivery with a guarded update (exactly one winner, on SQLite and PostgreSQL),
sends it, and records the platform id or the error. An outcome that cannot be known becomes UNCONFIRMED
and is never re-sent blindly: a person checks the platform first. Rows left mid-send by a crash are
resolved at start. :class:`PublishingLanes` keeps one lane per account busy when many posts fall due.
"""

from __future__ import annotations

import logging
import random
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from desk.accounts import AccountRecord, AccountService
from desk.audit import Actor, summarise
from desk.auth import Identity, require
from desk.clock import Clock
from desk.context import DeskContext
from desk.errors import DeskError, ValidationFailed
from desk.incident import REPLY_KINDS, stop_active
from desk.media import MediaRef, MediaStore
from desk.ports import (
    AuthExpired,
    ConnectorError,
    DirectMessageRequest,
    MediaUpload,
    PlatformConnector,
    PublishRequest,
    PublishResult,
    RateLimited,
    Rejected,
    ReplyPolicy,
    Transient,
    Unconfirmed,
)
from desk.reserve import ReserveKeeper, keeps_reserve
from desk.roles import Action
from desk.storage.models import (
    AccountStatus,
    Conversation,
    Delivery,
    DeliveryState,
    InboxItem,
    OutboundItem,
    OutboundKind,
    OutboundState,
)

PublishedHook = Callable[[Session, OutboundItem, Delivery], None]

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
#: Why a broadcast waits although it is due (kept on the delivery for the screens).
RESERVE_WAIT = "waiting so the account keeps its reserve for replies and urgent posts"
BACKOFF_BASE_SECONDS = 15.0
BACKOFF_CAP_SECONDS = 30 * 60.0


# --- the guard seen from here -------------------------------------------------------------------------


class ConnectorPool:
    """One connector per account, reused (sessions and tokens are expensive to make); shared by the sync,
    the publisher and the metrics poller, so it is safe to use from several threads."""

    #: How long an account row is trusted before it is read again (a reconnect also calls :meth:`forget`).
    RECORD_SECONDS = 30.0

    def __init__(
        self, accounts: AccountService, build: Callable[[AccountRecord, Mapping[str, str]], PlatformConnector]
    ):
        self.accounts = accounts
        self.build = build
        self._cache: dict[tuple[int, str], PlatformConnector] = {}
        self._records: dict[int, tuple[float, AccountRecord]] = {}
        self._lock = threading.Lock()

    def _record(self, account_id: int) -> AccountRecord:
        now = time.monotonic()
        with self._lock:
            cached = self._records.get(account_id)
        if cached is not None and now - cached[0] < self.RECORD_SECONDS:
            return cached[1]
        record = self.accounts.get(account_id)
        with self._lock:
            self._records[account_id] = (now, record)
        return record

    def get(self, account_id: int) -> tuple[AccountRecord, PlatformConnector]:
        """The account and its connector (rebuilt when the base URL changed)."""
        record = self._record(account_id)
        key = (account_id, record.base_url)
        with self._lock:
            connector = self._cache.get(key)
        if connector is None:
            built = self.build(record, self.accounts.credentials(record))
            with self._lock:
                connector = self._cache.setdefault(key, built)
        return record, connector

    def forget(self, account_id: int) -> None:
        """Drop a cached connector and account row (after reconnecting, or when a token was refused)."""
        with self._lock:
            self._records.pop(account_id, None)
            for key in [k for k in self._cache if k[0] == account_id]:
                del self._cache[key]


@dataclass(frozen=True)
class SendOutcome:
    """What happened to one delivery."""

    delivery_id: int
    state: DeliveryState
    message: str | None = None


@dataclass(frozen=True)
class Accepted:
    """A delivery the platform accepted but the desk has not recorded yet (it stays SENDING until then)."""

    delivery_id: int
    result: PublishResult


class Publisher:
    """Claims due deliveries and sends them; never re-sends what a platform accepted."""

    def __init__(
        self,
        ctx: DeskContext,
        pool: ConnectorPool,
        *,
        worker: str | None = None,
        on_published: Sequence[PublishedHook] = (),
        rng: random.Random | None = None,
        media: MediaStore | None = None,
    ) -> None:
        self.ctx = ctx
        self.pool = pool
        self.media = media or MediaStore(ctx.data_dir / "media")
        self.worker = worker or f"{ctx.workstation}:{uuid.uuid4().hex[:8]}"
        self.on_published = list(on_published)
        self.rng = rng or random.Random()
        self.actor = Actor.system(ctx.workstation)
        # Lanes send in parallel but write one at a time: threads queueing in SQLite's busy handler wait in
        # sleeps of up to 100 ms, while a lock hands the database over the moment it is free.
        self._writes = threading.RLock()
        self._lanes: PublishingLanes | None = None
        self.reserve = ReserveKeeper()

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write transaction, one at a time within this publisher."""
        with self._writes, self.ctx.transaction() as session:
            yield session

    # claiming -----------------------------------------------------------------------------------------

    def _due_filter(self, now: datetime) -> Any:
        return and_(
            # ``state || ''`` keeps SQLite off the deliveries' state index, which would walk every pending
            # delivery of the whole schedule each round (10,000 for an hour's campaign) and sort them; the
            # posts' (state, due_at) index finds only those already due, and their deliveries by post.
            (Delivery.state + "") == DeliveryState.PENDING.value,
            OutboundItem.state.in_([OutboundState.SCHEDULED.value, OutboundState.PUBLISHING.value]),
            OutboundItem.due_at <= now,
            or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now),
        )

    def claim(self, limit: int = 50) -> list[int]:
        """Claim up to ``limit`` due deliveries; each is won by exactly one publisher (guarded update)."""
        return [delivery_id for delivery_id, _ in self.claim_for_lanes(limit)]

    def claim_for_lanes(
        self, limit: int, *, one_per_account: bool = False, skip_accounts: Collection[int] = ()
    ) -> list[tuple[int, int]]:
        """Claim up to ``limit`` due deliveries in due order as (delivery id, account id).

        ``one_per_account`` takes at most one per account and ``skip_accounts`` none for accounts already
        sending, so an account's posts go one after another in due order and nothing waits claimed in memory
        (a crash would leave it UNCONFIRMED although it never left). One guarded UPDATE claims the batch:
        a row another publisher took first is simply not won."""
        now = self.ctx.clock.now()
        # Candidates are read without the write lock (lanes finishing sends hold it); the guarded UPDATE
        # below decides, and it also re-checks the post's state, so one a stop held meanwhile is not taken.
        with self.ctx.sessions() as session:
            query = (
                select(Delivery.id, Delivery.account_id)
                .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
                .where(self._due_filter(now))
                .order_by(OutboundItem.due_at, Delivery.id)
                .limit(limit * 4 if one_per_account else limit)
            )
            if skip_accounts:
                query = query.where(Delivery.account_id.notin_(list(skip_accounts)))
            stopped, replies_too = stop_active(session)
            if stopped:  # a critical-incident stop: only the holding statement (and replies, unless stopped too)
                allowed = [OutboundKind.HOLDING_STATEMENT.value, *(() if replies_too else REPLY_KINDS)]
                query = query.where(OutboundItem.kind.in_(allowed))
            picked: list[tuple[int, int]] = []
            accounts: set[int] = set()
            for delivery_id, account_id in session.execute(query):
                if one_per_account and account_id in accounts:
                    continue
                accounts.add(account_id)
                picked.append((delivery_id, account_id))
                if len(picked) >= limit:
                    break
        if not picked:
            return []
        sendable = (
            select(OutboundItem.id)
            .where(
                OutboundItem.id == Delivery.outbound_id,
                OutboundItem.state.in_([OutboundState.SCHEDULED.value, OutboundState.PUBLISHING.value]),
            )
            .exists()
        )
        with self._write() as session:
            won = set(
                session.scalars(
                    update(Delivery)
                    .where(
                        Delivery.id.in_([d for d, _ in picked]),
                        Delivery.state == DeliveryState.PENDING.value,
                        sendable,
                    )
                    .values(
                        state=DeliveryState.SENDING.value,
                        claimed_by=self.worker,
                        claimed_at=now,
                        attempts=Delivery.attempts + 1,
                    )
                    .returning(Delivery.id)
                    .execution_options(synchronize_session=False)
                )
            )
        return [(d, a) for d, a in picked if d in won]

    def next_due(self) -> datetime | None:
        """When the next pending delivery becomes due (for the scheduler's wake-up)."""
        sendable = OutboundItem.state.in_([OutboundState.SCHEDULED.value, OutboundState.PUBLISHING.value])
        pending = Delivery.state == DeliveryState.PENDING.value
        # Two indexed look-ups rather than one min over every pending delivery (the dispatcher asks after
        # nearly every send): the earliest post with a delivery waiting for its first try, and the earliest
        # retry or wait a delivery was given.
        first_try = select(func.min(OutboundItem.due_at)).where(
            sendable,
            select(Delivery.id)
            .where(Delivery.outbound_id == OutboundItem.id, pending, Delivery.next_attempt_at.is_(None))
            .exists(),
        )
        again = (
            select(func.min(Delivery.next_attempt_at))
            .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
            .where(pending, Delivery.next_attempt_at.is_not(None), sendable)
        )
        with self.ctx.sessions() as session:
            times = [t for t in (session.scalar(first_try), session.scalar(again)) if t is not None]
        if not times:
            return None
        due = min(t if t.tzinfo is not None else t.replace(tzinfo=UTC) for t in times)
        return due

    # sending ------------------------------------------------------------------------------------------

    def _request(self, session: Session, outbound: OutboundItem, delivery: Delivery) -> Any:
        text = delivery.text or outbound.text
        # An automatic reply in a private conversation answers privately, like an officer's direct reply.
        private_auto = outbound.kind == OutboundKind.AUTO_REPLY.value and bool(outbound.details.get("private"))
        if outbound.kind == OutboundKind.DIRECT.value or private_auto:
            conv = session.get(Conversation, outbound.conversation_id) if outbound.conversation_id else None
            if conv is None:
                raise Rejected("This private reply has no conversation to go to.")
            # The inbox keeps the platform's own thread id in the details (its conversation keys are prefixed).
            thread = str(outbound.details.get("conversation_key") or conv.conversation_key)
            recipient = str(outbound.details.get("recipient_id") or conv.citizen_id)
            return DirectMessageRequest(thread, recipient, text, delivery.idempotency_key)
        reply_to = None
        parent_id = outbound.details.get("thread_parent")
        if parent_id is not None:
            parent = session.scalars(
                select(Delivery).where(
                    Delivery.outbound_id == int(parent_id), Delivery.account_id == delivery.account_id
                )
            ).first()
            if parent is None or parent.state in (DeliveryState.FAILED.value, DeliveryState.CANCELLED.value):
                raise Rejected("The earlier part of this thread did not go out, so this part cannot follow it.")
            if parent.state != DeliveryState.PUBLISHED.value or not parent.platform_post_id:
                raise _WaitForEarlierPart
            reply_to = parent.platform_post_id
        elif outbound.details.get("reply_to_platform_item_id"):
            reply_to = str(outbound.details["reply_to_platform_item_id"])
        elif outbound.reply_to_item_id is not None:
            item = session.get(InboxItem, outbound.reply_to_item_id)
            reply_to = item.platform_item_id if item else None
        elif outbound.details.get("reply_to_post_id"):
            reply_to = str(outbound.details["reply_to_post_id"])
        media = tuple(
            MediaUpload(self.media.read(ref), ref.mime_type, ref.alt_text, f"{ref.sha256[:12]}")
            for ref in (MediaRef.from_dict(doc) for doc in outbound.details.get("media", []))
        )
        return PublishRequest(
            text=text,
            idempotency_key=delivery.idempotency_key,
            media=media,
            reply_to_id=reply_to,
            lang=outbound.lang,
            content_warning=outbound.content_warning,
            reply_policy=reply_policy_of(outbound.details),
        )

    def send(self, delivery_id: int) -> SendOutcome:
        """Send one claimed delivery and record the outcome."""
        done = self.deliver(delivery_id)
        if isinstance(done, Accepted):
            return self._finish(done.delivery_id, DeliveryState.PUBLISHED, result=done.result)
        return done

    def deliver(self, delivery_id: int) -> SendOutcome | Accepted:
        """Send one claimed delivery; every outcome is recorded except an acceptance, which is returned.

        The caller records acceptances with :meth:`record_accepted` (several in one transaction). Until
        then the delivery stays SENDING, so a crash in between leaves it UNCONFIRMED, never re-sent."""
        with self.ctx.sessions() as session:
            # The post comes in the same query: one round trip fewer per send.
            delivery = session.get(Delivery, delivery_id, options=[joinedload(Delivery.outbound)])
            if delivery is None or delivery.state != DeliveryState.SENDING.value or delivery.claimed_by != self.worker:
                return SendOutcome(delivery_id, DeliveryState(delivery.state) if delivery else DeliveryState.FAILED)
            outbound = delivery.outbound
            not_before = self._spaced_until(session, outbound, delivery)
            if not_before is not None:
                return self._wait(delivery_id, until=not_before, why="spaced after the account's previous post")
            if keeps_reserve(outbound.kind, outbound.details):
                not_before = self._reserve_until(session, delivery.account_id)
                if not_before is not None:
                    return self._wait(delivery_id, until=not_before, why=RESERVE_WAIT, note=True)
            try:
                request = self._request(session, outbound, delivery)
            except Rejected as exc:
                return self._finish(delivery_id, DeliveryState.FAILED, error=exc)
            except ValidationFailed as exc:
                return self._finish(delivery_id, DeliveryState.FAILED, error=Rejected(exc.message.english()))
            except _WaitForEarlierPart:
                return self._wait(delivery_id)
        try:
            _, connector = self.pool.get(delivery.account_id)
            if isinstance(request, DirectMessageRequest):
                result = connector.send_direct_message(request)
            else:
                result = connector.publish(request)
        except Unconfirmed as exc:
            return self._finish(delivery_id, DeliveryState.UNCONFIRMED, error=exc)
        except RateLimited as exc:
            return self._retry(delivery_id, exc, at=exc.until)
        except Transient as exc:
            return self._retry(delivery_id, exc)
        except AuthExpired as exc:
            AccountService(self.ctx).set_status(delivery.account_id, AccountStatus.NEEDS_RECONNECT, exc.message)
            self.pool.forget(delivery.account_id)
            return self._retry(delivery_id, exc, at=None, hold=True)
        except ConnectorError as exc:  # Rejected and anything else from the closed set
            return self._finish(delivery_id, DeliveryState.FAILED, error=exc)
        except DeskError as exc:  # e.g. credentials missing from the keyring
            return self._retry(delivery_id, exc, at=None, hold=True)
        return Accepted(delivery_id, result)

    def record_accepted(self, accepted: Sequence[Accepted]) -> list[SendOutcome]:
        """Record deliveries the platforms accepted, all in one transaction (one commit, one audit-head lock)."""
        if not accepted:
            return []
        with self._write() as session:
            ids = [a.delivery_id for a in accepted]
            # Three selects put every row, its post and the post's other deliveries in the session, so the
            # loop below (and the roll-up) finds them without a query each.
            query = (
                select(Delivery)
                .where(Delivery.id.in_(ids))
                .options(selectinload(Delivery.outbound).selectinload(OutboundItem.deliveries))
            )
            rows = {d.id: d for d in session.scalars(query)}
            outcomes = []
            batch: list[tuple[tuple[str, str, str | int, str], Delivery]] = []
            for a in accepted:
                delivery = rows.get(a.delivery_id)
                if delivery is None or delivery.state != DeliveryState.SENDING.value:
                    # Not ours to record any more (resolved elsewhere); never overwrite another outcome.
                    outcomes.append(
                        SendOutcome(a.delivery_id, DeliveryState(delivery.state) if delivery else DeliveryState.FAILED)
                    )
                    continue
                outcomes.append(
                    self._finish_in(session, delivery, DeliveryState.PUBLISHED, result=a.result, batch=batch)
                )
            # One take of the audit head for the round, in the order the rows were recorded; the hooks run
            # after it, as they do after each entry on the one-by-one path.
            self.ctx.audit.append_many(session, self.actor, [entry for entry, _ in batch])
            for _, delivery in batch:
                for hook in self.on_published:
                    hook(session, delivery.outbound, delivery)
            return outcomes

    def _spaced_until(self, session: Session, outbound: OutboundItem, delivery: Delivery) -> datetime | None:
        """When a post that asks for spacing (``details["min_spacing_s"]``, e.g. a tweetathon's) may go.

        A late publisher must not bunch an account's posts closer than the planner spaced them: the post
        waits until that many seconds after the account's previous published post. None: it may go now."""
        spacing = outbound.details.get("min_spacing_s")
        if not spacing:
            return None
        last = session.scalar(
            select(func.max(Delivery.published_at)).where(
                Delivery.account_id == delivery.account_id,
                Delivery.state == DeliveryState.PUBLISHED.value,
                Delivery.id != delivery.id,
            )
        )
        if last is None:
            return None
        if last.tzinfo is None:
            last = last.replace(tzinfo=UTC)
        not_before: datetime = last + timedelta(seconds=float(spacing))
        return not_before if self.ctx.clock.now() < not_before else None

    def _reserve_until(self, session: Session, account_id: int) -> datetime | None:
        """When a broadcast of ``account_id`` may go without spending the reserve; None: now."""
        try:
            record, connector = self.pool.get(account_id)
        except (DeskError, ConnectorError):
            return None  # the send itself reports why the account cannot be used
        from desk.settings import SettingsService

        percent = self.reserve.reserve_percent(lambda: SettingsService(self.ctx).load().sync.reply_reserve_percent)
        return self.reserve.wait_until(
            session, account_id, record.platform, self.ctx.clock.now(), percent, tuple(connector.rate_limits())
        )

    def _wait(
        self,
        delivery_id: int,
        *,
        until: datetime | None = None,
        why: str = "waiting for the earlier part of the thread",
        note: bool = False,
    ) -> SendOutcome:
        """Put a claimed delivery back without spending an attempt (a thread's earlier part, or spacing).

        ``note``: keep ``why`` on the delivery, so the screens say why it waits."""
        with self._write() as session:
            delivery = session.get(Delivery, delivery_id)
            assert delivery is not None
            delivery.state = DeliveryState.PENDING.value
            delivery.attempts = max(0, delivery.attempts - 1)
            delivery.next_attempt_at = until or self.ctx.clock.now() + timedelta(seconds=5)
            if note:
                delivery.error_code, delivery.error_message = "delivery.reserve", why
        return SendOutcome(delivery_id, DeliveryState.PENDING, why)

    def _retry(
        self, delivery_id: int, exc: Exception, *, at: datetime | None = None, hold: bool = False
    ) -> SendOutcome:
        """Put a delivery back for a later attempt (nothing was sent), or fail it after too many."""
        now = self.ctx.clock.now()
        with self._write() as session:
            delivery = session.get(Delivery, delivery_id)
            assert delivery is not None
            code, message = _describe(exc)
            if delivery.attempts >= MAX_ATTEMPTS and not isinstance(exc, RateLimited):
                return self._finish_in(session, delivery, DeliveryState.FAILED, error_code=code, error_message=message)
            if at is None:
                delay = min(BACKOFF_CAP_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(0, delivery.attempts - 1))
                delay *= 0.5 + self.rng.random()  # jitter
                at = now + timedelta(seconds=delay)
            delivery.state = DeliveryState.PENDING.value
            delivery.next_attempt_at = at
            delivery.error_code = code
            delivery.error_message = message
            if hold:
                delivery.next_attempt_at = now + timedelta(hours=1)
            self.ctx.audit.append(
                session,
                self.actor,
                "delivery.retry",
                "delivery",
                delivery.id,
                summarise(error=code, next_attempt_at=delivery.next_attempt_at, attempts=delivery.attempts),
            )
            return SendOutcome(delivery_id, DeliveryState.PENDING, message)

    def _finish(
        self,
        delivery_id: int,
        state: DeliveryState,
        *,
        result: PublishResult | None = None,
        error: ConnectorError | None = None,
    ) -> SendOutcome:
        with self._write() as session:
            delivery = session.get(Delivery, delivery_id)
            assert delivery is not None
            return self._finish_in(
                session,
                delivery,
                state,
                result=result,
                error_code=error.code if error else None,
                error_message=error.message if error else None,
            )

    def _finish_in(
        self,
        session: Session,
        delivery: Delivery,
        state: DeliveryState,
        *,
        result: PublishResult | None = None,
        error_code: str | None = None,
        error_message: str | None = None,
        batch: list[tuple[tuple[str, str, str | int, str], Delivery]] | None = None,
    ) -> SendOutcome:
        """Record an outcome in ``session``; with ``batch`` its audit entry and hooks are left to the caller."""
        delivery.state = state.value
        delivery.error_code = error_code
        delivery.error_message = error_message
        if result is not None:
            delivery.platform_post_id = result.platform_post_id
            delivery.url = result.url
            delivery.published_at = result.published_at
            delivery.next_attempt_at = None
            self.reserve.noted(delivery.account_id, result.published_at)
        outbound = delivery.outbound
        # A batch has every post's deliveries loaded (and this one's new state set on them): no flush needed.
        _roll_up(session, outbound, self.ctx.clock.now(), flush=batch is None)
        summary = summarise(
            outbound_id=outbound.id,
            account_id=delivery.account_id,
            platform_post_id=delivery.platform_post_id,
            error=error_code,
        )
        if batch is not None:
            batch.append(((f"delivery.{state.value}", "delivery", delivery.id, summary), delivery))
            return SendOutcome(delivery.id, state, error_message)
        self.ctx.audit.append(session, self.actor, f"delivery.{state.value}", "delivery", delivery.id, summary)
        if state is DeliveryState.PUBLISHED:
            for hook in self.on_published:
                hook(session, outbound, delivery)
        return SendOutcome(delivery.id, state, error_message)

    def run_due(self, limit: int = 50) -> list[SendOutcome]:
        """Claim what is due and send it."""
        return [self.send(d) for d in self.claim(limit)]

    # after a crash, and unknown outcomes -----------------------------------------------------------------

    def resolve_interrupted(self, older_than: timedelta = timedelta(minutes=2)) -> int:
        """Deliveries left mid-send (a crash) become UNCONFIRMED: never re-sent blindly."""
        cutoff = self.ctx.clock.now() - older_than
        with self._write() as session:
            rows = list(
                session.scalars(
                    select(Delivery).where(
                        Delivery.state == DeliveryState.SENDING.value,
                        or_(Delivery.claimed_at.is_(None), Delivery.claimed_at <= cutoff),
                    )
                )
            )
            for d in rows:
                d.state = DeliveryState.UNCONFIRMED.value
                d.error_code = "publishing.interrupted"
                d.error_message = "The desk stopped while sending: check the platform before re-sending."
                self.ctx.audit.append(session, self.actor, "delivery.unconfirmed", "delivery", d.id)
            return len(rows)

    def check_unconfirmed(self, by: Identity, delivery_id: int) -> DeliveryState:
        """Look the post up on the platform: published if found, otherwise back to pending for a person to send."""
        require(by, Action.DRAFT_POST)
        with self.ctx.sessions() as session:
            delivery = session.get(Delivery, delivery_id)
            if delivery is None or delivery.state != DeliveryState.UNCONFIRMED.value:
                raise ValidationFailed("publishing.not_unconfirmed", "This delivery is not waiting for a check.")
            outbound = delivery.outbound
            text = delivery.text or outbound.text
            since = delivery.claimed_at or outbound.created_at
            key = delivery.idempotency_key
            account_id = delivery.account_id
        _, connector = self.pool.get(account_id)
        found = connector.find_published(key, text, since - timedelta(minutes=5))
        with self._write() as session:
            delivery = session.get(Delivery, delivery_id)
            assert delivery is not None
            if found is not None:
                self._finish_in(session, delivery, DeliveryState.PUBLISHED, result=found)
                self.ctx.audit.append(session, by.actor, "delivery.confirmed", "delivery", delivery_id)
                return DeliveryState.PUBLISHED
            delivery.state = DeliveryState.PENDING.value
            delivery.next_attempt_at = None
            delivery.error_code = None
            delivery.error_message = None
            self.ctx.audit.append(
                session,
                by.actor,
                "delivery.not_found_requeued",
                "delivery",
                delivery_id,
                summarise(checked_by=by.username),
            )
            return DeliveryState.PENDING

    def delete_everywhere(self, by: Identity, outbound_id: int) -> list[SendOutcome]:
        """Take a post down from every platform it went to (an appeal whose subject was found or charged)."""
        require(by, Action.DRAFT_POST)
        with self.ctx.sessions() as session:
            targets = [
                (d.id, d.account_id, d.platform_post_id)
                for d in session.scalars(
                    select(Delivery).where(
                        Delivery.outbound_id == outbound_id, Delivery.state == DeliveryState.PUBLISHED.value
                    )
                )
            ]
        outcomes: list[SendOutcome] = []
        for delivery_id, account_id, post_id in targets:
            try:
                _, connector = self.pool.get(account_id)
                connector.delete(str(post_id))
            except ConnectorError as exc:
                outcomes.append(SendOutcome(delivery_id, DeliveryState.PUBLISHED, exc.message))
                continue
            with self._write() as session:
                delivery = session.get(Delivery, delivery_id)
                assert delivery is not None
                delivery.state = DeliveryState.DELETED.value
                self.ctx.audit.append(
                    session,
                    by.actor,
                    "delivery.deleted",
                    "delivery",
                    delivery_id,
                    summarise(outbound_id=outbound_id, platform_post_id=post_id),
                )
            outcomes.append(SendOutcome(delivery_id, DeliveryState.DELETED))
        return outcomes

    # scheduling -------------------------------------------------------------------------------------------

    def schedule(self, scheduler: Any, submit: Callable[[Callable[[], Any]], None]) -> None:
        """Send on parallel lanes that wake at each due time; the database is the schedule.

        A look every 5 s also picks up rows that another desk or process wrote (approvals, resumes)."""
        if self._lanes is None:
            self._lanes = PublishingLanes(self).start()
        scheduler.every(5.0, self._lanes.wake, "publisher")

    def wake(self) -> None:
        """Look for due work now (after scheduling or approving a post in this process)."""
        if self._lanes is not None:
            self._lanes.wake()

    def stop(self) -> None:
        """Stop the lanes, letting sends already on their way finish."""
        lanes, self._lanes = self._lanes, None
        if lanes is not None:
            lanes.stop()


class PublishingLanes:
    """Sends deliveries the moment they fall due: a dispatcher thread claims, parallel lanes send.

    Each lane sends one delivery at a time; an account is on at most one lane, so its posts go one after
    another in due order while other accounts' posts go alongside. The dispatcher sleeps until the next
    due time (on the desk's clock), a lane coming free, or :meth:`wake` (new work scheduled), never polling
    blindly. Used by the window and ``desk run``; :meth:`Publisher.run_due` stays for one-off rounds."""

    def __init__(self, publisher: Publisher, *, lanes: int = 8, idle_seconds: float = 5.0) -> None:
        if lanes < 1:
            raise ValueError("at least one lane")
        self.publisher = publisher
        self.lanes = lanes
        self.idle_seconds = idle_seconds
        self._busy: dict[int, int] = {}  # account id -> delivery id on a lane
        self._lock = threading.Lock()
        self._event = threading.Event()
        self._stopping = threading.Event()
        self._pool = ThreadPoolExecutor(max_workers=lanes, thread_name_prefix="publish-lane")
        self._thread: threading.Thread | None = None
        self._retried_due: datetime | None = None  # the due time last claimed again at once (see _wait_seconds)
        # The next due time as last read, and when (monotonic): rounds come at every send's end, and only a
        # wake(), a lane putting a post back or that time passing can make it earlier (see _due_cached).
        self._next_due: tuple[datetime | None, float] | None = None
        self._due_generation = 0  # bumped with every reset, so a read racing a reset is not kept
        self._accepted: list[tuple[Accepted, int]] = []  # sent, waiting to be recorded, with the account id
        self.sent = 0

    def start(self) -> PublishingLanes:
        """Resolve rows a crash left mid-send, then start dispatching."""
        self.publisher.resolve_interrupted()
        self._thread = threading.Thread(target=self._run, name="publish-dispatch", daemon=True)
        self._thread.start()
        return self

    def wake(self) -> None:
        """Look for due work now (something was scheduled, approved or resumed)."""
        self._forget_due()
        self._event.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop claiming and wait for the sends on the lanes to finish (none is cut off mid-request)."""
        self._stopping.set()
        self._event.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._pool.shutdown(wait=True)
        self._record()

    def busy(self) -> int:
        """How many deliveries are on a lane now."""
        with self._lock:
            return len(self._busy)

    def _run(self) -> None:
        while not self._stopping.is_set():
            self._event.clear()
            try:
                # Claim before recording: a post falling due on a free account goes out without waiting for
                # the round's write; an account freed by the record gets its turn in the next round at once.
                started = self._dispatch()
                recorded = self._record()
                wait = 0.0 if started or recorded else self._wait_seconds()
            except Exception:  # a database hiccup must not end publishing: log it and try again shortly
                log.exception("the publisher could not claim due posts")
                wait = self.idle_seconds
            if wait > 0:
                self._event.wait(wait)

    def _dispatch(self) -> int:
        with self._lock:
            busy = set(self._busy)
        free = self.lanes - len(busy)
        if free <= 0:
            return 0
        claimed = self.publisher.claim_for_lanes(free, one_per_account=True, skip_accounts=busy)
        for delivery_id, account_id in claimed:
            with self._lock:
                self._busy[account_id] = delivery_id
            self._pool.submit(self._send, delivery_id, account_id)
        return len(claimed)

    def _send(self, delivery_id: int, account_id: int) -> None:
        done: SendOutcome | Accepted | None = None
        try:
            done = self.publisher.deliver(delivery_id)
        except Exception:  # left SENDING: resolved as UNCONFIRMED at the next start, never re-sent blindly
            log.exception("sending delivery %s failed unexpectedly", delivery_id)
        finally:
            with self._lock:
                if isinstance(done, Accepted):
                    # The account stays busy until the acceptance is recorded: its next post (spacing, a
                    # thread's next part) must see this one published.
                    self._accepted.append((done, account_id))
                else:
                    # A retry or a wait may have put it back due earlier than anything pending.
                    self._forget_due()
                    self._busy.pop(account_id, None)
                    self.sent += 1
            self._event.set()

    def _record(self) -> int:
        """Record every acceptance the lanes handed back since the last round, in one transaction; how many."""
        with self._lock:
            batch, self._accepted = self._accepted, []
        if not batch:
            return 0
        try:
            self.publisher.record_accepted([a for a, _ in batch])
        except Exception:  # one bad row must not lose the others: record them one by one
            log.exception("recording %s published posts together failed; recording them one by one", len(batch))
            for accepted, _ in batch:
                try:
                    self.publisher.record_accepted([accepted])
                except Exception:  # left SENDING: UNCONFIRMED at the next start, never re-sent blindly
                    log.exception("recording delivery %s as published failed", accepted.delivery_id)
        finally:
            with self._lock:
                for _, account_id in batch:
                    self._busy.pop(account_id, None)
                self.sent += len(batch)
        return len(batch)

    def _wait_seconds(self) -> float:
        """Real seconds until the next due delivery (a lane finishing or :meth:`wake` ends the wait early)."""
        clock = self.publisher.ctx.clock
        due = self._due_cached(clock)
        if due is None:
            return self.idle_seconds
        ahead = (due - clock.now()).total_seconds()
        if ahead <= 0:
            # It may have fallen due between our claim and this look: claim again at once, but only once per
            # due time, so a post that truly waits (its account busy, a stop) sleeps until a lane or wake().
            if due != self._retried_due:
                self._retried_due = due
                return 0.0
            return self.idle_seconds
        return min(self.idle_seconds, ahead / max(clock.speed, 1e-9))

    def _due_cached(self, clock: Clock) -> datetime | None:
        """:meth:`Publisher.next_due`, read again only when it may have changed or at most every idle period
        (another workstation may schedule without waking us)."""
        cached = self._next_due
        now = time.monotonic()
        if cached is not None and now - cached[1] < self.idle_seconds:
            due = cached[0]
            if due is None or due > clock.now():
                return due
        generation = self._due_generation
        due = self.publisher.next_due()
        if generation == self._due_generation:
            self._next_due = (due, now)
        return due

    def _forget_due(self) -> None:
        self._due_generation += 1
        self._next_due = None


class _WaitForEarlierPart(Exception):
    """The previous part of a thread has not been published yet."""


def _describe(exc: Exception) -> tuple[str, str]:
    """A stable code and an English message for an error of ours or a connector's."""
    if isinstance(exc, DeskError):
        return exc.code, exc.message.english()
    if isinstance(exc, ConnectorError):
        return exc.code, exc.message
    return "error", str(exc)


def _roll_up(session: Session, outbound: OutboundItem, now: datetime, *, flush: bool = True) -> None:
    """An outbound item is done when every delivery reached an end; failed when one failed."""
    if flush:
        session.flush()
    states = {d.state for d in outbound.deliveries}
    if states <= {DeliveryState.PUBLISHED.value, DeliveryState.CANCELLED.value, DeliveryState.DELETED.value}:
        outbound.state = OutboundState.DONE.value
    elif DeliveryState.FAILED.value in states and not states & {
        DeliveryState.PENDING.value,
        DeliveryState.SENDING.value,
    }:
        outbound.state = OutboundState.FAILED.value
    elif outbound.state == OutboundState.SCHEDULED.value:
        outbound.state = OutboundState.PUBLISHING.value
    outbound.updated_at = now


def reply_policy_of(details: Mapping[str, Any]) -> ReplyPolicy | None:
    """Who may reply, as stored on an outbound row (for the ``PublishRequest``); None for an unknown value."""
    try:
        return ReplyPolicy(details["reply_policy"])
    except (KeyError, ValueError):
        return None
