"""What the window needs before the desk is fully open: a checked password and the stored settings.

An officer opens the desk at the start of every shift. Importing SQLAlchemy, the models and the audit chain
costs more than showing the window, so the window reads the two things it must know before its first paint
(who is signing in, with which settings) with the standard library's ``sqlite3``, checks the password with
argon2, and opens the desk fully right after it has painted. The sign-in is completed, and audited, by
:meth:`desk.auth.AuthService.confirm_sign_in` once the desk is open.

This path only answers for an SQLite desk already at the latest schema revision. Anything else (PostgreSQL,
a database to upgrade or to create, a wrong password, an unreadable file) gives None, and the caller opens
the desk fully first and signs in the ordinary way, which reports and audits what went wrong.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk.identity import Identity, VerifiedPassword, password_matches
from desk.roles import Role
from desk.settings_document import SETTINGS_KEY
from desk.storage.migrate import file_head

BUSY_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class EarlySignIn:
    """A password checked against the stored hash, and the stored settings document (None: defaults)."""

    verified: VerifiedPassword
    settings_document: dict[str, Any] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class EarlyDesk:
    """An SQLite desk the sign-in dialog may serve before the desk opens: at the latest revision, with people."""

    database: Path
    settings_document: dict[str, Any] | None = field(default=None, repr=False)


def probe(database: Path) -> EarlyDesk | None:
    """Whether the sign-in dialog can check passwords early at ``database``, with its stored settings.

    None (open the desk first, the ordinary way) for a missing file, a database to upgrade, an unreadable
    file, or a desk without people yet (the first start creates the administrator).
    """
    head = file_head()
    if head is None or not database.is_file():
        return None
    try:
        connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != head:
            return None
        if connection.execute("SELECT 1 FROM users LIMIT 1").fetchone() is None:
            return None
        return EarlyDesk(database, _settings_document(connection))
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()


def _settings_document(connection: sqlite3.Connection) -> dict[str, Any] | None:
    stored = connection.execute("SELECT value FROM settings WHERE key = ?", (SETTINGS_KEY,)).fetchone()
    if stored is None or stored[0] is None:
        return None
    loaded = json.loads(stored[0])
    return loaded if isinstance(loaded, dict) else None


def check_sign_in(database: Path, username: str, password: str) -> EarlySignIn | None:
    """Check ``password`` for ``username`` in the SQLite desk at ``database`` without opening the desk.

    None means "open the desk and sign in the ordinary way": the file is missing or not at the latest
    revision, the person is unknown or inactive, or the password does not match.
    """
    head = file_head()
    if head is None or not database.is_file():
        return None
    try:
        connection = sqlite3.connect(database, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        return _read(connection, head, username, password)
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, head: str, username: str, password: str) -> EarlySignIn | None:
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if revision is None or revision[0] != head:
        return None
    row = connection.execute(
        "SELECT id, username, display_name, password_hash, active, station_id, team FROM users WHERE username = ?",
        (username,),
    ).fetchone()
    if row is None or not row[4]:
        return None
    user_id, name, display_name, password_hash, _active, station_id, team = row
    if not isinstance(password_hash, str) or not password_matches(password_hash, password):
        return None
    roles = frozenset(
        Role(value) for (value,) in connection.execute("SELECT role FROM user_roles WHERE user_id = ?", (user_id,))
    )
    document = _settings_document(connection)
    identity = Identity(int(user_id), str(name), str(display_name), roles, station_id, team)
    return EarlySignIn(VerifiedPassword(identity, password_hash), document)
