"""Presets: the shipped ones (resources) and the force's own (database, edited by administrators, audited)."""

from __future__ import annotations

from sqlalchemy import select

from desk.audit import summarise
from desk.auth import Identity, require
from desk.calls.mapping import Preset, check_mapping, shipped_presets
from desk.context import DeskContext
from desk.errors import ValidationFailed
from desk.roles import Action
from desk.storage.tweetathon_models import CallPreset


class PresetService:
    """Lists, finds and saves column-mapping presets."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def all(self) -> dict[str, Preset]:
        """Shipped presets, overridden by the force's own of the same name."""
        found = shipped_presets()
        with self.ctx.sessions() as session:
            for row in session.scalars(select(CallPreset).order_by(CallPreset.name)):
                found[row.name] = Preset.model_validate(row.body)
        return found

    def get(self, name: str) -> Preset:
        """One preset by name; a clear error naming the known ones."""
        presets = self.all()
        if name not in presets:
            raise ValidationFailed(
                "calls.no_preset", "There is no preset {name!r}; known: {known}.", name=name, known=", ".join(presets)
            )
        return presets[name]

    def save(self, by: Identity, preset: Preset) -> Preset:
        """Store the force's own preset (administrators; audited with before and after)."""
        require(by, Action.MANAGE_SETTINGS)
        check_mapping(preset.columns)
        body = preset.model_dump(mode="json")
        with self.ctx.transaction() as session:
            row = session.scalars(select(CallPreset).where(CallPreset.name == preset.name)).one_or_none()
            before = None if row is None else row.body
            if row is None:
                row = CallPreset(name=preset.name, body=body, updated_at=self.ctx.clock.now(), updated_by=by.user_id)
                session.add(row)
            else:
                row.body = body
                row.updated_at = self.ctx.clock.now()
                row.updated_by = by.user_id
            session.flush()
            self.ctx.audit.append(
                session, by.actor, "calls.preset_save", "call_preset", row.id, summarise(before, body)
            )
        return preset
