"""The force's allow-list: stored in settings, administrators only, audited, and read by the guard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from desk.allowlist import AllowListService
from desk.errors import PermissionDenied, ValidationFailed
from desk.redaction import AllowList, HitKind, PrivacyGuard
from desk.storage.models import AuditEntry

SWITCHBOARD = "0295 419 801"
TEXT = "Call our station on 0295 419 801 for lost property."


def _phone_hits(guard: PrivacyGuard, text: str) -> list[Any]:
    return [h for h in guard.check(text).hits if h.kind is HitKind.PHONE]


def test_add_lets_the_guard_pass_the_number_and_remove_blocks_it_again(ctx: Any, desk: Any) -> None:
    service = AllowListService(ctx)
    admin = desk.people["admin"]
    assert _phone_hits(service.guard(), TEXT), "the number must be blocked before it is allow-listed"
    service.add(admin, {"kind": "phone", "value": SWITCHBOARD, "label": "Switchboard", "region": "FI"})
    assert [e.value for e in service.entries()] == [SWITCHBOARD]
    assert _phone_hits(service.guard(), TEXT) == []
    # Shipped entries stay in force beside the force's own.
    assert len(service.allow_list().entries) == len(AllowList.shipped().entries) + 1
    service.remove(admin, SWITCHBOARD)
    assert service.entries() == []
    assert _phone_hits(service.guard(), TEXT)


def test_changes_are_audited_with_before_and_after(ctx: Any, desk: Any) -> None:
    service = AllowListService(ctx)
    service.add(desk.people["admin"], {"kind": "email", "value": "tips@poliisi.fi"})
    service.remove(desk.people["admin"], "tips@poliisi.fi")
    with ctx.sessions() as session:
        rows = list(session.scalars(select(AuditEntry).where(AuditEntry.action.like("allowlist.%"))))
    assert [r.action for r in rows] == ["allowlist.add", "allowlist.remove"]
    first, second = (json.loads(r.summary) for r in rows)
    assert first["before"]["values"] == [] and first["after"]["values"] == ["tips@poliisi.fi"]
    assert second["before"]["values"] == ["tips@poliisi.fi"] and second["after"]["values"] == []


@pytest.mark.parametrize("who", ["officer", "press", "supervisor"])
def test_only_administrators_change_it(ctx: Any, desk: Any, who: str) -> None:
    service = AllowListService(ctx)
    with pytest.raises(PermissionDenied):
        service.add(desk.people[who], {"kind": "phone", "value": SWITCHBOARD})
    service.add(desk.people["admin"], {"kind": "phone", "value": SWITCHBOARD})
    with pytest.raises(PermissionDenied):
        service.remove(desk.people[who], SWITCHBOARD)
    assert [e.value for e in service.entries()] == [SWITCHBOARD]


def test_bad_entries_get_the_allow_lists_own_errors_and_change_nothing(ctx: Any, desk: Any) -> None:
    service = AllowListService(ctx)
    admin = desk.people["admin"]
    service.add(admin, {"kind": "phone", "value": SWITCHBOARD})
    cases = [
        ({"kind": "fax", "value": "123"}, "guard.allowlist.bad_entry"),
        ({"value": "123"}, "guard.allowlist.bad_entry"),
        ({"kind": "phone", "value": "   "}, "guard.allowlist.empty_value"),
        ({"kind": "phone", "value": " 0295  419 801 "}, "allowlist.duplicate"),
    ]
    for entry, code in cases:
        with pytest.raises(ValidationFailed) as caught:
            service.add(admin, entry)
        assert caught.value.message.code == code
    with pytest.raises(ValidationFailed) as caught:
        service.remove(admin, "not there")
    assert caught.value.message.code == "allowlist.not_found"
    shipped = AllowList.shipped().entries[0].value
    with pytest.raises(ValidationFailed) as caught:
        service.remove(admin, shipped)
    assert caught.value.message.code == "allowlist.shipped"
    assert [e.value for e in service.entries()] == [SWITCHBOARD]


def test_export_is_what_the_guard_cli_reads(ctx: Any, desk: Any, tmp_path: Path) -> None:
    service = AllowListService(ctx)
    service.add(desk.people["admin"], {"kind": "address", "value": "Pasilanraitio 11", "label": "Main station"})
    path = tmp_path / "allow.json"
    service.export_json(path)
    loaded = AllowList.load(path)
    assert loaded.entries == service.allow_list().entries
    assert json.loads(path.read_text(encoding="utf-8"))["entries"][-1]["value"] == "Pasilanraitio 11"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=st.dictionaries(st.sampled_from(["kind", "value", "label", "region"]), st.text(max_size=12)))
def test_malformed_entries_are_refused_cleanly_or_stored(ctx: Any, desk: Any, entry: dict[str, str]) -> None:
    service = AllowListService(ctx)
    before = service.entries()
    try:
        added = service.add(desk.people["admin"], entry)
    except ValidationFailed:
        assert service.entries() == before
    else:
        assert service.entries() == [*before, added]
