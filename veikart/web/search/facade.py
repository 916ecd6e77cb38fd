"""Search behind one small facade: ``search``, ``more_like_this``, ``reindex``.

The backend follows the database (SQLite FTS5 or PostgreSQL tsvector); both
receive the same analysed query and the same permission scope, so they find
the same things for the same person. Search is hybrid: the full-text ranking
and the semantic one (``semantic_search``, by meaning, across languages) are
fused by reciprocal rank (veikart.semantic.fusion).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction

from veikart.semantic.fusion import reciprocal_rank_fusion
from veikart.text import QueryWord, fold, highlight, normalise, query_terms
from veikart.web.actions import Action
from veikart.web.orgs.models import Organisation
from veikart.web.search import indexing, similar
from veikart.web.search.backends import Hit, Query, Scope, backend_for_connection
from veikart.web.search.models import Kind, SearchDocument, SimilarItem
from veikart.web.search.semantic_search import semantic_hits
from veikart.web.search.tasks import recompute_similar
from veikart.web.semantic.embedding import queue_embedding
from veikart.web.strategies import changes
from veikart.web.strategies.access import member_organisation_ids
from veikart.web.strategies.models import Item, Section, Strategy

log = logging.getLogger(__name__)

PAGE_SIZE = 20
MAX_PAGE = 50  # deeper pages are refused (nobody reads them; they cost the most)
SNIPPET_CHARS = 240
# Highlighting reads every word of the text it gets; a whole document is first
# cut to the stretch around the first match.
SNIPPET_WINDOW = 500
# Hits of each ranking fused for a page: this many at least (so pages 1-5 share one fused order),
# more for a deeper page.
FUSION_DEPTH = 100


@dataclass(frozen=True)
class Filters:
    organisation: str | None = None  # slug
    kind: str | None = None
    year: int | None = None  # strategies whose period includes this year
    sdg: int | None = None
    page: int = 1


@dataclass
class SearchResult:
    doc: SearchDocument
    score: float
    snippet: str  # HTML: escaped text, matches in <mark>

    kind = property(lambda self: self.doc.kind)
    title = property(lambda self: self.doc.title)
    url = property(lambda self: self.doc.url)
    context = property(lambda self: self.doc.context)

    @property
    def kind_label(self) -> str:
        return Kind(self.doc.kind).label

    @cached_property
    def object(self):
        """The indexed object itself (one query; lists need only the fields above)."""
        model = {
            Kind.STRATEGY: Strategy,
            Kind.DOCUMENT: Strategy,
            Kind.SECTION: Section,
            Kind.GOAL: Item,
            Kind.COMMITMENT: Item,
        }.get(self.doc.kind)
        if model is None:
            model = apps.get_model("planning", "Measure" if self.doc.kind == Kind.MEASURE else "Indicator")
        return model.objects.filter(pk=self.doc.object_id).first()


@dataclass
class SearchPage:
    query: str
    results: list[SearchResult] = field(default_factory=list)
    page: int = 1
    has_next: bool = False
    searched: bool = False  # False when the query had nothing searchable in it
    backend: str = ""


def scope_for(user, filters: Filters | None = None) -> Scope:
    """The permission part (public, or the user's organisations; staff all) plus the filters."""
    filters = filters or Filters()
    member_of: tuple[int, ...] = ()
    staff = bool(user is not None and user.is_authenticated and user.is_staff)
    if user is not None and user.is_authenticated and not staff:
        member_of = tuple(member_organisation_ids(user))
    org_id = None
    if filters.organisation:
        org_id = Organisation.objects.filter(slug=filters.organisation).values_list("pk", flat=True).first() or -1
    kinds: tuple[str, ...] = ()
    if filters.kind in Kind.values:
        kinds = (filters.kind,)
    return Scope(
        all_visible=staff, member_of=member_of, organisation_id=org_id, kinds=kinds, year=filters.year,
        sdg=filters.sdg,
    )


def search(query: str, user, filters: Filters | None = None, *, page_size: int = PAGE_SIZE) -> SearchPage:
    """One page of results the user may see, best first; never raises for any query text."""
    filters = filters or Filters()
    text = query if isinstance(query, str) else ""
    words = query_terms(text.replace("\x00", " "))
    page = max(1, min(int(filters.page or 1), MAX_PAGE))
    backend = backend_for_connection()
    out = SearchPage(query=text, page=page, backend=backend.name)
    if not words:
        return out
    out.searched = True
    offset = (page - 1) * page_size
    depth = max(FUSION_DEPTH, offset + page_size + 1)
    q = Query(words=tuple(words), raw_words=" ".join(w.text for w in words), limit=depth, offset=0)
    scope = scope_for(user, filters)
    hits = _fused(backend.search(q, scope), semantic_hits(text, scope, depth))[offset : offset + page_size + 1]
    out.has_next = len(hits) > page_size
    hits = hits[:page_size]
    docs = SearchDocument.objects.defer("title_terms", "terms").in_bulk([h.doc_id for h in hits])
    for h in hits:
        doc = docs.get(h.doc_id)
        if doc is None:
            continue
        text_for_snippet = doc.body if doc.body.strip() else doc.title
        out.results.append(
            SearchResult(doc, h.score, highlight(_around_match(text_for_snippet, words), words,
                                                 size=SNIPPET_CHARS, lang=doc.language))
        )
    return out


def _fused(by_words: list[Hit], by_meaning: list[Hit]) -> list[Hit]:
    """One ranking from the full-text and the semantic hits (reciprocal rank; score: the fused one)."""
    if not by_meaning:
        return by_words
    return [Hit(doc_id, score) for doc_id, score in reciprocal_rank_fusion(
        [[h.doc_id for h in by_words], [h.doc_id for h in by_meaning]])]


def _around_match(text: str, words: list[QueryWord]) -> str:
    """``text``, or for a long text the window around the first stretch that holds a query term."""
    if len(text) <= 2 * SNIPPET_WINDOW:
        return text
    terms = {t for w in words for t in w.terms()}
    for start in range(0, len(text), SNIPPET_WINDOW):
        chunk = text[start : start + SNIPPET_WINDOW]
        folded = fold(normalise(chunk))
        if any(t in folded for t in terms):
            begin = max(0, start - SNIPPET_WINDOW // 4)
            space = text.find(" ", begin)  # start at a word
            begin = space + 1 if 0 <= space < start else begin
            return text[begin : start + SNIPPET_WINDOW + SNIPPET_WINDOW // 4]
    return text[:SNIPPET_WINDOW]


def _index_row(obj) -> SearchDocument | None:
    if isinstance(obj, SearchDocument):
        return obj
    if isinstance(obj, Strategy):
        return SearchDocument.objects.filter(kind=Kind.STRATEGY, object_id=obj.pk).first()
    if isinstance(obj, Item):
        return SearchDocument.objects.filter(kind=obj.kind, object_id=obj.pk).first()
    return None


def more_like_this(obj, n: int = 10, user=None) -> list[SimilarItem]:
    """The precomputed most similar items of a strategy or goal that ``user`` may see (one query)."""
    if isinstance(obj, Strategy):
        source = {"source__kind": Kind.STRATEGY, "source__object_id": obj.pk}
    elif isinstance(obj, Item):
        source = {"source__kind": obj.kind, "source__object_id": obj.pk}
    elif isinstance(obj, SearchDocument):
        source = {"source_id": obj.pk}
    else:
        raise TypeError(f"more_like_this() takes a Strategy, an Item or a SearchDocument, not {type(obj).__name__}")
    # Only what the lists show (and what identifies the target): the public strategy page asks on every view,
    # and building all three tables' columns was ~30 % of its time (benchmarks/load.py, py-spy).
    rows = SimilarItem.objects.filter(**source).select_related("target").only(
        "score", "shared_terms", "shared_sdgs", "source_id", "target__kind", "target__object_id",
        "target__strategy_id", "target__organisation_id", "target__public", "target__title", "target__url",
        "target__context", "target__period_start", "target__period_end",
    )
    scope = scope_for(user)
    if not scope.all_visible:
        from django.db.models import Q

        visible = Q(target__public=True)
        if scope.member_of:
            visible |= Q(target__organisation_id__in=scope.member_of)
        rows = rows.filter(visible)
    return list(rows.order_by("-score", "target_id")[:n])


def _strategies_of(obj) -> list[Strategy]:
    if isinstance(obj, Strategy):
        return [obj]
    if isinstance(obj, Section):
        return [obj.strategy]
    if isinstance(obj, Item):
        return [obj.section.strategy]
    plan = getattr(obj, "plan", None)  # a planning Measure
    if plan is not None:
        return [plan.strategy]
    goals = getattr(obj, "goals", None)  # a planning Indicator
    if goals is not None:
        return list(Strategy.objects.filter(sections__items__in=goals.all()).distinct())
    strategy = getattr(obj, "strategy", None)
    return [strategy] if isinstance(strategy, Strategy) else []


_after_block = threading.local()


@contextmanager
def similar_items_after_commit() -> Iterator[None]:
    """Recompute similar items in this process when the block ends, instead of in a background task.

    For commands that run without a task worker (``manage.py bulk_import``,
    ``load_demo_corpus``): ``reindex`` only notes which strategies (and goals)
    changed; when the block ends, each is compared with its candidates in the
    corpus (``similar.recompute_for_strategy``) and its rows are stored in one short transaction
    of their own. Open the block outside any transaction, so this happens
    after the writes inside it have committed and the write lock is held for
    the rows only. A block left by an exception recomputes nothing
    (``reindex_search`` rebuilds everything).
    """
    outer = getattr(_after_block, "pending", None)
    pending: dict[int, set[int] | None] = {}
    _after_block.pending = pending
    try:
        yield
    finally:
        _after_block.pending = outer
    if outer is not None:  # a block inside a block: the outer one recomputes
        for strategy_id, goals in pending.items():
            _note(outer, strategy_id, goals)
        return
    for strategy_id, goals in pending.items():  # the callers open the block outside any transaction
        similar.recompute_for_strategy(strategy_id, goals)


def _note(pending: dict[int, set[int] | None], strategy_id: int, goals: set[int] | None) -> None:
    """Merge one change into the pending recomputes (None: every goal of the strategy)."""
    if strategy_id in pending:
        known = pending[strategy_id]
        pending[strategy_id] = None if known is None or goals is None else known | goals
    else:
        pending[strategy_id] = None if goals is None else set(goals)


def reindex(obj, *, similar_items: bool = True, fresh: bool = False) -> None:
    """Bring the index (and the similar items) of the strategy ``obj`` belongs to up to date.

    Call after anything that changes what a strategy says or who may see it:
    import, edit, publish, archive, restore. The index rows are written in the
    caller's transaction, so search never disagrees with the rows; the similar
    items, which compare with the candidates in the whole corpus (up to a second on a large one),
    are recomputed by a background task queued in the same transaction (inside
    ``similar_items_after_commit``: by the command, after its commits). New
    texts get their vectors from a background job queued once the change has
    committed (``queue_embedding``: one waiting job serves every change). Only changed texts are
    analysed again; ``fresh``: every text (``reindex_all``).
    """
    for strategy in _strategies_of(obj):
        with transaction.atomic():
            change = indexing.write_strategy(strategy, fresh=fresh)
            # robust: a failure to queue is logged, never the committed change's error; VEIKART_MEANING off: none
            if change.semantic_changed and settings.VEIKART_MEANING:
                transaction.on_commit(queue_embedding, robust=True)
            if not similar_items or not change.similar_changed:
                continue
            goals = _changed_goals(change)
            pending = getattr(_after_block, "pending", None)
            if pending is not None:
                _note(pending, strategy.pk, goals)
            else:
                recompute_similar.enqueue(strategy.pk, sorted(goals) if goals is not None else None)


# Changes after which every index row is what it was: the rows hold no person's SDG decision (their SDG goals
# are the classifier's), no plan's description, reporting or status, and no indicator's values. Reindexing
# after them read the whole strategy for nothing.
UNINDEXED_ACTIONS = frozenset({
    Action.SDG_ACCEPT, Action.SDG_REJECT, Action.SDG_ADD,
    Action.CREATE_PLAN,  # an empty plan: its measures are indexed when they are made
    Action.EDIT_PLAN, Action.STATUS_UPDATE, Action.IMPORT_VALUES, Action.ASSESS,
    Action.SUBMIT_PERIOD, Action.APPROVE_PERIOD, Action.REOPEN_PERIOD,
})


def on_strategy_changed(sender: Any, strategy: Strategy, action: str = "", content: bool = True,
                        **kwargs: Any) -> None:
    """``strategies.changes.strategy_changed``: search rows and similar items follow every change.

    A change of the strategy's status alone (``content`` False: publish, archive) writes who may see the rows;
    inside ``changes.batched()`` the work is done once per strategy when the block ends.
    """
    if action in UNINDEXED_ACTIONS:
        return
    _follow(strategy.pk, visibility_only=not content)


def on_plan_changed(sender: Any, strategy_id: int | None, action: str = "", **kwargs: Any) -> None:
    """``planning.signals.plan_changed``: a plan's measures and indicators are indexed under its strategy."""
    if strategy_id is None or action in UNINDEXED_ACTIONS:
        return
    _follow(strategy_id)


def _follow(strategy_id: int, *, visibility_only: bool = False) -> None:
    """Bring the strategy's index up to date now, or at the end of the open ``changes.batched()`` block.

    Both kinds of work read the strategy as it is when they run, so a batch's last state is what is indexed.
    """
    if visibility_only:
        key, work = ("search.visibility", strategy_id), partial(_write_visibility, strategy_id)
    else:
        key, work = ("search.reindex", strategy_id), partial(_reindex_id, strategy_id)
    if not changes.defer(key, work):
        work()


def _reindex_id(strategy_id: int) -> None:
    # The indexing reads the strategy row itself: a stand-in with its id is enough. DoesNotExist: deleted
    # later in the same batch (a restore's draft), and its rows went with it.
    with suppress(Strategy.DoesNotExist):
        reindex(Strategy(pk=strategy_id))


def _write_visibility(strategy_id: int) -> None:
    with suppress(Strategy.DoesNotExist):
        indexing.write_visibility(Strategy(pk=strategy_id))


def _changed_goals(change: indexing.IndexChange) -> set[int] | None:
    if change.head_changed:  # title, period or terms changed: every goal's pairs may change
        return None
    return set(change.goals_changed)


def reindex_all() -> int:
    """Rebuild the whole index and every similar item; returns the number of strategies."""
    count = 0
    for strategy in Strategy.objects.select_related("organisation").iterator():
        reindex(strategy, similar_items=False, fresh=True)
        count += 1
    similar.rebuild_all()
    return count
