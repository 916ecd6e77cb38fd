"""Precompute "Lignende planer" and "Lignende mål" (SimilarItem rows) when a strategy changes.

A strategy is compared by all its sections, goals and commitments together;
a goal by its own text, with goals of every other strategy. Each source keeps
its top ``TOP_N``; the other side gains the new pair when it ranks in its own
top ``TOP_N``. ``rebuild_all`` recomputes everything exactly (management
command ``reindex_search``).

A change costs in proportion to the changed strategy and its candidates, not
to the library: the document frequencies are counts kept in step with the
index (``termcounts``), the candidates are the rows that share a term rare
enough to matter with a source (found through the full-text index, as
``top_similar`` would pick them from the whole corpus), and only the rows
whose list changes are written (a neighbour's list where the strategy enters
or leaves it).

Copies of one document are never similar to each other: strategies with the
same source file (hash), or of the same organisation with the same title and
period (a draft imported again beside the published one), form one group,
like the parts of one strategy. A member's top "similar plan" is thus never
its own copy of the plan it is reading.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q

from veikart.text import fold, normalise, word_terms
from veikart.text.fts import fts5_any, pg_any
from veikart.text.similarity import Bag, Match, document_frequencies, informative_terms, top_similar
from veikart.text.tokenise import token_texts
from veikart.web.search import termcounts
from veikart.web.search.backends.base import TABLE
from veikart.web.search.models import Kind, SearchDocument, SimilarBag, SimilarItem
from veikart.web.strategies.models import Strategy

TOP_N = 10
PLAN_KINDS = (Kind.SECTION, Kind.GOAL, Kind.COMMITMENT)
# Where a candidate's terms stand in the full-text index: a goal's bag is its body's terms, a
# strategy's the titles and bodies of its rows (SQLite's column filter; PostgreSQL matches either).
GOAL_COLUMNS = ("terms",)
STRATEGY_COLUMNS = ("title_terms", "terms")
MATCH_CHUNK = 300  # terms per full-text query


def document_groups(ids: Iterable[int] | None = None) -> dict[int, tuple]:
    """Each strategy's (or only these') document identity: its source hash, else organisation, title and period."""
    strategies = Strategy.objects.all() if ids is None else Strategy.objects.filter(pk__in=list(ids))
    rows = strategies.values_list("id", "source_sha256", "organisation_id", "title", "period_start",
                                        "period_end")
    return {
        pk: ("source", sha) if sha else ("title", org, " ".join(fold(normalise(title)).split()), start, end)
        for pk, sha, org, title, start, end in rows.iterator(chunk_size=5000)
    }


def _surfaces(texts: Iterable[str], lang: str, wanted: set[str] | None = None) -> dict[str, str]:
    """Each term's first spelling in the texts: reasons show words, not stems.

    With ``wanted``, reading stops once each of those terms has its spelling (the same spellings: the first).
    """
    out: dict[str, str] = {}
    missing = None if wanted is None else set(wanted)
    for text in texts:
        for word in token_texts(text):
            for term in word_terms(word, lang):
                if term not in out:
                    out[term] = word.lower()
                    if missing is not None:
                        missing.discard(term)
            if missing is not None and not missing:
                return out
    return out


def _reason(match: Match, *surfaces: dict[str, str]) -> list[str]:
    """The shared terms as words: from the first of ``surfaces`` (the source's own text first) that has them."""
    return list(dict.fromkeys(next((s[t] for s in surfaces if t in s), t) for t in match.shared))


def _reasons(strategy_id: int, matches: dict[int, list[Match]], docs: dict[int, SearchDocument]) -> dict:
    """Each match's shared words as its source writes them: a goal's own words, else its strategy's."""
    if not any(matches.values()):
        return {}
    lang = next((docs[i].language for i in matches if i in docs), "nb")
    rows = SearchDocument.objects.filter(strategy_id=strategy_id, kind__in=PLAN_KINDS).order_by("id")
    texts = sorted(rows.values_list("kind", "title", "body"), key=lambda r: r[0] != Kind.GOAL)  # goals first
    shared = {t for found in matches.values() for m in found for t in m.shared}
    whole = _surfaces((f"{t}\n{b}" for _k, t, b in texts), lang, shared)
    out = {}
    for source_id, found in matches.items():
        doc = docs.get(source_id)
        own = {}
        if found and doc is not None and doc.kind == Kind.GOAL:
            own = _surfaces([f"{doc.title}\n{doc.body}"], lang, {t for m in found for t in m.shared})
        for m in found:
            out[(source_id, m.target)] = _reason(m, own, whole)
    return out


def _documents(ids: set[int]) -> dict[int, SearchDocument]:
    """The index rows of sources and targets with only what reasons and shared SDGs read (not their terms)."""
    return SearchDocument.objects.only("kind", "language", "title", "body", "sdgs").in_bulk(ids)


def _sdgs(doc: SearchDocument | None) -> set[int]:
    return set(doc.sdg_list) if doc else set()


def recompute_for_strategy(strategy_id: int, goal_ids: set[int] | None = None) -> int:
    """Recompute the similar items of one strategy and of its goals (``goal_ids``: only these).

    First the term counts follow the strategy's index rows (``termcounts``);
    then only the candidates that share a rare enough term with it are read
    (found through the full-text index) and scored, and only the rows that
    change are written. Returns the number of SimilarItem rows written
    (created or changed).
    """
    with transaction.atomic():
        termcounts.lock()
        termcounts.reconcile(also=[strategy_id])
    own = {(b.scope, b.key): b for b in SimilarBag.objects.filter(strategy_id=strategy_id)}
    matches: dict[int, list[Match]] = {}
    groups: dict[int, tuple] = {}  # the document groups read so far (both sides mostly meet the same strategies)
    head = own.get((termcounts.STRATEGY, strategy_id))
    if head is not None:
        matches.update(_similar_strategies(strategy_id, head, groups))
    sources = sorted((b for (scope, key), b in own.items() if scope == termcounts.GOAL
                      and (goal_ids is None or key in goal_ids)), key=lambda b: b.key)
    if sources:
        matches.update(_similar_goals(strategy_id, sources, groups))
    return _store(strategy_id, matches)


def _groups_of(ids: set[int], known: dict[int, tuple]) -> dict[int, tuple]:
    """``document_groups`` of ``ids``, reading only those not in ``known`` (which gains them)."""
    missing = ids - known.keys()
    if missing:
        known.update(document_groups(missing))
    return known


def _similar_strategies(strategy_id: int, head: SimilarBag, groups: dict[int, tuple]) -> dict[int, list[Match]]:
    scope = termcounts.STRATEGY
    df = termcounts.counts(scope, [termcounts.SIZE, *head.terms])
    size = df.pop(termcounts.SIZE, 0)
    rare = informative_terms(head.terms, df, size)
    found = {row[0] for row in _candidates(rare, STRATEGY_COLUMNS, termcounts.STRATEGY_KINDS, ("strategy_id",),
                                           strategy_id)}
    bags = list(SimilarBag.objects.filter(scope=scope, key__in=found).order_by("row_id")) if found else []
    _groups_of({strategy_id, *found}, groups)
    df = termcounts.counts(scope, (t for b in bags for t in b.terms), df)
    source = Bag(head.row_id, groups.get(strategy_id, strategy_id), Counter(head.terms))
    others = [Bag(b.row_id, groups.get(b.key, b.key), Counter(b.terms)) for b in bags]
    return top_similar([source], others, TOP_N, df=df, corpus_size=size)


def _similar_goals(strategy_id: int, sources: list[SimilarBag], groups: dict[int, tuple]) -> dict[int, list[Match]]:
    scope = termcounts.GOAL
    terms = {t for b in sources for t in b.terms}
    df = termcounts.counts(scope, [termcounts.SIZE, *terms])
    size = df.pop(termcounts.SIZE, 0)
    rare = informative_terms(terms, df, size)
    # Read straight from the full-text match (no second query): a goal's bag is its index row's terms.
    found = sorted(_candidates(rare, GOAL_COLUMNS, (Kind.GOAL,), ("id", "strategy_id", "terms"), strategy_id))
    _groups_of({strategy_id, *(row[1] for row in found)}, groups)
    own = groups.get(strategy_id, strategy_id)
    others = [Bag(doc_id, g, Counter(text.split())) for doc_id, sid, text in found
              if (g := groups.get(sid, sid)) != own]
    df = termcounts.counts(scope, (t for b in others for t in b.terms), df)
    source_bags = [Bag(b.key, own, Counter(b.terms)) for b in sources]
    return top_similar(source_bags, others, TOP_N, df=df, corpus_size=size)


def _candidates(
    terms: set[str], columns: tuple[str, ...], kinds: tuple[str, ...], fields: tuple[str, ...], not_of: int
) -> set[tuple]:
    """Index rows of ``kinds`` outside strategy ``not_of`` with any of ``terms`` in ``columns``: their ``fields``.

    Found through the full-text index: a superset of the rows whose bags
    share one of the terms (both backends index the same terms), so scoring
    them finds what scoring every row would.
    """
    words = sorted(t for t in terms if t)
    found: set[tuple] = set()
    kind_marks = ", ".join(["%s"] * len(kinds))
    select = ", ".join(f"d.{f}" for f in fields)
    with connection.cursor() as cursor:
        for start in range(0, len(words), MATCH_CHUNK):
            chunk = words[start : start + MATCH_CHUNK]
            if connection.vendor == "postgresql":
                # No weights (columns): the GIN index then answers without reading each row's tsvector
                # again, and a match in a title as well is only one more candidate, scored exactly.
                query = pg_any(chunk)
                cursor.execute(
                    f"SELECT DISTINCT {select} FROM {TABLE} d WHERE d.search_terms @@ to_tsquery('simple', %s) "
                    f"AND d.kind IN ({kind_marks}) AND d.strategy_id <> %s",
                    [query, *kinds, not_of],
                )
            else:
                cursor.execute(
                    f"SELECT DISTINCT {select} FROM search_fts JOIN {TABLE} d ON d.id = search_fts.rowid "
                    f"WHERE search_fts MATCH %s AND d.kind IN ({kind_marks}) AND d.strategy_id <> %s",
                    [fts5_any(chunk, columns), *kinds, not_of],
                )
            found.update(cursor.fetchall())
    return found


def _store(strategy_id: int, matches: dict[int, list[Match]]) -> int:
    """Write the sources' new lists and the other side's changes; returns the rows created or changed.

    The result is what replacing every row of the sources (and every row
    pointing at them) would give: each source gets its matches; a target
    keeps its other rows and gains the pair where it ranks in its own top
    ``TOP_N``. Only rows that differ from that are deleted, created or updated,
    so a neighbour's list is touched only where the strategy enters or leaves it.
    """
    docs = _documents(set(matches) | {m.target for ms in matches.values() for m in ms})
    reasons = _reasons(strategy_id, matches, docs)
    fresh: dict[int, list[SimilarItem]] = {
        source_id: [
            SimilarItem(
                source_id=source_id,
                target_id=m.target,
                score=m.score,
                shared_terms=reasons[(source_id, m.target)],
                shared_sdgs=sorted(_sdgs(docs.get(source_id)) & _sdgs(docs.get(m.target))),
            )
            for m in found
        ]
        for source_id, found in matches.items()
    }
    with transaction.atomic():
        sources = list(matches)
        targets = {r.target_id for rows in fresh.values() for r in rows}
        before = list(
            SimilarItem.objects.filter(
                Q(source_id__in=sources) | Q(target_id__in=sources) | Q(source_id__in=targets)
            ).order_by("-score", "pk")
        )
        return _write_difference(before, _lists_after(sources, fresh, before))


def _lists_after(
    sources: list[int], fresh: dict[int, list[SimilarItem]], before: list[SimilarItem]
) -> dict[int, list[SimilarItem]]:
    """Every touched list as it should be: the sources' new ones; the others without the sources, then with
    the new pairs where they rank in the other's own top ``TOP_N``."""
    changed = set(sources)
    lists: dict[int, list[SimilarItem]] = {}
    pointing: dict[tuple[int, int], SimilarItem] = {}  # the others' rows pointing at a source, as they were
    for row in before:  # best first
        if row.source_id in changed:
            continue
        kept = lists.setdefault(row.source_id, [])
        if row.target_id not in changed:
            kept.append(row)
        else:
            pointing[(row.source_id, row.target_id)] = row
    incoming: dict[int, list[SimilarItem]] = defaultdict(list)
    for rows in fresh.values():
        for r in rows:
            incoming[r.target_id].append(r)
    for target, rows in incoming.items():
        have = lists.get(target, [])
        known = {r.target_id for r in have}
        back = [
            _same_score(pointing.get((target, r.source_id)), r.score)
            or SimilarItem(source_id=target, target_id=r.source_id, score=r.score, shared_terms=r.shared_terms,
                           shared_sdgs=r.shared_sdgs)
            for r in rows if r.source_id not in known
        ]
        lists[target] = sorted([*have, *back], key=lambda r: -r.score)[:TOP_N]
    lists.update(fresh)
    return lists


def _same_score(row: SimilarItem | None, score: float) -> SimilarItem | None:
    """An existing row for the pair, kept as it is (its own words) when its score has not changed."""
    return row if row is not None and row.score == score else None


def _write_difference(before: list[SimilarItem], wanted: dict[int, list[SimilarItem]]) -> int:
    """Delete, create and update only the rows of the ``wanted`` lists that differ from ``before``."""
    old = {(r.source_id, r.target_id): r for r in before if r.source_id in wanted}
    new = {(r.source_id, r.target_id): r for rows in wanted.values() for r in rows}
    drop = [r.pk for key, r in old.items() if key not in new]
    create = [r for key, r in new.items() if key not in old]
    update = []
    for key, r in new.items():
        was = old.get(key)
        if was is not None and (was.score, was.shared_terms, was.shared_sdgs) != (
            r.score, r.shared_terms, r.shared_sdgs
        ):
            was.score, was.shared_terms, was.shared_sdgs = r.score, r.shared_terms, r.shared_sdgs
            update.append(was)
    if drop:
        SimilarItem.objects.filter(pk__in=drop).delete()
    SimilarItem.objects.bulk_update(update, ["score", "shared_terms", "shared_sdgs"], batch_size=500)
    SimilarItem.objects.bulk_create(create, batch_size=500)
    return len(create) + len(update)


def rebuild_all() -> int:
    """Every strategy's and goal's similar items from scratch, the term counts too (for after bulk changes)."""
    with transaction.atomic():
        termcounts.lock()
        termcounts.rebuild()
    groups = document_groups()
    strategy_bags: list[Bag] = []
    goals: list[Bag] = []
    strategy_of: dict[int, int] = {}
    for b in SimilarBag.objects.order_by("row_id").iterator(chunk_size=5000):
        (strategy_bags if b.scope == termcounts.STRATEGY else goals).append(
            Bag(b.row_id, groups.get(b.strategy_id, b.strategy_id), Counter(b.terms))
        )
        strategy_of[b.row_id] = b.strategy_id
    # The frequencies over the bags once (as the per-strategy recompute counts them), not over sources
    # and candidates together, which are the same bags twice.
    found = top_similar(strategy_bags, strategy_bags, TOP_N, df=document_frequencies(strategy_bags),
                        corpus_size=len(strategy_bags))
    found.update(top_similar(goals, goals, TOP_N, df=document_frequencies(goals), corpus_size=len(goals)))
    by_strategy: dict[int, dict[int, list[Match]]] = defaultdict(dict)
    for source, ms in found.items():
        by_strategy[strategy_of[source]][source] = ms
    with transaction.atomic():
        SimilarItem.objects.all().delete()
        total = 0
        for strategy_id, matches in by_strategy.items():
            total += _store_plain(strategy_id, matches)
    return total


def _store_plain(strategy_id: int, matches: dict[int, list[Match]]) -> int:
    docs = _documents(set(matches) | {m.target for ms in matches.values() for m in ms})
    reasons = _reasons(strategy_id, matches, docs)
    rows = [
        SimilarItem(
            source_id=s, target_id=m.target, score=m.score, shared_terms=reasons[(s, m.target)],
            shared_sdgs=sorted(_sdgs(docs.get(s)) & _sdgs(docs.get(m.target))),
        )
        for s, ms in matches.items()
        for m in ms
    ]
    SimilarItem.objects.bulk_create(rows, batch_size=500)
    return len(rows)
