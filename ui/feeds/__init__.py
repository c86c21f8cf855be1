"""The Feeds screen: columns of posts across the platforms, as TweetDeck had."""

from __future__ import annotations


def register() -> None:
    """Give the window's "feeds" entry its real screen."""
    from ui.feeds.screen import build_feeds_screen
    from ui.screens import register_screen

    register_screen("feeds", build_feeds_screen)
