"""The main window: navigation, placeholders, themes, shortcuts, status bar, demo banner, geometry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desk.auth import Identity
from desk.context import DeskContext
from desk.settings import SettingsService, Theme
from tests.ui.conftest import audit_actions, open_test_desk
from ui import screens
from ui.main_window import ConnectionState, MainWindow
from ui.screens import PlaceholderScreen, ScreenServices
from ui.session import DeskSession
from ui.theme import colours

EXPECTED = [
    "Inbox",
    "Feeds",
    "Compose",
    "Calendar",
    "Tweetathon",
    "Patrol log",
    "Reports",
    "Accounts",
    "Audit",
    "Settings",
]

pytestmark = pytest.mark.usefixtures("placeholders_only")


@pytest.fixture
def session(qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings) -> Iterator[DeskSession]:
    desk_session = DeskSession(ctx, admin, ui_state)
    qtbot.addWidget(desk_session.window)
    desk_session.show()
    yield desk_session
    desk_session.idle.stop()
    desk_session.runner.shutdown(wait=True)


def test_navigation_has_every_entry(session: DeskSession) -> None:
    assert session.window.navigation_titles() == EXPECTED
    for screen_id in screens.screen_ids():
        session.window.show_screen(screen_id)
        assert session.window.current_screen() == screen_id
        current = session.window.pages.currentWidget()
        assert current is not None and current.isVisible()


def test_open_screens_are_placeholders_that_say_so(session: DeskSession) -> None:
    for spec in screens.SCREENS:
        page = session.window.page(spec.id)
        if spec.id == "settings":
            assert not isinstance(page, PlaceholderScreen)
            continue
        assert isinstance(page, PlaceholderScreen)
        assert page.text().startswith(f"{spec.title} arrives with the ")
        assert "issue (#" in page.text()
    inbox = session.window.page("inbox")
    assert isinstance(inbox, PlaceholderScreen)
    assert "Inbox arrives with the inbox and feeds issue (#4): Every mention" in inbox.text()
    assert inbox.text() in [label.text() for label in inbox.findChildren(QLabel)]  # shown, not just stored


def test_a_registered_screen_replaces_its_placeholder(
    qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings
) -> None:
    seen: list[ScreenServices] = []

    def factory(services: ScreenServices) -> QWidget:
        seen.append(services)
        return QLabel(f"real inbox for {services.identity.username}")

    screens.register_screen("inbox", factory)
    try:
        desk_session = DeskSession(ctx, admin, ui_state)
        qtbot.addWidget(desk_session.window)
        page = desk_session.window.page("inbox")
        assert isinstance(page, QLabel)
        assert page.text() == "real inbox for anna"
        assert seen[0].ctx is ctx
        desk_session.runner.shutdown()
    finally:
        screens.unregister_screen("inbox")
    with pytest.raises(KeyError):
        screens.register_screen("no-such-screen", factory)


def test_theme_switches_at_run_time_and_is_saved(qtbot: QtBot, session: DeskSession, ctx: DeskContext) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.property("deskTheme") == "light"
    session.window.services.shortcuts.get("theme").shortcut.activated.emit()  # type: ignore[union-attr]
    assert app.property("deskTheme") == "dark"
    assert colours(Theme.DARK)["@window"] in app.styleSheet()
    assert app.palette().window().color().name() == "#161b22"
    qtbot.waitUntil(lambda: SettingsService(ctx).load().appearance.theme is Theme.DARK, timeout=3000)
    assert ("anna", "settings.save") in audit_actions(ctx)
    assert session.ui_state.value("theme/anna") == "dark"
    session.toggle_theme()
    assert app.property("deskTheme") == "light"


def test_help_lists_every_registered_shortcut(qtbot: QtBot, session: DeskSession) -> None:
    window = session.window
    session.shortcuts.add("inbox.reply", "Ctrl+R", "Reply to the selected message", lambda: None, window, group="Inbox")
    dialog = window.open_shortcuts_help()
    qtbot.addWidget(dialog)
    rows = dict(dialog.rows())
    for key, action in [
        ("Ctrl+1", "Inbox"),
        ("Ctrl+0", "Settings"),
        ("Ctrl+L", "Lock the desk"),
        ("Ctrl+Shift+U", "Switch user"),
        ("F1", "Show the keyboard shortcuts"),
        ("Ctrl+,", "Open the settings"),
        ("Ctrl+R", "Reply to the selected message"),
    ]:
        assert rows.get(key) == action, key
    assert len(rows) == len(session.shortcuts.entries())


def test_screen_shortcuts_navigate(qtbot: QtBot, session: DeskSession) -> None:
    window = session.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "compose"
    QTest.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_screen() == "settings"


def test_status_bar_shows_person_roles_connection_and_rate_limits(session: DeskSession) -> None:
    window = session.window
    assert window.user_status.text() == "Anna Admin · Administrator"
    window.set_connection_state(ConnectionState.OFFLINE, "no network")
    assert window.connection_status.text() == "● Offline"
    assert window.connection_status.property("state") == "offline"
    assert window.connection_status.toolTip() == "no network"
    window.set_rate_limit_state("low", "X: 12 posts left until 14:00")
    assert window.rate_limit_status.text() == "X: 12 posts left until 14:00"
    assert window.rate_limit_status.property("state") == "low"


def test_demo_mode_shows_a_banner_and_the_real_desk_does_not(
    qtbot: QtBot, tmp_path: object, session: DeskSession, ui_state: QSettings
) -> None:
    assert session.window.demo_banner is None
    assert "DEMO" not in session.window.windowTitle()
    from pathlib import Path

    from desk.auth import AuthService

    folder = Path(str(tmp_path)) / "demo"
    folder.mkdir()
    demo_ctx = open_test_desk(folder, demo=True)
    try:
        who = AuthService(demo_ctx).create_first_administrator("demo", "Demo Person", "demo-password-1")
        demo = DeskSession(demo_ctx, who, ui_state)
        qtbot.addWidget(demo.window)
        demo.show()
        assert demo.window.demo_banner is not None
        assert demo.window.demo_banner.isVisible()
        assert demo.window.demo_banner.text().startswith("DEMO MODE")
        assert "DEMO MODE" in demo.window.windowTitle()
        demo.runner.shutdown()
        demo.idle.stop()
    finally:
        demo_ctx.dispose()


def test_geometry_and_screen_are_remembered(
    qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings
) -> None:
    first = DeskSession(ctx, admin, ui_state)
    qtbot.addWidget(first.window)
    first.show()
    first.window.resize(700, 520)
    first.window.show_screen("calendar")
    first.window.close()
    first.runner.shutdown()
    first.idle.stop()
    second = DeskSession(ctx, admin, ui_state)
    qtbot.addWidget(second.window)
    assert second.window.current_screen() == "calendar"
    assert (second.window.width(), second.window.height()) == (700, 520)
    second.runner.shutdown()
    second.idle.stop()


def test_window_rebuild_is_typed(session: DeskSession) -> None:
    assert isinstance(session.window, MainWindow)


def test_a_screen_package_is_loaded_on_first_visit(
    qtbot: QtBot, session: DeskSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui import fake_screen_package

    monkeypatch.setitem(screens.SCREEN_PACKAGES, "feeds", "tests.ui.fake_screen_package")
    monkeypatch.setitem(screens.SCREEN_PACKAGES, "reports", "tests.ui.no_such_package")
    before = fake_screen_package.loaded
    session.window.show_screen("feeds")
    page = session.window.page("feeds")
    assert isinstance(page, QLabel) and page.text() == "feeds for anna"
    session.window.show_screen("reports")
    session.window.show_screen("feeds")
    assert fake_screen_package.loaded == before + 1  # imported once, on the first visit
    assert isinstance(session.window.page("reports"), PlaceholderScreen)


@pytest.mark.allow_log_warnings
def test_a_screen_that_fails_to_build_does_not_take_the_window_down(qtbot: QtBot, session: DeskSession) -> None:
    from ui import crash
    from ui.screens import BrokenScreen

    def broken(_services: ScreenServices) -> QWidget:
        raise ValueError("bad page")

    screens.register_screen("audit", broken)
    session.window.show_screen("audit")
    assert isinstance(session.window.page("audit"), BrokenScreen)
    assert any("ValueError: bad page" in d.report for d in crash.open_dialogs)
    session.window.show_screen("inbox")
    assert session.window.current_screen() == "inbox"


def test_the_first_screen_is_built_right_after_the_first_paint(
    qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings
) -> None:
    built: list[str] = []

    def factory(services: ScreenServices) -> QWidget:
        built.append("inbox")
        return QLabel("inbox")

    screens.register_screen("inbox", factory)
    desk_session = DeskSession(ctx, admin, ui_state)
    qtbot.addWidget(desk_session.window)
    try:
        assert built == []  # nothing heavy before the window is on screen
        with qtbot.waitSignal(desk_session.window.first_screen_ready, timeout=3000) as ready:
            desk_session.show()
        assert ready.args == ["inbox"]
        assert built == ["inbox"]
        desk_session.window.show_screen("feeds")
        desk_session.window.show_screen("inbox")
        assert built == ["inbox"]  # built once
    finally:
        desk_session.idle.stop()
        desk_session.runner.shutdown()
