"""A person described by race or ethnicity alone (flagged, never blocked): the author is asked for more
detail, as Nextdoor does. Word lists in ``resources/guard/ethnicity.json``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from desk.redaction.text import alternation, word_list

_WORDS = regex.compile(r"[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*")


@dataclass(frozen=True)
class FoundDescription:
    """A description by ethnicity at ``start:end`` of the normalised text."""

    start: int
    end: int
    canonical: str


@dataclass(frozen=True)
class _Lists:
    term: regex.Pattern[str]
    person: regex.Pattern[str]
    standalone: regex.Pattern[str]
    details: tuple[regex.Pattern[str], ...]


@cache
def _lists() -> _Lists:
    data = word_list("ethnicity")
    terms = [term for words in data["terms"].values() for term in words]
    persons = [word for words in data["persons"].values() for word in words]
    return _Lists(
        term=regex.compile(rf"(?i)(?<![\p{{L}}\p{{N}}-])(?:{alternation(terms)})(?![\p{{L}}\p{{N}}])"),
        person=regex.compile(rf"(?i){alternation(persons)}"),
        standalone=regex.compile(
            rf"(?i)(?<![\p{{L}}\p{{N}}])(?:{alternation(data['standalone'])})(?![\p{{L}}\p{{N}}])"
        ),
        details=tuple(
            regex.compile(rf"(?i)(?<![\p{{L}}\p{{N}}]){alternation(words)}(?![\p{{L}}])")
            for words in data["details"].values()
        ),
    )


def _detail_categories(text: str) -> int:
    return sum(1 for pattern in _lists().details if pattern.search(text))


_CLAUSE_END = regex.compile(r"\s*(?:$|[,.;:!?)\]]|(?:and|or|with|ja|tai|sekä|och|eller|med)\b)", regex.IGNORECASE)


def _ends_clause(text: str, words: list[regex.Match[str]], last: int) -> bool:
    """True when the term closes its phrase ("the man was white."), so it describes the person before it
    rather than a thing after it ("wore a black jacket")."""
    return _CLAUSE_END.match(text, words[last].end()) is not None


def find_descriptions_by_ethnicity(text: str) -> list[FoundDescription]:
    """Descriptions of a person by race or ethnicity with fewer than two other kinds of detail."""
    lists = _lists()
    if not lists.term.search(text) and not lists.standalone.search(text):
        return []
    candidates: list[tuple[int, int]] = [(m.start(), m.end()) for m in lists.standalone.finditer(text)]
    words = list(_WORDS.finditer(text))
    for position, word in enumerate(words):
        if not lists.term.fullmatch(word.group(0)):
            # Terms of two words ("middle eastern", "eastern european") are checked from their first word.
            pair = " ".join(w.group(0) for w in words[position : position + 2])
            if not (len(words) > position + 1 and lists.term.fullmatch(pair)):
                continue
            last = position + 1
        else:
            last = position
        after = words[last + 1 : last + 3]
        before = words[max(0, position - 3) : position]
        person_after = next((w for w in after if lists.person.fullmatch(w.group(0))), None)
        if person_after is not None:
            candidates.append((word.start(), person_after.end()))  # "black male": the whole description
        elif any(lists.person.fullmatch(w.group(0)) for w in before) and _ends_clause(text, words, last):
            candidates.append((word.start(), words[last].end()))
    if not candidates or _detail_categories(text) >= 2:
        return []
    candidates.sort()
    found: list[FoundDescription] = []
    for start, end in candidates:
        if found and start < found[-1].end:
            continue
        found.append(FoundDescription(start, end, text[start:end].casefold()))
    return found
