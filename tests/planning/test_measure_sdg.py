"""The measure page shows the measure's SDG tags; editors get the accept/reject/add forms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.sdgtags.models import ItemTag, TagStatus


@pytest.fixture
def tagged_measure(measure, published):
    ItemTag.objects.create(strategy=published, measure=measure, goal_id=8, score=0.71,
                           why="Ord: «arbeidsgivere».", status=TagStatus.PROPOSED)
    return measure


def _page(client, user, measure) -> str:
    client.force_login(user)
    return client.get(reverse("planning:measure", args=[measure.pk])).content.decode()


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan", "measure")

    def test_an_editor_sees_the_measures_proposed_sdg_with_accept_reject_and_add_forms(
        self, client, alice, tagged_measure
    ):
        page = _page(client, alice, tagged_measure)
        assert "Anstendig arbeid og økonomisk vekst" in page
        assert 'value="accept-8"' in page and 'value="reject-8"' in page
        assert f'name="measure" value="{tagged_measure.pk}"' in page and 'name="what"' in page
        assert reverse("sdgtags:change", args=[tagged_measure.plan.strategy_id]) in page

    def test_a_reader_sees_the_measures_accepted_sdg_without_forms_and_no_proposal(
        self, client, alice, bob, tagged_measure
    ):
        assert "Anstendig arbeid og økonomisk vekst" not in _page(client, bob, tagged_measure)  # only proposed
        ItemTag.objects.filter(measure=tagged_measure).update(status=TagStatus.ACCEPTED, decided_by=alice)
        page = _page(client, bob, tagged_measure)
        assert "Anstendig arbeid og økonomisk vekst" in page
        assert 'value="accept-8"' not in page and 'name="what"' not in page

    def test_accepting_from_the_measure_page_returns_to_it(self, client, alice, tagged_measure):
        client.force_login(alice)
        response = client.post(reverse("sdgtags:change", args=[tagged_measure.plan.strategy_id]),
                               {"action": "accept", "measure": tagged_measure.pk, "goal": 8})
        assert response["Location"] == tagged_measure.get_absolute_url()
        assert ItemTag.objects.get(measure=tagged_measure).status == TagStatus.ACCEPTED
