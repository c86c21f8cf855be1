"""Planning: campaigns, the calendar, queue slots per account, rescheduling, and appeals with review dates."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from desk.audit import summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import DeskError, ValidationFailed
from desk.ports import Platform
from desk.reserve import LIVE_STATES, check_fixed_time, fits_posting_budget, keeps_reserve, planned_times
from desk.roles import Action
from desk.storage.models import Campaign, Delivery, OutboundItem, OutboundState, PlatformAccount, Setting

QUEUE_SLOTS_KEY = "queue_slots"
DEFAULT_SLOTS = ("08:30", "12:00", "16:30", "19:00")

__all__ = ["LIVE_STATES", "fits_posting_budget"]  # kept importable from here


class AppealKind(enum.StrEnum):
    """Posts that name or describe a person and must come down when no longer needed."""

    MISSING_PERSON = "missing_person"
    WANTED_PERSON = "wanted_person"
    WITNESS_APPEAL = "witness_appeal"


@dataclass(frozen=True)
class CampaignRecord:
    """A campaign as screens show it."""

    id: int
    name: str
    description: str
    starts_at: datetime | None
    ends_at: datetime | None


@dataclass(frozen=True)
class CalendarEntry:
    """One planned or published post on the calendar."""

    outbound_id: int
    due_at: datetime
    state: str
    kind: str
    text: str
    campaign_id: int | None
    platforms: tuple[str, ...]
    appeal: str | None


@dataclass(frozen=True)
class AppealDue:
    """An appeal whose review date came, or whose subject was found or charged."""

    outbound_id: int
    kind: AppealKind
    review_at: datetime
    text: str
    reason: str  # review_date, resolved


class PlanningService:
    """Campaigns, calendar queries, queue slots, rescheduling and appeals."""

    def __init__(self, ctx: DeskContext, timezone: str = "Europe/Helsinki") -> None:
        self.ctx = ctx
        self.zone = ZoneInfo(timezone)

    # campaigns -------------------------------------------------------------------------------------

    def create_campaign(
        self,
        by: Identity,
        name: str,
        description: str = "",
        starts_at: datetime | None = None,
        ends_at: datetime | None = None,
    ) -> CampaignRecord:
        """A named group of posts (a road-safety week, an appeal)."""
        require(by, Action.SCHEDULE)
        if not name.strip():
            raise ValidationFailed("campaigns.no_name", "Give the campaign a name.")
        if starts_at and ends_at and ends_at <= starts_at:
            raise ValidationFailed("campaigns.bad_range", "The campaign must end after it starts.")
        with self.ctx.transaction() as session:
            row = Campaign(
                name=name.strip(),
                description=description,
                starts_at=starts_at,
                ends_at=ends_at,
                created_by=by.user_id,
                created_at=self.ctx.clock.now(),
            )
            session.add(row)
            session.flush()
            self.ctx.audit.append(
                session, by.actor, "campaign.create", "campaign", row.id, summarise(after={"name": name})
            )
            return CampaignRecord(row.id, row.name, row.description, row.starts_at, row.ends_at)

    def campaigns(self) -> list[CampaignRecord]:
        """Every campaign, newest first."""
        with self.ctx.sessions() as session:
            rows = session.scalars(select(Campaign).order_by(Campaign.created_at.desc()))
            return [CampaignRecord(r.id, r.name, r.description, r.starts_at, r.ends_at) for r in rows]

    # the calendar ----------------------------------------------------------------------------------

    def calendar(self, start: datetime, end: datetime, account_ids: Sequence[int] | None = None) -> list[CalendarEntry]:
        """Posts due in [start, end), with the platforms they go to."""
        with self.ctx.sessions() as session:
            query = (
                select(OutboundItem, PlatformAccount.platform)
                .join(Delivery, Delivery.outbound_id == OutboundItem.id)
                .join(PlatformAccount, PlatformAccount.id == Delivery.account_id)
                .where(OutboundItem.due_at >= start, OutboundItem.due_at < end, OutboundItem.state.in_(LIVE_STATES))
                .order_by(OutboundItem.due_at, OutboundItem.id)
            )
            if account_ids:
                query = query.where(Delivery.account_id.in_(list(account_ids)))
            entries: dict[int, tuple[OutboundItem, list[str]]] = {}
            for item, platform in session.execute(query):
                entries.setdefault(item.id, (item, []))[1].append(platform)
        out = []
        for item, platforms in entries.values():
            assert item.due_at is not None
            appeal = item.details.get("appeal", {}).get("kind") if item.details.get("appeal") else None
            out.append(
                CalendarEntry(
                    item.id,
                    item.due_at,
                    item.state,
                    item.kind,
                    item.text,
                    item.campaign_id,
                    tuple(sorted(set(platforms))),
                    appeal,
                )
            )
        return out

    def reschedule(self, by: Identity, outbound_id: int, due_at: datetime) -> None:
        """Move a post (drag on the calendar); not into the past, not once it went out."""
        if due_at < self.ctx.clock.now():
            raise ValidationFailed("planning.past", "A post cannot be moved into the past.")
        with self.ctx.transaction() as session:
            item = session.get(OutboundItem, outbound_id)
            if item is None:
                raise DeskError("planning.not_found", "Post {id} does not exist.", id=outbound_id)
            if item.author_user_id != by.user_id or item.state != OutboundState.DRAFT.value:
                require(by, Action.SCHEDULE)
            if item.state not in (
                OutboundState.DRAFT.value,
                OutboundState.AWAITING_APPROVAL.value,
                OutboundState.SCHEDULED.value,
                OutboundState.HELD.value,
            ):
                raise ValidationFailed("planning.gone", "This post already went out and cannot be moved.")
            if keeps_reserve(item.kind, item.details):
                from desk.settings import SettingsService

                accounts = [a for d in item.deliveries if (a := session.get(PlatformAccount, d.account_id))]
                reserve = SettingsService(self.ctx).load().sync.reply_reserve_percent
                check_fixed_time(session, accounts, due_at, reserve, exclude=item.id)
            before = item.due_at
            item.due_at = due_at
            item.updated_at = self.ctx.clock.now()
            self.ctx.audit.append(
                session,
                by.actor,
                "outbound.reschedule",
                "outbound_item",
                item.id,
                summarise(before={"due_at": before}, after={"due_at": due_at}),
            )

    # queue slots -------------------------------------------------------------------------------------

    def slots(self, account_id: int) -> tuple[time, ...]:
        """The account's daily queue times (local to the station)."""
        with self.ctx.sessions() as session:
            doc = session.execute(select(Setting.value).where(Setting.key == QUEUE_SLOTS_KEY)).scalar_one_or_none()
        raw = (doc or {}).get(str(account_id), list(DEFAULT_SLOTS))
        return tuple(sorted(time.fromisoformat(t) for t in raw))

    def set_slots(self, by: Identity, account_id: int, slots: Sequence[str]) -> None:
        """Set an account's queue times ("HH:MM")."""
        require(by, Action.SCHEDULE)
        try:
            parsed = sorted({time.fromisoformat(s.strip()) for s in slots})
        except ValueError as exc:
            raise ValidationFailed(
                "planning.bad_slot", "Queue times look like 08:30 ({detail}).", detail=str(exc)
            ) from exc
        if not parsed:
            raise ValidationFailed("planning.no_slots", "Give at least one queue time.")
        with self.ctx.transaction() as session:
            row = session.get(Setting, QUEUE_SLOTS_KEY)
            value = dict(row.value) if row else {}
            value[str(account_id)] = [t.strftime("%H:%M") for t in parsed]
            if row is None:
                session.add(
                    Setting(key=QUEUE_SLOTS_KEY, value=value, updated_at=self.ctx.clock.now(), updated_by=by.user_id)
                )
            else:
                row.value = value
                row.updated_at = self.ctx.clock.now()
            self.ctx.audit.append(
                session, by.actor, "planning.slots", "platform_account", account_id, summarise(after=value)
            )

    def next_free_slot(
        self,
        account_ids: Sequence[int],
        after: datetime | None = None,
        days: int = 60,
        *,
        exclude: int | None = None,
    ) -> datetime:
        """ "Add to queue": the first slot of the first account after ``after`` that none of the accounts has taken.

        ``exclude``: a post about to be replaced (edited in the composer); its own slot counts as free."""
        start = max(after or self.ctx.clock.now(), self.ctx.clock.now())
        slot_times = self.slots(account_ids[0])
        with self.ctx.sessions() as session:
            query = (
                select(OutboundItem.due_at)
                .join(Delivery, Delivery.outbound_id == OutboundItem.id)
                .where(
                    Delivery.account_id.in_(list(account_ids)),
                    OutboundItem.due_at >= start,
                    OutboundItem.state.in_(LIVE_STATES),
                )
            )
            if exclude is not None:
                query = query.where(OutboundItem.id != exclude)
            taken = set(session.scalars(query))
        local_day = start.astimezone(self.zone).date()
        for offset in range(days):
            day = local_day + timedelta(days=offset)
            for slot in slot_times:
                candidate = datetime.combine(day, slot, self.zone).astimezone(start.tzinfo)
                if (
                    candidate > start
                    and candidate not in taken
                    and self._budget_allows(account_ids, candidate, exclude)
                ):
                    return candidate
        raise ValidationFailed("planning.queue_full", "No free queue slot in the next {days} days.", days=days)

    def _budget_allows(self, account_ids: Sequence[int], when: datetime, exclude: int | None = None) -> bool:
        """A queued broadcast leaves every account's reserve for replies and urgent posts free."""
        from desk.settings import SettingsService

        reserve = SettingsService(self.ctx).load().sync.reply_reserve_percent
        with self.ctx.sessions() as session:
            for account_id in account_ids:
                account = session.get(PlatformAccount, account_id)
                if account is None:
                    continue
                planned = planned_times(session, account_id, when, exclude=exclude)
                if not fits_posting_budget(Platform(account.platform), planned, when, reserve):
                    return False
        return True

    # appeals ----------------------------------------------------------------------------------------

    def mark_appeal(self, by: Identity, outbound_id: int, kind: AppealKind, review_at: datetime) -> None:
        """Mark a post as an appeal with a review date: the desk asks about it when the date comes."""
        require(by, Action.SCHEDULE)
        with self.ctx.transaction() as session:
            item = session.get(OutboundItem, outbound_id)
            if item is None:
                raise DeskError("planning.not_found", "Post {id} does not exist.", id=outbound_id)
            item.details = {**item.details, "appeal": {"kind": kind.value, "review_at": review_at.isoformat()}}
            self.ctx.audit.append(
                session,
                by.actor,
                "appeal.mark",
                "outbound_item",
                outbound_id,
                summarise(kind=kind.value, review_at=review_at),
            )

    def resolve_appeal(self, by: Identity, outbound_id: int, outcome: str) -> None:
        """The person was found or charged: the appeal must be updated or taken down everywhere."""
        require(by, Action.DRAFT_POST)
        with self.ctx.transaction() as session:
            item = session.get(OutboundItem, outbound_id)
            if item is None or not item.details.get("appeal"):
                raise ValidationFailed("appeal.not_an_appeal", "Post {id} is not an appeal.", id=outbound_id)
            appeal = {**item.details["appeal"], "resolved": outcome.strip() or "resolved"}
            item.details = {**item.details, "appeal": appeal}
            self.ctx.audit.append(
                session, by.actor, "appeal.resolved", "outbound_item", outbound_id, summarise(outcome=outcome)
            )

    def appeals_due(self) -> list[AppealDue]:
        """Published appeals to update or take down now (review date reached, or subject found/charged)."""
        now = self.ctx.clock.now()
        out: list[AppealDue] = []
        with self.ctx.sessions() as session:
            rows = session.scalars(
                select(OutboundItem).where(
                    OutboundItem.state.in_([OutboundState.DONE.value, OutboundState.PUBLISHING.value])
                )
            )
            for item in rows:
                appeal = item.details.get("appeal")
                if not appeal or appeal.get("closed"):
                    continue
                review_at = datetime.fromisoformat(appeal["review_at"])
                if appeal.get("resolved"):
                    out.append(AppealDue(item.id, AppealKind(appeal["kind"]), review_at, item.text, "resolved"))
                elif review_at <= now:
                    out.append(AppealDue(item.id, AppealKind(appeal["kind"]), review_at, item.text, "review_date"))
        return out

    def close_appeal(
        self, by: Identity, outbound_id: int, *, taken_down: bool, extend_to: datetime | None = None
    ) -> None:
        """Record the decision: taken down everywhere, or kept with a new review date."""
        require(by, Action.DRAFT_POST)
        with self.ctx.transaction() as session:
            item = session.get(OutboundItem, outbound_id)
            if item is None or not item.details.get("appeal"):
                raise ValidationFailed("appeal.not_an_appeal", "Post {id} is not an appeal.", id=outbound_id)
            appeal = dict(item.details["appeal"])
            if taken_down:
                appeal["closed"] = True
            elif extend_to is None or extend_to <= self.ctx.clock.now():
                raise ValidationFailed("appeal.review_date", "Choose a later review date to keep the appeal up.")
            else:
                appeal["review_at"] = extend_to.isoformat()
                appeal.pop("resolved", None)
            item.details = {**item.details, "appeal": appeal}
            self.ctx.audit.append(
                session,
                by.actor,
                "appeal.closed" if taken_down else "appeal.extended",
                "outbound_item",
                outbound_id,
                summarise(extend_to=extend_to),
            )
