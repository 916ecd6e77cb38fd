"""Search, similar items, period comparison and plan alignment pages: authorise, call, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from veikart.compare import Relation
from veikart.web.orgs.models import Organisation
from veikart.web.pagecache.middleware import public_page
from veikart.web.search import alignment, comparison
from veikart.web.search.facade import Filters, more_like_this, search
from veikart.web.search.models import Kind
from veikart.web.strategies.access import get_strategy_for_user, is_member
from veikart.web.strategies.models import Item

MAX_QUERY_CHARS = 1000  # more is cut before anything else sees it


def _int(value: str | None, low: int, high: int) -> int | None:
    """A whole number within [low, high] from a query parameter, else None (never an error)."""
    if value is None:
        return None
    value = value.strip()
    if not value.isdigit() or len(value) > 6:
        return None
    number = int(value)
    return number if low <= number <= high else None


def _organisation_options(chosen: str | None) -> SafeString:
    """The filter's <option> per organisation (~400): plain tuples and one string, not a template loop over
    models, which was half of the search page's time (benchmarks/load.py)."""
    rows = Organisation.objects.order_by("name").values_list("slug", "name")
    return mark_safe("".join(  # noqa: S308 - every value escaped here
        f'<option value="{escape(slug)}"{" selected" if slug == chosen else ""}>{escape(name)}</option>'
        for slug, name in rows
    ))


@public_page
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "")[:MAX_QUERY_CHARS].replace("\x00", "")
    org = request.GET.get("organisasjon", "")[:80]
    filters = Filters(
        organisation=org or None,
        kind=request.GET.get("type") if request.GET.get("type") in Kind.values else None,
        year=_int(request.GET.get("aar"), 1900, 2200),
        sdg=_int(request.GET.get("bkm"), 1, 17),
        page=_int(request.GET.get("side"), 1, 10_000) or 1,
    )
    page = search(query, request.user, filters)
    params = request.GET.copy()
    params.pop("side", None)
    context = {
        "page": page,
        "query": query,
        "filters": filters,
        "kinds": Kind.choices,
        "organisation_options": _organisation_options(filters.organisation),
        "sdgs": range(1, 18),
        "base_query": params.urlencode(),
    }
    return render(request, "search/search.html", context)


def similar_plans(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = get_strategy_for_user(request, strategy_id, "view")
    rows = more_like_this(strategy, 10, request.user)
    return render(request, "search/similar.html", {"strategy": strategy, "source_text": strategy.title,
                                                   "rows": rows, "what": "plans"})


def similar_goals(request: HttpRequest, item_id: int) -> HttpResponse:
    item = Item.objects.select_related("section__strategy").filter(pk=item_id, kind=Item.Kind.GOAL).first()
    if item is None:
        raise Http404("no such goal")
    strategy = get_strategy_for_user(request, item.section.strategy_id, "view")
    rows = more_like_this(item, 10, request.user)
    return render(request, "search/similar.html", {"strategy": strategy, "source_text": item.text, "rows": rows,
                                                   "what": "goals"})


def _chosen(request: HttpRequest, name: str):
    pk = _int(request.GET.get(name), 1, 2**62)
    if pk is None:
        return None
    return get_strategy_for_user(request, pk, "view")


def compare_page(request: HttpRequest) -> HttpResponse:
    strategies = list(comparison.visible_strategies(request.user))
    old, new = _chosen(request, "a"), _chosen(request, "b")
    if old is None and new is None:
        old, new = comparison.default_pair(strategies)
    relation = request.GET.get("relasjon")
    relation = relation if relation in {r.value for r in Relation} else None
    context = {"strategies": strategies, "old": old, "new": new, "relation": relation, "data": None}
    if old is not None and new is not None and old.pk != new.pk:
        context["data"] = comparison.comparison_view(old, new, relation)
    return render(request, "search/compare.html", context)


def alignment_page(request: HttpRequest) -> HttpResponse:
    strategies = list(comparison.visible_strategies(request.user))
    references = alignment.ks_strategies()
    reference = alignment.ks_reference(_int(request.GET.get("ks"), 1, 2**62))
    own = [s for s in strategies if is_member(request.user, s.organisation_id)]
    sector = request.GET.get("visning") == "sektor"
    plan = None if sector else _chosen(request, "strategi")
    if plan is None and own and not sector:
        plan = next((s for s in own if reference is None or s.pk != reference.pk), None)
    context = {"strategies": strategies, "own": own, "plan": plan, "reference": reference,
               "references": references, "result": None, "sector": None}
    if sector and reference is not None:
        context["sector"], context["sector_plans"], context["sector_missing"] = alignment.sector(
            reference, request.user)
    elif plan is not None and reference is not None and plan.pk != reference.pk:
        context["result"] = alignment.plan_alignment(plan, reference)
    return render(request, "search/alignment.html", context)
