"""The Accounts screen on a real SQLite desk: the list, the connect form's checks, roles, the allow-list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from desk.accounts import REAL_BASE_URLS, AccountService
from desk.allowlist import AllowListService
from desk.auth import Identity
from desk.context import DeskContext
from desk.errors import PermissionDenied
from desk.inbox import InboxService
from desk.ports import Platform
from desk.redaction import HitKind
from desk.storage.models import AccountStatus, QuarantinedPayload
from tests.ui.accounts_support import cell, fill, open_accounts
from ui.accounts.form import CREDENTIAL_FIELDS
from ui.accounts.screen import AccountsScreen
from ui.i18n import install_language
from ui.messages import MessageBridge
from ui.tasks import TaskRunner

Fixtures = tuple[DeskContext, TaskRunner, MessageBridge, QSettings]


@pytest.fixture
def env(ctx: DeskContext, runner: TaskRunner, bridge: MessageBridge, ui_state: QSettings) -> Fixtures:
    return ctx, runner, bridge, ui_state


def _open(qtbot: QtBot, env: Fixtures, who: Identity) -> AccountsScreen:
    ctx, runner, bridge, ui_state = env
    return open_accounts(qtbot, ctx, who, runner, bridge, ui_state)


def _cells(screen: AccountsScreen) -> list[list[str]]:
    table = screen.table
    return [[cell(table, r, c) for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_the_list_shows_accounts_and_their_status(qtbot: QtBot, env: Fixtures, admin: Identity) -> None:
    ctx = env[0]
    service = AccountService(ctx)
    service.connect(admin, Platform.MASTODON, "police@poliisi.social", "Poliisi", "https://poliisi.social", {"a": "b"})
    revoked = service.connect(admin, Platform.X, "helsinkipolice", "Helsinki Police", REAL_BASE_URLS[Platform.X], {})
    service.set_status(revoked.id, AccountStatus.NEEDS_RECONNECT, "the token was revoked")
    screen = _open(qtbot, env, admin)
    assert _cells(screen) == [
        ["Mastodon", "police@poliisi.social", "Poliisi", "https://poliisi.social", "connected"],
        [
            "X",
            "helsinkipolice",
            "Helsinki Police",
            "https://api.twitter.com",
            "needs reconnecting: the token was revoked",
        ],
    ]
    assert screen.empty.isHidden()
    assert screen.summary.text() == "2 accounts, 1 need attention"
    screen.table.selectRow(1)
    assert screen.reconnect_button.isEnabled() and screen.reconnect_button.text() == "Reconnect (needed)"
    dialog = screen.open_connect(screen.selected())
    assert dialog is not None
    # Reconnecting keeps the account's identity; only the credentials (and server) are entered again.
    assert dialog.handle.text() == "helsinkipolice" and dialog.handle.isReadOnly()
    assert not dialog.platform.isEnabled() and set(dialog.fields) == {f.key for f in CREDENTIAL_FIELDS[Platform.X]}
    dialog.reject()


def test_an_empty_desk_says_who_connects_accounts(qtbot: QtBot, env: Fixtures, officer: Identity) -> None:
    screen = _open(qtbot, env, officer)
    assert screen.table.rowCount() == 0 and not screen.empty.isHidden()


def test_the_form_prefills_the_real_server_and_hides_secrets(qtbot: QtBot, env: Fixtures, admin: Identity) -> None:
    screen = _open(qtbot, env, admin)
    dialog = screen.open_connect(None)
    assert dialog is not None
    for platform in Platform:
        dialog.platform.setCurrentIndex(dialog.platform.findData(platform.value))
        assert dialog.base_url.text() == REAL_BASE_URLS[platform]
        for spec in CREDENTIAL_FIELDS[platform]:
            echo = dialog.fields[spec.key].echoMode()
            assert (echo == QLineEdit.EchoMode.Password) == spec.secret, spec.key
    dialog.reject()


@pytest.mark.parametrize(
    ("handle", "base_url", "token", "expected"),
    [
        ("", "https://mastodon.social", "tok", "Give the account's handle."),
        ("   ", "https://mastodon.social", "tok", "Give the account's handle."),
        ("police", "", "tok", "Give the server address, e.g. https://mastodon.social."),
        ("police", "mastodon.social", "tok", "The server address must look like https://example.org"),
        ("police", "ftp://mastodon.social", "tok", "The server address must look like https://example.org"),
        ("police", "https://", "tok", "The server address must look like https://example.org"),
        ("police", "http://mastodon.social", "tok", "Use https:// for http://mastodon.social"),
        ("police", "https://mastodon.social", "", "Fill in Access token"),
    ],
)
def test_the_form_explains_what_to_fix_before_any_network_call(
    qtbot: QtBot, env: Fixtures, admin: Identity, handle: str, base_url: str, token: str, expected: str
) -> None:
    ctx, runner, _, _ = env
    screen = _open(qtbot, env, admin)
    dialog = screen.open_connect(None)
    assert dialog is not None
    fill(dialog, Platform.MASTODON, handle, {"access_token": token}, base_url)
    dialog.verify_button.click()
    assert runner.pending == 0, "a form with a mistake must not reach the network"
    assert expected in dialog.feedback.text()
    assert not dialog.save_button.isEnabled()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert AccountService(ctx).list() == []
    dialog.reject()


def test_an_officer_sees_the_list_read_only(qtbot: QtBot, env: Fixtures, admin: Identity, officer: Identity) -> None:
    ctx = env[0]
    AccountService(ctx).connect(admin, Platform.BLUESKY, "poliisi.bsky.social", "Poliisi", "https://bsky.social", {})
    screen = _open(qtbot, env, officer)
    assert [row[1] for row in _cells(screen)] == ["poliisi.bsky.social"]
    assert screen.connect_button.isHidden() and screen.reconnect_button.isHidden()
    assert screen.open_connect(None) is None and screen.dialog is None
    assert env[2].history[-1].text == "Only administrators connect accounts."
    tabs = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert tabs == ["Accounts", "Allow-list"], "the quarantine is for administrators"
    assert screen.allow_add.isHidden() and screen.allow_remove.isHidden()
    # The service refuses too: the hidden button is not the only guard.
    with pytest.raises(PermissionDenied):
        AccountService(ctx).connect(officer, Platform.X, "x", "x", "https://api.twitter.com", {})


def test_the_quarantine_tab_lists_what_a_sync_could_not_read(qtbot: QtBot, env: Fixtures, admin: Identity) -> None:
    ctx = env[0]
    account = AccountService(ctx).connect(admin, Platform.MASTODON, "police", "Police", "https://m.example", {})
    with ctx.transaction() as session:
        session.add(
            QuarantinedPayload(
                account_id=account.id,
                stream="mentions",
                reason="missing field 'id'",
                payload='{"content": "hello"}',
                received_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
            )
        )
    assert len(InboxService(ctx, None).quarantine(admin)) == 1
    screen = _open(qtbot, env, admin)
    table = screen.quarantine_table
    assert table is not None and table.rowCount() == 1
    assert cell(table, 0, 1) == "Mastodon police"
    assert cell(table, 0, 2) == "missing field 'id'"
    assert cell(table, 0, 3) == '{"content": "hello"}'


def test_adding_to_the_allow_list_lets_the_number_pass(qtbot: QtBot, env: Fixtures, admin: Identity) -> None:
    ctx, runner, _, _ = env
    text = "Lost property: call 0295 419 802."
    service = AllowListService(ctx)
    assert [h for h in service.guard().check(text).hits if h.kind is HitKind.PHONE]
    screen = _open(qtbot, env, admin)
    shipped_rows = screen.allow_table.rowCount()
    assert shipped_rows == len(service.shipped()) > 0
    screen.allow_value.setText("0295 419 802")
    screen.allow_label.setText("Lost property")
    screen.allow_add.click()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert screen.allow_table.rowCount() == shipped_rows + 1
    assert cell(screen.allow_table, 0, 1) == "0295 419 802"
    assert "allowed in posts now" in screen.allow_feedback.text()
    assert [h for h in service.guard().check(text).hits if h.kind is HitKind.PHONE] == []
    # A shipped entry cannot be removed; the force's own can.
    screen.allow_table.selectRow(shipped_rows)
    screen.allow_remove.click()
    assert screen.allow_feedback.text() == "Entries shipped with the desk cannot be removed."
    screen.allow_table.selectRow(0)
    screen.allow_remove.click()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert service.entries() == [] and screen.allow_table.rowCount() == shipped_rows


def test_a_bad_allow_list_entry_is_explained_and_nothing_is_stored(
    qtbot: QtBot, env: Fixtures, admin: Identity
) -> None:
    ctx, runner, _, _ = env
    screen = _open(qtbot, env, admin)
    screen.allow_value.setText("   ")
    screen.allow_add.click()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert screen.allow_feedback.text() == "An allow-list entry has an empty value."
    assert AllowListService(ctx).entries() == []


def test_the_screen_speaks_finnish(qtbot: QtBot, env: Fixtures, admin: Identity) -> None:
    ctx = env[0]
    revoked = AccountService(ctx).connect(admin, Platform.X, "poliisi", "Poliisi", REAL_BASE_URLS[Platform.X], {})
    AccountService(ctx).set_status(revoked.id, AccountStatus.NEEDS_RECONNECT, None)
    install_language("fi")
    try:
        screen = _open(qtbot, env, admin)
        assert screen.connect_button.text() == "Yhdistä tili…"
        assert [screen.tabs.tabText(i) for i in range(screen.tabs.count())] == ["Tilit", "Karanteeni", "Sallitut"]
        assert cell(screen.table, 0, 4) == "yhdistettävä uudelleen"
        assert screen.summary.text() == "Tilejä 1, joista 1 vaatii huomiota"
    finally:
        install_language("en")
