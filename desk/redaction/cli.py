"""``desk guard check``: check prepared texts and print every hit with its kind and exact span."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

from desk.errors import DeskError
from desk.redaction.guard import PrivacyGuard

EXIT_CLEAN = 0
EXIT_BLOCKED = 1
EXIT_UNREADABLE = 2


def _lines(path: str, stdin: TextIO) -> Iterator[str]:
    if path == "-":
        yield from stdin
        return
    with Path(path).open(encoding="utf-8") as handle:
        yield from handle


def _text_of(line: str) -> tuple[str | None, str | None, str | None]:
    """(text, lang, error) for one input line: a JSON object with ``text``, or the line itself."""
    stripped = line.strip()
    if not stripped.startswith("{"):
        return line.rstrip("\r\n"), None, None
    try:
        data = json.loads(stripped)
    except json.JSONDecodeError as exc:
        return None, None, f"invalid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return None, None, "a JSON line needs a string field 'text'"
    lang = data.get("lang")
    return data["text"], lang if isinstance(lang, str) else None, None


def run_check(paths: Sequence[str], stdin: TextIO, stdout: TextIO, guard: PrivacyGuard | None = None) -> int:
    """Check every line of ``paths`` (``-`` or none: standard input); print one line per hit as
    ``SOURCE:LINE<TAB>START<TAB>END<TAB>KIND<TAB>blocking|advisory<TAB>"TEXT"`` (offsets into the line's text).
    Return 1 when anything would be blocked, 2 when input could not be read (after checking the rest), else 0."""
    try:
        checker = guard if guard is not None else PrivacyGuard()
    except DeskError as exc:
        stdout.write(f"error: {exc.message.english()}\n")
        return EXIT_UNREADABLE
    blocked = False
    unreadable = False
    for path in paths or ["-"]:
        source = "<stdin>" if path == "-" else path
        try:
            for number, line in enumerate(_lines(path, stdin), start=1):
                text, lang, error = _text_of(line)
                if error is not None:
                    stdout.write(f"{source}:{number}: error: {error}\n")
                    unreadable = True
                    continue
                if not text or not text.strip():
                    continue
                result = checker.check(text, lang=lang)
                blocked = blocked or result.blocked
                for hit in result.hits:
                    level = "blocking" if hit.blocking else "advisory"
                    shown = json.dumps(hit.text, ensure_ascii=False)
                    stdout.write(f"{source}:{number}\t{hit.start}\t{hit.end}\t{hit.kind.value}\t{level}\t{shown}\n")
        except OSError as exc:
            stdout.write(f"{source}: error: cannot read: {exc.strerror or exc}\n")
            unreadable = True
        except UnicodeDecodeError as exc:
            stdout.write(f"{source}: error: not UTF-8 text (byte {exc.start})\n")
            unreadable = True
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_BLOCKED if blocked else EXIT_CLEAN
