"""The reach table tells a zero that was read from a figure nobody gave (refused, or not offered by the platform)."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtWidgets import QApplication

from desk.reports import PublishedRow, ReportBundle, ReportFilter, Scope
from ui.reports.sections import build_sections

AT = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def _row(n: int, platform: str, likes: int | None, impressions: int | None, metrics: str) -> PublishedRow:
    return PublishedRow(
        n, n, "post", platform, f"@{platform}", f"p{n}", AT, "published", "text",
        likes, None if likes is None else 0, None if likes is None else 0, impressions, None, metrics,
    )  # fmt: skip


def test_reach_table_dashes_figures_no_reading_carried(qapp: QApplication) -> None:
    bundle = ReportBundle(
        ReportFilter(datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)),
        Scope("all"),
        AT,
        "Europe/Helsinki",
        published=(
            _row(1, "x", 5, 100, "sampled"),
            _row(2, "x", 0, 40, "sampled"),
            _row(3, "mastodon", 0, None, "sampled"),  # read: no likes yet, and Mastodon gives no views
            _row(4, "facebook", None, None, "refused"),
        ),
    )
    reach = next(s for s in build_sections(bundle) if s.key == "reach")
    table = next(t for t in reach.tables if t.headers[0] == "Platform")
    assert table.rows == [
        ["facebook", "–", "–", "–", "–"],
        ["mastodon", "0", "0", "0", "–"],
        ["x", "5", "0", "0", "140"],
    ]
    # The charts still draw a bar of zero height for every platform.
    assert reach.charts[1].series["Views"] == [0, 0, 140]
