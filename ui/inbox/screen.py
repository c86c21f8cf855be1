"""The Inbox screen: filters and saved views, the paged list, the conversation pane and the emergency banner.

All database work goes through the runner's serial lane; the GUI thread only paints. Other desks'
work arrives by polling :meth:`InboxService.changes_since` every few seconds.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.auth import Identity
from desk.canned import CannedRecord, CannedReplyService
from desk.emergency import EmergencyRecord, EmergencyService
from desk.errors import DeskError
from desk.inbox import UNREAD_CAP, ConversationDetail, Handling, InboxFilter, InboxService
from desk.ports import Capabilities
from ui.inbox.conversation import ConversationPane
from ui.inbox.emergency import EmergencyBanner
from ui.inbox.model import COLUMNS, PLATFORM_COLOURS, TRIAGE_NAMES, InboxTableModel, tr
from ui.screens import ScreenServices

POLL_MS = 2500
# Unread counts per view are read at most this often while items stream in, and never in the same moment as
# the list's own refresh: the two would take turns on the interpreter and stretch the list's repaint.
VIEWS_REFRESH_MS = 3000
VIEWS_MAX_WIDTH = 260
HANDLING_KEEPALIVE_MS = 60_000
ROW_HEIGHT = 26
TIME_RANGES = (("", None), ("Last 24 hours", timedelta(hours=24)), ("Last 7 days", timedelta(days=7)),
               ("Last 30 days", timedelta(days=30)))  # fmt: skip
STATUSES = ("new", "open", "waiting", "closed")


@dataclass(frozen=True)
class InboxDeps:
    """The services the screen uses (built by :func:`build_inbox_screen`, injected by tests)."""

    inbox: InboxService
    emergencies: EmergencyService
    canned: CannedReplyService
    capabilities_for: Callable[[str], Capabilities] | None


def _people(inbox: InboxService, identity: Identity) -> tuple[dict[int, str], list[str]]:
    """Who can be assigned (people who work the inbox; just the signed-in person if they may not assign) and
    the teams."""
    try:
        everyone = inbox.assignable_people(identity)
    except DeskError:
        everyone = [identity]
    people = {p.user_id: p.display_name for p in everyone if p.user_id is not None}
    teams = sorted({p.team for p in everyone if p.team})
    return people, teams


_frozen: list[bool] = []


def _freeze_long_lived() -> None:
    """Keep the garbage collector off what lives as long as the window (modules, rules, widgets).

    A sync allocates enough to trigger a full collection on its worker thread, which holds the GIL for the
    whole pass: with everything imported by now that measured 300+ ms during which the window could not
    paint. Frozen objects are skipped, so a full pass only walks what was made since. Done once: a freeze
    also keeps whatever garbage exists at that moment, which must not pile up when screens come and go."""
    if not _frozen:
        _frozen.append(True)
        gc.freeze()


class InboxScreen(QWidget):
    """Everything citizens say to the force, in one keyboard-first list."""

    def __init__(self, services: ScreenServices, deps: InboxDeps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inboxScreen")
        self.services = services
        self.deps = deps
        self.identity = services.identity
        self.runner = services.runner
        self.clock = services.ctx.clock
        self.token = 0
        self.current_id: int | None = None
        self.detail: ConversationDetail | None = None
        self.people: dict[int, str] = {}
        self.accounts: dict[int, str] = {}
        self._views: dict[str, InboxFilter] = {}
        self.polls = 0
        self.closed = False
        self._polling = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.setSpacing(6)
        self.banner = EmergencyBanner(services.settings.station.emergency_number, self)
        self.banner.reply_requested.connect(self._emergency_reply)
        self.banner.acknowledge_requested.connect(self._emergency_ack)
        self.banner.handover_requested.connect(self._emergency_handover)
        self.banner.open_requested.connect(self.open_conversation)
        outer.addWidget(self.banner)

        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setObjectName("inboxSearch")
        self.search.setPlaceholderText(tr("Search (/)"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.apply_filters)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.setMinimumWidth(130)
        bar.addWidget(self.search, 2)
        self.platform = self._combo("platformFilter", tr("All platforms"), [(p, p) for p in PLATFORM_COLOURS])
        self.account = self._combo("accountFilter", tr("All accounts"), [])
        self.status = self._combo("statusFilter", tr("Any status"), [(tr(s.capitalize()), s) for s in STATUSES])
        self.assignee = self._combo("assigneeFilter", tr("Anyone"), [(tr("Mine"), "me"), (tr("Unassigned"), "none")])
        self.triage = self._combo(
            "triageFilter", tr("Any class"), [(tr(name), key) for key, name in TRIAGE_NAMES.items()]
        )
        self.when = self._combo("timeFilter", tr("Any time"), [(tr(t), d) for t, d in TIME_RANGES[1:]])
        for combo in (self.platform, self.account, self.status, self.assignee, self.triage, self.when):
            bar.addWidget(combo)
        self.tag = QLineEdit(self)
        self.tag.setObjectName("tagFilter")
        self.tag.setPlaceholderText(tr("Tag"))
        self.tag.setMaximumWidth(110)
        self.tag.returnPressed.connect(self.apply_filters)
        bar.addWidget(self.tag)
        outer.addLayout(bar)

        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.views = QListWidget(split)
        self.views.setObjectName("savedViews")
        self.views.setMaximumWidth(180)
        self.views.itemActivated.connect(self._view_chosen)
        self.views.itemClicked.connect(self._view_chosen)
        self.model = InboxTableModel(
            self.runner, deps.inbox.page, deps.inbox.count, self.clock.now, accounts=self.accounts, people=self.people
        )
        self.table = QTableView(split)
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        vh = self.table.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never ResizeToContents on a big model
        vh.setDefaultSectionSize(ROW_HEIGHT)
        vh.hide()
        hh = self.table.horizontalHeader()
        # Narrow enough that the message itself keeps room beside the conversation pane on a 1280 px screen.
        widths = {"time": 96, "platform": 28, "account": 90, "author": 100, "triage": 100, "status": 58,
                  "assignee": 80, "sla": 66}  # fmt: skip
        for i, col in enumerate(COLUMNS):
            if col == "text":
                hh.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            else:
                hh.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                hh.resizeSection(i, widths[col])
        hh.setSectionResizeMode(COLUMNS.index("platform"), QHeaderView.ResizeMode.Fixed)
        self.model.reloaded.connect(self._reloaded)
        self.model.page_loaded.connect(lambda _p: self._select_pending())
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.table.doubleClicked.connect(lambda _i: self.focus_reply())
        self.pane = ConversationPane(deps.capabilities_for, self.clock.now, split)
        self.pane.send_requested.connect(self._send)
        self.pane.note_requested.connect(self._note)
        self.pane.tag_requested.connect(lambda t: self._act(deps.inbox.add_tag, t, name="inbox.tag"))
        self.pane.untag_requested.connect(lambda t: self._act(deps.inbox.remove_tag, t, name="inbox.untag"))
        self.pane.status_requested.connect(self.set_status)
        self.pane.assign_requested.connect(self._assign)
        split.addWidget(self.views)
        split.addWidget(self.table)
        split.addWidget(self.pane)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 2)
        split.setSizes([110, 960, 380])
        outer.addWidget(split, 1)
        self._pending_select: int | None = None

        self._register_shortcuts()
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        self.keepalive = QTimer(self)
        self.keepalive.setInterval(HANDLING_KEEPALIVE_MS)
        self.keepalive.timeout.connect(self._keepalive)
        self.rules_timer = QTimer(self)
        self.rules_timer.setInterval(30_000)
        self.rules_timer.timeout.connect(self.pane.update_rules)
        self.rules_timer.start()
        self.views_timer = QTimer(self)
        self.views_timer.setSingleShot(True)
        self.views_timer.setInterval(VIEWS_REFRESH_MS)
        self.views_timer.timeout.connect(self.refresh_views)
        self._load_lookups()
        self.apply_filters()
        self.poll_timer.start()
        _freeze_long_lived()

    # -- building --------------------------------------------------------------------------------

    def _combo(self, name: str, any_text: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        # A box as wide as its longest account or person name would push the window past the screen's width.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.addItem(any_text, None)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return combo

    def _register_shortcuts(self) -> None:
        reg = self.services.shortcuts
        g = "Inbox"
        keys: list[tuple[str, str, str, Callable[[], object]]] = [
            ("inbox.next", "J", "Next conversation", lambda: self.move(1)),
            ("inbox.previous", "K", "Previous conversation", lambda: self.move(-1)),
            ("inbox.reply", "R", "Reply", self.focus_reply),
            ("inbox.assign", "A", "Assign to an officer or a team", self.focus_assign),
            ("inbox.note", "N", "Add an internal note", self.pane.note_edit.setFocus),
            ("inbox.tag", "T", "Add or remove a tag", self.pane.tag_edit.setFocus),
            ("inbox.close", "C", "Close the conversation", lambda: self.set_status("closed")),
            ("inbox.open", "O", "Mark the conversation open", lambda: self.set_status("open")),
            ("inbox.waiting", "W", "Waiting on the citizen", lambda: self.set_status("waiting")),
            ("inbox.search", "/", "Search the inbox", self.focus_search),
            ("inbox.canned", "Ctrl+K", "Choose a canned reply", self.focus_canned),
            ("inbox.send", "Ctrl+Return", "Send the reply", self.pane.request_send),
            ("inbox.send_enter", "Ctrl+Enter", "Send the reply (keypad Enter)", self.pane.request_send),
            ("inbox.back", "Esc", "Back to the list", self.back),
        ]
        for sid, key, text, cb in keys:
            reg.add(sid, key, text, cb, self, context="Inbox", group=g)
        # Down and Up move through the list natively when it has focus; listed so the help shows them.
        reg.add("inbox.down", "Down", "Next conversation (in the list)", None, None, context="Inbox", group=g)
        reg.add("inbox.up", "Up", "Previous conversation (in the list)", None, None, context="Inbox", group=g)

    def _load_lookups(self) -> None:
        ctx = self.services.ctx
        ident = self.identity

        def work() -> tuple[dict[int, str], list[str], dict[int, str], list[CannedRecord], dict[str, str]]:
            from desk.accounts import AccountService

            people, teams = _people(self.deps.inbox, ident)
            accounts = {a.id: a.handle for a in AccountService(ctx).list()}
            canned = self.deps.canned.list()
            values = self.deps.canned.values(ident)
            return people, teams, accounts, canned, values

        self.runner.run_serial(work, on_done=self._lookups_loaded, name="inbox.lookups")
        self.refresh_views()

    def _lookups_loaded(self, result: tuple[Any, ...]) -> None:
        people, teams, accounts, canned, values = result
        self.people.clear()
        self.people.update(people)
        self.accounts.clear()
        self.accounts.update(accounts)
        self.pane.set_people(self.people, teams)
        self.pane.set_canned(canned)
        self.pane.canned_values = values
        self.account.blockSignals(True)
        keep = self.account.currentData()
        while self.account.count() > 1:
            self.account.removeItem(1)
        for aid, handle in sorted(accounts.items(), key=lambda kv: kv[1]):
            self.account.addItem(handle, aid)
        idx = self.account.findData(keep)
        self.account.setCurrentIndex(max(0, idx))
        self.account.blockSignals(False)
        self.model.names_changed()

    # -- filters and views -----------------------------------------------------------------------

    def current_filter(self) -> InboxFilter:
        """The filter the bar describes."""
        f = InboxFilter(text=self.search.text().strip())
        if (p := self.platform.currentData()) is not None:
            f = replace(f, platforms=(p,))
        if (a := self.account.currentData()) is not None:
            f = replace(f, account_ids=(a,))
        if (s := self.status.currentData()) is not None:
            f = replace(f, statuses=(s,))
        who = self.assignee.currentData()
        if who == "me":
            f = replace(f, assignee_user_id=self.identity.user_id)
        elif who == "none":
            f = replace(f, unassigned=True)
        if (t := self.triage.currentData()) is not None:
            f = replace(f, triage_labels=(t,))
        if tag := self.tag.text().strip().lstrip("#"):
            f = replace(f, tag=tag)
        if (d := self.when.currentData()) is not None:
            f = replace(f, since=self.clock.now() - d)
        return f

    def apply_filters(self) -> None:
        """Re-read the list for the bar's filter."""
        if self.closed:
            return
        self.model.set_filter(self.current_filter())

    def set_filter(self, f: InboxFilter) -> None:
        """Show a saved view's filter (the bar is reset to match what it can show)."""
        widgets = (self.platform, self.account, self.status, self.assignee, self.triage, self.when)
        for w in widgets:
            w.blockSignals(True)
        self.search.blockSignals(True)
        self.platform.setCurrentIndex(max(0, self.platform.findData(f.platforms[0]) if f.platforms else 0))
        self.account.setCurrentIndex(max(0, self.account.findData(f.account_ids[0]) if f.account_ids else 0))
        self.status.setCurrentIndex(max(0, self.status.findData(f.statuses[0]) if f.statuses else 0))
        who = "me" if f.assignee_user_id is not None else "none" if f.unassigned else None
        self.assignee.setCurrentIndex(max(0, self.assignee.findData(who)) if who else 0)
        self.triage.setCurrentIndex(max(0, self.triage.findData(f.triage_labels[0]) if f.triage_labels else 0))
        self.when.setCurrentIndex(0)
        self.search.setText(f.text)
        self.tag.setText(f.tag or "")
        for w in widgets:
            w.blockSignals(False)
        self.search.blockSignals(False)
        self.model.set_filter(f)

    def builtin_views(self) -> dict[str, InboxFilter]:
        """Views every desk has, beside the person's saved ones."""
        return {
            tr("All"): InboxFilter(),
            tr("New"): InboxFilter(statuses=("new",)),
            tr("Mine"): InboxFilter(assignee_user_id=self.identity.user_id, statuses=("new", "open", "waiting")),
            tr("Emergencies"): InboxFilter(triage_labels=("emergency", "safeguarding")),
            tr("Waiting"): InboxFilter(statuses=("waiting",)),
        }

    def refresh_views(self) -> None:
        """Re-read saved views and their unread counts."""
        inbox = self.deps.inbox
        ident = self.identity
        builtin = self.builtin_views()

        def work() -> tuple[dict[str, InboxFilter], dict[str, int]]:
            views = dict(builtin)
            for v in inbox.views(ident):
                views[v.name] = v.filters
            return views, inbox.unread_counts(views)

        self.runner.run_serial(work, on_done=self._views_loaded, name="inbox.views")

    def _views_loaded(self, result: tuple[dict[str, InboxFilter], dict[str, int]]) -> None:
        views, counts = result
        self._views = views
        current = self.views.currentItem().data(Qt.ItemDataRole.UserRole) if self.views.currentItem() else None
        self.views.clear()
        for name in views:
            n = counts.get(name, 0)
            shown = f"{UNREAD_CAP:,}+" if n >= UNREAD_CAP else str(n)
            item = QListWidgetItem(f"{name}  ({shown})" if n else name)
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.views.addItem(item)
            if name == current:
                self.views.setCurrentItem(item)
        # Wide enough for the longest name with its count ("Emergencies  (1,000+)"), within reason.
        needed = self.views.sizeHintForColumn(0) + 2 * self.views.frameWidth() + 8
        self.views.setMinimumWidth(min(needed, VIEWS_MAX_WIDTH))
        self.views.setMaximumWidth(max(180, min(needed, VIEWS_MAX_WIDTH)))

    def _view_chosen(self, item: QListWidgetItem) -> None:
        name = item.data(Qt.ItemDataRole.UserRole)
        if name in self._views:
            self.set_filter(self._views[name])

    def save_current_view(self, name: str) -> None:
        """Save the bar's filter as a view of the signed-in person."""
        f = self.current_filter()
        self.runner.run_serial(
            self.deps.inbox.save_view, self.identity, name, f, on_done=lambda _id: self.refresh_views(), name="view"
        )

    # -- the list and the pane -------------------------------------------------------------------

    def _reloaded(self) -> None:
        # Lay the rows out now rather than on Qt's delayed-layout timer, which would repaint a second time
        # right after the repaint the new rows already asked for (two paints per sync page otherwise).
        self.table.doItemsLayout()
        # Nothing is opened on its own: opening marks a conversation read, which only a person may do.
        if self.current_id is not None:
            self._reselect(self.current_id)

    def _reselect(self, conversation_id: int) -> None:
        for row in range(min(self.model.rowCount(), self.model.page_size)):
            r = self.model.row_at(row)
            if r is not None and r.conversation_id == conversation_id:
                self.table.selectionModel().blockSignals(True)
                self.table.setCurrentIndex(self.model.index(row, 0))
                self.table.selectionModel().blockSignals(False)
                return

    def _select_pending(self) -> None:
        if self._pending_select is not None:
            row = self._pending_select
            if self.model.row_at(row) is not None:
                self._pending_select = None
                self._row_changed(self.model.index(row, 0), QModelIndex())

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        row = self.model.row_at(current.row())
        if row is None:
            self._pending_select = current.row()
            return
        if row.conversation_id is not None and row.conversation_id != self.current_id:
            self.open_conversation(row.conversation_id)

    def move(self, step: int) -> None:
        """j/k: the next or previous row."""
        n = self.model.rowCount()
        if n == 0:
            return
        cur = self.table.currentIndex().row()
        row = max(0, min(n - 1, (cur if cur >= 0 else -1 if step > 0 else n) + step))
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(self.model.index(row, 0))

    def open_conversation(self, conversation_id: int) -> None:
        """Read and show a conversation; say at other desks that this one has it open."""
        inbox = self.deps.inbox
        ident = self.identity
        previous = self.current_id
        self.current_id = conversation_id

        def work() -> tuple[ConversationDetail, list[Handling]]:
            if previous is not None and previous != conversation_id:
                inbox.stop_handling(ident, previous)
            inbox.start_handling(ident, conversation_id)
            inbox.mark_read(ident, conversation_id)
            return inbox.conversation(conversation_id), inbox.handling(conversation_id)

        self.runner.run_serial(work, on_done=self._conversation_loaded, name="inbox.conversation")
        self.keepalive.start()

    def _conversation_loaded(self, result: tuple[ConversationDetail, list[Handling]]) -> None:
        detail, handling = result
        if detail.summary.id != self.current_id:
            return
        self.detail = detail
        self.pane.show_conversation(detail)
        self.pane.set_handling([h for h in handling if h.user_id != self.identity.user_id])

    def reload_conversation(self) -> None:
        """Re-read the open conversation (after an action here or at another desk)."""
        if self.current_id is None:
            return
        inbox = self.deps.inbox
        cid = self.current_id
        self.runner.run_serial(
            lambda: (inbox.conversation(cid), inbox.handling(cid)),
            on_done=self._conversation_loaded,
            name="inbox.conversation",
        )

    def _keepalive(self) -> None:
        if self.current_id is not None:
            self.runner.run_serial(self.deps.inbox.start_handling, self.identity, self.current_id, name="handling")

    # -- actions ---------------------------------------------------------------------------------

    def _act(self, fn: Callable[..., Any], *args: Any, name: str) -> None:
        if self.current_id is None:
            return
        self.runner.run_serial(fn, self.identity, self.current_id, *args, on_done=lambda _r: self._after(), name=name)

    def _after(self) -> None:
        self.reload_conversation()
        self.model.refresh()
        self.refresh_views()

    def set_status(self, status: str) -> None:
        """c/o/w: close, open, or wait on the citizen."""
        self._act(self.deps.inbox.set_status, status, name="inbox.status")

    def _assign(self, user_id: int | None, team: str | None) -> None:
        self._act(self.deps.inbox.assign, user_id, team, name="inbox.assign")
        self.table.setFocus()

    def _note(self, text: str) -> None:
        self._act(self.deps.inbox.add_note, text, name="inbox.note")

    def _send(self, text: str, private: bool, canned_id: int | None) -> None:
        if self.current_id is None:
            return
        inbox = self.deps.inbox
        cid = self.current_id

        def refused(exc: BaseException) -> bool:
            if isinstance(exc, DeskError):
                self.pane.reply_refused(str(exc))
                return True
            return False

        def sent(_outbound: int) -> None:
            self.pane.reply_sent()
            self.services.bridge.info(tr("Reply queued."))
            self._after()
            self.table.setFocus()

        self.runner.run_serial(
            lambda: inbox.reply(self.identity, cid, text, private=private, canned_id=canned_id),
            on_done=sent,
            on_error=refused,
            name="inbox.reply",
        )

    def focus_reply(self) -> None:
        """r: write a reply."""
        if self.detail is not None:
            self.pane.reply.setFocus()

    def focus_assign(self) -> None:
        """a: choose an officer or a team with the arrows, Enter assigns."""
        if self.detail is not None:
            self.pane.assign.setFocus()

    def focus_canned(self) -> None:
        """Ctrl+K: choose a canned reply with the arrows, Enter puts it in the reply box."""
        if self.detail is not None:
            self.pane.canned.setFocus()

    def focus_search(self) -> None:
        """/: search."""
        self.search.setFocus()
        self.search.selectAll()

    def back(self) -> None:
        """Esc: back to the list."""
        self.table.setFocus()

    # -- polling ---------------------------------------------------------------------------------

    def poll(self) -> None:
        """Ask what changed since the last poll; re-read the list, the pane and the banner when needed."""
        if self.closed or self._polling:
            return  # one poll at a time: on a busy database they would pile up on the serial lane
        self._polling = True
        inbox = self.deps.inbox
        token = self.token

        def work() -> tuple[int, tuple[int, ...], list[EmergencyRecord], int]:
            from desk.accounts import AccountService

            new_token, changed = inbox.changes_since(token)
            # Accounts can appear while the window is open (connected by an administrator, or demo mode's).
            return new_token, changed, inbox.open_emergencies(), len(AccountService(self.services.ctx).list())

        def failed(_exc: BaseException) -> None:
            self._polling = False

        self.runner.run_serial(work, on_done=self._polled, on_error=failed, name="inbox.poll")

    def _polled(self, result: tuple[int, tuple[int, ...], list[EmergencyRecord], int]) -> None:
        self._polling = False
        token, changed, open_emergencies, account_count = result
        if account_count != len(self.accounts):
            self._load_lookups()
        first = self.token == 0
        self.token = token
        self.polls += 1
        was_hidden = self.banner.isHidden()
        self.banner.show_emergencies(open_emergencies, self.people)
        if was_hidden and not self.banner.isHidden() and self.banner.current is not None:
            e = self.banner.current
            self.services.bridge.error(
                tr("Emergency on {platform} from @{who}: acknowledge it and hand it to the control room.").format(
                    platform=e.platform, who=e.author_handle.lstrip("@")
                )
            )
        if changed and not first:
            self.model.refresh()
            if not self.views_timer.isActive():
                self.views_timer.start()  # the counts follow within VIEWS_REFRESH_MS, once for many changes
            if self.current_id in changed:
                self.reload_conversation()
        elif self.current_id is not None and not first:
            # "being handled by …" changes without touching the conversation's rows
            cid = self.current_id
            self.runner.run_serial(
                self.deps.inbox.handling,
                cid,
                on_done=lambda h: (
                    self.current_id == cid
                    and self.pane.set_handling([x for x in h if x.user_id != self.identity.user_id])
                ),
                name="inbox.handling",
            )

    def _emergency_reply(self, emergency_id: int) -> None:
        self.runner.run_serial(
            self.deps.emergencies.reply_with_emergency_number,
            self.identity,
            emergency_id,
            on_done=lambda _r: (self.services.bridge.info(tr("Emergency reply queued.")), self._after()),
            name="emergency.reply",
        )

    def _emergency_ack(self, emergency_id: int) -> None:
        self.runner.run_serial(
            self.deps.emergencies.acknowledge, self.identity, emergency_id, on_done=lambda _r: self.poll(), name="ack"
        )

    def _emergency_handover(self, emergency_id: int, note: str) -> None:
        self.runner.run_serial(
            self.deps.emergencies.hand_over,
            self.identity,
            emergency_id,
            note,
            on_done=lambda _r: self.poll(),
            name="emergency.handover",
        )

    def shutdown(self) -> None:
        """Stop polling and let other desks know this one no longer has the conversation open."""
        self.closed = True
        self.model.stop()
        for timer in (self.poll_timer, self.keepalive, self.rules_timer, self._search_timer, self.views_timer):
            timer.stop()
        if self.current_id is not None:
            self.runner.run_serial(self.deps.inbox.stop_handling, self.identity, self.current_id, name="handling")


def build_inbox_screen(services: ScreenServices) -> QWidget:
    """The registered factory: wires the inbox services on the screen's desk."""
    from connectors.registry import capabilities_for
    from desk.triage import Triage

    def caps(platform: Any) -> Capabilities:
        from desk.ports import Platform

        return capabilities_for(Platform(platform))

    inbox = InboxService(services.ctx, Triage.load(), capabilities_for=caps)
    deps = InboxDeps(inbox, EmergencyService(services.ctx, inbox), CannedReplyService(services.ctx), caps)
    return InboxScreen(services, deps)
