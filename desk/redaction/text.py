"""Text normalisation that keeps a map back to the original, so spans stay exact.

Detectors work on a normalised copy: every Unicode decimal digit becomes its ASCII digit, odd spaces become a
plain space, dashes and the minus sign become ``-``, compatibility forms (full-width letters and signs) are
folded, and invisible characters (zero-width spaces, soft hyphens) are dropped. ``Normalised.span`` maps a
span of the copy back to the original string.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from desk.resources import resource_path

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e")
#: Replaces text that one detector has claimed, so that no other detector reads it again.
MASK = "\x00"


@dataclass(frozen=True)
class Normalised:
    """A normalised copy of ``original``; ``index[i]`` is the original position of ``text[i]``."""

    original: str
    text: str
    index: tuple[int, ...] | None  # None: the copy is the original

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of ``text[start:end]`` (``end`` exclusive)."""
        if self.index is None:
            return start, end
        if start >= end:
            position = self.index[start] if start < len(self.index) else len(self.original)
            return position, position
        return self.index[start], self.index[end - 1] + 1


def _fold(char: str) -> str:
    if char in _INVISIBLE:
        return ""
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        return str(digit)
    category = unicodedata.category(char)
    if category == "Zs" or char in "\u2028\u2029":
        return " "
    if category == "Pd" or char == "\u2212":
        return "-"
    if unicodedata.decomposition(char).startswith("<"):
        folded = unicodedata.normalize("NFKC", char)
        if category == "Zs" or folded.isspace():
            return " "
        return folded
    return char


def normalise(original: str) -> Normalised:
    """Fold digits, spaces, dashes and compatibility forms to ASCII-friendly text, keeping the span map."""
    if original.isascii():
        return Normalised(original, original, None)
    folds: dict[str, str] = {char: _fold(char) for char in set(_NON_ASCII.findall(original))}
    if all(len(folded) == 1 for folded in folds.values()):
        # Every change keeps one character for one, so positions are unchanged.
        changed: dict[str, str | int | None] = {char: folded for char, folded in folds.items() if folded != char}
        if not changed:
            return Normalised(original, original, None)
        return Normalised(original, original.translate(str.maketrans(changed)), None)
    pieces: list[str] = []
    index: list[int] = []
    for position, char in enumerate(original):
        folded = char if char.isascii() else _fold(char)
        if folded:
            pieces.append(folded)
            index.extend([position] * len(folded))
    return Normalised(original, "".join(pieces), tuple(index))


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by ``MASK`` characters (same length, so positions hold)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


@cache
def word_list(name: str) -> dict[str, Any]:
    """A shipped word list from ``resources/guard/NAME.json``."""
    with resource_path("guard", f"{name}.json").open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def alternation(words: list[str]) -> str:
    """A regular-expression alternation of patterns, longest first so the longest form wins."""
    return "(?:" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"
