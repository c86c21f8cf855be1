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
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
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
from ui.signin import SignInDialog
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


# --- the officer's sign-in dialog on the early path ------------------------------------------------------


@pytest.fixture
def early_dialog(
    qtbot: QtBot, tmp_path: Path, keyring_desk: tuple[DeskContext, str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[SignInDialog, DeskContext]]:
    """The cold start's sign-in dialog at a real keyring desk (file keyring), shown, nothing typed yet."""
    ctx, url = keyring_desk
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())  # type: ignore[no-untyped-call]
    check = app_module._EarlySignIn(tmp_path / "desk.sqlite3", url)
    dialog = SignInDialog(check=check)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        yield dialog, ctx
    finally:
        dialog.wait_for_check()
        check.dispose()
        keyring.set_keyring(previous)


def _press_sign_in(qtbot: QtBot, dialog: SignInDialog, username: str, password: str) -> None:
    dialog.username.clear()
    QTest.keyClicks(dialog.username, username)
    QTest.keyClicks(dialog.password, password)
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    # The outcome comes back through the event loop: until then the dialog says it is checking.
    assert dialog.is_checking
    assert dialog.status.isVisible() and not dialog.sign_in_button.isEnabled() and dialog.password.isReadOnly()
    qtbot.waitUntil(lambda: not dialog.is_checking, timeout=15_000)
    assert not dialog.status.isVisible() and dialog.sign_in_button.isEnabled()


def test_the_early_dialog_refuses_a_wrong_password_as_the_open_desk_does_and_audits_it(
    qtbot: QtBot, early_dialog: tuple[SignInDialog, DeskContext]
) -> None:
    dialog, ctx = early_dialog
    refused: list[str] = []
    dialog.refused.connect(refused.append)
    before = audit_actions(ctx)
    _press_sign_in(qtbot, dialog, "anna", "not-the-password")
    assert refused == ["The user name or password is not right."]
    assert dialog.error.isVisible() and dialog.error.text() == refused[0]
    assert dialog.password.text() == "" and dialog.outcome is None and dialog.result() == 0
    assert audit_actions(ctx) == [*before, ("anna", "auth.sign_in_failed")]
    # The next attempt, right this time, signs in through the desk the refusal opened (audited).
    _press_sign_in(qtbot, dialog, "anna", ADMIN_PASSWORD)
    assert isinstance(dialog.outcome, app_module._OpenSignIn)
    assert dialog.outcome.identity.username == "anna"
    assert audit_actions(ctx)[-1] == ("anna", "auth.sign_in")


def test_every_refused_attempt_on_the_early_dialog_is_counted_in_the_audit(
    qtbot: QtBot, early_dialog: tuple[SignInDialog, DeskContext]
) -> None:
    dialog, ctx = early_dialog
    refused: list[str] = []
    dialog.refused.connect(refused.append)
    before = len(audit_actions(ctx))
    for username, password in [("anna", "wrong-1"), ("nobody", ADMIN_PASSWORD), ("anna", "wrong-2")]:
        _press_sign_in(qtbot, dialog, username, password)
    assert len(refused) == 3 and dialog.outcome is None
    assert audit_actions(ctx)[before:] == [
        ("anna", "auth.sign_in_failed"),
        ("nobody", "auth.sign_in_failed"),
        ("anna", "auth.sign_in_failed"),
    ]


def test_the_early_dialog_accepts_the_right_password_without_opening_the_desk(
    qtbot: QtBot, early_dialog: tuple[SignInDialog, DeskContext]
) -> None:
    dialog, ctx = early_dialog
    before = audit_actions(ctx)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        _press_sign_in(qtbot, dialog, "anna", ADMIN_PASSWORD)
    from desk.quick_open import EarlySignIn

    assert isinstance(dialog.outcome, EarlySignIn)
    assert dialog.outcome.verified.identity.username == "anna"
    assert audit_actions(ctx) == before  # confirmed and audited once the desk is open (confirm_sign_in)


def test_the_dialog_stays_responsive_while_the_password_is_checked(qtbot: QtBot) -> None:
    gate = threading.Event()
    calls: list[tuple[str, str]] = []

    def slow_check(username: str, password: str) -> object:
        calls.append((username, password))
        gate.wait(10)
        return "checked"

    dialog = SignInDialog(check=slow_check)
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.username, "anna")
    QTest.keyClicks(dialog.password, "a password")
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    try:
        qtbot.wait(200)
        QTest.keyClick(dialog.password, Qt.Key.Key_Return)  # a second press while checking starts nothing
        assert dialog.is_checking and len(ticks) >= 5
    finally:
        timer.stop()
        gate.set()
    qtbot.waitUntil(lambda: dialog.outcome == "checked", timeout=5000)
    assert calls == [("anna", "a password")]


def test_the_officer_signs_in_through_the_dialog_and_the_window_paints_before_the_desk_opens(
    qapp: QApplication,
    tmp_path: Path,
    keyring_desk: tuple[DeskContext, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ctx, url = keyring_desk
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv(app_module.TEST_SIGNIN_ENV, raising=False)
    monkeypatch.setenv(app_module.EXIT_AFTER_PAINT_ENV, "1")  # quits once the first screen is built
    monkeypatch.setenv(app_module.TRACE_ENV, "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs the crash hook; restore it
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())  # type: ignore[no-untyped-call]
    windows: list[MainWindow] = []
    at_open: list[tuple[bool, tuple[str, str]]] = []
    opening_later, open_confirmed = app_module._session_opening_later, app_module._open_confirmed

    def watch_window(*args: Any) -> DeskSession:
        session = opening_later(*args)
        windows.append(session.window)
        return session

    def watch_open(*args: Any) -> Any:
        at_open.append((windows[0].has_painted, audit_actions(ctx)[-1]))
        return open_confirmed(*args)

    monkeypatch.setattr(app_module, "_session_opening_later", watch_window)
    monkeypatch.setattr(app_module, "_open_confirmed", watch_open)
    typed: list[bool] = []

    def type_when_shown() -> None:
        dialogs = [w for w in qapp.topLevelWidgets() if isinstance(w, SignInDialog) and w.isVisible()]
        if dialogs and not typed:
            typed.append(True)
            QTest.keyClicks(dialogs[0].username, "anna")
            QTest.keyClicks(dialogs[0].password, ADMIN_PASSWORD)
            QTest.keyClick(dialogs[0].password, Qt.Key.Key_Return)

    officer = QTimer()
    officer.timeout.connect(type_when_shown)
    officer.start(20)
    guard = QTimer()  # a window that never comes fails the test instead of hanging it
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: qapp.exit(99))
    guard.start(30_000)
    try:
        assert app_module.run_app(database_url=url) == 0
    finally:
        officer.stop()
        guard.stop()
        keyring.set_keyring(previous)
    assert typed == [True]
    # The desk began to open after the window's first paint, with the sign-in not yet confirmed (nor audited).
    assert at_open == [(True, ("anna", "user.create_first_admin"))]
    phases = [line.split(" s  ", 1)[1] for line in capsys.readouterr().err.splitlines() if line.startswith("startup ")]
    assert phases.index("sign-in dialog") < phases.index("password checked before opening the desk")
    assert phases.index("window shown") < phases.index("desk opened, sign-in confirmed")
    assert audit_actions(ctx)[-2:] == [("anna", "auth.sign_in"), ("anna", "auth.sign_out")]


def test_the_sign_in_dialog_appears_before_the_database_layer_loads(
    tmp_path: Path, keyring_desk: tuple[DeskContext, str]
) -> None:
    _ctx, url = keyring_desk
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DESK_DATA_DIR": str(tmp_path),
        "PYTHON_KEYRING_BACKEND": "tests.ui.file_keyring.FileKeyring",
        "DESK_TEST_KEYRING_FILE": str(tmp_path / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    for name in ("DESK_DATABASE_URL", app_module.TEST_SIGNIN_ENV, app_module.EXIT_AFTER_PAINT_ENV):
        env.pop(name, None)
    # The officer cancels the dialog; what had loaded when it appeared is printed first.
    code = (
        "import sys\n"
        "from ui import signin\n"
        "def cancel(dialog):\n"
        "    loaded = [m for m in ('sqlalchemy', 'pydantic', 'alembic', 'keyring') if m in sys.modules]\n"
        "    print('DIALOG', dialog.check is not None, loaded, flush=True)\n"
        "    return 0\n"
        "signin.SignInDialog.exec = cancel\n"
        f"from ui.app import run_app; raise SystemExit(run_app(database_url={url!r}))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "DIALOG True []"


def test_cancelling_while_the_password_is_checked_leaves_nothing_open(
    qtbot: QtBot, early_dialog: tuple[SignInDialog, DeskContext]
) -> None:
    dialog, ctx = early_dialog
    before = audit_actions(ctx)
    QTest.keyClicks(dialog.username, "anna")
    QTest.keyClicks(dialog.password, "not-the-password")
    QTest.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    dialog.reject()  # Cancel, Escape or closing the dialog
    dialog.wait_for_check()
    assert dialog.outcome is None and dialog.result() == 0
    # The refusal that was under way is still audited.
    assert audit_actions(ctx) == [*before, ("anna", "auth.sign_in_failed")]


def test_the_hook_on_a_desk_without_people_signs_in_the_ordinary_way_and_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DESK_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())  # type: ignore[no-untyped-call]
    try:
        url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
        ctx = open_desk(url, SystemClock(), KeyringSecretStore(), data_dir=tmp_path)
    finally:
        keyring.set_keyring(previous)
    try:
        done = _start(tmp_path, url, f"anna:{ADMIN_PASSWORD}")  # the first start's dialog would wait forever
        assert done.returncode == app_module.EXIT_SIGNIN, done.stderr
        assert "startup" in done.stderr and "desk opens before the sign-in" in done.stderr
        assert "FIRST_PAINT" not in done.stdout
        assert audit_actions(ctx) == [("anna", "auth.sign_in_failed")]
    finally:
        ctx.dispose()
