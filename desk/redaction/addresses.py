"""Street addresses with a house number, in English ("flat 3, 22 Acacia Ave"), Finnish ("Mannerheimintie
12 A 5", "Hämeenkatu 5 B:ssä") and Swedish ("Drottninggatan 45", "Storgatan 12 lgh 1102") forms.

Generalised forms pass: "the 2900 block of Higuera St", a street with no number, numbered roads
("valtatie 9", "riksväg 40", "Highway 101"), and numbers that are call or case references.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from desk.redaction.text import alternation, word_list


@dataclass(frozen=True)
class FoundAddress:
    """A street address at ``start:end`` of the normalised text, with a canonical street-and-number key."""

    start: int
    end: int
    canonical: str


@dataclass(frozen=True)
class _Patterns:
    english: regex.Pattern[str]
    nordic: regex.Pattern[str]
    reference_before: regex.Pattern[str]
    road_types: frozenset[str]
    not_names: frozenset[str]


@cache
def _patterns() -> _Patterns:
    streets = word_list("streets")
    context = word_list("context")
    en = streets["en"]
    units = alternation([regex.escape(word) for word in en["units"]])
    suffix_en = alternation([regex.escape(word) for word in en["suffixes"]])
    # A capitalised street name of one to three words; "St." style abbreviations may end with a dot.
    english = regex.compile(
        rf"(?:(?i:\b{units})\.?\s*\d{{1,4}}[A-Za-z]?\s*,\s*)?"
        rf"(?<![\p{{L}}\p{{N}}#/.,:-])(\d{{1,5}}[A-Za-z]?(?:\s?[-/]\s?\d{{1,5}}[A-Za-z]?)?),?\s+"
        rf"((?:\p{{Lu}}[\p{{L}}'’.-]*\s+){{1,3}})(?i:{suffix_en})\b\.?"
    )
    nordic_suffixes = streets["fi"]["suffixes"] + streets["sv"]["suffixes"]
    suffix_nordic = alternation([regex.escape(word) for word in nordic_suffixes])
    apartment = alternation([regex.escape(word) for word in streets["sv"]["apartment_words"]])
    # One compound word ending in a street suffix, then a house number of at most three digits, an optional
    # staircase letter and flat number ("12 A 5", "5 B"), a Swedish flat ("lgh 1102", "2 tr"), and a
    # Finnish case ending on the number ("3:ssa", "5 B:n").
    nordic = regex.compile(
        rf"(?<![\p{{L}}\p{{N}}-])(\p{{Lu}}[\p{{L}}-]*?\p{{L}}{suffix_nordic})\s+(\d{{1,3}})(?![\p{{N}}]|[.,]\p{{N}})"
        rf"(?:\s?-\s?\d{{1,3}}(?!\p{{N}}))?"
        rf"(?:\s?[A-Ha-h](?!\p{{L}})(?:\s?\d{{1,3}}(?!\p{{N}}|[.,]\p{{N}}))?)?"
        rf"(?:,?\s*(?i:{apartment})\.?\s*\d{{2,4}})?(?:,?\s*\d{{1,2}}\s*tr\b\.?)?"
    )
    reference = alternation([regex.escape(word) for word in context["reference"]])
    reference_suffix = alternation(context["reference_suffix"])
    reference_before = regex.compile(rf"(?i)(?:\b{reference}\.?\s*(?:{reference_suffix}\s*)?[:#]?\s*|#)$")
    road_types = frozenset(streets["fi"]["road_types"] + streets["sv"]["road_types"])
    return _Patterns(english, nordic, reference_before, road_types, frozenset(en["not_names"]))


def _key(street: str, number: str) -> str:
    letters = regex.sub(r"[^\p{L}\p{N}]+", " ", f"{street} {number}").casefold()
    return " ".join(letters.split())


def find_addresses(text: str) -> list[FoundAddress]:
    """Every street address with a house number in ``text`` (normalised), earliest first."""
    patterns = _patterns()
    found: list[FoundAddress] = []
    for match in patterns.english.finditer(text):
        number, name = match.group(1), match.group(2)
        first_word = name.split()[0].casefold().rstrip(".")
        if first_word in patterns.not_names:
            continue
        if patterns.reference_before.search(text[max(0, match.start(1) - 30) : match.start(1)]):
            continue
        suffix = text[match.end(2) : match.end()]
        found.append(FoundAddress(match.start(), match.end(), _key(f"{name} {suffix}", number)))
    for match in patterns.nordic.finditer(text):
        street, number = match.group(1), match.group(2)
        if street.casefold() in patterns.road_types:
            continue
        if any(match.start() < item.end and item.start < match.end() for item in found):
            continue
        found.append(FoundAddress(match.start(), match.end(), _key(street, number)))
    found.sort(key=lambda item: item.start)
    return found
