"""Shared test setup: offscreen Qt, the reference recordings, hypothesis profiles."""

from __future__ import annotations

import os
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
