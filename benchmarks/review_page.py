#!/usr/bin/env python3
"""Render time and size of the signed-in review page, in-process (no server, no network).

Loads the demo data and the classifier's SDG proposals into a throwaway
database (SQLite in a temporary folder), signs the demo editor in with
Django's test Client and renders the review page of the KS 2020–2023
strategy ``--renders`` times. Prints the median and best render time, the
number of database queries, the page size and how much of it is the SDG tag
lists, with the machine's size.

    .venv/bin/python benchmarks/review_page.py
    .venv/bin/python benchmarks/review_page.py --selected   # with one item selected (its "add" form shown)
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from machine import machine  # benchmarks/machine.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "benchmark-passord-1"


def sdg_bytes(html: str) -> int:
    """Bytes of the SDG review blocks and "add" forms (they are never nested in anything of their own)."""
    total = 0
    for match in re.finditer(r'<div class="sdg-review">.*?</form>\s*</div>|<div class="sdg-review">.*?</div>', html,
                             re.S):
        total += len(match.group(0).encode())
    for match in re.finditer(r'<form[^>]*class="sdg-add".*?</form>', html, re.S):
        total += len(match.group(0).encode())
    for match in re.finditer(r"<datalist.*?</datalist>", html, re.S):
        total += len(match.group(0).encode())
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--selected", action="store_true", help="select the first goal (shows its add form)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="veikart-review-bench-") as tmp:
        os.environ["VEIKART_DATA_DIR"] = tmp
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext, setup_test_environment

        from veikart.web.strategies.models import Item, Strategy

        setup_test_environment()
        settings.ALLOWED_HOSTS = ["testserver"]
        quiet = open(os.devnull, "w")  # noqa: SIM115 - the commands' progress lines are not the benchmark's
        call_command("migrate", "--noinput", verbosity=0, stdout=quiet)
        call_command("load_demo", "--password", PASSWORD, stdout=quiet)
        call_command("propose_sdg_tags", confirm=True, stdout=quiet)
        strategy = Strategy.objects.get(title__contains="2020")
        url = f"/strategier/{strategy.pk}/gjennomgang/"
        items = Item.objects.filter(section__strategy=strategy).count()
        if args.selected:
            url += f"?valgt=i{Item.objects.filter(section__strategy=strategy).order_by('pk').first().pk}"
        client = Client()
        client.force_login(get_user_model().objects.get(username="redaktor"))

        first = client.get(url)
        if first.status_code != 200:
            raise SystemExit(f"review page answered HTTP {first.status_code}")
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # read now: the next request empties the connection's log
        times = []
        for _ in range(args.renders):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        html = response.content.decode()

        print(f"machine: {machine()}")
        print(f"strategy: «{strategy.title}», {items} goals and commitments; SQLite; {url}")
        print(f"render: median {statistics.median(times) * 1000:.1f} ms, best {min(times) * 1000:.1f} ms "
              f"over {args.renders} renders; {query_count} queries")
        print(f"page: {len(response.content) / 1024:.1f} KiB, of which SDG tag lists and forms "
              f"{sdg_bytes(html) / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
