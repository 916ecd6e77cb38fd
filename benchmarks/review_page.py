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

from demo_site import EDITOR, demo_site, measure  # benchmarks/demo_site.py, beside this script
from machine import machine  # benchmarks/machine.py, beside this script


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

    with demo_site("veikart-review-bench-"):
        from django.contrib.auth import get_user_model
        from django.core.management import call_command
        from django.test import Client

        from veikart.web.strategies.models import Item, Strategy

        with open(os.devnull, "w") as quiet:
            call_command("propose_sdg_tags", confirm=True, stdout=quiet)
        strategy = Strategy.objects.get(title__contains="2020")
        url = f"/strategier/{strategy.pk}/gjennomgang/"
        items = Item.objects.filter(section__strategy=strategy).count()
        if args.selected:
            url += f"?valgt=i{Item.objects.filter(section__strategy=strategy).order_by('pk').first().pk}"
        client = Client()
        client.force_login(get_user_model().objects.get(username=EDITOR))

        times, query_count, page = measure(client, url, args.renders)
        html = page.decode()

        print(f"machine: {machine()}")
        print(f"strategy: «{strategy.title}», {items} goals and commitments; SQLite; {url}")
        print(f"render: median {statistics.median(times) * 1000:.1f} ms, best {min(times) * 1000:.1f} ms "
              f"over {args.renders} renders; {query_count} queries")
        print(f"page: {len(page) / 1024:.1f} KiB, of which SDG tag lists and forms "
              f"{sdg_bytes(html) / 1024:.1f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
