"""Full-text backends behind the facade: one per database vendor, the same contract."""

from __future__ import annotations

from django.db import connection

from veikart.web.search.backends.base import Backend, Hit, Query, Scope


def backend_for_connection() -> Backend:
    """FTS5 on SQLite, tsvector/GIN on PostgreSQL (the database the rows live in)."""
    if connection.vendor == "postgresql":
        from veikart.web.search.backends.postgres import PostgresBackend

        return PostgresBackend()
    from veikart.web.search.backends.sqlite import SqliteBackend

    return SqliteBackend()


__all__ = ["Backend", "Hit", "Query", "Scope", "backend_for_connection"]
