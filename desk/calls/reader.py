"""Streaming readers of call exports (CSV, JSON array, JSON object with a list, JSON Lines).

Each yields, in file order, either the mapped fields of one row with its first line number, or a bad row
with its line number and reason. Only mapped columns are copied out of a row.
"""

from __future__ import annotations

import csv
import io
import json
import operator
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

from desk.calls.mapping import CallField, check_mapping

# Real exports carry long free-text fields; the default limit of 128 KiB would reject whole rows.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

Progress = Callable[[int, int], None]  # (rows read, bytes or characters read so far)


@dataclass(frozen=True, slots=True)
class RawRow:
    """The mapped fields of one row as text, with the line (or JSON record) it starts on."""

    line: int
    values: Mapping[CallField, str]


@dataclass(frozen=True, slots=True)
class BadRow:
    """A row that could not be read, with where it starts and why."""

    line: int
    reason: str


def _position(stream: IO[str]) -> int:
    """How far into the underlying bytes a text stream has read (0 when it cannot say)."""
    buffer = getattr(stream, "buffer", None)
    try:
        return int(buffer.tell()) if buffer is not None else 0
    except (OSError, ValueError):
        return 0


def _sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def csv_headers(stream: IO[str]) -> list[str]:
    """The header row of a CSV stream (the stream is left after it)."""
    return next(csv.reader(stream), [])


def read_csv(
    stream: IO[str], columns: Mapping[CallField, str], *, progress: Progress | None = None, every: int = 5000
) -> Iterator[RawRow | BadRow]:
    """Rows of a CSV export; line numbers are physical lines, so quoted newlines count."""
    reader = csv.reader(stream)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield BadRow(1, f"the header row cannot be read: {exc}")
        return
    if len(header) == 1 and any(sep in header[0] for sep in ";\t|"):
        # A header with one cell holding separators: read the rest with the sniffed dialect.
        dialect = _sniff_dialect(header[0])
        header = next(csv.reader([header[0]], dialect))
        reader = csv.reader(stream, dialect)
    check_mapping(columns, header)
    width = len(header)
    wanted = [(field, header.index(name)) for field, name in columns.items() if name]
    fields = tuple(field for field, _ in wanted)
    pick = operator.itemgetter(*(index for _, index in wanted))
    last_line = reader.line_num
    rows = 0
    while True:
        start = last_line + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            last_line = reader.line_num
            yield BadRow(start, f"not valid CSV: {exc}")
            continue
        last_line = reader.line_num
        rows += 1
        if progress is not None and rows % every == 0:
            progress(rows, _position(stream))
        if not record or (len(record) == 1 and not record[0].strip()):
            continue  # blank line
        if len(record) != width:
            yield BadRow(start, f"{len(record)} fields where the header has {width}")
            continue
        picked = pick(record)
        yield RawRow(start, dict(zip(fields, picked if len(fields) > 1 else (picked,), strict=True)))
    if progress is not None:
        progress(rows, _position(stream))


def _scalar(value: Any) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    return None


def _from_object(line: int, obj: Any, columns: Mapping[CallField, str]) -> RawRow | BadRow:
    if not isinstance(obj, dict):
        return BadRow(line, f"a {type(obj).__name__} where a call object was expected")
    values: dict[CallField, str] = {}
    for field, name in columns.items():
        if not name:
            continue
        text = _scalar(obj.get(name))
        if text is None:
            return BadRow(line, f"field {name!r} is not a plain value")
        values[field] = text
    return RawRow(line, values)


_LIST_KEYS = ("calls", "data", "records", "items", "results", "rows", "incidents")


def read_json(
    text: str, columns: Mapping[CallField, str], *, progress: Progress | None = None, every: int = 5000
) -> Iterator[RawRow | BadRow]:
    """Rows of a JSON export: an array of objects, an object holding such an array, or JSON Lines.

    Line numbers are those of each object's first character."""
    check_mapping(columns)
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    if stripped.startswith("["):
        yield from _read_array(text, offset, columns, progress, every)
        return
    if stripped.startswith("{"):
        try:
            doc = json.loads(text)
        except json.JSONDecodeError:
            doc = None
        if isinstance(doc, dict):
            for key in _LIST_KEYS:
                if isinstance(doc.get(key), list):
                    start = text.find("[", text.find(f'"{key}"'))
                    yield from _read_array(text, start, columns, progress, every)
                    return
            yield _from_object(text.count("\n", 0, offset) + 1, doc, columns)
            return
    yield from _read_lines(text, columns, progress, every)


def _read_array(
    text: str, start: int, columns: Mapping[CallField, str], progress: Progress | None, every: int
) -> Iterator[RawRow | BadRow]:
    decoder = json.JSONDecoder()
    pos = start + 1
    line = text.count("\n", 0, pos) + 1
    counted = pos
    rows = 0
    length = len(text)
    while True:
        while pos < length and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= length:
            line += text.count("\n", counted, pos)
            yield BadRow(line, "the JSON array is not closed; the file may be cut short")
            return
        if text[pos] == "]":
            break
        line += text.count("\n", counted, pos)
        counted = pos
        try:
            obj, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield BadRow(exc.lineno, f"not valid JSON ({exc.msg}); the rest of the file could not be read")
            return
        yield _from_object(line, obj, columns)
        rows += 1
        if progress is not None and rows % every == 0:
            progress(rows, end)
        pos = end
    if progress is not None:
        progress(rows, length)


def _read_lines(
    text: str, columns: Mapping[CallField, str], progress: Progress | None, every: int
) -> Iterator[RawRow | BadRow]:
    rows = 0
    chars = 0
    for number, raw in enumerate(io.StringIO(text), start=1):
        chars += len(raw)
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield BadRow(number, f"not valid JSON ({exc.msg})")
            continue
        yield _from_object(number, obj, columns)
        rows += 1
        if progress is not None and rows % every == 0:
            progress(rows, chars)
    if progress is not None:
        progress(rows, chars)
