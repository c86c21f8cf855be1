"""National identity numbers, validated by their check characters: Finnish henkilötunnus, Swedish
personnummer and samordningsnummer, UK National Insurance number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

_HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# Century signs: '+' 1800s; '-' and (from 2023) Y X W V U for the 1900s; 'A' and B C D E F for the 2000s.
_HETU_CENTURY = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}
_HETU_CENTURY.update(dict.fromkeys("ABCDEF", 2000))

# Optional single spaces or dots between the groups, because people type "13 10 52-308T" too.
_HETU = regex.compile(
    r"(?<![\w+-])(\d{2})[ .]?(\d{2})[ .]?(\d{2}) ?([-+ABCDEFYXWVU]) ?(\d{3}) ?([0-9A-Y])(?![\w])",
    regex.IGNORECASE,
)
_PERSONNUMMER = regex.compile(
    r"(?<![\w+-])(\d{2})?(\d{2})[ .]?(\d{2})[ .]?(\d{2}) ?([-+])? ?(\d{3}) ?(\d)(?![\w-])",
)
# First letter never D F I Q U V; second never D F I O Q U V; some pairs are never issued.
_NINO = regex.compile(
    r"(?<![\w])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])?(?![\w])",
    regex.IGNORECASE,
)
_NINO_NEVER = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_NINO_CONTEXT = regex.compile(r"(?i)\b(?:national insurance|nino|ni\s*(?:no|number|num)|n\.i\.)\b")


@dataclass(frozen=True)
class IdentityNumber:
    """A valid identity number found at ``start:end`` of the normalised text."""

    start: int
    end: int
    scheme: str
    canonical: str


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _hetus(text: str) -> list[IdentityNumber]:
    found = []
    for match in _HETU.finditer(text):
        day, month, year2, sign, serial, check = match.groups()
        sign = sign.upper()
        year = _HETU_CENTURY[sign] + int(year2)
        if not _real_date(year, int(month), int(day)):
            continue
        if _HETU_CHECK[int(day + month + year2 + serial) % 31] != check.upper():
            continue
        canonical = f"{day}{month}{year2}{sign}{serial}{check.upper()}"
        found.append(IdentityNumber(match.start(), match.end(), "fi_hetu", canonical))
    return found


def _personnummer(text: str) -> list[IdentityNumber]:
    found = []
    for match in _PERSONNUMMER.finditer(text, overlapped=False):
        century, year2, month, day, _sign, serial, check = match.groups()
        ten = f"{year2}{month}{day}{serial}{check}"
        if not _luhn_ok(ten):
            continue
        day_number = int(day)
        scheme = "se_personnummer"
        if day_number > 60:
            day_number -= 60
            scheme = "se_samordningsnummer"
        if century is not None and century not in ("18", "19", "20"):
            continue
        years = [int(century + year2)] if century else [1900 + int(year2), 2000 + int(year2)]
        if not any(_real_date(year, int(month), day_number) for year in years):
            continue
        found.append(IdentityNumber(match.start(), match.end(), scheme, ten))
    return found


def _ninos(text: str) -> list[IdentityNumber]:
    found = []
    for match in _NINO.finditer(text):
        prefix, a, b, c, suffix = match.groups()
        raw = match.group(0)
        window = text[max(0, match.start() - 40) : match.end() + 40]
        has_context = _NINO_CONTEXT.search(window) is not None
        if prefix.upper() in _NINO_NEVER:
            continue
        if not has_context and (suffix is None or not raw.isupper()):
            continue
        canonical = f"{prefix}{a}{b}{c}{suffix or ''}".upper()
        found.append(IdentityNumber(match.start(), match.end(), "uk_nino", canonical))
    return found


def find_identity_numbers(text: str) -> list[IdentityNumber]:
    """Every valid identity number in ``text`` (already normalised), earliest first, without overlaps."""
    candidates = _hetus(text) + _personnummer(text) + _ninos(text)
    candidates.sort(key=lambda found: (found.start, -(found.end - found.start)))
    kept: list[IdentityNumber] = []
    for found in candidates:
        if kept and found.start < kept[-1].end:
            continue
        kept.append(found)
    return kept
