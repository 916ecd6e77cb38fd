"""Similar items after one change: term counts kept in step, the same results as reading everything, few writes."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.search.conftest import KS_GOALS, OSLO_GOALS, make_strategy
from veikart.text.similarity import Bag, document_frequencies, top_similar
from veikart.web.search import similar, termcounts
from veikart.web.search.models import Kind, SearchDocument, SimilarBag, SimilarItem, TermCount
from veikart.web.strategies import edits, services
from veikart.web.strategies.models import Item, Strategy

MORE = {
    "Drammen plan": {
        "Oppvekst": ["Barnehager med høy kvalitet for alle barn.", "+Rekruttere flere barnehagelærere."],
        "Klima": ["Drammen reduserer utslipp fra transport og bygg.", "Mer kollektivtransport i byen."],
    },
    "Asker plan": {
        "Helse": ["Flere eldre bor trygt hjemme med god helse.", "Redusere sykefravær blant ansatte."],
        "Klima": ["Klimagassutslipp fra transport halveres innen 2030."],
    },
    "Bærum plan": {
        "Kultur": ["Et rikt kulturliv med bibliotek og konserter.", "Flere barn deltar i fritidsaktiviteter."],
        "Helse": ["Redusere sykefravær i kommunen.", "Eldre får god helse og omsorg hjemme."],
    },
}


@pytest.fixture
def library(ks, oslo, bergen, alice, charlie):
    from tests.search.conftest import _person_in

    editor = _person_in("erik", bergen)
    plans = [make_strategy(ks, alice, "KS strategi", KS_GOALS), make_strategy(oslo, charlie, "Oslo plan", OSLO_GOALS)]
    plans += [make_strategy(bergen, editor, title, goals) for title, goals in MORE.items()]
    return plans


def counted(scope: str) -> Counter[str]:
    return Counter(dict(TermCount.objects.filter(scope=scope).exclude(term="").values_list("term", "count")))


def everything() -> tuple[list[Bag], list[Bag]]:
    """Every strategy's and goal's bag read from the whole index, as similar items did before counts were kept."""
    groups = similar.document_groups()
    parts: dict[int, list[str]] = {}
    head: dict[int, int] = {}
    goals = []
    rows = SearchDocument.objects.filter(kind__in=termcounts.STRATEGY_KINDS).order_by("id")
    for doc_id, strategy_id, kind, title_terms, terms in rows.values_list(
        "id", "strategy_id", "kind", "title_terms", "terms"
    ):
        if kind == Kind.STRATEGY:
            head[strategy_id] = doc_id
            parts.setdefault(strategy_id, []).append(title_terms)
            continue
        parts.setdefault(strategy_id, []).extend((title_terms, terms))
        if kind == Kind.GOAL:
            goals.append(Bag(doc_id, groups.get(strategy_id, strategy_id), Counter(terms.split())))
    strategies = [Bag(head[s], groups.get(s, s), Counter(" ".join(p).split())) for s, p in parts.items() if s in head]
    return strategies, goals


def test_the_term_counts_follow_imports_edits_and_deletions(library, charlie):
    oslo_plan = library[1]
    goal = oslo_plan.sections.get(title="Klima og miljø").items.get(kind="goal")
    edits.edit_item(oslo_plan, charlie, goal.pk, goal.version, "Oslo planter trær i alle parker og bydeler.")
    library[4].delete()
    similar.recompute_for_strategy(library[0].pk)  # any recompute uncounts a deleted strategy
    strategies, goals = everything()
    assert counted(termcounts.GOAL) == document_frequencies(goals)
    assert counted(termcounts.STRATEGY) == document_frequencies(strategies)
    assert termcounts.size(termcounts.GOAL) == len(goals) == 10
    assert termcounts.size(termcounts.STRATEGY) == len(strategies) == 4
    assert counted(termcounts.GOAL)["park"] == 1  # the edited goal's new words are counted


def test_one_strategy_recomputed_finds_what_reading_the_whole_index_finds(library):
    drammen = library[2]
    similar.recompute_for_strategy(drammen.pk)
    strategies, goals = everything()
    own = set(SearchDocument.objects.filter(strategy=drammen).values_list("pk", flat=True))
    expected = top_similar(
        [b for b in strategies if b.key in own],
        strategies,
        similar.TOP_N,
        df=document_frequencies(strategies),
        corpus_size=len(strategies),
    )
    expected.update(
        top_similar(
            [b for b in goals if b.key in own],
            goals,
            similar.TOP_N,
            df=document_frequencies(goals),
            corpus_size=len(goals),
        )
    )
    assert any(expected.values())
    for source, matches in expected.items():
        stored = list(
            SimilarItem.objects.filter(source_id=source)
            .order_by("-score", "target_id")
            .values_list("target_id", "score")
        )
        assert stored == sorted(((m.target, m.score) for m in matches), key=lambda p: (-p[1], p[0]))


def test_a_changed_strategy_gets_the_rows_a_full_rebuild_gives_it(library, charlie):
    oslo_plan = library[1]
    goal = oslo_plan.sections.get(title="Barnehage").items.get(kind="goal")
    edits.edit_item(oslo_plan, charlie, goal.pk, goal.version, "Redusere sykefravær og flere eldre bor hjemme.")
    similar.recompute_for_strategy(oslo_plan.pk)  # the whole strategy, not only the edited goal
    own = list(SearchDocument.objects.filter(strategy=oslo_plan).values_list("pk", flat=True))

    def rows():
        return sorted(SimilarItem.objects.filter(source_id__in=own).values_list("source_id", "target_id", "score"))

    incremental = rows()
    similar.rebuild_all()
    assert incremental == rows()
    assert any(r[0] == SearchDocument.objects.get(kind=Kind.GOAL, object_id=goal.pk).pk for r in incremental)


def test_an_edit_rewrites_only_the_rows_it_affects(library):
    similar.rebuild_all()
    before = {r.pk: (r.source_id, r.target_id, r.score, r.shared_terms) for r in SimilarItem.objects.all()}
    with CaptureQueriesContext(connection) as queries:
        assert similar.recompute_for_strategy(library[0].pk) == 0  # nothing changed: nothing written
    writes = [q["sql"] for q in queries if q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert not [w for w in writes if "search_similaritem" in w or "search_similarbag" in w]
    assert {r.pk for r in SimilarItem.objects.all()} == set(before)

    asker = library[3]
    goal = Item.objects.get(section__strategy=asker, text__startswith="Redusere sykefravær")
    edits.edit_item(asker, asker.created_by, goal.pk, goal.version, "Redusere sykefravær blant ansatte i barnehager.")
    goal_row = SearchDocument.objects.get(kind=Kind.GOAL, object_id=goal.pk).pk
    touched = set(SearchDocument.objects.filter(strategy=asker).values_list("pk", flat=True))
    after = {r.pk: (r.source_id, r.target_id, r.score, r.shared_terms) for r in SimilarItem.objects.all()}
    elsewhere = [pk for pk, row in before.items() if not touched & {row[0], row[1]}]
    assert len(elsewhere) > 10
    assert all(after.get(pk) == before[pk] for pk in elsewhere)  # rows not involving Asker: untouched
    # The edited goal now meets the nursery goals, and they it, where it ranks in their own top ten.
    new_targets = {t for s, t, *_ in after.values() if s == goal_row}
    nursery = SearchDocument.objects.filter(kind=Kind.GOAL, body__icontains="barnehage")
    nursery = set(nursery.values_list("pk", flat=True))
    assert new_targets & nursery
    assert any(s in nursery and t == goal_row for s, t, *_ in after.values())


def test_strategies_indexed_without_a_recompute_are_counted_by_the_next_one(library):
    SimilarBag.objects.all().delete()  # as after a bulk load that wrote index rows only
    TermCount.objects.all().delete()
    similar.recompute_for_strategy(library[0].pk)
    strategies, goals = everything()
    assert counted(termcounts.GOAL) == document_frequencies(goals)
    assert counted(termcounts.STRATEGY) == document_frequencies(strategies)
    assert termcounts.size(termcounts.STRATEGY) == Strategy.objects.count() == 5


def test_publishing_leaves_the_similar_items_a_recompute_would_give(library, ks, alice, monkeypatch):
    draft = make_strategy(
        ks, alice, "KS utkast", {"Helse": ["Redusere sykefravær blant eldre ansatte."]}, publish=False
    )
    own = set(SearchDocument.objects.filter(strategy=draft).values_list("pk", flat=True))

    def lists():
        return sorted(SimilarItem.objects.filter(source_id__in=own).values_list("source_id", "target_id", "score"))

    before = lists()
    assert before

    recomputed = []  # (a task's exception would only be logged)
    with monkeypatch.context() as m:
        m.setattr(similar, "recompute_for_strategy", lambda *args: recomputed.append(args))
        published = services.publish(draft, alice)
    assert recomputed == []  # publishing changes nothing similar items read
    assert SearchDocument.objects.filter(pk__in=own, public=True).count() == len(own)
    assert similar.recompute_for_strategy(published.pk) == 0  # the stored lists are already the right ones
    assert lists() == before
