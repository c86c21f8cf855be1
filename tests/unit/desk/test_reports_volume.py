"""Inbox volume by hour of day: whichever query shape the database gets, the figures are the hours an officer at
the station would read off a wall clock, across daylight-saving changes and in zones half an hour off UTC.

The expected figures are counted here item by item with zoneinfo, independently of the service's SQL.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import insert

from desk.ports import Platform
from desk.reports import ReportFilter, ReportService
from desk.storage.models import InboxItem

LABELS = ["question", "crime_report", "complaint", None]
# Both European and both North American daylight-saving changes of 2026 fall inside these spans.
SPANS = [
    (datetime(2026, 3, 5, tzinfo=UTC), datetime(2026, 4, 5, tzinfo=UTC)),
    (datetime(2026, 10, 20, tzinfo=UTC), datetime(2026, 11, 6, tzinfo=UTC)),
]


@pytest.fixture
def items(desk: Any) -> list[dict[str, Any]]:
    rng = random.Random(2026)
    accounts = [(a.id, p.value) for p, a in desk.acc.items()]
    rows = []
    for n in range(600):
        lo, hi = SPANS[n % 2]
        at = lo + timedelta(seconds=rng.randrange(int((hi - lo).total_seconds())))
        account, platform = rng.choice(accounts)
        rows.append(
            {
                "account_id": account,
                "platform": platform,
                "platform_item_id": f"v{n}",
                "kind": "mention",
                "author_id": "a",
                "author_handle": "@a",
                "author_name": "A",
                "text": "hello",
                "created_at": at,
                "received_at": at,
                "from_account": rng.random() < 0.2,
                "triage_label": rng.choice(LABELS),
            }
        )
    with desk.ctx.transaction() as s:
        s.execute(insert(InboxItem), rows)
    return rows


def _expected(rows: list[dict[str, Any]], f: ReportFilter, zone: str) -> Counter[tuple[str, str, int]]:
    tz = ZoneInfo(zone)
    return Counter(
        (r["platform"], r["triage_label"] or "unclassified", r["created_at"].astimezone(tz).hour)
        for r in rows
        if f.start <= r["created_at"] < f.end
        and not r["from_account"]
        and (f.platform is None or r["platform"] == f.platform)
    )


@pytest.mark.parametrize("zone", ["Europe/Helsinki", "America/New_York", "Asia/Kolkata", "Australia/Adelaide", "UTC"])
def test_hours_of_day_match_the_station_clock(desk: Any, items: list[dict[str, Any]], zone: str) -> None:
    service = ReportService(desk.ctx)
    tz = ZoneInfo(zone)
    ranges = [
        # whole local days, as the screen asks
        ReportFilter(datetime(2026, 3, 1, tzinfo=tz), datetime(2026, 4, 6, tzinfo=tz)),
        ReportFilter(datetime(2026, 10, 1, tzinfo=tz), datetime(2026, 12, 1, tzinfo=tz)),
        # ragged ends, one filter
        ReportFilter(datetime(2026, 3, 20, 13, 37, tzinfo=UTC), datetime(2026, 11, 1, 5, 59, 59, tzinfo=UTC)),
        ReportFilter(SPANS[0][0], SPANS[1][1], platform=Platform.MASTODON.value),
    ]
    for f in ranges:
        bundle = service.build(desk.people["admin"], f, timezone=zone)
        got = Counter({(r.platform, r.triage, r.hour): r.items for r in bundle.volume})
        assert got == _expected(items, f, zone), f
        assert sum(got.values()) > 0
        assert len(bundle.volume) == len(got)  # one row per platform, class and hour


def test_sqlite_groups_volume_in_index_order(tmp_path: Path, clock: Any, secrets: Any) -> None:
    """A year of items is grouped while reading ix_inbox_items_volume_hour once, never by sorting every item.

    The index is an expression index that lives only in a migration; this catches a later migration that
    rebuilds inbox_items on SQLite and loses it (the report would stay right, and become several times slower).
    """
    from sqlalchemy import event

    from desk.auth import AuthService
    from desk.context import open_desk

    ctx = open_desk(f"sqlite:///{tmp_path / 'plan.sqlite3'}", clock, secrets, data_dir=tmp_path)
    try:
        admin = AuthService(ctx).create_first_administrator("admin", "Aino Admin", "correct horse battery")
        plans: list[str] = []

        @event.listens_for(ctx.engine, "before_cursor_execute")
        def explain(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
            if "substr(inbox_items.created_at, 12, 2)" in statement:
                rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
                plans.append(" | ".join(str(r[-1]) for r in rows))

        f = ReportFilter(datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
        ReportService(ctx).build(admin, f, timezone="Europe/Helsinki")
    finally:
        ctx.dispose()
    assert plans, "the volume report did not take the grouped-by-hour path"
    for plan in plans:
        assert "ix_inbox_items_volume_hour" in plan and "TEMP B-TREE" not in plan, plan
