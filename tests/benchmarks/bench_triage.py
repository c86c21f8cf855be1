"""Triage throughput: short citizen messages classified per second, single-threaded.

Run: ``.venv/bin/pytest tests/benchmarks/bench_triage.py -p no:randomly -s``.
The messages are the dev examples with varied names, places and numbers spliced in, so the
per-token cache sees a realistic mix of known and new words, never one repeated message.
"""

from __future__ import annotations

import json
import random
import time
from typing import Any

import pytest

from desk.resources import resource_path
from desk.triage import Triage

COUNT = 20_000
NAMES = ["Aino", "Matti", "Sofia", "Jonte", "Dean", "Elsa", "Kalle", "Priya", "Tom", "Veera", "Linnea", "Oskari"]
PLACES = ["Hämeentie", "Storgatan", "Mill Lane", "Kauppatori", "Järnvägsgatan", "Queen St", "Rautatieasema", "Åbovägen"]


def _messages(count: int, seed: int = 7) -> list[tuple[str, str | None]]:
    rng = random.Random(seed)
    path = resource_path("triage", "dev_examples.jsonl")
    base = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: list[tuple[str, str | None]] = []
    for i in range(count):
        row = base[rng.randrange(len(base))]
        extra = f" {rng.choice(NAMES)} {rng.choice(PLACES)} {rng.randrange(1, 200)} #{i}"
        text = row["text"] + extra if rng.random() < 0.5 else extra.strip() + ", " + row["text"]
        out.append((text, row["lang"] if rng.random() < 0.8 else None))
    return out


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load()


def test_classify_short_messages_per_second(benchmark: Any, triage: Triage) -> None:
    messages = _messages(COUNT)

    def run() -> int:
        return sum(1 for text, lang in messages if triage.classify(text, lang).label)

    started = time.perf_counter()
    assert run() == COUNT  # warm the per-token cache once, as a running sync would
    cold = COUNT / (time.perf_counter() - started)
    benchmark.pedantic(run, rounds=5, iterations=1)
    rate = COUNT / benchmark.stats.stats.median
    # CPU time of this process as well: on a shared, busy machine wall time understates the speed.
    cpu_started = time.process_time()
    run()
    cpu_rate = COUNT / (time.process_time() - cpu_started)
    print(
        f"\ntriage: {rate:,.0f} messages/s warm (median of 5 x {COUNT:,}), {cold:,.0f}/s on a cold cache, "
        f"{cpu_rate:,.0f}/s per CPU second"
    )
    benchmark.extra_info["messages_per_cpu_second"] = round(cpu_rate)
    benchmark.extra_info["messages_per_second"] = round(rate)
    benchmark.extra_info["cold_messages_per_second"] = round(cold)


def test_load_the_shipped_rules(benchmark: Any) -> None:
    triage = benchmark(Triage.load)
    assert triage.rule_count > 100
