"""Bringing a database to the latest schema revision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from desk.clock import Clock
from desk.storage.engine import backup_sqlite

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the desk's migrations."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def heads() -> tuple[str, ...]:
    """The head revisions of the migration graph (there must be exactly one)."""
    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


@dataclass(frozen=True)
class UpgradeResult:
    """What an upgrade did."""

    from_revision: str | None
    to_revision: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        """Whether the schema moved."""
        return self.from_revision != self.to_revision


def upgrade(engine: Engine, clock: Clock) -> UpgradeResult:
    """Upgrade to the head revision; an existing SQLite database is backed up first."""
    (head,) = heads()
    before = current_revision(engine)
    if before == head:
        return UpgradeResult(before, head, None)
    has_tables = bool(inspect(engine).get_table_names())
    backup = backup_sqlite(engine, clock.now()) if has_tables else None
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(before, head, backup)
