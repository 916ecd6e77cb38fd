"""Measures in the action plans get SDG tags like goals and commitments do."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.sdgtags.conftest import RULES, fake_classify
from veikart.sdg.classifier import SdgMatch
from veikart.web.audit.models import ChangeRecord
from veikart.web.planning.models import ActionPlan, Measure
from veikart.web.sdgtags import services
from veikart.web.sdgtags.models import ItemTag, TagStatus
from veikart.web.sdgtags.queries import profile_data
from veikart.web.strategies import services as strategy_services


@pytest.fixture
def measure(tagged, monkeypatch):
    monkeypatch.setitem(RULES, "klima", [SdgMatch(13, 0.77, ("13.1",), "Ord: «klimatilpasning».")])
    plan = ActionPlan.objects.create(strategy=tagged, year=2024)
    row = Measure.objects.create(plan=plan, title="Kurs i klimatilpasning", description="For alle kommuner.")
    services.propose_tags(tagged, fake_classify)
    return row


def test_a_measure_gets_proposals_from_its_title_and_description(measure):
    tag = ItemTag.objects.get(measure=measure)
    assert (tag.goal_id, tag.status, tag.score, tag.target_codes) == (13, TagStatus.PROPOSED, 0.77, ["13.1"])
    assert tag.item is None and tag.subject == measure


def test_the_profile_counts_measures_with_goals_and_commitments(measure, tagged):
    profile = profile_data(tagged, with_proposals=True)
    assert profile.items == 6
    assert [(r.goal.number, r.proposed) for r in profile.rows if r.goal.number == 13] == [(13, 1)]


def test_the_goal_page_lists_a_tagged_measure_with_a_link(client, measure, alice):
    client.force_login(alice)  # an open proposal: shown to the organisation's editors only
    page = client.get(reverse("sdgtags:goal", args=[13])).content.decode()
    assert "Tiltak i handlingsplanen for 2024:" in page
    assert f'href="{measure.get_absolute_url()}"' in page


MAY = {"anonymous": False, "bob": False, "charlie": False, "alice": True, "dave": True}
REFUSED = {"anonymous": 302, "bob": 403, "charlie": 403}


@pytest.mark.parametrize("who", list(MAY))
def test_only_editors_and_admins_accept_a_measures_tag(client, people, measure, tagged, who):
    if who != "anonymous":
        client.force_login(people[who])
    response = client.post(reverse("sdgtags:change", args=[tagged.pk]),
                           {"action": "accept", "measure": measure.pk, "goal": 13})
    accepted = ItemTag.objects.get(measure=measure).status == TagStatus.ACCEPTED
    assert accepted == MAY[who]
    if MAY[who]:
        assert response["Location"] == measure.get_absolute_url()
        record = ChangeRecord.objects.get(strategy=tagged, action="sdg_accept")
        assert (record.object_type, record.object_id) == ("measure", measure.pk)
    else:
        assert response.status_code == REFUSED[who]


def test_a_measure_of_another_strategy_cannot_be_tagged_through_this_one(measure, ks, alice, strategy_json):
    other = strategy_services.import_strategy_json(ks, strategy_json, alice)
    with pytest.raises(services.TagError, match="Fant ikke tiltaket"):
        services.add_tag(other, alice, None, 13, measure_id=measure.pk)


def test_a_persons_choice_on_a_measure_survives_new_proposals(measure, tagged, alice, monkeypatch):
    services.reject_tag(tagged, alice, None, 13, measure_id=measure.pk)
    services.propose_tags(tagged, fake_classify)
    assert ItemTag.objects.get(measure=measure).status == TagStatus.REJECTED


def _render_measure_tags(measure, user):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load sdgtags %}{% measure_sdg_tags measure %}").render(
        Context({"measure": measure, "request": request, "csrf_token": "t"})
    )


def test_the_measure_snippet_gives_editors_forms_and_readers_only_tags(measure, people, tagged):
    for_editor = _render_measure_tags(measure, people["alice"])
    for_reader = _render_measure_tags(measure, people["bob"])
    assert "Stoppe klimaendringene" in for_editor and "Foreslått" in for_editor
    assert "Stoppe klimaendringene" not in for_reader  # a proposal nobody has looked at: editors only
    assert 'value="accept-13"' in for_editor and 'name="what"' in for_editor
    assert "<form" not in for_reader
    services.accept_tag(tagged, people["alice"], None, 13, measure_id=measure.pk)
    accepted = _render_measure_tags(measure, people["bob"])
    assert "Stoppe klimaendringene" in accepted and "Godtatt" in accepted and "<form" not in accepted
