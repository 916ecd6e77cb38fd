"""Creating and changing an indicator in the app (its organisation's editors): authorise, validate, call the service."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from veikart.web.orgs.models import Organisation
from veikart.web.planning import indicator_edit
from veikart.web.planning.access import get_indicator_for_user
from veikart.web.planning.forms import IndicatorForm, TargetFormSet
from veikart.web.planning.models import Indicator
from veikart.web.planning.services import PlanError
from veikart.web.strategies.access import can_edit, organisations_to_edit
from veikart.web.strategies.edits import EditConflict


def _targets(formset) -> list[indicator_edit.TargetSpec]:
    return [
        indicator_edit.TargetSpec(f.cleaned_data.get("goal"), f.cleaned_data["comparison"],
                                  f.cleaned_data.get("value"), f.cleaned_data["year"])
        for f in formset.forms
        if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
    ]


def _fields(form: IndicatorForm) -> dict:
    return {name: form.cleaned_data[name] for name in indicator_edit.FIELDS}


def _render(request, organisation, form, formset, indicator=None, status=200) -> HttpResponse:
    context = {"organisation": organisation, "form": form, "formset": formset, "indicator": indicator}
    return render(request, "planning/indicator_form.html", context, status=status)


@login_required
def indicator_new(request: HttpRequest) -> HttpResponse:
    organisations = organisations_to_edit(request.user)
    slug = request.GET.get("org") or request.POST.get("org")
    organisation = next((o for o in organisations if o.slug == slug), None)
    if organisation is None and len(organisations) == 1:
        organisation = organisations[0]
    if organisation is None:
        return render(request, "planning/indicator_org_choice.html", {"organisations": organisations})
    form = IndicatorForm(request.POST or None, organisation=organisation)
    formset = TargetFormSet(request.POST or None, form_kwargs={"organisation": organisation}, prefix="targets")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            indicator = indicator_edit.create_indicator(
                organisation, request.user, goals=form.cleaned_data["goals"], targets=_targets(formset),
                **_fields(form))
        except PlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Indikatoren er opprettet. Importer verdiene fra indikatorens side."))
            return redirect(indicator)
    return _render(request, organisation, form, formset)


def _initial(indicator: Indicator) -> tuple[dict, list[dict]]:
    initial = {name: getattr(indicator, name) for name in indicator_edit.FIELDS}
    initial["goals"] = list(indicator.goals.values_list("pk", flat=True))
    initial["version"] = indicator.version
    targets = [{"goal": t.goal_id, "comparison": t.comparison, "value": t.value, "year": t.deadline.year}
               for t in indicator.targets.order_by("deadline", "pk")]
    return initial, targets


@login_required
def indicator_edit_view(request: HttpRequest, key: str) -> HttpResponse:
    indicator = get_indicator_for_user(request, key)
    if not can_edit(request.user, indicator.organisation_id):
        raise PermissionDenied
    organisation: Organisation = indicator.organisation
    initial, target_initial = _initial(indicator)
    form = IndicatorForm(request.POST or None, initial=initial, organisation=organisation, editing=True)
    formset = TargetFormSet(request.POST or None, initial=target_initial, prefix="targets",
                            form_kwargs={"organisation": organisation})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            indicator_edit.edit_indicator(indicator, request.user, version=form.cleaned_data["version"],
                                          goals=form.cleaned_data["goals"], targets=_targets(formset),
                                          **_fields(form))
        except EditConflict as exc:
            # The person's text stays in the form, now naming the current version: saving again overwrites knowingly.
            indicator.refresh_from_db()
            data = request.POST.copy()
            data["version"] = indicator.version
            form = IndicatorForm(data, organisation=organisation, editing=True)
            form.is_valid()
            form.add_error(None, str(exc))
            return _render(request, organisation, form, formset, indicator, status=409)
        except PlanError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Indikatoren er lagret."))
            return redirect(indicator)
    return _render(request, organisation, form, formset, indicator)


