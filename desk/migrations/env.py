"""Alembic environment: runs on the connection the desk hands over (or a URL in the config)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from desk.storage.models import Base

config = context.config
target_metadata = Base.metadata


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave the full-text search objects (created by hand in revision 0002) out of autogenerate."""
    return not (name or "").startswith("inbox_fts") and name not in {"search_tsv", "ix_inbox_items_search_tsv"}


def run_migrations() -> None:
    """Migrate using a connection passed in ``config.attributes`` or one opened from ``sqlalchemy.url``."""
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True, include_object=include_object
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = engine_from_config(config.get_section(config.config_ini_section) or {}, poolclass=pool.NullPool)
    with engine.connect() as conn:
        context.configure(
            connection=conn, target_metadata=target_metadata, render_as_batch=True, include_object=include_object
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
