"""Tables of supervisor review: engagement samples, metric refusals, retention classes and legal holds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk.storage.models import Base


class EngagementSample(Base):
    """One reading of a published delivery's engagement figures (a time series per delivery)."""

    __tablename__ = "engagement_samples"
    __table_args__ = (Index("ix_engagement_samples_delivery_at", "delivery_id", "at"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    delivery_id: Mapped[int] = mapped_column(ForeignKey("deliveries.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    likes: Mapped[int | None] = mapped_column(Integer)
    reposts: Mapped[int | None] = mapped_column(Integer)
    replies: Mapped[int | None] = mapped_column(Integer)
    impressions: Mapped[int | None] = mapped_column(Integer)
    quotes: Mapped[int | None] = mapped_column(Integer)


class MetricsState(Base):
    """Per account: when metrics may next be asked for, and whether the platform refuses them."""

    __tablename__ = "metrics_state"

    account_id: Mapped[int] = mapped_column(ForeignKey("platform_accounts.id", ondelete="CASCADE"), primary_key=True)
    refused: Mapped[bool] = mapped_column(Boolean, default=False)
    refused_reason: Mapped[str | None] = mapped_column(Text)
    refused_at: Mapped[datetime | None]
    blocked_until: Mapped[datetime | None]
    last_polled_at: Mapped[datetime | None]


class RetentionClass(Base):
    """How long one record type is kept, and when the rule is next reviewed."""

    __tablename__ = "retention_classes"

    record_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    days: Mapped[int] = mapped_column(Integer)
    review_at: Mapped[datetime]
    basis: Mapped[str] = mapped_column(String(300), default="")
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer)


class LegalHold(Base):
    """A hold that stops purging: on one conversation, or on one person (a handle or id on a platform)."""

    __tablename__ = "legal_holds"
    __table_args__ = (UniqueConstraint("scope", "platform", "subject"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))  # conversation or person
    platform: Mapped[str] = mapped_column(String(16), default="")
    subject: Mapped[str] = mapped_column(String(300))  # conversation id, or the person's handle or platform id
    reason: Mapped[str] = mapped_column(Text, default="")
    placed_at: Mapped[datetime]
    placed_by: Mapped[int | None] = mapped_column(Integer)


def _report_indexes() -> None:
    """Indexes the reports need on tables of the core (date ranges over conversations and deliveries)."""
    from desk.storage.models import Conversation, ConversationEvent, Delivery, InboxItem

    # Covering indexes: a year of reports reads these columns only, never the rows.
    Index(
        "ix_conversations_first_inbound",
        Conversation.first_inbound_at,
        Conversation.platform,
        Conversation.account_id,
        Conversation.assignee_user_id,
        Conversation.team,
        Conversation.first_response_seconds,
        Conversation.resolution_seconds,
    )
    Index("ix_deliveries_published", Delivery.published_at)
    Index(
        "ix_inbox_items_created_volume",
        InboxItem.created_at,
        InboxItem.from_account,
        InboxItem.account_id,
        InboxItem.platform,
        InboxItem.triage_label,
    )
    Index("ix_conversation_events_at_kind", ConversationEvent.at, ConversationEvent.kind, ConversationEvent.user_id)
    # Activity counts each person's events of each kind by seeking, not by sorting a range of events.
    Index(
        "ix_conversation_events_kind_user_at", ConversationEvent.kind, ConversationEvent.user_id, ConversationEvent.at
    )
    # ix_inbox_items_volume_hour (SQLite only, on the stored UTC hour) lives in migration 0008: SQLAlchemy
    # cannot reflect an expression index, so declaring it here would only be skipped with a warning.


_report_indexes()
