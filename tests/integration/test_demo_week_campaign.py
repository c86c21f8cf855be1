"""Done when: in demo mode a press officer plans a week's campaign on all five platforms, a supervisor approves
it, it publishes on time to the sandbox, a critical-incident stop halts it and resuming restarts it.

The desk and the sandbox share one manual clock (the sandbox runs in this process), so "on time" is checked
on the sandbox's own receive times: nothing arrives before its due time and everything within a minute of it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from PIL import Image

from connectors.registry import capabilities_for, connector_for
from connectors.sandbox import SandboxServer
from desk.accounts import AccountRecord, AccountService
from desk.auth import AuthService, Identity
from desk.campaigns import PlanningService
from desk.clock import ManualClock, SystemClock
from desk.context import DeskContext, open_desk
from desk.incident import IncidentStop, OverdueChoice
from desk.media import MediaRef, MediaStore
from desk.photos import clean_photo
from desk.ports import Platform
from desk.publishing import ConnectorPool, Draft, Publisher, PublishingService
from desk.redaction import PrivacyGuard
from desk.roles import Role
from desk.secrets import InMemorySecretStore
from desk.storage.models import Delivery, DeliveryState, OutboundState
from tests.conftest import create_sandbox_account

PW = "correct horse battery"
PLATFORMS = (Platform.X, Platform.FACEBOOK, Platform.INSTAGRAM, Platform.MASTODON, Platform.BLUESKY)
ON_TIME = timedelta(minutes=1)


def creates_post(platform: Platform, method: str, path: str) -> bool:
    """The sandbox request that makes a post appear (Instagram: the container with photo and caption)."""
    if method != "POST":
        return False
    return {
        Platform.X: path == "/2/tweets",
        Platform.FACEBOOK: path.endswith("/feed") or path.endswith("/photos"),
        Platform.INSTAGRAM: path.endswith("/media"),
        Platform.MASTODON: path == "/api/v1/statuses",
        Platform.BLUESKY: path == "/xrpc/com.atproto.repo.createRecord",
    }[platform]


@dataclass
class DemoDesk:
    ctx: DeskContext
    clock: ManualClock
    sandbox: SandboxServer
    admin: httpx.Client
    accounts: dict[Platform, AccountRecord]
    people: dict[str, Identity]
    service: PublishingService
    publisher: Publisher
    photo: MediaRef


@pytest.fixture
def demo(tmp_path: Path, reference_dir: Path) -> Iterator[DemoDesk]:
    # Bluesky's SDK checks token expiry on the real clock: the manual clock starts at the next real hour.
    real = SystemClock().now()
    clock = ManualClock(real.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1))
    ctx = open_desk(
        f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        clock,
        InMemorySecretStore(),
        workstation="demo",
        data_dir=tmp_path,
        demo=True,
    )
    sandbox = SandboxServer(clock=clock).start()
    admin = httpx.Client(base_url=sandbox.base_url, timeout=30)
    try:
        auth = AuthService(ctx)
        boss = auth.create_first_administrator("admin", "Aino Admin", PW)
        people = {
            "press": auth.add_user(boss, "pia", "Pia Press", PW, [Role.PRESS_OFFICER]),
            "supervisor": auth.add_user(boss, "sari", "Sari Supervisor", PW, [Role.SUPERVISOR]),
        }
        service = AccountService(ctx)
        accounts = {}
        for platform in PLATFORMS:
            handle = "helsinkipolice" + (".bsky.social" if platform is Platform.BLUESKY else "")
            made = create_sandbox_account(admin, platform.value, handle, display_name="Helsinki Police")
            creds = {str(k): str(v) for k, v in made["credentials"].items()}
            accounts[platform] = service.ensure_demo_account(
                platform, handle, "Helsinki Police", sandbox.base_url, creds, str(made["account_id"])
            )
        pool = ConnectorPool(service, lambda r, c: connector_for(r.ref(), c, clock=clock))
        photo_bytes = io.BytesIO()
        Image.open(reference_dir / "images" / "coffee.png").convert("RGB").save(photo_bytes, format="JPEG")
        photo = MediaStore(tmp_path / "media").put(
            clean_photo(photo_bytes.getvalue()), "A reflective vest on a school crossing"
        )
        yield DemoDesk(
            ctx,
            clock,
            sandbox,
            admin,
            accounts,
            people,
            PublishingService(ctx, PrivacyGuard(), capabilities_for),
            Publisher(ctx, pool, media=MediaStore(tmp_path / "media")),
            photo,
        )
    finally:
        admin.close()
        sandbox.stop()
        ctx.dispose()


def _creations(demo: DemoDesk) -> list[tuple[Platform, datetime]]:
    by_id = {str(a.platform_account_id): a.platform for a in demo.accounts.values()}
    out = []
    for entry in demo.admin.get("/_sandbox/log").json()["requests"]:
        platform = by_id.get(str(entry.get("account_id")))
        if (
            platform is not None
            and int(entry["status"]) < 300
            and creates_post(platform, entry["method"], entry["path"])
        ):
            out.append((platform, datetime.fromisoformat(entry["received_at"])))
    return out


def _run_until_quiet(demo: DemoDesk) -> int:
    sent = 0
    for _ in range(20):
        outcomes = demo.publisher.run_due(limit=200)
        sent += sum(1 for o in outcomes if o.state is DeliveryState.PUBLISHED)
        if not outcomes:
            break
    return sent


def _states(demo: DemoDesk, outbound_id: int) -> set[str]:
    from sqlalchemy import select

    with demo.ctx.sessions() as s:
        return set(s.scalars(select(Delivery.state).where(Delivery.outbound_id == outbound_id)))


def test_a_week_campaign_on_five_platforms_is_approved_publishes_on_time_halts_and_resumes(demo: DemoDesk) -> None:
    press, supervisor = demo.people["press"], demo.people["supervisor"]
    monday = demo.clock.now() + timedelta(days=1)
    planning = PlanningService(demo.ctx)
    campaign = planning.create_campaign(
        press, "Road safety week", "A tip a day for the school run", monday, monday + timedelta(days=7)
    )
    topics = ["crossings", "cycle lights", "reflectors", "speed near schools", "parking", "scooters", "thank you"]
    due_times = [monday + timedelta(days=day, hours=9) for day in range(7)]
    posts = []
    for day, (topic, due) in enumerate(zip(topics, due_times, strict=True)):
        draft = Draft(
            f"Road safety week, day {day + 1}: {topic}. Slow down near schools. #roadsafety",
            tuple(a.id for a in demo.accounts.values()),
            due_at=due,
            campaign_id=campaign.id,
            media=(demo.photo,),
        )
        oid = demo.service.create(press, draft)
        # A press officer could schedule it alone; a campaign goes to a supervisor for sign-off.
        assert demo.service.submit(press, oid, for_approval=True) is OutboundState.AWAITING_APPROVAL
        posts.append(oid)
    assert _run_until_quiet(demo) == 0  # nothing goes before approval
    for oid in posts:
        demo.service.approve(supervisor, oid)
    calendar = planning.calendar(monday, monday + timedelta(days=8))
    assert len({e.outbound_id for e in calendar if e.outbound_id in posts}) == 7

    stop = IncidentStop(demo.ctx)
    for day, (oid, due) in enumerate(zip(posts, due_times, strict=True)):
        demo.clock.set(due - timedelta(seconds=1))
        assert _run_until_quiet(demo) == 0, f"day {day + 1} went early"
        if day == 2:  # a critical incident on Wednesday morning, just before that day's post
            held = stop.start(press, "Serious incident in Kallio: all scheduled posts stop")
            assert held == 5  # Wednesday to Sunday
        demo.clock.set(due)
        published = _run_until_quiet(demo)
        if day == 2:
            assert published == 0 and _states(demo, oid) == {DeliveryState.PENDING.value}
            demo.clock.set(due + timedelta(hours=3))  # the incident is over: the supervisor resumes
            overdue = stop.resume(supervisor)
            assert [o.outbound_id for o in overdue] == [oid]
            stop.decide(supervisor, {oid: OverdueChoice.PUBLISH_NOW})
            assert _run_until_quiet(demo) == 5
        else:
            assert published == 5, f"day {day + 1}"
        assert _states(demo, oid) == {DeliveryState.PUBLISHED.value}

    creations = _creations(demo)
    assert sorted(p.value for p, _ in creations) == sorted(p.value for p in PLATFORMS for _ in range(7))
    for platform in PLATFORMS:
        times = sorted(t for p, t in creations if p is platform)
        for day, (got, due) in enumerate(zip(times, due_times, strict=True)):
            if day == 2:  # held by the stop, published when the supervisor resumed three hours later
                assert due + timedelta(hours=3) <= got <= due + timedelta(hours=3) + ON_TIME, platform
            else:
                assert due <= got <= due + ON_TIME, (platform, day, got - due)


def test_resume_puts_future_posts_back_without_sending_them_early(demo: DemoDesk) -> None:
    press, supervisor = demo.people["press"], demo.people["supervisor"]
    due = demo.clock.now() + timedelta(days=2)
    oid = demo.service.create(
        press, Draft("Lost property office closed on Friday.", (demo.accounts[Platform.X].id,), due_at=due)
    )
    demo.service.submit(press, oid)
    stop = IncidentStop(demo.ctx)
    stop.start(press, "Major incident: broadcasting stops")
    assert stop.resume(supervisor) == []  # still in the future: straight back on the schedule
    demo.clock.set(due - timedelta(minutes=1))
    assert _run_until_quiet(demo) == 0
    demo.clock.set(due)
    assert _run_until_quiet(demo) == 1
    assert [t for p, t in _creations(demo) if p is Platform.X] == [due]


def test_the_stop_and_resume_are_refused_to_the_wrong_roles(demo: DemoDesk) -> None:
    from desk.errors import PermissionDenied

    stop = IncidentStop(demo.ctx)
    stop.start(demo.people["press"], "Critical incident in the city centre")
    with pytest.raises(PermissionDenied):
        stop.resume(demo.people["press"])  # resuming is a supervisor's call
    assert stop.current() is not None
