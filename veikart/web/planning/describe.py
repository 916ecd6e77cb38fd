"""The plans' change log in sentences, in the page's language: «Endret tiltaket «Lederkurs»: frist 30. juni 2021 →
31. desember 2021», never the raw before/after data the services keep (PlanChange).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veikart.web.orgs.models import Unit
from veikart.web.planning.models import (
    ActionPlan,
    Comparison,
    Direction,
    Indicator,
    Level,
    Measure,
    MeasureStatus,
    PlanChange,
    Reporting,
    Role,
)
from veikart.web.strategies.models import Item

LONG = 200  # characters of a text shown before it is cut


@dataclass
class ChangeLine:
    change: PlanChange
    sentence: str
    details: list[str] = field(default_factory=list)


def _cut(text: Any) -> str:
    text = str(text or "")
    return text if len(text) <= LONG else text[: LONG - 1] + "…"


def _quoted(text: Any) -> str:
    return f"«{_cut(text)}»" if text else "–"


def _date(value: Any) -> str:
    if not value:
        return "–"
    try:
        return date_format(date.fromisoformat(str(value)[:10]))
    except ValueError:
        return str(value)


class _Names:
    """Titles and names of what the changes refer to, fetched once for the whole page."""

    def __init__(self, changes: list[PlanChange]):
        ids: dict[str, set[int]] = {}
        items: set[int] = set()
        units: set[int] = set()
        users: set[int] = set()
        for c in changes:
            if c.object_id is not None:
                ids.setdefault(c.object_type, set()).add(c.object_id)
            for state in (c.before, c.after):
                if isinstance(state, dict):
                    items.update(state.get("items") or [])
                    items.update(state.get("goals") or [])
                    units.update([state["responsible_unit"]] if state.get("responsible_unit") else [])
                    users.update([state["responsible_user"]] if state.get("responsible_user") else [])
            if c.action == PlanChange.Action.CARRY_OVER and isinstance(c.after, dict):
                ids.setdefault("measure", set()).update(c.after.get("measures") or [])
        self.measures = dict(Measure.objects.filter(pk__in=ids.get("measure", ())).values_list("pk", "title"))
        self.plans = dict(ActionPlan.objects.filter(pk__in=ids.get("actionplan", ())).values_list("pk", "year"))
        self.indicators = dict(Indicator.objects.filter(pk__in=ids.get("indicator", ())).values_list("pk", "name"))
        self.items = dict(Item.objects.filter(pk__in=items).values_list("pk", "text"))
        self.units = dict(Unit.objects.filter(pk__in=units).values_list("pk", "name"))
        people = get_user_model().objects.filter(pk__in=users)
        self.users = {u.pk: u.get_full_name() or u.get_username() for u in people}

    def measure(self, change: PlanChange, state: dict | None = None) -> str:
        title = self.measures.get(change.object_id) or (state or {}).get("title") or _("(slettet)")
        return _quoted(title)


def _field_value(name: str, value: Any, names: _Names) -> str:
    if name in ("start", "due"):
        return _date(value)
    if name == "role":
        return str(dict(Role.choices).get(value, "–")) if value else "–"
    if name == "status":
        return str(dict(MeasureStatus.choices).get(value, value))
    if name == "progress":
        return f"{value} %"
    if name == "responsible_unit":
        return names.units.get(value, "–") if value else "–"
    if name == "responsible_user":
        return names.users.get(value, "–") if value else "–"
    if name in ("direction", "level"):
        return str(dict((Direction if name == "direction" else Level).choices).get(value, value))
    if value is None:
        return "–"
    if isinstance(value, str):
        return _quoted(value)
    return number_format(value) if isinstance(value, float) else str(value)


FIELD_LABELS = {
    "title": gettext_lazy("Tittel"), "description": gettext_lazy("Beskrivelse"),
    "responsible": gettext_lazy("Annen ansvarlig (fritekst)"), "responsible_unit": gettext_lazy("Ansvarlig enhet"),
    "responsible_user": gettext_lazy("Ansvarlig person"), "role": gettext_lazy("Rolle"),
    "start": gettext_lazy("Start"), "due": gettext_lazy("Frist"), "status": gettext_lazy("Status"),
    "progress": gettext_lazy("Framdrift"), "name": gettext_lazy("Navn"), "name_en": gettext_lazy("Navn på engelsk"),
    "unit": gettext_lazy("Enhet"), "direction": gettext_lazy("Retning"), "level": gettext_lazy("Måles for"),
    "source": gettext_lazy("Kilde"), "baseline": gettext_lazy("Utgangspunkt (verdi)"),
    "baseline_year": gettext_lazy("Utgangspunkt (år)"),
}


def _label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def _differences(before: dict, after: dict, names: _Names) -> list[str]:
    lines = []
    for key in after:
        if key in ("items", "goals", "targets") or before.get(key) == after.get(key):
            continue
        new = _field_value(key, after.get(key), names)
        lines.append(f"{_label(key)}: {_field_value(key, before.get(key), names)} → {new}" if before
                     else f"{_label(key)}: {new}")
    for key in ("items", "goals"):
        old, new = set(before.get(key) or []), set(after.get(key) or [])
        if new - old:
            lines.append(_("Knyttet til: %(goals)s") % {"goals": "; ".join(_quoted(names.items.get(i, i))
                                                                          for i in sorted(new - old))})
        if old - new:
            lines.append(_("Ikke lenger knyttet til: %(goals)s") % {
                "goals": "; ".join(_quoted(names.items.get(i, i)) for i in sorted(old - new))})
    if before.get("targets") != after.get("targets") and "targets" in after:
        lines.append(_("Målverdier: %(targets)s") % {"targets": _targets(after["targets"]) or "–"})
    return lines


def _targets(targets: list[dict]) -> str:
    words = {value: str(label) for value, label in Comparison.choices}
    return "; ".join(
        _("%(comparison)s%(value)s innen %(year)s") % {
            "comparison": words.get(t["comparison"], t["comparison"]),
            "value": "" if t.get("value") is None else " " + number_format(t["value"]), "year": t["year"]}
        for t in targets
    )


def _counts(result: dict) -> str:
    return _("%(created)s nye, %(updated)s endret, %(unchanged)s uendret") % {
        "created": result.get("created", 0), "updated": result.get("updated", 0),
        "unchanged": result.get("unchanged", 0)}


def describe(change: PlanChange, names: _Names) -> ChangeLine:
    A = PlanChange.Action  # noqa: N806  (short: it is read on every line below)
    before = change.before if isinstance(change.before, dict) else {}
    after = change.after if isinstance(change.after, dict) else {}
    action = change.action
    if action == A.CREATE_PLAN:
        return ChangeLine(change, _("Opprettet handlingsplanen for %(year)s.") % {"year": after.get("year", "")})
    if action == A.EDIT_PLAN and "reporting" in after:
        return ChangeLine(change, _("Rapporteringen for handlingsplanen for %(year)s er nå %(how)s.") % {
            "year": names.plans.get(change.object_id, ""),
            "how": str(dict(Reporting.choices).get(after["reporting"], after["reporting"])).lower()})
    if action in (A.ASSESS, A.SUBMIT_PERIOD, A.APPROVE_PERIOD, A.REOPEN_PERIOD):
        details = []
        if action == A.ASSESS:
            details = [_("%(goals)s mål og %(measures)s tiltak") % {
                "goals": len(after.get("goals") or []), "measures": len(after.get("measures") or [])}]
        return ChangeLine(change, _("%(action)s (periode %(n)s).") % {
            "action": change.get_action_display(), "n": after.get("period", "")}, details)
    if action == A.EDIT_PLAN:
        year = names.plans.get(change.object_id, "")
        return ChangeLine(change, _("Endret beskrivelsen av handlingsplanen for %(year)s.") % {"year": year},
                          [f"{_('Før')}: {_quoted(before.get('description'))}",
                           f"{_('Etter')}: {_quoted(after.get('description'))}"])
    if action == A.CREATE_MEASURE:
        details = _differences({}, {k: v for k, v in after.items() if v not in (None, "", [])}, names)
        return ChangeLine(change, _("Opprettet tiltaket %(title)s.") % {"title": names.measure(change, after)},
                          details)
    if action == A.EDIT_MEASURE:
        return ChangeLine(change, _("Endret tiltaket %(title)s.") % {"title": names.measure(change, after)},
                          _differences(before, after, names))
    if action == A.STATUS_UPDATE:
        status = _field_value("status", after.get("status"), names)
        sentence = _("Satte status for tiltaket %(title)s til %(status)s (%(progress)s %%) per %(date)s.") % {
            "title": names.measure(change), "status": status.lower(), "progress": after.get("progress", 0),
            "date": _date(after.get("date"))}
        details = [f"{_('Kommentar')}: {_quoted(after['comment'])}"] if after.get("comment") else []
        if before:
            details.insert(0, _("Før: %(status)s (%(progress)s %%)") % {
                "status": _field_value("status", before.get("status"), names).lower(),
                "progress": before.get("progress", 0)})
        return ChangeLine(change, sentence, details)
    if action == A.CARRY_OVER:
        measures = after.get("measures") or []
        return ChangeLine(change, _("Videreførte %(n)s uferdige tiltak til handlingsplanen for %(year)s.") % {
            "n": len(measures), "year": after.get("to_year", "")},
            [_quoted(names.measures.get(pk, pk)) for pk in measures])
    if action == A.IMPORT_VALUES:
        return ChangeLine(change, _("Importerte indikatorverdier fra %(file)s: %(counts)s.") % {
            "file": _quoted(after.get("file")), "counts": _counts(after)})
    if action == A.IMPORT_MEASURES:
        return ChangeLine(change, _("Importerte tiltak fra %(file)s: %(counts)s.") % {
            "file": _quoted(after.get("file")), "counts": _counts(after)})
    if action in (A.CREATE_INDICATOR, A.EDIT_INDICATOR):
        name = _quoted(names.indicators.get(change.object_id) or after.get("name"))
        text = _("Opprettet indikatoren %(name)s.") if action == A.CREATE_INDICATOR else _(
            "Endret indikatoren %(name)s.")
        return ChangeLine(change, text % {"name": name}, _differences(before, after, names))
    if action == A.EDIT_OUTSIDE:
        return _outside(change, names, before, after)
    return ChangeLine(change, change.get_action_display())


def _outside(change: PlanChange, names: _Names, before: dict, after: dict) -> ChangeLine:
    """A row edited past the app (the admin, a shell): which row, and its labelled fields as they now are."""
    state = after or before
    kind = change.object_type
    if kind == "measure":
        what = _("tiltaket %(title)s") % {"title": names.measure(change, state)}
    elif kind == "actionplan":
        what = _("handlingsplanen for %(year)s") % {"year": names.plans.get(change.object_id) or state.get("year", "")}
    elif kind == "indicator":
        what = _("indikatoren %(name)s") % {
            "name": _quoted(names.indicators.get(change.object_id) or state.get("name"))}
    elif kind == "target":
        what = _("en målverdi (frist %(date)s)") % {"date": _date(state.get("deadline"))}
    elif kind == "reportingperiod":
        what = _("rapporteringsperiode %(n)s") % {"n": state.get("number", "")}
    elif kind == "assessment":
        what = _("en vurdering")
    else:
        what = kind
    text = _("Endret %(what)s utenfor appen.") if after else _("Slettet %(what)s utenfor appen.")
    shown = {key: value for key, value in after.items() if key in FIELD_LABELS and value not in (None, "")}
    return ChangeLine(change, text % {"what": what}, _differences({}, shown, names))


def describe_all(changes: list[PlanChange]) -> list[ChangeLine]:
    names = _Names(changes)
    return [describe(c, names) for c in changes]
