"""Signing in: the sign-in dialog, the first-start dialog, the idle lock and its lock screen.

Every check goes through :class:`desk.auth.AuthService`, which audits success and failure alike. At a cold
start the sign-in dialog may run before the desk is open (see :mod:`ui.app`): it is then given a check to run
on a worker thread instead of the auth service, and says it is checking meanwhile.
"""

from __future__ import annotations

import enum
import logging
import sys
import threading
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DeskError
from desk.identity import MIN_PASSWORD_LENGTH, Identity
from ui.i18n import translate_message

if TYPE_CHECKING:
    from desk.auth import AuthService

log = logging.getLogger(__name__)


class SignInCheck(Protocol):
    """A password check run on a worker thread: returns what the sign-in gives, or raises a DeskError."""

    def __call__(self, username: str, password: str) -> object:
        """Check ``password`` for ``username``."""
        ...


class _Relay(QObject):
    """Hands a worker thread's outcome to the dialog in the GUI thread (a queued signal)."""

    done = Signal(object, object)  # outcome, exception


class SignInDialog(QDialog):
    """User name and password; on success ``identity`` holds who signed in.

    With ``check`` instead of ``auth`` (a cold start, the desk not open yet) the password is checked on a worker
    thread, the dialog stays responsive and says it is checking, and on success ``outcome`` holds what the
    check returned. A refusal reads the same either way.
    """

    checking = Signal()  # a worker thread has started checking
    refused = Signal(str)  # the refusal shown to the officer

    def __init__(
        self,
        auth: AuthService | None = None,
        parent: QWidget | None = None,
        *,
        demo: bool = False,
        check: SignInCheck | None = None,
    ) -> None:
        super().__init__(parent)
        if (auth is None) == (check is None):
            raise ValueError("a sign-in dialog needs either the auth service or an early check")
        self.setObjectName("signInDialog")
        self.auth = auth
        self.check = check
        self.identity: Identity | None = None
        self.outcome: object = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._checked)
        self._worker: threading.Thread | None = None
        self.setWindowTitle(self.tr("Sign in to Beat Desk"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        heading = QLabel(self.tr("Sign in"), self)
        heading.setObjectName("dialogTitle")
        layout.addWidget(heading)
        if demo:
            banner = QLabel(self.tr("DEMO MODE: nothing here reaches a real platform."), self)
            banner.setObjectName("demoBanner")
            layout.addWidget(banner)
        form = QFormLayout()
        self.username = QLineEdit(self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.status = QLabel(self.tr("Checking the password…"), self)
        self.status.setObjectName("signInStatus")
        self.status.hide()
        layout.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = QPushButton(self.tr("Cancel"), self)
        cancel.clicked.connect(self.reject)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self)
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        row.addWidget(cancel)
        row.addWidget(self.sign_in_button)
        layout.addLayout(row)
        self.setMinimumWidth(380)

    @property
    def is_checking(self) -> bool:
        """Whether a worker thread is checking the password now."""
        return self._worker is not None

    def try_sign_in(self) -> None:
        """Check the credentials; accept on success, say so inline on failure (what the Sign in button does)."""
        username, password = self.username.text().strip(), self.password.text()
        if self.check is not None:
            self._start_check(self.check, username, password)
            return
        if self.auth is None:  # pragma: no cover (the constructor requires one of the two)
            raise RuntimeError("a sign-in dialog without a check")
        try:
            self.identity = self.auth.sign_in(username, password)
        except DeskError as exc:
            self._refuse(exc)
            return
        self.accept()

    def _start_check(self, check: SignInCheck, username: str, password: str) -> None:
        if self._worker is not None:
            return  # one check at a time (Enter pressed twice)
        relay = self._relay

        def run() -> None:
            try:
                outcome = check(username, password)
            except BaseException as exc:  # handed to the GUI thread
                relay.done.emit(None, exc)
            else:
                relay.done.emit(outcome, None)

        self.error.hide()
        self.status.show()
        self._set_busy(True)
        self._worker = threading.Thread(target=run, name="desk-sign-in", daemon=True)
        self._worker.start()
        self.checking.emit()

    def _checked(self, outcome: object, exc: BaseException | None) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.join()
        self.status.hide()
        self._set_busy(False)
        if isinstance(exc, DeskError):
            self._refuse(exc)
            return
        if exc is not None:
            # A bug, not a refusal: the crash dialog reports it; the officer can try again.
            sys.excepthook(type(exc), exc, exc.__traceback__)
            return
        self.outcome = outcome
        self.accept()

    def _set_busy(self, busy: bool) -> None:
        self.username.setReadOnly(busy)
        self.password.setReadOnly(busy)
        self.sign_in_button.setEnabled(not busy)

    def _refuse(self, exc: DeskError) -> None:
        text = translate_message(exc.message)
        self.password.clear()
        self.error.setText(text)
        self.error.show()
        self.password.setFocus()
        self.refused.emit(text)

    def wait_for_check(self) -> None:
        """Block until a running check is over (closing the window or the tests; not from the button)."""
        worker = self._worker
        if worker is not None:
            worker.join()


class FirstStartChoice(enum.Enum):
    """What the officer chose at the very first start."""

    SET_UP = "set_up"
    DEMO = "demo"


class FirstStartDialog(QDialog):
    """'Set up this desk' (create the administrator) or 'Try the demo'."""

    def __init__(self, auth: AuthService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstStartDialog")
        self.auth = auth
        self.identity: Identity | None = None
        self.choice: FirstStartChoice | None = None
        self.setWindowTitle(self.tr("Welcome to Beat Desk"))
        self.setMinimumWidth(460)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 24, 28, 20)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)

        # Page 0: the choice.
        choose = QWidget(self)
        layout = QVBoxLayout(choose)
        title = QLabel(self.tr("Welcome to Beat Desk"), choose)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "This desk has no users yet. Set it up for your station, or try it first with simulated "
                "residents on local stand-ins for the platforms."
            ),
            choose,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.set_up_button = QPushButton(self.tr("Set up this desk"), choose)
        self.set_up_button.setObjectName("primary")
        self.set_up_button.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.demo_button = QPushButton(self.tr("Try the demo"), choose)
        self.demo_button.clicked.connect(self.choose_demo)
        layout.addWidget(self.set_up_button)
        layout.addWidget(self.demo_button)
        self.pages.addWidget(choose)

        # Page 1: the administrator.
        admin = QWidget(self)
        layout = QVBoxLayout(admin)
        title = QLabel(self.tr("Create the administrator"), admin)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        note = QLabel(self.tr("The administrator adds people, connects accounts and changes settings."), admin)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.username = QLineEdit(admin)
        self.username.setObjectName("username")
        self.display_name = QLineEdit(admin)
        self.display_name.setObjectName("displayName")
        self.password = QLineEdit(admin)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("At least {n} characters").format(n=MIN_PASSWORD_LENGTH))
        self.repeat = QLineEdit(admin)
        self.repeat.setObjectName("repeatPassword")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.display_name)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Repeat password"), self.repeat)
        layout.addLayout(form)
        self.error = QLabel(admin)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        row = QHBoxLayout()
        back = QPushButton(self.tr("Back"), admin)
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.create_button = QPushButton(self.tr("Create administrator"), admin)
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_administrator)
        row.addWidget(back)
        row.addStretch(1)
        row.addWidget(self.create_button)
        layout.addLayout(row)
        self.pages.addWidget(admin)

        # Page 2: done; what comes next.
        done = QWidget(self)
        layout = QVBoxLayout(done)
        title = QLabel(self.tr("The desk is set up"), done)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        self.next_steps = QLabel(
            self.tr(
                "You are signed in as the administrator. Next, connect the force's platform accounts on the "
                "Accounts screen, and add your colleagues."
            ),
            done,
        )
        self.next_steps.setWordWrap(True)
        layout.addWidget(self.next_steps)
        start = QPushButton(self.tr("Open the desk"), done)
        start.setObjectName("primary")
        start.clicked.connect(self.accept)
        layout.addStretch(1)
        layout.addWidget(start, 0, Qt.AlignmentFlag.AlignRight)
        self.pages.addWidget(done)

    def choose_demo(self) -> None:
        """Leave the real desk untouched and run the demo."""
        self.choice = FirstStartChoice.DEMO
        self.accept()

    def create_administrator(self) -> None:
        """Create the first administrator (who is then signed in)."""
        if self.password.text() != self.repeat.text():
            self._fail(self.tr("The two passwords differ."))
            return
        try:
            self.auth.create_first_administrator(
                self.username.text().strip(), self.display_name.text().strip(), self.password.text()
            )
            self.identity = self.auth.sign_in(self.username.text().strip(), self.password.text())
        except DeskError as exc:
            self._fail(translate_message(exc.message))
            return
        self.choice = FirstStartChoice.SET_UP
        self.password.clear()
        self.repeat.clear()
        self.pages.setCurrentIndex(2)

    def _fail(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


class LockScreen(QWidget):
    """Covers the window's content while locked; only the same person's password unlocks it."""

    unlocked = Signal()
    switch_user_requested = Signal()

    def __init__(self, auth: AuthService, identity: Identity, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.auth = auth
        self.identity = identity
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        card = QWidget(self)
        card.setObjectName("lockCard")
        card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        card.setMaximumWidth(420)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        title = QLabel(self.tr("Beat Desk is locked"), card)
        title.setObjectName("dialogTitle")
        inner.addWidget(title)
        who = QLabel(
            self.tr("Signed in: {name} ({username}). Enter the password to continue.").format(
                name=identity.display_name, username=identity.username
            ),
            card,
        )
        who.setWordWrap(True)
        inner.addWidget(who)
        self.password = QLineEdit(card)
        self.password.setObjectName("lockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("Password"))
        self.password.returnPressed.connect(self.try_unlock)
        inner.addWidget(self.password)
        self.error = QLabel(card)
        self.error.setObjectName("fieldError")
        self.error.hide()
        inner.addWidget(self.error)
        row = QHBoxLayout()
        self.switch_button = QPushButton(self.tr("Switch user"), card)
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.unlock_button = QPushButton(self.tr("Unlock"), card)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self.try_unlock)
        row.addWidget(self.switch_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        inner.addLayout(row)
        hbox = QHBoxLayout()
        hbox.addStretch(1)
        hbox.addWidget(card)
        hbox.addStretch(1)
        layout.addLayout(hbox)
        layout.addStretch(2)

    def try_unlock(self) -> None:
        """Check the password of the person who locked (audited by the auth service)."""
        ok = self.auth.check_password(self.identity, self.password.text())
        self.password.clear()
        if not ok:
            self.error.setText(self.tr("That is not the password of {name}.").format(name=self.identity.display_name))
            self.error.show()
            return
        self.error.hide()
        self.unlocked.emit()


class IdleWatcher(QObject):
    """Fires ``idle`` after ``timeout_ms`` without keyboard or mouse use anywhere in the application."""

    idle = Signal()

    _ACTIVITY = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_timeout(timeout_ms)

    def set_timeout(self, timeout_ms: int) -> None:
        """Change the idle time and start counting again."""
        self.timer.setInterval(max(1, timeout_ms))
        self.timer.start()

    def start(self) -> None:
        """Watch every input event of the application."""
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        """Stop watching (signed out or locked)."""
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any input restarts the countdown; nothing is swallowed."""
        if event.type() in self._ACTIVITY and self.timer.isActive():
            self.timer.start()
        return False
