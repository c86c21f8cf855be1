"""E-mail addresses, also written out ("name at domain dot fi", "name (at) domain [piste] fi")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from desk.redaction.text import word_list

_TLDS = (
    "com|org|net|edu|gov|mil|int|info|biz|io|me|co|uk|fi|se|ax|eu|us|de|nl|no|dk|ee|fr|es|it|pl|ru|ie|be|at|ch|"
    "nu|tv|app|dev|online|email|mail|police|ca|au|nz|in|pk|so|af|iq|sy|tr|ua|lt|lv|is|pt|gr|cz|sk|hu|ro|bg|hr|si"
)
_WORD = r"[\p{L}\p{N}_%+-]+"
_LITERAL = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}_.%+-])({_WORD}(?:\.{_WORD})*)@((?:[\p{{L}}\p{{N}}-]+\.)+[\p{{L}}]{{2,}})(?!\w)"
)

# Written-out separators. Bracketed forms are unambiguous; a bare "at"/"dot" needs the whole shape to match
# and a known top-level domain at the end.
_AT_WORDS = r"(?:at|ät|snabel-?a|miuku(?:mauku)?|kissanhäntä)"
_AT = rf"(?:\s*[(\[{{<]\s*(?:{_AT_WORDS}|@)\s*[)\]}}>]\s*|\s+{_AT_WORDS}\s+|\s+@\s+)"
_DOT = r"(?:\s*[(\[{<]\s*(?:dot|punkt|piste|pkt|\.)\s*[)\]}>]\s*|\s+(?:dot|punkt|piste)\s+|\.)"
_SPELLED = regex.compile(
    rf"(?i)(?<![\p{{L}}\p{{N}}_.%+-])({_WORD}(?:{_DOT}{_WORD}){{0,3}})(?P<at>{_AT})((?:[\p{{L}}\p{{N}}-]+{_DOT}){{1,3}}(?:{_TLDS}))(?!\w)"
)
_SPELLED_DOT = regex.compile(rf"(?i){_DOT}")
_SPELLED_WORD_DOT = regex.compile(r"(?i)[(\[{<]|\s(?:dot|punkt|piste)\s")
_AT_HINT = regex.compile(rf"(?i)@|＠|(?<!\p{{L}}){_AT_WORDS}(?!\p{{L}})")
_SPACED_AT = regex.compile(r"\s@\s|[(\[{<]\s*@")


# "Report it at police.uk" is a web address, not an e-mail; "jsmith at gmail.com" is an e-mail. With a bare
# "at" and plain dots, only the big mail providers' domains count; a spelled-out dot ("dot", "piste")
# or a bracketed "(at)" always counts.
@cache
def _mail_providers() -> frozenset[str]:
    return frozenset(word_list("context")["mail_providers"])


_BARE_AT = regex.compile(rf"(?i)^\s+{_AT_WORDS}\s+$")


@dataclass(frozen=True)
class FoundEmail:
    """An e-mail address at ``start:end`` of the normalised text, with its canonical ``local@domain``."""

    start: int
    end: int
    canonical: str


def _canonical(local: str, domain: str) -> str:
    local = _SPELLED_DOT.sub(".", local)
    domain = _SPELLED_DOT.sub(".", domain)
    return f"{local}@{domain}".lower()


def find_emails(text: str) -> list[FoundEmail]:
    """Every e-mail address in ``text`` (normalised), literal or written out, earliest first."""
    found = []
    if "@" in text:
        found = [FoundEmail(m.start(), m.end(), _canonical(m.group(1), m.group(2))) for m in _LITERAL.finditer(text)]
    taken = [(item.start, item.end) for item in found]
    # The written-out form is costly to search for, so only look around each "at" sign or word.
    seen: set[int] = set()
    matches = []
    for hint in _AT_HINT.finditer(text):
        window_start = max(0, hint.start() - 100)
        for match in _SPELLED.finditer(text, window_start, min(len(text), hint.end() + 120)):
            if match.start() not in seen:
                seen.add(match.start())
                matches.append(match)
    for match in matches:
        if "@" in match.group(0) and not _SPACED_AT.search(match.group(0)):
            continue
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        domain = match.group(3)
        bare = _BARE_AT.match(match.group("at")) and not _SPELLED_WORD_DOT.search(domain)
        if bare and domain.split(".")[0].casefold() not in _mail_providers():
            continue
        found.append(FoundEmail(match.start(), match.end(), _canonical(match.group(1), match.group(3))))
        taken.append((match.start(), match.end()))
    found.sort(key=lambda item: item.start)
    return found
