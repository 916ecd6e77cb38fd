"""Strategy JSON export and import round-trip a whole strategy without loss."""

from __future__ import annotations

import json
from pathlib import Path

from django.urls import reverse

from tests.web.conftest import OnSharedPublishedStrategy
from veikart.ingest import Strategy as IngestStrategy
from veikart.ingest import extract_bytes_with_pages
from veikart.web.strategies import services

SAMPLES = Path(__file__).resolve().parents[2] / "veikart" / "web" / "demo" / "samples"


def _normal(data):
    """Strategy JSON as the importer's own model writes it (fills optional keys)."""
    return IngestStrategy.from_dict(data).to_dict()


def test_import_then_export_gives_back_the_input(ks, alice, strategy_json):
    strategy = services.import_strategy_json(ks, strategy_json, alice)
    assert services.export_strategy_json(strategy) == strategy_json


def test_both_ks_documents_round_trip_through_the_database(ks, alice):
    for path in sorted(SAMPLES.glob("ks-*")):
        extracted, _pages = extract_bytes_with_pages(path.read_bytes(), filename=path.name)
        data = extracted.to_dict()
        strategy = services.import_strategy_json(ks, data, alice)
        assert services.export_strategy_json(strategy) == _normal(data), path.name


def _without_ids(data):
    if isinstance(data, dict):
        return {k: _without_ids(v) for k, v in data.items() if k != "id"}
    return [_without_ids(v) for v in data] if isinstance(data, list) else data


def test_edits_show_in_the_export(client, draft, alice):
    from veikart.web.strategies.models import Item

    client.force_login(alice)
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    data = {"action": "change_kind", "item": item.pk, "version": 1, "kind": "goal"}
    client.post(reverse("edit", args=[draft.pk]), data)
    section = services.export_strategy_json(draft)["sections"][0]["sections"][1]
    assert [g["text"] for g in section["goals"]] == ["KS skal bidra til gode arbeidsgivere.", "Tilby rådgivning."]
    assert [c["text"] for c in section["commitments"]] == ["Tilby kurs i ledelse."]


class TestOnAPublishedStrategy(OnSharedPublishedStrategy):
    """KS's published strategy and the people are made once for the class; each test's changes are rolled back
    after it."""

    def test_exported_json_imports_again_into_an_equal_strategy(self, client, published, alice, ks):
        client.force_login(alice)
        exported = json.loads(client.get(reverse("strategy_json", args=[published.pk])).content)
        again = services.import_strategy_json(ks, exported, alice)
        assert services.export_strategy_json(again) == _without_ids(exported)  # the new rows have their own ids

    def test_the_download_names_each_section_and_item_by_its_stable_id(self, client, published, alice):
        from veikart.web.strategies.models import Item, Section

        url = reverse("strategy_json", args=[published.pk])
        exported = json.loads(client.get(url).content)
        top = exported["sections"][0]
        child = top["sections"][1]
        assert top["id"] == Section.objects.get(strategy=published, number="2").pk
        assert child["id"] == Section.objects.get(strategy=published, number="2.2").pk
        assert [g["id"] for g in child["goals"]] == [
            Item.objects.get(section__strategy=published, text="KS skal bidra til gode arbeidsgivere.").pk]
        # The same ids as the API's, and unchanged by an edit elsewhere in the strategy.
        api_items = client.get(f"/api/items?section={child['id']}").json()["items"]
        assert {i["id"] for i in api_items} == {i["id"] for i in child["goals"] + child["commitments"]}
        client.force_login(alice)
        other = Item.objects.get(section__strategy=published, text="Tilby rådgivning.")
        client.post(reverse("edit", args=[published.pk]), {"action": "change_kind", "item": other.pk, "version": 1,
                                                           "kind": "goal"})
        assert json.loads(client.get(url).content)["sections"][0]["id"] == top["id"]

    def test_export_query_count_does_not_depend_on_size(self, published, django_assert_num_queries):
        fresh = published.__class__.objects.get(pk=published.pk)
        with django_assert_num_queries(3):  # sections, items, organisation
            services.export_strategy_json(fresh)
