"""Triage measured on the hand-labelled held-out set (never tuned on) and on the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desk.resources import resource_path
from desk.triage import LABELS, Evaluation, Triage, evaluate

HELDOUT = Path(__file__).with_name("triage_heldout.jsonl")
DEV = resource_path("triage", "dev_examples.jsonl")


def _items(path: Path) -> list[tuple[str, str | None, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["text"], r.get("lang"), r["label"]) for r in rows]


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load()


@pytest.fixture(scope="module")
def heldout(triage: Triage) -> Evaluation:
    return evaluate(triage, _items(HELDOUT))


def test_the_heldout_set_is_balanced_over_languages_and_classes() -> None:
    items = _items(HELDOUT)
    assert len(items) >= 240
    for lang in ("en", "fi", "sv"):
        mine = [label for _, item_lang, label in items if item_lang == lang]
        assert len(mine) >= 80
        assert set(mine) == set(LABELS), f"{lang} lacks some classes"


def test_heldout_never_misses_an_emergency(heldout: Evaluation) -> None:
    print("\n" + heldout.table())
    assert heldout.recall("emergency") == 1.0


def test_heldout_safeguarding_recall(heldout: Evaluation) -> None:
    recall = heldout.recall("safeguarding")
    assert recall is not None and recall >= 0.9


def test_heldout_overall_accuracy(heldout: Evaluation) -> None:
    assert heldout.accuracy >= 0.8


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_heldout_per_language_with_and_without_the_language_hint(triage: Triage, lang: str) -> None:
    items = [i for i in _items(HELDOUT) if i[1] == lang]
    hinted = evaluate(triage, items)
    unhinted = evaluate(triage, [(text, None, label) for text, _, label in items])
    print(f"\n{lang}: accuracy {hinted.accuracy:.3f} with lang, {unhinted.accuracy:.3f} without")
    assert hinted.recall("emergency") == 1.0
    assert unhinted.recall("emergency") == 1.0
    assert unhinted.accuracy >= 0.75


def test_dev_set_still_classifies(triage: Triage) -> None:
    result = evaluate(triage, _items(DEV))
    assert result.recall("emergency") == 1.0
    assert result.accuracy >= 0.85
