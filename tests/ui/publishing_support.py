"""Shared set-up for the publishing screens' tests: people of every role, connected accounts, services."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

from desk.accounts import AccountRecord, AccountService
from desk.auth import AuthService, Identity
from desk.context import DeskContext
from desk.ports import Platform
from desk.roles import Role
from desk.settings import DeskSettings
from ui.messages import MessageBridge
from ui.screens import ScreenServices
from ui.shortcuts import ShortcutRegistry
from ui.tasks import TaskRunner

PW = "publishing-password-1"


@dataclass
class People:
    """One person per role (the administrator connected the accounts)."""

    admin: Identity
    officer: Identity
    press: Identity
    press2: Identity
    supervisor: Identity


def add_people(ctx: DeskContext, admin: Identity) -> People:
    """Officer, two press officers and a supervisor."""
    auth = AuthService(ctx)
    return People(
        admin,
        auth.add_user(admin, "otto", "Otto Officer", PW, {Role.OFFICER}),
        auth.add_user(admin, "pia", "Pia Press", PW, {Role.PRESS_OFFICER}),
        auth.add_user(admin, "paavo", "Paavo Press", PW, {Role.PRESS_OFFICER}),
        auth.add_user(admin, "sari", "Sari Supervisor", PW, {Role.SUPERVISOR}),
    )


def connect_accounts(ctx: DeskContext, admin: Identity) -> dict[Platform, AccountRecord]:
    """One account on each of X, Mastodon, Bluesky and Facebook (the sandbox address; never called here)."""
    service = AccountService(ctx)
    return {
        p: service.connect(admin, p, f"helsinki_{p.value}", "Helsinki Police", "http://127.0.0.1:9", {"token": "t"})
        for p in (Platform.X, Platform.MASTODON, Platform.BLUESKY, Platform.FACEBOOK)
    }


def screen_services(
    ctx: DeskContext, who: Identity, runner: TaskRunner, bridge: MessageBridge, ui_state: QSettings
) -> ScreenServices:
    """What the window hands a screen."""
    return ScreenServices(ctx, who, runner, bridge, ShortcutRegistry(), DeskSettings(), ui_state)
