"""Semantic search at scale: embedding throughput and the cache, hybrid search latency at 200,000 items.

    .venv/bin/python benchmarks/semantic.py [--embed 10000] [--documents 10000] [--items-per-document 20]
                                            [--backend sqlite|postgres|both]

1. Embedding: ``--embed`` item texts (default 10,000) GENERATED from the real
   sentences of the two KS strategies (as benchmarks/search.py builds its
   corpus: goals, commitments and introductions, half of them joined with a
   clause of another sentence), embedded by the background job's own loop
   (``embedding.embed_missing``: batches of 32, one transaction each) with
   progress and texts/s; then the same texts again, which must all hit the
   cache. Run on the first backend only (the model does not care).
2. Hybrid search: ``--documents`` x ``--items-per-document`` index rows
   (default 200,000; real analysis and full-text index as in
   benchmarks/search.py, but no SDG themes), each with a cached vector, and
   as many vectors in the matrix as items. These vectors are random
   unit vectors (embedding 200,000 texts takes hours on this machine); the
   query vectors are real. Each query's time is the best of 5 runs of the
   whole result page (full-text + semantic + fusion + snippets), the query
   vector cached (the per-process LRU); the time to embed a query once, the
   semantic half alone, and loading the matrix into a fresh process are
   printed beside it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from machine import machine  # benchmarks/machine.py, beside this script

# benchmarks/search.py: the same corpus, queries and index rows
from search import QUERIES, best_of, generate, index_rows, percentile

REPO = Path(__file__).resolve().parent.parent
SEMANTIC_QUERIES = [
    "mindre sykefravær", "climate adaptation", "digital transformation of municipalities", "heltidskultur",
    "rekruttering av ansatte", "flyktninger og integrering", "barn og unge", "fewer greenhouse gas emissions",
]


def item_texts(n: int) -> list[str]:
    """``n`` distinct goal and commitment texts made from the KS sentences (benchmarks/search.py's generator)."""
    out: dict[str, None] = {}
    docs = max(1, n // 10)
    while len(out) < n:
        for doc, _ in generate(docs, 24, seed=len(out) + 11):
            for text in doc["goals"] + doc["commitments"]:
                out.setdefault(text)
        docs *= 2
    return list(out)[:n]


def embed_part(n: int) -> None:
    from veikart.web.semantic import embedding, store

    texts = item_texts(n)
    store.register_source(lambda: texts)
    started, cpu = time.monotonic(), time.process_time()
    step = max(1, n // 10)
    last = [0]

    def progress(done: int, total: int) -> None:
        if done - last[0] >= step or done == total:
            last[0] = done
            rate = done / (time.monotonic() - started)
            print(f"  {done}/{total} texts embedded ({rate:.1f} texts/s)", flush=True)

    done, left = embedding.embed_missing(on_batch=progress)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    # CPU seconds beside the wall clock: on a shared machine the wall clock says more about the neighbours.
    print(f"embedding: {done} texts in {elapsed:.1f} s ({done / elapsed:.1f} texts/s, batches of "
          f"{embedding.BATCH}; {cpu:.1f} CPU-seconds, {done / max(cpu, 1e-9):.1f} texts per CPU-second); "
          f"{left} left; load average {os.getloadavg()[0]:.2f}", flush=True)
    started = time.monotonic()
    again, _ = embedding.embed_missing()
    print(f"embedding the same {n} texts again: {again} embedded (cache hits: {n - again}) in "
          f"{time.monotonic() - started:.2f} s", flush=True)


def search_part(n_docs: int, per_doc: int) -> None:
    import numpy as np
    from django.contrib.auth.models import AnonymousUser, User
    from django.db import connection, transaction

    from veikart import semantic
    from veikart.semantic import index
    from veikart.semantic.index import to_bytes
    from veikart.web.orgs.models import Membership, Organisation
    from veikart.web.search import indexing, semantic_search
    from veikart.web.search.facade import Filters, scope_for, search
    from veikart.web.search.models import SearchDocument
    from veikart.web.semantic import matrix
    from veikart.web.semantic.models import TextVector
    from veikart.web.strategies.models import Strategy

    TextVector.objects.all().delete()  # the embedding part's real vectors: this part's are all random
    # No SDG themes on these rows: the classifier may embed every text it reads (hours at 200,000
    # texts here), and this part measures search, not classification.
    indexing._sdg_classifier = None
    orgs = Organisation.objects.bulk_create(
        Organisation(slug=f"kommune-{i:03d}", name=f"Kommune {i:03d}") for i in range(400)
    )
    docs = [d for d, _ in generate(n_docs, per_doc)]
    strategies = Strategy.objects.bulk_create(
        Strategy(organisation=orgs[d["org"]], title=d["title"], period_start=d["period"][0],
                 period_end=d["period"][1],
                 status=Strategy.Status.PUBLISHED if d["public"] else Strategy.Status.DRAFT)
        for d in docs
    )
    started = time.perf_counter()
    rows = index_rows(strategies, docs, with_documents=False)
    print(f"index: {rows} rows in {time.perf_counter() - started:.1f} s", flush=True)

    started = time.perf_counter()
    keys = list(SearchDocument.objects.exclude(semantic_key="").values_list("semantic_key", flat=True).distinct())
    used = len(keys)
    # Generated items repeat sentences, so fewer distinct texts than rows: vectors of texts no row
    # uses any more (edited away) make up the rest, so the matrix holds as many vectors as items.
    keys += [f"benchmark-filler-{i}" for i in range(max(0, rows - used))]
    rng = np.random.default_rng(5)
    for start in range(0, len(keys), 5000):
        chunk = keys[start : start + 5000]
        vectors = rng.standard_normal((len(chunk), 384)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        with transaction.atomic():
            TextVector.objects.bulk_create(
                [TextVector(key=k, model=semantic.MODEL, vector=to_bytes(v))
                 for k, v in zip(chunk, vectors, strict=True)],
                batch_size=1000,
            )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE search_searchdocument")
            cursor.execute("VACUUM ANALYZE semantic_textvector")
    print(f"vectors: {len(keys)} random unit vectors stored ({used} for the rows' distinct texts, the rest for "
          f"texts no row uses) in {time.perf_counter() - started:.1f} s", flush=True)

    matrix.forget()
    started = time.perf_counter()
    loaded = len(matrix.text_matrix())
    print(f"matrix: {loaded} vectors loaded into memory in {time.perf_counter() - started:.1f} s "
          f"(once per process; afterwards only new rows are read)", flush=True)
    started = time.perf_counter()
    coarse = matrix.text_matrix().coarse_index()  # a server fits it in a thread; queries read every row meanwhile
    if coarse is not None:
        print(f"clusters: {len(coarse.centroids)} fitted and every vector assigned in "
              f"{time.perf_counter() - started:.1f} s (once per process, in a background thread in a server; "
              f"a query then reads about {index.PROBE_SHARE:.0%} of the vectors)", flush=True)

    queries = QUERIES + SEMANTIC_QUERIES
    first = []
    for q in queries:  # the query vector, embedded once per process (then cached)
        t0 = time.perf_counter()
        semantic_search._query_vector(" ".join(q.split())[: semantic_search.QUERY_CHARS])
        first.append((time.perf_counter() - t0) * 1000)
    print(f"query embedding (uncached, {len(queries)} queries): p50 {percentile(first, 50):.1f} ms, "
          f"p95 {percentile(first, 95):.1f} ms", flush=True)

    member = User.objects.create_user("medlem")
    Membership.objects.bulk_create(Membership(user=member, organisation=o) for o in orgs[:5])
    anonymous = AnonymousUser()
    scope = scope_for(anonymous)
    semantic_only = [best_of(lambda q=q: semantic_search.semantic_hits(q, scope, 100)) for q in queries]
    print(f"semantic half alone (matrix product, top-k, SQL mapping with permissions; {len(queries)} queries, "
          f"best of 5): p50 {percentile(semantic_only, 50):.1f} ms, p95 {percentile(semantic_only, 95):.1f} ms",
          flush=True)
    for label, user in (("anonymous", anonymous), ("member of 5 organisations", member)):
        times = [best_of(lambda q=q, u=user: search(q, u)) for q in queries]
        cpu = [best_cpu(lambda q=q, u=user: search(q, u)) for q in queries]
        print(f"hybrid search ({label}, {len(queries)} queries, whole result page, best of 5): "
              f"p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms, max {max(times):.1f} ms; "
              f"CPU of this process p50 {percentile(cpu, 50):.1f} ms, p95 {percentile(cpu, 95):.1f} ms; "
              f"load average {os.getloadavg()[0]:.2f}", flush=True)
    times = [best_of(lambda q=q, f=f: search(q, anonymous, f)) for q in queries[:20]
             for f in (Filters(kind="goal"), Filters(organisation="kommune-007"))]
    print(f"hybrid search with a filter (kind or organisation; {len(times)} queries, best of 5): "
          f"p50 {percentile(times, 50):.1f} ms, p95 {percentile(times, 95):.1f} ms", flush=True)


def best_cpu(run) -> float:
    """The least CPU time of this process over 5 runs, in milliseconds (on a busy machine the wall time also
    counts the waits for a core; SQLite's work is in this process, PostgreSQL's server is not)."""
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()
        run()
        best = min(best, (time.process_time() - t0) * 1000)
    return best


def _peak_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(embed: int, n_docs: int, per_doc: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "veikart.web.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"backend: {connection.vendor}; machine: {machine()}", flush=True)
    if embed:
        embed_part(embed)
    if n_docs:
        search_part(n_docs, per_doc)
    print(f"peak memory of this process: {_peak_mib():.0f} MiB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--embed", type=int, default=10_000, help="texts to embed (0: skip)")
    parser.add_argument("--documents", type=int, default=10_000, help="strategies in the search corpus (0: skip)")
    parser.add_argument("--items-per-document", type=int, default=20)
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both", "current"), default="both")
    args = parser.parse_args()
    if args.backend == "current":
        run(args.embed, args.documents, args.items_per_document)
        return 0
    code = 0
    embed = args.embed
    for backend in ("sqlite", "postgres"):
        if args.backend not in (backend, "both"):
            continue
        me = [sys.executable, __file__, "--embed", str(embed), "--documents", str(args.documents),
              "--items-per-document", str(args.items_per_document), "--backend", "current"]
        folder = tempfile.mkdtemp(prefix="veikart-bench-")
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"VEIKART_DATA_DIR": folder}
        if backend == "sqlite":
            print("== SQLite ==", flush=True)
            code |= subprocess.call(me, env=env)
        elif not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
            print("== PostgreSQL: not installed, skipped ==")
        else:
            print("== PostgreSQL ==", flush=True)
            code |= subprocess.call([str(REPO / "bin" / "with-postgres"), *me], env=env)
        shutil.rmtree(folder, ignore_errors=True)
        embed = 0  # the model's speed does not depend on the database
    return code


if __name__ == "__main__":
    sys.exit(main())
