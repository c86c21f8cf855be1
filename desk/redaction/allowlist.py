"""What the force publishes on purpose: public phone numbers, addresses and e-mail addresses.

A plain value object; administrators manage the entries and the storage layer persists them. Phone
entries match in any formatting or prefix variant (``0295 419 800``, ``+358 295 419 800``,
``00358-295-419-800``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import phonenumbers

from desk.errors import ValidationFailed
from desk.redaction.addresses import find_addresses
from desk.redaction.phones import e164_readings, short_code_key
from desk.redaction.text import normalise
from desk.resources import resource_path


class AllowKind(StrEnum):
    """What an allow-list entry is."""

    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"


@dataclass(frozen=True)
class AllowEntry:
    """One public number, address or e-mail address, with where it comes from."""

    kind: AllowKind
    value: str
    label: str = ""
    source: str = ""
    region: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        data: dict[str, Any] = {"kind": self.kind.value, "value": self.value}
        if self.region:
            data["region"] = self.region
        if self.label:
            data["label"] = self.label
        if self.source:
            data["source"] = self.source
        return data


def _phone_keys(entry: AllowEntry) -> set[str]:
    text = normalise(entry.value).text
    readings = e164_readings(text)
    if readings and (text.lstrip().startswith("+") or text.lstrip().startswith("00")):
        return set(readings)
    if entry.region:
        try:
            number = phonenumbers.parse(text, entry.region.upper())
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and len(short_code_key(text)) > 6:
            return {phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)}
    if readings:
        return set(readings)
    return {short_code_key(text)}


@cache
def _shipped() -> AllowList:
    # Immutable, so one copy serves every guard.
    return AllowList.load(resource_path("guard", "allowlist.json"))


def _entry(data: Mapping[str, Any] | AllowEntry) -> AllowEntry:
    if isinstance(data, AllowEntry):
        return data
    try:
        kind = AllowKind(str(data["kind"]))
        value = str(data["value"]).strip()
    except (KeyError, ValueError) as exc:
        raise ValidationFailed(
            "guard.allowlist.bad_entry",
            "Allow-list entry {entry} needs a kind (phone, email, address) and a value.",
            entry=json.dumps(dict(data), ensure_ascii=False, default=str),
        ) from exc
    if not value:
        raise ValidationFailed("guard.allowlist.empty_value", "An allow-list entry has an empty value.")
    region = data.get("region")
    return AllowEntry(kind, value, str(data.get("label", "")), str(data.get("source", "")), region and str(region))


@dataclass(frozen=True)
class AllowList:
    """Public numbers, addresses and e-mail addresses that may appear in what the force publishes."""

    entries: tuple[AllowEntry, ...] = ()
    phone_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    email_keys: frozenset[str] = field(init=False, repr=False, compare=False)
    address_keys: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phones: set[str] = set()
        emails: set[str] = set()
        addresses: set[str] = set()
        for entry in self.entries:
            if entry.kind is AllowKind.PHONE:
                phones |= _phone_keys(entry)
            elif entry.kind is AllowKind.EMAIL:
                emails.add(entry.value.casefold())
            else:
                found = find_addresses(normalise(entry.value).text)
                addresses |= {item.canonical for item in found}
        object.__setattr__(self, "phone_keys", frozenset(phones))
        object.__setattr__(self, "email_keys", frozenset(emails))
        object.__setattr__(self, "address_keys", frozenset(addresses))

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any] | AllowEntry]) -> AllowList:
        """Build from entries (mappings with kind, value and optional region, label, source)."""
        return cls(tuple(_entry(item) for item in entries))

    def to_entries(self) -> list[dict[str, Any]]:
        """The entries as JSON-ready mappings, in order."""
        return [entry.to_dict() for entry in self.entries]

    def with_entries(self, entries: Iterable[Mapping[str, Any] | AllowEntry]) -> AllowList:
        """A new list with more entries."""
        return AllowList(self.entries + tuple(_entry(item) for item in entries))

    @classmethod
    def load(cls, path: Path) -> AllowList:
        """Read an allow-list JSON file (``{"entries": [...]}``)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValidationFailed(
                "guard.allowlist.unreadable",
                "Cannot read the allow-list {path}: {reason}",
                path=str(path),
                reason=str(exc),
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            raise ValidationFailed(
                "guard.allowlist.no_entries", "The allow-list {path} has no 'entries' list.", path=str(path)
            )
        return cls.from_entries(data["entries"])

    @classmethod
    def shipped(cls) -> AllowList:
        """The seed shipped with the desk: emergency, non-emergency and help-line numbers of FI, SE, UK, US, EU."""
        return _shipped()

    def allows_phone(self, readings: Iterable[str]) -> bool:
        """True when any reading of a number is allow-listed."""
        return any(reading in self.phone_keys for reading in readings)

    def allows_email(self, canonical: str) -> bool:
        """True when the address is allow-listed."""
        return canonical.casefold() in self.email_keys

    def allows_address(self, canonical: str) -> bool:
        """True when the street and number are allow-listed."""
        return canonical in self.address_keys
