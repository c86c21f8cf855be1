"""Every screen a feature brings, registered in one place; the composition root calls :func:`register_all`."""

from __future__ import annotations


def register_all() -> None:
    """Replace the placeholders of the screens that are built."""
    from ui.feeds import register as register_feeds
    from ui.inbox import register as register_inbox

    register_inbox()
    register_feeds()
