"""The editor's pages: review (structure beside source), edits, publish, archive (history: the audit app)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from veikart.web.pagecache import generation
from veikart.web.strategies import edits, forms, services, source_marks
from veikart.web.strategies.access import get_strategy_for_user
from veikart.web.strategies.models import Item, Section, SourcePage, Strategy
from veikart.web.strategies.tree import SectionNode, flatten, paginate, strategy_tree

# What to do about each of the importer's warnings (by its code); other codes get the general advice.
_FIX_ITEMS = gettext_lazy(
    "Velg punktene i strukturen og del, slå sammen, flytt eller slett dem, eller gjør dem om til innledning."
)
GUIDANCE = {
    "no_sections": gettext_lazy(
        "Marker en overskrift i kildeteksten og velg «Merk som kapitteloverskrift», "
        "eller legg til et kapittel under strukturen."
    ),
    "no_goals": gettext_lazy(
        "Marker teksten til et mål i kildeteksten og velg «Merk som mål». "
        "Står målene som en punktliste i et kapittels innledning, velg kapitlet og gjør punktlisten om til mål."
    ),
    "no_commitments": gettext_lazy(
        "Marker et tiltak i kildeteksten og velg «Merk som forpliktelse», "
        "eller gjør en punktliste i et kapittels innledning om til forpliktelser."
    ),
    "few_items": gettext_lazy("Gå gjennom kildeteksten side for side og merk målene og forpliktelsene som mangler."),
    "crowded_section": _FIX_ITEMS,
    "long_items": _FIX_ITEMS,
    "heading_like_items": _FIX_ITEMS,
    "duplicate_items": _FIX_ITEMS,
    "no_period": gettext_lazy("Fyll inn fra år og til år under «Tittel og periode»."),
}
GENERAL_GUIDANCE = gettext_lazy("Sammenlign strukturen med kildeteksten og rett det som mangler eller er feil.")
# Warnings that no longer hold once a person has corrected the structure (the stored list stays as imported).
RESOLVED: dict[str, Callable[[dict[str, int]], bool]] = {
    "no_sections": lambda found: found["sections"] > 0,
    "no_goals": lambda found: found["goals"] > 0,
    "no_commitments": lambda found: found["commitments"] > 0,
    "no_period": lambda found: found["period"] > 0,
}


def _selected(strategy: Strategy, key: str) -> Item | Section | None:
    """``i12`` is item 12, ``s5`` is section 5 (only within this strategy)."""
    if len(key) < 2 or not key[1:].isdigit():
        return None
    if key[0] == "i":
        return Item.objects.select_related("section").filter(pk=int(key[1:]), section__strategy=strategy).first()
    if key[0] == "s":
        return Section.objects.filter(pk=int(key[1:]), strategy=strategy).first()
    return None


def _source_view(strategy: Strategy, selected: Item | Section | None, page_param: str) -> dict[str, Any]:
    """The page of extracted text to show, split around the selected object's origin."""
    page_count = SourcePage.objects.filter(strategy=strategy).count()
    if not page_count:
        return {"available": False}
    number = 1
    start = end = None
    if selected is not None and selected.has_source:
        number = selected.source_page or 1
        start, end = selected.source_start, selected.source_end
    elif page_param.isdigit():
        number = max(1, min(int(page_param), page_count))
    page = SourcePage.objects.filter(strategy=strategy, number=number).first()
    text = page.text if page else ""
    view: dict[str, Any] = {"available": True, "number": number, "count": page_count, "paged": page_count > 1}
    if start is not None and end is not None and 0 <= start <= end <= len(text):
        view.update(before=text[:start], marked=text[start:end], after=text[end:])
    else:
        view.update(before=text, marked="", after="")
    view["previous"] = number - 1 if number > 1 else None
    view["next"] = number + 1 if number < page_count else None
    return view


def _import_notices(strategy: Strategy, sections: list[SectionNode]) -> list[dict[str, str]]:
    """The importer's warnings that still hold, in the page's language, each with what to do about it.

    A strategy without a single goal or commitment never passes for a finished
    import, even when the importer (or an older Strategy JSON) said nothing.
    """
    found = {
        "sections": len(sections),
        "goals": sum(len(node.goals) for node in sections),
        "commitments": sum(len(node.commitments) for node in sections),
        "period": int(strategy.period_start is not None and strategy.period_end is not None),
    }
    language = get_language()
    notices = [
        {"message": warning.message(language), "guidance": str(GUIDANCE.get(warning.code, GENERAL_GUIDANCE))}
        for warning in services.import_warnings(strategy)
        if not (warning.code in RESOLVED and RESOLVED[warning.code](found))
    ]
    if not notices and not found["goals"] + found["commitments"]:
        notices.append({
            "message": _("Strategien har ingen mål eller forpliktelser."),
            "guidance": str(GUIDANCE["no_goals"]),
        })
    return notices


def _parts(tree: list[SectionNode], selected: Item | Section | None, part_param: str) -> dict[str, Any]:
    """One part of a long strategy: top sections in parts of about VEIKART_STRATEGY_PAGE_ITEMS items.

    The part is ``?del=N``, or the one holding the selected item or section
    (so a select link or an edit's redirect lands on it). ``contents`` lists
    every top section with its part.
    """
    pages = paginate(tree, settings.VEIKART_STRATEGY_PAGE_ITEMS)
    part_of = {node.section.pk: number for number, page in enumerate(pages, start=1)
               for top in page for node in flatten([top])}
    section_id = selected.section_id if isinstance(selected, Item) else getattr(selected, "pk", None)
    if section_id in part_of:
        number = part_of[section_id]
    else:
        number = int(part_param) if part_param.isdigit() else 1
        number = min(max(number, 1), len(pages))
    return {
        "number": number,
        "count": len(pages),
        "nodes": pages[number - 1],
        "numbers": list(range(1, len(pages) + 1)) if len(pages) > 1 else [],
        "contents": [(top, n) for n, page in enumerate(pages, start=1) for top in page] if len(pages) > 1 else [],
    }


# The page's body is kept with this in place of the CSRF token and gets each visitor's own token on the way out.
CSRF_STAND_IN = "veikart-csrf-stand-in"  # a "-" no token has, so only the stand-ins are replaced


def _review_page(
    request: HttpRequest,
    strategy: Strategy,
    key: str,
    error: str = "",
    status: int = 200,
    field_errors: dict[str, str] | None = None,
) -> HttpResponse:
    """The review page; its body (the tree, the forms, the source text) drawn once per data generation.

    Every editor of the strategy sees the same body for the same address, so
    it is kept per process under the data generation (veikart/web/pagecache):
    any committed change draws it anew. A page with an error is always drawn.
    """
    cache_key = None
    if settings.VEIKART_PAGE_CACHE_SECONDS and not error and status == 200:
        now = generation.current()
        if now is not None:
            cache_key = (f"review:{now}:{strategy.pk}:{strategy.version}:{strategy.updated_at.isoformat()}:"
                         f"{get_language()}:{request.GET.urlencode()}")
    body = cache.get(cache_key) if cache_key else None
    if body is None:
        context = _review_context(request, strategy, key, error) | {
            "csrf_token": CSRF_STAND_IN, "field_errors": field_errors or {},
        }
        body = render_to_string("strategies/_review_body.html", context, request)
        if cache_key:
            cache.set(cache_key, body, settings.VEIKART_PAGE_CACHE_SECONDS)
    body = mark_safe(body.replace(CSRF_STAND_IN, get_token(request)))  # noqa: S308 - rendered with autoescape
    return render(request, "strategies/review.html", {"strategy": strategy, "body": body}, status=status)


def _review_context(request: HttpRequest, strategy: Strategy, key: str, error: str) -> dict[str, Any]:
    selected = _selected(strategy, key)
    tree = strategy_tree(strategy)
    sections = flatten(tree)
    parts = _parts(tree, selected, request.GET.get("del", ""))
    context = {
        "strategy": strategy,
        "tree": parts["nodes"],
        "parts": parts,
        "sections": sections,
        "import_notices": _import_notices(strategy, sections),
        "mark_choices": forms.MarkSourceForm.MARKS,
        "selected": selected,
        "selected_key": key if selected is not None else "",
        "selected_is_item": isinstance(selected, Item),
        # Looked up once here rather than once per item in the template (a page lists ~100 items).
        "selected_item_pk": selected.pk if isinstance(selected, Item) else None,
        "goal_label": Item.Kind.GOAL.label,
        "commitment_label": Item.Kind.COMMITMENT.label,
        "select_label": _("Velg punkt"),
        "source": _source_view(strategy, selected, request.GET.get("side", "")),
        "error": error,
        "kinds": Item.Kind.choices,
        "editable": strategy.status != Strategy.Status.ARCHIVED,
    }
    if isinstance(selected, Item):
        next_item = (
            Item.objects.filter(section_id=selected.section_id, kind=selected.kind)
            .filter(position__gt=selected.position)
            .order_by("position", "pk")
            .first()
        )
        context["next_item"] = next_item
        # The split field: the text on one line, so the first line break is the one the editor types.
        context["split_text"] = " ".join(selected.text.split())
    elif isinstance(selected, Section):
        context["intro_bullets"] = source_marks.intro_bullets(selected)
    return context


@login_required
def review(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = get_strategy_for_user(request, strategy_id, "edit")
    return _review_page(request, strategy, request.GET.get("valgt", ""))


# --- edits: one POST endpoint, one small parser per action ---------------------------


def _split_item(s: Strategy, u: Any, d: dict[str, Any]) -> Any:
    if d["split_text"]:
        return edits.split_item_at_break(s, u, d["item"], d["version"], d["split_text"])
    return edits.split_item(s, u, d["item"], d["version"], d["at"])


def _move_section(s: Strategy, u: Any, d: dict[str, Any]) -> Any:
    parent = d["parent"]
    return edits.move_section(
        s, u, d["section"], d["version"], d["direction"] or None,
        parent_id=int(parent) if parent and parent != "top" else None, to_top=parent == "top",
    )


def _mark_source(s: Strategy, u: Any, d: dict[str, Any]) -> Any:
    return source_marks.mark_source(
        s, u, d["version"], page=d["page"], start=d["start"], end=d["end"], text=d["text"], mark=d["mark"],
        section_id=d["section"],
    )


Edit = Callable[[Strategy, Any, dict[str, Any]], Any]
# Each action: the form that parses its POST, and the edit service it calls with the cleaned data.
ACTIONS: dict[str, tuple[type[forms.Form], Edit]] = {
    "edit_item": (forms.EditItemForm, lambda s, u, d: edits.edit_item(s, u, d["item"], d["version"], d["text"])),
    "change_kind": (
        forms.ChangeKindForm, lambda s, u, d: edits.change_kind(s, u, d["item"], d["version"], d["kind"])
    ),
    "move_item": (forms.MoveItemForm, lambda s, u, d: edits.move_item(
        s, u, d["item"], d["version"], direction=d["direction"] or None, section_id=d["section"]
    )),
    "merge_item": (forms.MergeItemForm, lambda s, u, d: edits.merge_with_next(
        s, u, d["item"], d["version"], d["next_version"]
    )),
    "split_item": (forms.SplitItemForm, _split_item),
    "add_item": (forms.AddItemForm, lambda s, u, d: edits.add_item(s, u, d["section"], d["kind"], d["text"])),
    "delete_item": (forms.ItemActionForm, lambda s, u, d: edits.delete_item(s, u, d["item"], d["version"])),
    "edit_section": (forms.EditSectionForm, lambda s, u, d: edits.edit_section(
        s, u, d["section"], d["version"], number=d["number"], title=d["title"], intro=d["intro"]
    )),
    "move_section": (forms.MoveSectionForm, _move_section),
    "add_section": (forms.AddSectionForm, lambda s, u, d: edits.add_section(
        s, u, parent_id=d["parent"], number=d["number"], title=d["title"]
    )),
    "mark_source": (forms.MarkSourceForm, _mark_source),
    "bullets_to_items": (forms.BulletsForm, lambda s, u, d: source_marks.bullets_to_items(
        s, u, d["section"], d["version"], d["kind"]
    )),
    "delete_section": (
        forms.SectionActionForm, lambda s, u, d: edits.delete_section(s, u, d["section"], d["version"])
    ),
    "edit_strategy": (forms.EditStrategyForm, lambda s, u, d: edits.edit_strategy(
        s, u, d["version"], title=d["title"], period_start=d["period_start"], period_end=d["period_end"]
    )),
}


def _key(obj: Any) -> str:
    if isinstance(obj, Item):
        return f"i{obj.pk}"
    if isinstance(obj, Section):
        return f"s{obj.pk}"
    return ""


@login_required
@require_POST
def edit(request: HttpRequest, strategy_id: int) -> HttpResponse:
    strategy = get_strategy_for_user(request, strategy_id, "edit")
    name = request.POST.get("action", "")
    key = request.POST.get("valgt", "")
    if name not in ACTIONS:
        return _review_page(request, strategy, key, _("Ukjent handling."), 400)
    form_class, action = ACTIONS[name]
    form = form_class(request.POST)
    if not form.is_valid():  # nothing is written; the errors go beside the fields
        return _review_page(request, strategy, key, forms.first_error(form), 400, forms.field_errors(name, form))
    try:
        result = action(strategy, request.user, form.cleaned_data)
    except edits.EditConflict as exc:
        return _review_page(request, strategy, key, str(exc), 409)
    except services.StrategyError as exc:
        return _review_page(request, strategy, key, str(exc), 400)
    messages.success(request, _("Endringen er lagret."))
    key = _key(result)
    url = reverse("review", args=[strategy.pk])
    return redirect(f"{url}?valgt={key}#{key}" if key else url)


def _status_step(
    request: HttpRequest, strategy_id: int, step: Callable[..., Strategy], done: str, *, refused_to_review: bool
) -> HttpResponse:
    """Publish or archive: a refusal is shown on the review page (when it can be fixed there) or on the strategy."""
    strategy = get_strategy_for_user(request, strategy_id, "edit")
    try:
        strategy = step(strategy, request.user)
    except services.StrategyError as exc:
        messages.error(request, str(exc))
        return redirect("review", strategy.pk) if refused_to_review else redirect(strategy)
    messages.success(request, done)
    return redirect(strategy)


@login_required
@require_POST
def publish(request: HttpRequest, strategy_id: int) -> HttpResponse:
    return _status_step(request, strategy_id, services.publish, _("Strategien er publisert."), refused_to_review=True)


@login_required
@require_POST
def archive(request: HttpRequest, strategy_id: int) -> HttpResponse:
    return _status_step(request, strategy_id, services.archive, _("Strategien er arkivert."), refused_to_review=False)
