"""The cold start's early sign-in: a password checked before the desk opens, confirmed and audited after.

``desk.quick_open`` reads an SQLite desk with the standard library; whatever it cannot vouch for gives None
(the window then signs in the ordinary way). ``AuthService.confirm_sign_in`` completes the sign-in once the
desk is open and refuses it when the person's row changed in between.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select, update

from desk.auth import AuthService, BadCredentials, Identity
from desk.clock import ManualClock
from desk.context import DeskContext, open_desk
from desk.errors import ValidationFailed
from desk.identity import VerifiedPassword
from desk.quick_open import check_sign_in, probe
from desk.roles import Role
from desk.secrets import InMemorySecretStore
from desk.settings import DeskSettings, SettingsService, Theme
from desk.settings_document import (
    DEFAULT_LANGUAGE,
    DEFAULT_STATION_NAME,
    DEFAULT_THEME,
    FirstLook,
    Language,
    first_look,
)
from desk.storage.models import AuditEntry, User

ROOT = Path(__file__).resolve().parents[3]
PW = "correct horse battery"
OFFICER_PW = "officer password 1"


def _actions(ctx: Any) -> list[tuple[str, str]]:
    with ctx.sessions() as s:
        return [(e.actor, e.action) for e in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


@pytest.fixture
def sqlite_desk(tmp_path: Path) -> Iterator[tuple[DeskContext, Path, Identity]]:
    """An SQLite desk file at the latest revision with an administrator and an officer."""
    path = tmp_path / "desk.sqlite3"
    ctx = open_desk(f"sqlite:///{path}", ManualClock(), InMemorySecretStore(), workstation="ws", data_dir=tmp_path)
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("anna", "Anna Admin", PW)
    auth.add_user(admin, "olli", "Olli Officer", OFFICER_PW, {Role.OFFICER, Role.PRESS_OFFICER}, team="Night")
    try:
        yield ctx, path, admin
    finally:
        ctx.dispose()


def test_the_right_password_gives_the_person_and_the_stored_settings(
    sqlite_desk: tuple[DeskContext, Path, Identity],
) -> None:
    ctx, path, admin = sqlite_desk
    stored = DeskSettings()
    stored.appearance.theme = Theme.DARK
    stored.station.station_name = "Tampere Police"
    SettingsService(ctx).save(admin, stored)
    early = check_sign_in(path, "olli", OFFICER_PW)
    assert early is not None
    who = early.verified.identity
    assert (who.username, who.display_name, who.team) == ("olli", "Olli Officer", "Night")
    assert who.roles == {Role.OFFICER, Role.PRESS_OFFICER}
    assert early.settings_document is not None
    look = first_look(early.settings_document)
    assert (look.theme, look.station_name) == (Theme.DARK, "Tampere Police")
    assert "officer password" not in repr(early)  # neither the password nor the hash is printed


@pytest.mark.parametrize(
    ("username", "password"),
    [("olli", "wrong password 1"), ("nobody", OFFICER_PW), ("olli", ""), ("OLLI", OFFICER_PW)],
)
def test_a_wrong_name_or_password_gives_nothing(
    sqlite_desk: tuple[DeskContext, Path, Identity], username: str, password: str
) -> None:
    _ctx, path, _admin = sqlite_desk
    assert check_sign_in(path, username, password) is None


def test_an_inactive_person_gives_nothing(sqlite_desk: tuple[DeskContext, Path, Identity]) -> None:
    ctx, path, _admin = sqlite_desk
    with ctx.transaction() as s:
        s.execute(update(User).where(User.username == "olli").values(active=False))
    assert check_sign_in(path, "olli", OFFICER_PW) is None


def test_a_database_not_at_the_latest_revision_gives_nothing(
    sqlite_desk: tuple[DeskContext, Path, Identity],
) -> None:
    _ctx, path, _admin = sqlite_desk
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert check_sign_in(path, "olli", OFFICER_PW) is None


def test_no_file_or_not_a_database_gives_nothing_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "missing.sqlite3"
    assert check_sign_in(missing, "olli", OFFICER_PW) is None
    assert not missing.exists()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is not an SQLite database" * 100)
    assert check_sign_in(junk, "olli", OFFICER_PW) is None
    assert junk.read_bytes() == b"this is not an SQLite database" * 100
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    assert check_sign_in(empty, "olli", OFFICER_PW) is None


def test_a_settings_document_that_is_not_an_object_is_ignored(
    sqlite_desk: tuple[DeskContext, Path, Identity],
) -> None:
    ctx, path, admin = sqlite_desk
    SettingsService(ctx).save(admin, DeskSettings())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = 'desk'", (json.dumps([1, 2]),))
    early = check_sign_in(path, "olli", OFFICER_PW)
    assert early is not None and early.settings_document is None


# --- confirming the sign-in once the desk is open (SQLite and PostgreSQL) ---------------------------------


def test_a_desk_with_people_at_the_latest_revision_qualifies_for_the_early_dialog(
    sqlite_desk: tuple[DeskContext, Path, Identity],
) -> None:
    ctx, path, admin = sqlite_desk
    found = probe(path)
    assert found is not None and found.database == path and found.settings_document is None
    stored = DeskSettings()
    stored.appearance.language = Language.FINNISH
    SettingsService(ctx).save(admin, stored)
    found = probe(path)
    assert found is not None and found.settings_document is not None
    assert first_look(found.settings_document).language is Language.FINNISH


def test_the_first_start_an_old_revision_or_no_database_keep_the_ordinary_path(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    ctx = open_desk(f"sqlite:///{path}", ManualClock(), InMemorySecretStore(), workstation="ws", data_dir=tmp_path)
    try:
        assert probe(path) is None  # nobody yet: the first start creates the administrator
        AuthService(ctx).create_first_administrator("anna", "Anna Admin", PW)
        assert probe(path) is not None
        with sqlite3.connect(path) as conn:
            conn.execute("UPDATE alembic_version SET version_num = '0001'")
        assert probe(path) is None  # to be migrated: the desk opens (and upgrades) first
    finally:
        ctx.dispose()
    assert probe(tmp_path / "missing.sqlite3") is None
    assert not (tmp_path / "missing.sqlite3").exists()
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database" * 100)
    assert probe(junk) is None


def _verified(ctx: Any, username: str) -> VerifiedPassword:
    with ctx.sessions() as s:
        user = s.scalars(select(User).where(User.username == username)).one()
        who = Identity(user.id, user.username, user.display_name, frozenset({Role.OFFICER}))
        return VerifiedPassword(who, user.password_hash)


def test_confirming_signs_in_and_audits_it(ctx: Any) -> None:
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("anna", "Anna Admin", PW)
    auth.add_user(admin, "olli", "Olli Officer", OFFICER_PW, {Role.OFFICER, Role.SUPERVISOR})
    who = auth.confirm_sign_in(_verified(ctx, "olli"))
    assert who.username == "olli"
    assert who.roles == {Role.OFFICER, Role.SUPERVISOR}  # read again from the open desk
    assert _actions(ctx)[-1] == ("olli", "auth.sign_in")


def test_confirming_is_refused_when_the_password_changed_meanwhile(ctx: Any) -> None:
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("anna", "Anna Admin", PW)
    auth.add_user(admin, "olli", "Olli Officer", OFFICER_PW, {Role.OFFICER})
    verified = _verified(ctx, "olli")
    with ctx.transaction() as s:
        s.execute(update(User).where(User.username == "olli").values(password_hash="$argon2id$changed"))
    with pytest.raises(BadCredentials):
        auth.confirm_sign_in(verified)
    assert _actions(ctx)[-1] == ("olli", "auth.sign_in_failed")


def test_confirming_is_refused_for_a_deactivated_or_unknown_person(ctx: Any) -> None:
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("anna", "Anna Admin", PW)
    auth.add_user(admin, "olli", "Olli Officer", OFFICER_PW, {Role.OFFICER})
    verified = _verified(ctx, "olli")
    with ctx.transaction() as s:
        s.execute(update(User).where(User.username == "olli").values(active=False))
    with pytest.raises(BadCredentials):
        auth.confirm_sign_in(verified)
    ghost = VerifiedPassword(Identity(9999, "ghost", "Ghost", frozenset({Role.OFFICER})), verified.password_hash)
    with pytest.raises(BadCredentials):
        auth.confirm_sign_in(ghost)
    assert [a for _, a in _actions(ctx)][-2:] == ["auth.sign_in_failed", "auth.sign_in_failed"]


# --- the first look: theme, language and station name without pydantic ------------------------------------


def test_the_first_look_agrees_with_the_validated_settings() -> None:
    assert first_look(None) == FirstLook()
    defaults = DeskSettings()
    assert (
        defaults.appearance.theme,
        defaults.appearance.language,
        defaults.station.station_name,
    ) == (DEFAULT_THEME, DEFAULT_LANGUAGE, DEFAULT_STATION_NAME)
    stored = DeskSettings()
    stored.appearance.theme = Theme.DARK
    stored.appearance.language = Language.SWEDISH
    stored.station.station_name = "Polisen i Vasa"
    look = first_look(stored.model_dump(mode="json"))
    assert look == FirstLook(Theme.DARK, Language.SWEDISH, "Polisen i Vasa")


def test_the_first_look_migrates_a_version_1_document() -> None:
    assert first_look({"schema_version": 1, "theme": "dark", "idle_lock_minutes": 5}).theme is Theme.DARK


def test_a_document_from_a_newer_desk_is_refused_plainly() -> None:
    with pytest.raises(ValidationFailed, match="newer Beat Desk"):
        first_look({"schema_version": 99})


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
_sections = st.fixed_dictionaries(
    {},
    optional={
        "schema_version": st.sampled_from([1, 2]) | _json,
        "theme": _json | st.sampled_from(["dark", "light"]),
        "appearance": _json | st.fixed_dictionaries({}, optional={"theme": _json, "language": _json}),
        "station": _json | st.fixed_dictionaries({}, optional={"station_name": _json}),
    },
)


@given(_sections)
def test_any_stored_document_gives_a_usable_first_look_or_a_plain_refusal(document: dict[str, Any]) -> None:
    try:
        look = first_look(document)
    except ValidationFailed as exc:
        assert exc.code in {"settings.unreadable", "settings.too_new"}
        return
    assert isinstance(look.theme, Theme) and isinstance(look.language, Language)
    assert isinstance(look.station_name, str) and 0 < len(look.station_name) <= 200


def test_the_early_modules_load_neither_sqlalchemy_nor_pydantic() -> None:
    code = (
        "import sys, desk.quick_open, desk.settings_document, desk.identity, desk.storage.engine; "
        "print(sorted(m for m in ('sqlalchemy', 'pydantic', 'keyring', 'alembic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
