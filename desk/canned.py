"""Canned replies with variables, in English, Finnish and Swedish (the out-of-office reply among them).

Variables: ``{name}`` (the citizen), ``{officer}`` (who replies), ``{station}``, ``{reference}`` (a case or
report number) and ``{emergency_number}`` (from the station settings). An unknown variable is refused
when a reply is saved, and named when one is rendered. Administrators edit the set; every edit is audited.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from desk.audit import Actor, summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import ValidationFailed
from desk.roles import Action
from desk.storage.models import CannedReply

VARIABLES = ("name", "officer", "station", "reference", "emergency_number")
LANGUAGES = ("en", "fi", "sv")
OUT_OF_OFFICE = "out_of_office"
EMERGENCY = "emergency"

#: The seed set: (name, lang) → text.
DEFAULTS: Mapping[tuple[str, str], str] = {
    ("thanks", "en"): "Hello {name}, thank you for your message. We are looking into it. – {officer}, {station}",
    ("thanks", "fi"): "Hei {name}, kiitos viestistäsi. Selvitämme asiaa. – {officer}, {station}",
    ("thanks", "sv"): "Hej {name}, tack för ditt meddelande. Vi ser över saken. – {officer}, {station}",
    ("report_online", "en"): (
        "Hello {name}, please report this crime through our online service so it can be investigated. "
        "You can quote reference {reference}. – {officer}, {station}"
    ),
    ("report_online", "fi"): (
        "Hei {name}, tee rikosilmoitus verkossa, jotta asiaa voidaan tutkia. "
        "Voit mainita viitteen {reference}. – {officer}, {station}"
    ),
    ("report_online", "sv"): (
        "Hej {name}, gör en brottsanmälan på nätet så att saken kan utredas. "
        "Du kan hänvisa till {reference}. – {officer}, {station}"
    ),
    ("private_details", "en"): (
        "Hello {name}, please do not post personal details publicly. Send them to us in a private message. "
        "– {officer}, {station}"
    ),
    ("private_details", "fi"): (
        "Hei {name}, älä julkaise henkilötietoja julkisesti. Lähetä ne meille yksityisviestillä. – {officer}, {station}"
    ),
    ("private_details", "sv"): (
        "Hej {name}, publicera inte personuppgifter öppet. Skicka dem till oss i ett privat meddelande. "
        "– {officer}, {station}"
    ),
    (EMERGENCY, "en"): (
        "{name}, if you or someone else is in danger now, call {emergency_number} immediately. "
        "This account cannot send help. – {station}"
    ),
    (EMERGENCY, "fi"): (
        "{name}, jos sinä tai joku muu on nyt vaarassa, soita heti {emergency_number}. "
        "Tämän tilin kautta ei voi hälyttää apua. – {station}"
    ),
    (EMERGENCY, "sv"): (
        "{name}, om du eller någon annan är i fara nu, ring genast {emergency_number}. "
        "Via det här kontot kan vi inte skicka hjälp. – {station}"
    ),
    (OUT_OF_OFFICE, "en"): (
        "Thank you for your message. This account is not watched around the clock; we will answer during "
        "office hours. In an emergency call {emergency_number}. – {station}"
    ),
    (OUT_OF_OFFICE, "fi"): (
        "Kiitos viestistäsi. Tätä tiliä ei seurata ympäri vuorokauden; vastaamme virka-aikana. "
        "Hätätilanteessa soita {emergency_number}. – {station}"
    ),
    (OUT_OF_OFFICE, "sv"): (
        "Tack för ditt meddelande. Det här kontot bevakas inte dygnet runt; vi svarar under kontorstid. "
        "I nödfall ring {emergency_number}. – {station}"
    ),
}


@dataclass(frozen=True)
class CannedRecord:
    """A canned reply."""

    id: int
    name: str
    lang: str
    text: str
    updated_at: datetime


def variables_in(template: str) -> list[str]:
    """The variable names a template uses; a clear error when its braces do not parse."""
    try:
        fields = [f for _lit, f, _spec, _conv in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        raise ValidationFailed(
            "canned.bad_braces",
            "The reply's braces do not pair up ({detail}); write variables as {{name}}.",
            detail=str(exc),
        ) from exc
    return fields


def check_template(template: str) -> None:
    """Refuse unknown or malformed variables, naming them and the known ones."""
    for name in variables_in(template):
        if name not in VARIABLES:
            raise ValidationFailed(
                "canned.unknown_variable",
                "Unknown variable {{{variable}}}; the known ones are {known}.",
                variable=name,
                known=", ".join("{" + v + "}" for v in VARIABLES),
            )


def render(template: str, values: Mapping[str, str]) -> str:
    """Fill a template's variables; an unknown variable, or one with no value, is named in the error."""
    check_template(template)
    missing = [v for v in variables_in(template) if not values.get(v)]
    if missing:
        raise ValidationFailed(
            "canned.missing_value",
            "Fill in {variables} before sending.",
            variables=", ".join("{" + v + "}" for v in missing),
        )
    return template.format_map({k: str(v) for k, v in values.items()})


class CannedReplyService:
    """The canned replies: list, edit (administrators), render."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    @staticmethod
    def _record(row: CannedReply) -> CannedRecord:
        return CannedRecord(row.id, row.name, row.lang, row.text, row.updated_at)

    def seed_defaults(self) -> int:
        """Add the default replies that are missing (never overwrites an edit); returns how many were added."""
        added = 0
        with self.ctx.transaction() as session:
            have = set(session.execute(select(CannedReply.name, CannedReply.lang)).tuples())
            for (name, lang), body in DEFAULTS.items():
                if (name, lang) not in have:
                    session.add(CannedReply(name=name, lang=lang, text=body, updated_at=self.ctx.clock.now()))
                    added += 1
            if added:
                self.ctx.audit.append(
                    session,
                    Actor.system(self.ctx.workstation),
                    "canned.seed",
                    "canned_reply",
                    "",
                    summarise(added=added),
                )
        return added

    def list(self, lang: str | None = None) -> list[CannedRecord]:
        """Canned replies by name (one language, or all)."""
        stmt = select(CannedReply).order_by(CannedReply.name, CannedReply.lang)
        if lang:
            stmt = stmt.where(CannedReply.lang == lang)
        with self.ctx.sessions() as session:
            return [self._record(r) for r in session.scalars(stmt)]

    def find(self, name: str, lang: str) -> CannedRecord | None:
        """One reply by name and language."""
        with self.ctx.sessions() as session:
            row = session.scalars(
                select(CannedReply).where(CannedReply.name == name, CannedReply.lang == lang)
            ).one_or_none()
            return None if row is None else self._record(row)

    def save(self, by: Identity, name: str, lang: str, text: str) -> CannedRecord:
        """Create or edit a reply; administrators only, audited with before and after."""
        require(by, Action.MANAGE_CANNED_REPLIES)
        label = " ".join(name.split()).lower().replace(" ", "_")[:100]
        if not label:
            raise ValidationFailed("canned.no_name", "Give the reply a name.")
        if lang not in LANGUAGES:
            raise ValidationFailed("canned.bad_lang", "Language must be one of {langs}.", langs=", ".join(LANGUAGES))
        body = text.strip()
        if not body:
            raise ValidationFailed("canned.empty", "A canned reply needs some text.")
        check_template(body)
        with self.ctx.transaction() as session:
            row = session.scalars(
                select(CannedReply).where(CannedReply.name == label, CannedReply.lang == lang)
            ).one_or_none()
            before = None if row is None else {"text": row.text}
            if row is None:
                row = CannedReply(
                    name=label, lang=lang, text=body, updated_at=self.ctx.clock.now(), updated_by=by.user_id
                )
                session.add(row)
            else:
                row.text = body
                row.updated_at = self.ctx.clock.now()
                row.updated_by = by.user_id
            session.flush()
            self.ctx.audit.append(
                session,
                by.actor,
                "canned.save",
                "canned_reply",
                row.id,
                summarise(before, {"name": label, "lang": lang, "text": body}),
            )
            return self._record(row)

    def delete(self, by: Identity, canned_id: int) -> None:
        """Remove a reply; administrators only, audited."""
        require(by, Action.MANAGE_CANNED_REPLIES)
        with self.ctx.transaction() as session:
            row = session.get(CannedReply, canned_id)
            if row is None:
                raise ValidationFailed("canned.not_found", "Canned reply {id} does not exist.", id=canned_id)
            before = {"name": row.name, "lang": row.lang, "text": row.text}
            session.delete(row)
            self.ctx.audit.append(session, by.actor, "canned.delete", "canned_reply", canned_id, summarise(before))

    def values(self, by: Identity | None, *, name: str = "", reference: str = "") -> dict[str, str]:
        """Variable values from the station settings, the officer and the conversation."""
        from desk.settings import SettingsService

        station = SettingsService(self.ctx).load().station
        return {
            "name": name,
            "officer": "" if by is None else by.display_name,
            "station": station.station_name,
            "reference": reference,
            "emergency_number": station.emergency_number,
        }

    @staticmethod
    def render(template: str, values: Mapping[str, str]) -> str:
        """See :func:`render`."""
        return render(template, values)
