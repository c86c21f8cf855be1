"""Inbox sync: per account and stream, fetch what is new since the stored cursor and hand it to the inbox.

The cursor is saved by :meth:`desk.inbox.InboxService.ingest` in the same transaction as the items, so
a page is never lost: if storing fails, the next run fetches the same page again. Each platform is
polled at a cadence inside its published limits; the budgets a platform reports are stored in
``rate_limits``. A transient error backs off exponentially with jitter; a rate limit waits until the
platform's reset; an expired token marks the account ``needs_reconnect`` and stops its sync until an
administrator reconnects it. Attachments are downloaded (size-capped, with timeouts) and SHA-256-hashed.

Both the app's task runner and ``desk run`` drive it: :meth:`SyncService.schedule` satisfies the
runner's ``BackgroundService`` protocol, and :meth:`due_jobs` / :meth:`run_once` are there to call directly.
"""

from __future__ import annotations

import hashlib
import logging
import random
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desk.accounts import AccountRecord, AccountService
from desk.audit import summarise
from desk.clock import Clock
from desk.errors import Message
from desk.identity import system_identity
from desk.inbox import InboxService
from desk.ports import (
    AuthExpired,
    ConnectorError,
    Platform,
    PlatformConnector,
    RateLimited,
    RateLimitState,
    Stream,
)
from desk.storage.models import AccountStatus, Attachment, InboxItem, RateLimitRecord, SyncCursor

log = logging.getLogger(__name__)

#: What each platform's inbox is made of.
STREAMS: Mapping[Platform, tuple[Stream, ...]] = {
    Platform.X: (Stream.MENTIONS, Stream.DIRECT),
    Platform.FACEBOOK: (Stream.COMMENTS, Stream.DIRECT),
    Platform.INSTAGRAM: (Stream.COMMENTS, Stream.DIRECT),
    Platform.MASTODON: (Stream.MENTIONS, Stream.DIRECT),
    Platform.BLUESKY: (Stream.MENTIONS, Stream.DIRECT),
}

#: The shortest gap between two syncs of one stream, in seconds, from the platforms' limits (DOMAIN.md):
#: X mentions 300 / 15 min but DM events only 15 / 15 min (a page loop may spend several calls);
#: Messenger's conversations API 2 calls/s per Page; Mastodon 300 requests / 5 min; Bluesky 3,000 / 5 min.
MIN_CADENCE: Mapping[Platform, Mapping[Stream, float]] = {
    Platform.X: {Stream.MENTIONS: 30.0, Stream.DIRECT: 180.0},
    Platform.FACEBOOK: {Stream.COMMENTS: 30.0, Stream.DIRECT: 30.0},
    Platform.INSTAGRAM: {Stream.COMMENTS: 60.0, Stream.DIRECT: 60.0},
    Platform.MASTODON: {Stream.MENTIONS: 20.0, Stream.DIRECT: 20.0},
    Platform.BLUESKY: {Stream.MENTIONS: 20.0, Stream.DIRECT: 20.0},
}
#: Pages fetched in one run of one stream (a backlog drains over several runs, never in one long burst).
MAX_PAGES = 10
PAGE_LIMIT = 100
BACKOFF_BASE = 30.0
BACKOFF_MAX = 30 * 60.0
#: Attachments larger than this are not downloaded (the link stays on the item).
ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024
ATTACHMENTS_PER_RUN = 20
#: Statuses in which an account is synced.
SYNCED = frozenset({AccountStatus.CONNECTED.value, AccountStatus.RATE_LIMITED.value})

Downloader = Callable[[str], bytes]
ConnectorFactory = Callable[[AccountRecord], PlatformConnector]
#: Offered the conversations a run touched; returns the automatic replies it queued (see desk.autoreply).
AutoReplier = Callable[[Iterable[int]], Sequence[int]]


class DownloadTooLarge(Exception):
    """An attachment above the size cap."""


def http_download(url: str, *, max_bytes: int = ATTACHMENT_MAX_BYTES, timeout: float = 20.0) -> bytes:
    """Download ``url`` with httpx: timeouts, redirects followed, and a size cap enforced while streaming."""
    import httpx

    chunks: list[bytes] = []
    size = 0
    with (
        httpx.Client(timeout=httpx.Timeout(timeout, connect=5.0), follow_redirects=True) as client,
        client.stream("GET", url) as response,
    ):
        response.raise_for_status()
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise DownloadTooLarge(f"{url} is {declared} bytes; the cap is {max_bytes}")
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise DownloadTooLarge(f"{url} is over the cap of {max_bytes} bytes")
            chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class SyncOutcome:
    """What one run of one stream did, and when it runs next."""

    account_id: int
    stream: Stream
    pages: int = 0
    new_items: int = 0
    changed_items: int = 0
    quarantined: int = 0
    conversation_ids: tuple[int, ...] = ()
    emergency_ids: tuple[int, ...] = ()
    attachments: int = 0
    error: Message | None = None
    next_attempt_at: datetime | None = None
    #: Out-of-office replies queued for the conversations this run touched.
    auto_replies: tuple[int, ...] = ()
    #: Something the officer should know although the run succeeded (e.g. history the platform no longer serves).
    notice: Message | None = None

    @property
    def ok(self) -> bool:
        """Whether the run finished without an error."""
        return self.error is None


class SyncService:
    """Runs inbox syncs for every connected account inside each platform's limits."""

    def __init__(
        self,
        ctx: Any,
        inbox: InboxService,
        accounts: AccountService,
        connector_factory: ConnectorFactory,
        clock: Clock | None = None,
        *,
        downloader: Downloader | None = None,
        attachment_dir: Path | None = None,
        interval_seconds: float = 30.0,
        max_pages: int = MAX_PAGES,
        rng: random.Random | None = None,
        auto_replier: AutoReplier | None = None,
    ) -> None:
        self.ctx = ctx
        self.inbox = inbox
        self.accounts = accounts
        self.connector_factory = connector_factory
        self.clock: Clock = clock or ctx.clock
        self.downloader: Downloader = downloader or http_download
        self.attachment_dir = attachment_dir or Path(ctx.data_dir) / "attachments"
        self.interval_seconds = interval_seconds
        self.max_pages = max_pages
        self.rng = rng or random.Random()
        self.auto_replier = auto_replier
        self._connectors: dict[int, PlatformConnector] = {}
        self._stopped = threading.Event()
        self._lock = threading.Lock()

    # -- planning ----------------------------------------------------------------------------------

    def cadence(self, platform: Platform, stream: Stream) -> float:
        """Seconds between syncs of one stream: the desk's interval, never faster than the platform allows."""
        return max(self.interval_seconds, MIN_CADENCE.get(platform, {}).get(stream, self.interval_seconds))

    def due_jobs(self, now: datetime | None = None) -> list[tuple[int, Stream]]:
        """(account id, stream) pairs whose next sync is due, most overdue first."""
        at = now or self.clock.now()
        with self.ctx.sessions() as session:
            cursors = {(c.account_id, c.stream): c for c in session.scalars(select(SyncCursor))}
        due: list[tuple[datetime, int, Stream]] = []
        for account in self.accounts.list():
            if account.status.value not in SYNCED:
                continue
            for stream in STREAMS.get(account.platform, ()):
                row = cursors.get((account.id, stream.value))
                if row is None:
                    when = at - timedelta(days=1)
                elif row.next_attempt_at is not None:
                    when = row.next_attempt_at
                elif row.last_success_at is not None:
                    when = row.last_success_at + timedelta(seconds=self.cadence(account.platform, stream))
                else:
                    when = at
                if when <= at:
                    due.append((when, account.id, stream))
        return [(aid, stream) for _when, aid, stream in sorted(due, key=lambda d: (d[0], d[1], d[2].value))]

    def _connector(self, account: AccountRecord) -> PlatformConnector:
        with self._lock:
            connector = self._connectors.get(account.id)
            if connector is None:
                connector = self.connector_factory(account)
                self._connectors[account.id] = connector
            return connector

    # -- running --------------------------------------------------------------------------------------

    def run_once(self, account_id: int, stream: Stream | str) -> SyncOutcome:
        """Sync one stream of one account: pages while ``has_more`` (bounded), then plan the next run."""
        stream = Stream(stream)
        account = self.accounts.get(account_id)
        if account.status.value not in SYNCED:
            return SyncOutcome(
                account_id,
                stream,
                error=Message(
                    "sync.account_not_connected",
                    "{handle} on {platform} is {status}: it is not synced until it is reconnected.",
                    {"handle": account.handle, "platform": account.platform.value, "status": account.status.value},
                ),
            )
        totals: dict[str, Any] = {"pages": 0, "new": 0, "changed": 0, "quarantined": 0, "attachments": 0}
        conversations: set[int] = set()
        emergencies: list[int] = []
        gap: list[datetime] = []  # the oldest item of a walk that reached the end of what the platform serves
        try:
            connector = self._connector(account)
            for _ in range(self.max_pages):
                if self._stopped.is_set():
                    break
                cursor = self._cursor(account_id, stream)
                result = connector.fetch_inbound(stream, cursor, PAGE_LIMIT)
                notice = self.inbox.ingest(account, stream, result)  # saves the cursor with the items
                totals["pages"] += 1
                totals["new"] += notice.new_items
                totals["changed"] += notice.changed_items
                totals["quarantined"] += notice.quarantined
                conversations.update(notice.conversation_ids)
                emergencies.extend(notice.emergency_ids)
                if result.history_unreachable:
                    gap.append(min((r.created_at for r in result.records), default=self.clock.now()))
                if not result.has_more or result.cursor in (None, cursor):
                    break
            limits = list(connector.rate_limits())
        except AuthExpired as exc:
            return self._failed(account, stream, totals, conversations, emergencies, exc, auth=True)
        except RateLimited as exc:
            return self._failed(account, stream, totals, conversations, emergencies, exc, until=exc.until)
        except ConnectorError as exc:
            return self._failed(account, stream, totals, conversations, emergencies, exc)
        except Exception as exc:
            log.exception("sync of account %s %s failed", account_id, stream.value)
            return self._failed(account, stream, totals, conversations, emergencies, exc)
        now = self.clock.now()
        next_at = now + timedelta(seconds=self.cadence(account.platform, stream))
        exhausted = [lim.reset_at for lim in limits if lim.remaining <= 0 and lim.reset_at > now]
        if exhausted:
            next_at = max(next_at, min(exhausted))
        gap_notice = self._history_gap(account, stream, min(gap)) if gap else None
        with self.ctx.transaction() as session:
            self._store_limits(session, account_id, limits, now)
            session.execute(
                update(SyncCursor)
                .where(SyncCursor.account_id == account_id, SyncCursor.stream == stream.value)
                .values(next_attempt_at=next_at)
            )
            if gap_notice is not None:
                # On the record: a supervisor reading response times must know some messages never arrived.
                self.ctx.audit.append(
                    session,
                    system_identity(self.ctx.workstation).actor,
                    "sync.history_gap",
                    "platform_account",
                    account_id,
                    summarise(stream=stream.value, oldest_reachable=min(gap), message=gap_notice.english()),
                )
        if account.status is AccountStatus.RATE_LIMITED:
            self.accounts.set_status(account_id, AccountStatus.CONNECTED)
        totals["attachments"] = self.download_attachments(account_id)
        return SyncOutcome(
            account_id,
            stream,
            totals["pages"],
            totals["new"],
            totals["changed"],
            totals["quarantined"],
            tuple(sorted(conversations)),
            tuple(emergencies),
            totals["attachments"],
            None,
            next_at,
            self._auto_reply(conversations),
            gap_notice,
        )

    @staticmethod
    def _history_gap(account: AccountRecord, stream: Stream, oldest: datetime) -> Message:
        log.info(
            "%s on %s: the platform no longer serves %s older than %s", account.handle, account.platform.value,
            stream.value, oldest.isoformat(),
        )  # fmt: skip
        return Message(
            "sync.history_unreachable",
            "{platform} serves only the newest part of {handle}'s {stream}: messages between the last sync and "
            "{oldest} could not be fetched. Check the account on {platform} itself for anything older.",
            {
                "platform": account.platform.value,
                "handle": account.handle,
                "stream": stream.value,
                "oldest": oldest.isoformat(timespec="minutes"),
            },
        )

    def _auto_reply(self, conversations: set[int]) -> tuple[int, ...]:
        """Out-of-office replies for what the stored pages touched; a failure here never fails the sync."""
        if self.auto_replier is None or not conversations:
            return ()
        try:
            return tuple(self.auto_replier(conversations))
        except Exception:
            log.exception("out-of-office replies after a sync failed")
            return ()

    def _cursor(self, account_id: int, stream: Stream) -> str | None:
        with self.ctx.sessions() as session:
            row = session.get(SyncCursor, (account_id, stream.value))
            return None if row is None else row.cursor

    def _failed(
        self,
        account: AccountRecord,
        stream: Stream,
        totals: Mapping[str, Any],
        conversations: set[int],
        emergencies: list[int],
        exc: Exception,
        *,
        auth: bool = False,
        until: datetime | None = None,
    ) -> SyncOutcome:
        now = self.clock.now()
        where = {"handle": account.handle, "platform": account.platform.value}
        if auth:
            message = Message(
                "sync.auth_expired",
                "{platform} no longer accepts the sign-in of {handle}: an administrator must reconnect the account"
                " (Settings → Accounts). Its inbox is not synced until then.",
                where,
            )
            self.accounts.set_status(account.id, AccountStatus.NEEDS_RECONNECT, message.english())
            next_at: datetime | None = None
        elif until is not None:
            message = Message(
                "sync.rate_limited",
                "{platform} asked the desk to wait for {handle}; the next sync is at {until}.",
                {**where, "until": until.isoformat(timespec="seconds")},
            )
            self.accounts.set_status(account.id, AccountStatus.RATE_LIMITED, message.english())
            next_at = max(until, now)
        else:
            detail = exc.message if isinstance(exc, ConnectorError) else f"{type(exc).__name__}: {exc}"
            message = Message(
                "sync.failed",
                "The sync of {handle} on {platform} failed ({detail}); it will try again at {next}.",
                {**where, "detail": detail},
            )
            next_at = None  # set below with the backoff
        with self.ctx.transaction() as session:
            row = session.get(SyncCursor, (account.id, stream.value))
            if row is None:
                row = SyncCursor(account_id=account.id, stream=stream.value, cursor=None, error_count=0)
                session.add(row)
            row.error_count = int(row.error_count or 0) + 1
            if next_at is None and not auth:
                delay = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (row.error_count - 1))
                next_at = now + timedelta(seconds=delay * self.rng.uniform(0.5, 1.5))
                message = Message(
                    message.code, message.default, {**message.params, "next": next_at.isoformat(timespec="seconds")}
                )
            row.next_attempt_at = next_at
            row.last_error = message.english()
        return SyncOutcome(
            account.id,
            stream,
            totals["pages"],
            totals["new"],
            totals["changed"],
            totals["quarantined"],
            tuple(sorted(conversations)),
            tuple(emergencies),
            0,
            message,
            next_at,
            self._auto_reply(conversations),  # the pages stored before the error count
        )

    @staticmethod
    def _store_limits(session: Session, account_id: int, limits: Sequence[RateLimitState], now: datetime) -> None:
        table = RateLimitRecord.__table__
        dialect = session.get_bind().dialect.name
        for lim in limits:
            values = {"limit": lim.limit, "remaining": lim.remaining, "reset_at": lim.reset_at, "updated_at": now}
            ins = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)  # type: ignore[arg-type]
            session.execute(
                ins.values(account_id=account_id, endpoint=lim.endpoint[:100], **values).on_conflict_do_update(
                    index_elements=["account_id", "endpoint"], set_=values
                )
            )

    # -- attachments ------------------------------------------------------------------------------------

    def download_attachments(self, account_id: int, limit: int = ATTACHMENTS_PER_RUN) -> int:
        """Download and hash attachments not fetched yet; a failure leaves the row for the next run."""
        with self.ctx.sessions() as session:
            rows = session.execute(
                select(Attachment.id, Attachment.url)
                .join(InboxItem, InboxItem.id == Attachment.item_id)
                .where(InboxItem.account_id == account_id, Attachment.sha256.is_(None))
                .order_by(Attachment.id)
                .limit(limit)
            ).all()
        done = 0
        for att_id, url in rows:
            try:
                data = self.downloader(url)
            except Exception as exc:  # the link stays on the item; an officer can still open it
                log.info("attachment %s not downloaded: %s", att_id, exc)
                continue
            digest = hashlib.sha256(data).hexdigest()
            path = self.attachment_dir / digest[:2] / digest
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                tmp = path.with_suffix(".part")
                tmp.write_bytes(data)
                tmp.replace(path)
            with self.ctx.transaction() as session:
                session.execute(
                    update(Attachment)
                    .where(Attachment.id == att_id)
                    .values(sha256=digest, size=len(data), stored_path=str(path))
                )
            done += 1
        return done

    # -- the runner's protocol ---------------------------------------------------------------------------

    def tick(self) -> list[SyncOutcome]:
        """Run every due job once (the scheduler calls this every few seconds)."""
        outcomes = []
        for account_id, stream in self.due_jobs():
            if self._stopped.is_set():
                break
            outcomes.append(self.run_once(account_id, stream))
        return outcomes

    def schedule(self, scheduler: Any, submit: Callable[[Callable[[], Any]], None]) -> None:
        """Check for due syncs every 5 clock seconds; the work itself goes to ``submit``."""
        scheduler.every(5.0, lambda: submit(self.tick), "inbox-sync")

    def stop(self) -> None:
        """Stop between pages; nothing half-stored (each page commits with its cursor)."""
        self._stopped.set()
