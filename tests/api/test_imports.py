"""Document import through the API: the upload page's checks and job, a token of the organisation, a URL to poll."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import bearer
from veikart.web.orgs.models import Membership
from veikart.web.strategies.models import ImportJob, Strategy

SAMPLES = Path(__file__).resolve().parents[2] / "veikart" / "web" / "demo" / "samples"
MARKDOWN = SAMPLES / "ks-langtidsstrategi-2020-2023.md"


def _upload(api, secret, name, data, **headers):
    return api.post("/api/imports", {"file": SimpleUploadedFile(name, data)}, **bearer(secret), **headers)


def test_an_editor_token_uploads_a_document_that_becomes_a_draft(api, alice, ks, token_for):
    secret = token_for(alice, ks)
    response = _upload(api, secret, MARKDOWN.name, MARKDOWN.read_bytes())
    assert response.status_code == 202, response.content
    job = response.json()
    stored = ImportJob.objects.get()
    assert job["id"] == stored.pk and job["url"] == f"/api/imports/{stored.pk}"
    assert job["page"] == stored.get_absolute_url() and job["filename"] == MARKDOWN.name
    polled = api.get(job["url"], **bearer(secret)).json()  # the immediate task backend has run it
    assert (polled["status"], polled["progress"], polled["error"]) == ("done", 100, "")
    draft = Strategy.objects.get(pk=polled["strategy_id"])
    assert draft.status == Strategy.Status.DRAFT and draft.organisation == ks and draft.created_by == alice
    assert draft.title == "Langtidsstrategi for KS 2020–2023"
    assert api.get(f"/api/strategies/{draft.pk}").status_code == 404  # a draft stays out of the public API


def test_the_upload_pages_refusals_name_the_file_field_and_create_nothing(api, alice, ks, token_for, settings):
    secret = token_for(alice, ks)
    response = _upload(api, secret, "bilde.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["form", "file"] and "filtypen støttes ikke" in error["msg"]
    settings.VEIKART_MAX_UPLOAD_BYTES = 1000
    response = _upload(api, secret, "stor.txt", b"KS skal bidra. " * 200)
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "filen er for stor: 3000 byte, grensen er 1000 byte"
    response = _upload(api, secret, "stor.txt", b"KS skal bidra. " * 200, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"][0]["msg"] == "the file is too large: 3000 bytes, the limit is 1000 bytes"
    response = api.post("/api/imports", {}, **bearer(secret))
    assert response.status_code == 422 and response.json()["detail"][0]["loc"][-1] == "file"
    assert not ImportJob.objects.exists() and not Strategy.objects.exists()


def test_only_an_editor_token_uploads_and_only_its_organisation_polls(api, alice, bob, charlie, ks, oslo,
                                                                      token_for):
    data = MARKDOWN.read_bytes()
    assert _upload(api, "vk_" + "x" * 43, MARKDOWN.name, data).status_code == 401
    assert _upload(api, token_for(bob, ks, Membership.Role.VIEWER), MARKDOWN.name, data).status_code == 403
    assert not ImportJob.objects.exists()
    job = _upload(api, token_for(alice, ks), MARKDOWN.name, data).json()
    assert api.get(job["url"], **bearer(token_for(charlie, oslo))).status_code == 403
    assert api.get(job["url"]).status_code == 401
    assert api.get(job["url"], **bearer(token_for(bob, ks, Membership.Role.VIEWER))).status_code == 200
    assert api.get("/api/imports/999999", **bearer(token_for(alice, ks))).status_code == 404


@pytest.mark.parametrize(("accept", "error"), [
    (None, "PDF-en er avkortet (slutten mangler): last opp hele filen"),
    ("nb-NO,nb;q=0.9", "PDF-en er avkortet (slutten mangler): last opp hele filen"),
    ("nn-NO,nn;q=0.9,en;q=0.5", "PDF-en er avkorta (slutten manglar): last opp heile fila"),
    ("en-GB,en;q=0.9", "the PDF is truncated (its end is missing): upload the complete file"),
    ("de-DE", "PDF-en er avkortet (slutten mangler): last opp hele filen"),  # none of ours: bokmål
])
def test_a_failed_jobs_error_is_in_the_requests_language_and_error_en_stays_english(api, alice, ks, token_for,
                                                                                    accept, error):
    secret = token_for(alice, ks)
    job = _upload(api, secret, "skadet.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 100).json()
    headers = {"HTTP_ACCEPT_LANGUAGE": accept} if accept else {}
    response = api.get(job["url"], **bearer(secret), **headers)
    polled = response.json()
    assert polled["status"] == "failed" and polled["error"] == error
    assert polled["error_en"] == "the PDF is truncated (its end is missing): upload the complete file"
    assert "Accept-Language" in response["Vary"]


def test_the_schema_marks_error_en_deprecated_and_its_summaries_follow_the_language(api, db):
    english = api.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["components"]["schemas"]["ImportJob"]["properties"]["error_en"]["deprecated"] is True
    assert english["paths"]["/api/imports"]["post"]["summary"].startswith("Upload a strategy document")
    nynorsk = api.get("/api/openapi.json", HTTP_ACCEPT_LANGUAGE="nn").json()
    assert nynorsk["paths"]["/api/imports"]["post"]["summary"].startswith("Last opp eit strategidokument")
    assert nynorsk["paths"]["/api/imports"]["post"]["tags"] == ["skriv (token)"]
    assert api.get("/api/openapi.json").json()["paths"]["/api/organisations"]["get"]["summary"] == "Organisasjoner"
