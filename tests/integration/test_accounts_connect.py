"""Connecting accounts through the Accounts screen's form against the real sandbox on 127.0.0.1."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from connectors.registry import connector_for
from desk.accounts import AccountService
from desk.auth import AuthService, Identity
from desk.clock import SystemClock
from desk.context import DeskContext
from desk.ports import AccountRef, AuthExpired, Platform
from desk.secrets import KEYRING_HELP, KeyringUnavailable
from tests.conftest import create_sandbox_account
from tests.ui.accounts_support import cell, fill, open_accounts
from tests.ui.conftest import open_test_desk
from ui.accounts.screen import AccountsScreen, ConnectDialog
from ui.messages import MessageBridge
from ui.tasks import TaskRunner


class Env:
    def __init__(self, qtbot: QtBot, ctx: DeskContext, admin: Identity, runner: TaskRunner, base_url: str) -> None:
        self.qtbot, self.ctx, self.admin, self.runner, self.base_url = qtbot, ctx, admin, runner, base_url


@pytest.fixture
def env(qtbot: QtBot, tmp_path: Path, sandbox: Any) -> Iterator[Env]:
    ctx = open_test_desk(tmp_path)
    admin = AuthService(ctx).create_first_administrator("anna", "Anna Admin", "admin-password-1")
    bridge = MessageBridge()
    runner = TaskRunner(bridge)
    try:
        yield Env(qtbot, ctx, admin, runner, sandbox.base_url)
    finally:
        runner.shutdown(wait=True)
        ctx.dispose()


def _screen(env: Env, tmp_path: Path) -> AccountsScreen:
    ui_state = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    return open_accounts(env.qtbot, env.ctx, env.admin, env.runner, MessageBridge(), ui_state)


def _verify(env: Env, dialog: ConnectDialog) -> None:
    dialog.verify_button.click()
    env.qtbot.waitUntil(lambda: env.runner.pending == 0 and dialog.verify_button.isEnabled(), timeout=8000)


@pytest.mark.parametrize("platform", ["mastodon", "bluesky"])
def test_verify_shows_who_the_account_is_and_save_connects_it(
    env: Env, tmp_path: Path, sandbox_admin: httpx.Client, platform: str
) -> None:
    force = create_sandbox_account(
        sandbox_admin, platform, f"police{uuid.uuid4().hex[:6]}", display_name="Helsinki Police"
    )
    screen = _screen(env, tmp_path)
    dialog = screen.open_connect(None)
    assert dialog is not None
    fill(dialog, Platform(platform), force["handle"], force["credentials"], env.base_url)
    _verify(env, dialog)
    assert dialog.verified is not None, dialog.feedback.text()
    assert dialog.verified.platform_account_id == force["account_id"]
    assert dialog.feedback.text() == (
        f"Verified: this is Helsinki Police ({dialog.verified.handle}). Save to connect it."
    )
    assert dialog.display_name.text() == "Helsinki Police"
    dialog.save_button.click()
    env.qtbot.waitUntil(lambda: env.runner.pending == 0 and screen.table.rowCount() == 1, timeout=5000)
    [record] = AccountService(env.ctx).list()
    assert (record.platform.value, record.platform_account_id, record.base_url) == (
        platform,
        force["account_id"],
        env.base_url,
    )
    # The credentials are in the keyring, not in the database row.
    assert env.ctx.secrets.get(record.secret_key) == force["credentials"]
    assert cell(screen.table, 0, 4) == "connected"


def test_the_limits_a_mastodon_instance_reports_are_kept_for_the_account(
    env: Env, tmp_path: Path, sandbox_admin: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from connectors.mastodon import CAPABILITIES
    from connectors.sandbox import mastodon as sandbox_mastodon
    from desk.accounts import account_capabilities

    monkeypatch.setattr(sandbox_mastodon, "MAX_CHARACTERS", 5000)  # an instance with a longer limit
    force = create_sandbox_account(sandbox_admin, "mastodon", f"police{uuid.uuid4().hex[:6]}")
    screen = _screen(env, tmp_path)
    dialog = screen.open_connect(None)
    assert dialog is not None
    fill(dialog, Platform.MASTODON, force["handle"], force["credentials"], env.base_url)
    _verify(env, dialog)
    assert dialog.verified is not None, dialog.feedback.text()
    dialog.save_button.click()
    env.qtbot.waitUntil(lambda: env.runner.pending == 0 and screen.table.rowCount() == 1, timeout=5000)
    [record] = AccountService(env.ctx).list()
    assert CAPABILITIES.text_limit == 500
    assert account_capabilities(env.ctx, record.id, CAPABILITIES).text_limit == 5000


def test_a_wrong_token_shows_the_connectors_auth_message(env: Env, tmp_path: Path, sandbox_admin: httpx.Client) -> None:
    force = create_sandbox_account(sandbox_admin, "mastodon", f"police{uuid.uuid4().hex[:6]}")
    ref = AccountRef(Platform.MASTODON, force["handle"], env.base_url, "k")
    with pytest.raises(AuthExpired) as direct:
        connector_for(ref, {"access_token": "not-a-token"}, clock=SystemClock()).verify()
    screen = _screen(env, tmp_path)
    dialog = screen.open_connect(None)
    assert dialog is not None
    fill(dialog, Platform.MASTODON, force["handle"], {"access_token": "not-a-token"}, env.base_url)
    _verify(env, dialog)
    assert dialog.verified is None and not dialog.save_button.isEnabled()
    assert dialog.feedback.text().startswith(direct.value.message)
    assert "Check the token or password" in dialog.feedback.text()
    assert AccountService(env.ctx).list() == []


def test_a_missing_keyring_is_explained_and_nothing_is_stored(
    env: Env, tmp_path: Path, sandbox_admin: httpx.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    force = create_sandbox_account(sandbox_admin, "mastodon", f"police{uuid.uuid4().hex[:6]}")
    screen = _screen(env, tmp_path)
    dialog = screen.open_connect(None)
    assert dialog is not None
    fill(dialog, Platform.MASTODON, force["handle"], force["credentials"], env.base_url)
    _verify(env, dialog)
    assert dialog.verified is not None

    def no_keyring(key: str, value: Any) -> None:
        raise KeyringUnavailable("no backend")

    monkeypatch.setattr(env.ctx.secrets, "set", no_keyring)
    dialog.save_button.click()
    env.qtbot.waitUntil(lambda: env.runner.pending == 0 and dialog.save_button.isEnabled(), timeout=5000)
    assert dialog.feedback.text().startswith(KEYRING_HELP)
    assert dialog.isVisible() and dialog.saved is None
    assert AccountService(env.ctx).list() == []
