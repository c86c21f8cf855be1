"""Helpers for the Accounts screen's tests: open the screen and fill the connect form."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from desk.auth import Identity
from desk.context import DeskContext
from desk.ports import Platform
from tests.ui.publishing_support import screen_services
from ui.accounts.screen import AccountsScreen, ConnectDialog
from ui.messages import MessageBridge
from ui.tasks import TaskRunner


def open_accounts(
    qtbot: QtBot, ctx: DeskContext, who: Identity, runner: TaskRunner, bridge: MessageBridge, ui_state: QSettings
) -> AccountsScreen:
    """The screen, shown, with its first loads done."""
    screen = AccountsScreen(screen_services(ctx, who, runner, bridge, ui_state))
    qtbot.addWidget(screen)
    screen.resize(1100, 600)
    screen.show()
    qtbot.waitUntil(lambda: runner.pending == 0)
    return screen


def fill(
    dialog: ConnectDialog,
    platform: Platform,
    handle: str,
    credentials: Mapping[str, str],
    base_url: str | None = None,
) -> None:
    """Fill the connect form as an administrator would (platform first: it resets the other fields)."""
    dialog.platform.setCurrentIndex(dialog.platform.findData(platform.value))
    dialog.handle.setText(handle)
    if base_url is not None:
        dialog.base_url.setText(base_url)
    for key, value in credentials.items():
        dialog.fields[key].setText(value)


def cell(table: QTableWidget, row: int, column: int) -> str:
    """The text of one cell (an empty cell fails the test)."""
    item = table.item(row, column)
    assert item is not None, f"no cell at {row},{column}"
    return item.text()
