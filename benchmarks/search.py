"""Search at scale: indexing time, query latency (p50/p95) and similar-item recomputation, per backend.

    .venv/bin/python benchmarks/search.py [--documents 10000] [--items-per-document 20] [--backend sqlite|postgres|both]

The corpus is GENERATED from real text fragments of the two KS sample
documents (their goals, commitments, introductions and chapter titles,
extracted by veikart.ingest): each document is one strategy of a made-up
organisation with 4 chapters, 6 goals and 10 commitments whose texts are KS
sentences, half of them joined with a clause of another sentence. It says
nothing about relevance, only about speed. Index rows go through the same
analysis as a real import (veikart.text terms, SDG classifier) and are
inserted in bulk; the corpus has no Section/Item rows behind the index rows.
"Similar after one import" is one real strategy imported through the
strategies services (which reindexes it and recomputes its similar plans and
goals against the whole corpus). SQLite runs in a temporary folder;
PostgreSQL in a throwaway cluster (bin/with-postgres), when installed.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine  # benchmarks/machine.py, beside this script

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO.parent / "shared" / "samples"
if not SAMPLES.is_dir():
    SAMPLES = REPO / "veikart" / "web" / "demo" / "samples"
DOCS = ("ks-langtidsplan-2016-2019.txt", "ks-langtidsstrategi-2020-2023.md")
PERIODS = ((2016, 2019), (2020, 2023), (2024, 2027))
QUERIES = [
    "barnehage", "barnehager", "arbeidsgiver", "arbeidsgiverpolitikk", "digitaliseringsstrategi",
    "okonomi", "økonomi", "klima", "klimagassutslipp", "innbyggere", "kommunesektoren",
    "lærlinger", "heltid", "sykefravær", "folkehelse", "bærekraftig utvikling", "digitale tjenester",
    "samfunnssikkerhet og beredskap", "tillit", "lokaldemokrati", "innovasjon i kommunene",
    "KS skal bidra", "effektive digitale og innovative kommuner", "mangfold inkludering",
    "omstillingsdyktig næringsliv", "attraktive arbeidsgivere", "oppvekst", "integrering flyktninger",
    "xyzzy finnes ikke", '"NEAR(barnehage)', "a" * 2000,
]


def fragments() -> tuple[list[str], list[str]]:
    """Sentences and chapter titles of the two KS documents, as the importer extracts them."""
    from veikart.ingest import extract_bytes

    sentences: list[str] = []
    titles: list[str] = []
    for name in DOCS:
        strategy = extract_bytes((SAMPLES / name).read_bytes(), filename=name)
        for section in strategy.walk():
            titles.append(section.title)
            sentences += [i.text for i in (*section.goals, *section.commitments)]
            sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", section.intro or "") if len(s) > 30]
    return sentences, titles


def generate(n_docs: int, per_doc: int, seed: int = 7):
    rng = random.Random(seed)
    sentences, titles = fragments()

    def sentence() -> str:
        text = rng.choice(sentences)
        if rng.random() < 0.5:
            other = rng.choice(sentences).rstrip(".")
            cut = other.split(" ", rng.randint(1, 6))[-1]
            text = text.rstrip(".") + " og " + cut[:1].lower() + cut[1:] + "."
        return text

    n_sections = 4
    n_goals = max(1, (per_doc - n_sections) * 3 // 8)
    n_commitments = per_doc - n_sections - n_goals
    for d in range(n_docs):
        yield {
            "org": d % 400,
            "title": f"Kommuneplan {d}: {rng.choice(titles)}",
            "period": rng.choice(PERIODS),
            "public": rng.random() < 0.9,
            "sections": [rng.choice(titles) for _ in range(n_sections)],
            "goals": [sentence() for _ in range(n_goals)],
            "commitments": [sentence() for _ in range(n_commitments)],
        }, len(sentences)


ROUNDS = 5


def best_of(run) -> float:
    """The fastest of ROUNDS runs, in milliseconds."""
    best = float("inf")
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        run()
        best = min(best, (time.perf_counter() - t0) * 1000)
    return best


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def index_rows(strategies, docs, with_documents: bool = True) -> int:
    """Index rows for generated strategies (real analysis and insert, in batches); returns how many."""
    from django.db import transaction

    from veikart.web.search import indexing
    from veikart.web.search.collect import Entry
    from veikart.web.search.models import Kind, SearchDocument

    next_id = 10**12  # synthetic object ids, far above the real rows the final import creates
    rows = 0
    batch: list[SearchDocument] = []
    for s, d in zip(strategies, docs, strict=True):
        url = f"/strategier/{s.pk}/"
        entries = [Entry(Kind.STRATEGY, s.pk, s.title, " · ".join(d["sections"]), "", url, title_text=s.title)]
        if with_documents:
            entries.append(Entry(Kind.DOCUMENT, s.pk, f"{s.pk}.pdf", "\n".join(d["goals"] + d["commitments"]), "",
                                 url, title_text=f"{s.pk}.pdf"))
        for title in d["sections"]:
            next_id += 1
            entries.append(Entry(Kind.SECTION, next_id, title, "", "", url, title_text=title, classify=True))
        for kind, texts in ((Kind.GOAL, d["goals"]), (Kind.COMMITMENT, d["commitments"])):
            for text in texts:
                next_id += 1
                entries.append(Entry(kind, next_id, text[:200], text, "", url, classify=True))
        batch += indexing.rows_for(s, entries)
        if len(batch) >= 5000:
            with transaction.atomic():
                SearchDocument.objects.bulk_create(batch, batch_size=1000)
            rows += len(batch)
            batch = []
    with transaction.atomic():
        SearchDocument.objects.bulk_create(batch, batch_size=1000)
    return rows + len(batch)


def run(n_docs: int, per_doc: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser, User
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from veikart.web.orgs.models import Membership, Organisation
    from veikart.web.search.facade import search
    from veikart.web.strategies import services
    from veikart.web.strategies.models import Strategy

    print(f"backend: {connection.vendor}; machine: {machine()}")
    orgs = Organisation.objects.bulk_create(
        Organisation(slug=f"kommune-{i:03d}", name=f"Kommune {i:03d}") for i in range(400)
    )
    started = time.perf_counter()
    docs = list(generate(n_docs, per_doc))
    n_fragments = docs[0][1] if docs else 0
    docs = [d for d, _ in docs]
    strategies = Strategy.objects.bulk_create(
        Strategy(
            organisation=orgs[d["org"]],
            title=d["title"],
            period_start=d["period"][0],
            period_end=d["period"][1],
            status=Strategy.Status.PUBLISHED if d["public"] else Strategy.Status.DRAFT,
        )
        for d in docs
    )
    print(f"corpus: {n_docs} documents, {n_docs * per_doc} items generated from {n_fragments} real sentences "
          f"of the two KS samples (not real plans) in {time.perf_counter() - started:.1f} s")

    started = time.perf_counter()
    rows = index_rows(strategies, docs)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
    elapsed = time.perf_counter() - started
    print(f"indexing: {rows} index rows (analysis + SDG themes + insert + full-text index) in {elapsed:.1f} s "
          f"({rows / elapsed:.0f} rows/s)")

    member = User.objects.create_user("medlem")
    Membership.objects.bulk_create(Membership(user=member, organisation=o) for o in orgs[:5])
    # Each query's time is the best of ROUNDS runs (the machine is shared: other work
    # only ever adds time), and p50/p95 are taken over the queries.
    for label, user in (("anonymous", AnonymousUser()), ("member of 5 organisations", member)):
        times = [best_of(lambda q=q, u=user: search(q, u)) for q in QUERIES]
        print(f"query ({label}, {len(QUERIES)} queries, whole result page with snippets, best of {ROUNDS}): "
              f"p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms, "
              f"max {max(times):.1f} ms; load average {os.getloadavg()[0]:.2f}")

    from veikart.web.search.facade import Filters

    times = [
        best_of(lambda q=q, f=f: search(q, AnonymousUser(), f))
        for q in QUERIES[:20]
        for f in (Filters(kind="goal"), Filters(organisation="kommune-007"), Filters(year=2021), Filters(sdg=13))
    ]
    print(f"query with one filter (kind, organisation, year or SDG; 80 queries, best of {ROUNDS}): "
          f"p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms")

    ks = Organisation.objects.create(slug="ks", name="KS", kind=Organisation.Kind.KS)
    data = (SAMPLES / DOCS[1]).read_bytes()
    from veikart.web.search import similar
    from veikart.web.search.facade import similar_items_after_commit

    t0 = time.perf_counter()
    with similar_items_after_commit():  # as `manage.py bulk_import` does; the web app queues this part as a task
        strategy = services.import_document(ks, data, DOCS[1], None)
    total = time.perf_counter() - t0
    recompute = float("inf")
    for _ in range(3):  # best of three, as above
        t0 = time.perf_counter()
        written = similar.recompute_for_strategy(strategy.pk)
        recompute = min(recompute, time.perf_counter() - t0)
    print(f"one import of the KS 2020–2023 document (extract, save, index, similar items): {total:.2f} s; "
          f"recomputing its similar plans and goals again alone (best of 3): {recompute:.2f} s "
          f"({written} rows written)")
    print(f"peak memory of this process: {_peak_mib():.0f} MiB")


def _peak_mib() -> float:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    except ImportError:
        return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--items-per-document", type=int, default=20)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both", "current"), default="both")
    args = parser.parse_args()
    if args.backend == "current":
        run(args.documents, args.items_per_document)
        return 0
    me = [sys.executable, __file__, "--documents", str(args.documents), "--items-per-document",
          str(args.items_per_document), "--backend", "current"]
    code = 0
    if args.backend in ("sqlite", "both"):
        folder = tempfile.mkdtemp(prefix="veikart-bench-")
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"VEIKART_DATA_DIR": folder}
        print("== SQLite FTS5 ==", flush=True)
        code |= subprocess.call(me, env=env)
        shutil.rmtree(folder, ignore_errors=True)
    if args.backend in ("postgres", "both"):
        if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
            print("== PostgreSQL: not installed, skipped ==")
            return code
        folder = tempfile.mkdtemp(prefix="veikart-bench-")
        print("== PostgreSQL tsvector/GIN ==", flush=True)
        code |= subprocess.call([str(REPO / "bin" / "with-postgres"), *me],
                                env=os.environ | {"VEIKART_DATA_DIR": folder})
        shutil.rmtree(folder, ignore_errors=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
