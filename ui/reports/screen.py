"""Reports: pick a range and filters, build on the database lane, read each section's chart beside its table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.errors import PermissionDenied
from desk.reports import Choices, ReportBundle, ReportFilter, ReportService, load_choices, scope_for
from ui.messages import message_for
from ui.reports.charts import TableModel, chart_view
from ui.reports.pdf import write_pdf
from ui.reports.sections import Section, build_sections, note_texts
from ui.screens import ScreenServices

PRESETS = ("today", "last7", "month", "custom")


def preset_range(preset: str, today: date, first: date, last: date) -> tuple[date, date]:
    """The first and last day (inclusive) of a preset; ``first``/``last`` are the custom days."""
    if preset == "today":
        return today, today
    if preset == "last7":
        return today - timedelta(days=6), today
    if preset == "month":
        following = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return today.replace(day=1), following - timedelta(days=1)
    return first, last


class ReportsScreen(QWidget):
    """The supervisor's report: range, filters, sections of charts and tables, notes, CSV and PDF."""

    def __init__(self, services: ScreenServices, service: ReportService | None = None) -> None:
        super().__init__()
        self.setObjectName("reportsScreen")
        self.services = services
        self.identity = services.identity
        self.runner = services.runner
        self.zone = ZoneInfo(services.settings.station.timezone)
        self.service = service or ReportService(services.ctx)
        self.bundle: ReportBundle | None = None
        self.sections: list[Section] = []
        self.ask_folder: Callable[[], Path | None] = self._ask_folder
        self.ask_pdf_path: Callable[[], Path | None] = self._ask_pdf_path
        self.last_exports: list[Path] = []
        self._build()
        try:
            self.scope = scope_for(self.identity)
        except PermissionDenied as exc:
            self._refuse(exc)
            return
        own = self.scope.kind == "own"
        self.team.setEnabled(not own)
        self.officer.setEnabled(not own)
        self.runner.run_serial(load_choices, services.ctx, on_done=self._fill_choices, name="reports.choices")
        self.refresh()

    # --- layout -----------------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        heading = QLabel(self.tr("Reports"), self)
        heading.setStyleSheet("font-size: 20px; font-weight: 700;")
        outer.addWidget(heading)

        bar = QHBoxLayout()
        self.preset = QComboBox(self)
        for key, label in zip(
            PRESETS, (self.tr("Today"), self.tr("Last 7 days"), self.tr("This month"), self.tr("Custom")), strict=True
        ):
            self.preset.addItem(label, key)
        self.preset.setCurrentIndex(1)
        self.first = QDateEdit(self)
        self.last = QDateEdit(self)
        today = self.today()
        for edit, day in ((self.first, today - timedelta(days=6)), (self.last, today)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.platform = QComboBox(self)
        self.account = QComboBox(self)
        self.team = QComboBox(self)
        self.officer = QComboBox(self)
        for box, label in (
            (self.platform, self.tr("All platforms")),
            (self.account, self.tr("All accounts")),
            (self.team, self.tr("All teams")),
            (self.officer, self.tr("All officers")),
        ):
            box.addItem(label, None)
            box.setMinimumContentsLength(10)
        self.build_button = QPushButton(self.tr("Build report"), self)
        self.build_button.setDefault(True)
        self.csv_button = QPushButton(self.tr("Export CSV…"), self)
        self.pdf_button = QPushButton(self.tr("Export PDF…"), self)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        bar.addWidget(QLabel(self.tr("Range"), self))
        for w in (self.preset, self.first, QLabel("–", self), self.last, self.build_button, self.busy):
            bar.addWidget(w)
        bar.addStretch(1)
        for w3 in (self.csv_button, self.pdf_button):
            bar.addWidget(w3)
        outer.addLayout(bar)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Filters"), self))
        for w2 in (self.platform, self.account, self.team, self.officer):
            filters.addWidget(w2)
        filters.addStretch(1)
        outer.addLayout(filters)

        self.summary = QLabel(self)
        self.summary.setObjectName("reportSummary")
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        outer.addWidget(self.summary)
        self.notes = QLabel(self)
        self.notes.setObjectName("reportNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(
            "background: #fff4d6; color: #5c3d00; border: 1px solid #e8c36a; border-radius: 4px; padding: 6px 10px;"
        )
        self.notes.hide()
        outer.addWidget(self.notes)
        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs, 1)

        self.preset.currentIndexChanged.connect(self._preset_changed)
        self.build_button.clicked.connect(self.refresh)
        self.csv_button.clicked.connect(self.export_csv)
        self.pdf_button.clicked.connect(self.export_pdf)
        self._preset_changed()
        self._set_exports_enabled(False)

    def _refuse(self, exc: BaseException) -> None:
        message = message_for(exc)
        self.tabs.hide()
        for w in (self.build_button, self.csv_button, self.pdf_button, self.preset):
            w.setEnabled(False)
        self.notes.setText(
            self.tr("You cannot see reports: {reason}").format(reason=message.english() if message else str(exc))
        )
        self.notes.show()

    def _fill_choices(self, choices: Choices) -> None:
        for p in choices.platforms:
            self.platform.addItem(p, p)
        for account_id, label in choices.accounts:
            self.account.addItem(label, account_id)
        for t in choices.teams:
            self.team.addItem(t, t)
        for user_id, name in choices.officers:
            self.officer.addItem(name, user_id)

    def _preset_changed(self) -> None:
        custom = self.preset.currentData() == "custom"
        self.first.setEnabled(custom)
        self.last.setEnabled(custom)

    def _set_exports_enabled(self, enabled: bool) -> None:
        self.csv_button.setEnabled(enabled)
        self.pdf_button.setEnabled(enabled)

    # --- building -----------------------------------------------------------------------------------

    def today(self) -> date:
        """Today at the station."""
        return self.services.ctx.clock.now().astimezone(self.zone).date()

    def set_range(self, first: date, last: date) -> None:
        """Choose a custom range of whole days (station time), inclusive."""
        self.preset.setCurrentIndex(PRESETS.index("custom"))
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))

    def current_filter(self) -> ReportFilter:
        """The range and filters as chosen, in UTC; the end is the midnight after the last day."""
        first, last = preset_range(
            str(self.preset.currentData()), self.today(), _as_date(self.first.date()), _as_date(self.last.date())
        )
        start = datetime.combine(first, time(0), self.zone).astimezone(UTC)
        end = datetime.combine(last + timedelta(days=1), time(0), self.zone).astimezone(UTC)
        return ReportFilter(
            start,
            end,
            platform=self.platform.currentData(),
            account_id=self.account.currentData(),
            team=self.team.currentData(),
            officer_id=self.officer.currentData(),
        )

    def refresh(self) -> None:
        """Build the report for the chosen range and filters on the database lane."""
        f = self.current_filter()
        self.busy.show()
        self.build_button.setEnabled(False)
        # the screen's zone for the hours too, so the range, the hours and the times agree
        self.runner.run_serial(
            partial(self.service.build, timezone=self.services.settings.station.timezone),
            self.identity,
            f,
            on_done=self.show_bundle,
            on_error=self._build_failed,
            name="reports.build",
        )

    def _build_failed(self, exc: BaseException) -> bool:
        self.busy.hide()
        self.build_button.setEnabled(True)
        if isinstance(exc, PermissionDenied):
            self._refuse(exc)
            return True
        return False

    def show_bundle(self, bundle: ReportBundle) -> None:
        """Show ``bundle``: notes, then one tab per section with its charts beside its tables."""
        self.busy.hide()
        self.build_button.setEnabled(True)
        self.bundle = bundle
        self.sections = build_sections(bundle)
        self.summary.setText(self.describe_range(bundle))
        notes = note_texts(bundle)
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))
        current = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if page is not None:
                page.deleteLater()
        for section in self.sections:
            self.tabs.addTab(section_page(section), section.title)
        if current >= 0:
            self.tabs.setCurrentIndex(current)
        self._set_exports_enabled(True)

    def describe_range(self, bundle: ReportBundle) -> str:
        """The range in station time and who it covers."""
        f = bundle.filter
        first = f.start.astimezone(self.zone).date()
        last = (f.end.astimezone(self.zone) - timedelta(seconds=1)).date()
        scope = {
            "all": self.tr("every station"),
            "station": self.tr("this station"),
            "own": self.tr("your own work"),
        }.get(bundle.scope.kind, bundle.scope.kind)
        return self.tr("{first} to {last}, {scope}; {filters}").format(
            first=first.isoformat(), last=last.isoformat(), scope=scope, filters=self.filter_text()
        )

    def headline(self, bundle: ReportBundle) -> list[tuple[str, str]]:
        """The report's main figures for the PDF's title page."""
        overall = next((r for r in bundle.sla if r.platform == "all"), None)
        within = "–" if overall is None or overall.share is None else f"{overall.share * 100:.0f} %"
        likes = sum(p.likes or 0 for p in bundle.published)
        return [
            (self.tr("Items in"), str(sum(v.items for v in bundle.volume))),
            (self.tr("Answered within target"), within),
            (self.tr("Published"), str(len(bundle.published))),
            (self.tr("Likes on what we published"), str(likes)),
        ]

    def filter_text(self) -> str:
        """The chosen filters in words."""
        chosen = [
            box.currentText() for box in (self.platform, self.account, self.team, self.officer) if box.currentData()
        ]
        return ", ".join(chosen) if chosen else self.tr("no filters")

    # --- exports ------------------------------------------------------------------------------------

    def _ask_folder(self) -> Path | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export the report as CSV files into…"))
        return Path(folder) if folder else None

    def _ask_pdf_path(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the report as PDF"), "report.pdf", self.tr("PDF files (*.pdf)")
        )
        return Path(name) if name else None

    def export_csv(self) -> None:
        """Write one CSV per table through the service (which audits the export)."""
        if self.bundle is None:
            return
        folder = self.ask_folder()
        if folder is None:
            return
        self.runner.run_serial(
            self.service.export_csv, self.identity, self.bundle, folder, on_done=self._csv_done, name="reports.csv"
        )

    def _csv_done(self, paths: list[Path]) -> None:
        self.last_exports = list(paths)
        self.services.bridge.info(self.tr("Report exported: {count} CSV files").format(count=len(paths)))

    def export_pdf(self) -> None:
        """Draw the PDF here (charts are widgets), then audit the export on the database lane."""
        if self.bundle is None:
            return
        path = self.ask_pdf_path()
        if path is None:
            return
        self.write_pdf(path)

    def write_pdf(self, path: Path) -> int:
        """Write the current report to ``path`` and audit it; returns the page count."""
        assert self.bundle is not None
        bundle = self.bundle
        facts = [
            (self.tr("Range"), self.describe_range(bundle).split(";")[0]),
            (self.tr("Filters"), self.filter_text()),
            (self.tr("Time zone"), bundle.timezone),
            (self.tr("Prepared by"), self.identity.display_name),
            (self.tr("Generated"), bundle.generated_at.astimezone(self.zone).strftime("%Y-%m-%d %H:%M")),
            *self.headline(bundle),
        ]
        pages = write_pdf(path, self.tr("Beat Desk report"), facts, note_texts(bundle), self.sections)
        self.runner.run_serial(
            self.service.record_pdf_export,
            self.identity,
            bundle,
            path,
            on_done=lambda _r: self.services.bridge.info(
                self.tr("Report exported as PDF: {name}").format(name=path.name)
            ),
            name="reports.pdf",
        )
        self.last_exports = [path]
        return pages


def section_page(section: Section) -> QWidget:
    """One tab: the section's question and charts beside its tables."""
    page = QSplitter(Qt.Orientation.Horizontal)
    page.setObjectName(f"section-{section.key}")
    charts = QWidget()
    charts_layout = QVBoxLayout(charts)
    charts_layout.setContentsMargins(0, 0, 0, 0)
    question = QLabel(section.question, charts)
    question.setWordWrap(True)
    charts_layout.addWidget(question)
    for data in section.charts:
        view = chart_view(data, charts)
        view.setObjectName("chart")
        charts_layout.addWidget(view, 1)
    tables = QWidget()
    tables_layout = QVBoxLayout(tables)
    tables_layout.setContentsMargins(0, 0, 0, 0)
    for table in section.tables:
        title = QLabel(table.title, tables)
        title.setStyleSheet("font-weight: 700;")
        tables_layout.addWidget(title)
        view2 = QTableView(tables)
        view2.setObjectName("table")
        view2.setModel(TableModel(table, view2))
        view2.setAlternatingRowColors(True)
        view2.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view2.verticalHeader().hide()
        # Widths from the first rows (and those on screen), not from up to a thousand of a long list; set
        # before the modes below, which measure at once.
        view2.horizontalHeader().setResizeContentsPrecision(100)
        view2.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view2.horizontalHeader().setStretchLastSection(True)
        rows = len(table.rows)
        if rows <= 12:
            # short tables take their own height, so the next one follows without a gap
            view2.setFixedHeight(
                view2.horizontalHeader().sizeHint().height()
                + max(1, rows) * view2.verticalHeader().defaultSectionSize()
                + 2 * view2.frameWidth()
                + 18
            )
            tables_layout.addWidget(view2)
        else:
            tables_layout.addWidget(view2, 1)
    tables_layout.addStretch(0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(tables)
    page.addWidget(charts)
    page.addWidget(scroll)
    page.setStretchFactor(0, 2)
    page.setStretchFactor(1, 3)
    page.setSizes([480, 760])
    return page


def reports_screen(services: ScreenServices) -> QWidget:
    """Factory for the screen registry."""
    return ReportsScreen(services)


def _as_date(value: QDate) -> date:
    """A ``QDate`` as a ``date`` (PySide6's ``toPython`` is typed as returning ``object``)."""
    return date(value.year(), value.month(), value.day())
