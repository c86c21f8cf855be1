"""Rehearsing a tweetathon: a call file replayed against the sandbox on an accelerated clock.

The desk and the sandbox share one :class:`AcceleratedClock` (the sandbox child reads it from
``DESK_CLOCK``), the database is a throwaway one in a temporary folder, and the same engine that runs the
real day plans the posts. The report lists every post (account, time, text, the calls it covers), every
call not posted and why, and totals, including the 429s the sandbox logged.
"""

from __future__ import annotations

import csv
import json
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Table, bindparam, select, update

from desk.accounts import AccountRecord, AccountService
from desk.calls.mapping import Preset, load_preset, preset_from_headers, shipped_presets
from desk.calls.store import CallStore
from desk.clock import AcceleratedClock, SystemClock
from desk.context import DeskContext, open_desk
from desk.demo import DemoSecretStore
from desk.errors import ValidationFailed
from desk.ports import Capabilities, Platform, PlatformConnector
from desk.publishing import ConnectorPool, Publisher
from desk.storage.models import Delivery, DeliveryState, OutboundItem, OutboundKind, PlatformAccount
from desk.storage.tweetathon_models import Call
from desk.tweetathon.planner import DEFAULT_WINDOWS, max_in_window
from desk.tweetathon.queue import TweetathonConfig, TweetathonEngine
from desk.tweetathon.wording import WordingService

DEFAULT_ACCOUNTS = "x:3,mastodon:1,bluesky:1"
DEFAULT_SPEED = 4000.0  # a 24-hour day in about 22 seconds
SETUP_SECONDS = 6.0
DRAIN_HOURS = 6.0  # real seconds allowed for starting the sandbox and connecting the accounts

Spawn = Callable[[DeskContext], tuple[subprocess.Popen[str], str]]
ConnectorFor = Callable[..., PlatformConnector]


@dataclass(frozen=True)
class RehearsalWindow:
    """Which calls, over which span of clock time."""

    start: datetime | None = None  # None: the busiest day of the file (midnight to midnight, preset's zone)
    hours: float = 24.0
    compress: bool = False  # True: the whole file, squeezed linearly into the window


def parse_accounts(spec: str) -> list[tuple[Platform, int]]:
    """``x:3,mastodon:1,bluesky:1`` as (platform, how many) pairs; a clear error for anything else."""
    out: list[tuple[Platform, int]] = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        name, _, n = part.partition(":")
        try:
            platform = Platform(name.strip().lower())
            number = int(n or "1")
        except ValueError:
            raise ValidationFailed(
                "tweetathon.accounts_spec", "Accounts look like x:3,mastodon:1,bluesky:1 (got {spec!r}).", spec=spec
            ) from None
        if not 1 <= number <= 20:
            raise ValidationFailed("tweetathon.accounts_spec", "Between 1 and 20 accounts per platform.")
        out.append((platform, number))
    if not out:
        raise ValidationFailed("tweetathon.accounts_spec", "Name at least one account, e.g. x:3.")
    return out


def choose_preset(path: Path, name: str | None) -> Preset:
    """A shipped preset by name, a preset file, or (none given) the mapping recognised from the headers."""
    if name:
        shipped = shipped_presets()
        if name in shipped:
            return shipped[name]
        candidate = Path(name)
        if candidate.is_file():
            return load_preset(candidate)
        raise ValidationFailed(
            "tweetathon.unknown_preset",
            "There is no preset {name!r}; shipped ones: {names}.",
            name=name,
            names=", ".join(sorted(shipped)),
        )
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            headers = next(csv.reader(stream), [])
    except OSError as exc:
        raise ValidationFailed(
            "calls.unreadable", "The file {path} cannot be read: {detail}", path=str(path), detail=str(exc)
        ) from exc
    return preset_from_headers(headers)


def _busiest_day(ctx: DeskContext, source: str, preset: Preset) -> datetime:
    zone = preset.zone()
    with ctx.sessions() as session:
        times = list(session.scalars(select(Call.received_at).where(Call.source == source)))
    if not times:
        raise ValidationFailed("tweetathon.no_calls", "The file has no calls that could be read.")
    days = Counter(t.replace(tzinfo=UTC).astimezone(zone).date() for t in times)
    day = max(sorted(days), key=lambda d: days[d])
    return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(UTC)


def _compress(ctx: DeskContext, source: str, start: datetime, hours: float) -> None:
    """Squeeze every call of ``source`` linearly into ``hours`` from ``start``, keeping their order."""
    with ctx.transaction() as session:
        rows = session.execute(select(Call.id, Call.received_at).where(Call.source == source)).all()
        if not rows:
            return
        first = min(r[1] for r in rows)
        span = max((max(r[1] for r in rows) - first).total_seconds(), 1.0)
        scale = hours * 3600 * 0.999 / span
        base = start.astimezone(UTC)
        moves = [
            {"cid": cid, "moved": base + timedelta(seconds=(received - first).total_seconds() * scale)}
            for cid, received in rows
        ]
        # One executemany through Core: an ORM update per call took most of a minute on the whole file.
        table: Table = Call.__table__  # type: ignore[assignment]
        stmt = update(table).where(table.c.id == bindparam("cid")).values(received_at=bindparam("moved"))
        session.connection().execute(stmt, moves)


def _create_accounts(ctx: DeskContext, url: str, spec: list[tuple[Platform, int]]) -> list[AccountRecord]:
    service = AccountService(ctx)
    made: list[AccountRecord] = []
    with httpx.Client(base_url=url, timeout=10) as admin:
        for platform, number in spec:
            for i in range(1, number + 1):
                handle = f"rehearsal{i}" if platform is not Platform.BLUESKY else f"rehearsal{i}.bsky.social"
                answer = admin.post(
                    "/_sandbox/accounts",
                    json={"platform": platform.value, "handle": handle, "display_name": f"Rehearsal {i}"},
                )
                if answer.status_code >= 400:
                    raise ValidationFailed(
                        "tweetathon.sandbox_account",
                        "The sandbox refused a {platform} account: {detail}",
                        platform=platform.value,
                        detail=answer.text[:200],
                    )
                body = answer.json()
                made.append(
                    service.ensure_demo_account(
                        platform,
                        handle,
                        f"Rehearsal {i}",
                        url,
                        {str(k): str(v) for k, v in body["credentials"].items()},
                        str(body.get("account_id") or "") or None,
                    )
                )
    return made


def _sandbox_refusals(url: str) -> tuple[int, int]:
    """(429 answers, requests) from the sandbox's request log."""
    with httpx.Client(base_url=url, timeout=30) as admin:
        body = admin.get("/_sandbox/log").json()
    requests = body.get("requests", [])
    return sum(1 for r in requests if int(r.get("status", 0)) == 429), len(requests)


def run_rehearsal(
    path: Path,
    *,
    spawn: Spawn,
    connector_for: ConnectorFor,
    capabilities_for: Callable[[Platform], Capabilities],
    preset_name: str | None = None,
    speed: float = DEFAULT_SPEED,
    accounts: str = DEFAULT_ACCOUNTS,
    report_path: Path | None = None,
    window: RehearsalWindow = RehearsalWindow(),
    delay: timedelta = timedelta(minutes=15),
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Replay ``path`` against a sandbox on an accelerated clock; the JSON report (also written if asked)."""
    if speed <= 0:
        raise ValidationFailed("tweetathon.speed", "The speed must be a positive number.")
    if not path.is_file():
        raise ValidationFailed("calls.unreadable", "The file {path} does not exist.", path=str(path))
    spec = parse_accounts(accounts)
    preset = choose_preset(path, preset_name)
    say = progress or (lambda _msg: None)
    with tempfile.TemporaryDirectory(prefix="desk-rehearsal-") as tmp:
        folder = Path(tmp)
        url = f"sqlite:///{folder / 'rehearsal.sqlite3'}"
        secrets = DemoSecretStore(folder / "secrets.json")
        source = f"rehearsal:{path.name}"
        # Import on the real clock first: the window (and so the accelerated clock's origin) depends on the file.
        ctx = open_desk(url, SystemClock(), secrets, workstation="rehearsal", data_dir=folder, demo=True)
        try:
            import_window = None
            if preset.month_only:
                start0 = window.start or datetime(2020, 1, 1, tzinfo=preset.zone()).astimezone(UTC)
                import_window = (start0, start0 + timedelta(hours=window.hours))
            WordingService(ctx).seed_defaults()
            say(f"importing {path}")
            report = CallStore(ctx).import_file(path, preset, source=source, window=import_window)
            if import_window is not None:
                start = import_window[0]
            elif window.compress:
                start = window.start or _busiest_day(ctx, source, preset)
                _compress(ctx, source, start, window.hours)
            else:
                start = window.start or _busiest_day(ctx, source, preset)
        finally:
            ctx.dispose()
        end = start + timedelta(hours=window.hours)
        # The clock reaches the start once the sandbox and the connectors are up (setup takes a few real
        # seconds, which would be hours of clock time); until then it reads earlier times.
        clock = AcceleratedClock(start - timedelta(minutes=1), time.time() + SETUP_SECONDS, speed)
        ctx = open_desk(url, clock, secrets, workstation="rehearsal", data_dir=folder, demo=True)
        proc, base_url = spawn(ctx)
        try:
            made = _create_accounts(ctx, base_url, spec)
            pool = ConnectorPool(
                AccountService(ctx), lambda record, creds: connector_for(record.ref(), creds, clock=ctx.clock)
            )
            publisher = Publisher(ctx, pool, worker="rehearsal")
            for account in made:
                pool.get(account.id)  # connect now, not in the middle of the first minutes
            config = TweetathonConfig(
                name="rehearsal",
                source=source,
                preset=preset,
                start=start,
                end=end,
                account_ids=tuple(a.id for a in made),
                delay=delay,
            )
            engine = TweetathonEngine(ctx, config, capabilities_for)
            say(f"replaying {start.isoformat()} .. {end.isoformat()} at {speed:g}x")
            while clock.now() < start - timedelta(seconds=30):
                time.sleep(0.01)
            real_start = time.monotonic()
            # A backlog left at the end is still posted (batched) within the limits; past this, give up.
            drain_until = end + delay + timedelta(hours=DRAIN_HOURS)
            while True:
                now = clock.now()  # read before the tick: the last round must have planned every call
                planned = engine.tick()
                sent = publisher.run_due(limit=200)
                if now >= end + delay and engine.unposted() == 0 and _nothing_pending(ctx):
                    break
                if now >= drain_until:
                    break
                if not planned and not sent:
                    time.sleep(0.005)
            elapsed = time.monotonic() - real_start
            refusals, requests = _sandbox_refusals(base_url)
            result = _report(ctx, engine, made, import_report=report.as_dict(), refusals=refusals, requests=requests)
            result["window"] = {"start": start.isoformat(), "end": end.isoformat(), "compressed": window.compress}
            result["speed"] = speed
            result["real_seconds"] = round(elapsed, 2)
            result["preset"] = preset.name
        finally:
            try:
                proc.stdin.close() if proc.stdin else None
                proc.wait(10)
            except (subprocess.TimeoutExpired, OSError):
                proc.kill()
            ctx.dispose()
    if report_path is not None:
        report_path.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    return result


def _nothing_pending(ctx: DeskContext) -> bool:
    with ctx.sessions() as session:
        left = session.scalar(
            select(Delivery.id)
            .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
            .where(
                OutboundItem.kind == OutboundKind.TWEETATHON.value,
                Delivery.state.in_([DeliveryState.PENDING.value, DeliveryState.SENDING.value]),
                OutboundItem.state.in_(["scheduled", "publishing"]),
            )
            .limit(1)
        )
    return left is None


def _report(
    ctx: DeskContext,
    engine: TweetathonEngine,
    accounts: list[AccountRecord],
    *,
    import_report: Mapping[str, Any],
    refusals: int,
    requests: int,
) -> dict[str, Any]:
    handles = {a.id: f"{a.platform.value}:{a.handle}" for a in accounts}
    posts: list[dict[str, Any]] = []
    failed: list[dict[str, Any]] = []
    sent_at: dict[int, list[datetime]] = {}
    with ctx.sessions() as session:
        rows = session.execute(
            select(Delivery, OutboundItem, PlatformAccount.platform)
            .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
            .join(PlatformAccount, PlatformAccount.id == Delivery.account_id)
            .where(OutboundItem.kind == OutboundKind.TWEETATHON.value)
            .order_by(Delivery.published_at, Delivery.id)
        ).all()
        for d, item, _platform in rows:
            entry = {
                "account": handles.get(d.account_id, str(d.account_id)),
                "text": d.text or item.text,
                "call_ids": list(item.details.get("call_keys", [])),
                "call_numbers": list(item.details.get("call_numbers", [])),
                "call_times": list(item.details.get("call_times", [])),
                "due": item.due_at.isoformat() if item.due_at else None,
                "follow_up": bool(item.details.get("follow_up")),
            }
            if d.state == DeliveryState.PUBLISHED.value and d.published_at is not None:
                when = d.published_at.replace(tzinfo=UTC) if d.published_at.tzinfo is None else d.published_at
                entry["time"] = when.isoformat()
                posts.append(entry)
                sent_at.setdefault(d.account_id, []).append(when)
            elif d.state not in (DeliveryState.CANCELLED.value,):
                entry["state"] = d.state
                entry["error"] = d.error_message
                failed.append(entry)
    stats = engine.stats()
    not_posted = [
        {"call_id": o.call_key, "number": o.number, "status": o.status, "reason": o.reason}
        for o in sorted(engine.outcomes.values(), key=lambda o: o.number)
    ]
    by_status = Counter(o["status"] for o in not_posted)
    peaks: dict[str, dict[str, int]] = {}
    for aid, times in sent_at.items():
        platform = engine.platform_of[aid]
        peaks[handles[aid]] = {
            f"{int(w.seconds)}s": max_in_window(times, w.seconds)
            for w in DEFAULT_WINDOWS[platform]
            if w.scope == "account"
        }
    return {
        "posts": posts,
        "not_posted": not_posted,
        "undelivered": failed,
        "totals": {
            "calls": stats.calls_in,
            "publishable": stats.calls_in - len(not_posted),
            "posted_calls": stats.posted,
            "posts": len(posts),
            "batched_calls": stats.batched,
            "backlog": stats.backlog,
            "not_posted": dict(by_status),
            "undelivered": len(failed),
            "rate_limit_refusals": refusals,
            "sandbox_requests": requests,
            "p50_minutes": stats.p50_minutes,
            "p95_minutes": stats.p95_minutes,
            "peak_posts_per_window": peaks,
            "import": {k: v for k, v in import_report.items() if k != "bad_rows"},
        },
    }


def cli_rehearse(
    args: Any,
    out: Any,
    err: Any,
    *,
    spawn: Spawn,
    connector_for: ConnectorFor,
    capabilities_for: Callable[[Platform], Capabilities],
) -> int:
    """``desk tweetathon rehearse``: run, write the report, print the totals; 0 when nothing was refused."""
    start = None
    if args.start:
        try:
            start = datetime.fromisoformat(args.start)
        except ValueError:
            raise ValidationFailed(
                "tweetathon.start", "--start takes an ISO time such as 2022-02-07T00:00-08:00."
            ) from None
        if start.tzinfo is None:
            raise ValidationFailed("tweetathon.start", "--start needs a time zone, e.g. 2022-02-07T00:00-08:00.")
    report_path = Path(args.report) if args.report else Path(f"rehearsal-{Path(args.file).stem}.json")
    result = run_rehearsal(
        Path(args.file),
        spawn=spawn,
        connector_for=connector_for,
        capabilities_for=capabilities_for,
        preset_name=args.preset,
        speed=args.speed,
        accounts=args.accounts,
        report_path=report_path,
        window=RehearsalWindow(start, args.hours, args.compress),
        delay=timedelta(minutes=args.delay),
        progress=lambda msg: print(msg, file=err),
    )
    totals = {k: v for k, v in result["totals"].items() if k != "import"}
    print(json.dumps(totals, indent=1, ensure_ascii=False), file=out)
    print(f"report: {report_path}", file=err)
    return 0 if totals["rate_limit_refusals"] == 0 and not totals["undelivered"] else 1
