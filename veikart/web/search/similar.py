"""Precompute "Lignende planer" and "Lignende mål" (SimilarItem rows) when a strategy changes.

A strategy is compared by all its sections, goals and commitments together;
a goal by its own text, with goals of every other strategy. Each source keeps
its top ``TOP_N``; the other side gains the new pair when it ranks in its own
top ``TOP_N``. ``rebuild_all`` recomputes everything exactly (management
command ``rebuild_similar``).

Copies of one document are never similar to each other: strategies with the
same source file (hash), or of the same organisation with the same title and
period (a draft imported again beside the published one), form one group,
like the parts of one strategy. A member's top "similar plan" is thus never
its own copy of the plan it is reading.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import transaction

from veikart.text import fold, normalise, tokens, word_terms
from veikart.text.similarity import Bag, Match, document_frequencies, top_similar
from veikart.web.search.models import Kind, SearchDocument, SimilarItem
from veikart.web.strategies.models import Strategy

TOP_N = 10
PLAN_KINDS = (Kind.SECTION, Kind.GOAL, Kind.COMMITMENT)


def _bag(text: str) -> Counter[str]:
    return Counter(text.split())


def document_groups() -> dict[int, tuple]:
    """Each strategy's document identity: its source hash, else organisation, title and period."""
    rows = Strategy.objects.values_list("id", "source_sha256", "organisation_id", "title", "period_start",
                                        "period_end")
    return {
        pk: ("source", sha) if sha else ("title", org, " ".join(fold(normalise(title)).split()), start, end)
        for pk, sha, org, title, start, end in rows.iterator(chunk_size=5000)
    }


def _strategy_bags() -> tuple[dict[int, Counter[str]], dict[int, int]]:
    """Every strategy's terms (sections, goals, commitments and title) and its index row id."""
    texts: dict[int, list[str]] = defaultdict(list)
    rows = SearchDocument.objects.filter(kind__in=(*PLAN_KINDS, Kind.STRATEGY)).values_list(
        "id", "strategy_id", "kind", "title_terms", "terms"
    )
    head: dict[int, int] = {}
    for doc_id, strategy_id, kind, title_terms, terms in rows.iterator(chunk_size=5000):
        if kind == Kind.STRATEGY:
            head[strategy_id] = doc_id
            texts[strategy_id].append(title_terms)
        else:
            texts[strategy_id] += (title_terms, terms)
    # One Counter per strategy over its joined text: far faster than updating it row by row.
    return {s: Counter(" ".join(parts).split()) for s, parts in texts.items()}, head


def _goal_bags(groups: dict[int, tuple]) -> tuple[list[Bag], dict[int, int]]:
    """Every goal's terms (grouped by its document) and the strategy of each goal's index row."""
    rows = SearchDocument.objects.filter(kind=Kind.GOAL).values_list("id", "strategy_id", "terms")
    bags: list[Bag] = []
    strategy_of: dict[int, int] = {}
    for doc_id, strategy_id, terms in rows.iterator(chunk_size=5000):
        bags.append(Bag(doc_id, groups.get(strategy_id, strategy_id), _bag(terms)))
        strategy_of[doc_id] = strategy_id
    return bags, strategy_of


def _surfaces(texts: Iterable[str], lang: str) -> dict[str, str]:
    """Each term's first spelling in the texts: reasons show words, not stems."""
    out: dict[str, str] = {}
    for text in texts:
        for token in tokens(text):
            for term in word_terms(token.text, lang):
                out.setdefault(term, token.text.lower())
    return out


def _reason(match: Match, surfaces: dict[str, str]) -> list[str]:
    return list(dict.fromkeys(surfaces.get(t, t) for t in match.shared))


def _sdgs(doc: SearchDocument | None) -> set[int]:
    return set(doc.sdg_list) if doc else set()


def recompute_for_strategy(strategy_id: int, goal_ids: set[int] | None = None) -> int:
    """Recompute the similar items of one strategy and of its goals (``goal_ids``: only these).

    Returns the number of SimilarItem rows written.
    """
    matches: dict[int, list[Match]] = {}
    groups = document_groups()
    own = groups.get(strategy_id, strategy_id)
    bags, head = _strategy_bags()
    if strategy_id in head:
        source = Bag(head[strategy_id], own, bags.get(strategy_id, Counter()))
        others = [Bag(head[s], groups.get(s, s), bag) for s, bag in bags.items() if s != strategy_id and s in head]
        matches.update(top_similar([source], others, TOP_N))
    goals, strategy_of = _goal_bags(groups)
    sources = [b for b in goals if strategy_of[b.key] == strategy_id and (goal_ids is None or b.key in goal_ids)]
    if sources:
        df = document_frequencies(goals)
        others = [b for b in goals if b.group != own]
        matches.update(top_similar(sources, others, TOP_N, df=df, corpus_size=len(goals)))
    return _store(strategy_id, matches)


def _store(strategy_id: int, matches: dict[int, list[Match]]) -> int:
    ids = set(matches) | {m.target for ms in matches.values() for m in ms}
    docs = SearchDocument.objects.in_bulk(ids)
    own = [docs[i] for i in matches if i in docs]
    lang = own[0].language if own else "nb"
    surfaces = _surfaces((f"{d.title}\n{d.body}" for d in own if d.kind == Kind.GOAL), lang)
    if any(d.kind == Kind.STRATEGY for d in own):
        texts = SearchDocument.objects.filter(strategy_id=strategy_id, kind__in=PLAN_KINDS).values_list(
            "title", "body"
        )
        surfaces.update({k: v for k, v in _surfaces((f"{t}\n{b}" for t, b in texts), lang).items()
                         if k not in surfaces})
    new_rows: list[SimilarItem] = []
    for source_id, found in matches.items():
        for m in found:
            new_rows.append(
                SimilarItem(
                    source_id=source_id,
                    target_id=m.target,
                    score=m.score,
                    shared_terms=_reason(m, surfaces),
                    shared_sdgs=sorted(_sdgs(docs.get(source_id)) & _sdgs(docs.get(m.target))),
                )
            )
    with transaction.atomic():
        SimilarItem.objects.filter(source_id__in=list(matches)).delete()
        # The other side's rows pointing here are re-decided from the new scores.
        SimilarItem.objects.filter(target_id__in=list(matches)).delete()
        SimilarItem.objects.bulk_create(new_rows, batch_size=500)
        written = len(new_rows) + _store_reverse(new_rows)
    return written


def _store_reverse(rows: list[SimilarItem]) -> int:
    """Give each target the pair too, where it ranks in the target's own top ``TOP_N``."""
    by_target: dict[int, list[SimilarItem]] = defaultdict(list)
    for r in rows:
        by_target[r.target_id].append(r)
    if not by_target:
        return 0
    existing: dict[int, list[SimilarItem]] = defaultdict(list)
    for r in SimilarItem.objects.filter(source_id__in=list(by_target)):
        existing[r.source_id].append(r)
    create: list[SimilarItem] = []
    drop: list[int] = []
    for target, incoming in by_target.items():
        have = existing[target]
        known = {r.target_id for r in have}
        fresh = [
            SimilarItem(source_id=target, target_id=r.source_id, score=r.score, shared_terms=r.shared_terms,
                        shared_sdgs=r.shared_sdgs)
            for r in incoming if r.source_id not in known
        ]
        ranked = sorted([*have, *fresh], key=lambda r: -r.score)
        keep = ranked[:TOP_N]
        drop += [r.pk for r in ranked[TOP_N:] if r.pk]
        create += [r for r in keep if r.pk is None]
    if drop:
        SimilarItem.objects.filter(pk__in=drop).delete()
    SimilarItem.objects.bulk_create(create, batch_size=500)
    return len(create)


def rebuild_all() -> int:
    """Every strategy's and goal's similar items from scratch (exact; for after bulk changes)."""
    groups = document_groups()
    bags, head = _strategy_bags()
    goals, strategy_of = _goal_bags(groups)
    strategy_bags = [Bag(head[s], groups.get(s, s), bag) for s, bag in bags.items() if s in head]
    strategy_of.update({head[s]: s for s in bags if s in head})
    found = top_similar(strategy_bags, strategy_bags, TOP_N)
    found.update(top_similar(goals, goals, TOP_N))
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
    docs = SearchDocument.objects.in_bulk(set(matches) | {m.target for ms in matches.values() for m in ms})
    texts = SearchDocument.objects.filter(strategy_id=strategy_id, kind__in=PLAN_KINDS).values_list("title", "body")
    lang = next(iter(docs.values())).language if docs else "nb"
    surfaces = _surfaces((f"{t}\n{b}" for t, b in texts), lang)
    rows = [
        SimilarItem(
            source_id=s, target_id=m.target, score=m.score, shared_terms=_reason(m, surfaces),
            shared_sdgs=sorted(_sdgs(docs.get(s)) & _sdgs(docs.get(m.target))),
        )
        for s, ms in matches.items()
        for m in ms
    ]
    SimilarItem.objects.bulk_create(rows, batch_size=500)
    return len(rows)
