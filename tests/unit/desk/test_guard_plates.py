"""Vehicle registration plates: Finnish, Swedish, UK forms, and US forms near a vehicle word."""

from __future__ import annotations

import pytest

from desk.redaction import AllowList, HitKind, PrivacyGuard

GUARD = PrivacyGuard(AllowList.shipped())


def plates(text: str) -> list[str]:
    return [hit.text for hit in GUARD.check(text).hits if hit.kind is HitKind.VEHICLE_PLATE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Auto ABC-123 ajoi ulos tieltä", "ABC-123"),
        ("rekisteritunnus XYZ-987.", "XYZ-987"),
        ("rek. abc-123", "abc-123"),
        ("rekisterinumero BCD-45", "BCD-45"),
        ("Bilen ABC 123 körde iväg", "ABC 123"),
        ("reg.nr MLB 45A", "MLB 45A"),
        ("Volvo med regnummer abc123", "abc123"),
        ("registration MA19 XYZ", "MA19 XYZ"),
        ("car reg AB12CDE", "AB12CDE"),
        ("Corsa, reg P123 ABC.", "P123 ABC"),
        ("Jaguar with the plate ABC 123D", "ABC 123D"),
        ("California plate 7ABC123", "7ABC123"),
        ("license plate 8xyz456, please help", "8xyz456"),
        ("NY plate ABC-1234", "ABC-1234"),
        ("Texas plates ABC 1234", "ABC 1234"),
    ],
)
def test_plates_hit(text: str, expected: str) -> None:
    assert plates(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Road closed on the M60 between J12 and J13",
        "Drivers: the A56 is closed; use the A5181",
        "Crash involving a car on the A5181 near Stretford",
        "We stopped a white van on the M62 at 02:40",
        "Stolen: a white Transit van and a black BMW X5",
        "A 2019 Honda Civic was stolen from the 400 block of Foothill Blvd",
        "Fine of SEK 500 or GBP 100",
        "Car fire, NHS 111 advice; ISO 9001; ICD-10 code",
        "Car seen at 10am-12pm doing 20mph",
        "Stolen vehicle in Bolton #gmp24 call 1203",
        "COVID-19 rules for taxi drivers",
        "Trafikolycka på E4 vid Norrviken, bil i diket",
        "Soitto 45: liikenneonnettomuus, Hervanta, Tampere",
        "CALL 45 - SUSPICIOUS VEHICLE REPORTED ON HWY 101 NEAR MADONNA RD",
    ],
)
def test_no_plate_here(text: str) -> None:
    assert plates(text) == []
