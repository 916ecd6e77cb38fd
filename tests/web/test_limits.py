"""Unbounded work from small inputs: Strategy JSON over the limits is refused before writing; long pages are paged."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from veikart.ingest import ExtractError
from veikart.web.strategies import services
from veikart.web.strategies.models import ImportJob, Item, Strategy


def _goals(n: int) -> list[dict]:
    return [{"text": f"Mål {i}.", "source": None} for i in range(n)]


def _section(title: str, goals: int = 0, sections: list | None = None) -> dict:
    return {"number": None, "title": title, "intro": "", "goals": _goals(goals), "commitments": [],
            "sections": sections or [], "source": None}


def _upload(client, org, data: dict):
    body = json.dumps(data).encode()
    return client.post(reverse("upload"), {"organisation": org.pk, "document": SimpleUploadedFile("s.json", body)})


def test_a_strategy_with_too_many_items_is_refused_before_anything_is_written(client, alice, ks, strategy_json,
                                                                           settings):
    settings.VEIKART_MAX_ITEMS = 10
    strategy_json["sections"] = [_section("Mange mål", goals=11)]
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        _upload(client, ks, strategy_json)
    assert not any("INSERT INTO \"strategies_item\"" in q["sql"] for q in queries.captured_queries)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and not Strategy.objects.exists()
    assert job.error_text == "strategien har 11 mål og forpliktelser; høyst 10 er tillatt"
    with translation.override("en"):
        assert job.error_text == "the strategy has 11 goals and commitments; at most 10 are allowed"


def test_sections_nested_too_deeply_are_refused(ks, alice, strategy_json, settings):
    settings.VEIKART_MAX_SECTION_DEPTH = 3
    deep = _section("4", sections=[])
    strategy_json["sections"] = [_section("1", sections=[_section("2", sections=[_section("3", sections=[deep])])])]
    with pytest.raises(ExtractError) as refused:
        services.import_strategy_json(ks, strategy_json, alice)
    assert refused.value.message("nb") == "kapitlene er nestet for dypt: mer enn 3 nivåer"
    assert not Strategy.objects.exists()


def test_too_many_sections_are_refused(ks, alice, strategy_json, settings):
    settings.VEIKART_MAX_SECTIONS = 5
    strategy_json["sections"] = [_section(str(i)) for i in range(6)]
    with pytest.raises(ExtractError, match="the strategy has 6 sections; at most 5 are allowed"):
        services.import_strategy_json(ks, strategy_json, alice)


def test_a_strategy_json_file_over_its_size_limit_is_refused_unread(client, alice, ks, strategy_json, settings):
    settings.VEIKART_MAX_STRATEGY_JSON_BYTES = 1024 * 1024
    strategy_json["title"] = "x" * 1024 * 1024
    client.force_login(alice)
    _upload(client, ks, strategy_json)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and job.error_text == "en Strategy JSON-fil kan være høyst 1,0 MB"


def test_a_long_public_page_comes_in_pages_with_every_section_in_the_contents(client, ks, alice, strategy_json,
                                                                             settings):
    settings.VEIKART_STRATEGY_PAGE_ITEMS = 10
    strategy_json["sections"] = [_section(f"Kapittel {i}", goals=6) for i in range(5)]
    strategy = services.import_strategy_json(ks, strategy_json, alice)
    services.publish(strategy, alice)
    first = client.get(strategy.get_absolute_url()).content.decode()
    assert "Side 1 av 5" in first and first.count("<li>Mål ") == 6  # one section of six goals a page
    for i in range(5):
        assert f"Kapittel {i}" in first  # the contents list every section
    last = client.get(strategy.get_absolute_url() + "?side=5").content.decode()
    assert "Side 5 av 5" in last and '<strong aria-current="page">5</strong>' in last
    assert client.get(strategy.get_absolute_url() + "?side=x").status_code == 200
    assert Item.objects.filter(section__strategy=strategy).count() == 30
