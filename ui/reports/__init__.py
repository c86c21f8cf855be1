"""The Reports screen: volumes, response times, activity, publishing and reach, with charts and exports."""

from __future__ import annotations


def register() -> None:
    """Give the navigation entry its real page."""
    from ui import screens
    from ui.reports.screen import reports_screen

    screens.register_screen("reports", reports_screen)
