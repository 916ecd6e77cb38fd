"""The history page of a strategy and restoring one of its versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veikart.web.audit import services
from veikart.web.audit.describe import describe
from veikart.web.audit.forms import RestoreForm
from veikart.web.audit.models import ChangeRecord, StrategySnapshot
from veikart.web.strategies.access import can_edit, get_strategy_for_user
from veikart.web.strategies.models import Section
from veikart.web.strategies.services import StrategyError


@login_required
def history(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = get_strategy_for_user(request, strategy_id, "member")
    entries = ChangeRecord.objects.filter(strategy=strategy, version__isnull=False)  # not its plans' entries
    records = list(entries.select_related("user").order_by("-version"))
    sections = {
        pk: number or f"«{title}»"
        for pk, number, title in Section.objects.filter(strategy=strategy).values_list("pk", "number", "title")
    }
    context = {
        "strategy": strategy,
        "changes": describe(records, sections),  # readable lines ("Tekst: «…» → «…»"), not stored dicts
        "can_edit": can_edit(request.user, strategy.organisation_id),
        "restorable": set(StrategySnapshot.objects.filter(strategy=strategy).values_list("version", flat=True)),
    }
    return render(request, "audit/history.html", context)


@login_required
@require_POST
def restore(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = get_strategy_for_user(request, strategy_id, "edit")
    form = RestoreForm(request.POST)
    if not form.is_valid():  # nothing is written
        messages.error(request, _("Ugyldig verdi i feltet %(name)s.") % {"name": form.fields["version"].label})
        return redirect("history", strategy.pk)
    version = form.cleaned_data["version"]
    try:
        restored = services.restore_version(strategy, version, request.user)
    except StrategyError as exc:
        messages.error(request, str(exc))
        return redirect("history", strategy.pk)
    if restored.pk != strategy.pk:  # a published strategy: the old content is a new draft to review
        messages.success(
            request,
            _(
                "Versjon %(v)s er lagt fram som et nytt utkast. Gå gjennom det og publiser "
                "det for å erstatte den publiserte teksten."
            )
            % {"v": version},
        )
        return redirect("review", restored.pk)
    messages.success(request, _("Versjon %(v)s er gjenopprettet.") % {"v": version})
    return redirect("history", strategy.pk)
