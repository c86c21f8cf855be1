"""A realistic review week for the Reports and Audit screens' tests and screenshots, checked by a report."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from desk.accounts import AccountService
from desk.auth import AuthService, Identity
from desk.context import DeskContext
from desk.ports import Platform
from desk.reports import ReportFilter, ReportService
from desk.roles import Role
from desk.storage.models import (
    Campaign,
    Conversation,
    ConversationEvent,
    Delivery,
    InboxItem,
    OutboundItem,
)
from desk.storage.review_models import EngagementSample, MetricsState
from tests.ui.conftest import open_test_desk

PW = "reports-password-1"
PLATFORMS = (Platform.X, Platform.FACEBOOK, Platform.MASTODON, Platform.BLUESKY)
CLASSES = ("question", "tip", "complaint", "praise", "lost_property")


@dataclass
class Week:
    """What the seed created: people, and how many conversations and published deliveries."""

    supervisor: Identity
    officers: list[Identity]
    conversations: int
    published: int
    refused_account: str


def seed_week(ctx: DeskContext, admin: Identity, conversations: int = 300, posts: int = 40) -> Week:
    """Conversations, replies, posts with engagement and a campaign over the last six days (a fixed seed)."""
    rng = random.Random(7)
    auth = AuthService(ctx)
    supervisor = auth.add_user(admin, "sari", "Sari Supervisor", PW, {Role.SUPERVISOR})
    officers = [
        auth.add_user(admin, u, n, PW, {Role.OFFICER}, team=t)
        for u, n, t in (
            ("otto", "Otto Officer", "North"),
            ("aino", "Aino Lahti", "North"),
            ("mikko", "Mikko Saari", "South"),
            ("lea", "Lea Berg", "South"),
        )
    ]
    service = AccountService(ctx)
    accounts = {
        p: service.connect(admin, p, f"helsinki_{p.value}", "Helsinki Police", "http://127.0.0.1:9", {"token": "t"})
        for p in PLATFORMS
    }
    now = ctx.clock.now()
    published = 0
    with ctx.transaction() as s:
        for n in range(conversations):
            platform = PLATFORMS[min(3, int(rng.expovariate(1.2)))]
            at = now - timedelta(days=rng.randint(0, 5), hours=rng.randint(0, 23), minutes=rng.randint(0, 59))
            at = max(at, now - timedelta(days=6))
            officer = officers[n % len(officers)]
            fr = int(rng.lognormvariate(7.2, 0.8)) if rng.random() < 0.85 else None
            res = fr + int(rng.lognormvariate(8.0, 0.7)) if fr is not None and rng.random() < 0.7 else None
            label = CLASSES[min(4, int(rng.expovariate(0.9)))]
            conv = Conversation(
                account_id=accounts[platform].id,
                platform=platform.value,
                conversation_key=f"c{n}",
                citizen_id=f"id{n}",
                citizen_handle=f"@resident{n}",
                citizen_name=f"Resident {n}",
                status="closed" if res else "open",
                triage_label=label,
                assignee_user_id=officer.user_id,
                team=officer.team,
                first_inbound_at=at,
                last_item_at=at,
                created_at=at,
                first_response_seconds=fr,
                resolution_seconds=res,
            )
            s.add(conv)
            s.flush()
            s.add(
                InboxItem(
                    account_id=accounts[platform].id,
                    conversation_id=conv.id,
                    platform=platform.value,
                    platform_item_id=f"i{n}",
                    kind="mention",
                    author_id=f"id{n}",
                    author_handle=f"@resident{n}",
                    author_name=f"Resident {n}",
                    text="Hello, a question for the police",
                    created_at=at,
                    received_at=at,
                    from_account=False,
                    triage_label=label,
                )
            )
            if fr is not None:
                s.add(
                    ConversationEvent(
                        conversation_id=conv.id, kind="reply_queued", at=at, user_id=officer.user_id, detail={}
                    )
                )
            if res is not None:
                s.add(
                    ConversationEvent(
                        conversation_id=conv.id, kind="resolved", at=at, user_id=officer.user_id, detail={}
                    )
                )
            if n % 5 == 0:
                s.add(
                    ConversationEvent(conversation_id=conv.id, kind="note", at=at, user_id=officer.user_id, detail={})
                )
            if n % 7 == 0:
                s.add(
                    ConversationEvent(
                        conversation_id=conv.id, kind="assign", at=at, user_id=supervisor.user_id, detail={}
                    )
                )
        campaign = Campaign(name="Safe roads week", created_at=now - timedelta(days=6))
        s.add(campaign)
        s.flush()
        for i in range(posts):
            at = now - timedelta(days=rng.randint(0, 5), hours=rng.randint(1, 12))
            out = OutboundItem(
                kind="post",
                state="done",
                text=f"Road safety tip {i + 1}: slow down near schools this week."
                if i % 2
                else f"Patrol update {i + 1}",
                idempotency_key=f"seed-o{i}",
                created_at=at,
                updated_at=at,
                due_at=at,
                campaign_id=campaign.id if i % 2 else None,
                author_user_id=supervisor.user_id,
            )
            s.add(out)
            s.flush()
            for platform in PLATFORMS[: 1 + i % 4]:
                d = Delivery(
                    outbound_id=out.id,
                    account_id=accounts[platform].id,
                    state="published",
                    idempotency_key=f"seed-d{i}-{platform.value}",
                    platform_post_id=f"{platform.value}-{i}",
                    published_at=at,
                )
                s.add(d)
                s.flush()
                published += 1
                if platform is not Platform.FACEBOOK:
                    s.add(
                        EngagementSample(
                            delivery_id=d.id,
                            at=at + timedelta(hours=1),
                            likes=rng.randint(0, 120),
                            reposts=rng.randint(0, 30),
                            replies=rng.randint(0, 15),
                            impressions=rng.randint(500, 9000),
                        )
                    )
        s.add(MetricsState(account_id=accounts[Platform.FACEBOOK].id, refused=True, refused_reason="no access"))
    return Week(supervisor, officers, conversations, published, accounts[Platform.FACEBOOK].handle)


def test_seeded_week_reports_every_conversation_and_delivery(tmp_path: Path) -> None:
    ctx = open_test_desk(tmp_path)
    try:
        admin = AuthService(ctx).create_first_administrator("anna", "Anna Admin", "admin-password-1")
        week = seed_week(ctx, admin, conversations=60, posts=8)
        now = ctx.clock.now()
        bundle = ReportService(ctx).build(admin, ReportFilter(now - timedelta(days=7), now + timedelta(minutes=1)))
        assert sum(v.items for v in bundle.volume) == 60
        assert sum(r.conversations for r in bundle.response_by_officer) == 60
        # posts 0..7 go to 1, 2, 3, 4, 1, 2, 3, 4 accounts
        assert week.published == 20 == len(bundle.published)
        assert "report.metrics_refused" in bundle.note_codes
        assert {p.platform for p in bundle.published if p.metrics == "refused"} == {"facebook"}
    finally:
        ctx.dispose()
