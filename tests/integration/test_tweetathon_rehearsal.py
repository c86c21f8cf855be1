"""A rehearsal over real HTTP: two busy hours of the San Luis Obispo log against the sandbox child process on
a shared accelerated clock. Every publishable call is posted on every platform, nothing is refused for rate,
and no post carries a house number or words of the control room's notes.

What is publishable is worked out here from the CSV with the standard library and the preset's own lists.
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from connectors.demo import spawn_sandbox
from connectors.registry import capabilities_for, connector_for
from desk.calls.mapping import shipped_presets, type_key
from desk.errors import ValidationFailed
from desk.tweetathon.rehearsal import RehearsalWindow, parse_accounts, run_rehearsal
from desk.tweetathon.wording import seeded_wording
from tests.tweetathon_checks import SLO_COLUMNS, check_posts, guard_hits

SLO = "calls/slopd_san_luis_obispo_police_call_log.csv"
PRESET = "san-luis-obispo"
# A busy afternoon and evening of the log's busiest day (Pacific time).
WINDOW_START = "2021-10-29T15:00:00-07:00"
HOURS = 2.0


def _expected(path: Path, start: datetime, end: datetime) -> tuple[set[str], dict[str, dict[str, str]]]:
    preset = shipped_presets()[PRESET]
    zone = preset.zone()
    wording = {type_key(k) for k in seeded_wording()}
    excluded = {type_key(t) for t in preset.excluded_types}
    sensitive = {type_key(t) for t in preset.sensitive_types}
    publishable: set[str] = set()
    rows: dict[str, dict[str, str]] = {}
    with path.open(newline="", encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            when = datetime.strptime(f"{row['date']} {row['received']}", "%m/%d/%y %H:%M").replace(tzinfo=zone)
            if not start <= when < end:
                continue
            rows[row["case_number"]] = row
            key = type_key(row["type"])
            if key in wording and key not in excluded and key not in sensitive:
                publishable.add(row["case_number"])
    return publishable, rows


@pytest.fixture(scope="module")
def rehearsal(reference_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    report = tmp_path_factory.mktemp("rehearsal") / "report.json"
    return run_rehearsal(
        reference_dir / SLO,
        spawn=spawn_sandbox,
        connector_for=connector_for,
        capabilities_for=capabilities_for,
        preset_name=PRESET,
        speed=1200,
        report_path=report,
        window=RehearsalWindow(datetime.fromisoformat(WINDOW_START), HOURS),
    )


def test_every_publishable_call_is_posted_on_every_platform_without_refusals(
    rehearsal: dict[str, Any], reference_dir: Path
) -> None:
    start = datetime.fromisoformat(WINDOW_START)
    publishable, _rows = _expected(reference_dir / SLO, start, start + timedelta(hours=HOURS))
    assert len(publishable) >= 10
    totals = rehearsal["totals"]
    assert totals["rate_limit_refusals"] == 0
    assert totals["undelivered"] == 0
    assert totals["publishable"] == len(publishable)
    by_platform: dict[str, set[str]] = {}
    for post in rehearsal["posts"]:
        by_platform.setdefault(post["account"].split(":")[0], set()).update(post["call_ids"])
    assert set(by_platform) == {"x", "mastodon", "bluesky"}
    for platform, ids in by_platform.items():
        assert ids == publishable, platform
    # Three X accounts take turns.
    assert len({p["account"] for p in rehearsal["posts"] if p["account"].startswith("x:")}) == 3


def test_posts_carry_no_house_number_and_no_note_words(rehearsal: dict[str, Any], reference_dir: Path) -> None:
    start = datetime.fromisoformat(WINDOW_START)
    _publishable, rows = _expected(reference_dir / SLO, start, start + timedelta(hours=HOURS))
    # A batched post has a line per call: each line is checked against its own call's row.
    checked, problems, unmatched = check_posts(rehearsal["posts"], rows, SLO_COLUMNS)
    assert problems == []
    assert unmatched == 0
    assert checked >= sum(len(p["call_ids"]) for p in rehearsal["posts"])
    assert guard_hits(rehearsal["posts"]) == []


def test_sensitive_and_excluded_calls_are_reported_with_reasons(rehearsal: dict[str, Any]) -> None:
    statuses = {o["status"] for o in rehearsal["not_posted"]}
    assert statuses <= {"sensitive", "excluded", "held", "review", "skipped"}
    assert all(o["reason"] for o in rehearsal["not_posted"])
    posted = {c for p in rehearsal["posts"] for c in p["call_ids"]}
    assert not posted & {o["call_id"] for o in rehearsal["not_posted"]}


def test_bad_accounts_spec_and_missing_file_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ValidationFailed):
        parse_accounts("x:three")
    with pytest.raises(ValidationFailed):
        parse_accounts("myspace:1")
    with pytest.raises(ValidationFailed):
        run_rehearsal(
            tmp_path / "missing.csv",
            spawn=spawn_sandbox,
            connector_for=connector_for,
            capabilities_for=capabilities_for,
        )
