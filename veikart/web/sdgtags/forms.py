"""The forms of people's SDG decisions and of an organisation's local targets: every POST parsed here.

A form checks the shape of what came (an action it knows, numbers where numbers belong); the
services check the rest against the rows (the item is this strategy's, the goal exists, …).
A form that fails writes nothing; its first error is shown to the person.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

GOAL_OR_TARGET = r"^(lokal-[1-9][0-9]{0,18}|[1-9][0-9]?|[1-9][0-9]?\.[0-9a-z]{1,2})$"


class TagDecisionForm(forms.Form):
    """Accept or reject a tag (a button ``decide`` = "accept-9"), add one (``what``), or recompute proposals."""

    ACTIONS = ["accept", "reject", "add", "propose"]

    action = forms.ChoiceField(label=_("Handling"), choices=[(a, a) for a in ACTIONS], required=False)
    decide = forms.RegexField(label=_("Handling"), regex=r"^(accept|reject)-[0-9]{1,2}$", required=False)
    goal = forms.IntegerField(label=_("Bærekraftsmål"), required=False)
    item = forms.IntegerField(label=_("Punkt"), min_value=1, required=False)
    measure = forms.IntegerField(label=_("Tiltak"), min_value=1, required=False)
    what = forms.RegexField(
        label=_("Bærekraftsmål"),
        regex=GOAL_OR_TARGET,
        required=False,
        error_messages={"invalid": _("Velg et bærekraftsmål eller delmål.")},
    )
    tilbake = forms.ChoiceField(choices=[("", ""), ("profil", "profil")], required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("action") and data.get("decide"):
            data["action"], goal = data["decide"].split("-", 1)
            data["goal"] = int(goal)
        action = data.get("action")
        if not action:
            raise forms.ValidationError(_("Ukjent handling."))
        if action in ("accept", "reject") and data.get("goal") is None and "goal" not in self.errors:
            self.add_error("goal", forms.Field.default_error_messages["required"])
        if action == "add" and not data.get("what") and "what" not in self.errors:
            self.add_error("what", _("Velg et bærekraftsmål eller delmål."))
        return data


class LocalTargetForm(forms.Form):
    """Create, change or delete one of an organisation's local targets."""

    action = forms.ChoiceField(
        label=_("Handling"),
        choices=[("create", "create"), ("update", "update"), ("delete", "delete")],
        error_messages={"required": _("Ukjent handling."), "invalid_choice": _("Ukjent handling.")},
    )
    id = forms.IntegerField(label=_("Lokalt delmål"), min_value=1, required=False)
    parent = forms.CharField(label=_("Delmål"), max_length=10, required=False)
    code = forms.CharField(label=_("Kode"), max_length=20, required=False)
    text = forms.CharField(label=_("Tekst"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") in ("update", "delete") and data.get("id") is None and "id" not in self.errors:
            self.add_error("id", forms.Field.default_error_messages["required"])
        return data
