"""The composition root: keyring trouble, the test sign-in hook, demo mode, the demo starter."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desk.auth import AuthService, Identity
from desk.context import DeskContext
from desk.roles import Role
from tests.ui.conftest import ADMIN_PASSWORD, audit_actions, open_test_desk
from tests.ui.file_keyring import FileKeyring
from ui import app as app_module
from ui.session import DeskSession

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.usefixtures("placeholders_only")


@pytest.fixture
def own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DESK_DATABASE_URL", raising=False)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs the crash hook; restore it
    return tmp_path


def test_without_a_keyring_the_officer_is_told_what_to_install(
    qapp: object, own_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(app_module, "_keyring_dialog", shown.append)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]
    try:
        code = app_module.run_app(database_url=f"sqlite:///{own_data_dir / 'desk.sqlite3'}")
    finally:
        keyring.set_keyring(previous)
    assert code == app_module.EXIT_KEYRING
    assert len(shown) == 1
    assert "GNOME Keyring" in shown[0] and "Plain-text keyrings are refused" in shown[0]
    assert not (own_data_dir / "desk.sqlite3").exists()


def _run_app_process(data_dir: Path, *, demo: bool = False, signin: str = "", url: str = "") -> tuple[int, str]:
    """Start the app in a fresh interpreter, as an officer would, until its first paint."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DESK_DATA_DIR": str(data_dir),
        app_module.EXIT_AFTER_PAINT_ENV: "1",
        "PYTHON_KEYRING_BACKEND": "tests.ui.file_keyring.FileKeyring",
        "DESK_TEST_KEYRING_FILE": str(data_dir / "keyring.json"),
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DESK_DATABASE_URL", None)
    env.pop(app_module.TEST_SIGNIN_ENV, None)
    if signin:
        env[app_module.TEST_SIGNIN_ENV] = signin
    code = f"from ui.app import run_app; raise SystemExit(run_app(demo={demo!r}, database_url={url or None!r}))"
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    return done.returncode, done.stdout


def test_the_test_hook_signs_in_and_the_window_paints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_TEST_KEYRING_FILE", str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())  # type: ignore[no-untyped-call]
    try:
        from desk.clock import SystemClock
        from desk.context import open_desk
        from desk.secrets import KeyringSecretStore

        url = f"sqlite:///{tmp_path / 'desk.sqlite3'}"
        ctx = open_desk(url, SystemClock(), KeyringSecretStore(), data_dir=tmp_path)
    finally:
        keyring.set_keyring(previous)
    try:
        AuthService(ctx).create_first_administrator("anna", "Anna Admin", ADMIN_PASSWORD)
        code, out = _run_app_process(tmp_path, signin=f"anna:{ADMIN_PASSWORD}", url=url)
        assert code == 0
        assert out.startswith("FIRST_PAINT ")
        assert float(out.split()[1]) > 0
        assert audit_actions(ctx)[-2:] == [("anna", "auth.sign_in"), ("anna", "auth.sign_out")]
        # A wrong password in the hook is still refused, and audited.
        code, out = _run_app_process(tmp_path, signin="anna:wrong-password", url=url)
        assert code == app_module.EXIT_SIGNIN
        assert "FIRST_PAINT" not in out
        assert audit_actions(ctx)[-1] == ("anna", "auth.sign_in_failed")
    finally:
        ctx.dispose()


def test_demo_mode_uses_its_own_database(tmp_path: Path) -> None:
    code, out = _run_app_process(tmp_path, demo=True)
    assert code == 0
    assert out.startswith("FIRST_PAINT ")
    assert (tmp_path / "demo.sqlite3").exists()
    assert not (tmp_path / "desk.sqlite3").exists()


def test_demo_identity_holds_every_role_and_only_on_a_demo_desk(tmp_path: Path, ctx: DeskContext) -> None:
    folder = tmp_path / "demo"
    folder.mkdir()
    demo_ctx = open_test_desk(folder, demo=True)
    try:
        who = app_module.demo_identity(demo_ctx)
        assert who.roles == {Role.OFFICER, Role.PRESS_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR}
        assert app_module.demo_identity(demo_ctx).username == who.username  # the second start reuses them
    finally:
        demo_ctx.dispose()
    with pytest.raises(RuntimeError):
        app_module.demo_identity(ctx)


@pytest.fixture
def session(qtbot: QtBot, ctx: DeskContext, admin: Identity, ui_state: QSettings) -> Iterator[DeskSession]:
    desk_session = DeskSession(ctx, admin, ui_state)
    qtbot.addWidget(desk_session.window)
    yield desk_session
    desk_session.idle.stop()
    desk_session.runner.shutdown(wait=True)


def test_a_build_without_the_demo_module_still_opens(
    qtbot: QtBot, session: DeskSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing(_ctx: DeskContext) -> Any:
        raise ModuleNotFoundError("No module named 'connectors.demo'", name="connectors.demo")

    monkeypatch.setattr(app_module, "start_demo", missing)
    handles: list[Any] = []
    app_module._start_demo_later(session, handles)
    qtbot.waitUntil(lambda: len(session.bridge.history) == 2, timeout=3000)
    assert "not part of this build yet" in session.bridge.history[1].text
    assert handles == []


def test_the_demo_starter_runs_after_the_window_and_its_handle_is_kept(
    qtbot: QtBot, session: DeskSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    started_on: list[bool] = []

    class Handle:
        def stop(self) -> None:
            pass

    def start(ctx: DeskContext) -> Handle:
        started_on.append(threading.current_thread() is threading.main_thread())
        return Handle()

    monkeypatch.setattr(app_module, "start_demo", start)
    handles: list[Any] = []
    app_module._start_demo_later(session, handles)
    qtbot.waitUntil(lambda: len(handles) == 1, timeout=3000)
    assert started_on == [False]  # on the network lane, never in the GUI thread
    assert isinstance(handles[0], Handle)
