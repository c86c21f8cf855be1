"""The Accounts screen: connect the force's platform accounts, the quarantine and the privacy-guard allow-list."""

from __future__ import annotations


def register() -> None:
    """Give the navigation entry its real page."""
    from ui import screens
    from ui.accounts.screen import accounts_screen

    screens.register_screen("accounts", accounts_screen)
