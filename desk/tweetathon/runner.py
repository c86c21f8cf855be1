"""Running the stored tweetathons in the background (``desk run``, or the window holding the runner lock).

Every round: each enabled tweetathon whose window is open gets its engine (registered for the dashboard),
its call source is read if it is a watched folder (``folder:PATH``) or a live feed (``feed:URL``), and the
engine hands due posts to the publisher. A tweetathon whose window has passed is taken off the dashboard.
One tweetathon's failure (a missing folder, a feed that is down) is logged and never stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desk.calls.sources import LiveFeed, WatchedFolder
from desk.context import DeskContext
from desk.errors import DeskError
from desk.ports import Capabilities, Platform
from desk.tweetathon.control import register_engine, unregister_engine
from desk.tweetathon.queue import TweetathonEngine
from desk.tweetathon.setups import SetupSpec, TweetathonSetups

log = logging.getLogger(__name__)

FOLDER = "folder:"
FEED = "feed:"
ROUND_SECONDS = 10.0


@dataclass
class _Running:
    spec: SetupSpec
    engine: TweetathonEngine
    folder: WatchedFolder | None = None
    feed: LiveFeed | None = None
    problems: list[str] = field(default_factory=list)


class TweetathonJobs:
    """A background service: the stored tweetathons' call sources and queues, every 10 clock seconds."""

    def __init__(
        self,
        ctx: DeskContext,
        capabilities_for: Callable[[Platform], Capabilities],
        *,
        feed_fetch: Callable[[str], bytes] | None = None,
    ) -> None:
        self.ctx = ctx
        self.capabilities_for = capabilities_for
        self.feed_fetch = feed_fetch
        self.running: dict[str, _Running] = {}

    def _start(self, spec: SetupSpec) -> _Running:
        setups = TweetathonSetups(self.ctx)
        config = setups.config(spec)
        run = _Running(spec, TweetathonEngine(self.ctx, config, self.capabilities_for))
        if spec.source.startswith(FOLDER):
            run.folder = WatchedFolder(self.ctx, Path(spec.source[len(FOLDER) :]), config.preset, source=spec.source)
        elif spec.source.startswith(FEED):
            run.feed = LiveFeed(
                self.ctx, spec.source[len(FEED) :], config.preset, fetch=self.feed_fetch, source=spec.source
            )
        register_engine(run.engine)
        return run

    def run_once(self) -> int:
        """One round over the stored tweetathons; how many posts were handed to the publisher."""
        now = self.ctx.clock.now()
        active = {spec.name: spec for spec in TweetathonSetups(self.ctx).active(now)}
        for name in [n for n in self.running if n not in active or self.running[n].spec != active[n]]:
            # Ended, disabled, removed or changed: a changed one starts again from its stored state.
            self.running.pop(name)
            unregister_engine(name)
        made = 0
        for name, spec in active.items():
            try:
                run = self.running.get(name)
                if run is None:
                    run = self.running[name] = self._start(spec)
                self._read_source(run)
                made += run.engine.tick()
            except DeskError as exc:
                log.warning("tweetathon %s: %s", name, exc.message.english())
            except Exception:
                log.exception("tweetathon %s failed this round", name)
        return made

    def _read_source(self, run: _Running) -> None:
        if run.folder is not None:
            for done in run.folder.poll():
                if done.error is not None:
                    log.warning("tweetathon %s: %s", run.spec.name, done.error.english())
        elif run.feed is not None and run.feed.due() and run.feed.poll() is None and run.feed.status.message:
            log.warning("tweetathon %s: %s", run.spec.name, run.feed.status.message.english())

    def schedule(self, scheduler: Any, submit: Callable[[Callable[[], Any]], None]) -> None:
        """A round every 10 clock seconds (the publisher sends what the rounds hand over)."""
        scheduler.every(ROUND_SECONDS, lambda: submit(self.run_once), "tweetathons")

    def stop(self) -> None:
        """The queues live in the database; take the engines off the dashboard."""
        for name in list(self.running):
            unregister_engine(name)
        self.running.clear()
