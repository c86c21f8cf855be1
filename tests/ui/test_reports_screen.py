"""The Reports screen on a real SQLite desk: sections with charts and tables, notes, CSV and PDF exports, roles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCharts import QBarSeries, QChartView, QLineSeries
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTableView, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk.auth import Identity
from desk.context import DeskContext
from desk.reports import ReportService
from desk.storage.models import AuditEntry
from tests.ui.publishing_support import screen_services
from tests.ui.test_reports_seed import Week, seed_week
from ui.messages import MessageBridge
from ui.reports.screen import ReportsScreen, preset_range
from ui.tasks import TaskRunner

Opener = Callable[[Identity], ReportsScreen]


@pytest.fixture
def week(ctx: DeskContext, admin: Identity) -> Week:
    return seed_week(ctx, admin, conversations=120, posts=12)


@pytest.fixture
def open_screen(
    qtbot: QtBot, ctx: DeskContext, runner: TaskRunner, bridge: MessageBridge, ui_state: QSettings
) -> Iterator[Opener]:
    def make(who: Identity) -> ReportsScreen:
        screen = ReportsScreen(screen_services(ctx, who, runner, bridge, ui_state))
        qtbot.addWidget(screen)
        screen.resize(1200, 760)
        screen.show()
        qtbot.waitUntil(lambda: runner.pending == 0)
        return screen

    yield make
    qtbot.waitUntil(lambda: runner.pending == 0)


def tab(screen: ReportsScreen, index: int) -> QWidget:
    page = screen.tabs.widget(index)
    assert page is not None
    return page


def report_exports(ctx: DeskContext) -> list[str]:
    with ctx.sessions() as s:
        return list(s.scalars(select(AuditEntry.summary).where(AuditEntry.action == "report.export")))


def test_report_builds_with_charts_beside_tables(open_screen: Opener, week: Week, admin: Identity) -> None:
    screen = open_screen(admin)
    assert screen.bundle is not None
    titles = [screen.tabs.tabText(i) for i in range(screen.tabs.count())]
    assert titles == [
        "Inbox volume",
        "How fast we answered",
        "Who answered what",
        "What we published",
        "What it reached",
    ]
    volume = tab(screen, 0)
    charts = volume.findChildren(QChartView)
    assert len(charts) == 3
    bars = charts[0].chart().series()[0]
    assert isinstance(bars, QBarSeries)
    # the platform bars add up to every seeded conversation's first item
    assert sum(bars.barSets()[0].at(i) for i in range(bars.barSets()[0].count())) == 120
    line = charts[2].chart().series()[0]
    assert isinstance(line, QLineSeries)
    assert line.count() == 24
    speed_tables = tab(screen, 1).findChildren(QTableView)
    officer_model = speed_tables[0].model()
    assert officer_model.rowCount() == 4
    assert sorted(officer_model.index(r, 0).data() for r in range(4)) == [
        "Aino Lahti",
        "Lea Berg",
        "Mikko Saari",
        "Otto Officer",
    ]
    published = tab(screen, 3).findChildren(QTableView)[0].model()
    assert published.rowCount() == 1 + 2 + 3 + 4 + 1 + 2 + 3 + 4 + 1 + 2 + 3 + 4
    # facebook refuses metrics: the note says so plainly
    assert "facebook" in screen.notes.text().lower() and screen.notes.isVisibleTo(screen)


def test_filter_by_officer_narrows_the_report(
    open_screen: Opener, week: Week, admin: Identity, runner: TaskRunner, qtbot: QtBot
) -> None:
    screen = open_screen(admin)
    index = screen.officer.findText("Lea Berg")
    assert index > 0
    screen.officer.setCurrentIndex(index)
    screen.refresh()
    assert screen.busy.isVisibleTo(screen)
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert not screen.busy.isVisibleTo(screen)
    assert screen.bundle is not None and screen.bundle.filter.officer_id == week.officers[3].user_id
    assert [r.name for r in screen.bundle.response_by_officer] == ["Lea Berg"]
    assert "Lea Berg" in screen.summary.text()


def test_empty_range_shows_the_note(
    open_screen: Opener, week: Week, admin: Identity, runner: TaskRunner, qtbot: QtBot
) -> None:
    screen = open_screen(admin)
    today = screen.today()
    screen.set_range(today.replace(year=today.year - 3), today.replace(year=today.year - 3))
    screen.refresh()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert screen.notes.text() == "Nothing happened in this date range."
    assert screen.notes.isVisibleTo(screen)
    assert tab(screen, 0).findChildren(QTableView)[0].model().rowCount() == 0


def test_csv_export_writes_files_and_is_audited(
    open_screen: Opener, week: Week, admin: Identity, ctx: DeskContext, runner: TaskRunner, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = open_screen(admin)
    folder = tmp_path / "csv"
    screen.ask_folder = lambda: folder
    screen.export_csv()
    qtbot.waitUntil(lambda: runner.pending == 0)
    names = sorted(p.name.split("-")[1] for p in folder.glob("report-*.csv"))
    assert "volume" in names and "published" in names and "notes" in names
    volume = next(folder.glob("report-volume-*.csv")).read_text(encoding="utf-8-sig").splitlines()
    assert volume[0] == "platform,triage,hour,items"
    assert sum(int(line.rsplit(",", 1)[1]) for line in volume[1:]) == 120
    assert len(report_exports(ctx)) == 1


def test_pdf_export_writes_a_pdf_with_a_page_per_section(
    open_screen: Opener, week: Week, admin: Identity, ctx: DeskContext, runner: TaskRunner, qtbot: QtBot, tmp_path: Path
) -> None:
    screen = open_screen(admin)
    path = tmp_path / "out" / "report.pdf"
    screen.ask_pdf_path = lambda: path
    screen.export_pdf()
    qtbot.waitUntil(lambda: runner.pending == 0)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page\r") + data.count(b"/Type /Page ")
    # title page and at least one page per section
    assert pages >= 6
    exports = report_exports(ctx)
    assert len(exports) == 1 and '"format":"pdf"' in exports[0] and "report.pdf" in exports[0]


def test_officer_sees_only_own_work(open_screen: Opener, week: Week, ctx: DeskContext) -> None:

    screen = open_screen(week.officers[0])

    assert screen.bundle is not None and screen.bundle.scope.kind == "own"
    assert [r.name for r in screen.bundle.response_by_officer] == ["Otto Officer"]
    assert [a.name for a in screen.bundle.activity] == ["Otto Officer"]
    assert not screen.officer.isEnabled() and not screen.team.isEnabled()


def test_someone_without_reports_gets_the_refusal(open_screen: Opener, ctx: DeskContext, admin: Identity) -> None:
    nobody = Identity(None, "kiosk", "Kiosk", frozenset())
    screen = open_screen(nobody)
    assert screen.bundle is None
    assert "cannot see reports" in screen.notes.text()
    assert not screen.build_button.isEnabled()


def test_record_pdf_export_needs_report_rights(ctx: DeskContext, admin: Identity, week: Week) -> None:
    from datetime import timedelta

    from desk.errors import PermissionDenied
    from desk.reports import ReportFilter

    service = ReportService(ctx)
    now = ctx.clock.now()
    bundle = service.build(admin, ReportFilter(now - timedelta(days=1), now))
    with pytest.raises(PermissionDenied):
        service.record_pdf_export(Identity(None, "kiosk", "Kiosk", frozenset()), bundle, Path("x.pdf"))
    assert report_exports(ctx) == []
    service.record_pdf_export(admin, bundle, Path("/tmp/r.pdf"))
    assert len(report_exports(ctx)) == 1


def test_presets_cover_whole_days() -> None:
    from datetime import date

    today = date(2026, 2, 14)
    assert preset_range("today", today, today, today) == (today, today)
    assert preset_range("last7", today, today, today) == (date(2026, 2, 8), today)
    assert preset_range("month", today, today, today) == (date(2026, 2, 1), date(2026, 2, 28))
    assert preset_range("month", date(2026, 12, 31), today, today) == (date(2026, 12, 1), date(2026, 12, 31))
    assert preset_range("custom", today, date(2026, 1, 1), date(2026, 1, 3)) == (date(2026, 1, 1), date(2026, 1, 3))


def test_the_window_finds_both_screens_through_their_packages() -> None:
    from ui import screens
    from ui.audit.screen import audit_screen
    from ui.reports.screen import reports_screen

    for screen_id, factory in (("reports", reports_screen), ("audit", audit_screen)):
        screens.unregister_screen(screen_id)
        assert screens.factory_for(screen_id) is factory
