"""SDG pages: index, one goal, a strategy's profile; tag decisions; an organisation's local targets.

Views authorise (strategies.access), call a data function or a service, render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from veikart.web.orgs.models import Organisation
from veikart.web.planning.models import Measure
from veikart.web.sdgtags import forms, queries, services, tasks
from veikart.web.sdgtags.models import LocalTarget, SdgGoal, SdgTarget
from veikart.web.strategies.access import can_edit, editable_organisations, get_strategy_for_user, refuse_post
from veikart.web.strategies.forms import first_error
from veikart.web.strategies.models import Strategy

# The link strategy.html shows to this app's profile page; translated in this app's catalogue.
PROFILE_LINK_TEXT = gettext_noop("Bærekraftsprofil (FNs bærekraftsmål)")


def index(request: HttpRequest) -> HttpResponse:
    rows = queries.index_data()
    if request.GET.get("format") == "json":
        return JsonResponse({"goals": [
            {"goal": r.goal.number, "title": r.goal.short, "colour": r.goal.colour,
             "confirmed": r.confirmed, "strategies": r.strategies}
            for r in rows
        ]}, json_dumps_params={"ensure_ascii": False})
    return render(request, "sdgtags/index.html", {"rows": rows})


def goal(request: HttpRequest, number: int) -> HttpResponse:
    sdg = get_object_or_404(SdgGoal, number=number)
    only_confirmed = request.GET.get("vis") == "bekreftet"
    # Proposals only of the organisations the viewer edits (staff: all); everyone else sees confirmed tags.
    proposals_for = [org.pk for org in editable_organisations(request.user)]
    data = queries.goal_data(sdg, only_confirmed=only_confirmed, page=request.GET.get("side") or 1,
                             proposals_for=proposals_for)
    if request.GET.get("format") == "json":
        return JsonResponse({
            "goal": sdg.number, "title": sdg.title, "colour": sdg.colour,
            "page": data.page.number if data.page else 1, "pages": data.page.paginator.num_pages if data.page else 1,
            "confirmed": data.confirmed, **({"proposed": data.proposed} if data.can_show_proposals else {}),
            "targets": [{"code": r.target.code, "text": r.target.text, "tagged": r.tagged,
                         "local_targets": [{"organisation": lt.organisation.slug, "code": lt.code, "text": lt.text}
                                           for lt in r.local_targets]} for r in data.targets],
            "items": [
                {"strategy": g.strategy.pk, "item": t.item_id, "measure": t.measure_id,
                 "kind": t.item.kind if t.item_id else "measure",
                 "text": t.item.text if t.item_id else t.measure.title,
                 "status": t.status, "score": t.score, "targets": t.target_codes, "why": t.why}
                for g in data.groups for t in g.tags
            ],
        }, json_dumps_params={"ensure_ascii": False})
    previous_goal = number - 1 if number > 1 else None
    next_goal = number + 1 if number < 17 else None
    return render(request, "sdgtags/goal.html", {
        "page": data, "goal": sdg, "previous_goal": previous_goal, "next_goal": next_goal,
        "filter_query": "vis=bekreftet&" if only_confirmed else "",
    })


def profile(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = get_strategy_for_user(request, strategy_id, "view")
    editor = can_edit(request.user, strategy.organisation_id)  # proposals are for the organisation's editors
    data = queries.profile_data(strategy, with_proposals=editor)
    if request.GET.get("format") == "json":
        return JsonResponse({
            "strategy": strategy.pk, "items": data.items, "untagged": data.untagged,
            "goals": [{"goal": r.goal.number, "confirmed": r.confirmed,
                       **({"proposed": r.proposed} if editor else {}),
                       "share": round(r.share, 3),
                       "mean_score": None if r.mean_score is None else round(r.mean_score, 3)} for r in data.rows],
        }, json_dumps_params={"ensure_ascii": False})
    context = {
        "strategy": strategy,
        "profile": data,
        "show_proposals": editor,
        "can_edit": can_edit(request.user, strategy.organisation_id) and strategy.status != Strategy.Status.ARCHIVED,
    }
    return render(request, "sdgtags/profile.html", context)


def _parse_what(value: str) -> dict:
    """The add form's one picker: "3" (a goal), "3.4" (a target) or "lokal-12" (a local target)."""
    value = (value or "").strip()
    if value.startswith("lokal-") and value[6:].isdigit():
        local = LocalTarget.objects.filter(pk=int(value[6:])).select_related("parent").first()
        if local is None:
            raise services.TagError(_("Ukjent lokalt delmål."))
        return {"goal": local.parent.goal_id, "targets": [local.parent_id], "local_targets": [local.pk]}
    if value.isdigit():
        return {"goal": int(value)}
    target = SdgTarget.objects.filter(code=value).first()
    if target is None:
        raise services.TagError(_("Velg et bærekraftsmål eller delmål."))
    return {"goal": target.goal_id, "targets": [target.code]}


@login_required
@require_POST
def change(request: HttpRequest, strategy_id: int) -> HttpResponse:
    """Accept, reject or add a tag, or recompute the proposals; back to where the person came from."""
    strategy = get_strategy_for_user(request, strategy_id, "edit")
    form = forms.TagDecisionForm(request.POST)
    if not form.is_valid():  # nothing is written
        messages.error(request, first_error(form))
        return _back(strategy, request.POST.get("item", ""), None, request.POST.get("tilbake", ""))
    data, user = form.cleaned_data, request.user
    action, goal, item, measure = data["action"], data["goal"], data["item"], data["measure"]
    try:
        if action == "accept":
            services.accept_tag(strategy, user, item, goal, measure_id=measure)
            messages.success(request, _("Bærekraftsmålet er godtatt."))
        elif action == "reject":
            services.reject_tag(strategy, user, item, goal, measure_id=measure)
            messages.success(request, _("Bærekraftsmålet er avvist."))
        elif action == "add":
            services.add_tag(strategy, user, item, **_parse_what(data["what"]), measure_id=measure)
            messages.success(request, _("Bærekraftsmålet er lagt til."))
        else:  # propose
            if strategy.status == Strategy.Status.ARCHIVED:
                raise services.TagError(_("Strategien er arkivert og kan ikke endres."))
            tasks.queue_proposals(strategy)  # the embedding model runs in the task worker, not here
            messages.success(request, _("Forslagene beregnes på nytt i bakgrunnen. Godtatte, avviste og egne "
                                        "merkinger beholdes."))
    except services.TagError as exc:
        messages.error(request, str(exc))
    return _back(strategy, item, measure, data["tilbake"])


def _back(strategy: Strategy, item: Any, measure: int | None, back: str) -> HttpResponse:
    """Where the decision was made: the measure's page, the profile, or the item on the review page."""
    if measure is not None:
        measure_row = Measure.objects.filter(pk=measure, plan__strategy=strategy).first()
        if measure_row is not None:
            return redirect(measure_row)
    if back == "profil" or not str(item or "").isdigit():
        return redirect("sdgtags:profile", strategy.pk)
    url = reverse("review", args=[strategy.pk])
    return redirect(f"{url}?valgt=i{item}#i{item}")


def local_targets(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's own targets under UN targets: everyone may read, its editors change."""
    organisation = get_object_or_404(Organisation, slug=slug)
    editor = can_edit(request.user, organisation)
    if request.method == "POST":
        if (refused := refuse_post(request, editor)) is not None:
            return refused
        form = forms.LocalTargetForm(request.POST)
        if not form.is_valid():  # nothing is written
            messages.error(request, first_error(form))
            return redirect("sdgtags:local_targets", organisation.slug)
        data = form.cleaned_data
        try:
            if data["action"] == "create":
                services.create_local_target(organisation, request.user, data["parent"], data["code"], data["text"])
                messages.success(request, _("Det lokale delmålet er lagt til."))
            elif data["action"] == "update":
                services.update_local_target(organisation, request.user, data["id"], data["parent"], data["code"],
                                             data["text"])
                messages.success(request, _("Det lokale delmålet er endret."))
            else:
                services.delete_local_target(organisation, request.user, data["id"])
                messages.success(request, _("Det lokale delmålet er slettet."))
        except services.TagError as exc:
            messages.error(request, str(exc))
        return redirect("sdgtags:local_targets", organisation.slug)
    targets = LocalTarget.objects.filter(organisation=organisation).select_related("parent", "parent__goal")
    context = {
        "organisation": organisation,
        "local_targets": targets,
        "can_edit": editor,
        "un_targets": SdgTarget.objects.select_related("goal") if editor else [],
    }
    return render(request, "sdgtags/local_targets.html", context)
