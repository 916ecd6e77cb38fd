"""What follows a change costs what the change needs: a bounded number of queries, one indexing per operation,
and the index and similar items a full rebuild would give."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.search.conftest import KS_GOALS, OSLO_GOALS, make_strategy
from veikart.web.planning import indicator_edit, plan_import
from veikart.web.planning import services as plans
from veikart.web.search import indexing, similar
from veikart.web.search.collect import entries_for
from veikart.web.search.facade import reindex
from veikart.web.search.models import SearchDocument, SimilarItem
from veikart.web.strategies import changes, edits, services
from veikart.web.strategies.models import Item


def index_rows(strategy) -> dict[tuple[str, int], tuple]:
    return {(r.kind, r.object_id): tuple(getattr(r, f) for f in indexing.FIELDS)
            for r in SearchDocument.objects.filter(strategy=strategy)}


def similar_rows() -> set[tuple]:
    """The pairs, scores and shared SDGs (the reason's word forms depend on which side was computed last, as in
    tests/search/test_similar_incremental.py)."""
    rows = SimilarItem.objects.values_list("source_id", "target_id", "score", "shared_sdgs")
    return {(source, target, score, tuple(sdgs)) for source, target, score, sdgs in rows}


def assert_index_is_a_rebuilds(strategy) -> None:
    """The strategy's rows as they are equal the rows analysing every text again writes."""
    before = index_rows(strategy)
    reindex(strategy, similar_items=False, fresh=True)
    assert index_rows(strategy) == before


def assert_similar_items_are_a_rebuilds() -> None:
    before = similar_rows()
    similar.rebuild_all()
    assert similar_rows() == before


@pytest.fixture
def two(ks, oslo, alice, charlie):
    """KS's and Oslo's published plans (alike in meaning), KS's with an action plan and a goal list."""
    strategy = make_strategy(ks, alice, "KS strategi", KS_GOALS)
    make_strategy(oslo, charlie, "Oslo strategi", OSLO_GOALS)
    plan = plans.create_plan(strategy, 2021, alice)
    goals = list(Item.objects.filter(section__strategy=strategy, kind="goal").order_by("pk"))
    return strategy, plan, goals


def queries_of(change) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        change()
    return [q["sql"] for q in ctx.captured_queries]


def test_a_new_measure_is_indexed_in_a_bounded_number_of_queries_whatever_the_number_of_indicators(two, ks, alice):
    strategy, plan, goals = two

    def add_measure(n):
        return queries_of(lambda: plans.create_measure(plan, alice, items=goals[:1], title=f"Kurs i ledelse {n}",
                                                       description="Kurs for barnehageledere."))

    first = add_measure(1)
    for n in range(6):  # indicators were asked for their first goal one by one
        indicator_edit.create_indicator(ks, alice, goals=goals, name=f"Andel barnehager {n}", unit="prosent")
    second = add_measure(2)
    assert len(second) == len(first) <= 22
    # A measure enters no similar item: they are not computed again (the term counts are not even read).
    assert not [sql for sql in second if "search_termcount" in sql or "search_similar" in sql]
    assert_index_is_a_rebuilds(strategy)
    assert_similar_items_are_a_rebuilds()


def test_an_edited_goal_is_indexed_and_its_similar_items_follow(two, alice):
    strategy, _, goals = two
    goal = goals[0]
    sql = queries_of(lambda: edits.edit_item(strategy, alice, goal.pk, goal.version,
                                             "Flere barnehager med god kvalitet og høy bemanning."))
    assert len(sql) <= 45
    assert any("search_similaritem" in q for q in sql)
    assert_index_is_a_rebuilds(strategy)
    assert_similar_items_are_a_rebuilds()


def test_a_status_update_or_an_empty_plan_leaves_the_index_unread(two, alice):
    strategy, plan, goals = two
    measure = plans.create_measure(plan, alice, items=goals[:1], title="Kurs i ledelse")
    for change in (lambda: plans.add_status_update(measure, alice, status="in_progress", progress=40),
                   lambda: plans.create_plan(strategy, 2022, alice),
                   lambda: plans.edit_plan(plan, alice, "Tiltakene for 2021.")):
        sql = queries_of(change)
        assert sql and not [q for q in sql if "search_" in q or "strategies_item" in q]
    assert_index_is_a_rebuilds(strategy)


def test_publishing_writes_who_may_see_the_rows_without_collecting_the_strategy_again(ks, alice, monkeypatch):
    draft = make_strategy(ks, alice, "KS utkast", KS_GOALS, publish=False)
    collected = []
    monkeypatch.setattr(indexing, "entries_for", lambda s: collected.append(s.pk) or entries_for(s))
    services.publish(draft, alice)
    assert collected == []  # (the audit log's snapshot reads the items; the index does not)
    assert set(SearchDocument.objects.filter(strategy=draft).values_list("public", flat=True)) == {True}
    assert_index_is_a_rebuilds(draft)
    archived = services.archive(draft, alice)
    assert set(SearchDocument.objects.filter(strategy=archived).values_list("public", flat=True)) == {True}
    assert_index_is_a_rebuilds(archived)


def test_a_plan_import_indexes_its_strategy_once(two, alice, monkeypatch):
    strategy, plan, goals = two
    rows = "\n".join(["title;description;item_ids",
                      *(f"Tiltak {n};Kurs for barnehageledere nummer {n}.;{goals[0].pk}" for n in range(5))])
    written = []
    write = indexing.write_strategy
    monkeypatch.setattr(indexing, "write_strategy", lambda s, **kw: written.append(s.pk) or write(s, **kw))
    counts = plan_import.import_measures(plan, alice, rows.encode(), "tiltak.csv")
    assert counts["created"] == 5
    assert written == [strategy.pk]
    assert SearchDocument.objects.filter(strategy=strategy, kind="measure").count() == 5
    assert_index_is_a_rebuilds(strategy)


def test_batched_work_runs_once_per_key_at_the_end_and_an_inner_block_leaves_it_to_the_outer():
    done = []
    with changes.batched():
        assert changes.defer("a", lambda: done.append("a"))
        with changes.batched():
            assert changes.defer("a", lambda: done.append("a again"))  # the first of a key is the one kept
            assert changes.defer("b", lambda: done.append("b"))
        assert done == []
    assert done == ["a", "b"]
    assert not changes.defer("c", lambda: done.append("c"))  # no block: the caller does it now


def test_batched_work_is_dropped_with_a_rolled_back_transaction(db):
    done = []
    with pytest.raises(ValueError), transaction.atomic(), changes.batched():
        changes.defer("a", lambda: done.append("a"))
        raise ValueError
    assert done == []
