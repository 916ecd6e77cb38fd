"""Corrections made from the source text: a person's selection marked as a goal, a commitment or a section
heading, and an introduction's bullets turned into items; each an edit as in ``edits`` (one transaction, the
strategy row locked, a stale version refused, recorded in the audit trail)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from veikart.web.actions import Action
from veikart.web.strategies import sourcetext
from veikart.web.strategies.changes import changed
from veikart.web.strategies.edits import (
    check_strategy_version,
    editing,
    get_section,
    item_state,
    next_position,
    renumber,
    save_fields,
    section_siblings,
    section_state,
)
from veikart.web.strategies.models import Item, Section, SourcePage, Strategy
from veikart.web.strategies.services import StrategyError

HEADING = "heading"  # "mark as a section heading": a new section starts at the selection

Place = tuple[int, int]  # (page, character): the order of things in the source text


def _place(row: Item | Section | dict[str, Any]) -> Place:
    page, start = (
        (row["source_page"], row["source_start"]) if isinstance(row, dict) else (row.source_page, row.source_start)
    )
    return (page or 1, start or 0)  # unpaged formats keep their whole text as page 1


def _containing_section(strategy: Strategy, at: Place) -> Section | None:
    """The section the text at ``at`` lies in: the one whose heading or items come last before it.

    Text before every heading and item goes to the first section. Two queries.
    """
    fields = ("source_page", "source_start")
    anchors = [
        (_place(row), row["pk"])
        for row in Section.objects.filter(strategy=strategy, has_source=True).values("pk", *fields)
    ]
    anchors += [
        (_place(row), row["section_id"])
        for row in Item.objects.filter(section__strategy=strategy, has_source=True).values("section_id", *fields)
    ]
    before = [anchor for anchor in anchors if anchor[0] <= at]
    if before:
        return Section.objects.select_for_update().get(pk=max(before)[1])
    return Section.objects.select_for_update().filter(strategy=strategy, parent=None).order_by("position", "pk").first()


def _located(
    strategy: Strategy, page_number: int, start: int | None, end: int | None, text: str
) -> tuple[int, int, str]:
    """The selection's offsets in the stored page text, checked, and the words there.

    Without offsets (typed or pasted by a keyboard user) the text is looked up on the page.
    """
    page = SourcePage.objects.filter(strategy=strategy, number=page_number).first()
    if page is None:
        raise StrategyError(_("Side %(page)s finnes ikke i kildeteksten.") % {"page": page_number})
    if not text.strip():
        raise StrategyError(_("Marker tekst i kildeteksten først."))
    if start is None or end is None:
        found = sourcetext.find(page.text, text)
        if found is None:
            raise StrategyError(
                _("Teksten «%(text)s» står ikke på side %(page)s i kildeteksten.")
                % {"text": sourcetext.one_line(text)[:80], "page": page_number}
            )
        start, end = found
    elif not (0 <= start < end <= len(page.text)) or not sourcetext.same_words(page.text[start:end], text):
        raise StrategyError(
            _(
                "Den markerte teksten stemmer ikke med kildeteksten på side %(page)s (tegn %(start)s–%(end)s). "
                "Last siden på nytt og marker teksten igjen."
            )
            % {"page": page_number, "start": start, "end": end}
        )
    start, end = sourcetext.trim(page.text, start, end)
    if start >= end:
        raise StrategyError(_("Marker tekst i kildeteksten først."))
    return start, end, sourcetext.one_line(page.text[start:end])


def _insert_index(rows: list[Item], at: Place) -> int:
    """Where a new item found at ``at`` goes among ``rows``: after the last one that comes before it."""
    earlier = [i for i, row in enumerate(rows) if row.has_source and _place(row) <= at]
    if earlier:
        return earlier[-1] + 1
    return 0 if any(row.has_source for row in rows) else len(rows)


def mark_source(
    strategy: Strategy,
    user: AbstractBaseUser,
    version: int | None,
    *,
    page: int,
    start: int | None,
    end: int | None,
    text: str,
    mark: str,
    section_id: int | None = None,
) -> Item | Section:
    """Make the text a person selected in the source into a goal, a commitment or a section heading.

    The offsets must point at that text in the stored page (or, without offsets,
    the text must occur on the page). The new item goes into ``section_id`` or
    the section the text lies in; a heading starts a new section there (see
    ``_mark_heading``). Checked against the strategy's version: where the text
    goes depends on the whole structure the person saw.
    """
    with editing(strategy) as strategy:
        check_strategy_version(strategy, version)
        start, end, words = _located(strategy, page, start, end, text)
        chosen = get_section(strategy, section_id, None, check=False) if section_id else None
        if mark == HEADING:
            return _mark_heading(strategy, user, chosen, (page, start), end, words)
        if mark not in Item.Kind.values:
            raise StrategyError(_("Ukjent type: %(kind)s") % {"kind": mark})
        section = chosen or _containing_section(strategy, (page, start))
        if section is None:
            raise StrategyError(_("Strategien har ingen kapitler ennå: merk først en overskrift som kapittel."))
        same_place = {"source_page": page, "source_start": start, "source_end": end}
        if Item.objects.filter(section__strategy=strategy, **same_place).exists():
            raise StrategyError(_("Denne teksten er allerede et punkt i strategien."))
        rows = list(Item.objects.filter(section=section, kind=mark).order_by("position", "pk"))
        item = Item(
            section=section, kind=mark, text=words, has_source=True,
            source_page=page, source_start=start, source_end=end,
        )
        item.save()
        rows.insert(_insert_index(rows, (page, start)), item)
        renumber(rows)
        changed(strategy, user, Action.ADD_ITEM, item, None, item_state(item))
    return item


def _mark_heading(
    strategy: Strategy, user: AbstractBaseUser, chosen: Section | None, at: Place, end: int, words: str
) -> Section:
    """A new section at ``at``, placed right after the section the heading lies in (or ``chosen``).

    Items of that section which come after the heading in the source move into
    the new section, and so do its subsections that come after it. A numbered
    heading («3 Økonomi» after «2.2») is placed beside the section of its own
    depth. Before every section, the new one becomes the first top-level section.
    """
    number, title = sourcetext.heading_parts(words)
    containing = chosen or _containing_section(strategy, at)
    previous = containing
    if number and previous is not None:
        depth = number.count(".")
        while previous.parent_id and (previous.number is None or previous.number.count(".") > depth):
            previous = get_section(strategy, previous.parent_id, None, check=False)
    if previous is None or (chosen is None and previous.has_source and at < _place(previous)):
        siblings = list(Section.objects.filter(strategy=strategy, parent=None).order_by("position", "pk"))
        parent, index = None, 0
    else:
        siblings = section_siblings(previous)
        parent, index = previous.parent, next(i for i, row in enumerate(siblings) if row.pk == previous.pk) + 1
    section = Section.objects.create(
        strategy=strategy, parent=parent, number=number, title=title, position=index,
        has_source=True, source_page=at[0], source_start=at[1], source_end=end,
    )
    siblings.insert(index, section)
    renumber(siblings)
    moved = 0
    if containing is not None and (parent is not None or index > 0):
        for kind in Item.Kind.values:
            rows = list(Item.objects.filter(section=containing, kind=kind).order_by("position", "pk"))
            later = [row for row in rows if row.has_source and _place(row) > at]
            for row in later:
                row.section = section
                save_fields(row, "section")
            renumber(later)
            renumber([row for row in rows if row not in later])
            moved += len(later)
        if previous is not None:
            children = [row for row in _children(previous) if row.has_source and _place(row) > at]
            for row in children:
                row.parent = section
                save_fields(row, "parent")
            renumber(children)
    after = section_state(section)
    if moved:
        after["items"] = moved  # as delete_section's record counts the items that went with the section
    changed(strategy, user, Action.ADD_SECTION, section, None, after)
    return section


def _children(section: Section) -> list[Section]:
    return list(Section.objects.filter(parent=section).order_by("position", "pk"))


def intro_bullets(section: Section) -> list[str]:
    """The entries of the bulleted or numbered list in the section's introduction (for the review page)."""
    return sourcetext.split_bullets(section.intro)[1]


def bullets_to_items(
    strategy: Strategy, user: AbstractBaseUser, section_id: int, version: int | None, kind: str
) -> Section:
    """Turn the list in a section's introduction into goals or commitments, taking it out of the intro.

    Each new item points at its text in the source when it is found from the
    section's page on. Recorded as one change of the section: its intro split into items.
    """
    with editing(strategy) as strategy:
        section = get_section(strategy, section_id, version)
        if kind not in Item.Kind.values:
            raise StrategyError(_("Ukjent type: %(kind)s") % {"kind": kind})
        intro, bullets = sourcetext.split_bullets(section.intro)
        if not bullets:
            raise StrategyError(_("Innledningen har ingen punktliste å gjøre om til punkter."))
        before = section_state(section)
        pages = SourcePage.objects.filter(strategy=strategy)
        if section.has_source:
            pages = pages.filter(number__gte=section.source_page or 1, number__lte=(section.source_page or 1) + 2)
        texts = list(pages.order_by("number").values_list("number", "text"))
        cursor = (texts[0][0], section.source_start or 0) if texts and section.has_source else None
        position = next_position(section, kind)
        created: list[Item] = []
        for offset, text in enumerate(bullets):
            item = Item(section=section, kind=kind, text=text, position=position + offset)
            found = _find_after(texts, text, cursor) if cursor else None
            if found is not None:
                page, start, end = found
                item.has_source, item.source_page, item.source_start, item.source_end = True, page, start, end
                cursor = (page, end)
            created.append(item)
        Item.objects.bulk_create(created)
        section.intro = intro
        save_fields(section, "intro")
        changed(strategy, user, Action.EDIT_SECTION, section, before, [item_state(i) for i in created])
    return section


def _find_after(texts: list[tuple[int, str]], text: str, cursor: Place) -> tuple[int, int, int] | None:
    for number, page in texts:
        if number < cursor[0]:
            continue
        found = sourcetext.find(page, text, cursor[1] if number == cursor[0] else 0)
        if found:
            return number, found[0], found[1]
    return None
