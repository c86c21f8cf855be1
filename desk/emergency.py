"""Emergencies: an inbound item triaged as an emergency raises a red banner on every desk.

A named officer must acknowledge it; the hand-off to the control room is recorded; when nobody
acknowledges within the set time the scheduler's call to :meth:`EmergencyService.escalate_overdue`
escalates it to the supervisors. A one-click reply points the citizen to the emergency number.
Everything is audited.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from desk.audit import Actor, summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import DeskError, ValidationFailed
from desk.roles import Action, Role
from desk.storage.models import (
    Conversation,
    ConversationEvent,
    Emergency,
    InboxItem,
    User,
    UserRole,
)

if TYPE_CHECKING:
    from desk.inbox import InboxService

#: Nobody acknowledged within this time: the supervisors are told.
DEFAULT_ACK_SECONDS = 120


def raise_emergencies(session: Session, items: Sequence[tuple[int, int]], now: datetime) -> list[int]:
    """Raise an emergency for each (item id, conversation id) not raised before; returns the new ids.

    Called by the inbox inside its ingest transaction, so the banner appears with the item."""
    if not items:
        return []
    table = Emergency.__table__
    assert isinstance(table, Table)
    conversation_of = dict(items)
    item_ids = sorted(conversation_of)
    before = set(session.scalars(select(Emergency.item_id).where(Emergency.item_id.in_(item_ids))))
    fresh = [i for i in item_ids if i not in before]
    if not fresh:
        return []
    ins = postgresql.insert(table) if session.get_bind().dialect.name == "postgresql" else sqlite.insert(table)
    conn = session.connection()
    conn.execute(
        ins.on_conflict_do_nothing(index_elements=["item_id"]),
        [{"item_id": i, "raised_at": now} for i in fresh],
    )
    created = {
        row.item_id: row.id
        for row in session.execute(
            select(Emergency.id, Emergency.item_id).where(Emergency.item_id.in_(fresh), Emergency.raised_at == now)
        )
    }
    events = [
        {
            "conversation_id": conversation_of[item_id],
            "kind": "emergency",
            "at": now,
            "user_id": None,
            "detail": {"emergency_id": eid, "item_id": item_id},
        }
        for item_id, eid in created.items()
        if conversation_of.get(item_id)
    ]
    if events:
        event_table = ConversationEvent.__table__
        assert isinstance(event_table, Table)
        conn.execute(insert(event_table), events)
    return sorted(created.values())


@dataclass(frozen=True)
class EmergencyRecord:
    """An emergency as the banner shows it."""

    id: int
    item_id: int
    conversation_id: int | None
    platform: str
    author_handle: str
    text: str
    triage_reason: str | None
    raised_at: datetime
    acknowledged_by: int | None
    acknowledged_at: datetime | None
    handed_over_at: datetime | None
    handover_note: str | None
    escalated_at: datetime | None


@dataclass(frozen=True)
class Escalation:
    """An emergency nobody acknowledged in time, and the supervisors to alert."""

    emergency_id: int
    raised_at: datetime
    supervisor_ids: tuple[int, ...]


class EmergencyService:
    """Banner, acknowledgement, hand-off, escalation and the one-click reply."""

    def __init__(self, ctx: DeskContext, inbox: InboxService | None = None, *, ack_seconds: int = DEFAULT_ACK_SECONDS):
        self.ctx = ctx
        self.inbox = inbox
        self.ack_seconds = ack_seconds

    def _record(self, session: Session, e: Emergency) -> EmergencyRecord:
        item = session.get(InboxItem, e.item_id)
        return EmergencyRecord(
            e.id,
            e.item_id,
            None if item is None else item.conversation_id,
            "" if item is None else item.platform,
            "" if item is None else item.author_handle,
            "" if item is None else item.text[:500],
            None if item is None else item.triage_reason,
            e.raised_at,
            e.acknowledged_by,
            e.acknowledged_at,
            e.handed_over_at,
            e.handover_note,
            e.escalated_at,
        )

    def open(self) -> list[EmergencyRecord]:
        """Emergencies not yet handed to the control room (the banner shows these), oldest first."""
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(Emergency).where(Emergency.handed_over_at.is_(None)).order_by(Emergency.raised_at, Emergency.id)
            ).all()
            return [self._record(session, e) for e in rows]

    def get(self, emergency_id: int) -> EmergencyRecord:
        """One emergency."""
        with self.ctx.sessions() as session:
            return self._record(session, self._row(session, emergency_id))

    @staticmethod
    def _row(session: Session, emergency_id: int) -> Emergency:
        row = session.get(Emergency, emergency_id)
        if row is None:
            raise DeskError("emergency.not_found", "Emergency {id} does not exist.", id=emergency_id)
        return row

    def _event(self, session: Session, row: Emergency, kind: str, by: Identity | None, **detail: Any) -> None:
        conv = session.scalar(select(InboxItem.conversation_id).where(InboxItem.id == row.item_id))
        if conv is not None:
            session.add(
                ConversationEvent(
                    conversation_id=conv,
                    kind=kind,
                    at=self.ctx.clock.now(),
                    user_id=None if by is None else by.user_id,
                    detail={"emergency_id": row.id, **detail},
                )
            )

    def acknowledge(self, by: Identity, emergency_id: int) -> EmergencyRecord:
        """A named officer takes the emergency (the banner says who)."""
        require(by, Action.REPLY)
        if by.user_id is None:
            raise ValidationFailed("emergency.named_officer", "An emergency is acknowledged by a named officer.")
        with self.ctx.transaction() as session:
            row = self._row(session, emergency_id)
            if row.acknowledged_by is not None:
                raise ValidationFailed(
                    "emergency.already_acknowledged",
                    "Emergency {id} was already acknowledged at {at}.",
                    id=emergency_id,
                    at=row.acknowledged_at.isoformat(timespec="seconds") if row.acknowledged_at else "?",
                )
            row.acknowledged_by = by.user_id
            row.acknowledged_at = self.ctx.clock.now()
            self._event(session, row, "emergency_acknowledged", by)
            self.ctx.audit.append(
                session,
                by.actor,
                "emergency.acknowledge",
                "emergency",
                emergency_id,
                summarise(after={"acknowledged_by": by.username}),
            )
            session.flush()
            return self._record(session, row)

    def hand_over(self, by: Identity, emergency_id: int, note: str) -> EmergencyRecord:
        """Record that the control room has it (who was told, by which channel, a reference)."""
        require(by, Action.REPLY)
        body = " ".join(note.split())
        if not body:
            raise ValidationFailed(
                "emergency.handover_note", "Say how the control room was told (who, how, their reference)."
            )
        with self.ctx.transaction() as session:
            row = self._row(session, emergency_id)
            if row.handed_over_at is not None:
                raise ValidationFailed(
                    "emergency.already_handed_over", "Emergency {id} was already handed over.", id=emergency_id
                )
            now = self.ctx.clock.now()
            if row.acknowledged_by is None:  # handing over is also taking it
                row.acknowledged_by = by.user_id
                row.acknowledged_at = now
            row.handed_over_at = now
            row.handover_note = body
            self._event(session, row, "emergency_handed_over", by, note=body)
            self.ctx.audit.append(
                session, by.actor, "emergency.hand_over", "emergency", emergency_id, summarise(after={"note": body})
            )
            session.flush()
            return self._record(session, row)

    def escalate_overdue(self, now: datetime | None = None) -> list[Escalation]:
        """Escalate every emergency nobody acknowledged within ``ack_seconds`` (the scheduler calls this)."""
        at = now or self.ctx.clock.now()
        cutoff = at - timedelta(seconds=self.ack_seconds)
        with self.ctx.transaction() as session:
            rows = session.scalars(
                select(Emergency).where(
                    Emergency.acknowledged_at.is_(None),
                    Emergency.escalated_at.is_(None),
                    Emergency.raised_at <= cutoff,
                )
            ).all()
            if not rows:
                return []
            supervisors = tuple(
                session.scalars(
                    select(User.id)
                    .join(UserRole, UserRole.user_id == User.id)
                    .where(UserRole.role == Role.SUPERVISOR.value, User.active.is_(True))
                    .order_by(User.id)
                )
            )
            out = []
            for row in rows:
                row.escalated_at = at
                self._event(session, row, "emergency_escalated", None, supervisors=list(supervisors))
                self.ctx.audit.append(
                    session,
                    Actor.system(self.ctx.workstation),
                    "emergency.escalate",
                    "emergency",
                    row.id,
                    summarise(
                        unacknowledged_seconds=int((at - row.raised_at).total_seconds()), supervisors=len(supervisors)
                    ),
                )
                out.append(Escalation(row.id, row.raised_at, supervisors))
            return out

    def reply_with_emergency_number(self, by: Identity, emergency_id: int, lang: str = "en") -> int:
        """The one-click reply: tell the citizen to call the emergency number now; returns the outbound id."""
        if self.inbox is None:
            raise DeskError("emergency.no_inbox", "Replies need the inbox service.")
        from desk.canned import CannedReplyService

        with self.ctx.sessions() as session:
            row = self._row(session, emergency_id)
            item = session.get(InboxItem, row.item_id)
            if item is None or item.conversation_id is None:
                raise DeskError("emergency.no_conversation", "Emergency {id} has no conversation.", id=emergency_id)
            conv = session.get(Conversation, item.conversation_id)
            assert conv is not None
            conversation_id, is_direct, name = conv.id, conv.is_direct, conv.citizen_name or conv.citizen_handle
        canned = CannedReplyService(self.ctx)
        template = canned.find("emergency", lang) or canned.find("emergency", "en")
        if template is None:
            raise DeskError("emergency.no_template", "The emergency canned reply is missing; seed the canned replies.")
        body = canned.render(template.text, canned.values(by, name=name))
        return self.inbox.reply(by, conversation_id, body, private=is_direct, canned_id=template.id)
