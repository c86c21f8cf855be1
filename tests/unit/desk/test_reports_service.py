"""Reports on both databases: scopes by role, figures checked by hand, empty ranges, refused metrics, exports."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from desk.auth import AuthService
from desk.errors import PermissionDenied
from desk.ports import Platform
from desk.reports import AuditQuery, ReportFilter, ReportService, percentile
from desk.roles import Role
from desk.storage.models import (
    AuditEntry,
    Campaign,
    Conversation,
    ConversationEvent,
    Delivery,
    InboxItem,
    OutboundItem,
    PlatformAccount,
    Station,
)
from desk.storage.review_models import EngagementSample, MetricsState
from desk.storage.tweetathon_models import Call

PW = "correct horse battery"
T0 = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)  # 10:00 in Helsinki (UTC+2 in winter)
RANGE = ReportFilter(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC))


def _conversation(
    s: Any,
    account: int,
    platform: str,
    key: str,
    officer: int | None,
    team: str | None,
    fr: int | None,
    res: int | None,
    at: datetime,
) -> int:
    conv = Conversation(
        account_id=account,
        platform=platform,
        conversation_key=key,
        citizen_id=f"id-{key}",
        citizen_handle=f"@{key}",
        citizen_name=key,
        status="closed" if res else "open",
        triage_label="question",
        assignee_user_id=officer,
        team=team,
        first_inbound_at=at,
        last_item_at=at,
        created_at=at,
        first_response_seconds=fr,
        resolution_seconds=res,
    )
    s.add(conv)
    s.flush()
    for n, from_account in ((1, False), (2, True)):
        s.add(
            InboxItem(
                account_id=account,
                conversation_id=conv.id,
                platform=platform,
                platform_item_id=f"{key}-{n}",
                kind="mention",
                author_id=f"id-{key}",
                author_handle=f"@{key}",
                author_name=key,
                text="hello",
                created_at=at,
                received_at=at,
                from_account=from_account,
                triage_label="question",
            )
        )
    return conv.id


@pytest.fixture
def review(desk: Any) -> Any:
    ctx = desk.ctx
    admin = desk.people["admin"]
    with ctx.transaction() as s:
        north = Station(name="North", timezone="Europe/Helsinki", created_at=T0)
        south = Station(name="South", timezone="Europe/Stockholm", created_at=T0)
        s.add_all([north, south])
        s.flush()
        ids = north.id, south.id
    auth = AuthService(ctx)
    sup = auth.add_user(admin, "nsup", "North Sup", PW, [Role.SUPERVISOR], station_id=ids[0])
    n1 = auth.add_user(admin, "n1", "North One", PW, [Role.OFFICER], station_id=ids[0], team="A")
    n2 = auth.add_user(admin, "n2", "North Two", PW, [Role.OFFICER], station_id=ids[0], team="B")
    s1 = auth.add_user(admin, "s1", "South One", PW, [Role.OFFICER], station_id=ids[1], team="C")
    x, m, b = (desk.acc[p].id for p in (Platform.X, Platform.MASTODON, Platform.BLUESKY))
    with ctx.transaction() as s:
        s.execute(update(PlatformAccount).where(PlatformAccount.id.in_([x, m])).values(station_id=ids[0]))
        s.execute(update(PlatformAccount).where(PlatformAccount.id == b).values(station_id=ids[1]))
        c1 = _conversation(s, x, "x", "c1", n1.user_id, "A", 600, 3600, T0)
        _conversation(s, x, "x", "c2", n1.user_id, "A", 1800, None, T0 + timedelta(hours=1))
        _conversation(s, m, "mastodon", "c3", n2.user_id, "B", 7200, 9000, T0 + timedelta(hours=2))
        _conversation(s, b, "bluesky", "c4", s1.user_id, "C", None, None, T0 + timedelta(hours=3))
        for kind, user in (
            ("reply_queued", n1),
            ("reply_queued", n1),
            ("resolved", n1),
            ("note", n2),
            ("assign", sup),
            ("reply_queued", s1),
        ):
            s.add(
                ConversationEvent(
                    conversation_id=c1, kind=kind, at=T0 + timedelta(minutes=5), user_id=user.user_id, detail={}
                )
            )
        camp = Campaign(name="Road week", created_at=T0)
        s.add(camp)
        s.flush()
        deliveries = []
        for i, (acc, state, post_id) in enumerate(
            ((x, "published", "x-1"), (m, "failed", None), (b, "published", "b-1"))
        ):
            out = OutboundItem(
                kind="post",
                state="done",
                text=f"post {i}",
                idempotency_key=f"o{i}",
                created_at=T0,
                updated_at=T0,
                due_at=T0,
                campaign_id=camp.id,
                author_user_id=sup.user_id,
            )
            s.add(out)
            s.flush()
            d = Delivery(
                outbound_id=out.id,
                account_id=acc,
                state=state,
                idempotency_key=f"d{i}",
                platform_post_id=post_id,
                published_at=T0 + timedelta(hours=i) if post_id else None,
            )
            s.add(d)
            s.flush()
            deliveries.append(d.id)
        s.add_all(
            [
                EngagementSample(delivery_id=deliveries[0], at=T0 + timedelta(hours=1), likes=1, reposts=0, replies=0),
                EngagementSample(
                    delivery_id=deliveries[0],
                    at=T0 + timedelta(hours=2),
                    likes=5,
                    reposts=2,
                    replies=1,
                    impressions=100,
                ),
                MetricsState(account_id=b, refused=True, refused_reason="no access to metrics"),
            ]
        )
        for key, minute, status in (
            ("k1", 0, "publishable"),
            ("k2", 1, "publishable"),
            ("k3", 2, "held"),
            ("k4", 3, "excluded"),
            ("k5", 4, "publishable"),
        ):
            s.add(
                Call(
                    source="control",
                    call_key=key,
                    received_at=T0 + timedelta(minutes=minute),
                    call_type="t",
                    content_hash="h",
                    status=status,
                    first_seen_at=T0,
                    updated_at=T0,
                )
            )
        for i, (keys, delay) in enumerate(((["k1", "k2"], 10), (["k5"], 20))):
            out = OutboundItem(
                kind="tweetathon",
                state="done",
                text="calls",
                idempotency_key=f"t{i}",
                created_at=T0,
                updated_at=T0,
                details={"source": "control", "call_keys": keys},
            )
            s.add(out)
            s.flush()
            s.add(
                Delivery(
                    outbound_id=out.id,
                    account_id=x,
                    state="published",
                    idempotency_key=f"td{i}",
                    platform_post_id=f"tw-{i}",
                    published_at=T0 + timedelta(minutes=delay),
                )
            )
    people = dict(desk.people, nsup=sup, n1=n1, n2=n2, s1=s1)
    return type(
        "Review",
        (),
        {
            "ctx": ctx,
            "people": people,
            "service": ReportService(ctx, sla_seconds=3600),
            "acc": {"x": x, "m": m, "b": b},
        },
    )


def test_percentile_is_nearest_rank() -> None:
    assert percentile([], 50) is None
    assert percentile([600.0, 1800.0], 50) == 600.0
    assert percentile([600.0, 1800.0], 90) == 1800.0
    assert percentile([float(v) for v in range(1, 11)], 90) == 9.0


def test_administrator_sees_everything(review: Any) -> None:
    bundle = review.service.build(review.people["admin"], RANGE)
    sla = {r.platform: (r.conversations, r.within_target) for r in bundle.sla}
    assert sla == {"bluesky": (1, 0), "mastodon": (1, 0), "x": (2, 2), "all": (4, 2)}
    assert next(r for r in bundle.sla if r.platform == "all").share == 0.5
    n1 = review.people["n1"]
    officer = {r.key: r for r in bundle.response_by_officer}[str(n1.user_id)]
    assert (officer.conversations, officer.responded, officer.resolved) == (2, 2, 1)
    assert (officer.first_response_p50, officer.first_response_p90, officer.first_response_mean) == (600, 1800, 1200)
    assert officer.resolution_p50 == 3600
    teams = {r.key: r.conversations for r in bundle.response_by_team}
    assert teams == {"A": 2, "B": 1, "C": 1}
    # Inbound only (the force's own items are not volume); 08:00 UTC is 10:00 in Helsinki.
    assert sum(r.items for r in bundle.volume) == 4
    assert {(r.platform, r.hour) for r in bundle.volume} == {("x", 10), ("x", 11), ("mastodon", 12), ("bluesky", 13)}
    assert bundle.timezone == "Europe/Helsinki"


def test_supervisor_sees_their_station_only(review: Any) -> None:
    bundle = review.service.build(review.people["nsup"], RANGE)
    assert {r.platform: r.conversations for r in bundle.sla} == {"mastodon": 1, "x": 2, "all": 3}
    names = {r.name for r in bundle.activity}
    assert "South One" not in names and {"North One", "North Two", "North Sup"} <= names
    assert all(r.platform != "bluesky" for r in bundle.volume)


def test_officer_sees_own_work_only(review: Any) -> None:
    n1 = review.people["n1"]
    bundle = review.service.build(n1, RANGE)
    assert [r.name for r in bundle.activity] == ["North One"]
    row = bundle.activity[0]
    assert (row.replies, row.closes, row.notes) == (2, 1, 0)
    assert {r.platform: r.conversations for r in bundle.sla} == {"x": 2, "all": 2}
    assert bundle.campaigns == () and bundle.published == () and bundle.tweetathons == ()


def test_filters_narrow_the_figures(review: Any) -> None:
    f = ReportFilter(RANGE.start, RANGE.end, team="B")
    bundle = review.service.build(review.people["admin"], f)
    assert [(r.key, r.conversations) for r in bundle.response_by_team] == [("B", 1)]
    f = ReportFilter(RANGE.start, RANGE.end, platform="x")
    assert sum(r.items for r in review.service.build(review.people["admin"], f).volume) == 2


def test_campaign_tweetathon_and_published(review: Any) -> None:
    bundle = review.service.build(review.people["admin"], RANGE)
    (camp,) = bundle.campaigns
    assert (camp.posts, camp.published, camp.failed, camp.likes, camp.reposts, camp.impressions) == (3, 2, 1, 5, 2, 100)
    (tw,) = bundle.tweetathons
    assert (tw.calls_in, tw.posted, tw.held, tw.excluded, tw.batched) == (5, 3, 1, 1, 2)
    # k1 at +0 and k2 at +1 posted at +10, k5 at +4 posted at +20: delays 10, 9, 16 minutes.
    assert tw.call_to_post_p50_minutes == 10
    assert tw.call_to_post_mean_minutes == pytest.approx(35 / 3)
    by_post = {r.platform_post_id: r for r in bundle.published}
    assert by_post["x-1"].likes == 5 and by_post["x-1"].metrics == "sampled"
    assert by_post["b-1"].metrics == "refused" and by_post["b-1"].likes is None
    assert "report.metrics_refused" in bundle.note_codes


def test_empty_range_and_range_without_data_say_so(review: Any) -> None:
    admin = review.people["admin"]
    empty = review.service.build(admin, ReportFilter(RANGE.end, RANGE.start))
    assert empty.note_codes == ("report.empty_range",) and empty.sla == ()
    quiet = review.service.build(
        admin, ReportFilter(datetime(2020, 1, 1, tzinfo=UTC), datetime(2020, 2, 1, tzinfo=UTC))
    )
    assert quiet.note_codes[0] == "report.no_data"
    assert [r.share for r in quiet.sla] == [None]


def test_export_writes_one_bom_csv_per_table_and_is_audited(review: Any, tmp_path: Path) -> None:
    sup = review.people["nsup"]
    bundle = review.service.build(sup, RANGE)
    paths = review.service.export_csv(sup, bundle, tmp_path / "out")
    names = {p.name.split("-")[1] for p in paths}
    assert {"volume", "sla", "campaigns", "published", "activity"} <= names
    sla = next(p for p in paths if "-sla-" in p.name)
    assert sla.read_bytes().startswith(b"\xef\xbb\xbf")
    with sla.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[-1]["platform"] == "all" and rows[-1]["conversations"] == "3"
    with review.ctx.sessions() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "report.export")).one()
    assert entry.user_id == sup.user_id


def test_audit_browser_filters_pages_verifies_and_exports(review: Any, tmp_path: Path) -> None:
    admin, sup = review.people["admin"], review.people["nsup"]
    page = review.service.audit_page(sup, AuditQuery(action="user.create"), limit=3)
    assert page.total == 8 and len(page.rows) == 3  # four people of the desk fixture, four of ours
    assert [r.seq for r in page.rows] == sorted((r.seq for r in page.rows), reverse=True)
    rest = review.service.audit_page(sup, AuditQuery(action="user.create"), offset=3, limit=10)
    assert len(rest.rows) == 5 and not {r.seq for r in rest.rows} & {r.seq for r in page.rows}
    mine = review.service.audit_page(sup, AuditQuery(user_id=admin.user_id, action="user.*"))
    assert mine.total == 9  # the eight people above and the first administrator's own creation
    assert review.service.audit_status(sup).ok
    n = review.service.export_audit(sup, AuditQuery(action="user.create"), tmp_path / "audit.csv")
    assert n == 8
    with (tmp_path / "audit.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 8
    assert review.service.audit_page(sup, AuditQuery(action="audit.export")).total == 1
    with pytest.raises(PermissionDenied):
        review.service.audit_page(review.people["n1"], AuditQuery())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)),
    span=st.integers(min_value=-10_000_000, max_value=100_000_000),
    platform=st.sampled_from([None, "x", "nowhere", "'; drop table users; --"]),
    team=st.sampled_from([None, "A", "ü" * 200]),
)
def test_any_range_and_filter_gives_a_report_not_an_error(
    review: Any, start: datetime, span: int, platform: str | None, team: str | None
) -> None:
    f = ReportFilter(start, start + timedelta(seconds=span), platform=platform, team=team)
    bundle = review.service.build(review.people["nsup"], f)
    assert ("report.empty_range" in bundle.note_codes) == (span <= 0)
    assert bundle.sla == () or bundle.sla[-1].platform == "all"


def test_hour_of_day_follows_daylight_saving(review: Any) -> None:
    summer = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)  # 11:00 in Helsinki (UTC+3 in summer)
    with review.ctx.transaction() as s:
        _conversation(s, review.acc["x"], "x", "summer", None, None, None, None, summer)
    f = ReportFilter(datetime(2026, 1, 5, tzinfo=UTC), datetime(2026, 8, 1, tzinfo=UTC), platform="x")
    hours = {(r.hour, r.items) for r in review.service.build(review.people["admin"], f).volume}
    # January: 08:00 and 09:00 UTC are 10 and 11 local; July: 08:00 UTC is 11 local.
    assert hours == {(10, 1), (11, 2)}
    stockholm = review.service.build(review.people["admin"], f, timezone="Europe/Stockholm")
    assert {(r.hour, r.items) for r in stockholm.volume} == {(9, 1), (10, 2)}
