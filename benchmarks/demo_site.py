"""A throwaway installation (with the demo data, or migrated only), and page render timing, for the in-process
benchmarks.

Scripts in this folder run as ``python benchmarks/NAME.py`` and import this as ``from demo_site import …``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from machine import machine  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "benchmark-passord-1"
EDITOR = "redaktor"  # load_demo's editor


@contextmanager
def demo_site(prefix: str, test_client: bool = True) -> Iterator[None]:
    """Django set up on a new SQLite database in a temporary folder, migrated, with ``load_demo``'s data.

    With ``test_client`` the test environment is on (Django's test Client may call it); the folder is
    removed afterwards.
    """
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        os.environ["VEIKART_DATA_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.core.management import call_command
        from django.test.utils import setup_test_environment

        if test_client:
            setup_test_environment()
            settings.ALLOWED_HOSTS = ["testserver"]
        with open(os.devnull, "w") as quiet:  # the commands' progress lines are not the benchmark's
            call_command("migrate", "--noinput", verbosity=0, stdout=quiet)
            call_command("load_demo", "--password", PASSWORD, stdout=quiet)
        yield


def migrated_site(prefix: str) -> None:
    """Django set up on the configured database (DATABASE_URL, else SQLite in a new temporary folder, kept),
    migrated, with the page cache off; prints the machine and the database first."""
    os.environ.setdefault("VEIKART_DATA_DIR", tempfile.mkdtemp(prefix=prefix))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
    os.environ["VEIKART_PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()  # tasks queue in the database and no worker runs them: a script times what it calls
    from django.conf import settings
    from django.core.management import call_command

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"machine: {machine()}; database: {engine}")
    call_command("migrate", verbosity=0)


def measure(client, url: str, renders: int) -> tuple[list[float], int, bytes]:
    """Seconds of each of ``renders`` GETs (after one warm-up), one GET's query count, and the last page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = client.get(url)
    if first.status_code != 200:
        raise SystemExit(f"{url} answered HTTP {first.status_code}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)  # read now: the next request empties the connection's log
    times = []
    for _ in range(renders):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
    return times, query_count, response.content
