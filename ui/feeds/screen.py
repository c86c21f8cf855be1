"""The Feeds screen: TweetDeck-like columns side by side, each refreshing on its own timer.

Refreshes run on the runner's parallel lane (they are network calls); the service keeps each platform's
minimum interval and rate-limit waits, so a column's timer only asks "is it my turn?" often.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.feeds import FeedColumn, FeedService, RefreshResult
from desk.ports import FeedKind, FeedPost
from ui.screens import ScreenServices

CONTEXT = "Feeds"
TICK_MS = 5000
COLUMN_WIDTH = 330
NEW_COLOUR = "#fff3c4"
KIND_TITLES = {
    FeedKind.OWN_POSTS: "Own posts",
    FeedKind.HOME: "Home",
    FeedKind.MENTIONS: "Mentions",
    FeedKind.SEARCH: "Search",
}


def tr(text: str) -> str:
    """Translate in the feeds' context."""
    return QCoreApplication.translate(CONTEXT, text)


class FeedColumnWidget(QFrame):
    """One column: its title, why it waits (when it does), and its posts, newest first."""

    remove_requested = Signal(str)
    move_requested = Signal(str, int)  # column id, -1 left / +1 right
    post_action = Signal(str, object)  # "reply" / "open" / "copy", FeedPost

    def __init__(self, column: FeedColumn, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.column = column
        self.setObjectName("feedColumn")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(COLUMN_WIDTH)
        self.posts: dict[str, FeedPost] = {}
        self.in_flight = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        head = QHBoxLayout()
        self.title = QLabel(f"<b>{title}</b>", self)
        head.addWidget(self.title, 1)
        for text, tip, step in (("◀", tr("Move left"), -1), ("▶", tr("Move right"), 1)):
            b = QPushButton(text, self)
            b.setToolTip(tip)
            b.setFixedWidth(28)
            b.clicked.connect(lambda _=False, s=step: self.move_requested.emit(self.column.id, s))
            head.addWidget(b)
        close = QPushButton("✕", self)
        close.setToolTip(tr("Remove the column"))
        close.setFixedWidth(28)
        close.clicked.connect(lambda: self.remove_requested.emit(self.column.id))
        head.addWidget(close)
        layout.addLayout(head)
        self.status = QLabel("", self)
        self.status.setObjectName("feedStatus")
        self.status.setWordWrap(True)
        self.status.hide()
        layout.addWidget(self.status)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(False)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._menu)
        self.list.itemActivated.connect(lambda item: self._act("open", item))
        layout.addWidget(self.list, 1)
        actions = QHBoxLayout()
        for key, text in (("reply", tr("Reply")), ("open", tr("Open in inbox")), ("copy", tr("Copy link"))):
            b = QPushButton(text, self)
            b.clicked.connect(lambda _=False, k=key: self._act(k, self.list.currentItem()))
            actions.addWidget(b)
        layout.addLayout(actions)

    def show_result(self, result: RefreshResult) -> None:
        """Show the posts and the column's state; new posts are highlighted until seen."""
        st = result.status
        if st.blocked:
            self.status.setText(st.blocked_message or "")
            self.status.setStyleSheet("color: #c62828;")
            self.status.show()
        else:
            self.status.hide()
        if not result.refreshed and not result.posts:
            return
        current = self.list.currentItem()
        keep = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        was_new = {
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).data(Qt.ItemDataRole.UserRole + 1)
        }
        self.list.clear()
        self.posts = {p.post_id: p for p in result.posts}
        for p in result.posts:
            item = QListWidgetItem(f"{p.author_name} @{p.author_handle} · {p.created_at:%H:%M}\n{p.text}")
            item.setData(Qt.ItemDataRole.UserRole, p.post_id)
            new = p.post_id in result.new_post_ids or p.post_id in was_new
            item.setData(Qt.ItemDataRole.UserRole + 1, new)
            if new:
                item.setBackground(QBrush(QColor(NEW_COLOUR)))
                item.setForeground(QBrush(QColor("#222222")))
            self.list.addItem(item)
            if p.post_id == keep:
                self.list.setCurrentItem(item)

    def new_count(self) -> int:
        """How many posts are highlighted as new."""
        return sum(1 for i in range(self.list.count()) if self.list.item(i).data(Qt.ItemDataRole.UserRole + 1))

    def _menu(self, pos: Any) -> None:
        item = self.list.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        for key, text in (("reply", tr("Reply")), ("open", tr("Open in inbox")), ("copy", tr("Copy link"))):
            menu.addAction(text, lambda k=key: self._act(k, item))
        menu.exec(self.list.mapToGlobal(pos))

    def _act(self, key: str, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        post = self.posts.get(str(item.data(Qt.ItemDataRole.UserRole)))
        if post is not None:
            self.post_action.emit(key, post)


class FeedsScreen(QWidget):
    """A person's columns, side by side with horizontal scrolling."""

    #: A post's conversation should open in the inbox (platform, conversation key or post id).
    open_in_inbox = Signal(str, str)
    #: Reply to a post (the composer or the inbox takes it from here).
    reply_requested = Signal(object)

    def __init__(self, services: ScreenServices, feeds: FeedService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedsScreen")
        self.services = services
        self.feeds = feeds
        self.identity = services.identity
        self.runner = services.runner
        self.columns: dict[str, FeedColumnWidget] = {}
        self.accounts: dict[int, tuple[str, str]] = {}
        self.closed = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        bar = QHBoxLayout()
        self.account = QComboBox(self)
        self.account.setObjectName("feedAccount")
        bar.addWidget(self.account)
        self.kind = QComboBox(self)
        self.kind.setObjectName("feedKind")
        for kind, text in KIND_TITLES.items():
            self.kind.addItem(tr(text), kind.value)
        bar.addWidget(self.kind)
        self.query = QLineEdit(self)
        self.query.setObjectName("feedQuery")
        self.query.setPlaceholderText(tr("Search words or #hashtag"))
        bar.addWidget(self.query, 1)
        self.add = QPushButton(tr("Add column"), self)
        self.add.setObjectName("addColumn")
        self.add.clicked.connect(self.add_column)
        bar.addWidget(self.add)
        outer.addLayout(bar)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.strip = QWidget(self.scroll)
        self.row = QHBoxLayout(self.strip)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addStretch(1)
        self.scroll.setWidget(self.strip)
        outer.addWidget(self.scroll, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.load()
        self.timer.start()

    # -- columns -----------------------------------------------------------------------------------

    def load(self) -> None:
        """Read the accounts and the person's columns."""
        ctx = self.services.ctx

        def work() -> tuple[dict[int, tuple[str, str]], list[FeedColumn]]:
            from desk.accounts import AccountService

            accounts = {a.id: (a.handle, a.platform.value) for a in AccountService(ctx).list()}
            return accounts, self.feeds.columns(self.identity)

        self.runner.run_serial(work, on_done=self._loaded, name="feeds.load")

    def _loaded(self, result: tuple[dict[int, tuple[str, str]], list[FeedColumn]]) -> None:
        self.accounts, cols = result
        self.account.clear()
        for aid, (handle, platform) in self.accounts.items():
            self.account.addItem(f"{handle} ({platform})", aid)
        self._show_columns(cols)
        self.tick()

    def _title(self, c: FeedColumn) -> str:
        handle, platform = self.accounts.get(c.account_id, (str(c.account_id), ""))
        kind = tr(KIND_TITLES[c.kind])
        return f"{kind}: {c.query} · {platform}" if c.query else f"{kind} · {handle} ({platform})"

    def _show_columns(self, cols: list[FeedColumn]) -> None:
        wanted = [c.id for c in cols]
        for cid in list(self.columns):
            if cid not in wanted:
                self.columns.pop(cid).deleteLater()
        for c in cols:
            if c.id not in self.columns:
                w = FeedColumnWidget(c, self._title(c), self.strip)
                w.remove_requested.connect(self.remove_column)
                w.move_requested.connect(self.move_column)
                w.post_action.connect(self._post_action)
                self.columns[c.id] = w
        for w in self.columns.values():
            self.row.removeWidget(w)
        for i, cid in enumerate(wanted):
            self.row.insertWidget(i, self.columns[cid])

    def order(self) -> list[str]:
        """Column ids left to right, as shown."""
        ids = []
        for i in range(self.row.count()):
            w = self.row.itemAt(i).widget()
            if isinstance(w, FeedColumnWidget):
                ids.append(w.column.id)
        return ids

    def add_column(self) -> None:
        """Add a column from the bar's choices."""
        aid = self.account.currentData()
        if aid is None:
            self.services.bridge.warning(tr("Connect an account first."))
            return
        kind = str(self.kind.currentData())
        query = self.query.text()

        def failed(exc: BaseException) -> bool:
            self.services.bridge.warning(str(exc))
            return True

        self.runner.run_serial(
            self.feeds.add_column,
            self.identity,
            aid,
            kind,
            query,
            on_done=lambda _c: (self.query.clear(), self.load()),
            on_error=failed,
            name="feeds.add",
        )

    def remove_column(self, column_id: str) -> None:
        """Remove a column."""
        self.runner.run_serial(
            self.feeds.remove_column, self.identity, column_id, on_done=lambda _r: self.load(), name="feeds.remove"
        )

    def move_column(self, column_id: str, step: int) -> None:
        """Move a column one place left or right."""
        order = self.order()
        if column_id not in order:
            return
        index = order.index(column_id) + step
        self.runner.run_serial(
            self.feeds.move_column,
            self.identity,
            column_id,
            max(0, index),
            on_done=self._show_columns,
            name="feeds.move",
        )

    # -- refreshing ------------------------------------------------------------------------------

    def tick(self) -> None:
        """Each column that is not already refreshing asks whether it is its turn (the service knows)."""
        if self.closed:
            return
        for cid, w in self.columns.items():
            if not w.in_flight:
                self.refresh_column(cid)

    def refresh_column(self, column_id: str, *, force: bool = False) -> None:
        """Refresh one column on the network lane."""
        w = self.columns.get(column_id)
        if w is None:
            return
        w.in_flight = True

        def done(result: RefreshResult) -> None:
            col = self.columns.get(column_id)
            if col is None:
                return
            col.in_flight = False
            col.show_result(result)
            for alert in result.alerts:
                self.services.bridge.error(
                    tr(
                        "A post on {handle} ({platform}) was not sent from the desk: “{text}”. "
                        "Check who has access to the account."
                    ).format(handle=alert.handle, platform=alert.platform, text=alert.text[:120])
                )

        def failed(exc: BaseException) -> bool | None:
            col = self.columns.get(column_id)
            if col is not None:
                col.in_flight = False
            return None

        self.runner.run_parallel(
            lambda: self.feeds.refresh(self.identity, column_id, force=force),
            on_done=done,
            on_error=failed,
            name="feeds.refresh",
        )

    def _post_action(self, key: str, post: FeedPost) -> None:
        if key == "copy":
            link = post.url or post.post_id
            QGuiApplication.clipboard().setText(link)
            self.services.bridge.info(tr("Link copied."))
        elif key == "open":
            self.open_in_inbox.emit(post.platform.value, post.conversation_key or post.post_id)
        elif key == "reply":
            self.reply_requested.emit(post)

    def shutdown(self) -> None:
        """Stop refreshing."""
        self.closed = True
        self.timer.stop()


def build_feeds_screen(services: ScreenServices) -> QWidget:
    """The registered factory: the feed service over the desk's connector pool."""
    from connectors.registry import connector_for
    from desk.accounts import AccountService
    from desk.publishing import ConnectorPool
    from desk.services import connector_builder

    pool = ConnectorPool(AccountService(services.ctx), connector_builder(services.ctx, connector_for))
    get: Callable[[int], Any] = pool.get
    return FeedsScreen(services, FeedService(services.ctx, get))
