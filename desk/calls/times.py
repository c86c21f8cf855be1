"""Naive local times to UTC, with daylight-saving flags, and synthetic times for month-only dates."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

#: Formats tried when a preset names none (date and time joined by one space).
AUTO_FORMATS: tuple[str, ...] = (
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M:%S.%f",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%m/%d/%Y %I:%M:%S %p",
    "%m/%d/%Y %I:%M %p",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d/%m/%Y %H:%M",
    "%Y-%m-%d",
)
MONTH_FORMATS: tuple[str, ...] = ("%Y-%m", "%m/%Y", "%Y/%m")


class TimeFlag(enum.StrEnum):
    """Why a stored time needs a second look."""

    DST_REPEATED = "dst_repeated"  # the wall time happened twice; the first (summer-time) reading is kept
    DST_SKIPPED = "dst_skipped"  # the wall time never happened; read as if the clocks had not moved yet
    SYNTHETIC = "synthetic"  # the source had no time of day; spread over a window


class BadTime(ValueError):
    """A time that matches none of the formats."""


def localise(naive: datetime, zone: ZoneInfo) -> tuple[datetime, TimeFlag | None]:
    """A naive wall time in ``zone`` as UTC, flagged when it falls in a repeated or skipped hour."""
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(UTC), None
    # A wall time that does not survive the round trip through UTC was skipped by the clocks.
    roundtrip = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if roundtrip != naive:
        return first.astimezone(UTC), TimeFlag.DST_SKIPPED
    return first.astimezone(UTC), TimeFlag.DST_REPEATED


_FIELD_PATTERNS = {
    "%Y": r"(\d{4})",
    "%y": r"(\d{2})",
    "%m": r"(\d{1,2})",
    "%d": r"(\d{1,2})",
    "%H": r"(\d{1,2})",
    "%M": r"(\d{2})",
    "%S": r"(\d{2})",
}


@dataclass(frozen=True)
class _FastFormat:
    """A simple numeric strptime format as a regular expression (strptime is slow per row)."""

    pattern: re.Pattern[str]
    slots: tuple[str, ...]  # which directive each group is
    year_at: int | None = field(init=False, default=None)
    short_year: bool = field(init=False, default=False)
    rest_at: tuple[int | None, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        # Group positions worked out once: this runs for every row of big files.
        where = self.slots
        at = {d: where.index(d) for d in where}
        object.__setattr__(self, "year_at", at.get("%Y", at.get("%y")))
        object.__setattr__(self, "short_year", "%y" in at)
        object.__setattr__(self, "rest_at", tuple(at.get(d) for d in ("%m", "%d", "%H", "%M", "%S")))

    def fields(self, text: str) -> tuple[int, int, int, int, int, int] | None:
        """Year, month, day, hour, minute, second; None when the text does not match."""
        match = self.pattern.match(text)
        if match is None:
            return None
        got = match.groups()
        y = self.year_at
        if y is None:
            year = 1900
        else:
            year = int(got[y])
            if self.short_year:
                year += 1900 if year >= 69 else 2000  # strptime's pivot
        m, d, hh, mm, ss = self.rest_at
        return (
            year,
            1 if m is None else int(got[m]),
            1 if d is None else int(got[d]),
            0 if hh is None else int(got[hh]),
            0 if mm is None else int(got[mm]),
            0 if ss is None else int(got[ss]),
        )


def _fast_format(fmt: str) -> _FastFormat | None:
    out: list[str] = []
    slots: list[str] = []
    i = 0
    while i < len(fmt):
        if fmt[i] == "%":
            directive = fmt[i : i + 2]
            if directive not in _FIELD_PATTERNS or directive in slots:
                return None
            out.append(_FIELD_PATTERNS[directive])
            slots.append(directive)
            i += 2
        else:
            out.append(re.escape(fmt[i]))
            i += 1
    return _FastFormat(re.compile("".join(out) + r"\Z"), tuple(slots))


class TimeReader:
    """Parses the raw time text of rows; daylight-saving decisions are cached per half hour."""

    def __init__(self, zone: ZoneInfo, formats: list[str] | tuple[str, ...] = (), *, month_only: bool = False):
        self.zone = zone
        self.month_only = month_only
        self.formats = tuple(formats) or (MONTH_FORMATS if month_only else AUTO_FORMATS)
        self._patterns = [(fmt, _fast_format(fmt)) for fmt in self.formats]
        self._offsets: dict[tuple[int, int, int, int, int], tuple[timedelta, TimeFlag | None]] = {}

    def _naive(self, text: str) -> datetime | None:
        for fmt, pattern in self._patterns:
            if pattern is not None:
                parts = pattern.fields(text)
                if parts is None:
                    continue
                try:
                    # A naive wall time on purpose: it is localised in the preset's zone below.
                    return datetime(*parts)  # noqa: DTZ001
                except ValueError:  # e.g. month 13
                    continue
            try:
                return datetime.strptime(text, fmt)  # noqa: DTZ007 - a wall time, localised by the caller
            except ValueError:
                continue
        return None

    def read(self, raw: str) -> tuple[datetime, TimeFlag | None]:
        """UTC time and flag for ``raw``; raises :class:`BadTime` naming the text."""
        text = raw if raw.isprintable() and "  " not in raw and raw == raw.strip() else " ".join(raw.split())
        if not text:
            raise BadTime("no time given")
        fast = self._patterns[0][1]
        parts = fast.fields(text) if fast is not None else None
        if parts is not None:
            # The common case: the preset's first format, numeric. No naive datetime is built.
            year, month, day, hour, minute, second = parts
            slot = (year, month, day, hour, minute // 30)
            known = self._offsets.get(slot)
            if known is not None:
                try:
                    when = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
                except ValueError:
                    pass  # let the slow path try the other formats
                else:
                    return when - known[0], TimeFlag.SYNTHETIC if self.month_only else known[1]
        parsed = self._naive(text)
        if parsed is None:
            raise BadTime(f"time {text[:40]!r} matches none of the formats")
        if parsed.tzinfo is not None:
            return parsed.astimezone(UTC), None
        # Daylight saving is decided once per half hour of wall time (zones move clocks on the half hour).
        slot = (parsed.year, parsed.month, parsed.day, parsed.hour, parsed.minute // 30)
        known = self._offsets.get(slot)
        if known is None:
            start = parsed.replace(minute=parsed.minute // 30 * 30, second=0, microsecond=0)
            utc, flag = localise(start, self.zone)
            known = (start - utc.replace(tzinfo=None), flag)
            self._offsets[slot] = known
        offset, flag = known
        if self.month_only:
            flag = TimeFlag.SYNTHETIC
        return (parsed - offset).replace(tzinfo=UTC), flag


def spread(count: int, start: datetime, end: datetime) -> list[datetime]:
    """``count`` times spread evenly over ``[start, end)``, in order."""
    if count <= 0:
        return []
    if end <= start:
        raise ValueError("the window must end after it starts")
    step = (end - start) / count
    return [start + step * i for i in range(count)]


def month_window(months: list[datetime]) -> tuple[datetime, datetime]:
    """From the first day of the earliest month to the first day after the latest one."""
    first, last = min(months), max(months)
    after = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first, after
