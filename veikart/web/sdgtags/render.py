"""HTML fragments drawn in Python: an SDG badge and the tag lists shown beside every item.

A strategy or review page shows them for ~100 items; as template includes
they cost ~2 ms an item (200 ms a page), as format_html calls a few µs.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.template.defaultfilters import floatformat
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
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
    """Read-only list for the strategy page: confirmed tags, and proposals (which only the organisation's
    editors are given) marked as proposals with their strength."""
    rows = []
    for tag in tags:
        proposed, css = "", ""
        if tag.status == TagStatus.PROPOSED:
            proposed = format_html(' <span class="meta">{}</span>',
                                   _("(foreslått, styrke %(score)s)") % {"score": floatformat(tag.score, 2)})
            css = mark_safe(' class="sdg-proposed"')
        rows.append(format_html("<li{}>{}{}{}</li>", css, badge(tag.goal), targets(tag), proposed))
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


# --- the review page: every item's tag list in one pass ----------------------------------------

# A person's tags first, then proposals by score, rejected last (as queries.tags_by_item orders them).
_ORDER = {TagStatus.ACCEPTED: 0, TagStatus.ADDED: 0, TagStatus.PROPOSED: 1, TagStatus.REJECTED: 2}


class _ReviewParts:
    """What every item's list repeats, drawn once per page: goal badges, buttons, translated words.

    review_tags() costs ~40 format_html calls and a reverse() per tag; with these
    parts a tag is one string join, and only its own reason is escaped.
    """

    def __init__(self, goals: Iterable[SdgGoal], *, editable: bool) -> None:
        self.badges = {g.number: str(badge(g)) for g in goals}
        self.goal_urls = {number: reverse("sdgtags:goal", args=[number]) for number in self.badges}
        self.rejected_badges = {n: f"<del>{b}</del>" for n, b in self.badges.items()}
        self.accept = {n: str(_decision_button("accept", n, _("Godta"))) for n in self.badges} if editable else {}
        self.reject = {n: str(_decision_button("reject", n, _("Avvis"))) for n in self.badges} if editable else {}
        self.status = {s: str(s.label) for s in TagStatus}
        self.targets_word = str(escape(_("delmål")))
        self.strength = _("styrke %(score)s")
        self.scores: dict[float, str] = {}

    def score(self, value: float) -> str:
        text = self.scores.get(value)
        if text is None:  # floatformat (locale's decimal comma, half-up rounding) once per distinct score
            text = self.scores[value] = str(escape(self.strength % {"score": floatformat(value, 2)}))
        return text


def _targets_html(parts: _ReviewParts, goal: int, codes: list[str], local: list[str]) -> str:
    """As targets(), from plain codes."""
    if not codes and not local:
        return ""
    url = parts.goal_urls[goal]
    listed = ", ".join(f'<a href="{url}#delmal-{escape(c)}">{escape(c)}</a>' for c in codes)
    if local:
        listed += (", " if codes else "") + str(escape(", ".join(local)))
    return f' <span class="sdg-targets">({parts.targets_word} {listed})</span>'


def strategy_review_tags(strategy, *, action_url: str, csrf: str, editable: bool) -> dict[int, SafeString]:
    """Every item's review list (as review_tags() draws it), keyed by item id, in four queries.

    Items without tags are not in the dict: draw them with ``review_tags([], ...)``.
    Plain values (``values_list``) rather than models with prefetched relations:
    building ~200 ItemTag, target and local target objects was most of the page's time.
    """
    rows = list(
        ItemTag.objects.filter(strategy=strategy, item__isnull=False)
        .values_list("pk", "item_id", "goal_id", "status", "score", "why")
    )
    if not rows:
        return {}
    codes, local = _target_codes_by_tag(strategy)
    parts = _ReviewParts(SdgGoal.objects.all(), editable=editable)
    lines, has_buttons = _review_lines(rows, parts, codes, local, editable)
    return _review_forms(lines, has_buttons, action_url, csrf)


def _target_codes_by_tag(strategy) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """The SDG target codes and the local target codes of every item tag of the strategy, in catalogue order."""
    through_targets = ItemTag.targets.through.objects.filter(itemtag__strategy=strategy, itemtag__item__isnull=False)
    codes: dict[int, list[str]] = {}
    for tag_id, code in through_targets.order_by("sdgtarget__position", "sdgtarget_id").values_list(
        "itemtag_id", "sdgtarget_id"
    ):
        codes.setdefault(tag_id, []).append(code)
    through_local = ItemTag.local_targets.through.objects.filter(
        itemtag__strategy=strategy, itemtag__item__isnull=False
    )
    local: dict[int, list[str]] = {}
    for tag_id, code in through_local.order_by("localtarget__parent__position", "localtarget__code").values_list(
        "itemtag_id", "localtarget__code"
    ):
        local.setdefault(tag_id, []).append(code)
    return codes, local


def _review_lines(
    rows: list[tuple], parts: _ReviewParts, codes: dict[int, list[str]], local: dict[int, list[str]], editable: bool
) -> tuple[dict[int, list[str]], set[int]]:
    """Each item's <li> lines, best first, and the items that have a button (they need a form)."""
    lines: dict[int, list[str]] = {}
    has_buttons: set[int] = set()
    rows.sort(key=lambda r: (_ORDER[r[3]], -(r[4] or 0), r[2]))
    for tag_id, item_id, goal, status, score, why in rows:
        rejected = status == TagStatus.REJECTED
        shown = parts.rejected_badges[goal] if rejected else parts.badges[goal]
        buttons = []
        if editable and status not in CONFIRMED:
            buttons.append(parts.accept[goal])
        if editable and not rejected:
            buttons.append(parts.reject[goal])
        if buttons:
            has_buttons.add(item_id)
        lines.setdefault(item_id, []).append("".join((
            "<li>", shown, _targets_html(parts, goal, codes.get(tag_id, []), local.get(tag_id, [])),
            " <strong>", parts.status[status], "</strong>",
            ", " + parts.score(score) if score is not None else "",
            f' <span class="sdg-why meta">– {escape(why)}</span>' if why else "",
            " ", " ".join(buttons), "</li>",
        )))
    return lines, has_buttons


def _review_forms(
    lines: dict[int, list[str]], has_buttons: set[int], action_url: str, csrf: str
) -> dict[int, SafeString]:
    """Each item's list, inside a form of its own when it has buttons."""
    label = str(escape(_("Bærekraftsmål")))
    form_start = str(format_html(
        '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="item" value="', action_url, csrf,
    ))
    drawn = {}
    for item_id, items in lines.items():
        body = f'<ul class="sdg-tags" aria-label="{label}">{"".join(items)}</ul>'
        if item_id in has_buttons:  # one form per item: each button says what it decides ("accept-9")
            body = f'{form_start}{item_id}">{body}</form>'
        drawn[item_id] = mark_safe(f'<div class="sdg-review">{body}</div>')  # noqa: S308 - parts escaped above
    return drawn
