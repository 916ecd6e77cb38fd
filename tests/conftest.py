"""Settings every test shares, and the people and organisations most web tests start from."""

from __future__ import annotations

import gc
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from django.conf import settings as django_settings
from threadpoolctl import threadpool_limits

T = TypeVar("T")

# Test modules' rewritten bytecode (pytest's assertion rewriting) cached while the tests are collected, even
# where PYTHONDONTWRITEBYTECODE is set: pytest writes it only when sys.dont_write_bytecode is false (the switch
# its documentation names for turning the cache off), and rewriting every test module again costs about 3.5 s
# of CPU a run. The setting is restored once collection ends: modules imported while tests run keep it.
# The files go to __pycache__ folders git ignores, or under PYTHONPYCACHEPREFIX when that is set.
_DONT_WRITE_BYTECODE = sys.dont_write_bytecode
sys.dont_write_bytecode = False


def pytest_collection_finish(session: pytest.Session) -> None:
    sys.dont_write_bytecode = _DONT_WRITE_BYTECODE
    # The modules, models and collected tests live for the whole run: frozen (gc.freeze), the collector no longer
    # walks them in each full collection, and with a larger first threshold it runs a fifth as often. Garbage
    # cycles are still collected, later. The collector's CPU halves (tests/search with test_no_leak: 2.2 s -> 1.0 s
    # of about 23 s).
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


# One BLAS thread. Django's setup has imported numpy before this file, so OpenBLAS has already started a
# thread per core; on a busy machine they spin for each small product the e5 model computes (the SDG
# classifier, meaning search), which cost about four times the CPU of one thread (tests/sdg and
# tests/web/test_semantic_search.py: 27.8 s -> 6.7 s). Subprocesses (manage.py serve, workers) read the
# variables at start.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
threadpool_limits(limits=1)

# Static files looked up per request (whitenoise's autorefresh mode) instead of every static file listed and
# stat'ed each time the middleware is built: the test client builds it for each client, about 700 times a run
# (7 ms each). The files served and their headers are the same.
django_settings.WHITENOISE_AUTOREFRESH = True


MIGRATED_SQLITE = pytest.StashKey[Path]()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request, tmp_path_factory):
    """pytest-django's test database; on SQLite also copied to a file as the migrations left it, before any test.

    That file is an empty installation's database (``migrated_sqlite``): the subprocess tests that need one
    copy it instead of running the migrations again in a process of their own (4 s of CPU).
    """
    from django.db import connection

    # pytest-django creates the test database only when a collected test asks for one; without it the
    # connection is the installation's own database, which must be neither opened nor copied.
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        target = tmp_path_factory.mktemp("migrated") / "veikart.sqlite3"
        with django_db_blocker.unblock():
            connection.ensure_connection()
            with sqlite3.connect(target) as copy:
                connection.connection.backup(copy)
            copy.close()
        request.config.stash[MIGRATED_SQLITE] = target


@pytest.fixture(scope="session")
def migrated_sqlite(django_db_setup, request) -> Path | None:
    """The SQLite file of an empty, migrated installation (None on PostgreSQL, or when no collected test uses the
    database, so pytest-django made no test database to copy)."""
    return request.config.stash.get(MIGRATED_SQLITE, None)


@pytest.fixture(autouse=True)
def _no_page_cache():
    """The public page cache off: its invalidation runs after commit, which a rolled-back test never reaches.

    tests/web/test_page_cache.py turns it on in tests that commit for real.
    """
    from django.conf import settings

    before = getattr(settings, "VEIKART_PAGE_CACHE_SECONDS", 0)
    settings.VEIKART_PAGE_CACHE_SECONDS = 0
    yield
    settings.VEIKART_PAGE_CACHE_SECONDS = before


@pytest.fixture(autouse=True)
def _words_only(request):
    """VEIKART_MEANING off: SDG proposals by words alone and no embedding job after a committed change, so
    importing a strategy embeds nothing (the e5 model costs seconds of CPU per plan).

    A test of meaning says so: ``@pytest.mark.meaning`` (the setting on, as in production).
    """
    from django.conf import settings

    before = getattr(settings, "VEIKART_MEANING", True)
    settings.VEIKART_MEANING = request.node.get_closest_marker("meaning") is not None
    yield
    settings.VEIKART_MEANING = before


IMMEDIATE_TASKS = "django_tasks.backends.immediate.ImmediateBackend"
DATABASE_TASKS = "django_tasks_db.DatabaseBackend"


def use_test_settings(settings, tmp_path, tasks: str = IMMEDIATE_TASKS) -> None:
    """Documents under the test's tmp_path on the local disk, the given task backend, fast password hashes."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS = {"default": {"BACKEND": tasks}}
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def shared_user(name: str):
    """A test class's fixture ``name``: the user whose key the class's ``build()`` returned under ``name``
    (for classes built on ``shared_rows``), fetched again for each test."""

    @pytest.fixture(name=name)
    def user(self, db, shared):
        from django.contrib.auth.models import User

        return User.objects.get(pk=shared[name])

    return user


def person(name: str, org, role: str | None = None):
    """A user with the test password, a member of ``org`` (a viewer unless ``role``); ``org`` None: no membership."""
    from django.contrib.auth.models import User

    from veikart.web.orgs.models import Membership

    user = User.objects.create_user(name, f"{name}@example.org", "hemmelig-passord-1")
    if org is not None:
        Membership.objects.create(user=user, organisation=org, role=role or Membership.Role.VIEWER)
    return user


def make_ks():
    """KS, the organisation most tests' people belong to."""
    from veikart.web.orgs.models import Organisation

    return Organisation.objects.create(slug="ks", name="KS", kind=Organisation.Kind.KS)


def make_oslo():
    """A member municipality: another organisation."""
    from veikart.web.orgs.models import Organisation

    return Organisation.objects.create(
        slug="oslo", name="Oslo kommune", kind=Organisation.Kind.MUNICIPALITY, number="0301"
    )


@pytest.fixture
def ks(db):
    return make_ks()


@pytest.fixture
def oslo(db):
    return make_oslo()


def shared_rows(django_db_blocker, tmp_path_factory, build: Callable[[], T]) -> Iterator[T]:
    """For a class-scoped fixture (``yield from``): rows ``build`` makes once for every test of a class.

    The rows are written (with the test settings) in a transaction that stays open while the class's tests run
    and is rolled back after the last one; each test runs in a savepoint inside it (pytest-django's ``db``), so
    what a test changes is undone before the next. ``build`` should return primary keys, and the class's
    function-scoped fixtures fetch the rows again: an object a test changed in memory must not reach the next.
    Files ``build`` stores go to a media folder of the class's own, not the test's (``_web_settings``'s tmp_path).
    """
    from django.db import transaction
    from django.test import override_settings

    test_settings = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("shared-media"),
        TASKS={"default": {"BACKEND": IMMEDIATE_TASKS}},
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        VEIKART_MEANING=False,
        VEIKART_PAGE_CACHE_SECONDS=0,
    )
    outer = transaction.atomic()
    with test_settings, django_db_blocker.unblock():
        outer.__enter__()
        try:
            built = build()
        except BaseException:
            outer.__exit__(*sys.exc_info())
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
