"""The report's sections as plain data (charts and tables) that the screen and the PDF both draw."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication

from desk.reports import ReportBundle, ResponseRow


@dataclass(frozen=True)
class ChartData:
    """A bar or line chart: categories along the bottom, one value list per series."""

    title: str
    kind: str  # bar, stacked, line
    categories: list[str]
    series: dict[str, list[float]]
    unit: str = ""

    @property
    def empty(self) -> bool:
        """No category or no value above zero."""
        return not self.categories or not any(v for values in self.series.values() for v in values)


@dataclass(frozen=True)
class TableData:
    """A titled table of already formatted cells."""

    title: str
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class Section:
    """One tab of the screen and one chapter of the PDF."""

    key: str
    title: str
    question: str
    charts: list[ChartData] = field(default_factory=list)
    tables: list[TableData] = field(default_factory=list)


def duration(seconds: float | None) -> str:
    """Office seconds as ``1 h 05 min`` or ``12 min``; a dash when unknown."""
    if seconds is None:
        return "–"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"


def number(value: Any) -> str:
    """A count or share as text; a dash when unknown."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def share(value: float | None) -> str:
    """A 0..1 share as a percentage."""
    return "–" if value is None else f"{value * 100:.0f} %"


def _minutes(seconds: float | None) -> float:
    return 0.0 if seconds is None else round(seconds / 60, 1)


def _response_table(title: str, rows: tuple[ResponseRow, ...]) -> TableData:
    return TableData(
        title,
        [
            QCoreApplication.translate("Reports", "Name"),
            QCoreApplication.translate("Reports", "Conversations"),
            QCoreApplication.translate("Reports", "Answered"),
            QCoreApplication.translate("Reports", "First reply p50"),
            QCoreApplication.translate("Reports", "First reply p90"),
            QCoreApplication.translate("Reports", "Resolved"),
            QCoreApplication.translate("Reports", "Resolution p50"),
            QCoreApplication.translate("Reports", "Resolution p90"),
        ],
        [
            [
                r.name,
                str(r.conversations),
                str(r.responded),
                duration(r.first_response_p50),
                duration(r.first_response_p90),
                str(r.resolved),
                duration(r.resolution_p50),
                duration(r.resolution_p90),
            ]
            for r in rows
        ],
    )


def build_sections(bundle: ReportBundle) -> list[Section]:
    """Every section of ``bundle``: inbox volume and the supervisor's four questions."""
    zone = ZoneInfo(bundle.timezone)

    def when(value: datetime) -> str:
        return value.astimezone(zone).strftime("%Y-%m-%d %H:%M")

    by_platform: dict[str, int] = defaultdict(int)
    by_class: dict[str, int] = defaultdict(int)
    by_hour: list[float] = [0] * 24
    by_pair: dict[tuple[str, str], dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for v in bundle.volume:
        by_pair[(v.platform, v.triage or QCoreApplication.translate("Reports", "untriaged"))][v.hour] += v.items
        by_platform[v.platform] += v.items
        by_class[v.triage or QCoreApplication.translate("Reports", "untriaged")] += v.items
        by_hour[v.hour % 24] += v.items
    platforms = sorted(by_platform, key=lambda p: -by_platform[p])
    classes = sorted(by_class, key=lambda c: -by_class[c])
    volume = Section(
        "volume",
        QCoreApplication.translate("Reports", "Inbox volume"),
        QCoreApplication.translate("Reports", "What came in, where and when (station time)."),
        [
            ChartData(
                QCoreApplication.translate("Reports", "Items by platform"),
                "bar",
                platforms,
                {QCoreApplication.translate("Reports", "Items"): [by_platform[p] for p in platforms]},
            ),
            ChartData(
                QCoreApplication.translate("Reports", "Items by triage class"),
                "bar",
                classes,
                {QCoreApplication.translate("Reports", "Items"): [by_class[c] for c in classes]},
            ),
            ChartData(
                QCoreApplication.translate("Reports", "Items by hour of day"),
                "line",
                [f"{h:02d}" for h in range(24)],
                {QCoreApplication.translate("Reports", "Items"): by_hour},
            ),
        ],
        [
            TableData(
                QCoreApplication.translate("Reports", "Items by platform and triage class"),
                [
                    QCoreApplication.translate("Reports", "Platform"),
                    QCoreApplication.translate("Reports", "Triage class"),
                    QCoreApplication.translate("Reports", "Items"),
                    QCoreApplication.translate("Reports", "Busiest hour"),
                ],
                [
                    [platform, triage, str(sum(hours.values())), f"{max(hours, key=lambda h: (hours[h], -h)):02d}"]
                    for (platform, triage), hours in sorted(by_pair.items(), key=lambda kv: -sum(kv[1].values()))
                ],
            )
        ],
    )

    officers = bundle.response_by_officer
    sla_rows = [r for r in bundle.sla if r.platform != "all"]
    speed = Section(
        "speed",
        QCoreApplication.translate("Reports", "How fast we answered"),
        QCoreApplication.translate(
            "Reports", "First reply and resolution in office time; the share answered within the target."
        ),
        [
            ChartData(
                QCoreApplication.translate("Reports", "First reply by officer (minutes)"),
                "bar",
                [r.name for r in officers],
                {
                    QCoreApplication.translate("Reports", "p50"): [_minutes(r.first_response_p50) for r in officers],
                    QCoreApplication.translate("Reports", "p90"): [_minutes(r.first_response_p90) for r in officers],
                },
                QCoreApplication.translate("Reports", "min"),
            ),
            ChartData(
                QCoreApplication.translate("Reports", "Answered within target (%)"),
                "bar",
                [r.platform for r in sla_rows],
                {
                    QCoreApplication.translate("Reports", "Within target"): [
                        round((r.share or 0.0) * 100, 1) for r in sla_rows
                    ]
                },
                "%",
            ),
        ],
        [
            _response_table(QCoreApplication.translate("Reports", "By officer"), officers),
            _response_table(QCoreApplication.translate("Reports", "By team"), bundle.response_by_team),
            TableData(
                QCoreApplication.translate("Reports", "Service level"),
                [
                    QCoreApplication.translate("Reports", "Platform"),
                    QCoreApplication.translate("Reports", "Conversations"),
                    QCoreApplication.translate("Reports", "Within target"),
                    QCoreApplication.translate("Reports", "Share"),
                    QCoreApplication.translate("Reports", "Target"),
                ],
                [
                    [
                        QCoreApplication.translate("Reports", "all platforms") if r.platform == "all" else r.platform,
                        str(r.conversations),
                        str(r.within_target),
                        share(r.share),
                        duration(r.target_seconds),
                    ]
                    for r in bundle.sla
                ],
            ),
        ],
    )

    act = bundle.activity
    who = Section(
        "activity",
        QCoreApplication.translate("Reports", "Who answered what"),
        QCoreApplication.translate("Reports", "Replies, notes, closes and assignments by person."),
        [
            ChartData(
                QCoreApplication.translate("Reports", "Activity by person"),
                "stacked",
                [a.name for a in act],
                {
                    QCoreApplication.translate("Reports", "Replies"): [a.replies for a in act],
                    QCoreApplication.translate("Reports", "Notes"): [a.notes for a in act],
                    QCoreApplication.translate("Reports", "Closes"): [a.closes for a in act],
                    QCoreApplication.translate("Reports", "Assignments"): [a.assignments for a in act],
                },
            )
        ],
        [
            TableData(
                QCoreApplication.translate("Reports", "Activity"),
                [
                    QCoreApplication.translate("Reports", "Name"),
                    QCoreApplication.translate("Reports", "Replies"),
                    QCoreApplication.translate("Reports", "Notes"),
                    QCoreApplication.translate("Reports", "Closes"),
                    QCoreApplication.translate("Reports", "Assignments"),
                    QCoreApplication.translate("Reports", "Audited actions"),
                ],
                [
                    [a.name, str(a.replies), str(a.notes), str(a.closes), str(a.assignments), str(a.audited_actions)]
                    for a in act
                ],
            )
        ],
    )

    pub = bundle.published
    posts_by_platform: dict[str, int] = defaultdict(int)
    for p in pub:
        posts_by_platform[p.platform] += 1
    pub_platforms = sorted(posts_by_platform)
    published = Section(
        "published",
        QCoreApplication.translate("Reports", "What we published"),
        QCoreApplication.translate(
            "Reports", "Every published post and reply in the range, newest reading of its metrics."
        ),
        [
            ChartData(
                QCoreApplication.translate("Reports", "Published by platform"),
                "bar",
                pub_platforms,
                {QCoreApplication.translate("Reports", "Deliveries"): [posts_by_platform[p] for p in pub_platforms]},
            )
        ],
        [
            TableData(
                QCoreApplication.translate("Reports", "Published"),
                [
                    QCoreApplication.translate("Reports", "Published"),
                    QCoreApplication.translate("Reports", "Platform"),
                    QCoreApplication.translate("Reports", "Account"),
                    QCoreApplication.translate("Reports", "Kind"),
                    QCoreApplication.translate("Reports", "Text"),
                    QCoreApplication.translate("Reports", "Likes"),
                    QCoreApplication.translate("Reports", "Reposts"),
                    QCoreApplication.translate("Reports", "Replies"),
                    QCoreApplication.translate("Reports", "Views"),
                    QCoreApplication.translate("Reports", "Metrics"),
                ],
                [
                    [
                        when(p.published_at),
                        p.platform,
                        p.account,
                        p.kind,
                        p.text if len(p.text) <= 80 else p.text[:79] + "…",
                        number(p.likes),
                        number(p.reposts),
                        number(p.replies),
                        number(p.impressions),
                        {
                            "sampled": QCoreApplication.translate("Reports", "sampled"),
                            "none_yet": QCoreApplication.translate("Reports", "none yet"),
                            "refused": QCoreApplication.translate("Reports", "refused"),
                        }.get(p.metrics, p.metrics),
                    ]
                    for p in pub
                ],
            )
        ],
    )

    reach_by: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    # A figure no platform reading carried (refused, or not given, like Mastodon's views) shows as a dash.
    read_by: dict[str, list[bool]] = defaultdict(lambda: [False, False, False, False])
    for p in pub:
        totals, read = reach_by[p.platform], read_by[p.platform]
        for i, figure in enumerate((p.likes, p.reposts, p.replies, p.impressions)):
            totals[i] += figure or 0
            read[i] = read[i] or figure is not None
    reach_platforms = sorted(reach_by)
    camps = bundle.campaigns
    reach = Section(
        "reach",
        QCoreApplication.translate("Reports", "What it reached"),
        QCoreApplication.translate("Reports", "Engagement by platform, campaigns and tweetathons."),
        [
            ChartData(
                QCoreApplication.translate("Reports", "Engagement by platform"),
                "bar",
                reach_platforms,
                {
                    QCoreApplication.translate("Reports", "Likes"): [reach_by[p][0] for p in reach_platforms],
                    QCoreApplication.translate("Reports", "Reposts"): [reach_by[p][1] for p in reach_platforms],
                    QCoreApplication.translate("Reports", "Replies"): [reach_by[p][2] for p in reach_platforms],
                },
            ),
            ChartData(
                QCoreApplication.translate("Reports", "Views by platform"),
                "bar",
                reach_platforms,
                {QCoreApplication.translate("Reports", "Views"): [reach_by[p][3] for p in reach_platforms]},
            ),
        ],
        [
            TableData(
                QCoreApplication.translate("Reports", "Engagement by platform"),
                [
                    QCoreApplication.translate("Reports", "Platform"),
                    QCoreApplication.translate("Reports", "Likes"),
                    QCoreApplication.translate("Reports", "Reposts"),
                    QCoreApplication.translate("Reports", "Replies"),
                    QCoreApplication.translate("Reports", "Views"),
                ],
                [
                    [p, *(str(v) if known else "–" for v, known in zip(reach_by[p], read_by[p], strict=True))]
                    for p in reach_platforms
                ],
            ),
            TableData(
                QCoreApplication.translate("Reports", "Campaigns"),
                [
                    QCoreApplication.translate("Reports", "Campaign"),
                    QCoreApplication.translate("Reports", "Posts"),
                    QCoreApplication.translate("Reports", "Published"),
                    QCoreApplication.translate("Reports", "Pending"),
                    QCoreApplication.translate("Reports", "Failed"),
                    QCoreApplication.translate("Reports", "Likes"),
                    QCoreApplication.translate("Reports", "Reposts"),
                    QCoreApplication.translate("Reports", "Replies"),
                    QCoreApplication.translate("Reports", "Views"),
                ],
                [
                    [
                        c.name,
                        str(c.posts),
                        str(c.published),
                        str(c.pending),
                        str(c.failed),
                        str(c.likes),
                        str(c.reposts),
                        str(c.replies),
                        str(c.impressions),
                    ]
                    for c in camps
                ],
            ),
            TableData(
                QCoreApplication.translate("Reports", "Tweetathons"),
                [
                    QCoreApplication.translate("Reports", "Source"),
                    QCoreApplication.translate("Reports", "Calls in"),
                    QCoreApplication.translate("Reports", "Posted"),
                    QCoreApplication.translate("Reports", "Held"),
                    QCoreApplication.translate("Reports", "Excluded"),
                    QCoreApplication.translate("Reports", "Batched"),
                    QCoreApplication.translate("Reports", "Call to post p50 (min)"),
                ],
                [
                    [
                        t.source,
                        str(t.calls_in),
                        str(t.posted),
                        str(t.held),
                        str(t.excluded),
                        str(t.batched),
                        number(t.call_to_post_p50_minutes),
                    ]
                    for t in bundle.tweetathons
                ],
            ),
        ],
    )
    return [volume, speed, who, published, reach]


def note_texts(bundle: ReportBundle) -> list[str]:
    """The report's notes as plain sentences."""
    return [n.english() for n in bundle.notes]
