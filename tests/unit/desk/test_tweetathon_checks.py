"""The rehearsal's source-row checks catch each kind of leak and pass a clean post."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.calls.mapping import shipped_presets
from desk.calls.reader import read_csv
from desk.calls.records import Classifier, ImportReport, parse_rows
from tests.tweetathon_checks import CITY_COLUMNS, SLO_COLUMNS, check_posts, house_vocabulary, line_problems, read_rows

ROW = {
    "case_number": "211029001",
    "type": "Disturbance",
    "address": "1234 S HIGUERA ST",
    "location": "",
    "responsible_officer": "Smithson, Alvarez",
    "units": "4821 4830",
    "description": "Caller reports neighbour shouting near garage",
    "call_comments": "RP wants contact via phone",
}


def _problems(text: str) -> list[str]:
    return line_problems(text, ROW, SLO_COLUMNS, house_vocabulary())


def test_a_clean_line_passes() -> None:
    assert _problems("Disturbance, 1200 block of South Higuera.") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Disturbance, 1234 South Higuera.", "house number"),
        ("Disturbance, attended by Smithson.", "officer"),
        ("Disturbance, unit 4830 attended.", "unit"),
        ("Disturbance: neighbour shouting near the shop.", "three words"),
        ("Disturbance near a garage.", "note word 'garage'"),
    ],
)
def test_each_leak_is_caught(text: str, kind: str) -> None:
    assert any(kind in p for p in _problems(text)), _problems(text)


def test_a_batched_post_is_checked_line_by_line_and_unknown_calls_counted() -> None:
    post = {
        "call_numbers": [1, 2],
        "call_ids": ["211029001", "missing"],
        "text": "Call 1: Disturbance, garage.\nCall 2: Theft, Marsh.",
    }
    checked, problems, unmatched = check_posts([post], {"211029001": ROW}, SLO_COLUMNS)
    assert (checked, unmatched) == (1, 1)
    assert len(problems) == 1 and "garage" in problems[0]


def test_rows_with_no_id_are_found_by_the_key_the_importer_derives(tmp_path: Path) -> None:
    path = tmp_path / "street.csv"
    path.write_text(
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,"
        "Last outcome category,Context\n"
        "abc123,2020-01,City of London Police,City of London Police,-0.1,51.5,On or near Long Lane,E1,City 001A,"
        "Drugs,Court result unavailable,\n"
        ",2020-01,City of London Police,City of London Police,-0.1,51.5,On or near Parking Area,E1,City 001A,"
        'Anti-social behaviour,,"a note that\nspans two lines"\n'
        ",2020-01,City of London Police,City of London Police,-0.1,51.5,On or near Parking Area,E1,City 001A,"
        "Anti-social behaviour,,\n",
        encoding="utf-8",
    )
    preset = shipped_presets()["city-of-london-street"]
    assert set(read_rows(path, CITY_COLUMNS)) == {"abc123"}
    rows = read_rows(path, CITY_COLUMNS, preset)
    with path.open(newline="", encoding="utf-8") as fh:
        records = parse_rows(read_csv(fh, preset.columns), preset, Classifier(preset, ()), ImportReport())
        keys = [r.call_key for r in records]
    # The two id-less rows are alike but for their notes: the importer tells them apart by order.
    assert len(set(keys)) == 3 and set(rows) == set(keys)
    derived = [k for k in keys if k.startswith("derived:")]
    assert [rows[k]["Context"] for k in derived] == ["a note that\nspans two lines", ""]
    assert rows["abc123"]["Crime type"] == "Drugs"
