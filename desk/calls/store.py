"""Storing imported calls: new calls inserted, repeats ignored, changed outcomes updated for a follow-up.

Bulk paths use SQLAlchemy Core in chunks (PITFALLS: ORM inserts are several times slower).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from desk.audit import Actor, summarise
from desk.calls.mapping import Category, Preset
from desk.calls.reader import BadRow, Progress, RawRow, read_csv, read_json
from desk.calls.records import CallRecord, CallStatus, Classifier, ImportReport, parse_rows
from desk.calls.times import TimeFlag
from desk.context import DeskContext
from desk.errors import ValidationFailed
from desk.storage.tweetathon_models import Call, CallWording

CHUNK = 25_000  # rows per transaction: few commits (each waits for the disk), yet a bounded WAL (PITFALLS)
# Core, not the ORM, for bulk inserts (several times faster; PITFALLS).
CALLS: Table = Call.__table__  # type: ignore[assignment]


_PLAIN: dict[object, str | None] = {
    None: None,
    **{m: m.value for m in CallStatus},
    **{m: m.value for m in Category},
    **{m: m.value for m in TimeFlag},
}


#: The columns of a new call, in the order ``_store_chunk`` builds its rows.
INSERT_COLUMNS: tuple[str, ...] = (
    "source",
    "call_key",
    "key_derived",
    "received_at",
    "time_flag",
    "call_type",
    "location",
    "district",
    "disposition",
    "previous_disposition",
    "content_hash",
    "known_hashes",
    "status",
    "category",
    "hold_reason",
    "follow_up_pending",
    "source_line",
    "first_seen_at",
    "updated_at",
)
_AT = {name: i for i, name in enumerate(INSERT_COLUMNS)}


@dataclass
class _Seen:
    """What the import knows of a call already stored or met earlier in the file."""

    disposition: str
    known: set[str]
    follow_up: bool


def _chunks(records: Iterable[CallRecord], size: int) -> Iterator[list[CallRecord]]:
    batch: list[CallRecord] = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def open_text(path: Path) -> IO[str]:
    """A text stream of an export; undecodable bytes become U+FFFD instead of stopping the import."""
    try:
        return path.open("r", encoding="utf-8-sig", errors="replace", newline="")
    except OSError as exc:
        raise ValidationFailed(
            "calls.unreadable",
            "The file {path} cannot be read: {detail}",
            path=str(path),
            detail=exc.strerror or str(exc),
        ) from exc


def is_json(name: str, preset: Preset) -> bool:
    """Whether a file is read as JSON: by its name, else by the preset."""
    lowered = name.lower()
    if lowered.endswith((".json", ".jsonl", ".ndjson")):
        return True
    if lowered.endswith((".csv", ".tsv", ".txt")):
        return False
    return preset.format == "json"


class CallStore:
    """Imports call exports into the database and reads calls back."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def known_types(self) -> set[str]:
        """Call types (normalised) that have public wording in any language."""
        with self.ctx.sessions() as session:
            return set(session.scalars(select(CallWording.call_type).distinct()))

    def import_file(
        self,
        path: Path,
        preset: Preset,
        *,
        source: str | None = None,
        window: tuple[datetime, datetime] | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import one CSV or JSON export with ``preset``; bad rows are reported and the rest imports."""
        with open_text(path) as stream:
            if is_json(path.name, preset):
                text = stream.read()
                rows: Iterable[RawRow | BadRow] = read_json(text, preset.columns, progress=progress)
                return self.import_rows(rows, preset, source=source, window=window)
            return self.import_rows(
                read_csv(stream, preset.columns, progress=progress), preset, source=source, window=window
            )

    def import_text(
        self,
        text: str,
        preset: Preset,
        *,
        json_format: bool = False,
        source: str | None = None,
        window: tuple[datetime, datetime] | None = None,
    ) -> ImportReport:
        """Import an export held in memory (a feed's body, a test)."""
        if json_format:
            return self.import_rows(read_json(text, preset.columns), preset, source=source, window=window)
        return self.import_rows(read_csv(io.StringIO(text), preset.columns), preset, source=source, window=window)

    def import_rows(
        self,
        rows: Iterable[RawRow | BadRow],
        preset: Preset,
        *,
        source: str | None = None,
        window: tuple[datetime, datetime] | None = None,
        on_chunk: Callable[[ImportReport], None] | None = None,
    ) -> ImportReport:
        """Parse, classify and store rows chunk by chunk (each chunk its own transaction)."""
        label = source or preset.name
        report = ImportReport()
        classifier = Classifier(preset, self.known_types())
        seen = self._stored(label)
        for batch in _chunks(parse_rows(rows, preset, classifier, report, window=window), CHUNK):
            self._store_chunk(label, batch, seen, report)
            if on_chunk is not None:
                on_chunk(report)
        with self.ctx.transaction() as session:
            self.ctx.audit.append(
                session,
                Actor.system(self.ctx.workstation),
                "calls.import",
                "calls",
                label,
                summarise(
                    **{k: v for k, v in report.as_dict().items() if k != "bad_rows"}, bad_rows=len(report.bad_rows)
                ),
            )
        return report

    def _stored(self, source: str) -> dict[str, _Seen]:
        """What is stored for ``source``, read once (one query beats a lookup per chunk on PostgreSQL)."""
        seen: dict[str, _Seen] = {}
        with self.ctx.sessions() as session:
            found = session.execute(
                select(Call.call_key, Call.disposition, Call.known_hashes).where(Call.source == source)
            )
            for key, disposition, known in found:
                seen[key] = _Seen(disposition, set(known.split()), False)
        return seen

    def _store_chunk(self, source: str, batch: list[CallRecord], seen: dict[str, _Seen], report: ImportReport) -> None:
        now = self.ctx.clock.now()
        with self.ctx.transaction() as session:
            inserts: dict[str, list[object]] = {}
            updates: dict[str, dict[str, object]] = {}
            for record in batch:
                short = record.content_hash[:16]
                previous = seen.get(record.call_key)
                if previous is not None and short in previous.known:
                    report.unchanged += 1
                    continue
                if previous is None:
                    report.imported += 1
                    seen[record.call_key] = _Seen(record.disposition, {short}, False)
                    # A list in INSERT_COLUMNS order; enum values through a dict (attribute access is slow).
                    inserts[record.call_key] = [
                        source,
                        record.call_key,
                        record.key_derived,
                        record.received_at,
                        _PLAIN[record.time_flag],
                        record.call_type,
                        record.location,
                        record.district,
                        record.disposition,
                        None,
                        record.content_hash,
                        short,
                        _PLAIN[record.status],
                        _PLAIN[record.category],
                        None,
                        False,
                        record.line,
                        now,
                        now,
                    ]
                    continue
                values: dict[str, object] = {
                    "received_at": record.received_at,
                    "time_flag": _PLAIN[record.time_flag],
                    "call_type": record.call_type,
                    "location": record.location,
                    "district": record.district,
                    "disposition": record.disposition,
                    "content_hash": record.content_hash,
                    "status": _PLAIN[record.status],
                    "category": _PLAIN[record.category],
                    "source_line": record.line,
                    "updated_at": now,
                }
                report.updated += 1
                previous.known.add(short)
                values["known_hashes"] = " ".join(sorted(previous.known))
                if previous.disposition != record.disposition:
                    report.follow_ups += 1
                    values["previous_disposition"] = previous.disposition
                    values["follow_up_pending"] = True
                    previous.follow_up = True
                previous.disposition = record.disposition
                pending = inserts.get(record.call_key)
                if pending is not None:
                    for name, value in values.items():  # first seen in this same chunk: insert the latest version
                        pending[_AT[name]] = value
                else:
                    entry = updates.setdefault(record.call_key, {"k_source": source, "k_key": record.call_key})
                    entry.update(values)
            if inserts:
                _insert_calls(session, INSERT_COLUMNS, list(inserts.values()))
            if updates:
                self._apply_updates(session, list(updates.values()))

    @staticmethod
    def _apply_updates(session: Session, rows: list[dict[str, object]]) -> None:
        # A change that did not touch the outcome keeps an earlier pending follow-up and its old value.
        cols = [
            "received_at",
            "time_flag",
            "call_type",
            "location",
            "district",
            "disposition",
            "content_hash",
            "known_hashes",
            "status",
            "category",
            "source_line",
            "updated_at",
        ]
        where = (Call.source == bindparam("k_source")) & (Call.call_key == bindparam("k_key"))
        for flagged in (True, False):
            names = [*cols, "previous_disposition", "follow_up_pending"] if flagged else cols
            chosen = [r for r in rows if ("follow_up_pending" in r) is flagged]
            if not chosen:
                continue
            stmt = update(Call).where(where).values({c: bindparam(f"v_{c}") for c in names})
            params = [
                {"k_source": r["k_source"], "k_key": r["k_key"], **{f"v_{c}": r[c] for c in names}} for r in chosen
            ]
            session.connection().execute(stmt, params)


def _naive_utc(value: object) -> object:
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _sqlite_value(value: object) -> object:
    if isinstance(value, datetime):
        # The text SQLAlchemy's SQLite DateTime stores, so UtcDateTime reads it back unchanged.
        if value.tzinfo is UTC:
            return value.isoformat(" ", "microseconds")[:-6]  # without "+00:00": no conversion needed
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")
    return value


def _insert_calls(session: Session, columns: tuple[str, ...], rows: list[list[object]]) -> None:
    """Insert new calls straight through the driver, inside the session's transaction.

    COPY on PostgreSQL (one statement per row is slow there); on SQLite one executemany with values
    already in the stored form (SQLAlchemy's per-value processing was half the import time)."""
    connection = session.connection()
    raw = connection.connection.driver_connection
    assert raw is not None
    names = ", ".join(f'"{c}"' for c in columns)
    timed = [i for i, value in enumerate(rows[0]) if isinstance(value, datetime)]
    if connection.dialect.name == "postgresql":
        with raw.cursor() as cursor, cursor.copy(f"COPY calls ({names}) FROM STDIN") as copy:
            for row in rows:
                # Times go in as naive UTC, as UtcDateTime stores them.
                copy.write_row([_naive_utc(value) for value in row])
        return
    if connection.dialect.name == "sqlite":
        marks = ", ".join("?" for _ in columns)
        stamps: dict[object, object] = {}  # first_seen_at and updated_at are one value for the whole chunk
        for row in rows:  # the rows are this chunk's own lists: turned into stored values in place
            for i in timed:
                value = row[i]
                text = stamps.get(value)
                if text is None:
                    text = _sqlite_value(value)
                    if len(stamps) < 4:
                        stamps[value] = text
                row[i] = text
        cursor = raw.cursor()
        try:
            cursor.executemany(f"INSERT INTO calls ({names}) VALUES ({marks})", rows)
        finally:
            cursor.close()
        return
    connection.execute(insert(CALLS), [dict(zip(columns, row, strict=True)) for row in rows])


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
