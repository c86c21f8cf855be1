"""Supervisor reports: pure queries that return frozen records a UI can chart and a CSV can hold.

Who sees what is decided here: officers see their own work, supervisors everything at their station,
administrators everything. A report never fails on an empty range, a range with no data or a platform
that refuses metrics: it says so in ``notes``.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, Select, case, func, literal_column, or_, select, type_coerce
from sqlalchemy.orm import Session, aliased

from desk.audit import VerifyReport, summarise
from desk.auth import Identity
from desk.context import DeskContext
from desk.errors import Message, PermissionDenied
from desk.office_hours import DEFAULT_SLA_SECONDS
from desk.roles import Action
from desk.storage.models import (
    AuditEntry,
    Campaign,
    Conversation,
    ConversationEvent,
    Delivery,
    DeliveryState,
    InboxItem,
    OutboundItem,
    OutboundKind,
    PlatformAccount,
    Station,
    User,
)
from desk.storage.review_models import EngagementSample, MetricsState
from desk.storage.tweetathon_models import Call

PUBLISHED_LIMIT = 2000
VOLUME_HOUR_INDEX = "ix_inbox_items_volume_hour"  # SQLite only; created by migration 0008
# The creation time behind SQLite's unary plus, which keeps the planner from serving the range from the narrower
# date index (and then sorting every item of it): the grouping index is then the one it reads.
_created_unindexed: ColumnElement[datetime] = type_coerce(
    literal_column("+inbox_items.created_at"), InboxItem.created_at.type
)
# The UTC hour of an item as SQLite stores it (ISO text); written exactly as in ix_inbox_items_volume_hour so
# that SQLite groups in that index's order.
_UTC_HOUR: ColumnElement[str] = literal_column("substr(inbox_items.created_at, 12, 2)")


# --- filters, scope, notes ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReportFilter:
    """A half-open date range [start, end) and optional filters."""

    start: datetime
    end: datetime
    platform: str | None = None
    account_id: int | None = None
    team: str | None = None
    officer_id: int | None = None


@dataclass(frozen=True)
class Scope:
    """What the asking person may see: everything, one station, or their own work."""

    kind: str  # all, station, own
    station_id: int | None = None
    user_id: int | None = None


def scope_for(identity: Identity) -> Scope:
    """The widest scope ``identity`` may see; PermissionDenied when reports are not theirs at all."""
    if identity.can(Action.REPORTS_ALL):
        return Scope("all")
    if identity.can(Action.REPORTS_STATION):
        return Scope("station", station_id=identity.station_id)
    if identity.can(Action.REPORTS_OWN) and identity.user_id is not None:
        return Scope("own", user_id=identity.user_id)
    raise PermissionDenied("see reports", identity.username)


def note(code: str, default: str, **params: Any) -> Message:
    """A note on a report (a code with an English default)."""
    return Message(code, default, params)


# --- records -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VolumeRow:
    """Inbound items in one hour of the day (station time), by platform and triage class."""

    platform: str
    triage: str
    hour: int
    items: int


@dataclass(frozen=True)
class ResponseRow:
    """Response and resolution times (office seconds) of one officer or team."""

    group: str  # officer or team
    key: str
    name: str
    conversations: int
    responded: int
    first_response_p50: float | None
    first_response_p90: float | None
    first_response_mean: float | None
    resolved: int
    resolution_p50: float | None
    resolution_p90: float | None
    resolution_mean: float | None


@dataclass(frozen=True)
class SlaRow:
    """Share of conversations first answered within the SLA target ("all" is the overall row)."""

    platform: str
    conversations: int
    within_target: int
    share: float | None
    target_seconds: int


@dataclass(frozen=True)
class CampaignRow:
    """One campaign: posts, deliveries by state, engagement totals (latest reading of each delivery)."""

    campaign_id: int
    name: str
    posts: int
    published: int
    pending: int
    failed: int
    other: int
    likes: int
    reposts: int
    replies: int
    impressions: int


@dataclass(frozen=True)
class TweetathonRow:
    """One call source: calls in, posted, held, excluded, batched, minutes from call to post."""

    source: str
    calls_in: int
    posted: int
    held: int
    excluded: int
    batched: int
    call_to_post_p50_minutes: float | None
    call_to_post_mean_minutes: float | None


@dataclass(frozen=True)
class ActivityRow:
    """What one person did in the range."""

    user_id: int
    name: str
    replies: int
    notes: int
    closes: int
    assignments: int
    audited_actions: int


@dataclass(frozen=True)
class PublishedRow:
    """One published delivery with its latest engagement reading."""

    delivery_id: int
    outbound_id: int
    kind: str
    platform: str
    account: str
    platform_post_id: str
    published_at: datetime
    state: str
    text: str
    likes: int | None
    reposts: int | None
    replies: int | None
    impressions: int | None
    quotes: int | None
    metrics: str  # sampled, none_yet, refused


@dataclass(frozen=True)
class ReportBundle:
    """Every report table of one request, with the notes a UI shows beside them."""

    filter: ReportFilter
    scope: Scope
    generated_at: datetime
    timezone: str
    volume: tuple[VolumeRow, ...] = ()
    response_by_officer: tuple[ResponseRow, ...] = ()
    response_by_team: tuple[ResponseRow, ...] = ()
    sla: tuple[SlaRow, ...] = ()
    campaigns: tuple[CampaignRow, ...] = ()
    tweetathons: tuple[TweetathonRow, ...] = ()
    activity: tuple[ActivityRow, ...] = ()
    published: tuple[PublishedRow, ...] = ()
    notes: tuple[Message, ...] = field(default_factory=tuple)

    TABLES = (
        "volume",
        "response_by_officer",
        "response_by_team",
        "sla",
        "campaigns",
        "tweetathons",
        "activity",
        "published",
    )

    def tables(self) -> dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]:
        """Each table as (column names, rows) for CSV and charts."""
        out: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}
        for name, cls in zip(self.TABLES, _ROW_TYPES, strict=True):
            headers = tuple(f.name for f in dataclasses.fields(cls))
            out[name] = (headers, [dataclasses.astuple(r) for r in getattr(self, name)])
        return out

    @property
    def note_codes(self) -> tuple[str, ...]:
        """The codes of the notes, for tests and quick checks."""
        return tuple(n.code for n in self.notes)


_ROW_TYPES = (VolumeRow, ResponseRow, ResponseRow, SlaRow, CampaignRow, TweetathonRow, ActivityRow, PublishedRow)


@dataclass(frozen=True)
class AuditQuery:
    """Filters of the audit browser (all optional)."""

    user_id: int | None = None
    actor: str | None = None
    action: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    start: datetime | None = None
    end: datetime | None = None


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as shown."""

    seq: int
    at: datetime
    actor: str
    user_id: int | None
    workstation: str
    action: str
    object_type: str
    object_id: str
    summary: str


@dataclass(frozen=True)
class AuditPage:
    """One page of matching audit entries, newest first."""

    rows: tuple[AuditRow, ...]
    total: int
    offset: int
    limit: int


# --- helpers -----------------------------------------------------------------------------------------


def percentile(values: Sequence[float], p: float) -> float | None:
    """Nearest-rank percentile of sorted ``values`` (None when empty)."""
    if not values:
        return None
    rank = max(1, -(-len(values) * p // 100))  # ceil(n * p / 100)
    return float(values[int(rank) - 1])


def _stats(values: list[int]) -> tuple[float | None, float | None, float | None]:
    values.sort()
    mean = sum(values) / len(values) if values else None
    return percentile(values, 50), percentile(values, 90), mean


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class ReportService:
    """Builds report bundles, exports them, and browses the audit log."""

    def __init__(self, ctx: DeskContext, sla_seconds: int = DEFAULT_SLA_SECONDS) -> None:
        self.ctx = ctx
        self.sla_seconds = sla_seconds

    # --- scope filters ---------------------------------------------------------------------------

    def _station_users(self, scope: Scope) -> Select[tuple[int]]:
        return select(User.id).where(
            User.station_id.is_(None) if scope.station_id is None else User.station_id == scope.station_id
        )

    def _station_accounts(self, scope: Scope) -> Select[tuple[int]]:
        col = PlatformAccount.station_id
        return select(PlatformAccount.id).where(col.is_(None) if scope.station_id is None else col == scope.station_id)

    def _conversation_scope(self, scope: Scope, f: ReportFilter) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if scope.kind == "own":
            conds.append(Conversation.assignee_user_id == scope.user_id)
        elif scope.kind == "station":
            conds.append(
                or_(
                    Conversation.account_id.in_(self._station_accounts(scope)),
                    Conversation.assignee_user_id.in_(self._station_users(scope)),
                )
            )
        if f.platform:
            conds.append(Conversation.platform == f.platform)
        if f.account_id is not None:
            conds.append(Conversation.account_id == f.account_id)
        if f.team:
            conds.append(Conversation.team == f.team)
        if f.officer_id is not None:
            conds.append(Conversation.assignee_user_id == f.officer_id)
        return conds

    def _user_scope(self, scope: Scope, f: ReportFilter) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if scope.kind == "own":
            conds.append(User.id == scope.user_id)
        elif scope.kind == "station":
            conds.append(User.id.in_(self._station_users(scope)))
        if f.team:
            conds.append(User.team == f.team)
        if f.officer_id is not None:
            conds.append(User.id == f.officer_id)
        return conds

    def _timezone(self, session: Session, identity: Identity) -> str:
        if identity.station_id is not None:
            tz = session.scalar(select(Station.timezone).where(Station.id == identity.station_id))
            if tz:
                return str(tz)
        tz = session.scalar(select(Station.timezone).order_by(Station.id).limit(1))
        return str(tz) if tz else "UTC"

    # --- the bundle ------------------------------------------------------------------------------

    def build(self, identity: Identity, f: ReportFilter, *, timezone: str | None = None) -> ReportBundle:
        """Every report for ``f`` within what ``identity`` may see."""
        scope = scope_for(identity)
        now = self.ctx.clock.now()
        with self.ctx.sessions() as session:
            tz = timezone or self._timezone(session, identity)
            if f.end <= f.start:
                msg = note("report.empty_range", "The date range is empty: its end is not after its start.")
                return ReportBundle(f, scope, now, tz, notes=(msg,))
            notes: list[Message] = []
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="report") as pool:
                # The inbox side (every item of the range, every event) is read on a second connection while
                # this one reads conversations and posts: the database works while Python groups.
                aside = pool.submit(self._inbox_side, scope, f, tz) if self._parallel_reads() else None
                conversations = self._conversation_rows(session, scope, f)
                by_officer, by_team = self.response_times(session, scope, f, conversations)
                published, refused_notes = self.published(session, scope, f, notes)
                campaigns = self.campaigns(session, scope, f)
                tweetathons = self.tweetathons(session, scope, f)
                volume, activity = aside.result() if aside is not None else self._inbox_side(scope, f, tz, session)
            bundle = ReportBundle(
                filter=f,
                scope=scope,
                generated_at=now,
                timezone=tz,
                volume=volume,
                response_by_officer=by_officer,
                response_by_team=by_team,
                sla=self.sla(session, scope, f, conversations),
                campaigns=campaigns,
                tweetathons=tweetathons,
                activity=activity,
                published=published,
            )
            notes.extend(refused_notes)
            if not any(getattr(bundle, t) for t in ReportBundle.TABLES if t != "sla") and all(
                r.conversations == 0 for r in bundle.sla
            ):
                notes.insert(0, note("report.no_data", "Nothing happened in this date range."))
            return dataclasses.replace(bundle, notes=tuple(notes))

    def _parallel_reads(self) -> bool:
        """A second connection sees the same data: a server, or an SQLite file (not one in memory)."""
        url = self.ctx.engine.url
        if url.get_backend_name() != "sqlite":
            return True
        return url.database not in (None, "", ":memory:") and "mode=memory" not in str(url)

    def _inbox_side(
        self, scope: Scope, f: ReportFilter, tz: str, session: Session | None = None
    ) -> tuple[tuple[VolumeRow, ...], tuple[ActivityRow, ...]]:
        """Volume and activity, in ``session`` or in a session of their own."""
        if session is not None:
            return self.volume(session, scope, f, tz), self.activity(session, scope, f)
        with self.ctx.sessions() as own:
            return self.volume(own, scope, f, tz), self.activity(own, scope, f)

    def volume(self, session: Session, scope: Scope, f: ReportFilter, tz: str) -> tuple[VolumeRow, ...]:
        """Inbound items by platform, triage class and hour of day in the station's time zone.

        The range is cut where the zone's UTC offset changes (daylight saving), so each part is one grouped
        query on the hour with a fixed shift: no per-row time-zone work, and few groups to bring back."""
        segments = _offset_segments(f.start, f.end, ZoneInfo(tz))
        conv_conds = self._conversation_scope(
            Scope("all") if scope.kind == "station" else scope,
            dataclasses.replace(f, platform=None, account_id=None),
        )
        if (
            session.get_bind().dialect.name == "sqlite"
            and not conv_conds
            and all(o % 60 == 0 for *_, o in segments)
            # A month's items sort quickly; past that, reading the whole hour index once is cheaper.
            and f.end - f.start > timedelta(days=31)
            and _has_index(session, VOLUME_HOUR_INDEX)
        ):
            return self._volume_by_utc_hour(session, scope, f, segments)
        counts: Counter[tuple[str, str, int]] = Counter()
        for start, end, offset in segments:
            hour = _local_hour(session, offset)
            stmt = (
                select(InboxItem.platform, InboxItem.triage_label, hour, func.count())
                # SQLite would otherwise pick a narrower index and read every row; this one covers the query.
                .with_hint(InboxItem, "INDEXED BY ix_inbox_items_created_volume", "sqlite")
            ).where(
                InboxItem.created_at >= start,
                InboxItem.created_at < end,
                InboxItem.from_account.is_(False),
                *self._volume_item_conds(scope, f),
            )
            if conv_conds:
                stmt = stmt.join(Conversation, Conversation.id == InboxItem.conversation_id).where(*conv_conds)
            stmt = stmt.group_by(InboxItem.platform, InboxItem.triage_label, hour)
            for platform, triage, h, n in session.connection().execute(stmt):
                counts[(str(platform), str(triage or "unclassified"), int(h) % 24)] += int(n)
        return tuple(VolumeRow(p, t, h, n) for (p, t, h), n in sorted(counts.items()))

    def _volume_item_conds(self, scope: Scope, f: ReportFilter) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if scope.kind == "station":
            # Volume is the work that reached the station's own accounts.
            conds.append(InboxItem.account_id.in_(self._station_accounts(scope)))
        if f.platform:
            conds.append(InboxItem.platform == f.platform)
        if f.account_id is not None:
            conds.append(InboxItem.account_id == f.account_id)
        return conds

    def _volume_by_utc_hour(
        self, session: Session, scope: Scope, f: ReportFilter, segments: list[tuple[datetime, datetime, int]]
    ) -> tuple[VolumeRow, ...]:
        """SQLite, whole-hour offsets: one pass grouped on the stored UTC hour, a count per offset segment.

        The grouping follows ``ix_inbox_items_volume_hour`` (platform, class, UTC hour, ...), so SQLite
        counts in index order instead of sorting every item; each segment's hours are shifted afterwards."""
        # Items at or after each later segment's start: each segment's own count is a difference of these.
        from_boundary = [func.sum(case((InboxItem.created_at >= start, 1), else_=0)) for start, _, _ in segments[1:]]
        stmt = (
            select(InboxItem.platform, InboxItem.triage_label, _UTC_HOUR, func.count(), *from_boundary)
            .where(
                _created_unindexed >= f.start,
                _created_unindexed < f.end,
                InboxItem.from_account.is_(False),
                *self._volume_item_conds(scope, f),
            )
            .group_by(InboxItem.platform, InboxItem.triage_label, _UTC_HOUR)
        )
        counts: Counter[tuple[str, str, int]] = Counter()
        for platform, triage, utc_hour, total, *later in session.connection().execute(stmt):
            tails = [int(total), *(int(n or 0) for n in later), 0]
            for (_, _, offset), n in zip(segments, (a - b for a, b in itertools.pairwise(tails)), strict=True):
                if n:
                    key = (str(platform), str(triage or "unclassified"), (int(utc_hour) + offset // 60) % 24)
                    counts[key] += n
        return tuple(VolumeRow(p, t, h, n) for (p, t, h), n in sorted(counts.items()))

    def _conversation_rows(self, session: Session, scope: Scope, f: ReportFilter) -> list[tuple[Any, ...]]:
        """(assignee, team, platform, first response, resolution) of every conversation begun in the range.

        One read feeds both the response-time and the SLA tables. The rows come straight from the driver:
        plain integers and strings need no conversion, and a year holds hundreds of thousands of them."""
        stmt = select(
            Conversation.assignee_user_id,
            Conversation.team,
            Conversation.platform,
            Conversation.first_response_seconds,
            Conversation.resolution_seconds,
        ).where(
            Conversation.first_inbound_at >= f.start,
            Conversation.first_inbound_at < f.end,
            *self._conversation_scope(scope, f),
        )
        result = session.connection().execute(stmt)
        try:
            return list(result.cursor.fetchall())
        finally:
            result.close()

    def response_times(
        self, session: Session, scope: Scope, f: ReportFilter, rows: list[tuple[Any, ...]] | None = None
    ) -> tuple[tuple[ResponseRow, ...], tuple[ResponseRow, ...]]:
        """First-response and resolution office times by officer and by team."""
        if rows is None:
            rows = self._conversation_rows(session, scope, f)
        names = dict(session.execute(select(User.id, User.display_name)).tuples().all())
        by_officer, by_team = _grouped(rows)
        officers = tuple(
            _response(
                "officer", "" if uid is None else str(uid), names.get(uid, "unassigned") if uid else "unassigned", *v
            )
            for uid, v in sorted(by_officer.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
        )
        teams = tuple(
            _response("team", t or "", t or "no team", *v)
            for t, v in sorted(by_team.items(), key=lambda kv: kv[0] or "")
        )
        return officers, teams

    def sla(
        self, session: Session, scope: Scope, f: ReportFilter, rows: list[tuple[Any, ...]] | None = None
    ) -> tuple[SlaRow, ...]:
        """Share of conversations whose first response came within the target, per platform and overall."""
        if rows is None:
            rows = self._conversation_rows(session, scope, f)
        target = self.sla_seconds
        total = Counter(map(itemgetter(2), rows))
        within = Counter(r[2] for r in rows if r[3] is not None and r[3] <= target)
        out = [SlaRow(str(p), n, within[p], within[p] / n, target) for p, n in sorted(total.items())]
        inside = sum(within.values())
        out.append(SlaRow("all", len(rows), inside, (inside / len(rows)) if rows else None, target))
        return tuple(out)

    def _latest_samples(self) -> Any:
        """Each delivery's latest engagement reading, joined on ``id == latest_sample_id``.

        A lookup per delivery on ``ix_engagement_samples_delivery_at`` rather than grouping every sample ever
        taken: a report reads only the deliveries of its range."""
        return aliased(EngagementSample)

    def _latest_sample_id(self) -> Any:
        return (
            select(func.max(EngagementSample.id))
            .where(EngagementSample.delivery_id == Delivery.id)
            .correlate(Delivery)
            .scalar_subquery()
        )

    def _outbound_scope(self, scope: Scope, f: ReportFilter) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if scope.kind == "own":
            conds.append(OutboundItem.author_user_id == scope.user_id)
        elif scope.kind == "station":
            conds.append(
                or_(
                    OutboundItem.author_user_id.in_(self._station_users(scope)),
                    Delivery.account_id.in_(self._station_accounts(scope)),
                )
            )
        if f.account_id is not None:
            conds.append(Delivery.account_id == f.account_id)
        if f.platform:
            conds.append(
                Delivery.account_id.in_(select(PlatformAccount.id).where(PlatformAccount.platform == f.platform))
            )
        if f.officer_id is not None:
            conds.append(OutboundItem.author_user_id == f.officer_id)
        if f.team:
            conds.append(OutboundItem.author_user_id.in_(select(User.id).where(User.team == f.team)))
        return conds

    def campaigns(self, session: Session, scope: Scope, f: ReportFilter) -> tuple[CampaignRow, ...]:
        """Campaigns with posts due or created in the range: posts, deliveries by state, engagement."""
        s = self._latest_samples()
        when = func.coalesce(OutboundItem.due_at, OutboundItem.created_at)

        def count_if(cond: ColumnElement[bool]) -> Any:
            return func.sum(case((cond, 1), else_=0))

        pending = [DeliveryState.PENDING.value, DeliveryState.SENDING.value]
        stmt = (
            select(
                OutboundItem.campaign_id,
                func.count(func.distinct(OutboundItem.id)),
                count_if(Delivery.state == DeliveryState.PUBLISHED.value),
                count_if(Delivery.state.in_(pending)),
                count_if(Delivery.state == DeliveryState.FAILED.value),
                func.count(Delivery.id),
                *(func.sum(func.coalesce(c, 0)) for c in (s.likes, s.reposts, s.replies, s.impressions)),
            )
            .outerjoin(Delivery, Delivery.outbound_id == OutboundItem.id)
            .outerjoin(s, s.id == self._latest_sample_id())
            .where(
                OutboundItem.campaign_id.is_not(None), when >= f.start, when < f.end, *self._outbound_scope(scope, f)
            )
            .group_by(OutboundItem.campaign_id)
        )
        # Grouped on the posts alone; with campaigns in the join SQLite may read every post once per campaign.
        rows = session.execute(stmt).all()
        names = dict(
            session.execute(select(Campaign.id, Campaign.name).where(Campaign.id.in_([r[0] for r in rows])))
            .tuples()
            .all()
        )
        out = []
        for cid, posts, *states, deliveries, likes, reposts, replies, impressions in sorted(rows):
            if cid not in names:
                continue
            name = names[cid]
            published, pend, failed = (int(n or 0) for n in states)
            out.append(
                CampaignRow(
                    cid,
                    name,
                    int(posts),
                    published,
                    pend,
                    failed,
                    int(deliveries) - published - pend - failed,
                    *(int(v or 0) for v in (likes, reposts, replies, impressions)),
                )
            )
        return tuple(out)

    def tweetathons(self, session: Session, scope: Scope, f: ReportFilter) -> tuple[TweetathonRow, ...]:
        """Calls by source in the range, and how the tweetathon posts of them went.

        A tweetathon post names its calls in ``details`` (``source`` and ``call_keys``); a post that
        carries more than one call is a batch. Officers' own scope has no tweetathon rows (the calls
        belong to the station's control room, not to a person)."""
        if scope.kind == "own":
            return ()
        calls = session.execute(
            select(Call.source, Call.status, func.count())
            .where(Call.received_at >= f.start, Call.received_at < f.end)
            .group_by(Call.source, Call.status)
        ).all()
        per: dict[str, Counter[str]] = defaultdict(Counter)
        for source, status, n in calls:
            per[str(source)][str(status)] += int(n)
        received = {
            (str(s), str(k)): _aware(at)
            for s, k, at in session.execute(
                select(Call.source, Call.call_key, Call.received_at).where(
                    Call.received_at >= f.start, Call.received_at < f.end
                )
            )
        }
        # Each tweetathon post with its first publication; other posts are never grouped.
        posts = session.execute(
            select(OutboundItem.details, func.min(Delivery.published_at))
            .join(Delivery, Delivery.outbound_id == OutboundItem.id)
            .where(
                OutboundItem.kind == OutboundKind.TWEETATHON.value,
                Delivery.state == DeliveryState.PUBLISHED.value,
                Delivery.published_at >= f.start,
            )
            .group_by(OutboundItem.id)  # details follow from the key (PostgreSQL cannot compare JSON)
        ).all()
        posted: dict[str, set[str]] = defaultdict(set)
        batched: dict[str, set[str]] = defaultdict(set)
        delays: dict[str, list[float]] = defaultdict(list)
        for details, published_at in posts:
            source = str((details or {}).get("source", ""))
            keys = [str(k) for k in (details or {}).get("call_keys", [])]
            for key in keys:
                at = received.get((source, key))
                if at is None or key in posted[source]:
                    continue
                posted[source].add(key)
                if len(keys) > 1:
                    batched[source].add(key)
                if published_at is not None:
                    delays[source].append((_aware(published_at) - at).total_seconds() / 60)
        out = []
        for source in sorted(per):
            st = per[source]
            d = sorted(delays[source])
            out.append(
                TweetathonRow(
                    source,
                    sum(st.values()),
                    len(posted[source]),
                    st["held"],
                    st["excluded"] + st["sensitive"],
                    len(batched[source]),
                    percentile(d, 50),
                    statistics.fmean(d) if d else None,
                )
            )
        return tuple(out)

    def activity(self, session: Session, scope: Scope, f: ReportFilter) -> tuple[ActivityRow, ...]:
        """Replies, notes, closes and assignments per person (conversation events) and audited actions."""
        users = session.execute(select(User.id, User.display_name).where(*self._user_scope(scope, f))).all()
        if not users:
            return ()
        ids = [u for u, _ in users]
        kinds = {"reply_queued": "replies", "note": "notes", "resolved": "closes", "assign": "assignments"}
        events = session.execute(
            select(ConversationEvent.user_id, ConversationEvent.kind, func.count())
            .where(
                ConversationEvent.at >= f.start,
                ConversationEvent.at < f.end,
                ConversationEvent.kind.in_(list(kinds)),
                ConversationEvent.user_id.in_(ids),
            )
            .group_by(ConversationEvent.user_id, ConversationEvent.kind)
        ).all()
        counts: dict[int, Counter[str]] = defaultdict(Counter)
        for uid, kind, n in events:
            counts[int(uid)][kinds[str(kind)]] += int(n)
        audited = dict(
            session.execute(
                select(AuditEntry.user_id, func.count())
                .where(AuditEntry.at >= f.start, AuditEntry.at < f.end, AuditEntry.user_id.in_(ids))
                .group_by(AuditEntry.user_id)
            )
            .tuples()
            .all()
        )
        out = []
        for uid, name in sorted(users):
            c = counts[uid]
            row = ActivityRow(
                uid, name, c["replies"], c["notes"], c["closes"], c["assignments"], int(audited.get(uid, 0))
            )
            if scope.kind != "all" or any(dataclasses.astuple(row)[2:]):
                out.append(row)
        return tuple(out)

    def published(
        self, session: Session, scope: Scope, f: ReportFilter, notes: list[Message] | None = None
    ) -> tuple[tuple[PublishedRow, ...], list[Message]]:
        """What we published in the range, with the latest engagement reading of each delivery."""
        s = self._latest_samples()
        stmt = (
            select(
                Delivery.id,
                OutboundItem.id,
                OutboundItem.kind,
                PlatformAccount.platform,
                PlatformAccount.handle,
                Delivery.platform_post_id,
                Delivery.published_at,
                Delivery.state,
                func.coalesce(Delivery.text, OutboundItem.text),
                s.likes,
                s.reposts,
                s.replies,
                s.impressions,
                s.quotes,
                s.id,
                MetricsState.refused,
            )
            .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
            .join(PlatformAccount, PlatformAccount.id == Delivery.account_id)
            .outerjoin(s, s.id == self._latest_sample_id())
            .outerjoin(MetricsState, MetricsState.account_id == Delivery.account_id)
            .where(
                Delivery.published_at >= f.start,
                Delivery.published_at < f.end,
                Delivery.platform_post_id.is_not(None),
                *self._outbound_scope(scope, f),
            )
            .order_by(Delivery.published_at.desc(), Delivery.id.desc())
            .limit(PUBLISHED_LIMIT + 1)
        )
        rows = []
        refused: set[tuple[str, str]] = set()
        for r in session.execute(stmt):
            status = "sampled" if r[14] is not None else ("refused" if r[15] else "none_yet")
            if r[15]:
                refused.add((str(r[3]), str(r[4])))
            rows.append(
                PublishedRow(
                    r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], status
                )
            )
        extra: list[Message] = []
        if len(rows) > PUBLISHED_LIMIT:
            rows = rows[:PUBLISHED_LIMIT]
            extra.append(
                note(
                    "report.published_truncated",
                    "Only the newest {limit} publications are listed.",
                    limit=PUBLISHED_LIMIT,
                )
            )
        for platform, handle in sorted(refused):
            extra.append(
                note(
                    "report.metrics_refused",
                    "{platform} refuses engagement figures for {handle}; they are missing from this report.",
                    platform=platform,
                    handle=handle,
                )
            )
        return tuple(rows), extra

    # --- export -----------------------------------------------------------------------------------

    def export_csv(self, identity: Identity, bundle: ReportBundle, folder: Path) -> list[Path]:
        """Write one CSV per report table (UTF-8 with BOM, for Excel); audited as ``report.export``."""
        scope_for(identity)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = bundle.generated_at.strftime("%Y%m%dT%H%M%SZ")
        paths = []
        for name, (headers, rows) in bundle.tables().items():
            path = folder / f"report-{name}-{stamp}.csv"
            _write_csv(path, headers, rows)
            paths.append(path)
        if bundle.notes:
            path = folder / f"report-notes-{stamp}.csv"
            _write_csv(path, ("code", "message"), [(n.code, n.english()) for n in bundle.notes])
            paths.append(path)
        with self.ctx.transaction() as session:
            self.ctx.audit.append(
                session,
                identity.actor,
                "report.export",
                "report",
                stamp,
                summarise(
                    start=bundle.filter.start,
                    end=bundle.filter.end,
                    scope=bundle.scope.kind,
                    files=[p.name for p in paths],
                ),
            )
        return paths

    def record_pdf_export(self, identity: Identity, bundle: ReportBundle, path: Path) -> None:
        """Audit a PDF of ``bundle`` written to ``path`` as ``report.export`` (the file itself is the UI's)."""
        scope_for(identity)
        stamp = bundle.generated_at.strftime("%Y%m%dT%H%M%SZ")
        with self.ctx.transaction() as session:
            self.ctx.audit.append(
                session,
                identity.actor,
                "report.export",
                "report",
                stamp,
                summarise(
                    start=bundle.filter.start,
                    end=bundle.filter.end,
                    scope=bundle.scope.kind,
                    format="pdf",
                    files=[path.name],
                ),
            )

    # --- audit browser ------------------------------------------------------------------------------

    def _audit_where(self, q: AuditQuery) -> list[ColumnElement[bool]]:
        conds: list[ColumnElement[bool]] = []
        if q.user_id is not None:
            conds.append(AuditEntry.user_id == q.user_id)
        if q.actor:
            conds.append(AuditEntry.actor == q.actor)
        if q.action:
            conds.append(
                AuditEntry.action.like(q.action[:-1] + "%") if q.action.endswith("*") else AuditEntry.action == q.action
            )
        if q.object_type:
            conds.append(AuditEntry.object_type == q.object_type)
        if q.object_id:
            conds.append(AuditEntry.object_id == q.object_id)
        if q.start is not None:
            conds.append(AuditEntry.at >= q.start)
        if q.end is not None:
            conds.append(AuditEntry.at < q.end)
        return conds

    def audit_page(self, identity: Identity, q: AuditQuery, offset: int = 0, limit: int = 100) -> AuditPage:
        """Matching audit entries, newest first, one page at a time (supervisors and administrators)."""
        _require_audit(identity)
        limit = max(1, min(limit, 1000))
        offset = max(0, offset)
        conds = self._audit_where(q)
        with self.ctx.sessions() as session:
            total = int(session.scalar(select(func.count()).select_from(AuditEntry).where(*conds)) or 0)
            entries = session.scalars(
                select(AuditEntry).where(*conds).order_by(AuditEntry.seq.desc()).offset(offset).limit(limit)
            ).all()
            return AuditPage(tuple(_audit_row(e) for e in entries), total, offset, limit)

    def audit_status(self, identity: Identity) -> VerifyReport:
        """The chain's verification status."""
        _require_audit(identity)
        with self.ctx.sessions() as session:
            return self.ctx.audit.verify(session)

    def export_audit(self, identity: Identity, q: AuditQuery, path: Path) -> int:
        """Write the matching entries (oldest first, with hashes) to a CSV; audited. Returns the count."""
        _require_audit(identity)
        conds = self._audit_where(q)
        headers = ("seq", "at", "actor", "user_id", "workstation", "action", "object_type", "object_id", "summary")
        headers_full = (*headers, "prev_hash", "hash")
        n = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        with self.ctx.sessions() as session, path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(headers_full)
            stmt = select(AuditEntry).where(*conds).order_by(AuditEntry.seq).execution_options(yield_per=2000)
            for e in session.scalars(stmt):
                writer.writerow((*dataclasses.astuple(_audit_row(e)), e.prev_hash, e.hash))
                n += 1
        with self.ctx.transaction() as session:
            self.ctx.audit.append(
                session,
                identity.actor,
                "audit.export",
                "audit",
                "",
                summarise(
                    filters={k: v for k, v in dataclasses.asdict(q).items() if v is not None}, rows=n, file=path.name
                ),
            )
        return n


def _offset_segments(start: datetime, end: datetime, zone: ZoneInfo) -> list[tuple[datetime, datetime, int]]:
    """Cut [start, end) where the zone's UTC offset (in minutes) changes; checked hour by hour."""

    def offset(at: datetime) -> int:
        delta = at.astimezone(zone).utcoffset()
        return int(delta.total_seconds() // 60) if delta is not None else 0

    # Stepped in UTC: an hour added to a zoned time is wall-clock arithmetic and would misplace the change.
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    segments: list[tuple[datetime, datetime, int]] = []
    seg_start, current = start, offset(start)
    at = start.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    while at < end:
        now = offset(at)
        if now != current:
            segments.append((seg_start, at, current))
            seg_start, current = at, now
        at += timedelta(hours=1)
    segments.append((seg_start, end, current))
    return segments


def _local_hour(session: Session, offset_minutes: int) -> Any:
    """The hour of day of ``created_at`` shifted by a fixed offset, cheaply on each database."""
    col = InboxItem.created_at
    if session.get_bind().dialect.name == "postgresql":
        shifted = col + func.make_interval(0, 0, 0, 0, 0, offset_minutes)
        return func.extract("hour", shifted).cast(_int_type())
    if offset_minutes % 60 == 0:
        # Stored as ISO text: the hour is characters 12-13, no date parsing per row.
        return (func.substr(col, 12, 2).cast(_int_type()) + 24 + offset_minutes // 60) % 24
    return func.strftime("%H", col, f"{offset_minutes:+d} minutes").cast(_int_type())


def _has_index(session: Session, name: str) -> bool:
    """Whether SQLite has the index ``name`` (a database older than its migration has not)."""
    sql = "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?"
    return session.connection().exec_driver_sql(sql, (name,)).first() is not None


def _require_audit(identity: Identity) -> None:
    if not identity.can(Action.EXPORT_AUDIT):
        raise PermissionDenied("browse the audit log", identity.username)


def _audit_row(e: AuditEntry) -> AuditRow:
    return AuditRow(e.seq, e.at, e.actor, e.user_id, e.workstation, e.action, e.object_type, e.object_id, e.summary)


def _grouped(
    rows: Sequence[tuple[Any, ...]],
) -> tuple[dict[Any, tuple[int, list[int], list[int]]], dict[Any, tuple[int, list[int], list[int]]]]:
    """Per officer and per team: (conversations, first-response seconds, resolution seconds)."""
    fr_officer: dict[Any, list[int]] = defaultdict(list)
    res_officer: dict[Any, list[int]] = defaultdict(list)
    fr_team: dict[Any, list[int]] = defaultdict(list)
    res_team: dict[Any, list[int]] = defaultdict(list)
    for uid, team, _platform, fr, res in rows:
        if fr is not None:
            fr_officer[uid].append(fr)
            fr_team[team].append(fr)
        if res is not None:
            res_officer[uid].append(res)
            res_team[team].append(res)
    officers = Counter(map(itemgetter(0), rows))
    teams = Counter(map(itemgetter(1), rows))
    return (
        {k: (n, fr_officer[k], res_officer[k]) for k, n in officers.items()},
        {k: (n, fr_team[k], res_team[k]) for k, n in teams.items()},
    )


def _response(group: str, key: str, name: str, conversations: int, fr: list[int], res: list[int]) -> ResponseRow:
    return ResponseRow(group, key, name, conversations, len(fr), *_stats(fr), len(res), *_stats(res))


def _int_type() -> Any:
    from sqlalchemy import Integer

    return Integer()


def _write_csv(path: Path, headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([v.isoformat() if isinstance(v, datetime) else ("" if v is None else v) for v in row])


__all__ = [
    "ActivityRow",
    "AuditPage",
    "AuditQuery",
    "AuditRow",
    "CampaignRow",
    "PublishedRow",
    "ReportBundle",
    "ReportFilter",
    "ReportService",
    "ResponseRow",
    "Scope",
    "SlaRow",
    "TweetathonRow",
    "VolumeRow",
    "percentile",
    "scope_for",
]


@dataclass(frozen=True)
class Choices:
    """What the filter boxes offer: accounts (id, label), teams, officers (id, name)."""

    platforms: list[str]
    accounts: list[tuple[int, str]]
    teams: list[str]
    officers: list[tuple[int, str]]


def load_choices(ctx: DeskContext) -> Choices:
    """The accounts, teams and people to filter by (run on the database lane)."""
    with ctx.sessions() as session:
        accounts = session.execute(
            select(PlatformAccount.id, PlatformAccount.platform, PlatformAccount.handle).order_by(
                PlatformAccount.platform, PlatformAccount.handle
            )
        ).all()
        users = session.execute(select(User.id, User.display_name, User.team).order_by(User.display_name)).all()
    return Choices(
        sorted({a.platform for a in accounts}),
        [(a.id, f"{a.platform}: {a.handle}") for a in accounts],
        sorted({u.team for u in users if u.team}),
        [(u.id, u.display_name) for u in users],
    )
