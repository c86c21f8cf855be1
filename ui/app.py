"""The window's composition root: open the desk, sign someone in, show the main window.

Cold start matters (an officer opens the desk at the start of a shift, and again after every crash):
nothing here imports a platform SDK before the window is painted. The demo sandbox starts after the
window is shown, through the task runner.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

# Qt is imported inside the functions: the early password check starts before Qt loads (see run_app).

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desk.context import DeskContext
    from desk.identity import Identity
    from desk.quick_open import EarlyDesk, EarlySignIn
    from desk.secrets import KeyringUnavailable
    from desk.settings import DeskSettings
    from desk.settings_document import FirstLook
    from ui.background import BackgroundWork
    from ui.session import DeskSession
    from ui.signin import SignInDialog

log = logging.getLogger(__name__)

TEST_SIGNIN_ENV = "DESK_TEST_SIGNIN"  # "user:password": sign in without the dialog (benchmarks, smoke runs)
EXIT_AFTER_PAINT_ENV = "DESK_EXIT_AFTER_PAINT"  # print FIRST_PAINT <seconds> at the first paint, then quit
TRACE_ENV = "DESK_STARTUP_TRACE"  # print the start-up phases to stderr
NO_BACKGROUND_ENV = "DESK_NO_BACKGROUND"  # do not sync or publish from this window (screenshots, tests)
EXIT_KEYRING = 3
EXIT_SIGNIN = 2

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "demo-desk-password"  # noqa: S105 (the demo database only; it holds nothing real)


class DemoHandle(Protocol):
    """What the demo starter returns: something that can be stopped."""

    def stop(self) -> None:
        """Stop the demo's sandbox and residents."""
        ...


def start_demo(ctx: DeskContext) -> DemoHandle:
    """Start the demo's sandbox and simulated residents (provided by ``connectors.demo``)."""
    from connectors.demo import start_demo as start  # type: ignore[import-not-found,unused-ignore]

    handle: DemoHandle = start(ctx)
    return handle


def _process_age() -> float:
    """Seconds since this process started (Linux: from /proc; elsewhere since this module loaded)."""
    try:
        stat = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start_ticks = int(stat[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.perf_counter() - _LOADED


_LOADED = time.perf_counter()


def _trace(phase: str) -> None:
    if os.environ.get(TRACE_ENV):
        sys.stderr.write(f"startup {_process_age():7.3f} s  {phase}\n")


def _open_real(database_url: str | None) -> DeskContext:
    from desk.clock import clock_from_env
    from desk.context import open_desk
    from desk.secrets import KeyringSecretStore
    from desk.storage.engine import default_database_url, normalise_url

    secrets = KeyringSecretStore()  # raises KeyringUnavailable with what to install
    url = normalise_url(database_url) if database_url else default_database_url()
    return open_desk(url, clock_from_env(), secrets)


def _open_demo() -> DeskContext:
    from desk.clock import clock_from_env
    from desk.context import open_desk
    from desk.demo import demo_secret_store
    from desk.storage.engine import default_database_url

    return open_desk(default_database_url(demo=True), clock_from_env(), demo_secret_store(), demo=True)


def demo_identity(ctx: DeskContext) -> Identity:
    """Sign in the demo's person (all four roles), creating them on a fresh demo database."""
    from desk.auth import AuthService
    from desk.roles import Role

    if not ctx.demo:
        raise RuntimeError("demo sign-in on a real desk")
    auth = AuthService(ctx)
    if auth.needs_first_setup():
        admin = auth.create_first_administrator("demo.admin", "Demo Administrator", DEMO_PASSWORD)
        auth.add_user(
            admin,
            DEMO_USERNAME,
            "Demo Officer",
            DEMO_PASSWORD,
            {Role.OFFICER, Role.PRESS_OFFICER, Role.SUPERVISOR, Role.ADMINISTRATOR},
        )
    return auth.sign_in(DEMO_USERNAME, DEMO_PASSWORD)


def _keyring_dialog(text: str) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("App", "Beat Desk cannot start"), text)
    box.setInformativeText(QCoreApplication.translate("App", "Try the demo without a keyring: desk --demo"))
    box.exec()


class _FirstPaint:
    """Prints ``FIRST_PAINT <s> <cpu s>`` at the main window's first paint and ``SCREEN_READY <s>`` once the
    first screen is built, then quits (benchmarks; seconds since the process started, CPU seconds used)."""

    def __init__(self, app: QApplication) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        self.app = app
        done = [False]

        def report() -> None:
            # Seconds since the process started, then the CPU seconds it used (all threads): a figure that
            # a loaded machine does not distort.
            sys.stdout.write(f"FIRST_PAINT {_process_age():.4f} {time.process_time():.4f}\n")
            sys.stdout.flush()

        class Filter(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and not done[0]:
                    done[0] = True
                    QTimer.singleShot(0, report)  # once this paint has been handled
                return False

        self.filter = Filter()

    def screen_ready(self, _screen_id: str) -> None:
        sys.stdout.write(f"SCREEN_READY {_process_age():.4f}\n")
        sys.stdout.flush()
        # exit(0), not quit(): after quit() an in-process run (the tests) left later event loops ending at once.
        self.app.exit(0)

    def watch(self, window: Any) -> None:
        window.installEventFilter(self.filter)
        window.first_screen_ready.connect(self.screen_ready)


def _sign_in(app: QApplication, ctx: DeskContext) -> tuple[DeskContext, Identity | None, bool]:
    """Who works at this desk: test hook, first start, demo, or the sign-in dialog. Returns (ctx, who, new)."""
    from desk.auth import AuthService
    from ui.signin import FirstStartChoice, FirstStartDialog, SignInDialog

    auth = AuthService(ctx)
    if os.environ.get(TEST_SIGNIN_ENV):
        dialog = SignInDialog(auth)
        _sign_in_by_hook(dialog)
        return ctx, dialog.identity, False
    if ctx.demo:
        return ctx, demo_identity(ctx), False
    if auth.needs_first_setup():
        first = FirstStartDialog(auth)
        first.exec()
        if first.choice is FirstStartChoice.DEMO:
            ctx.dispose()
            demo_ctx = _open_demo()
            return demo_ctx, demo_identity(demo_ctx), False
        return ctx, first.identity, first.identity is not None
    dialog = SignInDialog(auth)
    dialog.exec()
    return ctx, dialog.identity, False


def _refused(text: str) -> None:
    """A sign-in refused after the window painted: say so (on stderr too for the test hook)."""
    if os.environ.get(TEST_SIGNIN_ENV):
        sys.stderr.write(f"{TEST_SIGNIN_ENV}: {text}\n")
        return
    from PySide6.QtWidgets import QApplication, QMessageBox

    QMessageBox(QMessageBox.Icon.Warning, QApplication.applicationDisplayName(), text).exec()


def _sign_in_by_hook(dialog: SignInDialog) -> None:
    """The test hook types into the sign-in dialog and presses Sign in, as the officer does.

    The dialog is not shown: the hook stands in for an officer whose fields are already filled. A refusal is
    written to stderr and closes the dialog (the process exits with EXIT_SIGNIN).
    """
    from PySide6.QtCore import QEventLoop

    username, _, password = os.environ.get(TEST_SIGNIN_ENV, "").partition(":")

    def refused(text: str) -> None:
        sys.stderr.write(f"{TEST_SIGNIN_ENV}: {text}\n")
        dialog.reject()

    dialog.refused.connect(refused)
    dialog.username.setText(username)
    dialog.password.setText(password)
    loop = QEventLoop()
    dialog.finished.connect(loop.quit)
    dialog.try_sign_in()
    if dialog.is_checking:  # the outcome arrives through the event loop
        loop.exec()


class _EarlySignIn:
    """What the sign-in dialog's button runs, on a worker thread, at an SQLite desk at the latest revision.

    The password is checked with sqlite3 and argon2 (:func:`desk.quick_open.check_sign_in`) before the desk is
    open, so the dialog appears, and the signed-in window paints, before SQLAlchemy and pydantic load. The early
    check cannot audit, so anything it does not accept (a wrong password, an unknown or deactivated person, a
    file it cannot read) falls through to the ordinary path: the desk is opened here and
    :meth:`desk.auth.AuthService.sign_in` checks again and audits the failure (or the success), exactly as the
    dialog of an open desk does. Later attempts use the open desk directly.

    Returns an :class:`EarlySignIn` (paint first, confirm once the desk is open), an :class:`_OpenSignIn` (the
    desk is open and the person signed in) or the keyring's refusal (the desk cannot open here), or raises a
    DeskError the dialog shows (a wrong password).
    """

    def __init__(self, database: Path, database_url: str | None) -> None:
        self.database = database
        self.database_url = database_url
        self.ctx: DeskContext | None = None

    def __call__(self, username: str, password: str) -> EarlySignIn | _OpenSignIn | KeyringUnavailable:
        from desk.quick_open import check_sign_in
        from desk.secrets import KeyringUnavailable

        if self.ctx is None:
            try:
                early = check_sign_in(self.database, username, password)
            except Exception:  # the ordinary sign-in runs next and reports properly
                log.exception("the early password check failed")
                early = None
            if early is not None:
                return early
            _trace("early check refused: the open desk checks and audits")
            try:
                self.ctx = _open_real(self.database_url)
            except KeyringUnavailable as exc:
                return exc  # the ordinary start's keyring dialog, then the desk quits
        from desk.auth import AuthService

        return _OpenSignIn(self.ctx, AuthService(self.ctx).sign_in(username, password))

    def dispose(self) -> None:
        """Close the desk opened for a refused attempt (the dialog was cancelled)."""
        if self.ctx is not None:
            self.ctx.dispose()
            self.ctx = None


class _OpenSignIn:
    """A sign-in through the open desk (after the early check fell through)."""

    def __init__(self, ctx: DeskContext, identity: Identity) -> None:
        self.ctx = ctx
        self.identity = identity


def _early_desk(database_url: str | None) -> tuple[EarlyDesk, FirstLook] | None:
    """The desk and first look for the early sign-in dialog, or None for the ordinary start.

    Only an SQLite desk at the latest revision with at least one person qualifies. The first start (no
    administrator yet), demo mode, PostgreSQL and a database needing migration keep the ordinary path: the
    desk opens (and migrates) first, then the dialog signs in through the open desk.
    """
    from desk.errors import DeskError
    from desk.quick_open import probe
    from desk.settings_document import first_look
    from desk.storage.engine import default_database_url, normalise_url, sqlite_file

    database = sqlite_file(normalise_url(database_url) if database_url else default_database_url())
    if database is None:
        return None
    desk = probe(database)
    if desk is None:
        return None
    try:
        return desk, first_look(desk.settings_document)
    except DeskError:
        return None  # the ordinary start reports settings it cannot read


def _open_confirmed(early: EarlySignIn, database_url: str | None) -> tuple[DeskContext, Identity, DeskSettings]:
    """Open the desk, complete the early sign-in (audited) and validate the settings.

    Runs on the database lane after the first paint: SQLAlchemy and pydantic load here, not in the GUI thread.
    Unreadable settings give the defaults (the window says so, as an ordinary start does).
    """
    from desk.auth import AuthService
    from desk.errors import DeskError
    from desk.settings import DeskSettings, SettingsService

    ctx = _open_real(database_url)
    try:
        identity = AuthService(ctx).confirm_sign_in(early.verified)
        try:
            settings = SettingsService(ctx).load()
        except DeskError as exc:
            log.info("stored settings unreadable: %s", exc)
            settings = DeskSettings()
        return ctx, identity, settings
    except BaseException:
        ctx.dispose()
        raise


def _session_opening_later(
    app: QApplication, early: EarlySignIn, look: FirstLook, database_url: str | None, exit_code: list[int]
) -> DeskSession:
    """The window for an early sign-in: it paints first, and the desk opens on the database lane once it has."""
    from PySide6.QtCore import QSettings

    from desk.storage.engine import data_dir
    from ui.i18n import translate_message
    from ui.session import DeskSession

    identity = early.verified.identity
    ui_state = QSettings(str(data_dir() / "window.ini"), QSettings.Format.IniFormat)
    session = DeskSession.opening(identity, ui_state, look)
    _trace("window built")

    def opened(result: tuple[DeskContext, Identity, DeskSettings]) -> None:
        ctx, who, settings = result
        _trace("desk opened, sign-in confirmed")
        session.attach(ctx, who, settings)

    def failed(exc: BaseException) -> bool:
        from desk.identity import BadCredentials
        from desk.secrets import KeyringUnavailable

        if isinstance(exc, KeyringUnavailable):
            session.window.hide()
            _keyring_dialog(translate_message(exc.message))
            exit_code.append(EXIT_KEYRING)
            app.exit(EXIT_KEYRING)
            return True
        if isinstance(exc, BadCredentials):
            # The person was deactivated or their password changed between the check and the open desk
            # (audited as a failed sign-in by confirm_sign_in).
            session.window.hide()
            _refused(translate_message(exc.message))
            exit_code.append(EXIT_SIGNIN)
            app.exit(EXIT_SIGNIN)
            return True
        session.window.show_open_failure()
        return False  # the bridge shows an expected failure, the crash dialog a bug

    started = [False]

    def start_opening() -> None:
        if not started[0]:
            started[0] = True
            session.runner.run_serial(
                _open_confirmed, early, database_url, on_done=opened, on_error=failed, name="open the desk"
            )

    # Opening the desk imports the database layer; started after the first paint, it does not delay it.
    session.window.painted.connect(start_opening)
    return session


def _session_signed_in(
    app: QApplication, demo: bool, database_url: str | None, exit_code: list[int]
) -> DeskSession | None:
    """The ordinary start: open the desk, sign in (dialog, first start, demo or hook), build the window."""
    from desk.secrets import KeyringUnavailable
    from desk.settings import SettingsService
    from ui.i18n import install_language, translate_message
    from ui.theme import apply_theme

    try:
        ctx = _open_demo() if demo else _open_real(database_url)
    except KeyringUnavailable as exc:
        _keyring_dialog(translate_message(exc.message))
        exit_code.append(EXIT_KEYRING)
        return None
    _trace("desk opened")
    settings = SettingsService(ctx).load()
    install_language(settings.appearance.language.value)
    apply_theme(app, settings.appearance.theme)

    _trace("settings, language, theme")
    ctx, identity, first_setup = _sign_in(app, ctx)
    _trace("signed in")
    if identity is None:
        ctx.dispose()
        exit_code.append(EXIT_SIGNIN if os.environ.get(TEST_SIGNIN_ENV) else 0)
        return None
    return _session_for(ctx, identity, first_setup=first_setup)


def _session_for(ctx: DeskContext, identity: Identity, *, first_setup: bool = False) -> DeskSession:
    """The window of a person signed in at the open desk."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from ui.session import DeskSession

    state_file = ctx.data_dir / ("window-demo.ini" if ctx.demo else "window.ini")
    ui_state = QSettings(str(state_file), QSettings.Format.IniFormat)
    session = DeskSession(ctx, identity, ui_state)
    _trace("window built")
    if first_setup:
        session.bridge.info(
            QCoreApplication.translate("App", "Next: connect the force's platform accounts on the Accounts screen.")
        )
    return session


def _session_from_dialog(
    app: QApplication, desk: EarlyDesk, look: FirstLook, database_url: str | None, exit_code: list[int]
) -> DeskSession | None:
    """The officer's cold start at an SQLite desk at the latest revision: the sign-in dialog before the desk opens.

    The dialog appears with the desk's language and theme before SQLAlchemy and pydantic load; its Sign in
    button checks the password on a worker thread (:class:`_EarlySignIn`), and on success the signed-in window
    paints at once while the desk opens behind it. The test hook presses the same button. None: cancelled or
    refused (``exit_code`` says which).
    """
    from desk.secrets import KeyringUnavailable
    from ui.i18n import install_language, translate_message
    from ui.signin import SignInDialog
    from ui.theme import apply_theme

    install_language(look.language.value)
    apply_theme(app, look.theme)
    check = _EarlySignIn(desk.database, database_url)
    dialog = SignInDialog(check=check)
    # The window's modules load while argon2 (in C, without the GIL) checks the password on the worker thread.
    dialog.checking.connect(_load_window_modules)
    _trace("sign-in dialog")
    if os.environ.get(TEST_SIGNIN_ENV):
        _sign_in_by_hook(dialog)
    else:
        dialog.exec()
    dialog.wait_for_check()  # cancelled while checking: let the check finish before closing what it opened
    outcome = dialog.outcome
    dialog.deleteLater()
    if isinstance(outcome, KeyringUnavailable):
        check.dispose()
        _keyring_dialog(translate_message(outcome.message))
        exit_code.append(EXIT_KEYRING)
        return None
    if isinstance(outcome, _OpenSignIn):
        _trace("signed in through the open desk")
        return _session_for(outcome.ctx, outcome.identity)
    from desk.quick_open import EarlySignIn

    if isinstance(outcome, EarlySignIn):
        _trace("password checked before opening the desk")
        return _session_opening_later(app, outcome, look, database_url, exit_code)
    check.dispose()
    exit_code.append(EXIT_SIGNIN if os.environ.get(TEST_SIGNIN_ENV) else 0)
    return None


def _load_window_modules() -> None:
    import ui.session  # noqa: F401


def run_app(*, demo: bool = False, database_url: str | None = None, argv: list[str] | None = None) -> int:
    """Run the window until the officer quits; returns the exit code."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.crash import install_excepthook
    from ui.theme import apply_fonts

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("Beat Desk")
    app.setOrganizationName("BeatDesk")
    app.setApplicationDisplayName("Beat Desk")
    _trace("QApplication")
    install_excepthook()
    apply_fonts(app)
    paint = _FirstPaint(app) if os.environ.get(EXIT_AFTER_PAINT_ENV) else None

    exit_code: list[int] = []
    # An SQLite desk at the latest revision with people signs in before the desk opens; the first start, demo
    # mode, PostgreSQL and a database needing migration open the desk first (the ordinary path).
    early = None if demo else _early_desk(database_url)
    _trace("sign-in before opening the desk" if early else "desk opens before the sign-in")
    if early is not None:
        session = _session_from_dialog(app, early[0], early[1], database_url, exit_code)
    else:
        session = _session_signed_in(app, demo, database_url, exit_code)
    if session is None:
        return exit_code[0] if exit_code else 0

    window = session.show()
    _trace("window shown")
    window.first_screen_ready.connect(lambda screen_id: _trace(f"first screen built: {screen_id}"))
    # Everything built so far lives as long as the window: keep it out of the collector's full passes, which
    # otherwise hold the GIL for hundreds of milliseconds while a sync allocates on a worker thread.
    window.first_screen_ready.connect(lambda _screen_id: _freeze_long_lived())
    if paint is not None:
        paint.watch(window)
    demo_handle: list[DemoHandle] = []
    background: list[BackgroundWork] = []

    def desk_open() -> None:
        if session.ctx.demo and paint is None:
            QTimer.singleShot(0, lambda: _start_demo_later(session, demo_handle))
        if paint is None and not os.environ.get(NO_BACKGROUND_ENV):
            from ui.background import BackgroundWork

            work = BackgroundWork(session)
            background.append(work)
            QTimer.singleShot(0, work.start)

    if session.is_open:
        desk_open()
    else:
        session.desk_opened.connect(desk_open)
    code = app.exec()
    if exit_code:
        code = exit_code[0]
    for work in background:
        work.stop()
    for handle in demo_handle:
        try:
            handle.stop()
        except Exception:
            log.exception("stopping the demo failed")
    # Closing the window now must not post another quit: it would linger past this event loop.
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    try:
        session.close()
    finally:
        app.setQuitOnLastWindowClosed(quit_on_close)
    session.runner.shutdown(wait=True)
    if session.is_open:
        session.ctx.dispose()
    return code


def _freeze_long_lived() -> None:
    import gc

    gc.collect()
    gc.freeze()


def _call_start_demo(ctx: DeskContext) -> DemoHandle:
    # Looked up at call time so that tests and the demo module can replace ``start_demo``.
    return globals()["start_demo"](ctx)  # type: ignore[no-any-return]


def _start_demo_later(session: DeskSession, handles: list[DemoHandle]) -> None:
    """Start the demo on the network lane once the window is up; tolerate a build without it."""
    from PySide6.QtCore import QCoreApplication

    def failed(exc: BaseException) -> bool:
        if isinstance(exc, ImportError):
            session.bridge.warning(
                QCoreApplication.translate(
                    "App", "The demo's simulated platforms are not part of this build yet; the desk opens empty."
                )
            )
            return True
        return False

    session.bridge.info(
        QCoreApplication.translate(
            "App", "Demo mode: starting the simulated platforms. Demo sign-in: {user} / {password}"
        ).format(user=DEMO_USERNAME, password=DEMO_PASSWORD)
    )
    session.runner.run_parallel(
        _call_start_demo, session.ctx, on_done=handles.append, on_error=failed, name="start demo"
    )
