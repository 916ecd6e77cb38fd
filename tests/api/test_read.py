"""Reading without a token: the schema, the docs page, lists with paging and filters, and never a draft."""

from __future__ import annotations

import copy
import re

import pytest
from openapi_spec_validator import validate

from tests.planning.conftest import OnSharedPlanning
from tests.web.conftest import STRATEGY_JSON, ks_and_alice
from veikart.web.planning import services as planning
from veikart.web.sdgtags.models import ItemTag, TagStatus
from veikart.web.strategies import services
from veikart.web.strategies.models import Item, Strategy


def make_other_draft(ks, alice) -> Strategy:
    """Another strategy of KS, a draft: the public API must never show it."""
    data = dict(copy.deepcopy(STRATEGY_JSON), title="Hemmelig utkast 2030")
    data["source"] = {"filename": "utkast.pdf", "sha256": "ef" * 32, "pages": 1, "format": "pdf"}
    return services.import_strategy(ks, services.parse_strategy_json(data), alice)


def test_the_openapi_description_is_valid_openapi_3(api, db):
    response = api.get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)  # raises on an invalid OpenAPI document
    assert schema["openapi"].startswith("3.")
    for path in ("/api/strategies", "/api/items", "/api/measures/{measure_id}/status", "/api/indicators/{key}/values"):
        assert path in schema["paths"], path
    assert schema["paths"]["/api/measures/{measure_id}/status"]["post"]["security"] == [{"TokenAuth": []}]


def test_the_docs_page_loads_its_scripts_from_our_own_static_files(api, db):
    response = api.get("/api/docs")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    html = response.content.decode()
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert scripts and all(src.startswith("/static/ninja/") for src in scripts), scripts
    # No inline script that would run (the settings block is JSON data, which CSP does not execute).
    for attributes in re.findall(r"<script([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert "cdn" not in html.lower()
    for src in scripts + re.findall(r"<link[^>]*href=\"(/static/[^\"]+)\"", html):
        asset = api.get(src)
        assert asset.status_code == 200, src
        content = b"".join(asset.streaming_content) if asset.streaming else asset.content
        assert len(content) > 1000, src  # the real Swagger UI, not an empty file


def test_paging_errors_name_the_parameter(api, db):
    response = api.get("/api/strategies?limit=0")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "limit"
    response = api.get("/api/strategies?limit=5000")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "limit"
    response = api.get("/api/items?strategy=abc")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "strategy"


class TestOnThePublishedStrategy(OnSharedPlanning):
    """Tests on KS's published strategy, made once with the people for the class (importing and publishing it cost
    more than a test); each test's changes are rolled back after it."""
    def test_a_strategy_with_its_sections_in_reading_order(self, api, published):
        data = api.get(f"/api/strategies/{published.pk}").json()
        titles = [s["title"] for s in data["sections"]]
        assert titles == ["Satsingsområder", "Digitale kommuner", "Arbeidsgiver", "Vedlegg"]
        parents = {s["id"]: s["parent_id"] for s in data["sections"]}
        assert parents[data["sections"][1]["id"]] == data["sections"][0]["id"]
        assert (data["goals"], data["commitments"]) == (2, 3)

    def test_items_page_with_limit_and_offset_and_filter(self, api, published):
        everything = api.get(f"/api/items?strategy={published.pk}").json()
        assert everything["count"] == 5
        first = api.get(f"/api/items?strategy={published.pk}&limit=2").json()
        second = api.get(f"/api/items?strategy={published.pk}&limit=2&offset=2").json()
        assert first["count"] == second["count"] == 5
        assert [i["id"] for i in first["items"] + second["items"]] == [i["id"] for i in everything["items"][:4]]
        goals = api.get(f"/api/items?strategy={published.pk}&kind=goal").json()
        assert goals["count"] == 2 and {i["kind"] for i in goals["items"]} == {"goal"}
        assert all(i["strategy_id"] == published.pk for i in everything["items"])


class TestBesideAnotherDraft(OnSharedPlanning):
    """KS's published strategy and another strategy of KS still a draft, made once with the people for the
    class (each import costs more than a test); each test's changes are rolled back after it."""

    @classmethod
    def build(cls) -> dict[str, int]:
        keys = super().build()
        return {**keys, "other_draft": make_other_draft(*ks_and_alice(keys)).pk}

    @pytest.fixture
    def other_draft(self, db, shared):
        return Strategy.objects.get(pk=shared["other_draft"])

    def test_strategies_lists_the_published_and_never_a_draft(self, api, published, other_draft):
        response = api.get("/api/strategies")
        assert response.status_code == 200
        data = response.json()
        assert data["count"] == 1
        assert [s["id"] for s in data["items"]] == [published.pk]
        first = data["items"][0]
        assert first["organisation"] == "ks" and first["status"] == "published"
        assert first["url"] == published.get_absolute_url()
        assert api.get(f"/api/strategies/{other_draft.pk}").status_code == 404
        assert api.get(f"/api/items?strategy={other_draft.pk}").json() == {"items": [], "count": 0}
        draft_item = Item.objects.filter(section__strategy=other_draft).first()
        assert api.get(f"/api/items/{draft_item.pk}").status_code == 404

    def test_plans_measures_and_their_history(self, api, published, plan, late_measure, goal, alice, other_draft):
        hidden_plan = planning.create_plan(other_draft, 2022, alice, "Utkastets plan")
        hidden = planning.create_measure(hidden_plan, alice, title="Hemmelig tiltak")
        plans = api.get(f"/api/strategies/{published.pk}/plans").json()
        assert [(p["year"], p["measures"]) for p in plans] == [(2021, 1)]
        listed = api.get("/api/measures").json()
        assert [m["id"] for m in listed["items"]] == [late_measure.pk]
        assert listed["items"][0]["item_ids"] == [goal.pk]
        assert api.get(f"/api/measures?status=in_progress&year=2021&strategy={published.pk}").json()["count"] == 1
        assert api.get("/api/measures?status=done").json()["count"] == 0
        detail = api.get(f"/api/measures/{late_measure.pk}").json()
        assert detail["status"] == "in_progress" and detail["progress"] == 40
        assert [(u["status"], u["assessment"]) for u in detail["updates"]] == [("in_progress", "I gang")]
        assert api.get(f"/api/measures/{hidden.pk}").status_code == 404
        assert api.get(f"/api/strategies/{other_draft.pk}/plans").status_code == 404

    def test_indicators_targets_goals_and_values(self, api, apprentice_values, goal, published, other_draft):
        from datetime import date

        from veikart.web.planning.models import Target

        draft_goal = Item.objects.filter(section__strategy=other_draft, kind="goal").first()
        apprentice_values.goals.add(draft_goal)
        Target.objects.create(indicator=apprentice_values, strategy=other_draft, value=9.0, comparison=">=",
                              deadline=date(2030, 12, 31), goal_text="Hemmelig mål")
        listed = api.get("/api/indicators").json()
        assert [i["key"] for i in listed["items"]] == ["apprentices_per_1000"]
        detail = api.get("/api/indicators/apprentices_per_1000").json()
        assert detail["goal_ids"] == [goal.pk]
        assert [t["strategy_id"] for t in detail["targets"]] == [published.pk]
        values = api.get("/api/indicators/apprentices_per_1000/values?member=4601").json()
        assert [(v["period"], v["value"]) for v in values["items"]] == [("2020", 1.6), ("2021", 2.2)]
        recent = api.get("/api/indicators/apprentices_per_1000/values?from=2021-01-01").json()
        assert recent["count"] == 2 and {v["period"] for v in recent["items"]} == {"2021"}
        assert api.get("/api/indicators/nope/values").status_code == 404

    def test_sdg_tags_only_confirmed_and_only_public(self, api, published, other_draft, goal):
        from veikart.web.sdgtags.catalogue import ensure_sdg_catalogue

        ensure_sdg_catalogue()
        draft_goal = Item.objects.filter(section__strategy=other_draft, kind="goal").first()
        ItemTag.objects.all().delete()  # the importer's own proposals: this test sets its own tags
        accepted = ItemTag.objects.create(strategy=published, item=goal, goal_id=8, status=TagStatus.ACCEPTED)
        accepted.targets.add("8.5")
        ItemTag.objects.create(strategy=published, item=goal, goal_id=4, status=TagStatus.PROPOSED)
        ItemTag.objects.create(strategy=other_draft, item=draft_goal, goal_id=8, status=TagStatus.ACCEPTED)
        data = api.get("/api/sdg/tags").json()
        assert [(t["goal"], t["item_id"], t["targets"]) for t in data["items"]] == [(8, goal.pk, ["8.5"])]
        assert api.get("/api/sdg/tags?goal=4").json()["count"] == 0
        assert len(api.get("/api/sdg/goals").json()) == 17
        assert Strategy.objects.count() == 2
