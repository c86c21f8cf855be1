"""The critical-incident stop: everything broadcast halts, replies go on, resume restores, overdue posts decided."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desk.errors import DeskError, PermissionDenied, ValidationFailed
from desk.incident import IncidentStop, OverdueChoice
from desk.ports import Platform
from desk.publishing import Draft, Publisher
from desk.storage.models import AuditEntry, OutboundItem, OutboundKind, OutboundState


def _schedule(d: Any, text: str, minutes: int, kind: OutboundKind = OutboundKind.POST) -> int:
    press = d.people["press"]
    due = d.ctx.clock.now() + timedelta(minutes=minutes)
    oid = d.service.create(press, Draft(text, (d.acc[Platform.X].id,), due_at=due, kind=kind))
    d.service.submit(press, oid)
    return oid


def _state(d: Any, oid: int) -> str:
    with d.ctx.sessions() as s:
        return s.get(OutboundItem, oid).state


def test_stop_holds_broadcasts_but_not_replies_and_resume_restores(desk: Any) -> None:
    d = desk
    press, supervisor = d.people["press"], d.people["supervisor"]
    soon = _schedule(d, "Road safety tip of the day", 10)
    later = _schedule(d, "Campaign post for tomorrow", 24 * 60)
    _schedule(d, "@resident thanks, we have passed this on", 0, OutboundKind.REPLY)
    stop = IncidentStop(d.ctx)
    assert stop.start(press, "Major incident in the city centre") == 2
    state = stop.current()
    assert state is not None and state.held == 2 and state.started_by == "Pia Press"
    assert _state(d, soon) == _state(d, later) == OutboundState.HELD.value
    d.ctx.clock.advance(30 * 60)
    sent = Publisher(d.ctx, d.pool).run_due()
    assert len(sent) == 1  # only the reply went out
    with pytest.raises(PermissionDenied):
        stop.resume(press)  # resuming is a supervisor's decision
    overdue = stop.resume(supervisor)
    assert [o.outbound_id for o in overdue] == [soon]
    assert _state(d, later) == OutboundState.SCHEDULED.value and stop.current() is None
    stop.decide(press, {soon: OverdueChoice.PUBLISH_NOW})
    assert [o.state.value for o in Publisher(d.ctx, d.pool).run_due()] == ["published"]
    with d.ctx.sessions() as s:
        actions = set(s.scalars(select(AuditEntry.action)))
    assert {"incident.stop", "incident.resume", "incident.overdue.publish_now"} <= actions


def test_stop_can_hold_replies_and_send_a_holding_statement(desk: Any) -> None:
    d = desk
    press = d.people["press"]
    reply = _schedule(d, "@resident we will get back to you", 0, OutboundKind.REPLY)
    statement = d.service.create(
        press,
        Draft(
            "We are responding to an incident in Kamppi. Avoid the area.",
            (d.acc[Platform.X].id, d.acc[Platform.MASTODON].id),
        ),
    )
    IncidentStop(d.ctx).start(press, "Shooting reported", stop_replies=True, holding_statement_id=statement)
    outcomes = Publisher(d.ctx, d.pool).run_due()
    assert len(outcomes) == 2  # the statement to both accounts, the reply held
    assert _state(d, reply) == OutboundState.HELD.value
    assert _state(d, statement) == OutboundState.DONE.value


def test_overdue_posts_dropped_or_rescheduled_in_one_action(desk: Any) -> None:
    d = desk
    press, supervisor = d.people["press"], d.people["supervisor"]
    a = _schedule(d, "First planned post", 5)
    b = _schedule(d, "Second planned post", 6)
    stop = IncidentStop(d.ctx)
    stop.start(press, "Critical incident")
    with pytest.raises(DeskError, match="already"):
        stop.start(press, "Another one")
    d.ctx.clock.advance(3600)
    assert {o.outbound_id for o in stop.resume(supervisor)} == {a, b}
    with pytest.raises(ValidationFailed, match="future time"):
        stop.decide(press, {b: OverdueChoice.RESCHEDULE})
    tomorrow = d.ctx.clock.now() + timedelta(days=1)
    stop.decide(press, {a: OverdueChoice.DROP, b: OverdueChoice.RESCHEDULE}, reschedule_to={b: tomorrow})
    assert _state(d, a) == OutboundState.CANCELLED.value
    with d.ctx.sessions() as s:
        assert s.get(OutboundItem, b).due_at == tomorrow
    assert stop.overdue() == []


def test_only_broadcasters_start_a_stop(desk: Any) -> None:
    with pytest.raises(PermissionDenied):
        IncidentStop(desk.ctx).start(desk.people["officer"], "I think we should stop")
    with pytest.raises(ValidationFailed):
        IncidentStop(desk.ctx).start(desk.people["press"], "")
