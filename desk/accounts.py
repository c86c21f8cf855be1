"""The force's platform accounts: rows in the database, credentials in the keyring."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from desk.audit import Actor, summarise
from desk.auth import Identity, require
from desk.context import DeskContext
from desk.errors import DeskError, ValidationFailed
from desk.ports import AccountRef, Capabilities, Platform
from desk.roles import Action
from desk.storage.models import AccountStatus, PlatformAccount, RateLimitRecord

REAL_BASE_URLS: Mapping[Platform, str] = {
    Platform.X: "https://api.twitter.com",
    Platform.FACEBOOK: "https://graph.facebook.com",
    Platform.INSTAGRAM: "https://graph.facebook.com",
    Platform.MASTODON: "https://mastodon.social",
    Platform.BLUESKY: "https://bsky.social",
}


@dataclass(frozen=True)
class AccountRecord:
    """A platform account as services hand it out."""

    id: int
    platform: Platform
    handle: str
    display_name: str
    base_url: str
    status: AccountStatus
    status_detail: str | None
    platform_account_id: str | None
    secret_key: str

    def ref(self) -> AccountRef:
        """The port's view of the account."""
        return AccountRef(
            self.platform, self.handle, self.base_url, self.secret_key, self.platform_account_id, self.display_name
        )


def _record(row: PlatformAccount) -> AccountRecord:
    return AccountRecord(
        row.id,
        Platform(row.platform),
        row.handle,
        row.display_name,
        row.base_url,
        AccountStatus(row.status),
        row.status_detail,
        row.platform_account_id,
        row.secret_key,
    )


def _check_base_url(base_url: str) -> str:
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationFailed(
            "accounts.bad_base_url",
            "The server address must look like https://example.org (got {url!r}).",
            url=base_url,
        )
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValidationFailed(
            "accounts.insecure_base_url", "Use https:// for {url}: tokens must not travel unencrypted.", url=base_url
        )
    return base_url.strip().rstrip("/")


class AccountService:
    """Connect, list and update the force's accounts."""

    def __init__(self, ctx: DeskContext) -> None:
        self.ctx = ctx

    def list(self) -> list[AccountRecord]:
        """Every account, by platform and handle."""
        with self.ctx.sessions() as session:
            rows = session.scalars(select(PlatformAccount).order_by(PlatformAccount.platform, PlatformAccount.handle))
            return [_record(r) for r in rows]

    def get(self, account_id: int) -> AccountRecord:
        """One account by id."""
        with self.ctx.sessions() as session:
            row = session.get(PlatformAccount, account_id)
            if row is None:
                raise DeskError("accounts.not_found", "Account {id} does not exist.", id=account_id)
            return _record(row)

    def credentials(self, account: AccountRecord) -> dict[str, str]:
        """The account's credentials from the keyring; a clear error when they are missing."""
        value = self.ctx.secrets.get(account.secret_key)
        if value is None:
            raise DeskError(
                "accounts.no_credentials",
                "The credentials of {handle} on {platform} are missing from the keyring: reconnect the account.",
                handle=account.handle,
                platform=account.platform.value,
            )
        return value

    def connect(
        self,
        by: Identity,
        platform: Platform,
        handle: str,
        display_name: str,
        base_url: str,
        credentials: Mapping[str, str],
        platform_account_id: str | None = None,
    ) -> AccountRecord:
        """An administrator connects an account; the credentials go to the keyring, never the database."""
        require(by, Action.MANAGE_ACCOUNTS)
        return self._upsert(by.actor, platform, handle, display_name, base_url, credentials, platform_account_id)

    def ensure_demo_account(
        self,
        platform: Platform,
        handle: str,
        display_name: str,
        base_url: str,
        credentials: Mapping[str, str],
        platform_account_id: str | None = None,
    ) -> AccountRecord:
        """Demo mode's accounts on the sandbox (refused outside demo mode)."""
        if not self.ctx.demo:
            raise DeskError("accounts.demo_only", "Sandbox accounts can only be created in demo mode.")
        return self._upsert(
            Actor.system(self.ctx.workstation),
            platform,
            handle,
            display_name,
            base_url,
            credentials,
            platform_account_id,
        )

    def _upsert(
        self,
        actor: Actor,
        platform: Platform,
        handle: str,
        display_name: str,
        base_url: str,
        credentials: Mapping[str, str],
        platform_account_id: str | None,
    ) -> AccountRecord:
        if not handle.strip():
            raise ValidationFailed("accounts.no_handle", "Give the account's handle.")
        url = _check_base_url(base_url)
        secret_key = f"account:{platform.value}:{handle.strip().lower()}"
        with self.ctx.transaction() as session:
            row = session.scalars(
                select(PlatformAccount).where(
                    PlatformAccount.platform == platform.value, PlatformAccount.handle == handle.strip()
                )
            ).first()
            before = None if row is None else {"base_url": row.base_url, "status": row.status}
            if row is None:
                row = PlatformAccount(
                    platform=platform.value,
                    handle=handle.strip(),
                    display_name=display_name.strip() or handle.strip(),
                    base_url=url,
                    platform_account_id=platform_account_id,
                    status=AccountStatus.CONNECTED.value,
                    secret_key=secret_key,
                    created_at=self.ctx.clock.now(),
                )
                session.add(row)
            else:
                row.base_url = url
                row.display_name = display_name.strip() or row.display_name
                row.platform_account_id = platform_account_id or row.platform_account_id
                row.status = AccountStatus.CONNECTED.value
                row.status_detail = None
            session.flush()
            self.ctx.secrets.set(row.secret_key, credentials)
            self.ctx.audit.append(
                session,
                actor,
                "account.connect",
                "platform_account",
                row.id,
                summarise(before=before, after={"platform": platform.value, "handle": handle, "base_url": url}),
            )
            return _record(row)

    def set_status(self, account_id: int, status: AccountStatus, detail: str | None = None) -> None:
        """Record what a sync or a publish learnt about the account (reconnect needed, rate limited…)."""
        with self.ctx.transaction() as session:
            row = session.get(PlatformAccount, account_id)
            if row is None or (row.status == status.value and row.status_detail == detail):
                return
            before = {"status": row.status}
            row.status = status.value
            row.status_detail = detail
            self.ctx.audit.append(
                session,
                Actor.system(self.ctx.workstation),
                "account.status",
                "platform_account",
                account_id,
                summarise(before=before, after={"status": status.value, "detail": detail}),
            )


#: Under a tenth of a rate window's budget left counts as low.
LOW_BUDGET = 0.1


@dataclass(frozen=True)
class AccountHealth:
    """How the force's accounts stand: states needing attention and posting budgets running low."""

    total: int
    trouble: tuple[str, ...]  # "handle on platform: status"
    low: tuple[str, ...]
    exhausted: tuple[str, ...]


def account_health(ctx: DeskContext) -> AccountHealth:
    """Account states and the posting budgets the platforms last reported as low or used up."""
    accounts = AccountService(ctx).list()
    names = {a.id: f"{a.handle} ({a.platform.value})" for a in accounts}
    trouble = tuple(
        f"{names[a.id]}: {a.status_detail or a.status.value.replace('_', ' ')}"
        for a in accounts
        if a.status is not AccountStatus.CONNECTED
    )
    low: list[str] = []
    exhausted: list[str] = []
    now = ctx.clock.now()
    with ctx.sessions() as session:
        for row in session.scalars(select(RateLimitRecord).where(RateLimitRecord.reset_at > now)):
            label = f"{names.get(row.account_id, row.account_id)} {row.endpoint}"
            if row.limit and row.remaining <= 0:
                exhausted.append(label)
            elif row.limit and row.remaining / row.limit < LOW_BUDGET:
                low.append(label)
    return AccountHealth(len(accounts), trouble, tuple(low), tuple(exhausted))


# Limits an account's own server reported (a Mastodon instance's characters, photos, sizes) ---------------

#: The settings row that keeps, per account id, the limits learnt when the account was last verified.
ACCOUNT_LIMITS_KEY = "account_limits"
#: The capability fields a server may set for its accounts (what Mastodon's instance document carries).
LEARNT_FIELDS = ("text_limit", "url_length", "max_images", "image_max_bytes", "video_max_bytes", "alt_text_limit")


def remember_capabilities(ctx: DeskContext, account_id: int, caps: Capabilities) -> None:
    """Keep the limits a connector learnt on verify, so the composer counts and validates with them."""
    from desk.storage.models import Setting

    learnt = {name: getattr(caps, name) for name in LEARNT_FIELDS}
    with ctx.transaction() as session:
        row = session.get(Setting, ACCOUNT_LIMITS_KEY)
        value = dict(row.value) if row else {}
        value[str(account_id)] = learnt
        if row is None:
            session.add(Setting(key=ACCOUNT_LIMITS_KEY, value=value, updated_at=ctx.clock.now(), updated_by=None))
        else:
            row.value = value
            row.updated_at = ctx.clock.now()


def account_capabilities(ctx: DeskContext, account_id: int, default: Capabilities) -> Capabilities:
    """The platform's capabilities with what this account's server reported laid over them."""
    from desk.storage.models import Setting

    with ctx.sessions() as session:
        doc = session.execute(select(Setting.value).where(Setting.key == ACCOUNT_LIMITS_KEY)).scalar_one_or_none()
    learnt = (doc or {}).get(str(account_id)) or {}
    changes: dict[str, Any] = {}
    for name in LEARNT_FIELDS:
        value = learnt.get(name)
        # Only whole positive numbers are taken: a damaged row falls back to the platform's default.
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            changes[name] = value
    return dataclasses.replace(default, **changes) if changes else default
