"""Accounts: the force's platform accounts and their health, connecting them, the quarantine, the allow-list."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.accounts import REAL_BASE_URLS, AccountRecord, AccountService, remember_capabilities
from desk.allowlist import AllowListService
from desk.errors import ValidationFailed
from desk.inbox import InboxService
from desk.ports import (
    AccountProfile,
    AuthExpired,
    Capabilities,
    ConnectorError,
    Platform,
    RateLimited,
    Rejected,
    Transient,
)
from desk.redaction import AllowEntry, AllowKind
from desk.roles import Action
from desk.storage.models import AccountStatus
from ui.accounts.form import CONTEXT, CREDENTIAL_FIELDS, PLATFORM_NAMES, ConnectRequest, check_request, verify_account
from ui.i18n import QT_TRANSLATE_NOOP, translate_message
from ui.messages import message_for
from ui.screens import ScreenServices
from ui.widgets.platforms import platform_pixmap

STATUS_LABELS = {
    AccountStatus.CONNECTED: QT_TRANSLATE_NOOP("AccountStatus", "connected"),
    AccountStatus.NEEDS_RECONNECT: QT_TRANSLATE_NOOP("AccountStatus", "needs reconnecting"),
    AccountStatus.RATE_LIMITED: QT_TRANSLATE_NOOP("AccountStatus", "rate limited"),
    AccountStatus.SUSPENDED: QT_TRANSLATE_NOOP("AccountStatus", "suspended by the platform"),
    AccountStatus.DISABLED: QT_TRANSLATE_NOOP("AccountStatus", "disabled"),
}
STATUS_COLOURS = {
    AccountStatus.CONNECTED: "#1a7f37",
    AccountStatus.NEEDS_RECONNECT: "#b42318",
    AccountStatus.RATE_LIMITED: "#9a6700",
    AccountStatus.SUSPENDED: "#b42318",
    AccountStatus.DISABLED: "#57606a",
}


def status_text(account: AccountRecord) -> str:
    """The status in words, with the platform's detail when there is one."""
    label = QCoreApplication.translate("AccountStatus", STATUS_LABELS[account.status])
    return f"{label}: {account.status_detail}" if account.status_detail else label


def failure_text(exc: BaseException) -> str | None:
    """The failure in the interface language with what to do next; None for a bug."""
    if isinstance(exc, ConnectorError):
        advice = {
            AuthExpired: QCoreApplication.translate(
                "AccountForm", "Check the token or password, or create a new one on the platform, then verify again."
            ),
            RateLimited: QCoreApplication.translate("AccountForm", "The platform asks to wait; try again later."),
            Rejected: QCoreApplication.translate("AccountForm", "Correct what the platform names and verify again."),
            Transient: QCoreApplication.translate(
                "AccountForm", "Check the server address and the network, then verify again."
            ),
        }
        extra = next((text for cls, text in advice.items() if isinstance(exc, cls)), "")
        said = exc.message.strip()
        if said and said[-1] not in ".!?":
            said += "."
        return f"{said} {extra}".strip()
    message = message_for(exc)
    return None if message is None else translate_message(message)


class ConnectDialog(QDialog):
    """Connect (or reconnect) one account: platform, handle, server, credentials; verify, then save."""

    def __init__(self, services: ScreenServices, account: AccountRecord | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.services = services
        self.setObjectName("connectDialog")
        self.setWindowTitle(self.tr("Reconnect an account") if account else self.tr("Connect an account"))
        self.setMinimumWidth(480)
        self.verified: AccountProfile | None = None
        self.verified_capabilities: Capabilities | None = None
        self.saved: AccountRecord | None = None
        self._verified_request: ConnectRequest | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.platform = QComboBox(self)
        for platform in Platform:
            self.platform.addItem(QIcon(platform_pixmap(platform.value, 16)), PLATFORM_NAMES[platform], platform.value)
        self.handle = QLineEdit(self)
        self.handle.setPlaceholderText(self.tr("e.g. @helsinkipolice or police@mastodon.social"))
        self.display_name = QLineEdit(self)
        self.base_url = QLineEdit(self)
        self.base_url.setToolTip(self.tr("Change it for a self-hosted Mastodon server or a Bluesky PDS."))
        form.addRow(self.tr("Platform"), self.platform)
        form.addRow(self.tr("Handle"), self.handle)
        form.addRow(self.tr("Display name"), self.display_name)
        form.addRow(self.tr("Server address"), self.base_url)
        layout.addLayout(form)
        # One form for both parts keeps the labels and fields aligned; credential rows follow the fixed ones.
        self.credentials_form = form
        self._fixed_rows = form.rowCount()
        self.fields: dict[str, QLineEdit] = {}
        self.feedback = QLabel(self)
        self.feedback.setObjectName("connectFeedback")
        self.feedback.setWordWrap(True)
        self.feedback.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.feedback)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.verify_button = QPushButton(self.tr("Verify"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setEnabled(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        for button in (self.verify_button, self.save_button, self.cancel_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.platform.currentIndexChanged.connect(self._platform_changed)
        self.verify_button.clicked.connect(self.verify)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        self._platform_changed()
        for edit in (self.handle, self.display_name, self.base_url):
            edit.textEdited.connect(self._changed)
        if account is not None:
            self.platform.setCurrentIndex(self.platform.findData(account.platform.value))
            self.platform.setEnabled(False)
            self.handle.setText(account.handle)
            self.handle.setReadOnly(True)
            self.display_name.setText(account.display_name)
            self.base_url.setText(account.base_url)

    def current_platform(self) -> Platform:
        """The platform chosen."""
        return Platform(str(self.platform.currentData()))

    def _platform_changed(self) -> None:
        platform = self.current_platform()
        self.base_url.setText(REAL_BASE_URLS[platform])
        while self.credentials_form.rowCount() > self._fixed_rows:
            self.credentials_form.removeRow(self._fixed_rows)
        self.fields = {}
        for spec in CREDENTIAL_FIELDS[platform]:
            edit = QLineEdit(self)
            edit.setObjectName(f"credential_{spec.key}")
            if spec.secret:
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.textEdited.connect(self._changed)
            self.credentials_form.addRow(QCoreApplication.translate(CONTEXT, spec.label), edit)
            self.fields[spec.key] = edit
        self._changed()

    def _changed(self) -> None:
        # Anything edited after a verify must be verified again before it is saved.
        self.verified = None
        self.verified_capabilities = None
        self._verified_request = None
        self.save_button.setEnabled(False)

    def _show(self, text: str, ok: bool) -> None:
        self.feedback.setProperty("ok", ok)
        self.feedback.setStyleSheet(f"color: {'#1a7f37' if ok else '#b42318'};")
        self.feedback.setText(text)

    def request(self) -> ConnectRequest:
        """The form as a checked request; raises :class:`ValidationFailed`."""
        return check_request(
            self.current_platform(),
            self.handle.text(),
            self.display_name.text(),
            self.base_url.text(),
            {key: edit.text() for key, edit in self.fields.items()},
        )

    def verify(self) -> None:
        """Check the form, then ask the platform who the account is (network lane)."""
        try:
            request = self.request()
        except ValidationFailed as exc:
            self._show(translate_message(exc.message), False)
            return
        self._changed()
        self.verify_button.setEnabled(False)
        self._show(self.tr("Asking {platform}…").replace("{platform}", PLATFORM_NAMES[request.platform]), True)

        def done(result: tuple[AccountProfile, Capabilities]) -> None:
            profile, self.verified_capabilities = result
            self.verify_button.setEnabled(True)
            self.verified = profile
            self._verified_request = request
            if not self.display_name.text().strip():
                self.display_name.setText(profile.display_name)
            self._show(
                self.tr("Verified: this is {name} ({handle}). Save to connect it.")
                .replace("{name}", profile.display_name)
                .replace("{handle}", profile.handle),
                True,
            )
            self.save_button.setEnabled(True)

        def failed(exc: BaseException) -> bool:
            self.verify_button.setEnabled(True)
            text = failure_text(exc)
            if text is None:
                return False
            self._show(text, False)
            return True

        self.services.runner.run_parallel(
            verify_account, request, self.services.ctx.clock, on_done=done, on_error=failed, name="accounts.verify"
        )

    def save(self) -> None:
        """Store the verified account; the credentials go to the keyring (database lane)."""
        request, profile = self._verified_request, self.verified
        if request is None or profile is None:
            self._show(self.tr("Verify the account first."), False)
            return
        self.save_button.setEnabled(False)
        service = AccountService(self.services.ctx)
        learnt = self.verified_capabilities

        def connect(*args: Any) -> AccountRecord:
            record = service.connect(*args)
            if learnt is not None:
                # The composer counts and validates with what this account's server reported.
                remember_capabilities(self.services.ctx, record.id, learnt)
            return record

        def done(record: AccountRecord) -> None:
            self.saved = record
            self.services.bridge.info(
                self.tr("{handle} on {platform} is connected.")
                .replace("{handle}", record.handle)
                .replace("{platform}", PLATFORM_NAMES[record.platform])
            )
            self.accept()

        def failed(exc: BaseException) -> bool:
            self.save_button.setEnabled(True)
            text = failure_text(exc)
            if text is None:
                return False
            self._show(text, False)
            return True

        self.services.runner.run_serial(
            connect,
            self.services.identity,
            request.platform,
            request.handle,
            request.display_name or profile.display_name,
            request.base_url,
            dict(request.credentials),
            profile.platform_account_id,
            on_done=done,
            on_error=failed,
            name="accounts.connect",
        )


class AccountsScreen(QWidget):
    """The accounts list (read-only for officers), the quarantine and the allow-list."""

    def __init__(self, services: ScreenServices) -> None:
        super().__init__()
        self.setObjectName("accountsScreen")
        self.services = services
        self.identity = services.identity
        self.can_manage = self.identity.can(Action.MANAGE_ACCOUNTS)
        self.can_edit_allow_list = self.identity.can(Action.MANAGE_SETTINGS)
        self.accounts = AccountService(services.ctx)
        self.allow = AllowListService(services.ctx)
        self.records: list[AccountRecord] = []
        self.dialog: ConnectDialog | None = None
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        self.tabs.addTab(self._accounts_tab(), self.tr("Accounts"))
        self.quarantine_table: QTableWidget | None = None
        if self.can_manage:
            self.tabs.addTab(self._quarantine_tab(), self.tr("Quarantine"))
        self.tabs.addTab(self._allow_tab(), self.tr("Allow-list"))
        self.refresh()

    # -- accounts ---------------------------------------------------------------------------------

    def _accounts_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        bar = QHBoxLayout()
        self.connect_button = QPushButton(self.tr("Connect an account…"), page)
        self.reconnect_button = QPushButton(self.tr("Reconnect"), page)
        self.reconnect_button.setEnabled(False)
        self.connect_button.setVisible(self.can_manage)
        self.reconnect_button.setVisible(self.can_manage)
        self.connect_button.clicked.connect(lambda: self.open_connect(None))
        self.reconnect_button.clicked.connect(self._reconnect_selected)
        bar.addWidget(self.connect_button)
        bar.addWidget(self.reconnect_button)
        bar.addStretch(1)
        self.summary = QLabel(page)
        self.summary.setObjectName("accountsSummary")
        bar.addWidget(self.summary)
        if not self.can_manage:
            note = QLabel(self.tr("Only administrators connect accounts."), page)
            note.setObjectName("readOnlyNote")
            bar.addWidget(note)
        layout.addLayout(bar)
        self.table = QTableWidget(0, 5, page)
        self.table.setObjectName("accountsTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Platform"), self.tr("Handle"), self.tr("Display name"), self.tr("Server"), self.tr("Status")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.empty = QLabel(self.tr("No accounts yet. An administrator connects them here."), page)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        return page

    def refresh(self) -> None:
        """Reload accounts, quarantine and allow-list (database lane)."""
        self.services.runner.run_serial(self.accounts.list, on_done=self._show_accounts, name="accounts.list")
        if self.can_manage:
            inbox = InboxService(self.services.ctx, None)
            self.services.runner.run_serial(
                inbox.quarantine, self.identity, on_done=self._show_quarantine, name="accounts.quarantine"
            )
        self.refresh_allow_list()

    def _show_accounts(self, records: list[AccountRecord]) -> None:
        self.records = records
        self.table.setRowCount(len(records))
        for row, account in enumerate(records):
            badge = QTableWidgetItem(
                QIcon(platform_pixmap(account.platform.value, 16)), PLATFORM_NAMES[account.platform]
            )
            badge.setData(Qt.ItemDataRole.UserRole, account.id)
            status = QTableWidgetItem(status_text(account))
            status.setForeground(QColor(STATUS_COLOURS[account.status]))
            status.setToolTip(status_text(account))
            for column, item in enumerate(
                (
                    badge,
                    QTableWidgetItem(account.handle),
                    QTableWidgetItem(account.display_name),
                    QTableWidgetItem(account.base_url),
                    status,
                )
            ):
                self.table.setItem(row, column, item)
        self.empty.setVisible(not records)
        attention = sum(1 for a in records if a.status is not AccountStatus.CONNECTED)
        self.summary.setText(
            self.tr("{count} accounts, {attention} need attention")
            .replace("{count}", str(len(records)))
            .replace("{attention}", str(attention))
            if attention
            else self.tr("{count} accounts, all connected").replace("{count}", str(len(records)))
        )
        self._selection_changed()

    def selected(self) -> AccountRecord | None:
        """The account selected in the list."""
        rows = self.table.selectionModel().selectedRows()
        return self.records[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        account = self.selected()
        self.reconnect_button.setEnabled(account is not None and self.can_manage)
        if account is not None and account.status is AccountStatus.NEEDS_RECONNECT:
            self.reconnect_button.setText(self.tr("Reconnect (needed)"))
        else:
            self.reconnect_button.setText(self.tr("Reconnect"))

    def _reconnect_selected(self) -> None:
        account = self.selected()
        if account is not None:
            self.open_connect(account)

    def open_connect(self, account: AccountRecord | None) -> ConnectDialog | None:
        """Open the connect dialog (administrators only)."""
        if not self.can_manage:
            self.services.bridge.error(self.tr("Only administrators connect accounts."))
            return None
        self.dialog = ConnectDialog(self.services, account, self)
        self.dialog.accepted.connect(self.refresh)
        self.dialog.open()
        return self.dialog

    # -- quarantine -------------------------------------------------------------------------------

    def _quarantine_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(self.tr("What a sync received but could not read. The rest of the sync went on."), page)
        )
        self.quarantine_table = QTableWidget(0, 4, page)
        self.quarantine_table.setObjectName("quarantineTable")
        self.quarantine_table.setHorizontalHeaderLabels(
            [self.tr("Received"), self.tr("Account"), self.tr("Reason"), self.tr("Payload")]
        )
        self.quarantine_table.verticalHeader().setVisible(False)
        self.quarantine_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.quarantine_table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.quarantine_table)
        return page

    def _show_quarantine(self, items: list[dict[str, Any]]) -> None:
        table = self.quarantine_table
        assert table is not None
        handles = {a.id: f"{PLATFORM_NAMES[a.platform]} {a.handle}" for a in self.records}
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            raw = item["payload"]
            payload = raw if isinstance(raw, str) else json.dumps(raw, ensure_ascii=False, default=str)
            values = (
                str(item["received_at"])[:19],
                handles.get(item["account_id"], str(item["account_id"])),
                str(item["reason"]),
                payload[:300],
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(payload[:2000] if column == 3 else value)
                table.setItem(row, column, cell)

    # -- allow-list -------------------------------------------------------------------------------

    def _allow_tab(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The force's public numbers and addresses: the privacy guard lets these pass in posts. "
                    "Entries shipped with the desk are shown greyed and cannot be removed."
                ),
                page,
                wordWrap=True,
            )
        )
        self.allow_table = QTableWidget(0, 4, page)
        self.allow_table.setObjectName("allowTable")
        self.allow_table.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Value"), self.tr("Label"), self.tr("Source")]
        )
        self.allow_table.verticalHeader().setVisible(False)
        self.allow_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.allow_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        allow_header = self.allow_table.horizontalHeader()
        for column in (0, 1, 3):
            allow_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        allow_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.allow_table)
        bar = QHBoxLayout()
        self.allow_kind = QComboBox(page)
        for kind, label in (
            (AllowKind.PHONE, self.tr("Phone")),
            (AllowKind.EMAIL, self.tr("E-mail")),
            (AllowKind.ADDRESS, self.tr("Address")),
        ):
            self.allow_kind.addItem(label, kind.value)
        self.allow_value = QLineEdit(page)
        self.allow_value.setPlaceholderText(self.tr("e.g. 0295 419 800"))
        self.allow_label = QLineEdit(page)
        self.allow_label.setPlaceholderText(self.tr("e.g. Switchboard"))
        self.allow_add = QPushButton(self.tr("Add"), page)
        self.allow_remove = QPushButton(self.tr("Remove"), page)
        for widget in (self.allow_kind, self.allow_value, self.allow_label, self.allow_add, self.allow_remove):
            bar.addWidget(widget)
            widget.setVisible(self.can_edit_allow_list)
        layout.addLayout(bar)
        self.allow_feedback = QLabel(page)
        self.allow_feedback.setObjectName("allowFeedback")
        self.allow_feedback.setWordWrap(True)
        layout.addWidget(self.allow_feedback)
        self.allow_add.clicked.connect(self.add_allow_entry)
        self.allow_remove.clicked.connect(self.remove_allow_entry)
        self.allow_own: list[AllowEntry] = []
        return page

    def refresh_allow_list(self) -> None:
        """Reload the force's entries (database lane)."""
        self.services.runner.run_serial(self.allow.entries, on_done=self._show_allow, name="allowlist.entries")

    def _show_allow(self, own: list[AllowEntry]) -> None:
        self.allow_own = own
        shipped = self.allow.shipped()
        self.allow_table.setRowCount(len(own) + len(shipped))
        for row, (entry, mine) in enumerate([(e, True) for e in own] + [(e, False) for e in shipped]):
            values = (
                self.allow_kind.itemText(self.allow_kind.findData(entry.kind.value)),
                entry.value,
                entry.label,
                self.tr("this force") if mine else self.tr("shipped"),
            )
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                if not mine:
                    cell.setForeground(Qt.GlobalColor.gray)
                cell.setData(Qt.ItemDataRole.UserRole, mine)
                self.allow_table.setItem(row, column, cell)

    def add_allow_entry(self) -> None:
        """Add what is typed to the force's allow-list."""
        entry = {
            "kind": str(self.allow_kind.currentData()),
            "value": self.allow_value.text(),
            "label": self.allow_label.text().strip(),
        }

        def done(added: AllowEntry) -> None:
            self.allow_value.clear()
            self.allow_label.clear()
            self.allow_feedback.setStyleSheet("color: #1a7f37;")
            self.allow_feedback.setText(self.tr("{value} is allowed in posts now.").replace("{value}", added.value))
            self.refresh_allow_list()

        self.services.runner.run_serial(
            self.allow.add, self.identity, entry, on_done=done, on_error=self._allow_failed, name="allowlist.add"
        )

    def remove_allow_entry(self) -> None:
        """Remove the selected entry of the force's own."""
        rows = self.allow_table.selectionModel().selectedRows()
        if not rows:
            self._allow_message(self.tr("Select one of this force's entries to remove."))
            return
        row = rows[0].row()
        if row >= len(self.allow_own):
            self._allow_message(self.tr("Entries shipped with the desk cannot be removed."))
            return
        value = self.allow_own[row].value

        def done(_: object) -> None:
            self.allow_feedback.setStyleSheet("color: #1a7f37;")
            self.allow_feedback.setText(self.tr("{value} was removed.").replace("{value}", value))
            self.refresh_allow_list()

        self.services.runner.run_serial(
            self.allow.remove, self.identity, value, on_done=done, on_error=self._allow_failed, name="allowlist.remove"
        )

    def _allow_message(self, text: str) -> None:
        self.allow_feedback.setStyleSheet("color: #b42318;")
        self.allow_feedback.setText(text)

    def _allow_failed(self, exc: BaseException) -> bool:
        text = failure_text(exc)
        if text is None:
            return False
        self._allow_message(text)
        return True


def accounts_screen(services: ScreenServices) -> QWidget:
    """The screen factory."""
    return AccountsScreen(services)


__all__ = ["AccountsScreen", "ConnectDialog", "accounts_screen"]
