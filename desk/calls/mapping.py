"""Which column of a call export holds which field: recognition of common names, presets, validation.

A mapping names only the structured fields a post may be built from. Columns it does not name (free-text
notes, officers, units, coordinates…) are dropped as each row is read, so they never enter the desk.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from desk.errors import ValidationFailed
from desk.resources import resource_path


class CallField(enum.StrEnum):
    """The structured fields of a call. There is deliberately no field for notes, names or units."""

    CALL_ID = "call_id"
    DATE = "date"
    TIME = "time"
    TYPE = "type"
    LOCATION = "location"
    DISTRICT = "district"
    DISPOSITION = "disposition"


class Category(enum.StrEnum):
    """Sensitive categories: held for a person or replaced by a generic line with a help-line signpost."""

    SEXUAL_OFFENCES = "sexual_offences"
    DOMESTIC_ABUSE = "domestic_abuse"
    CHILD_PROTECTION = "child_protection"
    SUICIDE_SELF_HARM = "suicide_self_harm"
    MENTAL_HEALTH = "mental_health"
    SUDDEN_DEATH = "sudden_death"
    MISSING_PERSONS = "missing_persons"


#: Header names recognised per field, best first (compared after lower-casing and squeezing punctuation).
SYNONYMS: Mapping[CallField, tuple[str, ...]] = {
    CallField.CALL_ID: (
        "call_id",
        "callid",
        "case_number",
        "case_no",
        "case_num",
        "case",
        "incident_number",
        "incident_no",
        "incident_id",
        "incident",
        "crime_id",
        "event_number",
        "event_id",
        "cad_number",
        "call_number",
        "id",
    ),
    CallField.DATE: ("date", "call_date", "incident_date", "date_received", "received_date", "month", "day"),
    CallField.TIME: (
        "received",
        "time_received",
        "received_time",
        "call_time",
        "datetime",
        "date_time",
        "timestamp",
        "time",
        "created",
        "reported",
        "reported_at",
        "call_received",
        "received_at",
        "start_time",
    ),
    CallField.TYPE: (
        "type",
        "call_type",
        "calltype",
        "nature",
        "nature_of_call",
        "incident_type",
        "crime_type",
        "event_type",
        "problem",
        "category",
        "offense",
        "offence",
        "final_type",
        "initial_type",
        "description",
    ),
    CallField.LOCATION: (
        "address",
        "block_address",
        "blockaddress",
        "block",
        "street",
        "location",
        "street_address",
        "place",
        "incident_address",
        "location_address",
    ),
    CallField.DISTRICT: (
        "district",
        "beat",
        "sector",
        "grid",
        "grid_location",
        "zone",
        "area",
        "neighbourhood",
        "neighborhood",
        "precinct",
        "ward",
        "town",
        "lsoa_name",
    ),
    CallField.DISPOSITION: (
        "disposition",
        "dispo",
        "status",
        "outcome",
        "last_outcome_category",
        "clearance",
        "clearance_code",
        "result",
        "close_code",
        "final_disposition",
    ),
}

#: Without these a row cannot become a call.
REQUIRED_ANY_OF: tuple[tuple[CallField, ...], ...] = ((CallField.DATE, CallField.TIME), (CallField.TYPE,))


def header_key(name: str) -> str:
    """A header compared loosely: lower case, runs of non-letters as one underscore."""
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def recognise(headers: Iterable[str]) -> dict[CallField, str]:
    """A pre-filled mapping from common column names; each column serves one field at most."""
    by_key: dict[str, str] = {}
    for header in headers:
        by_key.setdefault(header_key(header), header)
    taken: set[str] = set()
    mapping: dict[CallField, str] = {}
    # Types before locations so that "description" is a last resort; ids first so "incident" is an id.
    for field in (
        CallField.CALL_ID,
        CallField.TIME,
        CallField.DATE,
        CallField.TYPE,
        CallField.LOCATION,
        CallField.DISTRICT,
        CallField.DISPOSITION,
    ):
        for synonym in SYNONYMS[field]:
            found = by_key.get(synonym)
            if found is not None and found not in taken:
                mapping[field] = found
                taken.add(found)
                break
    return mapping


class LocationStyle(enum.StrEnum):
    """How coarse a published place is."""

    BLOCK = "block"  # hundred block ("2900 block of Higuera"), or the street when there is no number
    STREET = "street"
    DISTRICT = "district"
    TOWN = "town"


class Preset(BaseModel):
    """A saved mapping for one export layout, with its time zone and publishing policy."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(title="Name", min_length=1, max_length=200)
    title: str = Field("", title="Description")
    format: Literal["csv", "json"] = Field("csv", title="File format")
    columns: dict[CallField, str] = Field(title="Columns", description="Which column holds each field")
    timezone: str = Field("UTC", title="Time zone of naive times")
    datetime_formats: list[str] = Field(
        default_factory=list, title="Time formats", description="strptime formats of date and time joined by a space"
    )
    month_only: bool = Field(False, title="Dates are months only (times are spread and marked synthetic)")
    location_style: LocationStyle = Field(LocationStyle.BLOCK, title="How coarse a place is published")
    location_prefixes: list[str] = Field(default_factory=list, title="Prefixes removed from places")
    district_label: str = Field("", title="Word before a district (e.g. 'beat')")
    town: str = Field("", title="Town, for the town style")
    hashtag: str = Field("", title="Hashtag")
    sensitive_types: dict[str, Category] = Field(default_factory=dict, title="Call types that are sensitive")
    excluded_types: list[str] = Field(default_factory=list, title="Call types never published")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}") from exc
        return value

    def zone(self) -> ZoneInfo:
        """The preset's time zone."""
        return ZoneInfo(self.timezone)


def check_mapping(columns: Mapping[CallField, str], headers: Iterable[str] | None = None) -> None:
    """Refuse a mapping that misses a required field or names a column the file does not have."""
    missing = [group for group in REQUIRED_ANY_OF if not any(columns.get(f) for f in group)]
    if missing:
        names = " and ".join(" or ".join(f.value for f in group) for group in missing)
        raise ValidationFailed(
            "calls.mapping_missing",
            "The column mapping has no column for {fields}; map one before importing.",
            fields=names,
        )
    if headers is not None:
        present = set(headers)
        absent = sorted(c for c in columns.values() if c and c not in present)
        if absent:
            raise ValidationFailed(
                "calls.mapping_unknown_column",
                "The file has no column named {columns}.",
                columns=", ".join(repr(a) for a in absent),
            )


def shipped_presets_dir() -> Path:
    """Where the shipped presets live."""
    return resource_path("tweetathon", "presets")


def load_preset(path: Path) -> Preset:
    """Read one preset file; a clear error when it is not a valid preset."""
    try:
        return Preset.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise ValidationFailed(
            "calls.bad_preset", "The preset {path} cannot be read: {detail}", path=str(path), detail=str(exc)
        ) from exc


def shipped_presets() -> dict[str, Preset]:
    """The presets shipped with the desk, by name."""
    found: dict[str, Preset] = {}
    for path in sorted(shipped_presets_dir().glob("*.json")):
        preset = load_preset(path)
        found[preset.name] = preset
    return found


def preset_from_headers(headers: Iterable[str], *, name: str = "recognised", timezone: str = "UTC") -> Preset:
    """A preset from the recognised mapping alone, for a file with no saved preset."""
    columns = recognise(headers)
    check_mapping(columns)
    return Preset(name=name, columns=columns, timezone=timezone)


def type_key(call_type: str) -> str:
    """A call type compared loosely: case, spacing and surrounding punctuation do not matter."""
    return " ".join(call_type.split()).strip(" .,;:").casefold()
