"""Search and similar items pages: authorise, call, render."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from veikart.web.orgs.models import Organisation
from veikart.web.pagecache.middleware import public_page
from veikart.web.search.facade import Filters, more_like_this, search
from veikart.web.search.models import Kind
from veikart.web.strategies.access import get_strategy_for_user
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
