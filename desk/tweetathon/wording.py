"""The public wording of call types, in English, Finnish and Swedish.

Seeded from ``resources/tweetathon/wording.json``; administrators edit it and every edit is audited. A call
whose type has no wording goes to review; it is never published with its raw type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import select

from desk.audit import Actor, summarise
from desk.auth import Identity, require
from desk.calls.mapping import type_key
from desk.context import DeskContext
from desk.errors import ValidationFailed
from desk.resources import resource_path
from desk.roles import Action
from desk.storage.tweetathon_models import CallWording

LANGUAGES = ("en", "fi", "sv")
MAX_WORDING = 120

#: type key -> language -> public text
WordingTable = Mapping[str, Mapping[str, str]]


@lru_cache(maxsize=1)
def _seed_doc() -> dict[str, dict[str, str]]:
    doc: dict[str, Any] = json.loads(resource_path("tweetathon", "wording.json").read_text(encoding="utf-8"))
    return {str(k): {str(lang): str(text) for lang, text in v.items()} for k, v in doc.items()}


def seeded_wording() -> dict[str, dict[str, str]]:
    """The shipped table, keyed by normalised call type."""
    table: dict[str, dict[str, str]] = {}
    for call_type, texts in _seed_doc().items():
        table.setdefault(type_key(call_type), {}).update(texts)
    return table


@dataclass(frozen=True)
class WordingRecord:
    """One call type's public text in one language."""

    call_type: str
    lang: str
    text: str


def check_wording(text: str) -> str:
    """A clean wording, or a clear error."""
    body = " ".join(text.split())
    if not body:
        raise ValidationFailed("tweetathon.wording_empty", "The public wording cannot be empty.")
    if len(body) > MAX_WORDING:
        raise ValidationFailed(
            "tweetathon.wording_long", "Keep the public wording under {n} characters.", n=MAX_WORDING
        )
    if any(ch in body for ch in "{}"):
        raise ValidationFailed("tweetathon.wording_braces", "The public wording cannot contain braces.")
    return body


class WordingService:
    """Reads and edits the wording table in the database."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def seed_defaults(self) -> int:
        """Add shipped wording that is missing (never overwrites an edit); returns how many were added."""
        added = 0
        now = self.ctx.clock.now()
        with self.ctx.transaction() as session:
            have = set(session.execute(select(CallWording.call_type, CallWording.lang)).tuples())
            rows = []
            for key, texts in seeded_wording().items():
                for lang, text in texts.items():
                    if (key, lang) not in have:
                        rows.append(CallWording(call_type=key, lang=lang, text=text, updated_at=now))
            session.add_all(rows)
            added = len(rows)
            if added:
                self.ctx.audit.append(
                    session,
                    Actor.system(self.ctx.workstation),
                    "tweetathon.wording_seed",
                    "call_wording",
                    "",
                    summarise(added=added),
                )
        return added

    def table(self) -> dict[str, dict[str, str]]:
        """The whole table: type key -> language -> text."""
        table: dict[str, dict[str, str]] = {}
        with self.ctx.sessions() as session:
            for row in session.scalars(select(CallWording)):
                table.setdefault(row.call_type, {})[row.lang] = row.text
        return table

    def save(self, by: Identity, call_type: str, lang: str, text: str) -> WordingRecord:
        """Set one type's wording in one language; administrators only, audited with before and after."""
        require(by, Action.MANAGE_SETTINGS)
        key = type_key(call_type)
        if not key:
            raise ValidationFailed("tweetathon.wording_no_type", "Name the call type the wording is for.")
        if lang not in LANGUAGES:
            raise ValidationFailed(
                "tweetathon.wording_lang", "Language must be one of {langs}.", langs=", ".join(LANGUAGES)
            )
        body = check_wording(text)
        with self.ctx.transaction() as session:
            row = session.scalars(
                select(CallWording).where(CallWording.call_type == key, CallWording.lang == lang)
            ).one_or_none()
            before = None if row is None else {"text": row.text}
            if row is None:
                row = CallWording(
                    call_type=key, lang=lang, text=body, updated_at=self.ctx.clock.now(), updated_by=by.user_id
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
                "tweetathon.wording_save",
                "call_wording",
                row.id,
                summarise(before, {"call_type": key, "lang": lang, "text": body}),
            )
        return WordingRecord(key, lang, body)

    def delete(self, by: Identity, call_type: str, lang: str) -> None:
        """Remove one wording (its calls go back to review); administrators only, audited."""
        require(by, Action.MANAGE_SETTINGS)
        key = type_key(call_type)
        with self.ctx.transaction() as session:
            row = session.scalars(
                select(CallWording).where(CallWording.call_type == key, CallWording.lang == lang)
            ).one_or_none()
            if row is None:
                raise ValidationFailed(
                    "tweetathon.wording_missing", "There is no wording for {type} in {lang}.", type=call_type, lang=lang
                )
            session.delete(row)
            self.ctx.audit.append(
                session,
                by.actor,
                "tweetathon.wording_delete",
                "call_wording",
                row.id,
                summarise({"call_type": key, "lang": lang, "text": row.text}),
            )
