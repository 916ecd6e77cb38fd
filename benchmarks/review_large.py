#!/usr/bin/env python3
"""Size and render time of the review page of a strategy at the item limit (5,000 goals and commitments).

Builds a throwaway SQLite database (in a temporary folder) with the demo
editor and one generated strategy of ``--items`` items (``--sections`` top
sections, each with two subsections, half goals and half commitments) and
two pages of source text, signs the editor in with Django's test Client and
renders the review page ``--renders`` times: the first part, the last part,
and with an item of the last part selected. Prints the median and best
render time, the number of database queries and the page size.

    .venv/bin/python benchmarks/review_large.py
    .venv/bin/python benchmarks/review_large.py --items 5000 --sections 50 --renders 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from demo_site import EDITOR, demo_site, measure  # benchmarks/demo_site.py, beside this script
from machine import machine  # benchmarks/machine.py, beside this script


def build(items: int, top: int):
    """An importer Strategy of ``items`` items in ``top`` top sections with two subsections each."""
    from veikart.ingest import Item, Section, Strategy
    from veikart.ingest.model import DocumentSource, Period

    per_leaf = max(1, items // (top * 2))
    made = 0
    sections = []
    for t in range(1, top + 1):
        children = []
        for c in range(1, 3):
            count = min(per_leaf, items - made)
            goals = [Item(text=f"Mål {t}.{c}.{n}: kommunen skal styrke folkehelsen og tilbudet i nærmiljøet")
                     for n in range(count // 2)]
            commitments = [Item(text=f"Tiltak {t}.{c}.{n}: bygge ut gang- og sykkelvei og skoleskyss")
                           for n in range(count - count // 2)]
            made += count
            children.append(Section(number=f"{t}.{c}", title=f"Delkapittel {t}.{c}", goals=goals,
                                    commitments=commitments))
        sections.append(Section(number=str(t), title=f"Kapittel {t}", intro="Innledning til kapitlet.",
                                sections=children))
    return Strategy(title="Stor strategi 2026–2029", organisation=None, period=Period(2026, 2029),
                    source=DocumentSource(filename="stor.pdf", sha256="0" * 64, pages=2, format="pdf"),
                    sections=sections)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--sections", type=int, default=50, help="top sections (each gets two subsections)")
    parser.add_argument("--renders", type=int, default=5)
    args = parser.parse_args()

    with demo_site("veikart-review-large-"):
        from django.contrib.auth import get_user_model
        from django.test import Client

        from veikart.web.orgs.models import Organisation
        from veikart.web.strategies import services
        from veikart.web.strategies.models import Item

        editor = get_user_model().objects.get(username=EDITOR)
        organisation = Organisation.objects.get(slug="ks")
        started = time.perf_counter()
        strategy = services.import_strategy(organisation, build(args.items, args.sections), editor,
                                            pages=["Side 1 av kildeteksten.", "Side 2 av kildeteksten."])
        built = time.perf_counter() - started
        items = Item.objects.filter(section__strategy=strategy).order_by("pk")
        last = items.last()
        client = Client()
        client.force_login(editor)
        base = f"/strategier/{strategy.pk}/gjennomgang/"
        print(f"machine: {machine()}")
        print(f"strategy: {items.count()} goals and commitments in {args.sections} top sections "
              f"(import {built:.1f} s); SQLite")
        for label, url in (("first part", base), ("last item selected", f"{base}?valgt=i{last.pk}")):
            times, queries, page = measure(client, url, args.renders)
            print(f"{label:>20}: {len(page) / 1024:8.1f} KiB, render median {statistics.median(times) * 1000:7.1f} ms, "
                  f"best {min(times) * 1000:7.1f} ms over {args.renders}; {queries} queries  ({url})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
