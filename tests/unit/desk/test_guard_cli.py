"""``desk guard check`` through ``run_check``: output lines, exit codes, bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

from desk.redaction import AllowList, PrivacyGuard, run_check

GUARD = PrivacyGuard(AllowList.shipped())


def run(paths: list[str], stdin_text: str = "") -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run_check(paths, io.StringIO(stdin_text), out, GUARD)
    return code, out.getvalue().splitlines()


def test_clean_plain_lines_exit_zero_and_print_nothing() -> None:
    code, lines = run([], "Call 609 theft in Bolton #gmp24\nSoitto 45: kolari, Hervanta\n\n")
    assert code == 0
    assert lines == []


def test_every_hit_is_printed_with_line_span_kind_and_level(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    rows = [
        {"text": "Call 12: theft, Bolton"},
        {"text": "Ring 07700 900123 or see 22 Acacia Avenue", "lang": "en"},
        {"text": "Suspect is a black male"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    code, lines = run([str(path)])
    assert code == 1
    assert lines == [
        f'{path}:2\t5\t17\tphone\tblocking\t"07700 900123"',
        f'{path}:2\t25\t41\tstreet_address\tblocking\t"22 Acacia Avenue"',
        f'{path}:3\t13\t23\tdescription_by_ethnicity\tadvisory\t"black male"',
    ]
    assert rows[1]["text"][5:17] == "07700 900123"
    assert rows[1]["text"][25:41] == "22 Acacia Avenue"


def test_advisories_alone_exit_zero() -> None:
    code, lines = run(["-"], "Suspect is a black male\n")
    assert code == 0
    assert len(lines) == 1


def test_bad_json_is_reported_with_its_line_and_the_rest_is_checked() -> None:
    code, lines = run([], '{"text": "fine"}\n{"text": broken\n{"nope": 1}\n{"text": "puh 040 123 4567"}\n')
    assert code == 2
    assert lines[0].startswith("<stdin>:2: error: invalid JSON")
    assert lines[1] == "<stdin>:3: error: a JSON line needs a string field 'text'"
    assert lines[2] == '<stdin>:4\t4\t16\tphone\tblocking\t"040 123 4567"'


def test_a_missing_file_gives_a_one_line_reason_and_exit_two(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("puh 040 123 4567\n", encoding="utf-8")
    code, lines = run([str(tmp_path / "missing.txt"), str(good)])
    assert code == 2
    assert lines[0].startswith(f"{tmp_path / 'missing.txt'}: error: cannot read")
    assert lines[1].startswith(f"{good}:1\t")


def test_a_file_that_is_not_utf8_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Hämeenkatu 5 B\n".encode("latin-1"))
    code, lines = run([str(path)])
    assert code == 2
    assert lines == [f"{path}: error: not UTF-8 text (byte 1)"]


def test_spans_in_output_index_the_text_with_odd_characters() -> None:
    text = "😀 puh ０４０ １２３ ４５６７"
    code, lines = run([], text + "\n")
    assert code == 1
    _source, start, end, kind, _level, shown = lines[0].split("\t")
    assert kind == "phone"
    assert text[int(start) : int(end)] == json.loads(shown)
