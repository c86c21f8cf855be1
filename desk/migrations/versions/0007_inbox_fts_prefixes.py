"""inbox search index: prefix indexes for 2 and 3 characters, rowids only, split on spaces only

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 07:20:00

SQLite only. The desk folds the text itself, so ``search_text`` is tokens separated by single spaces;
the ``ascii`` tokenizer splits exactly there (every non-ASCII character is a token character), which is
how PostgreSQL's ``string_to_array(search_text, ' ')`` splits it too. ``detail='none'`` keeps only rowids
(search never asks for phrases or positions): half the index, twice the write speed. ``prefix='2 3'``
lets a typed prefix walk its matches newest first instead of gathering every match of every word that
starts with it. The index is rebuilt from ``inbox_items`` (about 20 s for a million items).
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NEW = (
    "CREATE VIRTUAL TABLE inbox_fts USING fts5(search_text, content='inbox_items', content_rowid='id', "
    "tokenize='ascii', detail='none', prefix='2 3')"
)
OLD = (
    "CREATE VIRTUAL TABLE inbox_fts USING fts5(search_text, content='inbox_items', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 0')"
)


def _recreate(create: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's GIN-indexed tsvector is unchanged
    op.execute("DROP TABLE IF EXISTS inbox_fts")
    op.execute(create)
    op.execute("INSERT INTO inbox_fts(inbox_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _recreate(NEW)


def downgrade() -> None:
    _recreate(OLD)
