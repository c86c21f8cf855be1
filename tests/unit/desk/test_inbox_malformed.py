"""Malformed records never cost the rest of a batch: odd unicode, empty and huge texts, duplicate ids."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desk.inbox import InboxFilter, InboxService
from desk.ports import Stream
from desk.search import fold
from desk.storage.models import InboxItem, QuarantinedPayload
from tests.unit.desk.test_inbox_service import T0, make_account, page, rec, triage

__all__ = ["triage"]

odd_text = st.one_of(
    st.text(max_size=300),
    st.just(""),
    st.just("\x00nul\x00 inside"),
    st.just("e\u0301\u0301\u0301 zalgo \u202eRTL\u202c 👮🏽‍♀️ 🇫🇮"),
    st.just("ﬁ ＡＢＣ Ⅻ ½ ǅ"),
    st.just("x" * 200_000),
    st.just("sana " * 30_000),
)
item = st.tuples(st.sampled_from(["a", "b", "c", "d", "e", "f"]), odd_text, st.booleans(), st.booleans())


@settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(item, min_size=1, max_size=12))
def test_a_batch_with_bad_records_keeps_the_good_ones(ctx: Any, triage: Any, batch: list[Any]) -> None:
    inbox = InboxService(ctx, triage)
    account = make_account(ctx, handle=f"h{uuid.uuid4().hex[:8]}")
    prefix = uuid.uuid4().hex[:8]
    records = []
    good_ids = set()
    bad = 0
    for key, body, naive, deleted in batch:
        pid = f"{prefix}-{key}"
        if naive:
            records.append(rec(pid, body, at=datetime(2026, 1, 5, 8)))
            bad += 1
        else:
            records.append(rec(pid, body, author=key, deleted=deleted))
            good_ids.add(pid)
    records.append(rec("", "no id"))
    bad += 1
    notice = inbox.ingest(account, Stream.MENTIONS, page(*records))
    again = inbox.ingest(account, Stream.MENTIONS, page(*records))
    assert notice.quarantined == bad and again.new_items == 0
    with ctx.sessions() as session:
        stored = set(session.scalars(select(InboxItem.platform_item_id).where(InboxItem.account_id == account.id)))
        texts = dict(
            session.execute(
                select(InboxItem.platform_item_id, InboxItem.search_text).where(InboxItem.account_id == account.id)
            ).all()
        )
        quarantined = session.scalar(
            select(func.count()).select_from(QuarantinedPayload).where(QuarantinedPayload.account_id == account.id)
        )
    assert stored == good_ids
    assert quarantined == 2 * bad
    for pid, search in texts.items():
        assert search == " ".join(search.split()), pid  # single spaces: one token per lexeme on PostgreSQL


def test_lone_surrogates_and_nul_are_stored_readably(ctx: Any, triage: Any) -> None:
    inbox = InboxService(ctx, triage)
    account = make_account(ctx)
    inbox.ingest(account, Stream.MENTIONS, page(rec("s", "bad \ud800 half"), rec("n", "nul\x00here", author="u2")))
    rows = {r.id: r.snippet for r in inbox.page(InboxFilter())}
    assert sorted(rows.values()) == ["bad ? half", "nul\ufffdhere"]
    assert inbox.count(InboxFilter(text="half")) == 1
    assert fold("nul\ufffdhere") == "nul here"


def test_huge_text_is_stored_whole_and_searchable(ctx: Any, triage: Any) -> None:
    inbox = InboxService(ctx, triage)
    account = make_account(ctx)
    body = "alku " + "täyte " * 100_000 + "loppu"
    inbox.ingest(account, Stream.MENTIONS, page(rec("big", body, at=T0)))
    with ctx.sessions() as session:
        assert session.scalar(select(InboxItem.text)) == body  # evidence is kept whole
    assert inbox.count(InboxFilter(text="alku")) == 1
