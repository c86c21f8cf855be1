"""The tweetathons running in this process, for the dashboard to find (the engine itself is the control)."""

from __future__ import annotations

import threading

from desk.tweetathon.queue import TweetathonEngine

_lock = threading.Lock()
_running: dict[str, TweetathonEngine] = {}


def register_engine(engine: TweetathonEngine) -> None:
    """Make a running tweetathon visible to the dashboard."""
    with _lock:
        _running[engine.config.name] = engine


def unregister_engine(name: str) -> None:
    """A tweetathon that ended."""
    with _lock:
        _running.pop(name, None)


def running_engines() -> list[TweetathonEngine]:
    """Every tweetathon running in this process, by name."""
    with _lock:
        return [_running[name] for name in sorted(_running)]
