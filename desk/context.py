"""The shared context every service runs in: database, clock, audit log, secrets, workstation."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from desk.audit import AUDIT_KEY_NAME, AuditLog, CheckpointFile
from desk.clock import Clock
from desk.secrets import SecretStore, get_or_create_key
from desk.storage.engine import data_dir as default_data_dir
from desk.storage.engine import make_engine, session_factory
from desk.storage.migrate import UpgradeResult, upgrade
from desk.storage.models import Workstation


@dataclass
class DeskContext:
    """What services share. Built once by a composition root (the app, the CLI, a test)."""

    engine: Engine
    sessions: sessionmaker[Session]
    clock: Clock
    audit: AuditLog
    secrets: SecretStore
    workstation: str
    data_dir: Path
    demo: bool = False
    upgrade_result: UpgradeResult | None = None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()


def open_desk(
    url: str,
    clock: Clock,
    secrets: SecretStore,
    *,
    workstation: str | None = None,
    data_dir: Path | None = None,
    demo: bool = False,
    migrate: bool = True,
) -> DeskContext:
    """Open (and by default upgrade) the database at ``url`` and build the service context."""
    engine = make_engine(url)
    result = upgrade(engine, clock) if migrate else None
    folder = data_dir or default_data_dir()
    key = get_or_create_key(secrets, AUDIT_KEY_NAME)
    name = workstation or socket.gethostname() or "workstation"
    checkpoints = folder / ("audit-checkpoints-demo.jsonl" if demo else "audit-checkpoints.jsonl")
    audit = AuditLog(key, name, clock, CheckpointFile(checkpoints, key))
    ctx = DeskContext(engine, session_factory(engine), clock, audit, secrets, name, folder, demo, result)
    _register_workstation(ctx)
    return ctx


def _register_workstation(ctx: DeskContext) -> None:
    with ctx.transaction() as session:
        row = session.scalars(select(Workstation).where(Workstation.name == ctx.workstation)).one_or_none()
        now = ctx.clock.now()
        if row is None:
            session.add(Workstation(name=ctx.workstation, created_at=now, last_seen_at=now))
        else:
            row.last_seen_at = now
