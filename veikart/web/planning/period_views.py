"""Reporting periods: the plan's periods with each goal's history, and one period's assessments and workflow."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.indicators.goal_status import GoalStatus
from veikart.web.planning import followup, reporting
from veikart.web.planning.access import get_plan_for_user
from veikart.web.planning.models import MeasureStatus, Reporting
from veikart.web.planning.services import PlanError
from veikart.web.strategies.access import can_edit, refuse_post
from veikart.web.strategies.models import Item


def _goals(plan) -> list[Item]:
    return list(Item.objects.filter(section__strategy=plan.strategy, kind=Item.Kind.GOAL).select_related(
        "section").order_by("section__position", "section_id", "position", "pk"))


def periods_index(request: HttpRequest, strategy_id: int, year: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    editing = can_edit(request.user, plan.strategy.organisation_id)
    if request.method == "POST":
        if (refused := refuse_post(request, editing)) is not None:
            return refused
        try:
            reporting.set_reporting(plan, request.user, request.POST.get("reporting", ""))
        except (PlanError, ValueError) as exc:
            messages.error(request, str(exc) if isinstance(exc, PlanError) else _("Ukjent hyppighet."))
        else:
            messages.success(request, _("Rapporteringen er lagret."))
        return redirect("planning:periods", strategy_id, year)
    goals = _goals(plan)
    history = reporting.goal_history(plan, [g.pk for g in goals])
    numbers = reporting.period_numbers(plan)
    labels = dict(followup.GOAL_STATUS_LABELS)
    rows = [{"goal": g, "cells": [(history[g.pk].get(n), labels.get(getattr(history[g.pk].get(n), "status", ""), ""))
                                  for n in numbers]} for g in goals]
    context = {"plan": plan, "strategy": plan.strategy, "periods": reporting.periods(plan), "rows": rows,
               "can_edit": editing, "reporting_choices": Reporting.choices}
    return render(request, "planning/periods.html", context)


def _posted(request: HttpRequest, prefix: str, ids: list[int], allowed: set[str]) -> dict[int, tuple[str, str]]:
    result = {}
    for pk in ids:
        status = request.POST.get(f"{prefix}-{pk}-status", "")
        if status and status not in allowed:
            raise PlanError(_("Ukjent status."))
        result[pk] = (status, request.POST.get(f"{prefix}-{pk}-text", "").strip())
    return result


def period(request: HttpRequest, strategy_id: int, year: int, number: int) -> HttpResponse:
    plan = get_plan_for_user(request, strategy_id, year)
    current = next((p for p in reporting.periods(plan) if p.number == number), None)
    if current is None:
        raise Http404("no such reporting period")
    editing = can_edit(request.user, plan.strategy.organisation_id)
    goals = _goals(plan)
    measures = list(followup.plan_measures(plan))
    if request.method == "POST":
        if (refused := refuse_post(request, editing)) is not None:
            return refused
        action = request.POST.get("action", "save")
        try:
            if action == "save":
                n = reporting.save_assessments(
                    plan, number, request.user,
                    goals=_posted(request, "goal", [g.pk for g in goals], set(GoalStatus)),
                    measures=_posted(request, "measure", [m.pk for m in measures], set(MeasureStatus.values)))
                messages.success(request, _("%(n)s vurderinger er lagret.") % {"n": n})
            elif action == "submit":
                reporting.submit(plan, number, request.user)
                messages.success(request, _("Perioden er sendt inn til godkjenning."))
            elif action == "approve":
                reporting.approve(plan, number, request.user)
                messages.success(request, _("Perioden er godkjent."))
            elif action == "reopen":
                reporting.reopen(plan, number, request.user)
                messages.success(request, _("Perioden er åpnet igjen."))
        except PlanError as exc:
            messages.error(request, str(exc))
        return redirect("planning:period", strategy_id, year, number)
    # The rolled-up status as things stood at the period's end: a suggestion beside the person's own assessment.
    end = current.end
    summaries = followup.summarise_all(followup.strategy_indicators(plan.strategy), plan.strategy, end)
    views = followup.goal_views(goals, measures, summaries, min(timezone.localdate(), end))
    stored = {(a.item_id, a.measure_id): a for a in current.assessments.all()} if current.pk else {}
    context = {
        "plan": plan, "strategy": plan.strategy, "period": current,
        "goals": [{"goal": g, "view": views[g.pk], "assessment": stored.get((g.pk, None))} for g in goals],
        "measures": [{"measure": m, "assessment": stored.get((None, m.pk))} for m in measures],
        "goal_choices": list(followup.GOAL_STATUS_LABELS.items()), "measure_choices": MeasureStatus.choices,
        "can_write": editing and current.state == current.State.DRAFT,
        "can_submit": editing and current.state == current.State.DRAFT,
        "can_approve": reporting.is_owner(request.user, plan) and current.state == current.State.SUBMITTED,
        "can_reopen": reporting.is_owner(request.user, plan) and current.state != current.State.DRAFT,
    }
    return render(request, "planning/period.html", context)
