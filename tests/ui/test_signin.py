"""Signing in, the first start, the idle lock and switching user — all through the real auth service."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.auth import AuthService, Identity
from desk.context import DeskContext
from tests.ui.conftest import ADMIN_PASSWORD, OFFICER_PASSWORD, audit_actions
from ui.session import DeskSession
from ui.settings_dialog import SettingsPanel
from ui.signin import FirstStartChoice, FirstStartDialog, LockScreen, SignInDialog

pytestmark = pytest.mark.usefixtures("placeholders_only")


def test_sign_in_succeeds_with_the_right_password(qtbot: QtBot, ctx: DeskContext, officer: Identity) -> None:
    dialog = SignInDialog(AuthService(ctx))
    qtbot.addWidget(dialog)
    QTest.keyClicks(dialog.username, "olli")
    QTest.keyClicks(dialog.password, OFFICER_PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.identity is not None
    assert dialog.identity.username == "olli"
    assert ("olli", "auth.sign_in") in audit_actions(ctx)


def test_sign_in_fails_with_a_wrong_password_and_says_so(qtbot: QtBot, ctx: DeskContext, officer: Identity) -> None:
    dialog = SignInDialog(AuthService(ctx))
    qtbot.addWidget(dialog)
    dialog.show()
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    QTest.keyClicks(dialog.username, "olli")
    QTest.keyClicks(dialog.password, "not-the-password")
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert accepted == []
    assert dialog.identity is None
    assert dialog.error.isVisible()
    assert dialog.error.text() == "The user name or password is not right."
    assert dialog.password.text() == ""
    assert ("olli", "auth.sign_in_failed") in audit_actions(ctx)


def test_first_start_creates_the_administrator(qtbot: QtBot, ctx: DeskContext) -> None:
    auth = AuthService(ctx)
    assert auth.needs_first_setup()
    dialog = FirstStartDialog(auth)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.mouseClick(dialog.set_up_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    QTest.keyClicks(dialog.username, "chief")
    QTest.keyClicks(dialog.display_name, "Chief Admin")
    QTest.keyClicks(dialog.password, "short")
    QTest.keyClicks(dialog.repeat, "short")
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "A password needs at least 10 characters."
    assert auth.needs_first_setup()
    dialog.password.setText("a-long-password")
    dialog.repeat.setText("a-different-one")
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "The two passwords differ."
    dialog.repeat.setText("a-long-password")
    QTest.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is FirstStartChoice.SET_UP
    assert dialog.identity is not None and dialog.identity.username == "chief"
    assert dialog.pages.currentIndex() == 2
    assert "Accounts screen" in dialog.next_steps.text()
    assert not auth.needs_first_setup()
    assert audit_actions(ctx)[:2] == [("chief", "user.create_first_admin"), ("chief", "auth.sign_in")]


def test_first_start_demo_choice_leaves_the_desk_empty(qtbot: QtBot, ctx: DeskContext) -> None:
    auth = AuthService(ctx)
    dialog = FirstStartDialog(auth)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        QTest.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    assert dialog.choice is FirstStartChoice.DEMO
    assert auth.needs_first_setup()


@pytest.fixture
def idle_session(qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings) -> Iterator[DeskSession]:
    session = DeskSession(ctx, admin, ui_state, idle_ms=150)
    qtbot.addWidget(session.window)
    session.show()
    yield session
    session.idle.stop()
    session.runner.shutdown(wait=True)


def test_idle_time_locks_and_only_the_same_password_unlocks(
    qtbot: QtBot, idle_session: DeskSession, ctx: DeskContext
) -> None:
    window = idle_session.window
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    qtbot.waitUntil(lambda: ("anna", "auth.lock") in audit_actions(ctx), timeout=3000)  # the lock is audited
    lock = window.lock_screen
    assert isinstance(lock, LockScreen)
    assert window.shell.currentWidget() is lock
    assert not window.content.isVisible()
    assert not idle_session.shortcuts.enabled
    lock.password.setText(OFFICER_PASSWORD)
    QTest.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert window.locked
    assert lock.error.isVisible()
    lock.password.setText(ADMIN_PASSWORD)
    QTest.mouseClick(lock.unlock_button, Qt.MouseButton.LeftButton)
    assert not window.locked
    assert window.content.isVisible()
    assert idle_session.shortcuts.enabled
    actions = audit_actions(ctx)
    assert ("anna", "auth.sign_in_failed") in actions
    assert actions[-1] == ("anna", "auth.sign_in")


def test_input_anywhere_resets_the_idle_countdown(
    qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings
) -> None:
    session = DeskSession(ctx, admin, ui_state, idle_ms=400)
    qtbot.addWidget(session.window)
    session.show()
    try:
        qtbot.wait(250)
        before = session.idle.timer.remainingTime()
        QApplication.sendEvent(
            session.window.navigation, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Down, Qt.KeyboardModifier.NoModifier)
        )
        after = session.idle.timer.remainingTime()
        assert before < 200
        assert after > 300
        assert not session.window.locked
    finally:
        session.idle.stop()
        session.runner.shutdown()


def test_ctrl_l_locks_at_once(qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings) -> None:
    session = DeskSession(ctx, admin, ui_state)
    qtbot.addWidget(session.window)
    session.show()
    try:
        entry = session.shortcuts.get("lock")
        assert entry is not None and entry.key_text() == "Ctrl+L"
        assert entry.shortcut is not None
        entry.shortcut.activated.emit()
        assert session.window.locked
        # While locked the other shortcuts do nothing.
        settings_entry = session.shortcuts.get("screen.settings")
        assert settings_entry is not None and settings_entry.shortcut is not None
        settings_entry.shortcut.activated.emit()
        assert session.window.current_screen() == "inbox"
    finally:
        session.idle.stop()
        session.runner.shutdown()


def test_switch_user_rebuilds_the_window_for_the_new_roles(
    qtbot: QtBot, ctx: DeskContext, admin: Identity, officer: Identity, ui_state: QSettings
) -> None:
    session = DeskSession(ctx, admin, ui_state)
    qtbot.addWidget(session.window)
    session.show()
    old_window = session.window
    admin_panel = old_window.page("settings")
    assert isinstance(admin_panel, SettingsPanel) and admin_panel.can_edit
    try:
        dialog = session.begin_switch_user()
        assert old_window.locked  # the previous person's screen is covered at once
        assert ("anna", "auth.sign_out") in audit_actions(ctx)
        dialog.username.setText("olli")
        dialog.password.setText(OFFICER_PASSWORD)
        with qtbot.waitSignal(session.window_rebuilt, timeout=2000):
            QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        new_window = session.window
        qtbot.addWidget(new_window)
        assert new_window is not old_window
        assert session.identity.username == "olli"
        assert new_window.user_status.text() == "Olli Officer · Officer"
        assert not new_window.locked
        panel = new_window.page("settings")
        assert isinstance(panel, SettingsPanel)
        assert not panel.can_edit
        assert not panel.save_button.isVisible()
        assert all(not e.widget.isEnabled() for e in panel.form.editors.values())
        assert audit_actions(ctx)[-1] == ("olli", "auth.sign_in")
    finally:
        session.idle.stop()
        session.runner.shutdown()
