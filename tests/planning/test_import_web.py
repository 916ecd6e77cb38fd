"""Indicator values through the upload page: check first, write on confirmation, all or nothing, idempotent."""

from __future__ import annotations

import importlib
import json
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tests.planning.conftest import OnSharedPlanning
from veikart.web.planning.models import Indicator, Value, ValueImport

SSB_FILE = Path("/work/shared/data/ssb/07459-population-by-municipality-2022.json")
GOOD = "kommunenummer;år;verdi\n0301;2020;1,2\n0301;2021;1,5\n4601;2021;2,2\n".encode()


def _upload(client, ks, indicator, content: bytes, name="verdier.csv"):
    data = {"organisation": ks.pk, "file": SimpleUploadedFile(name, content)}
    if indicator is not None:
        data["indicator"] = indicator.pk
    response = client.post(reverse("planning:value_upload"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ValueImport.objects.latest("pk")
    return job, client.get(response["Location"]).content.decode()


def _report_stored_as_before(editor, ks, apprentices, field: str, text: str) -> str:
    """The report page of a checked upload whose rejected rows keep ``field`` as plain ``text``, as imports
    checked before message ids kept it."""
    job, _ = _upload(editor, ks, apprentices, BROKEN)
    job.refresh_from_db()
    for row in job.report["rejected_rows"]:
        row[field] = text
    job.save(update_fields=["report"])
    return editor.get(reverse("planning:value_import", args=[job.pk])).content.decode()


def _apply(client, job, **data):
    response = client.post(reverse("planning:value_import", args=[job.pk]), data)
    assert response.status_code == 302
    job.refresh_from_db()
    return client.get(response["Location"]).content.decode()


@pytest.fixture
def editor(client, alice):
    client.force_login(alice)
    return client


BROKEN = (
    "kommunenummer;år;verdi\n"
    "0301;2021;1,5\n"
    "0301;2020;mange\n"  # not a number
    "9999;2021;1,0\n"  # no such municipality
    "4601;2021;2,2\n"
    "4601;2021;2,9\n"  # same member and year, another value
    "1103;20x1;1,0\n"  # not a period
).encode()


@pytest.mark.skipif(not SSB_FILE.is_file(), reason="the shared SSB file is not on this machine")
def test_the_real_ssb_population_file_lands_on_todays_municipalities(editor, ks):
    population = Indicator.objects.create(
        organisation=ks, key="population", name="Folkemengde 1. januar", unit="personer", level="member"
    )
    job, page = _upload(editor, ks, population, SSB_FILE.read_bytes(), SSB_FILE.name)
    # K-1507 Ålesund was split in 2024; K-21-22, K-23 and K-Rest are no municipalities.
    assert '<strong id="accepted">355</strong>' in page and '<strong id="rejected">4</strong>' in page
    page = _apply(editor, job, skip_rejected="1")
    assert "Skrevet: 355 nye" in page
    oslo = Value.objects.get(organisation__number="0301", organisation__kind="kommune")
    raw = json.loads(SSB_FILE.read_text(encoding="utf-8"))
    assert oslo.value == raw["value"][raw["dimension"]["Region"]["category"]["index"]["K-0301"]]
    assert "Statistisk sentralbyrå" in oslo.source


class TestUploadsIntoKsIndicator(OnSharedPlanning):
    """KS's indicator on its published strategy, and the people, made once for the class (the import and
    publishing cost more than a test's upload); each test's uploads and values are rolled back after it."""

    SHARED = ("apprentices",)

    def test_a_good_file_is_checked_without_writing_then_written_on_confirmation(self, editor, ks, apprentices):
        job, page = _upload(editor, ks, apprentices, GOOD)
        assert '<strong id="accepted">3</strong>' in page and '<strong id="rejected">0</strong>' in page
        assert Value.objects.count() == 0
        page = _apply(editor, job)
        assert "Skrevet: 3 nye, 0 endret, 0 uendret." in page
        assert sorted(Value.objects.values_list("organisation__number", "period", "value")) == [
            ("0301", "2020", 1.2),
            ("0301", "2021", 1.5),
            ("4601", "2021", 2.2),
        ]

    def test_the_same_file_twice_changes_nothing(self, editor, ks, apprentices):
        _apply(editor, _upload(editor, ks, apprentices, GOOD)[0])
        before = list(Value.objects.order_by("pk").values_list("pk", "value", "imported_at"))
        page = _apply(editor, _upload(editor, ks, apprentices, GOOD)[0])
        assert "Skrevet: 0 nye, 0 endret, 3 uendret." in page
        assert list(Value.objects.order_by("pk").values_list("pk", "value", "imported_at")) == before

    def test_a_corrected_value_is_updated_in_place(self, editor, ks, apprentices):
        _apply(editor, _upload(editor, ks, apprentices, GOOD)[0])
        fixed = GOOD.replace(b"4601;2021;2,2", b"4601;2021;2,4")
        page = _apply(editor, _upload(editor, ks, apprentices, fixed)[0])
        assert "Skrevet: 0 nye, 1 endret, 2 uendret." in page
        assert Value.objects.get(organisation__number="4601").value == 2.4

    def test_a_broken_file_shows_every_rejected_row_with_its_reason(self, editor, ks, apprentices):
        _, page = _upload(editor, ks, apprentices, BROKEN)
        assert '<strong id="accepted">1</strong>' in page and '<strong id="rejected">5</strong>' in page
        for reason in (
            "ikke et tall: 1", "ukjent kommune- eller fylkesnummer", "motstridende duplikat", "ugyldig periode"
        ):
            assert reason in page
        assert "<td>ikke et tall</td>" in page  # the reason in the page's language only
        assert "«mange» er ikke et tall" in page and "linje 3" in page

    def test_a_file_with_rejected_rows_writes_nothing(self, editor, ks, apprentices):
        job, _ = _upload(editor, ks, apprentices, BROKEN)
        page = _apply(editor, job)
        assert "5 avviste rader; ingenting er skrevet" in page
        assert Value.objects.count() == 0 and job.status == ValueImport.Status.CHECKED

    def test_skipping_rejected_rows_writes_only_the_accepted_ones(self, editor, ks, apprentices):
        job, _ = _upload(editor, ks, apprentices, BROKEN)
        page = _apply(editor, job, skip_rejected="1")
        assert "Skrevet: 1 nye, 0 endret, 0 uendret." in page
        assert list(Value.objects.values_list("organisation__number", "value")) == [("0301", 1.5)]

    def test_a_failure_halfway_leaves_the_database_as_it_was(self, editor, ks, apprentices, monkeypatch):
        _apply(editor, _upload(editor, ks, apprentices, GOOD)[0])
        before = sorted(Value.objects.values_list("organisation__number", "period", "value"))
        # One new row and one changed row: the new ones are inserted before the update fails.
        job, _ = _upload(editor, ks, apprentices, GOOD.replace(b"1,5", b"1,7") + b"1103;2021;3,0\n")

        def broken_update(*args, **kwargs):
            raise RuntimeError("disk full")

        monkeypatch.setattr(Value.objects, "bulk_update", broken_update)
        page = _apply(editor, job)  # the task worker (here: at once) writes, fails, and keeps the job's reason
        assert sorted(Value.objects.values_list("organisation__number", "period", "value")) == before
        assert job.status == ValueImport.Status.FAILED and "Uventet feil" in page and "Prøv igjen" in page

    def test_a_file_with_wrong_columns_is_refused_in_one_line(self, editor, ks, apprentices):
        job, page = _upload(editor, ks, apprentices, b"navn;innbyggere\nOslo;700000\n")
        assert job.status == ValueImport.Status.REFUSED
        assert "Filen er avvist:" in page and "mangler kolonne for kommunenummer, år, verdi" in page
        assert "Traceback" not in page and "Skriv verdiene" not in page
        job.refresh_from_db()
        assert job.report["error"]["msgid"].startswith("mangler kolonne for")  # kept untranslated, shown in the page's
        editor.post(reverse("set_language"), {"language": "nn", "next": "/"})
        page = editor.get(reverse("planning:value_import", args=[job.pk])).content.decode()
        assert "manglar kolonne for kommunenummer, år, verdi" in page

    def test_a_row_naming_an_indicator_that_is_not_ours_is_rejected(self, editor, ks, apprentices, other_indicator):
        content = b"knr;aar;indikator;verdi\n0301;2021;apprentices_per_1000;1,5\n0301;2021;oslo-only;7\n"
        _, page = _upload(editor, ks, None, content)
        assert '<strong id="accepted">1</strong>' in page and "ukjent indikator" in page

    def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(self, editor, ks, apprentices, settings):
        settings.VEIKART_MAX_UPLOAD_BYTES = 1000
        response = editor.post(
            reverse("planning:value_upload"),
            {"organisation": ks.pk, "indicator": apprentices.pk, "file": SimpleUploadedFile("stor.csv", GOOD * 40)},
        )
        assert response.status_code == 200 and "Filen er for stor." in response.content.decode()
        assert not ValueImport.objects.exists()

    def test_the_values_source_names_the_files_publisher_table_name_and_date_in_no_language_of_ours(
        self, editor, ks, apprentices
    ):
        doc = {
            "class": "dataset", "label": "Lærlinger", "source": "Statistisk sentralbyrå", "updated": "2024-02-21",
            "id": ["Region", "Tid"],
            "size": [2, 1],
            "value": [1.0, 2.0],
            "dimension": {
                "Region": {"category": {"index": {"K-0301": 0, "K-4601": 1}}},
                "Tid": {"category": {"index": {"2021": 0}}},
            },
        }
        job, _page = _upload(editor, ks, apprentices, json.dumps(doc).encode(), "laerlinger.json")
        _apply(editor, job)
        sources = set(Value.objects.values_list("source", flat=True))
        assert sources == {"Statistisk sentralbyrå; Lærlinger; laerlinger.json; 2024-02-21"}

    def test_sources_written_before_lose_their_two_language_words(self, ks, apprentices):
        from django.apps import apps

        migration = importlib.import_module("veikart.web.planning.migrations.0008_value_sources_without_words")
        old = "Statistisk sentralbyrå; Lærlinger; fil / file laerlinger.json; oppdatert / updated 2024-02-21"
        typed = "SSB tabell 12345"
        for year, source in ((2021, old), (2022, typed)):
            Value.objects.create(indicator=apprentices, organisation=ks, period=str(year),
                                 period_end=date(year, 12, 31), value=1.0, source=source, imported_at=timezone.now())
        migration.drop_markers(apps, None)
        assert sorted(Value.objects.values_list("source", flat=True)) == [
            "SSB tabell 12345", "Statistisk sentralbyrå; Lærlinger; laerlinger.json; 2024-02-21"]

    def test_a_json_stat_file_whose_dimensions_do_not_match_its_values_is_refused(self, editor, ks, apprentices):
        doc = {
            "class": "dataset",
            "id": ["Region", "Tid"],
            "size": [2, 1],
            "value": [1.0],
            "dimension": {
                "Region": {"category": {"index": {"K-0301": 0, "K-4601": 1}}},
                "Tid": {"category": {"index": {"2021": 0}}},
            },
        }
        job, page = _upload(editor, ks, apprentices, json.dumps(doc).encode(), "feil.json")
        assert job.status == ValueImport.Status.REFUSED and "Filen er avvist:" in page

    def test_a_file_over_50_mb_is_refused_with_one_line_and_nothing_is_kept(self, editor, ks, apprentices, settings):
        assert settings.VEIKART_MAX_UPLOAD_BYTES == 50 * 1024 * 1024
        big = GOOD + b"0301;2019;1,0\n" * (50 * 1024 * 1024 // 14 + 1)
        response = editor.post(
            reverse("planning:value_upload"),
            {"organisation": ks.pk, "indicator": apprentices.pk, "file": SimpleUploadedFile("stor.csv", big)},
        )
        assert response.status_code == 200 and "Filen er for stor." in response.content.decode()
        assert not ValueImport.objects.exists() and not Value.objects.exists()

    def test_the_reasons_for_rejected_rows_are_in_the_page_language_only(self, editor, ks, apprentices):
        job, _ = _upload(editor, ks, apprentices, BROKEN)
        editor.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = editor.get(reverse("planning:value_import", args=[job.pk])).content.decode()
        assert "not a number: 1" in page and "conflicting duplicate" in page and "invalid period" in page
        assert "<td>not a number</td>" in page
        assert "<td>ikke et tall" not in page and "ugyldig periode</" not in page and "ikke et tall:" not in page

    def test_rejection_details_are_stored_as_messages_and_shown_in_the_page_language(self, editor, ks, apprentices):
        job, _ = _upload(editor, ks, apprentices, BROKEN)
        job.refresh_from_db()
        stored = {row["detail"]["msgid"] for row in job.report["rejected_rows"]}
        assert "«%(text)s» er ikke et tall" in stored  # the message id and its parameters, translated when shown
        editor.post(reverse("set_language"), {"language": "nn", "next": "/"})
        page = editor.get(reverse("planning:value_import", args=[job.pk])).content.decode()
        assert "«mange» er ikkje eit tal" in page and "«20x1» er ikkje ein periode" in page
        editor.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = editor.get(reverse("planning:value_import", args=[job.pk])).content.decode()
        assert "«mange» is not a number" in page and "er ikke et tall" not in page

    def test_a_report_stored_with_plain_text_details_still_shows_them(self, editor, ks, apprentices):
        page = _report_stored_as_before(editor, ks, apprentices, "detail", "«mange» er ikke et tall / not a number")
        assert "«mange» er ikke et tall / not a number" in page

    def test_rejected_rows_locations_are_stored_as_messages_and_shown_in_the_page_language(
        self, editor, ks, apprentices
    ):
        job, _ = _upload(editor, ks, apprentices, BROKEN)
        job.refresh_from_db()
        stored = [row["location"] for row in job.report["rejected_rows"]]
        assert {"msgid": "linje %(n)s", "params": {"n": 3}} in stored  # "linje 3", translated when shown
        editor.post(reverse("set_language"), {"language": "en", "next": "/"})
        page = editor.get(reverse("planning:value_import", args=[job.pk])).content.decode()
        assert "<td>line 3</td>" in page and "<td>linje" not in page
        editor.post(reverse("set_language"), {"language": "nn", "next": "/"})
        page = editor.get(reverse("planning:value_import", args=[job.pk])).content.decode()
        assert "<td>linje 3</td>" in page

    def test_a_report_stored_with_plain_text_locations_still_shows_them(self, editor, ks, apprentices):
        page = _report_stored_as_before(editor, ks, apprentices, "location", "linje 3")
        assert "<td>linje 3</td>" in page
