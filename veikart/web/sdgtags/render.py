"""HTML fragments drawn in Python: an SDG badge and the tag lists shown beside every item.

A strategy or review page shows them for ~100 items; as template includes
they cost ~2 ms an item (200 ms a page), as format_html calls a few µs.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from veikart.web.sdgtags.models import CONFIRMED, ItemTag, SdgGoal, TagStatus

BADGE_STYLE = (
    "display:inline-block;min-width:1.9em;padding:0.05em 0.3em;border-radius:3px;font-weight:700;"
    "text-align:center;background-color:{};color:{}"
)
LIST_STYLE = (
    "list-style:none;padding:0;margin:0.2rem 0 0.4rem;display:flex;flex-wrap:wrap;gap:0.2rem 1rem;font-size:0.9rem"
)


def badge(goal: SdgGoal, *, link: bool = True, title: bool = True) -> SafeString:
    """The goal's number on its official colour (black or white text by contrast), its name beside it."""
    number = format_html(
        '<span class="sdg-badge" style="{}"><span class="visually-hidden">{} </span>{}</span>',
        format_html(BADGE_STYLE, goal.colour, goal.text_colour), _("Bærekraftsmål nummer"), goal.number,
    )
    if not title:
        return format_html('<span class="sdg-goal">{}</span>', number)
    name = format_html('<a href="{}">{}</a>', goal.get_absolute_url(), goal.short) if link else goal.short
    return format_html('<span class="sdg-goal">{} {}</span>', number, name)


def targets(tag: ItemTag) -> SafeString:
    """" (delmål 3.4, 3.d, KS-1)": the tag's UN targets, then its local targets."""
    codes = [(t.text, t.code) for t in tag.targets.all()] + [(t.text, t.code) for t in tag.local_targets.all()]
    if not codes:
        return mark_safe("")
    listed = format_html_join(", ", '<abbr title="{}">{}</abbr>', codes)
    return format_html(' <span class="sdg-targets">({} {})</span>', _("delmål"), listed)


def item_tags(tags: Iterable[ItemTag]) -> SafeString:
    """Read-only list for the public strategy page: confirmed tags, proposals with their strength."""
    rows = []
    for tag in tags:
        proposed = ""
        if tag.status == TagStatus.PROPOSED:
            proposed = format_html(' <span class="meta">{}</span>',
                                   _("(foreslått, styrke %(score)s)") % {"score": floatformat(tag.score, 2)})
        rows.append(format_html("<li>{}{}{}</li>", badge(tag.goal), targets(tag), proposed))
    if not rows:
        return mark_safe("")
    return format_html('<ul class="sdg-tags" aria-label="{}" style="{}">{}</ul>',
                       _("Bærekraftsmål"), LIST_STYLE, mark_safe("".join(rows)))


def _decision_form(action_url: str, csrf: str, action: str, field: str, pk: int, goal: int, label: str) -> SafeString:
    return format_html(
        '<form method="post" action="{}" class="inline"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="action" value="{}"><input type="hidden" name="{}" value="{}">'
        '<input type="hidden" name="goal" value="{}">'
        '<button type="submit">{}<span class="visually-hidden"> {}</span></button></form>',
        action_url, csrf, action, field, pk, goal, label, _("bærekraftsmål %(n)s") % {"n": goal},
    )


def review_tags(
    tags: Iterable[ItemTag], *, field: str, pk: int, action_url: str, csrf: str, editable: bool
) -> SafeString:
    """Every tag with status, strength and reason; accept/reject buttons when the page is editable.

    ``field`` is "item" or "measure", the form field that names the tagged object.
    """
    rows = []
    for tag in tags:
        shown = badge(tag.goal)
        if tag.status == TagStatus.REJECTED:
            shown = format_html("<del>{}</del>", shown)
        score = ""
        if tag.score is not None:
            score = format_html(", {}", _("styrke %(score)s") % {"score": floatformat(tag.score, 2)})
        why = format_html(' <span class="sdg-why meta">– {}</span>', tag.why) if tag.why else ""
        forms = []
        if editable and tag.status not in CONFIRMED:
            forms.append(_decision_form(action_url, csrf, "accept", field, pk, tag.goal_id, _("Godta")))
        if editable and tag.status != TagStatus.REJECTED:
            forms.append(_decision_form(action_url, csrf, "reject", field, pk, tag.goal_id, _("Avvis")))
        rows.append(format_html(
            '<li style="margin:0.2rem 0">{}{} <strong>{}</strong>{}{} {}</li>',
            shown, targets(tag), tag.get_status_display(), score, why, mark_safe(" ".join(forms)),
        ))
    if not rows:
        body = format_html('<p class="meta" style="margin:0">{}</p>', _("Ingen bærekraftsmål foreslått."))
    else:
        body = format_html('<ul class="sdg-tags" aria-label="{}" style="list-style:none;padding:0;margin:0">{}</ul>',
                           _("Bærekraftsmål"), mark_safe("".join(rows)))
    return format_html('<div class="sdg-review" style="font-size:0.9rem;margin:0.3rem 0 0.5rem">{}</div>', body)
