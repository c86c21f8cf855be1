"""The sync storage path (desk.ingest) against a model of what the record must keep, on both databases.

The model: an item's first sighting is version 1; a later sighting changes it when it is newly deleted or,
not deleted, shows a different text; each change keeps the earlier text as a version row; a deleted item
stays deleted and keeps its last text when the platform blanks it. Pages are stored in any order of
edits, deletes and repeats; then the current state of every item (a page fetched again) must change nothing.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.inbox import InboxService
from desk.ingest import sqlite_time
from desk.ports import Stream
from desk.storage.models import Conversation, InboxItem, InboxItemVersion
from desk.triage import Triage
from tests.unit.desk.test_inbox_service import T0, make_account, page, rec, triage

__all__ = ["triage"]

sighting = st.tuples(
    st.sampled_from(["a", "b", "c"]),  # item
    st.sampled_from(["", "hello", "hello!", "apua nyt", "Hjälp, inbrott pågår"]),  # text
    st.booleans(),  # deleted
)
pages = st.lists(st.lists(sighting, min_size=1, max_size=6), min_size=1, max_size=4)


def _model(all_pages: list[list[tuple[str, str, bool]]]) -> dict[str, tuple[str, bool, list[str]]]:
    """Item → (text, deleted, earlier texts in order)."""
    items: dict[str, tuple[str, bool, list[str]]] = {}
    for pg in all_pages:
        for key, text, deleted in pg:
            if key not in items:
                items[key] = (text, deleted, [])
                continue
            cur_text, cur_deleted, history = items[key]
            if (deleted and not cur_deleted) or (not deleted and text != cur_text):
                body = text if (text or not deleted) else cur_text
                items[key] = (body, deleted or cur_deleted, [*history, cur_text])
    return items


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(all_pages=pages)
def test_every_version_is_kept_and_a_fetch_of_the_current_state_changes_nothing(
    ctx: Any, triage: Triage, all_pages: list[list[tuple[str, str, bool]]]
) -> None:
    inbox = InboxService(ctx, triage)
    account = make_account(ctx, handle=f"h{uuid.uuid4().hex[:8]}")
    prefix = uuid.uuid4().hex[:8]

    def records(pg: list[tuple[str, str, bool]]) -> Any:
        return page(*(rec(f"{prefix}-{k}", text, author=k, deleted=deleted) for k, text, deleted in pg))

    for pg in all_pages:
        inbox.ingest(account, Stream.MENTIONS, records(pg))
    # Fetched again, the platform shows each item as it is now: nothing changes.
    latest = {k: (k, text, deleted) for pg in all_pages for k, text, deleted in pg}
    again = inbox.ingest(account, Stream.MENTIONS, records(list(latest.values())))
    assert (again.new_items, again.changed_items) == (0, 0)
    expected = _model(all_pages)
    with ctx.sessions() as session:
        rows = session.execute(
            select(
                InboxItem.id, InboxItem.platform_item_id, InboxItem.text, InboxItem.deleted, InboxItem.version
            ).where(InboxItem.account_id == account.id)
        ).all()
        stored = {}
        for item_id, pid, text, deleted, version in rows:
            history = list(
                session.scalars(
                    select(InboxItemVersion.text)
                    .where(InboxItemVersion.item_id == item_id)
                    .order_by(InboxItemVersion.version)
                )
            )
            assert version == len(history) + 1
            stored[pid.split("-", 1)[1]] = (text, deleted, history)
        unread = session.scalar(select(func.sum(Conversation.unread)).where(Conversation.account_id == account.id))
        if ctx.engine.dialect.name == "sqlite":
            # FTS5 compares its index with inbox_items itself: every edit replaced the right entry.
            session.connection().exec_driver_sql("INSERT INTO inbox_fts(inbox_fts, rank) VALUES ('integrity-check', 1)")
    assert stored == expected
    assert unread == len(expected)  # each citizen's first message counted once; edits are not new messages


def test_conversation_times_and_class_after_two_pages(ctx: Any, clock: Any, triage: Triage) -> None:
    from datetime import timedelta

    inbox = InboxService(ctx, triage)
    account = make_account(ctx)
    t1, t2, t3 = T0, T0 + timedelta(minutes=5), T0 + timedelta(minutes=9)
    clock.set(t3 + timedelta(minutes=1))
    inbox.ingest(account, Stream.MENTIONS, page(rec("1", "A question about passports", at=t2)))
    inbox.ingest(
        account,
        Stream.MENTIONS,
        page(rec("2", "Help, someone is breaking in right now!", at=t3), rec("3", "and another thing", at=t1)),
    )
    with ctx.sessions() as session:
        conv = session.scalars(select(Conversation)).one()
    assert conv.first_inbound_at == t1 and conv.last_item_at == t3 and conv.last_citizen_at == t3
    assert conv.clock_started_at == t2  # started by the first page's message
    assert conv.unread == 3 and conv.triage_label == "emergency"  # the most severe class of its items


class _Counting:
    """The real rules, counting the messages they are asked about."""

    def __init__(self, triage: Triage, fail_on: str | None = None) -> None:
        self.triage = triage
        self.calls = 0
        self.fail_on = fail_on

    def classify(self, text: str, lang: str | None = None) -> Any:
        self.calls += 1
        if self.fail_on is not None and self.fail_on in text:
            raise ValueError("a rule that cannot cope")
        return self.triage.classify(text, lang)


def test_a_page_fetched_again_is_not_triaged_again(ctx: Any, triage: Triage) -> None:
    counting = _Counting(triage)
    inbox = InboxService(ctx, counting)
    account = make_account(ctx)
    batch = page(rec("1", "hello"), rec("2", "a question", author="u2"))
    inbox.ingest(account, Stream.MENTIONS, batch)
    assert counting.calls == 2
    inbox.ingest(account, Stream.MENTIONS, batch)
    assert counting.calls == 2
    inbox.ingest(account, Stream.MENTIONS, page(rec("1", "hello, edited"), rec("2", "a question", author="u2")))
    assert counting.calls == 3  # only the edit


@pytest.mark.allow_log_warnings
def test_an_item_the_rules_cannot_read_is_stored_unclassified(ctx: Any, triage: Triage) -> None:
    inbox = InboxService(ctx, _Counting(triage, fail_on="poison"))
    account = make_account(ctx)
    notice = inbox.ingest(account, Stream.MENTIONS, page(rec("1", "poison"), rec("2", "hello", author="u2")))
    assert notice.new_items == 2 and notice.quarantined == 0
    with ctx.sessions() as session:
        label, reason = session.execute(
            select(InboxItem.triage_label, InboxItem.triage_reason).where(InboxItem.platform_item_id == "1")
        ).one()
    assert label is None and reason.startswith("triage failed: ValueError")


def test_sqlite_times_sort_as_text_like_the_times_they_are() -> None:
    from datetime import UTC, datetime, timedelta, timezone

    helsinki = timezone(timedelta(hours=2))
    times = [
        datetime(2026, 1, 7, 23, 59, 59, 999_999, tzinfo=UTC),
        datetime(2026, 1, 8, 1, 0, tzinfo=helsinki),  # 23:00 UTC the day before
        datetime(2026, 1, 8, tzinfo=UTC),
        datetime(1999, 12, 31, 23, 59, 59, tzinfo=UTC),
    ]
    assert sorted(times) == sorted(times, key=sqlite_time)
    assert sqlite_time(times[1]) == "2026-01-07 23:00:00.000000"
