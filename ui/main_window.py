"""The main window: a sidebar of screens, stacked pages, the status bar and the demo banner."""

from __future__ import annotations

import enum
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.identity import Identity
from desk.resources import resource_path
from desk.roles import Role
from ui import crash, screens
from ui.i18n import QT_TRANSLATE_NOOP
from ui.messages import Level, MessageBridge, Notice, ToastArea, TrayNotifier
from ui.screens import BrokenScreen, PlaceholderScreen, ScreenServices
from ui.shortcuts import ShortcutRegistry, ShortcutsHelpDialog
from ui.tasks import TaskRunner

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from ui.widgets.incident_banner import IncidentBanner

_ROLE_SOURCE = {
    Role.OFFICER: QT_TRANSLATE_NOOP("Roles", "Officer"),
    Role.PRESS_OFFICER: QT_TRANSLATE_NOOP("Roles", "Press officer"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("Roles", "Supervisor"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("Roles", "Administrator"),
    Role.SYSTEM: QT_TRANSLATE_NOOP("Roles", "Runner"),
}


def role_names(roles: frozenset[Role]) -> str:
    """The roles in the interface language, in a fixed order."""
    order = [Role.ADMINISTRATOR, Role.SUPERVISOR, Role.PRESS_OFFICER, Role.OFFICER, Role.SYSTEM]
    return ", ".join(QCoreApplication.translate("Roles", _ROLE_SOURCE[r]) for r in order if r in roles)


def icon(name: str) -> QIcon:
    """An icon from ``resources/icons`` (empty when the file is missing)."""
    path = resource_path("icons", name)
    return QIcon(str(path)) if path.is_file() else QIcon()


SCREENS_WITH_OWN_STOP_BANNER = frozenset({"calendar"})


@dataclass
class WindowBasics:
    """What the window needs to paint before the desk's database is open (cold start): who is signed in,
    the window's plumbing and the station's name. Screens get :class:`ScreenServices` once the desk is open."""

    identity: Identity
    runner: TaskRunner
    bridge: MessageBridge
    shortcuts: ShortcutRegistry
    station_name: str
    ui_state: QSettings
    demo: bool

    @classmethod
    def of(cls, services: ScreenServices) -> WindowBasics:
        """The basics of an open desk's services."""
        return cls(
            services.identity,
            services.runner,
            services.bridge,
            services.shortcuts,
            services.settings.station.station_name,
            services.ui_state,
            services.ctx.demo,
        )


class ConnectionState(enum.StrEnum):
    """How the desk's link to the platforms stands."""

    UNKNOWN = "unknown"
    ONLINE = "online"
    DEGRADED = "degraded"
    OFFLINE = "offline"


class StatusPill(QLabel):
    """A small status bar label whose colour follows a ``state`` property."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("state", "unknown")

    def set_state(self, state: str, text: str, tooltip: str = "") -> None:
        """Show ``text`` in the colour of ``state``."""
        self.setText(text)
        self.setToolTip(tooltip)
        self.setProperty("state", state)
        if self.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            # Re-polish so the stylesheet's [state=...] rules apply; an unpolished pill gets them when shown
            # (and the first use of QStyle from Python costs tens of milliseconds at start).
            self.style().unpolish(self)
            self.style().polish(self)


class MainWindow(QMainWindow):
    """Navigation to every screen; screens are built on first visit from the registry.

    Built from :class:`ScreenServices` (the desk is open) or from :class:`WindowBasics` (the desk is still
    opening): then the window paints with its navigation, status bar and menus, says that the desk is
    opening, and builds its screens once :meth:`attach` hands it the open desk's services.
    """

    lock_requested = Signal()
    switch_user_requested = Signal()
    theme_toggle_requested = Signal()
    first_screen_ready = Signal(str)  # the screen shown at start has been built (after the first paint)
    painted = Signal()  # the window's first paint has been handled
    _deferred = True  # a class default: Qt delivers events before __init__ has finished

    def __init__(self, services: ScreenServices | WindowBasics) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self._services: ScreenServices | None = None
        self.basics = WindowBasics.of(services) if isinstance(services, ScreenServices) else services
        self._painted = False
        self.incident_banner: IncidentBanner | None = None
        self.setWindowTitle(self._title())
        self.setWindowIcon(icon("beat-desk.svg"))
        self._pages: dict[str, QWidget] = {}
        self._built: set[str] = set()
        # The first screen is built just after the window's first paint (see ``event``): the officer sees the
        # desk at once, and a screen that reads the database fills in a moment later instead of delaying it.

        # shell: page 0 is the desk, page 1 the lock screen that covers it.
        self.shell = QStackedWidget(self)
        self.shell.setObjectName("shell")
        self.setCentralWidget(self.shell)
        content = QWidget(self.shell)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.demo_banner: QLabel | None = None
        if self.basics.demo:
            self.demo_banner = QLabel(
                self.tr(
                    "DEMO MODE — simulated residents on local stand-ins for the platforms. "
                    "Nothing here reaches a real platform, and this is not the real desk's database."
                ),
                content,
            )
            self.demo_banner.setObjectName("demoBanner")
            self.demo_banner.setWordWrap(True)
            self.demo_banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
            outer.addWidget(self.demo_banner)
        self._outer = outer
        self._content = content
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        outer.addLayout(body, 1)

        sidebar = QFrame(content)
        sidebar.setObjectName("sidebar")
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 0)
        side.setSpacing(0)
        brand = QLabel(self.tr("Beat Desk"), sidebar)
        brand.setObjectName("brand")
        side.addWidget(brand)
        self.station = QLabel(self.basics.station_name, sidebar)
        self.station.setObjectName("brandStation")
        self.station.setWordWrap(True)
        side.addWidget(self.station)
        self.navigation = QListWidget(sidebar)
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        side.addWidget(self.navigation, 1)
        self.who = QLabel(sidebar)
        self.who.setObjectName("sidebarUser")
        self.who.setWordWrap(True)
        side.addWidget(self.who)
        sidebar.setFixedWidth(216)
        body.addWidget(sidebar)

        self.pages = QStackedWidget(content)
        self.pages.setObjectName("pages")
        body.addWidget(self.pages, 1)
        for number, spec in enumerate(screens.SCREENS, start=1):
            item = QListWidgetItem(icon(spec.icon), screens.title(spec.id))
            item.setData(Qt.ItemDataRole.UserRole, spec.id)
            item.setToolTip(self.tr("{screen} (Ctrl+{n})").format(screen=screens.title(spec.id), n=number % 10))
            self.navigation.addItem(item)
            holder = QWidget(self.pages)
            holder.setObjectName(f"page_{spec.id}")
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self._pages[spec.id] = holder
            self.pages.addWidget(holder)
        self.opening = QLabel(self.tr("Opening the desk…"), self.pages)
        self.opening.setObjectName("placeholderText")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.opening)
        self.navigation.currentRowChanged.connect(self._on_row)
        self.shell.addWidget(content)
        self.content = content
        self.lock_screen: QWidget | None = None

        self._build_status_bar()
        self._build_menus_and_shortcuts()
        self.toasts = ToastArea(self)
        self.tray = TrayNotifier(self.windowIcon(), self)
        self.basics.bridge.posted.connect(self.show_notice)
        self.set_identity(self.basics.identity)
        self.navigation.setCurrentRow(0)
        if isinstance(services, ScreenServices):
            self.attach(services)
        else:
            # Locking, switching user and the screens need the open desk: the menus wait for it.
            self.menuBar().setEnabled(False)
            self.basics.shortcuts.enabled = False

    # --- the desk -----------------------------------------------------------------------------

    @property
    def services(self) -> ScreenServices:
        """The open desk's services (a RuntimeError while the desk is still opening)."""
        if self._services is None:
            raise RuntimeError("the desk is still opening")
        return self._services

    @property
    def is_open(self) -> bool:
        """Whether the desk's services have been attached (screens can be built)."""
        return self._services is not None

    def attach(self, services: ScreenServices) -> None:
        """The desk is open: take its services, show the incident stop banner, build the screen shown."""
        if self._services is not None:
            raise RuntimeError("the window already has its desk")
        self._services = services
        self.basics = WindowBasics.of(services)
        self.station.setText(self.basics.station_name)
        # The critical-incident stop shows across the whole window on every desk (the calendar, where the
        # stop is run, shows its own with the controls beside it).
        from desk.incident import IncidentStop
        from ui.widgets.incident_banner import IncidentBanner, watcher_for

        banner = IncidentBanner(watcher_for(services.runner, IncidentStop(services.ctx)), self._content)
        banner.watcher.changed.connect(lambda _state: self._sync_incident_banner())
        self._outer.insertWidget(1 if self.demo_banner is not None else 0, banner)
        self.incident_banner = banner
        self.pages.removeWidget(self.opening)
        self.opening.deleteLater()
        if not self.locked:
            self.menuBar().setEnabled(True)
            self.basics.shortcuts.enabled = True
        self._on_row(self.navigation.currentRow())
        if self._painted:
            self.build_first_screen()

    # --- pages --------------------------------------------------------------------------------

    def _title(self) -> str:
        title = self.tr("Beat Desk")
        if self.basics.demo:
            title = self.tr("{title} — DEMO MODE").format(title=title)
        return title

    def _on_row(self, row: int) -> None:
        if row < 0:
            return
        screen_id = screens.SCREENS[row].id
        if self._services is None:
            self.pages.setCurrentWidget(self.opening)
            return
        if not self._deferred:
            self._ensure_built(screen_id)
        self.pages.setCurrentWidget(self._pages[screen_id])
        self._sync_incident_banner()

    def _sync_incident_banner(self) -> None:
        banner = self.incident_banner
        if banner is None:
            return
        stop_on = banner.watcher.state is not None
        banner.setVisible(stop_on and self.current_screen() not in SCREENS_WITH_OWN_STOP_BANNER)

    @property
    def has_painted(self) -> bool:
        """Whether the window has painted at least once."""
        return self._painted

    def event(self, event: QEvent) -> bool:
        """After the first paint, build the screen shown at start."""
        handled = super().event(event)
        if self._deferred and event.type() == QEvent.Type.Paint:
            if not self._painted:
                self._painted = True
                QTimer.singleShot(0, self.painted.emit)
            QTimer.singleShot(0, self.build_first_screen)
        return handled

    def show_open_failure(self) -> None:
        """The desk could not be opened: say so where the screens would be (the message itself is shown too)."""
        if self._services is None:
            self.opening.setText(self.tr("The desk could not be opened. Close this window and start Beat Desk again."))

    def build_first_screen(self) -> None:
        """Build the current screen now (normally called once, right after the first paint and the desk's opening)."""
        if not self._deferred or self._services is None:
            return
        self._deferred = False
        screen_id = self.current_screen()
        self._ensure_built(screen_id)
        self.first_screen_ready.emit(screen_id)

    def _ensure_built(self, screen_id: str) -> None:
        if screen_id in self._built:
            return
        self._built.add(screen_id)
        page: QWidget
        try:
            factory = screens.factory_for(screen_id)
            page = factory(self.services) if factory is not None else PlaceholderScreen(screens.spec(screen_id))
        except Exception:  # a broken screen must not take the window down with it
            crash.report_crash(sys.exc_info(), f"opening the {screen_id} screen")  # type: ignore[arg-type]
            page = BrokenScreen(screens.spec(screen_id))
        holder = self._pages[screen_id]
        layout = holder.layout()
        assert layout is not None
        layout.addWidget(page)

    def show_screen(self, screen_id: str) -> None:
        """Go to ``screen_id``."""
        self.navigation.setCurrentRow(screens.screen_ids().index(screen_id))

    def current_screen(self) -> str:
        """The id of the screen shown."""
        return screens.SCREENS[self.navigation.currentRow()].id

    def page(self, screen_id: str) -> QWidget:
        """The page widget of ``screen_id`` (built if needed; the desk must be open)."""
        self._ensure_built(screen_id)
        holder = self._pages[screen_id]
        layout = holder.layout()
        assert layout is not None
        item = layout.itemAt(0)
        widget = item.widget() if item is not None else None
        assert widget is not None
        return widget

    def navigation_titles(self) -> list[str]:
        """The navigation entries as shown."""
        return [self.navigation.item(i).text() for i in range(self.navigation.count())]

    # --- status bar ---------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        bar.setObjectName("statusBar")
        self.connection_status = StatusPill("connectionStatus", self)
        self.rate_limit_status = StatusPill("rateLimitStatus", self)
        self.user_status = QLabel(self)
        self.user_status.setObjectName("userStatus")
        # Name and roles are also at the foot of the navigation: here they may be cut short rather than widen the
        # window past a 1280-pixel screen.
        self.user_status.setMinimumWidth(80)
        bar.addPermanentWidget(self.connection_status)
        bar.addPermanentWidget(self.rate_limit_status)
        bar.addPermanentWidget(self.user_status)
        self.set_connection_state(ConnectionState.UNKNOWN)
        self.set_rate_limit_state("ok")

    def set_identity(self, identity: Identity) -> None:
        """Show who is signed in, with their roles."""
        roles = role_names(identity.roles)
        self.user_status.setText(self.tr("{name} · {roles}").format(name=identity.display_name, roles=roles))
        self.user_status.setToolTip(self.tr("Signed in as {username}").format(username=identity.username))
        self.who.setText(f"{identity.display_name}\n{roles}")

    def set_connection_state(self, state: ConnectionState, detail: str = "") -> None:
        """Show the link to the platforms: unknown, online, degraded or offline."""
        texts = {
            ConnectionState.UNKNOWN: self.tr("● No accounts connected"),
            ConnectionState.ONLINE: self.tr("● Online"),
            ConnectionState.DEGRADED: self.tr("● Some platforms unreachable"),
            ConnectionState.OFFLINE: self.tr("● Offline"),
        }
        self.connection_status.set_state(state.value, texts[state], detail)

    def set_rate_limit_state(self, state: str, text: str = "", detail: str = "") -> None:
        """Show the posting budget: ``ok``, ``low`` or ``exhausted`` (with an optional text)."""
        default = {
            "ok": self.tr("Rate limits OK"),
            "low": self.tr("Rate limits low"),
            "exhausted": self.tr("Rate limited"),
        }
        self.rate_limit_status.set_state(state, text or default.get(state, state), detail)

    def show_notice(self, notice: Notice) -> None:
        """A message from the bridge: status bar, toast, and a desktop notification when away."""
        timeout = 8000 if notice.level is Level.INFO else 15000
        self.statusBar().showMessage(notice.text, timeout)
        self.toasts.show_notice(notice)
        self.tray.notify(notice, self.isActiveWindow())

    # --- menus and shortcuts -------------------------------------------------------------------

    def _build_menus_and_shortcuts(self) -> None:
        registry = self.basics.shortcuts
        menu_desk = self.menuBar().addMenu(self.tr("&Desk"))
        menu_view = self.menuBar().addMenu(self.tr("&View"))
        menu_help = self.menuBar().addMenu(self.tr("&Help"))
        for number, spec in enumerate(screens.SCREENS, start=1):
            key = f"Ctrl+{number % 10}"
            screen_id = spec.id
            registry.add(
                f"screen.{screen_id}",
                key,
                spec.title,
                lambda sid=screen_id: self.show_screen(sid),  # type: ignore[misc]
                self,
                context="Screens",
                group="Screens",
            )
            action = QAction(icon(spec.icon), screens.title(screen_id), self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # the registry's QShortcut fires
            action.triggered.connect(lambda _=False, sid=screen_id: self.show_screen(sid))
            menu_view.addAction(action)
        entries = [
            ("settings", "Ctrl+,", "Open the settings", lambda: self.show_screen("settings"), menu_desk),
            ("lock", "Ctrl+L", "Lock the desk", self.lock_requested.emit, menu_desk),
            ("switch_user", "Ctrl+Shift+U", "Switch user", self.switch_user_requested.emit, menu_desk),
            (
                "theme",
                "Ctrl+Shift+D",
                "Switch between light and dark theme",
                self.theme_toggle_requested.emit,
                menu_view,
            ),
            ("help", "F1", "Show the keyboard shortcuts", self.open_shortcuts_help, menu_help),
            ("quit", "Ctrl+Q", "Quit Beat Desk", self.close, menu_desk),
        ]
        for id_, key, text, callback, menu in entries:
            entry = registry.add(id_, key, text, callback, self)
            action = QAction(entry.text(), self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(callback)
            menu.addAction(action)
        self.help_dialog: ShortcutsHelpDialog | None = None
        # Strings for lupdate: descriptions above are registered as source text in context "Shortcuts".
        _ = (
            QCoreApplication.translate("Shortcuts", "Open the settings"),
            QCoreApplication.translate("Shortcuts", "Lock the desk"),
            QCoreApplication.translate("Shortcuts", "Switch user"),
            QCoreApplication.translate("Shortcuts", "Switch between light and dark theme"),
            QCoreApplication.translate("Shortcuts", "Show the keyboard shortcuts"),
            QCoreApplication.translate("Shortcuts", "Quit Beat Desk"),
            QCoreApplication.translate("Shortcuts", "Window"),
            QCoreApplication.translate("Shortcuts", "Screens"),
        )

    def open_shortcuts_help(self) -> ShortcutsHelpDialog:
        """F1: the shortcuts dialog (non-modal)."""
        if self.help_dialog is not None:
            self.help_dialog.close()
        self.help_dialog = ShortcutsHelpDialog(self.basics.shortcuts, self)
        self.help_dialog.show()
        return self.help_dialog

    # --- lock -----------------------------------------------------------------------------------

    def show_lock(self, lock_screen: QWidget) -> None:
        """Cover everything with ``lock_screen``; menus and shortcuts stop working."""
        self.hide_lock()
        self.lock_screen = lock_screen
        self.shell.addWidget(lock_screen)
        self.shell.setCurrentWidget(lock_screen)
        self.menuBar().setEnabled(False)
        self.basics.shortcuts.enabled = False
        self.toasts.hide()

    def hide_lock(self) -> None:
        """Show the desk again."""
        if self.lock_screen is not None:
            self.shell.removeWidget(self.lock_screen)
            self.lock_screen.deleteLater()
            self.lock_screen = None
        self.shell.setCurrentWidget(self.content)
        self.menuBar().setEnabled(True)
        self.basics.shortcuts.enabled = True

    @property
    def locked(self) -> bool:
        """Whether the lock screen covers the desk."""
        return self.lock_screen is not None

    # --- geometry -------------------------------------------------------------------------------

    def restore_geometry(self) -> None:
        """Size and place the window as the officer left it (QSettings)."""
        state = self.basics.ui_state
        geometry = state.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1240, 780)
        screen = state.value("window/screen")
        if isinstance(screen, str) and screen in screens.screen_ids():
            self.show_screen(screen)

    def save_geometry(self) -> None:
        """Remember size, place and the screen shown."""
        state = self.basics.ui_state
        state.setValue("window/geometry", self.saveGeometry())
        state.setValue("window/screen", self.current_screen())
        state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the geometry on the way out."""
        self.save_geometry()
        super().closeEvent(event)
