"""SQLAlchemy 2.x typed models of the core. Secrets never live here (they are in the OS keyring).

Times are stored as UTC. ``UtcDateTime`` gives back timezone-aware values on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and always returned timezone-aware (UTC)."""

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware UTC time from the clock")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with a naming convention so Alembic names constraints the same on every database."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UtcDateTime(), dict[str, Any]: JSON()}


# --- enumerations stored as strings ------------------------------------------------------------


class AccountStatus(enum.StrEnum):
    """Where a platform account stands."""

    CONNECTED = "connected"
    NEEDS_RECONNECT = "needs_reconnect"
    RATE_LIMITED = "rate_limited"
    SUSPENDED = "suspended"
    DISABLED = "disabled"


class ConversationStatus(enum.StrEnum):
    """An inbox conversation's status: new → open → waiting → closed."""

    NEW = "new"
    OPEN = "open"
    WAITING = "waiting"
    CLOSED = "closed"


class OutboundKind(enum.StrEnum):
    """What an outbound item is."""

    POST = "post"
    REPLY = "reply"
    DIRECT = "direct"
    TWEETATHON = "tweetathon"
    PATROL_LOG = "patrol_log"
    HOLDING_STATEMENT = "holding_statement"
    AUTO_REPLY = "auto_reply"


class OutboundState(enum.StrEnum):
    """The life of an outbound item (the deliveries carry per-account outcome)."""

    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    SCHEDULED = "scheduled"
    HELD = "held"  # paused by a critical-incident stop, or held for a person
    PUBLISHING = "publishing"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class DeliveryState(enum.StrEnum):
    """One target account's outcome."""

    PENDING = "pending"
    SENDING = "sending"  # claimed by exactly one publisher
    PUBLISHED = "published"
    FAILED = "failed"
    UNCONFIRMED = "unconfirmed"  # may have been sent: check before re-sending
    CANCELLED = "cancelled"
    DELETED = "deleted"  # published, then taken down from the platform


# --- people and places -------------------------------------------------------------------------


class Station(Base):
    """A police station: its office hours and time zone drive response-time clocks."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Helsinki")
    country: Mapped[str] = mapped_column(String(2), default="FI")
    created_at: Mapped[datetime]


class Workstation(Base):
    """A desk computer (or a headless runner) that acts on the database."""

    __tablename__ = "workstations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime | None]


class User(Base):
    """A person who signs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    team: Mapped[str | None] = mapped_column(String(100))
    language: Mapped[str] = mapped_column(String(8), default="en")
    created_at: Mapped[datetime]
    roles: Mapped[list[UserRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class UserRole(Base):
    """One role a person holds."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)


# --- platforms ------------------------------------------------------------------------------------


class PlatformAccount(Base):
    """A force account on one platform. The credentials live in the keyring under ``secret_key``."""

    __tablename__ = "platform_accounts"
    __table_args__ = (UniqueConstraint("platform", "handle", "base_url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    handle: Mapped[str] = mapped_column(String(200))
    display_name: Mapped[str] = mapped_column(String(200))
    base_url: Mapped[str] = mapped_column(String(500))
    platform_account_id: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(32), default=AccountStatus.CONNECTED.value)
    status_detail: Mapped[str | None] = mapped_column(Text)
    secret_key: Mapped[str] = mapped_column(String(200))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"))
    created_at: Mapped[datetime]


# --- inbox ----------------------------------------------------------------------------------------


class Conversation(Base):
    """A thread with one person on one platform account: everything said to and by the force."""

    __tablename__ = "conversations"
    __table_args__ = (
        UniqueConstraint("account_id", "conversation_key"),
        Index("ix_conversations_status_last", "status", "last_item_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("platform_accounts.id"))
    platform: Mapped[str] = mapped_column(String(16))
    conversation_key: Mapped[str] = mapped_column(String(300))
    is_direct: Mapped[bool] = mapped_column(Boolean, default=False)
    citizen_id: Mapped[str] = mapped_column(String(200))
    citizen_handle: Mapped[str] = mapped_column(String(300))
    citizen_name: Mapped[str] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(16), default=ConversationStatus.NEW.value)
    triage_label: Mapped[str | None] = mapped_column(String(32))
    assignee_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    team: Mapped[str | None] = mapped_column(String(100))
    first_inbound_at: Mapped[datetime | None]
    last_item_at: Mapped[datetime | None]
    last_citizen_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    resolved_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    # Response-time clocks in office seconds, stored when the events happen so reports need not recompute.
    first_response_seconds: Mapped[int | None] = mapped_column(Integer)
    resolution_seconds: Mapped[int | None] = mapped_column(Integer)
    clock_seconds: Mapped[int] = mapped_column(Integer, default=0)  # office time run while new/open so far
    clock_started_at: Mapped[datetime | None]  # when the clock last started running (None while paused)
    unread: Mapped[int] = mapped_column(Integer, default=0)


class InboxItem(Base):
    """One thing a citizen said (or the force said in a thread), upserted on (account, platform item id)."""

    __tablename__ = "inbox_items"
    __table_args__ = (
        UniqueConstraint("account_id", "platform_item_id"),
        Index("ix_inbox_items_created", "created_at"),
        Index("ix_inbox_items_status_created", "status", "created_at"),
        Index("ix_inbox_items_conversation", "conversation_id", "created_at"),
        Index("ix_inbox_items_platform_created", "platform", "created_at"),
        Index("ix_inbox_items_account_created", "account_id", "created_at"),
        Index("ix_inbox_items_triage_created", "triage_label", "created_at"),
        Index("ix_inbox_items_assignee_created", "assignee_user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("platform_accounts.id"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    platform: Mapped[str] = mapped_column(String(16))
    platform_item_id: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))
    author_id: Mapped[str] = mapped_column(String(200))
    author_handle: Mapped[str] = mapped_column(String(300))
    author_name: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime]
    received_at: Mapped[datetime]
    in_reply_to_id: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(1000))
    from_account: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default=ConversationStatus.NEW.value)
    triage_label: Mapped[str | None] = mapped_column(String(32))
    triage_reason: Mapped[str | None] = mapped_column(Text)
    assignee_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    read: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    edited_at: Mapped[datetime | None]
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    # Case- and accent-folded tokens joined by spaces: the one input of full-text search on both databases.
    search_text: Mapped[str] = mapped_column(Text, default="")
    sensitive_media: Mapped[bool] = mapped_column(Boolean, default=False)


class InboxItemVersion(Base):
    """Every earlier text of an item: the record is evidence, so an edit or delete never overwrites it."""

    __tablename__ = "inbox_item_versions"
    __table_args__ = (UniqueConstraint("item_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inbox_items.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    change: Mapped[str] = mapped_column(String(16))  # original, edited, deleted
    recorded_at: Mapped[datetime]


class Attachment(Base):
    """A file attached to an inbox item, downloaded and hashed."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inbox_items.id", ondelete="CASCADE"))
    url: Mapped[str] = mapped_column(String(2000))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    sha256: Mapped[str | None] = mapped_column(String(64))
    size: Mapped[int | None] = mapped_column(Integer)
    stored_path: Mapped[str | None] = mapped_column(String(1000))
    sensitive: Mapped[bool] = mapped_column(Boolean, default=False)


# --- outbound -------------------------------------------------------------------------------------


class Campaign(Base):
    """A group of planned posts (a road-safety week, an appeal)."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]


class OutboundItem(Base):
    """Everything the force sends is a row first: a post, a reply, a tweetathon post…"""

    __tablename__ = "outbound_items"
    __table_args__ = (Index("ix_outbound_items_state_due", "state", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    state: Mapped[str] = mapped_column(String(24), default=OutboundState.DRAFT.value)
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str | None] = mapped_column(String(16))
    content_warning: Mapped[str | None] = mapped_column(String(500))
    due_at: Mapped[datetime | None]
    campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaigns.id"))
    conversation_id: Mapped[int | None] = mapped_column(ForeignKey("conversations.id"))
    reply_to_item_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_items.id"))
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    idempotency_key: Mapped[str] = mapped_column(String(100), unique=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # variants, media refs, appeal info
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deliveries: Mapped[list[Delivery]] = relationship(back_populates="outbound", cascade="all, delete-orphan")


class Delivery(Base):
    """One target account of an outbound item, claimed by exactly one publisher."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("outbound_id", "account_id"),
        Index("ix_deliveries_state_next", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    outbound_id: Mapped[int] = mapped_column(ForeignKey("outbound_items.id", ondelete="CASCADE"))
    account_id: Mapped[int] = mapped_column(ForeignKey("platform_accounts.id"))
    state: Mapped[str] = mapped_column(String(16), default=DeliveryState.PENDING.value)
    text: Mapped[str | None] = mapped_column(Text)  # the per-platform variant, when it differs
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None]
    platform_post_id: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[datetime | None]
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    outbound: Mapped[OutboundItem] = relationship(back_populates="deliveries")


# --- audit and settings -------------------------------------------------------------------------


class AuditEntry(Base):
    """One link of the keyed hash chain: who did what, when, where, to which object."""

    __tablename__ = "audit_entries"
    __table_args__ = (Index("ix_audit_entries_at", "at"), Index("ix_audit_entries_object", "object_type", "object_id"))

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, unique=True)
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(Integer)  # no FK: the audit outlives users
    actor: Mapped[str] = mapped_column(String(200))
    workstation: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    object_type: Mapped[str] = mapped_column(String(64), default="")
    object_id: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")  # short before/after, JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain's head: a single row appends lock, so several processes cannot fork the chain."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
    hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """A stored settings document (typed by pydantic in ``desk.settings``)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer)


# --- inbox: sync, search, work on conversations (revision 0002) --------------------------------------


class SyncCursor(Base):
    """Where a sync of one account's stream stands, and its backoff after errors."""

    __tablename__ = "sync_cursors"

    account_id: Mapped[int] = mapped_column(ForeignKey("platform_accounts.id", ondelete="CASCADE"), primary_key=True)
    stream: Mapped[str] = mapped_column(String(16), primary_key=True)
    cursor: Mapped[str | None] = mapped_column(String(500))
    last_success_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None]


class QuarantinedPayload(Base):
    """A payload a sync could not read, kept with the reason for an administrator."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("platform_accounts.id", ondelete="CASCADE"))
    stream: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    payload: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime]
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class ConversationTag(Base):
    """A tag on a conversation."""

    __tablename__ = "conversation_tags"

    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64), primary_key=True)


class Note(Base):
    """An internal note on a conversation; never sent to the citizen."""

    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class ConversationEvent(Base):
    """Something that happened to a conversation, stored when it happened (reports read these)."""

    __tablename__ = "conversation_events"
    __table_args__ = (Index("ix_conversation_events_conv_at", "conversation_id", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    conversation_id: Mapped[int] = mapped_column(ForeignKey("conversations.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))  # status, assign, first_response, reply, emergency…
    at: Mapped[datetime]
    user_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class SavedView(Base):
    """A person's saved inbox filter."""

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    filters: Mapped[dict[str, Any]] = mapped_column(JSON)


class CannedReply(Base):
    """A prepared reply with variables ({name}, {officer}, {station}, {reference}) in one language."""

    __tablename__ = "canned_replies"
    __table_args__ = (UniqueConstraint("name", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer)


class Emergency(Base):
    """An inbound item triaged as an emergency: acknowledged by a named officer, handed to the control room."""

    __tablename__ = "emergencies"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inbox_items.id", ondelete="CASCADE"), unique=True)
    raised_at: Mapped[datetime]
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None]
    handed_over_at: Mapped[datetime | None]
    handover_note: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None]


class RateLimitRecord(Base):
    """The budget a platform last reported for one account and endpoint (rate limits are state)."""

    __tablename__ = "rate_limits"

    account_id: Mapped[int] = mapped_column(ForeignKey("platform_accounts.id", ondelete="CASCADE"), primary_key=True)
    endpoint: Mapped[str] = mapped_column(String(100), primary_key=True)
    limit: Mapped[int] = mapped_column(Integer)
    remaining: Mapped[int] = mapped_column(Integer)
    reset_at: Mapped[datetime]
    updated_at: Mapped[datetime]


# Tables of later features live in their own modules; importing them here lets Alembic see every table.
from desk.storage import patrol_models, review_models, tweetathon_models  # noqa: E402,F401
