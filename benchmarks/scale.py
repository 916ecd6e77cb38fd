"""Benchmark: how import, search, similar items, dashboards and the API grow at 1x, 10x and 100x the demo data.

    .venv/bin/python benchmarks/scale.py                        # 1x, 10x and 100x, SQLite in a temporary folder
    .venv/bin/python benchmarks/scale.py --scales 1 10          # fewer sizes (100x takes long on a small machine)
    bin/with-postgres .venv/bin/python benchmarks/scale.py      # the same on PostgreSQL

The data are GENERATED from the real documents the demo loads: the two KS strategies in the demo samples and
the Buskerud plans of the demo corpus (``corpus/buskerud``; the PDFs are left out to keep the setup short).
Each is imported once through the importer and the strategies services (a real import, timed), then copied
under the members in turn with bulk inserts: sections and items row for row, their text varied so no two
copies are alike (the member's name in place of the author's, a third of the goals and commitments swapped
for another document's, a quarter joined with a clause of another sentence). Each copy gets a search index
built by the same analysis as an import (``search.indexing.rows_for``), an action plan of 12 measures
linked to its goals with a status each, and the library gets indicator values for every member.

1x is the demo's size: 20 published strategies (the 9 real ones and 11 copies; each copy with a plan) and
10,000 indicator values; 10x and 100x are that many times more. At each size it prints the row counts and
times (median of a few runs, through Django's test client where a page or the API is timed; the whole
request, no network):

- import: one real document (the Krødsherad plan) through import, publish and search indexing, then its
  similar items recomputed against the whole library (what follows every publish; wall and this
  process's CPU time), beside the same found by reading the whole index (how it was done before the
  term counts), the same for one of its goals (what follows an edit of one goal), and 357 values
  written through the API (``POST /api/indicators/{key}/values``);
- search: three full-text queries through the search page (no vectors: the meaning half is
  benchmarks/semantic.py's);
- similar items: recomputing the imported strategy's (above), its page (which lists them) and the query
  behind that list (``more_like_this``);
- dashboards: a plan's dashboard, the front page, the strategy list;
- API: /api/items page 1 and the last page, one strategy's items, values page 1 and one member's values.

Timing only: everything is written to a throwaway database.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

import pages  # benchmarks/pages.py
from demo_site import migrated_site  # benchmarks/demo_site.py, beside this script
from machine import machine  # benchmarks/machine.py, beside this script

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "veikart" / "web" / "demo" / "samples"
CORPUS = REPO / "corpus" / "buskerud"
IMPORTED = "3318_krodsherad_samfunnsdel_2019-2032.md"  # the document imported (and timed) at every size
BASE_STRATEGIES = 20
BASE_VALUES = 10_000
N_INDICATORS = 10
MEASURES_PER_PLAN = 12
median_ms = partial(pages.median_ms, runs=3)  # requests per page; the median is printed
QUERIES = ["folkehelse", "bolig for eldre", "digitalisering i kommunene"]
_NUMBER = re.compile(r"^(\d{4})_")



def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - start) * 1000, result


def documents() -> list[Path]:
    found = sorted(SAMPLES.glob("ks-*")) + sorted(CORPUS.glob("*.md"))
    return [p for p in found if p.name.lower() != "readme.md"]


def short_name(organisation) -> str:
    for tail in (" fylkeskommune", " kommune"):
        if organisation.name.endswith(tail):
            return organisation.name[: -len(tail)]
    return organisation.name


class Varier:
    """Varied but realistic text: a real sentence, with the member's name, sometimes another document's."""

    def __init__(self, pool: dict[str, list[str]], seed: int = 13) -> None:
        self.pool = pool
        self.random = random.Random(seed)

    def item(self, kind: str, text: str, author: str, member: str) -> str:
        r = self.random.random()
        if r < 0.33 and self.pool[kind]:
            text = self.random.choice(self.pool[kind])
        elif r < 0.58 and self.pool[kind]:
            other = self.random.choice(self.pool[kind]).rstrip(". ")
            clause = other.split(",")[-1].strip()
            if clause:
                text = f"{text.rstrip('. ')}, og {clause[0].lower()}{clause[1:]}."
        return self.name(text, author, member)

    @staticmethod
    def name(text: str, author: str, member: str) -> str:
        return text.replace(author, member) if author else text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100], help="sizes, in multiples of 1x")
    args = parser.parse_args()
    migrated_site("veikart-bench-scale-")
    return run(args.scales)


def run(scales: list[int]) -> int:  # noqa: C901  (one straight script: setup, then a loop of sizes)
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from veikart.ingest import extract
    from veikart.web.api import tokens
    from veikart.web.orgs.models import Membership, Organisation
    from veikart.web.planning.members import load_member_organisations
    from veikart.web.planning.models import ActionPlan, Indicator, Measure, Value
    from veikart.web.sdgtags.catalogue import ensure_sdg_catalogue
    from veikart.web.search import facade, similar, termcounts
    from veikart.web.search.models import SearchDocument, SimilarItem
    from veikart.web.strategies import services
    from veikart.web.strategies.models import Item, Strategy

    ensure_sdg_catalogue()
    load_member_organisations()
    members = list(Organisation.objects.exclude(number=None).order_by("number"))
    ks = Organisation.objects.create(slug="ks", name="KS", kind="ks")
    user = get_user_model().objects.create_user("bench", "bench@example.org", "x")
    Membership.objects.create(user=user, organisation=ks, role=Membership.Role.ADMIN)
    by_number = {o.number: o for o in members}

    # --- the real documents, imported once each (the templates of every copy) --------------------------
    templates = []
    import_ms = []
    for path in documents():
        match = _NUMBER.match(path.name)
        organisation = by_number.get(match.group(1)) if match else ks
        if organisation is None:
            continue
        ms, strategy = timed(lambda p=path, o=organisation: services.publish(
            services.import_strategy(o, extract(p), user), user))
        import_ms.append(ms)
        templates.append((strategy, "KS" if organisation == ks else short_name(organisation)))
    pool: dict[str, list[str]] = {"goal": [], "commitment": []}
    for strategy, _author in templates:
        for kind, text in Item.objects.filter(section__strategy=strategy).values_list("kind", "text"):
            pool[kind].append(text)
    print(f"templates: {len(templates)} real documents, {sum(len(v) for v in pool.values())} goals and "
          f"commitments; import + publish + index {statistics.median(import_ms):.0f} ms median, "
          f"{max(import_ms):.0f} ms max")
    varier = Varier(pool)
    indicators = [Indicator.objects.create(organisation=ks, key=f"bench-{i}", name=f"Indikator {i}", unit="antall")
                  for i in range(N_INDICATORS)]
    secret = tokens.issue(name="bench", organisation=ks, role="editor", owner=user)[1]
    client = Client(HTTP_HOST="127.0.0.1")
    api_writes = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Bearer {secret}")

    made_strategies = len(templates)
    made_values = 0
    plan_of: list[ActionPlan] = []
    header = ("scale", "strategies", "items", "index rows", "similar", "measures", "values")
    print("\n" + " ".join(f"{h:>10}" for h in header))
    results = []
    for scale in scales:
        generate_start = time.perf_counter()
        want = BASE_STRATEGIES * scale
        while made_strategies < want:
            batch = min(want - made_strategies, 50)
            plan_of += copy_batch(templates, members, made_strategies, batch, varier, user)
            made_strategies += batch
        want_values = BASE_VALUES * scale
        now = timezone.now()
        rows = []
        for n in range(made_values, want_values):
            indicator = indicators[n % N_INDICATORS]
            member = members[(n // N_INDICATORS) % len(members)]
            month = n // (N_INDICATORS * len(members))
            year, m = 1990 + month // 12, month % 12 + 1
            end = date(year, m, 28)
            rows.append(Value(indicator=indicator, organisation=member, period=f"{year}M{m:02d}", period_end=end,
                              value=float(n % 97), source="benchmark", imported_at=now))
        Value.objects.bulk_create(rows, batch_size=5000)
        made_values = want_values
        generate_s = time.perf_counter() - generate_start
        # The copies were indexed in bulk, not through publish: count their terms for similar items once,
        # as the first recompute after a bulk load would (untimed below; printed here).
        start = time.perf_counter()
        with transaction.atomic():
            termcounts.lock()
            termcounts.reconcile()
        bulk_terms_s = time.perf_counter() - start
        counts = (Strategy.objects.count(), Item.objects.count(), SearchDocument.objects.count(),
                  SimilarItem.objects.count(), Measure.objects.count(), Value.objects.count())
        print(f"{scale:>9}x " + " ".join(f"{c:>10,}" for c in counts) + f"   (generated in {generate_s:.0f} s; "
              f"term counts of the new copies {bulk_terms_s:.1f} s)")

        timings: dict[str, float] = {}
        # import: a real document, then its similar items against the whole library
        path = next(p for p in documents() if p.name == IMPORTED)
        organisation = members[(made_strategies * 7) % len(members)]
        timings["import"], strategy = timed(lambda o=organisation, p=path: services.publish(
            services.import_strategy(o, extract(p), user), user))
        cpu = time.process_time()
        timings["similar (recompute)"], _ = timed(similar.recompute_for_strategy, strategy.pk)
        timings["similar (recompute), CPU"] = (time.process_time() - cpu) * 1000
        cpu = time.process_time()
        timings["similar, reading the whole index"], _ = timed(read_everything, strategy.pk)
        timings["similar, reading the whole index, CPU"] = (time.process_time() - cpu) * 1000
        goal = SearchDocument.objects.filter(strategy=strategy, kind="goal").order_by("pk").first()
        if goal is not None:  # one goal edited: its similar goals (and where it enters or leaves others')
            cpu = time.process_time()
            timings["similar (one goal)"], _ = timed(similar.recompute_for_strategy, strategy.pk, {goal.pk})
            timings["similar (one goal), CPU"] = (time.process_time() - cpu) * 1000
        made_strategies += 1
        rows_in = [{"member": m.number, "period": f"{2000 + scale}", "value": i % 50} for i, m in enumerate(members)]
        start = time.perf_counter()
        response = api_writes.post(f"/api/indicators/{indicators[0].key}/values", {"values": rows_in},
                                   content_type="application/json")
        timings["API write 357 values"] = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, response.content
        # search
        search = [median_ms(client, reverse("search") + "?q=" + q) for q in QUERIES]
        timings["search (median of 3 queries)"] = statistics.median(search)
        # similar items and dashboards
        timings["strategy page (similar)"] = median_ms(client, strategy.get_absolute_url())
        timings["more_like_this"], _ = timed(facade.more_like_this, strategy, 10)
        some = Strategy.objects.filter(status=Strategy.Status.PUBLISHED).order_by("-pk")[1]  # a copy
        plan = plan_of[len(plan_of) // 2]
        timings["plan dashboard"] = median_ms(client, reverse("planning:dashboard", args=[plan.strategy_id,
                                                                                          plan.year]))
        timings["front page"] = median_ms(client, "/")
        timings["strategy list (API)"] = median_ms(client, "/api/strategies?limit=100")
        # API reads
        total_items = counts[1]
        timings["API items p1"] = median_ms(client, "/api/items?limit=100")
        timings["API items last"] = median_ms(client, f"/api/items?limit=100&offset={max(total_items - 100, 0)}")
        timings["API one strategy's items"] = median_ms(client, f"/api/items?strategy={some.pk}&limit=100")
        timings["API values p1"] = median_ms(client, f"/api/indicators/{indicators[3].key}/values?limit=100")
        timings["API one member's values"] = median_ms(
            client, f"/api/indicators/{indicators[3].key}/values?member={members[7].number}&limit=100")
        for name, ms in timings.items():
            print(f"    {name:<32} {ms:>9.1f} ms")
        results.append((scale, counts, timings))
        sys.stdout.flush()
        connection.close()

    print("\n| scale | strategies | items | index rows | values | " + " | ".join(results[0][2]) + " |")
    print("| ---: " * (5 + len(results[0][2])) + "|")
    for scale, counts, timings in results:
        cells = [f"{scale}x", f"{counts[0]:,}", f"{counts[1]:,}", f"{counts[2]:,}", f"{counts[5]:,}"]
        cells += [f"{ms:,.0f}" if ms >= 100 else f"{ms:.1f}" for ms in timings.values()]
        print("| " + " | ".join(cells) + " |")
    print(f"\nmachine at the end: {machine()}")
    return 0


def read_everything(strategy_id: int) -> dict:
    """The similar items of one strategy found as they were before the term counts: every index row read.

    The baseline beside ``similar.recompute_for_strategy`` (scores only, nothing written): one Counter per
    strategy and per goal over the whole index, then the strategy's and its goals' top 10 against all.
    """
    from collections import Counter

    from veikart.text.similarity import Bag, document_frequencies, top_similar
    from veikart.web.search import similar
    from veikart.web.search.models import SearchDocument

    groups = similar.document_groups()
    parts: dict[int, list[str]] = {}
    head: dict[int, int] = {}
    goals = []
    rows = SearchDocument.objects.filter(kind__in=("section", "goal", "commitment", "strategy")).values_list(
        "id", "strategy_id", "kind", "title_terms", "terms")
    for doc_id, sid, kind, title_terms, terms in rows.iterator(chunk_size=5000):
        if kind == "strategy":
            head[sid] = doc_id
            parts.setdefault(sid, []).append(title_terms)
            continue
        parts.setdefault(sid, []).extend((title_terms, terms))
        if kind == "goal":
            goals.append((sid, Bag(doc_id, groups.get(sid, sid), Counter(terms.split()))))
    bags = {s: Bag(head[s], groups.get(s, s), Counter(" ".join(p).split())) for s, p in parts.items() if s in head}
    found = top_similar([bags[strategy_id]], [b for s, b in bags.items() if s != strategy_id], similar.TOP_N)
    goal_bags = [b for _s, b in goals]
    own = groups.get(strategy_id, strategy_id)
    found.update(top_similar([b for s, b in goals if s == strategy_id], [b for b in goal_bags if b.group != own],
                             similar.TOP_N, df=document_frequencies(goal_bags), corpus_size=len(goal_bags)))
    return found


def copy_batch(templates, members, start: int, n: int, varier: Varier, user) -> list:
    """``n`` more published strategies copied from the templates in turn, with bulk inserts; returns their plans."""
    from django.db import transaction
    from django.utils import timezone

    from veikart.web.planning.models import ActionPlan, Measure, MeasureStatus, StatusUpdate
    from veikart.web.search.collect import entries_for
    from veikart.web.search.indexing import rows_for
    from veikart.web.search.models import SearchDocument
    from veikart.web.strategies.models import Item, Section, Strategy

    now = timezone.now()
    statuses = list(MeasureStatus.values)
    plans = []
    with transaction.atomic():
        jobs = []
        for k in range(start, start + n):
            template, author = templates[k % len(templates)]
            member = members[(k * 7) % len(members)]
            jobs.append((template, author, member, Strategy(
                organisation=member, title=Varier.name(template.title, author, short_name(member)),
                period_start=template.period_start, period_end=template.period_end, language=template.language,
                status=Strategy.Status.PUBLISHED, published_at=now, created_by=user)))
        Strategy.objects.bulk_create([j[3] for j in jobs])
        for template, author, member, strategy in jobs:
            name = short_name(member)
            sections = list(Section.objects.filter(strategy=template).order_by("pk"))
            new: dict[int, Section] = {}
            depth = {}
            for s in sections:  # parents first (pk order of the import)
                depth[s.pk] = 0 if s.parent_id is None else depth[s.parent_id] + 1
            for level in sorted(set(depth.values())):
                batch = [s for s in sections if depth[s.pk] == level]
                made = [Section(strategy=strategy, parent=new.get(s.parent_id), number=s.number,
                                title=Varier.name(s.title, author, name), intro=Varier.name(s.intro, author, name),
                                position=s.position) for s in batch]
                Section.objects.bulk_create(made)
                new.update({old.pk: row for old, row in zip(batch, made, strict=True)})
            items = list(Item.objects.filter(section__strategy=template).order_by("pk"))
            copies = [Item(section=new[i.section_id], kind=i.kind, text=varier.item(i.kind, i.text, author, name),
                           position=i.position) for i in items]
            Item.objects.bulk_create(copies)
            SearchDocument.objects.bulk_create(rows_for(strategy, entries_for(strategy)), batch_size=500)
            plan = ActionPlan.objects.create(strategy=strategy, year=max(template.period_start or 2025, 2025))
            goals = [c for c in copies if c.kind == Item.Kind.GOAL] or copies
            measures = [Measure(plan=plan, title=varier.item("commitment", goals[m % len(goals)].text, "", "")[:300],
                                status=statuses[m % len(statuses)], progress=100 if statuses[m % len(statuses)] ==
                                "done" else (m * 13) % 100, due=date(plan.year, 1 + m % 12, 15), position=m)
                        for m in range(MEASURES_PER_PLAN)] if goals else []
            Measure.objects.bulk_create(measures)
            links = [Measure.items.through(measure_id=m.pk, item_id=goals[i % len(goals)].pk)
                     for i, m in enumerate(measures)]
            Measure.items.through.objects.bulk_create(links)
            StatusUpdate.objects.bulk_create(StatusUpdate(measure=m, date=date(plan.year, 3, 1), status=m.status,
                                                          progress=m.progress, author=user) for m in measures)
            plans.append(plan)
    return plans


if __name__ == "__main__":
    sys.exit(main())
