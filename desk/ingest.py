"""The sync storage path: a connector's page of records into the inbox, in ONE transaction.

Records are checked, folded for search and triaged; then, per page: items are upserted idempotently on
``(account, platform item id)``; every earlier text of an edited or deleted item is kept in
``inbox_item_versions`` (the record is evidence, never overwritten); items are grouped into
conversations (reopening closed ones when the citizen writes again, starting the response clock);
the full-text index is kept in step; emergencies are raised; unreadable payloads go to quarantine
with their reason; the cursor is saved and one audit entry written.

Everything is batched per page: one look-up of the page's known items, one of its conversations, one
``executemany`` per table. On SQLite the statements go to the driver with values already in the form
SQLAlchemy stores (naive UTC text for times), which is several times faster than Core's per-value
type processing; the transaction's first statement is a write (the cursor), so the whole page runs
under SQLite's single write lock and the ids assigned here cannot collide. PostgreSQL goes through
Core with ``ON CONFLICT`` and ``RETURNING``, safe with several desks writing at once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desk.accounts import AccountRecord
from desk.audit import Actor, summarise
from desk.context import DeskContext
from desk.emergency import raise_emergencies
from desk.ports import FetchResult, InboundRecord, ItemKind, Quarantined, Stream
from desk.search import index_items, index_text, reindex_items
from desk.storage.models import (
    Attachment,
    Conversation,
    ConversationEvent,
    ConversationStatus,
    InboxItem,
    InboxItemVersion,
    QuarantinedPayload,
    SyncCursor,
)

log = logging.getLogger(__name__)

#: Rows per IN (...) look-up (SQLite allows 32,766 bound parameters).
CHUNK = 500
#: How much of a message triage reads (an emergency is said early; a pasted novel must not stall a sync).
TRIAGE_CHARS = 20_000
#: Most severe first: a conversation shows the most severe class any of its items got.
SEVERITY = ("emergency", "safeguarding", "crime_report", "abuse", "tip", "complaint", "question", "other")
_RANK = {label: i for i, label in enumerate(SEVERITY)}
_NEW = ConversationStatus.NEW.value
_OPEN = ConversationStatus.OPEN.value
_WAITING = ConversationStatus.WAITING.value
_CLOSED = ConversationStatus.CLOSED.value
#: The response clock runs in these statuses and pauses in the others.
RUNNING = frozenset({_NEW, _OPEN})

Notify = Callable[[Session, Iterable[int]], None]


@dataclass(frozen=True)
class StoredPage:
    """What storing one page did."""

    conversation_ids: tuple[int, ...]
    new_items: int
    changed_items: int
    unchanged_items: int
    quarantined: int
    emergency_ids: tuple[int, ...]
    token: int
    #: Conversations this page started (a subset of ``conversation_ids``).
    new_conversation_ids: tuple[int, ...] = ()


@dataclass(slots=True)
class _Prepared:
    rec: InboundRecord
    key: str
    text: str
    search: str
    label: str | None = None
    reason: str | None = None
    conversation_id: int | None = None
    created: Any = None  # rec.created_at in the backend's stored form


class _Existing(NamedTuple):
    id: int
    text: str
    deleted: bool
    version: int
    conversation_id: int | None
    search_text: str
    from_account: bool


class _Conv(NamedTuple):
    id: int
    status: str
    triage_label: str | None
    assignee_user_id: int | None
    first_inbound_at: Any
    last_item_at: Any
    last_citizen_at: Any
    clock_started_at: Any
    unread: int


def _chunks(seq: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def clean(value: str | None, limit: int | None = None) -> str | None:
    """Text both databases accept: no NUL (PostgreSQL refuses it), no lone surrogates, within the column."""
    if value is None:
        return None
    if "\x00" in value:
        value = value.replace("\x00", "\ufffd")
    # Only non-ASCII text can hold a lone surrogate; most fields are ASCII (ids, handles, most names).
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "replace").decode("utf-8")
    return value if limit is None or len(value) <= limit else value[:limit]


def payload(rec: Any) -> str:
    """A quarantined record as JSON (escaped, so any text survives on both databases)."""
    if isinstance(rec, InboundRecord):
        doc: Any = {k: v for k, v in rec.__dict__.items() if k != "raw"}
        doc["raw"] = dict(rec.raw)
    else:
        doc = rec
    return json.dumps(doc, default=repr, ensure_ascii=True)


def conversation_key(rec: InboundRecord) -> str:
    """How items are grouped: a private thread as the platform keys it; a public thread per person."""
    if rec.kind is ItemKind.DIRECT:
        return f"dm:{rec.conversation_key}"[:300]
    return f"pub:{rec.conversation_key}:{rec.author_id}"[:300]


def sqlite_time(value: datetime) -> str:
    """A time as SQLAlchemy stores it on SQLite: naive UTC text with microseconds (so text order is time order)."""
    v = value.astimezone(UTC) if value.tzinfo is not UTC else value
    return f"{v.year:04d}-{v.month:02d}-{v.day:02d} {v.hour:02d}:{v.minute:02d}:{v.second:02d}.{v.microsecond:06d}"


def _stored_sqlite_time(value: Any) -> str | None:
    """A time read back from SQLite, in :func:`sqlite_time`'s form (rows written elsewhere may omit microseconds)."""
    if value is None or (isinstance(value, str) and len(value) == 26):
        return value
    return sqlite_time(datetime.fromisoformat(str(value)).replace(tzinfo=UTC))


def _detail_json(detail: Mapping[str, Any]) -> str:
    """An event's detail as SQLAlchemy's JSON type stores it; the one-key count of every inbound batch is
    written directly (one per conversation per page, the bulk of the events)."""
    if len(detail) == 1:
        items = detail.get("items")
        if type(items) is int:
            return f'{{"items": {items}}}'
    return json.dumps(detail)


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def problem(account: AccountRecord, rec: Any) -> str | None:
    """Why a record cannot be stored, or None."""
    if not isinstance(rec, InboundRecord):
        return f"not an inbound record but {type(rec).__name__}"
    if not isinstance(rec.platform_item_id, str) or not rec.platform_item_id.strip():
        return "the item has no platform id"
    if len(rec.platform_item_id) > 300:
        return "the platform id is longer than 300 characters"
    if rec.platform != account.platform:
        return f"a {rec.platform} record arrived on a {account.platform.value} account"
    if not isinstance(rec.text, str):
        return "the text is not a string"
    if not isinstance(rec.created_at, datetime) or rec.created_at.tzinfo is None:
        return "the creation time is missing its time zone"
    for name in ("conversation_key", "author_id"):
        value = getattr(rec, name)
        if not isinstance(value, str) or not value:
            return f"{name} is missing"
    return None


def rounds(prepared: list[_Prepared]) -> list[list[_Prepared]]:
    """Split a batch so each id appears once per round, in order (an original and its edit in one batch)."""
    out: list[list[_Prepared]] = [[]]
    first = out[0]
    seen: dict[str, tuple[int, str, bool]] = {}
    for p in prepared:
        pid = p.rec.platform_item_id
        state = (p.text, p.rec.deleted)
        last = seen.get(pid)
        if last is None:
            seen[pid] = (0, *state)
            first.append(p)
            continue
        n, last_text, last_deleted = last
        if (last_text, last_deleted) == state:
            continue  # the same record twice: nothing new
        n += 1
        seen[pid] = (n, *state)
        while len(out) <= n:
            out.append([])
        out[n].append(p)
    return [r for r in out if r]


# --- the two databases ---------------------------------------------------------------------------


class _Backend:
    """The statements of the storage path for one database (values in the form it stores)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def ts(self, value: datetime) -> Any:
        """A time in the form rows are compared and stored in."""
        return value

    def existing(self, account_id: int, ids: Sequence[str]) -> dict[str, _Existing]:
        """Known items of the account among ``ids``."""
        raise NotImplementedError

    def conversations(self, account_id: int, keys: Sequence[str]) -> dict[str, _Conv]:
        """Known conversations of the account among ``keys``."""
        raise NotImplementedError

    def conversations_by_id(self, ids: Sequence[int]) -> dict[int, _Conv]:
        """Conversations by id."""
        raise NotImplementedError

    def create_conversations(self, account_id: int, rows: list[dict[str, Any]]) -> dict[str, _Conv]:
        """Insert conversations (a concurrent desk's row wins); returns each key's conversation."""
        raise NotImplementedError

    def update_conversations(self, rows: list[dict[str, Any]]) -> None:
        """Counts, times, status and class of conversations (``b_id`` names the row)."""
        raise NotImplementedError

    def set_item_status(self, pairs: list[tuple[str, int]]) -> None:
        """(status, conversation id): the conversation's items show its status."""
        raise NotImplementedError

    def insert_events(self, rows: list[dict[str, Any]]) -> None:
        """Conversation events."""
        raise NotImplementedError

    def insert_items(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        """New items (and their search index entries); returns platform item id → id."""
        raise NotImplementedError

    def insert_attachments(self, rows: list[dict[str, Any]]) -> None:
        """Attachment rows (downloaded and hashed later by the sync)."""
        self.session.connection().execute(insert(_table(Attachment)), rows)

    def apply_changes(
        self,
        versions: list[dict[str, Any]],
        updates: list[dict[str, Any]],
        reindex: list[tuple[int, str, str]],
    ) -> None:
        """Earlier texts as versions, the items' new state, and the index entries that changed."""
        conn = self.session.connection()
        conn.execute(insert(_table(InboxItemVersion)), versions)
        stmt = (
            update(InboxItem)
            .where(InboxItem.id == bindparam("b_id"))
            .values(
                text=bindparam("text"),
                version=bindparam("version"),
                edited_at=bindparam("edited_at"),
                deleted=bindparam("deleted"),
                search_text=bindparam("search_text"),
                triage_label=bindparam("triage_label"),
                triage_reason=bindparam("triage_reason"),
                read=bindparam("read"),
            )
        )
        conn.execute(stmt, updates)


class _SqliteBackend(_Backend):
    """SQLite: driver-level ``executemany`` with values already as SQLAlchemy stores them."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.raw: Any = session.connection().connection.driver_connection

    def ts(self, value: datetime) -> Any:
        return sqlite_time(value)

    def existing(self, account_id: int, ids: Sequence[str]) -> dict[str, _Existing]:
        found: dict[str, _Existing] = {}
        for chunk in _chunks(ids):
            sql = (
                "SELECT platform_item_id, id, text, deleted, version, conversation_id, search_text, from_account "
                f"FROM inbox_items WHERE account_id = ? AND platform_item_id IN ({','.join('?' * len(chunk))})"
            )
            for pid, *row in self.raw.execute(sql, (account_id, *chunk)):
                found[pid] = _Existing(row[0], row[1], bool(row[2]), row[3], row[4], row[5], bool(row[6]))
        return found

    def conversations(self, account_id: int, keys: Sequence[str]) -> dict[str, _Conv]:
        out: dict[str, _Conv] = {}
        t = _stored_sqlite_time
        for chunk in _chunks(keys):
            sql = (
                "SELECT conversation_key, id, status, triage_label, assignee_user_id, first_inbound_at, last_item_at,"
                " last_citizen_at, clock_started_at, unread FROM conversations"
                f" WHERE account_id = ? AND conversation_key IN ({','.join('?' * len(chunk))})"
            )
            for key, cid, status, label, assignee, first, last, last_citizen, started, unread in self.raw.execute(
                sql, (account_id, *chunk)
            ):
                out[key] = _Conv(cid, status, label, assignee, t(first), t(last), t(last_citizen), t(started), unread)
        return out

    def conversations_by_id(self, ids: Sequence[int]) -> dict[int, _Conv]:
        out: dict[int, _Conv] = {}
        t = _stored_sqlite_time
        for chunk in _chunks(ids):
            sql = (
                "SELECT id, status, triage_label, assignee_user_id, first_inbound_at, last_item_at,"
                " last_citizen_at, clock_started_at, unread FROM conversations"
                f" WHERE id IN ({','.join('?' * len(chunk))})"
            )
            for cid, status, label, assignee, first, last, last_citizen, started, unread in self.raw.execute(
                sql, tuple(chunk)
            ):
                out[cid] = _Conv(cid, status, label, assignee, t(first), t(last), t(last_citizen), t(started), unread)
        return out

    def create_conversations(self, account_id: int, rows: list[dict[str, Any]]) -> dict[str, _Conv]:
        # Under the page's write lock nobody else inserts, so ids can be handed out here.
        top = int(self.raw.execute("SELECT coalesce(max(id), 0) FROM conversations").fetchone()[0])
        values = []
        out: dict[str, _Conv] = {}
        for n, r in enumerate(rows, start=top + 1):
            values.append(
                (
                    n,
                    r["account_id"],
                    r["platform"],
                    r["conversation_key"],
                    r["is_direct"],
                    r["citizen_id"],
                    r["citizen_handle"],
                    r["citizen_name"],
                    r["created_at"],
                )
            )
            out[r["conversation_key"]] = _Conv(n, _NEW, None, None, None, None, None, None, 0)
        self.raw.executemany(
            "INSERT INTO conversations (id, account_id, platform, conversation_key, is_direct, citizen_id,"
            " citizen_handle, citizen_name, created_at, status, clock_seconds, unread)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', 0, 0)",
            values,
        )
        return out

    def update_conversations(self, rows: list[dict[str, Any]]) -> None:
        self.raw.executemany(
            "UPDATE conversations SET status = ?, triage_label = ?, first_inbound_at = ?, last_item_at = ?,"
            " last_citizen_at = ?, clock_started_at = ?, unread = ? WHERE id = ?",
            [
                (
                    r["status"],
                    r["triage_label"],
                    r["first_inbound_at"],
                    r["last_item_at"],
                    r["last_citizen_at"],
                    r["clock_started_at"],
                    r["unread"],
                    r["b_id"],
                )
                for r in rows
            ],
        )

    def set_item_status(self, pairs: list[tuple[str, int]]) -> None:
        self.raw.executemany("UPDATE inbox_items SET status = ? WHERE conversation_id = ?", pairs)

    def insert_events(self, rows: list[dict[str, Any]]) -> None:
        self.raw.executemany(
            "INSERT INTO conversation_events (conversation_id, kind, at, user_id, detail) VALUES (?, ?, ?, ?, ?)",
            [(r["conversation_id"], r["kind"], r["at"], r["user_id"], _detail_json(r["detail"])) for r in rows],
        )

    _ITEM_COLUMNS = (
        "account_id",
        "conversation_id",
        "platform",
        "platform_item_id",
        "kind",
        "author_id",
        "author_handle",
        "author_name",
        "text",
        "lang",
        "created_at",
        "received_at",
        "in_reply_to_id",
        "url",
        "from_account",
        "status",
        "triage_label",
        "triage_reason",
        "assignee_user_id",
        "read",
        "version",
        "edited_at",
        "deleted",
        "search_text",
        "sensitive_media",
    )
    _INSERT_ITEM = (
        f"INSERT INTO inbox_items (id, {', '.join(_ITEM_COLUMNS)}) VALUES ({', '.join('?' * (len(_ITEM_COLUMNS) + 1))})"
    )

    def insert_items(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        # The page's existing items were read under the write lock this transaction holds, so the
        # ids after the current maximum are free.
        top = int(self.raw.execute("SELECT coalesce(max(id), 0) FROM inbox_items").fetchone()[0])
        ids: dict[str, int] = {}
        values = []
        columns = self._ITEM_COLUMNS
        for n, row in enumerate(rows, start=top + 1):
            ids[row["platform_item_id"]] = n
            values.append((n, *[row[c] for c in columns]))
        self.raw.executemany(self._INSERT_ITEM, values)
        index_items(self.session, [(v[0], row["search_text"]) for v, row in zip(values, rows, strict=True)])
        return ids

    def insert_attachments(self, rows: list[dict[str, Any]]) -> None:
        self.raw.executemany(
            "INSERT INTO attachments (item_id, url, mime_type, sensitive) VALUES (?, ?, ?, ?)",
            [(r["item_id"], r["url"], r["mime_type"], r["sensitive"]) for r in rows],
        )

    def apply_changes(
        self,
        versions: list[dict[str, Any]],
        updates: list[dict[str, Any]],
        reindex: list[tuple[int, str, str]],
    ) -> None:
        self.raw.executemany(
            "INSERT INTO inbox_item_versions (item_id, version, text, change, recorded_at) VALUES (?, ?, ?, ?, ?)",
            [(v["item_id"], v["version"], v["text"], v["change"], v["recorded_at"]) for v in versions],
        )
        self.raw.executemany(
            "UPDATE inbox_items SET text = ?, version = ?, edited_at = ?, deleted = ?, search_text = ?,"
            " triage_label = ?, triage_reason = ?, read = ? WHERE id = ?",
            [
                (
                    u["text"],
                    u["version"],
                    u["edited_at"],
                    u["deleted"],
                    u["search_text"],
                    u["triage_label"],
                    u["triage_reason"],
                    u["read"],
                    u["b_id"],
                )
                for u in updates
            ],
        )
        if reindex:
            reindex_items(self.session, reindex)


class _CoreBackend(_Backend):
    """PostgreSQL (and any other database): Core statements, ``ON CONFLICT`` for concurrent desks."""

    def existing(self, account_id: int, ids: Sequence[str]) -> dict[str, _Existing]:
        found: dict[str, _Existing] = {}
        cols = (
            InboxItem.platform_item_id,
            InboxItem.id,
            InboxItem.text,
            InboxItem.deleted,
            InboxItem.version,
            InboxItem.conversation_id,
            InboxItem.search_text,
            InboxItem.from_account,
        )
        for chunk in _chunks(ids):
            rows = self.session.execute(
                select(*cols).where(InboxItem.account_id == account_id, InboxItem.platform_item_id.in_(chunk))
            )
            for pid, *row in rows:
                found[pid] = _Existing(row[0], row[1], bool(row[2]), row[3], row[4], row[5], bool(row[6]))
        return found

    def conversations(self, account_id: int, keys: Sequence[str]) -> dict[str, _Conv]:
        out: dict[str, _Conv] = {}
        for chunk in _chunks(keys):
            for key, *row in self.session.execute(
                select(
                    Conversation.conversation_key,
                    Conversation.id,
                    Conversation.status,
                    Conversation.triage_label,
                    Conversation.assignee_user_id,
                    Conversation.first_inbound_at,
                    Conversation.last_item_at,
                    Conversation.last_citizen_at,
                    Conversation.clock_started_at,
                    Conversation.unread,
                ).where(Conversation.account_id == account_id, Conversation.conversation_key.in_(chunk))
            ):
                out[key] = _Conv(*row)
        return out

    def conversations_by_id(self, ids: Sequence[int]) -> dict[int, _Conv]:
        out: dict[int, _Conv] = {}
        for chunk in _chunks(ids):
            for row in self.session.execute(
                select(
                    Conversation.id,
                    Conversation.status,
                    Conversation.triage_label,
                    Conversation.assignee_user_id,
                    Conversation.first_inbound_at,
                    Conversation.last_item_at,
                    Conversation.last_citizen_at,
                    Conversation.clock_started_at,
                    Conversation.unread,
                ).where(Conversation.id.in_(chunk))
            ):
                out[row[0]] = _Conv(*row)
        return out

    def _insert(self, model: Any) -> Any:
        if self.session.get_bind().dialect.name == "postgresql":
            return postgresql.insert(_table(model))
        return sqlite.insert(_table(model))

    def create_conversations(self, account_id: int, rows: list[dict[str, Any]]) -> dict[str, _Conv]:
        full = [{**r, "status": _NEW, "clock_seconds": 0, "unread": 0} for r in rows]
        stmt = self._insert(Conversation).on_conflict_do_nothing(index_elements=["account_id", "conversation_key"])
        for chunk in _chunks(full):
            self.session.connection().execute(stmt, list(chunk))
        # Read back: a desk syncing the same account at the same moment may have created some first.
        return self.conversations(account_id, [r["conversation_key"] for r in rows])

    def update_conversations(self, rows: list[dict[str, Any]]) -> None:
        stmt = (
            update(Conversation)
            .where(Conversation.id == bindparam("b_id"))
            .values(
                status=bindparam("status"),
                triage_label=bindparam("triage_label"),
                first_inbound_at=bindparam("first_inbound_at"),
                last_item_at=bindparam("last_item_at"),
                last_citizen_at=bindparam("last_citizen_at"),
                clock_started_at=bindparam("clock_started_at"),
                unread=bindparam("unread"),
            )
        )
        for chunk in _chunks(rows):
            self.session.connection().execute(stmt, list(chunk))

    def set_item_status(self, pairs: list[tuple[str, int]]) -> None:
        stmt = update(InboxItem).where(InboxItem.conversation_id == bindparam("b_cid")).values(status=bindparam("st"))
        self.session.connection().execute(stmt, [{"st": s, "b_cid": c} for s, c in pairs])

    def insert_events(self, rows: list[dict[str, Any]]) -> None:
        for chunk in _chunks(rows):
            self.session.connection().execute(insert(_table(ConversationEvent)), list(chunk))

    def insert_items(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        table = _table(InboxItem)
        stmt = (
            self._insert(InboxItem)
            .on_conflict_do_nothing(index_elements=["account_id", "platform_item_id"])
            .returning(table.c.id, table.c.platform_item_id)
        )
        ids: dict[str, int] = {}
        for chunk in _chunks(rows):
            for row in self.session.connection().execute(stmt, list(chunk)):
                ids[row.platform_item_id] = row.id
        indexed = [(ids[r["platform_item_id"]], r["search_text"]) for r in rows if r["platform_item_id"] in ids]
        index_items(self.session, indexed)
        return ids

    def apply_changes(
        self,
        versions: list[dict[str, Any]],
        updates: list[dict[str, Any]],
        reindex: list[tuple[int, str, str]],
    ) -> None:
        super().apply_changes(versions, updates, reindex)
        if reindex:
            reindex_items(self.session, reindex)


# --- the path ------------------------------------------------------------------------------------


class PageStore:
    """Stores fetched pages. ``notify`` tells other desks (PostgreSQL NOTIFY) inside the transaction."""

    def __init__(self, ctx: DeskContext, triage: Any, notify: Notify | None = None) -> None:
        self.ctx = ctx
        self.triage = triage
        self.notify = notify

    def screen(
        self, account: AccountRecord, stream: Stream, records: Iterable[Any]
    ) -> tuple[list[_Prepared], list[Quarantined]]:
        """Check and clean each record; what cannot be read goes to quarantine with its reason."""
        good: list[_Prepared] = []
        bad: list[Quarantined] = []
        for rec in records:
            try:
                reason = problem(account, rec)
                if reason is not None:
                    bad.append(Quarantined(stream, reason, payload(rec)))
                    continue
                good.append(_Prepared(rec, conversation_key(rec), clean(rec.text) or "", ""))
            except Exception as exc:  # a bug in reading one record must not cost the batch
                log.exception("inbox record could not be prepared")
                bad.append(Quarantined(stream, f"could not be read: {type(exc).__name__}: {exc}", payload(rec)))
        return good, bad

    def classify(self, prepared: Sequence[_Prepared]) -> None:
        """Fold for search and triage: only items that are new or changed (a re-fetched page costs no triage)."""
        classify = self.triage.classify
        for p in prepared:
            p.search = index_text(p.text)
            if p.rec.from_account:
                continue
            try:
                result = classify(p.text[:TRIAGE_CHARS], p.rec.lang)
                p.label, p.reason = str(result.label), str(result.explain())
            except Exception as exc:  # a bug in the rules must not cost the message: it is stored unclassified
                log.exception("triage failed on inbox item %s", p.rec.platform_item_id)
                p.label, p.reason = None, f"triage failed: {type(exc).__name__}: {exc}"

    def store(self, account: AccountRecord, stream: Stream, result: FetchResult) -> StoredPage:
        """Store a fetched page: items, versions, conversations, triage, search index, quarantine, cursor.

        Idempotent: the same page twice changes nothing. The cursor is saved in the same transaction,
        so a page is never lost and never half-stored."""
        stream = Stream(stream)
        now = self.ctx.clock.now()
        good, bad = self.screen(account, stream, result.records)
        quarantined = list(result.quarantined) + bad
        totals = {"new": 0, "changed": 0, "unchanged": 0}
        touched: set[int] = set()
        created: set[int] = set()
        emergencies: list[int] = []
        with self.ctx.transaction() as session:
            # A write first: on SQLite the page then holds the write lock from its first read on.
            self._save_cursor(session, account.id, stream, result.cursor, now)
            db: _Backend = (
                _SqliteBackend(session) if session.get_bind().dialect.name == "sqlite" else _CoreBackend(session)
            )
            stamp = db.ts(now)
            for p in good:
                p.created = db.ts(p.rec.created_at)
            for batch in rounds(good):
                outcome = self._store(session, db, account, batch, now, stamp)
                totals["new"] += outcome[0]
                totals["changed"] += outcome[1]
                totals["unchanged"] += outcome[2]
                touched |= outcome[3]
                emergencies += outcome[4]
                created |= outcome[5]
            if quarantined:
                session.connection().execute(
                    insert(_table(QuarantinedPayload)),
                    [
                        {
                            "account_id": account.id,
                            "stream": Stream(q.stream).value,
                            "reason": clean(q.reason) or "",
                            "payload": clean(q.payload) or "",
                            "received_at": now,
                            "resolved": False,
                        }
                        for q in quarantined
                    ],
                )
            self.ctx.audit.append(
                session,
                Actor.system(self.ctx.workstation),
                "sync.batch",
                "platform_account",
                account.id,
                summarise(
                    stream=stream.value,
                    new=totals["new"],
                    changed=totals["changed"],
                    unchanged=totals["unchanged"],
                    quarantined=len(quarantined),
                    conversations=len(touched),
                    emergencies=len(emergencies),
                ),
            )
            if self.notify is not None:
                self.notify(session, touched)
            token = int(session.scalar(select(func.coalesce(func.max(ConversationEvent.id), 0))) or 0)
        return StoredPage(
            tuple(sorted(touched)),
            totals["new"],
            totals["changed"],
            totals["unchanged"],
            len(quarantined),
            tuple(emergencies),
            token,
            tuple(sorted(created)),
        )

    @staticmethod
    def _save_cursor(session: Session, account_id: int, stream: Stream, cursor: str | None, now: datetime) -> None:
        values = {
            "cursor": cursor,
            "last_success_at": now,
            "last_error": None,
            "error_count": 0,
            "next_attempt_at": None,
        }
        table = _table(SyncCursor)
        ins = postgresql.insert(table) if session.get_bind().dialect.name == "postgresql" else sqlite.insert(table)
        stmt = ins.values(account_id=account_id, stream=stream.value, **values)
        session.execute(stmt.on_conflict_do_update(index_elements=["account_id", "stream"], set_=values))

    def _store(
        self,
        session: Session,
        db: _Backend,
        account: AccountRecord,
        batch: list[_Prepared],
        now: datetime,
        stamp: Any,
    ) -> tuple[int, int, int, set[int], list[int], set[int]]:
        existing = db.existing(account.id, [p.rec.platform_item_id for p in batch])
        new: list[_Prepared] = []
        changed: list[tuple[_Prepared, _Existing]] = []
        unchanged = 0
        for p in batch:
            row = existing.get(p.rec.platform_item_id)
            if row is None:
                new.append(p)
            elif (p.rec.deleted and not row.deleted) or (not p.rec.deleted and p.text != row.text):
                changed.append((p, row))
            else:
                unchanged += 1
        self.classify(new)
        self.classify([p for p, _row in changed])
        touched: set[int] = set()
        created: set[int] = set()
        emergency_items: list[tuple[int, int]] = []
        if new:
            convs, created = self._conversations_for(db, account, new, stamp)
            touched |= {p.conversation_id for p in new if p.conversation_id is not None}
            state = self._update_conversations(db, new, convs, stamp)
            ids = self._insert_items(db, account, new, state, stamp)
            emergency_items += [
                (ids[p.rec.platform_item_id], p.conversation_id or 0)
                for p in new
                if p.label == "emergency" and p.rec.platform_item_id in ids
            ]
        if changed:
            self._apply_changes(db, changed, stamp)
            touched |= {row.conversation_id for _p, row in changed if row.conversation_id is not None}
            emergency_items += [
                (row.id, row.conversation_id or 0) for p, row in changed if p.label == "emergency" and not p.rec.deleted
            ]
            for p, row in changed:
                if p.label == "emergency" and not p.rec.deleted and row.conversation_id is not None:
                    session.execute(
                        update(Conversation)
                        .where(Conversation.id == row.conversation_id)
                        .values(triage_label="emergency")
                    )
        emergency_ids = raise_emergencies(session, emergency_items, now) if emergency_items else []
        return len(new), len(changed), unchanged, touched, emergency_ids, created

    @staticmethod
    def _conversations_for(
        db: _Backend, account: AccountRecord, new: list[_Prepared], stamp: Any
    ) -> tuple[dict[str, _Conv], set[int]]:
        """Find or create the conversation of each new item; fills ``conversation_id``.

        Returns each conversation by key (the force's replies also under ``reply:<item id>``) and the
        ids of the conversations created here."""
        # The force's own public replies join the conversation of the item they answer.
        in_batch = {p.rec.platform_item_id: p.key for p in new}
        pending: set[str] = set()
        for p in new:
            rec = p.rec
            if rec.from_account and rec.kind is not ItemKind.DIRECT and rec.in_reply_to_id:
                if rec.in_reply_to_id in in_batch:
                    p.key = in_batch[rec.in_reply_to_id]
                else:
                    pending.add(rec.in_reply_to_id)
        known_targets: dict[str, int] = {}
        if pending:
            for pid, row in db.existing(account.id, sorted(pending)).items():
                if row.conversation_id is not None:
                    known_targets[pid] = row.conversation_id
        keys = sorted({p.key for p in new})
        convs = db.conversations(account.id, keys)
        missing: dict[str, dict[str, Any]] = {}
        first_citizen: dict[str, InboundRecord] = {}
        for p in new:
            if not p.rec.from_account:
                first_citizen.setdefault(p.key, p.rec)
        for p in new:
            if p.key in convs or p.key in missing:
                continue
            if p.rec.from_account and p.rec.in_reply_to_id in known_targets:
                continue
            citizen = first_citizen.get(p.key, p.rec)
            missing[p.key] = {
                "account_id": account.id,
                "platform": account.platform.value,
                "conversation_key": p.key,
                "is_direct": p.rec.kind is ItemKind.DIRECT,
                "citizen_id": clean(citizen.author_id, 200),
                "citizen_handle": clean(citizen.author_handle, 300) or "",
                "citizen_name": clean(citizen.author_name, 300) or "",
                "created_at": stamp,
            }
        created: set[int] = set()
        if missing:
            made = db.create_conversations(account.id, list(missing.values()))
            convs.update(made)
            created = {c.id for c in made.values() if c.status == _NEW and c.last_item_at is None}
        for p in new:
            if p.rec.from_account and p.rec.in_reply_to_id in known_targets and p.key not in convs:
                p.conversation_id = known_targets[p.rec.in_reply_to_id or ""]
            else:
                p.conversation_id = convs[p.key].id
        by_id = {c.id: c for c in convs.values()}
        others = sorted({cid for cid in known_targets.values() if cid not in by_id})
        if others:
            by_id.update(db.conversations_by_id(others))
        out = dict(convs)
        for pid, cid in known_targets.items():
            conv = by_id.get(cid)
            if conv is not None:
                out[f"reply:{pid}"] = conv
        return out, created

    @staticmethod
    def _update_conversations(
        db: _Backend, new: list[_Prepared], convs: Mapping[str, _Conv], stamp: Any
    ) -> dict[int, tuple[str, int | None]]:
        """Counts, times and class of each touched conversation; reopen when the citizen writes again.

        Returns each conversation's status and assignee after the update (new items carry them)."""
        by_conv: dict[int, list[_Prepared]] = {}
        for p in new:
            by_conv.setdefault(p.conversation_id or 0, []).append(p)
        current = {c.id: c for c in convs.values()}
        missing = [cid for cid in by_conv if cid not in current]
        if missing:  # a force reply's target conversation, not among the page's keys
            raise RuntimeError(f"conversations {missing} were not loaded")
        updates: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        status_changes: list[tuple[str, int]] = []
        state: dict[int, tuple[str, int | None]] = {}
        rank = _RANK.get
        worst = len(SEVERITY)
        for cid in sorted(by_conv):
            row = current[cid]
            items = by_conv[cid]
            # One pass over the conversation's new items (times compare in their stored form).
            last_item = None
            first_citizen = last_citizen = None
            citizens = 0
            label = row.triage_label
            label_rank = worst if label is None else rank(label, worst)
            for p in items:
                at = p.created
                if last_item is None or at > last_item:
                    last_item = at
                if p.rec.from_account:
                    continue
                citizens += 1
                if first_citizen is None or at < first_citizen:
                    first_citizen = at
                if last_citizen is None or at > last_citizen:
                    last_citizen = at
                if p.label is not None and (label is None or rank(p.label, worst) < label_rank):
                    label, label_rank = p.label, rank(p.label, worst)
            if first_citizen is not None and stamp < first_citizen:
                first_citizen = stamp  # a citizen's clock in the future does not start the response clock late
            status = row.status
            clock_started_at = row.clock_started_at
            if citizens and status in (_CLOSED, _WAITING):
                status = _NEW if status == _CLOSED else _OPEN
                clock_started_at = first_citizen
                events.append(
                    {
                        "conversation_id": cid,
                        "kind": "reopened" if row.status == _CLOSED else "citizen_replied",
                        "at": stamp,
                        "user_id": None,
                        "detail": {"from": row.status, "to": status},
                    }
                )
            elif citizens and status in RUNNING and clock_started_at is None:
                clock_started_at = first_citizen
            first_inbound = row.first_inbound_at
            if first_citizen is not None and (first_inbound is None or first_citizen < first_inbound):
                first_inbound = first_citizen
            last_citizen_at = row.last_citizen_at
            if last_citizen is not None and (last_citizen_at is None or last_citizen > last_citizen_at):
                last_citizen_at = last_citizen
            last_item_at = row.last_item_at
            if last_item_at is None or (last_item is not None and last_item > last_item_at):
                last_item_at = last_item
            updates.append(
                {
                    "b_id": cid,
                    "status": status,
                    "triage_label": label,
                    "first_inbound_at": first_inbound,
                    "last_item_at": last_item_at,
                    "last_citizen_at": last_citizen_at,
                    "clock_started_at": clock_started_at,
                    "unread": int(row.unread or 0) + citizens,
                }
            )
            events.append(
                {
                    "conversation_id": cid,
                    "kind": "inbound",
                    "at": stamp,
                    "user_id": None,
                    "detail": {"items": len(items)},
                }
            )
            if status != row.status:
                status_changes.append((status, cid))
            state[cid] = (status, row.assignee_user_id)
        if status_changes:
            db.set_item_status(status_changes)
        db.update_conversations(updates)
        db.insert_events(events)
        return state

    @staticmethod
    def _insert_items(
        db: _Backend,
        account: AccountRecord,
        new: list[_Prepared],
        state: Mapping[int, tuple[str, int | None]],
        stamp: Any,
    ) -> dict[str, int]:
        rows = []
        platform = account.platform.value
        for p in new:
            r = p.rec
            status, assignee = state.get(p.conversation_id or 0, (_NEW, None))
            rows.append(
                {
                    "account_id": account.id,
                    "conversation_id": p.conversation_id,
                    "platform": platform,
                    "platform_item_id": r.platform_item_id,
                    "kind": r.kind.value if isinstance(r.kind, ItemKind) else ItemKind(r.kind).value,
                    "author_id": clean(r.author_id, 200),
                    "author_handle": clean(r.author_handle, 300) or "",
                    "author_name": clean(r.author_name, 300) or "",
                    "text": p.text,
                    "lang": clean(r.lang, 16),
                    "created_at": p.created,
                    "received_at": stamp,
                    "in_reply_to_id": clean(r.in_reply_to_id, 300),
                    "url": clean(r.url, 1000),
                    "from_account": r.from_account,
                    "status": status,
                    "triage_label": p.label,
                    "triage_reason": p.reason,
                    "assignee_user_id": assignee,
                    "read": r.from_account,
                    "version": 1,
                    "edited_at": None if r.edited_at is None else db.ts(r.edited_at),
                    "deleted": r.deleted,
                    "search_text": p.search,
                    "sensitive_media": any(a.sensitive for a in r.attachments) if r.attachments else False,
                }
            )
        ids = db.insert_items(rows)
        attachments = [
            {
                "item_id": ids[p.rec.platform_item_id],
                "url": clean(a.url, 2000),
                "mime_type": clean(a.mime_type, 100),
                "sensitive": a.sensitive,
            }
            for p in new
            if p.rec.attachments and p.rec.platform_item_id in ids
            for a in p.rec.attachments
        ]
        if attachments:
            db.insert_attachments(attachments)
        return ids

    @staticmethod
    def _apply_changes(db: _Backend, changed: list[tuple[_Prepared, _Existing]], stamp: Any) -> None:
        """An edit or a delete: the earlier text becomes a version row; the item shows the latest."""
        versions = []
        updates = []
        reindex: list[tuple[int, str, str]] = []
        for p, row in changed:
            versions.append(
                {
                    "item_id": row.id,
                    "version": row.version,
                    "text": row.text,
                    "change": "original" if row.version == 1 else "edited",
                    "recorded_at": stamp,
                }
            )
            # A platform often blanks a deleted message: keep the last text we saw.
            body = p.text if (p.text or not p.rec.deleted) else row.text
            search = index_text(body) if body != row.text else row.search_text
            updates.append(
                {
                    "b_id": row.id,
                    "text": body,
                    "version": row.version + 1,
                    "edited_at": stamp if p.rec.edited_at is None else db.ts(p.rec.edited_at),
                    "deleted": bool(p.rec.deleted or row.deleted),
                    "search_text": search,
                    "triage_label": p.label,
                    "triage_reason": p.reason,
                    "read": bool(row.from_account),
                }
            )
            if search != row.search_text:
                reindex.append((row.id, row.search_text, search))
        db.apply_changes(versions, updates, reindex)
        events = [
            {
                "conversation_id": row.conversation_id,
                "kind": "citizen_deleted" if p.rec.deleted else "citizen_edited",
                "at": stamp,
                "user_id": None,
                "detail": {"item_id": row.id, "version": row.version + 1},
            }
            for p, row in changed
            if row.conversation_id is not None
        ]
        if events:
            db.insert_events(events)
