"""The inbox: every citizen message on every platform, grouped into conversations, worked on the record.

The storage path (:meth:`InboxService.ingest`) takes a connector's page of records and, in ONE
transaction: upserts items idempotently on ``(account, platform item id)`` with Core bulk statements,
keeps every earlier text of an edited or deleted item in ``inbox_item_versions`` (the record is
evidence), triages new and changed texts, keeps the full-text index in step, groups items into
conversations (reopening closed ones when the citizen writes again), raises emergencies, stores
unreadable payloads in quarantine with their reason, saves the cursor and writes one audit entry.

Other desks see changes by polling :meth:`InboxService.changes_since` every few seconds (a cheap read
of ``conversation_events`` ids). On PostgreSQL every change also sends ``NOTIFY desk_inbox`` with
the changed conversation ids (comma-separated) so a desk that LISTENs may refresh at once.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Table,
    and_,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from desk.accounts import AccountRecord
from desk.audit import Actor, summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.emergency import EmergencyRecord
from desk.errors import DeskError, ValidationFailed
from desk.ingest import SEVERITY, PageStore, conversation_key
from desk.ingest import clean as _clean
from desk.office_hours import DEFAULT_SLA_SECONDS, OfficeHours, OfficeHoursService, clock_elapsed, sla_remaining
from desk.ports import Capabilities, FetchResult, Stream
from desk.roles import MATRIX, Action, Role
from desk.search import search_condition
from desk.search_newest import narrow
from desk.search_pg import rare_candidates
from desk.storage.models import (
    Conversation,
    ConversationEvent,
    ConversationStatus,
    ConversationTag,
    Delivery,
    DeliveryState,
    Emergency,
    InboxItem,
    InboxItemVersion,
    Note,
    OutboundItem,
    OutboundKind,
    OutboundState,
    PlatformAccount,
    QuarantinedPayload,
    SavedView,
    User,
    UserRole,
)

log = logging.getLogger(__name__)

#: Ids per IN (...) list (SQLite allows 32,766 bound parameters).
CHUNK = 500
#: How long "being handled by …" lasts without a keep-alive from the desk showing the conversation.
HANDLING_TTL = timedelta(minutes=2)
#: ``changes_since`` looks this many event ids back, so an event committed late on PostgreSQL is not missed.
CHANGE_LOOKBACK = 200
#: ...and reports those that happened this recently again (a late commit is at most this late).
CHANGE_LATE_WINDOW = timedelta(seconds=30)
NOTIFY_CHANNEL = "desk_inbox"
#: Unread counts per view stop here (the list shows "1,000+").
UNREAD_CAP = 1_000


S = ConversationStatus
#: The moves an officer may make; anything else is refused with the allowed moves named.
MOVES: Mapping[S, frozenset[S]] = {
    S.NEW: frozenset({S.OPEN, S.WAITING, S.CLOSED}),
    S.OPEN: frozenset({S.WAITING, S.CLOSED}),
    S.WAITING: frozenset({S.OPEN, S.CLOSED}),
    S.CLOSED: frozenset({S.OPEN}),  # reopen
}
#: The response clock runs in these statuses and pauses in the others.
RUNNING = frozenset({S.NEW.value, S.OPEN.value})


class TriageLike:
    """What the inbox needs of :class:`desk.triage.Triage` (documented here for readers and fakes)."""

    def classify(self, text: str, lang: str | None = None) -> Any:  # pragma: no cover - protocol
        """Return an object with ``.label`` and ``.explain()``."""
        raise NotImplementedError


# --- records the service hands out ----------------------------------------------------------------


@dataclass(frozen=True)
class ChangeNotice:
    """What a batch or an action changed; the UI re-reads only these conversations."""

    conversation_ids: tuple[int, ...] = ()
    new_items: int = 0
    changed_items: int = 0
    unchanged_items: int = 0
    quarantined: int = 0
    emergency_ids: tuple[int, ...] = ()
    token: int = 0


@dataclass(frozen=True)
class InboxFilter:
    """What an inbox list shows. Empty tuples mean "any"."""

    platforms: tuple[str, ...] = ()
    account_ids: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    assignee_user_id: int | None = None
    unassigned: bool = False
    triage_labels: tuple[str, ...] = ()
    tag: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str = ""
    unread_only: bool = False
    include_own: bool = False  # the force's own messages seen in DM threads

    def to_document(self) -> dict[str, Any]:
        """JSON for a saved view."""
        doc: dict[str, Any] = {}
        for name, value in self.__dict__.items():
            if isinstance(value, datetime):
                doc[name] = value.isoformat()
            elif isinstance(value, tuple):
                doc[name] = list(value)
            else:
                doc[name] = value
        return doc

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> InboxFilter:
        """Read a saved view's filter; unknown keys are ignored (newer desks may add some)."""
        known = cls.__dataclass_fields__
        values: dict[str, Any] = {}
        for name, value in doc.items():
            if name not in known or value is None:
                continue
            if name in ("since", "until"):
                values[name] = datetime.fromisoformat(value)
            elif isinstance(value, list):
                values[name] = tuple(value)
            else:
                values[name] = value
        return cls(**values)


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox list: ids and the few fields a row shows."""

    id: int
    conversation_id: int | None
    account_id: int
    platform: str
    kind: str
    author_handle: str
    author_name: str
    snippet: str
    created_at: datetime
    status: str
    triage_label: str | None
    assignee_user_id: int | None
    read: bool
    deleted: bool
    edited: bool
    sensitive_media: bool
    #: Why triage chose the class, in English (shown on the row; "emergency: rule … matched …").
    triage_reason: str | None = None


@dataclass(frozen=True)
class VersionView:
    """An earlier text of an item."""

    version: int
    text: str
    change: str
    recorded_at: datetime


@dataclass(frozen=True)
class ItemView:
    """An item in a conversation's history with all its earlier versions."""

    id: int
    platform_item_id: str
    kind: str
    from_account: bool
    author_handle: str
    author_name: str
    text: str
    created_at: datetime
    edited_at: datetime | None
    deleted: bool
    version: int
    triage_label: str | None
    triage_reason: str | None
    url: str | None
    sensitive_media: bool
    versions: tuple[VersionView, ...] = ()


@dataclass(frozen=True)
class DeliveryView:
    """Where one reply stands on its account."""

    id: int
    account_id: int
    state: str
    platform_post_id: str | None
    url: str | None
    published_at: datetime | None
    error_message: str | None


@dataclass(frozen=True)
class ReplyView:
    """A reply the force sent (or queued) in the conversation."""

    id: int
    kind: str
    state: str
    text: str
    author_user_id: int | None
    created_at: datetime
    private: bool
    deliveries: tuple[DeliveryView, ...] = ()


@dataclass(frozen=True)
class NoteView:
    """An internal note."""

    id: int
    user_id: int | None
    text: str
    created_at: datetime


@dataclass(frozen=True)
class EventView:
    """Something that happened to the conversation."""

    id: int
    kind: str
    at: datetime
    user_id: int | None
    detail: Mapping[str, Any]


@dataclass(frozen=True)
class ConversationSummary:
    """A conversation's header fields."""

    id: int
    account_id: int
    platform: str
    conversation_key: str
    is_direct: bool
    citizen_id: str
    citizen_handle: str
    citizen_name: str
    status: str
    triage_label: str | None
    assignee_user_id: int | None
    team: str | None
    first_inbound_at: datetime | None
    last_item_at: datetime | None
    last_citizen_at: datetime | None
    first_response_at: datetime | None
    first_response_seconds: int | None
    resolved_at: datetime | None
    resolution_seconds: int | None
    clock_seconds: int
    clock_started_at: datetime | None
    unread: int


@dataclass(frozen=True)
class ConversationDetail:
    """A conversation with everything said to and by the force, and what was done with it."""

    summary: ConversationSummary
    items: tuple[ItemView, ...]
    replies: tuple[ReplyView, ...]
    notes: tuple[NoteView, ...]
    tags: tuple[str, ...]
    events: tuple[EventView, ...]


@dataclass(frozen=True)
class Handling:
    """Someone has the conversation open at their desk."""

    user_id: int
    display_name: str
    since: datetime


@dataclass(frozen=True)
class SavedViewRecord:
    """A person's saved filter."""

    id: int
    name: str
    filters: InboxFilter


# --- helpers ---------------------------------------------------------------------------------------


def _chunks(seq: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _table(model: Any) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def platform_thread(key: str, citizen_id: str) -> str:
    """The platform's own thread id inside a conversation key (see :func:`conversation_key`)."""
    if key.startswith("dm:"):
        return key[3:]
    body = key[4:] if key.startswith("pub:") else key
    suffix = f":{citizen_id}"
    return body[: -len(suffix)] if body.endswith(suffix) else body


class InboxService:
    """Stores what citizens send and the work officers do on it. Every action checks roles and is audited."""

    def __init__(
        self,
        ctx: DeskContext,
        triage: Any,
        *,
        capabilities_for: Callable[[Any], Capabilities] | None = None,
        replies_need_approval: bool = False,
        office_hours: OfficeHoursService | None = None,
    ) -> None:
        self.ctx = ctx
        self.triage = triage
        self.capabilities_for = capabilities_for
        #: Officers' replies wait for a supervisor when set (the force's policy).
        self.replies_need_approval = replies_need_approval
        self.office_hours = office_hours or OfficeHoursService(ctx)

    @property
    def _dialect(self) -> str:
        return self.ctx.engine.dialect.name

    # -- ingest ----------------------------------------------------------------------------------

    def ingest(self, account: AccountRecord, stream: Stream, result: FetchResult) -> ChangeNotice:
        """Store a fetched page: items, versions, conversations, triage, search index, quarantine, cursor.

        Idempotent: the same page twice changes nothing. The cursor is saved in the same transaction,
        so a page is never lost and never half-stored (the path itself is :mod:`desk.ingest`)."""
        page = PageStore(self.ctx, self.triage, self._notify).store(account, Stream(stream), result)
        return ChangeNotice(
            page.conversation_ids,
            page.new_items,
            page.changed_items,
            page.unchanged_items,
            page.quarantined,
            page.emergency_ids,
            page.token,
        )

    def _notify(self, session: Session, conversation_ids: Iterable[int]) -> None:
        """PostgreSQL: tell listening desks which conversations changed (delivered on commit)."""
        ids = sorted(set(conversation_ids))
        if not ids or self._dialect != "postgresql":
            return
        payload = ",".join(str(i) for i in ids)
        if len(payload) > 7000:  # NOTIFY payloads stop at 8000 bytes; "*" means "re-read everything"
            payload = "*"
        session.execute(text("SELECT pg_notify(:channel, :payload)"), {"channel": NOTIFY_CHANNEL, "payload": payload})

    @staticmethod
    def _token(session: Session) -> int:
        return int(session.scalar(select(func.coalesce(func.max(ConversationEvent.id), 0))) or 0)

    # -- the work on conversations ---------------------------------------------------------------

    def _conversation(self, session: Session, conversation_id: int, *, lock: bool = False) -> Conversation:
        stmt = select(Conversation).where(Conversation.id == conversation_id)
        if lock and self._dialect == "postgresql":
            stmt = stmt.with_for_update()
        conv = session.scalars(stmt).one_or_none()
        if conv is None:
            raise DeskError("inbox.no_conversation", "Conversation {id} does not exist.", id=conversation_id)
        return conv

    def _hours(self, session: Session, conv: Conversation) -> OfficeHours:
        station_id = session.scalar(select(PlatformAccount.station_id).where(PlatformAccount.id == conv.account_id))
        return self.office_hours.for_station(station_id, session)

    def _event(self, session: Session, conversation_id: int, kind: str, by: Identity | None, **detail: Any) -> None:
        session.add(
            ConversationEvent(
                conversation_id=conversation_id,
                kind=kind,
                at=self.ctx.clock.now(),
                user_id=None if by is None else by.user_id,
                detail=dict(detail),
            )
        )

    def _finish(self, session: Session, conversation_id: int) -> ChangeNotice:
        session.flush()
        self._notify(session, [conversation_id])
        return ChangeNotice((conversation_id,), token=self._token(session))

    def set_status(self, by: Identity, conversation_id: int, status: ConversationStatus | str) -> ChangeNotice:
        """Move a conversation (new → open → waiting → closed, and reopen); the response clock follows."""
        require(by, Action.CLOSE)
        target = ConversationStatus(status)
        with self.ctx.transaction() as session:
            conv = self._conversation(session, conversation_id, lock=True)
            before = ConversationStatus(conv.status)
            if target == before:
                return ChangeNotice((conversation_id,), token=self._token(session))
            if target not in MOVES[before]:
                allowed = ", ".join(sorted(s.value for s in MOVES[before]))
                raise ValidationFailed(
                    "inbox.bad_move",
                    "A {before} conversation cannot be set to {after}; it can become: {allowed}.",
                    before=before.value,
                    after=target.value,
                    allowed=allowed,
                )
            now = self.ctx.clock.now()
            hours = self._hours(session, conv)
            if before.value in RUNNING and target.value not in RUNNING:
                conv.clock_seconds = clock_elapsed(conv, now, hours)
                conv.clock_started_at = None
            elif before.value not in RUNNING and target.value in RUNNING:
                conv.clock_started_at = now
            if target is S.CLOSED:
                conv.resolved_at = now
                conv.resolution_seconds = conv.clock_seconds
            elif before is S.CLOSED:
                conv.resolved_at = None
            conv.status = target.value
            session.execute(
                update(InboxItem).where(InboxItem.conversation_id == conversation_id).values(status=target.value)
            )
            self._event(session, conversation_id, "status", by, before=before.value, after=target.value)
            if target is S.CLOSED:
                self._event(session, conversation_id, "resolved", by, seconds=conv.resolution_seconds)
            self.ctx.audit.append(
                session,
                by.actor,
                "inbox.status",
                "conversation",
                conversation_id,
                summarise({"status": before.value}, {"status": target.value}),
            )
            return self._finish(session, conversation_id)

    def assignable_people(self, by: Identity) -> list[Identity]:
        """Who a conversation can be given to: active people with a role that works the inbox (not those who
        only administer), by name. Anyone who may assign may ask; listing every user stays an administrator's."""
        require(by, Action.ASSIGN)
        desk_roles = [r.value for r in MATRIX[Action.READ_INBOX]]
        with self.ctx.sessions() as session:
            users = session.scalars(
                select(User)
                .where(User.active.is_(True))
                .where(User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(desk_roles))))
                .order_by(User.display_name, User.id)
            )
            return [
                Identity(
                    u.id, u.username, u.display_name, frozenset(Role(r.role) for r in u.roles), u.station_id, u.team
                )
                for u in users
            ]

    def assign(self, by: Identity, conversation_id: int, user_id: int | None, team: str | None = None) -> ChangeNotice:
        """Give the conversation to an officer and/or a team (None clears)."""
        require(by, Action.ASSIGN)
        with self.ctx.transaction() as session:
            conv = self._conversation(session, conversation_id, lock=True)
            if user_id is not None:
                user = session.get(User, user_id)
                if user is None or not user.active:
                    raise ValidationFailed("inbox.no_such_user", "There is no active person with id {id}.", id=user_id)
                if not {r.role for r in user.roles} & {r.value for r in MATRIX[Action.READ_INBOX]}:
                    raise ValidationFailed(
                        "inbox.not_assignable",
                        "{name} does not work the inbox and cannot be assigned.",
                        name=user.display_name,
                    )
            before = {"user_id": conv.assignee_user_id, "team": conv.team}
            conv.assignee_user_id = user_id
            conv.team = (team or "").strip()[:100] or None
            session.execute(
                update(InboxItem).where(InboxItem.conversation_id == conversation_id).values(assignee_user_id=user_id)
            )
            self._event(session, conversation_id, "assign", by, user_id=user_id, team=conv.team)
            self.ctx.audit.append(
                session,
                by.actor,
                "inbox.assign",
                "conversation",
                conversation_id,
                summarise(before, {"user_id": user_id, "team": conv.team}),
            )
            return self._finish(session, conversation_id)

    def add_note(self, by: Identity, conversation_id: int, note: str) -> int:
        """An internal note (never sent to the citizen); returns its id."""
        require(by, Action.NOTE)
        body = (_clean(note) or "").strip()
        if not body:
            raise ValidationFailed("inbox.empty_note", "A note needs some text.")
        with self.ctx.transaction() as session:
            self._conversation(session, conversation_id)
            row = Note(conversation_id=conversation_id, user_id=by.user_id, text=body, created_at=self.ctx.clock.now())
            session.add(row)
            session.flush()
            self._event(session, conversation_id, "note", by, note_id=row.id)
            self.ctx.audit.append(
                session, by.actor, "inbox.note", "conversation", conversation_id, summarise(after={"text": body})
            )
            self._finish(session, conversation_id)
            return row.id

    @staticmethod
    def _tag(tag: str) -> str:
        clean = " ".join((_clean(tag) or "").split()).lower()[:64]
        if not clean:
            raise ValidationFailed("inbox.empty_tag", "A tag needs some text.")
        return clean

    def add_tag(self, by: Identity, conversation_id: int, tag: str) -> ChangeNotice:
        """Tag a conversation (tags are lower-case; adding one twice is harmless)."""
        require(by, Action.TAG)
        name = self._tag(tag)
        with self.ctx.transaction() as session:
            self._conversation(session, conversation_id)
            if session.get(ConversationTag, (conversation_id, name)) is None:
                session.add(ConversationTag(conversation_id=conversation_id, tag=name))
                self._event(session, conversation_id, "tag", by, tag=name, added=True)
                self.ctx.audit.append(
                    session, by.actor, "inbox.tag_add", "conversation", conversation_id, summarise(after={"tag": name})
                )
            return self._finish(session, conversation_id)

    def remove_tag(self, by: Identity, conversation_id: int, tag: str) -> ChangeNotice:
        """Remove a tag (removing a missing tag is harmless)."""
        require(by, Action.TAG)
        name = self._tag(tag)
        with self.ctx.transaction() as session:
            self._conversation(session, conversation_id)
            row = session.get(ConversationTag, (conversation_id, name))
            if row is not None:
                session.delete(row)
                self._event(session, conversation_id, "tag", by, tag=name, added=False)
                self.ctx.audit.append(
                    session,
                    by.actor,
                    "inbox.tag_remove",
                    "conversation",
                    conversation_id,
                    summarise(before={"tag": name}),
                )
            return self._finish(session, conversation_id)

    def mark_read(self, by: Identity, conversation_id: int) -> ChangeNotice:
        """Mark everything in the conversation read."""
        require(by, Action.READ_INBOX)
        with self.ctx.transaction() as session:
            conv = self._conversation(session, conversation_id)
            if conv.unread:
                before = conv.unread
                conv.unread = 0
                session.execute(
                    update(InboxItem)
                    .where(InboxItem.conversation_id == conversation_id, InboxItem.read.is_(False))
                    .values(read=True)
                )
                self._event(session, conversation_id, "read", by)
                self.ctx.audit.append(
                    session, by.actor, "inbox.read", "conversation", conversation_id, summarise(unread_before=before)
                )
            return self._finish(session, conversation_id)

    # -- replies ---------------------------------------------------------------------------------

    def check_reply(self, conversation_id: int, text_: str, *, private: bool) -> Capabilities:
        """Validate a reply before it is queued (the reply box calls this as the officer types)."""
        with self.ctx.sessions() as session:
            conv = self._conversation(session, conversation_id)
            return self._check_reply(conv, text_, private)

    def _check_reply(self, conv: Conversation, body: str, private: bool) -> Capabilities:
        if self.capabilities_for is None:
            raise DeskError("inbox.no_capabilities", "The desk cannot check replies: no platform capabilities given.")
        caps = self.capabilities_for(conv.platform)
        if not body.strip():
            raise ValidationFailed("reply.empty", "The reply is empty.")
        if conv.is_direct and not private:
            raise ValidationFailed(
                "reply.private_thread", "This is a private conversation: the reply can only be sent privately."
            )
        if private and not caps.direct_messages:
            raise ValidationFailed(
                "reply.no_direct", "{platform} does not allow private replies from the desk.", platform=conv.platform
            )
        from desk.textcount import count as count_text  # beside the composer's counter, loaded when needed

        counted = count_text(body, caps)
        if not counted.fits:
            if counted.byte_limit is not None and counted.bytes is not None and counted.bytes > counted.byte_limit:
                raise ValidationFailed(
                    "reply.too_many_bytes",
                    "The reply is {bytes} bytes; {platform} allows {limit}.",
                    bytes=counted.bytes,
                    platform=conv.platform,
                    limit=counted.byte_limit,
                )
            raise ValidationFailed(
                "reply.too_long",
                "The reply is {length} characters as {platform} counts them; the limit is {limit}."
                " Shorten it by {over}.",
                length=counted.length,
                platform=conv.platform,
                limit=counted.limit,
                over=counted.length - counted.limit,
            )
        if private and caps.dm_window_hours is not None:
            last = conv.last_citizen_at
            closes = None if last is None else last + timedelta(hours=caps.dm_window_hours)
            if closes is None or closes <= self.ctx.clock.now():
                raise ValidationFailed(
                    "reply.window_closed",
                    "{platform} accepts private replies only within {hours} hours of the person's last message"
                    " (the window closed at {closed}). Ask them to write again, or answer another way.",
                    platform=conv.platform,
                    hours=caps.dm_window_hours,
                    closed="never opened" if closes is None else closes.isoformat(timespec="minutes"),
                )
        return caps

    def reply(
        self,
        by: Identity,
        conversation_id: int,
        text_: str,
        *,
        private: bool,
        canned_id: int | None = None,
        kind: OutboundKind | None = None,
    ) -> int:
        """Queue a reply (public, or private as a direct message); returns the outbound item's id.

        Checked against the platform's capabilities and the Messenger window before anything is queued.
        When replies need approval, an officer's reply waits for a supervisor."""
        require(by, Action.REPLY)
        body = _clean(text_) or ""
        with self.ctx.transaction() as session:
            conv = self._conversation(session, conversation_id, lock=True)
            self._check_reply(conv, body, private)
            needs_approval = self.replies_need_approval and not by.can(Action.APPROVE_REPLIES)
            state = OutboundState.AWAITING_APPROVAL if needs_approval else OutboundState.SCHEDULED
            outbound_id = self._queue(session, conv, body, private, kind, by.user_id, state, canned_id)
            if conv.status == S.NEW.value:
                conv.status = S.OPEN.value
                session.execute(
                    update(InboxItem).where(InboxItem.conversation_id == conversation_id).values(status=S.OPEN.value)
                )
            self._event(
                session,
                conversation_id,
                "reply_queued",
                by,
                outbound_id=outbound_id,
                private=private,
                state=state.value,
            )
            self.ctx.audit.append(
                session,
                by.actor,
                "inbox.reply",
                "outbound_item",
                outbound_id,
                summarise(
                    after={"conversation": conversation_id, "private": private, "state": state.value, "text": body},
                    canned_id=canned_id,
                ),
            )
            self._finish(session, conversation_id)
            return outbound_id

    def _queue(
        self,
        session: Session,
        conv: Conversation,
        body: str,
        private: bool,
        kind: OutboundKind | None,
        author_user_id: int | None,
        state: OutboundState,
        canned_id: int | None,
    ) -> int:
        """The outbound row and its one delivery, due now, with a unique idempotency key."""
        now = self.ctx.clock.now()
        target = session.execute(
            select(InboxItem.id, InboxItem.platform_item_id)
            .where(
                InboxItem.conversation_id == conv.id,
                InboxItem.from_account.is_(False),
                InboxItem.deleted.is_(False),
            )
            .order_by(InboxItem.created_at.desc(), InboxItem.id.desc())
            .limit(1)
        ).first()
        key = f"reply:{uuid.uuid4().hex}"
        out_kind = kind or (OutboundKind.DIRECT if private else OutboundKind.REPLY)
        outbound = OutboundItem(
            kind=out_kind.value,
            state=state.value,
            text=body,
            due_at=now,
            conversation_id=conv.id,
            reply_to_item_id=None if target is None else target.id,
            author_user_id=author_user_id,
            idempotency_key=key,
            details={
                "private": private,
                "canned_id": canned_id,
                "conversation_key": platform_thread(conv.conversation_key, conv.citizen_id),
                "recipient_id": conv.citizen_id,
                "reply_to_platform_item_id": None if target is None else target.platform_item_id,
            },
            created_at=now,
            updated_at=now,
        )
        session.add(outbound)
        session.flush()
        session.add(
            Delivery(
                outbound_id=outbound.id,
                account_id=conv.account_id,
                state=DeliveryState.PENDING.value,
                idempotency_key=f"{key}:{conv.account_id}",
                attempts=0,
            )
        )
        return outbound.id

    def queue_auto_reply(self, session: Session, conversation_id: int, body: str, canned_id: int | None) -> int | None:
        """The desk's own out-of-office reply (the caller decided it is due); None when the platform would refuse it.

        Privately in a private conversation, publicly otherwise; audited as the workstation's system identity."""
        conv = self._conversation(session, conversation_id, lock=True)
        text_ = _clean(body) or ""
        try:
            self._check_reply(conv, text_, conv.is_direct)
        except ValidationFailed as exc:
            self._event(session, conversation_id, "auto_reply_skipped", None, reason=exc.message.english())
            return None
        outbound_id = self._queue(
            session, conv, text_, conv.is_direct, OutboundKind.AUTO_REPLY, None, OutboundState.SCHEDULED, canned_id
        )
        self._event(session, conversation_id, "auto_reply", None, outbound_id=outbound_id)
        self.ctx.audit.append(
            session,
            Actor.system(self.ctx.workstation),
            "inbox.auto_reply",
            "outbound_item",
            outbound_id,
            summarise(after={"conversation": conversation_id, "text": text_}),
        )
        self._notify(session, [conversation_id])
        return outbound_id

    def approve_reply(self, by: Identity, outbound_id: int) -> None:
        """A supervisor lets a waiting reply go (nobody approves their own)."""
        require(by, Action.APPROVE_REPLIES)
        with self.ctx.transaction() as session:
            row = session.get(OutboundItem, outbound_id)
            if row is None or row.state != OutboundState.AWAITING_APPROVAL.value:
                raise ValidationFailed("reply.not_waiting", "Reply {id} is not waiting for approval.", id=outbound_id)
            if row.author_user_id is not None and row.author_user_id == by.user_id:
                raise ValidationFailed("reply.own_approval", "Nobody approves their own reply.")
            now = self.ctx.clock.now()
            row.state = OutboundState.SCHEDULED.value
            row.approved_by_user_id = by.user_id
            row.approved_at = now
            row.due_at = now
            row.updated_at = now
            if row.conversation_id is not None:
                self._event(session, row.conversation_id, "reply_approved", by, outbound_id=outbound_id)
            self.ctx.audit.append(session, by.actor, "inbox.reply_approve", "outbound_item", outbound_id)

    def record_reply_published(
        self, session: Session, outbound_id: int, delivery_id: int, published_at: datetime
    ) -> None:
        """The publisher's call once a platform accepted a reply: first response time, and an event."""
        out = session.get(OutboundItem, outbound_id)
        if out is None or out.conversation_id is None:
            return
        conv = self._conversation(session, out.conversation_id, lock=True)
        session.add(
            ConversationEvent(
                conversation_id=conv.id,
                kind="reply_published",
                at=published_at,
                user_id=out.author_user_id,
                detail={"outbound_id": outbound_id, "delivery_id": delivery_id},
            )
        )
        if conv.first_response_at is None:
            hours = self._hours(session, conv)
            conv.first_response_at = published_at
            conv.first_response_seconds = clock_elapsed(conv, published_at, hours)
            session.add(
                ConversationEvent(
                    conversation_id=conv.id,
                    kind="first_response",
                    at=published_at,
                    user_id=out.author_user_id,
                    detail={"seconds": conv.first_response_seconds, "outbound_id": outbound_id},
                )
            )
        self._notify(session, [conv.id])

    def sla_remaining(
        self, conversation_id: int, now: datetime | None = None, target_seconds: int = DEFAULT_SLA_SECONDS
    ) -> int | None:
        """Office seconds left on the conversation's response clock (negative when overdue; None once answered)."""
        with self.ctx.sessions() as session:
            conv = self._conversation(session, conversation_id)
            if conv.first_response_at is not None or conv.status == S.CLOSED.value:
                return None
            return sla_remaining(conv, now or self.ctx.clock.now(), self._hours(session, conv), target_seconds)

    # -- "being handled by …" and change polling ---------------------------------------------------

    def start_handling(self, by: Identity, conversation_id: int) -> None:
        """The desk showing this conversation says so (call again every minute as a keep-alive)."""
        require(by, Action.READ_INBOX)
        with self.ctx.transaction() as session:
            self._conversation(session, conversation_id)
            self._event(session, conversation_id, "handling", by, active=True)
            self._finish(session, conversation_id)

    def stop_handling(self, by: Identity, conversation_id: int) -> None:
        """The desk moved on from this conversation."""
        with self.ctx.transaction() as session:
            self._event(session, conversation_id, "handling", by, active=False)
            self._finish(session, conversation_id)

    def handling(self, conversation_id: int) -> list[Handling]:
        """Who has this conversation open right now (keep-alives within :data:`HANDLING_TTL`)."""
        since = self.ctx.clock.now() - HANDLING_TTL
        with self.ctx.sessions() as session:
            rows = session.execute(
                select(ConversationEvent.user_id, ConversationEvent.at, ConversationEvent.detail)
                .where(
                    ConversationEvent.conversation_id == conversation_id,
                    ConversationEvent.kind == "handling",
                    ConversationEvent.at >= since,
                )
                .order_by(ConversationEvent.id)
            ).all()
            latest: dict[int, tuple[bool, datetime]] = {}
            first_seen: dict[int, datetime] = {}
            for row in rows:
                if row.user_id is None:
                    continue
                active = bool(dict(row.detail).get("active"))
                latest[row.user_id] = (active, row.at)
                if active:
                    first_seen.setdefault(row.user_id, row.at)
                else:
                    first_seen.pop(row.user_id, None)
            active_ids = [uid for uid, (active, _at) in latest.items() if active]
            if not active_ids:
                return []
            found = session.execute(select(User.id, User.display_name).where(User.id.in_(active_ids)))
            names = {r[0]: r[1] for r in found}
            return [Handling(uid, names.get(uid, f"user {uid}"), first_seen[uid]) for uid in active_ids]

    def current_token(self) -> int:
        """Where a desk starts polling :meth:`changes_since` (after its first full read)."""
        with self.ctx.sessions() as session:
            return self._token(session)

    def open_emergencies(self) -> list[EmergencyRecord]:
        """What :meth:`desk.emergency.EmergencyService.open` answers (the banner's emergencies, oldest first),
        in one joined read.

        The window asks on every poll. Loading each open emergency and then its item as objects took
        0.2–1.2 s of Python per poll with a few thousand open during a sync, on a worker thread that shares
        the GIL with the window: the longest GUI-thread stalls (150–300 ms) lined up with those reads."""
        e, i = Emergency, InboxItem
        stmt = (
            select(
                e.id,
                e.item_id,
                i.id.label("found"),
                i.conversation_id,
                i.platform,
                i.author_handle,
                i.text,
                i.triage_reason,
                e.raised_at,
                e.acknowledged_by,
                e.acknowledged_at,
                e.handed_over_at,
                e.handover_note,
                e.escalated_at,
            )
            .outerjoin(i, i.id == e.item_id)
            .where(e.handed_over_at.is_(None))
            .order_by(e.raised_at, e.id)
        )
        with self.ctx.sessions() as session:
            rows = session.execute(stmt).all()
        return [
            EmergencyRecord(
                r.id,
                r.item_id,
                r.conversation_id,
                "" if r.found is None else r.platform,
                "" if r.found is None else r.author_handle,
                "" if r.found is None else r.text[:500],
                r.triage_reason,
                r.raised_at,
                r.acknowledged_by,
                r.acknowledged_at,
                r.handed_over_at,
                r.handover_note,
                r.escalated_at,
            )
            for r in rows
        ]

    def changes_since(self, token: int) -> tuple[int, tuple[int, ...]]:
        """Conversations changed since ``token``, and the next token. Cheap: one indexed range read.

        Desks poll this every 2–3 s. On PostgreSQL a transaction can commit an event id lower than one
        already seen, so events a little below ``token`` that happened in the last
        :data:`CHANGE_LATE_WINDOW` are reported again (harmless: the UI re-reads those conversations)."""
        start = max(0, token - CHANGE_LOOKBACK) if token else 0
        recent = self.ctx.clock.now() - CHANGE_LATE_WINDOW
        ev = ConversationEvent
        # Aggregated in the database: one row back instead of one per event. During a sync thousands of
        # events arrive between polls, and fetching them row by row on the window's database lane kept the
        # window's thread waiting for the GIL (the longest stalls measured began with this read).
        ids = (
            func.string_agg(func.distinct(func.cast(ev.conversation_id, String)), ",")
            if self._dialect == "postgresql"
            else func.group_concat(func.distinct(ev.conversation_id))
        )
        with self.ctx.sessions() as session:
            newest, joined = session.execute(
                select(func.max(ev.id), ids.filter(or_(ev.id > token, ev.at >= recent))).where(ev.id > start)
            ).one()
        if newest is None:
            return token, ()
        changed = {int(part) for part in str(joined).split(",")} if joined else set()
        return max(int(newest), token), tuple(sorted(changed))

    # -- queries for the UI ------------------------------------------------------------------------

    def _where(self, filters: InboxFilter, session: Session) -> list[ColumnElement[bool]]:
        f = filters
        conds: list[ColumnElement[bool]] = []
        if not f.include_own:
            conds.append(InboxItem.from_account.is_(False))
        if f.platforms:
            conds.append(InboxItem.platform.in_(f.platforms))
        if f.account_ids:
            conds.append(InboxItem.account_id.in_(f.account_ids))
        if f.statuses:
            conds.append(InboxItem.status.in_(f.statuses))
        if f.assignee_user_id is not None:
            mine: ColumnElement[bool] = InboxItem.assignee_user_id == f.assignee_user_id
            if self._dialect == "sqlite":
                # One officer's items are a sliver of the inbox, but SQLite's statistics can say otherwise
                # (while few items are assigned, every row shares one value): it then scanned all 1,000,000
                # rows for "Mine" (300 ms). The hint keeps the assignee index in use (0.1 ms); same rows.
                mine = cast(
                    ColumnElement[bool], func.likelihood(mine, literal_column("0.001"))
                )  # untyped: rendered bare
            conds.append(mine)
        elif f.unassigned:
            conds.append(InboxItem.assignee_user_id.is_(None))
        if f.triage_labels:
            conds.append(InboxItem.triage_label.in_(f.triage_labels))
        if f.tag:
            # Tagged conversations first: a sub-select here made SQLite walk a million items by date.
            tagged = list(
                session.scalars(select(ConversationTag.conversation_id).where(ConversationTag.tag == self._tag(f.tag)))
            )
            if len(tagged) > 5_000:  # a very common tag: let the database join instead of binding ids
                conds.append(
                    InboxItem.conversation_id.in_(
                        select(ConversationTag.conversation_id).where(ConversationTag.tag == self._tag(f.tag))
                    )
                )
            else:
                conds.append(InboxItem.conversation_id.in_(tagged) if tagged else false())
        if f.since is not None:
            conds.append(InboxItem.created_at >= f.since)
        if f.until is not None:
            conds.append(InboxItem.created_at < f.until)
        if f.unread_only:
            conds.append(InboxItem.read.is_(False))
        if f.text.strip():
            cond = search_condition(self._dialect, f.text)
            if cond is None:
                conds.append(false())  # punctuation only: nothing matches
            else:
                conds.append(cond)
        return conds

    def _select_rows(self, filters: InboxFilter, session: Session) -> Select[Any]:
        return select(
            InboxItem.id,
            InboxItem.conversation_id,
            InboxItem.account_id,
            InboxItem.platform,
            InboxItem.kind,
            InboxItem.author_handle,
            InboxItem.author_name,
            func.substr(InboxItem.text, 1, 200).label("snippet"),
            InboxItem.created_at,
            InboxItem.status,
            InboxItem.triage_label,
            InboxItem.assignee_user_id,
            InboxItem.read,
            InboxItem.deleted,
            InboxItem.version,
            InboxItem.sensitive_media,
            InboxItem.triage_reason,
        ).where(and_(True, *self._where(filters, session)))

    def page(self, filters: InboxFilter, offset: int = 0, limit: int = 100) -> list[InboxRow]:
        """One page of the inbox list, newest first (only the columns a row shows)."""
        offset, limit = max(0, offset), max(0, min(limit, 1000))
        with self.ctx.sessions() as session:
            if self._dialect == "sqlite" and filters.text.strip():
                # FTS5 and a time order do not mix: find the page's candidates first (desk/search_newest.py)
                rest = replace(filters, text="")
                filtered = rest != InboxFilter(include_own=rest.include_own)
                narrowed = narrow(session, filters.text, self._where(rest, session), offset + limit, filtered=filtered)
                stmt = self._select_rows(rest, session).where(narrowed)
            else:
                stmt = self._select_rows(filters, session)
                if self._dialect == "postgresql" and filters.text.strip():
                    rare = rare_candidates(session, filters.text)  # a rare term: read its few ids, not the time index
                    if rare is not None:
                        stmt = stmt.where(rare)
            stmt = stmt.order_by(InboxItem.created_at.desc(), InboxItem.id.desc()).offset(offset).limit(limit)
            # Unpacking rows: reading 16 columns by name costs more than the query itself.
            return [
                InboxRow(
                    id_,
                    conversation_id,
                    account_id,
                    platform,
                    kind,
                    handle,
                    name,
                    snippet or "",
                    created_at,
                    status,
                    label,
                    assignee,
                    bool(read),
                    bool(deleted),
                    version > 1,
                    bool(sensitive),
                    reason,
                )
                for (
                    id_,
                    conversation_id,
                    account_id,
                    platform,
                    kind,
                    handle,
                    name,
                    snippet,
                    created_at,
                    status,
                    label,
                    assignee,
                    read,
                    deleted,
                    version,
                    sensitive,
                    reason,
                ) in session.connection().execute(stmt)
            ]

    def count(self, filters: InboxFilter) -> int:
        """How many items match."""
        with self.ctx.sessions() as session:
            stmt = select(func.count()).select_from(InboxItem).where(and_(True, *self._where(filters, session)))
            return int(session.scalar(stmt) or 0)

    def unread_counts(self, views: Mapping[str, InboxFilter], cap: int = UNREAD_CAP) -> dict[str, int]:
        """Unread items per view (by name), counted up to ``cap``: a count of ``cap`` means "at least".

        The views are re-counted after every change the desk hears of; stopping at the cap lets each count walk
        its filter's newest rows until it has enough (milliseconds) instead of the whole inbox (a second)."""
        with self.ctx.sessions() as session:
            counts: dict[str, int] = {}
            for name, f in views.items():
                unread = (
                    select(literal(1))
                    .select_from(InboxItem)
                    .where(and_(True, *self._where(replace(f, unread_only=True), session)))
                    .limit(cap)
                    .subquery()
                )
                counts[name] = int(session.scalar(select(func.count()).select_from(unread)) or 0)
            return counts

    def conversation(self, conversation_id: int) -> ConversationDetail:
        """The whole history: items with all versions, the force's replies, notes, tags and events."""
        with self.ctx.sessions() as session:
            c = self._conversation(session, conversation_id)
            summary = ConversationSummary(
                c.id,
                c.account_id,
                c.platform,
                c.conversation_key,
                c.is_direct,
                c.citizen_id,
                c.citizen_handle,
                c.citizen_name,
                c.status,
                c.triage_label,
                c.assignee_user_id,
                c.team,
                c.first_inbound_at,
                c.last_item_at,
                c.last_citizen_at,
                c.first_response_at,
                c.first_response_seconds,
                c.resolved_at,
                c.resolution_seconds,
                c.clock_seconds,
                c.clock_started_at,
                c.unread,
            )
            items = session.scalars(
                select(InboxItem)
                .where(InboxItem.conversation_id == conversation_id)
                .order_by(InboxItem.created_at, InboxItem.id)
            ).all()
            versions: dict[int, list[VersionView]] = {}
            item_ids = [i.id for i in items]
            for chunk in _chunks(item_ids):
                for v in session.scalars(
                    select(InboxItemVersion)
                    .where(InboxItemVersion.item_id.in_(chunk))
                    .order_by(InboxItemVersion.item_id, InboxItemVersion.version)
                ):
                    versions.setdefault(v.item_id, []).append(VersionView(v.version, v.text, v.change, v.recorded_at))
            item_views = tuple(
                ItemView(
                    i.id,
                    i.platform_item_id,
                    i.kind,
                    i.from_account,
                    i.author_handle,
                    i.author_name,
                    i.text,
                    i.created_at,
                    i.edited_at,
                    i.deleted,
                    i.version,
                    i.triage_label,
                    i.triage_reason,
                    i.url,
                    i.sensitive_media,
                    tuple(versions.get(i.id, ())),
                )
                for i in items
            )
            outs = session.scalars(
                select(OutboundItem)
                .where(OutboundItem.conversation_id == conversation_id)
                .order_by(OutboundItem.created_at, OutboundItem.id)
            ).all()
            replies = tuple(
                ReplyView(
                    o.id,
                    o.kind,
                    o.state,
                    o.text,
                    o.author_user_id,
                    o.created_at,
                    bool(dict(o.details or {}).get("private")),
                    tuple(
                        DeliveryView(
                            d.id, d.account_id, d.state, d.platform_post_id, d.url, d.published_at, d.error_message
                        )
                        for d in sorted(o.deliveries, key=lambda d: d.id)
                    ),
                )
                for o in outs
            )
            notes = tuple(
                NoteView(n.id, n.user_id, n.text, n.created_at)
                for n in session.scalars(
                    select(Note).where(Note.conversation_id == conversation_id).order_by(Note.created_at, Note.id)
                )
            )
            tags = tuple(
                session.scalars(
                    select(ConversationTag.tag)
                    .where(ConversationTag.conversation_id == conversation_id)
                    .order_by(ConversationTag.tag)
                )
            )
            events = tuple(
                EventView(e.id, e.kind, e.at, e.user_id, dict(e.detail or {}))
                for e in session.scalars(
                    select(ConversationEvent)
                    .where(ConversationEvent.conversation_id == conversation_id, ConversationEvent.kind != "handling")
                    .order_by(ConversationEvent.id)
                )
            )
            return ConversationDetail(summary, item_views, replies, notes, tags, events)

    def quarantine(self, by: Identity, *, include_resolved: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        """Payloads a sync could not read, with their reasons (administrators look at these)."""
        require(by, Action.MANAGE_ACCOUNTS)
        stmt = select(QuarantinedPayload).order_by(QuarantinedPayload.id.desc()).limit(limit)
        if not include_resolved:
            stmt = stmt.where(QuarantinedPayload.resolved.is_(False))
        with self.ctx.sessions() as session:
            return [
                {
                    "id": q.id,
                    "account_id": q.account_id,
                    "stream": q.stream,
                    "reason": q.reason,
                    "payload": q.payload,
                    "received_at": q.received_at,
                }
                for q in session.scalars(stmt)
            ]

    # -- saved views ---------------------------------------------------------------------------------

    def save_view(self, by: Identity, name: str, filters: InboxFilter) -> int:
        """Save (or replace) one of the person's views."""
        require(by, Action.READ_INBOX)
        if by.user_id is None:
            raise ValidationFailed("inbox.view_needs_person", "Only a signed-in person has saved views.")
        label = " ".join(name.split())[:100]
        if not label:
            raise ValidationFailed("inbox.view_name", "Give the view a name.")
        with self.ctx.transaction() as session:
            row = session.scalars(
                select(SavedView).where(SavedView.user_id == by.user_id, SavedView.name == label)
            ).one_or_none()
            if row is None:
                row = SavedView(user_id=by.user_id, name=label, filters=filters.to_document())
                session.add(row)
            else:
                row.filters = filters.to_document()
            session.flush()
            self.ctx.audit.append(
                session, by.actor, "inbox.view_save", "saved_view", row.id, summarise(after={"name": label})
            )
            return row.id

    def views(self, by: Identity) -> list[SavedViewRecord]:
        """The person's saved views, by name."""
        with self.ctx.sessions() as session:
            rows = session.scalars(select(SavedView).where(SavedView.user_id == by.user_id).order_by(SavedView.name))
            return [SavedViewRecord(r.id, r.name, InboxFilter.from_document(r.filters)) for r in rows]

    def delete_view(self, by: Identity, view_id: int) -> None:
        """Delete one of the person's own views."""
        with self.ctx.transaction() as session:
            row = session.get(SavedView, view_id)
            if row is None or row.user_id != by.user_id:
                raise ValidationFailed("inbox.no_view", "You have no saved view {id}.", id=view_id)
            session.delete(row)
            self.ctx.audit.append(session, by.actor, "inbox.view_delete", "saved_view", view_id)


__all__ = [
    "SEVERITY",
    "ChangeNotice",
    "ConversationDetail",
    "InboxFilter",
    "InboxRow",
    "InboxService",
    "conversation_key",
]
