"""Writing with a token: a measure's status and assessment, indicator values, indicator files, documents.

Each write goes through the planning services (one transaction, a PlanChange
naming the token's owner), so the API changes exactly what the pages change.
"""


import hashlib
import json

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import File, Form, Status
from ninja.errors import HttpError, ValidationError
from ninja.files import UploadedFile

from veikart.indicators.import_plan import API_VALUE, Builder, ImportOptions, ImportPlan, Location
from veikart.ingest import ExtractError
from veikart.web.api import read, schemas
from veikart.web.api.auth import TokenAuth, reader_for, writer_for
from veikart.web.messages import message_text
from veikart.web.planning import services, values
from veikart.web.planning.models import Indicator, Measure, PlanChange, ValueImport
from veikart.web.strategies import uploads
from veikart.web.strategies.models import ImportJob

# The read router's own: ninja joins a GET and a POST on one path only within one router.
router = read.router
WRITE = {"auth": TokenAuth(), "tags": [gettext_lazy("skriv (token)")]}


def _field_error(location: str, message: str, kind: str = "value_error") -> dict:
    """One error in ninja's own shape: loc names the field ("values.3" → ["body", "payload", "values", 3])."""
    loc: list[str | int] = ["body", "payload"]
    for part in location.split("."):
        loc.append(int(part) if part.isdigit() else part)
    return {"type": kind, "loc": loc, "msg": message}


@router.post("/measures/{int:measure_id}/status", response={201: schemas.StatusUpdate},
             summary=gettext_lazy("Ny status og vurdering for et tiltak"), **WRITE)
def measure_status(request: HttpRequest, measure_id: int, payload: schemas.StatusIn):
    measure = Measure.objects.select_related("plan__strategy").filter(pk=measure_id).first()
    if measure is None:
        raise Http404(_("ikke noe slikt tiltak"))
    token = writer_for(request, measure.plan.strategy.organisation_id)
    try:
        update = services.add_status_update(measure, token.owner, status=payload.status, progress=payload.progress,
                                            comment=payload.assessment, on=payload.date)
    except services.PlanError as exc:
        # The only refusals: progress outside 0–100 (caught by the schema first) or done without 100 %.
        raise ValidationError([_field_error("progress", str(exc))]) from exc
    return Status(201, update)


@router.post("/indicators/{key}/values", response={200: schemas.ValuesWritten},
             summary=gettext_lazy("Skriv indikatorverdier"), **WRITE)
def indicator_values(request: HttpRequest, key: str, payload: schemas.ValuesIn):
    """Every value or none: a row the importer refuses (unknown member, bad period …) is named in the error."""
    indicator = Indicator.objects.filter(key=key).first()
    if indicator is None:
        raise Http404(_("ingen slik indikator"))
    token = writer_for(request, indicator.organisation_id)
    body = json.dumps(payload.dict(), default=str).encode()
    plan = ImportPlan(source="api", format="api", sha256=hashlib.sha256(body).hexdigest(), size=len(body))
    builder = Builder(plan, ImportOptions(indicator=indicator.key))
    for index, row in enumerate(payload.values):
        builder.add(Location(API_VALUE, index), row.member, row.period, indicator.key, row.value)
    checked = values.CheckedImport(builder.finish(), {indicator.key: indicator})
    if checked.rejected_count:
        raise ValidationError(
            [_field_error(r.location.text("en"), message_text(r.detail), r.reason.value) for r in checked.plan.rejected]
        )
    source = payload.source or f"API ({token.name})"
    with transaction.atomic():
        counts = values.write(checked, source=source)
        services.record(None, token.owner, PlanChange.Action.IMPORT_VALUES, indicator, None,
                        {"api_token": token.prefix, "indicator": indicator.key, **counts})
    return counts


# --- indicator files: the same two steps as the upload page (check, then apply), in the task worker -------


def _import_for(request: HttpRequest, import_id: int) -> ValueImport:
    job = ValueImport.objects.select_related("indicator").filter(pk=import_id).first()
    if job is None:
        raise Http404(_("ingen slik import"))
    reader_for(request, job.organisation_id)
    return job


@router.post("/value-imports", response={202: schemas.ValueImport},
             summary=gettext_lazy("Last opp en fil med verdier (kontrolleres i bakgrunnen)"), **WRITE)
def value_import_create(request: HttpRequest, file: File[UploadedFile],
                        indicator: Form[str | None] = None):
    token = writer_for(request, request.auth.organisation_id)
    chosen = None
    if indicator:
        chosen = Indicator.objects.filter(key=indicator, organisation_id=token.organisation_id).first()
        if chosen is None:
            raise ValidationError([{"type": "value_error", "loc": ["form", "indicator"],
                                    "msg": _("ingen slik indikator i organisasjonen")}])
    limit = settings.VEIKART_MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError([{"type": "value_error", "loc": ["form", "file"],
                                "msg": _("filen er større enn %(limit)s byte") % {"limit": limit}}])
    job = values.queue_check(token.organisation, token.owner, file, chosen)
    return Status(202, job)


@router.get("/value-imports/{int:import_id}", response=schemas.ValueImport,
            summary=gettext_lazy("Status og rapport for en filimport"), **WRITE)
def value_import(request: HttpRequest, import_id: int):
    return _import_for(request, import_id)


@router.post("/value-imports/{int:import_id}/apply", response={202: schemas.ValueImport},
             summary=gettext_lazy("Skriv en kontrollert fil"), **WRITE)
def value_import_apply(request: HttpRequest, import_id: int, payload: schemas.ApplyIn):
    job = _import_for(request, import_id)
    token = writer_for(request, job.organisation_id)
    try:
        values.queue_apply(job, token.owner, skip_rejected=payload.skip_rejected)
    except services.PlanError as exc:
        raise HttpError(409, str(exc)) from exc
    return Status(202, job)


# --- strategy documents: the upload page's check and job pipeline (strategies.uploads.queue_upload) ---------


@router.post("/imports", response={202: schemas.ImportJob},
             summary=gettext_lazy("Last opp et strategidokument (importeres i bakgrunnen)"),
             **WRITE)
def import_create(request: HttpRequest, file: File[UploadedFile]):
    """PDF, Word, HTML, Markdown, text or Strategy JSON, as on the upload page; it becomes a draft of the token's
    organisation. Poll `url` until the status is done (then `strategy_id` is the draft), failed or cancelled."""
    token = writer_for(request, request.auth.organisation_id)
    try:
        job = uploads.queue_upload(token.organisation, token.owner, file)
    except ExtractError as exc:
        raise ValidationError([{"type": "value_error", "loc": ["form", "file"], "msg": message_text(exc.msg)}]) from exc
    return Status(202, job)


@router.get("/imports/{int:job_id}", response=schemas.ImportJob, url_name="import_job",
            summary=gettext_lazy("Status for en dokumentimport"), **WRITE)
def import_job(request: HttpRequest, job_id: int):
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        raise Http404(_("ingen slik import"))
    reader_for(request, job.organisation_id)
    return job
