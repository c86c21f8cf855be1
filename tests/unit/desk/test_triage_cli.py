"""``desk triage classify`` and ``desk triage evaluate`` entry functions."""

from __future__ import annotations

import io
import json
from pathlib import Path

from desk.triage import run_classify, run_evaluate


def test_classify_reads_stdin_and_prints_one_line_per_input() -> None:
    stdin = io.StringIO(
        '{"text": "someone is breaking in right now", "lang": "en"}\n'
        "\n"
        "not json\n"
        '{"text": "how do I renew my licence?"}\n'
        '{"lang": "en"}\n'
        '{"text": "hei", "lang": "de"}\n'
    )
    out = io.StringIO()
    assert run_classify([], stdin, out) == 0
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines[0]["label"] == "emergency"
    assert lines[0]["reason"]["code"] == "triage.rule"
    assert lines[0]["reason"]["params"]["rule"] == "en.emergency.break_in"
    assert "breaking in" in lines[0]["reason"]["text"]
    assert lines[1] == {"line": 3, "error": "<stdin>:3: not valid JSON (Expecting value)"}
    assert lines[2]["label"] == "question"
    assert lines[3]["line"] == 5 and "'text'" in lines[3]["error"]
    assert lines[4]["line"] == 6 and "unknown lang" in lines[4]["error"]
    assert len(lines) == 5


def test_classify_reads_files(tmp_path: Path) -> None:
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps({"text": "min cykel blev stulen i går", "lang": "sv"}) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert run_classify([a, a], io.StringIO(), out) == 0
    assert [json.loads(line)["label"] for line in out.getvalue().splitlines()] == ["crime_report"] * 2


def test_classify_unreadable_file_and_bad_rules(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_classify([tmp_path / "missing.jsonl"], io.StringIO(), out) == 2
    assert out.getvalue().startswith("error: cannot read")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "en.json").write_text('{"language": "en", "rules": [}', encoding="utf-8")
    out = io.StringIO()
    assert run_classify([], io.StringIO('{"text": "x"}\n'), out, rules_path=rules) == 2
    assert out.getvalue().count("\n") == 1 and "en.json:1: not valid JSON" in out.getvalue()


def test_evaluate_prints_precision_recall_and_the_matrix(tmp_path: Path) -> None:
    path = tmp_path / "eval.jsonl"
    rows = [
        {"text": "there is a man with a knife outside", "lang": "en", "label": "emergency"},
        {"text": "my bike was stolen last week", "lang": "en", "label": "crime_report"},
        {"text": "what time do you open?", "lang": "en", "label": "question"},
        {"text": "lovely weather", "lang": "en", "label": "question"},  # will be "other": a miss
    ]
    lines = [json.dumps(r) for r in rows]
    lines.insert(2, '{"text": "no label"}')
    lines.insert(3, '{"text": "bad label", "label": "gossip"}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert run_evaluate(path, out) == 0
    report = out.getvalue()
    assert f"skipped {path}:3: 'label' must be one of" in report
    assert f"skipped {path}:4: 'label' must be one of" in report
    assert "accuracy 0.750 (3/4)" in report
    summary, _, matrix = report.partition("accuracy")
    table = {line.split()[0]: line.split()[1:] for line in summary.splitlines() if line.split()}
    assert table["emergency"][:2] == ["1.000", "1.000"]
    assert table["question"][:2] == ["1.000", "0.500"]
    assert table["other"][:2] == ["0.000", "-"]
    assert "expected \\ predicted" in matrix
    rows = {line.split()[0]: [int(n) for n in line.split()[1:]] for line in matrix.splitlines()[3:] if line.split()}
    assert rows["question"] == [0, 0, 0, 0, 0, 1, 0, 1]  # one right, one predicted "other" (last column)


def test_evaluate_unreadable_file(tmp_path: Path) -> None:
    out = io.StringIO()
    assert run_evaluate(tmp_path / "nope.jsonl", out) == 2
    assert out.getvalue().startswith("error: cannot read") and out.getvalue().count("\n") == 1
    binary = tmp_path / "bin.jsonl"
    binary.write_bytes(b"\xff\xfe\x00bad")
    out = io.StringIO()
    assert run_evaluate(binary, out) == 2
    assert "not UTF-8" in out.getvalue()
