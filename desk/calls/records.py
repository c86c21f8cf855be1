"""Parsing mapped rows into call records, classifying them, and the import report."""

from __future__ import annotations

import enum
import hashlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple

from desk.calls.mapping import CallField, Category, Preset, type_key
from desk.calls.reader import BadRow, RawRow
from desk.calls.times import BadTime, TimeFlag, TimeReader, spread


class CallStatus(enum.StrEnum):
    """Where an imported call stands for publishing."""

    PUBLISHABLE = "publishable"
    EXCLUDED = "excluded"
    SENSITIVE = "sensitive"
    REVIEW = "review"  # no public wording for its type yet
    HELD = "held"  # the post built for it was stopped (the reason is kept)


class CallRecord(NamedTuple):
    """One call as read: only structured fields, never notes, names, officers or units.

    Immutable; a named tuple because a big import makes hundreds of thousands of them."""

    line: int
    call_key: str
    key_derived: bool
    received_at: datetime
    time_flag: TimeFlag | None
    call_type: str
    location: str
    district: str
    disposition: str
    content_hash: str
    status: CallStatus
    category: Category | None


@dataclass
class ImportReport:
    """What an import did. Counts by type and category are over the good rows read."""

    read: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    follow_ups: int = 0
    excluded: Counter[str] = field(default_factory=Counter)
    sensitive: Counter[str] = field(default_factory=Counter)
    unknown_types: Counter[str] = field(default_factory=Counter)
    derived_keys: int = 0
    dst_repeated: int = 0
    dst_skipped: int = 0
    synthetic_times: int = 0
    out_of_order: int = 0
    bad_rows: list[BadRow] = field(default_factory=list)

    @property
    def held_sensitive(self) -> int:
        """Rows held because their type is sensitive."""
        return sum(self.sensitive.values())

    @property
    def excluded_total(self) -> int:
        """Rows of excluded types."""
        return sum(self.excluded.values())

    @property
    def unknown_total(self) -> int:
        """Rows whose type has no public wording (to review)."""
        return sum(self.unknown_types.values())

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready summary."""
        return {
            "read": self.read,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "follow_ups": self.follow_ups,
            "excluded": dict(self.excluded),
            "held_sensitive": dict(self.sensitive),
            "unknown_types": dict(self.unknown_types),
            "derived_keys": self.derived_keys,
            "dst_repeated": self.dst_repeated,
            "dst_skipped": self.dst_skipped,
            "synthetic_times": self.synthetic_times,
            "out_of_order": self.out_of_order,
            "bad_rows": [{"line": b.line, "reason": b.reason} for b in self.bad_rows],
        }


class Classifier:
    """Decides a call type's status from the preset's exclusions and sensitive map and the known wording."""

    def __init__(self, preset: Preset, known_types: Collection[str]) -> None:
        self.excluded = {type_key(t) for t in preset.excluded_types}
        self.sensitive = {type_key(t): c for t, c in preset.sensitive_types.items()}
        self.known = {type_key(t) for t in known_types}
        self._cache: dict[str, tuple[CallStatus, Category | None]] = {}

    def classify(self, call_type: str) -> tuple[CallStatus, Category | None]:
        """Status and sensitive category of a call type."""
        hit = self._cache.get(call_type)
        if hit is None:
            hit = self._cache[call_type] = self._classify(call_type)
        return hit

    def _classify(self, call_type: str) -> tuple[CallStatus, Category | None]:
        key = type_key(call_type)
        if key in self.excluded:
            return CallStatus.EXCLUDED, None
        category = self.sensitive.get(key)
        if category is not None:
            return CallStatus.SENSITIVE, category
        if key and key in self.known:
            return CallStatus.PUBLISHABLE, None
        return CallStatus.REVIEW, None


def _tidy(value: str) -> str:
    """One line, single spaces (cheap when there is nothing to do, which is most of the time)."""
    if value.isprintable() and "  " not in value and value == value.strip():
        return value
    return " ".join(value.split())


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def parse_rows(
    rows: Iterable[RawRow | BadRow],
    preset: Preset,
    classifier: Classifier,
    report: ImportReport,
    *,
    window: tuple[datetime, datetime] | None = None,
) -> Iterator[CallRecord]:
    """Call records in file order; bad rows go to ``report``. Month-only presets are buffered and spread."""
    reader = TimeReader(preset.zone(), preset.datetime_formats, month_only=preset.month_only)
    occurrences: Counter[str] = Counter()
    latest: datetime | None = None
    buffered: list[CallRecord] = []
    # Locals: this loop runs once per row of files with hundreds of thousands of rows.
    f_date, f_time, f_type, f_location, f_district, f_disposition, f_id = (
        CallField.DATE,
        CallField.TIME,
        CallField.TYPE,
        CallField.LOCATION,
        CallField.DISTRICT,
        CallField.DISPOSITION,
        CallField.CALL_ID,
    )
    read_time = reader.read
    classify = classifier.classify
    publishable = CallStatus.PUBLISHABLE
    for row in rows:
        if isinstance(row, BadRow):
            report.bad_rows.append(row)
            continue
        get = row.values.get
        day = get(f_date, "").strip()
        clock_time = get(f_time, "").strip()
        raw_time = f"{day} {clock_time}" if day and clock_time else day or clock_time
        try:
            received_at, flag = read_time(raw_time)
        except BadTime as exc:
            report.bad_rows.append(BadRow(row.line, str(exc)))
            continue
        call_type = _tidy(get(f_type, ""))
        location = _tidy(get(f_location, ""))
        district = _tidy(get(f_district, ""))
        disposition = _tidy(get(f_disposition, ""))
        call_id = get(f_id, "").strip()
        derived = not call_id
        if derived:
            # Identical rows with no id are told apart by their order of appearance, so a re-import of the
            # same file derives the same keys. The outcome is left out so that a changed outcome matches.
            base = _digest(raw_time, call_type, location, district)[:32]
            occurrences[base] += 1
            call_id = f"derived:{base}:{occurrences[base]}"
            report.derived_keys += 1
        if len(call_id) > 200:
            report.bad_rows.append(BadRow(row.line, "the call id is longer than 200 characters"))
            continue
        status, category = classify(call_type)
        record = CallRecord(
            row.line,
            call_id,
            derived,
            received_at,
            flag,
            call_type[:200],
            location[:500],
            district[:200],
            disposition[:200],
            _digest(raw_time, call_type, location, district, disposition),
            status,
            category,
        )
        report.read += 1
        if status is publishable:
            pass
        elif status is CallStatus.EXCLUDED:
            report.excluded[call_type] += 1
        elif status is CallStatus.SENSITIVE and category is not None:
            report.sensitive[category.value] += 1
        elif status is CallStatus.REVIEW:
            report.unknown_types[call_type] += 1
        if flag is not None:
            if flag is TimeFlag.DST_REPEATED:
                report.dst_repeated += 1
            elif flag is TimeFlag.DST_SKIPPED:
                report.dst_skipped += 1
        if preset.month_only:
            buffered.append(record)
            continue
        if latest is not None and received_at < latest:
            report.out_of_order += 1
        else:
            latest = received_at
        yield record
    if buffered:
        yield from _spread_months(buffered, preset, report, window)


def _spread_months(
    records: list[CallRecord], preset: Preset, report: ImportReport, window: tuple[datetime, datetime] | None
) -> Iterator[CallRecord]:
    if window is None:
        zone = preset.zone()
        first = min(r.received_at for r in records).astimezone(zone).replace(tzinfo=None)
        last = max(r.received_at for r in records).astimezone(zone).replace(tzinfo=None)
        after = (last.replace(day=28) + timedelta(days=4)).replace(day=1)
        window = (first.replace(tzinfo=zone), after.replace(tzinfo=zone))
    # Spread in UTC: adding to a zoned time is wall-clock arithmetic and would bunch rows at a DST change.
    times = spread(len(records), window[0].astimezone(UTC), window[1].astimezone(UTC))
    report.synthetic_times += len(records)
    for record, when in zip(records, times, strict=True):
        yield record._replace(received_at=when, time_flag=TimeFlag.SYNTHETIC)
