"""Upload a document (extracted in the background) or a Strategy JSON file."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from veikart.ingest import ExtractError, readers
from veikart.web.strategies import services
from veikart.web.strategies.access import editable_organisations, get_job_for_user
from veikart.web.strategies.models import ImportJob
from veikart.web.strategies.tasks import run_import

ACCEPT = ".pdf,.docx,.html,.htm,.md,.markdown,.txt,.json"


def _size(n: int) -> tuple[str, str]:
    if n >= 1024 * 1024:
        mb = f"{n / (1024 * 1024):.1f}"
        return f"{mb} MB", f"{mb.replace('.', ',')} MB"
    return f"{n} bytes", f"{n} byte"


def precheck(data: bytes | None, size: int, filename: str, limit: int) -> None:
    """Refuse what the importer would refuse before any work is queued (ExtractError).

    A file over the limit is refused from its size alone, before it is read
    into memory; the type check is the importer's own.
    """
    if size > limit:
        (size_en, size_nb), (limit_en, limit_nb) = _size(size), _size(limit)
        raise ExtractError(
            en=f"the file is too large: {size_en}, the limit is {limit_en}",
            nb=f"filen er for stor: {size_nb}, grensen er {limit_nb}",
        )
    readers.detect_format(data or b"", filename)


def _render(request: HttpRequest, organisations, error: str = "", status: int = 200) -> HttpResponse:
    context = {
        "organisations": organisations,
        "error": error,
        "accept": ACCEPT,
        "limit_mb": settings.VEIKART_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "upload.html", context, status=status)


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    organisations = editable_organisations(request.user)
    if not organisations:
        raise PermissionDenied
    if request.method != "POST":
        return _render(request, organisations)

    by_id = {str(org.pk): org for org in organisations}
    org = by_id.get(request.POST.get("organisation", ""))
    if org is None:
        return _render(request, organisations, _("Velg en organisasjon du er redaktør for."), 400)
    uploaded = request.FILES.get("document")
    if uploaded is None:
        return _render(request, organisations, _("Velg en fil å laste opp."), 400)
    filename = uploaded.name or "dokument"
    limit = settings.VEIKART_MAX_UPLOAD_BYTES
    data = uploaded.read() if uploaded.size <= limit else None

    if data is not None and filename.lower().endswith(".json"):
        try:
            strategy = services.import_strategy_json(org, json.loads(data.decode("utf-8")), request.user)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            return _render(request, organisations, _("Filen er ikke gyldig JSON: %(e)s") % {"e": exc}, 400)
        except services.StrategyError as exc:
            return _render(request, organisations, str(exc), 400)
        if strategy.import_warnings:
            messages.warning(request, _("Strategien ble importert som utkast, men importen trenger en gjennomgang."))
        else:
            messages.success(request, _("Strategien ble importert som utkast."))
        return redirect("review", strategy.pk)

    try:
        precheck(data, uploaded.size, filename, limit)
    except ExtractError as exc:
        refusal = exc.message(get_language())
        return _render(request, organisations, _("Dokumentet ble avvist: %(e)s") % {"e": refusal}, 400)
    job = ImportJob(organisation=org, uploaded_by=request.user, filename=filename)
    uploaded.seek(0)
    job.file.save(filename, uploaded, save=True)
    run_import.enqueue(job.pk)
    return redirect(job)


@login_required
def import_job(request: HttpRequest, job_id: int) -> HttpResponse:
    job = get_job_for_user(request, job_id)
    language = get_language()
    warnings = [w.message(language) for w in services.import_warnings(job.strategy)] if job.strategy else []
    return render(request, "import_job.html", {"job": job, "warnings": warnings})


@login_required
@require_GET
def import_job_status(request: HttpRequest, job_id: int) -> JsonResponse:
    job = get_job_for_user(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "finished": job.is_finished,
            "error": job.error_text,
            "strategy": job.strategy.get_absolute_url() if job.strategy else None,
        }
    )
