"""A screen package for tests: registers a real page for the Feeds entry when loaded."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ui.screens import ScreenServices

loaded = 0


def build(services: ScreenServices) -> QWidget:
    """The page."""
    return QLabel(f"feeds for {services.identity.username}")


def register() -> None:
    """Called by the window on the first visit to Feeds."""
    global loaded  # noqa: PLW0603 (counts loads for the test)
    loaded += 1
    from ui.screens import register_screen

    register_screen("feeds", build)
