"""The tweetathon dashboard screen."""

from __future__ import annotations


def register() -> None:
    """Give the navigation entry its real page."""
    from ui import screens
    from ui.tweetathon.screen import tweetathon_screen

    screens.register_screen("tweetathon", tweetathon_screen)
