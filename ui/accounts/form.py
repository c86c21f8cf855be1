"""What the connect form asks per platform, how it checks the answers, and the verify call."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from desk.clock import Clock
from desk.errors import ValidationFailed
from desk.ports import AccountProfile, AccountRef, Capabilities, Platform
from ui.i18n import QT_TRANSLATE_NOOP

CONTEXT = "AccountForm"


@dataclass(frozen=True)
class CredentialField:
    """One credential the platform's connector reads; ``label`` is a translatable source string."""

    key: str
    label: str
    secret: bool
    hint: str = ""


CREDENTIAL_FIELDS: Mapping[Platform, tuple[CredentialField, ...]] = {
    Platform.X: (
        CredentialField("consumer_key", QT_TRANSLATE_NOOP("AccountForm", "API key"), False),
        CredentialField("consumer_secret", QT_TRANSLATE_NOOP("AccountForm", "API key secret"), True),
        CredentialField("access_token", QT_TRANSLATE_NOOP("AccountForm", "Access token"), True),
        CredentialField("access_token_secret", QT_TRANSLATE_NOOP("AccountForm", "Access token secret"), True),
    ),
    Platform.FACEBOOK: (
        CredentialField("page_id", QT_TRANSLATE_NOOP("AccountForm", "Facebook Page id"), False),
        CredentialField("access_token", QT_TRANSLATE_NOOP("AccountForm", "Page access token"), True),
    ),
    Platform.INSTAGRAM: (
        CredentialField("ig_user_id", QT_TRANSLATE_NOOP("AccountForm", "Instagram professional account id"), False),
        CredentialField("page_id", QT_TRANSLATE_NOOP("AccountForm", "Linked Facebook Page id"), False),
        CredentialField("access_token", QT_TRANSLATE_NOOP("AccountForm", "Page access token"), True),
    ),
    Platform.MASTODON: (CredentialField("access_token", QT_TRANSLATE_NOOP("AccountForm", "Access token"), True),),
    Platform.BLUESKY: (
        CredentialField("identifier", QT_TRANSLATE_NOOP("AccountForm", "Handle or e-mail used to sign in"), False),
        CredentialField("password", QT_TRANSLATE_NOOP("AccountForm", "App password"), True),
    ),
}

PLATFORM_NAMES: Mapping[Platform, str] = {
    Platform.X: "X",
    Platform.FACEBOOK: "Facebook",
    Platform.INSTAGRAM: "Instagram",
    Platform.MASTODON: "Mastodon",
    Platform.BLUESKY: "Bluesky",
}


@dataclass(frozen=True)
class ConnectRequest:
    """What the administrator entered, cleaned."""

    platform: Platform
    handle: str
    display_name: str
    base_url: str
    credentials: Mapping[str, str]


def check_base_url(base_url: str) -> str:
    """The server address without a trailing slash; a clear error for anything that is not one."""
    text = base_url.strip()
    if not text:
        raise ValidationFailed("accounts.no_base_url", "Give the server address, e.g. https://mastodon.social.")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise ValidationFailed(
            "accounts.bad_base_url",
            "The server address must look like https://example.org (got {url!r}).",
            url=base_url,
        )
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise ValidationFailed(
            "accounts.insecure_base_url", "Use https:// for {url}: tokens must not travel unencrypted.", url=base_url
        )
    return text.rstrip("/")


def check_request(
    platform: Platform, handle: str, display_name: str, base_url: str, credentials: Mapping[str, str]
) -> ConnectRequest:
    """Validate the form; raises :class:`ValidationFailed` naming the first thing to fix."""
    clean_handle = handle.strip().lstrip("@") if platform is not Platform.MASTODON else handle.strip()
    if not clean_handle:
        raise ValidationFailed("accounts.no_handle", "Give the account's handle.")
    url = check_base_url(base_url)
    values = {key: value.strip() for key, value in credentials.items()}
    for spec in CREDENTIAL_FIELDS[platform]:
        if not values.get(spec.key):
            raise ValidationFailed(
                "accounts.missing_credential",
                "Fill in {field}: the platform gives it when you create the app or token.",
                field=spec.label,
            )
    return ConnectRequest(platform, clean_handle, display_name.strip(), url, values)


def verify_account(request: ConnectRequest, clock: Clock) -> tuple[AccountProfile, Capabilities]:
    """Build the platform's connector and ask who the account is (network lane only).

    Also returns the limits the connector learnt while verifying (a Mastodon instance's own character limit)."""
    from connectors.registry import connector_for

    ref = AccountRef(
        request.platform,
        request.handle,
        request.base_url,
        f"account:{request.platform.value}:{request.handle.lower()}",
        request.credentials.get("page_id") if request.platform is Platform.FACEBOOK else None,
        request.display_name or None,
    )
    if request.platform is Platform.INSTAGRAM:
        ref = AccountRef(ref.platform, ref.handle, ref.base_url, ref.secret_key, request.credentials.get("ig_user_id"))
    connector = connector_for(ref, request.credentials, clock=clock)
    profile = connector.verify()
    return profile, connector.capabilities
