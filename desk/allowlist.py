"""The force's own allow-list: its switchboard, stations and tip inboxes, on top of the shipped list.

Stored as one document in the ``settings`` table (no migration needed); administrators manage it and
every change is audited with before and after.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desk.audit import summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import ValidationFailed
from desk.redaction import AllowEntry, AllowList, PrivacyGuard
from desk.roles import Action
from desk.storage.models import Setting

ALLOWLIST_KEY = "guard.allowlist"


def _same_value(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


class AllowListService:
    """Reads and changes the force's allow-list entries; builds the privacy guard from them."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def shipped(self) -> list[AllowEntry]:
        """The entries shipped with the desk (read-only)."""
        return list(AllowList.shipped().entries)

    def entries(self) -> list[AllowEntry]:
        """The force's own entries, in the order they were added."""
        with self.ctx.sessions() as session:
            row = session.scalars(select(Setting).where(Setting.key == ALLOWLIST_KEY)).one_or_none()
            stored = [] if row is None else row.value.get("entries", [])
        return list(AllowList.from_entries(stored).entries)

    def add(self, by: Identity, entry: AllowEntry | Mapping[str, Any]) -> AllowEntry:
        """Add one entry (administrators); a value already on the force's list is refused."""
        require(by, Action.MANAGE_SETTINGS)
        new = AllowList.from_entries([entry]).entries[0]
        current = self.entries()
        if any(e.kind is new.kind and _same_value(e.value, new.value) for e in current):
            raise ValidationFailed(
                "allowlist.duplicate", "{value} is already on the force's allow-list.", value=new.value
            )
        self._store(by, "allowlist.add", current, [*current, new])
        return new

    def remove(self, by: Identity, value: str) -> None:
        """Remove the force's entry with this value (administrators); shipped entries cannot be removed."""
        require(by, Action.MANAGE_SETTINGS)
        current = self.entries()
        kept = [e for e in current if not _same_value(e.value, value)]
        if len(kept) == len(current):
            if any(_same_value(e.value, value) for e in self.shipped()):
                raise ValidationFailed(
                    "allowlist.shipped", "{value} is shipped with the desk and cannot be removed.", value=value
                )
            raise ValidationFailed("allowlist.not_found", "{value} is not on the force's allow-list.", value=value)
        self._store(by, "allowlist.remove", current, kept)

    def allow_list(self) -> AllowList:
        """Shipped plus the force's entries."""
        return AllowList.shipped().with_entries(self.entries())

    def guard(self) -> PrivacyGuard:
        """A privacy guard that lets the shipped and the force's entries pass."""
        return PrivacyGuard(self.allow_list())

    def export_json(self, path: Path) -> None:
        """Write shipped plus force entries as ``{"entries": [...]}`` (what ``desk guard check --allow-list`` reads)."""
        doc = {"entries": self.allow_list().to_entries()}
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    def _store(self, by: Identity, action: str, before: list[AllowEntry], after: list[AllowEntry]) -> None:
        doc = {"entries": [e.to_dict() for e in after]}
        with self.ctx.transaction() as session:
            row = session.get(Setting, ALLOWLIST_KEY)
            if row is None:
                session.add(
                    Setting(key=ALLOWLIST_KEY, value=doc, updated_at=self.ctx.clock.now(), updated_by=by.user_id)
                )
            else:
                row.value = doc
                row.updated_at = self.ctx.clock.now()
                row.updated_by = by.user_id
            self.ctx.audit.append(
                session,
                by.actor,
                action,
                "settings",
                ALLOWLIST_KEY,
                summarise(before={"values": [e.value for e in before]}, after={"values": [e.value for e in after]}),
            )
