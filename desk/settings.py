"""Typed settings: pydantic models, every field with a title and a description, versioned with migrations.

The settings dialog is generated from these fields. Window geometry lives in QSettings, not here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from desk.errors import ValidationFailed
from desk.identity import Identity, require
from desk.roles import Action
from desk.settings_document import (
    DEFAULT_IDLE_LOCK_MINUTES,
    DEFAULT_LANGUAGE,
    DEFAULT_STATION_NAME,
    DEFAULT_THEME,
    MIGRATIONS,
    SCHEMA_VERSION,
    SETTINGS_KEY,
    STATION_NAME_MAX,
    Language,
    Theme,
    migrate,
)

if TYPE_CHECKING:
    from desk.context import DeskContext

# The database layer is imported inside SettingsService: the window reads its settings before SQLAlchemy is
# loaded (see :func:`settings_from_document`), which keeps its cold start short. The document's versions,
# migrations and enums live in :mod:`desk.settings_document`, which the window reads before loading pydantic.

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SETTINGS_KEY",
    "AppearanceSettings",
    "DeskSettings",
    "Language",
    "SecuritySettings",
    "SettingsService",
    "StationSettings",
    "SyncSettings",
    "Theme",
    "migrate",
    "settings_from_document",
]


class AppearanceSettings(BaseModel):
    """How the desk looks."""

    model_config = ConfigDict(title="Appearance", use_enum_values=False, validate_assignment=True)

    theme: Theme = Field(DEFAULT_THEME, title="Theme", description="Light for day shifts, dark for night shifts.")
    language: Language = Field(
        DEFAULT_LANGUAGE, title="Language", description="Language of menus and messages (restart to apply)."
    )


class SecuritySettings(BaseModel):
    """Locking and signing in."""

    model_config = ConfigDict(title="Security", validate_assignment=True)

    idle_lock_minutes: int = Field(
        DEFAULT_IDLE_LOCK_MINUTES,
        ge=1,
        le=240,
        title="Lock after idle minutes",
        description="The window locks after this many minutes without keyboard or mouse use.",
    )


class StationSettings(BaseModel):
    """The station this desk works for."""

    model_config = ConfigDict(title="Station", validate_assignment=True)

    station_name: str = Field(
        DEFAULT_STATION_NAME,
        min_length=1,
        max_length=STATION_NAME_MAX,
        title="Station name",
        description="Used in canned replies as {station}.",
    )
    timezone: str = Field(
        "Europe/Helsinki", title="Time zone", description="IANA time zone for office hours and reports."
    )
    country: str = Field(
        "FI", min_length=2, max_length=2, title="Country", description="Two-letter country code (holidays, numbers)."
    )
    emergency_number: str = Field(
        "112", min_length=2, max_length=6, title="Emergency number", description="Pointed to in emergency replies."
    )


class SyncSettings(BaseModel):
    """How often the desk asks the platforms for news."""

    model_config = ConfigDict(title="Sync", validate_assignment=True)

    interval_seconds: int = Field(
        30, ge=5, le=3600, title="Sync interval (s)", description="Seconds between inbox syncs per account."
    )
    reply_reserve_percent: int = Field(
        20,
        ge=0,
        le=80,
        title="Reserved for replies (%)",
        description="Share of each account's posting budget kept free for replies and urgent posts.",
    )


class DeskSettings(BaseModel):
    """All settings of one desk database."""

    model_config = ConfigDict(title="Settings", validate_assignment=True)

    schema_version: int = Field(SCHEMA_VERSION, title="Schema version", description="Set by the desk.")
    appearance: AppearanceSettings = Field(default_factory=AppearanceSettings, title="Appearance", description="")
    security: SecuritySettings = Field(default_factory=SecuritySettings, title="Security", description="")
    station: StationSettings = Field(default_factory=StationSettings, title="Station", description="")
    sync: SyncSettings = Field(default_factory=SyncSettings, title="Sync", description="")


def settings_from_document(document: Mapping[str, Any] | None) -> DeskSettings:
    """Settings from a stored document (migrated and validated); the defaults when nothing is stored."""
    if document is None:
        return DeskSettings()
    try:
        return DeskSettings.model_validate(migrate(dict(document)))
    except ValidationError as exc:
        raise ValidationFailed(
            "settings.unreadable", "Stored settings cannot be read: {detail}", detail=str(exc)
        ) from exc


class SettingsService:
    """Loads and saves the desk's settings; saving is an administrator's and is audited."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def load(self) -> DeskSettings:
        """The stored settings (migrated), or the defaults."""
        from sqlalchemy import select

        from desk.storage.models import Setting

        with self.ctx.sessions() as session:
            row = session.scalars(select(Setting).where(Setting.key == SETTINGS_KEY)).one_or_none()
            return settings_from_document(None if row is None else row.value)

    def save(self, by: Identity, settings: DeskSettings) -> None:
        """Store new settings; the audit entry lists what changed."""
        from desk.audit import summarise
        from desk.storage.models import Setting

        require(by, Action.MANAGE_SETTINGS)
        before = self.load().model_dump(mode="json")
        after = settings.model_dump(mode="json")
        changed = {
            f"{section}.{name}": value
            for section, fields in after.items()
            if isinstance(fields, dict)
            for name, value in fields.items()
            if before.get(section, {}).get(name) != value
        }
        with self.ctx.transaction() as session:
            row = session.get(Setting, SETTINGS_KEY)
            if row is None:
                session.add(
                    Setting(key=SETTINGS_KEY, value=after, updated_at=self.ctx.clock.now(), updated_by=by.user_id)
                )
            else:
                row.value = after
                row.updated_at = self.ctx.clock.now()
                row.updated_by = by.user_id
            self.ctx.audit.append(
                session, by.actor, "settings.save", "settings", SETTINGS_KEY, summarise(after=changed)
            )
