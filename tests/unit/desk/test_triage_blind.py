"""Blind evaluation set for inbox triage.

`triage_blind.jsonl` was written without looking at the rule set, from how people
actually write to police accounts, so it measures how the rules generalise. This
module checks the file's shape and class mix and prints the rules' figures on it
(run with ``-s``); ``test_rules_keep_their_level_on_the_blind_set`` locks in the level the
rules reached, a little below what was measured.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

BLIND = Path(__file__).with_name("triage_blind.jsonl")
LABELS = (
    "emergency",
    "safeguarding",
    "crime_report",
    "tip",
    "complaint",
    "question",
    "abuse",
    "other",
)
LANGS = ("en", "fi", "sv")
# Per language: emergencies and safeguarding weighted up because missing them costs most.
MIX = {
    "emergency": 20,
    "safeguarding": 16,
    "crime_report": 18,
    "tip": 16,
    "complaint": 14,
    "question": 16,
    "abuse": 10,
    "other": 10,
}


@dataclass(frozen=True)
class Example:
    """One labelled message from the blind set."""

    line: int
    text: str
    lang: str
    label: str


def parse_line(line_no: int, raw: str) -> Example:
    """Parse one JSON line, raising ValueError that names the line when it is malformed."""
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {line_no}: not JSON ({exc})") from exc
    if not isinstance(obj, dict):
        raise ValueError(f"line {line_no}: not a JSON object")
    if set(obj) != {"text", "lang", "label"}:
        raise ValueError(f"line {line_no}: keys must be text, lang, label; got {sorted(obj)}")
    text, lang, label = obj["text"], obj["lang"], obj["label"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"line {line_no}: text must be a non-empty string")
    if lang not in LANGS:
        raise ValueError(f"line {line_no}: lang {lang!r} not in {LANGS}")
    if label not in LABELS:
        raise ValueError(f"line {line_no}: label {label!r} not in {LABELS}")
    return Example(line_no, text, lang, label)


def load_blind(path: Path = BLIND) -> list[Example]:
    """Load every example of the blind set."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_line(n, raw) for n, raw in enumerate(lines, start=1) if raw.strip()]


def test_every_line_is_well_formed() -> None:
    raw_lines = BLIND.read_text(encoding="utf-8").splitlines()
    assert all(raw.strip() for raw in raw_lines), "blank line in the blind set"
    examples = load_blind()
    assert len(examples) == len(raw_lines)
    assert len(examples) >= 360


def test_no_duplicate_texts() -> None:
    texts = Counter(e.text.strip().casefold() for e in load_blind())
    dupes = [t for t, n in texts.items() if n > 1]
    assert not dupes, dupes


def test_class_mix_per_language() -> None:
    counts = Counter((e.lang, e.label) for e in load_blind())
    for lang in LANGS:
        for label, wanted in MIX.items():
            assert counts[(lang, label)] >= wanted, (lang, label, counts[(lang, label)])


@pytest.mark.parametrize(
    "raw",
    [
        "not json",
        "[]",
        '{"text": "hi", "lang": "en"}',
        '{"text": "  ", "lang": "en", "label": "other"}',
        '{"text": "hi", "lang": "de", "label": "other"}',
        '{"text": "hi", "lang": "en", "label": "spam"}',
        '{"text": 3, "lang": "en", "label": "other"}',
        '{"text": "hi", "lang": "en", "label": "other", "extra": 1}',
    ],
)
def test_parser_rejects_malformed_lines(raw: str) -> None:
    with pytest.raises(ValueError, match="line 7"):
        parse_line(7, raw)


def _report(pairs: list[tuple[str, str]], title: str) -> str:
    """Per-class precision/recall and a confusion matrix (rows gold, columns predicted)."""
    out = [f"== {title}: n={len(pairs)}"]
    if not pairs:
        return out[0]
    correct = sum(g == p for g, p in pairs)
    out.append(f"accuracy {correct / len(pairs):.3f} ({correct}/{len(pairs)})")
    out.append(f"{'class':<13}{'prec':>7}{'recall':>8}{'gold':>6}{'pred':>6}")
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in pairs)
        gold = sum(g == lab for g, _ in pairs)
        pred = sum(p == lab for _, p in pairs)
        prec = f"{tp / pred:.3f}" if pred else "  -  "
        rec = f"{tp / gold:.3f}" if gold else "  -  "
        out.append(f"{lab:<13}{prec:>7}{rec:>8}{gold:>6}{pred:>6}")
    short = [lab[:6] for lab in LABELS]
    out.append("gold\\pred    " + "".join(f"{s:>7}" for s in short))
    for g_lab in LABELS:
        row = [sum(g == g_lab and p == p_lab for g, p in pairs) for p_lab in LABELS]
        out.append(f"{g_lab:<13}" + "".join(f"{n:>7}" for n in row))
    return "\n".join(out)


def test_measure_rules_on_blind_set() -> None:
    """Print how the current rules do on the blind set; no thresholds asserted here."""
    from desk.triage import Triage

    triage = Triage.load()
    examples = load_blind()
    results = [(e, triage.classify(e.text, e.lang).label) for e in examples]
    for _, pred in results:
        assert pred in LABELS, pred
    print()
    print(_report([(e.label, p) for e, p in results], "all languages"))
    for lang in LANGS:
        print(_report([(e.label, p) for e, p in results if e.lang == lang], lang))
    missed = [(e, p) for e, p in results if e.label == "emergency" and p != "emergency"]
    print(f"== missed emergencies: {len(missed)}")
    for e, p in missed:
        print(f"  [{e.lang}] -> {p}: {e.text}")
    false_alarms = [(e, p) for e, p in results if p == "emergency" and e.label != "emergency"]
    print(f"== false emergencies: {len(false_alarms)}")
    for e, _ in false_alarms:
        print(f"  [{e.lang}] gold {e.label}: {e.text}")


# Levels reached when the rules were broadened by concept (measured 0.756 accuracy, emergency
# recall 52/60 = 0.867 and precision 0.765, safeguarding recall 0.688); set a little below so a
# rule change that loses ground on unseen wording fails here.
MIN_ACCURACY = 0.73
MIN_EMERGENCY_RECALL = 0.85
MIN_EMERGENCY_PRECISION = 0.70
MIN_SAFEGUARDING_RECALL = 0.65
MIN_LANGUAGE_ACCURACY = 0.70


def test_rules_keep_their_level_on_the_blind_set() -> None:
    """Guard against regressions: overall and per-language figures must not fall below the locked level."""
    from desk.triage import Triage

    triage = Triage.load()
    pairs = [(e.lang, e.label, triage.classify(e.text, e.lang).label) for e in load_blind()]

    def recall(label: str) -> float:
        gold = [p for _, g, p in pairs if g == label]
        return sum(p == label for p in gold) / len(gold)

    predicted_emergency = [g for _, g, p in pairs if p == "emergency"]
    assert sum(g == p for _, g, p in pairs) / len(pairs) >= MIN_ACCURACY
    assert recall("emergency") >= MIN_EMERGENCY_RECALL
    assert sum(g == "emergency" for g in predicted_emergency) / len(predicted_emergency) >= MIN_EMERGENCY_PRECISION
    assert recall("safeguarding") >= MIN_SAFEGUARDING_RECALL
    for lang in LANGS:
        mine = [(g, p) for lg, g, p in pairs if lg == lang]
        assert sum(g == p for g, p in mine) / len(mine) >= MIN_LANGUAGE_ACCURACY, lang
