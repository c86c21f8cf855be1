"""Compose: write once for several accounts, with exact per-platform counters and the privacy guard live.

Counting runs on every keystroke (it is cheap and exact); the guard runs after a short pause in typing.
Everything that touches the database goes through the task runner's serial lane; looking a post up on a
platform goes through the parallel lane.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.accounts import AccountRecord
from desk.auth import Identity
from desk.campaigns import CampaignRecord
from desk.errors import DeskError
from desk.ports import ReplyPolicy
from desk.publishing import DeliveryView, Draft, GuardBlocked, PendingApproval
from desk.redaction import GuardResult
from desk.roles import Action
from desk.storage.models import AccountStatus, DeliveryState, OutboundState
from desk.textcount import TextCount, count, split_thread
from ui.compose.services import PublishingDesk, publishing_desk
from ui.i18n import translate_message
from ui.messages import message_for
from ui.screens import ScreenServices
from ui.widgets.counters import CounterStrip, Target, count_all, describe, set_counter
from ui.widgets.guard_editor import GuardTextEdit, hit_label
from ui.widgets.photos import PhotoAttachments, store_photos
from ui.widgets.platforms import platform_icon, platform_name, platform_pixmap

LANGUAGES = (("", "—"), ("en", "English"), ("fi", "suomi"), ("sv", "svenska"))


class Schedule:
    """How the officer wants the post timed."""

    NOW = "now"
    AT = "at"
    QUEUE = "queue"


@dataclass(frozen=True)
class SubmitOutcome:
    """What happened on Submit: the items made, their state, and when they go out."""

    outbound_ids: tuple[int, ...]
    state: OutboundState
    due_at: datetime | None


def can_schedule(identity: Identity) -> bool:
    """Whether this person's posts are scheduled at once (otherwise they wait for approval)."""
    return identity.can(Action.PUBLISH_WITHOUT_APPROVAL) and identity.can(Action.SCHEDULE)


class OverrideDialog(QDialog):
    """A supervisor waives the guard's findings, with a reason that is audited."""

    def __init__(self, hits: Sequence[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override the privacy guard"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(self.tr("These findings will be published as written. Your name and reason are recorded."), self)
        )
        listing = QListWidget(self)
        for hit in hits:
            listing.addItem(hit_label(hit))
        layout.addWidget(listing)
        self.reason = QPlainTextEdit(self)
        self.reason.setPlaceholderText(self.tr("Why must this be published as written? (at least 10 characters)"))
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("Override"))
        self.ok.setEnabled(False)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(len(self.reason.toPlainText().strip()) >= 10))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def ask_override(parent: QWidget, hits: Sequence[Any]) -> str | None:
    """The reason for an override, or None when the supervisor thinks again."""
    dialog = OverrideDialog(hits, parent)
    if dialog.exec():
        return dialog.reason.toPlainText().strip()
    return None


class VariantCard(QFrame):
    """One target: its own text (optional), its counter and its preview."""

    def __init__(self, target: Target, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.setObjectName("variantCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        badge = QLabel(self)
        badge.setPixmap(platform_pixmap(target.platform.value, 18))
        head.addWidget(badge)
        name = QLabel(f"<b>{platform_name(target.platform)}</b> {target.handle}", self)
        head.addWidget(name, 1)
        self.counter = QLabel(self)
        self.counter.setObjectName("variantCounter")
        head.addWidget(self.counter)
        layout.addLayout(head)
        self.variant = QPlainTextEdit(self)
        self.variant.setPlaceholderText(
            self.tr("Same as the main text. Type here to write a different text for {platform}.").format(
                platform=platform_name(target.platform)
            )
        )
        self.variant.setMaximumHeight(70)
        self.variant.setTabChangesFocus(True)
        layout.addWidget(self.variant)
        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setStyleSheet("QLabel#preview { border-left: 3px solid #8c959f; padding: 4px 8px; }")
        layout.addWidget(self.preview)

    def own_text(self) -> str:
        """The variant (empty: the main text is used)."""
        return self.variant.toPlainText()


class ComposeScreen(QWidget):
    """The composer, the approvals list and the deliveries panel."""

    def __init__(self, services: ScreenServices, desk: PublishingDesk | None = None) -> None:
        super().__init__()
        self.setObjectName("composeScreen")
        self.services = services
        self.identity = services.identity
        self.runner = services.runner
        self.desk = desk or publishing_desk(services.ctx, services.settings.station.timezone)
        self.accounts: list[AccountRecord] = []
        self.account_boxes: dict[int, QCheckBox] = {}
        self.targets: list[Target] = []
        self.cards: dict[int, VariantCard] = {}
        self.campaigns: list[CampaignRecord] = []
        self.guard_results: dict[int | None, GuardResult] = {}
        self.waived: tuple[str, ...] = ()
        self.override_reason: str | None = None
        self.replacing: int | None = None
        self.last_outcome: SubmitOutcome | None = None
        self.ask_override: Callable[[Sequence[Any]], str | None] = lambda hits: ask_override(self, hits)
        self._build()
        self.preview_timer = QTimer(self)
        self.preview_timer.setSingleShot(True)
        self.preview_timer.setInterval(250)
        self.preview_timer.timeout.connect(self.refresh_previews)
        self.editor.textChanged.connect(self.on_text_changed)
        self.editor.hits_changed.connect(lambda _r: self.on_guard_checked())
        self._register_shortcuts()
        self.reload()

    # layout -------------------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 14, 20, 10)
        # While a critical-incident stop is on, whatever is submitted here is held: say so where it is written.
        title = QLabel(self.tr("Compose"), self)
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(splitter, 1)

        left = QWidget(self)
        form = QVBoxLayout(left)
        form.setContentsMargins(0, 0, 8, 0)
        self.accounts_box = QGroupBox(self.tr("Post to"), left)
        self.accounts_layout = QGridLayout(self.accounts_box)
        self.no_accounts = QLabel(self.tr("Loading accounts…"), self.accounts_box)
        self.no_accounts.setObjectName("fieldHelp")
        self.accounts_layout.addWidget(self.no_accounts, 0, 0)
        form.addWidget(self.accounts_box)

        self.replacing_note = QLabel(left)
        self.replacing_note.setObjectName("pageNote")
        self.replacing_note.hide()
        form.addWidget(self.replacing_note)

        self.editor = GuardTextEdit(self._check_main, left)
        self.editor.setObjectName("composeEditor")
        self.editor.setPlaceholderText(self.tr("Write the post once; each platform's version is on the right."))
        self.editor.setMinimumHeight(150)
        self.editor.setAccessibleName(self.tr("Post text"))
        form.addWidget(self.editor, 1)
        self.counters = CounterStrip(left)
        form.addWidget(self.counters)
        self.findings = QLabel(left)
        self.findings.setObjectName("guardFindings")
        self.findings.setWordWrap(True)
        self.findings.setStyleSheet("color: #d1242f;")
        form.addWidget(self.findings)

        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("Language"), left))
        self.language = QComboBox(left)
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.currentIndexChanged.connect(lambda _i: self.editor.set_checker(self._check_main))
        options.addWidget(self.language)
        self.content_warning = QLineEdit(left)
        self.content_warning.setPlaceholderText(self.tr("Content warning (where the platform has one)"))
        options.addWidget(self.content_warning, 1)
        options.addWidget(QLabel(self.tr("Who may reply"), left))
        self.reply_policy = QComboBox(left)
        self.reply_policy.setObjectName("replyPolicy")
        for policy, label in (
            (ReplyPolicy.EVERYONE, self.tr("Everyone")),
            (ReplyPolicy.MENTIONED, self.tr("Only mentioned accounts")),
            (ReplyPolicy.FOLLOWING, self.tr("Only accounts we follow")),
            (ReplyPolicy.NOBODY, self.tr("Nobody")),
        ):
            self.reply_policy.addItem(label, policy.value)
        options.addWidget(self.reply_policy)
        form.addLayout(options)
        self.thread_box = QCheckBox(self.tr("Split into a numbered thread where a platform needs it"), left)
        self.thread_box.toggled.connect(lambda _on: self.update_state())
        self.thread_box.toggled.connect(lambda _on: self.refresh_previews())
        form.addWidget(self.thread_box)
        self.urgent_box = QCheckBox(self.tr("Urgent: may use the share of the posting budget kept for replies"), left)
        self.urgent_box.setObjectName("urgent")
        self.urgent_box.setToolTip(
            self.tr(
                "Each account keeps part of its posting budget for replies and urgent posts. Tick this only for a "
                "post that cannot wait (a road closure, a warning): it is recorded with your name."
            )
        )
        form.addWidget(self.urgent_box)

        photos_box = QGroupBox(self.tr("Photos"), left)
        photos_layout = QVBoxLayout(photos_box)
        self.photos = PhotoAttachments(self.runner, photos_box)
        self.photos.changed.connect(self.update_state)
        photos_layout.addWidget(self.photos)
        form.addWidget(photos_box)

        schedule_box = QGroupBox(self.tr("When"), left)
        grid = QGridLayout(schedule_box)
        self.when = QButtonGroup(self)
        self.when_now = QRadioButton(self.tr("As soon as possible"), schedule_box)
        self.when_at = QRadioButton(self.tr("At"), schedule_box)
        self.when_queue = QRadioButton(self.tr("Add to queue (next free slot)"), schedule_box)
        for i, button in enumerate((self.when_now, self.when_at, self.when_queue)):
            self.when.addButton(button, i)
        self.when_now.setChecked(True)
        self.due = QDateTimeEdit(schedule_box)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due.setDateTime(QDateTime.currentDateTime().addSecs(3600))
        self.due.dateTimeChanged.connect(lambda _d: self.when_at.setChecked(True))
        self.campaign = QComboBox(schedule_box)
        self.campaign.addItem(self.tr("No campaign"), None)
        grid.addWidget(self.when_now, 0, 0)
        grid.addWidget(self.when_at, 1, 0)
        grid.addWidget(self.due, 1, 1)
        grid.addWidget(self.when_queue, 2, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Campaign"), schedule_box), 3, 0)
        grid.addWidget(self.campaign, 3, 1)
        form.addWidget(schedule_box)

        submit_row = QHBoxLayout()
        self.role_note = QLabel(left)
        self.role_note.setObjectName("fieldHelp")
        self.role_note.setWordWrap(True)
        submit_row.addWidget(self.role_note, 1)
        self.override_button = QPushButton(self.tr("Override…"), left)
        self.override_button.clicked.connect(self.override)
        self.override_button.hide()
        submit_row.addWidget(self.override_button)
        self.submit_button = QPushButton(left)
        self.submit_button.setObjectName("primary")
        self.submit_button.setDefault(True)
        self.submit_button.clicked.connect(self.submit)
        submit_row.addWidget(self.submit_button)
        form.addLayout(submit_row)
        self.message = QLabel(left)
        self.message.setObjectName("fieldError")
        self.message.setWordWrap(True)
        form.addWidget(self.message)
        self.result = QLabel(left)
        self.result.setObjectName("pageNote")
        self.result.setWordWrap(True)
        form.addWidget(self.result)
        left_scroll = QScrollArea(self)
        left_scroll.setWidgetResizable(True)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setWidget(left)
        splitter.addWidget(left_scroll)

        self.tabs = QTabWidget(self)
        preview_page = QWidget(self.tabs)
        self.cards_layout = QVBoxLayout(preview_page)
        self.cards_layout.addStretch(1)
        preview_scroll = QScrollArea(self.tabs)
        preview_scroll.setWidgetResizable(True)
        preview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        preview_scroll.setWidget(preview_page)
        self.tabs.addTab(preview_scroll, self.tr("Per platform"))
        self.tabs.addTab(self._build_approvals(), self.tr("Approvals"))
        self.tabs.addTab(self._build_deliveries(), self.tr("Deliveries"))
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 460])
        self._describe_role()

    def _build_approvals(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.approvals_note = QLabel(page)
        self.approvals_note.setObjectName("fieldHelp")
        self.approvals_note.setWordWrap(True)
        layout.addWidget(self.approvals_note)
        self.approvals = QListWidget(page)
        self.approvals.setWordWrap(True)
        self.approvals.currentRowChanged.connect(lambda _r: self._approval_selected())
        layout.addWidget(self.approvals, 1)
        row = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("Approve"), page)
        self.approve_button.clicked.connect(self.approve_selected)
        self.reject_button = QPushButton(self.tr("Reject"), page)
        self.reject_button.clicked.connect(self.reject_selected)
        row.addStretch(1)
        row.addWidget(self.reject_button)
        row.addWidget(self.approve_button)
        layout.addLayout(row)
        may = self.identity.can(Action.APPROVE_POSTS)
        self.approve_button.setVisible(may)
        self.reject_button.setVisible(may)
        self.approvals_note.setText(
            self.tr("Approve posts written by others. Nobody approves their own post.")
            if may
            else self.tr("Press officers and supervisors approve posts; yours are listed here until they do.")
        )
        self.approve_button.setEnabled(False)
        self.reject_button.setEnabled(False)
        return page

    def _build_deliveries(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.deliveries = QTableWidget(0, 4, page)
        self.deliveries.setHorizontalHeaderLabels([self.tr("Account"), self.tr("State"), self.tr("Text"), ""])
        self.deliveries.verticalHeader().setVisible(False)
        self.deliveries.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.deliveries.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.deliveries.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.deliveries.itemSelectionChanged.connect(self._delivery_selected)
        layout.addWidget(self.deliveries, 1)
        row = QHBoxLayout()
        self.check_note = QLabel(
            self.tr("An unconfirmed post may have gone out: look it up before anything is sent again."), page
        )
        self.check_note.setObjectName("fieldHelp")
        self.check_note.setWordWrap(True)
        row.addWidget(self.check_note, 1)
        refresh = QPushButton(self.tr("Refresh"), page)
        refresh.clicked.connect(self.reload_lists)
        row.addWidget(refresh)
        self.check_button = QPushButton(self.tr("Check before re-sending"), page)
        self.check_button.setEnabled(False)
        self.check_button.clicked.connect(self.check_selected)
        row.addWidget(self.check_button)
        layout.addLayout(row)
        self.delivery_rows: list[DeliveryView] = []
        return page

    def _describe_role(self) -> None:
        if can_schedule(self.identity):
            self.submit_button.setText(self.tr("Schedule"))
            self.role_note.setText(self.tr("Your posts are scheduled as soon as you submit them."))
        else:
            self.submit_button.setText(self.tr("Send for approval"))
            self.role_note.setText(
                self.tr("Your posts wait for a press officer or supervisor to approve them before they go out.")
            )

    def _register_shortcuts(self) -> None:
        shortcuts = self.services.shortcuts
        shortcuts.add(
            "compose.submit", "Ctrl+Return", "Submit the post", self.submit, self, context="Compose", group="Compose"
        )
        shortcuts.add("compose.photo", "Ctrl+Shift+P", "Add a photo", self.photos.choose_files, self, group="Compose")

    # loading ------------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Accounts, campaigns and the two lists, from the database (serial lane)."""

        def load() -> tuple[list[AccountRecord], list[CampaignRecord]]:
            return self.desk.account_list(), self.desk.planning.campaigns()

        self.runner.run_serial(load, on_done=self._loaded, name="compose: accounts")
        self.reload_lists()

    def _loaded(self, loaded: tuple[list[AccountRecord], list[CampaignRecord]]) -> None:
        accounts, campaigns = loaded
        self.set_accounts(accounts)
        self.campaigns = campaigns
        current = self.campaign.currentData()
        self.campaign.clear()
        self.campaign.addItem(self.tr("No campaign"), None)
        for c in campaigns:
            self.campaign.addItem(c.name, c.id)
        if current is not None:
            self.campaign.setCurrentIndex(max(0, self.campaign.findData(current)))

    def set_accounts(self, accounts: list[AccountRecord]) -> None:
        """One checkbox per account, with its platform's badge."""
        checked = {i for i, box in self.account_boxes.items() if box.isChecked()}
        for box in self.account_boxes.values():
            self.accounts_layout.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.account_boxes = {}
        self.accounts = accounts
        self.no_accounts.setVisible(not accounts)
        self.no_accounts.setText(self.tr("No accounts are connected yet: an administrator connects them."))
        for n, acc in enumerate(accounts):
            box = QCheckBox(f"{acc.handle}", self.accounts_box)
            box.setIcon(platform_icon(acc.platform))
            box.setToolTip(f"{platform_name(acc.platform)} · {acc.display_name}")
            if acc.status in (AccountStatus.NEEDS_RECONNECT, AccountStatus.DISABLED):
                box.setText(self.tr("{handle} (needs reconnecting)").format(handle=acc.handle))
            box.setChecked(acc.id in checked)
            box.toggled.connect(lambda _on: self.on_targets_changed())
            self.accounts_layout.addWidget(box, n // 2 + 1, n % 2)
            self.account_boxes[acc.id] = box
        self.on_targets_changed()

    def reload_lists(self) -> None:
        """The approvals list and the deliveries panel."""

        def load() -> tuple[list[PendingApproval], list[DeliveryView]]:
            return self.desk.publishing.awaiting_approval(), self.desk.publishing.recent_deliveries()

        self.runner.run_serial(load, on_done=self._lists_loaded, name="compose: lists")

    def _lists_loaded(self, loaded: tuple[list[PendingApproval], list[DeliveryView]]) -> None:
        pending, deliveries = loaded
        self.approvals.clear()
        for p in pending:
            own = p.author_user_id == self.identity.user_id
            due = p.due_at.astimezone().strftime("%a %d %b %H:%M") if p.due_at else self.tr("when approved")
            platforms = ", ".join(platform_name(x) for x in p.platforms)
            text = f"#{p.outbound_id} · {platforms} · {due}\n{p.text[:160]}"
            if own:
                text += "\n" + self.tr("(yours: a colleague must approve it)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (p.outbound_id, own))
            self.approvals.addItem(item)
        self.tabs.setTabText(1, self.tr("Approvals ({n})").format(n=len(pending)) if pending else self.tr("Approvals"))
        self.delivery_rows = deliveries
        self.deliveries.setRowCount(len(deliveries))
        unconfirmed = 0
        for row, d in enumerate(deliveries):
            account = QTableWidgetItem(platform_icon(d.platform), d.handle)
            if d.state is DeliveryState.UNCONFIRMED:
                unconfirmed += 1
                state = QTableWidgetItem(self.tr("Check before re-sending"))
                state.setForeground(Qt.GlobalColor.darkYellow)
                state.setToolTip(d.error_message or "")
            else:
                state = QTableWidgetItem(d.state.value.replace("_", " "))
                if d.state is DeliveryState.FAILED:
                    state.setForeground(Qt.GlobalColor.red)
                    state.setToolTip(d.error_message or "")
            self.deliveries.setItem(row, 0, account)
            self.deliveries.setItem(row, 1, state)
            self.deliveries.setItem(row, 2, QTableWidgetItem(d.text.replace("\n", " ")[:120]))
            self.deliveries.setItem(row, 3, QTableWidgetItem(d.url or d.error_message or ""))
        self.tabs.setTabText(
            2, self.tr("Deliveries ({n} to check)").format(n=unconfirmed) if unconfirmed else self.tr("Deliveries")
        )
        self._approval_selected()
        self._delivery_selected()

    # typing -------------------------------------------------------------------------------------------

    def lang(self) -> str | None:
        """The language tag chosen (None: not set)."""
        code = self.language.currentData()
        return str(code) if code else None

    def _check_main(self, text: str) -> GuardResult:
        return self.desk.check(text, self.lang())

    def text_for(self, target: Target) -> str:
        """The text that goes to ``target``: its own variant, or the main text."""
        card = self.cards.get(target.account_id)
        own = card.own_text() if card is not None else ""
        return own if own.strip() else self.editor.toPlainText()

    def on_targets_changed(self) -> None:
        """Counters and variant cards follow the accounts ticked."""
        chosen = [a for a in self.accounts if self.account_boxes[a.id].isChecked()]
        self.targets = [Target(a.id, a.platform, a.handle, self.desk.account_capabilities(a)) for a in chosen]
        self.counters.set_targets(self.targets)
        for account_id in list(self.cards):
            if account_id not in {t.account_id for t in self.targets}:
                card = self.cards.pop(account_id)
                self.cards_layout.removeWidget(card)
                card.hide()
                card.deleteLater()
        for n, t in enumerate(self.targets):
            if t.account_id not in self.cards:
                card = VariantCard(t)
                card.variant.textChanged.connect(self.on_text_changed)
                self.cards[t.account_id] = card
            self.cards_layout.insertWidget(n, self.cards[t.account_id])
        cw = [t for t in self.targets if t.caps.content_warning]
        self.content_warning.setEnabled(bool(cw))
        self.content_warning.setToolTip(
            self.tr("Shown by: {platforms}").format(platforms=", ".join(platform_name(t.platform) for t in cw))
            if cw
            else self.tr("None of the chosen platforms has content warnings.")
        )
        # Only settings every chosen platform enforces can be picked; "Everyone" is every platform's default.
        allowed = {ReplyPolicy.EVERYONE.value}
        limiting = [t for t in self.targets if t.caps.reply_policies]
        if self.targets and len(limiting) == len(self.targets):
            common = set.intersection(*({p.value for p in t.caps.reply_policies} for t in self.targets))
            allowed |= common
        model = self.reply_policy.model()
        for row in range(self.reply_policy.count()):
            item = model.item(row) if hasattr(model, "item") else None
            if item is not None:
                item.setEnabled(self.reply_policy.itemData(row) in allowed)
        if self.reply_policy.currentData() not in allowed:
            self.reply_policy.setCurrentIndex(0)
        self.reply_policy.setEnabled(len(allowed) > 1)
        self.on_text_changed()

    def update_counters(self) -> dict[int, TextCount]:
        """Count every target's text as its platform does (run on every keystroke)."""
        counts = count_all(self.targets, self.text_for)
        self.counters.update_counts(counts)
        for t in self.targets:
            card = self.cards[t.account_id]
            c = counts[t.account_id]
            set_counter(card.counter, describe(c, t.caps), over=not c.fits)
        return counts

    def on_text_changed(self) -> None:
        """A keystroke: counters now, guard and previews after a pause."""
        self.update_counters()
        self.preview_timer.start()
        self.editor.timer.start()
        self.update_state()

    def refresh_previews(self) -> None:
        """Each platform's text as it will go out (numbered parts when split)."""
        for t in self.targets:
            text = self.text_for(t)
            card = self.cards[t.account_id]
            if self.thread_box.isChecked() and t.caps.threads and text.strip():
                try:
                    parts = split_thread(text, t.caps)
                except ValueError as exc:
                    card.preview.setText(str(exc))
                    continue
                card.preview.setText("\n\n".join(parts))
            else:
                card.preview.setText(text)

    def run_guard_now(self) -> None:
        """Check the main text and every variant now (the debounce timer calls the main one)."""
        self.editor.run_guard()

    def on_guard_checked(self) -> None:
        """The guard ran on the main text: check variants too, list the findings, update Submit."""
        results: dict[int | None, GuardResult] = {}
        if self.editor.result is not None:
            results[None] = self.editor.result
        for t in self.targets:
            own = self.cards[t.account_id].own_text()
            if own.strip():
                results[t.account_id] = self.desk.check(own, self.lang())
        self.guard_results = results
        lines = []
        for key, result in results.items():
            where = "" if key is None else f"{self.cards[key].target.handle}: "
            for hit in result.hits:
                prefix = "⛔ " if hit.blocking else "⚠ "
                lines.append(prefix + where + hit_label(hit))
        self.findings.setText("\n".join(lines))
        self.refresh_previews()
        self.update_state()

    def blocking_hits(self) -> list[Any]:
        """Guard findings that would stop sending and are not waived."""
        return [
            h for r in self.guard_results.values() for h in r.blocking_hits if h.fingerprint not in set(self.waived)
        ]

    def problems(self) -> list[str]:
        """Why Submit is not possible right now (empty when it is)."""
        out: list[str] = []
        if not self.targets:
            out.append(self.tr("Choose at least one account."))
        if not self.editor.toPlainText().strip() and not any(c.own_text().strip() for c in self.cards.values()):
            out.append(self.tr("Write the post."))
        for t, c in zip(self.targets, (self.counters.counts.get(t.account_id) for t in self.targets), strict=True):
            if c is not None and not c.fits and not (self.thread_box.isChecked() and t.caps.threads):
                out.append(
                    self.tr("Too long for {platform} ({length}/{limit}): shorten it or split it into a thread.").format(
                        platform=platform_name(t.platform), length=c.length, limit=c.limit
                    )
                )
        if self.editor.timer.isActive():
            out.append(self.tr("Checking the text…"))
        if self.blocking_hits():
            out.append(self.tr("The privacy guard found what could identify a person (underlined)."))
        out += self.photos.problems()
        return out

    def update_state(self) -> None:
        """Enable Submit only when the post can go; offer Override to supervisors when the guard blocks."""
        problems = self.problems()
        self.submit_button.setEnabled(not problems)
        self.submit_button.setToolTip("\n".join(problems))
        blocked = bool(self.blocking_hits())
        self.override_button.setVisible(blocked and self.identity.can(Action.OVERRIDE_GUARD))

    # actions ------------------------------------------------------------------------------------------

    def override(self) -> None:
        """A supervisor waives the current findings with a reason."""
        hits = self.blocking_hits()
        if not hits:
            return
        reason = self.ask_override(hits)
        if reason is None:
            return
        self.waived = tuple(sorted(set(self.waived) | {h.fingerprint for h in hits}))
        self.override_reason = reason
        self.result.setText(self.tr("Override ready: {n} finding(s) will be published as written.").format(n=len(hits)))
        self.update_state()

    def schedule_choice(self) -> str:
        """Now, at a time, or the queue."""
        if self.when_at.isChecked():
            return Schedule.AT
        if self.when_queue.isChecked():
            return Schedule.QUEUE
        return Schedule.NOW

    def chosen_time(self) -> datetime:
        """The date-time field as an aware UTC time."""
        return datetime.fromtimestamp(self.due.dateTime().toSecsSinceEpoch(), UTC)

    def submit(self) -> None:
        """Save the post (and its photos), then schedule it or send it for approval."""
        self.run_guard_now()
        problems = self.problems()
        if problems:
            self.message.setText("\n".join(problems))
            return
        self.message.setText("")
        account_ids = tuple(t.account_id for t in self.targets)
        main = self.editor.toPlainText()
        variants = {t.account_id: self.text_for(t) for t in self.targets if self.text_for(t) != main}
        cw = self.content_warning.text().strip() if self.content_warning.isEnabled() else ""
        policy_value = self.reply_policy.currentData()
        reply_policy = ReplyPolicy(policy_value) if policy_value != ReplyPolicy.EVERYONE.value else None
        choice = self.schedule_choice()
        fixed_due = self.chosen_time() if choice == Schedule.AT else None
        photos = self.photos.ready()
        thread = self.thread_box.isChecked()
        urgent = self.urgent_box.isChecked()
        lang = self.lang()
        campaign = self.campaign.currentData()
        waived, reason, replacing = self.waived, self.override_reason, self.replacing
        desk, by = self.desk, self.identity

        def work() -> SubmitOutcome:
            media = store_photos(desk.media, photos)
            due = (
                desk.planning.next_free_slot(account_ids, exclude=replacing) if choice == Schedule.QUEUE else fixed_due
            )
            draft = Draft(
                main if main.strip() else next(iter(variants.values()), main),
                account_ids,
                due,
                variants,
                lang,
                cw or None,
                int(campaign) if campaign is not None else None,
                media=media,
                reply_policy=reply_policy,
                urgent=urgent,
                replaces=replacing,
            )
            ids = desk.publishing.create_thread(by, draft) if thread else [desk.publishing.create(by, draft)]
            try:
                states = [
                    desk.publishing.submit(by, oid, waived=waived, override_reason=reason if waived else None)
                    for oid in ids
                ]
            except Exception:
                for oid in ids:  # nothing half-queued: the text is still in the editor
                    desk.publishing.cancel(by, oid)
                raise
            if replacing is not None:
                desk.publishing.cancel(by, replacing)
            return SubmitOutcome(tuple(ids), states[0], due)

        self.submit_button.setEnabled(False)
        self.runner.run_serial(work, on_done=self._submitted, on_error=self._submit_failed, name="compose: submit")

    def _submitted(self, outcome: SubmitOutcome) -> None:
        self.last_outcome = outcome
        n = len(self.targets)
        if outcome.state is OutboundState.SCHEDULED:
            when = (
                outcome.due_at.astimezone().strftime("%a %d %b %H:%M") if outcome.due_at is not None else self.tr("now")
            )
            text = self.tr("Scheduled for {when} on {n} account(s).").format(when=when, n=n)
        else:
            text = self.tr("Sent for approval: a press officer or supervisor must approve it before it goes out.")
        if len(outcome.outbound_ids) > 1:
            text += " " + self.tr("({parts} posts in the thread.)").format(parts=len(outcome.outbound_ids))
        self.result.setText(text)
        self.services.bridge.info(text)
        self.clear()
        self.reload_lists()

    def _submit_failed(self, exc: BaseException) -> bool:
        message = message_for(exc)
        if message is None:
            self.update_state()
            return False
        self.message.setText(translate_message(message))
        if isinstance(exc, GuardBlocked):
            self.editor.set_hits([h for h in exc.hits if hasattr(h, "start")])
        self.update_state()
        return isinstance(exc, DeskError)  # shown here; no second toast

    def clear(self) -> None:
        """Start a fresh post (accounts stay ticked)."""
        self.editor.clear()
        for card in self.cards.values():
            card.variant.clear()
        self.content_warning.clear()
        self.reply_policy.setCurrentIndex(0)
        self.thread_box.setChecked(False)
        self.urgent_box.setChecked(False)
        self.photos.clear()
        self.waived = ()
        self.override_reason = None
        self.replacing = None
        self.replacing_note.hide()
        self.run_guard_now()

    def open_post(self, outbound_id: int) -> None:
        """Load a planned post into the composer; submitting replaces it."""

        def load() -> tuple[Draft, OutboundState]:
            return self.desk.publishing.draft_of(outbound_id)

        def loaded(result: tuple[Draft, OutboundState]) -> None:
            draft, state = result
            self.editor.setPlainText(draft.text)
            for account_id, box in self.account_boxes.items():
                box.setChecked(account_id in draft.account_ids)
            for account_id, text in draft.variants.items():
                if account_id in self.cards:
                    self.cards[account_id].variant.setPlainText(text)
            self.language.setCurrentIndex(max(0, self.language.findData(draft.lang or "")))
            self.content_warning.setText(draft.content_warning or "")
            self.urgent_box.setChecked(draft.urgent)
            if draft.reply_policy is not None:
                self.reply_policy.setCurrentIndex(max(0, self.reply_policy.findData(draft.reply_policy.value)))
            if draft.due_at is not None:
                self.due.setDateTime(QDateTime.fromSecsSinceEpoch(int(draft.due_at.timestamp())))
                self.when_at.setChecked(True)
            if draft.campaign_id is not None:
                self.campaign.setCurrentIndex(max(0, self.campaign.findData(draft.campaign_id)))
            live = state in (
                OutboundState.DRAFT,
                OutboundState.AWAITING_APPROVAL,
                OutboundState.SCHEDULED,
                OutboundState.HELD,
            )
            self.replacing = outbound_id if live else None
            self.replacing_note.setText(
                self.tr("Editing post #{id} ({state}): submitting replaces it.").format(
                    id=outbound_id, state=state.value.replace("_", " ")
                )
                if live
                else self.tr("Post #{id} already went out: submitting makes a new post.").format(id=outbound_id)
            )
            self.replacing_note.show()
            self.run_guard_now()

        self.runner.run_serial(load, on_done=loaded, name="compose: open post")

    def _approval_selected(self) -> None:
        item = self.approvals.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        own = bool(data and data[1])
        self.approve_button.setEnabled(data is not None and not own)
        self.reject_button.setEnabled(data is not None)
        self.approve_button.setToolTip(self.tr("Nobody approves their own post: ask a colleague.") if own else "")

    def _selected_approval(self) -> int | None:
        item = self.approvals.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)[0]) if item is not None else None

    def approve_selected(self) -> None:
        """Approve the selected post (the service refuses the author)."""
        oid = self._selected_approval()
        if oid is None:
            return
        self.runner.run_serial(
            self.desk.publishing.approve,
            self.identity,
            oid,
            on_done=lambda _r: self._list_action_done(self.tr("Post #{id} approved and scheduled.").format(id=oid)),
            name="compose: approve",
        )

    def reject_selected(self) -> None:
        """Withdraw the selected post."""
        oid = self._selected_approval()
        if oid is None:
            return
        self.runner.run_serial(
            self.desk.publishing.cancel,
            self.identity,
            oid,
            on_done=lambda _r: self._list_action_done(self.tr("Post #{id} rejected.").format(id=oid)),
            name="compose: reject",
        )

    def _list_action_done(self, text: str) -> None:
        self.services.bridge.info(text)
        self.reload_lists()

    def _selected_delivery(self) -> DeliveryView | None:
        rows = {i.row() for i in self.deliveries.selectedIndexes()}
        if len(rows) != 1:
            return None
        return self.delivery_rows[rows.pop()]

    def _delivery_selected(self) -> None:
        d = self._selected_delivery()
        self.check_button.setEnabled(d is not None and d.state is DeliveryState.UNCONFIRMED)

    def check_selected(self) -> None:
        """Look the unconfirmed post up on its platform (network lane)."""
        d = self._selected_delivery()
        if d is None or d.state is not DeliveryState.UNCONFIRMED:
            return

        def done(state: DeliveryState) -> None:
            if state is DeliveryState.PUBLISHED:
                text = self.tr("It did go out on {platform}: marked as published.")
            else:
                text = self.tr("Not found on {platform}: it will be sent again.")
            self._list_action_done(text.format(platform=platform_name(d.platform)))

        self.check_button.setEnabled(False)
        self.runner.run_parallel(
            lambda: self.desk.publisher().check_unconfirmed(self.identity, d.id),
            on_done=done,
            name="compose: check unconfirmed",
        )


def compose_screen(services: ScreenServices) -> QWidget:
    """The screen factory."""
    return ComposeScreen(services)


def count_for(text: str, targets: Sequence[Target]) -> dict[int, TextCount]:
    """Count ``text`` for every target (benchmarks)."""
    return {t.account_id: count(text, t.caps) for t in targets}
