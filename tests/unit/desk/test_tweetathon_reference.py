"""The two real call logs through their shipped presets: import reports, and every post checked against its rows.

The expected figures are computed here straight from the CSV with the standard library, not copied from
the importer's output.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from desk.calls.mapping import Category, Preset, recognise, shipped_presets
from desk.calls.reader import read_csv
from desk.calls.records import CallRecord, Classifier, ImportReport, parse_rows
from desk.calls.times import TimeFlag
from desk.redaction import PrivacyGuard
from desk.tweetathon.locations import BLOCK_FORM, JOINER, PlaceList
from desk.tweetathon.posts import (
    BuiltPost,
    HeldCall,
    PostBuilder,
    SensitivePolicy,
    shipped_signposts,
    shipped_templates,
)
from desk.tweetathon.wording import seeded_wording

SLO = "calls/slopd_san_luis_obispo_police_call_log.csv"
COL = "calls/uk_city_of_london_police_street_crime_2020.csv"


@dataclass
class Parsed:
    preset: Preset
    raw: list[dict[str, str]]  # the source rows, every column, in file order
    records: list[CallRecord]
    report: ImportReport


def _parse(path: Path, preset: Preset) -> Parsed:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        raw = list(csv.DictReader(fh))
    report = ImportReport()
    with path.open(newline="", encoding="utf-8-sig") as fh:
        records = list(parse_rows(read_csv(fh, preset.columns), preset, Classifier(preset, seeded_wording()), report))
    return Parsed(preset, raw, records, report)


@pytest.fixture(scope="session")
def slo(reference_dir: Path) -> Parsed:
    return _parse(reference_dir / SLO, shipped_presets()["san-luis-obispo"])


@pytest.fixture(scope="session")
def col(reference_dir: Path) -> Parsed:
    return _parse(reference_dir / COL, shipped_presets()["city-of-london-street"])


# --- imports ------------------------------------------------------------------------------------------


def test_calls_recognised_mapping_of_both_layouts_matches_the_presets(reference_dir: Path) -> None:
    for name, rel in (("san-luis-obispo", SLO), ("city-of-london-street", COL)):
        with (reference_dir / rel).open(newline="", encoding="utf-8-sig") as fh:
            headers = next(csv.reader(fh))
        assert recognise(headers) == shipped_presets()[name].columns


def test_calls_slo_report_counts(slo: Parsed) -> None:
    raw, report = slo.raw, slo.report
    assert report.read == len(raw) == 20_076
    assert report.bad_rows == []
    assert report.excluded["9-1-1 ABANDON"] == sum(r["type"] == "9-1-1 ABANDON" for r in raw) == 3_991
    sensitive_types = {k.casefold() for k in slo.preset.sensitive_types}
    assert report.held_sensitive == sum(r["type"].strip().casefold() in sensitive_types for r in raw)
    for must in (
        "Sex Offense",
        "Domestic Viol",
        "Child Abuse",
        "Suicide Attempt",
        "MENTAL SUBJ",
        "Deceased Subj",
        "Missing Person",
        "Welfare Check",
        "Juvenile Prob",
    ):
        assert must.casefold() in sensitive_types
    # Every type in the file is worded, excluded or sensitive, except the empty one.
    assert dict(report.unknown_types) == {"": sum(not r["type"].strip() for r in raw)}
    assert report.derived_keys == 0


def test_calls_slo_times_are_utc_with_the_repeated_hour_flagged(slo: Parsed) -> None:
    # 7 Nov 2021, 01:00-01:59 happened twice in California.
    repeated = [r for r in slo.raw if r["date"] == "11/07/21" and r["received"].startswith("01:")]
    assert slo.report.dst_repeated == len(repeated) > 0
    flagged = [r for r in slo.records if r.time_flag is TimeFlag.DST_REPEATED]
    assert {r.call_key for r in flagged} == {r["case_number"] for r in repeated}
    first = slo.records[0]
    assert (first.received_at.isoformat(), slo.raw[0]["received"]) == ("2021-09-14T14:08:00+00:00", "07:08")  # PDT
    january = next(r for r in slo.records if r.received_at.month == 1 and r.received_at.day == 15)
    source = next(r for r in slo.raw if r["case_number"] == january.call_key)
    assert (int(source["received"][:2]) + 8) % 24 == january.received_at.hour  # PST
    assert slo.report.out_of_order == sum(
        1 for a, b in zip(slo.records, _running_max(slo.records), strict=True) if a.received_at < b
    )


def _running_max(records: list[CallRecord]) -> Iterator[Any]:
    best = None
    for r in records:
        yield best if best is not None else r.received_at
        best = r.received_at if best is None else max(best, r.received_at)


def test_calls_col_month_only_rows_are_spread_in_file_order(col: Parsed) -> None:
    assert col.report.read == len(col.raw) == 5_364
    assert col.report.synthetic_times == 5_364
    assert all(r.time_flag is TimeFlag.SYNTHETIC for r in col.records)
    times = [r.received_at for r in col.records]
    assert times == sorted(times) and len(set(times)) == len(times)
    gaps = {round((b - a).total_seconds(), 3) for a, b in itertools.pairwise(times)}
    assert max(gaps) - min(gaps) < 0.01  # evenly
    assert times[0].isoformat() == "2020-01-01T00:00:00+00:00"  # the default window is the file's months
    assert col.report.derived_keys == sum(not r["Crime ID"] for r in col.raw) == 676
    assert col.report.held_sensitive == sum(r["Crime type"] == "Violence and sexual offences" for r in col.raw)


def test_calls_col_window_can_be_chosen(reference_dir: Path) -> None:
    from datetime import UTC, datetime

    preset = shipped_presets()["city-of-london-street"]
    start, end = datetime(2026, 10, 14, 6, tzinfo=UTC), datetime(2026, 10, 15, 6, tzinfo=UTC)
    report = ImportReport()
    with (reference_dir / COL).open(newline="", encoding="utf-8-sig") as fh:
        records = list(
            parse_rows(read_csv(fh, preset.columns), preset, Classifier(preset, []), report, window=(start, end))
        )
    assert records[0].received_at == start and start < records[-1].received_at < end


def _expected_store_counts(raw: list[dict[str, str]], key: str, fields: list[str], outcome: str) -> dict[str, int]:
    versions: dict[str, set[tuple[str, ...]]] = {}
    latest_outcome: dict[str, str] = {}
    counts = Counter[str]()
    for row in raw:
        ident = row[key]
        if not ident:
            continue  # derived keys: counted separately
        content = tuple(" ".join(row[f].split()) for f in fields)
        if ident not in versions:
            versions[ident] = {content}
            counts["imported"] += 1
        elif content in versions[ident]:
            counts["unchanged"] += 1
        else:
            versions[ident].add(content)
            counts["updated"] += 1
            counts["follow_ups"] += latest_outcome[ident] != " ".join(row[outcome].split())
        latest_outcome[ident] = " ".join(row[outcome].split())
    return dict(counts)


def test_calls_slo_imports_into_the_database_and_a_second_import_changes_nothing(
    ctx: Any, reference_dir: Path, slo: Parsed
) -> None:
    from sqlalchemy import func, select

    from desk.calls.store import CallStore
    from desk.storage.tweetathon_models import Call
    from desk.tweetathon.wording import WordingService

    WordingService(ctx).seed_defaults()
    report = CallStore(ctx).import_file(reference_dir / SLO, slo.preset)
    fields = ["date", "received", "type", "address", "grid_location", "clearance_code"]
    expected = _expected_store_counts(slo.raw, "case_number", fields, "clearance_code")
    got = {
        "imported": report.imported,
        "unchanged": report.unchanged,
        "updated": report.updated,
        "follow_ups": report.follow_ups,
    }
    assert got == {k: expected.get(k, 0) for k in got}
    assert report.imported + report.unchanged + report.updated == 20_076
    with ctx.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Call)) == len({r["case_number"] for r in slo.raw})
        changed = session.scalars(select(Call).where(Call.follow_up_pending.is_(True))).all()
        assert len(changed) == report.follow_ups
        for call in changed:
            rows = [r for r in slo.raw if r["case_number"] == call.call_key]
            assert call.disposition == rows[-1]["clearance_code"].strip()
            assert call.previous_disposition in {r["clearance_code"].strip() for r in rows[:-1]}
    again = CallStore(ctx).import_file(reference_dir / SLO, slo.preset)
    assert (again.imported, again.updated, again.unchanged) == (0, 0, 20_076)


# --- posts ----------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _vocabulary(preset: Preset, places: PlaceList) -> set[str]:
    vocab = set(places.words()) | set(_words(BLOCK_FORM)) | set(_words(JOINER))
    for names in shipped_templates().values():
        for template in names.values():
            vocab |= set(_words(template))
    for texts in seeded_wording().values():
        for text in texts.values():
            vocab |= set(_words(text))
    vocab |= set(_words(preset.hashtag))
    return vocab


def _build_all(parsed: Parsed, lang: str = "en") -> tuple[PostBuilder, list[tuple[CallRecord, BuiltPost | HeldCall]]]:
    places = PlaceList.shipped(parsed.preset.name)
    assert places is not None and len(places) > 0
    builder = PostBuilder(parsed.preset, seeded_wording(), lang=lang, places=places)
    return builder, [(r, builder.build(r, n)) for n, r in enumerate(parsed.records, start=1)]


@pytest.fixture(scope="session")
def slo_posts(slo: Parsed) -> tuple[PostBuilder, list[tuple[CallRecord, BuiltPost | HeldCall]]]:
    return _build_all(slo)


def test_tweetathon_every_slo_post_is_safe_against_its_source_rows(slo: Parsed, slo_posts: Any) -> None:
    builder, built = slo_posts
    rows_by_key: dict[str, list[dict[str, str]]] = {}
    for row in slo.raw:
        rows_by_key.setdefault(row["case_number"], []).append(row)
    places = builder.places
    vocab = _vocabulary(slo.preset, places)
    # The builder runs the privacy guard on every post and holds the call on any hit (blocking or not):
    # no call held that way means the guard raised nothing on any post.
    assert isinstance(builder.guard, PrivacyGuard)
    assert [out.reason for _, out in built if isinstance(out, HeldCall) and out.status.value == "held"] == []
    posts = [(record, out) for record, out in built if isinstance(out, BuiltPost)]
    # Every publishable call is posted; nothing else is.
    publishable = [r for r in slo.records if r.status.value == "publishable"]
    assert len(posts) == len(publishable) > 14_000
    for record, post in posts:
        text = post.text
        words = _words(text)
        # The numbers a post says, besides its running number and the hashtag.
        numbers = re.findall(r"\d+", text.split(":", 1)[1].replace(slo.preset.hashtag, ""))
        padded = f" {' '.join(words)} "
        explained = (
            " ".join(_words(builder.place(record)))
            + " | "
            + " ".join(_words(seeded_wording()[record.call_type.casefold()]["en"]))
        )
        for row in rows_by_key[record.call_key]:
            number = re.match(r"\s*(\d+)", row["address"])
            if number and int(number.group(1)) >= 100:
                rounded = int(number.group(1)) // 100 * 100
                assert number.group(1) not in numbers or int(number.group(1)) == rounded, text
            elif number:
                assert number.group(1) not in numbers, text
            for officer in re.findall(r"[A-Za-z]{3,}", row["responsible_officer"]):
                assert officer.casefold() not in words or officer.casefold() in vocab, (officer, text)
            for unit in re.findall(r"\w+", row["units"]):
                assert unit.casefold() not in words, (unit, text)
            for column in ("description", "call_comments"):
                note = _words(row[column])
                for i in range(len(note) - 2):
                    run = " ".join(note[i : i + 3])
                    if f" {run} " in padded:
                        # A run is only allowed when the post's own structured parts explain it.
                        assert run in explained, (run, text)
                for word in note:
                    # Words of four or more letters; numbers are the hundred block, checked above.
                    if len(word) >= 4 and word.isalpha() and word in words:
                        assert word in vocab, (word, text)
    sample = {post.text for _, post in posts[:3]}
    assert all(text.startswith("Call ") and text.endswith("#SLOPD24") for text in sample)


def test_tweetathon_slo_sensitive_excluded_and_unknown_are_held(slo_posts: Any) -> None:
    _, built = slo_posts
    held = Counter(out.status.value for _, out in built if isinstance(out, HeldCall))
    statuses = Counter(r.status.value for r, _ in built)
    assert held["sensitive"] == statuses["sensitive"] > 1_000
    assert held["excluded"] == statuses["excluded"] >= 3_991
    assert held["review"] == statuses["review"]
    assert held["held"] == 0  # the guard stopped nothing that the structure let through


def test_tweetathon_col_posts_name_the_street_only_and_hold_violence_and_sexual_offences(col: Parsed) -> None:
    _, built = _build_all(col)
    guard = PrivacyGuard()
    posted = 0
    for record, out in built:
        if record.call_type == "Violence and sexual offences":
            assert isinstance(out, HeldCall) and out.category is Category.SEXUAL_OFFENCES
            continue
        assert isinstance(out, BuiltPost), out
        posted += 1
        assert "On or near" not in out.text
        assert record.location.removeprefix("On or near ").strip().casefold() in out.text.casefold()
        assert not guard.check(out.text, lang="en").hits, out.text
    assert posted == sum(r["Crime type"] != "Violence and sexual offences" for r in col.raw)


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_tweetathon_posts_in_finnish_and_swedish_pass_the_guard(col: Parsed, lang: str) -> None:
    _, built = _build_all(Parsed(col.preset, col.raw, col.records[:400], col.report), lang)
    guard = PrivacyGuard()
    texts = [out.text for _, out in built if isinstance(out, BuiltPost)]
    assert texts and all(not guard.check(t, lang=lang).hits for t in texts)
    assert all(t.startswith("Tehtävä " if lang == "fi" else "Uppdrag ") for t in texts)


def test_tweetathon_signpost_policy_replaces_sensitive_calls_with_a_generic_line(slo: Parsed) -> None:
    builder = PostBuilder(
        slo.preset, seeded_wording(), policy=SensitivePolicy.SIGNPOST, places=PlaceList.shipped(slo.preset.name)
    )
    sensitive = [r for r in slo.records if r.status.value == "sensitive"][:200]
    for n, record in enumerate(sensitive, start=1):
        out = builder.build(record, n)
        assert isinstance(out, BuiltPost) and out.signposted
        assert "sensitive matter" in out.text
        # Neither the type nor the place is said.
        assert builder.place(record) not in out.text or not builder.place(record)
        assert record.category is not None
        signpost = shipped_signposts()["en"][record.category.value]
        assert signpost in out.text
        assert record.call_type.casefold() not in out.text.replace(signpost, "").casefold()
