"""The Compose screen: write once, check against every platform and the privacy guard, schedule."""

from __future__ import annotations


def register() -> None:
    """Give the navigation entry its real page."""
    from ui import screens
    from ui.compose.screen import compose_screen

    screens.register_screen("compose", compose_screen)
