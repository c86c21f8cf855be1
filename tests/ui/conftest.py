"""Fixtures for the window's tests: a real SQLite desk in tmp_path, people, the runner and a session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

from desk.auth import AuthService, Identity
from desk.clock import SystemClock
from desk.context import DeskContext, open_desk
from desk.roles import Role
from desk.secrets import InMemorySecretStore
from desk.storage.models import AuditEntry
from ui import crash
from ui.messages import MessageBridge
from ui.tasks import TaskRunner

ADMIN_PASSWORD = "admin-password-1"
OFFICER_PASSWORD = "officer-password-1"


def open_test_desk(folder: Path, *, demo: bool = False) -> DeskContext:
    """A desk on a fresh SQLite file under ``folder``."""
    return open_desk(
        f"sqlite:///{folder / 'desk.sqlite3'}",
        SystemClock(),
        InMemorySecretStore(),
        workstation="test-ws",
        data_dir=folder,
        demo=demo,
    )


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[DeskContext]:
    """An empty desk at the latest migration."""
    context = open_test_desk(tmp_path)
    yield context
    context.dispose()


@pytest.fixture
def admin(ctx: DeskContext) -> Identity:
    """The first administrator."""
    return AuthService(ctx).create_first_administrator("anna", "Anna Admin", ADMIN_PASSWORD)


@pytest.fixture
def officer(ctx: DeskContext, admin: Identity) -> Identity:
    """An officer added by the administrator."""
    return AuthService(ctx).add_user(admin, "olli", "Olli Officer", OFFICER_PASSWORD, {Role.OFFICER})


@pytest.fixture
def ui_state(tmp_path: Path) -> QSettings:
    """Window state in a file of the test's own."""
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def bridge(qapp: object) -> MessageBridge:
    """A message bridge."""
    return MessageBridge()


@pytest.fixture
def runner(bridge: MessageBridge) -> Iterator[TaskRunner]:
    """A task runner that is shut down after the test."""
    task_runner = TaskRunner(bridge)
    yield task_runner
    task_runner.shutdown(wait=True)


@pytest.fixture(autouse=True)
def _close_crash_dialogs() -> Iterator[None]:
    yield
    for dialog in list(crash.open_dialogs):
        dialog.close()


def audit_actions(ctx: DeskContext) -> list[tuple[str, str]]:
    """(actor, action) of every audit entry, oldest first."""
    with ctx.sessions() as session:
        return [(e.actor, e.action) for e in session.scalars(select(AuditEntry).order_by(AuditEntry.seq))]


@pytest.fixture
def placeholders_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Screens stay placeholders (no screen package is loaded) and the registry is restored afterwards."""
    yield from screens_as_placeholders(monkeypatch)


def screens_as_placeholders(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The body of :func:`placeholders_only`, for fixtures elsewhere."""
    from ui import screens

    monkeypatch.setattr(screens, "SCREEN_PACKAGES", {})
    saved_factories = dict(screens._factories)
    saved_loaded = set(screens._loaded)
    for screen_id in list(screens._factories):
        if screen_id != "settings":
            del screens._factories[screen_id]
    yield
    screens._factories.clear()
    screens._factories.update(saved_factories)
    screens._loaded.clear()
    screens._loaded.update(saved_loaded)
