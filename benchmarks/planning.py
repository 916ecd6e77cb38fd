"""Benchmark: 10 years × every municipality × 50 indicators through the web app's import, then the dashboard.

    .venv/bin/python benchmarks/planning.py            # SQLite in a temporary folder
    bin/with-postgres .venv/bin/python benchmarks/planning.py   # the same on PostgreSQL

Builds a throwaway database (migrations, members, one published strategy
with 50 indicators linked to its goals), generates ≈178,500 synthetic values
as one CSV (timing only; never written anywhere but this temporary database),
and times: the dry run (veikart.web.planning.values.check), writing it
(values.write, one transaction), importing the same file again (all
unchanged), rendering the dashboard (200 measures, goal roll-up, chart) and
one indicator page, and the annual report as PDF and DOCX. Prints the times
and the machine's size.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date

from machine import machine  # benchmarks/machine.py, beside this script

YEARS = list(range(2014, 2024))
N_INDICATORS = 50
N_MEASURES = 200  # issue 12: the dashboard under 300 ms for a plan with 200 measures and ~200,000 values


def timed(label: str, func):
    """Wall time, and this process's CPU time: on a shared, busy machine the second is the one to compare."""
    start, cpu = time.perf_counter(), time.process_time()
    result = func()
    print(f"{label:<58} {time.perf_counter() - start:8.2f} s  (cpu {time.process_time() - cpu:.2f} s)")
    return result


def main() -> int:
    tmp = tempfile.mkdtemp(prefix="veikart-bench-")
    os.environ.setdefault("VEIKART_DATA_DIR", tmp)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.test import RequestFactory

    from veikart.members import MemberKind, load_members
    from veikart.web.orgs.models import Organisation
    from veikart.web.planning import services, values, views
    from veikart.web.planning.members import load_member_organisations
    from veikart.web.planning.models import Indicator, Target
    from veikart.web.strategies import services as strategy_services
    from veikart.web.strategies.models import Item

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"machine: {machine()}; database: {engine}")
    call_command("migrate", verbosity=0)
    timed("load members (372 organisations)", load_member_organisations)
    ks, _ = Organisation.objects.get_or_create(slug="ks", defaults={"name": "KS", "kind": Organisation.Kind.KS})
    sections = [{"number": f"2.{n}", "title": f"Område {n}", "intro": "", "sections": [], "source": None,
                 "goals": [{"text": f"KS skal bidra til mål {n}.", "source": None}],
                 "commitments": [{"text": f"KS skal gjøre {n}.", "source": None}]} for n in range(1, 11)]
    strategy = strategy_services.import_strategy_json(ks, {
        "schema": "veikart.strategy/1", "title": "Benchmark-strategi 2014–2023", "organisation": "KS",
        "period": {"start": 2014, "end": 2023}, "language": "nb",
        "source": {"filename": None, "sha256": "", "pages": None}, "sections": sections}, None)
    strategy_services.publish(strategy, None)
    goals = list(Item.objects.filter(section__strategy=strategy, kind="goal"))
    indicators = []
    for n in range(N_INDICATORS):
        indicator = Indicator.objects.create(organisation=ks, key=f"bench-{n:02d}", name=f"Indikator {n:02d}",
                                             unit="prosent", level="member")
        indicator.goals.add(goals[n % len(goals)])
        Target.objects.create(indicator=indicator, strategy=strategy, value=60.0, comparison=">=",
                              deadline=f"{YEARS[-1]}-12-31")
        indicators.append(indicator)
    plan = services.create_plan(strategy, 2023, None)
    statuses = ["planned", "in_progress", "done", "delayed", "cancelled"]
    for n in range(N_MEASURES):
        services.create_measure(plan, None, items=[goals[n % len(goals)], goals[(n * 7) % len(goals)]],
                                title=f"Tiltak {n}", due=date(2023, 6, 30), status=statuses[n % len(statuses)])

    municipalities = load_members(kind=MemberKind.MUNICIPALITY)
    rng = random.Random(4)
    lines = ["kommunenummer;år;indikator;verdi"]
    for indicator in indicators:
        for member in municipalities:
            for year in YEARS:
                lines.append(f"{member.number};{year};{indicator.key};{rng.uniform(20, 80):.1f}".replace(".", ","))
    data = ("\n".join(lines) + "\n").encode()
    print(f"file: {len(lines) - 1} values ({len(municipalities)} municipalities × {len(YEARS)} years × "
          f"{N_INDICATORS} indicators), {len(data) / 1048576:.1f} MB CSV")

    checked = timed("dry run: read, validate, match indicators (check)", lambda: values.check(
        data, "bench.csv", allowed=indicators))
    assert checked.rejected_count == 0, checked.report()["reasons"]
    result = timed("write: one transaction, upsert (first import)", lambda: values.write(checked))
    print(f"  {result}")
    again = values.check(data, "bench.csv", allowed=indicators)
    result = timed("write the same file again (nothing changes)", lambda: values.write(again))
    print(f"  {result}")

    factory = RequestFactory()

    def get(view, *args, path="/"):
        request = factory.get(path)
        request.user = AnonymousUser()
        request._messages = []
        response = view(request, *args)
        assert response.status_code == 200, response.status_code
        return response

    # #1 computes the members' medians, #2 finds them in the cache (followup.medians) until the data changes.
    for attempt in (1, 2):
        response = timed(f"render the dashboard ({N_INDICATORS} indicators, {N_MEASURES} measures) #{attempt}",
                         lambda: get(views.dashboard, strategy.pk, 2023))
    print(f"  {len(response.content) / 1024:.0f} KiB HTML")
    timed("render the dashboard filtered by status", lambda: get(views.dashboard, strategy.pk, 2023,
                                                                  path="/?status=delayed"))
    from veikart.web.planning import report, report_docx

    # WeasyPrint (Pango, fontconfig) loads on a process's first PDF and stays loaded: timed on its own line,
    # so the report lines are the report itself (add this line for the very first PDF after a start).
    timed("load WeasyPrint (once per process)", lambda: __import__("weasyprint"))
    # #1 lays the report out, #2 is the cached PDF (report.render_pdf) while the data is unchanged.
    for attempt in (1, 2):
        pdf = timed(f"annual report PDF (PDF/UA, {N_INDICATORS} charts) #{attempt}", lambda: report.render_pdf(plan))
    print(f"  {len(pdf) / 1024:.0f} KiB PDF")
    timed("annual report DOCX", lambda: report_docx.render_docx(plan))
    timed("render one indicator page (chart, histogram, 357-row ranking)",
          lambda: get(views.indicator, indicators[0].key, path="/?org=oslo"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
