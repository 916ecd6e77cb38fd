"""Forms of the review page's corrections from the source text (the other edits parse their few fields in review.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from veikart.web.strategies.edits import HEADING
from veikart.web.strategies.models import Item


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


class BulletsForm(forms.Form):
    """Turn the list in a section's introduction into items of one kind."""

    section = forms.IntegerField(label=_("Kapittel"))
    version = forms.IntegerField(label=_("Versjon"), min_value=1)
    kind = forms.ChoiceField(label=_("Gjør punktene til"), choices=Item.Kind.choices)


def first_error(form: forms.Form) -> str:
    """One line for the person: the first thing wrong with what the form received."""
    for name, errors in form.errors.items():
        if name == "__all__":
            return str(errors[0])
        return f"{form.fields[name].label}: {errors[0]}"
    return ""
