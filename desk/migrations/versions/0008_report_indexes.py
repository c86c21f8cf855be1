"""report indexes: inbox volume grouped in index order (SQLite), activity counted by kind and person

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 08:30:00

``ix_inbox_items_volume_hour`` (SQLite only) holds each item's platform, triage class and stored UTC hour
(characters 12-13 of the ISO text SQLite keeps) in that order, so the volume report groups a year of items
while reading the index once instead of sorting every item; PostgreSQL groups by hashing and needs no such
index. It is an expression index, which SQLAlchemy cannot reflect: a later batch migration that rebuilds
``inbox_items`` on SQLite must create it again (tests/unit/desk/test_reports_volume.py checks it is used).

``ix_conversation_events_kind_user_at`` lets the activity report count each person's events of each kind
by seeking, on both databases.
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

VOLUME_HOUR = (
    "CREATE INDEX IF NOT EXISTS ix_inbox_items_volume_hour ON inbox_items "
    "(platform, triage_label, substr(created_at, 12, 2), from_account, created_at, account_id)"
)


def upgrade() -> None:
    with op.batch_alter_table("conversation_events", schema=None) as batch_op:
        batch_op.create_index("ix_conversation_events_kind_user_at", ["kind", "user_id", "at"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(VOLUME_HOUR)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_inbox_items_volume_hour")
    with op.batch_alter_table("conversation_events", schema=None) as batch_op:
        batch_op.drop_index("ix_conversation_events_kind_user_at")
