"""The sync loop against a small in-test connector: cursors, paging, backoff, rate limits, reconnects."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desk.accounts import AccountRecord, AccountService
from desk.inbox import InboxService
from desk.ports import (
    AuthExpired,
    FetchResult,
    RateLimited,
    RateLimitState,
    Stream,
    Transient,
)
from desk.storage.models import AccountStatus, Attachment, AuditEntry, InboxItem, RateLimitRecord, SyncCursor
from desk.sync import SyncService
from tests.unit.desk.test_inbox_service import capabilities, count, make_account, rec, triage

__all__ = ["triage"]


class FakeConnector:
    """Serves pages keyed by cursor; ``errors`` are raised (once each) before serving."""

    def __init__(self, pages: dict[str | None, FetchResult]) -> None:
        self.pages = pages
        self.errors: list[Exception] = []
        self.calls: list[str | None] = []
        self.limits: list[RateLimitState] = []

    def fetch_inbound(self, stream: Stream, cursor: str | None, limit: int = 100) -> FetchResult:
        self.calls.append(cursor)
        if self.errors:
            raise self.errors.pop(0)
        return self.pages.get(cursor, FetchResult((), cursor))

    def rate_limits(self) -> Sequence[RateLimitState]:
        return self.limits


@pytest.fixture
def setup(ctx: Any, triage: Any, tmp_path: Path) -> tuple[SyncService, FakeConnector, AccountRecord]:
    account = make_account(ctx)
    t = ctx.clock.now()
    connector = FakeConnector(
        {
            None: FetchResult((rec("1", at=t), rec("2", author="u2", at=t)), "p2", has_more=True),
            "p2": FetchResult((rec("3", author="u3", at=t),), "p3", has_more=False),
        }
    )
    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    downloads: dict[str, bytes] = {"http://127.0.0.1:9/photo.jpg": b"\xff\xd8photo"}

    def download(url: str) -> bytes:
        if url not in downloads:
            raise OSError("connection refused")
        return downloads[url]

    service = SyncService(
        ctx,
        inbox,
        AccountService(ctx),
        lambda _account: connector,  # type: ignore[arg-type,return-value]
        downloader=download,
        attachment_dir=tmp_path / "att",
        rng=random.Random(4),
    )
    return service, connector, account


def test_pages_until_done_and_cursor_advances(ctx: Any, setup: Any) -> None:
    service, connector, account = setup
    outcome = service.run_once(account.id, Stream.MENTIONS)
    assert outcome.ok and outcome.pages == 2 and outcome.new_items == 3
    assert connector.calls == [None, "p2"]
    with ctx.sessions() as session:
        cursor = session.get(SyncCursor, (account.id, "mentions"))
        assert cursor is not None and cursor.cursor == "p3"
    assert outcome.next_attempt_at == ctx.clock.now() + timedelta(seconds=30)
    again = service.run_once(account.id, Stream.MENTIONS)
    assert connector.calls[-1] == "p3" and again.new_items == 0
    assert count(ctx, InboxItem) == 3


def test_history_the_platform_no_longer_serves_is_reported_and_audited(ctx: Any, clock: Any, setup: Any) -> None:
    service, connector, account = setup
    t = ctx.clock.now()
    oldest = t - timedelta(hours=3)
    connector.pages = {
        None: FetchResult((rec("9", at=oldest), rec("10", at=t)), "p9", has_more=False, history_unreachable=True)
    }
    outcome = service.run_once(account.id, Stream.MENTIONS)
    assert outcome.ok and outcome.new_items == 2  # what arrived is stored; the run still succeeds
    assert outcome.notice is not None and outcome.notice.code == "sync.history_unreachable"
    assert oldest.isoformat(timespec="minutes") in outcome.notice.english()
    with ctx.sessions() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "sync.history_gap")).one()
    assert entry.object_id == str(account.id) and entry.actor.startswith("system@")
    # a complete walk says nothing
    connector.pages = {"p9": FetchResult((rec("11", at=t),), "p10", has_more=False)}
    assert service.run_once(account.id, Stream.MENTIONS).notice is None


def test_due_jobs_follow_the_cadence(ctx: Any, clock: Any, setup: Any) -> None:
    service, _connector, account = setup
    assert set(service.due_jobs()) == {(account.id, Stream.MENTIONS), (account.id, Stream.DIRECT)}
    service.run_once(account.id, Stream.MENTIONS)
    assert service.due_jobs() == [(account.id, Stream.DIRECT)]
    clock.advance(30)
    assert (account.id, Stream.MENTIONS) in service.due_jobs()
    assert service.cadence(account.platform, Stream.DIRECT) == 180  # X DM events: 15 calls / 15 min


def test_transient_errors_back_off_and_lose_nothing(ctx: Any, clock: Any, setup: Any) -> None:
    service, connector, account = setup
    connector.pages[None] = FetchResult((rec("1"),), "p2", has_more=True)
    connector.errors = [Transient("connection reset")]
    first = service.run_once(account.id, Stream.MENTIONS)
    assert not first.ok and first.error is not None and "connection reset" in first.error.english()
    assert first.next_attempt_at is not None
    delay1 = (first.next_attempt_at - clock.now()).total_seconds()
    assert 15 <= delay1 <= 45  # 30 s with ±50 % jitter
    # the page after a committed one fails: the cursor stays on the committed page
    connector.errors = [Transient("x")]
    clock.advance(60)
    with ctx.transaction() as session:
        row = session.get(SyncCursor, (account.id, "mentions"))
        assert row is not None
        row.error_count = 1
    second = service.run_once(account.id, Stream.MENTIONS)
    assert second.next_attempt_at is not None
    assert 30 <= (second.next_attempt_at - clock.now()).total_seconds() <= 90  # doubled
    ok = service.run_once(account.id, Stream.MENTIONS)
    assert ok.ok and count(ctx, InboxItem) == 2
    with ctx.sessions() as session:
        row = session.get(SyncCursor, (account.id, "mentions"))
        assert row is not None and row.error_count == 0 and row.last_error is None


def test_rate_limited_waits_until_reset_and_limits_are_stored(ctx: Any, clock: Any, setup: Any) -> None:
    service, connector, account = setup
    until = clock.now() + timedelta(minutes=7)
    connector.errors = [RateLimited("429", until=until)]
    outcome = service.run_once(account.id, Stream.MENTIONS)
    assert outcome.next_attempt_at == until
    assert AccountService(ctx).get(account.id).status is AccountStatus.RATE_LIMITED
    assert (account.id, Stream.MENTIONS) not in service.due_jobs()
    clock.set(until)
    reset = clock.now() + timedelta(minutes=15)
    connector.limits = [RateLimitState("GET /2/users/:id/mentions", 300, 0, reset)]
    ok = service.run_once(account.id, Stream.MENTIONS)
    assert ok.ok and ok.next_attempt_at == reset  # the budget is spent: wait for its reset
    assert AccountService(ctx).get(account.id).status is AccountStatus.CONNECTED
    with ctx.sessions() as session:
        stored = session.scalars(select(RateLimitRecord)).one()
    assert (stored.limit, stored.remaining, stored.reset_at) == (300, 0, reset)


def test_expired_token_marks_the_account_and_stops_its_sync(ctx: Any, setup: Any) -> None:
    service, connector, account = setup
    connector.errors = [AuthExpired("token revoked")]
    outcome = service.run_once(account.id, Stream.MENTIONS)
    assert outcome.error is not None and "reconnect" in outcome.error.english()
    record = AccountService(ctx).get(account.id)
    assert record.status is AccountStatus.NEEDS_RECONNECT and "reconnect" in (record.status_detail or "")
    assert service.due_jobs() == []
    refused = service.run_once(account.id, Stream.MENTIONS)
    assert refused.error is not None and refused.error.code == "sync.account_not_connected"
    assert connector.calls == [None]


def test_attachments_are_downloaded_and_hashed(ctx: Any, setup: Any, tmp_path: Path) -> None:
    from desk.ports import Attachment as Media

    service, connector, account = setup
    t = ctx.clock.now()
    connector.pages = {
        None: FetchResult(
            (
                rec("1", at=t, attachments=(Media("http://127.0.0.1:9/photo.jpg", "image/jpeg"),)),
                rec("2", at=t, attachments=(Media("http://127.0.0.1:9/gone.jpg", "image/jpeg"),)),
            ),
            "c",
        )
    }
    outcome = service.run_once(account.id, Stream.MENTIONS)
    assert outcome.attachments == 1
    with ctx.sessions() as session:
        rows = {a.url: a for a in session.scalars(select(Attachment))}
    photo = rows["http://127.0.0.1:9/photo.jpg"]
    assert photo.sha256 == hashlib.sha256(b"\xff\xd8photo").hexdigest() and photo.size == 7
    assert Path(photo.stored_path or "").read_bytes() == b"\xff\xd8photo"
    assert rows["http://127.0.0.1:9/gone.jpg"].sha256 is None  # kept for the next run


def test_schedule_and_stop(setup: Any) -> None:
    service, _connector, _account = setup
    registered: list[tuple[float, str]] = []
    submitted: list[Any] = []

    class Scheduler:
        def every(self, seconds: float, job: Any, job_id: str, *, first_in: float = 0.0) -> None:
            registered.append((seconds, job_id))
            job()

    service.schedule(Scheduler(), submitted.append)
    assert registered == [(5.0, "inbox-sync")] and submitted == [service.tick]
    outcomes = service.tick()
    assert {o.stream for o in outcomes} == {Stream.MENTIONS, Stream.DIRECT}
    service.stop()
    assert service.tick() == []
