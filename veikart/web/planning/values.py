"""Indicator values into the database from an import plan (veikart.indicators.importing).

An upload is stored and its check queued (``queue_check``); the task worker
checks it (``run_check``), the person reads the report and confirms
(``queue_apply``), and the worker writes it (``run_apply``). Checking never
writes values. Writing is one transaction: every row or none, keyed on
(indicator, organisation, period end), so the same file twice leaves the
database as it was and reports every row as unchanged.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from veikart.i18n import Message
from veikart.indicators.import_plan import OWN, ImportOptions, ImportPlan, ImportRefused, RejectReason
from veikart.indicators.importing import plan_bytes
from veikart.web.jobs import runtime as jobs
from veikart.web.messages import message_text
from veikart.web.orgs.models import Organisation
from veikart.web.planning.members import organisations_for
from veikart.web.planning.models import Indicator, Level, PlanChange, Value, ValueImport
from veikart.web.planning.services import PlanError, record

REJECTED_ROWS = gettext_noop("Filen har %(n)s avviste rader; ingenting er skrevet.")
UNKNOWN_INDICATOR = "unknown_indicator"
UNKNOWN_INDICATOR_LABEL = "ukjent indikator"
NOT_OWN = "number_missing"
NOT_OWN_LABEL = "kommunenummer mangler"
# Why a row was refused, in the page's language: pages show these by the reason's code (the check runs in the
# background and keeps only the code). The importer's own reasons are the core's messages (RejectReason.label);
# these two are the web layer's.
REASON_LABELS = {
    UNKNOWN_INDICATOR: gettext_lazy("ukjent indikator, eller en du ikke kan importere til"),
    NOT_OWN: gettext_lazy("kommune- eller fylkesnummer mangler for en indikator som måles per medlem"),
}
_CORE_REASONS = {reason.value: reason for reason in RejectReason}


def reason_label(reason: str, stored: str = "") -> str:
    """A rejection reason in the page's language; a code this version does not know shows as stored."""
    if reason in _CORE_REASONS:
        return message_text(_CORE_REASONS[reason].label)
    label = REASON_LABELS.get(reason)
    return str(label) if label is not None else stored or reason


BATCH = 2000


@dataclass
class CheckedImport:
    """An import plan plus the web layer's own check: does each row name a known indicator?"""

    plan: ImportPlan
    indicators: dict[str, Indicator]  # name in the file -> indicator
    unknown: list[dict] = field(default_factory=list)  # rows whose indicator is not in the database
    own: Organisation | None = None  # the importing organisation: rows without a number are its own values

    @property
    def accepted(self) -> int:
        return len(self.plan.rows) - len(self.unknown)

    @property
    def rejected_count(self) -> int:
        return len(self.plan.rejected) + len(self.unknown)

    def report(self) -> dict:
        """Counts and every rejected row with its reason, as the page and the database keep it."""
        reasons: dict[str, dict] = {}
        for rejection in self.plan.rejected:
            entry = reasons.setdefault(rejection.reason.value, {"label": rejection.reason.label.msgid, "count": 0})
            entry["count"] += 1
        if self.unknown:
            reasons[UNKNOWN_INDICATOR] = {"label": UNKNOWN_INDICATOR_LABEL, "count": len(self.unknown)}
        # A row's location is stored as a message ("linje 12"): the page shows it in its own language.
        rows = [
            {
                "location": r.location.message().to_dict(),
                "reason": r.reason.value,
                "label": r.reason.label.msgid,
                "detail": r.detail.to_dict(),
            }
            for r in self.plan.rejected
        ] + [{**u, "location": u["location"].message().to_dict()} for u in self.unknown]
        return {
            "source": self.plan.source,
            "format": self.plan.format,
            "size": self.plan.size,
            "accepted": self.accepted,
            "rejected": self.rejected_count,
            "identical_duplicates": self.plan.identical_duplicates,
            "mapped_from_former": self.plan.mapped_from_former,
            "reasons": reasons,
            "rejected_rows": rows,
            "notes": [note.to_dict() for note in self.plan.notes],
            "origin": self.plan.origin,
            "indicators": sorted({i.key for i in self.indicators.values()}),
        }


def _match_indicators(names: list[str], allowed: list[Indicator] | None) -> dict[str, Indicator]:
    pool = allowed if allowed is not None else list(Indicator.objects.all())
    by_name: dict[str, Indicator] = {}
    for indicator in pool:
        for name in (indicator.key, indicator.name, indicator.name_en):
            if name:
                by_name.setdefault(name.strip().lower(), indicator)
    return {name: by_name[name.strip().lower()] for name in names if name.strip().lower() in by_name}


def check(data: bytes, filename: str, *, indicator: Indicator | None = None,
          allowed: list[Indicator] | None = None, options: ImportOptions | None = None,
          own: Organisation | None = None) -> CheckedImport:
    """Read and validate a file (dry run). ``indicator``: every value is for it (file without indicator column).

    ``allowed``: the indicators this person may import into; a row naming any
    other is rejected. ``own``: the importing organisation; a row without an
    organisation number is its own value, for an indicator measured on the
    organisation itself (as Veikart's export writes KS's own figures).
    Raises PlanError (one line) when the whole file is refused.
    """
    options = options or ImportOptions()
    if indicator is not None:
        options = ImportOptions(**{**options.__dict__, "indicator": indicator.key})
    if own is not None:
        options = ImportOptions(**{**options.__dict__, "blank_is_own": True})
    try:
        plan = plan_bytes(data, filename, options)
    except ImportRefused as exc:
        refused = PlanError(message_text(exc.msg))
        refused.msg = exc.msg  # the importer's message, kept so a background check stores it untranslated
        raise refused from exc
    names = sorted({r.indicator for r in plan.rows})
    indicators = _match_indicators(names, allowed)
    unknown = [
        {"location": r.location, "reason": UNKNOWN_INDICATOR, "label": UNKNOWN_INDICATOR_LABEL,
         "detail": f"«{r.indicator}»"}
        for r in plan.rows if r.indicator not in indicators
    ]
    unknown += [
        {"location": r.location, "reason": NOT_OWN, "label": NOT_OWN_LABEL, "detail": f"«{r.indicator}»"}
        for r in plan.rows
        if r.kind == OWN and r.indicator in indicators and indicators[r.indicator].level != Level.ORGANISATION
    ]
    return CheckedImport(plan, indicators, unknown, own)


def write(checked: CheckedImport, *, source: str = "", skip_rejected: bool = False) -> dict[str, int]:
    """Upsert every accepted row in ONE transaction; {"created", "updated", "unchanged"}.

    With rejected rows nothing is written unless ``skip_rejected`` (then the
    accepted rows are written and the rejected ones left out, still all at once).
    """
    if checked.rejected_count and not skip_rejected:
        raise PlanError(_(REJECTED_ROWS) % {"n": checked.rejected_count})
    refused = {u["location"] for u in checked.unknown}
    rows = [r for r in checked.plan.rows if r.indicator in checked.indicators and r.location not in refused]
    now = timezone.now()
    source = source or _source_text(checked.plan)
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    with transaction.atomic():
        orgs = organisations_for({(r.kind, r.organisation) for r in rows if r.kind != OWN})
        if checked.own is not None:
            orgs[(OWN, "")] = checked.own
        keyed = {
            (checked.indicators[r.indicator].pk, orgs[(r.kind, r.organisation)].pk, r.period_end): r for r in rows
        }
        existing = _existing(keyed)
        new, changed = [], []
        for key, row in keyed.items():
            current = existing.get(key)
            if current is None:
                new.append((key[0], key[1], row.period, row.period_end, row.value, source, now))
            elif current[1] != row.value or current[2] != row.period:
                changed.append(Value(pk=current[0], value=row.value, period=row.period, source=source,
                                     imported_at=now))
            else:
                counts["unchanged"] += 1
        _insert(new)
        Value.objects.bulk_update(changed, ["value", "period", "source", "imported_at"], batch_size=BATCH)
        counts["created"], counts["updated"] = len(new), len(changed)
    return counts


ROWS_PER_INSERT = 100  # 7 parameters a row: 700 per statement stays under SQLite's oldest limit of 999


def _insert(rows: list[tuple]) -> None:
    """Multi-row INSERTs: bulk_create builds a model object per row, which took most of the time for
    178,500 values, and executemany costs one round trip a row on PostgreSQL (benchmarks/planning.py).
    Runs inside the caller's transaction."""
    if not rows:
        return
    table = connection.ops.quote_name(Value._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(Value._meta.get_field(name).column) for name in (
        "indicator", "organisation", "period", "period_end", "value", "source", "imported_at"))
    date_field = Value._meta.get_field("period_end")
    time_field = Value._meta.get_field("imported_at")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), ROWS_PER_INSERT):
            chunk = rows[start:start + ROWS_PER_INSERT]
            params: list = []
            for i, o, p, e, v, s, t in chunk:
                params += [i, o, p, date_field.get_db_prep_value(e, connection), v, s,
                           time_field.get_db_prep_value(t, connection)]
            placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {placeholders}", params)


def _existing(keyed: dict[tuple[int, int, date], object]) -> dict[tuple[int, int, date], tuple[int, float, str]]:
    """{(indicator, organisation, period end): (pk, value, period)} of the stored values, one query per indicator."""
    by_indicator: dict[int, set[date]] = {}
    for indicator_id, _org, end in keyed:
        by_indicator.setdefault(indicator_id, set()).add(end)
    found: dict[tuple[int, int, date], tuple[int, float, str]] = {}
    for indicator_id, ends in by_indicator.items():
        query = Value.objects.filter(indicator_id=indicator_id, period_end__in=ends).values_list(
            "pk", "organisation_id", "period_end", "value", "period")
        for pk, org_id, end, value, period in query.iterator(chunk_size=BATCH):
            found[(indicator_id, org_id, end)] = (pk, value, period)
    return found


def _source_text(plan: ImportPlan) -> str:
    """Where imported values come from, stored once and shown in every language: so the file's own words only
    (publisher; table; file name; date it was updated), none of ours."""
    origin = plan.origin
    parts = [origin.get("source", ""), origin.get("label", ""), plan.source, origin.get("updated", "")]
    return "; ".join(p for p in parts if p)


# --- the upload flow: check, keep the file, apply on confirmation -----------------------------------


def importable_indicators(organisations: list[Organisation]) -> list[Indicator]:
    return list(Indicator.objects.filter(organisation__in=organisations).order_by("name"))


def queue_check(organisation: Organisation, user: AbstractBaseUser, upload: File,
                indicator: Indicator | None) -> ValueImport:
    """Keep an upload and queue its check (``run_check``): the request only stores the file."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    job = ValueImport(
        organisation=organisation, indicator=indicator, uploaded_by=user, filename=upload.name[:255],
        sha256=digest.hexdigest(), status=ValueImport.Status.QUEUED, stage=ValueImport.Stage.CHECK,
    )
    job.file.save(upload.name, upload, save=False)
    with transaction.atomic():
        job.save()
        job.enqueue()
    job.refresh_from_db()
    return job


def run_check(job_id: int) -> None:
    """The background job: read and check the kept file (dry run); the report is written in one short step."""
    jobs.execute(ValueImport, job_id, _check)


def _check(job: ValueImport) -> None:
    with job.file.open("rb") as handle:
        data = handle.read()
    jobs.update_running(job, progress=10)
    try:
        checked = check(data, job.filename, indicator=job.indicator,
                        allowed=importable_indicators([job.organisation]), own=job.organisation)
    except PlanError as exc:
        message = getattr(exc, "msg", None)
        _refuse(job, message.to_dict() if isinstance(message, Message) else str(exc))
        return
    del data
    jobs.update_running(job, progress=90)
    report = checked.report()

    def save() -> None:
        with transaction.atomic():
            jobs.lock_running(job)
            jobs.finish(job, ValueImport.Status.CHECKED, report=report, progress=100)

    jobs.retry_when_locked(save)


def _refuse(job: ValueImport, reason: str | dict) -> None:
    """The whole file is refused: keep the row with its one-line reason (a ``Message.to_dict`` when the importer
    refused it, shown in the page's language), delete the stored file."""
    def save() -> None:
        with transaction.atomic():
            jobs.lock_running(job)
            jobs.finish(job, ValueImport.Status.REFUSED, report={"error": reason}, progress=100)

    jobs.retry_when_locked(save)
    jobs.discard_file(job)


def queue_apply(job: ValueImport, user: AbstractBaseUser, *, skip_rejected: bool = False) -> None:
    """The person confirmed: CHECKED -> QUEUED, and the task worker writes the values (``run_apply``)."""
    if job.status == ValueImport.Status.REFUSED:
        raise PlanError(_("Filen ble avvist og kan ikke skrives."))
    if job.report.get("rejected") and not skip_rejected:
        raise PlanError(_(REJECTED_ROWS) % {"n": job.report["rejected"]})
    with transaction.atomic():
        queued = ValueImport.objects.filter(pk=job.pk, status=ValueImport.Status.CHECKED).update(
            status=ValueImport.Status.QUEUED, stage=ValueImport.Stage.APPLY, progress=0, applied_by=user,
            skip_rejected=skip_rejected,
        )
        if not queued:
            raise PlanError(_("Denne importen er allerede skrevet eller avvist."))
        job.refresh_from_db()
        job.enqueue()
    job.refresh_from_db()


def run_apply(job_id: int) -> None:
    """The background job: re-read the kept file and write it in one transaction at the end."""
    jobs.execute(ValueImport, job_id, _apply)


def _apply(job: ValueImport) -> None:
    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        checked = check(data, job.filename, indicator=job.indicator,
                        allowed=importable_indicators([job.organisation]), own=job.organisation)
    except PlanError as exc:
        jobs.fail(job, Message(str(exc)))
        return
    del data
    if checked.rejected_count and not job.skip_rejected:  # the file changed since it was checked
        jobs.fail(job, Message(REJECTED_ROWS, {"n": checked.rejected_count}))
        return

    def save() -> None:
        with transaction.atomic():
            jobs.lock_running(job)
            result = write(checked, skip_rejected=job.skip_rejected)
            jobs.finish(job, ValueImport.Status.APPLIED, result=result, applied_at=timezone.now())
            record(None, job.applied_by, PlanChange.Action.IMPORT_VALUES, job, None, {"file": job.filename, **result})

    jobs.retry_when_locked(save)


def check_plan(plan: ImportPlan) -> CheckedImport:
    """A plan from ``manage.py import_indicators``: any indicator by name; ImportRefused for an unknown one."""
    checked = CheckedImport(plan, _match_indicators(sorted({r.indicator for r in plan.rows}), None))
    checked.unknown = [
        {"location": r.location, "reason": UNKNOWN_INDICATOR, "label": UNKNOWN_INDICATOR_LABEL,
         "detail": r.indicator}
        for r in plan.rows if r.indicator not in checked.indicators
    ]
    if checked.unknown:
        raise ImportRefused(
            gettext_noop("ukjente indikatorer: %(names)s; ingenting er skrevet"),
            names=", ".join(sorted({u["detail"] for u in checked.unknown})),
        )
    return checked

