"""People, roles and sign-in: hashed passwords, audited sign-ins, roles enforced in the service."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from desk.auth import AuthService, BadCredentials, system_identity
from desk.errors import DeskError, PermissionDenied, ValidationFailed
from desk.roles import Action, Role
from desk.storage.models import AuditEntry, User

PW = "correct horse battery"


def _actions(ctx: Any) -> list[str]:
    with ctx.sessions() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))


def test_first_start_creates_the_administrator(ctx: Any) -> None:
    auth = AuthService(ctx)
    assert auth.needs_first_setup()
    admin = auth.create_first_administrator("admin", "Aino Admin", PW)
    assert admin.roles == {Role.ADMINISTRATOR}
    assert not auth.needs_first_setup()
    with pytest.raises(DeskError, match="already has users"):
        auth.create_first_administrator("second", "Second", PW)
    with ctx.sessions() as s:
        stored = s.scalars(select(User.password_hash)).one()
    assert stored.startswith("$argon2id$") and PW not in stored
    assert _actions(ctx) == ["user.create_first_admin"]


def test_sign_in_and_out_are_audited(ctx: Any) -> None:
    auth = AuthService(ctx)
    auth.create_first_administrator("admin", "Aino Admin", PW)
    with pytest.raises(BadCredentials):
        auth.sign_in("admin", "wrong password!")
    with pytest.raises(BadCredentials):
        auth.sign_in("nobody", PW)
    ident = auth.sign_in("admin", PW)
    auth.sign_out(ident)
    assert _actions(ctx)[1:] == ["auth.sign_in_failed", "auth.sign_in_failed", "auth.sign_in", "auth.sign_out"]


def test_only_administrators_add_people(ctx: Any) -> None:
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("admin", "Aino Admin", PW)
    officer = auth.add_user(admin, "o.virtanen", "Olli Virtanen", PW, [Role.OFFICER], team="Nettipoliisi")
    assert officer.roles == {Role.OFFICER} and officer.team == "Nettipoliisi"
    both = auth.add_user(admin, "s.lind", "Sara Lind", PW, [Role.SUPERVISOR, Role.PRESS_OFFICER])
    assert both.can(Action.OVERRIDE_GUARD) and both.can(Action.SCHEDULE)
    with pytest.raises(PermissionDenied):
        auth.add_user(officer, "x.y", "X Y", PW, [Role.OFFICER])
    with pytest.raises(PermissionDenied):
        auth.add_user(system_identity("ws1"), "x.y", "X Y", PW, [Role.OFFICER])


@pytest.mark.parametrize(
    ("username", "name", "password", "code"),
    [
        ("", "Name", PW, "auth.bad_username"),
        ("bad name", "Name", PW, "auth.bad_username"),
        ("ok", "  ", PW, "auth.no_display_name"),
        ("ok", "Name", "short", "auth.short_password"),
    ],
)
def test_bad_new_people_get_clear_errors(ctx: Any, username: str, name: str, password: str, code: str) -> None:
    auth = AuthService(ctx)
    with pytest.raises(ValidationFailed) as info:
        auth.create_first_administrator(username, name, password)
    assert info.value.code == code
    assert auth.needs_first_setup()  # nothing was created


def test_usernames_are_unique(ctx: Any) -> None:
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("admin", "Aino Admin", PW)
    auth.add_user(admin, "o.v", "Olli", PW, [Role.OFFICER])
    with pytest.raises(ValidationFailed, match="taken"):
        auth.add_user(admin, "o.v", "Other Olli", PW, [Role.OFFICER])


def test_unlock_checks_the_same_password(ctx: Any) -> None:
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("admin", "Aino Admin", PW)
    assert auth.check_password(admin, PW)
    assert not auth.check_password(admin, "not the password")
