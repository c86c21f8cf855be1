"""Shared test setup: offscreen Qt, the reference recordings, hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

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
