"""Importing a 100,000-row call log in the San Luis Obispo layout into SQLite (target: 20,000 rows/s or more).

Run: ``.venv/bin/pytest tests/benchmarks/bench_calls_import.py -o python_files='bench_*.py' -p no:randomly -s``
(``DESK_BENCH_SMALL=1`` shrinks it to 10,000 rows for a smoke run). The file is generated from the real
log's rows: the same columns, types, addresses and free text, with new case numbers and times spread over
six months (so the time cache does not flatter the figure), plus 5% repeats and 1% changed outcomes.
"""

from __future__ import annotations

import csv
import os
import random
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from desk.calls.mapping import shipped_presets
from desk.calls.store import CallStore
from desk.tweetathon.wording import WordingService

SMALL = os.environ.get("DESK_BENCH_SMALL") == "1"
ROWS = 10_000 if SMALL else 100_000
TARGET = 20_000  # rows per second


def _generate(source: Path, target: Path, rows: int) -> int:
    with source.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        real = list(reader)
    rng = random.Random(6)
    start = datetime(2021, 9, 14)
    written = 0
    with target.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        case = 300_000_000
        recent: list[list[str]] = []
        while written < rows:
            roll = rng.random()
            if recent and roll < 0.05:
                row = list(rng.choice(recent))  # a repeat
                if roll < 0.01:
                    row[-1] = rng.choice(["No Report", "Report To Follow", "Citation"])
            else:
                row = list(real[written % len(real)])
                case += 1
                when = start + timedelta(minutes=rng.randrange(0, 60 * 24 * 182))
                row[0], row[1], row[2] = str(case), when.strftime("%m/%d/%y"), when.strftime("%H:%M")
                recent = [*recent[-500:], row]
            writer.writerow(row)
            written += 1
    return written


def test_import_rate(tmp_path: Path, ctx: Any, reference_dir: Path) -> None:
    if ctx.engine.dialect.name != "sqlite":
        return  # the figure is for the desk's default database; PostgreSQL is covered by the unit tests
    path = tmp_path / "calls.csv"
    rows = _generate(reference_dir / "calls" / "slopd_san_luis_obispo_police_call_log.csv", path, ROWS)
    WordingService(ctx).seed_defaults()
    preset = shipped_presets()["san-luis-obispo"]
    ticks: list[int] = []
    started, cpu_started = time.perf_counter(), time.process_time()
    report = CallStore(ctx).import_file(path, preset, progress=lambda n, _pos: ticks.append(n))
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started  # this process's own CPU time: steadier than the wall on a busy machine
    rate = rows / elapsed
    print(
        f"\nimported {rows:,} rows in {elapsed:.2f} s: {rate:,.0f} rows/s ({rows / cpu:,.0f} rows per CPU second) "
        f"(new {report.imported:,}, updated {report.updated:,}, unchanged {report.unchanged:,}, "
        f"bad {len(report.bad_rows)}, load average {os.getloadavg()[0]:.1f})"
    )
    assert report.read == rows and not report.bad_rows
    assert report.imported + report.updated + report.unchanged == rows
    assert ticks and ticks[-1] == rows
    assert rate >= TARGET or SMALL, f"{rate:,.0f} rows/s is under the {TARGET:,} rows/s target"
