"""The query planner has statistics for every index, so a new index cannot steal the inbox's plans."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from desk.clock import ManualClock
from desk.context import open_desk
from desk.secrets import InMemorySecretStore
from desk.storage.migrate import refresh_statistics
from desk.storage.models import InboxItem, PlatformAccount
from tests.unit.desk.test_inbox_service import T0

PLATFORMS = ("x", "facebook", "instagram", "mastodon", "bluesky")


def _fill(ctx: Any, n: int) -> None:
    rng = random.Random(5)
    with ctx.transaction() as session:
        for i, platform in enumerate(PLATFORMS, 1):
            session.add(
                PlatformAccount(
                    id=i,
                    platform=platform,
                    handle=f"f{i}",
                    display_name="F",
                    base_url="http://127.0.0.1:1",
                    secret_key=f"k{i}",
                    created_at=T0,
                )
            )
    rows = [
        {
            "account_id": 1 + i % 5,
            "platform": PLATFORMS[i % 5],
            "platform_item_id": f"i{i}",
            "kind": "mention",
            "author_id": f"u{i}",
            "author_handle": f"u{i}",
            "author_name": "",
            "text": "hello",
            "created_at": T0 + timedelta(seconds=i),
            "received_at": T0,
            "from_account": False,
            "status": "new",
            "triage_label": rng.choice(["other", "question", "crime_report", "emergency"]),
            "read": False,
            "version": 1,
            "deleted": False,
            "search_text": "hello",
            "sensitive_media": False,
        }
        for i in range(n)
    ]
    with ctx.transaction() as session:
        session.execute(insert(InboxItem), rows)


def _plan(ctx: Any, sql: str) -> str:
    with ctx.engine.connect() as conn:
        return " / ".join(str(r[3]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))


def test_every_inbox_index_gets_statistics_and_the_platform_filter_walks_its_own_index(tmp_path: Path) -> None:
    ctx = open_desk(f"sqlite:///{tmp_path / 'd.sqlite3'}", ManualClock(T0), InMemorySecretStore(), data_dir=tmp_path)
    try:
        _fill(ctx, 20_000)
        with ctx.engine.connect() as conn:
            indexes = {r[0] for r in conn.exec_driver_sql("SELECT name FROM pragma_index_list('inbox_items')")}
        refresh_statistics(ctx.engine)
        with ctx.engine.connect() as conn:
            analysed = {r[0] for r in conn.exec_driver_sql("SELECT idx FROM sqlite_stat1 WHERE tbl = 'inbox_items'")}
        assert indexes <= analysed, indexes - analysed
        ctx.engine.dispose()  # connections load the statistics when they open
        query = (
            "SELECT id FROM inbox_items WHERE platform = 'x' AND from_account = 0 "
            "ORDER BY created_at DESC, id DESC LIMIT 100"
        )
        plan = _plan(ctx, query)
        assert "ix_inbox_items_platform_created" in plan and "TEMP B-TREE" not in plan, plan
        refresh_statistics(ctx.engine, only_if_needed=True)  # the runner's hourly pass runs, and changes nothing
        assert _plan(ctx, query) == plan
    finally:
        ctx.dispose()


def test_without_statistics_the_reports_index_is_taken(tmp_path: Path) -> None:
    """Why the statistics matter: the same query, planned with no statistics for the reports' index."""
    ctx = open_desk(f"sqlite:///{tmp_path / 'd.sqlite3'}", ManualClock(T0), InMemorySecretStore(), data_dir=tmp_path)
    try:
        _fill(ctx, 20_000)
        refresh_statistics(ctx.engine)
        with ctx.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE idx = 'ix_inbox_items_volume_hour'")
        ctx.engine.dispose()
        plan = _plan(
            ctx,
            "SELECT id FROM inbox_items WHERE platform = 'x' AND from_account = 0 "
            "ORDER BY created_at DESC, id DESC LIMIT 100",
        )
        assert "ix_inbox_items_volume_hour" in plan, plan
    finally:
        ctx.dispose()
