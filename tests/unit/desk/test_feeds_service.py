"""Feed columns: kept per person, refreshed inside platform limits, new posts marked, foreign posts alerted."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from desk.accounts import AccountRecord, AccountService
from desk.auth import AuthService, Identity
from desk.errors import DeskError
from desk.feeds import MIN_INTERVAL, FeedService
from desk.ports import (
    AccountRef,
    Capabilities,
    FeedColumnSpec,
    FeedKind,
    FeedPage,
    FeedPost,
    Platform,
    RateLimited,
    TextCounting,
    Transient,
)
from desk.roles import Role
from desk.storage.models import Delivery, OutboundItem

PW = "correct horse battery"


class FakeFeedConnector:
    """Implements the feed part of the port from a list the test edits; records every call."""

    def __init__(self, account: AccountRecord) -> None:
        self.account: AccountRef = account.ref()
        self.capabilities = Capabilities(account.platform, 500, TextCounting.CODE_POINTS)
        self.posts: list[FeedPost] = []
        self.calls: list[FeedColumnSpec] = []
        self.fail: Exception | None = None

    def fetch_feed(self, column: FeedColumnSpec, cursor: str | None = None, limit: int = 50) -> FeedPage:
        self.calls.append(column)
        if self.fail is not None:
            raise self.fail
        return FeedPage(tuple(self.posts[:limit]), None)


@pytest.fixture
def desk(ctx: Any) -> dict[str, Any]:
    admin = AuthService(ctx).create_first_administrator("anna", "Anna Admin", PW)
    officer = AuthService(ctx).add_user(admin, "olli", "Olli Officer", PW, {Role.OFFICER})
    accounts = AccountService(ctx)
    acc = accounts.connect(admin, Platform.MASTODON, "poliisi", "Poliisi", "http://127.0.0.1:1", {"token": "t"})
    accx = accounts.connect(admin, Platform.X, "police", "Police", "http://127.0.0.1:1", {"token": "t"})
    fakes = {acc.id: FakeFeedConnector(acc), accx.id: FakeFeedConnector(accx)}
    records = {acc.id: acc, accx.id: accx}
    service = FeedService(ctx, lambda account_id: (records[account_id], fakes[account_id]))  # type: ignore[arg-type,return-value]
    return {"admin": admin, "officer": officer, "acc": acc, "accx": accx, "fakes": fakes, "svc": service}


def post(ctx: Any, platform: Platform, pid: str, text: str = "hello", minutes: float = 0) -> FeedPost:
    return FeedPost(platform, pid, "someone", "Someone", text, ctx.clock.now() + timedelta(minutes=minutes))


def test_columns_are_kept_per_person_and_survive_a_new_service(ctx: Any, desk: dict[str, Any]) -> None:
    svc: FeedService = desk["svc"]
    officer: Identity = desk["officer"]
    a = svc.add_column(officer, desk["acc"].id, FeedKind.OWN_POSTS)
    b = svc.add_column(officer, desk["accx"].id, "search", "#poliisi")
    c = svc.add_column(officer, desk["acc"].id, FeedKind.MENTIONS)
    assert [x.id for x in svc.columns(officer)] == [a.id, b.id, c.id]
    assert svc.columns(desk["admin"]) == []  # another person's screen is untouched
    assert [x.id for x in svc.move_column(officer, c.id, 0)] == [c.id, a.id, b.id]
    assert [x.id for x in svc.move_column(officer, c.id, 99)] == [a.id, b.id, c.id]
    svc.remove_column(officer, a.id)
    again = FeedService(ctx, svc.connector)
    cols = again.columns(officer)
    assert [x.id for x in cols] == [b.id, c.id]
    assert cols[0].spec == FeedColumnSpec(FeedKind.SEARCH, "#poliisi")


def test_bad_column_requests_get_clear_errors_and_change_nothing(desk: dict[str, Any]) -> None:
    svc: FeedService = desk["svc"]
    officer = desk["officer"]
    with pytest.raises(DeskError) as err:
        svc.add_column(officer, desk["acc"].id, FeedKind.SEARCH, "   ")
    assert err.value.code == "feeds.query_required"
    with pytest.raises(DeskError):
        svc.add_column(officer, 9999, FeedKind.HOME)
    with pytest.raises(ValueError):
        svc.add_column(officer, desk["acc"].id, "no-such-kind")
    with pytest.raises(DeskError):
        svc.remove_column(officer, "missing")
    assert svc.columns(officer) == []


def test_refresh_respects_the_platform_interval_and_marks_new_posts(ctx: Any, desk: dict[str, Any]) -> None:
    svc: FeedService = desk["svc"]
    officer = desk["officer"]
    fake = desk["fakes"][desk["acc"].id]
    col = svc.add_column(officer, desk["acc"].id, FeedKind.HOME)
    fake.posts = [post(ctx, Platform.MASTODON, "1", minutes=-2), post(ctx, Platform.MASTODON, "2", minutes=-1)]
    first = svc.refresh(officer, col.id)
    assert first.refreshed
    assert [p.post_id for p in first.posts] == ["2", "1"]  # newest first
    assert first.new_post_ids == frozenset()  # a first look marks nothing: everything is "already there"
    assert fake.calls == [FeedColumnSpec(FeedKind.HOME)]

    fake.posts.insert(0, post(ctx, Platform.MASTODON, "3"))
    too_soon = svc.refresh(officer, col.id)
    assert not too_soon.refreshed and len(fake.calls) == 1
    assert svc.due(officer) == []
    ctx.clock.advance(MIN_INTERVAL[Platform.MASTODON].total_seconds())
    assert svc.due(officer) == [col.id]
    second = svc.refresh(officer, col.id)
    assert second.refreshed and second.new_post_ids == frozenset({"3"})
    assert svc.new_posts(officer, col.id) == frozenset({"3"})

    svc.mark_seen(officer, col.id)
    assert svc.new_posts(officer, col.id) == frozenset()
    # a restart remembers what was seen: post 4 is the only new one
    fresh = FeedService(ctx, svc.connector)
    fake.posts.insert(0, post(ctx, Platform.MASTODON, "4"))
    assert fresh.refresh(officer, col.id).new_post_ids == frozenset({"4"})


def test_rate_limit_holds_the_column_until_the_platform_says_and_says_why(ctx: Any, desk: dict[str, Any]) -> None:
    svc: FeedService = desk["svc"]
    officer = desk["officer"]
    fake = desk["fakes"][desk["accx"].id]
    col = svc.add_column(officer, desk["accx"].id, FeedKind.MENTIONS)
    until = ctx.clock.now() + timedelta(minutes=15)
    fake.fail = RateLimited("429", until=until, platform=Platform.X)
    result = svc.refresh(officer, col.id)
    assert not result.refreshed
    assert result.status.blocked_code == "feeds.rate_limited"
    assert result.status.next_refresh_at == until
    assert until.strftime("%H:%M:%S") in (result.status.blocked_message or "")
    fake.fail = None
    ctx.clock.advance(14 * 60)
    assert not svc.refresh(officer, col.id, force=True).refreshed  # force never overrides the platform
    assert len(fake.calls) == 1
    ctx.clock.advance(60)
    ok = svc.refresh(officer, col.id)
    assert ok.refreshed and not ok.status.blocked
    assert svc.status(officer, col.id).blocked_code is None


def test_other_failures_back_off_and_double(ctx: Any, desk: dict[str, Any]) -> None:
    svc: FeedService = desk["svc"]
    officer = desk["officer"]
    fake = desk["fakes"][desk["acc"].id]
    col = svc.add_column(officer, desk["acc"].id, FeedKind.HOME)
    fake.fail = Transient("connection refused")
    t0 = ctx.clock.now()
    one = svc.refresh(officer, col.id)
    assert one.status.blocked_code == "feeds.failed" and one.status.next_refresh_at == t0 + timedelta(seconds=30)
    ctx.clock.advance(30)
    two = svc.refresh(officer, col.id)
    assert two.status.next_refresh_at == ctx.clock.now() + timedelta(seconds=60)


@pytest.mark.allow_log_warnings
def test_a_post_the_desk_did_not_send_raises_one_alert(ctx: Any, desk: dict[str, Any]) -> None:
    svc: FeedService = desk["svc"]
    officer = desk["officer"]
    acc = desk["acc"]
    fake = desk["fakes"][acc.id]
    now = ctx.clock.now()
    with ctx.transaction() as session:
        out = OutboundItem(
            kind="post",
            state="done",
            text="Road closed on Main Street",
            idempotency_key="o1",
            created_at=now,
            updated_at=now,
        )
        session.add(out)
        session.flush()
        session.add(
            Delivery(
                outbound_id=out.id, account_id=acc.id, state="published", idempotency_key="k1", platform_post_id="ours"
            )
        )
        flight = OutboundItem(
            kind="post", state="sending", text="Missing dog found", idempotency_key="o2", created_at=now, updated_at=now
        )
        session.add(flight)
        session.flush()
        session.add(Delivery(outbound_id=flight.id, account_id=acc.id, state="sending", idempotency_key="k2"))
    fake.posts = [
        post(ctx, Platform.MASTODON, "ours", "Road closed on Main Street", minutes=1),
        post(ctx, Platform.MASTODON, "inflight", "Missing dog found", minutes=2),
        post(ctx, Platform.MASTODON, "rogue", "Send bitcoin to this address", minutes=3),
        post(ctx, Platform.MASTODON, "ancient", "From before the desk", minutes=-60 * 24 * 365),
    ]
    own = svc.add_column(officer, acc.id, FeedKind.OWN_POSTS)
    home = svc.add_column(officer, acc.id, FeedKind.HOME)
    alerts = svc.refresh(officer, own.id).alerts
    assert [a.post_id for a in alerts] == ["rogue"]
    assert alerts[0].handle == "poliisi"
    assert svc.refresh(officer, home.id).alerts == ()  # only own timelines are checked
    ctx.clock.advance(600)
    assert svc.refresh(officer, own.id).alerts == ()  # one post alerts once
