"""Facebook: fetching citizens' comments through the connector from the sandbox, and the sandbox's page rate.

Run: ``.venv/bin/pytest tests/benchmarks/bench_facebook_fetch.py -p no:randomly -s``
(``DESK_BENCH_SMALL=1`` shrinks it to about 300 comments for a smoke run).
Comments (the Page's equivalent of mentions) are created in-process on the sandbox, spread over 20 posts
and over time; the fetch goes over real HTTP on 127.0.0.1 through facebook-sdk, 100 comments a page.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from connectors.facebook import COMMENT_FIELDS, FacebookConnector
from connectors.sandbox.graph import module
from connectors.transport import HttpSettings, configure_session
from desk.clock import SystemClock
from desk.ports import AccountRef, Platform, PublishRequest, Stream
from tests.conftest import create_sandbox_account

SMALL = os.environ.get("DESK_BENCH_SMALL") == "1"
COMMENTS = 300 if SMALL else 10_000
POSTS = 20
PAGE_REQUESTS = 30 if SMALL else 300


def _page_with_comments(sandbox: Any, admin: Any, count: int) -> tuple[dict[str, Any], FacebookConnector]:
    handle = f"fbbench{int(time.time() * 1000) % 10_000_000}"
    account = create_sandbox_account(admin, "facebook", handle, display_name="Bench Police")
    admin.post("/_sandbox/limits", json={"lifted": True})
    ref = AccountRef(Platform.FACEBOOK, handle, sandbox.base_url, "facebook:bench", account["account_id"])
    connector = FacebookConnector(ref, account["credentials"], clock=SystemClock(), http=HttpSettings(timeout=30))
    posts = [connector.publish(PublishRequest(f"Patrol update {i}", f"b{i}")).platform_post_id for i in range(POSTS)]
    graph = module(sandbox.state)
    force = sandbox.state.find_account("facebook", account["account_id"])
    residents = [
        graph.create_account(f"r{i}{handle}", f"Resident {i}", is_force=False, platform="facebook") for i in range(50)
    ]
    start = datetime.now(UTC) - timedelta(seconds=count + 60)
    for i in range(count):
        graph.inject(
            force,
            "comment",
            residents[i % 50],
            f"Comment {i}: a car has been parked on the pavement on Mill Lane all day",
            reply_to=posts[i % POSTS],
            created_time=(start + timedelta(seconds=i)).isoformat(),
        )
    return account, connector


def test_fetch_comments_through_the_connector(benchmark: Any, sandbox: Any, sandbox_admin: Any) -> None:
    account, connector = _page_with_comments(sandbox, sandbox_admin, COMMENTS)

    def run() -> int:
        # a fresh connector each round: no records kept from an earlier round
        fresh = FacebookConnector(
            connector.account, account["credentials"], clock=SystemClock(), http=HttpSettings(timeout=30)
        )
        cursor: str | None = None
        total = 0
        while True:
            result = fresh.fetch_inbound(Stream.COMMENTS, cursor, 100)
            total += len(result.records)
            cursor = result.cursor
            if not result.has_more:
                return total

    assert run() == COMMENTS
    benchmark.pedantic(run, rounds=3, iterations=1)
    rate = COMMENTS / benchmark.stats.stats.median
    print(f"\nFacebook connector: {rate:,.0f} comments/s ({COMMENTS:,} comments on {POSTS} posts, median of 3)")
    benchmark.extra_info["comments_per_second"] = round(rate)


def test_sandbox_comments_page_requests_per_second(benchmark: Any, sandbox: Any, sandbox_admin: Any) -> None:
    account, connector = _page_with_comments(sandbox, sandbox_admin, 100 * POSTS)
    session = configure_session(
        requests.Session(),
        HttpSettings(timeout=30),
        real_base="https://graph.facebook.com",
        target_base=sandbox.base_url,
    )
    post_id = connector.session.get(  # the newest post carries 100 comments
        f"{connector.page_id}/posts", fields="id", limit=1
    )["data"][0]["id"]
    url = f"https://graph.facebook.com/v21.0/{post_id}/comments"
    params = {
        "fields": COMMENT_FIELDS,
        "filter": "stream",
        "order": "chronological",
        "limit": "100",
        "access_token": account["credentials"]["access_token"],
    }

    def run() -> None:
        for _ in range(PAGE_REQUESTS):
            response = session.get(url, params=params)
            assert response.status_code == 200 and len(response.json()["data"]) == 100

    benchmark.pedantic(run, rounds=3, iterations=1)
    rate = PAGE_REQUESTS / benchmark.stats.stats.median
    print(f"\nGraph sandbox: {rate:,.0f} comment pages/s (100 comments each, median of 3 x {PAGE_REQUESTS})")
    benchmark.extra_info["pages_per_second"] = round(rate)
