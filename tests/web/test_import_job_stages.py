"""The import job page names its stages: reading, finding structure, saving and indexing, SDG proposals."""

from __future__ import annotations

from django.urls import reverse

from veikart.web.strategies.models import ImportJob


def _job(ks, alice, **fields) -> ImportJob:
    return ImportJob.objects.create(
        organisation=ks, uploaded_by=alice, filename="plan.pdf", file="uploads/x.pdf", **fields
    )


def test_a_job_finding_structure_shows_reading_done_and_structure_running(editor, ks, alice):
    job = _job(ks, alice, status=ImportJob.Status.RUNNING, step="structure", progress=30)
    body = editor.get(job.get_absolute_url()).content.decode()
    stages = body[body.index('<ol class="job-stages"') : body.index("</ol>")]
    assert '<li class="done">Leser filen' in stages
    assert '<li class="current" aria-current="step">Finner strukturen' in stages
    assert "<li>Lagrer utkastet og indekserer det for søk</li>" in stages
    assert "<li>Foreslår bærekraftsmål</li>" in stages
    assert editor.get(reverse("import_job_status", args=[job.pk])).json()["stage"] == 1


def test_a_queued_job_is_at_the_first_stage_and_a_failed_one_shows_no_stages(editor, ks, alice):
    queued = _job(ks, alice)
    assert 'aria-current="step">Leser filen' in editor.get(queued.get_absolute_url()).content.decode()
    failed = _job(ks, alice, status=ImportJob.Status.FAILED, error="Filen er tom.")
    assert "job-stages" not in editor.get(failed.get_absolute_url()).content.decode()


def test_the_stages_are_in_english_on_an_english_page(editor, ks, alice):
    job = _job(ks, alice, status=ImportJob.Status.RUNNING, step="save", progress=80)
    editor.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = editor.get(job.get_absolute_url()).content.decode()
    assert 'aria-current="step">Saving the draft and indexing it for search' in body
    assert "Leser filen" not in body
