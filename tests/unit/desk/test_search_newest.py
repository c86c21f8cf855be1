"""SQLite's newest-first search finds exactly what a plain reading of the rule finds, by every one of its steps.

The rule: an item matches when each typed token is the start of one of the item's folded tokens; matches
are listed by ``created_at`` then id, newest first. The reference below applies that rule in Python to
every stored item; the service must give the same page for any query, filter, offset and page size,
also when items were stored out of time order (a late sync of old messages) and with step sizes small
enough that every step of desk/search_newest.py answers some of the queries.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

import desk.search_newest as newest
from desk.clock import ManualClock
from desk.context import DeskContext, open_desk
from desk.inbox import InboxFilter, InboxService
from desk.ports import Platform, Stream
from desk.search import fold, query_tokens
from desk.secrets import InMemorySecretStore
from desk.storage.models import InboxItem
from desk.triage import Triage
from tests.unit.desk.test_inbox_service import T0, make_account, page, rec

# Words that share prefixes in every way the steps care about: a broad 3-letter prefix over a rare long
# word ("pol" / "poliisiauto"), one-letter words, words that are prefixes of others.
WORDS = [
    "poliisi",
    "poliisiauto",
    "polisen",
    "pyörä",
    "pyöräily",
    "koira",
    "koi",
    "kolari",
    "k",
    "p",
    "auto",
    "autolla",
    "a",
    "åbo",
    "abc",
    "öljy",
    "12",
    "123",
    "1234",
]
ITEMS = 400


def fill(ctx: DeskContext) -> tuple[InboxService, list[dict[str, Any]]]:
    """400 items on two accounts, synced in batches whose times jump back and forth (ids out of time order);
    returns the service and the stored rows as the reference reads them."""
    inbox = InboxService(ctx, Triage.load())
    accounts = [make_account(ctx, Platform.X, "force"), make_account(ctx, Platform.MASTODON, "force")]
    rng = random.Random(11)
    minutes = list(range(ITEMS))
    rng.shuffle(minutes)
    for lo in range(0, ITEMS, 40):
        for account in accounts:
            batch = [m for m in minutes[lo : lo + 40] if (m % 2 == 0) == (account.platform is Platform.X)]
            records = [
                rec(
                    f"i{m}",
                    " ".join(rng.choices(WORDS, k=rng.randint(1, 6))).capitalize() + f" #{m}",
                    platform=account.platform,
                    author=f"u{m % 17}",
                    at=T0 + timedelta(minutes=m // 3),  # three items a minute: ties broken by id
                )
                for m in batch
            ]
            if records:
                inbox.ingest(account, Stream.MENTIONS, page(*records))
    return inbox, rows_of(ctx)


def rows_of(ctx: DeskContext) -> list[dict[str, Any]]:
    """Every stored item as the reference reads it."""
    with ctx.sessions() as session:
        return [
            {"id": r.id, "at": r.created_at, "tokens": fold(r.text).split(), "platform": r.platform, "status": r.status}
            for r in session.execute(
                select(InboxItem.id, InboxItem.created_at, InboxItem.text, InboxItem.platform, InboxItem.status)
            )
        ]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[InboxService, list[dict[str, Any]]]]:
    """The corpus of :func:`fill` in an SQLite desk."""
    tmp: Path = tmp_path_factory.mktemp("newest")
    ctx: DeskContext = open_desk(f"sqlite:///{tmp / 'd.sqlite3'}", ManualClock(T0), InMemorySecretStore(), data_dir=tmp)
    try:
        yield fill(ctx)
    finally:
        ctx.dispose()


def _reference(rows: list[dict[str, Any]], f: InboxFilter, offset: int, limit: int) -> list[int]:
    wanted = query_tokens(f.text)
    hits = [
        r
        for r in rows
        if wanted
        and all(any(t.startswith(w) for t in r["tokens"]) for w in wanted)
        and (not f.platforms or r["platform"] in f.platforms)
        and (f.since is None or r["at"] >= f.since)
    ]
    hits.sort(key=lambda r: (r["at"], r["id"]), reverse=True)
    return [r["id"] for r in hits[offset : offset + limit]]


queries = st.lists(
    st.sampled_from([*WORDS, "po", "pol", "poliisia", "ko", "au", "pyo", "ab", "1", "zz", "öl", "#", "12 k"]),
    min_size=1,
    max_size=3,
).map(" ".join)


@pytest.mark.parametrize(
    ("factor", "scan"),
    [(4, 2_000), (1, 3), (1, 50), (2, 400)],
    ids=["as shipped", "tiny steps", "small scan", "small walk"],
)
@settings(max_examples=40, deadline=None)
@given(
    text=queries,
    platform=st.sampled_from([(), ("x",), ("mastodon",)]),
    since=st.sampled_from([None, 40, 120]),
    offset=st.sampled_from([0, 0, 3, 25]),
    limit=st.sampled_from([1, 5, 20, 100]),
)
def test_pages_equal_the_reference(
    corpus: tuple[InboxService, list[dict[str, Any]]],
    factor: int,
    scan: int,
    text: str,
    platform: tuple[str, ...],
    since: int | None,
    offset: int,
    limit: int,
) -> None:
    inbox, rows = corpus
    saved = newest.CANDIDATE_FACTOR, newest.SCAN
    newest.CANDIDATE_FACTOR, newest.SCAN = factor, scan
    try:
        f = InboxFilter(text=text, platforms=platform, since=None if since is None else T0 + timedelta(minutes=since))
        got = [r.id for r in inbox.page(f, offset, limit)]
    finally:
        newest.CANDIDATE_FACTOR, newest.SCAN = saved
    assert got == _reference(rows, f, offset, limit)


def test_every_step_answers_some_query(
    corpus: tuple[InboxService, list[dict[str, Any]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The equality test above would prove little if one step answered everything."""
    inbox, rows = corpus
    used: list[str] = []
    real_answer, real_floor = newest._answer, newest.floor_id
    monkeypatch.setattr(newest, "_answer", lambda s, e, c, h: used.append(e) or real_answer(s, e, c, h))
    monkeypatch.setattr(newest, "floor_id", lambda s, at: used.append("floor") or real_floor(s, at))
    cases = [
        ("koira", 4, 10, '"koi"*'),  # step 1: the prefix walk finds the page
        ("poliisiauto", 1, 1, '"poliisiauto"*'),  # step 3: "pol" is far broader than the word
        ("p", 1, 10, None),  # one letter: step 2 finds the page among the newest items
    ]
    for text, factor, scan, expression in cases:
        monkeypatch.setattr(newest, "CANDIDATE_FACTOR", factor)
        monkeypatch.setattr(newest, "SCAN", scan)
        used.clear()
        f = InboxFilter(text=text)
        assert [r.id for r in inbox.page(f, 0, 3)] == _reference(rows, f, 0, 3)
        if expression is None:
            assert used == [], (text, used)
        else:
            assert expression in used, (text, used)


def test_prefix_expressions_use_the_indexed_lengths() -> None:
    assert newest.prefix_expression(["poliisiauto", "ko", "k", "poliisi"]) == '"pol"* AND "ko"*'
    assert newest.prefix_expression(["k", "p"]) is None
    assert newest.full_expression(["k", "koira"]) == '"koira"*'
    assert newest.full_expression(["k", "p"]) == '"k"* AND "p"*'


def test_a_kept_floor_is_never_above_the_true_one(tmp_path: Path) -> None:
    """Floors are kept per hour; items synced later (higher ids, any time) must not make a kept one wrong."""
    ctx = open_desk(f"sqlite:///{tmp_path / 'f.sqlite3'}", ManualClock(T0), InMemorySecretStore(), data_dir=tmp_path)
    try:
        inbox = InboxService(ctx, Triage.load())
        account = make_account(ctx)
        inbox.ingest(
            account, Stream.MENTIONS, page(*[rec(f"a{i}", "koira", at=T0 + timedelta(hours=i)) for i in range(5)])
        )
        with ctx.sessions() as session:
            kept = newest.floor_id(session, T0 + timedelta(hours=2, minutes=30))
        # a late sync: old and new times, all with higher ids
        inbox.ingest(
            account,
            Stream.MENTIONS,
            page(*[rec(f"b{i}", "koira", at=T0 + timedelta(hours=i, minutes=45)) for i in range(5)]),
        )
        with ctx.sessions() as session:
            again = newest.floor_id(session, T0 + timedelta(hours=2, minutes=30))
            true = min(session.scalars(select(InboxItem.id).where(InboxItem.created_at >= T0 + timedelta(hours=2))))
        assert again == kept <= true
        got = [r.snippet for r in inbox.page(InboxFilter(text="koi"), 0, 4)]
        assert len(got) == 4
        times = [r.created_at for r in inbox.page(InboxFilter(text="koi"), 0, 10)]
        assert times == sorted(times, reverse=True) and len(times) == 10
    finally:
        ctx.dispose()
