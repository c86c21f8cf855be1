"""Street addresses with house numbers (EN, FI, SV) and the generalised forms that pass."""

from __future__ import annotations

import pytest

from desk.redaction import AllowList, HitKind, PrivacyGuard

GUARD = PrivacyGuard(AllowList.shipped())


def addresses(text: str, guard: PrivacyGuard = GUARD) -> list[str]:
    return [hit.text for hit in guard.check(text).hits if hit.kind is HitKind.STREET_ADDRESS]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Burglary at flat 3, 22 Acacia Ave overnight", "flat 3, 22 Acacia Ave"),
        ("lives at 22 Acacia Avenue, Bolton", "22 Acacia Avenue"),
        ("at 22b Baker Street.", "22b Baker Street."),
        ("Apt 4, 1220 Marsh St.", "Apt 4, 1220 Marsh St."),
        ("Disturbance at 2994 Higuera St", "2994 Higuera St"),
        ("Fire at 11990 Los Osos Valley Rd", "11990 Los Osos Valley Rd"),
        ("Officers at 7 Church Lane", "7 Church Lane"),
        ("i live at 22 acacia avenue", "22 acacia avenue"),
        ("Asuu osoitteessa Mannerheimintie 12 A 5, Helsinki", "Mannerheimintie 12 A 5"),
        ("Murto Hämeenkatu 5 B:n liiketilaan", "Hämeenkatu 5 B"),
        ("Tulipalo Keskuskatu 3:ssa", "Keskuskatu 3"),
        ("Insinöörinkatu 30 C 41, Hervanta", "Insinöörinkatu 30 C 41"),
        ("Mannerheimintie 12a", "Mannerheimintie 12a"),
        ("asun mannerheimintie 12 b 5", "mannerheimintie 12 b 5"),
        ("Inbrott på Drottninggatan 45 i natt", "Drottninggatan 45"),
        ("Han bor på Storgatan 12 lgh 1102", "Storgatan 12 lgh 1102"),
        ("Storgatan 12, 2 tr", "Storgatan 12, 2 tr"),
        ("Bråk utanför Sveavägen 73", "Sveavägen 73"),
        ("Kungsgatan 44, 111 35 Stockholm", "Kungsgatan 44"),
        ("jag bor på storgatan 12", "storgatan 12"),
        ("Häiriö Tammelan puistokatu 33 A 3:ssa", "Tammelan puistokatu 33 A 3"),
        ("Kolari Hervannan valtaväylä 10:n kohdalla", "Hervannan valtaväylä 10"),
        ("someone broke into my car outside 5 Kings Road last night", "5 Kings Road"),
        ("Jag bor på Götgatan 78, 118 30 Stockholm", "Götgatan 78"),
    ],
)
def test_addresses_hit_with_exact_span(text: str, expected: str) -> None:
    assert addresses(text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Call 1203 – Disturbance reported on the 2900 block of Higuera St. Officers attended. #slopd24",
        "The 100 block of Main Street is closed",
        "Call 1207 – Welfare check, 1200 block of Osos St.",
        "Suspicious person, 2900 Block Higuera St",
        "Mannerheimintie on suljettu",
        "Kadonnut nähtiin Mannerheimintiellä klo 14.30",
        "Kolari valtatie 9:llä Oriveden kohdalla",
        "Liikenne ohjataan Kantatie 45:lle",
        "Olycka på riksväg 40 vid Borås",
        "Länsväg 222 är avstängd",
        "Collision on Highway 101 near Madonna Rd",
        "Call 45 Criminal Damage Church Street #gmp24",
        "#gmp24 call 1203: burglary in Rochdale",
        "Drottninggatan är avstängd mellan klockan 14 och 16",
        "Hämeenkadulla 22.11.2026 klo 14",
        "Two men, aged 19 and 23, were arrested on Deansgate",
        "Samtal 12: inbrott i Södermalm",
        "Soitto 45: liikenneonnettomuus, Hervanta, Tampere",
        "5 miles down the road",
        "hit 2 cars on main street and drove off",
        "Travelled 40 miles",
        "Copenhagen 2 Malmö 1",
        "Meet us at Unit 7, Bolton Retail Park on Saturday.",
        "Tampereen valtatie 3 on suljettu",
        "Tampereen poliisi kertoo 3 kiinniotosta",
        "Gate 3 at Old Trafford will open at 13:00",
        "Platform 4 at Manchester Piccadilly",
    ],
)
def test_generalised_forms_pass(text: str) -> None:
    assert addresses(text) == []


def test_an_allow_listed_address_passes() -> None:
    guard = PrivacyGuard(AllowList.shipped().with_entries([{"kind": "address", "value": "Pasilanraitio 11, Helsinki"}]))
    assert addresses("Poliisitalo, Pasilanraitio 11, on auki", guard) == []
    assert addresses("Pasilanraitio 13", guard) == ["Pasilanraitio 13"]
