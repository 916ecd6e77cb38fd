"""The history page's one form: which version to restore."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class RestoreForm(forms.Form):
    version = forms.IntegerField(label=_("Versjon"), min_value=1)
