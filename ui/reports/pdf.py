"""The report as a PDF: a title page with the range and filters, then each section's charts and tables."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QCoreApplication, QMarginsF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextOption,
)

from ui.reports.charts import make_chart
from ui.reports.sections import Section, TableData

DPI = 96
PAGE_W = 794 - 2 * 48  # A4 at 96 dpi less margins
PAGE_H = 1123 - 2 * 48
CHART_SCALE = 1.6


class _Pages:
    """A cursor down the page that starts a new page when the next block does not fit."""

    def __init__(self, writer: QPdfWriter, painter: QPainter) -> None:
        self.writer = writer
        self.painter = painter
        self.y = 0
        self.count = 1

    def need(self, height: int) -> None:
        if self.y + height > PAGE_H and self.y > 0:
            self.new_page()

    def new_page(self) -> None:
        self.writer.newPage()
        self.count += 1
        self.y = 0


def write_pdf(
    path: Path, title: str, facts: Sequence[tuple[str, str]], notes: Sequence[str], sections: Sequence[Section]
) -> int:
    """Write the report to ``path``; returns the number of pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(12.7, 12.7, 12.7, 12.7),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(title)
    writer.setCreator("Beat Desk")
    painter = QPainter(writer)
    try:
        pages = _Pages(writer, painter)
        _title_page(painter, pages, title, facts, notes)
        for section in sections:
            pages.new_page()
            _section(painter, pages, section)
        return pages.count
    finally:
        painter.end()


def _font(size: int, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPixelSize(size)
    font.setBold(bold)
    return font


def _title_page(
    painter: QPainter, pages: _Pages, title: str, facts: Sequence[tuple[str, str]], notes: Sequence[str]
) -> None:
    painter.setPen(QColor("#14202e"))
    painter.setFont(_font(28, True))
    painter.drawText(QRect(0, 120, PAGE_W, 50), Qt.AlignmentFlag.AlignLeft, title)
    painter.setPen(QPen(QColor("#1f5fae"), 3))
    painter.drawLine(0, 180, PAGE_W, 180)
    y = 210
    painter.setPen(QColor("#14202e"))
    for label, value in facts:
        painter.setFont(_font(14, True))
        painter.drawText(QRect(0, y, 260, 24), Qt.AlignmentFlag.AlignLeft, label)
        painter.setFont(_font(14))
        painter.drawText(QRect(270, y, PAGE_W - 270, 24), Qt.AlignmentFlag.AlignLeft, value)
        y += 28
    if notes:
        y += 20
        painter.setFont(_font(16, True))
        painter.drawText(
            QRect(0, y, PAGE_W, 26), Qt.AlignmentFlag.AlignLeft, QCoreApplication.translate("Reports", "Notes")
        )
        y += 32
        painter.setFont(_font(13))
        for text in notes:
            rect = painter.boundingRect(QRect(0, y, PAGE_W, 400), Qt.TextFlag.TextWordWrap, "• " + text)
            painter.drawText(rect, Qt.TextFlag.TextWordWrap, "• " + text)
            y += rect.height() + 6
    pages.y = y


def _section(painter: QPainter, pages: _Pages, section: Section) -> None:
    painter.setPen(QColor("#14202e"))
    painter.setFont(_font(20, True))
    painter.drawText(QRect(0, pages.y, PAGE_W, 30), Qt.AlignmentFlag.AlignLeft, section.title)
    pages.y += 32
    painter.setFont(_font(12))
    painter.setPen(QColor("#5d6b7b"))
    painter.drawText(QRect(0, pages.y, PAGE_W, 20), Qt.AlignmentFlag.AlignLeft, section.question)
    pages.y += 28
    charts = [c for c in section.charts if not c.empty]
    # two charts side by side when there are several, so a section's charts fit on its first page
    width = PAGE_W if len(charts) == 1 else (PAGE_W - 12) // 2
    height = 300 if len(charts) == 1 else 250
    for i, data in enumerate(charts):
        column = 0 if len(charts) == 1 else i % 2
        if column == 0:
            pages.need(height)
        view = QChartView(make_chart(data))
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        # drawn larger and scaled down: labels fit the half-page width and stay sharp
        view.resize(int(width * CHART_SCALE), int(height * CHART_SCALE))
        pixmap = view.grab()
        painter.drawPixmap(QRectF(column * (width + 12), pages.y, width, height), pixmap, QRectF(pixmap.rect()))
        view.deleteLater()
        if column == 1 or i == len(charts) - 1:
            pages.y += height + 16
    for table in section.tables:
        _table(painter, pages, table)


def _table(painter: QPainter, pages: _Pages, table: TableData) -> None:
    row_h = 18
    pages.need(26 + 2 * row_h)
    painter.setPen(QColor("#14202e"))
    painter.setFont(_font(14, True))
    painter.drawText(QRect(0, pages.y, PAGE_W, 22), Qt.AlignmentFlag.AlignLeft, table.title)
    pages.y += 24
    if not table.rows:
        painter.setFont(_font(11))
        painter.setPen(QColor("#5d6b7b"))
        painter.drawText(
            QRect(0, pages.y, PAGE_W, row_h),
            Qt.AlignmentFlag.AlignLeft,
            QCoreApplication.translate("Reports", "No rows in this range."),
        )
        pages.y += row_h + 14
        return
    widths = _column_widths(painter, table)

    def header() -> None:
        painter.fillRect(QRect(0, pages.y, PAGE_W, row_h), QColor("#e6eaf0"))
        painter.setPen(QColor("#14202e"))
        painter.setFont(_font(10, True))
        fm = painter.fontMetrics()
        x = 0
        for w, text in zip(widths, table.headers, strict=True):
            painter.drawText(QRect(x + 3, pages.y, w - 6, row_h), Qt.AlignmentFlag.AlignVCenter, _fit(fm, text, w - 6))
            x += w
        pages.y += row_h

    header()
    body = _font(10)
    painter.setFont(body)
    fm = painter.fontMetrics()  # one font for every row: measured once, not once per cell
    stripe, ink = QColor("#f3f5f8"), QColor("#14202e")
    # A row is one line of text with a tab stop at each column: one layout per row instead of one per cell.
    # Each cell is elided to its column first, so no tab ever skips a stop.
    line = QTextOption(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    line.setWrapMode(QTextOption.WrapMode.NoWrap)
    line.setTabArray([float(x) for x in itertools.accumulate(widths[:-1])])
    for n, row in enumerate(table.rows):
        if pages.y + row_h > PAGE_H:
            pages.new_page()
            header()
            painter.setFont(body)
        if n % 2:
            painter.fillRect(QRect(0, pages.y, PAGE_W, row_h), stripe)
        painter.setPen(ink)
        cells = (_fit(fm, _one_line(text), w - 6) for w, text in zip(widths, row, strict=True))
        painter.drawText(QRectF(3, pages.y, PAGE_W - 3, row_h), "\t".join(cells), line)
        pages.y += row_h
    pages.y += 14


def _column_widths(painter: QPainter, table: TableData) -> list[int]:
    """Each column as wide as its widest text; when that is too wide, only the widest columns give way."""
    painter.setFont(_font(10, True))
    header_fm = painter.fontMetrics()
    painter.setFont(_font(10))
    fm = painter.fontMetrics()
    natural = [
        8 + max(header_fm.horizontalAdvance(h), *(fm.horizontalAdvance(r[i]) for r in table.rows[:300]))
        for i, h in enumerate(table.headers)
    ]
    if sum(natural) <= PAGE_W:
        extra = (PAGE_W - sum(natural)) // len(natural)
        return [w + extra for w in natural]
    low, high = 1, max(natural)
    while low < high:  # the largest cap at which the capped widths still fit the page
        mid = (low + high + 1) // 2
        if sum(min(w, mid) for w in natural) <= PAGE_W:
            low = mid
        else:
            high = mid - 1
    return [min(w, low) for w in natural]


def _one_line(text: str) -> str:
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _fit(fm: QFontMetrics, text: str, width: int) -> str:
    # Measuring is several times cheaper than eliding, and most cells fit.
    if fm.horizontalAdvance(text) <= width:
        return text
    return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
