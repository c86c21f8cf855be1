"""Publishing: every outbound thing is a row first, checked and guarded before it is queued; approvals.

A post becomes an :class:`OutboundItem` with one :class:`Delivery` per target account; sending it exactly
once is :mod:`desk.delivery`'s part.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from desk.audit import summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import DeskError, ValidationFailed
from desk.media import MediaRef
from desk.ports import (
    Capabilities,
    Platform,
    ReplyPolicy,
)
from desk.reserve import check_fixed_time, is_urgent, keeps_reserve
from desk.roles import Action
from desk.storage.models import (
    AccountStatus,
    Delivery,
    DeliveryState,
    OutboundItem,
    OutboundKind,
    OutboundState,
    PlatformAccount,
)
from desk.textcount import count, split_thread

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 15.0
BACKOFF_CAP_SECONDS = 30 * 60.0


# --- the guard seen from here -------------------------------------------------------------------------


class GuardBlocked(DeskError):
    """The privacy guard found what would identify a person; nothing was queued."""

    def __init__(self, target: str, hits: Sequence[Any]) -> None:
        kinds = ", ".join(sorted({str(getattr(h, "kind", "?")) for h in hits}))
        super().__init__(
            "publishing.guard_blocked",
            "The text for {target} contains what could identify a person ({kinds}). Remove it, or ask a "
            "supervisor to override with a reason.",
            target=target,
            kinds=kinds,
        )
        self.hits = tuple(hits)


# --- drafts and approvals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """What a person writes: one text (with per-account variants) for a set of accounts."""

    text: str
    account_ids: tuple[int, ...]
    due_at: datetime | None = None  # None: as soon as approved
    variants: Mapping[int, str] = field(default_factory=dict)
    lang: str | None = None
    content_warning: str | None = None
    campaign_id: int | None = None
    kind: OutboundKind = OutboundKind.POST
    media: tuple[MediaRef, ...] = ()
    reply_policy: ReplyPolicy | None = None  # None: the platform's default (everyone may reply)
    urgent: bool = False  # may use the accounts' reserve for replies and urgent posts (desk/reserve.py)
    replaces: int | None = None  # a live post this one is about to replace: its slot is not counted twice


@dataclass(frozen=True)
class DeliveryView:
    """A delivery as the screens show it."""

    id: int
    outbound_id: int
    account_id: int
    platform: Platform
    handle: str
    state: DeliveryState
    text: str
    attempts: int
    platform_post_id: str | None
    url: str | None
    error_code: str | None
    error_message: str | None
    next_attempt_at: datetime | None


@dataclass(frozen=True)
class PendingApproval:
    """A post awaiting approval, as the approvals list shows it."""

    outbound_id: int
    text: str
    author_user_id: int | None
    due_at: datetime | None
    platforms: tuple[str, ...]


def new_key() -> str:
    """A fresh idempotency key."""
    return uuid.uuid4().hex


class PublishingService:
    """Drafts, guard checks, approvals and cancellation; roles enforced here, not in the window."""

    def __init__(
        self,
        ctx: DeskContext,
        guard: Any,
        capabilities_for: Callable[[Platform], Capabilities],
    ) -> None:
        self.ctx = ctx
        self.guard = guard
        self.capabilities_for = capabilities_for

    # validation ---------------------------------------------------------------------------------

    def _accounts(self, session: Session, ids: Iterable[int]) -> list[PlatformAccount]:
        wanted = sorted(set(ids))
        if not wanted:
            raise ValidationFailed("publishing.no_accounts", "Choose at least one account to publish to.")
        rows = list(session.scalars(select(PlatformAccount).where(PlatformAccount.id.in_(wanted))))
        missing = set(wanted) - {r.id for r in rows}
        if missing:
            raise ValidationFailed("publishing.unknown_account", "Unknown account(s): {ids}", ids=sorted(missing))
        for row in rows:
            if row.status in (AccountStatus.NEEDS_RECONNECT.value, AccountStatus.DISABLED.value):
                raise ValidationFailed(
                    "publishing.account_needs_reconnect",
                    "{handle} on {platform} needs reconnecting before anything can be queued for it.",
                    handle=row.handle,
                    platform=row.platform,
                )
        return rows

    def _reserve_percent(self) -> int:
        from desk.settings import SettingsService

        return SettingsService(self.ctx).load().sync.reply_reserve_percent

    def account_capabilities(self, account: PlatformAccount) -> Capabilities:
        """One account's limits: its platform's, refined by what its server reported on verify (Mastodon)."""
        from desk.accounts import account_capabilities

        return account_capabilities(self.ctx, account.id, self.capabilities_for(Platform(account.platform)))

    def validate(self, draft: Draft, accounts: Sequence[PlatformAccount]) -> dict[int, str]:
        """Per-account texts, checked against each platform's rules; raises with a clear message."""
        now = self.ctx.clock.now()
        if draft.due_at is not None and draft.due_at < now - timedelta(seconds=5):
            raise ValidationFailed(
                "publishing.due_in_past",
                "The publishing time {due} is in the past; choose a later time.",
                due=draft.due_at.isoformat(),
            )
        texts: dict[int, str] = {}
        for acc in accounts:
            text = draft.variants.get(acc.id, draft.text)
            if not text.strip():
                raise ValidationFailed("publishing.empty_text", "The text for {handle} is empty.", handle=acc.handle)
            caps = self.account_capabilities(acc)
            _check_media(draft.media, caps, acc.handle)
            _check_reply_policy(draft.reply_policy, caps, acc.handle)
            counted = count(text, caps)
            if not counted.fits:
                raise ValidationFailed(
                    "publishing.too_long",
                    "The text for {handle} is {length} of {limit} characters as {platform} counts them.",
                    handle=acc.handle,
                    length=counted.length,
                    limit=counted.limit,
                    platform=acc.platform,
                )
            texts[acc.id] = text
        return texts

    def _guard(
        self,
        session: Session,
        by: Identity,
        outbound: OutboundItem,
        texts: Mapping[int, str],
        accounts: Mapping[int, PlatformAccount],
        waived: Sequence[str],
        reason: str | None,
    ) -> None:
        used_waivers: set[str] = set()
        for account_id, text in texts.items():
            result = self.guard.check(text, lang=outbound.lang)
            if not result.blocked:
                continue
            if not waived or result.blocked_unless(set(waived)):
                raise GuardBlocked(accounts[account_id].handle, result.blocking_hits)
            used_waivers |= {h.fingerprint for h in result.blocking_hits}
        if used_waivers:
            require(by, Action.OVERRIDE_GUARD)
            if not reason or len(reason.strip()) < 10:
                raise ValidationFailed(
                    "publishing.override_needs_reason", "Say why the guard is overridden (at least 10 characters)."
                )
            self.ctx.audit.append(
                session,
                by.actor,
                "guard.override",
                "outbound_item",
                outbound.id,
                summarise(waived=sorted(used_waivers), reason=reason.strip()),
            )

    # lifecycle ------------------------------------------------------------------------------------

    def create(self, by: Identity, draft: Draft) -> int:
        """Save a draft with one delivery per target account."""
        require(by, Action.DRAFT_POST)
        now = self.ctx.clock.now()
        with self.ctx.transaction() as session:
            accounts = self._accounts(session, draft.account_ids)
            texts = self.validate(draft, accounts)
            if draft.due_at is not None and keeps_reserve(draft.kind.value, _details(draft)):
                check_fixed_time(session, accounts, draft.due_at, self._reserve_percent(), exclude=draft.replaces)
            key = new_key()
            outbound = OutboundItem(
                kind=draft.kind.value,
                state=OutboundState.DRAFT.value,
                text=draft.text,
                lang=draft.lang,
                content_warning=draft.content_warning,
                due_at=draft.due_at,
                campaign_id=draft.campaign_id,
                author_user_id=by.user_id,
                idempotency_key=key,
                details=_details(draft),
                created_at=now,
                updated_at=now,
            )
            session.add(outbound)
            session.flush()
            for acc in accounts:
                session.add(
                    Delivery(
                        outbound_id=outbound.id,
                        account_id=acc.id,
                        text=texts[acc.id] if texts[acc.id] != draft.text else None,
                        idempotency_key=f"{key}:{acc.id}",
                    )
                )
            self.ctx.audit.append(
                session,
                by.actor,
                "outbound.create",
                "outbound_item",
                outbound.id,
                summarise(
                    after={
                        "kind": draft.kind.value,
                        "accounts": [a.id for a in accounts],
                        "text": draft.text,
                        **({"urgent": True} if draft.urgent else {}),
                    }
                ),
            )
            return outbound.id

    def create_thread(self, by: Identity, draft: Draft) -> list[int]:
        """A long text as a numbered thread on every target account: one chain of posts per account, each
        part a reply to the previous one there. Returns every outbound id, first parts first."""
        require(by, Action.DRAFT_POST)
        ids: list[int] = []
        for account_id in draft.account_ids:
            with self.ctx.sessions() as session:
                (account,) = self._accounts(session, [account_id])
            caps = self.account_capabilities(account)
            text = draft.variants.get(account_id, draft.text)
            try:
                parts = split_thread(text, caps)
            except ValueError as exc:
                raise ValidationFailed(
                    "publishing.thread", "This text cannot be split into a thread: {detail}", detail=str(exc)
                ) from exc
            parent: int | None = None
            for i, part in enumerate(parts):
                part_draft = Draft(
                    part,
                    (account_id,),
                    draft.due_at,
                    lang=draft.lang,
                    content_warning=draft.content_warning,
                    campaign_id=draft.campaign_id,
                    kind=draft.kind,
                    media=draft.media if i == 0 else (),
                    reply_policy=draft.reply_policy,
                    urgent=draft.urgent,
                )
                oid = self.create(by, part_draft)
                if parent is not None:
                    with self.ctx.transaction() as session:
                        item = self._get(session, oid)
                        item.details = {**item.details, "thread_parent": parent}
                ids.append(oid)
                parent = oid
        return ids

    def submit(
        self,
        by: Identity,
        outbound_id: int,
        *,
        waived: Sequence[str] = (),
        override_reason: str | None = None,
        for_approval: bool = False,
    ) -> OutboundState:
        """Run the guard; schedule it (press officers, supervisors) or send it for approval (officers).

        ``for_approval`` sends it for approval even when the author may schedule it themselves (a campaign
        a supervisor signs off)."""
        with self.ctx.transaction() as session:
            outbound = self._get(session, outbound_id)
            if outbound.state != OutboundState.DRAFT.value:
                raise ValidationFailed(
                    "publishing.not_a_draft",
                    "Only a draft can be submitted (this one is {state}).",
                    state=outbound.state,
                )
            if by.user_id != outbound.author_user_id and not by.can(Action.APPROVE_POSTS):
                raise ValidationFailed("publishing.not_yours", "Only the author can submit this draft.")
            accounts = {a.id: a for a in self._accounts(session, [d.account_id for d in outbound.deliveries])}
            texts = {d.account_id: d.text or outbound.text for d in outbound.deliveries}
            self._guard(session, by, outbound, texts, accounts, waived, override_reason)
            if by.can(Action.PUBLISH_WITHOUT_APPROVAL) and by.can(Action.SCHEDULE) and not for_approval:
                new_state = OutboundState.SCHEDULED
                outbound.approved_by_user_id = by.user_id
                outbound.approved_at = self.ctx.clock.now()
                if outbound.due_at is None:
                    outbound.due_at = self.ctx.clock.now()
            else:
                new_state = OutboundState.AWAITING_APPROVAL
            before = outbound.state
            outbound.state = new_state.value
            outbound.updated_at = self.ctx.clock.now()
            self.ctx.audit.append(
                session,
                by.actor,
                "outbound.submit",
                "outbound_item",
                outbound.id,
                summarise(before={"state": before}, after={"state": new_state.value}),
            )
            return new_state

    def approve(self, by: Identity, outbound_id: int) -> None:
        """Approve someone else's post; the approver can never be the author."""
        require(by, Action.APPROVE_POSTS)
        with self.ctx.transaction() as session:
            outbound = self._get(session, outbound_id)
            if outbound.state != OutboundState.AWAITING_APPROVAL.value:
                raise ValidationFailed(
                    "publishing.not_awaiting",
                    "This post is not awaiting approval (it is {state}).",
                    state=outbound.state,
                )
            if outbound.author_user_id is not None and outbound.author_user_id == by.user_id:
                raise ValidationFailed("publishing.own_post", "Nobody approves their own post: ask a colleague.")
            accounts = {a.id: a for a in self._accounts(session, [d.account_id for d in outbound.deliveries])}
            texts = {d.account_id: d.text or outbound.text for d in outbound.deliveries}
            self._guard(session, by, outbound, texts, accounts, (), None)
            now = self.ctx.clock.now()
            outbound.state = OutboundState.SCHEDULED.value
            outbound.approved_by_user_id = by.user_id
            outbound.approved_at = now
            if outbound.due_at is None or outbound.due_at < now:
                outbound.due_at = now
            outbound.updated_at = now
            self.ctx.audit.append(session, by.actor, "outbound.approve", "outbound_item", outbound.id)

    def cancel(self, by: Identity, outbound_id: int) -> None:
        """Withdraw a post that has not gone out; deliveries already published stay published."""
        with self.ctx.transaction() as session:
            outbound = self._get(session, outbound_id)
            if by.user_id != outbound.author_user_id:
                require(by, Action.APPROVE_POSTS)
            for d in outbound.deliveries:
                if d.state == DeliveryState.PENDING.value:
                    d.state = DeliveryState.CANCELLED.value
            outbound.state = OutboundState.CANCELLED.value
            outbound.updated_at = self.ctx.clock.now()
            self.ctx.audit.append(session, by.actor, "outbound.cancel", "outbound_item", outbound.id)

    def deliveries(self, outbound_id: int) -> list[DeliveryView]:
        """The per-account outcome of one outbound item."""
        with self.ctx.sessions() as session:
            return _delivery_views(session, Delivery.outbound_id == outbound_id)

    def draft_of(self, outbound_id: int) -> tuple[Draft, OutboundState]:
        """An outbound item as the draft that would recreate it (to open it again in the composer)."""
        with self.ctx.sessions() as session:
            item = self._get(session, outbound_id)
            variants = {d.account_id: d.text for d in item.deliveries if d.text}
            draft = Draft(
                item.text,
                tuple(sorted(d.account_id for d in item.deliveries)),
                item.due_at,
                variants,
                item.lang,
                item.content_warning,
                item.campaign_id,
                OutboundKind(item.kind),
                tuple(MediaRef.from_dict(doc) for doc in item.details.get("media", [])),
                reply_policy_of(item.details),
                is_urgent(item.details),
            )
            return draft, OutboundState(item.state)

    def awaiting_approval(self, limit: int = 200) -> list[PendingApproval]:
        """Posts waiting for a second person, oldest first (the approvals list)."""
        with self.ctx.sessions() as session:
            rows = list(
                session.scalars(
                    select(OutboundItem)
                    .where(OutboundItem.state == OutboundState.AWAITING_APPROVAL.value)
                    .order_by(OutboundItem.created_at, OutboundItem.id)
                    .limit(limit)
                )
            )
            platforms: dict[int, set[str]] = {}
            for oid, platform in session.execute(
                select(Delivery.outbound_id, PlatformAccount.platform)
                .join(PlatformAccount, PlatformAccount.id == Delivery.account_id)
                .where(Delivery.outbound_id.in_([r.id for r in rows]))
            ):
                platforms.setdefault(oid, set()).add(platform)
            return [
                PendingApproval(r.id, r.text, r.author_user_id, r.due_at, tuple(sorted(platforms.get(r.id, ()))))
                for r in rows
            ]

    def recent_deliveries(self, limit: int = 100) -> list[DeliveryView]:
        """The newest deliveries, unconfirmed ones first (the deliveries panel)."""
        with self.ctx.sessions() as session:
            unconfirmed = _delivery_views(session, Delivery.state == DeliveryState.UNCONFIRMED.value)
            newest = session.scalars(select(Delivery.id).order_by(Delivery.id.desc()).limit(limit)).all()
            rest = _delivery_views(
                session, and_(Delivery.id.in_(list(newest)), Delivery.state != DeliveryState.UNCONFIRMED.value)
            )
        return unconfirmed + sorted(rest, key=lambda d: -d.id)

    @staticmethod
    def _get(session: Session, outbound_id: int) -> OutboundItem:
        outbound = session.get(OutboundItem, outbound_id, with_for_update=False)
        if outbound is None:
            raise DeskError("publishing.not_found", "Outbound item {id} does not exist.", id=outbound_id)
        return outbound


def _details(draft: Draft) -> dict[str, Any]:
    """What an outbound row keeps beside its text: photos and who may reply."""
    details: dict[str, Any] = {}
    if draft.media:
        details["media"] = [m.to_dict() for m in draft.media]
    if draft.reply_policy is not None:
        details["reply_policy"] = draft.reply_policy.value
    if draft.urgent:
        details["urgent"] = True
    return details


def _check_reply_policy(policy: ReplyPolicy | None, caps: Capabilities, handle: str) -> None:
    """A reply setting only where the platform enforces it; everyone is every platform's default."""
    if policy is None or policy is ReplyPolicy.EVERYONE:
        return
    if policy not in caps.reply_policies:
        raise ValidationFailed(
            "publishing.reply_policy",
            "{platform} cannot limit replies that way ({handle}): choose another setting or leave that account out.",
            platform=caps.platform.value,
            handle=handle,
        )


def _check_media(media: Sequence[MediaRef], caps: Capabilities, handle: str) -> None:
    """Photos and videos against one platform's rules, before anything is queued."""
    if caps.requires_media and not media:
        raise ValidationFailed(
            "publishing.media_required",
            "{platform} posts need a photo ({handle}).",
            platform=caps.platform.value,
            handle=handle,
        )
    # A video is told apart by its type alone: the store keeps the type it sniffed from the bytes.
    videos = [ref for ref in media if ref.mime_type.startswith("video/")]
    photos = [ref for ref in media if not ref.mime_type.startswith("video/")]
    if len(photos) > caps.max_images:
        raise ValidationFailed(
            "publishing.too_many_images",
            "{platform} takes at most {n} photos in one post.",
            platform=caps.platform.value,
            n=caps.max_images,
        )
    if len(videos) > caps.max_videos:
        raise ValidationFailed(
            "publishing.too_many_videos",
            "{platform} takes at most {n} video(s) in one post.",
            platform=caps.platform.value,
            n=caps.max_videos,
        )
    if videos and photos and not caps.images_with_video:
        raise ValidationFailed(
            "publishing.images_with_video",
            "{platform} does not take photos and a video in the same post.",
            platform=caps.platform.value,
        )
    for ref in videos:
        if ref.mime_type not in caps.video_types:
            raise ValidationFailed(
                "publishing.unsupported_video",
                "{platform} does not take {mime} videos.",
                platform=caps.platform.value,
                mime=ref.mime_type,
            )
        if ref.size > caps.video_max_bytes:
            raise ValidationFailed(
                "publishing.video_too_big",
                "A video is {mb:.1f} MB; {platform} takes at most {limit:.1f} MB.",
                mb=ref.size / 1e6,
                platform=caps.platform.value,
                limit=caps.video_max_bytes / 1e6,
            )
    for ref in media:
        if ref.mime_type.startswith("video/"):
            if len(ref.alt_text) > caps.alt_text_limit:
                raise ValidationFailed(
                    "publishing.alt_text_too_long",
                    "Alt text is limited to {n} characters on {platform}.",
                    n=caps.alt_text_limit,
                    platform=caps.platform.value,
                )
            continue
        if ref.mime_type not in caps.image_types:
            raise ValidationFailed(
                "publishing.unsupported_image",
                "{platform} does not take {mime} images.",
                platform=caps.platform.value,
                mime=ref.mime_type,
            )
        if ref.size > caps.image_max_bytes:
            raise ValidationFailed(
                "publishing.image_too_big",
                "A photo is {mb:.1f} MB; {platform} takes at most {limit:.1f} MB.",
                mb=ref.size / 1e6,
                platform=caps.platform.value,
                limit=caps.image_max_bytes / 1e6,
            )
        if len(ref.alt_text) > caps.alt_text_limit:
            raise ValidationFailed(
                "publishing.alt_text_too_long",
                "Alt text is limited to {n} characters on {platform}.",
                n=caps.alt_text_limit,
                platform=caps.platform.value,
            )


def _delivery_views(session: Session, where: Any) -> list[DeliveryView]:
    rows = session.execute(
        select(Delivery, OutboundItem.text, PlatformAccount.platform, PlatformAccount.handle)
        .join(OutboundItem, OutboundItem.id == Delivery.outbound_id)
        .join(PlatformAccount, PlatformAccount.id == Delivery.account_id)
        .where(where)
        .order_by(Delivery.id)
    ).all()
    return [
        DeliveryView(
            d.id,
            d.outbound_id,
            d.account_id,
            Platform(platform),
            handle,
            DeliveryState(d.state),
            d.text or text,
            d.attempts,
            d.platform_post_id,
            d.url,
            d.error_code,
            d.error_message,
            d.next_attempt_at,
        )
        for d, text, platform, handle in rows
    ]


# --- delivery ----------------------------------------------------------------------------------------------


# Delivery lives in desk.delivery; these names stay importable from here.
from desk.delivery import (  # noqa: E402
    Accepted,
    ConnectorPool,
    Publisher,
    PublishingLanes,
    SendOutcome,
    reply_policy_of,
)

__all__ = [
    "Accepted",
    "ConnectorPool",
    "DeliveryView",
    "Draft",
    "GuardBlocked",
    "PendingApproval",
    "Publisher",
    "PublishingLanes",
    "PublishingService",
    "SendOutcome",
    "new_key",
    "reply_policy_of",
]
