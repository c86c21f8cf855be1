"""Phone numbers: formats, prefixes, separators, non-ASCII digits, short codes and reference numbers."""

from __future__ import annotations

import pytest

from desk.redaction import AllowList, HitKind, PrivacyGuard
from desk.redaction.phones import e164_readings

GUARD = PrivacyGuard(AllowList.shipped())


def phone_texts(text: str) -> list[str]:
    result = GUARD.check(text)
    for hit in result.hits:
        assert text[hit.start : hit.end] == hit.text
    return [hit.text for hit in result.hits if hit.kind is HitKind.PHONE]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ring me on 07700 900123 tonight", "07700 900123"),
        ("Soita 040 123 4567 heti", "040 123 4567"),
        ("Soita +358 40 123 4567", "+358 40 123 4567"),
        ("numero 00358 40 123 4567", "00358 40 123 4567"),
        ("puh. 040-1234567", "040-1234567"),
        ("puh 040/123 45 67", "040/123 45 67"),
        ("(09) 123 4567 toimisto", "(09) 123 4567"),
        ("ring 070-123 45 67", "070-123 45 67"),
        ("ring +46 70 123 45 67", "+46 70 123 45 67"),
        ("ring 0046 8 123 456 78", "0046 8 123 456 78"),
        ("ring +46 (0)70 123 45 67", "+46 (0)70 123 45 67"),
        ("call +44 (0)20 7946 0018", "+44 (0)20 7946 0018"),
        ("mobile 07911.123.456", "07911.123.456"),
        ("cell (805) 543-2210", "(805) 543-2210"),
        ("cell 805.543.2210", "805.543.2210"),
        ("cell 1-805-543-2210", "1-805-543-2210"),
        ("cell +1 805 543 2210", "+1 805 543 2210"),
        ("numero ０４０ １２３ ４５６７", "０４０ １２３ ４５６７"),
        ("nummer ٠٧٠١٢٣٤٥٦٧ tack", "٠٧٠١٢٣٤٥٦٧"),
        ("nummer ۰۷۰۱۲۳۴۵۶۷", "۰۷۰۱۲۳۴۵۶۷"),
        ("puh 040\u00a0123\u20094567", "040\u00a0123\u20094567"),
        ("puh 040\u2013123\u20134567", "040\u2013123\u20134567"),
        ("tel 0\u200b40 123 4567", "0\u200b40 123 4567"),
    ],
)
def test_phone_numbers_hit_with_their_exact_span(text: str, expected: str) -> None:
    assert phone_texts(text) == [expected]


def test_two_numbers_side_by_side_are_two_hits() -> None:
    assert phone_texts("07911 123456, 07911 654321") == ["07911 123456", "07911 654321"]


def test_a_number_followed_by_another_figure_is_trimmed_to_the_number() -> None:
    assert phone_texts("ring 07700 900123 24/7") == ["07700 900123"]


@pytest.mark.parametrize(
    "text",
    [
        "In an emergency call 999, otherwise 101.",
        "Hätänumero 112. Poliisin vaihde 0295 419 800.",
        "Poliisin vaihde +358 295 419 800 tai 00358-295-419-800 tai 0295419800",
        "Ring 114 14 eller 11414, vid fara 112",
        "Samaritans 116 123 or 116123",
        "Crimestoppers 0800 555 111 / +44 800 555 111 / 0044 800 555 111",
        "National DV Hotline 1-800-799-7233 or (800) 799-7233",
        "Call or text 988",
        "Kvinnofridslinjen 020-50 50 50",
        "Självmordslinjen 90101",
        "Call 609 unauthorised use of a catalogue account in Bolton #gmp24",
        "case 21-12345 and ref 2021/1234 and incident 5512",
        "Please quote crime reference 06/123456/24",
        "Ärendenummer 5000-K123456-24",
        "Rikosilmoitus 5500/R/12345/26",
        "Vuonna 2025 rikoksia oli 1 234 567 ja 12 345",
        "We answered 1,234,567 calls; 2,345,678,901 views",
        "On 22.11.2026 klo 14.35 and 02.11.2026 at 08:00",
        "Between 08:00-20:00, 10am-12pm",
        "Calls 1210–1214 and 3,205 calls in 24 hours",
        "SLO case 210914012 closed",
    ],
)
def test_public_short_and_reference_numbers_do_not_hit(text: str) -> None:
    assert phone_texts(text) == []


def test_e164_readings_cover_the_supported_prefixes() -> None:
    assert e164_readings("+358 40 123 4567") == {"+358401234567"}
    assert e164_readings("00358 40 123 4567") == {"+358401234567"}
    assert e164_readings("+44 (0)20 7946 0018") == {"+442079460018"}
    assert e164_readings("040 123 4567") == {"+358401234567", "+46401234567", "+44401234567"}
    assert e164_readings("(805) 543-2210") == {"+18055432210"}
    assert e164_readings("1-805-543-2210") == {"+18055432210"}
    assert e164_readings("112") == frozenset()
    assert e164_readings("1 234 567") == frozenset()


def test_a_phone_hit_says_what_to_do_in_english() -> None:
    hit = GUARD.check("puh 040 123 4567").hits[0]
    assert hit.message_code == "guard.phone"
    assert hit.params["text"] == "040 123 4567"
    assert "040 123 4567" in hit.default_text
    assert hit.blocking
