"""Stored tweetathons run in the background: the watched folder is read, due posts are handed over and sent,
the dashboard sees the engine while the window is open, and a missing folder is logged without stopping."""

from __future__ import annotations

import logging
import random
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from desk.ports import Platform
from desk.publishing import Publisher
from desk.services import build_services
from desk.tweetathon.control import running_engines
from desk.tweetathon.runner import TweetathonJobs
from desk.tweetathon.setups import SetupSpec, TweetathonSetups
from desk.tweetathon.wording import WordingService
from tests.unit.desk.conftest import CAPS
from tests.unit.desk.test_tweetathon_planner import T0, _calls, _published


def _setup(desk: Any, source: str, **extra: Any) -> None:
    values: dict[str, Any] = {
        "name": "Night shift",
        "source": source,
        "preset": "san-luis-obispo",
        "account_ids": (desk.acc[Platform.MASTODON].id,),
        "starts_at": T0,
        "ends_at": T0 + timedelta(hours=2),
    }
    values.update(extra)
    TweetathonSetups(desk.ctx).save(desk.people["press"], SetupSpec(**values))


def test_a_stored_tweetathon_reads_its_folder_and_posts_every_call(desk: Any, tmp_path: Path) -> None:
    desk.ctx.clock.set(T0)
    WordingService(desk.ctx).seed_defaults()
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "calls-1.csv").write_text(_calls(6, T0, 60), encoding="utf-8")
    _setup(desk, f"folder:{folder}")
    jobs = TweetathonJobs(desk.ctx, lambda p: CAPS[p])
    publisher = Publisher(desk.ctx, desk.pool, worker="t", rng=random.Random(1))
    try:
        for _ in range(30):  # half an hour of one-minute rounds
            jobs.run_once()
            publisher.run_due(limit=50)
            desk.ctx.clock.advance(60)
        assert [e.config.name for e in running_engines()] == ["Night shift"]
        sent = _published(desk)
        assert sorted(k for _a, _w, d in sent for k in d["call_keys"]) == [str(9000 + i) for i in range(6)]
        assert {d["source"] for _a, _w, d in sent} == {f"folder:{folder}"}
        # Past the window (and the delay), the engine leaves the dashboard.
        desk.ctx.clock.set(T0 + timedelta(hours=4))
        jobs.run_once()
        assert running_engines() == []
    finally:
        jobs.stop()


@pytest.mark.allow_log_warnings
def test_a_missing_folder_is_logged_and_the_other_tweetathons_go_on(
    desk: Any, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    desk.ctx.clock.set(T0 + timedelta(minutes=1))
    WordingService(desk.ctx).seed_defaults()
    folder = tmp_path / "ok"
    folder.mkdir()
    _setup(desk, f"folder:{tmp_path / 'gone'}", name="Broken")
    _setup(desk, f"folder:{folder}", name="Fine")
    jobs = TweetathonJobs(desk.ctx, lambda p: CAPS[p])
    try:
        with caplog.at_level(logging.WARNING, logger="desk.tweetathon.runner"):
            assert jobs.run_once() == 0
        assert "does not exist" in caplog.text and "Broken" in caplog.text
        assert sorted(jobs.running) == ["Broken", "Fine"]
    finally:
        jobs.stop()
    assert running_engines() == []


def test_the_desk_runs_the_tweetathons_in_the_background(ctx: Any) -> None:
    services = build_services(ctx, lambda record, creds: None, lambda p: CAPS[p])  # type: ignore[arg-type,return-value]
    assert any(isinstance(s, TweetathonJobs) for s in services.background())
