"""Alembic migrations of the Beat Desk schema."""
