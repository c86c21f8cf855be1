"""Demo mode: the sandbox as a child process on a free loopback port, demo accounts on all five
platforms, and simulated residents writing to them."""

from __future__ import annotations

import logging
import os
import queue
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from typing import IO, Any

import httpx

from desk.accounts import AccountRecord, AccountService
from desk.clock import CLOCK_ENV, clock_to_env
from desk.context import DeskContext
from desk.errors import DeskError
from desk.ports import Platform

log = logging.getLogger(__name__)

READY_PREFIX = "SANDBOX_READY "

#: The force's demo accounts: one per platform.
DEMO_ACCOUNTS: tuple[tuple[Platform, str, str], ...] = (
    (Platform.X, "DemoPolice", "Demo Police"),
    (Platform.FACEBOOK, "demo.police", "Demo Police"),
    (Platform.INSTAGRAM, "demo.police.ig", "Demo Police"),
    (Platform.MASTODON, "demopolice", "Demo Police"),
    (Platform.BLUESKY, "demopolice.bsky.social", "Demo Police"),
)


class DemoFailed(DeskError):
    """The demo could not start; says why."""

    def __init__(self, detail: str) -> None:
        super().__init__("demo.failed", "The demo could not start: {detail}", detail=detail)


@dataclass
class DemoSession:
    """A running demo: the sandbox process and the accounts on it."""

    process: subprocess.Popen[str]
    base_url: str
    accounts: list[AccountRecord] = field(default_factory=list)

    def admin(self) -> httpx.Client:
        """A client for the sandbox's admin endpoints."""
        return httpx.Client(base_url=self.base_url, timeout=10)

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the sandbox process."""
        if self.process.poll() is not None:
            return
        try:
            if self.process.stdin:
                self.process.stdin.close()  # the sandbox exits when its stdin closes
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _read_ready(stream: IO[str], timeout: float) -> str:
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        for line in stream:
            lines.put(line)

    threading.Thread(target=pump, daemon=True, name="sandbox-stdout").start()
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            raise DemoFailed(f"the sandbox did not answer within {timeout:.0f} s") from None
        if line.startswith(READY_PREFIX):
            return line[len(READY_PREFIX) :].strip()


def spawn_sandbox(ctx: DeskContext, timeout: float = 30.0) -> tuple[subprocess.Popen[str], str]:
    """Start ``python -m connectors.sandbox`` on a free loopback port sharing the desk's clock."""
    env = dict(os.environ)
    env[CLOCK_ENV] = clock_to_env(ctx.clock)
    proc = subprocess.Popen(
        [sys.executable, "-m", "connectors.sandbox", "--watch-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=None,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    try:
        url = _read_ready(proc.stdout, timeout)
    except DemoFailed:
        proc.kill()
        raise
    return proc, url


def start_demo(
    ctx: DeskContext, *, residents_per_minute: float = 20.0, seed: int | None = None, residents: bool = True
) -> DemoSession:
    """Start the sandbox, create (or re-point) the demo accounts, and let the residents begin."""
    if not ctx.demo:
        raise DemoFailed("the desk is not in demo mode")
    proc, url = spawn_sandbox(ctx)
    session = DemoSession(proc, url)
    try:
        accounts = AccountService(ctx)
        with session.admin() as admin:
            for platform, handle, name in DEMO_ACCOUNTS:
                created = _create(admin, platform, handle, name)
                session.accounts.append(
                    accounts.ensure_demo_account(
                        platform,
                        handle,
                        name,
                        url,
                        {str(k): str(v) for k, v in created["credentials"].items()},
                        str(created.get("account_id") or "") or None,
                    )
                )
            _opening_messages(admin)
            if residents:
                body = {
                    "rate_per_minute": residents_per_minute,
                    "languages": ["en", "fi", "sv"],
                    "running": True,
                    **({"seed": seed} if seed is not None else {}),
                }
                answer = admin.post("/_sandbox/residents", json=body)
                if answer.status_code >= 400:
                    log.info("residents not started: %s %s", answer.status_code, answer.text[:200])
    except BaseException:
        session.stop()
        raise
    return session


#: One message per platform the moment the demo starts, so the first sync already brings traffic from all five.
OPENING: tuple[tuple[Platform, str, str, str, str], ...] = (
    (Platform.X, "mention", "liisa_k", "fi", "@DemoPolice Onko Mannerheimintie jo auki onnettomuuden jälkeen?"),
    (Platform.FACEBOOK, "comment", "erik.lund", "sv", "Tack för att ni var på plats vid skolan i morse!"),
    (Platform.INSTAGRAM, "comment", "sam_walker", "en", "@demo.police.ig where can I hand in a wallet I found?"),
    (
        Platform.MASTODON,
        "mention",
        "mikko",
        "fi",
        "@demopolice Joku ajaa mopolla puistossa iltaisin, voisitteko käydä?",
    ),
    (
        Platform.BLUESKY,
        "mention",
        "jo.baker.bsky.social",
        "en",
        "@demopolice.bsky.social thanks for the road safety tips",
    ),
)


def _opening_messages(admin: httpx.Client) -> None:
    handles = {platform: handle for platform, handle, _ in DEMO_ACCOUNTS}
    for platform, kind, author, lang, text in OPENING:
        answer = admin.post(
            "/_sandbox/inject",
            json={
                "platform": platform.value,
                "account": handles[platform],
                "kind": kind,
                "author": {"handle": author, "name": author.split(".")[0].replace("_", " ").title()},
                "text": text,
                "lang": lang,
            },
        )
        if answer.status_code >= 400:
            log.info("opening message on %s not sent: %s", platform.value, answer.text[:200])


def _create(admin: httpx.Client, platform: Platform, handle: str, name: str) -> dict[str, Any]:
    answer = admin.post("/_sandbox/accounts", json={"platform": platform.value, "handle": handle, "display_name": name})
    if answer.status_code >= 400:
        raise DemoFailed(f"the sandbox refused the {platform.value} demo account: {answer.text[:200]}")
    data: dict[str, Any] = answer.json()
    return data
