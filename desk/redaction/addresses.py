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

_NOT_ALNUM = regex.compile(r"[^\p{L}\p{N}]+")


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
    english_any_case: regex.Pattern[str]
    nordic_any_case: regex.Pattern[str]
    cue: regex.Pattern[str]
    reference_before: regex.Pattern[str]
    road_types: frozenset[str]
    not_names: frozenset[str]


def _english(units: str, suffix: str, initial: str) -> regex.Pattern[str]:
    # A street name of one to three words; "St." style abbreviations may end with a dot.
    return regex.compile(
        rf"(?:(?i:\b{units})\.?\s*\d{{1,4}}[A-Za-z]?\s*,\s*)?"
        rf"(?<![\p{{L}}\p{{N}}#/.,:-])(\d{{1,5}}[A-Za-z]?(?:\s?[-/]\s?\d{{1,5}}[A-Za-z]?)?)\s+"
        rf"((?:{initial}[\p{{L}}'’.-]*\s+){{1,3}})(?i:{suffix})\b\.?"
    )


def _nordic(suffix: str, apartment: str, initial: str) -> regex.Pattern[str]:
    # One compound word ending in a street suffix, then a house number of at most three digits, an optional
    # staircase letter and flat number ("12 A 5", "5 B"), a Swedish flat ("lgh 1102", "2 tr"); a Finnish
    # case ending on the number ("3:ssa", "5 B:n") stays outside the span.
    return regex.compile(
        rf"(?<![\p{{L}}\p{{N}}-])({initial}[\p{{L}}-]*?\p{{L}}{suffix})\s+(\d{{1,3}})(?![\p{{N}}]|[.,]\p{{N}})"
        rf"(?:\s?-\s?\d{{1,3}}(?!\p{{N}}))?"
        rf"(?:\s?[A-Ha-h](?!\p{{L}})(?:\s?\d{{1,3}}(?!\p{{N}}|[.,]\p{{N}}))?)?"
        rf"(?:,?\s*(?i:{apartment})\.?\s*\d{{2,4}})?(?:,?\s*\d{{1,2}}\s*tr\b\.?)?"
    )


@cache
def _patterns() -> _Patterns:
    streets = word_list("streets")
    context = word_list("context")
    en = streets["en"]
    units = alternation([regex.escape(word) for word in en["units"]])
    suffix_en = alternation([regex.escape(word) for word in en["suffixes"]])
    nordic_suffixes = streets["fi"]["suffixes"] + streets["sv"]["suffixes"]
    suffix_nordic = alternation([regex.escape(word) for word in nordic_suffixes])
    apartment = alternation([regex.escape(word) for word in streets["sv"]["apartment_words"]])
    reference = alternation([regex.escape(word) for word in context["reference"]])
    reference_suffix = alternation(context["reference_suffix"])
    return _Patterns(
        english=_english(units, suffix_en, r"\p{Lu}"),
        # "Mannerheimintie", and two-word Finnish names in the genitive: "Tammelan puistokatu".
        nordic=_nordic(suffix_nordic, apartment, r"(?:\p{Lu}\p{L}+n\s+\p{Ll}|\p{Lu})"),
        # Written all in lower case, an address is only trusted after a cue such as "I live at".
        english_any_case=_english(units, suffix_en, r"\p{L}"),
        nordic_any_case=_nordic(suffix_nordic, apartment, r"\p{L}"),
        cue=regex.compile(rf"(?i)(?<![\p{{L}}]){alternation(streets['address_cues'])}(?![\p{{L}}])"),
        reference_before=regex.compile(rf"(?i)(?:\b{reference}\.?\s*(?:{reference_suffix}\s*)?[:#]?\s*|#)$"),
        road_types=frozenset(streets["fi"]["road_types"] + streets["sv"]["road_types"]),
        not_names=frozenset(en["not_names"]),
    )


def _key(street: str, number: str) -> str:
    letters = _NOT_ALNUM.sub(" ", f"{street} {number}").casefold()
    return " ".join(letters.split())


def _overlaps(start: int, end: int, found: list[FoundAddress]) -> bool:
    return any(start < item.end and item.start < end for item in found)


def find_addresses(text: str) -> list[FoundAddress]:
    """Every street address with a house number in ``text`` (normalised), earliest first."""
    patterns = _patterns()
    found: list[FoundAddress] = []
    cued = patterns.cue.search(text) is not None
    english = [patterns.english] + ([patterns.english_any_case] if cued else [])
    nordic = [patterns.nordic] + ([patterns.nordic_any_case] if cued else [])
    for pattern in english:
        for match in pattern.finditer(text):
            number, name = match.group(1), match.group(2)
            first_word = name.split()[0].casefold().rstrip(".")
            if first_word in patterns.not_names or _overlaps(match.start(), match.end(), found):
                continue
            if patterns.reference_before.search(text[max(0, match.start(1) - 30) : match.start(1)]):
                continue
            if pattern is not patterns.english and not patterns.cue.search(
                text[max(0, match.start() - 40) : match.start()]
            ):
                continue
            suffix = text[match.end(2) : match.end()]
            found.append(FoundAddress(match.start(), match.end(), _key(f"{name} {suffix}", number)))
    for pattern in nordic:
        for match in pattern.finditer(text):
            street, number = match.group(1), match.group(2)
            if street.split()[-1].casefold() in patterns.road_types or _overlaps(match.start(), match.end(), found):
                continue
            if pattern is not patterns.nordic and not patterns.cue.search(
                text[max(0, match.start() - 40) : match.start()]
            ):
                continue
            found.append(FoundAddress(match.start(), match.end(), _key(street, number)))
    found.sort(key=lambda item: item.start)
    return found
