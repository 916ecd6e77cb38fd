"""Similar plans and goals leave out copies of the same document, and say which similar plans are drafts."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from tests.search.conftest import KS_GOALS, OSLO_GOALS, make_strategy
from veikart.web.search import similar
from veikart.web.search.facade import more_like_this
from veikart.web.strategies.models import Item


def titles(rows) -> list[str]:
    return [r.target.title for r in rows]


def test_a_draft_copy_of_the_same_plan_is_not_its_similar_plan(ks, oslo, alice, charlie):
    published = make_strategy(ks, alice, "KS strategi", KS_GOALS)
    make_strategy(oslo, charlie, "Oslo plan", OSLO_GOALS)
    copy = make_strategy(ks, alice, "KS strategi", KS_GOALS, publish=False)  # the same document imported again
    assert titles(more_like_this(published, 10, alice)) == ["Oslo plan"]
    assert titles(more_like_this(copy, 10, alice)) == ["Oslo plan"]
    goal = Item.objects.get(section__strategy=published, text=KS_GOALS["Oppvekst"][0])
    contexts = [r.target.context for r in more_like_this(goal, 10, alice)]
    assert contexts and all("Oslo" in c for c in contexts)


def test_copies_with_the_same_source_file_are_one_document_even_under_other_titles(ks, oslo, alice, charlie):
    first = make_strategy(ks, alice, "KS strategi", KS_GOALS)
    second = make_strategy(ks, alice, "KS langtidsstrategi (ny import)", KS_GOALS)
    make_strategy(oslo, charlie, "Oslo plan", OSLO_GOALS)
    for strategy in (first, second):  # the fixture's JSON names no file hash: give both the same one
        strategy.source_sha256 = "cd" * 32
        strategy.save(update_fields=["source_sha256"])
    similar.rebuild_all()
    assert titles(more_like_this(first, 10, alice)) == ["Oslo plan"]


def test_another_periods_plan_with_the_same_title_is_still_similar(ks, alice):
    older = make_strategy(ks, alice, "KS strategi", KS_GOALS, period=(2016, 2019))
    newer = make_strategy(ks, alice, "KS strategi", KS_GOALS, period=(2020, 2023))
    assert titles(more_like_this(newer, 10, alice)) == ["KS strategi"]
    assert more_like_this(newer, 10, alice)[0].target.object_id == older.pk


def test_a_similar_plan_that_is_a_draft_is_labelled_as_one(client, ks, oslo, bob, charlie, alice):
    oslo_plan = make_strategy(oslo, charlie, "Oslo plan", OSLO_GOALS)
    make_strategy(ks, alice, "KS utkast", KS_GOALS, publish=False)
    client.force_login(bob)  # reads KS's drafts
    page = client.get(reverse("similar_plans", args=[oslo_plan.pk])).content.decode()
    assert "KS utkast" in page and "<strong>Utkast</strong>" in page
    assert more_like_this(oslo_plan, 10, AnonymousUser()) == []
