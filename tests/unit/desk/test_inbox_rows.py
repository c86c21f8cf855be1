"""What an inbox row carries for the list: the triage class and the reason for it."""

from __future__ import annotations

from typing import Any

from desk.inbox import InboxFilter, InboxService
from desk.ports import Stream
from desk.triage import Triage
from tests.unit.desk.test_inbox_service import make_account, page, rec, triage

__all__ = ["triage"]  # the session fixture with the real rule set


def test_each_row_carries_its_triage_reason(ctx: Any, triage: Triage) -> None:
    inbox = InboxService(ctx, triage)
    account = make_account(ctx)
    inbox.ingest(
        account,
        Stream.MENTIONS,
        page(
            rec("1", "Help! Someone is breaking into my house right now, he has a knife", author="a", thread="t1"),
            rec("2", "What time is the station open on Sunday?", author="b", thread="t2"),
        ),
    )
    rows = {r.author_handle: r for r in inbox.page(InboxFilter(), 0, 10)}
    for handle in ("@a", "@b"):
        row = rows[handle]
        expected = triage.classify(row.snippet)
        assert row.triage_label == expected.label
        assert row.triage_reason == expected.explain()
    assert rows["@a"].triage_label == "emergency" and "knife" in (rows["@a"].triage_reason or "")
