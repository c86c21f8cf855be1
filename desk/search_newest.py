"""Newest-first text search on SQLite without touching every match.

The inbox shows matches newest first, a page at a time. Sorting every match of a common word by time
costs a second on a million items, and FTS5 gathers every match of a prefix query (``"po"*``) into
memory before returning the first one unless a prefix index of exactly that length exists. So a search
finds its page in at most three steps, each exact; the first that can answer does (without filters the
order is 1, 3; with filters, or with only one-letter tokens, 2 comes first):

1. **Candidates by prefix index** (tokens of two or more characters). ``inbox_fts`` has prefix indexes
   for 2 and 3 characters, so ``"pol"* AND "ko"*`` walks its matches newest-inserted first without
   gathering them. Each candidate is checked against the full tokens with ``instr`` on the folded
   ``search_text`` (the same "a token starts with it" test PostgreSQL's ``:*`` makes) and against the
   other filters. The walk stops after :data:`CANDIDATE_FACTOR` × k candidates.
2. **The newest items of the other filters** (at most :data:`SCAN`), with the same ``instr`` test: fast
   when the filters are narrow, or a one-letter prefix matches half the inbox.
3. **Full tokens.** What is left has rare matches, so FTS5 gathering them is cheap.

Items are inserted roughly in time order but not exactly (a new account's history arrives late). A step
that found the ``k`` newest-inserted matches turns them into a time bound: the true newest ``k`` are all
at least as new as the oldest found (``t``), and every item created at or after ``t`` has an id at or
above ``floor(t) = min(id WHERE created_at >= t)``. So the matches with ids at or above the floor hold
the answer. ``floor`` of an hour's start is kept once computed: new items get larger ids and a purge
only raises the true minimum, so a kept value stays a safe (never too high) floor.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, Select, and_, bindparam, column, false, func, literal, select, table, text
from sqlalchemy.orm import Session

from desk.search import query_tokens
from desk.storage.models import InboxItem

#: Prefix lengths ``inbox_fts`` keeps an index for (migration 0007).
PREFIX_LENGTHS = (2, 3)
#: Step 1 gives up after this many candidates per wanted row (the prefix is much broader than the word).
CANDIDATE_FACTOR = 4
#: How many of the filters' newest items step 2 reads.
SCAN = 2_000
#: Above this many ids the final condition is a sub-select instead of a bound list.
MAX_BOUND_IDS = 20_000
#: Kept floors per database (hours); cleared when it grows past this.
MAX_KEPT_FLOORS = 50_000

_FTS = table("inbox_fts", column("rowid"))
_floors: weakref.WeakKeyDictionary[Engine, dict[datetime, int]] = weakref.WeakKeyDictionary()


def token_tests(tokens: Sequence[str]) -> list[ColumnElement[bool]]:
    """``search_text`` has a token starting with each of ``tokens`` (tokens are letters and digits only)."""
    spaced = literal(" ").concat(InboxItem.search_text)
    return [func.instr(spaced, " " + tok) > 0 for tok in tokens]


def prefix_expression(tokens: Sequence[str]) -> str | None:
    """The longest indexed prefix of every token of two or more characters (``"pol"* AND "ko"*``)."""
    longest = max(PREFIX_LENGTHS)
    parts: list[str] = []
    for tok in tokens:
        if len(tok) >= min(PREFIX_LENGTHS):
            part = f'"{tok[:longest]}"*'
            if part not in parts:
                parts.append(part)
    return " AND ".join(parts) if parts else None


def full_expression(tokens: Sequence[str]) -> str:
    """Every token of two or more characters prefix-matched; one-letter tokens only when there is no other."""
    long = [t for t in tokens if len(t) >= 2] or list(tokens)
    return " AND ".join(f'"{t}"*' for t in long)


def _match(expression: str) -> ColumnElement[bool]:
    return text("inbox_fts MATCH :fts_q").bindparams(bindparam("fts_q", expression))  # type: ignore[return-value]


def _joined(expression: str, *columns: Any) -> Select[Any]:
    return (
        select(*columns)
        .select_from(_FTS.join(InboxItem.__table__, InboxItem.id == _FTS.c.rowid))
        .where(_match(expression))
    )


def floor_id(session: Session, at: datetime) -> int:
    """A lower bound of the smallest id among items created at or after ``at`` (exact at an hour's start)."""
    hour = at.replace(minute=0, second=0, microsecond=0)
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    kept = _floors.setdefault(engine, {})
    if hour in kept:
        return kept[hour]
    later = [h for h in kept if h > hour]
    stmt = select(func.min(InboxItem.id + 0)).where(InboxItem.created_at >= hour)  # "+ 0": walk the time index
    if later:
        nearest = min(later)
        stmt = stmt.where(InboxItem.created_at < nearest)
    found = session.scalar(stmt)
    if later:
        found = min(found, kept[nearest]) if found is not None else kept[nearest]
    if found is None:
        return 0  # nothing yet: an empty range is not kept (a late item may land in it)
    if len(kept) >= MAX_KEPT_FLOORS:
        kept.clear()
    kept[hour] = int(found)
    return int(found)


def _answer(
    session: Session, expression: str, conds: Sequence[ColumnElement[bool]], hits: Sequence[tuple[int, datetime]]
) -> ColumnElement[bool]:
    """The matches that can be among the newest ``len(hits)``, given ``hits``: every match with an id at or
    above the smallest of them, newest inserted first."""
    lowest = min(i for i, _at in hits)
    floor = floor_id(session, min(at for _i, at in hits))
    ids = [i for i, _at in hits]
    if floor < lowest:
        ids += session.scalars(
            # walked downwards: FTS5 seeks a rowid range far faster from its top than from its bottom
            _joined(expression, InboxItem.id)
            .where(*conds, _FTS.c.rowid >= floor, _FTS.c.rowid < lowest)
            .order_by(_FTS.c.rowid.desc())
        )
    if len(ids) > MAX_BOUND_IDS:  # a big late backfill: let SQLite join instead of binding the ids
        return and_(InboxItem.id.in_(select(_FTS.c.rowid).where(_match(expression), _FTS.c.rowid >= floor)), *conds)
    return InboxItem.id.in_(ids)


def narrow(
    session: Session, user_input: str, others: Sequence[ColumnElement[bool]], k: int, *, filtered: bool = True
) -> ColumnElement[bool]:
    """A condition on ``inbox_items`` whose rows include the newest ``k`` items matching ``user_input``
    and ``others`` (the caller orders by ``created_at DESC, id DESC`` and applies ``others`` again).

    ``filtered`` says whether ``others`` narrow the inbox beyond its default. With filters the newest items
    of the filters are read first (step 2: a prefix walk over the whole inbox mostly finds items the filters
    drop); without, step 2 is skipped when the prefix walk ran out (it already read the newest candidates)."""
    tokens = query_tokens(user_input)
    if not tokens or k <= 0:
        return false()
    conds = [*others, *token_tests(tokens)]
    prefixes = prefix_expression(tokens)
    if filtered or prefixes is None:
        answer = _scan_newest(session, tokens, others, k)
        if answer is not None:
            return answer
    if prefixes is not None:
        answer = _walk_prefixes(session, prefixes, conds, k)
        if answer is not None:
            return answer
    return _full_tokens(session, tokens, conds, k)


def _walk_prefixes(
    session: Session, prefixes: str, conds: Sequence[ColumnElement[bool]], k: int
) -> ColumnElement[bool] | None:
    """Step 1: candidates by prefix index, newest inserted first, at most CANDIDATE_FACTOR × k of them."""
    cap = CANDIDATE_FACTOR * k
    candidates = (
        select(_FTS.c.rowid.label("rid")).where(_match(prefixes)).order_by(_FTS.c.rowid.desc()).limit(cap)
    ).subquery()
    rows = session.execute(
        select(InboxItem.id, InboxItem.created_at)
        .select_from(candidates.join(InboxItem.__table__, InboxItem.id == candidates.c.rid))
        .where(*conds)
        .order_by(candidates.c.rid.desc())
        .limit(k)
    ).all()
    if len(rows) >= k:
        return _answer(session, prefixes, conds, [(r.id, r.created_at) for r in rows])
    read = session.scalar(select(func.count()).select_from(candidates))
    if (read or 0) < cap:  # every candidate was read: these are all the matches
        return InboxItem.id.in_([r.id for r in rows]) if rows else false()
    return None


def _scan_newest(
    session: Session, tokens: Sequence[str], others: Sequence[ColumnElement[bool]], k: int
) -> ColumnElement[bool] | None:
    """Step 2: the newest items of the other filters (at most SCAN), until k match."""
    limit = max(SCAN, k)
    newest = (
        select(InboxItem.id, InboxItem.search_text)
        .where(*others)
        .order_by(InboxItem.created_at.desc(), InboxItem.id.desc())
        .limit(limit)
        .subquery()
    )
    spaced = literal(" ").concat(newest.c.search_text)
    found = list(
        session.scalars(select(newest.c.id).where(*(func.instr(spaced, " " + tok) > 0 for tok in tokens)).limit(k))
    )
    if len(found) >= k:
        return InboxItem.id.in_(found)
    beyond = session.scalar(
        select(InboxItem.id)
        .where(*others)
        .order_by(InboxItem.created_at.desc(), InboxItem.id.desc())
        .offset(limit - 1)
        .limit(1)
    )
    if beyond is None:  # the filters hold no more items: these are all the matches
        return InboxItem.id.in_(found) if found else false()
    return None


def _full_tokens(
    session: Session, tokens: Sequence[str], conds: Sequence[ColumnElement[bool]], k: int
) -> ColumnElement[bool]:
    """Step 3: the full tokens; the matches are rare (or the filters narrow), so gathering them is cheap."""
    full = full_expression(tokens)
    rows = session.execute(
        _joined(full, InboxItem.id, InboxItem.created_at).where(*conds).order_by(_FTS.c.rowid.desc()).limit(k)
    ).all()
    if len(rows) < k:
        return InboxItem.id.in_([r.id for r in rows]) if rows else false()
    return _answer(session, full, conds, [(r.id, r.created_at) for r in rows])
