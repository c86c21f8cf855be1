"""The two big rehearsals, through their presets and the same code path as ``desk tweetathon rehearse``, on
the real sandbox over HTTP.

- San Luis Obispo: the whole call log squeezed into 24 hours, at 150x (about 12 minutes real).
- City of London: the January street-crime file over a day, at 300x (about 5 minutes real).

Full size asserts: every publishable call posted on X, Mastodon and Bluesky, zero rate-limit refusals, the
privacy guard finds nothing on any post, every post line checked against its own source row, sensitive calls
held. ``DESK_BENCH_SMALL=1`` replays an hour of each file instead and asserts no bars.

Run: ``scripts/bench -k rehearsals -s``.
"""

from __future__ import annotations

import os
import statistics
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from connectors.demo import spawn_sandbox
from connectors.registry import capabilities_for, connector_for
from desk.calls.mapping import shipped_presets, type_key
from desk.tweetathon.rehearsal import RehearsalWindow, run_rehearsal
from tests.tweetathon_checks import (
    CITY_COLUMNS,
    SLO_COLUMNS,
    Columns,
    check_posts,
    guard_hits,
    publishable_types,
    read_rows,
)

SMALL = os.environ.get("DESK_BENCH_SMALL") == "1"
# Full size replays a day of clock time in minutes of real time, well past the default per-test timeout.
pytestmark = pytest.mark.timeout(120 if SMALL else 1800)
REFERENCE = Path("/work/shared/reference")
SLO = REFERENCE / "calls/slopd_san_luis_obispo_police_call_log.csv"
CITY = REFERENCE / "calls/uk_city_of_london_police_street_crime_2020.csv"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _run(path: Path, preset: str, speed: float, window: RehearsalWindow) -> dict[str, Any]:
    return run_rehearsal(
        path,
        spawn=spawn_sandbox,
        connector_for=connector_for,
        capabilities_for=capabilities_for,
        preset_name=preset,
        speed=speed,
        window=window,
    )


def _check(report: dict[str, Any], path: Path, preset_name: str, columns: Columns, label: str) -> None:
    preset = shipped_presets()[preset_name]
    publishable_keys, sensitive_keys = publishable_types(preset)
    rows = read_rows(path, columns, preset)
    totals = report["totals"]
    posts = report["posts"]
    by_platform: dict[str, set[str]] = {}
    for post in posts:
        by_platform.setdefault(post["account"].split(":")[0], set()).update(post["call_ids"])
    posted = set().union(*by_platform.values()) if by_platform else set()
    held = {o["call_id"] for o in report["not_posted"]}
    sensitive_held = {o["call_id"] for o in report["not_posted"] if o["status"] == "sensitive"}
    checked, problems, unmatched = check_posts(posts, rows, columns)
    hits = guard_hits(posts)
    lateness = sorted(
        (datetime.fromisoformat(p["time"]) - datetime.fromisoformat(t)).total_seconds() / 60
        for p in posts
        if not p["follow_up"]
        for t in p["call_times"]
    )
    p95 = lateness[int(0.95 * (len(lateness) - 1))] if lateness else 0.0
    print(
        f"\n{label}: posted {totals['posted_calls']}/{totals['publishable']} publishable, "
        f"refusals {totals['rate_limit_refusals']}, undelivered {totals['undelivered']}, "
        f"p50/p95 call->post {totals['p50_minutes']:.1f}/{totals['p95_minutes']:.1f} min "
        f"(from posts {statistics.median(lateness) if lateness else 0:.1f}/{p95:.1f}), "
        f"posts {len(posts)}, lines checked {checked} (unmatched {unmatched}), "
        f"problems {len(problems)}, guard hits {len(hits)}, "
        f"real {report['real_seconds']:.0f} s at {report['speed']:g}x, load {_load()}"
    )
    if SMALL:
        return
    assert totals["publishable"] > 0
    assert totals["posted_calls"] == totals["publishable"]
    assert totals["undelivered"] == 0
    assert totals["rate_limit_refusals"] == 0
    assert set(by_platform) == {"x", "mastodon", "bluesky"}
    for platform, ids in by_platform.items():
        assert len(ids) == totals["publishable"], platform
    assert not hits, hits[:5]
    assert not problems, problems[:10]
    # Every line is checked against its own row: rows with no id in the file by the id the importer derived.
    assert unmatched == 0
    assert checked >= sum(len(p["call_ids"]) for p in posts)
    assert not posted & held
    # Every posted call is of a publishable type; every call of a sensitive type is held, never posted.
    for call_id in posted:
        if call_id in rows:
            assert type_key(rows[call_id][columns.type]) in publishable_keys, rows[call_id][columns.type]
    for call_id in sensitive_held:
        if call_id in rows:
            assert type_key(rows[call_id][columns.type]) in sensitive_keys
    assert not {c for c in posted if c in rows and type_key(rows[c][columns.type]) in sensitive_keys}


@pytest.mark.skipif(not SLO.is_file(), reason="reference call log not present")
def test_san_luis_obispo_busiest_day() -> None:
    """The busiest day of the log (midnight to midnight, Pacific) as a 24-hour tweetathon (full), first hour (smoke)."""
    report = _run(SLO, "san-luis-obispo", 1200 if SMALL else 300, RehearsalWindow(None, 1.0 if SMALL else 24.0))
    _check(report, SLO, "san-luis-obispo", SLO_COLUMNS, "San Luis Obispo busiest day")


@pytest.mark.skipif(not SLO.is_file(), reason="reference call log not present")
def test_san_luis_obispo_whole_file_in_24_hours() -> None:
    """The whole SLO log compressed into a day (full) or an hour of its busiest afternoon (smoke)."""
    if SMALL:
        window = RehearsalWindow(datetime.fromisoformat("2021-10-29T15:00:00-07:00"), 1.0)
        report = _run(SLO, "san-luis-obispo", 1200, window)
    else:
        report = _run(SLO, "san-luis-obispo", 150, RehearsalWindow(None, 24.0, compress=True))
    _check(report, SLO, "san-luis-obispo", SLO_COLUMNS, "San Luis Obispo")
    if not SMALL:
        # Compressed, the window holds every row of the file: the publishable count is the file's own.
        preset = shipped_presets()["san-luis-obispo"]
        keys, _sensitive = publishable_types(preset)
        rows = read_rows(SLO, SLO_COLUMNS)
        assert report["totals"]["publishable"] == sum(1 for r in rows.values() if type_key(r["type"]) in keys)


@pytest.mark.skipif(not CITY.is_file(), reason="reference street-crime file not present")
def test_city_of_london_day() -> None:
    """City of London street crime over a day (full) or an hour (smoke)."""
    hours = 1.0 if SMALL else 24.0
    report = _run(CITY, "city-of-london-street", 1200 if SMALL else 300, RehearsalWindow(None, hours))
    _check(report, CITY, "city-of-london-street", CITY_COLUMNS, "City of London")
