"""One person's session at the window: the main window, the idle lock, switching user, the theme.

The composition root (:mod:`ui.app`) opens the desk and signs someone in; this object then owns the
window for as long as the application runs, rebuilding it when another person signs in.

At a cold start the session may begin before the desk's database is open (see :meth:`DeskSession.opening`):
the window paints at once and the open desk is handed over with :meth:`DeskSession.attach`. Nothing here
imports the database layer until then.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from desk.errors import DeskError
from desk.identity import Identity
from desk.roles import Action
from desk.settings_document import DEFAULT_IDLE_LOCK_MINUTES, FirstLook, Theme
from ui import screens
from ui.main_window import MainWindow, WindowBasics
from ui.messages import MessageBridge
from ui.screens import ScreenServices
from ui.shortcuts import ShortcutRegistry
from ui.signin import IdleWatcher, LockScreen, SignInDialog
from ui.tasks import TaskRunner
from ui.theme import apply_theme, current_theme

if TYPE_CHECKING:
    from desk.auth import AuthService
    from desk.context import DeskContext
    from desk.settings import DeskSettings, SettingsService
    from ui.settings_dialog import SettingsPanel

log = logging.getLogger(__name__)


def _settings_page(services: ScreenServices) -> SettingsPanel:
    from desk.settings import SettingsService
    from ui.settings_dialog import SettingsPanel

    panel = SettingsPanel(SettingsService(services.ctx), services.identity, services.runner, services.settings)
    panel.saved.connect(services.on_settings_saved)
    return panel


screens.register_screen("settings", _settings_page)


class DeskSession(QObject):
    """Owns the main window for whoever is signed in."""

    window_rebuilt = Signal(object)  # MainWindow
    signed_out = Signal()
    desk_opened = Signal()  # the desk was attached to a session that began before it was open

    def __init__(
        self,
        ctx: DeskContext | None,
        identity: Identity,
        ui_state: QSettings,
        *,
        runner: TaskRunner | None = None,
        bridge: MessageBridge | None = None,
        idle_ms: int | None = None,
        look: FirstLook | None = None,
        demo: bool = False,
    ) -> None:
        """A session for ``identity``; with ``ctx=None`` the desk is still opening and ``look`` says how to paint."""
        super().__init__()
        if ctx is None and look is None:
            raise ValueError("a session without an open desk needs its first look")
        self._ctx = ctx
        self._auth: AuthService | None = None
        self._settings_service: SettingsService | None = None
        self.demo = ctx.demo if ctx is not None else demo
        self.identity = identity
        self.signed_in = True
        self.ui_state = ui_state
        self.bridge = bridge or MessageBridge(self)
        self.runner = runner or TaskRunner(self.bridge, parent=self)
        self.shortcuts = ShortcutRegistry(self)
        self._settings: DeskSettings | None = None
        self._look = look or FirstLook()
        if ctx is not None:
            self.settings = self._load_settings()
        self._idle_override = idle_ms
        self.idle = IdleWatcher(self._idle_ms(), self)
        self.idle.idle.connect(self.lock)
        self.sign_in_dialog: SignInDialog | None = None
        self.window = self._build_window()

    @classmethod
    def opening(cls, identity: Identity, ui_state: QSettings, look: FirstLook, *, demo: bool = False) -> DeskSession:
        """A session whose window can paint before the desk's database is open; call :meth:`attach` next."""
        return cls(None, identity, ui_state, look=look, demo=demo)

    # --- the desk --------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """Whether the desk is open (always, unless the session began with :meth:`opening`)."""
        return self._ctx is not None

    @property
    def ctx(self) -> DeskContext:
        """The open desk (a RuntimeError while it is still opening)."""
        if self._ctx is None:
            raise RuntimeError("the desk is still opening")
        return self._ctx

    @property
    def auth(self) -> AuthService:
        """Signing in and out at this desk."""
        if self._auth is None:
            from desk.auth import AuthService

            self._auth = AuthService(self.ctx)
        return self._auth

    @property
    def settings_service(self) -> SettingsService:
        """The desk's stored settings."""
        if self._settings_service is None:
            from desk.settings import SettingsService

            self._settings_service = SettingsService(self.ctx)
        return self._settings_service

    def attach(self, ctx: DeskContext, identity: Identity, settings: DeskSettings) -> None:
        """The desk is open, ``identity``'s sign-in confirmed and the settings validated: the screens can be built."""
        if self._ctx is not None:
            raise RuntimeError("the session already has its desk")
        self._ctx = ctx
        self.identity = identity
        self.settings = settings
        self.window.set_identity(identity)
        self.window.attach(self._services())
        app = QApplication.instance()
        if isinstance(app, QApplication) and current_theme() is not self.preferred_theme():
            apply_theme(app, self.preferred_theme())
        self.idle.set_timeout(self._idle_ms())
        self.idle.start()
        self.desk_opened.emit()

    @property
    def settings(self) -> DeskSettings:
        """The desk's validated settings (a RuntimeError while the desk is still opening)."""
        if self._settings is None:
            raise RuntimeError("the desk is still opening")
        return self._settings

    @settings.setter
    def settings(self, value: DeskSettings) -> None:
        self._settings = value

    # --- settings and theme ------------------------------------------------------------------------

    def _load_settings(self) -> DeskSettings:
        from desk.settings import DeskSettings

        try:
            return self.settings_service.load()
        except DeskError as exc:
            self.bridge.failure(exc)
            return DeskSettings()

    def _idle_ms(self) -> int:
        if self._idle_override is not None:
            return self._idle_override
        if self._settings is None:
            return DEFAULT_IDLE_LOCK_MINUTES * 60_000  # not started before the desk is open
        return self._settings.security.idle_lock_minutes * 60_000

    def preferred_theme(self) -> Theme:
        """This person's last choice at this workstation, else the desk's setting."""
        stored = self.ui_state.value(f"theme/{self.identity.username}")
        if isinstance(stored, str) and stored in {t.value for t in Theme}:
            return Theme(stored)
        return self._look.theme if self._settings is None else self._settings.appearance.theme

    def set_theme(self, theme: Theme) -> None:
        """Switch the theme now; remember it for this person, and for the desk when an administrator does it."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.ui_state.setValue(f"theme/{self.identity.username}", theme.value)
        self.ui_state.sync()
        if self.identity.can(Action.MANAGE_SETTINGS) and self.settings.appearance.theme is not theme:
            updated = self.settings.model_copy(deep=True)
            updated.appearance.theme = theme
            self.settings = updated
            self.runner.run_serial(self.settings_service.save, self.identity, updated, name="theme")

    def toggle_theme(self) -> None:
        """Light to dark and back."""
        self.set_theme(Theme.LIGHT if current_theme() is Theme.DARK else Theme.DARK)

    def apply_settings(self, settings: DeskSettings) -> None:
        """Settings were saved: take on the new theme and idle time at once."""
        self.settings = settings
        self.ui_state.remove(f"theme/{self.identity.username}")
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.appearance.theme)
        self.idle.set_timeout(self._idle_ms())

    # --- the window ------------------------------------------------------------------------------

    def _services(self) -> ScreenServices:
        return ScreenServices(
            self.ctx,
            self.identity,
            self.runner,
            self.bridge,
            self.shortcuts,
            self.settings,
            self.ui_state,
            self.apply_settings,
        )

    def _build_window(self) -> MainWindow:
        self.shortcuts.clear()
        station = self._look.station_name if self._settings is None else self._settings.station.station_name
        basics = WindowBasics(
            self.identity, self.runner, self.bridge, self.shortcuts, station, self.ui_state, self.demo
        )
        window = MainWindow(self._services() if self.is_open else basics)
        window.lock_requested.connect(self.lock)
        window.switch_user_requested.connect(self.begin_switch_user)
        window.theme_toggle_requested.connect(self.toggle_theme)
        window.restore_geometry()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.preferred_theme())
        if self.is_open:
            self.idle.start()
        return window

    def show(self) -> MainWindow:
        """Show the window."""
        self.window.show()
        return self.window

    # --- lock ------------------------------------------------------------------------------------

    def lock(self) -> None:
        """Cover the window until the same person's password is given."""
        if self.window.locked or not self.is_open:
            return
        log.info("desk locked for %s", self.identity.username)
        self.idle.stop()
        self.runner.run_serial(self.auth.lock, self.identity, name="audit lock")
        screen = LockScreen(self.auth, self.identity)
        screen.unlocked.connect(self.unlock)
        screen.switch_user_requested.connect(self.begin_switch_user)
        self.window.show_lock(screen)
        screen.password.setFocus()

    def unlock(self) -> None:
        """Show the desk again (after the lock screen checked the password)."""
        self.window.hide_lock()
        self.idle.start()

    # --- switching user --------------------------------------------------------------------------

    def begin_switch_user(self) -> SignInDialog:
        """Sign the current person out and ask who comes next; cancelling quits the application."""
        self.auth.sign_out(self.identity)
        self.signed_in = False
        self.idle.stop()
        self.signed_out.emit()
        if not self.window.locked:
            # Nobody may read the previous person's screen while the next one signs in.
            self.window.show_lock(SignedOutCover(self.window))
        dialog = SignInDialog(self.auth, self.window, demo=self.demo)
        dialog.accepted.connect(lambda: self._finish_switch(dialog))
        dialog.rejected.connect(self._quit)
        self.sign_in_dialog = dialog
        dialog.open()
        return dialog

    def _finish_switch(self, dialog: SignInDialog) -> None:
        assert dialog.identity is not None
        self.switch_to(dialog.identity)

    def switch_to(self, identity: Identity) -> MainWindow:
        """Rebuild the window for ``identity`` (already signed in)."""
        old = self.window
        old.save_geometry()
        self.identity = identity
        self.signed_in = True
        self.settings = self._load_settings()
        self.window = self._build_window()
        self.window.show()
        old.hide()
        old.deleteLater()
        self.window_rebuilt.emit(self.window)
        return self.window

    def _quit(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def close(self) -> None:
        """Sign out and close the window (the application is ending)."""
        self.idle.stop()
        if self.signed_in and self.is_open:
            self.signed_in = False
            try:
                self.auth.sign_out(self.identity)
            except DeskError as exc:
                log.warning("sign-out not recorded: %s", exc)
        self.window.close()


class SignedOutCover(QWidget):
    """A plain cover shown between one person signing out and the next signing in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("Signed out. Waiting for the next person to sign in."), self)
        label.setObjectName("dialogTitle")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(label)
        layout.addStretch(2)
