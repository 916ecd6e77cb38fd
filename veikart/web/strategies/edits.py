"""The review screen's edits: items and sections, each recorded in the audit trail.

Every edit of an existing object names the version it was made against. A
stale version raises EditConflict and changes nothing, so one person never
silently overwrites another's newer edit. Each edit is one transaction with
the strategy row locked (on SQLite, an IMMEDIATE transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.web.actions import Action
from veikart.web.strategies import sourcetext
from veikart.web.strategies.changes import changed, lock_strategy
from veikart.web.strategies.models import Item, Section, SourcePage, Strategy
from veikart.web.strategies.services import StrategyError

INTRO = "intro"  # "change kind to introduction": the text joins its section's introduction


class EditConflict(StrategyError):
    """Someone else changed the object after the editor loaded it."""


@contextmanager
def _editing(strategy: Strategy) -> Iterator[Strategy]:
    with transaction.atomic():
        locked = lock_strategy(strategy)
        if locked.status == Strategy.Status.ARCHIVED:
            raise StrategyError(_("En arkivert strategi kan ikke endres."))
        yield locked


def check_version(obj: Any, version: int | None, message: str) -> None:
    """Optimistic locking for any row with ``version`` and ``updated_at`` (call with the row locked).

    Raises EditConflict, with ``message`` % {"time": when the row last changed},
    unless ``version`` is the row's current one; the caller then writes nothing.
    """
    if version is None or int(version) != obj.version:
        when = timezone.localtime(obj.updated_at).strftime("%H:%M")
        raise EditConflict(message % {"time": when})


def _check_version(obj: Item | Section, version: int | None) -> None:
    if isinstance(obj, Item):
        message = _("Noen andre endret dette punktet kl. %(time)s; last siden på nytt for å se endringen.")
    else:
        message = _("Noen andre endret dette kapitlet kl. %(time)s; last siden på nytt for å se endringen.")
    check_version(obj, version, message)


def _check_strategy_version(strategy: Strategy, version: int | None) -> None:
    """For changes whose place is worked out from the whole structure: any change since loading conflicts."""
    if version is None or int(version) != strategy.version:
        when = timezone.localtime(strategy.updated_at).strftime("%H:%M")
        raise EditConflict(
            _("Noen andre endret strategien kl. %(time)s; last siden på nytt for å se endringen.") % {"time": when}
        )


def _item(strategy: Strategy, item_id: int, version: int | None) -> Item:
    item = Item.objects.select_for_update(of=("self",)).filter(pk=item_id, section__strategy=strategy).first()
    if item is None:
        raise EditConflict(_("Punktet finnes ikke lenger; last siden på nytt."))
    _check_version(item, version)
    return item


def _section(strategy: Strategy, section_id: int, version: int | None, *, check: bool = True) -> Section:
    section = Section.objects.select_for_update().filter(pk=section_id, strategy=strategy).first()
    if section is None:
        raise EditConflict(_("Kapitlet finnes ikke lenger; last siden på nytt."))
    if check:
        _check_version(section, version)
    return section


def _clean_text(text: str | None, what: str) -> str:
    text = (text or "").strip()
    if not text:
        raise StrategyError(_("%(what)s kan ikke være tom.") % {"what": what})
    return text


def item_state(item: Item) -> dict[str, Any]:
    return {"section": item.section_id, "kind": item.kind, "text": item.text, "position": item.position}


def section_state(section: Section) -> dict[str, Any]:
    return {
        "parent": section.parent_id,
        "number": section.number,
        "title": section.title,
        "intro": section.intro,
        "position": section.position,
    }


def _save(obj: Item | Section, *fields: str) -> None:
    obj.version += 1
    obj.save(update_fields=[*fields, "version", "updated_at"])


def _siblings(item: Item) -> list[Item]:
    return list(Item.objects.filter(section_id=item.section_id, kind=item.kind).order_by("position", "pk"))


def _renumber(rows: list[Any]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position
            type(row).objects.filter(pk=row.pk).update(position=position)


def _delete(
    strategy: Strategy,
    user: AbstractBaseUser,
    action: Action,
    row: Item | Section,
    before: dict,
    siblings: Callable[[], list[Any]],
) -> None:
    """Delete ``row``, close the gap among its ``siblings`` and record it (with its pk, so the history names it)."""
    pk = row.pk
    row.delete()
    row.pk = pk
    _renumber(siblings())
    changed(strategy, user, action, row, before, None)


def _next_position(section: Section, kind: str) -> int:
    last = Item.objects.filter(section=section, kind=kind).aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


# --- items ----------------------------------------------------------------------


def edit_item(strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, text: str) -> Item:
    with _editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        before = item_state(item)
        item.text = _clean_text(text, _("Teksten"))
        _save(item, "text")
        changed(strategy, user, Action.EDIT_ITEM, item, before, item_state(item))
    return item


def change_kind(
    strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, kind: str
) -> Item | Section:
    """Goal <-> commitment, or ``intro``: the text moves into the section's introduction."""
    with _editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        before = item_state(item)
        if kind == INTRO:
            section = _section(strategy, item.section_id, None, check=False)
            section.intro = f"{section.intro.rstrip()}\n\n{item.text}".strip()
            _save(section, "intro")
            item.delete()
            changed(strategy, user, Action.CHANGE_KIND, section, before, {"intro": section.intro})
            return section
        if kind not in Item.Kind.values:
            raise StrategyError(_("Ukjent type: %(kind)s") % {"kind": kind})
        if kind != item.kind:
            item.kind = kind
            item.position = _next_position(item.section, kind)
            _save(item, "kind", "position")
        changed(strategy, user, Action.CHANGE_KIND, item, before, item_state(item))
    return item


def move_item(
    strategy: Strategy,
    user: AbstractBaseUser,
    item_id: int,
    version: int | None,
    *,
    direction: str | None = None,
    section_id: int | None = None,
) -> Item:
    """Move up/down among items of the same kind, or to the end of another section."""
    with _editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        before = item_state(item)
        if section_id is not None and section_id != item.section_id:
            target = _section(strategy, section_id, None, check=False)
            old = item.section_id
            item.section = target
            item.position = _next_position(target, item.kind)
            _save(item, "section", "position")
            _renumber(list(Item.objects.filter(section_id=old, kind=item.kind).order_by("position", "pk")))
        elif direction in ("up", "down"):
            rows = _siblings(item)
            index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
            other = index - 1 if direction == "up" else index + 1
            if not 0 <= other < len(rows):
                first = direction == "up"
                raise StrategyError(_("Punktet står allerede først.") if first else _("Punktet står allerede sist."))
            rows[index], rows[other] = rows[other], rows[index]
            _renumber(rows)
            item.position = other
            _save(item, "position")
        else:
            raise StrategyError(_("Velg retning eller kapittel å flytte til."))
        changed(strategy, user, Action.MOVE_ITEM, item, before, item_state(item))
    return item


def merge_with_next(
    strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, next_version: int | None
) -> Item:
    """Join an item with the next one of the same kind in its section."""
    with _editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        rows = _siblings(item)
        index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
        if index + 1 >= len(rows):
            raise StrategyError(_("Det finnes ikke noe neste punkt å slå sammen med."))
        following = _item(strategy, rows[index + 1].pk, next_version)
        before = [item_state(item), item_state(following)]
        item.text = f"{item.text.rstrip()} {following.text.lstrip()}"
        if item.has_source and following.has_source and item.source_page == following.source_page:
            item.source_start = min(item.source_start or 0, following.source_start or 0)
            item.source_end = max(item.source_end or 0, following.source_end or 0)
        following.delete()
        _save(item, "text", "source_start", "source_end")
        _renumber(_siblings(item))
        changed(strategy, user, Action.MERGE_ITEMS, item, before, item_state(item))
    return item


def split_item(strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, at: int) -> Item:
    """Cut an item's text at character ``at``; the second part becomes the next item."""
    with _editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        return _split(strategy, user, item, at)


def split_item_at_break(
    strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, marked: str
) -> Item:
    """Split where the editor put a line break into the item's text (the first one counts)."""
    with _editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        return _split(strategy, user, item, split_point(item.text, marked))


def split_point(text: str, marked: str) -> int:
    """The character in ``text`` where ``marked`` (the same text with a line break put in) breaks.

    Spaces may differ (a browser sends CRLF, the field shows the text on one
    line): the words are compared, and the break is found by counting the
    non-space characters before it. Any other change to the text is refused,
    so a split never silently edits the words.
    """
    marked = marked.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" not in marked.strip():
        raise StrategyError(_("Sett et linjeskift i teksten der punktet skal deles."))
    head, tail = marked.strip().split("\n", 1)
    if "".join(f"{head} {tail}".split()) != "".join(text.split()):
        raise StrategyError(
            _("Bare et linjeskift kan settes inn her; endre ordene med «Lagre tekst» først.")
        )
    wanted = len("".join(head.split()))  # non-space characters before the break
    seen = 0
    for index, char in enumerate(text):
        if char.isspace():
            continue
        if seen == wanted:  # the first character of the second part: its source starts here
            return index
        seen += 1
    return len(text)


def _split(strategy: Strategy, user: AbstractBaseUser, item: Item, at: int) -> Item:
    first, second = item.text[:at].strip(), item.text[at:].strip()
    if not (0 < at < len(item.text)) or not first or not second:
        raise StrategyError(
            _("Velg et delingspunkt mellom 1 og %(n)s, slik at begge deler får tekst.") % {"n": len(item.text) - 1}
        )
    before = item_state(item)
    rows = _siblings(item)
    index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
    new = Item(section_id=item.section_id, kind=item.kind, text=second, position=index + 1)
    if item.has_source:
        cut = min((item.source_start or 0) + at, item.source_end or 0)
        new.has_source, new.source_page = True, item.source_page
        new.source_start, new.source_end = cut, item.source_end
        item.source_end = cut
    new.save()
    item.text = first
    _save(item, "text", "source_end")
    rows.insert(index + 1, new)
    _renumber(rows)
    changed(strategy, user, Action.SPLIT_ITEM, item, before, [item_state(item), item_state(new)])
    return item


def add_item(strategy: Strategy, user: AbstractBaseUser, section_id: int, kind: str, text: str) -> Item:
    with _editing(strategy) as strategy:
        section = _section(strategy, section_id, None, check=False)
        if kind not in Item.Kind.values:
            raise StrategyError(_("Ukjent type: %(kind)s") % {"kind": kind})
        item = Item.objects.create(
            section=section, kind=kind, text=_clean_text(text, _("Teksten")), position=_next_position(section, kind)
        )
        changed(strategy, user, Action.ADD_ITEM, item, None, item_state(item))
    return item


def delete_item(strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None) -> Section:
    with _editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        before = item_state(item)
        section = item.section
        same_kind = Item.objects.filter(section=section, kind=item.kind).order_by("position", "pk")
        _delete(strategy, user, Action.DELETE_ITEM, item, before, lambda: list(same_kind))
    return section


# --- sections ---------------------------------------------------------------------


def _section_siblings(section: Section) -> list[Section]:
    return list(
        Section.objects.filter(strategy_id=section.strategy_id, parent_id=section.parent_id).order_by("position", "pk")
    )


def edit_section(
    strategy: Strategy,
    user: AbstractBaseUser,
    section_id: int,
    version: int | None,
    *,
    number: str | None,
    title: str,
    intro: str,
) -> Section:
    with _editing(strategy) as strategy:
        section = _section(strategy, section_id, version)
        before = section_state(section)
        section.number = (number or "").strip() or None
        section.title = _clean_text(title, _("Tittelen"))
        section.intro = (intro or "").strip()
        _save(section, "number", "title", "intro")
        changed(strategy, user, Action.EDIT_SECTION, section, before, section_state(section))
    return section


def _descendant_ids(section: Section) -> set[int]:
    """The section and every section below it (one query per level)."""
    found, level = {section.pk}, [section.pk]
    while level:
        level = list(Section.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        found.update(level)
    return found


def move_section(
    strategy: Strategy,
    user: AbstractBaseUser,
    section_id: int,
    version: int | None,
    direction: str | None = None,
    *,
    parent_id: int | None = None,
    to_top: bool = False,
) -> Section:
    """Up/down among its siblings, or to the end of another parent (``to_top``: the top level)."""
    with _editing(strategy) as strategy:
        section = _section(strategy, section_id, version)
        before = section_state(section)
        if to_top or parent_id is not None:
            parent = _section(strategy, parent_id, None, check=False) if parent_id is not None else None
            if parent is not None and parent.pk in _descendant_ids(section):
                raise StrategyError(_("Et kapittel kan ikke flyttes inn under seg selv."))
            old_siblings = [row for row in _section_siblings(section) if row.pk != section.pk]
            last = Section.objects.filter(strategy=strategy, parent=parent).aggregate(m=Max("position"))["m"]
            section.parent = parent
            section.position = 0 if last is None else last + 1
            _save(section, "parent", "position")
            _renumber(old_siblings)
        else:
            rows = _section_siblings(section)
            index = next(i for i, row in enumerate(rows) if row.pk == section.pk)
            other = index - 1 if direction == "up" else index + 1
            if direction not in ("up", "down") or not 0 <= other < len(rows):
                raise StrategyError(_("Kapitlet kan ikke flyttes lenger i den retningen."))
            rows[index], rows[other] = rows[other], rows[index]
            _renumber(rows)
            section.position = other
            _save(section, "position")
        changed(strategy, user, Action.MOVE_SECTION, section, before, section_state(section))
    return section


def add_section(
    strategy: Strategy, user: AbstractBaseUser, *, parent_id: int | None, number: str | None, title: str
) -> Section:
    with _editing(strategy) as strategy:
        parent = _section(strategy, parent_id, None, check=False) if parent_id else None
        last = Section.objects.filter(strategy=strategy, parent=parent).aggregate(m=Max("position"))["m"]
        section = Section.objects.create(
            strategy=strategy,
            parent=parent,
            number=(number or "").strip() or None,
            title=_clean_text(title, _("Tittelen")),
            position=0 if last is None else last + 1,
        )
        changed(strategy, user, Action.ADD_SECTION, section, None, section_state(section))
    return section


def delete_section(strategy: Strategy, user: AbstractBaseUser, section_id: int, version: int | None) -> None:
    """Delete a section with its items and subsections (restorable from the history)."""
    with _editing(strategy) as strategy:
        section = _section(strategy, section_id, version)
        before = section_state(section)
        before["items"] = Item.objects.filter(section=section).count()
        _delete(strategy, user, Action.DELETE_SECTION, section, before, lambda: _section_siblings(section))


def edit_strategy(
    strategy: Strategy,
    user: AbstractBaseUser,
    version: int | None,
    *,
    title: str,
    period_start: int | None,
    period_end: int | None,
) -> Strategy:
    """Title and period. Checked against the strategy's version: any change since loading conflicts."""
    with _editing(strategy) as strategy:
        _check_strategy_version(strategy, version)
        if (period_start is None) != (period_end is None):
            raise StrategyError(_("Oppgi både fra-år og til-år, eller ingen av dem."))
        if period_start and period_end and period_end < period_start:
            raise StrategyError(_("Perioden kan ikke slutte før den begynner."))
        before = {"title": strategy.title, "period": [strategy.period_start, strategy.period_end]}
        strategy.title = _clean_text(title, _("Tittelen"))
        strategy.period_start, strategy.period_end = period_start, period_end
        strategy.save(update_fields=["title", "period_start", "period_end"])
        changed(
            strategy, user, Action.EDIT_STRATEGY, strategy, before,
            {"title": strategy.title, "period": [period_start, period_end]},
        )
    return strategy


# --- from the source text: a person's selection, an introduction's list ------------------------

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
    with _editing(strategy) as strategy:
        _check_strategy_version(strategy, version)
        start, end, words = _located(strategy, page, start, end, text)
        chosen = _section(strategy, section_id, None, check=False) if section_id else None
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
        _renumber(rows)
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
            previous = _section(strategy, previous.parent_id, None, check=False)
    if previous is None or (chosen is None and previous.has_source and at < _place(previous)):
        siblings = list(Section.objects.filter(strategy=strategy, parent=None).order_by("position", "pk"))
        parent, index = None, 0
    else:
        siblings = _section_siblings(previous)
        parent, index = previous.parent, next(i for i, row in enumerate(siblings) if row.pk == previous.pk) + 1
    section = Section.objects.create(
        strategy=strategy, parent=parent, number=number, title=title, position=index,
        has_source=True, source_page=at[0], source_start=at[1], source_end=end,
    )
    siblings.insert(index, section)
    _renumber(siblings)
    moved = 0
    if containing is not None and (parent is not None or index > 0):
        for kind in Item.Kind.values:
            rows = list(Item.objects.filter(section=containing, kind=kind).order_by("position", "pk"))
            later = [row for row in rows if row.has_source and _place(row) > at]
            for row in later:
                row.section = section
                _save(row, "section")
            _renumber(later)
            _renumber([row for row in rows if row not in later])
            moved += len(later)
        if previous is not None:
            children = [row for row in _children(previous) if row.has_source and _place(row) > at]
            for row in children:
                row.parent = section
                _save(row, "parent")
            _renumber(children)
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
    with _editing(strategy) as strategy:
        section = _section(strategy, section_id, version)
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
        position = _next_position(section, kind)
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
        _save(section, "intro")
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
