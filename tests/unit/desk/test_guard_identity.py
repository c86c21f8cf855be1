"""National identity numbers: HETU (all century signs), personnummer/samordningsnummer (Luhn), UK NINO."""

from __future__ import annotations

import pytest

from desk.redaction import AllowList, HitKind, PrivacyGuard
from desk.redaction.identity import find_identity_numbers

GUARD = PrivacyGuard(AllowList.shipped())
_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu(date: str, sign: str, serial: str) -> str:
    """A HETU with its check character computed from the published rule (remainder mod 31)."""
    return f"{date}{sign}{serial}{_CHECK[int(date + serial) % 31]}"


def ids(text: str) -> list[tuple[str, str]]:
    result = GUARD.check(text)
    return [(hit.text, str(hit.params["scheme"])) for hit in result.hits if hit.kind is HitKind.NATIONAL_ID]


def test_the_published_example_hetu_is_found() -> None:
    # 131052-308T is the example in the Finnish Digital and Population Data Services Agency's documentation.
    assert ids("Henkilötunnus 131052-308T.") == [("131052-308T", "fi_hetu")]


@pytest.mark.parametrize("sign", list("+-ABCDEFYXWVU"))
def test_every_century_sign_is_accepted(sign: str) -> None:
    value = hetu("010594", sign, "903")
    assert ids(f"hetu {value} ok") == [(value, "fi_hetu")]


@pytest.mark.parametrize(
    "text",
    [
        "131052-308A",  # wrong check character
        "311352-308T",  # no 13th month
        "300202A1234",  # 30 February
        "131052G308T",  # G is not a century sign
        "Tilaus 131052-3081",
    ],
)
def test_invalid_hetus_do_not_hit(text: str) -> None:
    assert ids(text) == []


def test_hetu_with_spaces_and_odd_digits_still_hits() -> None:
    assert ids("13 10 52-308T") == [("13 10 52-308T", "fi_hetu")]
    assert ids("١٣١٠٥٢-٣٠٨T") == [("١٣١٠٥٢-٣٠٨T", "fi_hetu")]
    assert ids("131052 – 308T") == [("131052 – 308T", "fi_hetu")]


@pytest.mark.parametrize(
    ("text", "expected", "scheme"),
    [
        ("pnr 811218-9876", "811218-9876", "se_personnummer"),
        ("pnr 19811218-9876", "19811218-9876", "se_personnummer"),
        ("pnr 8112189876", "8112189876", "se_personnummer"),
        ("pnr 198112189876", "198112189876", "se_personnummer"),
        ("pnr 811218+9876 (över 100 år)", "811218+9876", "se_personnummer"),
        ("samordningsnummer 920377-3453", "920377-3453", "se_samordningsnummer"),
    ],
)
def test_personnummer_with_and_without_century_and_separator(text: str, expected: str, scheme: str) -> None:
    assert ids(text) == [(expected, scheme)]


@pytest.mark.parametrize("text", ["811218-9875", "811318-9876", "19811218-9870", "ärende 5000-K123456-24"])
def test_personnummer_failing_luhn_or_date_does_not_hit(text: str) -> None:
    assert ids(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NI number AB 12 34 56 C", "AB 12 34 56 C"),
        ("payslip JG103759A", "JG103759A"),
        ("national insurance ab123456c", "ab123456c"),
        ("NI no. AB123456", "AB123456"),
    ],
)
def test_uk_national_insurance_numbers(text: str, expected: str) -> None:
    assert ids(text) == [(expected, "uk_nino")]


@pytest.mark.parametrize(
    "text",
    [
        "NI number QQ 12 34 56 C",  # Q never first
        "NI number DA123456A",  # D never first
        "NI number AO123456A",  # O never second
        "NI number GB123456A",  # GB never issued
        "NI number ZZ123456A",
        "NI number AB123456E",  # suffix only A-D
        "Product code AB123456",  # no suffix and no context
    ],
)
def test_nino_prefix_rules(text: str) -> None:
    assert ids(text) == []


def test_find_identity_numbers_gives_canonical_values() -> None:
    found = find_identity_numbers("131052-308t and 19811218-9876")
    assert [item.canonical for item in found] == ["131052-308T", "8112189876"]
