"""Dates and times in English, Finnish and Swedish forms, and dates of birth (a date with a birth context)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import regex

from desk.redaction.text import alternation, word_list

_MONTHS_EN = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTHS_FI = (
    "tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta|"
    "lokakuuta|marraskuuta|joulukuuta"
)
_MONTHS_SV = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|okt"
_NUMBER = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan", "tammikuuta", "januari"),
            ("february", "feb", "helmikuuta", "februari"),
            ("march", "mar", "maaliskuuta", "mars"),
            ("april", "apr", "huhtikuuta"),
            ("may", "toukokuuta", "maj"),
            ("june", "jun", "kesäkuuta", "juni"),
            ("july", "jul", "heinäkuuta", "juli"),
            ("august", "aug", "elokuuta", "augusti"),
            ("september", "sep", "sept", "syyskuuta"),
            ("october", "oct", "lokakuuta", "oktober", "okt"),
            ("november", "nov", "marraskuuta"),
            ("december", "dec", "joulukuuta"),
        ],
        start=1,
    )
    for name in names
}

_NUMERIC = regex.compile(
    r"(?<![\w.,/-])(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})([./-])(\d{1,2})\5(\d{4}|\d{2})|(\d{1,2})\.(\d{1,2})\.)(?![\w/]|[.,-]\d)"
)
_WORDY = regex.compile(
    rf"(?i)(?<!\w)(?:(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+|den\s+)?({_MONTHS_EN}|{_MONTHS_FI}|{_MONTHS_SV})\b\.?"
    rf"(?:,?\s+(\d{{4}}))?|({_MONTHS_EN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?)(?!\w)"
)
_TIME = regex.compile(r"(?<![\w.:])\d{1,2}[:.]\d{2}(?![\w]|[.:]\d)")
_TIME_SEPARATOR = regex.compile(r"[:.]")


@dataclass(frozen=True)
class FoundDate:
    """A calendar date at ``start:end`` of the normalised text; ``year`` is None when not given."""

    start: int
    end: int
    year: int | None
    month: int
    day: int

    @property
    def canonical(self) -> str:
        """The date as ``YYYY-MM-DD`` (``--MM-DD`` without a year)."""
        year = f"{self.year:04d}" if self.year is not None else "-"
        return f"{year}-{self.month:02d}-{self.day:02d}"


def _plausible(year: int | None, month: int, day: int) -> bool:
    try:
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return False
    return True


def _full_year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        # Two-digit years: a birth year far in the future is a past century.
        return 2000 + value if value <= 30 else 1900 + value
    return value


def find_dates(text: str) -> list[FoundDate]:
    """Every plausible calendar date in ``text`` (normalised), earliest first."""
    found: list[FoundDate] = []
    for match in _NUMERIC.finditer(text):
        iso_y, iso_m, iso_d, day, _sep, month, year, short_day, short_month = match.groups()
        candidate: tuple[int | None, int, int]
        if iso_y:
            candidate = (int(iso_y), int(iso_m), int(iso_d))
        elif day:
            full_year = _full_year(year)
            candidate = (full_year, int(month), int(day))
            if not _plausible(full_year, int(month), int(day)) and _plausible(full_year, int(day), int(month)):
                candidate = (full_year, int(day), int(month))  # US order: month/day/year
        else:
            candidate = (None, int(short_month), int(short_day))
        year_value: int | None = candidate[0]
        month_value, day_value = candidate[1], candidate[2]
        if _plausible(year_value, month_value, day_value):
            found.append(FoundDate(match.start(), match.end(), year_value, month_value, day_value))
    for match in _WORDY.finditer(text):
        day1, month1, year1, month2, day2, year2 = match.groups()
        day_text, month_text, year_text = (day1, month1, year1) if day1 else (day2, month2, year2)
        year_value = int(year_text) if year_text else None
        month_value = _NUMBER[month_text.lower()]
        if _plausible(year_value, month_value, int(day_text)):
            found.append(FoundDate(match.start(), match.end(), year_value, month_value, int(day_text)))
    found.sort(key=lambda date: date.start)
    return found


def find_times(text: str) -> list[tuple[int, int]]:
    """Spans of clock times such as ``14:35`` or ``16.45``."""
    spans = []
    for match in _TIME.finditer(text):
        hours, minutes = _TIME_SEPARATOR.split(match.group(0))
        if int(hours) < 25 and int(minutes) < 60:
            spans.append((match.start(), match.end()))
    return spans


@cache
def _birth_patterns() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    words = word_list("context")["birth"]
    before = regex.compile(
        rf"(?i)(?:^|(?<=[\s(,;:]))(?:{alternation(words)})\s*[:.]?\s*(?:on\s+|the\s+|den\s+|in\s+)?$"
    )
    after = regex.compile(r"(?i)^\s*,?\s*(?:syntyn\w*|född\w*|born)\b")
    return before, after


def find_dates_of_birth(text: str, dates: list[FoundDate]) -> list[FoundDate]:
    """The dates (day and month at least) that have a birth context just before or after them."""
    before, after = _birth_patterns()
    found = []
    for date in dates:
        window = text[max(0, date.start - 30) : date.start]
        if before.search(window) or after.search(text[date.end : date.end + 20]):
            found.append(date)
    return found
