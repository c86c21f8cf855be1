"""Full-text search over inbox items, the same on SQLite (FTS5) and PostgreSQL (tsvector).

The desk folds text itself (NFKD, combining marks stripped, casefolded, tokens of letters and digits)
and stores the tokens in ``inbox_items.search_text``. Neither database's parser or stemmer is used:
SQLite's FTS5 table ``inbox_fts`` splits the folded text on spaces, and PostgreSQL builds
``search_tsv = array_to_tsvector(string_to_array(search_text, ' '))``. A query is a prefix match on
every token the person typed, so both databases give the same results, newest first.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any

import regex
from sqlalchemy import ColumnElement, Select, bindparam, literal_column, select, text
from sqlalchemy.orm import Session

from desk.storage.models import InboxItem

_TOKEN = regex.compile(r"[\p{L}\p{N}]+")
_MARKS = regex.compile(r"\p{M}+")
#: A token longer than this is cut: PostgreSQL refuses lexemes over 2 KiB, and nobody searches for one.
MAX_TOKEN_CHARS = 64
#: Stored search text is capped so a pasted novel cannot exceed PostgreSQL's 1 MiB tsvector.
MAX_SEARCH_TEXT_CHARS = 20_000
#: At most this many tokens of a query are used.
MAX_QUERY_TOKENS = 8


def tokens(text: str) -> list[str]:
    """The folded tokens of ``text``: accents and case removed, letters and digits only."""
    if text.isascii():  # most messages: casefolding ASCII is lowercasing, and there are no marks
        folded = text.lower()
    else:
        folded = _MARKS.sub("", unicodedata.normalize("NFKD", text)).casefold()
        # Casefolding can itself produce marks or compatibility forms (e.g. "İ"), so fold once more.
        folded = _MARKS.sub("", unicodedata.normalize("NFKD", folded))
    return [tok[:MAX_TOKEN_CHARS] for tok in _TOKEN.findall(folded)]


def fold(text: str) -> str:
    """The folded tokens of ``text`` joined by single spaces (what ``search_text`` holds)."""
    return " ".join(tokens(text))


def index_text(text: str) -> str:
    """``fold(text)`` capped at :data:`MAX_SEARCH_TEXT_CHARS`, cut at a token boundary."""
    folded = fold(text)
    if len(folded) <= MAX_SEARCH_TEXT_CHARS:
        return folded
    return folded[:MAX_SEARCH_TEXT_CHARS].rsplit(" ", 1)[0]


def query_tokens(user_input: str) -> list[str]:
    """The distinct folded tokens of a search box's input, in order, at most :data:`MAX_QUERY_TOKENS`."""
    seen: list[str] = []
    for tok in tokens(user_input):
        if tok not in seen:
            seen.append(tok)
    return seen[:MAX_QUERY_TOKENS]


def fts5_query(user_input: str) -> str | None:
    """An FTS5 MATCH expression: every token quoted and prefix-matched (``"a"* AND "b"*``)."""
    toks = query_tokens(user_input)
    if not toks:
        return None
    # Tokens hold only letters and digits, so quoting cannot be broken; quoting keeps FTS5 from
    # reading words such as AND, OR, NOT or NEAR as operators.
    return " AND ".join(f'"{tok}"*' for tok in toks)


def tsquery(user_input: str) -> str | None:
    """A PostgreSQL tsquery of raw lexemes, each prefix-matched (``'a':* & 'b':*``), no parser involved."""
    toks = query_tokens(user_input)
    if not toks:
        return None
    return " & ".join(f"'{tok}':*" for tok in toks)


def search_condition(dialect: str, user_input: str) -> ColumnElement[bool] | None:
    """A WHERE clause on ``inbox_items`` matching ``user_input``; None when it has no tokens."""
    if dialect == "sqlite":
        q = fts5_query(user_input)
        if q is None:
            return None
        matches: Select[Any] = (
            select(literal_column("rowid"))
            .select_from(text("inbox_fts"))
            .where(text("inbox_fts MATCH :fts_q").bindparams(bindparam("fts_q", q)))
        )
        return InboxItem.id.in_(matches)
    q = tsquery(user_input)
    if q is None:
        return None
    return text("inbox_items.search_tsv @@ CAST(:ts_q AS tsquery)").bindparams(bindparam("ts_q", q))  # type: ignore[return-value]


def search_ids(session: Session, user_input: str, limit: int = 50, offset: int = 0) -> list[int]:
    """Ids of matching items, newest first (``created_at DESC, id DESC``; never by rank)."""
    dialect = session.get_bind().dialect.name
    cond = search_condition(dialect, user_input)
    if cond is None:
        return []
    stmt = (
        select(InboxItem.id)
        .where(cond)
        .order_by(InboxItem.created_at.desc(), InboxItem.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return [int(i) for i in session.scalars(stmt)]


# --- the write side: keeping the index in step with inbox_items ------------------------------------


def index_items(session: Session, rows: Sequence[tuple[int, str]]) -> None:
    """Add (item id, search text) pairs to the full-text index, in one statement.

    SQLite: the FTS5 table ``inbox_fts`` (rowid = item id). PostgreSQL: nothing to do, ``search_tsv``
    is generated from ``search_text``. Call it in the transaction that inserted the items."""
    if not rows or session.get_bind().dialect.name != "sqlite":
        return
    raw: Any = session.connection().connection.driver_connection
    raw.executemany("INSERT INTO inbox_fts(rowid, search_text) VALUES (?, ?)", rows)


def reindex_items(session: Session, rows: Sequence[tuple[int, str, str]]) -> None:
    """Replace index entries: (item id, old search text, new search text) after an edit."""
    if not rows or session.get_bind().dialect.name != "sqlite":
        return
    raw: Any = session.connection().connection.driver_connection
    # An external-content FTS5 table forgets an entry only when told the text it indexed.
    raw.executemany(
        "INSERT INTO inbox_fts(inbox_fts, rowid, search_text) VALUES ('delete', ?, ?)",
        [(item_id, old) for item_id, old, _new in rows],
    )
    raw.executemany("INSERT INTO inbox_fts(rowid, search_text) VALUES (?, ?)", [(i, new) for i, _old, new in rows])
