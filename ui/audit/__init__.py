"""The Audit screen: who did what and when, filtered, paged and exported, with the chain's status."""

from __future__ import annotations


def register() -> None:
    """Give the navigation entry its real page."""
    from ui import screens
    from ui.audit.screen import audit_screen

    screens.register_screen("audit", audit_screen)
