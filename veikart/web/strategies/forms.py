"""The review page's forms: one Django form per edit action, so every POST is parsed and checked the same way.

A form checks the types and shapes of the fields (numbers, choices, lengths); the edit services then
check what needs the rows (versions, whether a section has a list, …) inside their transaction. A form
that fails writes nothing, and its errors are shown next to the fields (``field_errors``).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veikart.web.strategies.models import Item
from veikart.web.strategies.source_marks import HEADING


class MarkSourceForm(forms.Form):
    """Text selected in the source pane: its page, offsets and words, and what it is.

    The offsets come from the page's script; a keyboard user may instead type or
    paste the text, and then the server looks it up on the page.
    """

    MARKS = [
        (Item.Kind.GOAL, pgettext_lazy("mark as", "mål")),
        (Item.Kind.COMMITMENT, pgettext_lazy("mark as", "forpliktelse")),
        (HEADING, pgettext_lazy("mark as", "kapitteloverskrift")),
    ]

    version = forms.IntegerField(label=_("Versjon"), min_value=1)
    page = forms.IntegerField(label=_("Side"), min_value=1)
    start = forms.IntegerField(label=_("Fra tegn"), min_value=0, required=False)
    end = forms.IntegerField(label=_("Til tegn"), min_value=0, required=False)
    text = forms.CharField(label=_("Markert tekst"), max_length=5000, strip=False)
    mark = forms.ChoiceField(label=_("Merk som"), choices=MARKS)
    section = forms.IntegerField(label=_("Kapittel"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if (start is None) != (end is None):
            raise forms.ValidationError(_("Oppgi både start og slutt på markeringen, eller ingen av dem."))
        if start is not None and end is not None and end <= start:
            raise forms.ValidationError(_("Markeringen må slutte etter at den begynner."))
        return data


def _version() -> forms.IntegerField:
    return forms.IntegerField(label=_("Versjon"), min_value=1)


class ItemActionForm(forms.Form):
    """An action on one item, made against the item's version."""

    item = forms.IntegerField(label=_("Punkt"), min_value=1)
    version = _version()


class EditItemForm(ItemActionForm):
    text = forms.CharField(label=_("Tekst"), required=False)


class ChangeKindForm(ItemActionForm):
    kind = forms.ChoiceField(label=_("Type"), choices=[*Item.Kind.choices, ("intro", _("Innledning"))])


class MoveItemForm(ItemActionForm):
    direction = forms.ChoiceField(label=_("Retning"), choices=[("up", "up"), ("down", "down")], required=False)
    section = forms.IntegerField(label=_("Flytt til kapittel"), min_value=1, required=False)


class MergeItemForm(ItemActionForm):
    next_version = forms.IntegerField(label=_("Neste punkts versjon"), min_value=1)


class SplitItemForm(ItemActionForm):
    """The text with a line break where to split; ``at`` (a character number) still works for scripts."""

    split_text = forms.CharField(label=_("Tekst"), max_length=20000, required=False, strip=False)
    at = forms.IntegerField(label=_("Del ved tegn"), min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if not self.data.get("split_text") and data.get("at") is None and "at" not in self.errors:
            self.add_error("split_text", forms.Field.default_error_messages["required"])
        return data


class AddItemForm(forms.Form):
    section = forms.IntegerField(label=_("Kapittel"), min_value=1)
    kind = forms.ChoiceField(label=_("Type"), choices=Item.Kind.choices)
    text = forms.CharField(label=_("Tekst"), required=False)


class SectionActionForm(forms.Form):
    """An action on one section, made against the section's version."""

    section = forms.IntegerField(label=_("Kapittel"), min_value=1)
    version = _version()


class EditSectionForm(SectionActionForm):
    number = forms.CharField(label=_("Nummer"), max_length=20, required=False)
    title = forms.CharField(label=_("Tittel"), required=False)
    intro = forms.CharField(label=_("Innledning"), required=False)


class MoveSectionForm(SectionActionForm):
    direction = forms.ChoiceField(label=_("Retning"), choices=[("up", "up"), ("down", "down")], required=False)
    # a section's id, or "top" for the top level; empty: stay under the same parent
    parent = forms.RegexField(label=_("Overordnet kapittel"), regex=r"^(top|[1-9][0-9]{0,18})$", required=False)


class AddSectionForm(forms.Form):
    parent = forms.IntegerField(label=_("Overordnet kapittel"), min_value=1, required=False)
    number = forms.CharField(label=_("Nummer"), max_length=20, required=False)
    title = forms.CharField(label=_("Tittel"), required=False)


class EditStrategyForm(forms.Form):
    version = _version()
    title = forms.CharField(label=_("Tittel"), required=False)
    period_start = forms.IntegerField(label=_("Fra år"), min_value=1900, max_value=2200, required=False)
    period_end = forms.IntegerField(label=_("Til år"), min_value=1900, max_value=2200, required=False)


class BulletsForm(forms.Form):
    """Turn the list in a section's introduction into items of one kind."""

    section = forms.IntegerField(label=_("Kapittel"))
    version = forms.IntegerField(label=_("Versjon"), min_value=1)
    kind = forms.ChoiceField(label=_("Gjør punktene til"), choices=Item.Kind.choices)


def field_errors(action: str, form: forms.Form) -> dict[str, str]:
    """``{"<action>__<field>": message}`` for the templates, which show each beside its field."""
    return {f"{action}__{name}": str(errors[0]) for name, errors in form.errors.items() if name != "__all__"}


def first_error(form: forms.Form) -> str:
    """One line for the person: the first thing wrong with what the form received."""
    for name, errors in form.errors.items():
        if name == "__all__":
            return str(errors[0])
        return f"{form.fields[name].label}: {errors[0]}"
    return ""
