"""Feed columns, as TweetDeck had: what each person watches, refreshed inside each platform's limits.

A person's columns (own posts per account, home timelines, mentions, searches and hashtags) are a
settings document under a per-user key, so no migration is needed. Refreshing a column asks the
account's connector for a page; the service keeps, per column, when it may ask again (a minimum
interval per platform, and the ``until`` of a :class:`~desk.ports.RateLimited`), which posts were
already seen (new ones are marked), and why it cannot refresh when it cannot.

A post on a force account's own timeline that no delivery of the desk accounts for raises an alert:
either the account is compromised or someone is posting outside the desk.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from desk.accounts import AccountRecord
from desk.auth import Identity
from desk.context import DeskContext
from desk.errors import DeskError
from desk.ports import (
    AuthExpired,
    ConnectorError,
    FeedColumnSpec,
    FeedKind,
    FeedPost,
    Platform,
    PlatformConnector,
    RateLimited,
)
from desk.storage.models import Delivery, DeliveryState, OutboundItem, PlatformAccount, Setting

log = logging.getLogger(__name__)

#: How often a column may ask its platform at most: inside the free and basic tiers' read budgets
#: (X's recent search and timelines are the scarcest; Mastodon and Bluesky allow far more).
MIN_INTERVAL: Mapping[Platform, timedelta] = {
    Platform.X: timedelta(seconds=90),
    Platform.FACEBOOK: timedelta(seconds=60),
    Platform.INSTAGRAM: timedelta(seconds=60),
    Platform.MASTODON: timedelta(seconds=20),
    Platform.BLUESKY: timedelta(seconds=20),
}
#: After a failure that is not a rate limit, wait this long first, doubling up to the cap.
ERROR_BACKOFF = timedelta(seconds=30)
ERROR_BACKOFF_CAP = timedelta(minutes=15)
PAGE_SIZE = 50
MAX_COLUMNS = 30
#: Posts remembered per column as "seen" (older ones are beyond the page anyway).
SEEN_LIMIT = 400
#: Foreign posts remembered desk-wide, so one post alerts once.
ALERT_LIMIT = 1000
ALERTS_KEY = "feeds.foreign_posts"

ConnectorGetter = Callable[[int], tuple[AccountRecord, PlatformConnector]]


def settings_key(user_id: int) -> str:
    """The settings row that holds one person's columns."""
    return f"feeds.columns.user.{user_id}"


@dataclass(frozen=True)
class FeedColumn:
    """One column a person watches."""

    id: str
    account_id: int
    kind: FeedKind
    query: str | None = None

    @property
    def spec(self) -> FeedColumnSpec:
        """What the connector is asked for."""
        return FeedColumnSpec(self.kind, self.query)

    def to_document(self) -> dict[str, Any]:
        """JSON for the settings row."""
        return {"id": self.id, "account_id": self.account_id, "kind": self.kind.value, "query": self.query}

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> FeedColumn:
        """Read one stored column."""
        return cls(str(doc["id"]), int(doc["account_id"]), FeedKind(doc["kind"]), doc.get("query"))


@dataclass(frozen=True)
class ForeignPost:
    """A post on a force account that the desk did not send."""

    account_id: int
    platform: str
    handle: str
    post_id: str
    text: str
    created_at: datetime
    url: str | None


@dataclass(frozen=True)
class ColumnStatus:
    """Where a column stands: when it may refresh next, and why it is waiting when it is not routine."""

    column_id: str
    next_refresh_at: datetime | None
    blocked_code: str | None = None  # e.g. "feeds.rate_limited"
    blocked_message: str | None = None  # English default with the reason and the time it retries

    @property
    def blocked(self) -> bool:
        """True while an error or a rate limit holds the column back."""
        return self.blocked_code is not None


@dataclass(frozen=True)
class RefreshResult:
    """What one refresh brought."""

    column_id: str
    posts: tuple[FeedPost, ...]
    new_post_ids: frozenset[str]
    alerts: tuple[ForeignPost, ...]
    status: ColumnStatus
    refreshed: bool  # False when the column was not due or is held back


@dataclass
class _Runtime:
    next_at: datetime | None = None
    blocked_code: str | None = None
    blocked_message: str | None = None
    failures: int = 0
    posts: tuple[FeedPost, ...] = ()
    seen: list[str] = field(default_factory=list)


class FeedService:
    """Columns per person and their refresh inside each platform's limits."""

    def __init__(self, ctx: DeskContext, connector: ConnectorGetter) -> None:
        self.ctx = ctx
        self.connector = connector
        self._runtime: dict[tuple[int, str], _Runtime] = {}
        # Refreshes run on the parallel lane: one lock keeps the runtime table consistent.
        self._lock = threading.Lock()

    # -- the columns a person keeps ----------------------------------------------------------------

    def _load(self, user_id: int) -> dict[str, Any]:
        with self.ctx.sessions() as session:
            row = session.get(Setting, settings_key(user_id))
            return dict(row.value) if row is not None else {"columns": [], "seen": {}}

    def _store(self, user_id: int, doc: Mapping[str, Any]) -> None:
        with self.ctx.transaction() as session:
            row = session.get(Setting, settings_key(user_id))
            now = self.ctx.clock.now()
            if row is None:
                session.add(Setting(key=settings_key(user_id), value=dict(doc), updated_at=now, updated_by=user_id))
            else:
                row.value = dict(doc)
                row.updated_at = now
                row.updated_by = user_id

    def columns(self, by: Identity) -> list[FeedColumn]:
        """The person's columns, left to right."""
        return [FeedColumn.from_document(c) for c in self._load(_uid(by))["columns"]]

    def add_column(self, by: Identity, account_id: int, kind: FeedKind | str, query: str | None = None) -> FeedColumn:
        """Add a column at the right end; a search column needs a query."""
        kind = FeedKind(kind)
        query = (query or "").strip() or None
        if kind is FeedKind.SEARCH and query is None:
            raise DeskError("feeds.query_required", "A search or hashtag column needs something to search for.")
        if query is not None and len(query) > 500:
            raise DeskError("feeds.query_too_long", "A search is at most 500 characters.")
        with self.ctx.sessions() as session:
            if session.get(PlatformAccount, account_id) is None:
                raise DeskError("accounts.not_found", "Account {id} does not exist.", id=account_id)
        doc = self._load(_uid(by))
        if len(doc["columns"]) >= MAX_COLUMNS:
            raise DeskError("feeds.too_many", "At most {n} columns fit on the feeds screen.", n=MAX_COLUMNS)
        column = FeedColumn(uuid.uuid4().hex[:12], account_id, kind, query)
        doc["columns"] = [*doc["columns"], column.to_document()]
        self._store(_uid(by), doc)
        return column

    def remove_column(self, by: Identity, column_id: str) -> None:
        """Remove a column (unknown ids are an error: the screen is out of date)."""
        doc = self._load(_uid(by))
        kept = [c for c in doc["columns"] if c["id"] != column_id]
        if len(kept) == len(doc["columns"]):
            raise DeskError("feeds.no_column", "That column no longer exists.")
        doc["columns"] = kept
        doc.get("seen", {}).pop(column_id, None)
        self._store(_uid(by), doc)
        with self._lock:
            self._runtime.pop((_uid(by), column_id), None)

    def move_column(self, by: Identity, column_id: str, index: int) -> list[FeedColumn]:
        """Move a column to ``index`` (clamped to the ends); returns the new order."""
        doc = self._load(_uid(by))
        cols = list(doc["columns"])
        pos = next((i for i, c in enumerate(cols) if c["id"] == column_id), None)
        if pos is None:
            raise DeskError("feeds.no_column", "That column no longer exists.")
        moved = cols.pop(pos)
        cols.insert(max(0, min(index, len(cols))), moved)
        doc["columns"] = cols
        self._store(_uid(by), doc)
        return [FeedColumn.from_document(c) for c in cols]

    # -- refreshing ------------------------------------------------------------------------------

    def _rt(self, user_id: int, column_id: str) -> _Runtime:
        key = (user_id, column_id)
        rt = self._runtime.get(key)
        if rt is None:
            rt = self._runtime[key] = _Runtime()
            seen = self._load(user_id).get("seen", {}).get(column_id)
            if seen:
                rt.seen = list(seen)
        return rt

    def status(self, by: Identity, column_id: str) -> ColumnStatus:
        """When the column may refresh next, and why it waits if something holds it back."""
        with self._lock:
            rt = self._rt(_uid(by), column_id)
            return ColumnStatus(column_id, rt.next_at, rt.blocked_code, rt.blocked_message)

    def due(self, by: Identity) -> list[str]:
        """The ids of the columns that may refresh now."""
        now = self.ctx.clock.now()
        with self._lock:
            return [c.id for c in self.columns(by) if (nxt := self._rt(_uid(by), c.id).next_at) is None or nxt <= now]

    def _column(self, by: Identity, column_id: str) -> FeedColumn:
        for c in self.columns(by):
            if c.id == column_id:
                return c
        raise DeskError("feeds.no_column", "That column no longer exists.")

    def refresh(self, by: Identity, column_id: str, *, force: bool = False) -> RefreshResult:
        """Ask the platform for the column's newest page, unless it is not due yet (``force`` skips only
        the routine interval, never a rate limit). Connector errors become the column's status."""
        column = self._column(by, column_id)
        now = self.ctx.clock.now()
        with self._lock:
            rt = self._rt(_uid(by), column_id)
            held = rt.next_at is not None and rt.next_at > now
            if held and (rt.blocked_code is not None or not force):
                return RefreshResult(
                    column_id,
                    rt.posts,
                    frozenset(),
                    (),
                    ColumnStatus(column_id, rt.next_at, rt.blocked_code, rt.blocked_message),
                    False,
                )
        account, connector = self.connector(column.account_id)
        interval = MIN_INTERVAL.get(account.platform, timedelta(seconds=60))
        try:
            page = connector.fetch_feed(column.spec, None, PAGE_SIZE)
        except RateLimited as exc:
            until = max(exc.until, now + interval)
            return self._blocked(
                by,
                column_id,
                until,
                "feeds.rate_limited",
                f"{account.platform.value} asks to wait: retrying at {until:%H:%M:%S} UTC.",
                reset_failures=True,
            )
        except AuthExpired as exc:
            return self._blocked(
                by,
                column_id,
                now + ERROR_BACKOFF_CAP,
                "feeds.auth_expired",
                f"The sign-in of {account.handle} on {account.platform.value} has expired: reconnect the account "
                f"({exc}). Retrying at {(now + ERROR_BACKOFF_CAP):%H:%M:%S} UTC.",
            )
        except ConnectorError as exc:
            with self._lock:
                failures = self._rt(_uid(by), column_id).failures
            wait = min(ERROR_BACKOFF * (2**failures), ERROR_BACKOFF_CAP)
            return self._blocked(
                by,
                column_id,
                now + wait,
                "feeds.failed",
                f"{account.platform.value} could not be read ({exc}): retrying at {(now + wait):%H:%M:%S} UTC.",
            )
        posts = tuple(sorted(page.posts, key=lambda p: p.created_at, reverse=True))
        alerts = tuple(self._foreign(account, posts)) if column.kind is FeedKind.OWN_POSTS else ()
        with self._lock:
            rt = self._rt(_uid(by), column_id)
            known = set(rt.seen)
            first_look = not rt.seen and not rt.posts
            new = frozenset() if first_look else frozenset(p.post_id for p in posts if p.post_id not in known)
            rt.posts = posts
            rt.next_at = now + interval
            rt.blocked_code = rt.blocked_message = None
            rt.failures = 0
            if first_look:
                rt.seen = [p.post_id for p in posts][:SEEN_LIMIT]
            status = ColumnStatus(column_id, rt.next_at)
        return RefreshResult(column_id, posts, new, alerts, status, True)

    def _blocked(
        self, by: Identity, column_id: str, until: datetime, code: str, message: str, *, reset_failures: bool = False
    ) -> RefreshResult:
        with self._lock:
            rt = self._rt(_uid(by), column_id)
            rt.next_at = until
            rt.blocked_code = code
            rt.blocked_message = message
            rt.failures = 0 if reset_failures else rt.failures + 1
            status = ColumnStatus(column_id, until, code, message)
            posts = rt.posts
        log.info("feed column %s held until %s: %s", column_id, until, code)
        return RefreshResult(column_id, posts, frozenset(), (), status, False)

    def mark_seen(self, by: Identity, column_id: str, post_ids: Sequence[str] | None = None) -> None:
        """The person has looked: these posts (default: all shown) are no longer new, also after a restart."""
        with self._lock:
            rt = self._rt(_uid(by), column_id)
            ids = list(post_ids) if post_ids is not None else [p.post_id for p in rt.posts]
            merged = ids + [s for s in rt.seen if s not in set(ids)]
            rt.seen = merged[:SEEN_LIMIT]
            seen = list(rt.seen)
        doc = self._load(_uid(by))
        doc.setdefault("seen", {})[column_id] = seen
        self._store(_uid(by), doc)

    def new_posts(self, by: Identity, column_id: str) -> frozenset[str]:
        """The ids shown in the column that the person has not seen yet."""
        with self._lock:
            rt = self._rt(_uid(by), column_id)
            seen = set(rt.seen)
            return frozenset(p.post_id for p in rt.posts if p.post_id not in seen)

    # -- posts the desk did not send --------------------------------------------------------------

    def _foreign(self, account: AccountRecord, posts: Sequence[FeedPost]) -> list[ForeignPost]:
        """Posts on the account's own timeline since it was connected that no delivery explains."""
        if not posts:
            return []
        ids = [p.post_id for p in posts]
        with self.ctx.transaction() as session:
            connected_at = session.scalar(select(PlatformAccount.created_at).where(PlatformAccount.id == account.id))
            sent = set(
                session.scalars(
                    select(Delivery.platform_post_id).where(
                        Delivery.account_id == account.id, Delivery.platform_post_id.in_(ids)
                    )
                )
            )
            # A delivery in flight may be on the timeline before its id is recorded: match it by text.
            in_flight = {
                (d_text or o_text).strip()
                for d_text, o_text in session.execute(
                    select(Delivery.text, OutboundItem.text)
                    .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
                    .where(
                        Delivery.account_id == account.id,
                        Delivery.state.in_((DeliveryState.SENDING.value, DeliveryState.UNCONFIRMED.value)),
                    )
                )
            }
            row = session.get(Setting, ALERTS_KEY)
            alerted: list[dict[str, Any]] = list(row.value.get("posts", [])) if row is not None else []
            already = {(a["account_id"], a["post_id"]) for a in alerted}
            found: list[ForeignPost] = []
            for p in posts:
                if p.post_id in sent or (account.id, p.post_id) in already or p.text.strip() in in_flight:
                    continue
                if connected_at is not None and _aware(p.created_at) < _aware(connected_at):
                    continue  # older than the desk's watch of the account
                found.append(
                    ForeignPost(
                        account.id, account.platform.value, account.handle, p.post_id, p.text, p.created_at, p.url
                    )
                )
            if found:
                now = self.ctx.clock.now()
                alerted = [
                    *({"account_id": f.account_id, "post_id": f.post_id, "at": now.isoformat()} for f in found),
                    *alerted,
                ][:ALERT_LIMIT]
                if row is None:
                    session.add(Setting(key=ALERTS_KEY, value={"posts": alerted}, updated_at=now, updated_by=None))
                else:
                    row.value = {"posts": alerted}
                    row.updated_at = now
                log.warning("%d post(s) on %s that the desk did not send", len(found), account.handle)
        return found


def _aware(value: datetime) -> datetime:
    """SQLite hands back naive UTC datetimes; compare everything as aware UTC."""
    from datetime import UTC

    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _uid(by: Identity) -> int:
    """The system identity (no user) keeps its columns under 0."""
    return by.user_id or 0
