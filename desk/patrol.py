"""The patrol log: a shift's timestamped notes and photos, published live or as a summary at the end.

Entries are saved first and published through the ordinary outbound path, so they survive being
offline (the publisher retries until the platforms answer), pass the privacy guard, and need approval
when an officer's role requires it. Photos are cleaned (faces blurred, metadata stripped) before they
reach the media store.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from desk.audit import summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import DeskError, ValidationFailed
from desk.media import MediaRef
from desk.publishing import Draft, PublishingService
from desk.roles import Action
from desk.storage.models import OutboundKind
from desk.storage.patrol_models import PatrolEntry, PatrolShift


class PatrolMode(enum.StrEnum):
    """How a shift's entries are published."""

    LIVE = "live"  # each entry as it is written
    SUMMARY = "summary"  # one thread at the end of the shift


@dataclass(frozen=True)
class EntryRecord:
    """One patrol-log entry and, if published, its outbound item."""

    id: int
    at: datetime
    text: str
    area: str
    media: tuple[MediaRef, ...]
    outbound_id: int | None


@dataclass(frozen=True)
class ShiftRecord:
    """A shift with its entries."""

    id: int
    user_id: int
    title: str
    area: str
    mode: PatrolMode
    account_ids: tuple[int, ...]
    started_at: datetime
    ended_at: datetime | None
    entries: tuple[EntryRecord, ...]
    summary_outbound_ids: tuple[int, ...] = ()


class PatrolLog:
    """Shifts and entries; publishing goes through :class:`PublishingService`."""

    def __init__(self, ctx: DeskContext, publishing: PublishingService, timezone: str = "Europe/Helsinki") -> None:
        self.ctx = ctx
        self.publishing = publishing
        self.zone = ZoneInfo(timezone)

    def start_shift(
        self,
        by: Identity,
        title: str,
        account_ids: Sequence[int],
        *,
        area: str = "",
        mode: PatrolMode = PatrolMode.SUMMARY,
        lang: str | None = None,
    ) -> int:
        """Begin a shift's log."""
        require(by, Action.PATROL_LOG)
        if by.user_id is None:
            raise ValidationFailed("patrol.person", "A patrol log belongs to a person: sign in first.")
        if not title.strip():
            raise ValidationFailed("patrol.title", "Give the shift a title (e.g. 'Night patrol, Kallio').")
        if not account_ids:
            raise ValidationFailed("patrol.accounts", "Choose where the log is published.")
        with self.ctx.transaction() as session:
            shift = PatrolShift(
                user_id=by.user_id,
                title=title.strip(),
                area=area.strip(),
                mode=mode.value,
                account_ids=list(account_ids),
                lang=lang,
                started_at=self.ctx.clock.now(),
            )
            session.add(shift)
            session.flush()
            self.ctx.audit.append(
                session, by.actor, "patrol.start", "patrol_shift", shift.id, summarise(title=title, mode=mode.value)
            )
            return shift.id

    def _own_shift(self, by: Identity, shift_id: int) -> PatrolShift:
        with self.ctx.sessions() as session:
            shift = session.get(PatrolShift, shift_id)
        if shift is None:
            raise DeskError("patrol.not_found", "Shift {id} does not exist.", id=shift_id)
        if shift.user_id != by.user_id:
            raise ValidationFailed("patrol.not_yours", "Only the officer on the shift writes its log.")
        if shift.ended_at is not None:
            raise ValidationFailed("patrol.ended", "This shift has ended.")
        return shift

    def add_entry(
        self, by: Identity, shift_id: int, text: str, *, area: str = "", media: Sequence[MediaRef] = ()
    ) -> EntryRecord:
        """Save an entry; in live mode it is also drafted and submitted for publishing.

        The entry is kept even when publishing is refused (the guard, a limit): nothing is lost, and the
        refusal is raised for the officer to act on."""
        require(by, Action.PATROL_LOG)
        shift = self._own_shift(by, shift_id)
        if not text.strip() and not media:
            raise ValidationFailed("patrol.empty", "Write something or add a photo.")
        now = self.ctx.clock.now()
        with self.ctx.transaction() as session:
            entry = PatrolEntry(
                shift_id=shift_id,
                at=now,
                text=text.strip(),
                area=area.strip() or shift.area,
                media=[m.to_dict() for m in media],
            )
            session.add(entry)
            session.flush()
            self.ctx.audit.append(session, by.actor, "patrol.entry", "patrol_entry", entry.id)
            entry_id = entry.id
        outbound_id = None
        if shift.mode == PatrolMode.LIVE.value:
            draft = Draft(
                self._entry_text(now, area.strip() or shift.area, text.strip()),
                tuple(shift.account_ids),
                lang=shift.lang,
                kind=OutboundKind.PATROL_LOG,
                media=tuple(media),
            )
            outbound_id = self.publishing.create(by, draft)
            with self.ctx.transaction() as session:
                row = session.get(PatrolEntry, entry_id)
                assert row is not None
                row.outbound_id = outbound_id
            self.publishing.submit(by, outbound_id)
        return EntryRecord(entry_id, now, text.strip(), area.strip() or shift.area, tuple(media), outbound_id)

    def _entry_text(self, at: datetime, area: str, text: str) -> str:
        stamp = at.astimezone(self.zone).strftime("%H:%M")
        return f"{stamp} {area}: {text}" if area else f"{stamp} {text}"

    def summary_text(self, shift_id: int) -> str:
        """The shift's entries as one text (split into a numbered thread where a platform needs it)."""
        record = self.shift(shift_id)
        lines = [record.title]
        lines += [self._entry_text(e.at, e.area, e.text) for e in record.entries if e.text]
        return "\n\n".join(lines)

    def end_shift(self, by: Identity, shift_id: int) -> list[int]:
        """End the shift; in summary mode the log goes out as a thread (or one post where it fits)."""
        shift = self._own_shift(by, shift_id)
        outbound_ids: list[int] = []
        if shift.mode == PatrolMode.SUMMARY.value:
            record = self.shift(shift_id)
            if not record.entries:
                raise ValidationFailed("patrol.no_entries", "The log has no entries to publish.")
            photos = tuple(m for e in record.entries for m in e.media)[:4]
            draft = Draft(
                self.summary_text(shift_id),
                tuple(shift.account_ids),
                lang=shift.lang,
                kind=OutboundKind.PATROL_LOG,
                media=photos,
            )
            outbound_ids = self.publishing.create_thread(by, draft)
            for oid in outbound_ids:
                self.publishing.submit(by, oid)
        with self.ctx.transaction() as session:
            row = session.get(PatrolShift, shift_id)
            assert row is not None
            row.ended_at = self.ctx.clock.now()
            row.summary_outbound_id = outbound_ids[0] if outbound_ids else None
            self.ctx.audit.append(
                session, by.actor, "patrol.end", "patrol_shift", shift_id, summarise(published=len(outbound_ids))
            )
        return outbound_ids

    def shift(self, shift_id: int) -> ShiftRecord:
        """A shift with its entries, oldest first."""
        with self.ctx.sessions() as session:
            shift = session.get(PatrolShift, shift_id)
            if shift is None:
                raise DeskError("patrol.not_found", "Shift {id} does not exist.", id=shift_id)
            entries = session.scalars(
                select(PatrolEntry).where(PatrolEntry.shift_id == shift_id).order_by(PatrolEntry.at, PatrolEntry.id)
            )
            return ShiftRecord(
                shift.id,
                shift.user_id,
                shift.title,
                shift.area,
                PatrolMode(shift.mode),
                tuple(shift.account_ids),
                shift.started_at,
                shift.ended_at,
                tuple(
                    EntryRecord(
                        e.id, e.at, e.text, e.area, tuple(MediaRef.from_dict(m) for m in e.media), e.outbound_id
                    )
                    for e in entries
                ),
            )

    def open_shifts(self, by: Identity) -> list[ShiftRecord]:
        """The person's shifts that have not ended."""
        with self.ctx.sessions() as session:
            ids = list(
                session.scalars(
                    select(PatrolShift.id).where(PatrolShift.user_id == by.user_id, PatrolShift.ended_at.is_(None))
                )
            )
        return [self.shift(i) for i in ids]
