"""Instagram: fetching comments on the account's media through the connector from the sandbox.

Run: ``.venv/bin/pytest tests/benchmarks/bench_instagram_fetch.py -p no:randomly -s``
(``DESK_BENCH_SMALL=1`` shrinks it to about 300 comments for a smoke run).
Comments are created in-process on the sandbox, spread over 10 media and over time. Instagram lists a
media's comments newest first with no ``since``, so the connector walks back to its cursor once and
hands the rest out a page at a time; the fetch goes over real HTTP on 127.0.0.1 through facebook-sdk.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.instagram import InstagramConnector
from connectors.sandbox.graph import module
from connectors.transport import HttpSettings
from desk.clock import SystemClock
from desk.ports import AccountRef, Platform, Stream
from tests.conftest import create_sandbox_account

SMALL = os.environ.get("DESK_BENCH_SMALL") == "1"
COMMENTS = 300 if SMALL else 10_000
MEDIA = 10


def test_fetch_instagram_comments_through_the_connector(benchmark: Any, sandbox: Any, sandbox_admin: Any) -> None:
    handle = f"igbench{int(time.time() * 1000) % 10_000_000}"
    account = create_sandbox_account(sandbox_admin, "instagram", handle, display_name="Bench Police")
    sandbox_admin.post("/_sandbox/limits", json={"lifted": True})
    graph = module(sandbox.state)
    force = sandbox.state.find_account("instagram", account["account_id"])
    owner = graph.profiles[account["account_id"]]
    start = datetime.now(UTC) - timedelta(seconds=COMMENTS + 3600)
    media = [graph._new_ig_media(owner, f"Patrol photo {i}", None, start).id for i in range(MEDIA)]
    residents = [
        graph.create_account(f"r{i}{handle}", f"Resident {i}", is_force=False, platform="instagram") for i in range(50)
    ]
    for i in range(COMMENTS):
        graph.inject(
            force,
            "comment",
            residents[i % 50],
            f"Comment {i}: is the road by the school open again?",
            reply_to=media[i % MEDIA],
            created_time=(start + timedelta(seconds=60 + i)).isoformat(),
        )
    ref = AccountRef(Platform.INSTAGRAM, handle, sandbox.base_url, "instagram:bench", account["account_id"])

    def run() -> int:
        connector = InstagramConnector(ref, account["credentials"], clock=SystemClock(), http=HttpSettings(timeout=30))
        cursor: str | None = None
        total = 0
        while True:
            result = connector.fetch_inbound(Stream.COMMENTS, cursor, 100)
            total += len(result.records)
            cursor = result.cursor
            if not result.has_more:
                return total

    assert run() == COMMENTS
    benchmark.pedantic(run, rounds=3, iterations=1)
    rate = COMMENTS / benchmark.stats.stats.median
    print(f"\nInstagram connector: {rate:,.0f} comments/s ({COMMENTS:,} comments on {MEDIA} media, median of 3)")
    benchmark.extra_info["comments_per_second"] = round(rate)
