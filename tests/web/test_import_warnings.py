"""The importer's warnings: stored with the strategy, kept through Strategy JSON, shown after an upload."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from veikart.web.strategies import edits, services
from veikart.web.strategies.models import ImportJob, Item, Section, Strategy

NO_GOALS = {
    "code": "no_goals",
    "nb": "Fant ingen mål i dokumentet: merk målene i kildeteksten.",
    "en": "No goals were found in the document: mark the goals in the source text.",
}
ODD = {"code": "odd_period", "nb": "Perioden er usikker.", "en": "The period is uncertain."}
# A plain text plan with headings and prose but no goal the importer can find.
PARKS = (
    "Eksempel kommune\nPlan for grønne parker 2024–2027\n\nInnledning\n"
    "Kommunen har mange parker. Denne planen beskriver arbeidet.\n\n"
    "Parkene våre\nDen eldste parken ble anlagt i 1910. Byparken har en dam og en scene.\n"
).encode()


@pytest.fixture
def warned(ks, alice, strategy_json):
    strategy_json["warnings"] = [ODD]
    return services.import_strategy_json(ks, strategy_json, alice)


def _review(client, strategy):
    return client.get(reverse("review", args=[strategy.pk])).content.decode()


def test_warnings_are_stored_with_the_imported_strategy(warned):
    assert Strategy.objects.get(pk=warned.pk).import_warnings == [ODD]


def test_warnings_survive_the_strategy_json_round_trip(warned, ks, alice):
    exported = services.export_strategy_json(warned)
    assert exported["warnings"] == [ODD]
    again = services.import_strategy_json(ks, json.loads(json.dumps(exported)), alice)
    assert services.export_strategy_json(again)["warnings"] == [ODD]


def test_the_strategy_json_download_carries_the_warnings(editor, warned):
    data = editor.get(reverse("strategy_json", args=[warned.pk])).json()
    assert data["warnings"] == [ODD]


def test_review_page_shows_the_warnings_in_bokmal_with_what_to_do(editor, warned):
    body = _review(editor, warned)
    assert 'role="status" aria-labelledby="import-notices-heading"' in body
    assert "Importen trenger en gjennomgang" in body
    assert "<strong>Perioden er usikker.</strong>" in body
    assert "Sammenlign strukturen med kildeteksten" in body


def test_review_page_shows_the_warnings_in_english_when_chosen(editor, warned):
    editor.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = _review(editor, warned)
    assert "The import needs a review" in body
    assert "<strong>The period is uncertain.</strong>" in body
    assert "Perioden er usikker." not in body
    assert "Compare the structure with the source text" in body


def test_no_goals_warning_says_how_to_mark_goals_until_there_is_one(editor, ks, alice, strategy_json):
    for section in strategy_json["sections"][0]["sections"]:
        section["goals"] = []
    strategy_json["warnings"] = [NO_GOALS]
    strategy = services.import_strategy_json(ks, strategy_json, alice)
    body = _review(editor, strategy)
    assert "Fant ingen mål i dokumentet" in body and "velg «Merk som mål»" in body

    section = Section.objects.get(strategy=strategy, number="2.2")
    edits.add_item(strategy, alice, section.pk, Item.Kind.GOAL, "KS skal være en god arbeidsgiver.")
    assert "Fant ingen mål i dokumentet" not in _review(editor, strategy)


def test_a_strategy_without_items_never_looks_finished_even_without_warnings(editor, ks, alice, strategy_json):
    for section in strategy_json["sections"][0]["sections"]:
        section["goals"], section["commitments"] = [], []
    strategy = services.import_strategy_json(ks, strategy_json, alice)
    body = _review(editor, strategy)
    assert "Importen trenger en gjennomgang" in body
    assert "Strategien har ingen mål eller forpliktelser." in body


def test_a_clean_import_shows_no_notice(editor, draft):
    assert "Importen trenger en gjennomgang" not in _review(editor, draft)


def test_uploading_a_document_without_goals_ends_in_a_notice_not_a_success(editor, ks):
    editor.post(reverse("upload"), {"organisation": ks.pk, "document": SimpleUploadedFile("parker.txt", PARKS)})
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.DONE
    assert "no_goals" in [w["code"] for w in job.strategy.import_warnings]
    body = editor.get(job.get_absolute_url()).content.decode()
    assert "Ferdig, men importen trenger en gjennomgang." in body
    assert "Fant ingen mål i dokumentet" in body
    assert "Ferdig. Strategien er lagret som utkast." not in body
    assert "Fant ingen mål i dokumentet" in _review(editor, job.strategy)


def test_uploading_strategy_json_with_warnings_says_it_needs_a_review(editor, ks, strategy_json):
    strategy_json["warnings"] = [ODD]
    data = json.dumps(strategy_json).encode()
    response = editor.post(
        reverse("upload"), {"organisation": ks.pk, "document": SimpleUploadedFile("s.json", data)}, follow=True
    )
    body = response.content.decode()
    assert "importen trenger en gjennomgang" in body
    assert "Strategien ble importert som utkast.</p>" not in body
