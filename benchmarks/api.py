"""Benchmark: how the REST API's answers grow with the data (1x, 10x, 100x the demo's size).

    .venv/bin/python benchmarks/api.py                      # SQLite in a temporary folder
    bin/with-postgres .venv/bin/python benchmarks/api.py    # the same on PostgreSQL
    .venv/bin/python benchmarks/api.py --scales 1 10        # fewer sizes

The data are copies of the real KS strategy in the demo samples (its sections
and items, imported once through the importer, then copied row for row with
bulk_create), published under the 372 members in turn, plus indicator values
for every member. 1x is 20 strategies (about the demo library), 10x and 100x
are that many times more strategies, items and values. For each size it times,
through Django's test client (the whole request, no network), the median of a
few runs of: the first and a deep page of /api/items, a strategy's items, the
strategy list, the values of one indicator (first page, and filtered to one
member), and /api/openapi.json. Prints the machine's size and the row counts.
Timing only: nothing is written outside the temporary database.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from demo_site import migrated_site  # benchmarks/demo_site.py, beside this script
from pages import median_ms  # benchmarks/pages.py

BASE_STRATEGIES = 20
VALUES_PER_STRATEGY = 500  # 1x: 10,000 values
REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "veikart" / "web" / "demo" / "samples" / "ks-langtidsstrategi-2020-2023.md"



def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    migrated_site("veikart-bench-api-")
    from django.test import Client
    from django.utils import timezone

    from veikart.ingest import extract
    from veikart.web.orgs.models import Organisation
    from veikart.web.planning.members import load_member_organisations
    from veikart.web.planning.models import Indicator, Value
    from veikart.web.strategies import services
    from veikart.web.strategies.models import Item, Section, Strategy

    load_member_organisations()
    members = list(Organisation.objects.exclude(number=None).order_by("number"))
    ks = Organisation.objects.create(slug="ks", name="KS", kind="ks")
    template = services.publish(services.import_strategy(ks, extract(SAMPLE), None), None)
    sections = list(Section.objects.filter(strategy=template).order_by("pk"))
    items = list(Item.objects.filter(section__strategy=template).order_by("pk"))
    indicator = Indicator.objects.create(organisation=ks, key="bench", name="Benchmark", unit="antall")
    print(f"template: {len(sections)} sections, {len(items)} items from {SAMPLE.name}")

    made_strategies, made_values = 1, 0
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'scale':>5} {'strategies':>10} {'items':>9} {'values':>9}  " + "  ".join(f"{h:>9}" for h in HEADS))
    for scale in args.scales:
        want = BASE_STRATEGIES * scale
        while made_strategies < want:
            _copy(template, sections, items, members[made_strategies % len(members)], Strategy, Section, Item)
            made_strategies += 1
        now = timezone.now()
        want_values = VALUES_PER_STRATEGY * BASE_STRATEGIES * scale
        rows = []
        while made_values + len(rows) < want_values:
            n = made_values + len(rows)
            member, year = members[n % len(members)], 1900 + n // len(members)
            rows.append(Value(indicator=indicator, organisation=member, period=str(year),
                              period_end=date(year, 12, 31), value=n % 97, source="bench", imported_at=now))
        Value.objects.bulk_create(rows, batch_size=2000)
        made_values += len(rows)
        total_items = Item.objects.count()
        some = Strategy.objects.order_by("-pk").first()
        urls = [
            "/api/items?limit=100",
            f"/api/items?limit=100&offset={max(total_items - 200, 0)}",
            f"/api/items?strategy={some.pk}&limit=100",
            "/api/strategies?limit=100",
            "/api/indicators/bench/values?limit=100",
            f"/api/indicators/bench/values?member={members[7].number}&limit=100",
            "/api/openapi.json",
        ]
        timings = [median_ms(client, url) for url in urls]
        print(f"{scale:>4}x {Strategy.objects.count():>10} {total_items:>9} {Value.objects.count():>9}  "
              + "  ".join(f"{t:>7.1f}ms" for t in timings))
        sys.stdout.flush()
    return 0


HEADS = ["items p1", "items end", "strat.items", "strategies", "values p1", "values 1m", "openapi"]


def _copy(template, sections, items, organisation, Strategy, Section, Item) -> None:
    """One more published strategy: the template's sections and items, row for row (parents kept)."""
    strategy = Strategy.objects.create(organisation=organisation, title=f"{template.title} ({organisation.name})",
                                       period_start=template.period_start, period_end=template.period_end,
                                       status=Strategy.Status.PUBLISHED, published_at=template.published_at)
    new = {}
    for old in sections:  # parents come first (pk order of the import)
        new[old.pk] = Section.objects.create(strategy=strategy, parent=new.get(old.parent_id), number=old.number,
                                             title=old.title, intro=old.intro, position=old.position)
    Item.objects.bulk_create(Item(section=new[i.section_id], kind=i.kind, text=i.text, position=i.position)
                             for i in items)


if __name__ == "__main__":
    sys.exit(main())
