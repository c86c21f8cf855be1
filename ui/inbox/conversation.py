"""The conversation pane: the whole history, the platform's rules where they bite, and the officer's tools."""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk.canned import CannedRecord
from desk.inbox import ConversationDetail, Handling
from desk.ports import Capabilities
from desk.textcount import count as count_text
from ui.inbox.model import TRIAGE_COLOURS, TRIAGE_NAMES, format_duration, tr

#: X counts direct messages per day per sender; shown beside a private reply on X.
X_DM_NOTE = "X allows about 1,000 direct messages a day per account and 10,000 characters each."


class _EnterFilter(QObject):
    """Enter in a combo box applies its current choice (so assignment needs no mouse)."""

    def __init__(self, on_enter: Callable[[], None]) -> None:
        super().__init__()
        self.on_enter = on_enter

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Catch Return and Enter."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.on_enter()
            return True
        return False


class ConversationPane(QFrame):
    """One conversation. Emits what the officer asks for; the screen runs it through the services."""

    send_requested = Signal(str, bool, object)  # text, private, canned id or None
    note_requested = Signal(str)
    tag_requested = Signal(str)
    untag_requested = Signal(str)
    status_requested = Signal(str)
    assign_requested = Signal(object, object)  # user id or None, team or None
    media_revealed = Signal()

    def __init__(
        self,
        capabilities_for: Callable[[str], Capabilities] | None,
        now: Callable[[], datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationPane")
        self.capabilities_for = capabilities_for
        self.now = now
        self.detail: ConversationDetail | None = None
        self.people: Mapping[int, str] = {}
        self.show_media = False
        self._canned: list[CannedRecord] = []
        self.canned_values: Mapping[str, str] = {}
        self._canned_id: int | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        self.title = QLabel(tr("No conversation selected"), self)
        self.title.setObjectName("conversationTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.handling = QLabel("", self)
        self.handling.setObjectName("handlingNotice")
        self.handling.setStyleSheet("color: #b26a00; font-weight: bold;")
        self.handling.hide()
        layout.addWidget(self.handling)
        self.rules = QLabel("", self)
        self.rules.setObjectName("platformRules")
        self.rules.setWordWrap(True)
        self.rules.hide()
        layout.addWidget(self.rules)

        self.history = QTextBrowser(self)
        self.history.setObjectName("conversationHistory")
        self.history.setOpenLinks(False)
        self.history.anchorClicked.connect(self._anchor)
        layout.addWidget(self.history, 3)

        tools = QHBoxLayout()
        self.status_buttons: dict[str, QPushButton] = {}
        for status, label in (("open", tr("Open (o)")), ("waiting", tr("Waiting (w)")), ("closed", tr("Close (c)"))):
            b = QPushButton(label, self)
            b.clicked.connect(lambda _=False, s=status: self.status_requested.emit(s))
            tools.addWidget(b)
            self.status_buttons[status] = b
        tools.addStretch(1)
        self.assign = QComboBox(self)
        self.assign.setObjectName("assignBox")
        self.assign.setToolTip(tr("Assign to an officer or a team (a, then arrows and Enter)"))
        self._assign_filter = _EnterFilter(self._apply_assign)
        self.assign.installEventFilter(self._assign_filter)
        self.assign.activated.connect(lambda _i: self._apply_assign())
        tools.addWidget(self.assign)
        layout.addLayout(tools)

        tagrow = QHBoxLayout()
        self.tags = QLabel("", self)
        self.tags.setObjectName("tagList")
        tagrow.addWidget(self.tags, 1)
        self.tag_edit = QLineEdit(self)
        self.tag_edit.setPlaceholderText(tr("Add tag (t); '-tag' removes"))
        self.tag_edit.returnPressed.connect(self._tag)
        tagrow.addWidget(self.tag_edit)
        self.note_edit = QLineEdit(self)
        self.note_edit.setPlaceholderText(tr("Internal note (n), Enter saves"))
        self.note_edit.returnPressed.connect(self._note)
        tagrow.addWidget(self.note_edit, 1)
        layout.addLayout(tagrow)

        canned_row = QHBoxLayout()
        self.canned = QComboBox(self)
        self.canned.setObjectName("cannedBox")
        self.canned.setToolTip(tr("Canned replies (Ctrl+K, then arrows and Enter)"))
        self._canned_filter = _EnterFilter(self._apply_canned)
        self.canned.installEventFilter(self._canned_filter)
        self.canned.activated.connect(lambda _i: self._apply_canned())
        canned_row.addWidget(self.canned, 1)
        self.private = QCheckBox(tr("Private reply"), self)
        self.private.toggled.connect(self._update_counter)
        canned_row.addWidget(self.private)
        self.counter = QLabel("", self)
        self.counter.setObjectName("replyCounter")
        canned_row.addWidget(self.counter)
        layout.addLayout(canned_row)

        self.reply = QPlainTextEdit(self)
        self.reply.setObjectName("replyBox")
        self.reply.setPlaceholderText(tr("Reply (r); Ctrl+Enter sends"))
        self.reply.setMaximumHeight(110)
        self.reply.textChanged.connect(self._update_counter)
        layout.addWidget(self.reply, 1)
        send_row = QHBoxLayout()
        self.problem = QLabel("", self)
        self.problem.setObjectName("replyProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        send_row.addWidget(self.problem, 1)
        self.send = QPushButton(tr("Send"), self)
        self.send.setObjectName("sendButton")
        self.send.clicked.connect(self.request_send)
        send_row.addWidget(self.send)
        layout.addLayout(send_row)
        self._set_enabled(False)

    # -- filling -----------------------------------------------------------------------------------

    def _set_enabled(self, on: bool) -> None:
        for w in (self.reply, self.send, self.assign, self.tag_edit, self.note_edit, self.canned, self.private):
            w.setEnabled(on)
        for b in self.status_buttons.values():
            b.setEnabled(on)

    def set_people(self, people: Mapping[int, str], teams: list[str]) -> None:
        """Who can be assigned: officers by id, then teams."""
        self.people = people
        self.assign.blockSignals(True)
        self.assign.clear()
        self.assign.addItem(tr("Unassigned"), "none")
        for uid, name in people.items():
            self.assign.addItem(name, f"user:{uid}")
        for team in teams:
            self.assign.addItem(tr("Team: {team}").format(team=team), f"team:{team}")
        self.assign.blockSignals(False)

    def set_canned(self, records: list[CannedRecord]) -> None:
        """The canned replies to offer."""
        self._canned = records
        self.canned.clear()
        self.canned.addItem(tr("Canned reply…"), None)
        for r in records:
            self.canned.addItem(f"{r.name} ({r.lang})", r.id)

    def show_conversation(self, detail: ConversationDetail | None) -> None:
        """Show ``detail`` (None clears the pane). The reply being written stays when it is the same conversation."""
        same = detail is not None and self.detail is not None and detail.summary.id == self.detail.summary.id
        self.detail = detail
        if not same:
            self.show_media = False
            self.reply.clear()
            self.problem.clear()
            self._canned_id = None
        if detail is None:
            self.title.setText(tr("No conversation selected"))
            self.history.clear()
            self.rules.hide()
            self._set_enabled(False)
            return
        s = detail.summary
        self._set_enabled(True)
        label = TRIAGE_NAMES.get(s.triage_label or "", "")
        self.title.setText(
            f"<b>{html.escape(s.citizen_name or s.citizen_handle)}</b> @{html.escape(s.citizen_handle)} · "
            f"{html.escape(s.platform)} · {tr(s.status.capitalize())}" + (f" · {tr(label)}" if label else "")
        )
        if not same:
            self.private.setChecked(s.is_direct)
        self.private.setEnabled(not s.is_direct)
        if s.assignee_user_id is not None:
            idx = self.assign.findData(f"user:{s.assignee_user_id}")
        elif s.team:
            idx = self.assign.findData(f"team:{s.team}")
        else:
            idx = 0
        idx = max(0, idx)
        self.assign.blockSignals(True)
        self.assign.setCurrentIndex(idx)
        self.assign.blockSignals(False)
        self.tags.setText(" ".join(f"#{t}" for t in detail.tags) or tr("No tags"))
        self._render_history()
        self.update_rules()
        self._update_counter()

    def set_handling(self, others: list[Handling]) -> None:
        """Other desks that have this conversation open."""
        if not others:
            self.handling.hide()
            return
        names = ", ".join(h.display_name for h in others)
        self.handling.setText(tr("Being handled by {names}").format(names=names))
        self.handling.show()

    def update_rules(self) -> None:
        """The platform's rules where they bite: Messenger's 24-hour window, X's DM limits."""
        d = self.detail
        if d is None or self.capabilities_for is None:
            self.rules.hide()
            return
        caps = self.capabilities_for(d.summary.platform)
        notes: list[str] = []
        if d.summary.is_direct and caps.dm_window_hours is not None:
            last = d.summary.last_citizen_at
            if last is None:
                notes.append(tr("The reply window has not opened: the person must write first."))
            else:
                last = last if last.tzinfo else last.replace(tzinfo=self.now().tzinfo)
                left = last + timedelta(hours=caps.dm_window_hours) - self.now()
                if left.total_seconds() <= 0:
                    notes.append(tr("The {h}-hour reply window has closed.").format(h=caps.dm_window_hours))
                else:
                    notes.append(
                        tr("The {h}-hour reply window closes in {left}.").format(
                            h=caps.dm_window_hours, left=format_duration(left)
                        )
                    )
        if d.summary.is_direct and d.summary.platform == "x":
            notes.append(tr(X_DM_NOTE))
        self.rules.setText("\n".join(notes))
        self.rules.setVisible(bool(notes))
        self.rules.setStyleSheet("color: #c62828;" if any("closed" in n for n in notes) else "color: #b26a00;")

    @property
    def _colours(self) -> dict[str, str]:
        from ui.theme import Theme, current_theme

        if current_theme() is Theme.DARK:
            return {"own": "#1c3350", "note_bg": "#4a3f1a", "note_fg": "#f5e6b8"}
        return {"own": "#e3f2fd", "note_bg": "#fff8e1", "note_fg": "#5d4037"}

    def _render_history(self) -> None:
        d = self.detail
        if d is None:
            return
        entries: list[tuple[datetime, str]] = []
        for item in d.items:
            who = html.escape(item.author_name or item.author_handle)
            colour = TRIAGE_COLOURS.get(item.triage_label or "", "#607d8b")
            badge = ""
            if item.triage_label and not item.from_account:
                reason = html.escape(item.triage_reason or "")
                badge = (
                    f' <span style="color:{colour}" title="{reason}"><b>{tr(TRIAGE_NAMES.get(item.triage_label, ""))}'
                    f"</b></span>" + (f' <span style="color:gray">({reason})</span>' if reason else "")
                )
            body = html.escape(item.text).replace("\n", "<br>")
            if item.sensitive_media and not self.show_media:
                body += f'<br><a href="desk:reveal">{tr("Graphic media hidden: click to show")}</a>'
            elif item.sensitive_media:
                body += f"<br><i>{tr('Graphic media shown')}</i>"
            state = ""
            if item.deleted:
                state = f' <span style="color:#c62828">[{tr("deleted by the author")}]</span>'
            elif item.versions:
                state = f' <span style="color:#b26a00">[{tr("edited")}]</span>'
            old = "".join(
                f'<div style="color:gray;margin-left:12px"><s>{html.escape(v.text)}</s> '
                f"({html.escape(v.change)}, {v.recorded_at:%d.%m. %H:%M})</div>"
                for v in item.versions
            )
            side = self._colours["own"] if item.from_account else "transparent"
            entries.append(
                (
                    item.created_at,
                    f'<div style="background:{side};padding:4px"><b>{who}</b> '
                    f'<span style="color:gray">{item.created_at:%d.%m. %H:%M}</span>{badge}{state}'
                    f"<br>{body}{old}</div>",
                )
            )
        for r in d.replies:
            who = html.escape(self.people.get(r.author_user_id or -1, tr("The force")))
            where = tr("private") if r.private else tr("public")
            entries.append(
                (
                    r.created_at,
                    f'<div style="padding:4px;border-left:3px solid #1565c0"><b>{who}</b> → {where} '
                    f'<span style="color:gray">{r.created_at:%d.%m. %H:%M} · {html.escape(r.state)}</span>'
                    f"<br>{html.escape(r.text)}</div>",
                )
            )
        for n in d.notes:
            who = html.escape(self.people.get(n.user_id or -1, ""))
            entries.append(
                (
                    n.created_at,
                    f'<div style="padding:4px;background:{self._colours["note_bg"]};color:{self._colours["note_fg"]}">'
                    f"<b>{tr('Note')}</b> {who} "
                    f'<span style="color:gray">{n.created_at:%d.%m. %H:%M}</span><br>{html.escape(n.text)}</div>',
                )
            )
        for e in d.events:
            if e.kind in ("handling", "read"):
                continue
            who = html.escape(self.people.get(e.user_id or -1, ""))
            detail = ", ".join(
                f"{k}: {v}" for k, v in e.detail.items() if v not in (None, "", True) and not k.endswith("_id")
            )
            entries.append(
                (
                    e.at,
                    f'<div style="color:gray;font-size:small">{e.at:%d.%m. %H:%M} · '
                    f"{html.escape(e.kind.replace('_', ' '))} "
                    f"{who} {html.escape(detail)}</div>",
                )
            )
        entries.sort(key=lambda x: x[0].replace(tzinfo=None))
        self.history.setHtml("".join(h for _t, h in entries))
        self.history.verticalScrollBar().setValue(self.history.verticalScrollBar().maximum())

    def _anchor(self, url: QUrl) -> None:
        if url.toString() == "desk:reveal":
            self.show_media = True
            self._render_history()
            self.media_revealed.emit()

    # -- the officer's tools ---------------------------------------------------------------------

    def _update_counter(self) -> None:
        d = self.detail
        if d is None or self.capabilities_for is None:
            self.counter.clear()
            return
        caps = self.capabilities_for(d.summary.platform)
        counted = count_text(self.reply.toPlainText(), caps)
        self.counter.setText(f"{counted.length} / {counted.limit}")
        self.counter.setStyleSheet("color: #c62828; font-weight: bold;" if not counted.fits else "")
        self.send.setEnabled(counted.fits and bool(self.reply.toPlainText().strip()))

    def request_send(self) -> None:
        """Ctrl+Enter or the button: hand the reply to the screen (the text stays until it is queued)."""
        text = self.reply.toPlainText()
        if self.detail is None or not text.strip():
            return
        self.send_requested.emit(text, self.private.isChecked(), self._canned_id)

    def reply_sent(self) -> None:
        """The reply was queued: clear the box."""
        self.reply.clear()
        self.problem.clear()
        self._canned_id = None

    def reply_refused(self, message: str) -> None:
        """Keep the text and say why."""
        self.problem.setText(message)

    def _apply_assign(self) -> None:
        data = str(self.assign.currentData() or "")
        if self.detail is None or not data:
            return
        kind, _, value = data.partition(":")
        if kind == "user":
            self.assign_requested.emit(int(value), None)
        elif kind == "team":
            self.assign_requested.emit(None, value)
        else:
            self.assign_requested.emit(None, None)

    def _apply_canned(self) -> None:
        cid = self.canned.currentData()
        record = next((r for r in self._canned if r.id == cid), None)
        if record is None or self.detail is None:
            return
        s = self.detail.summary
        values = dict(self.canned_values)
        values["name"] = s.citizen_name or s.citizen_handle
        values.setdefault("reference", f"{s.platform.upper()}-{s.id}")
        text = record.text
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        self.reply.setPlainText(text)
        self._canned_id = record.id
        self.reply.setFocus()
        cursor = self.reply.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.reply.setTextCursor(cursor)

    def _tag(self) -> None:
        text = self.tag_edit.text().strip().lstrip("#")
        if not text or self.detail is None:
            return
        if text.startswith("-"):
            self.untag_requested.emit(text[1:].strip())
        else:
            self.tag_requested.emit(text)
        self.tag_edit.clear()

    def _note(self) -> None:
        text = self.note_edit.text().strip()
        if text and self.detail is not None:
            self.note_requested.emit(text)
            self.note_edit.clear()
