"""Triage behaviour: tense, negation, inflection, compounds, typos, reasons, precedence and rule-file errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.triage import LABELS, Triage, TriageRulesError, normalise, tokens


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load()


# --- tense -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("someone IS breaking in to the flat upstairs right now", "en", "emergency"),
        ("someone WAS breaking in to the flats last week, it's on my ring camera", "en", "crime_report"),
        ("joku murtautuu meidän kellariin nyt", "fi", "emergency"),
        ("joku murtautui meidän kellariin viime viikolla", "fi", "crime_report"),
        ("någon bryter sig in i källaren just nu", "sv", "emergency"),
        ("någon bröt sig in i källaren förra veckan", "sv", "crime_report"),
    ],
)
def test_present_is_an_emergency_and_past_is_a_crime_report(triage: Triage, text: str, lang: str, label: str) -> None:
    assert triage.classify(text, lang).label == label


def test_a_past_downgrade_is_part_of_the_reason(triage: Triage) -> None:
    result = triage.classify("a man with a knife was outside the shop yesterday", "en")
    assert result.label == "crime_report"
    assert result.reason_code == "triage.downgraded_past"
    assert result.reason_params["downgraded_from"] == "emergency"
    assert "told in the past" in result.explain()


def test_now_keeps_an_emergency_even_with_a_past_word(triage: Triage) -> None:
    text = "the man who attacked me yesterday is outside with a knife right now"
    assert triage.classify(text, "en").label == "emergency"


# --- negation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Not an emergency, but the streetlights on Mill Lane have been out for a week", "en"),
        ("ei ole hätätilanne mutta katuvalot ovat olleet rikki viikon", "fi"),
        ("inte akut men gatlyktorna har varit trasiga en vecka", "sv"),
    ],
)
def test_a_disclaimer_removes_the_alarm_word(triage: Triage, text: str, lang: str) -> None:
    result = triage.classify(text, lang)
    assert result.label != "emergency"
    negated = [m for m in result.matched if m.negated_by]
    assert negated and negated[0].label == "emergency"
    assert result.reason_params["negations"][0]["negator"] in {"not", "ei", "inte"}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("not an emergency but actually there is a man with a gun in the car park right now", "en"),
        ("ei ole hätätilanne mutta pihalla on mies aseen kanssa nyt", "fi"),
        ("inte akut men det står en man med pistol på gården nu", "sv"),
    ],
)
def test_a_disclaimer_does_not_hide_a_real_emergency_after_but(triage: Triage, text: str, lang: str) -> None:
    assert triage.classify(text, lang).label == "emergency"


def test_negation_does_not_cross_a_clause_break(triage: Triage) -> None:
    # "no" belongs to the first clause; the stabbing after the comma counts.
    assert triage.classify("no, he has been stabbed", "en").label == "emergency"


def test_a_negated_phrase_is_its_own_term(triage: Triage) -> None:
    # The negation inside "not breathing" is the emergency, not a negation of it.
    result = triage.classify("my grandad is not breathing", "en")
    assert result.label == "emergency"
    assert not any(m.negated_by for m in result.matched)


# --- Finnish inflection, Swedish compounds, typos, repeated letters ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "kaveri puukotettiin bussipysäkillä nyt",
        "ne puukottaa jotain tyyppiä tuolla",
        "joku ryöstää huoltoasemaa aseen kanssa",
        "ne uhkaa tappaa sen",
    ],
)
def test_finnish_inflected_forms(triage: Triage, text: str) -> None:
    assert triage.classify(text, "fi").label == "emergency"


def test_finnish_self_harm_by_stem(triage: Triage) -> None:
    assert triage.classify("mulla on itsemurha-ajatuksia", "fi").label == "safeguarding"
    assert triage.classify("ajattelen itsemurhaa", "fi").label == "safeguarding"


def test_swedish_compounds(triage: Triage) -> None:
    assert triage.classify("anmäler cykelstölden från i fredags", "sv").label == "crime_report"
    assert triage.classify("bilinbrottet på parkeringen i helgen", "sv").label == "crime_report"
    assert triage.classify("han är knivhuggen i magen", "sv").label == "emergency"


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("my friend is sucidal", "en", "safeguarding"),
        ("he is unconsious on the floor", "en", "emergency"),
        ("mieltä painaa itsemruha", "fi", "safeguarding"),
        ("han är medvetslö på golvet", "sv", "emergency"),
    ],
)
def test_one_typo_in_a_long_word(triage: Triage, text: str, lang: str, label: str) -> None:
    result = triage.classify(text, lang)
    assert result.label == label
    assert any(m.fuzzy for m in result.matched)


def test_repeated_letters_and_case(triage: Triage) -> None:
    assert normalise("HEEEELP") == "help"
    assert normalise("Hjääälp") == "hjälp"
    assert triage.classify("HEEELP someone is breaking in", "en").label == "emergency"


def test_accents_fold_but_nordic_letters_stay() -> None:
    assert normalise("Café São") == "cafe sao"
    assert normalise("Tämä Är Öppet Å") == "tämä är öppet å"
    assert tokens("isn't it?") == ["isnt", "it", "?"]


# --- the other classes and the reason -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("what time does the lost property office open?", "en", "question"),
        ("your call handler was really rude to my mother, I want to complain", "en", "complaint"),
        ("you're a bunch of corrupt pigs", "en", "abuse"),
        ("anonymous tip: the blue transit van at the end of our road is full of stolen tools", "en", "tip"),
        ("thank you for the road safety talk at our school", "en", "other"),
        ("mistä saan lomakkeen?", "fi", "question"),
        ("tack för att ni kom så snabbt igår", "sv", "other"),
    ],
)
def test_everyday_classes(triage: Triage, text: str, lang: str, label: str) -> None:
    assert triage.classify(text, lang).label == label


def test_reason_names_the_rule_and_the_words(triage: Triage) -> None:
    result = triage.classify("there is a man with a gun at the station", "en")
    assert result.label == "emergency"
    assert result.reason_code == "triage.rule"
    assert result.reason_params["rule"].startswith("en.emergency.")
    assert "with a gun" in result.reason_params["words"]
    assert result.scores["emergency"] >= 1.0
    assert "with a gun" in result.explain()


def test_no_rule_means_other_with_a_reason(triage: Triage) -> None:
    result = triage.classify("lovely sunset over the harbour", "en")
    assert (result.label, result.reason_code, result.matched) == ("other", "triage.no_rule", ())


def _doc(rules: list[dict[str, Any]], **markers: list[str]) -> dict[str, Any]:
    return {"language": "en", "rules": rules, **markers}


def test_emergency_wins_over_a_higher_abuse_score() -> None:
    t = Triage.from_rules(
        [
            _doc(
                [
                    {"id": "e", "label": "emergency", "terms": ["fire"]},
                    {"id": "a1", "label": "abuse", "weight": 3, "terms": ["idiots"]},
                ]
            )
        ],
        {"decisive": ["emergency"]},
    )
    result = t.classify("fire here you idiots", "en")
    assert result.label == "emergency"
    assert result.scores == {"emergency": 1.0, "abuse": 3.0}


def test_weights_threshold_and_ties() -> None:
    t = Triage.from_rules(
        [
            _doc(
                [
                    {"id": "weak1", "label": "emergency", "weight": 0.5, "terms": ["help"]},
                    {"id": "weak2", "label": "emergency", "weight": 0.5, "terms": ["knife"]},
                    {"id": "c", "label": "complaint", "terms": ["slow"]},
                    {"id": "q", "label": "question", "terms": ["slow"]},
                ]
            )
        ]
    )
    assert t.classify("help", "en").label == "other"  # 0.5 is under the threshold of 1
    assert t.classify("help knife", "en").label == "emergency"
    assert t.classify("help help help", "en").scores["emergency"] == 0.5  # a rule counts once
    assert t.classify("slow", "en").label == "complaint"  # tie: precedence decides


def test_wildcards_gap_and_language_filter() -> None:
    fi = {"language": "fi", "rules": [{"id": "fi.x", "label": "tip", "terms": ["huume*"]}]}
    en = _doc([{"id": "en.x", "label": "tip", "terms": ["*farm", "selling _ drugs"]}])
    t = Triage.from_rules([fi, en])
    assert t.classify("weedfarm", "en").label == "tip"
    assert t.classify("selling hard drugs", "en").label == "tip"
    assert t.classify("selling drugs", "en").label == "other"  # _ needs exactly one word
    assert t.classify("huumeita", "fi").label == "tip"
    assert t.classify("huumeita", "en").label == "other"  # Finnish rules are not used for English
    assert t.classify("huumeita", None).label == "tip"


@given(st.text(max_size=300))
def test_any_text_gets_a_known_label(text: str) -> None:
    t = _shared()
    result = t.classify(text)
    assert result.label in LABELS
    assert t.classify(text) == result  # pure: same input, same answer


_SHARED: list[Triage] = []


def _shared() -> Triage:
    if not _SHARED:
        _SHARED.append(Triage.load())
    return _SHARED[0]


# --- rule files ---------------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """{
  "language": "en",
  "rules": [
    {"id": "en.a", "label": "tip", "terms": ["dodgy"]},
    {"id": "en.b", "label": "question", "terms": ["how"]}
  ]
}
"""


def test_shipped_rules_load_and_cover_every_class() -> None:
    t = Triage.load()
    assert t.rule_count > 100
    labels = {
        term.rule.label for lex in [t._lexicons[None]] for terms in lex.exact.values() for term in terms if term.rule
    }
    assert labels >= set(LABELS) - {"other"}


def test_a_folder_of_good_rules_loads(tmp_path: Path) -> None:
    _write(tmp_path, "en.json", GOOD)
    t = Triage.load(tmp_path)
    assert t.classify("dodgy car", "en").label == "tip"
    assert Triage.load(tmp_path / "en.json").rule_count == 2


def test_bad_json_names_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "en.json", GOOD.replace('"how"]}', '"how"]]'))
    with pytest.raises(TriageRulesError) as err:
        Triage.load(tmp_path)
    assert err.value.file == str(path)
    assert err.value.line == 5
    assert str(err.value).startswith(f"{path}:5: not valid JSON")


def test_unknown_class_names_the_rule_line(tmp_path: Path) -> None:
    _write(tmp_path, "en.json", GOOD.replace('"label": "question"', '"label": "gossip"'))
    with pytest.raises(TriageRulesError) as err:
        Triage.load(tmp_path)
    assert err.value.line == 5
    assert "rules/1/label" in err.value.problem and "gossip" in err.value.problem


def test_bad_term_names_the_line_of_the_term(tmp_path: Path) -> None:
    text = GOOD.replace('"terms": ["how"]', '"terms": [\n      "how",\n      "bad*word"\n    ]')
    _write(tmp_path, "en.json", text)
    with pytest.raises(TriageRulesError) as err:
        Triage.load(tmp_path)
    assert err.value.line == 7
    assert "en.b" in err.value.problem and "bad*word" in err.value.problem


@pytest.mark.parametrize(
    ("replace", "expect"),
    [
        (('"terms": ["dodgy"]', '"terms": []'), "rules/0/terms"),
        (('"terms": ["dodgy"]', '"terms": ["dodgy"], "weight": -1'), "rules/0/weight"),
        (('"id": "en.a"', '"id": "En A"'), "rules/0/id"),
        (('"terms": ["dodgy"]', '"terms": ["sh~"]'), "typo matching"),
        (('"terms": ["dodgy"]', '"terms": ["_ dodgy"]'), "cannot start with _"),
        (('"language": "en"', '"language": "de"'), "language"),
    ],
)
def test_schema_and_term_errors_are_clear(tmp_path: Path, replace: tuple[str, str], expect: str) -> None:
    _write(tmp_path, "en.json", GOOD.replace(*replace))
    with pytest.raises(TriageRulesError) as err:
        Triage.load(tmp_path)
    assert expect in str(err.value)
    assert err.value.line >= 1


def test_the_same_rule_id_in_two_language_files(tmp_path: Path) -> None:
    _write(tmp_path, "en.json", GOOD)
    _write(tmp_path, "fi.json", GOOD.replace('"language": "en"', '"language": "fi"'))
    with pytest.raises(TriageRulesError, match="more than one language file"):
        Triage.load(tmp_path)


def test_bad_settings_and_missing_folder(tmp_path: Path) -> None:
    _write(tmp_path, "en.json", GOOD)
    _write(tmp_path, "triage.json", json.dumps({"thresholds": {"emergency": 0}}))
    with pytest.raises(TriageRulesError, match="thresholds/emergency"):
        Triage.load(tmp_path)
    with pytest.raises(TriageRulesError, match="no such rule file"):
        Triage.load(tmp_path / "nowhere")
    with pytest.raises(TriageRulesError, match="no rule files"):
        Triage.load(_write(tmp_path / "empty", "notes.txt", "").parent)


def test_from_rules_reports_the_document() -> None:
    with pytest.raises(TriageRulesError, match=r"rules\[0\]"):
        Triage.from_rules([{"language": "en", "rules": [{"id": "x", "label": "tip"}]}])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("somebody broke into the garage and is still in there", "en"),
        ("joku murtautui kellariin ja on yhä siellä", "fi"),
        ("någon bröt sig in i garaget och är kvar inne", "sv"),
    ],
)
def test_a_crime_still_going_on_moves_up_to_emergency(triage: Triage, text: str, lang: str) -> None:
    result = triage.classify(text, lang)
    assert result.label == "emergency"
    assert result.reason_code == "triage.upgraded_present"
    assert result.reason_params["upgraded_from"] == "crime_report"
    assert "still going on" in result.explain()


def test_distinct_weak_cues_add_up_to_full_evidence(triage: Triage) -> None:
    one = triage.classify("I can hear screaming", "en")
    assert (one.label, one.reason_params["weak"]) == ("emergency", True)  # one hint: raised to be safe
    two = triage.classify("a woman is screaming for help in the lane, someone is hurting her", "en")
    assert (two.label, two.reason_params["weak"]) == ("emergency", False)
    assert two.scores["emergency"] >= 1.0


def test_one_weak_emergency_hint_is_raised_unless_past_or_clearly_something_else() -> None:
    t = Triage.from_rules(
        [
            _doc(
                [
                    {"id": "w", "label": "emergency", "weight": 0.5, "terms": ["knife"]},
                    {"id": "s", "label": "safeguarding", "terms": ["scared"]},
                    {"id": "q", "label": "question", "weight": 1.5, "terms": ["where can i"]},
                    {"id": "c", "label": "complaint", "terms": ["rude"]},
                ],
                past_markers=["yesterday"],
            )
        ],
        {"weak_thresholds": {"emergency": 0.5}, "weak_yields_to": 1.5},
    )
    weak = t.classify("a knife outside the shop", "en")
    assert weak.label == "emergency" and weak.reason_params["weak"] is True
    assert "weak evidence" in weak.explain()
    assert t.classify("a knife outside the shop, rude people", "en").label == "emergency"  # 1.0 < 1.5: still raised
    assert t.classify("a knife outside the shop yesterday", "en").label == "other"  # told in the past
    assert t.classify("where can i hand in a knife", "en").label == "question"  # clearly a question
    assert t.classify("scared, there is a knife", "en").label == "safeguarding"  # full beats weak
