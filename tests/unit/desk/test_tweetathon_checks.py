"""The rehearsal's source-row checks catch each kind of leak and pass a clean post."""

from __future__ import annotations

import pytest

from tests.tweetathon_checks import SLO_COLUMNS, check_posts, house_vocabulary, line_problems

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
