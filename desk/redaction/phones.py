"""Phone numbers: the ``phonenumbers`` matcher over several regions, plus a scanner of digit runs that holds
against any spacing and separators, with country prefixes (+358, 00358, +46, +44, +1).

A private number in Finland, Sweden or the UK is always written with a trunk ``0`` or an international
prefix; a North American one has ten digits in the NXX-NXX-XXXX shape. Short codes (112, 114 14, 116 123…)
never have either shape, so they are never phone hits; reference numbers ("case 21-12345", "crime reference
06/123456/24") are recognised by the word before them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import phonenumbers
import regex

from desk.redaction.text import alternation, word_list

# A run of digits with up to three separators between any two digits; may open with "+" or "(".
_RUN = regex.compile(r"(?<![\p{N}+.,])(?:\+\s?|\(\s?\+?)?\d(?:[ \t.\-/()]{0,3}\d)*")
_GROUP = regex.compile(r"\d+")
_THOUSANDS = regex.compile(r"^[1-9]\d{0,2}(?:([ ,.])\d{3})(?:\1\d{3})*$")
_NATIONAL_TRUNK_CODES = ("358", "46", "44")
_NOT_BEFORE_PHONE = frozenset({"call", "calls", "soitto", "soitot", "samtal", "quote"})
_MATCHER_REGIONS = ("FI", "SE", "GB", "US")


@dataclass(frozen=True)
class FoundPhone:
    """A phone number at ``start:end`` of the normalised text, with every E.164 form it could stand for."""

    start: int
    end: int
    e164: frozenset[str]

    @property
    def canonical(self) -> str:
        """One stable form of the number (the first E.164 reading)."""
        return sorted(self.e164)[0]


@cache
def _reference_before() -> regex.Pattern[str]:
    context = word_list("context")
    words = [word for word in context["reference"] if word not in _NOT_BEFORE_PHONE]
    suffix = alternation(context["reference_suffix"])
    return regex.compile(rf"(?i)\b{alternation([regex.escape(w) for w in words])}\.?\s*(?:{suffix}\s*)?[:#]?\s*$")


def _country_code(international: str) -> str | None:
    for size in (1, 2, 3):
        code = international[:size]
        if code and int(code) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            return code
    return None


def e164_readings(raw: str) -> frozenset[str]:
    """Every E.164 number that ``raw`` (ASCII digits with any separators) could be, or nothing when it does
    not have the shape of a phone number. Short codes read as their bare digits."""
    plus = raw.lstrip("( ").startswith("+")
    digits = "".join(char for char in raw if char.isdigit())
    if plus or (digits.startswith("00") and len(digits) >= 9):
        international = digits if plus else digits[2:]
        if not 7 <= len(international) <= 15:
            return frozenset()
        code = _country_code(international)
        if code is None:
            return frozenset()
        rest = international[len(code) :]
        if rest.startswith("0") and code != "39":  # "+44 (0)20…": the trunk 0 is not dialled from abroad
            rest = rest[1:]
        if len(rest) < 5:
            return frozenset()
        return frozenset({f"+{code}{rest}"})
    if digits.startswith("0") and not digits.startswith("00") and 7 <= len(digits) <= 12:
        return frozenset(f"+{code}{digits[1:]}" for code in _NATIONAL_TRUNK_CODES)
    if _THOUSANDS.match(raw.strip()):
        return frozenset()
    if len(digits) == 10 and digits[0] in "23456789" and digits[3] in "23456789":
        return frozenset({f"+1{digits}"})
    if len(digits) == 11 and digits[0] == "1" and digits[1] in "23456789" and digits[4] in "23456789":
        return frozenset({f"+{digits}"})
    return frozenset()


def short_code_key(raw: str) -> str:
    """The bare digits of a short code such as ``114 14``."""
    return "".join(char for char in raw if char.isdigit())


def _scan_run(text: str, start: int, end: int) -> Iterable[tuple[int, int, frozenset[str]]]:
    """Leftmost-longest sub-runs (on digit-group boundaries) that have a phone number's shape."""
    run = text[start:end]
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(run)]
    index = 0
    while index < len(groups):
        for last in range(len(groups) - 1, index - 1, -1):
            sub_start = 0 if index == 0 else groups[index][0]  # a leading "+" or "(" belongs to the first group
            sub_end = groups[last][1]
            readings = e164_readings(run[sub_start:sub_end])
            if readings:
                yield start + sub_start, start + sub_end, readings
                index = last + 1
                break
        else:
            index += 1


def find_phones(text: str, regions: tuple[str, ...] = _MATCHER_REGIONS) -> list[FoundPhone]:
    """Every phone number in ``text`` (normalised, with dates and identity numbers masked), earliest first."""
    if sum(char.isdigit() for char in text) < 7:
        return []
    spans: dict[tuple[int, int], frozenset[str]] = {}
    for run in _RUN.finditer(text):
        for start, end, readings in _scan_run(text, run.start(), run.end()):
            spans[(start, end)] = readings
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            readings = e164_readings(match.raw_string)
            if readings:
                e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
                spans.setdefault((match.start, match.end), readings | {e164})
    merged: list[FoundPhone] = []
    reference = _reference_before()
    for (start, end), readings in sorted(spans.items()):
        if reference.search(text[max(0, start - 40) : start]):
            continue
        if merged and start < merged[-1].end:
            previous = merged[-1]
            merged[-1] = FoundPhone(previous.start, max(previous.end, end), previous.e164 | readings)
            continue
        merged.append(FoundPhone(start, end, readings))
    return merged
