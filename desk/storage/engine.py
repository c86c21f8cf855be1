"""Opening the database: SQLite in the data directory by default, PostgreSQL when configured.

SQLite connections get WAL, ``synchronous=NORMAL``, foreign keys and a busy timeout. The schema is
brought to the latest Alembic revision on start; an SQLite file is backed up first.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

# SQLAlchemy is imported where an engine is made: the window finds its data directory and database file
# before it loads SQLAlchemy (cold start).

DATABASE_URL_ENV = "DESK_DATABASE_URL"
DATA_DIR_ENV = "DESK_DATA_DIR"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def data_dir() -> Path:
    """The platform data directory of Beat Desk (``DESK_DATA_DIR`` overrides it)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("beat-desk", "BeatDesk"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_url(*, demo: bool = False) -> str:
    """``DESK_DATABASE_URL`` if set (never for demo mode), else SQLite in the data directory."""
    if not demo:
        configured = os.environ.get(DATABASE_URL_ENV)
        if configured:
            return normalise_url(configured)
    name = "demo.sqlite3" if demo else "desk.sqlite3"
    return f"sqlite:///{data_dir() / name}"


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs written without a driver."""
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url`` with the house settings applied."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit (services hand out records, not live objects)."""
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session in one transaction: committed on success, rolled back on error."""
    with factory() as session, session.begin():
        yield session


def sqlite_file(url: str) -> Path | None:
    """The database file of an SQLite URL (``sqlite:///path``), or None for other databases and memory."""
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        return None
    database = url[len(prefix) :].split("?", 1)[0]
    if not database or database == ":memory:":
        return None
    return Path(database)


def is_sqlite(engine: Engine) -> bool:
    """Whether ``engine`` is SQLite."""
    return engine.dialect.name == "sqlite"


def backup_sqlite(engine: Engine, when: datetime) -> Path | None:
    """Copy an SQLite database file beside itself with the online backup API; returns the copy's path."""
    database = engine.url.database
    if not is_sqlite(engine) or not database or database == ":memory:" or not Path(database).exists():
        return None
    source_path = Path(database)
    target = source_path.with_name(f"{source_path.stem}.backup-{when:%Y%m%dT%H%M%S}{source_path.suffix}")
    with sqlite3.connect(source_path) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
