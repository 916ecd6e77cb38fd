"""The retry and cancel buttons: a POST naming the status the person saw (kept in the admin log)."""

from __future__ import annotations

from django import forms


class JobActionForm(forms.Form):
    status = forms.CharField(max_length=10, widget=forms.HiddenInput)
