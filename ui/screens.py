"""The screens of the main window: one registry from screen id to a factory.

Every navigation entry exists from the start. A screen whose issue is still open shows a placeholder
that says so plainly; the feature that builds it calls :func:`register_screen` with a real factory.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk.resources import resource_path
from ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from desk.auth import Identity
    from desk.context import DeskContext
    from desk.settings import DeskSettings
    from ui.messages import MessageBridge
    from ui.shortcuts import ShortcutRegistry
    from ui.tasks import TaskRunner

CONTEXT = "Screens"


@dataclass
class ScreenServices:
    """What a screen gets to work with: the desk, who is signed in, and the window's plumbing."""

    ctx: DeskContext
    identity: Identity
    runner: TaskRunner
    bridge: MessageBridge
    shortcuts: ShortcutRegistry
    settings: DeskSettings
    ui_state: QSettings
    on_settings_saved: Callable[[DeskSettings], None] = field(default=lambda _s: None)


ScreenFactory = Callable[[ScreenServices], QWidget]


@dataclass(frozen=True)
class ScreenSpec:
    """One navigation entry; texts are translatable source strings (context ``Screens``)."""

    id: str
    title: str
    arrives_with: str  # which issue brings the real screen
    purpose: str  # one line: what the screen will do
    icon: str  # file name under resources/icons


SCREENS: tuple[ScreenSpec, ...] = (
    ScreenSpec(
        "inbox",
        QT_TRANSLATE_NOOP("Screens", "Inbox"),
        QT_TRANSLATE_NOOP("Screens", "the inbox and feeds issue (#4)"),
        QT_TRANSLATE_NOOP(
            "Screens",
            "Every mention, comment and direct message from all five platforms in one list, "
            "triaged, assigned and answered from here.",
        ),
        "inbox.svg",
    ),
    ScreenSpec(
        "feeds",
        QT_TRANSLATE_NOOP("Screens", "Feeds"),
        QT_TRANSLATE_NOOP("Screens", "the inbox and feeds issue (#4)"),
        QT_TRANSLATE_NOOP("Screens", "Live columns of searches, lists and hashtags across the platforms."),
        "feeds.svg",
    ),
    ScreenSpec(
        "compose",
        QT_TRANSLATE_NOOP("Screens", "Compose"),
        QT_TRANSLATE_NOOP("Screens", "the publishing issue (#5)"),
        QT_TRANSLATE_NOOP(
            "Screens",
            "Write one post for several accounts, checked against each platform's limits and the privacy guard.",
        ),
        "compose.svg",
    ),
    ScreenSpec(
        "calendar",
        QT_TRANSLATE_NOOP("Screens", "Calendar"),
        QT_TRANSLATE_NOOP("Screens", "the publishing issue (#5)"),
        QT_TRANSLATE_NOOP("Screens", "Scheduled posts and campaigns by day and week, with approvals."),
        "calendar.svg",
    ),
    ScreenSpec(
        "tweetathon",
        QT_TRANSLATE_NOOP("Screens", "Tweetathon"),
        QT_TRANSLATE_NOOP("Screens", "the tweetathon issue (#6)"),
        QT_TRANSLATE_NOOP("Screens", "Mirror control-room calls as safe, paced public posts, with an incident stop."),
        "tweetathon.svg",
    ),
    ScreenSpec(
        "patrol_log",
        QT_TRANSLATE_NOOP("Screens", "Patrol log"),
        QT_TRANSLATE_NOOP("Screens", "the publishing issue (#5)"),
        QT_TRANSLATE_NOOP("Screens", "A shift's running log of patrol updates, posted as a thread."),
        "patrol.svg",
    ),
    ScreenSpec(
        "reports",
        QT_TRANSLATE_NOOP("Screens", "Reports"),
        QT_TRANSLATE_NOOP("Screens", "the supervisor review issue (#7)"),
        QT_TRANSLATE_NOOP(
            "Screens", "Volumes, response times and campaign results, with charts and PDF or CSV export."
        ),
        "reports.svg",
    ),
    ScreenSpec(
        "accounts",
        QT_TRANSLATE_NOOP("Screens", "Accounts"),
        QT_TRANSLATE_NOOP("Screens", "the platforms issue (#3)"),
        QT_TRANSLATE_NOOP("Screens", "Connect the force's accounts on X, Facebook, Instagram, Mastodon and Bluesky."),
        "accounts.svg",
    ),
    ScreenSpec(
        "audit",
        QT_TRANSLATE_NOOP("Screens", "Audit"),
        QT_TRANSLATE_NOOP("Screens", "the supervisor review issue (#7)"),
        QT_TRANSLATE_NOOP(
            "Screens", "Who did what and when, filtered and exported, with the chain's verification status."
        ),
        "audit.svg",
    ),
    ScreenSpec(
        "settings",
        QT_TRANSLATE_NOOP("Screens", "Settings"),
        "",
        QT_TRANSLATE_NOOP("Screens", "The desk's settings."),
        "settings.svg",
    ),
)

_factories: dict[str, ScreenFactory] = {}
_loaded: set[str] = set()

#: Where each screen's package lives. A package registers its page from a ``register()`` function; it is
#: imported on the screen's first visit, so screens that are not shown cost nothing at start.
SCREEN_PACKAGES: dict[str, str] = {s.id: f"ui.{s.id}" for s in SCREENS if s.id != "settings"} | {
    "patrol_log": "ui.patrol"
}


def load_screen_package(screen_id: str) -> None:
    """Import the screen's package once and let it register its page; a missing package keeps the placeholder."""
    if screen_id in _factories or screen_id in _loaded:
        return
    _loaded.add(screen_id)
    name = SCREEN_PACKAGES.get(screen_id)
    if name is None:
        return
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return  # that screen's issue has not delivered it yet
        raise
    register = getattr(module, "register", None)
    if callable(register):
        register()


def screen_ids() -> list[str]:
    """Every navigation entry, in order."""
    return [s.id for s in SCREENS]


def spec(screen_id: str) -> ScreenSpec:
    """The entry for ``screen_id``; raises KeyError for an unknown id."""
    for s in SCREENS:
        if s.id == screen_id:
            return s
    raise KeyError(screen_id)


def register_screen(screen_id: str, factory: ScreenFactory) -> None:
    """Give ``screen_id`` a real page in place of its placeholder."""
    spec(screen_id)  # unknown ids are a programming error
    _factories[screen_id] = factory


def unregister_screen(screen_id: str) -> None:
    """Back to the placeholder (tests)."""
    _factories.pop(screen_id, None)
    _loaded.discard(screen_id)


def factory_for(screen_id: str) -> ScreenFactory | None:
    """The registered factory (loading the screen's package first), or None while it is a placeholder."""
    load_screen_package(screen_id)
    return _factories.get(screen_id)


def title(screen_id: str) -> str:
    """The screen's title in the interface language."""
    return QCoreApplication.translate(CONTEXT, spec(screen_id).title)


class PlaceholderScreen(QWidget):
    """Says plainly which issue brings this screen and what it will do."""

    def __init__(self, screen: ScreenSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholder")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 48, 48, 48)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        card = QFrame(self)
        card.setObjectName("placeholderCard")
        card.setMaximumWidth(620)
        card.setMinimumWidth(360)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        layout = QVBoxLayout(card)
        layout.setContentsMargins(36, 32, 36, 32)
        layout.setSpacing(12)
        icon_path = resource_path("icons", screen.icon)
        if icon_path.is_file():
            picture = QLabel(card)
            picture.setPixmap(QIcon(str(icon_path)).pixmap(QSize(48, 48)))
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(picture)
        heading = QLabel(QCoreApplication.translate(CONTEXT, screen.title), card)
        heading.setObjectName("placeholderTitle")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(heading)
        self.notice = QLabel(
            QCoreApplication.translate("Screens", "{screen} arrives with {issue}: {purpose}").format(
                screen=QCoreApplication.translate(CONTEXT, screen.title),
                issue=QCoreApplication.translate(CONTEXT, screen.arrives_with),
                purpose=QCoreApplication.translate(CONTEXT, screen.purpose),
            ),
            card,
        )
        self.notice.setObjectName("placeholderText")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.notice)
        sub = QLabel(QCoreApplication.translate("Screens", "This screen is not built yet."), card)
        sub.setObjectName("placeholderHint")
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(sub)

    def text(self) -> str:
        """What the placeholder says."""
        return self.notice.text()


class BrokenScreen(QWidget):
    """Shown in place of a screen whose page failed to build (the crash dialog has the details)."""

    def __init__(self, screen: ScreenSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholder")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.notice = QLabel(
            QCoreApplication.translate(
                "Screens", "{screen} could not be opened. The rest of the desk works; a crash report was shown."
            ).format(screen=QCoreApplication.translate(CONTEXT, screen.title)),
            self,
        )
        self.notice.setObjectName("placeholderText")
        self.notice.setWordWrap(True)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.notice)
        layout.addStretch(2)
