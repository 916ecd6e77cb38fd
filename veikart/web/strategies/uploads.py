"""Upload a document (extracted in the background) or a Strategy JSON file."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from veikart.ingest import ExtractError, readers
from veikart.ingest.pipeline import too_large
from veikart.web.jobs import runtime as jobs
from veikart.web.jobs.views import cancel_or_retry
from veikart.web.messages import message_text
from veikart.web.orgs.models import Organisation
from veikart.web.strategies import services
from veikart.web.strategies.access import get_job_for_user, organisations_to_edit
from veikart.web.strategies.models import ImportJob

ACCEPT = ".pdf,.docx,.html,.htm,.md,.markdown,.txt,.json"


def precheck(data: bytes | None, size: int, filename: str, limit: int) -> None:
    """Refuse what the importer would refuse before any work is queued (ExtractError).

    A file over the limit is refused from its size alone, before it is read
    into memory; the type check is the importer's own.
    """
    if size > limit:
        raise too_large(size, limit)
    if filename.lower().endswith(".json"):
        if not (data or b"").strip():
            raise ExtractError("filen er tom")
        return  # Strategy JSON: read and checked by the job
    readers.detect_format(data or b"", filename)


def _render(request: HttpRequest, organisations, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "organisations": organisations,
        "error": error,
        "accept": ACCEPT,
        "limit_mb": settings.VEIKART_MAX_UPLOAD_BYTES // (1024 * 1024),
        "no_worker": jobs.uses_worker() and not jobs.worker_alive(),
    }
    return render(request, "strategies/upload.html", context, status=status)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    organisations = organisations_to_edit(request.user)
    if request.method != "POST":
        return _render(request, organisations)

    by_id = {str(org.pk): org for org in organisations}
    org = by_id.get(request.POST.get("organisation", ""))
    if org is None:
        return _render(request, organisations, _("Velg en organisasjon du er redaktør for."), 400)
    uploaded = request.FILES.get("document")
    if uploaded is None:
        return _render(request, organisations, _("Velg en fil å laste opp."), 400)
    try:
        job = queue_upload(org, request.user, uploaded)
    except ExtractError as exc:
        refusal = message_text(exc.msg)
        return _render(request, organisations, _("Dokumentet ble avvist: %(e)s") % {"e": refusal}, 400)
    return redirect(job)


def queue_upload(org: Organisation, user: AbstractBaseUser, uploaded: UploadedFile) -> ImportJob:
    """Check an uploaded file (precheck, the size limit) and queue its import job; ExtractError when refused.

    The upload page and the API (api/write.py) both come through here.
    """
    filename = uploaded.name or "dokument"
    limit = settings.VEIKART_MAX_UPLOAD_BYTES
    data = uploaded.read() if uploaded.size <= limit else None
    precheck(data, uploaded.size, filename, limit)
    job = ImportJob(organisation=org, uploaded_by=user, filename=filename)
    uploaded.seek(0)
    with transaction.atomic():
        job.file.save(filename, uploaded, save=True)
        job.enqueue()
    return job


# The import's stages in the order the job runs them, by the ``step`` it writes (services._import).
STAGES = [
    ("read", gettext_lazy("Leser filen")),
    ("structure", gettext_lazy("Finner strukturen: kapitler, mål og forpliktelser")),
    ("save", gettext_lazy("Lagrer utkastet og indekserer det for søk")),
    ("done", gettext_lazy("Foreslår bærekraftsmål")),
]


def stage_index(job: ImportJob) -> int:
    """Which stage runs now (0-based); len(STAGES) when the job is done. SDG proposals follow the save at once."""
    if job.status == ImportJob.Status.DONE:
        return len(STAGES)
    steps = [step for step, _label in STAGES]
    return steps.index(job.step) if job.step in steps else 0


@login_required
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_job_for_user(request, job_id)
    language = get_language()
    warnings = [w.message(language) for w in services.import_warnings(job.strategy)] if job.strategy else []
    context = {
        "job": job,
        "warnings": warnings,
        "no_worker": job.status == ImportJob.Status.QUEUED and jobs.uses_worker() and not jobs.worker_alive(),
        "stages": [label for _step, label in STAGES],
        "stage": stage_index(job),
    }
    return render(request, "strategies/import_job.html", context)


@login_required
@require_POST
def import_job_action(request: HttpRequest, job_id: int, action: str) -> HttpResponse:
    """Cancel a queued or running import, or queue a failed or cancelled one again (editors only)."""
    job = get_job_for_user(request, job_id)
    return cancel_or_retry(request, job, action, cancelled=_("Importen er avbrutt. Ingenting fra den ble lagret."))


@login_required
@require_GET
def import_job_status(request: HttpRequest, job_id: int) -> JsonResponse:
    job = get_job_for_user(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "stage": stage_index(job),
            "finished": job.is_finished,
            "can_cancel": job.can_cancel,
            "error": job.error_text,
            "strategy": job.strategy.get_absolute_url() if job.strategy else None,
        }
    )
