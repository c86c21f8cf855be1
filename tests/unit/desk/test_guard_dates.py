"""Dates of birth (a date with a birth context) versus dates, times and ages that pass."""

from __future__ import annotations

import pytest

from desk.redaction import AllowList, HitKind, PrivacyGuard
from desk.redaction.dates import find_dates

GUARD = PrivacyGuard(AllowList.shipped())


def births(text: str) -> list[str]:
    return [hit.text for hit in GUARD.check(text).hits if hit.kind is HitKind.DATE_OF_BIRTH]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Missing: Sarah, DOB 12/03/1985", "12/03/1985"),
        ("D.O.B. 12/03/85", "12/03/85"),
        ("d.o.b. 1985-03-12", "1985-03-12"),
        ("born on 4 July 1990", "4 July 1990"),
        ("born July 4, 1990", "July 4, 1990"),
        ("DOB 12th March 1985", "12th March 1985"),
        ("born 12 March", "12 March"),
        ("Matti Virtanen, s. 12.3.1985", "12.3.1985"),
        ("hän on syntynyt 5.6.2001", "5.6.2001"),
        ("syntymäaika 3. maaliskuuta 1985", "3. maaliskuuta 1985"),
        ("12.3.1985 syntynyt mies", "12.3.1985"),
        ("född 1985-03-12", "1985-03-12"),
        ("född den 3 mars 2008", "3 mars 2008"),
        ("f. 1985-03-12", "1985-03-12"),
    ],
)
def test_dates_of_birth_hit(text: str, expected: str) -> None:
    assert births(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Court on 14 April",
        "22.11.2026 klo 14",
        "at 14:35 on 3 March",
        "Born and raised in Bolton, PC Khan joined in 2010",
        "born in 1990",
        "Matti (s. 1985) kertoo",
        "Hon är född 1985",
        "a 34-year-old man; 15-vuotias poika; en 23-årig man",
        "See page s. 12",
    ],
)
def test_no_date_of_birth_here(text: str) -> None:
    assert births(text) == []


def test_dates_are_read_in_day_month_order_and_us_order_when_needed() -> None:
    assert [d.canonical for d in find_dates("12/03/1985 and 03/25/2021 and 2021-02-30")] == [
        "1985-03-12",
        "2021-03-25",
    ]
