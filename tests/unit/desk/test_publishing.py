"""Publishing: drafts, guard, approvals, and exactly-once delivery on SQLite and PostgreSQL.

The publisher is what is under test here, so the platform side is a scripted connector that implements
the port; the real connectors meet the real sandbox in tests/integration.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from desk.errors import PermissionDenied, ValidationFailed
from desk.ports import (
    Platform,
    RateLimited,
    Rejected,
    Transient,
    Unconfirmed,
)
from desk.publishing import Draft, GuardBlocked, Publisher
from desk.storage.models import AuditEntry, Delivery, DeliveryState, OutboundItem, OutboundState
from tests.unit.desk.conftest import CAPS

PW = "correct horse battery"


def _ids(d: Any, *platforms: Platform) -> tuple[int, ...]:
    return tuple(d.acc[p].id for p in platforms)


def test_press_officer_schedules_and_it_publishes_once_per_account(desk: Any) -> None:
    press = desk.people["press"]
    oid = desk.service.create(press, Draft("Road safety week starts today. #roadsafety", _ids(desk, *CAPS)))
    assert desk.service.submit(press, oid) is OutboundState.SCHEDULED
    publisher = Publisher(desk.ctx, desk.pool)
    outcomes = publisher.run_due()
    assert sorted(o.state for o in outcomes) == [DeliveryState.PUBLISHED] * 3
    assert publisher.run_due() == []  # nothing is sent twice
    assert sum(len(c.sent) for c in desk.connectors.values()) == 3
    with desk.ctx.sessions() as s:
        assert s.get(OutboundItem, oid).state == OutboundState.DONE.value


def test_officers_need_approval_and_nobody_approves_their_own(desk: Any) -> None:
    officer, press, supervisor = desk.people["officer"], desk.people["press"], desk.people["supervisor"]
    oid = desk.service.create(officer, Draft("Patrol in Kallio tonight, all calm.", _ids(desk, Platform.X)))
    assert desk.service.submit(officer, oid) is OutboundState.AWAITING_APPROVAL
    with pytest.raises(PermissionDenied):
        desk.service.approve(officer, oid)
    oid2 = desk.service.create(press, Draft("Press draft", _ids(desk, Platform.X), due_at=desk.ctx.clock.now()))
    with desk.ctx.transaction() as s:  # a press officer's draft sent for approval
        s.get(OutboundItem, oid2).state = OutboundState.AWAITING_APPROVAL.value
    with pytest.raises(ValidationFailed, match="own post"):
        desk.service.approve(press, oid2)
    desk.service.approve(supervisor, oid)
    assert Publisher(desk.ctx, desk.pool).run_due()[0].state is DeliveryState.PUBLISHED
    with pytest.raises(PermissionDenied):
        desk.service.create(desk.people["admin"], Draft("x", _ids(desk, Platform.X)))


def test_the_guard_blocks_and_a_supervisor_overrides_with_a_reason(desk: Any) -> None:
    press, supervisor = desk.people["press"], desk.people["supervisor"]
    text = "Witness appeal: call Detective Virtanen on 040 123 4567."
    oid = desk.service.create(press, Draft(text, _ids(desk, Platform.MASTODON)))
    with pytest.raises(GuardBlocked) as info:
        desk.service.submit(press, oid)
    fingerprints = [h.fingerprint for h in info.value.hits]
    with desk.ctx.sessions() as s:
        assert s.get(OutboundItem, oid).state == OutboundState.DRAFT.value  # nothing queued
    with pytest.raises(PermissionDenied):
        desk.service.submit(press, oid, waived=fingerprints, override_reason="The number is the incident room's.")
    with pytest.raises(ValidationFailed, match="why"):
        desk.service.submit(supervisor, oid, waived=fingerprints, override_reason="ok")
    desk.service.submit(supervisor, oid, waived=fingerprints, override_reason="The number is the incident room's.")
    with desk.ctx.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "guard.override")).one()
    assert entry.actor == "sari" and "incident room" in entry.summary


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (Draft("", ()), "at least one account"),
        (Draft("   ", (1,)), "empty"),
        (Draft("x" * 281, (1,)), "281 of 280"),
    ],
)
def test_bad_drafts_get_clear_messages(desk: Any, draft: Draft, message: str) -> None:
    if draft.account_ids:
        draft = Draft(draft.text, _ids(desk, Platform.X))
    with pytest.raises(ValidationFailed, match=message):
        desk.service.create(desk.people["press"], draft)


def test_a_time_in_the_past_is_refused(desk: Any) -> None:
    past = desk.ctx.clock.now() - timedelta(hours=1)
    with pytest.raises(ValidationFailed, match="in the past"):
        desk.service.create(desk.people["press"], Draft("Hello", _ids(desk, Platform.X), due_at=past))


def test_transient_errors_retry_with_backoff_and_rate_limits_wait(desk: Any) -> None:
    press = desk.people["press"]
    x = desk.acc[Platform.X].id
    until = desk.ctx.clock.now() + timedelta(minutes=15)
    desk.scripts[x].extend([Transient("connection reset"), RateLimited("429", until=until)])
    oid = desk.service.create(press, Draft("Hello from the desk", (x,)))
    desk.service.submit(press, oid)
    publisher = Publisher(desk.ctx, desk.pool)
    assert publisher.run_due()[0].state is DeliveryState.PENDING
    assert publisher.run_due() == []  # backing off
    desk.ctx.clock.advance(3600)
    assert publisher.run_due()[0].state is DeliveryState.PENDING  # rate limited now
    view = desk.service.deliveries(oid)[0]
    assert view.next_attempt_at == until and view.error_code == "connector.rate_limited"
    desk.ctx.clock.set(until + timedelta(seconds=1))
    assert publisher.run_due()[0].state is DeliveryState.PUBLISHED


def test_rejections_fail_with_the_platform_message(desk: Any) -> None:
    press = desk.people["press"]
    x = desk.acc[Platform.X].id
    desk.scripts[x].append(Rejected("You are not allowed to create a Tweet with duplicate content."))
    oid = desk.service.create(press, Draft("Same again", (x,)))
    desk.service.submit(press, oid)
    outcome = Publisher(desk.ctx, desk.pool).run_due()[0]
    assert outcome.state is DeliveryState.FAILED and "duplicate" in (outcome.message or "")


def test_unknown_outcomes_are_never_resent_blindly(desk: Any) -> None:
    press, officer = desk.people["press"], desk.people["officer"]
    m = desk.acc[Platform.MASTODON].id
    desk.scripts[m].append(Unconfirmed("read timeout after sending"))
    oid = desk.service.create(press, Draft("Careful with the ice this morning", (m,)))
    desk.service.submit(press, oid)
    publisher = Publisher(desk.ctx, desk.pool)
    assert publisher.run_due()[0].state is DeliveryState.UNCONFIRMED
    desk.ctx.clock.advance(24 * 3600)
    assert publisher.run_due() == []
    # A person checks: the platform has it (by idempotency key), so it becomes published without re-sending.
    assert publisher.check_unconfirmed(officer, desk.service.deliveries(oid)[0].id) is DeliveryState.PUBLISHED
    assert len(desk.connectors[m].sent) == 1


def test_rows_left_mid_send_become_unconfirmed_at_start(desk: Any) -> None:
    press = desk.people["press"]
    oid = desk.service.create(press, Draft("Crash test", _ids(desk, Platform.X)))
    desk.service.submit(press, oid)
    crashed = Publisher(desk.ctx, desk.pool, worker="crashed")
    assert len(crashed.claim()) == 1  # claimed, then the process died before sending
    desk.ctx.clock.advance(600)
    fresh = Publisher(desk.ctx, desk.pool)
    assert fresh.resolve_interrupted() == 1
    assert desk.service.deliveries(oid)[0].state is DeliveryState.UNCONFIRMED
    assert fresh.run_due() == []


def test_claims_have_exactly_one_winner(desk: Any) -> None:
    press = desk.people["press"]
    for i in range(12):
        oid = desk.service.create(press, Draft(f"Post number {i}", _ids(desk, *CAPS)))
        desk.service.submit(press, oid)
    won: list[list[int]] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        claimed = Publisher(desk.ctx, desk.pool, worker=f"w{n}").claim(limit=100)
        with lock:
            won.append(claimed)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    flat = [d for claimed in won for d in claimed]
    assert len(flat) == len(set(flat)) == 36
    with desk.ctx.sessions() as s:
        assert set(s.scalars(select(Delivery.state))) == {DeliveryState.SENDING.value}


def test_cancel_stops_what_has_not_gone(desk: Any) -> None:
    press = desk.people["press"]
    later = desk.ctx.clock.now() + timedelta(hours=2)
    oid = desk.service.create(press, Draft("Later post", _ids(desk, Platform.X), due_at=later))
    desk.service.submit(press, oid)
    desk.service.cancel(press, oid)
    desk.ctx.clock.advance(3 * 3600)
    assert Publisher(desk.ctx, desk.pool).run_due() == []


def test_photos_go_out_cleaned_with_alt_text_and_limits_hold(desk: Any, reference_dir: Any, tmp_path: Any) -> None:
    from desk.media import MediaStore
    from desk.photos import clean_photo, has_metadata

    store = MediaStore(desk.ctx.data_dir / "media")
    photo = clean_photo((reference_dir / "images" / "astronaut.png").read_bytes())
    with pytest.raises(ValidationFailed, match="alt text"):
        store.put(photo, "  ")
    ref = store.put(photo, "An officer at the station open day")
    press = desk.people["press"]
    x = desk.acc[Platform.X].id
    with pytest.raises(ValidationFailed, match="at most 4 photos"):
        desk.service.create(press, Draft("Open day", (x,), media=(ref,) * 5))
    oid = desk.service.create(press, Draft("Open day at Pasila station today", (x,), media=(ref,)))
    desk.service.submit(press, oid)
    assert Publisher(desk.ctx, desk.pool).run_due()[0].state is DeliveryState.PUBLISHED
    sent = desk.connectors[x].sent[0]
    assert len(sent.media) == 1 and sent.media[0].alt_text == "An officer at the station open day"
    assert not has_metadata(sent.media[0].data)
