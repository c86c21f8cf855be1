"""The held-out corpus: hand-written police posts, replies and citizen texts in EN, FI and SV, each labelled
with the kinds that must hit (every kind not listed must not). Written before the detectors were tuned."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from desk.redaction import BLOCKING_KINDS, AllowList, HitKind, PrivacyGuard

CORPUS = Path(__file__).with_name("guard_corpus.jsonl")


def load() -> list[dict[str, Any]]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_the_corpus_covers_every_kind_in_three_languages() -> None:
    rows = load()
    assert len(rows) >= 150
    assert {row["lang"] for row in rows} == {"en", "fi", "sv"}
    positives = Counter(kind for row in rows for kind in row["hit"])
    for kind in HitKind:
        assert positives[kind.value] >= 5, kind
    assert sum(1 for row in rows if not row["hit"]) >= 60


def test_recall_is_total_on_blocking_kinds_and_there_are_no_false_alarms() -> None:
    shipped = AllowList.shipped()
    missed: list[str] = []
    false_alarms: list[str] = []
    found_per_kind: Counter[str] = Counter()
    expected_per_kind: Counter[str] = Counter()
    for number, row in enumerate(load(), start=1):
        allow = shipped.with_entries(row["allow"]) if row.get("allow") else shipped
        result = PrivacyGuard(allow).check(row["text"], lang=row["lang"])
        for hit in result.hits:
            assert row["text"][hit.start : hit.end] == hit.text
        got = {hit.kind.value for hit in result.hits}
        expected = set(row["hit"])
        for kind in expected:
            expected_per_kind[kind] += 1
            if kind in got:
                found_per_kind[kind] += 1
            else:
                missed.append(f"line {number}: {kind} not found in {row['text']!r}")
        for kind in got - expected:
            false_alarms.append(f"line {number}: {kind} raised on {row['text']!r}")
    blocking = {kind.value for kind in BLOCKING_KINDS}
    recall = {kind: found_per_kind[kind] / expected_per_kind[kind] for kind in expected_per_kind}
    assert all(recall[kind] == 1.0 for kind in blocking), (recall, missed)
    assert not missed, missed
    assert not false_alarms, false_alarms
