"""The Inbox screen: every citizen message in one paged, keyboard-first list."""

from __future__ import annotations


def register() -> None:
    """Give the window's "inbox" entry its real screen."""
    from ui.inbox.screen import build_inbox_screen
    from ui.screens import register_screen

    register_screen("inbox", build_inbox_screen)
