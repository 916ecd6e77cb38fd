"""Similar plans and goals: precomputed on import and change, shown with reasons, one query to read."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.search.conftest import KS_GOALS, OSLO_GOALS, make_strategy
from veikart.text.similarity import Bag, top_similar
from veikart.web.search.facade import more_like_this
from veikart.web.search.models import SimilarItem
from veikart.web.strategies import edits

BERGEN_GOALS = {"Kultur": ["Et rikt kulturliv med bibliotek, museer og konserter."]}


@pytest.fixture
def three(ks, oslo, bergen, alice, charlie):
    from tests.search.conftest import _person_in

    bergen_editor = _person_in("erik", bergen)
    return (
        make_strategy(ks, alice, "KS strategi", KS_GOALS),
        make_strategy(oslo, charlie, "Oslo plan", OSLO_GOALS),
        make_strategy(bergen, bergen_editor, "Bergen plan", BERGEN_GOALS),
    )


def test_similar_plans_are_computed_on_import(three):
    ks_plan, oslo_plan, bergen_plan = three
    similar = more_like_this(oslo_plan, 10, AnonymousUser())
    assert similar[0].target.object_id == ks_plan.pk
    assert similar[0].score > 0.2
    assert "barnehager" in similar[0].shared_terms


def test_a_goal_has_the_most_similar_goals_of_other_strategies(three):
    ks_plan, oslo_plan, _ = three
    goal = oslo_plan.sections.get(title="Klima og miljø").items.get(kind="goal")
    similar = more_like_this(goal, 10, AnonymousUser())
    assert similar[0].target.body == "Kommunene reduserer klimagassutslipp fra transport."
    assert {s.target.strategy_id for s in similar} == {ks_plan.pk}
    assert "transport" in similar[0].shared_terms


def test_the_older_strategy_gains_the_newer_one_as_similar(three):
    ks_plan, oslo_plan, _ = three
    assert oslo_plan.pk in [s.target.object_id for s in more_like_this(ks_plan, 10, AnonymousUser())]


def test_unrelated_plans_are_not_similar(three):
    _, _, bergen_plan = three
    assert more_like_this(bergen_plan, 10, AnonymousUser()) == []


def test_reading_similar_plans_is_one_query(three, django_assert_num_queries):
    _, oslo_plan, _ = three
    with django_assert_num_queries(1):
        more_like_this(oslo_plan, 10, AnonymousUser())


def test_similar_items_of_a_draft_are_only_shown_to_its_members(ks, oslo, alice, bob, charlie):
    oslo_plan = make_strategy(oslo, charlie, "Oslo plan", OSLO_GOALS)
    make_strategy(ks, alice, "KS utkast", KS_GOALS, publish=False)
    assert more_like_this(oslo_plan, 10, AnonymousUser()) == []
    assert more_like_this(oslo_plan, 10, charlie) == []
    assert [s.target.title for s in more_like_this(oslo_plan, 10, bob)] == ["KS utkast"]


def test_an_edit_updates_the_similar_goals(three, charlie):
    ks_plan, oslo_plan, _ = three
    goal = oslo_plan.sections.get(title="Klima og miljø").items.get(kind="goal")
    edits.edit_item(oslo_plan, charlie, goal.pk, goal.version, "Et rikt kulturliv med museer og konserter.")
    similar = more_like_this(goal, 10, AnonymousUser())
    assert [s.target.body for s in similar] == ["Et rikt kulturliv med bibliotek, museer og konserter."]


def test_the_similar_pages_show_the_reasons(client, three):
    _, oslo_plan, _ = three
    page = client.get(reverse("similar_plans", args=[oslo_plan.pk])).content.decode()
    assert "KS strategi" in page and "Felles ord:" in page
    goal = oslo_plan.sections.get(title="Barnehage").items.get(kind="goal")
    page = client.get(reverse("similar_goals", args=[goal.pk])).content.decode()
    assert "Flere barnehager med høy kvalitet og god bemanning." in page


def test_the_similar_page_of_a_draft_is_hidden_from_others(client, ks, alice):
    draft = make_strategy(ks, alice, "Utkast", KS_GOALS, publish=False)
    assert client.get(reverse("similar_plans", args=[draft.pk])).status_code == 404


def test_pairs_stay_within_ten_per_item(ks, alice, oslo, charlie):
    for n in range(12):
        make_strategy(oslo, charlie, f"Plan {n}", {"Barnehage": [f"Barnehager med god kvalitet, variant {n}."]})
    plan = make_strategy(ks, alice, "KS", {"Oppvekst": ["Barnehager med god kvalitet."]})
    assert len(more_like_this(plan, 20, AnonymousUser())) == 10
    counts = {}
    for source_id in SimilarItem.objects.values_list("source_id", flat=True):
        counts[source_id] = counts.get(source_id, 0) + 1
    assert max(counts.values()) <= 10


def test_the_core_ranks_by_tf_idf_cosine_and_skips_the_same_group():
    from collections import Counter

    sources = [Bag("a", 1, Counter({"barnehag": 1, "kvalitet": 1}))]
    candidates = [
        Bag("same", 1, Counter({"barnehag": 1, "kvalitet": 1})),
        Bag("close", 2, Counter({"barnehag": 1, "kvalitet": 1, "bydel": 1})),
        Bag("far", 3, Counter({"barnehag": 1, "kultur": 2, "museum": 1})),
        Bag("none", 4, Counter({"kultur": 1})),
    ]
    found = top_similar(sources, candidates, 10)["a"]
    assert [m.target for m in found] == ["close", "far"]
    assert found[0].shared[:2] in (("kvalitet", "barnehag"), ("barnehag", "kvalitet"))


def test_the_rebuild_command_gives_the_same_pairs_as_incremental_updates(three):
    from django.core.management import call_command

    def pairs():
        return {(r.source_id, r.target_id) for r in SimilarItem.objects.all()}

    before = pairs()
    call_command("reindex_search", stdout=io.StringIO())
    assert pairs() == before


def test_with_a_task_worker_similar_items_are_queued_not_computed_in_the_request(settings, ks, alice, oslo, charlie):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    make_strategy(ks, alice, "KS strategi", KS_GOALS)
    make_strategy(oslo, charlie, "Oslo plan", OSLO_GOALS)
    assert not SimilarItem.objects.exists()
    assert DBTaskResult.objects.filter(task_path__endswith="tasks.recompute_similar").exists()
