"""Checks of a rehearsal's posts against the source rows they came from (shared by the integration test and
the rehearsal benchmarks).

A post may name a hundred block, the call type's public wording and a place; it must never carry a house
number, an officer's name or unit number, or wording lifted from the control room's notes.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk.calls.mapping import Preset, type_key
from desk.calls.reader import read_csv
from desk.calls.records import Classifier, ImportReport, parse_rows
from desk.redaction import PrivacyGuard
from desk.tweetathon.locations import BLOCK_FORM, JOINER
from desk.tweetathon.posts import shipped_signposts, shipped_templates
from desk.tweetathon.wording import seeded_wording

_LINE = re.compile(r"Call (\d+)(?: update)?: (.*)")
_WORD = re.compile(r"[^\W\d_]{4,}")
_ANY_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Columns:
    """Where a call file keeps what a post must not repeat."""

    id: str
    type: str
    address: str | None = None
    officer: str | None = None
    units: str | None = None
    notes: tuple[str, ...] = ()


SLO_COLUMNS = Columns(
    id="case_number",
    type="type",
    address="address",
    officer="responsible_officer",
    units="units",
    notes=("description", "call_comments"),
)
CITY_COLUMNS = Columns(id="Crime ID", type="Crime type", address=None, notes=("Context",))


def read_rows(path: Path, columns: Columns, preset: Preset | None = None) -> dict[str, dict[str, str]]:
    """Every row of the file by the call id the desk gives it.

    Rows with an id in the file are keyed by it. With ``preset``, the file is also read by the desk's own
    importer (its reader and row parser), so a row with no id is keyed by the id the importer derived for it
    and a post's line can be checked against it like any other.
    """
    by_line: dict[int, dict[str, str]] = {}
    with path.open(newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        last = reader.line_num
        for row in reader:
            # The physical line a row starts on, counted as the importer counts it (header on line 1).
            by_line[max(last + 1, 2)] = row
            last = reader.line_num
    rows = {row[columns.id]: row for row in by_line.values() if row.get(columns.id)}
    if preset is not None:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            raw = read_csv(fh, preset.columns)
            for record in parse_rows(raw, preset, Classifier(preset, ()), ImportReport()):
                if record.key_derived and record.line in by_line:
                    rows[record.call_key] = by_line[record.line]
    return rows


def publishable_types(preset: Preset) -> tuple[set[str], set[str]]:
    """(types with wording that are neither excluded nor sensitive, sensitive types) as type keys."""
    wording = {type_key(k) for k in seeded_wording()}
    excluded = {type_key(t) for t in preset.excluded_types}
    sensitive = {type_key(t) for t in preset.sensitive_types}
    return {k for k in wording if k not in excluded and k not in sensitive}, sensitive


def _words(texts: Iterable[str], pattern: re.Pattern[str] = _WORD) -> set[str]:
    return {w.casefold() for text in texts for w in pattern.findall(text)}


def _house_texts() -> list[str]:
    # The place list spells out compass letters of street names (S Higuera -> South Higuera).
    texts: list[str] = [BLOCK_FORM, JOINER, "North South East West"]
    for table in (shipped_templates(), shipped_signposts()):
        for names in table.values():
            texts.extend(names.values())
    for type_name, by_lang in seeded_wording().items():
        texts.append(type_name)
        texts.extend(by_lang.values())
    return texts


def house_vocabulary() -> set[str]:
    """Words a post may carry whatever the call: templates, signposts, wording table, the block form."""
    return _words(_house_texts(), _ANY_WORD)


def line_problems(text: str, row: Mapping[str, str], columns: Columns, vocabulary: set[str]) -> list[str]:
    """What is wrong with one post line made from ``row`` (empty when nothing is)."""
    problems: list[str] = []
    address = row.get(columns.address, "") if columns.address else ""
    number = re.match(r"\s*(\d+)\s", address)
    if number and int(number.group(1)) % 100 and re.search(rf"\b{number.group(1)}\b", text):
        problems.append(f"house number {number.group(1)} from {address!r}")
    if columns.officer:
        for officer in re.split(r"[,;\n]", row.get(columns.officer, "")):
            if len(officer.strip()) >= 4 and officer.strip().casefold() in text.casefold():
                problems.append(f"officer {officer.strip()!r}")
    if columns.units:
        for unit in re.findall(r"\d{4}", row.get(columns.units, "")):
            if unit in text:
                problems.append(f"unit {unit}")
    notes = " ".join(row.get(c, "") for c in columns.notes)
    # The place list of this call: whatever the post may name of its location and type.
    place = [address, row.get(columns.type, "")]
    place += [v for k, v in row.items() if k in {"location", "Location", "grid_location", "LSOA name"}]
    allowed = vocabulary | _words(place, _ANY_WORD)
    note_words = notes.split()
    folded = text.casefold()
    for i in range(len(note_words) - 2):
        run = " ".join(note_words[i : i + 3]).casefold()
        # A run made only of the template's and the place's own words ("of El Tigre") is the place, not the notes.
        if run in folded and not _words([run], _ANY_WORD) <= allowed:
            problems.append(f"three words of the notes: {run!r}")
    for word in _words([text]) & _words([notes]):
        if word not in allowed:
            problems.append(f"note word {word!r}")
    return problems


def check_posts(
    posts: Iterable[Mapping[str, Any]], rows: Mapping[str, Mapping[str, str]], columns: Columns
) -> tuple[int, list[str], int]:
    """Check every line of every post against its own call's row: (lines checked, problems, lines unmatched).

    A line is unmatched when ``rows`` has no row for its call (read the file with its preset so that rows
    with no id in the file are found by the id the importer derived for them).
    """
    vocabulary = house_vocabulary()
    checked = 0
    problems: list[str] = []
    unmatched = 0
    for post in posts:
        by_number = dict(zip(post["call_numbers"], post["call_ids"], strict=True))
        for line in str(post["text"]).split("\n"):
            numbered = _LINE.match(line)
            if numbered is None:
                continue
            row = rows.get(by_number[int(numbered.group(1))])
            if row is None:
                unmatched += 1
                continue
            checked += 1
            problems.extend(f"{line!r}: {p}" for p in line_problems(numbered.group(2), row, columns, vocabulary))
    return checked, problems, unmatched


def guard_hits(posts: Iterable[Mapping[str, Any]]) -> list[str]:
    """Posts on which the privacy guard finds anything."""
    guard = PrivacyGuard()
    return [str(p["text"]) for p in posts if guard.check(str(p["text"])).hits]
