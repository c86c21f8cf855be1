"""HTTP plumbing shared by the connectors: pointing an SDK at another host, proxies, CA bundles, timeouts.

Some SDKs (tweepy, facebook-sdk) hard-code the real service's URL. A :class:`HostRewriteAdapter`
mounted on their ``requests`` session sends those requests to the account's base URL instead,
so the same code talks to the sandbox, a self-hosted server or the real service.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter


@dataclass(frozen=True)
class HttpSettings:
    """Network settings every connector honours (police networks use proxies and their own CAs)."""

    timeout: float = 20.0  # seconds, connect and read
    ca_bundle: str | None = None  # path to a PEM bundle; None uses the system default
    proxies: Mapping[str, str] = field(default_factory=dict)  # {"https": "http://proxy:3128"}; env vars also apply
    user_agent: str = "BeatDesk/0.1"


class HostRewriteAdapter(HTTPAdapter):
    """Sends requests for ``real_base`` (e.g. ``https://api.twitter.com``) to ``target_base``."""

    def __init__(self, real_base: str, target_base: str, timeout: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        real = urlsplit(real_base)
        target = urlsplit(target_base)
        self.real_netloc = real.netloc
        self.target_scheme = target.scheme
        self.target_netloc = target.netloc
        self.target_prefix = target.path.rstrip("/")
        self.timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        """Rewrite the URL, apply the default timeout, send."""
        parts = urlsplit(request.url or "")
        if parts.netloc == self.real_netloc:
            request.url = urlunsplit(
                (self.target_scheme, self.target_netloc, self.target_prefix + parts.path, parts.query, parts.fragment)
            )
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


class TimeoutAdapter(HTTPAdapter):
    """Applies a default timeout when an SDK passes none."""

    def __init__(self, timeout: float, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        """Send with the default timeout."""
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self.timeout
        return super().send(request, **kwargs)


def configure_session(
    session: requests.Session, settings: HttpSettings, *, real_base: str | None = None, target_base: str | None = None
) -> requests.Session:
    """Apply proxies, CA bundle, user agent and timeouts; rewrite ``real_base`` to ``target_base`` when they differ."""
    if settings.proxies:
        session.proxies.update(settings.proxies)
    if settings.ca_bundle:
        session.verify = settings.ca_bundle
    session.headers["User-Agent"] = settings.user_agent
    adapter: HTTPAdapter
    if real_base and target_base and urlsplit(real_base).netloc != urlsplit(target_base).netloc:
        adapter = HostRewriteAdapter(real_base, target_base, settings.timeout, pool_maxsize=16)
        session.mount(f"{urlsplit(real_base).scheme}://", adapter)
    else:
        adapter = TimeoutAdapter(settings.timeout, pool_maxsize=16)
        session.mount("https://", adapter)
    session.mount("http://", TimeoutAdapter(settings.timeout, pool_maxsize=16))
    return session


def new_session(
    settings: HttpSettings, *, real_base: str | None = None, target_base: str | None = None
) -> requests.Session:
    """A fresh ``requests`` session configured by :func:`configure_session`."""
    return configure_session(requests.Session(), settings, real_base=real_base, target_base=target_base)
