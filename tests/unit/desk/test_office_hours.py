"""Office hours: time zones, DST, public holidays, and the response clocks built on them."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.errors import ValidationFailed
from desk.inbox import InboxService
from desk.office_hours import ALWAYS_OPEN, OfficeHours, OfficeHoursService, clock_elapsed, sla_remaining
from desk.ports import Stream
from desk.storage.models import Conversation
from tests.unit.desk.test_inbox_service import capabilities, make_account, page, people, rec, triage

__all__ = ["triage"]  # the shared fixture

HEL = ZoneInfo("Europe/Helsinki")
HOURS = OfficeHours("Europe/Helsinki", "FI")  # Mon–Fri 08–16 local


def hel(*args: int) -> datetime:
    return datetime(*args, tzinfo=HEL)  # type: ignore[misc,arg-type]


def test_a_working_day() -> None:
    assert HOURS.office_seconds_between(hel(2026, 1, 5, 7), hel(2026, 1, 5, 17)) == 8 * 3600
    assert HOURS.office_seconds_between(hel(2026, 1, 7, 15, 30), hel(2026, 1, 8, 8, 30)) == 3600
    # 6 January is Epiphany, a public holiday in Finland
    assert HOURS.office_seconds_between(hel(2026, 1, 5, 15, 30), hel(2026, 1, 6, 8, 30)) == 1800
    assert HOURS.office_seconds_between(hel(2026, 1, 9, 15), hel(2026, 1, 12, 9)) == 2 * 3600  # over a weekend
    assert HOURS.office_seconds_between(hel(2026, 1, 5, 12), hel(2026, 1, 5, 11)) == 0


def test_holidays_are_closed() -> None:
    # Independence Day 2027 is a Monday; Midsummer Eve 2026 is Friday 19 June.
    assert HOURS.is_holiday(date(2027, 12, 6)) and HOURS.is_holiday(date(2026, 6, 19))
    assert HOURS.office_seconds_between(hel(2027, 12, 6, 0), hel(2027, 12, 7, 0)) == 0
    assert HOURS.office_seconds_between(hel(2026, 6, 18, 15), hel(2026, 6, 22, 9)) == 2 * 3600
    assert not HOURS.is_open(hel(2026, 6, 19, 10))
    assert HOURS.is_open(hel(2026, 6, 18, 10))
    sweden = OfficeHours("Europe/Stockholm", "SE")
    assert sweden.is_holiday(date(2026, 6, 6))  # Sweden's national day, not Finland's
    assert not HOURS.is_holiday(date(2026, 6, 6))


def test_dst_days_have_their_real_length() -> None:
    always = OfficeHours("Europe/Helsinki", "FI", ALWAYS_OPEN, closed_on_holidays=False)
    # Spring forward on 29 March 2026: Saturday 00:00 to Monday 00:00 is 47 hours, not 48.
    assert always.office_seconds_between(hel(2026, 3, 28), hel(2026, 3, 30)) == 47 * 3600
    # Fall back on 25 October 2026: 49 hours.
    assert always.office_seconds_between(hel(2026, 10, 24), hel(2026, 10, 26)) == 49 * 3600
    # A desk open 08–16 is open 8 hours on both sides of the change, at local times.
    week = OfficeHours("Europe/Helsinki", "FI")
    friday, monday = hel(2026, 3, 27, 8), hel(2026, 3, 30, 16)
    assert week.office_seconds_between(friday, monday) == 16 * 3600
    assert week.is_open(datetime(2026, 3, 30, 5, 30, tzinfo=UTC))  # 08:30 EEST
    assert not week.is_open(datetime(2026, 3, 27, 5, 30, tzinfo=UTC))  # 07:30 EET


def test_closed_period_start() -> None:
    assert HOURS.closed_since(hel(2026, 1, 5, 10)) is None
    assert HOURS.closed_since(hel(2026, 1, 5, 20)) == hel(2026, 1, 5, 16).astimezone(UTC)
    assert HOURS.closed_since(hel(2026, 1, 11, 3)) == hel(2026, 1, 9, 16).astimezone(UTC)  # since Friday


def test_bad_schedules_are_refused_clearly() -> None:
    with pytest.raises(ValidationFailed, match="Unknown time zone"):
        OfficeHours("Mars/Olympus", "FI")
    with pytest.raises(ValidationFailed, match="ends before it starts"):
        OfficeHours("Europe/Helsinki", "FI", {0: ((time(16), time(8)),)})
    with pytest.raises(ValidationFailed, match="No public holidays"):
        OfficeHours("Europe/Helsinki", "XX")
    assert OfficeHours.from_document(HOURS.to_document()) == HOURS


@given(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
    st.integers(0, 20 * 24 * 3600),
    st.integers(0, 20 * 24 * 3600),
)
def test_office_seconds_add_up(start: datetime, a: int, b: int) -> None:
    t0 = start.replace(tzinfo=UTC)
    t1, t2 = t0 + timedelta(seconds=a), t0 + timedelta(seconds=a + b)
    whole = HOURS.office_seconds_between(t0, t2)
    assert whole == HOURS.office_seconds_between(t0, t1) + HOURS.office_seconds_between(t1, t2)
    assert 0 <= whole <= (t2 - t0).total_seconds()


class _State:
    def __init__(self, seconds: int, started: datetime | None) -> None:
        self.clock_seconds = seconds
        self.clock_started_at = started


def test_sla_clock() -> None:
    started = hel(2026, 1, 5, 15)
    state = _State(1800, started)
    assert clock_elapsed(state, hel(2026, 1, 7, 9), HOURS) == 1800 + 2 * 3600  # the 6th is a holiday
    assert sla_remaining(state, hel(2026, 1, 7, 9), HOURS, 4 * 3600) == 4 * 3600 - 1800 - 2 * 3600
    assert sla_remaining(_State(1800, None), hel(2026, 1, 9, 9), HOURS, 3600) == 1800  # paused


def test_response_times_with_office_hours(ctx: Any, clock: Any, triage: Any) -> None:
    """First response and resolution in office seconds; the clock pauses while waiting on the citizen."""
    who = people(ctx)
    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    account = make_account(ctx)
    arrived = hel(2026, 1, 12, 15, 0)  # Monday 15:00, one office hour left
    clock.set(arrived)
    inbox.ingest(account, Stream.MENTIONS, page(rec("1", at=arrived.astimezone(UTC))))
    with ctx.sessions() as session:
        cid = int(session.query(Conversation.id).scalar() or 0)
    clock.set(hel(2026, 1, 13, 9, 0))  # next morning: 1 h + 1 h of office time
    assert inbox.sla_remaining(cid, target_seconds=4 * 3600) == 2 * 3600
    out_id = inbox.reply(who["officer"], cid, "We are on it.", private=False)
    with ctx.transaction() as session:
        inbox.record_reply_published(session, out_id, 1, clock.now())
    inbox.set_status(who["officer"], cid, "waiting")  # paused from 09:00
    clock.set(hel(2026, 1, 15, 9, 0))  # two days later: not counted
    inbox.set_status(who["officer"], cid, "open")
    clock.set(hel(2026, 1, 15, 9, 30))
    inbox.set_status(who["officer"], cid, "closed")
    summary = inbox.conversation(cid).summary
    assert inbox.sla_remaining(cid) is None  # answered
    assert summary.first_response_seconds == 2 * 3600
    assert summary.resolution_seconds == 2 * 3600 + 1800
    assert summary.resolved_at == hel(2026, 1, 15, 9, 30)
    kinds = [e.kind for e in inbox.conversation(cid).events]
    assert kinds.count("first_response") == 1 and "resolved" in kinds
    # a second published reply does not move the first response
    with ctx.transaction() as session:
        inbox.record_reply_published(session, out_id, 1, clock.now())
    assert inbox.conversation(cid).summary.first_response_seconds == 2 * 3600


def test_office_hours_are_saved_per_station_by_administrators(ctx: Any) -> None:
    who = people(ctx)
    service = OfficeHoursService(ctx)
    assert service.for_station(None) == OfficeHours("Europe/Helsinki", "FI")
    custom = OfficeHours("Europe/Stockholm", "SE", {d: ((time(7), time(19)),) for d in range(6)})
    with pytest.raises(Exception, match="not allowed"):
        service.save(who["officer"], None, custom)
    service.save(who["admin"], None, custom)
    assert service.for_station(None) == custom
