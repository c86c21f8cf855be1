"""The window's banner read (one joined query) answers exactly what the emergency service's read answers."""

from __future__ import annotations

from typing import Any

from desk.emergency import EmergencyService
from desk.inbox import InboxService
from desk.ports import Stream
from tests.unit.desk.test_inbox_service import capabilities, make_account, page, people, rec, triage

__all__ = ["triage"]


def test_open_emergencies_match_the_emergency_service(ctx: Any, clock: Any, triage: Any) -> None:
    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    service = EmergencyService(ctx, inbox, ack_seconds=120)
    who = people(ctx)
    account = make_account(ctx)
    assert inbox.open_emergencies() == service.open() == []
    long = "Help! Someone is breaking into my house right now. " + "They are still inside. " * 40
    notice = inbox.ingest(
        account,
        Stream.MENTIONS,
        page(
            rec("e1", "Help! Someone is breaking into my house right now"),
            rec("q1", "What are the opening hours of the licence office?"),
            rec("e2", long),
        ),
    )
    assert len(notice.emergency_ids) == 2
    clock.advance(60)
    later = inbox.ingest(account, Stream.MENTIONS, page(rec("e3", "Help, a man with a knife is attacking people now")))
    first, second = notice.emergency_ids
    service.acknowledge(who["officer"], first)
    service.hand_over(who["officer"], second, "Phoned the control room")
    expected = service.open()
    assert inbox.open_emergencies() == expected
    # the handed-over one is gone, the acknowledged one stays (with who acknowledged), oldest first
    assert [e.id for e in expected] == [first, *later.emergency_ids]
    assert expected[0].acknowledged_by == who["officer"].user_id
    assert all(len(e.text) <= 500 for e in expected)


def test_changes_since_matches_a_row_by_row_reading(ctx: Any, clock: Any, triage: Any) -> None:
    """The aggregated read reports what reading every event since the look-back would report."""
    from datetime import timedelta

    from sqlalchemy import select

    from desk.inbox import CHANGE_LATE_WINDOW, CHANGE_LOOKBACK
    from desk.storage.models import ConversationEvent

    inbox = InboxService(ctx, triage, capabilities_for=capabilities)
    account = make_account(ctx)
    assert inbox.changes_since(0) == (0, ())
    for n in range(6):
        inbox.ingest(
            account,
            Stream.MENTIONS,
            page(
                *(
                    rec(
                        f"m{n}-{i}",
                        f"question {n} {i} about a licence",
                        thread=f"root-{(n * 7 + i) % 9}",
                        author=f"u{(n * 7 + i) % 9}",
                    )
                    for i in range(5)
                )
            ),
        )
        clock.advance(20)

    def by_rows(token: int) -> tuple[int, tuple[int, ...]]:
        start = max(0, token - CHANGE_LOOKBACK) if token else 0
        with ctx.sessions() as session:
            rows = session.execute(
                select(ConversationEvent.id, ConversationEvent.conversation_id, ConversationEvent.at).where(
                    ConversationEvent.id > start
                )
            ).all()
        if not rows:
            return token, ()
        recent = clock.now() - CHANGE_LATE_WINDOW
        changed = {r.conversation_id for r in rows if r.id > token or r.at >= recent}
        return max([token, *(r.id for r in rows)]), tuple(sorted(changed))

    newest = inbox.current_token()
    assert newest > 0
    for token in sorted({0, 1, newest // 3, newest // 2, newest - 1, newest, newest + 5}):
        assert inbox.changes_since(token) == by_rows(token)
    clock.advance(int(CHANGE_LATE_WINDOW / timedelta(seconds=1)) + 1)
    assert inbox.changes_since(newest) == by_rows(newest) == (newest, ())
    assert inbox.changes_since(newest // 2) == by_rows(newest // 2)
