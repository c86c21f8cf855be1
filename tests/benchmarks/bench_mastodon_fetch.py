"""Mastodon: fetching mentions through the connector from the sandbox, and the sandbox's own page rate.

Run: ``.venv/bin/pytest tests/benchmarks/bench_mastodon_fetch.py -o python_files='bench_*.py' -p no:randomly -s``
(``DESK_BENCH_SMALL=1`` shrinks it to about 300 mentions for a smoke run).
Mentions are created in-process on the sandbox; the fetch goes over real HTTP on 127.0.0.1 through
Mastodon.py, 80 mention notifications a page (Mastodon's maximum), each with its status and accounts.
"""

from __future__ import annotations

import os
import time
from typing import Any

import httpx

from connectors.mastodon import MastodonConnector
from connectors.sandbox.mastodon import module
from connectors.transport import HttpSettings
from desk.clock import SystemClock
from desk.ports import AccountRef, Platform, Stream
from tests.conftest import create_sandbox_account

SMALL = os.environ.get("DESK_BENCH_SMALL") == "1"
MENTIONS = 300 if SMALL else 10_000
PAGE_REQUESTS = 30 if SMALL else 300
PAGE = 80


def _force_with_mentions(sandbox: Any, admin: Any, count: int) -> dict[str, Any]:
    handle = f"bench{int(time.time() * 1000) % 10_000_000}"
    account = create_sandbox_account(admin, "mastodon", handle, display_name="Bench Police")
    platform = module(sandbox.state)
    force = sandbox.state.find_account("mastodon", account["account_id"])
    residents = [platform.create_account(f"resident{i}x{handle}", f"Resident {i}", is_force=False) for i in range(50)]
    for i in range(count):
        platform.inject(force, "mention", residents[i % 50], f"Report {i}: noise on Mill Lane, please send someone")
    admin.post("/_sandbox/limits", json={"lifted": True})
    return account


def test_fetch_mentions_through_the_connector(benchmark: Any, sandbox: Any, sandbox_admin: Any) -> None:
    account = _force_with_mentions(sandbox, sandbox_admin, MENTIONS)
    ref = AccountRef(Platform.MASTODON, account["handle"], sandbox.base_url, "mastodon:bench", account["account_id"])
    connector = MastodonConnector(ref, account["credentials"], clock=SystemClock(), http=HttpSettings(timeout=30))

    def run() -> int:
        cursor: str | None = None
        total = 0
        while True:
            result = connector.fetch_inbound(Stream.MENTIONS, cursor, PAGE)
            total += len(result.records)
            cursor = result.cursor
            if not result.has_more:
                return total

    assert run() == MENTIONS
    benchmark.pedantic(run, rounds=3, iterations=1)
    rate = MENTIONS / benchmark.stats.stats.median
    pages = -(-MENTIONS // PAGE)
    print(f"\nMastodon connector: {rate:,.0f} mentions/s ({MENTIONS:,} mentions, {pages} pages, median of 3)")
    benchmark.extra_info["mentions_per_second"] = round(rate)


def test_sandbox_mentions_page_requests_per_second(benchmark: Any, sandbox: Any, sandbox_admin: Any) -> None:
    account = _force_with_mentions(sandbox, sandbox_admin, PAGE)
    headers = {"Authorization": f"Bearer {account['credentials']['access_token']}"}
    params = {"types[]": "mention", "limit": str(PAGE)}

    with httpx.Client(base_url=sandbox.base_url, headers=headers, timeout=30) as client:

        def run() -> None:
            for _ in range(PAGE_REQUESTS):
                response = client.get("/api/v1/notifications", params=params)
                assert response.status_code == 200 and len(response.json()) == PAGE

        benchmark.pedantic(run, rounds=3, iterations=1)
    rate = PAGE_REQUESTS / benchmark.stats.stats.median
    print(f"\nMastodon sandbox: {rate:,.0f} notification pages/s ({PAGE} mentions each, median of 3 x {PAGE_REQUESTS})")
    benchmark.extra_info["pages_per_second"] = round(rate)
