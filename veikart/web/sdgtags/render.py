"""HTML fragments drawn in Python: an SDG badge and the tag lists shown beside every item.

A strategy or review page shows them for ~100 items; as template includes
they cost ~2 ms an item (200 ms a page), as format_html calls a few µs.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import floatformat
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from veikart.web.sdgtags.models import CONFIRMED, ItemTag, SdgGoal, TagStatus

# The badge's shape and the lists' layout are in sdgtags/sdg.css (linked once per page); only the goal's
# own colours are inline.
BADGE_COLOURS = "background-color:{};color:{}"


def stylesheet() -> SafeString:
    """The link to sdg.css, for pages of other apps that show tags (a body-ok <link>)."""
    return format_html('<link rel="stylesheet" href="{}">', static("sdgtags/sdg.css"))


def badge(goal: SdgGoal, *, link: bool = True, title: bool = True) -> SafeString:
    """The goal's number on its official colour (black or white text by contrast), its name beside it."""
    number = format_html(
        '<span class="sdg-badge" style="{}"><span class="visually-hidden">{} </span>{}</span>',
        format_html(BADGE_COLOURS, goal.colour, goal.text_colour), _("Bærekraftsmål nummer"), goal.number,
    )
    if not title:
        return format_html('<span class="sdg-goal">{}</span>', number)
    name = format_html('<a href="{}">{}</a>', goal.get_absolute_url(), goal.short) if link else goal.short
    return format_html('<span class="sdg-goal">{} {}</span>', number, name)


def targets(tag: ItemTag) -> SafeString:
    """" (delmål 3.4, 3.d, KS-1)": the tag's UN targets, linked to their text on the goal's page, then its
    local targets."""
    links = [(reverse("sdgtags:goal", args=[t.goal_id]) + f"#delmal-{t.code}", t.code) for t in tag.targets.all()]
    local = [t.code for t in tag.local_targets.all()]
    if not links and not local:
        return mark_safe("")
    listed = format_html_join(", ", '<a href="{}">{}</a>', links)
    if local:
        listed = format_html("{}{}{}", listed, ", " if links else "", ", ".join(local))
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
    return format_html('<ul class="sdg-tags sdg-inline" aria-label="{}">{}</ul>',
                       _("Bærekraftsmål"), mark_safe("".join(rows)))


def _decision_button(action: str, goal: int, label: str) -> SafeString:
    return format_html(
        '<button type="submit" name="decide" value="{}-{}">{}<span class="visually-hidden"> {}</span></button>',
        action, goal, label, _("bærekraftsmål %(n)s") % {"n": goal},
    )


def review_tags(
    tags: Iterable[ItemTag], *, field: str, pk: int, action_url: str, csrf: str, editable: bool
) -> SafeString:
    """Every tag with status, strength and reason; accept/reject buttons when the page is editable.

    ``field`` is "item" or "measure", the form field that names the tagged object.
    """
    rows = []
    any_buttons = False
    for tag in tags:
        shown = badge(tag.goal)
        if tag.status == TagStatus.REJECTED:
            shown = format_html("<del>{}</del>", shown)
        score = ""
        if tag.score is not None:
            score = format_html(", {}", _("styrke %(score)s") % {"score": floatformat(tag.score, 2)})
        why = format_html(' <span class="sdg-why meta">– {}</span>', tag.why) if tag.why else ""
        buttons = []
        if editable and tag.status not in CONFIRMED:
            buttons.append(_decision_button("accept", tag.goal_id, _("Godta")))
        if editable and tag.status != TagStatus.REJECTED:
            buttons.append(_decision_button("reject", tag.goal_id, _("Avvis")))
        any_buttons = any_buttons or bool(buttons)
        rows.append(format_html(
            "<li>{}{} <strong>{}</strong>{}{} {}</li>",
            shown, targets(tag), tag.get_status_display(), score, why, mark_safe(" ".join(buttons)),
        ))
    if not rows:
        body = format_html('<p class="meta">{}</p>', _("Ingen bærekraftsmål foreslått."))
    else:
        body = format_html('<ul class="sdg-tags" aria-label="{}">{}</ul>', _("Bærekraftsmål"), mark_safe("".join(rows)))
    if any_buttons:  # one form per item: each button says what it decides ("accept-9")
        body = format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="{}" value="{}">{}</form>', action_url, csrf, field, pk, body,
        )
    return format_html('<div class="sdg-review">{}</div>', body)
