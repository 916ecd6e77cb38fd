"""Measures and indicators of the planning app are indexed with their strategy (registration hook)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.search.conftest import make_strategy
from veikart.web.search.collect import collectors, planning_entries
from veikart.web.search.facade import Filters, reindex, search

planning_services = pytest.importorskip("veikart.web.planning.services")


def test_the_planning_collector_is_registered():
    assert planning_entries in collectors()


def test_a_measure_is_found_after_reindex(ks, alice):
    strategy = make_strategy(ks, alice, "KS strategi", {"Oppvekst": ["Flere barnehager."]})
    plan = planning_services.create_plan(strategy, 2021, alice)
    measure = planning_services.create_measure(plan, alice, title="Veileder for barnehageeiere",
                                               description="Digital veileder om kvalitet i barnehagen.")
    reindex(measure)
    page = search("veileder barnehage", AnonymousUser(), Filters(kind="measure"))
    assert [r.title for r in page.results] == ["Veileder for barnehageeiere"]
    assert page.results[0].object == measure


def test_a_draft_strategys_measures_are_hidden_like_the_strategy(ks, alice):
    strategy = make_strategy(ks, alice, "KS utkast", {"Oppvekst": ["Flere barnehager."]}, publish=False)
    plan = planning_services.create_plan(strategy, 2021, alice)
    planning_services.create_measure(plan, alice, title="Hemmelig tiltak")
    reindex(strategy)
    assert search("hemmelig", AnonymousUser()).results == []
    assert [r.kind for r in search("hemmelig", alice).results] == ["measure"]
