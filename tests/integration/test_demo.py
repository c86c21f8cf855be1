"""Demo mode end to end: the sandbox as a child process, five demo accounts, traffic synced within seconds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def test_desk_run_demo_brings_traffic_from_all_five_platforms(tmp_path: Path) -> None:
    env = {**os.environ, "DESK_DATA_DIR": str(tmp_path)}
    env.pop("DESK_DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-m", "desk", "run", "--demo", "--for", "10"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "runner started" in run.stdout and "runner stopped" in run.stdout
    status = subprocess.run(
        [sys.executable, "-m", "desk", "status", "--json", "--demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    doc = json.loads(status.stdout)
    assert set(doc["accounts"]) == {"x", "facebook", "instagram", "mastodon", "bluesky"}
    assert set(doc["inbox_items"]) == {"x", "facebook", "instagram", "mastodon", "bluesky"}
    assert doc["runner"]["active"] is False
    assert (tmp_path / "demo.sqlite3").exists() and not (tmp_path / "desk.sqlite3").exists()  # never the real one
    verify = subprocess.run(
        [sys.executable, "-m", "desk", "audit", "verify", "--demo"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert verify.returncode == 0 and verify.stdout.startswith("OK:"), verify.stdout + verify.stderr
