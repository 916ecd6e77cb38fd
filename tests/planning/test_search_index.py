"""Measures are searchable as soon as the planning services change them (the change record reindexes)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning import services
from veikart.web.planning.models import MeasureStatus
from veikart.web.search.facade import Filters, search


def _measure_titles(query: str, user=None) -> list[str]:
    return [r.title for r in search(query, user or AnonymousUser(), Filters(kind="measure")).results]


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan",)

    def test_a_new_measure_is_found_without_a_separate_reindex(self, measure):
        assert _measure_titles("lederkurs rådmenn") == ["Lederkurs for nye rådmenn"]

    def test_an_edited_measure_is_found_by_its_new_title_and_not_its_old(self, measure, alice):
        services.edit_measure(measure, alice, title="Mentorprogram for kommunedirektører")
        assert _measure_titles("mentorprogram") == ["Mentorprogram for kommunedirektører"]
        assert _measure_titles("lederkurs") == []

    def test_a_measure_carried_into_next_year_is_found_in_both_plans(self, plan, late_measure, alice):
        services.carry_over(plan, alice)
        contexts = sorted(r.context.rsplit(" · ", 1)[-1] for r in
                          search("heltidskultur", AnonymousUser(), Filters(kind="measure")).results)
        assert len(contexts) == 2 and contexts[0] != contexts[1]

    def test_a_status_update_leaves_the_measure_findable(self, measure, alice):
        services.add_status_update(measure, alice, status=MeasureStatus.IN_PROGRESS, progress=30)
        assert _measure_titles("lederkurs") == ["Lederkurs for nye rådmenn"]
