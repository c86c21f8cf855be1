"""Audit browser: the chain's verification status first, then a paged, filtered table of entries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.audit import VerifyReport
from desk.errors import PermissionDenied
from desk.reports import AuditPage, AuditQuery, AuditRow, ReportService
from ui.messages import message_for
from ui.screens import ScreenServices

PAGE_SIZE = 100
TIME_PRESETS = ("any", "today", "last7", "last30")
OK_STYLE = "background: #e3f4e8; color: #0f5132; border: 1px solid #7fc79a;"
BROKEN_STYLE = "background: #fde4e1; color: #8a1c12; border: 2px solid #b42318;"
BASE_STYLE = "border-radius: 6px; padding: 10px 14px; font-size: 16px; font-weight: 700;"


class AuditModel(QAbstractTableModel):
    """One page of audit entries, newest first."""

    def __init__(self, zone: ZoneInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.rows: tuple[AuditRow, ...] = ()
        self.headers = [
            self.tr("No."),
            self.tr("When"),
            self.tr("Person"),
            self.tr("Workstation"),
            self.tr("Action"),
            self.tr("Object"),
            self.tr("Id"),
            self.tr("Details"),
        ]

    def set_rows(self, rows: tuple[AuditRow, ...]) -> None:
        """Show ``rows``."""
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Entries on this page."""
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Columns."""
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text (time in station time)."""
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        r = self.rows[index.row()]
        at = r.at if r.at.tzinfo is not None else r.at.replace(tzinfo=UTC)
        cells = (
            str(r.seq),
            at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S"),
            r.actor,
            r.workstation,
            r.action,
            r.object_type,
            r.object_id,
            r.summary,
        )
        return cells[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


class AuditScreen(QWidget):
    """The audit log for supervisors and administrators; others see the service's refusal."""

    def __init__(self, services: ScreenServices, service: ReportService | None = None) -> None:
        super().__init__()
        self.setObjectName("auditScreen")
        self.services = services
        self.identity = services.identity
        self.runner = services.runner
        self.zone = ZoneInfo(services.settings.station.timezone)
        self.service = service or ReportService(services.ctx)
        self.offset = 0
        self.page: AuditPage | None = None
        self.report: VerifyReport | None = None
        self.refused = False
        self.ask_path: Callable[[], Path | None] = self._ask_path
        self._build()
        self.verify()
        self.reload()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        heading = QLabel(self.tr("Audit"), self)
        heading.setStyleSheet("font-size: 20px; font-weight: 700;")
        outer.addWidget(heading)

        status_row = QHBoxLayout()
        self.status = QLabel(self.tr("Checking the audit chain…"), self)
        self.status.setObjectName("auditStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(BASE_STYLE + "border: 1px solid palette(mid);")
        self.verify_button = QPushButton(self.tr("Verify now"), self)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.verify_button)
        outer.addLayout(status_row)

        filters = QHBoxLayout()
        self.person = QLineEdit(self)
        self.person.setPlaceholderText(self.tr("Person (user name)"))
        self.action = QLineEdit(self)
        self.action.setPlaceholderText(self.tr("Action (report.*)"))
        self.object_type = QLineEdit(self)
        self.object_type.setPlaceholderText(self.tr("Object type"))
        self.object_id = QLineEdit(self)
        self.object_id.setPlaceholderText(self.tr("Object id"))
        self.when = QComboBox(self)
        for key, label in zip(
            TIME_PRESETS,
            (self.tr("Any time"), self.tr("Today"), self.tr("Last 7 days"), self.tr("Last 30 days")),
            strict=True,
        ):
            self.when.addItem(label, key)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        for w in (self.person, self.action, self.object_type, self.object_id, self.when, self.apply_button):
            filters.addWidget(w)
        filters.addStretch(1)
        filters.addWidget(self.export_button)
        outer.addLayout(filters)

        self.model = AuditModel(self.zone, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        outer.addWidget(self.table, 1)

        pager = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("‹ Newer"), self)
        self.next_button = QPushButton(self.tr("Older ›"), self)
        self.position = QLabel(self)
        pager.addWidget(self.position, 1)
        pager.addWidget(self.previous_button)
        pager.addWidget(self.next_button)
        outer.addLayout(pager)

        self.verify_button.clicked.connect(self.verify)
        self.apply_button.clicked.connect(self.apply_filters)
        for edit in (self.person, self.action, self.object_type, self.object_id):
            edit.returnPressed.connect(self.apply_filters)
        self.when.currentIndexChanged.connect(self.apply_filters)
        self.previous_button.clicked.connect(lambda: self.go(self.offset - PAGE_SIZE))
        self.next_button.clicked.connect(lambda: self.go(self.offset + PAGE_SIZE))
        self.export_button.clicked.connect(self.export)
        self._update_pager()

    # --- queries ------------------------------------------------------------------------------------

    def query(self) -> AuditQuery:
        """The filters as chosen."""
        start = None
        preset = self.when.currentData()
        if preset != "any":
            today = self.services.ctx.clock.now().astimezone(self.zone).date()
            days = {"today": 0, "last7": 6, "last30": 29}[str(preset)]
            start = datetime.combine(today - timedelta(days=days), time(0), self.zone).astimezone(UTC)
        action = self.action.text().strip()
        return AuditQuery(
            actor=self.person.text().strip() or None,
            action=action or None,
            object_type=self.object_type.text().strip() or None,
            object_id=self.object_id.text().strip() or None,
            start=start,
        )

    def verify(self) -> None:
        """Check the whole chain on the database lane."""
        if self.refused:
            return
        self.verify_button.setEnabled(False)
        self.runner.run_serial(
            self.service.audit_status,
            self.identity,
            on_done=self.show_status,
            on_error=self._failed,
            name="audit.verify",
        )

    def show_status(self, report: VerifyReport) -> None:
        """OK with the count, or BROKEN naming the first bad entry."""
        self.report = report
        self.verify_button.setEnabled(True)
        if report.problem is None:
            self.status.setText(self.tr("OK: {count} audit entries, chain intact").format(count=report.entries))
            self.status.setStyleSheet(BASE_STYLE + OK_STYLE)
        else:
            where = (
                self.tr(" (entry no. {seq})").format(seq=report.problem.seq) if report.problem.seq is not None else ""
            )
            self.status.setText(self.tr("BROKEN{where}: {problem}").format(where=where, problem=report.problem.message))
            self.status.setStyleSheet(BASE_STYLE + BROKEN_STYLE)

    def apply_filters(self) -> None:
        """Back to the first page with the current filters."""
        self.go(0)

    def go(self, offset: int) -> None:
        """Show the page starting at ``offset``."""
        self.offset = max(0, offset)
        self.reload()

    def reload(self) -> None:
        """Fetch the current page on the database lane."""
        if self.refused:
            return
        self.runner.run_serial(
            self.service.audit_page,
            self.identity,
            self.query(),
            self.offset,
            PAGE_SIZE,
            on_done=self.show_page,
            on_error=self._failed,
            name="audit.page",
        )

    def show_page(self, page: AuditPage) -> None:
        """Show one page of entries."""
        self.page = page
        self.model.set_rows(page.rows)
        self._update_pager()

    def _update_pager(self) -> None:
        page = self.page
        if page is None or page.total == 0:
            self.position.setText(self.tr("No matching entries") if page is not None else "")
            self.previous_button.setEnabled(False)
            self.next_button.setEnabled(False)
            return
        self.position.setText(
            self.tr("Entries {first}–{last} of {total}, newest first").format(
                first=page.offset + 1, last=page.offset + len(page.rows), total=page.total
            )
        )
        self.previous_button.setEnabled(page.offset > 0)
        self.next_button.setEnabled(page.offset + len(page.rows) < page.total)

    def _failed(self, exc: BaseException) -> bool:
        if isinstance(exc, PermissionDenied):
            self.refuse(exc)
            return True
        self.verify_button.setEnabled(not self.refused)
        return False

    def refuse(self, exc: BaseException) -> None:
        """Show the service's refusal in place of the log."""
        if self.refused:
            return
        self.refused = True
        message = message_for(exc)
        self.status.setText(
            self.tr("You cannot see the audit log: {reason}").format(reason=message.english() if message else str(exc))
        )
        self.status.setStyleSheet(BASE_STYLE + "border: 1px solid palette(mid);")
        for w in (
            self.verify_button,
            self.export_button,
            self.apply_button,
            self.table,
            self.previous_button,
            self.next_button,
        ):
            w.setEnabled(False)
        self.table.hide()

    # --- export -------------------------------------------------------------------------------------

    def _ask_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the audit log"), "audit.csv", self.tr("CSV files (*.csv)")
        )
        return Path(name) if name else None

    def export(self) -> None:
        """Export the matching entries (with their hashes) through the service, which audits it."""
        path = self.ask_path()
        if path is None:
            return
        self.runner.run_serial(
            self.service.export_audit,
            self.identity,
            self.query(),
            path,
            on_done=lambda n: self._exported(path, n),
            on_error=self._failed,
            name="audit.export",
        )

    def _exported(self, path: Path, count: int) -> None:
        self.services.bridge.info(
            self.tr("Audit log exported: {count} entries to {name}").format(count=count, name=path.name)
        )
        self.reload()
        self.verify()


def audit_screen(services: ScreenServices) -> QWidget:
    """Factory for the screen registry."""
    return AuditScreen(services)
