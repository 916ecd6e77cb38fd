"""The data generation: bumped after each committed write that can change a page, read once per cached request."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "pagecache_generation"
# Tables whose writes change no page anyone is served from the cache: sessions and login attempts (every sign-in),
# job bookkeeping (heartbeats every few seconds while a job runs; the content a job writes is caught by its own
# tables), the task queue, and caches of computed results.
IGNORED = frozenset({
    TABLE, "django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog",
    "django_tasks_database_dbtaskresult", "strategies_importjob", "planning_valueimport",
    "search_cachedcomparison", "django_migrations",
    "jobs_workerbeat",  # every worker's sign of life, every VEIKART_JOB_HEARTBEAT_SECONDS; no page shows it
    "api_apitoken",  # a token's last use is noted once a minute while a program calls the API; no page shows it
})
WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)', re.I)


def watch_writes(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """connection_created: wrap every statement this connection runs (see the package docstring)."""
    if _notice_write not in connection.execute_wrappers:
        connection.execute_wrappers.append(_notice_write)


def _notice_write(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql[:1] not in "SsWw":  # SELECT and WITH read: the common case stops here
        match = WRITE.match(sql)
        if match and match.group(1).rsplit(".", 1)[-1] not in IGNORED:
            _bump_on_commit(context["connection"])
    return result


def _bump_on_commit(connection: BaseDatabaseWrapper) -> None:
    if connection.in_atomic_block and any(entry[1] is _bump for entry in connection.run_on_commit):
        return  # this transaction bumps once, however many rows it writes
    transaction.on_commit(_bump, using=connection.alias)


def _bump() -> None:
    # on_commit callbacks run after the commit, in autocommit: a failure here cannot undo or poison the change.
    # The default alias is Veikart's only database.
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            # An upsert, so a counter row deleted (a flushed test database) comes back.
            cursor.execute(f"INSERT INTO {TABLE} (id, value) VALUES (1, 1) "
                           f"ON CONFLICT (id) DO UPDATE SET value = {TABLE}.value + 1")
    except DatabaseError:
        if TABLE in connection.introspection.table_names():
            raise
        # Writes before this app's migration ran (the first migrate) have no counter to bump yet.


def current() -> int | None:
    """The generation now (0 before the first change), or None when there is no counter table (not migrated)."""
    from django.db import DatabaseError, connection

    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {TABLE} WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        return None
    return row[0] if row else 0
