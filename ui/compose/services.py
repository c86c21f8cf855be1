"""The publishing services the screens share, built once per desk (the guard's tables are not free)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from connectors.registry import capabilities_for, connector_for
from desk.accounts import AccountRecord, AccountService
from desk.allowlist import AllowListService
from desk.campaigns import PlanningService
from desk.context import DeskContext
from desk.incident import IncidentStop
from desk.media import MediaStore
from desk.patrol import PatrolLog
from desk.ports import Capabilities, Platform
from desk.publishing import ConnectorPool, Publisher, PublishingService
from desk.redaction import GuardResult, PrivacyGuard
from desk.services import connector_builder


@dataclass
class PublishingDesk:
    """Everything the publishing screens call, over one desk."""

    ctx: DeskContext
    guard: PrivacyGuard
    publishing: PublishingService
    planning: PlanningService
    incident: IncidentStop
    patrol: PatrolLog
    media: MediaStore
    accounts: AccountService
    _publisher: Publisher | None = field(default=None, repr=False)

    def capabilities(self, platform: Platform) -> Capabilities:
        """The platform's limits as the composer counts them."""
        return self.publishing.capabilities_for(platform)

    def account_capabilities(self, account: AccountRecord) -> Capabilities:
        """One account's limits as the publishing service validates with them: the platform's, refined by what
        the account's server reported on verify (a Mastodon instance's own character limit)."""
        from desk.accounts import account_capabilities

        return account_capabilities(self.ctx, account.id, self.capabilities(account.platform))

    def check(self, text: str, lang: str | None = None) -> GuardResult:
        """The privacy guard on one text."""
        return self.guard.check(text, lang=lang)

    def publisher(self) -> Publisher:
        """A publisher for looking up unconfirmed deliveries (network: call on the parallel lane)."""
        if self._publisher is None:
            pool = ConnectorPool(self.accounts, connector_builder(self.ctx, connector_for))
            self._publisher = Publisher(self.ctx, pool, media=self.media)
        return self._publisher

    def account_list(self) -> list[AccountRecord]:
        """Every connected account."""
        return self.accounts.list()


# Keyed by identity: a desk context is a mutable dataclass (unhashable); a dead context drops its entry.
_desks: dict[int, tuple[weakref.ref[DeskContext], PublishingDesk]] = {}


def publishing_desk(ctx: DeskContext, timezone: str = "Europe/Helsinki") -> PublishingDesk:
    """The shared services of ``ctx`` (built on first use)."""
    known = _desks.get(id(ctx))
    desk = known[1] if known is not None and known[0]() is ctx else None
    if desk is None:
        # The shipped help lines plus the force's own public numbers and addresses (administrators keep them).
        guard = AllowListService(ctx).guard()
        publishing = PublishingService(ctx, guard, capabilities_for)
        desk = PublishingDesk(
            ctx,
            guard,
            publishing,
            PlanningService(ctx, timezone),
            IncidentStop(ctx),
            PatrolLog(ctx, publishing, timezone),
            MediaStore(ctx.data_dir / "media"),
            AccountService(ctx),
        )
        key = id(ctx)
        table = _desks  # held by the callback: module globals are gone when it runs at interpreter exit
        _desks[key] = (weakref.ref(ctx, lambda _r: table.pop(key, None)), desk)
    return desk
