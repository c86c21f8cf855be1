"""Cold start: the signed-in window paints before the desk's database layer loads, then the desk attaches.

The window of a session begun with ``DeskSession.opening`` has its navigation, status bar and theme at the
first paint, says the desk is opening, and keeps menus and the lock shut until ``attach`` hands it the open
desk; the first screen is built after both the paint and the attach. The composition root takes this path
for the test hook on an SQLite desk at the latest revision (checked with the startup trace), and refuses a
sign-in that the open desk does not confirm.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.auth import AuthService, BadCredentials, Identity
from desk.clock import SystemClock
from desk.context import DeskContext, open_desk
from desk.roles import Role
from desk.secrets import KeyringSecretStore
from desk.settings import DeskSettings, SettingsService, Theme
from desk.settings_document import FirstLook, Language
from tests.ui.conftest import ADMIN_PASSWORD, audit_actions
from tests.ui.file_keyring import FileKeyring
from ui import app as app_module
from ui import screens
from ui.main_window import MainWindow
from ui.session import DeskSession
from ui.theme import current_theme

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.usefixtures("placeholders_only")


def _who() -> Identity:
    return Identity(1, "anna", "Anna Admin", frozenset({Role.ADMINISTRATOR}))


@pytest.fixture
def opening(qtbot: QtBot, ui_state: QSettings) -> Iterator[DeskSession]:
    """A session whose desk is still opening, its window shown."""
    session = DeskSession.opening(_who(), ui_state, FirstLook(Theme.DARK, Language.ENGLISH, "Oulu Police"))
    qtbot.addWidget(session.window)
    yield session
    session.idle.stop()
    session.runner.shutdown(wait=True)


def test_the_window_paints_with_its_navigation_before_the_desk_is_open(qtbot: QtBot, opening: DeskSession) -> None:
    window = opening.show()
    with qtbot.waitSignal(window.painted, timeout=3000):
        pass
    assert window.navigation_titles() == [screens.title(i) for i in screens.screen_ids()]
    assert window.station.text() == "Oulu Police"
    assert "Anna Admin" in window.user_status.text()
    assert current_theme() is Theme.DARK
    assert window.pages.currentWidget() is window.opening
    assert window.opening.text() == "Opening the desk…"
    assert not window.is_open and not opening.is_open
    assert not window.menuBar().isEnabled() and not opening.shortcuts.enabled
    with pytest.raises(RuntimeError, match="still opening"):
        _ = opening.ctx
    with pytest.raises(RuntimeError, match="still opening"):
        _ = window.services
    opening.lock()  # nothing to lock yet: no audit, no lock screen
    assert not window.locked
    window.show_screen("audit")  # navigating shows the same notice, builds nothing
    assert window.pages.currentWidget() is window.opening


def test_attaching_the_open_desk_builds_the_screen_shown_and_opens_the_menus(
    qtbot: QtBot, opening: DeskSession, ctx: DeskContext, admin: Identity
) -> None:
    window = opening.show()
    with qtbot.waitSignal(window.painted, timeout=3000):
        pass
    assert window.incident_banner is None
    settings = DeskSettings()
    settings.station.station_name = "Oulun poliisi"
    settings.appearance.theme = Theme.LIGHT
    with qtbot.waitSignal(window.first_screen_ready, timeout=3000) as ready:
        opening.attach(ctx, admin, settings)
    assert ready.args == ["inbox"]
    assert window.is_open and opening.ctx is ctx
    assert window.station.text() == "Oulun poliisi"
    assert current_theme() is Theme.LIGHT  # the validated settings win over the first look
    assert window.menuBar().isEnabled() and opening.shortcuts.enabled
    assert window.incident_banner is not None and window.incident_banner.isHidden()
    assert window.pages.currentWidget() is window._pages["inbox"]
    with pytest.raises(RuntimeError, match="already"):
        opening.attach(ctx, admin, settings)
    opening.lock()
    assert window.locked  # the lock works once the desk is open


def test_a_window_attached_before_its_first_paint_builds_the_screen_after_it(
    qtbot: QtBot, opening: DeskSession, ctx: DeskContext, admin: Identity
) -> None:
    opening.attach(ctx, admin, DeskSettings())
    window: MainWindow = opening.window
    assert window.is_open
    assert window._pages["inbox"].layout().count() == 0  # type: ignore[union-attr]  # not before the paint
    with qtbot.waitSignal(window.first_screen_ready, timeout=3000):
        window.show()
    assert window._pages["inbox"].layout().count() == 1  # type: ignore[union-attr]


def test_an_open_failure_says_so_where_the_screens_would_be(opening: DeskSession) -> None:
    opening.window.show_open_failure()
    assert "could not be opened" in opening.window.opening.text()


# --- the composition root ---------------------------------------------------------------------------------


@pytest.fixture
def keyring_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[DeskContext, str]]:
    """A real (keyring) desk in tmp_path with one administrator; the test file keyring stands in."""
    monkeypatch.setenv("DESK_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())  # type: ignore[no-untyped-call]
    try:
        url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
        ctx = open_desk(url, SystemClock(), KeyringSecretStore(), data_dir=tmp_path)
    finally:
        keyring.set_keyring(previous)
    try:
        AuthService(ctx).create_first_administrator("anna", "Anna Admin", ADMIN_PASSWORD)
        yield ctx, url
    finally:
        ctx.dispose()


def _start(folder: Path, url: str, signin: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DESK_DATA_DIR": str(folder),
        app_module.EXIT_AFTER_PAINT_ENV: "1",
        app_module.TRACE_ENV: "1",
        app_module.TEST_SIGNIN_ENV: signin,
        "PYTHON_KEYRING_BACKEND": "tests.ui.file_keyring.FileKeyring",
        "DESK_TEST_KEYRING_FILE": str(folder / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DESK_DATABASE_URL", None)
    code = f"from ui.app import run_app; raise SystemExit(run_app(database_url={url!r}))"
    return subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def test_the_hook_paints_the_signed_in_window_before_the_desk_opens(
    tmp_path: Path, keyring_desk: tuple[DeskContext, str]
) -> None:
    ctx, url = keyring_desk
    admin = AuthService(ctx).sign_in("anna", ADMIN_PASSWORD)
    stored = DeskSettings()
    stored.station.station_name = "Turku Police"
    SettingsService(ctx).save(admin, stored)
    done = _start(tmp_path, url, f"anna:{ADMIN_PASSWORD}")
    assert done.returncode == 0, done.stderr
    phases = [line.split(" s  ", 1)[1] for line in done.stderr.splitlines() if line.startswith("startup ")]
    assert phases.index("password checked before opening the desk") < phases.index("window shown")
    assert phases.index("window shown") < phases.index("desk opened, sign-in confirmed")
    assert phases[-1] == "first screen built: inbox"
    paint, ready = (float(line.split()[1]) for line in done.stdout.splitlines())
    assert 0 < paint <= ready
    assert audit_actions(ctx)[-2:] == [("anna", "auth.sign_in"), ("anna", "auth.sign_out")]


def test_a_sign_in_the_open_desk_does_not_confirm_is_refused(
    qapp: QApplication,
    tmp_path: Path,
    keyring_desk: tuple[DeskContext, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _ctx, url = keyring_desk
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path))
    monkeypatch.setenv(app_module.TEST_SIGNIN_ENV, f"anna:{ADMIN_PASSWORD}")
    monkeypatch.delenv(app_module.EXIT_AFTER_PAINT_ENV, raising=False)
    monkeypatch.setenv(app_module.NO_BACKGROUND_ENV, "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs the crash hook; restore it
    confirmed: list[bool] = []

    def password_changed_meanwhile(*_args: object) -> object:
        confirmed.append(False)
        raise BadCredentials

    monkeypatch.setattr(app_module, "_open_confirmed", password_changed_meanwhile)
    guard = QTimer()  # a refusal that never comes fails the test instead of hanging it
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(20_000)
    try:
        assert app_module.run_app(database_url=url) == app_module.EXIT_SIGNIN
    finally:
        guard.stop()
    assert confirmed == [False]
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
