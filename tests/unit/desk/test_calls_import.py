"""Call import: mapping, times, bad rows with line numbers, malformed input, repeats and outcome updates."""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.calls.mapping import CallField, Preset, check_mapping, preset_from_headers, recognise
from desk.calls.reader import BadRow, RawRow, read_csv, read_json
from desk.calls.records import Classifier, ImportReport, parse_rows
from desk.calls.times import TimeFlag, TimeReader, localise
from desk.errors import ValidationFailed

PRESET = Preset(
    name="test",
    columns={
        CallField.CALL_ID: "id",
        CallField.TIME: "time",
        CallField.TYPE: "type",
        CallField.LOCATION: "address",
        CallField.DISPOSITION: "outcome",
    },
    timezone="Europe/London",
    datetime_formats=["%Y-%m-%d %H:%M"],
    excluded_types=["Test call"],
)
HEADER = "id,time,type,address,notes,outcome\n"


def _parse(text: str, preset: Preset = PRESET) -> tuple[list[Any], ImportReport]:
    report = ImportReport()
    records = list(
        parse_rows(read_csv(io.StringIO(text), preset.columns), preset, Classifier(preset, ["theft"]), report)
    )
    return records, report


def test_calls_recognises_common_column_names() -> None:
    mapping = recognise(
        ["Incident Number", "Date/Time", "Nature of Call", "Block Address", "Beat", "Disposition", "Notes"]
    )
    assert mapping == {
        CallField.CALL_ID: "Incident Number",
        CallField.TIME: "Date/Time",
        CallField.TYPE: "Nature of Call",
        CallField.LOCATION: "Block Address",
        CallField.DISTRICT: "Beat",
        CallField.DISPOSITION: "Disposition",
    }
    # A free-text column is never mapped to anything.
    assert "Notes" not in mapping.values()


def test_calls_a_mapping_without_a_time_or_type_is_refused_before_anything_imports() -> None:
    with pytest.raises(ValidationFailed, match="date or time") as err:
        check_mapping({CallField.TYPE: "type"})
    assert err.value.code == "calls.mapping_missing"
    with pytest.raises(ValidationFailed, match="no column for date or time and type"):
        preset_from_headers(["when", "where"])
    bad = PRESET.model_copy(update={"columns": {**PRESET.columns, CallField.TYPE: "nature"}})
    with pytest.raises(ValidationFailed, match="no column named 'nature'"):
        _parse(HEADER + "1,2026-01-05 10:00,Theft,1 High St,x,\n", bad)


def test_calls_bad_rows_are_reported_with_their_physical_line_and_the_rest_imports() -> None:
    text = (
        HEADER
        + '1,2026-01-05 10:00,Theft,12 High St,"a note\nover\nthree lines",\n'  # lines 2-4
        + "2,not a time,Theft,1 Low St,x,\n"  # line 5
        + "3,2026-01-05 11:00,Theft\n"  # line 6: too few fields
        + '4,2026-01-05 12:00,Theft,"2 Mill Rd",x,Closed\n'  # line 7
    )
    records, report = _parse(text)
    assert [r.call_key for r in records] == ["1", "4"]
    assert [(b.line, b.reason.split(" ")[0]) for b in report.bad_rows] == [(5, "time"), (6, "3")]
    assert "matches none of the formats" in report.bad_rows[0].reason
    assert records[1].line == 7


def test_calls_free_text_columns_never_leave_the_reader() -> None:
    rows = list(read_csv(io.StringIO(HEADER + "1,2026-01-05 10:00,Theft,1 High St,SECRET NAME,\n"), PRESET.columns))
    assert isinstance(rows[0], RawRow)
    assert "SECRET NAME" not in repr(rows[0]) and set(rows[0].values) == set(PRESET.columns)


def test_calls_dst_repeated_and_skipped_hours_are_flagged() -> None:
    london = ZoneInfo("Europe/London")
    assert localise(datetime(2026, 10, 25, 1, 30), london) == (
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),
        TimeFlag.DST_REPEATED,
    )
    assert localise(datetime(2026, 3, 29, 1, 30), london)[1] is TimeFlag.DST_SKIPPED
    assert localise(datetime(2026, 7, 1, 12, 0), london) == (datetime(2026, 7, 1, 11, 0, tzinfo=UTC), None)
    reader = TimeReader(ZoneInfo("America/Los_Angeles"), ["%m/%d/%y %H:%M"])
    assert reader.read("03/13/22 02:15")[1] is TimeFlag.DST_SKIPPED
    assert reader.read("03/13/22 03:15") == (datetime(2022, 3, 13, 10, 15, tzinfo=UTC), None)
    _, report = _parse(HEADER + "1,2026-10-25 01:10,Theft,a,x,\n2,2026-03-29 01:10,Theft,a,x,\n")
    assert (report.dst_repeated, report.dst_skipped) == (1, 1)


def test_calls_rows_out_of_order_are_counted_and_kept() -> None:
    text = HEADER + "1,2026-01-05 10:00,Theft,a,x,\n2,2026-01-05 09:00,Theft,a,x,\n3,2026-01-05 11:00,Theft,a,x,\n"
    records, report = _parse(text)
    assert len(records) == 3 and report.out_of_order == 1
    assert records[1].received_at < records[0].received_at


def test_calls_rows_with_no_id_get_stable_derived_keys() -> None:
    text = HEADER + ",2026-01-05 10:00,Theft,a,x,\n,2026-01-05 10:00,Theft,a,y,\n,2026-01-05 10:05,Theft,a,x,\n"
    first, report = _parse(text)
    again, _ = _parse(text)
    assert report.derived_keys == 3
    assert len({r.call_key for r in first}) == 3  # identical rows stay distinct calls
    assert [r.call_key for r in first] == [r.call_key for r in again]


def test_calls_classification_counts_excluded_sensitive_and_unknown() -> None:
    preset = Preset.model_validate({**PRESET.model_dump(), "sensitive_types": {"Domestic": "domestic_abuse"}})
    text = HEADER + "".join(
        f"{i},2026-01-05 10:00,{t},a,x,\n" for i, t in enumerate(["Theft", "Test call", "Domestic", "Odd", "THEFT "])
    )
    records, report = _parse(text, preset)
    assert [r.status.value for r in records] == ["publishable", "excluded", "sensitive", "review", "publishable"]
    assert (dict(report.excluded), dict(report.sensitive), dict(report.unknown_types)) == (
        {"Test call": 1},
        {"domestic_abuse": 1},
        {"Odd": 1},
    )


def test_calls_json_array_object_and_lines_with_line_numbers() -> None:
    columns = PRESET.columns
    array = (
        '[\n {"id": 1, "time": "2026-01-05 10:00", "type": "Theft"},\n 7,\n {"id": 2, "time": "x", "type": {"a": 1}}\n]'
    )
    rows = list(read_json(array, columns))
    assert isinstance(rows[0], RawRow) and rows[0].line == 2 and rows[0].values[CallField.CALL_ID] == "1"
    assert isinstance(rows[1], BadRow) and rows[1].line == 3
    assert isinstance(rows[2], BadRow) and rows[2].line == 4 and "'type'" in rows[2].reason
    wrapped = json.dumps({"meta": {}, "calls": [{"id": "a", "time": "2026-01-05 10:00", "type": "Theft"}]})
    assert [r.values[CallField.CALL_ID] for r in read_json(wrapped, columns) if isinstance(r, RawRow)] == ["a"]
    lines = (
        '{"id": "a", "time": "2026-01-05 10:00", "type": "Theft"}\n{broken\n\n{"id": "b", "time": "2026-01-05 10:01"}\n'
    )
    got = list(read_json(lines, columns))
    assert [(type(r).__name__, r.line) for r in got] == [("RawRow", 1), ("BadRow", 2), ("RawRow", 4)]
    cut = list(read_json('[{"id": 1, "time": "2026-01-05 10:00", "type": "T"},\n{"id": 2, "ti', columns))
    assert isinstance(cut[0], RawRow) and isinstance(cut[-1], BadRow) and cut[-1].line == 2


def test_calls_progress_is_reported_for_big_files() -> None:
    text = HEADER + "".join(f"{i},2026-01-05 10:00,Theft,a,x,\n" for i in range(12_000))
    seen: list[tuple[int, int]] = []
    rows = list(read_csv(io.StringIO(text), PRESET.columns, progress=lambda n, pos: seen.append((n, pos))))
    assert len(rows) == 12_000
    assert [n for n, _ in seen] == [5_000, 10_000, 12_000]


# --- malformed input: nothing crashes, every good row imports, every bad one is reported -----------------

_cell = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=12)
_good = st.fixed_dictionaries(
    {
        "time": st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)).map(
            lambda d: d.strftime("%Y-%m-%d %H:%M")
        ),
        "type": _cell,
        "address": _cell,
        "notes": _cell,
        "outcome": _cell,
    }
)
_bad = st.one_of(
    _good.map(lambda r: {**r, "time": "garbage"}),
    _good.map(lambda r: {**r, "time": ""}),
    _good.map(lambda r: {**r, "_short": True}),
    _good.map(lambda r: {**r, "_long": True}),
)


@given(st.lists(st.tuples(st.booleans(), _good, _bad), max_size=25))
def test_calls_malformed_csv_never_crashes_and_loses_nothing(
    plan: list[tuple[bool, dict[str, Any], dict[str, Any]]],
) -> None:
    out = io.StringIO()
    writer = csv.writer(out)  # "\r\n" endings: the writer then quotes any field holding \r or \n
    writer.writerow(["id", "time", "type", "address", "notes", "outcome"])
    expected_good: list[str] = []
    expected_bad = 0
    for i, (is_good, good, bad) in enumerate(plan):
        row = good if is_good else bad
        cells = [f"c{i}", row["time"], row["type"], row["address"], row["notes"], row["outcome"]]
        if row.get("_short"):
            cells = cells[:3]
        if row.get("_long"):
            cells += ["extra"]
        writer.writerow(cells)
        if is_good:
            expected_good.append(f"c{i}")
        else:
            expected_bad += 1
    records, report = _parse(out.getvalue())
    assert [r.call_key for r in records] == expected_good
    assert len(report.bad_rows) == expected_bad
    lines = out.getvalue().split("\n")
    for problem in report.bad_rows:
        assert lines[problem.line - 1].startswith(("c", '"c')), (problem, lines)  # the line where that row starts


@given(st.lists(st.tuples(st.booleans(), _good), max_size=25))
def test_calls_malformed_json_lines_never_crash_and_lose_nothing(plan: list[tuple[bool, dict[str, Any]]]) -> None:
    lines = []
    expected_good = []
    for i, (is_good, row) in enumerate(plan):
        doc = {"id": f"c{i}", **row}
        lines.append(json.dumps(doc) if is_good else json.dumps(doc)[:-3])
        if is_good:
            expected_good.append(f"c{i}")
    report = ImportReport()
    records = list(parse_rows(read_json("\n".join(lines), PRESET.columns), PRESET, Classifier(PRESET, []), report))
    assert [r.call_key for r in records] == expected_good
    assert sorted(b.line for b in report.bad_rows) == [i + 1 for i, (ok, _) in enumerate(plan) if not ok]


@given(st.binary(max_size=300))
def test_calls_random_bytes_give_bad_rows_or_a_clear_error(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    readers: list[Iterable[RawRow | BadRow]] = [
        read_csv(io.StringIO(HEADER + text), PRESET.columns),
        read_json(text, PRESET.columns),
    ]
    for rows in readers:
        report = ImportReport()
        with contextlib.suppress(ValidationFailed):  # a header that lacks the mapped columns
            list(parse_rows(rows, PRESET, Classifier(PRESET, []), report))


# --- storing: repeats and outcome updates -----------------------------------------------------------------


def test_calls_repeats_are_ignored_and_changed_outcomes_update_for_a_follow_up(ctx: Any) -> None:
    from sqlalchemy import select

    from desk.calls.store import CallStore
    from desk.storage.tweetathon_models import Call

    store = CallStore(ctx)
    first = store.import_text(HEADER + "1,2026-01-05 10:00,Theft,a,x,\n2,2026-01-05 10:05,Theft,b,x,Open\n", PRESET)
    assert (first.imported, first.updated, first.unchanged) == (2, 0, 0)
    second = store.import_text(
        HEADER + "1,2026-01-05 10:00,Theft,a,other note,\n2,2026-01-05 10:05,Theft,b,x,No offence\n", PRESET
    )
    assert (second.imported, second.updated, second.unchanged, second.follow_ups) == (0, 1, 1, 1)
    with ctx.sessions() as session:
        call = session.scalars(select(Call).where(Call.call_key == "2")).one()
        assert (call.disposition, call.previous_disposition, call.follow_up_pending) == ("No offence", "Open", True)
        assert call.received_at == datetime(2026, 1, 5, 10, 5, tzinfo=UTC)
    # The old version met again (a re-import of the first export) changes nothing.
    third = store.import_text(HEADER + "2,2026-01-05 10:05,Theft,b,x,Open\n", PRESET)
    assert (third.updated, third.unchanged) == (0, 1)
