"""X: fetching mentions through the connector from the sandbox, and the sandbox's own page rate.

Run: ``.venv/bin/pytest tests/benchmarks/bench_x_fetch.py -p no:randomly -s``
(``DESK_BENCH_SMALL=1`` shrinks it to about 300 mentions for a smoke run).
Mentions are created in-process on the sandbox; the fetch goes over real HTTP on 127.0.0.1 with
OAuth 1.0a signatures verified on every request, 100 mentions a page with authors expanded.
The real mentions timeline reaches only the newest 800 mentions; to time the connector over 10,000 in one
walk, the benchmark raises the sandbox's reach (``XSandbox.mentions_reach``) for its own run.
"""

from __future__ import annotations

import os
import time
from typing import Any

import requests
from requests_oauthlib import OAuth1  # type: ignore[import-untyped]

from connectors.sandbox.x import module
from connectors.transport import HttpSettings, configure_session
from connectors.x import XConnector
from desk.clock import SystemClock
from desk.ports import AccountRef, Platform, Stream
from tests.conftest import create_sandbox_account

SMALL = os.environ.get("DESK_BENCH_SMALL") == "1"
MENTIONS = 300 if SMALL else 10_000
PAGE_REQUESTS = 30 if SMALL else 300


def _force_with_mentions(sandbox: Any, admin: Any, count: int) -> dict[str, Any]:
    handle = f"bench{int(time.time() * 1000) % 10_000_000}"
    account = create_sandbox_account(admin, "x", handle, display_name="Bench Police")
    platform = module(sandbox.state)
    platform.mentions_reach = None
    force = sandbox.state.find_account("x", account["account_id"])
    residents = [platform.create_account(f"resident{i}x{handle}", f"Resident {i}", is_force=False) for i in range(50)]
    for i in range(count):
        platform.inject(force, "mention", residents[i % 50], f"Report {i}: noise on Mill Lane, please send someone")
    admin.post("/_sandbox/limits", json={"lifted": True})
    return account


def test_fetch_mentions_through_the_connector(benchmark: Any, sandbox: Any, sandbox_admin: Any) -> None:
    account = _force_with_mentions(sandbox, sandbox_admin, MENTIONS)
    ref = AccountRef(Platform.X, account["handle"], sandbox.base_url, "x:bench", account["account_id"])
    connector = XConnector(ref, account["credentials"], clock=SystemClock(), http=HttpSettings(timeout=30))

    def run() -> int:
        cursor: str | None = None
        total = 0
        while True:
            result = connector.fetch_inbound(Stream.MENTIONS, cursor, 100)
            total += len(result.records)
            cursor = result.cursor
            if not result.has_more:
                return total

    assert run() == MENTIONS
    benchmark.pedantic(run, rounds=3, iterations=1)
    rate = MENTIONS / benchmark.stats.stats.median
    print(f"\nX connector: {rate:,.0f} mentions/s ({MENTIONS:,} mentions, {MENTIONS // 100} pages, median of 3)")
    benchmark.extra_info["mentions_per_second"] = round(rate)


def test_sandbox_mentions_page_requests_per_second(benchmark: Any, sandbox: Any, sandbox_admin: Any) -> None:
    account = _force_with_mentions(sandbox, sandbox_admin, 100)
    creds = account["credentials"]
    session = configure_session(
        requests.Session(), HttpSettings(timeout=30), real_base="https://api.twitter.com", target_base=sandbox.base_url
    )
    session.auth = OAuth1(
        creds["consumer_key"], creds["consumer_secret"], creds["access_token"], creds["access_token_secret"]
    )
    url = f"https://api.twitter.com/2/users/{account['account_id']}/mentions"
    params = {
        "max_results": "100",
        "expansions": "author_id,referenced_tweets.id,attachments.media_keys",
        "tweet.fields": "created_at,author_id,conversation_id,lang,public_metrics,referenced_tweets",
        "user.fields": "name,username",
    }

    def run() -> None:
        for _ in range(PAGE_REQUESTS):
            response = session.get(url, params=params)
            assert response.status_code == 200 and response.json()["meta"]["result_count"] == 100

    benchmark.pedantic(run, rounds=3, iterations=1)
    rate = PAGE_REQUESTS / benchmark.stats.stats.median
    print(f"\nX sandbox: {rate:,.0f} mentions pages/s (100 mentions each, signed, median of 3 x {PAGE_REQUESTS})")
    benchmark.extra_info["pages_per_second"] = round(rate)
