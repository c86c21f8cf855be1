"""Which connector class serves which platform; SDKs are imported only when a connector is built."""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from connectors.transport import HttpSettings
from desk.clock import Clock
from desk.ports import AccountRef, Capabilities, Platform, PlatformConnector

CONNECTORS: Mapping[Platform, str] = {
    Platform.X: "connectors.x:XConnector",
    Platform.FACEBOOK: "connectors.facebook:FacebookConnector",
    Platform.INSTAGRAM: "connectors.instagram:InstagramConnector",
    Platform.MASTODON: "connectors.mastodon:MastodonConnector",
    Platform.BLUESKY: "connectors.bluesky:BlueskyConnector",
}

# Capabilities are declared in light modules with no SDK import, so the composer can validate
# text without paying for tweepy or atproto.
CAPABILITIES: Mapping[Platform, str] = {
    Platform.X: "connectors.x:CAPABILITIES",
    Platform.FACEBOOK: "connectors.facebook:CAPABILITIES",
    Platform.INSTAGRAM: "connectors.instagram:CAPABILITIES",
    Platform.MASTODON: "connectors.mastodon:CAPABILITIES",
    Platform.BLUESKY: "connectors.bluesky:CAPABILITIES",
}


def _load(spec: str) -> object:
    module_name, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module_name), attr)


def connector_for(
    account: AccountRef,
    credentials: Mapping[str, str],
    *,
    clock: Clock,
    http: HttpSettings | None = None,
) -> PlatformConnector:
    """Build the connector for ``account`` with its ``credentials`` (read from the keyring by the caller)."""
    cls = _load(CONNECTORS[account.platform])
    connector = cls(account, credentials, clock=clock, http=http or HttpSettings())  # type: ignore[operator]
    assert isinstance(connector, PlatformConnector)
    return connector


def capabilities_for(platform: Platform) -> Capabilities:
    """The default capabilities of a platform (an instance may refine them, e.g. Mastodon's limit)."""
    caps = _load(CAPABILITIES[platform])
    assert isinstance(caps, Capabilities)
    return caps
