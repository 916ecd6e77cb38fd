"""Forms of the member pages (validation only; changes go through services)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from veikart.web.orgs.models import Membership


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-postadresse"), widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Rolle"), choices=Membership.Role.choices, initial=Membership.Role.VIEWER)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rolle"), choices=Membership.Role.choices)


class NewAccountForm(UserCreationForm):
    """The invitee's own account: a username and a password (Django's validators); the e-mail is the invited one."""

    first_name = forms.CharField(label=_("Fornavn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Etternavn"), max_length=150, required=False)

    class Meta(UserCreationForm.Meta):
        fields = ("username", "first_name", "last_name")

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.email = email  # also lets the similarity validator compare the password with the e-mail
        self.fields["username"].widget.attrs["autocomplete"] = "username"
