"""Phone numbers: the ``phonenumbers`` matcher over several regions, plus a scanner of digit runs that holds
against any spacing and separators, with country prefixes (+358, 00358, +46, +44, +1).

A private number in Finland, Sweden or the UK is always written with a trunk ``0`` or an international
prefix; a North American one has ten digits in the NXX-NXX-XXXX shape. Short codes (112, 114 14, 116 123…)
never have either shape, so they are never phone hits; reference numbers ("case 21-12345", "crime reference
06/123456/24") are recognised by the word before them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

import phonenumbers
import regex

from desk.redaction.text import MASK, alternation, mask, word_list

# A run of digits with up to three separators between any two digits; may open with "+" or "(".
_RUN = regex.compile(r"(?<![\p{N}+.,])(?:\+\s?|\(\s?\+?)?\d(?:[ \t.\-/()]{0,3}\d)*")
_GROUP = regex.compile(r"\d+")
_THOUSANDS = regex.compile(r"^[1-9]\d{0,2}(?:([ ,.])\d{3})(?:\1\d{3})*$")
_NATIONAL_TRUNK_CODES = ("358", "46", "44")
_NOT_BEFORE_PHONE = frozenset({"call", "calls", "soitto", "soitot", "samtal", "quote"})
_MATCHER_REGIONS = ("FI", "SE", "GB", "US")
_FULL_DATE = regex.compile(r"(?<![\d.])(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{1,2}-\d{1,2})(?!\d)")
_CALL_BEFORE = regex.compile(r"(?i)\b(?:calls?|soitto|soitot|samtal)\s*[:#]?\s*$")


#: Whether a number (given as its E.164 readings) is one the force publishes on purpose.
Allowed = Callable[[frozenset[str]], bool]


@dataclass(frozen=True)
class FoundPhone:
    """A phone number at ``start:end`` of the normalised text, with every E.164 form it could stand for."""

    start: int
    end: int
    e164: frozenset[str]
    allowed: bool = False

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


def _has_whole_date(run: str, start: int, end: int) -> bool:
    return any(start <= m.start() and m.end() <= end for m in _FULL_DATE.finditer(run, start, end))


def _scan_run(text: str, start: int, end: int, allowed: Allowed) -> Iterable[FoundPhone]:
    """Leftmost-longest sub-runs (on digit-group boundaries) that have a phone number's shape."""
    run = text[start:end]
    whole = e164_readings(run)
    if whole and allowed(whole):
        yield FoundPhone(start, end, whole, allowed=True)
        return
    groups = [(m.start(), m.end()) for m in _GROUP.finditer(run)]
    index = 0
    if _CALL_BEFORE.search(text[max(0, start - 12) : start]) and run[0] not in "0+(":
        index = 1  # "Soitto 2162 1.1.2026": the call number is a reference, whatever follows it
    while index < len(groups):
        # An allow-listed number wins over a longer reading that swallows the next number's digits.
        choice = _longest(run, groups, index, allowed) or _longest(run, groups, index, None)
        if choice is None:
            index += 1
            continue
        sub_start, sub_end, last, readings = choice
        yield FoundPhone(start + sub_start, start + sub_end, readings, allowed=allowed(readings))
        index = last + 1


def _longest(
    run: str, groups: list[tuple[int, int]], index: int, allowed: Allowed | None
) -> tuple[int, int, int, frozenset[str]] | None:
    """The longest sub-run from group ``index`` with a phone number's shape (and allowed, when asked)."""
    # A number has at most 15 digits, so at most 16 groups with the prefix: bounded work on long runs.
    for last in range(min(len(groups) - 1, index + 16), index - 1, -1):
        sub_start = 0 if index == 0 else groups[index][0]  # a leading "+" or "(" belongs to the first group
        sub_end = groups[last][1]
        readings = e164_readings(run[sub_start:sub_end])
        if not readings or _has_whole_date(run, sub_start, sub_end):
            continue  # "2162 1.1.2026" is a number and a date, not a phone number
        if allowed is None or allowed(readings):
            return sub_start, sub_end, last, readings
    return None


def _mask_protected_runs(text: str, protected: list[tuple[int, int]]) -> str:
    """Mask the digit runs made only of dates and times ("22.11.2026", "08.00-20.00"); a run with other
    digits too ("080.82 00 02.47") stays whole, so a number cannot hide behind a date-like group."""
    if not protected:
        return text
    covered = bytearray(len(text))
    for start, end in protected:
        covered[start:end] = b"\x01" * (end - start)
    spans = []
    for run in _RUN.finditer(text):
        if all(covered[i] for i in range(run.start(), run.end()) if text[i].isdigit()):
            spans.append((run.start(), run.end()))
    return mask(text, spans)


def find_phones(
    text: str,
    regions: tuple[str, ...] = _MATCHER_REGIONS,
    protected: list[tuple[int, int]] | None = None,
    allowed: Allowed | None = None,
) -> list[FoundPhone]:
    """Every phone number in ``text`` (normalised, identity numbers masked), earliest first, each marked
    allowed or not by ``allowed``; ``protected`` are the spans of dates and times."""
    if sum(map(str.isdigit, text)) < 7:
        return []
    is_allowed: Allowed = allowed or (lambda readings: False)
    text = _mask_protected_runs(text, protected or [])
    reference = _reference_before()
    found: list[FoundPhone] = []
    for run in _RUN.finditer(text):
        for phone in _scan_run(text, run.start(), run.end(), is_allowed):
            if not reference.search(text[max(0, phone.start - 40) : phone.start]):
                found.append(phone)
    # The library's matcher may see a number the scanner's shapes miss; the same exclusions apply to it.
    # It is slow, so it only reads the digit runs long enough to be a number that the scanner left alone.
    leftovers = [
        (run.start(), run.end())
        for run in _RUN.finditer(text)
        if sum(map(str.isdigit, run.group(0))) >= 7
        and not any(run.start() < phone.end and phone.start < run.end() for phone in found)
    ]
    if not leftovers:
        found.sort(key=lambda phone: phone.start)
        return found
    keep = bytearray(len(text))
    for start, end in leftovers:
        keep[max(0, start - 8) : end + 8] = b"\x01" * (min(len(text), end + 8) - max(0, start - 8))
    matcher_text = "".join(char if keep[i] or not char.isdigit() else MASK for i, char in enumerate(text))
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(matcher_text, region, leniency=phonenumbers.Leniency.VALID):
            m_start, m_end = match.start, match.end
            if any(m_start < phone.end and phone.start < m_end for phone in found):
                continue
            readings = e164_readings(match.raw_string)
            if not readings or _has_whole_date(text, m_start, m_end):
                continue
            if reference.search(text[max(0, m_start - 40) : m_start]):
                continue
            if _CALL_BEFORE.search(text[max(0, m_start - 12) : m_start]) and text[m_start] not in "0+(":
                continue
            e164 = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
            readings = readings | {e164}
            found.append(FoundPhone(m_start, m_end, readings, allowed=is_allowed(readings)))
    found.sort(key=lambda phone: phone.start)
    return found
