"""Forms for plans, measures, status updates and value uploads (validation only; changes go through services)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veikart.web.orgs.models import Organisation
from veikart.web.planning.models import Indicator, MeasureStatus, Role
from veikart.web.strategies.models import Item, Strategy


class DateInput(forms.DateInput):
    input_type = "date"


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("År"), min_value=1900, max_value=2200)
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class PlanDescriptionForm(forms.Form):
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    version = forms.IntegerField(widget=forms.HiddenInput)  # the plan's version when the form was loaded


class ItemChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Item) -> str:
        kind = _("Mål") if obj.kind == Item.Kind.GOAL else _("Forpliktelse")
        number = obj.section.number or ""
        text = obj.text if len(obj.text) <= 140 else obj.text[:139] + "…"
        return f"{number} {kind}: {text}".strip()


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=300)
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    items = ItemChoice(label=_("Mål og forpliktelser tiltaket bidrar til"), queryset=Item.objects.none(),
                       required=False, widget=forms.CheckboxSelectMultiple)
    responsible = forms.CharField(label=_("Ansvarlig enhet eller person"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Rolle"), choices=[("", "—"), *Role.choices], required=False)
    start = forms.DateField(label=_("Start"), required=False, widget=DateInput)
    due = forms.DateField(label=_("Frist"), required=False, widget=DateInput)
    version = forms.IntegerField(widget=forms.HiddenInput)  # when editing: the measure's version when loaded

    def __init__(self, *args, strategy: Strategy, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]
        self.fields["items"].queryset = (
            Item.objects.filter(section__strategy=strategy).select_related("section").order_by(
                "section__position", "section_id", "position", "pk")
        )

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("due") and data["due"] < data["start"]:
            self.add_error("due", _("Fristen kan ikke være før start."))
        return data


class StatusUpdateForm(forms.Form):
    date = forms.DateField(label=_("Dato"), widget=DateInput, initial=timezone.localdate)
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    progress = forms.IntegerField(label=_("Framdrift (%)"), min_value=0, max_value=100)
    comment = forms.CharField(label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("status") == MeasureStatus.DONE and data.get("progress") not in (None, 100):
            self.add_error("progress", _("Et ferdig tiltak har framdrift 100 prosent."))
        return data


class ValueUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisasjon"), queryset=Organisation.objects.none())
    indicator = forms.ModelChoiceField(
        label=_("Indikator"), queryset=Indicator.objects.none(), required=False,
        help_text=_("Velg indikatoren når filen ikke har en kolonne for indikator."),
    )
    file = forms.FileField(label=_("Fil (CSV eller JSON-stat)"),
                           help_text=_("Kolonner: kommunenummer, år, verdi (og eventuelt indikator)."))

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        ids = [o.pk for o in organisations]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)
        self.fields["indicator"].queryset = Indicator.objects.filter(organisation_id__in=ids)
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.VEIKART_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Filen er for stor."))
        return upload

    def clean(self):
        data = super().clean()
        org, indicator = data.get("organisation"), data.get("indicator")
        if org and indicator and indicator.organisation_id != org.pk:
            self.add_error("indicator", _("Indikatoren hører til en annen organisasjon."))
        return data
