"""The history page's words for a change: which object, and what changed, as readable lines.

A ChangeRecord keeps ``before`` and ``after`` as the services wrote them
(an item's or section's state, a strategy's header, an SDG tag's state, a
list of two states for a split or merge). This turns them into lines such as
«Tekst: «…» → «…»», «Type: Mål → Forpliktelse» or «Flyttet fra kapittel 2.1
til kapittel 2.2», in the active language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from veikart.web.audit.models import ChangeRecord
from veikart.web.strategies.models import Item, Strategy

LONG = 300  # characters of a text shown before it is cut (intros can be pages long)
# Lines in this order: PostgreSQL's jsonb does not keep the order the keys were written in.
ORDER = ["section", "parent", "number", "title", "kind", "text", "intro", "status", "period", "position"]


def _ordered(keys: Iterable[str]) -> list[str]:
    return sorted(set(keys), key=lambda k: (ORDER.index(k) if k in ORDER else len(ORDER), k))


@dataclass
class ChangeView:
    """One row of the history table."""

    record: ChangeRecord
    subject: str = ""
    lines: list[str] = field(default_factory=list)


def _kind_label(kind: Any) -> str:
    labels = {**dict(Item.Kind.choices), "intro": _("Innledning")}
    return str(labels.get(kind, kind))


def _status_label(status: Any) -> str:
    return str(dict(Strategy.Status.choices).get(status, status))


def _tag_status_label(status: Any) -> str:
    # The sdgtags app's statuses (TagStatus), named here so the audit app does not depend on it.
    labels = {
        "proposed": _("Foreslått"),
        "accepted": _("Godtatt"),
        "rejected": _("Avvist"),
        "added": _("Lagt til av en person"),
    }
    return labels.get(status, str(status))


def _quoted(text: Any) -> str:
    text = "" if text is None else str(text)
    if len(text) > LONG:
        text = text[: LONG - 1].rstrip() + "…"
    return f"«{text}»"


def _arrow(label: str, before: str, after: str) -> str:
    return f"{label}: {before} → {after}"


class Describer:
    """Names objects the way the history page shows them; knows the strategy's sections by id."""

    def __init__(self, sections: dict[int, str]):
        self.sections = sections  # section id -> its number, or its title when unnumbered

    def section_name(self, section_id: Any) -> str:
        label = self.sections.get(section_id) if isinstance(section_id, int) else None
        if label is None:
            return _("et slettet kapittel") if section_id is not None else _("toppnivået")
        return _("kapittel %(number)s") % {"number": label}

    def subject(self, record: ChangeRecord) -> str:
        kind, pk = record.object_type, record.object_id
        if kind == "item":
            return _("punkt %(id)s") % {"id": pk}
        if kind == "section":
            number = next((s.get("number") for s in (record.after, record.before) if isinstance(s, dict)), None)
            return _("kapittel %(number)s") % {"number": number} if number else self.section_name(pk)
        if kind == "measure":
            return _("tiltak %(id)s") % {"id": pk}
        if kind == "strategy":
            return _("strategien")
        return ""

    # --- lines ------------------------------------------------------------------------------

    def lines(self, record: ChangeRecord) -> list[str]:
        before, after = record.before, record.after
        if record.action in ("sdg_accept", "sdg_reject", "sdg_add") or record.object_type == "itemtag":
            return self._tag(before, after)
        if record.action == ChangeRecord.Action.RESTORE and isinstance(after, dict) and "draft" in after:
            return [_("Versjon %(v)s lagt fram som et nytt utkast; den publiserte teksten er uendret til utkastet "
                      "publiseres") % {"v": after.get("restored_version")}]
        if record.action == ChangeRecord.Action.RESTORE and isinstance(after, dict):
            return [_("Gjenopprettet versjon %(v)s (var versjon %(was)s)") % {
                "v": after.get("restored_version"), "was": (before or {}).get("version", "–")}]
        if isinstance(before, dict) and isinstance(after, dict) and "kind" in before and set(after) == {"intro"}:
            # an item turned into introduction text: it left the items and joined its section's intro
            return [_arrow(self._key_label("kind"), _kind_label(before["kind"]), _kind_label("intro")),
                    f"{self._key_label('text')}: {_quoted(before.get('text'))}"]
        if isinstance(before, dict) and isinstance(after, list):  # a split: one item became two
            return [_("Delt i: %(parts)s") % {"parts": " | ".join(_quoted(p.get("text")) for p in after)}]
        if isinstance(before, list) and isinstance(after, dict):  # a merge: two items became one
            joined = " + ".join(_quoted(p.get("text")) for p in before)
            return [_("Slått sammen: %(parts)s → %(text)s") % {"parts": joined, "text": _quoted(after.get("text"))}]
        if before is None and isinstance(after, dict):
            return list(self._state(after))
        if after is None and isinstance(before, dict):
            return list(self._state(before))
        if isinstance(before, dict) and isinstance(after, dict):
            return list(self._differences(before, after))
        return [self._value(before) + " → " + self._value(after)] if before != after else []

    def _state(self, state: dict[str, Any]) -> Iterable[str]:
        """Everything an added or deleted object held."""
        for key in _ordered(state):
            value = state[key]
            if key == "position" or value in (None, ""):
                continue
            if key in ("section", "parent"):
                yield _("I %(section)s") % {"section": self.section_name(value)}
            else:
                yield f"{self._key_label(key)}: {self._field_value(key, value)}"

    def _differences(self, before: dict[str, Any], after: dict[str, Any]) -> Iterable[str]:
        # A position only means something among the same siblings: not across sections or kinds.
        regrouped = (
            before.get("section") != after.get("section")
            or before.get("parent") != after.get("parent")
            or before.get("kind") != after.get("kind")
        )
        for key in _ordered([*before, *after]):
            old, new = before.get(key), after.get(key)
            if old == new:
                continue
            if key in ("section", "parent"):
                yield _("Flyttet fra %(old)s til %(new)s") % {
                    "old": self.section_name(old), "new": self.section_name(new)}
            elif key == "position":
                if not regrouped:
                    yield _("Flyttet fra plass %(old)s til plass %(new)s") % {
                        "old": self._place(old), "new": self._place(new)}
            else:
                yield _arrow(self._key_label(key), self._field_value(key, old), self._field_value(key, new))

    def _tag(self, before: Any, after: Any) -> list[str]:
        tag = after if isinstance(after, dict) else before if isinstance(before, dict) else {}
        goal = _("Bærekraftsmål %(n)s") % {"n": tag.get("sdg", "?")}
        old = _tag_status_label(before["status"]) if isinstance(before, dict) else _("ingen merking")
        new = _tag_status_label(after["status"]) if isinstance(after, dict) else _("ingen merking")
        lines = [_arrow(goal, old, new)]
        for key, label in (("targets", _("Delmål")), ("local_targets", _("Lokale delmål"))):
            old_codes = set((before or {}).get(key) or [])
            new_codes = [c for c in (after or {}).get(key) or [] if c not in old_codes]
            if new_codes:
                lines.append(f"{label}: {', '.join(new_codes)}")
        return lines

    # --- values -------------------------------------------------------------------------------

    @staticmethod
    def _place(position: Any) -> str:
        return str(position + 1) if isinstance(position, int) else "–"

    @staticmethod
    def _key_label(key: str) -> str:
        labels = {
            "text": _("Tekst"),
            "kind": _("Type"),
            "title": _("Tittel"),
            "number": _("Nummer"),
            "intro": _("Innledning"),
            "status": _("Status"),
            "period": _("Periode"),
            "version": _("Versjon"),
        }
        return str(labels.get(key, key))

    def _field_value(self, key: str, value: Any) -> str:
        if key == "kind":
            return _kind_label(value)
        if key == "status":
            return _status_label(value)
        if key in ("section", "parent"):
            return self.section_name(value)
        if key == "period":
            start, end = (list(value) + [None, None])[:2] if isinstance(value, list) else (None, None)
            return f"{start}–{end}" if start and end else "–"
        if key in ("text", "title", "intro"):
            return _quoted(value) if value not in (None, "") else "–"
        return self._value(value)

    @staticmethod
    def _value(value: Any) -> str:
        if value in (None, ""):
            return "–"
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return str(value)


def describe(records: list[ChangeRecord], sections: dict[int, str]) -> list[ChangeView]:
    """The history rows for ``records``; ``sections`` maps the strategy's section ids to numbers or titles."""
    describer = Describer(sections)
    return [ChangeView(record, describer.subject(record), describer.lines(record)) for record in records]
