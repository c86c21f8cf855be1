"""The residents engine against the real sandbox over HTTP on 127.0.0.1, for a bounded count."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from connectors.sandbox import SandboxServer
from connectors.sandbox.residents import engine_for
from desk.triage import Triage

pytestmark = pytest.mark.sandbox

PLATFORMS = ("x", "facebook", "instagram", "mastodon", "bluesky")


@pytest.fixture
def own_sandbox() -> Iterator[SandboxServer]:
    """A sandbox of its own: residents write to every force account, so they must not touch other tests'."""
    with SandboxServer() as server:
        yield server


def _wait_finished(client: httpx.Client, timeout: float = 15.0) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        body: dict[str, Any] = client.get("/_sandbox/residents").json()
        if body["finished"] or time.monotonic() > deadline:
            return body
        time.sleep(0.05)


def test_residents_reach_every_platform_over_http(own_sandbox: SandboxServer) -> None:
    with httpx.Client(base_url=own_sandbox.base_url, timeout=10) as client:
        accounts = {}
        for platform in PLATFORMS:
            response = client.post("/_sandbox/accounts", json={"platform": platform, "handle": "demopolice"})
            response.raise_for_status()
            accounts[platform] = response.json()
        before = client.get("/_sandbox/summary").json()

        response = client.post(
            "/_sandbox/residents",
            json={
                "rate_per_minute": 6000,
                "languages": ["en", "fi", "sv"],
                "seed": 5,
                "max_messages": 80,
                "running": True,
            },
        )
        assert response.status_code == 200, response.text
        status = _wait_finished(client)
        assert status["finished"], status
        counts = status["counts"]
        assert counts["sent"] == 80
        assert set(counts["by_platform"]) == set(PLATFORMS), counts
        assert counts["errors"] == 0, counts["last_error"]

        after = client.get("/_sandbox/summary").json()
        assert after["mastodon"]["statuses"] > before["mastodon"]["statuses"]
        assert after["bluesky"]["posts"] + after["bluesky"]["messages"] > 0

        # What a connector would read: the force's Mastodon notifications carry the residents' words.
        token = accounts["mastodon"]["credentials"]["access_token"]
        notes = client.get("/api/v1/notifications", headers={"Authorization": f"Bearer {token}"}, params={"limit": 40})
        assert notes.status_code == 200
        engine = engine_for(own_sandbox.state)
        assert engine is not None
        sent_to_mastodon = [
            m for m in engine.history if m.platform == "mastodon" and m.action == "send" and m.kind != "dm"
        ]
        mentions = [n for n in notes.json() if n["type"] == "mention"]
        assert sent_to_mastodon and len(mentions) >= min(len(sent_to_mastodon), 40)
        last_word = sent_to_mastodon[-1].text.split()[-1]
        assert any(last_word in n["status"]["content"] for n in mentions)

        # Stopping is honoured and nothing more arrives.
        client.post("/_sandbox/residents", json={"running": False})
        assert client.get("/_sandbox/residents").json()["running"] is False


def test_resident_emergencies_are_triaged_as_emergencies(own_sandbox: SandboxServer) -> None:
    with httpx.Client(base_url=own_sandbox.base_url, timeout=10) as client:
        for platform in ("x", "mastodon"):
            client.post("/_sandbox/accounts", json={"platform": platform, "handle": "nightdesk"}).raise_for_status()
        response = client.post(
            "/_sandbox/residents",
            json={
                "rate_per_minute": 6000,
                "seed": 9,
                "max_messages": 40,
                "mix": {"emergency": 1, "safeguarding": 1},
                "running": True,
            },
        )
        assert response.status_code == 200
        assert _wait_finished(client)["finished"]
    engine = engine_for(own_sandbox.state)
    assert engine is not None
    triage = Triage.load()
    sent = [m for m in engine.history if m.action == "send"]
    assert len(sent) == 40
    for m in sent:
        label = triage.classify(m.text, m.lang).label
        if m.expected_label == "emergency":
            assert label == "emergency", m.text
        else:  # a disclosure may be read as an emergency (a false alarm), never as nothing
            assert label in ("safeguarding", "emergency"), m.text
