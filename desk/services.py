"""Building the services a desk runs in the background, given a way to build connectors.

Both composition roots (the window and ``desk run``) call this, handing in the connector builder so
that ``desk/`` never imports ``connectors``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from desk.accounts import AccountRecord, AccountService
from desk.auth import Identity
from desk.context import DeskContext
from desk.ports import PlatformConnector
from desk.publishing import ConnectorPool, Publisher
from desk.runner import BackgroundService

ConnectorBuilder = Callable[[AccountRecord, Mapping[str, str]], PlatformConnector]


def background_services(ctx: DeskContext, runner: Identity, build: ConnectorBuilder) -> list[BackgroundService]:
    """The publisher (and, as they arrive, the syncs) sharing one pool of connectors."""
    pool = ConnectorPool(AccountService(ctx), build)
    services: list[BackgroundService] = [Publisher(ctx, pool)]
    return services


def connector_builder(ctx: DeskContext, connector_for: Callable[..., PlatformConnector]) -> ConnectorBuilder:
    """Adapt the registry's ``connector_for`` to the builder the services take."""

    def build(record: AccountRecord, credentials: Mapping[str, str]) -> PlatformConnector:
        return connector_for(record.ref(), credentials, clock=ctx.clock)

    return build
