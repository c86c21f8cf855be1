"""Shared test setup: offscreen Qt, the reference recordings, hypothesis profiles."""

from __future__ import annotations

import logging
import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = (ROOT.parent / "shared" / "reference").resolve()

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


class _OwnWarnings(logging.Handler):
    """Collects warnings that Beat Desk's own code logs during a test."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_own_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    """A warning logged by desk/, ui/ or connectors/ fails the test unless it is marked as expected."""
    handler = _OwnWarnings()
    loggers = [logging.getLogger(name) for name in ("desk", "ui", "connectors")]
    for lg in loggers:
        lg.addHandler(handler)
    try:
        yield
    finally:
        for lg in loggers:
            lg.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("allow_log_warnings") is None:
        lines = "; ".join(f"{r.name}: {r.getMessage()}" for r in handler.records[:5])
        pytest.fail(f"unexpected warnings logged by our code: {lines}")


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """Argon2 with small parameters in tests only: the hashing library is not what is under test."""
    from argon2 import PasswordHasher

    import desk.auth

    saved = desk.auth._hasher
    desk.auth._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        yield
    finally:
        desk.auth._hasher = saved


@pytest.fixture(scope="session")
def reference_dir() -> Path:
    """``../shared/reference`` beside the checkout: real recorded traffic and call logs."""
    if not REFERENCE.is_dir():
        pytest.fail(f"reference data not found at {REFERENCE}; it must sit beside the checkout as ../shared")
    return REFERENCE


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Any]:
    """One platform sandbox per test worker, on a free loopback port."""
    from connectors.sandbox import SandboxServer

    with SandboxServer() as server:
        yield server


@pytest.fixture
def sandbox_admin(sandbox: Any) -> Iterator[Any]:
    """An HTTP client for ``/_sandbox`` admin calls; faults and lifted limits are reset after each test."""
    import httpx

    with httpx.Client(base_url=sandbox.base_url, timeout=10) as client:
        yield client
        client.delete("/_sandbox/faults")
        client.post("/_sandbox/limits", json={"lifted": False})


def create_sandbox_account(admin: Any, platform: str, handle: str, **extra: Any) -> dict[str, Any]:
    """Create an account on the sandbox and return it with its credentials."""
    response = admin.post("/_sandbox/accounts", json={"platform": platform, "handle": handle, **extra})
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result


# --- databases: every storage and service test runs on SQLite and on a real PostgreSQL ---------------


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str | None]:
    """A PostgreSQL server URL: ``DESK_TEST_POSTGRES_URL`` or a throwaway cluster per test worker.

    Yields None when neither is possible here (the PostgreSQL tests then skip with the reason); in CI a
    missing PostgreSQL is a failure, not a skip."""
    from tests.pg import PG_ENV, start_cluster

    configured = os.environ.get(PG_ENV)
    if configured:
        yield configured
        return
    try:
        cluster = start_cluster()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI but could not start: {exc}")
        pytest.skip(f"no PostgreSQL here: {exc} (set {PG_ENV} to use a running server)")
    try:
        yield cluster.url
    finally:
        cluster.stop()


def _pg_database(server: str, template: str | None = None) -> tuple[str, Any]:
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    return server.rsplit("/", 1)[0] + "/" + name, (admin, name)


def _drop(handle: Any) -> None:
    import sqlalchemy as sa

    admin, name = handle
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_template(postgres_server: str | None) -> str | None:
    """A database at the latest migration that each test copies (much faster than migrating each time)."""
    if postgres_server is None:
        return None
    from desk.clock import ManualClock
    from desk.storage.engine import make_engine
    from desk.storage.migrate import upgrade

    url, (admin, name) = _pg_database(postgres_server)
    engine = make_engine(url)
    upgrade(engine, ManualClock())
    engine.dispose()
    admin.dispose()
    return name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'desk.sqlite3'}"
        return
    url, handle = _pg_database(request.getfixturevalue("postgres_server"))
    try:
        yield url
    finally:
        _drop(handle)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def migrated_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database at the latest schema revision, on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'desk.sqlite3'}"
        return
    server = request.getfixturevalue("postgres_server")
    url, handle = _pg_database(server, request.getfixturevalue("postgres_template"))
    try:
        yield url
    finally:
        _drop(handle)


@pytest.fixture
def clock() -> Any:
    """A manual clock starting on a Monday morning."""
    from desk.clock import ManualClock

    return ManualClock()


@pytest.fixture
def secrets() -> Any:
    """An in-memory secret store."""
    from desk.secrets import InMemorySecretStore

    return InMemorySecretStore()


@pytest.fixture
def ctx(migrated_database_url: str, clock: Any, secrets: Any, tmp_path: Path) -> Iterator[Any]:
    """A desk context on a fresh, upgraded database (SQLite and PostgreSQL)."""
    from desk.context import open_desk

    context = open_desk(migrated_database_url, clock, secrets, workstation="test-desk", data_dir=tmp_path)
    try:
        yield context
    finally:
        context.dispose()
