"""Records management: retention classes, legal holds, the purge job, FOI packages and subject access.

Purging deletes only what retention allows (older than the period, no legal hold, conversation
closed) and writes what it deleted (counts by type and id ranges) to the audit log. The audit log
itself is never purged here: its entries are the proof that the record is whole.
"""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, not_, or_, select, update
from sqlalchemy.orm import Session

from desk.audit import summarise
from desk.auth import Identity
from desk.context import DeskContext
from desk.errors import DeskError, PermissionDenied, ValidationFailed
from desk.roles import Action, Role
from desk.storage.models import (
    Attachment,
    AuditEntry,
    Conversation,
    ConversationEvent,
    ConversationStatus,
    ConversationTag,
    Delivery,
    Emergency,
    InboxItem,
    InboxItemVersion,
    Note,
    OutboundItem,
    OutboundKind,
    OutboundState,
)
from desk.storage.patrol_models import PatrolEntry, PatrolShift
from desk.storage.review_models import EngagementSample, LegalHold, RetentionClass
from desk.storage.tweetathon_models import Call

INBOX = "inbox_items"
REPLIES = "replies"
POSTS = "posts"
AUDIT = "audit"
CALLS = "tweetathon_calls"
PATROL = "patrol_logs"
RECORD_TYPES = (INBOX, REPLIES, POSTS, AUDIT, CALLS, PATROL)

#: Defaults in the style of a national police records schedule: (days, basis). Administrators change them.
DEFAULT_RETENTION: dict[str, tuple[int, str]] = {
    INBOX: (6 * 365, "Correspondence with the public: six years after the last action"),
    REPLIES: (6 * 365, "The force's replies: kept as long as the correspondence they answer"),
    POSTS: (3 * 365, "Public posts and appeals: three years"),
    AUDIT: (10 * 365, "Audit trail: ten years; never purged by the desk"),
    CALLS: (365, "Imported control-room call summaries: one year"),
    PATROL: (2 * 365, "Patrol logs: two years"),
}
REVIEW_EVERY = timedelta(days=365)
REPLY_KINDS = (OutboundKind.REPLY.value, OutboundKind.DIRECT.value, OutboundKind.AUTO_REPLY.value)
ENDED = (OutboundState.DONE.value, OutboundState.FAILED.value, OutboundState.CANCELLED.value)
CHUNK = 500


@dataclass(frozen=True)
class RetentionRecord:
    """One retention class as shown and edited."""

    record_type: str
    days: int
    review_at: datetime
    basis: str
    review_due: bool


@dataclass(frozen=True)
class HoldRecord:
    """One legal hold."""

    id: int
    scope: str  # conversation or person
    platform: str
    subject: str
    reason: str
    placed_at: datetime


@dataclass(frozen=True)
class PurgeResult:
    """What one purge run deleted: counts and (first, last) ids by record type."""

    counts: Mapping[str, int]
    id_ranges: Mapping[str, tuple[int, int]]
    held_back: int  # conversations old enough but under a legal hold

    @property
    def total(self) -> int:
        """Everything deleted."""
        return sum(self.counts.values())


@dataclass(frozen=True)
class ManifestFile:
    """One file of an export package."""

    name: str
    sha256: str
    bytes: int
    rows: int


@dataclass(frozen=True)
class Package:
    """An export package on disk: the folder (or zip) and its manifest."""

    path: Path
    files: tuple[ManifestFile, ...]


@dataclass(frozen=True)
class Subject:
    """One of a person's identities: a handle or platform id, on one platform or on any."""

    handle: str
    platform: str | None = None


@dataclass(frozen=True)
class SubjectFindings:
    """Everything held about one person (ids; the export holds the content)."""

    conversation_ids: tuple[int, ...]
    item_ids: tuple[int, ...]
    note_ids: tuple[int, ...]
    reply_ids: tuple[int, ...]

    @property
    def empty(self) -> bool:
        """True when nothing is held."""
        return not (self.conversation_ids or self.item_ids or self.note_ids or self.reply_ids)


def _can_manage(identity: Identity) -> bool:
    return identity.can(Action.MANAGE_RETENTION) or Role.SYSTEM in identity.roles


def _require(ok: bool, what: str, identity: Identity) -> None:
    if not ok:
        raise PermissionDenied(what, identity.username)


class RecordsService:
    """Retention classes, holds, purging and export packages."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    # --- retention classes ------------------------------------------------------------------------

    def _seed(self, session: Session) -> dict[str, RetentionClass]:
        rows = {r.record_type: r for r in session.scalars(select(RetentionClass))}
        now = self.ctx.clock.now()
        for record_type, (days, basis) in DEFAULT_RETENTION.items():
            if record_type not in rows:
                row = RetentionClass(
                    record_type=record_type, days=days, basis=basis, review_at=now + REVIEW_EVERY, updated_at=now
                )
                session.add(row)
                rows[record_type] = row
        session.flush()
        return rows

    def classes(self, identity: Identity) -> tuple[RetentionRecord, ...]:
        """Every retention class (defaults are stored on first use)."""
        _require(identity.can(Action.EXPORT_AUDIT) or _can_manage(identity), "see retention classes", identity)
        now = self.ctx.clock.now()
        with self.ctx.transaction() as session:
            rows = self._seed(session)
            return tuple(
                RetentionRecord(r.record_type, r.days, r.review_at, r.basis, r.review_at <= now)
                for r in (rows[t] for t in RECORD_TYPES)
            )

    def set_class(
        self,
        identity: Identity,
        record_type: str,
        days: int,
        review_at: datetime | None = None,
        basis: str | None = None,
    ) -> RetentionRecord:
        """Change a retention class (administrators; audited)."""
        _require(identity.can(Action.MANAGE_RETENTION), "change retention", identity)
        if record_type not in RECORD_TYPES:
            raise ValidationFailed("records.unknown_type", "Unknown record type {type}.", type=record_type)
        if days < 1 or days > 100 * 365:
            raise ValidationFailed(
                "records.bad_period", "A retention period is 1 day to 100 years, not {days}.", days=days
            )
        now = self.ctx.clock.now()
        with self.ctx.transaction() as session:
            row = self._seed(session)[record_type]
            before = {"days": row.days, "review_at": row.review_at, "basis": row.basis}
            row.days = days
            row.review_at = review_at or now + REVIEW_EVERY
            if basis is not None:
                row.basis = basis[:300]
            row.updated_at = now
            row.updated_by = identity.user_id
            after = {"days": row.days, "review_at": row.review_at, "basis": row.basis}
            self.ctx.audit.append(
                session, identity.actor, "retention.change", "retention", record_type, summarise(before, after)
            )
            return RetentionRecord(row.record_type, row.days, row.review_at, row.basis, row.review_at <= now)

    # --- legal holds ----------------------------------------------------------------------------------

    def place_hold(
        self, identity: Identity, scope: str, subject: str, *, platform: str = "", reason: str = ""
    ) -> HoldRecord:
        """Stop purging of one conversation (``subject`` = its id) or one person (a handle or id); audited."""
        _require(identity.can(Action.EXPORT_AUDIT) or _can_manage(identity), "place a legal hold", identity)
        if scope not in ("conversation", "person") or not subject.strip():
            raise ValidationFailed("records.bad_hold", "A hold is on a conversation or a person, with a subject.")
        now = self.ctx.clock.now()
        with self.ctx.transaction() as session:
            row = session.scalars(
                select(LegalHold).where(
                    LegalHold.scope == scope, LegalHold.platform == platform, LegalHold.subject == subject
                )
            ).one_or_none()
            if row is None:
                row = LegalHold(
                    scope=scope,
                    platform=platform,
                    subject=subject.strip(),
                    reason=reason,
                    placed_at=now,
                    placed_by=identity.user_id,
                )
                session.add(row)
                session.flush()
                self.ctx.audit.append(
                    session,
                    identity.actor,
                    "legal_hold.place",
                    "legal_hold",
                    row.id,
                    summarise(scope=scope, platform=platform, subject=subject, reason=reason),
                )
            return _hold(row)

    def lift_hold(self, identity: Identity, hold_id: int) -> None:
        """Remove a legal hold; audited."""
        _require(identity.can(Action.EXPORT_AUDIT) or _can_manage(identity), "lift a legal hold", identity)
        with self.ctx.transaction() as session:
            row = session.get(LegalHold, hold_id)
            if row is None:
                raise DeskError("records.no_hold", "Legal hold {id} does not exist.", id=hold_id)
            self.ctx.audit.append(
                session,
                identity.actor,
                "legal_hold.lift",
                "legal_hold",
                hold_id,
                summarise(before={"scope": row.scope, "platform": row.platform, "subject": row.subject}),
            )
            session.delete(row)

    def holds(self) -> tuple[HoldRecord, ...]:
        """Every legal hold in place."""
        with self.ctx.sessions() as session:
            return tuple(_hold(r) for r in session.scalars(select(LegalHold).order_by(LegalHold.id)))

    # --- purge ---------------------------------------------------------------------------------------

    def _not_held(self, session: Session) -> ColumnElement[bool]:
        """Conversations under no hold, neither on themselves nor on their citizen."""
        conds: list[ColumnElement[bool]] = []
        for hold in session.scalars(select(LegalHold)):
            if hold.scope == "conversation" and hold.subject.isdigit():
                conds.append(Conversation.id == int(hold.subject))
            elif hold.scope == "person":
                who = or_(
                    func.lower(Conversation.citizen_handle) == hold.subject.lower(),
                    Conversation.citizen_id == hold.subject,
                )
                conds.append(and_(Conversation.platform == hold.platform, who) if hold.platform else who)
        return not_(or_(*conds)) if conds else Conversation.id.is_not(None)

    def purge(self, identity: Identity) -> PurgeResult:
        """Delete what retention allows; the run and what it deleted go to the audit log."""
        _require(_can_manage(identity), "purge records", identity)
        now = self.ctx.clock.now()
        counts: dict[str, int] = {}
        ranges: dict[str, tuple[int, int]] = {}

        def note(kind: str, ids: Sequence[int]) -> None:
            if ids:
                counts[kind] = counts.get(kind, 0) + len(ids)
                low, high = ranges.get(kind, (min(ids), max(ids)))
                ranges[kind] = (min(low, *ids), max(high, *ids))

        with self.ctx.transaction() as session:
            days = {t: r.days for t, r in self._seed(session).items()}
            free = self._not_held(session)
            old_conv = and_(
                Conversation.status == ConversationStatus.CLOSED.value,
                func.coalesce(Conversation.last_item_at, Conversation.created_at) < now - timedelta(days=days[INBOX]),
            )
            conv_ids = list(session.scalars(select(Conversation.id).where(old_conv, free)))
            held_back = int(
                session.scalar(select(func.count()).select_from(Conversation).where(old_conv, not_(free))) or 0
            )
            # Replies first: those old enough go; those kept longer lose only their link to the purged thread.
            reply_cut = now - timedelta(days=days[REPLIES])
            open_or_held = select(Conversation.id).where(
                or_(Conversation.status != ConversationStatus.CLOSED.value, not_(free))
            )
            replies = list(
                session.scalars(
                    select(OutboundItem.id).where(
                        OutboundItem.kind.in_(REPLY_KINDS),
                        OutboundItem.state.in_(ENDED),
                        OutboundItem.updated_at < reply_cut,
                        or_(OutboundItem.conversation_id.is_(None), OutboundItem.conversation_id.not_in(open_or_held)),
                    )
                )
            )
            self._delete_outbound(session, replies)
            note(REPLIES, replies)
            for chunk in _chunks(conv_ids):
                session.execute(
                    update(OutboundItem)
                    .where(OutboundItem.conversation_id.in_(chunk))
                    .values(conversation_id=None, reply_to_item_id=None)
                )
                items = list(session.scalars(select(InboxItem.id).where(InboxItem.conversation_id.in_(chunk))))
                self._delete_items(session, items)
                note(INBOX, items)
                for table in (Note, ConversationTag, ConversationEvent):
                    session.execute(delete(table).where(table.conversation_id.in_(chunk)))
                session.execute(delete(Conversation).where(Conversation.id.in_(chunk)))
            note("conversations", conv_ids)
            post_cut = now - timedelta(days=days[POSTS])
            posts = list(
                session.scalars(
                    select(OutboundItem.id).where(
                        OutboundItem.kind.not_in(REPLY_KINDS),
                        OutboundItem.state.in_(ENDED),
                        OutboundItem.updated_at < post_cut,
                    )
                )
            )
            self._delete_outbound(session, posts)
            note(POSTS, posts)
            calls = list(session.scalars(select(Call.id).where(Call.received_at < now - timedelta(days=days[CALLS]))))
            for chunk in _chunks(calls):
                session.execute(delete(Call).where(Call.id.in_(chunk)))
            note(CALLS, calls)
            shifts = list(
                session.scalars(
                    select(PatrolShift.id).where(
                        PatrolShift.ended_at.is_not(None), PatrolShift.ended_at < now - timedelta(days=days[PATROL])
                    )
                )
            )
            for chunk in _chunks(shifts):
                session.execute(delete(PatrolEntry).where(PatrolEntry.shift_id.in_(chunk)))
                session.execute(delete(PatrolShift).where(PatrolShift.id.in_(chunk)))
            note(PATROL, shifts)
            self.ctx.audit.append(
                session,
                identity.actor,
                "records.purge",
                "records",
                now.isoformat(),
                summarise(
                    counts=counts,
                    id_ranges={k: list(v) for k, v in ranges.items()},
                    held_back=held_back,
                    periods_days=days,
                ),
            )
        return PurgeResult(counts, ranges, held_back)

    def _delete_items(self, session: Session, ids: Sequence[int]) -> None:
        sqlite = session.get_bind().dialect.name == "sqlite"
        for chunk in _chunks(ids):
            if sqlite:
                # The full-text index keeps its own copy of the tokens; tell it before the rows go.
                rows = session.execute(select(InboxItem.id, InboxItem.search_text).where(InboxItem.id.in_(chunk))).all()
                session.connection().exec_driver_sql(
                    "INSERT INTO inbox_fts(inbox_fts, rowid, search_text) VALUES ('delete', ?, ?)",
                    [(r.id, r.search_text) for r in rows],
                )
            for table in (InboxItemVersion, Attachment, Emergency):
                session.execute(delete(table).where(table.item_id.in_(chunk)))
            session.execute(delete(InboxItem).where(InboxItem.id.in_(chunk)))

    def _delete_outbound(self, session: Session, ids: Sequence[int]) -> None:
        for chunk in _chunks(ids):
            deliveries = select(Delivery.id).where(Delivery.outbound_id.in_(chunk))
            session.execute(delete(EngagementSample).where(EngagementSample.delivery_id.in_(deliveries)))
            session.execute(delete(Delivery).where(Delivery.outbound_id.in_(chunk)))
            session.execute(update(PatrolEntry).where(PatrolEntry.outbound_id.in_(chunk)).values(outbound_id=None))
            session.execute(
                update(PatrolShift).where(PatrolShift.summary_outbound_id.in_(chunk)).values(summary_outbound_id=None)
            )
            session.execute(delete(OutboundItem).where(OutboundItem.id.in_(chunk)))

    # --- FOI package -----------------------------------------------------------------------------------

    def foi_export(
        self, identity: Identity, start: datetime, end: datetime, folder: Path, *, as_zip: bool = False
    ) -> Package:
        """Items, conversations, notes, replies, posts and audit of [start, end) with a SHA-256 manifest."""
        _require(identity.can(Action.EXPORT_AUDIT), "export a records package", identity)
        if end <= start:
            raise ValidationFailed("records.empty_range", "The date range is empty: its end is not after its start.")
        out = folder / f"foi-{start:%Y%m%d}-{end:%Y%m%d}"
        with self.ctx.sessions() as session:
            it = InboxItem.__table__
            files = [
                _jsonl(
                    out / "items.jsonl",
                    session,
                    select(*_cols(it)).where(it.c.created_at >= start, it.c.created_at < end).order_by(it.c.id),
                ),
                _jsonl(
                    out / "conversations.jsonl",
                    session,
                    select(Conversation.__table__)
                    .where(Conversation.first_inbound_at >= start, Conversation.first_inbound_at < end)
                    .order_by(Conversation.id),
                ),
                _jsonl(
                    out / "notes.jsonl",
                    session,
                    select(Note.__table__).where(Note.created_at >= start, Note.created_at < end).order_by(Note.id),
                ),
                _jsonl(out / "replies.jsonl", session, _outbound_rows(start, end, replies=True)),
                _jsonl(out / "posts.jsonl", session, _outbound_rows(start, end, replies=False)),
                _csv(
                    out / "audit.csv",
                    session,
                    select(AuditEntry.__table__)
                    .where(AuditEntry.at >= start, AuditEntry.at < end)
                    .order_by(AuditEntry.seq),
                ),
            ]
        package = _finish(out, files, {"kind": "foi", "start": start.isoformat(), "end": end.isoformat()}, as_zip)
        self._audit_export(identity, "records.foi_export", package, start=start, end=end)
        return package

    # --- subject access ------------------------------------------------------------------------------------

    def _subject_conversations(self, subjects: Sequence[Subject]) -> ColumnElement[bool]:
        conds = []
        for s in subjects:
            h = s.handle.strip()
            who = or_(func.lower(Conversation.citizen_handle) == h.lower(), Conversation.citizen_id == h)
            conds.append(and_(Conversation.platform == s.platform, who) if s.platform else who)
        return or_(*conds)

    def _subject_items(self, subjects: Sequence[Subject]) -> ColumnElement[bool]:
        conds = []
        for s in subjects:
            h = s.handle.strip()
            who = or_(func.lower(InboxItem.author_handle) == h.lower(), InboxItem.author_id == h)
            conds.append(and_(InboxItem.platform == s.platform, who) if s.platform else who)
        return or_(*conds)

    def subject_search(self, identity: Identity, subjects: Sequence[Subject]) -> SubjectFindings:
        """Everything held about one person, by their handles and ids on each platform; audited."""
        _require(identity.can(Action.EXPORT_AUDIT), "search records about a person", identity)
        subjects = _check_subjects(subjects)
        with self.ctx.transaction() as session:
            found = self._find(session, subjects)
            self.ctx.audit.append(
                session,
                identity.actor,
                "records.subject_search",
                "subject",
                _subject_key(subjects),
                summarise(
                    subjects=[f"{s.platform or '*'}:{s.handle}" for s in subjects],
                    conversations=len(found.conversation_ids),
                    items=len(found.item_ids),
                ),
            )
            return found

    def _find(self, session: Session, subjects: Sequence[Subject]) -> SubjectFindings:
        convs = list(
            session.scalars(
                select(Conversation.id).where(self._subject_conversations(subjects)).order_by(Conversation.id)
            )
        )
        items = list(
            session.scalars(
                select(InboxItem.id)
                .where(or_(self._subject_items(subjects), InboxItem.conversation_id.in_(convs)))
                .order_by(InboxItem.id)
            )
        )
        notes = list(session.scalars(select(Note.id).where(Note.conversation_id.in_(convs)).order_by(Note.id)))
        replies = list(
            session.scalars(
                select(OutboundItem.id)
                .where(OutboundItem.conversation_id.in_(convs), OutboundItem.kind.in_(REPLY_KINDS))
                .order_by(OutboundItem.id)
            )
        )
        return SubjectFindings(tuple(convs), tuple(items), tuple(notes), tuple(replies))

    def subject_export(
        self, identity: Identity, subjects: Sequence[Subject], folder: Path, *, as_zip: bool = False
    ) -> Package:
        """Export everything held about one person (items, conversations, notes, replies) with a manifest."""
        _require(identity.can(Action.EXPORT_AUDIT), "export records about a person", identity)
        subjects = _check_subjects(subjects)
        out = folder / f"subject-{_subject_key(subjects)}"
        with self.ctx.sessions() as session:
            found = self._find(session, subjects)
            it = InboxItem.__table__
            files = [
                _jsonl(
                    out / "items.jsonl",
                    session,
                    select(*_cols(it)).where(it.c.id.in_(found.item_ids)).order_by(it.c.id),
                ),
                _jsonl(
                    out / "conversations.jsonl",
                    session,
                    select(Conversation.__table__)
                    .where(Conversation.id.in_(found.conversation_ids))
                    .order_by(Conversation.id),
                ),
                _jsonl(
                    out / "notes.jsonl",
                    session,
                    select(Note.__table__).where(Note.id.in_(found.note_ids)).order_by(Note.id),
                ),
                _jsonl(
                    out / "replies.jsonl",
                    session,
                    select(OutboundItem.__table__)
                    .where(OutboundItem.id.in_(found.reply_ids))
                    .order_by(OutboundItem.id),
                ),
            ]
        meta = {"kind": "subject_access", "subjects": [{"platform": s.platform, "handle": s.handle} for s in subjects]}
        package = _finish(out, files, meta, as_zip)
        self._audit_export(identity, "records.subject_export", package, subjects=meta["subjects"])
        return package

    def _audit_export(self, identity: Identity, action: str, package: Package, **extra: Any) -> None:
        manifest = package.path / "manifest.json" if package.path.is_dir() else package.path
        digest = hashlib.sha256(manifest.read_bytes()).hexdigest()
        with self.ctx.transaction() as session:
            self.ctx.audit.append(
                session,
                identity.actor,
                action,
                "package",
                package.path.name,
                summarise(files={f.name: f.rows for f in package.files}, sha256=digest, **extra),
            )


# --- helpers -------------------------------------------------------------------------------------------


def _hold(row: LegalHold) -> HoldRecord:
    return HoldRecord(row.id, row.scope, row.platform, row.subject, row.reason, row.placed_at)


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _check_subjects(subjects: Sequence[Subject]) -> list[Subject]:
    clean = [Subject(s.handle.strip(), s.platform or None) for s in subjects if s.handle.strip()]
    if not clean:
        raise ValidationFailed("records.no_subject", "Name at least one handle or platform id of the person.")
    return clean


def _subject_key(subjects: Sequence[Subject]) -> str:
    text = "|".join(sorted(f"{s.platform or '*'}:{s.handle.lower()}" for s in subjects))
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _cols(table: Any) -> list[Any]:
    # The folded search tokens are derived from the text; the package holds the text itself.
    return [c for c in table.c if c.name != "search_text"]


def _outbound_rows(start: datetime, end: datetime, *, replies: bool) -> Any:
    kinds = OutboundItem.kind.in_(REPLY_KINDS) if replies else OutboundItem.kind.not_in(REPLY_KINDS)
    return (
        select(
            OutboundItem.id,
            OutboundItem.kind,
            OutboundItem.state,
            OutboundItem.text,
            OutboundItem.conversation_id,
            OutboundItem.campaign_id,
            OutboundItem.author_user_id,
            OutboundItem.approved_by_user_id,
            OutboundItem.created_at,
            Delivery.id.label("delivery_id"),
            Delivery.account_id,
            Delivery.state.label("delivery_state"),
            Delivery.platform_post_id,
            Delivery.url,
            Delivery.published_at,
        )
        .outerjoin(Delivery, Delivery.outbound_id == OutboundItem.id)
        .where(kinds, OutboundItem.created_at >= start, OutboundItem.created_at < end)
        .order_by(OutboundItem.id, Delivery.id)
    )


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _write(path: Path, writer: Callable[[Any], int]) -> ManifestFile:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        rows = writer(fh)
    data = path.read_bytes()
    return ManifestFile(path.name, hashlib.sha256(data).hexdigest(), len(data), rows)


def _jsonl(path: Path, session: Session, stmt: Any) -> ManifestFile:
    def write(fh: Any) -> int:
        n = 0
        for row in session.execute(stmt.execution_options(yield_per=2000)).mappings():
            fh.write(json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False, default=str) + "\n")
            n += 1
        return n

    return _write(path, write)


def _csv(path: Path, session: Session, stmt: Any) -> ManifestFile:
    def write(fh: Any) -> int:
        result = session.execute(stmt.execution_options(yield_per=2000))
        w = csv.writer(fh)
        w.writerow(list(result.keys()))
        n = 0
        for row in result:
            w.writerow([_plain(v) for v in row])
            n += 1
        return n

    return _write(path, write)


def _finish(out: Path, files: list[ManifestFile], meta: dict[str, Any], as_zip: bool) -> Package:
    manifest = {**meta, "files": [f.__dict__ for f in files]}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if not as_zip:
        return Package(out, tuple(files))
    archive = out.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in [f.name for f in files] + ["manifest.json"]:
            zf.write(out / name, name)
    return Package(archive, tuple(files))
