"""Document frequencies for similar items, kept in step with the index one strategy at a time.

Similar items weight terms by TF-IDF over all goals (a goal's similar goals)
and over all strategies (similar plans). Instead of reading the whole index
to count, each goal's and strategy's terms are kept as a ``SimilarBag`` and
``TermCount`` holds, per scope, in how many bags each term is (the row with
the empty term: how many bags there are). ``sync`` compares one strategy's
index rows with its bags and moves the counts by the difference, so a change
costs in proportion to the strategy, not the library.

``reconcile`` catches what no recompute saw: strategies indexed in bulk (no
bags yet) and deleted ones (bags left over). It compares the strategies'
head rows with the strategy bags (one query, an anti-join each way) and syncs only the
difference. ``rebuild`` counts everything afresh.

Every function here writes: call them inside ``transaction.atomic()`` after
``lock()``, which makes concurrent workers take turns (a row lock on
PostgreSQL; SQLite's IMMEDIATE transactions already do).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import connection

from veikart.web.search.models import Kind, SearchDocument, SimilarBag, TermCount

GOAL = SimilarBag.Scope.GOAL
STRATEGY = SimilarBag.Scope.STRATEGY
SIZE = ""  # the TermCount row that counts the bags of its scope
# The rows a strategy's bag is made of (with its head row's title); a goal's bag is its own terms.
STRATEGY_KINDS = (Kind.SECTION, Kind.GOAL, Kind.COMMITMENT, Kind.STRATEGY)
CHUNK = 2000  # terms or ids per IN (...) list
SYNC_BATCH = 200  # strategies read at once by a bulk sync
UPSERT_CHUNK = 300  # counts moved per statement (3 parameters each: under SQLite's 999)


@dataclass(frozen=True)
class Wanted:
    strategy_id: int
    row_id: int
    terms: dict[str, int]


def lock() -> None:
    """Take the bookkeeping's lock until the transaction ends (one sync at a time)."""
    if _lock_rows() < 2:  # the first time: the rows to lock
        TermCount.objects.bulk_create([TermCount(scope=s, term=SIZE) for s in (GOAL, STRATEGY)], ignore_conflicts=True)
        _lock_rows()


def _lock_rows() -> int:
    return len(TermCount.objects.select_for_update().filter(term=SIZE).order_by("scope").values_list("pk", flat=True))


def bags_of(strategy_ids: Iterable[int]) -> dict[tuple[str, int], Wanted]:
    """The bags the index rows of these strategies make: each goal, and each strategy with a head row."""
    ids = list(strategy_ids)
    rows = (
        SearchDocument.objects.filter(strategy_id__in=ids, kind__in=STRATEGY_KINDS)
        .order_by("id")
        .values_list("id", "strategy_id", "kind", "title_terms", "terms")
    )
    parts: dict[int, list[str]] = {}
    head: dict[int, int] = {}
    out: dict[tuple[str, int], Wanted] = {}
    for doc_id, strategy_id, kind, title_terms, terms in rows.iterator(chunk_size=5000):
        if kind == Kind.STRATEGY:
            head[strategy_id] = doc_id
            parts.setdefault(strategy_id, []).append(title_terms)
            continue
        parts.setdefault(strategy_id, []).extend((title_terms, terms))
        if kind == Kind.GOAL:
            out[(GOAL, doc_id)] = Wanted(strategy_id, doc_id, dict(Counter(terms.split())))
    for strategy_id, texts in parts.items():
        if strategy_id in head:  # one Counter over the joined text: far faster than row by row
            terms = dict(Counter(" ".join(texts).split()))
            out[(STRATEGY, strategy_id)] = Wanted(strategy_id, head[strategy_id], terms)
    return out


def sync(strategy_ids: Iterable[int]) -> int:
    """Make the bags of these strategies match their index rows and move the counts; returns bags changed."""
    ids = sorted(set(strategy_ids))
    changed = 0
    for start in range(0, len(ids), SYNC_BATCH):
        changed += _sync_batch(ids[start : start + SYNC_BATCH])
    return changed


def _sync_batch(ids: list[int]) -> int:
    wanted = bags_of(ids)
    old = {(b.scope, b.key): b for b in SimilarBag.objects.filter(strategy_id__in=ids)}
    delta: dict[str, Counter[str]] = {GOAL: Counter(), STRATEGY: Counter()}
    create: list[SimilarBag] = []
    update: list[SimilarBag] = []
    gone: list[int] = []
    for (scope, key), bag in old.items():
        new = wanted.get((scope, key))
        if new is None:
            gone.append(bag.pk)
            delta[scope].subtract(bag.terms.keys())
            delta[scope][SIZE] -= 1
        # (dict equality: PostgreSQL's jsonb keeps its own key order)
        elif new.terms != bag.terms or (new.strategy_id, new.row_id) != (
            bag.strategy_id,
            bag.row_id,
        ):
            delta[scope].update(new.terms.keys() - bag.terms.keys())
            delta[scope].subtract(bag.terms.keys() - new.terms.keys())
            bag.strategy_id, bag.row_id, bag.terms = new.strategy_id, new.row_id, new.terms
            update.append(bag)
    for (scope, key), new in wanted.items():
        if (scope, key) not in old:
            create.append(
                SimilarBag(scope=scope, key=key, strategy_id=new.strategy_id, row_id=new.row_id, terms=new.terms)
            )
            delta[scope].update(new.terms.keys())
            delta[scope][SIZE] += 1
    if gone:
        SimilarBag.objects.filter(pk__in=gone).delete()
    SimilarBag.objects.bulk_update(update, ["strategy_id", "row_id", "terms"], batch_size=500)
    SimilarBag.objects.bulk_create(create, batch_size=500)
    for scope, counts in delta.items():
        _move(scope, counts)
    return len(gone) + len(update) + len(create)


def _move(scope: str, delta: Counter[str]) -> None:
    """Add ``delta`` to the counts of ``scope`` (new terms get a row; terms no bag has lose it)."""
    delta = Counter({t: d for t, d in delta.items() if d})
    if not delta:
        return
    # One upsert per chunk: a new term gets its row, a counted one moves by its step (no read first,
    # and no ORM objects, which cost more than the statement). SQLite and PostgreSQL spell it alike.
    table = connection.ops.quote_name(TermCount._meta.db_table)
    items = list(delta.items())
    with connection.cursor() as cursor:
        for start in range(0, len(items), UPSERT_CHUNK):
            chunk = items[start : start + UPSERT_CHUNK]
            cursor.execute(
                f"INSERT INTO {table} (scope, term, count) VALUES {', '.join(['(%s, %s, %s)'] * len(chunk))} "
                f"ON CONFLICT (scope, term) DO UPDATE SET count = {table}.count + excluded.count",
                [v for term, d in chunk for v in (scope, term, d)],
            )
    dropped = [t for t, d in delta.items() if d < 0 and t != SIZE]
    for start in range(0, len(dropped), CHUNK):
        TermCount.objects.filter(scope=scope, term__in=dropped[start : start + CHUNK], count__lte=0).delete()


def unseen() -> list[int]:
    """The strategies no recompute saw: indexed without bags, or deleted with bags left (one query)."""
    heads = SearchDocument.objects.filter(kind=Kind.STRATEGY)
    bags = SimilarBag.objects.filter(scope=STRATEGY)
    missing = heads.exclude(strategy_id__in=bags.values("key")).values_list("strategy_id", flat=True)
    left = bags.exclude(key__in=heads.values("strategy_id")).values_list("key", flat=True)
    return list(missing.union(left, all=True))


def reconcile(also: Iterable[int] = ()) -> int:
    """Sync the strategies indexed without a recompute (no bags), uncount deleted ones, and sync ``also``
    with them (one pass for a recompute's own strategy too); returns bags changed."""
    return sync([*unseen(), *also])


def rebuild() -> int:
    """Count everything afresh (after bulk changes, or to be sure); returns the number of bags."""
    SimilarBag.objects.all().delete()
    TermCount.objects.exclude(term=SIZE).delete()
    TermCount.objects.filter(term=SIZE).update(count=0)
    ids = SearchDocument.objects.filter(kind__in=STRATEGY_KINDS).values_list("strategy_id", flat=True).distinct()
    return sync(list(ids))


def size(scope: str) -> int:
    """How many bags ``scope`` counts (goals, or strategies with a head row)."""
    return TermCount.objects.filter(scope=scope, term=SIZE).values_list("count", flat=True).first() or 0


def counts(scope: str, terms: Iterable[str], known: Mapping[str, int] | None = None) -> Counter[str]:
    """The counts of ``terms`` (those not in ``known`` are read; a term no bag has counts 0).

    ``SIZE`` among the terms reads the bags' number with them (``size`` without a query of its own).
    """
    out: Counter[str] = Counter(known or {})
    wanted = [t for t in set(terms) if t not in out]
    # Plain SQL: the ORM's handling of a long IN (...) list cost more than the query.
    table = connection.ops.quote_name(TermCount._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            cursor.execute(
                f"SELECT term, count FROM {table} WHERE scope = %s AND term IN ({', '.join(['%s'] * len(chunk))})",
                [scope, *chunk],
            )
            out.update(dict(cursor.fetchall()))
    return out
