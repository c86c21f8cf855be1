"""Office hours per station and the response clocks that respect them.

A station's week is a schedule of opening intervals in its IANA time zone; the public holidays of its
country (the ``holidays`` package) are closed days. Response clocks count *office* seconds: the clock
of a conversation runs while it is new or open and pauses while it waits on the citizen or is closed.
Schedules are stored as settings documents (``office_hours:<station id>`` or ``office_hours:default``),
with whether the out-of-office reply (:mod:`desk.autoreply`) answers citizens outside them.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.audit import summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import ValidationFailed
from desk.roles import Action
from desk.storage.models import Setting, Station

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Interval = tuple[time, time]
#: Monday to Friday 08:00–16:00 unless a station says otherwise.
DEFAULT_WEEK: Mapping[int, tuple[Interval, ...]] = {d: ((time(8), time(16)),) for d in range(5)}
#: An always-open week (a 24/7 digital desk).
ALWAYS_OPEN: Mapping[int, tuple[Interval, ...]] = {d: ((time(0), time(0)),) for d in range(7)}
#: The default target for the first response to an open item, in office seconds.
DEFAULT_SLA_SECONDS = 4 * 3600


@functools.lru_cache(maxsize=64)
def _holidays(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year).keys())


@dataclass(frozen=True)
class OfficeHours:
    """A station's weekly opening intervals in its time zone, closed on its country's public holidays.

    An interval ending at 00:00 runs to the end of the day."""

    timezone: str = "Europe/Helsinki"
    country: str = "FI"
    weekly: Mapping[int, tuple[Interval, ...]] = field(default_factory=lambda: dict(DEFAULT_WEEK))
    closed_on_holidays: bool = True
    #: Outside these hours a citizen gets the out-of-office reply (off for a desk watched around the clock).
    auto_reply: bool = True

    def __post_init__(self) -> None:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationFailed("office_hours.bad_timezone", "Unknown time zone {tz!r}.", tz=self.timezone) from None
        try:
            holidays.country_holidays(self.country)
        except NotImplementedError:
            raise ValidationFailed(
                "office_hours.bad_country", "No public holidays are known for country {c!r}.", c=self.country
            ) from None
        for day, intervals in self.weekly.items():
            if day not in range(7):
                raise ValidationFailed("office_hours.bad_day", "Weekday {d} is not 0 (Monday) to 6.", d=day)
            for start, end in intervals:
                if end != time(0) and end <= start:
                    raise ValidationFailed(
                        "office_hours.bad_interval",
                        "On {day} the interval {start}–{end} ends before it starts.",
                        day=DAYS[day],
                        start=start.isoformat("minutes"),
                        end=end.isoformat("minutes"),
                    )

    @property
    def zone(self) -> ZoneInfo:
        """The station's time zone."""
        return ZoneInfo(self.timezone)

    def is_holiday(self, day: date) -> bool:
        """Whether ``day`` is a public holiday in the station's country."""
        return self.closed_on_holidays and day in _holidays(self.country, day.year)

    def _intervals_on(self, day: date) -> list[tuple[datetime, datetime]]:
        """The UTC opening intervals of one local day (wall times localised, so DST days are shorter or longer)."""
        if self.is_holiday(day):
            return []
        zone = self.zone
        out = []
        for start, end in self.weekly.get(day.weekday(), ()):
            a = datetime.combine(day, start, tzinfo=zone)
            b = datetime.combine(day + timedelta(days=1) if end == time(0) else day, end, tzinfo=zone)
            out.append((a.astimezone(UTC), b.astimezone(UTC)))
        return out

    def office_seconds_between(self, start: datetime, end: datetime) -> int:
        """Office seconds between two aware instants (0 when ``end`` is not after ``start``)."""
        # Whole seconds on both ends, so durations add up exactly when a clock pauses and resumes.
        start, end = start.replace(microsecond=0), end.replace(microsecond=0)
        if end <= start:
            return 0
        zone = self.zone
        day = start.astimezone(zone).date() - timedelta(days=1)
        last = end.astimezone(zone).date()
        total = 0.0
        while day <= last:
            for a, b in self._intervals_on(day):
                lo, hi = max(a, start), min(b, end)
                if hi > lo:
                    total += (hi - lo).total_seconds()
            day += timedelta(days=1)
        return int(total)

    def is_open(self, when: datetime) -> bool:
        """Whether the desk is staffed at ``when``."""
        day = when.astimezone(self.zone).date()
        for d in (day - timedelta(days=1), day):
            for a, b in self._intervals_on(d):
                if a <= when < b:
                    return True
        return False

    def closed_since(self, when: datetime, horizon_days: int = 14) -> datetime | None:
        """When the closed period containing ``when`` began (None while open).

        Looks back at most ``horizon_days``; a longer closure counts from that horizon."""
        if self.is_open(when):
            return None
        zone = self.zone
        day = when.astimezone(zone).date()
        for back in range(horizon_days + 1):
            ends = [b for a, b in self._intervals_on(day - timedelta(days=back)) if b <= when]
            if ends:
                return max(ends)
        return when - timedelta(days=horizon_days)

    def to_document(self) -> dict[str, Any]:
        """A JSON document of the schedule (stored as a setting)."""
        return {
            "timezone": self.timezone,
            "country": self.country,
            "closed_on_holidays": self.closed_on_holidays,
            "auto_reply": self.auto_reply,
            "weekly": {
                DAYS[d]: [[a.isoformat("minutes"), b.isoformat("minutes")] for a, b in ivs]
                for d, ivs in sorted(self.weekly.items())
            },
        }

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> OfficeHours:
        """Read a stored schedule; a clear error names what is wrong."""
        try:
            weekly = {
                DAYS.index(name): tuple((time.fromisoformat(a), time.fromisoformat(b)) for a, b in ivs)
                for name, ivs in dict(doc.get("weekly", {})).items()
            }
        except (ValueError, TypeError) as exc:
            raise ValidationFailed("office_hours.unreadable", "Office hours cannot be read: {e}", e=str(exc)) from exc
        return cls(
            str(doc.get("timezone", "Europe/Helsinki")),
            str(doc.get("country", "FI")),
            weekly,
            bool(doc.get("closed_on_holidays", True)),
            bool(doc.get("auto_reply", True)),
        )


class ClockState(Protocol):
    """What a response clock is made of (a conversation row or record)."""

    clock_seconds: int
    clock_started_at: datetime | None


def clock_elapsed(state: ClockState, now: datetime, hours: OfficeHours) -> int:
    """Office seconds the response clock has run so far, including the running stretch."""
    running = 0 if state.clock_started_at is None else hours.office_seconds_between(state.clock_started_at, now)
    return int(state.clock_seconds or 0) + running


def sla_remaining(
    state: ClockState, now: datetime, hours: OfficeHours, target_seconds: int = DEFAULT_SLA_SECONDS
) -> int:
    """Office seconds left before the SLA target (negative when overdue)."""
    return target_seconds - clock_elapsed(state, now, hours)


def _key(station_id: int | None) -> str:
    return f"office_hours:{station_id if station_id is not None else 'default'}"


class OfficeHoursService:
    """Loads and saves office hours per station (administrators save, audited)."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def for_station(self, station_id: int | None, session: Session | None = None) -> OfficeHours:
        """The station's stored schedule, else the default week in the station's zone and country."""
        if session is None:
            with self.ctx.sessions() as own:
                return self.for_station(station_id, own)
        row = session.get(Setting, _key(station_id))
        if row is not None:
            return OfficeHours.from_document(row.value)
        if station_id is not None:
            station = session.get(Station, station_id)
            if station is not None:
                return OfficeHours(station.timezone, station.country)
            return self.for_station(None, session)
        from desk.settings import SETTINGS_KEY, DeskSettings, migrate

        doc = session.scalars(select(Setting.value).where(Setting.key == SETTINGS_KEY)).one_or_none()
        station_settings = DeskSettings.model_validate(migrate(dict(doc))).station if doc else DeskSettings().station
        return OfficeHours(station_settings.timezone, station_settings.country)

    def save(self, by: Identity, station_id: int | None, hours: OfficeHours) -> None:
        """Store a station's office hours."""
        require(by, Action.MANAGE_SETTINGS)
        with self.ctx.transaction() as session:
            key = _key(station_id)
            row = session.get(Setting, key)
            before = None if row is None else dict(row.value)
            doc = hours.to_document()
            if row is None:
                session.add(Setting(key=key, value=doc, updated_at=self.ctx.clock.now(), updated_by=by.user_id))
            else:
                row.value = doc
                row.updated_at = self.ctx.clock.now()
                row.updated_by = by.user_id
            self.ctx.audit.append(
                session, by.actor, "office_hours.save", "station", station_id or "default", summarise(before, doc)
            )
