"""Privacy guard throughput: 280-character posts checked per second, single-threaded.

Run: ``.venv/bin/pytest tests/benchmarks/bench_guard.py -o python_files='bench_*.py' -p no:randomly -s``.
The mix: tweetathon posts (EN, FI, SV), press-office texts with allow-listed numbers, and citizen replies with
phone numbers, e-mail addresses, identity numbers, addresses, plates and dates of birth, each filled to
about 280 characters with varied call numbers, places and times.
"""

from __future__ import annotations

import os
import random
import time
from typing import Any

from desk.redaction import AllowList, PrivacyGuard

COUNT = 100 if os.environ.get("DESK_BENCH_SMALL") else 2_000
CLEAN = [
    "Call {n} – Disturbance reported on the {b} block of Higuera St at {h:02d}:{m:02d}. Officers attended. #slopd24",
    "Call {n} unauthorised use of a catalogue account in Bolton #gmp24",
    "Soitto {n} klo {h}.{m:02d}: liikenneonnettomuus, Hervanta, Tampere. Ei henkilövahinkoja. #poliisi24",
    "Samtal {n} kl. {h:02d}.{m:02d}: inbrott i Södermalm. Polis på plats. #polisen24",
    "In an emergency call 999. Non-emergency: 101. Samaritans are there 24/7 on 116 123.",
    "Poliisin vaihde 0295 419 800. Hätätilanteessa soita aina 112. Kriisipuhelin 09 2525 0111.",
    "Ring 114 14 för att göra en anmälan. Kvinnofridslinjen 020-50 50 50. Vid fara ring 112.",
    "Case 21-{n}: a {a}-year-old man from Wigan was charged and will appear in court on {d} March.",
]
RISKY = [
    "Thanks for the report. The officer will call you back on 07700 9{n:05d} later today.",
    "Soita minulle 040 {n:03d} {m:04d}, asun osoitteessa Hämeenkatu {a} B {d}.",
    "Mejla mig på anna.{n}@example.se eller ring 070-{n:03d} {m:02d} {d:02d}.",
    "Stolen silver Ford Focus, registration MA{d:02d} XYZ, from outside {a} Acacia Avenue.",
    "Missing: Sarah, DOB {d}/03/1985, last seen in Leigh. Described as a black female.",
    "Hetu 131052-308T löytyi lompakosta, auto ABC-{n:03d} pysäköity Mannerheimintie {a}:n eteen.",
]


def _posts(count: int, seed: int = 11) -> list[tuple[str, bool]]:
    rng = random.Random(seed)
    posts = []
    for _ in range(count):
        risky = rng.random() < 0.3
        parts: list[str] = []
        for _attempt in range(12):  # whole sentences only: a number cut in half is another number
            template = rng.choice(RISKY if risky and not parts else CLEAN)
            values = {
                "n": rng.randrange(1, 999),
                "b": rng.randrange(1, 40) * 100,
                "h": rng.randrange(24),
                "m": rng.randrange(60),
                "a": rng.randrange(18, 90),
                "d": rng.randrange(1, 28),
            }
            part = template.format(**values)
            if len(" ".join([*parts, part])) <= 280:
                parts.append(part)
        posts.append((" ".join(parts), risky))
    return posts


def test_guard_posts_per_second(benchmark: Any) -> None:
    guard = PrivacyGuard(AllowList.shipped())
    posts = _posts(COUNT)

    def run() -> int:
        return sum(1 for text, _risky in posts if guard.check(text).blocked)

    blocked = run()
    expected = sum(1 for _text, risky in posts if risky)
    # Every risky post carries at least one blocking detail; the clean ones (tweetathon lines, help lines)
    # must all pass, so the blocked count is exactly the risky count.
    assert blocked == expected
    benchmark.pedantic(run, rounds=3, iterations=1)
    rate = COUNT / benchmark.stats.stats.median
    cpu_started = time.process_time()
    run()
    cpu_rate = COUNT / (time.process_time() - cpu_started)
    print(f"\nguard: {rate:,.0f} posts/s (median of 3 x {COUNT:,}, ≤280 chars), {cpu_rate:,.0f}/s per CPU second")
