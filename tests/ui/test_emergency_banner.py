"""The emergency banner shows a citizen's words and handle as text, never as markup, with one "@"."""

from __future__ import annotations

from datetime import UTC, datetime

from pytestqt.qtbot import QtBot

from desk.emergency import EmergencyRecord
from ui.inbox.emergency import EmergencyBanner


def _record(handle: str, text: str, acknowledged_by: int | None = None) -> EmergencyRecord:
    at = datetime(2026, 11, 22, 21, 0, tzinfo=UTC)
    return EmergencyRecord(1, 2, 3, "x", handle, text, "emergency: 'help'", at, acknowledged_by, None, None, None, None)


def test_handles_get_one_at_sign_and_words_stay_words(qtbot: QtBot) -> None:
    banner = EmergencyBanner("112")
    qtbot.addWidget(banner)
    banner.show_emergencies([_record("@anna_k", "Help <b>now</b> <img src='file:///etc/passwd'> & fast")], {})
    shown = banner.text.text()
    assert "from @anna_k:" in shown and "@@" not in shown
    assert "&lt;b&gt;now&lt;/b&gt;" in shown and "<img" not in shown and "&amp; fast" in shown
    assert shown.startswith("<b>EMERGENCY</b>")  # the banner's own emphasis is still markup
    banner.show_emergencies([_record("anna_k", "Help", acknowledged_by=7)], {7: "Olli <Officer>"})
    shown = banner.text.text()
    assert "from @anna_k:" in shown and "Olli &lt;Officer&gt;" in shown
