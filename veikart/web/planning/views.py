"""Plan, measure and indicator pages: authorise, call a service or data function, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veikart.web.jobs import runtime as jobs
from veikart.web.jobs.views import cancel_or_retry
from veikart.web.orgs.models import Organisation, Unit
from veikart.web.planning import describe, exports, followup, plan_import, report, report_docx, services, values
from veikart.web.planning.access import (
    get_indicator_for_user,
    get_measure_for_user,
    get_plan_for_user,
    get_value_import_for_user,
    indicators_for_user,
)
from veikart.web.planning.forms import (
    MeasureForm,
    PlanDescriptionForm,
    PlanForm,
    PlanImportForm,
    StatusUpdateForm,
    ValueUploadForm,
)
from veikart.web.planning.models import ActionPlan, Indicator, MeasureStatus, PlanChange, ValueImport
from veikart.web.strategies.access import (
    can_edit,
    editable_organisations,
    get_strategy_for_user,
    organisations_to_edit,
    refuse_post,
)
from veikart.web.strategies.edits import EditConflict


def _editing(request: HttpRequest, strategy) -> bool:
    return can_edit(request.user, strategy.organisation_id)


def plans(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = get_strategy_for_user(request, strategy_id, "view")
    editing = _editing(request, strategy)
    form = PlanForm(initial={"year": _next_year(strategy)})
    if request.method == "POST":
        if (refused := refuse_post(request, editing)) is not None:
            return refused
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                plan = services.create_plan(strategy, form.cleaned_data["year"], request.user,
                                            form.cleaned_data["description"])
            except services.PlanError as exc:
                form.add_error("year", str(exc))
            else:
                messages.success(request, _("Handlingsplanen for %(year)s er opprettet.") % {"year": plan.year})
                return redirect(plan)
    context = {
        "strategy": strategy,
        "plans": ActionPlan.objects.filter(strategy=strategy).order_by("year"),
        "can_edit": editing,
        "form": form,
    }
    return render(request, "planning/plans.html", context)


def _next_year(strategy) -> int | None:
    last = ActionPlan.objects.filter(strategy=strategy).order_by("-year").values_list("year", flat=True).first()
    return (last + 1) if last else strategy.period_start


def dashboard(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    context = followup.dashboard(plan)
    units = list(Unit.objects.filter(organisation_id=plan.strategy.organisation_id, measures__plan=plan).distinct())
    unit = next((u for u in units if str(u.pk) == request.GET.get("enhet", "")), None)
    status = request.GET.get("status", "")
    status = status if status in MeasureStatus.values else ""
    context["shown"], context["total"] = followup.filter_measures(context, unit.pk if unit else None, status)
    context["chart_svg"], context["chart_rows"] = followup.section_chart(context["groups"])
    context.update({"units": units, "chosen_unit": unit, "chosen_status": status,
                    "statuses": MeasureStatus.choices, "filtered": bool(unit or status)})
    context["can_edit"] = _editing(request, plan.strategy)
    context["has_next"] = ActionPlan.objects.filter(strategy=plan.strategy, year=year + 1).exists()
    return render(request, "planning/dashboard.html", context)


def measures_by_status(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    context = {"plan": plan, "strategy": plan.strategy, "groups": followup.by_status(plan)}
    return render(request, "planning/by_status.html", context)


def overdue_measures(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    measures = followup.overdue(list(followup.plan_measures(plan)))
    context = {"plan": plan, "strategy": plan.strategy, "measures": measures}
    return render(request, "planning/overdue.html", context)


def _measure_fields(form: MeasureForm) -> dict:
    data = dict(form.cleaned_data)
    data.pop("items")
    data.pop("version", None)
    return data


def _conflicting(form_class, request: HttpRequest, current, message: str, **kwargs):
    """The editor's form, kept as typed, now naming the current version (saving again overwrites knowingly)."""
    data = request.POST.copy()
    data["version"] = current.version
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_error(None, message)
    return form


@login_required
def plan_edit(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year, "edit")
    form = PlanDescriptionForm(request.POST or None, initial={"description": plan.description, "version": plan.version})
    context = {"plan": plan, "strategy": plan.strategy, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_plan(plan, request.user, form.cleaned_data["description"],
                               version=form.cleaned_data["version"])
        except EditConflict as exc:
            plan.refresh_from_db()
            context["form"] = _conflicting(PlanDescriptionForm, request, plan, str(exc))
            context["current"] = plan
            return render(request, "planning/plan_form.html", context, status=409)
        messages.success(request, _("Handlingsplanen er lagret."))
        return redirect(plan)
    return render(request, "planning/plan_form.html", context)


@login_required
def measure_new(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year, "edit")
    form = MeasureForm(request.POST or None, strategy=plan.strategy)
    if request.method == "POST" and form.is_valid():
        try:
            fields = _measure_fields(form)
            measure = services.create_measure(plan, request.user, items=form.cleaned_data["items"],
                                              status=fields.pop("status"), **fields)
        except services.PlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Tiltaket er lagt til."))
            return redirect(measure)
    return render(request, "planning/measure_form.html", {"plan": plan, "strategy": plan.strategy, "form": form})


def measure(request: HttpRequest, measure_id: int) -> HttpResponse:
    item = get_measure_for_user(request, measure_id)
    context = {
        "measure": item,
        "plan": item.plan,
        "strategy": item.plan.strategy,
        "history": services.history(item),
        "can_edit": _editing(request, item.plan.strategy),
        "status_form": StatusUpdateForm(initial={"status": item.status, "progress": item.progress}),
        "carried_to": getattr(item, "carried_to", None),
    }
    return render(request, "planning/measure.html", context)


@login_required
def measure_edit(request: HttpRequest, measure_id: int) -> HttpResponse:
    item = get_measure_for_user(request, measure_id, "edit")
    initial = {name: getattr(item, name) for name in services.MEASURE_FIELDS}
    initial["items"] = list(item.items.values_list("pk", flat=True))
    initial["version"] = item.version
    form = MeasureForm(request.POST or None, initial=initial, strategy=item.plan.strategy, editing=True)
    context = {"plan": item.plan, "strategy": item.plan.strategy, "form": form, "measure": item}
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_measure(item, request.user, version=form.cleaned_data["version"],
                                  items=form.cleaned_data["items"], **_measure_fields(form))
        except EditConflict as exc:
            item.refresh_from_db()
            context["form"] = _conflicting(MeasureForm, request, item, str(exc), strategy=item.plan.strategy,
                                           editing=True)
            context["current"] = item
            return render(request, "planning/measure_form.html", context, status=409)
        except services.PlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Tiltaket er lagret."))
            return redirect(item)
    return render(request, "planning/measure_form.html", context)


@login_required
@require_POST
def status_update(request: HttpRequest, measure_id: int) -> HttpResponse:
    item = get_measure_for_user(request, measure_id, "edit")
    form = StatusUpdateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_status_update(item, request.user, status=data["status"], progress=data["progress"],
                                       comment=data["comment"], on=data["date"])
        except services.PlanError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Statusen er oppdatert."))
        return redirect(item)
    context = {
        "measure": item, "plan": item.plan, "strategy": item.plan.strategy, "history": services.history(item),
        "can_edit": True, "status_form": form, "carried_to": getattr(item, "carried_to", None),
    }
    return render(request, "planning/measure.html", context, status=400)


@login_required
@require_POST
def carry_over(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year, "edit")
    try:
        target, carried = services.carry_over(plan, request.user)
    except services.PlanError as exc:
        messages.error(request, str(exc))
        return redirect(plan)
    messages.success(
        request, _("%(n)s tiltak er videreført til handlingsplanen for %(year)s.") % {"n": len(carried),
                                                                                    "year": target.year}
    )
    return redirect(target)


@login_required
def plan_changes(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = get_strategy_for_user(request, strategy_id, "member")
    changes = list(PlanChange.objects.filter(strategy=strategy).select_related("user")[:200])
    return render(request, "planning/changes.html", {"strategy": strategy, "lines": describe.describe_all(changes)})


# --- indicators -----------------------------------------------------------------------------------


def indicators(request: HttpRequest) -> HttpResponse:
    rows = list(indicators_for_user(request.user))
    summaries = followup.summarise_all(rows, None)
    context = {"summaries": summaries, "can_import": bool(editable_organisations(request.user))}
    return render(request, "planning/indicators.html", context)


def _chosen_org(request: HttpRequest) -> Organisation | None:
    slug = request.GET.get("org", "").strip()
    if not slug:
        return None
    return Organisation.objects.filter(slug=slug).first()


def indicator(request: HttpRequest, key: str) -> HttpResponse:
    item = get_indicator_for_user(request, key)
    chosen = _chosen_org(request)
    summary = followup.summarise(item, None)
    chart_svg, table = followup.indicator_chart(summary, chosen)
    members = followup.member_view(item, chosen)
    context = {
        "indicator": item,
        "summary": summary,
        "chart_svg": chart_svg,
        "table": table,
        "members": members,
        "chosen": chosen,
        "organisations": Organisation.objects.filter(indicator_values__indicator=item).distinct().order_by("name"),
        "can_import": can_edit(request.user, item.organisation_id),
    }
    return render(request, "planning/indicator.html", context)


@login_required
def value_upload(request: HttpRequest) -> HttpResponse:
    organisations = organisations_to_edit(request.user)
    chosen = Indicator.objects.filter(key=request.GET.get("indikator", ""), organisation__in=organisations).first()
    initial = {"indicator": chosen.pk, "organisation": chosen.organisation_id} if chosen else None
    form = ValueUploadForm(request.POST or None, request.FILES or None, organisations=organisations, initial=initial)
    if request.method == "POST" and form.is_valid():
        job = values.queue_check(form.cleaned_data["organisation"], request.user, form.cleaned_data["file"],
                                 form.cleaned_data["indicator"])
        return redirect(job)
    recent = ValueImport.objects.filter(organisation__in=organisations).select_related("indicator")[:10]
    return render(request, "planning/value_upload.html", {"form": form, "recent": recent})


@login_required
def value_import(request: HttpRequest, import_id: int) -> HttpResponse:
    job = get_value_import_for_user(request, import_id)
    if request.method == "POST":
        try:
            values.queue_apply(job, request.user, skip_rejected=bool(request.POST.get("skip_rejected")))
        except services.PlanError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Verdiene skrives i bakgrunnen. Siden viser resultatet når de er skrevet."))
        return redirect(job)
    no_worker = job.status == ValueImport.Status.QUEUED and jobs.uses_worker() and not jobs.worker_alive()
    return render(request, "planning/value_import.html", {"job": job, "report": job.report, "no_worker": no_worker})


@login_required
def value_import_status(request: HttpRequest, import_id: int) -> JsonResponse:
    """The job's status and progress for the page's poller (static/veikart/job.js)."""
    job = get_value_import_for_user(request, import_id)
    return JsonResponse({"status": job.status, "stage": job.stage, "status_label": job.status_label,
                         "progress": job.progress, "finished": job.is_finished})


@login_required
@require_POST
def value_import_action(request: HttpRequest, import_id: int, action: str) -> HttpResponse:
    """Cancel a queued or running check or write, or queue a failed or cancelled one again (editors only)."""
    job = get_value_import_for_user(request, import_id)
    checking = job.stage == ValueImport.Stage.CHECK
    cancelled = _("Kontrollen er avbrutt.") if checking else _("Skrivingen er avbrutt. Ingen verdier ble skrevet.")
    return cancel_or_retry(request, job, action, cancelled=cancelled)


# --- exports and the annual report ----------------------------------------------------------------


@login_required
def plan_import_view(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    """Measures from a Veikart plan export (small: read and written in the request, in one transaction)."""
    plan = get_plan_for_user(request, strategy_id, year, "edit")
    form = PlanImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            counts = plan_import.import_measures(plan, request.user, upload.read(), upload.name)
        except services.PlanError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("Importert: %(created)s nye tiltak, %(updated)s oppdatert, %(unchanged)s "
                                        "uendret.") % counts)
            return redirect(plan)
    return render(request, "planning/plan_import.html", {"plan": plan, "strategy": plan.strategy, "form": form})


def plan_export(request: HttpRequest, strategy_id: int, year: int, fmt: str) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    return exports.plan_response(plan, fmt)


def indicator_export(request: HttpRequest, key: str, fmt: str) -> HttpResponse:
    item = get_object_or_404(Indicator, key=key)
    return exports.values_response(item, fmt)


def annual_report(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    return HttpResponse(report.render_html(plan, request=request))


def annual_report_pdf(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    response = HttpResponse(report.render_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arsrapport-{plan.strategy_id}-{plan.year}.pdf"'
    return response


def annual_report_docx(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    response = HttpResponse(report_docx.render_docx(plan), content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    response["Content-Disposition"] = f'attachment; filename="arsrapport-{plan.strategy_id}-{plan.year}.docx"'
    return response
