"""A demo day end to end, on the real sandbox (a child process over HTTP on 127.0.0.1) and one accelerated clock.

Residents write to the five demo accounts; the desk syncs them; officers are assigned conversations, reply and
close them; the press office runs a campaign; a short tweetathon posts an hour of real control-room calls;
engagement is polled. Then a supervisor opens the day's report: it answers how fast we answered, who answered
what, what we published and what it reached, each with a chart. The PDF is rendered to PNG, ``desk audit
verify`` passes and then catches a hand-edited row, and an FOI package's manifest matches its files.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from connectors.demo import DemoSession, start_demo
from connectors.registry import capabilities_for, connector_for
from desk.auth import AuthService
from desk.calls.mapping import shipped_presets
from desk.calls.store import CallStore
from desk.campaigns import PlanningService
from desk.clock import AcceleratedClock
from desk.context import DeskContext, open_desk
from desk.demo import demo_secret_store
from desk.ports import Platform
from desk.publishing import Draft, PublishingService
from desk.records import RecordsService
from desk.redaction import PrivacyGuard
from desk.reports import ReportFilter, ReportService
from desk.roles import Role
from desk.services import DeskServices, build_services, connector_builder
from desk.storage.engine import DATA_DIR_ENV, default_database_url
from desk.storage.models import Conversation, ConversationStatus, PlatformAccount, Station
from desk.tweetathon.queue import TweetathonConfig, TweetathonEngine
from desk.tweetathon.wording import WordingService
from ui.reports.pdf import write_pdf
from ui.reports.sections import build_sections, note_texts

pytestmark = [pytest.mark.sandbox, pytest.mark.slow]

PW = "correct horse battery"
PRESET = "san-luis-obispo"
SLO = "calls/slopd_san_luis_obispo_police_call_log.csv"
# The log's busiest day, 10:00-11:00 Pacific: the desk's demo day is that Friday.
DAY = datetime(2021, 10, 29, 17, 0, tzinfo=UTC)
TWEETATHON_HOURS = 1
SPEED = 240.0  # one real second is four minutes of the day
RESIDENT_MESSAGES = 40
SHOTS = Path(os.environ.get("DESK_DEMO_DAY_SHOTS", ""))  # set to keep the rendered pages for a look


def _calls_excerpt(reference_dir: Path, folder: Path) -> Path:
    """The calls of the tweetathon's hour, in the log's own format."""
    zone = shipped_presets()[PRESET].zone()
    start = DAY.astimezone(zone)
    end = start + timedelta(hours=TWEETATHON_HOURS)
    out = folder / "calls.csv"
    with (reference_dir / SLO).open(newline="", encoding="utf-8-sig") as src, out.open("w", newline="") as dst:
        reader = csv.DictReader(src)
        assert reader.fieldnames is not None
        writer = csv.DictWriter(dst, reader.fieldnames)
        writer.writeheader()
        for row in reader:
            when = datetime.strptime(f"{row['date']} {row['received']}", "%m/%d/%y %H:%M").replace(tzinfo=zone)
            if start <= when < end:
                writer.writerow(row)
    return out


class Day:
    """The desk of the demo day and its people."""

    def __init__(self, ctx: DeskContext, demo: DemoSession, services: DeskServices) -> None:
        self.ctx = ctx
        self.demo = demo
        self.services = services
        auth = AuthService(ctx)
        self.admin = auth.create_first_administrator("admin", "Aino Admin", PW)
        with ctx.transaction() as s:
            station = Station(name="Central", timezone="America/Los_Angeles", created_at=ctx.clock.now())
            s.add(station)
            s.flush()
            self.station_id = station.id
            s.execute(update(PlatformAccount).values(station_id=station.id))
        add = auth.add_user
        self.supervisor = add(self.admin, "sari", "Sari Supervisor", PW, [Role.SUPERVISOR], station_id=self.station_id)
        self.press = add(self.admin, "pia", "Pia Press", PW, [Role.PRESS_OFFICER], station_id=self.station_id)
        self.officers = [
            add(self.admin, "olli", "Olli Officer", PW, [Role.OFFICER], station_id=self.station_id, team="Days"),
            add(self.admin, "onni", "Onni Officer", PW, [Role.OFFICER], station_id=self.station_id, team="Lates"),
        ]
        self.accounts = {a.platform: a for a in demo.accounts}

    def sync_all(self) -> int:
        """Every due sync job once; returns how many items came in."""
        return sum(getattr(o, "new_items", 0) for o in self.services.sync.tick())

    def conversations(self) -> list[tuple[int, bool]]:
        """(id, is it a private thread) of every conversation, taking the platforms in turn."""
        with self.ctx.sessions() as s:
            rows = s.execute(
                select(Conversation.id, Conversation.is_direct, Conversation.platform).order_by(Conversation.id)
            ).all()
        seen: dict[str, int] = {}
        turns = []
        for conv, direct, platform in rows:
            seen[platform] = seen.get(platform, 0) + 1
            turns.append((seen[platform], conv, bool(direct)))
        return [(conv, direct) for _, conv, direct in sorted(turns)]


@pytest.fixture
def day(reference_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Day]:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    clock = AcceleratedClock.starting_at(DAY - timedelta(minutes=20), SPEED)
    ctx = open_desk(
        default_database_url(demo=True),
        clock,
        demo_secret_store(),
        workstation="demo-day",
        data_dir=tmp_path,
        demo=True,
    )
    demo = start_demo(ctx, residents=False)
    try:
        services = build_services(ctx, connector_builder(ctx, connector_for), capabilities_for)
        yield Day(ctx, demo, services)
    finally:
        demo.stop()
        ctx.dispose()


def _residents_write(day: Day) -> None:
    with day.demo.admin() as admin:
        body = {"rate_per_minute": 6000, "languages": ["en"], "seed": 11, "max_messages": RESIDENT_MESSAGES}
        answer = admin.post("/_sandbox/residents", json={**body, "running": True})
        assert answer.status_code == 200, answer.text
        deadline = time.monotonic() + 20
        while not admin.get("/_sandbox/residents").json()["finished"]:
            assert time.monotonic() < deadline, "the residents did not finish"
            time.sleep(0.05)


def _answer(day: Day) -> dict[int, int]:
    """Officers take the conversations in turn, answer each, and close every other one."""
    inbox = day.services.inbox
    answered: dict[int, int] = {}
    for n, (conv, direct) in enumerate(day.conversations()[:8]):
        officer = day.officers[n % 2]
        inbox.assign(day.supervisor, conv, officer.user_id, "Days" if n % 2 == 0 else "Lates")
        # Each reply in its own words: platforms refuse a repeated text.
        text = f"Thank you for getting in touch (ref. DD-{n + 1:03d}). An officer will look into this today."
        inbox.reply(officer, conv, text, private=direct)
        answered[conv] = officer.user_id or 0
    sent = day.services.publisher.run_due(limit=50)
    assert sent, "no reply went out"
    for n, conv in enumerate(answered):
        if n % 2 == 0:
            inbox.set_status(day.officers[n % 2], conv, ConversationStatus.CLOSED)
    return answered


def _campaign(day: Day) -> int:
    planning = PlanningService(day.ctx)
    campaign = planning.create_campaign(day.press, "Bike marking week")
    publishing = PublishingService(day.ctx, PrivacyGuard(), capabilities_for)
    targets = tuple(day.accounts[p].id for p in (Platform.X, Platform.MASTODON, Platform.BLUESKY))
    for text in (
        "Bike marking at the library on Saturday, 10:00-14:00. Bring your bike and proof of ownership.",
        "Stolen bikes come home when they are marked. Free marking all week at the front counter.",
    ):
        oid = publishing.create(day.press, Draft(text, targets, campaign_id=campaign.id))
        publishing.submit(day.press, oid)
    day.services.publisher.run_due(limit=50)
    return campaign.id


def _tweetathon(day: Day, calls: Path) -> TweetathonEngine:
    """An hour of calls, each posted after the usual delay, on X, Mastodon and Bluesky."""
    preset = shipped_presets()[PRESET]
    WordingService(day.ctx).seed_defaults()
    source = "control-room"
    report = CallStore(day.ctx).import_file(calls, preset, source=source)
    assert report.as_dict()
    config = TweetathonConfig(
        name="Friday tweetathon",
        source=source,
        preset=preset,
        start=DAY,
        end=DAY + timedelta(hours=TWEETATHON_HOURS),
        account_ids=tuple(day.accounts[p].id for p in (Platform.X, Platform.MASTODON, Platform.BLUESKY)),
        delay=timedelta(minutes=15),
    )
    return TweetathonEngine(day.ctx, config, capabilities_for)


def _run_until(day: Day, engine: TweetathonEngine, until: datetime) -> None:
    """The runner's loop, by hand: plan, publish, sync and poll engagement until the clock reads ``until``."""
    last_sync = day.ctx.clock.now() - timedelta(hours=1)
    while (now := day.ctx.clock.now()) < until:
        engine.tick()
        day.services.publisher.run_due(limit=200)
        if now - last_sync >= timedelta(minutes=10):
            day.sync_all()
            day.services.metrics.poll()
            last_sync = now
        time.sleep(0.02)


def test_a_supervisor_reviews_a_demo_day(day: Day, reference_dir: Path, tmp_path: Path, qapp: QApplication) -> None:
    calls = _calls_excerpt(reference_dir, tmp_path)
    _residents_write(day)
    day.sync_all()
    assert len(day.conversations()) >= 8
    answered = _answer(day)
    campaign_id = _campaign(day)
    engine = _tweetathon(day, calls)
    _run_until(day, engine, DAY + timedelta(hours=TWEETATHON_HOURS, minutes=20))
    day.services.metrics.poll()

    # --- the supervisor's report of the day ------------------------------------------------------
    zone_day = ReportFilter(DAY - timedelta(hours=10), DAY + timedelta(hours=14))
    bundle = ReportService(day.ctx).build(day.supervisor, zone_day)
    assert bundle.scope.kind == "station" and bundle.timezone == "America/Los_Angeles"
    assert {r.platform for r in bundle.volume} == {p.value for p in Platform}
    assert sum(r.items for r in bundle.volume) >= RESIDENT_MESSAGES * 0.9
    # How fast did we answer: both officers, every answered conversation with a first-response time.
    by_officer = {r.name: r for r in bundle.response_by_officer}
    for officer in day.officers:
        row = by_officer[officer.display_name]
        assert row.responded == sum(1 for uid in answered.values() if uid == officer.user_id)
        assert row.first_response_p50 is not None and row.first_response_p50 >= 0
    overall = next(r for r in bundle.sla if r.platform == "all")
    assert overall.conversations >= len(answered) and overall.within_target >= 1
    # Who answered what: the replies and closes per person.
    activity = {r.name: r for r in bundle.activity}
    assert sum(activity[o.display_name].replies for o in day.officers) == len(answered)
    assert sum(activity[o.display_name].closes for o in day.officers) == (len(answered) + 1) // 2
    # What did we publish: replies, the campaign's posts and the tweetathon's.
    kinds = {r.kind for r in bundle.published}
    assert {"post", "tweetathon"} <= kinds and kinds & {"reply", "direct"}, kinds
    (campaign,) = bundle.campaigns
    assert campaign.campaign_id == campaign_id and campaign.posts == 2 and campaign.published == 6
    (tweetathon,) = bundle.tweetathons
    assert tweetathon.calls_in > 0 and tweetathon.posted > 0
    assert tweetathon.call_to_post_p50_minutes is not None and tweetathon.call_to_post_p50_minutes >= 15
    # What did it reach: engagement was read for what we published.
    assert any(r.metrics == "sampled" for r in bundle.published)
    sections = {s.key: s for s in build_sections(bundle)}
    for key in ("speed", "activity", "published", "reach"):
        assert any(not c.empty for c in sections[key].charts), key

    # --- the PDF, rendered to PNG ------------------------------------------------------------------
    pdf = tmp_path / "report.pdf"
    overall_share = f"{overall.share * 100:.0f} %" if overall.share is not None else "-"
    facts = [
        ("Range", "29 October 2021"),
        ("Prepared by", day.supervisor.display_name),
        ("Items in", str(sum(r.items for r in bundle.volume))),
        ("Answered within target", overall_share),
        ("Published", str(len(bundle.published))),
    ]
    pages = write_pdf(pdf, "Beat Desk report", facts, note_texts(bundle), list(sections.values()))
    assert pages >= 1 + len(sections)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        pytest.skip("pdftoppm is not installed")
    subprocess.run([pdftoppm, "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True, timeout=60)
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == pages
    inked, coloured = [], []
    for png in pngs:
        image = QImage(str(png))
        assert not image.isNull()
        colours = [image.pixelColor(x, y) for y in range(0, image.height(), 3) for x in range(0, image.width(), 3)]
        inked.append(sum(1 for c in colours if c.lightness() < 160))
        coloured.append(sum(1 for c in colours if c.hslSaturation() > 120 and c.lightness() < 220))
    # Every page carries text; the volume chapter and the four questions each draw charts in colour.
    assert all(n > 30 for n in inked), inked
    assert sum(1 for n in coloured if n > 200) >= len(sections), coloured
    if SHOTS.name:
        SHOTS.mkdir(parents=True, exist_ok=True)
        for png in [*pngs, pdf]:
            shutil.copy(png, SHOTS / png.name)

    # --- FOI package: every file's hash is the one in the manifest -----------------------------------
    package = RecordsService(day.ctx).foi_export(day.admin, zone_day.start, zone_day.end, tmp_path / "foi")
    manifest_path = next(package.path.glob("manifest*"))
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    listed = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert {"items.jsonl", "replies.jsonl", "audit.csv"} <= set(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((package.path / name).read_bytes()).hexdigest() == digest, name

    # --- the audit chain: whole, then caught after a hand edit ------------------------------------------
    day.ctx.dispose()
    env = {**os.environ}
    verify = [sys.executable, "-m", "desk", "audit", "verify", "--demo"]
    ok = subprocess.run(verify, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert ok.returncode == 0 and ok.stdout.startswith("OK"), ok.stdout + ok.stderr
    with sqlite3.connect(Path(default_database_url(demo=True).removeprefix("sqlite:///"))) as db:
        seq = db.execute("SELECT seq FROM audit_entries WHERE action = 'inbox.reply' ORDER BY seq LIMIT 1").fetchone()[
            0
        ]
        db.execute("UPDATE audit_entries SET summary = summary || ' (edited)' WHERE seq = ?", (seq,))
    broken = subprocess.run(verify, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert str(seq) in broken.stdout, broken.stdout
