"""Emergencies (banner, acknowledgement, hand-off, escalation, one-click reply) and canned replies."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from desk.autoreply import needs_auto_reply
from desk.canned import DEFAULTS, LANGUAGES, OUT_OF_OFFICE, CannedReplyService, render
from desk.emergency import EmergencyService
from desk.errors import PermissionDenied, ValidationFailed
from desk.inbox import InboxService
from desk.office_hours import OfficeHours
from desk.ports import Stream
from desk.storage.models import AuditEntry, ConversationEvent, OutboundItem
from tests.unit.desk.test_inbox_service import capabilities, make_account, page, people, rec, triage

__all__ = ["triage"]


@pytest.fixture
def emergency(ctx: Any, triage: Any) -> tuple[EmergencyService, InboxService, dict[str, Any], int]:
    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    who = people(ctx)
    CannedReplyService(ctx).seed_defaults()
    notice = inbox.ingest(
        make_account(ctx), Stream.MENTIONS, page(rec("e1", "Help! Someone is breaking into my house right now"))
    )
    return EmergencyService(ctx, inbox, ack_seconds=120), inbox, who, notice.emergency_ids[0]


def _audited(ctx: Any, action: str) -> int:
    with ctx.sessions() as session:
        return int(session.scalar(select(func.count()).where(AuditEntry.action == action)) or 0)


def test_acknowledge_and_hand_over(ctx: Any, emergency: Any) -> None:
    service, _inbox, who, eid = emergency
    banner = service.open()
    assert [e.id for e in banner] == [eid] and "breaking into" in banner[0].text
    with pytest.raises(PermissionDenied):
        service.acknowledge(who["admin"], eid)
    record = service.acknowledge(who["officer"], eid)
    assert record.acknowledged_by == who["officer"].user_id
    with pytest.raises(ValidationFailed, match="already acknowledged"):
        service.acknowledge(who["officer2"], eid)
    with pytest.raises(ValidationFailed, match="control room was told"):
        service.hand_over(who["officer"], eid, "  ")
    done = service.hand_over(who["officer"], eid, "Phoned the control room, ref 2026/555")
    assert done.handover_note == "Phoned the control room, ref 2026/555"
    assert service.open() == []
    assert _audited(ctx, "emergency.acknowledge") == 1 and _audited(ctx, "emergency.hand_over") == 1


def test_escalates_when_nobody_acknowledges(ctx: Any, clock: Any, emergency: Any) -> None:
    service, _inbox, who, eid = emergency
    clock.advance(119)
    assert service.escalate_overdue() == []
    clock.advance(2)
    escalations = service.escalate_overdue()
    assert [e.emergency_id for e in escalations] == [eid]
    assert escalations[0].supervisor_ids == (who["supervisor"].user_id,)
    assert service.escalate_overdue(clock.now() + timedelta(hours=1)) == []  # once only
    assert service.get(eid).escalated_at == clock.now()
    assert _audited(ctx, "emergency.escalate") == 1


def test_acknowledged_in_time_is_not_escalated(clock: Any, emergency: Any) -> None:
    service, _inbox, who, eid = emergency
    service.acknowledge(who["officer"], eid)
    clock.advance(3600)
    assert service.escalate_overdue() == []


def test_one_click_reply_points_to_the_emergency_number(ctx: Any, emergency: Any) -> None:
    service, _inbox, who, eid = emergency
    out_id = service.reply_with_emergency_number(who["officer"], eid, "en")
    with ctx.sessions() as session:
        out = session.get(OutboundItem, out_id)
    assert out is not None and "call 112 immediately" in out.text and out.state == "scheduled"
    assert "Citizen u1" in out.text and "Helsinki Police Department" in out.text


def test_canned_rendering_and_errors() -> None:
    values = {
        "name": "Aino",
        "officer": "Ville",
        "station": "Itä-Helsinki",
        "reference": "R-1",
        "emergency_number": "112",
    }
    assert render("Hei {name}, – {officer}", values) == "Hei Aino, – Ville"
    with pytest.raises(ValidationFailed, match=r"Unknown variable \{nimi\}"):
        render("Hei {nimi}", values)
    with pytest.raises(ValidationFailed, match=r"Fill in \{reference\}"):
        render("Ref {reference}", {**values, "reference": ""})
    with pytest.raises(ValidationFailed, match="braces"):
        render("Hei {name", values)
    for (name, lang), body in DEFAULTS.items():
        assert render(body, values), (name, lang)
    for lang in LANGUAGES:
        assert "112" in render(DEFAULTS[(OUT_OF_OFFICE, lang)], values)


def test_administrators_edit_canned_replies(ctx: Any) -> None:
    who = people(ctx)
    service = CannedReplyService(ctx)
    assert service.seed_defaults() == len(DEFAULTS)
    assert service.seed_defaults() == 0
    with pytest.raises(PermissionDenied):
        service.save(who["officer"], "thanks", "en", "Thanks {name}")
    with pytest.raises(ValidationFailed, match="Unknown variable"):
        service.save(who["admin"], "thanks", "en", "Thanks {citizen}")
    saved = service.save(who["admin"], "thanks", "en", "Thanks {name}!")
    assert service.find("thanks", "en") == saved
    assert len(service.list("fi")) == len([k for k in DEFAULTS if k[1] == "fi"])
    assert service.seed_defaults() == 0 and service.find("thanks", "en") == saved  # an edit is never overwritten
    service.delete(who["admin"], saved.id)
    assert service.find("thanks", "en") is None
    assert _audited(ctx, "canned.save") == 1 and _audited(ctx, "canned.delete") == 1


def test_out_of_office_reply_once_per_closed_period(ctx: Any, clock: Any, triage: Any) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    hel = ZoneInfo("Europe/Helsinki")
    hours = OfficeHours("Europe/Helsinki", "FI")
    inbox = InboxService(ctx, triage)
    inbox.ingest(make_account(ctx), Stream.MENTIONS, page(rec("1")))
    with ctx.transaction() as session:
        cid = int(session.scalar(select(ConversationEvent.conversation_id)) or 0)
        evening = datetime(2026, 1, 7, 19, tzinfo=hel)
        assert not needs_auto_reply(session, cid, datetime(2026, 1, 7, 10, tzinfo=hel), hours)
        assert needs_auto_reply(session, cid, evening, hours)
        session.add(ConversationEvent(conversation_id=cid, kind="auto_reply", at=evening, detail={}))
        session.flush()
        assert not needs_auto_reply(session, cid, datetime(2026, 1, 7, 23, tzinfo=hel), hours)
        assert needs_auto_reply(session, cid, datetime(2026, 1, 8, 17, tzinfo=hel), hours)  # the next evening


def test_out_of_office_replier_answers_once_in_the_citizens_language(ctx: Any, clock: Any, triage: Any) -> None:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from desk.autoreply import OutOfOfficeReplier

    hel = ZoneInfo("Europe/Helsinki")
    CannedReplyService(ctx).seed_defaults()
    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    replier = OutOfOfficeReplier(ctx, inbox)
    account = make_account(ctx)
    night = datetime(2026, 1, 7, 22, tzinfo=hel)
    clock.set(night)
    first = inbox.ingest(account, Stream.MENTIONS, page(rec("1", "Hei, kysymys", at=night, lang="fi")))
    queued = replier.handle(first.conversation_ids)
    assert len(queued) == 1
    clock.set(datetime(2026, 1, 7, 23, tzinfo=hel))
    second = inbox.ingest(account, Stream.MENTIONS, page(rec("2", "Vielä yksi", at=clock.now(), lang="fi")))
    assert replier.handle(second.conversation_ids) == []  # once per closed period
    clock.set(datetime(2026, 1, 8, 10, tzinfo=hel))
    third = inbox.ingest(account, Stream.MENTIONS, page(rec("3", "Päivällä", at=clock.now(), lang="fi")))
    assert replier.handle(third.conversation_ids) == []  # office hours: people answer
    with ctx.sessions() as session:
        out = session.get(OutboundItem, queued[0])
    assert out is not None and out.kind == "auto_reply" and out.state == "scheduled"
    assert "ympäri vuorokauden" in out.text and "112" in out.text
    assert _audited(ctx, "inbox.auto_reply") == 1
