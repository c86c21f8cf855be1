"""The feature screens the window loads in place of their placeholders."""

from __future__ import annotations


def register_all() -> None:
    """Register every built screen with :mod:`ui.screens` (call once, before the window is built)."""
    from ui import calendar, compose, patrol

    compose.register()
    calendar.register()
    patrol.register()
