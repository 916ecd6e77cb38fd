"""Template tags: an SDG's badge, and an item's tags without one query per item."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from veikart.web.sdgtags import render
from veikart.web.sdgtags.models import ItemTag, LocalTarget, SdgGoal
from veikart.web.sdgtags.queries import tags_by_item, tags_by_measure, visible_statuses
from veikart.web.strategies.access import can_edit

register = template.Library()


@register.simple_tag
def sdg_badge(goal: SdgGoal, link: bool = True, title: bool = True) -> SafeString:
    """The goal's number drawn on its official colour, with its name as text beside it."""
    return render.badge(goal, link=link, title=title)


@register.simple_tag
def sdg_targets(tag: ItemTag) -> SafeString:
    """" (delmål 3.4, KS-1)" for a tag with targets; nothing without."""
    return render.targets(tag)


def _stylesheet_once(context) -> SafeString:
    """sdg.css for pages of other apps: linked before the first tag list of the request, never again."""
    holder = context.get("request") or context.get("strategy")
    if holder is None or getattr(holder, "_sdg_css_linked", False):
        return mark_safe("")
    holder._sdg_css_linked = True
    return render.stylesheet()


def _sees_proposals(context, organisation_id: int) -> bool:
    """Proposals are shown to the organisation's editors only: nobody else sees a tag no person has looked at."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and can_edit(user, organisation_id))


@register.simple_tag(takes_context=True)
def sdg_item_tags(context, item) -> SafeString:
    """The strategy page's tags of one goal/commitment: confirmed tags; for the organisation's editors also
    proposals, marked as proposals with their strength."""
    tags = item_sdg_tags(context, item)
    return mark_safe(_stylesheet_once(context) + render.item_tags(tags)) if tags else mark_safe("")


@register.simple_tag(takes_context=True)
def sdg_review_tags(context, item) -> SafeString:
    """The review page's tags of one goal/commitment, with accept/reject buttons when editable."""
    strategy = context["strategy"]
    csrf, editable = str(context.get("csrf_token") or ""), bool(context.get("editable"))
    if getattr(item, "section", None) is None:  # an item outside a strategy's tree: its own queries
        html = render.review_tags(item_sdg_tags(context, item, True), field="item", pk=item.pk,
                                  action_url=_change_url(strategy), csrf=csrf, editable=editable)
        return mark_safe(_stylesheet_once(context) + html)
    # Every item's list is drawn in the first call, in one pass over the strategy's tags (four queries).
    key = (csrf, editable)
    drawn = getattr(strategy, "_sdg_review_html", None)
    if drawn is None or drawn[0] != key:
        drawn = (key, render.strategy_review_tags(strategy, action_url=_change_url(strategy), csrf=csrf,
                                                  editable=editable))
        strategy._sdg_review_html = drawn
    html = drawn[1].get(item.pk)
    if html is None:
        html = _no_tags(strategy, csrf, editable)
    return mark_safe(_stylesheet_once(context) + html)


def _no_tags(strategy, csrf: str, editable: bool) -> str:
    """The same "no proposals" paragraph for every untagged item, drawn once."""
    html = getattr(strategy, "_sdg_review_empty", None)
    if html is None:
        html = strategy._sdg_review_empty = render.review_tags(
            [], field="item", pk=0, action_url=_change_url(strategy), csrf=csrf, editable=editable)
    return html


def _change_url(strategy) -> str:
    url = getattr(strategy, "_sdg_change_url", None)
    if url is None:
        url = strategy._sdg_change_url = reverse("sdgtags:change", args=[strategy.pk])
    return url


@register.simple_tag(takes_context=True)
def item_sdg_tags(context, item, with_rejected: bool = False) -> list[ItemTag]:
    """The item's tags the viewer may see (proposals and rejections: the organisation's editors only).

    All tags of the page's strategy are read once and kept on it for the request.
    """
    strategy = context.get("strategy")
    if strategy is None or getattr(item, "section", None) is None:
        owner = item.section.strategy if getattr(item, "section", None) is not None else strategy
        editor = owner is not None and _sees_proposals(context, owner.organisation_id)
        statuses = visible_statuses(editor, with_rejected and editor)
        tags = ItemTag.objects.filter(item=item, status__in=statuses)
        return list(tags.select_related("goal").prefetch_related("targets", "local_targets"))
    editor = _sees_proposals(context, strategy.organisation_id)
    rejected = with_rejected and editor
    attribute = "_sdg_tags_all" if rejected else "_sdg_tags_shown" if editor else "_sdg_tags_confirmed"
    cached = getattr(strategy, attribute, None)
    if cached is None:
        cached = tags_by_item(strategy, with_proposals=editor, with_rejected=rejected)
        setattr(strategy, attribute, cached)
    return cached.get(item.pk, [])


@register.simple_tag(takes_context=True)
def sdg_choices(context) -> list[dict]:
    """Goals with their targets and the organisation's local targets, for the "add a tag" picker."""
    strategy = context.get("strategy")
    cached = getattr(strategy, "_sdg_choices", None) if strategy is not None else None
    if cached is not None:
        return cached
    locals_by_target: dict[str, list[LocalTarget]] = {}
    if strategy is not None:
        for local in LocalTarget.objects.filter(organisation_id=strategy.organisation_id):
            locals_by_target.setdefault(local.parent_id, []).append(local)
    choices = []
    for goal in SdgGoal.objects.prefetch_related("targets"):
        options = [{"value": str(goal.number), "label": _("Hele målet: %(name)s") % {"name": goal.short}}]
        for target in goal.targets.all():
            options.append({"value": target.code, "label": f"{target.code} {_clip(target.text)}"})
            for local in locals_by_target.get(target.code, []):
                options.append({"value": f"lokal-{local.pk}", "label": f"  {local.code} {_clip(local.text)}"})
        choices.append({"goal": goal, "options": options})
    if strategy is not None:
        strategy._sdg_choices = choices
    return choices


@register.simple_tag(takes_context=True)
def sdg_add_options(context) -> SafeString:
    """The picker's <optgroup>s (~170 targets), drawn in Python: a template loop cost ~8 ms a page."""
    groups = []
    for group in sdg_choices(context):
        options = "".join(f'<option value="{escape(o["value"])}">{escape(o["label"])}</option>'
                          for o in group["options"])
        goal = group["goal"]
        groups.append(f'<optgroup label="{goal.number} {escape(goal.short)}">{options}</optgroup>')
    return mark_safe("".join(groups))  # noqa: S308 - every value escaped above


def _clip(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


@register.inclusion_tag("sdgtags/measure_tags.html", takes_context=True)
def measure_sdg_tags(context, measure) -> dict:
    """A measure's SDG tags for planning pages; with accept/reject/add forms for the organisation's editors.

    Use: ``{% load sdgtags %}{% measure_sdg_tags measure %}``.
    """
    strategy = measure.plan.strategy
    request = context.get("request")
    user = getattr(request, "user", None)
    editor = bool(user and can_edit(user, strategy.organisation_id)) and strategy.status != "archived"
    # Proposals and rejections are for the organisation's editors; others see what a person confirmed.
    sees_proposals = bool(user and can_edit(user, strategy.organisation_id))
    tags = tags_by_measure([measure], with_proposals=sees_proposals, with_rejected=sees_proposals).get(measure.pk, [])
    csrf = str(context.get("csrf_token") or "")
    html = render.review_tags(tags, field="measure", pk=measure.pk, action_url=_change_url(strategy), csrf=csrf,
                              editable=editor)
    html = mark_safe(_stylesheet_once(context) + html)
    return {"measure": measure, "strategy": strategy, "tags_html": html, "editor": editor,
            "csrf_token": context.get("csrf_token"), "request": request}
