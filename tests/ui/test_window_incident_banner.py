"""A critical-incident stop shows across the whole window, whatever screen the officer is on."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desk.auth import AuthService, Identity
from desk.context import DeskContext
from desk.incident import IncidentStop
from desk.roles import Role
from ui.session import DeskSession


def test_the_stop_banner_shows_on_the_inbox_and_goes_after_resume(
    qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings, placeholders_only: None
) -> None:
    auth = AuthService(ctx)
    press = auth.add_user(admin, "pia", "Pia Press", "correct horse battery", [Role.PRESS_OFFICER])
    supervisor = auth.add_user(admin, "sari", "Sari Supervisor", "correct horse battery", [Role.SUPERVISOR])
    session = DeskSession(ctx, supervisor, ui_state)
    window = session.show()
    qtbot.addWidget(window)
    window.show_screen("inbox")
    assert window.incident_banner.isHidden()
    IncidentStop(ctx).start(press, "Major incident in Kallio")
    watcher = window.incident_banner.watcher

    def shown() -> bool:
        watcher.poll()  # ask again (a poll already in flight may have read the desk before the stop)
        return not window.incident_banner.isHidden()

    qtbot.waitUntil(shown, timeout=10000)
    assert "Major incident in Kallio" in window.incident_banner.text()
    IncidentStop(ctx).resume(supervisor)
    qtbot.waitUntil(lambda: not shown(), timeout=10000)
    session.runner.shutdown(wait=True)
