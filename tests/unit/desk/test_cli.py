"""The command line: help everywhere, one-line errors, users, audit verify, status."""

from __future__ import annotations

import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desk.cli import main
from desk.secrets import InMemorySecretStore

PW = "correct horse battery"
COMMANDS = [
    [],
    ["run"],
    ["db", "upgrade"],
    ["users", "add"],
    ["audit", "verify"],
    ["status"],
    ["guard", "check"],
    ["triage", "classify"],
    ["triage", "evaluate"],
]


def run(argv: list[str], secrets: Any = None, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err, secrets=secrets)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "desk")
def test_help_on_each_command(command: list[str]) -> None:
    code, out, _ = run([*command, "--help"])
    assert code == 0
    assert "usage: desk" in out


@pytest.mark.parametrize(
    "argv", [["--nope"], ["db", "sideways"], ["users", "add"], ["run", "--for", "soon"], ["status", "--json", "x"]]
)
def test_a_bad_argument_is_one_line_and_non_zero(argv: list[str]) -> None:
    code, _, _ = run(argv)
    assert code == 2
    done = subprocess.run(
        [sys.executable, "-m", "desk", *argv], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) <= 3 and "error:" in done.stderr.splitlines()[-1]


def test_users_add_audit_verify_and_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DESK_DATA_DIR", str(tmp_path))
    db = tmp_path / "desk.sqlite3"
    url = f"sqlite:///{db}"
    secrets = InMemorySecretStore()
    code, out, err = run(
        ["users", "add", "admin", "--name", "Aino Admin", "--roles", "administrator", "--database", url],
        secrets,
        stdin=PW + "\n",
    )
    assert code == 0, err
    assert "added admin (administrator)" in out
    # Adding a second person needs an administrator's credentials.
    code, _, err = run(
        ["users", "add", "olli", "--name", "Olli", "--roles", "officer", "--database", url], secrets, stdin=PW + "\n"
    )
    assert code == 2 and "--admin" in err
    monkeypatch.setenv("DESK_NEW_PASSWORD", PW)
    code, out, err = run(
        [
            "users",
            "add",
            "olli",
            "--name",
            "Olli",
            "--roles",
            "officer,supervisor",
            "--admin",
            "admin",
            "--database",
            url,
        ],
        secrets,
        stdin=PW + "\n",
    )
    assert code == 0, err
    assert "officer, supervisor" in out

    code, out, _ = run(["audit", "verify", "--database", url], secrets)
    assert code == 0 and out.startswith("OK:")

    with sqlite3.connect(db) as conn:  # a hand edit, as someone with file access might do
        conn.execute("UPDATE audit_entries SET actor = 'someone else' WHERE seq = 2")
    code, out, _ = run(["audit", "verify", "--database", url], secrets)
    assert code == 1
    assert out.startswith("BROKEN: entry 2 ") and "edited" in out

    code, out, _ = run(["status", "--json", "--database", url])
    status = json.loads(out)
    assert code == 0
    assert status["audit_entries"] == 4 and status["runner"] == {"active": False}
    assert status["accounts"] == {} and status["inbox_items"] == {}


def test_demo_and_database_do_not_mix(tmp_path: Path) -> None:
    code, _, err = run(["status", "--demo", "--database", f"sqlite:///{tmp_path}/x.sqlite3"])
    assert code == 2 and "--demo uses its own database" in err


def test_db_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'd.sqlite3'}"
    code, out, _ = run(["db", "upgrade", "--database", url])
    assert code == 0 and "upgraded empty database ->" in out
    code, out, _ = run(["db", "upgrade", "--database", url])
    assert code == 0 and out.startswith("already at")


def test_guard_check_with_an_extra_allow_list(tmp_path: Path) -> None:
    texts = tmp_path / "texts.txt"
    texts.write_text("Call the Kallio station on 0295 470 311 for lost property.\n", encoding="utf-8")
    code, out, _ = run(["guard", "check", str(texts)])
    assert code == 1 and "phone" in out
    allow = tmp_path / "allow.json"
    allow.write_text(
        json.dumps({"entries": [{"kind": "phone", "value": "+358 295 470 311", "label": "Kallio station"}]}),
        encoding="utf-8",
    )
    code, out, _ = run(["guard", "check", "--allow-list", str(allow), str(texts)])
    assert code == 0 and out.strip() == ""
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    code, _, err = run(["guard", "check", "--allow-list", str(tmp_path / "bad.json"), str(texts)])
    assert code == 2 and "allow-list" in err
