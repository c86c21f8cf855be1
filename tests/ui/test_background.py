"""The window's background work: the status bar shows the accounts' health and posting budgets."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desk.accounts import AccountService
from desk.auth import Identity
from desk.context import DeskContext
from desk.ports import Platform
from desk.storage.models import AccountStatus, RateLimitRecord
from ui.background import BackgroundWork, account_health
from ui.session import DeskSession


def test_account_health_reads_states_and_budgets(ctx: DeskContext, admin: Identity) -> None:
    assert account_health(ctx).total == 0
    accounts = AccountService(ctx)
    x = accounts.connect(admin, Platform.X, "HelsinkiPolice", "Helsinki", "https://api.twitter.com", {"t": "1"})
    m = accounts.connect(admin, Platform.MASTODON, "poliisi", "Poliisi", "https://social.example", {"t": "1"})
    accounts.set_status(m.id, AccountStatus.NEEDS_RECONNECT, "The token was revoked")
    now = ctx.clock.now()
    with ctx.transaction() as s:
        s.add(
            RateLimitRecord(
                account_id=x.id,
                endpoint="POST /2/tweets",
                limit=100,
                remaining=4,
                reset_at=now + timedelta(minutes=10),
                updated_at=now,
            )
        )
    health = account_health(ctx)
    assert health.total == 2
    assert health.trouble == ("poliisi (mastodon): The token was revoked",)
    assert health.low == ("HelsinkiPolice (x) POST /2/tweets",) and health.exhausted == ()


def test_status_bar_follows_the_accounts(
    qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings, placeholders_only: None, tmp_path: Path
) -> None:
    session = DeskSession(ctx, admin, ui_state)
    window = session.show()
    qtbot.addWidget(window)
    work = BackgroundWork(session)
    work.refresh_status()
    qtbot.waitUntil(lambda: "No accounts" in window.connection_status.text(), timeout=3000)
    AccountService(ctx).connect(admin, Platform.X, "HelsinkiPolice", "Helsinki", "https://api.twitter.com", {"t": "1"})
    work.refresh_status()
    qtbot.waitUntil(lambda: "Online" in window.connection_status.text(), timeout=3000)
    session.runner.shutdown(wait=True)
