"""Fixtures for the domain's service tests: a desk with people, accounts and a scripted platform side."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

import pytest

from desk.accounts import AccountService
from desk.auth import AuthService
from desk.ports import (
    AccountRef,
    Capabilities,
    Platform,
    PublishRequest,
    PublishResult,
    TextCounting,
    Unconfirmed,
)
from desk.publishing import ConnectorPool, PublishingService
from desk.redaction import PrivacyGuard
from desk.roles import Role

PW = "correct horse battery"
CAPS = {
    Platform.X: Capabilities(Platform.X, 280, TextCounting.TWITTER_WEIGHTED, url_length=23),
    Platform.MASTODON: Capabilities(Platform.MASTODON, 500, TextCounting.MASTODON, url_length=23),
    Platform.BLUESKY: Capabilities(Platform.BLUESKY, 300, TextCounting.GRAPHEMES, byte_limit=3000),
}


class ScriptedConnector:
    """Answers publish calls from a script of outcomes; records what it was asked."""

    def __init__(self, account: AccountRef, script: list[Any]) -> None:
        self.account = account
        self.capabilities = CAPS[account.platform]
        self.script = script
        self.sent: list[PublishRequest] = []
        self.lock = threading.Lock()
        self.published: dict[str, PublishResult] = {}
        self.reported: list[Any] = []  # RateLimitState the "platform" reported

    def publish(self, request: PublishRequest) -> PublishResult:
        with self.lock:
            self.sent.append(request)
            outcome = self.script.pop(0) if self.script else "ok"
        if isinstance(outcome, Exception):
            if isinstance(outcome, Unconfirmed):  # it did go out, the answer was lost
                self.published[request.idempotency_key] = PublishResult("lost-1", None, _now())
            raise outcome
        result = PublishResult(f"{self.account.platform.value}-{len(self.sent)}", "https://example/p", _now())
        self.published[request.idempotency_key] = result
        return result

    def find_published(self, idempotency_key: str, text: str, since: Any) -> PublishResult | None:
        return self.published.get(idempotency_key)

    def rate_limits(self) -> tuple[Any, ...]:
        return tuple(self.reported)  # none: the platform's published posting windows apply

    def __getattr__(self, name: str) -> Any:  # the rest of the port is not used by the publisher
        raise AttributeError(name)


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def desk(ctx: Any) -> Any:
    auth = AuthService(ctx)
    admin = auth.create_first_administrator("admin", "Aino Admin", PW)
    people = {
        "officer": auth.add_user(admin, "olli", "Olli Officer", PW, [Role.OFFICER]),
        "press": auth.add_user(admin, "pia", "Pia Press", PW, [Role.PRESS_OFFICER]),
        "press2": auth.add_user(admin, "paavo", "Paavo Press", PW, [Role.PRESS_OFFICER]),
        "supervisor": auth.add_user(admin, "sari", "Sari Supervisor", PW, [Role.SUPERVISOR]),
        "admin": admin,
    }
    accounts = AccountService(ctx)
    acc = {
        p: accounts.connect(admin, p, f"force_{p.value}", "Force", "https://example.org", {"token": "t"})
        for p in (Platform.X, Platform.MASTODON, Platform.BLUESKY)
    }
    scripts: dict[int, list[Any]] = {a.id: [] for a in acc.values()}
    connectors: dict[int, ScriptedConnector] = {}

    def build(record: Any, creds: Mapping[str, str]) -> ScriptedConnector:
        connectors[record.id] = ScriptedConnector(record.ref(), scripts[record.id])
        return connectors[record.id]

    pool = ConnectorPool(accounts, build)
    service = PublishingService(ctx, PrivacyGuard(), lambda p: CAPS[p])
    return type(
        "Desk",
        (),
        {
            "ctx": ctx,
            "people": people,
            "acc": acc,
            "scripts": scripts,
            "connectors": connectors,
            "pool": pool,
            "service": service,
        },
    )
