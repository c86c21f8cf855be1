"""QtCharts from the report's chart data, and a small table model for its tables."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QAbstractTableModel, QMargins, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from ui.reports.sections import ChartData, TableData

PALETTE = ("#1f5fae", "#e08a00", "#2e8b57", "#8e44ad", "#c0392b", "#16a2b8")


def make_chart(data: ChartData) -> QChart:
    """A QChart for ``data`` (bars, stacked bars or a line), without animation so it renders at once."""
    chart = QChart()
    chart.setTitle(data.title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setVisible(len(data.series) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    axis_x: QBarCategoryAxis | QValueAxis
    if data.kind == "line":
        # a value axis labelled every few steps: 24 category labels do not fit under a small chart
        axis_x = QValueAxis()
        axis_x.setRange(0, max(1, len(data.categories) - 1))
        axis_x.setLabelFormat("%d")
        axis_x.setTickType(QValueAxis.TickType.TicksDynamic)
        axis_x.setTickAnchor(0)
        axis_x.setTickInterval(3)
    else:
        axis_x = QBarCategoryAxis()
        axis_x.append(data.categories)
        if len(data.categories) > 6:
            axis_x.setLabelsAngle(-45)
    axis_y = QValueAxis()
    axis_y.setLabelFormat("%.0f")
    top = max((v for values in data.series.values() for v in values), default=0.0)
    if data.kind == "stacked":
        sums = [sum(vals[i] for vals in data.series.values()) for i in range(len(data.categories))]
        top = max(sums, default=0.0)
    axis_y.setRange(0, max(1.0, float(top) * 1.1))
    axis_y.applyNiceNumbers()
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    if data.kind == "line":
        for n, (name, values) in enumerate(data.series.items()):
            line = QLineSeries()
            line.setName(name)
            line.setColor(QColor(PALETTE[n % len(PALETTE)]))
            for i, v in enumerate(values):
                line.append(i, float(v))
            chart.addSeries(line)
            line.attachAxis(axis_x)
            line.attachAxis(axis_y)
        return chart
    series: QBarSeries | QStackedBarSeries = QStackedBarSeries() if data.kind == "stacked" else QBarSeries()
    for n, (name, values) in enumerate(data.series.items()):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(PALETTE[n % len(PALETTE)]))
        bar_set.append([float(v) for v in values])
        series.append(bar_set)
    chart.addSeries(series)
    series.attachAxis(axis_x)
    series.attachAxis(axis_y)
    return chart


def chart_view(data: ChartData, parent: QWidget | None = None) -> QChartView:
    """A view of ``data``'s chart, antialiased."""
    view = QChartView(make_chart(data), parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumSize(300, 160)
    return view


class TableModel(QAbstractTableModel):
    """A read-only model of one :class:`TableData`."""

    def __init__(self, data: TableData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = data

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Rows of the table."""
        return 0 if parent.isValid() else len(self.table.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Columns of the table."""
        return 0 if parent.isValid() else len(self.table.headers)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's text; numbers to the right."""
        if not index.isValid():
            return None
        value = self.table.rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0 and _numeric(value):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.table.headers[section]
        return None


def _numeric(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text == "–")
