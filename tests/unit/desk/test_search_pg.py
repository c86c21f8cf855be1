"""PostgreSQL's newest-first search finds exactly what a plain reading of the rule finds, by both of its plans.

A query whose tokens are all common walks the time index; one with a rare token reads that token's few ids
first (desk/search_pg.py). Both must give the reference's page for any query, filter, offset and size, on
items stored out of time order; and each plan must really answer some queries.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

import desk.search_pg as search_pg
from desk.clock import ManualClock
from desk.context import open_desk
from desk.inbox import InboxFilter, InboxService
from desk.search import fold
from desk.secrets import InMemorySecretStore
from tests.unit.desk.test_inbox_service import T0
from tests.unit.desk.test_search_newest import WORDS, _reference, fill, queries, rows_of

pytestmark = pytest.mark.postgres

ITEMS = 400


@pytest.fixture(scope="module")
def corpus(
    postgres_server: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[InboxService, list[dict[str, Any]]]]:
    """400 items on two accounts in a fresh PostgreSQL database, synced out of time order, then analysed."""
    assert postgres_server is not None
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(postgres_server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    tmp: Path = tmp_path_factory.mktemp("search-pg")
    url = postgres_server.rsplit("/", 1)[0] + "/" + name
    ctx = open_desk(url, ManualClock(T0), InMemorySecretStore(), data_dir=tmp)
    try:
        inbox, _ = fill(ctx)
        with ctx.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("ANALYZE inbox_items"))  # what autovacuum does on a live desk
        yield inbox, rows_of(ctx)
    finally:
        ctx.dispose()
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _statistics(inbox: InboxService, lexemes: tuple[str, ...] | None) -> None:
    """Make the search see ``lexemes`` as the column's most common ones (None: read pg_stats again).

    A 400-item table's statistics list every lexeme as common; on a big table only frequent words are."""
    engine = inbox.ctx.engine
    search_pg._common.pop(engine, None)
    if lexemes is not None:
        search_pg._common[engine] = (time.monotonic(), tuple(sorted(lexemes)))


@pytest.mark.parametrize(
    ("rare", "common"),
    [(1_000, None), (1_000, tuple(fold(" ".join(WORDS)).split())), (30, ()), (0, ())],
    ids=["as analysed", "words common", "every token probed", "never rare"],
)
@settings(max_examples=30, deadline=None)
@given(
    text=queries | st.sampled_from(["#17", "#3 poliisi", "koira #25", "#39", "#1", "abc #2"]),
    platform=st.sampled_from([(), ("x",), ("mastodon",)]),
    since=st.sampled_from([None, 40, 120]),
    offset=st.sampled_from([0, 0, 3, 25]),
    limit=st.sampled_from([1, 5, 20, 100]),
)
def test_pages_equal_the_reference(
    corpus: tuple[InboxService, list[dict[str, Any]]],
    rare: int,
    common: tuple[str, ...] | None,
    text: str,
    platform: tuple[str, ...],
    since: int | None,
    offset: int,
    limit: int,
) -> None:
    inbox, rows = corpus
    saved = search_pg.RARE
    search_pg.RARE = rare
    _statistics(inbox, common)
    try:
        f = InboxFilter(text=text, platforms=platform, since=None if since is None else T0 + timedelta(minutes=since))
        got = [r.id for r in inbox.page(f, offset, limit)]
    finally:
        search_pg.RARE = saved
        _statistics(inbox, None)
    assert got == _reference(rows, f, offset, limit)


def test_common_words_walk_and_rare_tokens_read_their_ids(corpus: tuple[InboxService, list[dict[str, Any]]]) -> None:
    inbox, rows = corpus
    with inbox.ctx.sessions() as session:
        common = search_pg.common_lexemes(session)
        assert "poliisi" in common and "koira" in common  # ANALYZE's statistics are what the choice reads
    _statistics(inbox, tuple(fold(" ".join(WORDS)).split()))  # as on a big table: numbers are rare
    with inbox.ctx.sessions() as session:
        assert search_pg.rare_candidates(session, "poliisi koira") is None  # all common: the walk
        assert search_pg.rare_candidates(session, "Koi") is None  # the prefix of a common word is common too
        number = next(r["tokens"][-1] for r in rows if "poliisi" in r["tokens"] and r["tokens"][-1] > "2")
        assert search_pg.rare_candidates(session, f"poliisi #{number}") is not None  # few tokens start so
    for text in ("poliisi koira", f"poliisi #{number}", "#17"):
        f = InboxFilter(text=text)
        assert [r.id for r in inbox.page(f, 0, 10)] == _reference(rows, f, 0, 10), text
        assert _reference(rows, f, 0, 10), text  # each query finds something
    _statistics(inbox, None)


def test_a_token_with_too_many_matches_is_not_rare(corpus: tuple[InboxService, list[dict[str, Any]]]) -> None:
    inbox, _rows = corpus
    saved = search_pg.RARE
    search_pg.RARE = 3
    _statistics(inbox, ())
    try:
        with inbox.ctx.sessions() as session:
            assert search_pg.rare_candidates(session, "#1") is None  # "1", "10".."19", "100".. : far more than 3
            cond = search_pg.rare_candidates(session, "#399")
            assert cond is not None
    finally:
        search_pg.RARE = saved
        _statistics(inbox, None)
