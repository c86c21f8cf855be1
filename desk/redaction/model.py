"""What the privacy guard reports: hits with exact spans, message codes and stable fingerprints."""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from desk.errors import Message


class HitKind(StrEnum):
    """What a hit is: the kinds the guard looks for."""

    PHONE = "phone"
    EMAIL = "email"
    NATIONAL_ID = "national_id"
    STREET_ADDRESS = "street_address"
    VEHICLE_PLATE = "vehicle_plate"
    DATE_OF_BIRTH = "date_of_birth"
    DESCRIPTION_BY_ETHNICITY = "description_by_ethnicity"


#: Kinds that stop a text from being sent; the others only ask the author to look again.
BLOCKING_KINDS: frozenset[HitKind] = frozenset(
    {
        HitKind.PHONE,
        HitKind.EMAIL,
        HitKind.NATIONAL_ID,
        HitKind.STREET_ADDRESS,
        HitKind.VEHICLE_PLATE,
        HitKind.DATE_OF_BIRTH,
    }
)

_DEFAULTS: dict[HitKind, str] = {
    HitKind.PHONE: "“{text}” looks like a phone number. Remove it, or ask an administrator to allow-list it.",
    HitKind.EMAIL: "“{text}” looks like an e-mail address. Remove it, or ask an administrator to allow-list it.",
    HitKind.NATIONAL_ID: "“{text}” is a valid {scheme_name}. Never publish an identity number.",
    HitKind.STREET_ADDRESS: "“{text}” is a street address with a house number. "
    "Generalise it (street, block or district).",
    HitKind.VEHICLE_PLATE: "“{text}” looks like a vehicle registration plate. Remove it.",
    HitKind.DATE_OF_BIRTH: "“{text}” is a date of birth. Give an age instead.",
    HitKind.DESCRIPTION_BY_ETHNICITY: "“{text}” describes a person by race or ethnicity. Add more detail "
    "(clothing, height, build, hair, age) or leave it out.",
}

_SCHEME_NAMES: dict[str, str] = {
    "fi_hetu": "Finnish personal identity code (henkilötunnus)",
    "se_personnummer": "Swedish personal identity number (personnummer)",
    "se_samordningsnummer": "Swedish co-ordination number (samordningsnummer)",
    "uk_nino": "UK National Insurance number",
}


def fingerprint_of(kind: HitKind, canonical: str) -> str:
    """A stable, short identifier of a hit's kind and value, independent of where it sits in the text."""
    digest = hashlib.sha256(f"{kind.value}\x00{canonical}".encode()).hexdigest()
    return f"{kind.value}:{digest[:16]}"


@dataclass(frozen=True)
class Hit:
    """One finding: ``text == original[start:end]`` exactly, so the composer can highlight it."""

    kind: HitKind
    start: int
    end: int
    text: str
    message_code: str
    params: Mapping[str, Any] = field(hash=False)
    blocking: bool
    fingerprint: str

    @property
    def message(self) -> Message:
        """The translatable message for this hit (code, English default, parameters)."""
        return Message(self.message_code, _DEFAULTS[self.kind], self.params)

    @property
    def default_text(self) -> str:
        """The English explanation."""
        return self.message.english()


def make_hit(
    kind: HitKind, original: str, start: int, end: int, canonical: str, params: Mapping[str, Any] | None = None
) -> Hit:
    """Build a hit over ``original[start:end]`` with its message code, parameters and fingerprint."""
    text = original[start:end]
    all_params: dict[str, Any] = {"text": text, "kind": kind.value}
    if params:
        all_params.update(params)
    scheme = all_params.get("scheme")
    if isinstance(scheme, str):
        all_params.setdefault("scheme_name", _SCHEME_NAMES.get(scheme, scheme))
    return Hit(
        kind=kind,
        start=start,
        end=end,
        text=text,
        message_code=f"guard.{kind.value}",
        params=all_params,
        blocking=kind in BLOCKING_KINDS,
        fingerprint=fingerprint_of(kind, canonical),
    )


@dataclass(frozen=True)
class GuardResult:
    """Everything the guard found in one text, in order of position."""

    text: str
    hits: tuple[Hit, ...] = field(default_factory=tuple)

    @property
    def blocked(self) -> bool:
        """True when any hit would stop the text from being sent."""
        return any(hit.blocking for hit in self.hits)

    @property
    def blocking_hits(self) -> tuple[Hit, ...]:
        """The hits that block sending."""
        return tuple(hit for hit in self.hits if hit.blocking)

    @property
    def advisories(self) -> tuple[Hit, ...]:
        """The hits that only ask the author to look again."""
        return tuple(hit for hit in self.hits if not hit.blocking)

    def blocked_unless(self, waived: Collection[str]) -> bool:
        """True when a blocking hit remains after waiving the hits whose fingerprints are listed."""
        return any(hit.blocking and hit.fingerprint not in waived for hit in self.hits)

    @property
    def kinds(self) -> frozenset[HitKind]:
        """The kinds found."""
        return frozenset(hit.kind for hit in self.hits)
