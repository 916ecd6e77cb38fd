"""Two people edit the same measure or plan description at once: the second is told, nothing is lost (HTTP 409)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning import services
from veikart.web.planning.models import PlanChange
from veikart.web.strategies.edits import EditConflict


def _editor(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _loaded_version(client: Client, url: str) -> str:
    """The version the edit form was loaded with (its hidden field)."""
    page = client.get(url).content.decode()
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def _measure_form(measure, **changes) -> dict:
    data = {"title": measure.title, "description": measure.description, "responsible": measure.responsible,
            "role": measure.role, "start": measure.start or "", "due": measure.due or "",
            "items": [i.pk for i in measure.items.all()]}
    return {**data, **changes}


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""

    SHARED = ("plan",)

    def test_the_second_of_two_simultaneous_measure_edits_gets_409_and_overwrites_nothing(self, alice, dave, measure):
        url = reverse("planning:measure_edit", args=[measure.pk])
        first, second = _editor(alice), _editor(dave)
        v1, v2 = _loaded_version(first, url), _loaded_version(second, url)
        assert v1 == v2 == "1"

        done = first.post(url, _measure_form(measure, title="Lederkurs (Alice)", version=v1))
        assert done.status_code == 302
        refused = second.post(url, _measure_form(measure, title="Lederkurs (Dave)", description="Daves tekst",
                                                  version=v2))
        assert refused.status_code == 409
        page = refused.content.decode()
        assert "Noen andre endret dette tiltaket kl." in page and "endringen din er ikke lagret" in page
        assert "Slik er tiltaket nå" in page and "Lederkurs (Alice)" in page  # the other person's change, shown
        assert 'value="Lederkurs (Dave)"' in page and "Daves tekst" in page  # and Dave's own text kept in the form
        assert 'name="version" value="2"' in page  # saving again now overwrites knowingly
        measure.refresh_from_db()
        assert (measure.title, measure.version) == ("Lederkurs (Alice)", 2)
        assert PlanChange.objects.filter(action=PlanChange.Action.EDIT_MEASURE).count() == 1

        again = second.post(url, _measure_form(measure, title="Lederkurs (Dave)", version="2"))
        assert again.status_code == 302
        measure.refresh_from_db()
        assert (measure.title, measure.version) == ("Lederkurs (Dave)", 3)

    def test_the_second_of_two_simultaneous_plan_description_edits_gets_409(self, alice, dave, plan):
        url = reverse("planning:plan_edit", args=[plan.strategy_id, plan.year])
        first, second = _editor(alice), _editor(dave)
        v1, v2 = _loaded_version(first, url), _loaded_version(second, url)
        assert first.post(url, {"description": "Alices revisjon", "version": v1}).status_code == 302
        refused = second.post(url, {"description": "Daves revisjon", "version": v2})
        assert refused.status_code == 409
        page = refused.content.decode()
        assert "Noen andre endret handlingsplanen kl." in page
        assert "Slik er beskrivelsen nå" in page and "Alices revisjon" in page and "Daves revisjon" in page
        plan.refresh_from_db()
        assert (plan.description, plan.version) == ("Alices revisjon", 2)

    def test_an_edit_form_without_its_version_saves_nothing(self, alice, measure, plan):
        client = _editor(alice)
        url = reverse("planning:measure_edit", args=[measure.pk])
        assert client.post(url, _measure_form(measure, title="Uten versjon")).status_code == 200
        measure.refresh_from_db()
        assert measure.title != "Uten versjon"
        url = reverse("planning:plan_edit", args=[plan.strategy_id, plan.year])
        assert client.post(url, {"description": "Uten versjon"}).status_code == 200
        plan.refresh_from_db()
        assert plan.description != "Uten versjon"

    def test_a_status_update_does_not_make_a_description_edit_conflict(self, alice, measure):
        loaded = measure.version
        services.add_status_update(measure, alice, status="in_progress", progress=20)
        services.edit_measure(measure, alice, version=loaded, title="Ny tittel")
        measure.refresh_from_db()
        assert (measure.title, measure.version) == ("Ny tittel", loaded + 1)

    def test_the_services_refuse_a_stale_version_in_the_english_page_language_too(self, alice, measure, plan):
        from django.utils import translation

        stale = measure.version
        services.edit_measure(measure, alice, title="Først")
        with translation.override("en"), pytest.raises(EditConflict, match="Someone else changed this measure at"):
            services.edit_measure(measure, alice, version=stale, title="Sist")
        services.edit_plan(plan, alice, "Først")
        with pytest.raises(EditConflict):
            services.edit_plan(plan, alice, "Sist", version=1)
