"""Tables of the tweetathon: imported control-room calls, their import history, presets and public wording.

Only structured fields of a call are stored; free-text notes, names, officers and units are never read in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desk.storage.models import Base


class Call(Base):
    """One control-room call as imported: key, time (UTC), type, place, outcome and where it stands."""

    __tablename__ = "calls"
    __table_args__ = (
        UniqueConstraint("source", "call_key"),
        Index("ix_calls_source_received", "source", "received_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    call_key: Mapped[str] = mapped_column(String(200))
    key_derived: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime]
    time_flag: Mapped[str | None] = mapped_column(String(16))  # dst_repeated, dst_skipped, synthetic
    call_type: Mapped[str] = mapped_column(String(200), default="")
    location: Mapped[str] = mapped_column(String(500), default="")
    district: Mapped[str] = mapped_column(String(200), default="")
    disposition: Mapped[str] = mapped_column(String(200), default="")
    previous_disposition: Mapped[str | None] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    # Short hashes of every version seen, so an older version met again (a re-import) changes nothing.
    known_hashes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16))  # publishable, excluded, sensitive, review
    category: Mapped[str | None] = mapped_column(String(32))
    hold_reason: Mapped[str | None] = mapped_column(Text)
    follow_up_pending: Mapped[bool] = mapped_column(Boolean, default=False)
    source_line: Mapped[int | None] = mapped_column(Integer)
    first_seen_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CallImportFile(Base):
    """A file a watched folder imported, remembered by path, size and hash so it is never read twice."""

    __tablename__ = "call_import_files"
    __table_args__ = (UniqueConstraint("path", "size", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    path: Mapped[str] = mapped_column(String(1000))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime]
    report: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CallPreset(Base):
    """A force's own column-mapping preset (the shipped ones live in resources)."""

    __tablename__ = "call_presets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer)


class CallWording(Base):
    """The plain public description of a call type in one language (administrators edit it, audited)."""

    __tablename__ = "call_wording"
    __table_args__ = (UniqueConstraint("call_type", "lang"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    call_type: Mapped[str] = mapped_column(String(200))  # normalised: see desk.tweetathon.wording.type_key
    lang: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(String(300))
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer)


class TweetathonSetup(Base):
    """A stored tweetathon: which source and preset, which accounts, delay, review mode, exclusions, window.

    ``desk run`` starts every enabled one whose window is open; the dashboard lists them.
    """

    __tablename__ = "tweetathon_setups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    source: Mapped[str] = mapped_column(String(200))
    preset: Mapped[str] = mapped_column(String(200))
    account_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    hashtag: Mapped[str] = mapped_column(String(100), default="")
    delay_minutes: Mapped[int] = mapped_column(Integer, default=15)
    review: Mapped[str] = mapped_column(String(32), default="automatic")
    lang: Mapped[str] = mapped_column(String(8), default="en")
    policy: Mapped[str] = mapped_column(String(16), default="hold")
    # Call types this tweetathon never posts, on top of the preset's own exclusions.
    excluded_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    updated_by: Mapped[int | None] = mapped_column(Integer)
