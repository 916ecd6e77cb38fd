"""The review screen's edits: items and sections, each recorded in the audit trail.

Every edit of an existing object names the version it was made against. A
stale version raises EditConflict and changes nothing, so one person never
silently overwrites another's newer edit. Each edit is one transaction with
the strategy row locked (on SQLite, an IMMEDIATE transaction). Corrections made
from the source text (a selection marked, an introduction's bullets) are in
``source_marks``, built on the helpers here.
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
from veikart.web.strategies.changes import changed, lock_strategy
from veikart.web.strategies.models import Item, Section, Strategy
from veikart.web.strategies.services import StrategyError

INTRO = "intro"  # "change kind to introduction": the text joins its section's introduction


class EditConflict(StrategyError):
    """Someone else changed the object after the editor loaded it."""


@contextmanager
def editing(strategy: Strategy) -> Iterator[Strategy]:
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


def check_strategy_version(strategy: Strategy, version: int | None) -> None:
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


def get_section(strategy: Strategy, section_id: int, version: int | None, *, check: bool = True) -> Section:
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


def save_fields(obj: Item | Section, *fields: str) -> None:
    obj.version += 1
    obj.save(update_fields=[*fields, "version", "updated_at"])


def _siblings(item: Item) -> list[Item]:
    return list(Item.objects.filter(section_id=item.section_id, kind=item.kind).order_by("position", "pk"))


def renumber(rows: list[Any]) -> None:
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
    renumber(siblings())
    changed(strategy, user, action, row, before, None)


def next_position(section: Section, kind: str) -> int:
    last = Item.objects.filter(section=section, kind=kind).aggregate(m=Max("position"))["m"]
    return 0 if last is None else last + 1


# --- items ----------------------------------------------------------------------


def edit_item(strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, text: str) -> Item:
    with editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        before = item_state(item)
        item.text = _clean_text(text, _("Teksten"))
        save_fields(item, "text")
        changed(strategy, user, Action.EDIT_ITEM, item, before, item_state(item))
    return item


def change_kind(
    strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, kind: str
) -> Item | Section:
    """Goal <-> commitment, or ``intro``: the text moves into the section's introduction."""
    with editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        before = item_state(item)
        if kind == INTRO:
            section = get_section(strategy, item.section_id, None, check=False)
            section.intro = f"{section.intro.rstrip()}\n\n{item.text}".strip()
            save_fields(section, "intro")
            item.delete()
            changed(strategy, user, Action.CHANGE_KIND, section, before, {"intro": section.intro})
            return section
        if kind not in Item.Kind.values:
            raise StrategyError(_("Ukjent type: %(kind)s") % {"kind": kind})
        if kind != item.kind:
            item.kind = kind
            item.position = next_position(item.section, kind)
            save_fields(item, "kind", "position")
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
    with editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        before = item_state(item)
        if section_id is not None and section_id != item.section_id:
            target = get_section(strategy, section_id, None, check=False)
            old = item.section_id
            item.section = target
            item.position = next_position(target, item.kind)
            save_fields(item, "section", "position")
            renumber(list(Item.objects.filter(section_id=old, kind=item.kind).order_by("position", "pk")))
        elif direction in ("up", "down"):
            rows = _siblings(item)
            index = next(i for i, row in enumerate(rows) if row.pk == item.pk)
            other = index - 1 if direction == "up" else index + 1
            if not 0 <= other < len(rows):
                first = direction == "up"
                raise StrategyError(_("Punktet står allerede først.") if first else _("Punktet står allerede sist."))
            rows[index], rows[other] = rows[other], rows[index]
            renumber(rows)
            item.position = other
            save_fields(item, "position")
        else:
            raise StrategyError(_("Velg retning eller kapittel å flytte til."))
        changed(strategy, user, Action.MOVE_ITEM, item, before, item_state(item))
    return item


def merge_with_next(
    strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, next_version: int | None
) -> Item:
    """Join an item with the next one of the same kind in its section."""
    with editing(strategy) as strategy:
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
        save_fields(item, "text", "source_start", "source_end")
        renumber(_siblings(item))
        changed(strategy, user, Action.MERGE_ITEMS, item, before, item_state(item))
    return item


def split_item(strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, at: int) -> Item:
    """Cut an item's text at character ``at``; the second part becomes the next item."""
    with editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        return _split(strategy, user, item, at)


def split_item_at_break(
    strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None, marked: str
) -> Item:
    """Split where the editor put a line break into the item's text (the first one counts)."""
    with editing(strategy) as strategy:
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
    save_fields(item, "text", "source_end")
    rows.insert(index + 1, new)
    renumber(rows)
    changed(strategy, user, Action.SPLIT_ITEM, item, before, [item_state(item), item_state(new)])
    return item


def add_item(strategy: Strategy, user: AbstractBaseUser, section_id: int, kind: str, text: str) -> Item:
    with editing(strategy) as strategy:
        section = get_section(strategy, section_id, None, check=False)
        if kind not in Item.Kind.values:
            raise StrategyError(_("Ukjent type: %(kind)s") % {"kind": kind})
        item = Item.objects.create(
            section=section, kind=kind, text=_clean_text(text, _("Teksten")), position=next_position(section, kind)
        )
        changed(strategy, user, Action.ADD_ITEM, item, None, item_state(item))
    return item


def delete_item(strategy: Strategy, user: AbstractBaseUser, item_id: int, version: int | None) -> Section:
    with editing(strategy) as strategy:
        item = _item(strategy, item_id, version)
        before = item_state(item)
        section = item.section
        same_kind = Item.objects.filter(section=section, kind=item.kind).order_by("position", "pk")
        _delete(strategy, user, Action.DELETE_ITEM, item, before, lambda: list(same_kind))
    return section


# --- sections ---------------------------------------------------------------------


def section_siblings(section: Section) -> list[Section]:
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
    with editing(strategy) as strategy:
        section = get_section(strategy, section_id, version)
        before = section_state(section)
        section.number = (number or "").strip() or None
        section.title = _clean_text(title, _("Tittelen"))
        section.intro = (intro or "").strip()
        save_fields(section, "number", "title", "intro")
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
    with editing(strategy) as strategy:
        section = get_section(strategy, section_id, version)
        before = section_state(section)
        if to_top or parent_id is not None:
            parent = get_section(strategy, parent_id, None, check=False) if parent_id is not None else None
            if parent is not None and parent.pk in _descendant_ids(section):
                raise StrategyError(_("Et kapittel kan ikke flyttes inn under seg selv."))
            old_siblings = [row for row in section_siblings(section) if row.pk != section.pk]
            last = Section.objects.filter(strategy=strategy, parent=parent).aggregate(m=Max("position"))["m"]
            section.parent = parent
            section.position = 0 if last is None else last + 1
            save_fields(section, "parent", "position")
            renumber(old_siblings)
        else:
            rows = section_siblings(section)
            index = next(i for i, row in enumerate(rows) if row.pk == section.pk)
            other = index - 1 if direction == "up" else index + 1
            if direction not in ("up", "down") or not 0 <= other < len(rows):
                raise StrategyError(_("Kapitlet kan ikke flyttes lenger i den retningen."))
            rows[index], rows[other] = rows[other], rows[index]
            renumber(rows)
            section.position = other
            save_fields(section, "position")
        changed(strategy, user, Action.MOVE_SECTION, section, before, section_state(section))
    return section


def add_section(
    strategy: Strategy, user: AbstractBaseUser, *, parent_id: int | None, number: str | None, title: str
) -> Section:
    with editing(strategy) as strategy:
        parent = get_section(strategy, parent_id, None, check=False) if parent_id else None
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
    with editing(strategy) as strategy:
        section = get_section(strategy, section_id, version)
        before = section_state(section)
        before["items"] = Item.objects.filter(section=section).count()
        _delete(strategy, user, Action.DELETE_SECTION, section, before, lambda: section_siblings(section))


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
    with editing(strategy) as strategy:
        check_strategy_version(strategy, version)
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
