"""Tables of the patrol log: a shift's timestamped entries, published live or as a summary."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.storage.models import Base


class PatrolShift(Base):
    """One officer's shift on patrol."""

    __tablename__ = "patrol_shifts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200))
    area: Mapped[str] = mapped_column(String(200), default="")
    mode: Mapped[str] = mapped_column(String(16))  # live or summary
    account_ids: Mapped[list[int]] = mapped_column(JSON)
    lang: Mapped[str | None] = mapped_column(String(8))
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None]
    summary_outbound_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_items.id"))


class PatrolEntry(Base):
    """A timestamped note (with photos and an area) during a shift."""

    __tablename__ = "patrol_entries"
    __table_args__ = (Index("ix_patrol_entries_shift_at", "shift_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("patrol_shifts.id", ondelete="CASCADE"))
    at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)
    area: Mapped[str] = mapped_column(String(200), default="")
    media: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    outbound_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_items.id"))
