"""The stored settings document without pydantic: schema version, migrations, and the window's first look.

:mod:`desk.settings` validates the whole document with pydantic. Loading pydantic costs more than a tenth
of a second, so the window reads the three values it paints with (theme, language, station name) from
the document here, and validates the settings after its first paint.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from desk.errors import ValidationFailed

SCHEMA_VERSION = 2
SETTINGS_KEY = "desk"


class Theme(enum.StrEnum):
    """Colour scheme of the window."""

    LIGHT = "light"
    DARK = "dark"


class Language(enum.StrEnum):
    """Languages of the interface."""

    ENGLISH = "en"
    FINNISH = "fi"
    SWEDISH = "sv"


DEFAULT_THEME = Theme.LIGHT
DEFAULT_LANGUAGE = Language.ENGLISH
DEFAULT_STATION_NAME = "Helsinki Police Department"
DEFAULT_IDLE_LOCK_MINUTES = 10
STATION_NAME_MAX = 200


def _section(value: Any) -> dict[str, Any]:
    # A section that is not an object is dropped here; validation then fills in the defaults.
    return dict(value) if isinstance(value, Mapping) else {}


def _v1_to_v2(doc: dict[str, Any]) -> dict[str, Any]:
    """Version 1 kept ``theme`` and ``idle_lock_minutes`` at the top level."""
    doc = dict(doc)
    appearance = _section(doc.get("appearance"))
    security = _section(doc.get("security"))
    if "theme" in doc:
        appearance["theme"] = doc.pop("theme")
    if "idle_lock_minutes" in doc:
        security["idle_lock_minutes"] = doc.pop("idle_lock_minutes")
    doc["appearance"] = appearance
    doc["security"] = security
    doc["schema_version"] = 2
    return doc


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(doc: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored settings document to :data:`SCHEMA_VERSION`, one step at a time."""
    version = doc.get("schema_version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationFailed(
            "settings.unreadable",
            "Stored settings cannot be read: {detail}",
            detail=f"schema version {version!r}",
        )
    if version > SCHEMA_VERSION:
        raise ValidationFailed(
            "settings.too_new",
            "These settings were written by a newer Beat Desk (schema {version}); update this desk.",
            version=version,
        )
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version = int(doc["schema_version"])
    return doc


@dataclass(frozen=True)
class FirstLook:
    """What the window paints with before the settings are validated."""

    theme: Theme = DEFAULT_THEME
    language: Language = DEFAULT_LANGUAGE
    station_name: str = DEFAULT_STATION_NAME


def first_look(document: Mapping[str, Any] | None) -> FirstLook:
    """Theme, language and station name from a stored document; a missing or invalid value gives the default.

    Raises :class:`ValidationFailed` for a document that cannot be migrated (written by a newer desk).
    """
    if document is None:
        return FirstLook()
    doc = migrate(dict(document))
    appearance = doc.get("appearance")
    station = doc.get("station")
    appearance = appearance if isinstance(appearance, Mapping) else {}
    station = station if isinstance(station, Mapping) else {}
    theme = appearance.get("theme")
    language = appearance.get("language")
    name = station.get("station_name")
    return FirstLook(
        Theme(theme) if isinstance(theme, str) and theme in set(Theme) else DEFAULT_THEME,
        Language(language) if isinstance(language, str) and language in set(Language) else DEFAULT_LANGUAGE,
        name if isinstance(name, str) and 0 < len(name) <= STATION_NAME_MAX else DEFAULT_STATION_NAME,
    )
