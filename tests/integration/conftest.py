"""The platform sandbox, served on 127.0.0.1 for integration tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from connectors.sandbox import SandboxServer


@pytest.fixture(scope="session")
def sandbox() -> Iterator[SandboxServer]:
    """One sandbox per test worker, on a free loopback port."""
    with SandboxServer() as server:
        yield server


@pytest.fixture
def sandbox_admin(sandbox: SandboxServer) -> Iterator[httpx.Client]:
    """An HTTP client for ``/_sandbox`` admin calls; faults and lifted limits are reset after each test."""
    with httpx.Client(base_url=sandbox.base_url, timeout=10) as client:
        yield client
        client.delete("/_sandbox/faults")
        client.post("/_sandbox/limits", json={"lifted": False})


def create_account(admin: httpx.Client, platform: str, handle: str, **extra: Any) -> dict[str, Any]:
    """Create a force account on the sandbox and return its credentials."""
    response = admin.post("/_sandbox/accounts", json={"platform": platform, "handle": handle, **extra})
    response.raise_for_status()
    result: dict[str, Any] = response.json()
    return result
