"""Benchmark: SDG proposals for the two KS strategies, and the pages that show tags.

    .venv/bin/python benchmarks/sdgtags.py                      # SQLite in a temporary folder
    bin/with-postgres .venv/bin/python benchmarks/sdgtags.py    # the same on PostgreSQL

Builds a throwaway database (migrations with the SDG catalogue, the demo:
both KS strategies published, which proposes their tags on import), then
times propose_tags again on each strategy (all proposals unchanged: the cost
of a recompute), with every proposal removed first (the cost after an
import), and renders each page several times with the template cache
cleared. Prints medians, query counts and the machine's size.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time

from machine import machine  # benchmarks/machine.py, beside this script

RUNS = 7


def main() -> int:
    os.environ.setdefault("VEIKART_DATA_DIR", tempfile.mkdtemp(prefix="veikart-bench-sdg-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
    os.environ["VEIKART_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from veikart.sdg.classifier import default_classifier
    from veikart.web.sdgtags.models import ItemTag
    from veikart.web.sdgtags.services import propose_tags
    from veikart.web.strategies.models import Strategy

    call_command("migrate", verbosity=0)
    call_command("load_demo", password="bench-passord-1", stdout=open(os.devnull, "w"))  # noqa: SIM115
    default_classifier()  # built once per process; not part of a request's cost

    print(f"database: {connection.vendor}; {machine()}")
    for strategy in Strategy.objects.order_by("pk"):
        times, summary = [], None
        for _ in range(RUNS):
            start = time.perf_counter()
            summary = propose_tags(strategy)
            times.append(time.perf_counter() - start)
        fresh = []
        for _ in range(3):
            ItemTag.objects.filter(strategy=strategy).delete()
            start = time.perf_counter()
            propose_tags(strategy)
            fresh.append(time.perf_counter() - start)
        print(f"propose_tags «{strategy.title}»: {summary.items} items, "
              f"{ItemTag.objects.filter(strategy=strategy).count()} proposals; "
              f"recompute median {statistics.median(times) * 1000:.0f} ms "
              f"({summary.items / statistics.median(times):.0f} items/s), "
              f"from nothing {statistics.median(fresh) * 1000:.0f} ms")

    client = Client()
    client.force_login(User.objects.get(username="redaktor"))
    strategy = Strategy.objects.order_by("-pk").first()
    pages = {
        "strategy page (tree not cached)": strategy.get_absolute_url(),
        "review page": f"/strategier/{strategy.pk}/gjennomgang/",
        "SDG profile": f"/strategier/{strategy.pk}/barekraftsmal/",
        "SDG index": "/barekraftsmal/",
        "SDG 16 (most tags)": "/barekraftsmal/16/",
    }
    for label, url in pages.items():
        times = []
        for _ in range(RUNS):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
        print(f"{label:<34} median {statistics.median(times) * 1000:6.1f} ms  {len(queries):3d} queries  "
              f"({len(response.content) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
