"""The Calendar screen: planned posts by day, week and month, campaigns, appeals and the incident stop."""

from __future__ import annotations


def register() -> None:
    """Give the navigation entry its real page."""
    from ui import screens
    from ui.calendar.screen import calendar_screen

    screens.register_screen("calendar", calendar_screen)
