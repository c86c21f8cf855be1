"""Typed settings: titles and descriptions everywhere, migrations, audited saving by administrators."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from sqlalchemy import select

from desk.auth import AuthService
from desk.errors import PermissionDenied, ValidationFailed
from desk.roles import Role
from desk.settings import SCHEMA_VERSION, DeskSettings, SettingsService, Theme, migrate
from desk.storage.models import AuditEntry

PW = "correct horse battery"


def _walk(model: type[BaseModel]) -> list[tuple[str, Any]]:
    out = []
    for name, field in model.model_fields.items():
        out.append((name, field))
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            out.extend(_walk(ann))
    return out


def test_every_field_has_a_title_and_description() -> None:
    for name, field in _walk(DeskSettings):
        assert field.title, name
        assert field.description is not None, name


def test_version_one_documents_are_migrated() -> None:
    doc = migrate({"schema_version": 1, "theme": "dark", "idle_lock_minutes": 3})
    settings = DeskSettings.model_validate(doc)
    assert settings.schema_version == SCHEMA_VERSION
    assert settings.appearance.theme is Theme.DARK
    assert settings.security.idle_lock_minutes == 3


def test_newer_documents_are_refused() -> None:
    with pytest.raises(ValidationFailed, match="newer"):
        migrate({"schema_version": SCHEMA_VERSION + 1})


def test_bounds_are_validated() -> None:
    settings = DeskSettings()
    with pytest.raises(ValidationError):
        settings.security.idle_lock_minutes = 0


def test_save_is_for_administrators_and_audited(ctx: Any) -> None:
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("admin", "Aino Admin", PW)
    officer = auth.add_user(admin, "o.v", "Olli", PW, [Role.OFFICER])
    service = SettingsService(ctx)
    settings = service.load()
    settings.appearance.theme = Theme.DARK
    with pytest.raises(PermissionDenied):
        service.save(officer, settings)
    service.save(admin, settings)
    assert service.load().appearance.theme is Theme.DARK
    with ctx.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "settings.save")).one()
    assert '"appearance.theme":"dark"' in entry.summary
