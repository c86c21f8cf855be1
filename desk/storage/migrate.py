"""Bringing a database to the latest schema revision.

Alembic is imported only when there is something to do: an up-to-date database opens without it, which
keeps the window's cold start short.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desk.storage.engine import backup_sqlite

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine

    from desk.clock import Clock

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
_REVISION = re.compile(r"^revision\s*(?::\s*str\s*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)


def alembic_config() -> Config:
    """An Alembic configuration pointing at the desk's migrations."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def heads() -> tuple[str, ...]:
    """The head revisions of the migration graph according to Alembic (there must be exactly one)."""
    from alembic.script import ScriptDirectory

    return tuple(ScriptDirectory.from_config(alembic_config()).get_heads())


def file_head() -> str | None:
    """The head revision read straight from the migration files (no Alembic import); None if ambiguous."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = _REVISION.search(source)
        if rev:
            revisions.add(rev.group(1))
        down = _DOWN.search(source)
        if down:
            downs.add(down.group(1))
    candidates = revisions - downs
    return candidates.pop() if len(candidates) == 1 else None


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return str(value) if value is not None else None


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
    before = current_revision(engine)
    quick = file_head()
    if quick is not None and before == quick:
        return UpgradeResult(before, quick, None)
    from alembic import command
    from sqlalchemy import inspect

    (head,) = heads()
    if before == head:
        return UpgradeResult(before, head, None)
    has_tables = bool(inspect(engine).get_table_names())
    backup = backup_sqlite(engine, clock.now()) if has_tables else None
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    if has_tables:
        refresh_statistics(engine)
    return UpgradeResult(before, head, backup)


#: Rows ANALYZE reads per index on SQLite: approximate statistics in milliseconds even on a million items.
ANALYSIS_LIMIT = 1000


def refresh_statistics(engine: Engine, *, only_if_needed: bool = False) -> None:
    """Give the query planner statistics for every index, new ones included.

    Without them SQLite guesses that an index it knows nothing about is very selective: after an index for
    the reports was added, the inbox's platform filter was planned through it and sorted 200,000 rows
    (58 ms) instead of walking its own index (0.1 ms). ``only_if_needed`` runs ``PRAGMA optimize``, which
    analyses only what changed enough (the runner does that every hour)."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
            conn.exec_driver_sql("PRAGMA optimize" if only_if_needed else "ANALYZE")
        elif not only_if_needed:
            conn.exec_driver_sql("ANALYZE")  # autovacuum would, later; the new indexes are used from now
        conn.commit()
