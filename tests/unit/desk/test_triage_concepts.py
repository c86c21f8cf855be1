"""Triage cues that generalise: figurative idioms, legal questions, shouting, habitual wording, concept dev sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desk.resources import resource_path
from desk.triage import Triage, evaluate


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load()


def _doc(rules: list[dict[str, Any]], **markers: list[str]) -> dict[str, Any]:
    return {"language": "en", "rules": rules, **markers}


def _toy() -> Triage:
    return Triage.from_rules(
        [
            _doc(
                [
                    {"id": "kill", "label": "emergency", "terms": ["killing", "knife"]},
                    {"id": "self", "label": "safeguarding", "terms": ["kill myself"]},
                    {"id": "ask", "label": "question", "terms": ["can i"]},
                    {"id": "legal", "label": "question", "terms": ["licence"]},
                    {"id": "busy", "label": "complaint", "terms": ["killing me"]},
                ],
                idioms=["killing me"],
                hypothetical=["can i"],
                present_markers=["now"],
            )
        ],
        {"weak_thresholds": {"emergency": 0.5}},
    )


def test_an_idiom_cancels_the_alarm_word_inside_it_and_says_so() -> None:
    t = _toy()
    result = t.classify("this queue is killing me", "en")
    assert result.label == "complaint"  # the idiom only cancels emergency and safeguarding words
    assert '"killing" not counted ("killing me" before it)' in result.explain()
    assert t.classify("he is killing him", "en").label == "emergency"


def test_a_legal_question_has_no_decisive_emergency_unless_it_is_happening_now() -> None:
    t = _toy()
    assert t.classify("can i carry a knife for work with a licence", "en").label == "question"
    assert t.classify("can i do anything, he has a knife now", "en").label == "emergency"
    # Hypothetical only lifts the outright win: the emergency score still competes, and wins a tie.
    assert t.classify("can i stop him, he has a knife", "en").label == "emergency"


def test_shouting_counts_as_now() -> None:
    t = Triage.from_rules(
        [_doc([{"id": "b", "label": "crime_report", "when_present": "emergency", "terms": ["break in"]}])]
    )
    assert t.classify("there is a break in at the shop", "en").label == "crime_report"
    assert t.classify("there is a BREAK in at the shop", "en").label == "emergency"
    assert t.classify("there is a break in at the shop!!", "en").label == "emergency"
    assert t.classify("THANKS for the help", "en").label == "other"  # no rule: capitals alone are nothing


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("this traffic is killing me lol", "en", "other"),
        ("tää ruuhka tappaa mut", "fi", "other"),
        ("jag dör av skratt åt era inlägg", "sv", "other"),
        ("is it legal to carry a lock knife for work?", "en", "question"),
        ("saako raketteja ampua pihalla?", "fi", "question"),
        ("får man bära fällkniv i jobbet?", "sv", "question"),
        ("CAR IN THE RIVER near the mill, someone inside", "en", "emergency"),
        ("AMMUTAAN torilla, ihmiset juoksee", "fi", "emergency"),
        ("en bil körde ner i hamnen med någon i", "sv", "emergency"),
        ("he follows me home every day after work, I'm scared", "en", "safeguarding"),
        ("a man is following me right now and he's right behind me", "en", "emergency"),
        ("joku seuraa minua nyt", "fi", "emergency"),
        ("inte akut men bilen är inbruten", "sv", "crime_report"),
        ("nobody bothered to come out when my shop was robbed", "en", "complaint"),
    ],
)
def test_concept_cues_in_three_languages(triage: Triage, text: str, lang: str, label: str) -> None:
    assert triage.classify(text, lang).label == label


@pytest.mark.parametrize("name", ["dev_concepts.jsonl", "dev_concepts_2.jsonl", "dev_concepts_3.jsonl"])
def test_concept_dev_sets_stay_tuned(triage: Triage, name: str) -> None:
    path = Path(resource_path("triage", name))
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert {r["lang"] for r in rows} == {"en", "fi", "sv"}
    result = evaluate(triage, [(r["text"], r["lang"], r["label"]) for r in rows])
    assert result.recall("emergency") == 1.0
    assert (result.recall("safeguarding") or 0.0) >= 0.9
    assert result.accuracy >= 0.9
