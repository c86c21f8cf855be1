"""The allow-list: a plain value object; phone entries match in any formatting or prefix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk.errors import ValidationFailed
from desk.redaction import AllowEntry, AllowKind, AllowList, HitKind, PrivacyGuard
from desk.resources import resource_path


def test_the_shipped_seed_has_a_source_for_every_entry() -> None:
    data = json.loads(resource_path("guard", "allowlist.json").read_text(encoding="utf-8"))
    assert data["entries"]
    for entry in data["entries"]:
        assert entry["kind"] in {"phone", "email", "address"}
        assert entry["source"].strip(), entry
        assert entry["label"].strip(), entry


@pytest.mark.parametrize(
    "number",
    [
        "112",
        "999",
        "911",
        "101",
        "111",
        "114 14",
        "116 000",
        "116 111",
        "116 123",
        "116 006",
        "988",
        "0295 419 800",
        "+358 295 419 800",
        "00358 295 419 800",
        "+358-295-419-800",
        "(0295) 419 800",
        "09 2525 0111",
        "0800 555 111",
        "+44 800 555 111",
        "0808 2000 247",
        "1-800-799-7233",
        "(800) 799-7233",
        "020-50 50 50",
        "+46 20 50 50 50",
        "08-702 16 80",
        "90101",
        "113 13",
        "1177",
    ],
)
def test_shipped_numbers_pass_in_any_format(number: str) -> None:
    result = PrivacyGuard(AllowList.shipped()).check(f"Call {number} for help.")
    assert not result.blocked, result.hits


def test_without_the_allow_list_the_same_long_numbers_hit() -> None:
    guard = PrivacyGuard(AllowList())
    assert guard.check("Poliisin vaihde 0295 419 800").blocked
    assert guard.check("Crimestoppers 0800 555 111").blocked
    assert not guard.check("Hätänumero 112").blocked


def test_entries_round_trip_through_plain_mappings() -> None:
    entries = [
        {"kind": "phone", "value": "0161 856 1234", "region": "GB", "label": "Front desk", "source": "force website"},
        {"kind": "email", "value": "tips@example-police.uk"},
        {"kind": "address", "value": "Pasilanraitio 11, Helsinki", "label": "Police house"},
    ]
    allow = AllowList.from_entries(entries)
    assert allow.to_entries() == entries
    assert AllowList.from_entries(allow.to_entries()) == allow
    assert allow.entries[0] == AllowEntry(AllowKind.PHONE, "0161 856 1234", "Front desk", "force website", "GB")


def test_an_admin_phone_entry_matches_every_variant() -> None:
    guard = PrivacyGuard(AllowList.from_entries([{"kind": "phone", "value": "0161 856 1234", "region": "GB"}]))
    for variant in ("0161 856 1234", "+44 161 856 1234", "0044 161 856 1234", "+44 (0)161 856 1234", "01618561234"):
        assert not guard.check(f"Call the station on {variant}.").blocked, variant
    assert guard.check("Call 0161 856 1235.").blocked


@pytest.mark.parametrize(
    "entry", [{"kind": "fax", "value": "1"}, {"value": "112"}, {"kind": "phone"}, {"kind": "phone", "value": "  "}]
)
def test_bad_entries_are_refused_with_a_code(entry: dict[str, str]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        AllowList.from_entries([entry])
    assert caught.value.code.startswith("guard.allowlist.")


def test_an_unreadable_allow_list_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "allow.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationFailed) as caught:
        AllowList.load(path)
    assert caught.value.code == "guard.allowlist.unreadable"
    path.write_text('{"items": []}', encoding="utf-8")
    with pytest.raises(ValidationFailed):
        AllowList.load(path)


def test_the_allow_list_only_waives_its_own_kind() -> None:
    guard = PrivacyGuard(AllowList.from_entries([{"kind": "email", "value": "a@b.fi"}]))
    hits = guard.check("a@b.fi 040 123 4567").hits
    assert [hit.kind for hit in hits] == [HitKind.PHONE]
