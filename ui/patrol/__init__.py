"""The Patrol log screen: a shift's timestamped entries, published live or as a summary thread."""

from __future__ import annotations


def register() -> None:
    """Give the navigation entry its real page."""
    from ui import screens
    from ui.patrol.screen import patrol_screen

    screens.register_screen("patrol_log", patrol_screen)
