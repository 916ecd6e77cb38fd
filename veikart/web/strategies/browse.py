"""Public pages: front page, organisation, strategy, Strategy JSON download."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from veikart.web.orgs.models import Membership, Organisation
from veikart.web.pagecache import generation
from veikart.web.pagecache.middleware import public_page
from veikart.web.people import access as people_access
from veikart.web.strategies.access import can_edit, get_strategy_for_user, is_member
from veikart.web.strategies.models import ImportJob, Strategy
from veikart.web.strategies.services import export_strategy_json
from veikart.web.strategies.tree import LazyTree

PUBLIC = [Strategy.Status.PUBLISHED, Strategy.Status.ARCHIVED]


@public_page
def front(request: HttpRequest) -> HttpResponse:
    organisations = list(Organisation.objects.annotate(
        published=Count("strategies", filter=Q(strategies__status__in=PUBLIC), distinct=True),
        # Action plans of public strategies (the planning app's relation, named, not imported).
        plans=Count("strategies__action_plans", filter=Q(strategies__status__in=PUBLIC), distinct=True),
    ).order_by("name"))
    # The page leads with the organisations that follow up a strategy with action plans, then those with a
    # published strategy; the hundreds of members with nothing published yet come last.
    with_plans = [org for org in organisations if org.plans]
    organisations.sort(key=lambda org: (not org.published, org.name))
    recent = (
        Strategy.objects.filter(status=Strategy.Status.PUBLISHED)
        .select_related("organisation")
        .order_by("-published_at")[:10]
    )
    context = {"organisations": organisations, "recent": recent, "with_plans": with_plans}
    return render(request, "strategies/front.html", context)


@public_page
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    org = get_object_or_404(Organisation, slug=slug)
    strategies = Strategy.objects.filter(organisation=org)
    if not is_member(request.user, org):
        strategies = strategies.filter(status__in=PUBLIC)
    strategies = strategies.order_by("-period_start", "-created_at")
    return render(
        request,
        "strategies/organisation.html",
        {"organisation": org, "strategies": strategies, "can_edit": can_edit(request.user, org),
         "can_view_members": people_access.can_view_members(request.user, org)},
    )


@public_page
def strategy(request: HttpRequest, strategy_id: int, slug: str = "") -> HttpResponse:
    item = get_strategy_for_user(request, strategy_id, "view")
    if slug != item.slug:
        return redirect(item, permanent=True)
    page = request.GET.get("side", "1")
    page = int(page) if page.isdigit() else 1
    context = {
        "strategy": item,
        "tree": LazyTree(item, page, settings.VEIKART_STRATEGY_PAGE_ITEMS),
        "page": page,
        "is_member": is_member(request.user, item.organisation_id),
        "can_edit": can_edit(request.user, item.organisation_id),
        "generation": generation.current(),  # in the tree's cache key: any committed change draws it anew
    }
    return render(request, "strategies/strategy.html", context)


def strategy_json(request: HttpRequest, strategy_id: int) -> HttpResponse:
    item = get_strategy_for_user(request, strategy_id, "view")
    body = json.dumps(export_strategy_json(item, ids=True), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="veikart-strategi-{item.pk}.json"'
    return response


def source_document(request: HttpRequest, strategy_id: int) -> FileResponse:
    """The uploaded document, always as a download: never rendered by the browser (an HTML upload stays inert)."""
    item = get_strategy_for_user(request, strategy_id, "view")
    if not item.source_file:
        raise Http404("no source document kept")
    response = FileResponse(item.source_file.open("rb"), as_attachment=True, filename=item.source_filename or "kilde",
                            content_type="application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_page(request: HttpRequest) -> HttpResponse:
    memberships = Membership.objects.filter(user=request.user).select_related("organisation")
    org_ids = [m.organisation_id for m in memberships]
    strategies = Strategy.objects.filter(organisation_id__in=org_ids).select_related("organisation")
    jobs = ImportJob.objects.filter(uploaded_by=request.user).select_related("strategy")[:10]
    context = {
        "memberships": memberships, "strategies": strategies, "jobs": jobs,
        "managed": people_access.managed_organisations(request.user),
        "sector": people_access.is_sector_staff(request.user),
    }
    return render(request, "strategies/my_page.html", context)
