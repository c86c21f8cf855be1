"""Vehicle registration plates: Finnish (ABC-123), Swedish (ABC 123, ABC 12A), UK (AB12 CDE, A123 BCD,
ABC 123D) and, near a vehicle word, US state forms (7ABC123, ABC 1234) and shorter older forms."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from desk.redaction.text import alternation, word_list

_EDGE_BEFORE = r"(?<![\p{L}\p{N}_#@/-])"
_EDGE_AFTER = r"(?![\p{L}\p{N}_]|-\p{N})"
# Forms that rarely mean anything else, recognised without context (upper case only).
_PLAIN = regex.compile(
    rf"{_EDGE_BEFORE}(?:"
    r"(?P<fi>[A-ZÅÄÖ]{2,3}-\d{3})"  # Finnish
    r"|(?P<uk>[A-Z]{2}\d{2} ?[A-Z]{3})"  # UK since 2001
    r"|(?P<ukp>[A-Z]\d{1,3} ?[A-Z]{3})"  # UK prefix, 1983–2001
    r"|(?P<se>[A-Z]{3} ?\d{2}[A-Z0-9])"  # Swedish; UK dateless and suffix forms with three digits
    r"|(?P<uks>[A-Z]{3} ?\d{1,3}[A-Z])"  # UK suffix, 1963–1983
    rf"){_EDGE_AFTER}"
)
# Forms that need a vehicle word nearby (any case): short Finnish plates, US state plates, dateless plates.
_NEAR_VEHICLE = regex.compile(
    rf"(?i){_EDGE_BEFORE}(?:"
    r"\p{L}{1,3}-\d{1,3}"
    r"|\d\p{L}{3}\d{3}"
    r"|\p{L}{3}[- ]?\d{3,4}"
    r"|[\p{L}\p{N}]{2,4}[- ]?[\p{L}\p{N}]{3,4}"
    r"|\p{L}{2}\d{2} ?\p{L}{3}"
    r"|\p{L}\d{1,3} ?\p{L}{3}"
    rf"){_EDGE_AFTER}"
)
_LETTERS = regex.compile(r"\p{L}")
_UPPER = regex.compile(r"\p{Lu}")
_HEAD = regex.compile(r"\p{L}*")
_LETTER = regex.compile(r"\p{L}")
_DIGIT = regex.compile(r"\p{N}")
_PLATE_GAP = regex.compile(r"[\s-]")
_MEASURE = regex.compile(r"(?i)\d+(?:st|nd|rd|th|s|am|pm|mph|kmh|km|kg|cm|mm|m|h|k|l|cc|hp|kw|v|x\d+)")
_ROAD = regex.compile(r"(?i)^(?:[ABM]\d{1,4}(?:\(M\))?|E\d{1,2}|(?:I|US|SR|CA|HWY|RTE|VT|KT|RV|LV)[- ]?\d{1,4})$")


@dataclass(frozen=True)
class FoundPlate:
    """A registration plate at ``start:end`` of the normalised text."""

    start: int
    end: int
    canonical: str


@dataclass(frozen=True)
class _Context:
    vehicle: regex.Pattern[str]
    not_plates: frozenset[str]


@cache
def _context() -> _Context:
    words = word_list("context")
    vehicle = regex.compile(rf"(?i)(?<![\p{{L}}])(?:{alternation(words['vehicle'])})(?![\p{{L}}])")
    return _Context(vehicle, frozenset(word.upper() for word in words["plate_not"]))


def _letters_head(plate: str) -> str:
    head = _HEAD.match(plate)
    return str(head.group(0)).upper() if head else ""


def _mostly_upper(text: str) -> bool:
    letters = len(_LETTERS.findall(text))
    return letters >= 12 and len(_UPPER.findall(text)) > 0.6 * letters


def find_plates(text: str) -> list[FoundPlate]:
    """Every registration plate in ``text`` (normalised, identity numbers masked), earliest first."""
    context = _context()
    shouting = _mostly_upper(text)
    found: dict[tuple[int, int], str] = {}

    def near_vehicle(start: int, end: int) -> bool:
        window = text[max(0, start - 50) : min(len(text), end + 30)]
        return context.vehicle.search(window) is not None

    for match in _PLAIN.finditer(text):
        plate = match.group(0)
        if _letters_head(plate) in context.not_plates or _ROAD.match(plate):
            continue
        if shouting and not near_vehicle(match.start(), match.end()):
            continue
        found[(match.start(), match.end())] = plate
    if context.vehicle.search(text):
        for match in _NEAR_VEHICLE.finditer(text, overlapped=True):
            plate = match.group(0)
            if not (_LETTER.search(plate) and _DIGIT.search(plate)):
                continue
            if _letters_head(plate) in context.not_plates or _ROAD.match(plate):
                continue
            parts = _PLATE_GAP.split(plate)
            if all(_MEASURE.fullmatch(part) for part in parts):
                continue
            if " " in plate and any(char.islower() for char in plate):
                continue  # a spaced plate is written in capitals; "the 400" or "M62 with" is not one
            if context.vehicle.fullmatch(plate) or not near_vehicle(match.start(), match.end()):
                continue
            found[(match.start(), match.end())] = plate
    kept: list[FoundPlate] = []
    for (start, end), plate in sorted(found.items(), key=lambda item: (item[0][0], -item[0][1])):
        if kept and start < kept[-1].end:
            continue
        kept.append(FoundPlate(start, end, _PLATE_GAP.sub("", plate).upper()))
    return kept
