"""A live dashboard of a running tweetathon: counts, call-to-post times, budgets and calls per hour.

It polls :meth:`TweetathonEngine.stats` every few seconds; pause and resume act on the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.tweetathon.control import running_engines
from desk.tweetathon.queue import TweetathonEngine, TweetathonStats

if TYPE_CHECKING:
    from ui.screens import ScreenServices

CONTEXT = "TweetathonDashboard"


def tr(text: str) -> str:
    """Translate in this screen's context."""
    return QCoreApplication.translate(CONTEXT, text)


COUNTERS = (
    ("calls_in", "Calls in"),
    ("posted", "Posted"),
    ("held", "Held"),
    ("excluded", "Excluded"),
    ("batched", "Batched"),
    ("backlog", "Backlog"),
    ("p50", "Call to post, median"),
    ("p95", "Call to post, 95 %"),
)


class TweetathonDashboard(QWidget):
    """Counters, a calls-per-hour chart, each account's remaining budget, and pause/resume."""

    def __init__(
        self,
        find_engine: Callable[[], TweetathonEngine | None],
        parent: QWidget | None = None,
        *,
        poll_ms: int = 3000,
    ) -> None:
        super().__init__(parent)
        self.find_engine = find_engine
        self.setObjectName("tweetathonDashboard")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("tweetathonTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        top.addWidget(self.title, 1)
        self.pause_button = QPushButton(tr("Pause"))
        self.pause_button.clicked.connect(self._toggle_pause)
        top.addWidget(self.pause_button)
        layout.addLayout(top)

        counters = QGroupBox(tr("Now"))
        grid = QGridLayout(counters)
        self.values: dict[str, QLabel] = {}
        for i, (key, label) in enumerate(COUNTERS):
            name = QLabel(tr(label))
            value = QLabel("–")
            value.setObjectName(f"counter_{key}")
            big = value.font()
            big.setPointSizeF(big.pointSizeF() * 1.6)
            big.setBold(True)
            value.setFont(big)
            grid.addWidget(name, 0, i, Qt.AlignmentFlag.AlignHCenter)
            grid.addWidget(value, 1, i, Qt.AlignmentFlag.AlignHCenter)
            self.values[key] = value
        layout.addWidget(counters)

        body = QHBoxLayout()
        self.chart = QChart()
        self.chart.setTitle(tr("Calls per hour"))
        self.chart.legend().hide()
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(320)
        body.addWidget(self.chart_view, 3)
        self.budgets = QTableWidget(0, 3)
        self.budgets.setHorizontalHeaderLabels([tr("Account"), tr("Window"), tr("Posts left")])
        self.budgets.verticalHeader().hide()
        header = self.budgets.horizontalHeader()
        # Account and window as wide as their text, posts left takes the rest of the panel.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        body.addWidget(self.budgets, 2)
        layout.addLayout(body, 1)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(poll_ms)
        self.refresh()

    def _toggle_pause(self) -> None:
        engine = self.find_engine()
        if engine is None:
            return
        if engine.paused:
            engine.resume()
        else:
            engine.pause()
        self.refresh()

    def refresh(self) -> None:
        """Read the engine's figures again."""
        engine = self.find_engine()
        if engine is None:
            self.title.setText(tr("No tweetathon is running in this desk."))
            self.pause_button.setEnabled(False)
            return
        stats = engine.stats()
        self.pause_button.setEnabled(True)
        self.pause_button.setText(tr("Resume") if stats.paused else tr("Pause"))
        state = tr("paused") if stats.paused else tr("running")
        self.title.setText(f"{engine.config.name} {engine.builder.preset.hashtag} — {state}")
        self._counters(stats)
        self._chart(stats, engine)
        self._budgets(engine, stats)

    def _counters(self, stats: TweetathonStats) -> None:
        figures = {
            "calls_in": str(stats.calls_in),
            "posted": str(stats.posted),
            "held": str(stats.held),
            "excluded": str(stats.excluded),
            "batched": str(stats.batched),
            "backlog": str(stats.backlog),
            "p50": "–" if stats.p50_minutes is None else f"{stats.p50_minutes:.0f} min",
            "p95": "–" if stats.p95_minutes is None else f"{stats.p95_minutes:.0f} min",
        }
        for key, text in figures.items():
            self.values[key].setText(text)

    def _chart(self, stats: TweetathonStats, engine: TweetathonEngine) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        bars = QBarSet(tr("Calls"))
        labels: list[str] = []
        for hour, n in stats.calls_per_hour:
            bars.append(n)
            labels.append(hour.astimezone(engine.builder.zone).strftime("%H:00"))
        series = QBarSeries()
        series.append(bars)
        self.chart.addSeries(series)
        x_axis = QBarCategoryAxis()
        x_axis.append(labels)
        y_axis = QValueAxis()
        y_axis.setRange(0, max([n for _, n in stats.calls_per_hour] + [1]) * 1.1)
        y_axis.setLabelFormat("%d")
        y_axis.applyNiceNumbers()
        self.chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)

    def _budgets(self, engine: TweetathonEngine, stats: TweetathonStats) -> None:
        rows = [
            (f"{engine.platform_of[aid].value}: {engine.handles[aid]}", window, left)
            for aid, windows in sorted(stats.budgets.items())
            for window, left in windows.items()
            if not window.startswith("app")
        ]
        self.budgets.setRowCount(len(rows))
        for r, (account, window, left) in enumerate(rows):
            for c, text in enumerate((account, _window_label(window), str(left))):
                self.budgets.setItem(r, c, QTableWidgetItem(text))


def _window_label(window: str) -> str:
    seconds = int(window.split("/")[1].rstrip("s"))
    if seconds >= 3600:
        return tr("{n} h").replace("{n}", str(seconds // 3600))
    return tr("{n} min").replace("{n}", str(seconds // 60))


def tweetathon_screen(services: ScreenServices) -> QWidget:
    """The screen factory: the first tweetathon running in this desk."""

    def find() -> TweetathonEngine | None:
        engines = running_engines()
        return engines[0] if engines else None

    return TweetathonDashboard(find)
