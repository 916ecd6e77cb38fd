"""Uploading documents: the background job, its page, and refused files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.web.conftest import OnSharedRows, ks_and_alice, make_people
from veikart.web.strategies.models import ImportJob, Item, Section, SourcePage, Strategy

SAMPLES = Path(__file__).resolve().parents[2] / "veikart" / "web" / "demo" / "samples"
MARKDOWN = SAMPLES / "ks-langtidsstrategi-2020-2023.md"


def _upload(client, org, name, data):
    return client.post(reverse("upload"), {"organisation": org.pk, "document": SimpleUploadedFile(name, data)})


def test_upload_page_offers_the_editors_organisations_and_accepted_types(editor, ks):
    body = editor.get(reverse("upload")).content.decode()
    assert f'<option value="{ks.pk}">KS</option>' in body
    assert 'accept=".pdf,.docx,.html,.htm,.md,.markdown,.txt,.json"' in body
    assert '<label for="document">' in body


def _upload_as_alice() -> dict:
    """The people and alice's upload of KS's strategy, as the tests below check it; its response and media folder."""
    keys = make_people()
    ks, alice = ks_and_alice(keys)
    client = Client()
    client.force_login(alice)
    response = _upload(client, ks, MARKDOWN.name, MARKDOWN.read_bytes())
    return {**keys, "status": response.status_code, "location": response["Location"],
            "media": django_settings.MEDIA_ROOT}


class TestAfterOneUpload(OnSharedRows):
    """alice's upload of KS's strategy is made once for the class (reading and storing it costs more than a test);
    each test's changes are rolled back after it."""

    build = staticmethod(_upload_as_alice)

    @pytest.fixture(autouse=True)
    def _shared_media(self, _web_settings, settings, shared):
        settings.MEDIA_ROOT = shared["media"]  # where the upload stored the document

    def test_uploaded_document_becomes_a_draft_through_the_background_job(self, shared, alice):
        job = ImportJob.objects.get()
        assert shared["status"] == 302 and shared["location"] == job.get_absolute_url()
        assert (job.status, job.progress, job.error) == (ImportJob.Status.DONE, 100, "")
        strategy = job.strategy
        assert strategy.status == Strategy.Status.DRAFT
        assert strategy.title == "Langtidsstrategi for KS 2020–2023"
        assert (strategy.period_start, strategy.period_end) == (2020, 2023)
        assert strategy.created_by == alice and strategy.source_format == "markdown"
        assert Section.objects.filter(strategy=strategy).count() > 5
        assert Item.objects.filter(section__strategy=strategy, kind="goal").exists()
        assert SourcePage.objects.filter(strategy=strategy).count() == 1
        assert strategy.source_file.read() == MARKDOWN.read_bytes()

    def test_job_page_links_to_the_new_draft(self, editor):
        job = ImportJob.objects.get()
        body = editor.get(job.get_absolute_url()).content.decode()
        assert "Ferdig" in body and reverse("review", args=[job.strategy.pk]) in body
        assert '<progress id="job-progress" max="100" value="100">' in body

    def test_job_status_json_reports_progress_for_the_polling_script(self, editor):
        job = ImportJob.objects.get()
        data = editor.get(reverse("import_job_status", args=[job.pk])).json()
        assert data["status"] == "done" and data["finished"] and data["progress"] == 100
        assert data["strategy"] == job.strategy.get_absolute_url()

    def test_review_highlights_an_uploaded_item_in_the_source_text(self, editor):
        strategy = ImportJob.objects.get().strategy
        item = Item.objects.filter(section__strategy=strategy, has_source=True).first()
        body = editor.get(reverse("review", args=[strategy.pk]), {"valgt": f"i{item.pk}"}).content.decode()
        marked = body.split('<mark id="kilde-markering">')[1].split("</mark>")[0]
        assert marked.split()[:2] == item.text.split()[:2]


def test_a_running_job_page_works_without_javascript(editor, ks, alice):
    job = ImportJob.objects.create(organisation=ks, uploaded_by=alice, filename="plan.pdf", file="uploads/x.pdf")
    body = editor.get(job.get_absolute_url()).content.decode()
    assert "I kø" in body
    assert f'href="{job.get_absolute_url()}"' in body  # "update now" link
    assert "job.js" in body and "http-equiv" not in body  # no meta refresh (WCAG 2.2.1)


def test_wrong_file_type_is_refused_with_the_importers_message_and_nothing_created(editor, ks):
    response = _upload(editor, ks, "bilde.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert response.status_code == 400
    assert "filtypen støttes ikke: filen er verken PDF, DOCX, HTML, Markdown eller et tekstdokument" in (
        response.content.decode()
    )
    assert not ImportJob.objects.exists() and not Strategy.objects.exists()


def test_too_large_file_is_refused_with_the_importers_message(editor, ks, settings):
    settings.VEIKART_MAX_UPLOAD_BYTES = 1000
    response = _upload(editor, ks, "stor.txt", b"KS skal bidra. " * 200)
    assert response.status_code == 400
    assert "filen er for stor: 3000 byte, grensen er 1000 byte" in response.content.decode()
    assert not ImportJob.objects.exists() and not Strategy.objects.exists()


def test_empty_file_is_refused(editor, ks):
    response = _upload(editor, ks, "tom.txt", b"")
    assert response.status_code == 400
    assert "filen er tom" in response.content.decode()


def test_corrupt_pdf_fails_the_job_with_the_importers_message_and_creates_no_strategy(editor, ks):
    response = _upload(editor, ks, "skadet.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100)
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == ImportJob.Status.FAILED
    assert job.error == "PDF-en er avkortet (slutten mangler): last opp hele filen"
    with translation.override("en"):
        assert job.error_text.startswith("the PDF is truncated")
    assert not Strategy.objects.exists() and not Section.objects.exists()
    body = editor.get(job.get_absolute_url()).content.decode()
    assert "Dokumentet kunne ikke importeres:" in body and "PDF-en er avkortet" in body
    assert "Ingen strategi ble opprettet." in body


def test_a_failure_while_saving_leaves_no_half_created_strategy(editor, ks, monkeypatch):
    from veikart.web.strategies import services

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_create_sections", explode)
    _upload(editor, ks, MARKDOWN.name, MARKDOWN.read_bytes())
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "Uventet feil" in job.error
    assert not Strategy.objects.exists() and not Section.objects.exists()


def test_missing_file_gets_a_message(editor, ks):
    response = editor.post(reverse("upload"), {"organisation": ks.pk})
    assert response.status_code == 400
    assert "Velg en fil å laste opp." in response.content.decode()


def test_job_pages_are_for_editors_of_the_organisation(client, ks, alice, bob, charlie):
    job = ImportJob.objects.create(organisation=ks, uploaded_by=alice, filename="plan.pdf", file="uploads/x.pdf")
    assert client.get(job.get_absolute_url()).status_code == 302
    for person, status in ((bob, 404), (charlie, 404), (alice, 200)):
        client.force_login(person)
        assert client.get(job.get_absolute_url()).status_code == status
        assert client.get(reverse("import_job_status", args=[job.pk])).status_code == status


def test_strategy_json_upload_becomes_a_draft_through_the_background_job(editor, ks, strategy_json):
    data = json.dumps(strategy_json).encode()
    response = _upload(editor, ks, "strategi.json", data)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    strategy = Strategy.objects.get()
    assert (job.status, job.strategy) == (ImportJob.Status.DONE, strategy)
    assert strategy.status == Strategy.Status.DRAFT and strategy.title == strategy_json["title"]


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"{not json", "filen er ikke gyldig JSON"),
        (b'{"schema": "something/else"}', "ikke Strategy JSON: forventet"),
        (b'{"schema": "veikart.strategy/1", "period": {"start": "x"}}', "ugyldig Strategy JSON"),
        (b'{"schema": "veikart.strategy/1", "sections": [{"goals": [{}]}]}', "ugyldig Strategy JSON: mangler"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON-en er nestet for dypt: mer enn 64 nivåer"),
        (b'{"schema": "veikart.strategy/1", "sections": ' + b"[" * 500 + b"]" * 500 + b"}",
         "JSON-en er nestet for dypt"),
        (b'{"schema": "veikart.strategy/1", "sections": [' + b'{"sections": [' * 900 + b"]}" * 900 + b"]}",
         "JSON-en er nestet for dypt"),
    ],
)
def test_invalid_strategy_json_fails_its_job_with_one_clear_line(editor, ks, payload, message):
    _upload(editor, ks, "strategi.json", payload)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and "\n" not in job.error_text
    assert message in editor.get(job.get_absolute_url()).content.decode()
    assert not Strategy.objects.exists()


def test_invalid_strategy_json_is_refused_in_english_after_the_language_switch(editor, ks):
    editor.post(reverse("set_language"), {"language": "en", "next": "/"})
    _upload(editor, ks, "strategi.json", b'{"schema": "something/else"}')
    job = ImportJob.objects.get()
    body = editor.get(job.get_absolute_url()).content.decode()
    assert 'not Strategy JSON: expected &quot;schema&quot;: &quot;veikart.strategy/1&quot;' in body
    assert "ikke Strategy JSON" not in body


def test_strategy_json_over_the_size_limit_is_refused_by_the_job(editor, ks, settings):
    settings.VEIKART_MAX_STRATEGY_JSON_BYTES = 100
    _upload(editor, ks, "strategi.json", b'{"schema": "veikart.strategy/1", "title": "' + b"x" * 200 + b'"}')
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and job.error_text.startswith("en Strategy JSON-fil kan være høyst")


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        ("skadet.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100),
        ("dyp.json", b"[" * 100_000 + b"]" * 100_000),
    ],
)
def test_a_file_the_worker_refuses_is_deleted_and_its_job_keeps_the_reason(editor, ks, settings, name, payload):
    _upload(editor, ks, name, payload)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED and job.error and job.error_text
    assert job.file.name == "" and job.filename == name
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert not job.can_retry  # nothing left to try again
    response = editor.post(reverse("import_job_retry", args=[job.pk]), {"status": job.status})
    job.refresh_from_db()
    assert response.status_code in (302, 400) and job.status == ImportJob.Status.FAILED


def test_an_empty_strategy_json_file_is_refused_at_once(editor, ks):
    response = _upload(editor, ks, "strategi.json", b"  \n")
    assert response.status_code == 400 and "filen er tom" in response.content.decode()
    assert not ImportJob.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when the batch is done
def test_the_database_task_backend_queues_the_job_for_the_worker(editor, ks, settings):
    """Production path: the upload only queues; `manage.py db_worker` does the extraction."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = _upload(editor, ks, MARKDOWN.name, MARKDOWN.read_bytes())
    job = ImportJob.objects.get()
    assert response["Location"] == job.get_absolute_url()
    assert job.status == ImportJob.Status.QUEUED and not Strategy.objects.exists()
    assert "Importen kjører i bakgrunnen." in editor.get(job.get_absolute_url()).content.decode()

    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and job.strategy.title == "Langtidsstrategi for KS 2020–2023"


def test_refusals_are_in_english_after_the_language_switch(editor, ks):
    editor.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = _upload(editor, ks, "tom.txt", b"")
    assert "The document was refused: the file is empty" in response.content.decode()
    _upload(editor, ks, "skadet.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100)
    job = ImportJob.objects.get()
    assert "the PDF is truncated" in editor.get(job.get_absolute_url()).content.decode()
    assert editor.get(reverse("import_job_status", args=[job.pk])).json()["error"].startswith("the PDF is truncated")


def test_a_file_over_the_limit_is_refused_without_being_read(editor, ks, settings, monkeypatch):
    import io

    from django.core.files.uploadedfile import InMemoryUploadedFile, TemporaryUploadedFile

    settings.VEIKART_MAX_UPLOAD_BYTES = 1000
    document = io.BytesIO(b"%PDF-1.7\n" + b"x" * 5000)
    document.name = "stor.pdf"

    def refuse_read(self, *args):
        raise AssertionError("an oversized upload was read into memory")

    monkeypatch.setattr(TemporaryUploadedFile, "read", refuse_read, raising=False)
    monkeypatch.setattr(InMemoryUploadedFile, "read", refuse_read, raising=False)
    response = editor.post(reverse("upload"), {"organisation": ks.pk, "document": document})
    assert response.status_code == 400 and "filen er for stor" in response.content.decode()
    assert not ImportJob.objects.exists()


def _failed_job(ks, alice, error: str, params: dict | None = None) -> ImportJob:
    return ImportJob.objects.create(
        organisation=ks, uploaded_by=alice, filename="plan.pdf", file="uploads/x.pdf",
        status=ImportJob.Status.FAILED, error=error, error_params=params or {},
    )


DAMAGED = {
    "nb": "PDF-en er skadet: side 7 kan ikke leses",
    "nn": "PDF-en er skadd: side 7 kan ikkje lesast",
    "en": "the PDF is damaged: page 7 cannot be read",
}


def test_a_failed_background_job_speaks_the_language_of_the_page_not_of_the_upload(editor, ks, alice):
    job = _failed_job(ks, alice, "PDF-en er skadet: side %(page)s kan ikke leses", {"page": 7})
    status_url = reverse("import_job_status", args=[job.pk])
    for language in ("nb", "nn", "en"):
        editor.post(reverse("set_language"), {"language": language, "next": "/"})
        body = editor.get(job.get_absolute_url()).content.decode()
        assert DAMAGED[language] in body, language
        assert not [text for other, text in DAMAGED.items() if other != language and text in body], language
        assert editor.get(status_url).json()["error"] == DAMAGED[language]


def test_an_unexpected_failure_is_stored_in_both_languages(editor, ks, monkeypatch):
    from veikart.web.strategies import services

    monkeypatch.setattr(services, "_create_sections", lambda *a, **k: 1 / 0)
    _upload(editor, ks, MARKDOWN.name, MARKDOWN.read_bytes())
    job = ImportJob.objects.get()
    assert job.error.startswith("Uventet feil under importen.")
    with translation.override("en"):
        assert job.error_text.startswith("Unexpected error during the import.")


def test_a_job_stored_before_messages_shows_its_bokmal_text(ks, alice):
    job = _failed_job(ks, alice, "PDF-en er kryptert: lås den opp")
    with translation.override("en"):
        assert job.error_text == "PDF-en er kryptert: lås den opp"


def test_an_upload_reads_and_structures_the_document_once(editor, ks, monkeypatch):
    from veikart.ingest import readers, structure

    calls = {"read": 0, "structure": 0}
    read, build = readers.read, structure.build_strategy

    def counted_read(*args, **kwargs):
        calls["read"] += 1
        return read(*args, **kwargs)

    def counted_build(*args, **kwargs):
        calls["structure"] += 1
        return build(*args, **kwargs)

    monkeypatch.setattr(readers, "read", counted_read)
    monkeypatch.setattr(structure, "build_strategy", counted_build)
    _upload(editor, ks, MARKDOWN.name, MARKDOWN.read_bytes())
    assert ImportJob.objects.get().status == ImportJob.Status.DONE
    assert calls == {"read": 1, "structure": 1}
