"""Newest-first text search on PostgreSQL when a term is rare.

The inbox asks for matches newest first, a page at a time. PostgreSQL answers that by walking the
time index backwards and testing each item's ``search_tsv`` until the page is full: a few milliseconds when
the words are common, because matches are dense. A prefix query's selectivity is a guess to the planner
(0.5 % unless the prefix covers one of the column's most common lexemes), so for a term that matches a
handful of items (a reference number, a surname) it walks the whole index: half a second on a million
items. A bitmap scan of the GIN index would have found those few in under a millisecond.

So before the query, each query token that is not the prefix of a most common lexeme (``pg_stats``, read
at most every :data:`STATS_TTL` seconds) is looked up alone in the GIN index, capped at :data:`RARE` + 1
ids. The first token with at most :data:`RARE` matches bounds the answer: every match of the whole query
is among its ids, so the page is read from those ids by primary key (exact; the other tokens and filters
are still tested). Tokens covered by common lexemes are never probed: their postings are long and a
probe would cost what the walk saves.
"""

from __future__ import annotations

import time
import weakref
from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Engine, text
from sqlalchemy.orm import Session

from desk.search import query_tokens
from desk.storage.models import InboxItem

#: A token with at most this many matches is searched through its ids instead of the time index.
RARE = 1_000
#: How long the column's most common lexemes are kept before they are read again (seconds).
STATS_TTL = 600.0

_common: weakref.WeakKeyDictionary[Engine, tuple[float, tuple[str, ...]]] = weakref.WeakKeyDictionary()


def common_lexemes(session: Session) -> tuple[str, ...]:
    """The most common lexemes of ``inbox_items.search_tsv`` by ANALYZE's statistics, sorted (cached)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    now = time.monotonic()
    kept = _common.get(engine)
    if kept is not None and now - kept[0] < STATS_TTL:
        return kept[1]
    row = session.execute(
        text(
            "SELECT most_common_elems::text::text[] FROM pg_stats "
            "WHERE tablename = 'inbox_items' AND attname = 'search_tsv' AND schemaname = current_schema()"
        )
    ).first()
    lexemes = tuple(sorted(row[0] or ())) if row is not None else ()
    _common[engine] = (now, lexemes)
    return lexemes


def _is_common(token: str, lexemes: Sequence[str]) -> bool:
    """Some common lexeme starts with ``token`` (``lexemes`` sorted)."""
    at = bisect_left(lexemes, token)
    return at < len(lexemes) and lexemes[at].startswith(token)


def _probe(session: Session, token: str) -> list[int] | None:
    """The ids of items with a lexeme starting with ``token`` if there are at most :data:`RARE`, else None."""
    # Only the GIN index can answer this cheaply; the planner would otherwise scan the table (its estimate
    # for a prefix is the same 0.5 % whatever the prefix), so for this one statement nothing else is allowed.
    session.execute(text("SET LOCAL enable_seqscan = off"))
    session.execute(text("SET LOCAL enable_indexscan = off"))
    try:
        ids: list[Any] = list(
            session.scalars(
                text("SELECT id FROM inbox_items WHERE search_tsv @@ CAST(:q AS tsquery) LIMIT :n"),
                {"q": f"'{token}':*", "n": RARE + 1},
            )
        )
    finally:
        session.execute(text("SET LOCAL enable_seqscan = on"))
        session.execute(text("SET LOCAL enable_indexscan = on"))
    return [int(i) for i in ids] if len(ids) <= RARE else None


def rare_candidates(session: Session, user_input: str) -> ColumnElement[bool] | None:
    """A condition holding every match of ``user_input`` as a short list of ids, when one of its tokens is
    rare; None when every token is common (then the time-ordered walk is the fast plan)."""
    toks = query_tokens(user_input)
    if not toks:
        return None
    lexemes = common_lexemes(session)
    # Longest first: the longer the prefix, the fewer lexemes it covers.
    for tok in sorted((t for t in toks if not _is_common(t, lexemes)), key=len, reverse=True):
        ids = _probe(session, tok)
        if ids is not None:
            return InboxItem.id.in_(ids)
    return None
