"""Building the services a desk runs in the background, given a way to build connectors.

Both composition roots (the window and ``desk run``) call this, handing in the connector builder and
the capabilities lookup so that ``desk/`` never imports ``connectors``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desk.accounts import AccountRecord, AccountService
from desk.auth import Identity
from desk.autoreply import OutOfOfficeReplier
from desk.context import DeskContext
from desk.emergency import EmergencyService
from desk.inbox import InboxService
from desk.metrics import EngagementPoller
from desk.ports import Capabilities, Platform, PlatformConnector
from desk.publishing import ConnectorPool, Publisher
from desk.records import RecordsService
from desk.runner import BackgroundService
from desk.storage.models import Delivery, OutboundItem, OutboundKind
from desk.sync import SyncService
from desk.triage import Triage
from desk.tweetathon.runner import TweetathonJobs

ConnectorBuilder = Callable[[AccountRecord, Mapping[str, str]], PlatformConnector]
CapabilitiesLookup = Callable[[Platform], Capabilities]


class EmergencyWatch:
    """Escalates emergencies nobody acknowledged in time (to the supervisors), once a minute."""

    def __init__(self, emergencies: EmergencyService) -> None:
        self.emergencies = emergencies

    def schedule(self, scheduler: Any, submit: Callable[[Callable[[], Any]], None]) -> None:
        """Check every 60 clock seconds."""
        scheduler.every(60.0, lambda: submit(self.emergencies.escalate_overdue), "emergency-escalation")

    def stop(self) -> None:
        """Nothing is held between checks."""


class RetentionJob:
    """Deletes, once a day, what the retention schedule allows (the runner's system identity, audited)."""

    def __init__(self, records: RecordsService, runner: Identity) -> None:
        self.records = records
        self.runner = runner

    def schedule(self, scheduler: Any, submit: Callable[[Callable[[], Any]], None]) -> None:
        """Daily, first an hour after start."""
        scheduler.every(86_400.0, lambda: submit(lambda: self.records.purge(self.runner)), "retention", first_in=3600.0)

    def stop(self) -> None:
        """Nothing is held between runs."""


@dataclass
class DeskServices:
    """The long-lived services of one desk process, sharing one pool of connectors."""

    pool: ConnectorPool
    inbox: InboxService
    sync: SyncService
    publisher: Publisher
    emergencies: EmergencyService
    metrics: EngagementPoller
    records: RecordsService
    tweetathons: TweetathonJobs

    def background(self, runner: Identity | None = None) -> list[BackgroundService]:
        """What the scheduler drives; the retention job only where the runner's system identity acts."""
        services: list[BackgroundService] = [
            self.sync,
            self.publisher,
            EmergencyWatch(self.emergencies),
            self.metrics,
            self.tweetathons,  # the stored tweetathons: their call sources and queues
        ]
        if runner is not None:
            services.append(RetentionJob(self.records, runner))
        return services


def build_services(ctx: DeskContext, build: ConnectorBuilder, capabilities_for: CapabilitiesLookup) -> DeskServices:
    """Inbox, sync and publisher wired together: a published reply counts as the force's response."""
    accounts = AccountService(ctx)
    pool = ConnectorPool(accounts, build)
    inbox = InboxService(ctx, Triage.load(), capabilities_for=capabilities_for)
    replier = OutOfOfficeReplier(ctx, inbox)
    sync = SyncService(ctx, inbox, accounts, lambda record: pool.get(record.id)[1], auto_replier=replier.handle)

    def reply_published(session: Session, outbound: OutboundItem, delivery: Delivery) -> None:
        if outbound.kind in (OutboundKind.REPLY.value, OutboundKind.DIRECT.value) and delivery.published_at:
            inbox.record_reply_published(session, outbound.id, delivery.id, delivery.published_at)

    publisher = Publisher(ctx, pool, on_published=[reply_published])
    return DeskServices(
        pool,
        inbox,
        sync,
        publisher,
        EmergencyService(ctx, inbox),
        EngagementPoller(ctx, pool.get),
        RecordsService(ctx),
        TweetathonJobs(ctx, capabilities_for),
    )


def background_factory(
    capabilities_for: CapabilitiesLookup,
) -> Callable[[DeskContext, Identity, ConnectorBuilder], list[BackgroundService]]:
    """The runner's service factory."""

    def factory(ctx: DeskContext, runner: Identity, build: ConnectorBuilder) -> list[BackgroundService]:
        return build_services(ctx, build, capabilities_for).background(runner)

    return factory


def connector_builder(ctx: DeskContext, connector_for: Callable[..., PlatformConnector]) -> ConnectorBuilder:
    """Adapt the registry's ``connector_for`` to the builder the services take."""

    def build(record: AccountRecord, credentials: Mapping[str, str]) -> PlatformConnector:
        return connector_for(record.ref(), credentials, clock=ctx.clock)

    return build
