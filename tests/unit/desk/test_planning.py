"""Planning: campaigns, the calendar, queue slots, rescheduling, appeals and taking them down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from desk.campaigns import AppealKind, PlanningService
from desk.errors import PermissionDenied, ValidationFailed
from desk.ports import Platform
from desk.publishing import Draft, Publisher
from desk.storage.models import DeliveryState


def test_a_week_of_campaign_posts_on_the_calendar(desk: Any) -> None:
    press = desk.people["press"]
    plan = PlanningService(desk.ctx)
    start = desk.ctx.clock.now()
    week = plan.create_campaign(press, "Road safety week", starts_at=start, ends_at=start + timedelta(days=7))
    ids = list(desk.acc[p].id for p in (Platform.X, Platform.MASTODON))
    for day in range(7):
        oid = desk.service.create(
            press,
            Draft(
                f"Road safety, day {day + 1}",
                tuple(ids),
                due_at=start + timedelta(days=day, hours=2),
                campaign_id=week.id,
            ),
        )
        desk.service.submit(press, oid)
    entries = plan.calendar(start, start + timedelta(days=7))
    assert len(entries) == 7 and all(e.campaign_id == week.id for e in entries)
    assert entries[0].platforms == ("mastodon", "x")
    assert plan.calendar(start, start + timedelta(days=7), account_ids=[desk.acc[Platform.BLUESKY].id]) == []
    with pytest.raises(PermissionDenied):
        plan.create_campaign(desk.people["officer"], "Mine")


def test_drag_to_reschedule(desk: Any) -> None:
    press = desk.people["press"]
    plan = PlanningService(desk.ctx)
    due = desk.ctx.clock.now() + timedelta(hours=5)
    oid = desk.service.create(press, Draft("Moved post", (desk.acc[Platform.X].id,), due_at=due))
    desk.service.submit(press, oid)
    plan.reschedule(press, oid, due + timedelta(days=1))
    assert plan.calendar(due, due + timedelta(days=2))[0].due_at == due + timedelta(days=1)
    with pytest.raises(ValidationFailed, match="past"):
        plan.reschedule(press, oid, desk.ctx.clock.now() - timedelta(minutes=1))
    with pytest.raises(PermissionDenied):
        plan.reschedule(desk.people["officer"], oid, due + timedelta(days=2))


def test_add_to_queue_takes_the_next_free_slot(desk: Any) -> None:
    press = desk.people["press"]
    plan = PlanningService(desk.ctx, timezone="Europe/Helsinki")
    x = desk.acc[Platform.X].id
    plan.set_slots(press, x, ["09:00", "15:00"])
    # The clock reads Monday 2026-01-05 09:00 UTC = 11:00 in Helsinki: the next slot is 15:00 local (13:00 UTC).
    first = plan.next_free_slot([x])
    assert first == datetime(2026, 1, 5, 13, 0, tzinfo=UTC)
    oid = desk.service.create(press, Draft("Queued", (x,), due_at=first))
    desk.service.submit(press, oid)
    assert plan.next_free_slot([x]) == datetime(2026, 1, 6, 7, 0, tzinfo=UTC)  # 09:00 next morning
    assert plan.next_free_slot([x], exclude=oid) == first  # the post being edited keeps its own slot
    with pytest.raises(ValidationFailed, match="08:30"):
        plan.set_slots(press, x, ["nine o'clock"])


def test_appeals_come_back_for_review_and_are_taken_down(desk: Any) -> None:
    press, officer = desk.people["press"], desk.people["officer"]
    plan = PlanningService(desk.ctx)
    ids = (desk.acc[Platform.X].id, desk.acc[Platform.MASTODON].id)
    oid = desk.service.create(press, Draft("Missing: have you seen this man? Call 112.", ids))
    desk.service.submit(press, oid)
    publisher = Publisher(desk.ctx, desk.pool)
    assert [o.state for o in publisher.run_due()] == [DeliveryState.PUBLISHED] * 2
    plan.mark_appeal(press, oid, AppealKind.MISSING_PERSON, desk.ctx.clock.now() + timedelta(days=3))
    assert plan.appeals_due() == []
    plan.resolve_appeal(officer, oid, "found safe")
    due = plan.appeals_due()
    assert [(a.outbound_id, a.reason) for a in due] == [(oid, "resolved")]

    deleted: list[str] = []
    for connector in desk.connectors.values():
        connector.delete = deleted.append  # the platform side records what it was asked to delete
    outcomes = publisher.delete_everywhere(officer, oid)
    assert [o.state for o in outcomes] == [DeliveryState.DELETED] * 2 and len(deleted) == 2
    plan.close_appeal(officer, oid, taken_down=True)
    assert plan.appeals_due() == []


def test_an_appeal_past_its_review_date_asks_again(desk: Any) -> None:
    press = desk.people["press"]
    plan = PlanningService(desk.ctx)
    oid = desk.service.create(press, Draft("Witness appeal: collision on Hämeentie", (desk.acc[Platform.X].id,)))
    desk.service.submit(press, oid)
    Publisher(desk.ctx, desk.pool).run_due()
    plan.mark_appeal(press, oid, AppealKind.WITNESS_APPEAL, desk.ctx.clock.now() + timedelta(days=1))
    desk.ctx.clock.advance(2 * 86400)
    assert [a.reason for a in plan.appeals_due()] == ["review_date"]
    with pytest.raises(ValidationFailed, match="later review date"):
        plan.close_appeal(press, oid, taken_down=False)
    plan.close_appeal(press, oid, taken_down=False, extend_to=desk.ctx.clock.now() + timedelta(days=7))
    assert plan.appeals_due() == []


def test_add_to_queue_leaves_the_reply_reserve_free(desk: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from desk.tweetathon.planner import DEFAULT_WINDOWS, Window

    # A budget of two posts a day: with 20 % kept for replies, a broadcast may take one.
    monkeypatch.setitem(DEFAULT_WINDOWS, Platform.X, (Window(2, 24 * 3600),))
    press = desk.people["press"]
    plan = PlanningService(desk.ctx, timezone="Europe/Helsinki")
    x = desk.acc[Platform.X].id
    plan.set_slots(press, x, ["09:00", "15:00"])
    oid = desk.service.create(press, Draft("Queued", (x,), due_at=plan.next_free_slot([x])))
    desk.service.submit(press, oid)
    # 09:00 next morning is 18 hours after the 15:00 post: a second broadcast would spend the reserve.
    assert plan.next_free_slot([x]) == datetime(2026, 1, 6, 13, 0, tzinfo=UTC)  # 15:00 next day, 24 h later
