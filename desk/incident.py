"""The critical-incident stop: one action pauses every broadcast on every account, audited.

Scheduled posts, campaigns, patrol-log publishing and tweetathons are held; replies to citizens go on
unless the stop says otherwise. Every desk shows a banner (they poll :meth:`IncidentStop.current`).
Resume restores the schedule; posts whose time passed during the stop wait for a press officer's
decision: drop, publish now or reschedule — for all at once or one by one.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.audit import summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import DeskError, ValidationFailed
from desk.roles import Action
from desk.storage.models import Delivery, DeliveryState, OutboundItem, OutboundKind, OutboundState, Setting

STOP_KEY = "incident_stop"
BROADCAST_KINDS = (
    OutboundKind.POST.value,
    OutboundKind.TWEETATHON.value,
    OutboundKind.PATROL_LOG.value,
)
REPLY_KINDS = (OutboundKind.REPLY.value, OutboundKind.DIRECT.value, OutboundKind.AUTO_REPLY.value)


@dataclass(frozen=True)
class StopState:
    """An active stop, as every desk's banner shows it."""

    started_at: datetime
    started_by: str
    reason: str
    stops_replies: bool
    held: int


class OverdueChoice(enum.StrEnum):
    """What to do with a post whose time passed during the stop."""

    DROP = "drop"
    PUBLISH_NOW = "publish_now"
    RESCHEDULE = "reschedule"


@dataclass(frozen=True)
class Overdue:
    """A held post whose time passed while the stop was on."""

    outbound_id: int
    kind: str
    text: str
    due_at: datetime | None


def stop_active(session: Session) -> tuple[bool, bool]:
    """(a stop is on, it also stops replies) — read by the publisher before every claim."""
    doc = session.execute(select(Setting.value).where(Setting.key == STOP_KEY)).scalar_one_or_none()
    if not doc or not doc.get("active"):
        return False, False
    return True, bool(doc.get("stops_replies"))


class IncidentStop:
    """Start and end the critical-incident stop."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def current(self) -> StopState | None:
        """The active stop, or None."""
        with self.ctx.sessions() as session:
            doc = session.execute(select(Setting.value).where(Setting.key == STOP_KEY)).scalar_one_or_none()
        if not doc or not doc.get("active"):
            return None
        return StopState(
            datetime.fromisoformat(doc["started_at"]),
            str(doc["started_by"]),
            str(doc["reason"]),
            bool(doc.get("stops_replies")),
            int(doc.get("held", 0)),
        )

    def start(
        self, by: Identity, reason: str, *, stop_replies: bool = False, holding_statement_id: int | None = None
    ) -> int:
        """Hold every scheduled broadcast now; optionally let one prepared holding statement go out."""
        require(by, Action.START_INCIDENT_STOP)
        if len(reason.strip()) < 5:
            raise ValidationFailed("incident.reason", "Say why broadcasting stops (it is recorded).")
        now = self.ctx.clock.now()
        kinds = BROADCAST_KINDS + (REPLY_KINDS if stop_replies else ())
        with self.ctx.transaction() as session:
            row = session.get(Setting, STOP_KEY, with_for_update=True)
            if row is not None and row.value.get("active"):
                raise DeskError("incident.already", "A critical-incident stop is already on.")
            held = list(
                session.scalars(
                    select(OutboundItem).where(
                        OutboundItem.kind.in_(kinds),
                        OutboundItem.state.in_(
                            [
                                OutboundState.SCHEDULED.value,
                                OutboundState.PUBLISHING.value,
                                OutboundState.AWAITING_APPROVAL.value,
                            ]
                        ),
                        OutboundItem.id != (holding_statement_id or -1),
                    )
                )
            )
            for item in held:
                item.details = {**item.details, "held_from": item.state, "held_by_stop": True}
                item.state = OutboundState.HELD.value
                item.updated_at = now
            doc = {
                "active": True,
                "started_at": now.isoformat(),
                "started_by": by.display_name,
                "reason": reason.strip(),
                "stops_replies": stop_replies,
                "held": len(held),
            }
            if row is None:
                session.add(Setting(key=STOP_KEY, value=doc, updated_at=now, updated_by=by.user_id))
            else:
                row.value = doc
                row.updated_at = now
                row.updated_by = by.user_id
            if holding_statement_id is not None:
                statement = session.get(OutboundItem, holding_statement_id)
                if statement is None:
                    raise DeskError("incident.no_statement", "The holding statement was not found.")
                statement.kind = OutboundKind.HOLDING_STATEMENT.value
                statement.state = OutboundState.SCHEDULED.value
                statement.due_at = now
                statement.approved_by_user_id = by.user_id
                statement.approved_at = now
            self.ctx.audit.append(
                session,
                by.actor,
                "incident.stop",
                "incident",
                now.isoformat(),
                summarise(
                    reason=reason.strip(), held=len(held), stops_replies=stop_replies, statement=holding_statement_id
                ),
            )
            return len(held)

    def resume(self, by: Identity) -> list[Overdue]:
        """End the stop: held posts still in the future go back to the schedule; the overdue ones are returned."""
        require(by, Action.RESUME_AFTER_STOP)
        now = self.ctx.clock.now()
        overdue: list[Overdue] = []
        with self.ctx.transaction() as session:
            row = session.get(Setting, STOP_KEY, with_for_update=True)
            if row is None or not row.value.get("active"):
                raise DeskError("incident.not_active", "No critical-incident stop is on.")
            held = list(
                session.scalars(
                    select(OutboundItem)
                    .where(OutboundItem.state == OutboundState.HELD.value)
                    .order_by(OutboundItem.due_at)
                )
            )
            restored = 0
            for item in held:
                if not item.details.get("held_by_stop"):
                    continue
                if (
                    item.due_at is not None
                    and item.due_at < now
                    and item.details.get("held_from") != OutboundState.AWAITING_APPROVAL.value
                ):
                    item.details = {**item.details, "overdue_after_stop": True}
                    overdue.append(Overdue(item.id, item.kind, item.text, item.due_at))
                    continue
                self._restore(item, now)
                restored += 1
            row.value = {**row.value, "active": False, "ended_at": now.isoformat(), "ended_by": by.display_name}
            row.updated_at = now
            self.ctx.audit.append(
                session,
                by.actor,
                "incident.resume",
                "incident",
                row.value["started_at"],
                summarise(restored=restored, overdue=len(overdue)),
            )
        return overdue

    @staticmethod
    def _restore(item: OutboundItem, now: datetime) -> None:
        details = dict(item.details)
        item.state = str(details.pop("held_from", OutboundState.SCHEDULED.value))
        details.pop("held_by_stop", None)
        details.pop("overdue_after_stop", None)
        item.details = details
        item.updated_at = now

    def overdue(self) -> list[Overdue]:
        """Posts still waiting for a decision after the last stop."""
        with self.ctx.sessions() as session:
            rows = session.scalars(select(OutboundItem).where(OutboundItem.state == OutboundState.HELD.value))
            return [Overdue(r.id, r.kind, r.text, r.due_at) for r in rows if r.details.get("overdue_after_stop")]

    def decide(
        self,
        by: Identity,
        choices: Mapping[int, OverdueChoice],
        *,
        reschedule_to: Mapping[int, datetime] | None = None,
    ) -> None:
        """Drop, publish now or reschedule overdue posts (one call may cover them all)."""
        require(by, Action.SCHEDULE)
        now = self.ctx.clock.now()
        when = reschedule_to or {}
        with self.ctx.transaction() as session:
            for outbound_id, choice in choices.items():
                item = session.get(OutboundItem, outbound_id)
                if item is None or not item.details.get("overdue_after_stop"):
                    raise ValidationFailed(
                        "incident.not_overdue", "Post {id} is not waiting for a decision.", id=outbound_id
                    )
                if choice is OverdueChoice.DROP:
                    item.state = OutboundState.CANCELLED.value
                    for d in session.scalars(select(Delivery).where(Delivery.outbound_id == item.id)):
                        if d.state == DeliveryState.PENDING.value:
                            d.state = DeliveryState.CANCELLED.value
                    item.details = {
                        k: v for k, v in item.details.items() if k not in ("held_by_stop", "overdue_after_stop")
                    }
                    item.updated_at = now
                else:
                    target = now if choice is OverdueChoice.PUBLISH_NOW else when.get(outbound_id)
                    if target is None or target < now:
                        raise ValidationFailed(
                            "incident.reschedule_time", "Choose a future time for post {id}.", id=outbound_id
                        )
                    item.due_at = target
                    self._restore(item, now)
                self.ctx.audit.append(
                    session,
                    by.actor,
                    f"incident.overdue.{choice.value}",
                    "outbound_item",
                    outbound_id,
                    summarise(due_at=item.due_at),
                )
