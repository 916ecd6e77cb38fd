"""Strategy JSON export and import round-trip a whole strategy without loss."""

from __future__ import annotations

import json
from pathlib import Path

from django.urls import reverse

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


def test_exported_json_imports_again_into_an_equal_strategy(client, published, alice, ks):
    client.force_login(alice)
    exported = json.loads(client.get(reverse("strategy_json", args=[published.pk])).content)
    again = services.import_strategy_json(ks, exported, alice)
    assert services.export_strategy_json(again) == exported


def test_edits_show_in_the_export(client, draft, alice):
    from veikart.web.strategies.models import Item

    client.force_login(alice)
    item = Item.objects.get(section__strategy=draft, text="Tilby rådgivning.")
    data = {"action": "change_kind", "item": item.pk, "version": 1, "kind": "goal"}
    client.post(reverse("edit", args=[draft.pk]), data)
    section = services.export_strategy_json(draft)["sections"][0]["sections"][1]
    assert [g["text"] for g in section["goals"]] == ["KS skal bidra til gode arbeidsgivere.", "Tilby rådgivning."]
    assert [c["text"] for c in section["commitments"]] == ["Tilby kurs i ledelse."]


def test_export_query_count_does_not_depend_on_size(published, django_assert_num_queries):
    fresh = published.__class__.objects.get(pk=published.pk)
    with django_assert_num_queries(3):  # sections, items, organisation
        services.export_strategy_json(fresh)
