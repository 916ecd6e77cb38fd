"""Forms for plans, measures, status updates and value uploads (validation only; changes go through services)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from veikart.web.orgs.models import Organisation, Unit
from veikart.web.planning.models import Comparison, Direction, Indicator, Level, MeasureStatus, Role
from veikart.web.strategies.models import Item, Section, Strategy


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


def goal_groups(items: list[Item]) -> list[tuple[str, list[int]]]:
    """Items grouped by their section, in the strategy's order: ("2.3 Title", [item ids]) per section.

    The picker shows one group (fieldset) per section, so 69 goals read as the strategy reads.
    """
    groups: dict[int, tuple[str, list[int]]] = {}
    for item in items:
        section: Section = item.section
        if section.pk not in groups:
            groups[section.pk] = (f"{section.number or ''} {section.title}".strip() or str(_("Uten overskrift")), [])
        groups[section.pk][1].append(item.pk)
    return list(groups.values())


def strategy_items(strategy: Strategy, goals_only: bool = False):
    query = Item.objects.filter(section__strategy=strategy).select_related("section")
    if goals_only:
        query = query.filter(kind=Item.Kind.GOAL)
    return query.order_by("section__position", "section_id", "position", "pk")


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class MeasureForm(forms.Form):
    title = forms.CharField(label=_("Tittel"), max_length=300)
    description = forms.CharField(label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    items = ItemChoice(label=_("Mål og forpliktelser tiltaket bidrar til"), queryset=Item.objects.none(),
                       required=False, widget=forms.CheckboxSelectMultiple)
    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices, initial=MeasureStatus.PLANNED,
                               required=False)
    responsible_unit = forms.ModelChoiceField(label=_("Ansvarlig enhet"), queryset=Unit.objects.none(),
                                              required=False)
    responsible_user = UserChoice(label=_("Ansvarlig person"), queryset=get_user_model().objects.none(),
                                  required=False)
    responsible = forms.CharField(label=_("Annen ansvarlig (fritekst)"), max_length=200, required=False,
                                  help_text=_("Bare når ansvaret ligger utenfor organisasjonens enheter."))
    role = forms.ChoiceField(label=_("Rolle"), choices=[("", "—"), *Role.choices], required=False)
    start = forms.DateField(label=_("Start"), required=False, widget=DateInput)
    due = forms.DateField(label=_("Frist"), required=False, widget=DateInput)
    version = forms.IntegerField(widget=forms.HiddenInput)  # when editing: the measure's version when loaded

    def __init__(self, *args, strategy: Strategy, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["status"]  # an existing measure's status changes through a dated status update
        else:
            del self.fields["version"]
        items = list(strategy_items(strategy))
        self.fields["items"].queryset = strategy_items(strategy)
        self.goal_groups = goal_groups(items)
        org = strategy.organisation_id
        self.fields["responsible_unit"].queryset = Unit.objects.filter(organisation_id=org).order_by("name")
        self.fields["responsible_user"].queryset = get_user_model().objects.filter(
            memberships__organisation_id=org).order_by("first_name", "last_name", "username").distinct()

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("due") and data["due"] < data["start"]:
            self.add_error("due", _("Fristen kan ikke være før start."))
        if "status" in self.fields and not data.get("status"):
            data["status"] = MeasureStatus.PLANNED
        if data.get("responsible_unit") and data.get("responsible_user"):
            self.add_error("responsible_user", _("Velg enten en enhet eller en person som ansvarlig."))
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


def within_upload_limit(upload: UploadedFile) -> None:
    """An uploaded file no larger than VEIKART_MAX_UPLOAD_BYTES."""
    if upload.size > settings.VEIKART_MAX_UPLOAD_BYTES:
        raise forms.ValidationError(_("Filen er for stor."))


class ValueUploadForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisasjon"), queryset=Organisation.objects.none())
    indicator = forms.ModelChoiceField(
        label=_("Indikator"), queryset=Indicator.objects.none(), required=False,
        help_text=_("Velg indikatoren når filen ikke har en kolonne for indikator."),
    )
    file = forms.FileField(label=_("Fil (CSV, XLSX eller JSON-stat)"), validators=[within_upload_limit],
                           help_text=_("Kolonner: kommunenummer, år, verdi (og eventuelt indikator)."))

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        ids = [o.pk for o in organisations]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids)
        self.fields["indicator"].queryset = Indicator.objects.filter(organisation_id__in=ids)
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk

    def clean(self):
        data = super().clean()
        org, indicator = data.get("organisation"), data.get("indicator")
        if org and indicator and indicator.organisation_id != org.pk:
            self.add_error("indicator", _("Indikatoren hører til en annen organisasjon."))
        return data


def organisation_goals(organisation: Organisation):
    """The goals of the organisation's strategies, in each strategy's order."""
    return Item.objects.filter(section__strategy__organisation=organisation, kind=Item.Kind.GOAL).select_related(
        "section__strategy").order_by("section__strategy__title", "section__strategy_id", "section__position",
                                      "section_id", "position", "pk")


class GoalChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Item) -> str:
        number = obj.section.number or ""
        text = obj.text if len(obj.text) <= 100 else obj.text[:99] + "…"
        return f"{number} {text}".strip()


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    name_en = forms.CharField(label=_("Navn på engelsk"), max_length=200, required=False)
    unit = forms.CharField(label=_("Enhet"), max_length=100, help_text=_("For eksempel «prosent» eller "
                                                                         "«lærlinger per 1000 innbyggere»."))
    direction = forms.ChoiceField(label=_("Retning"), choices=Direction.choices)
    level = forms.ChoiceField(label=_("Måles for"), choices=Level.choices)
    source = forms.CharField(label=_("Kilde"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("SSB-tabell (for eksempel «SSB tabell 12345») eller egen registrering."))
    baseline = forms.FloatField(label=_("Utgangspunkt (verdi)"), required=False, localize=True,
                                widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    baseline_year = forms.IntegerField(label=_("Utgangspunkt (år)"), required=False, min_value=1900,
                                       max_value=2100)
    goals = ItemChoice(label=_("Mål indikatoren måler"), queryset=Item.objects.none(), required=False,
                       widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput)  # when editing: the indicator's version when loaded

    def __init__(self, *args, organisation: Organisation, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not editing:
            del self.fields["version"]
        goals = organisation_goals(organisation)
        self.fields["goals"].queryset = goals
        self.goal_groups = goal_groups(list(goals))

    def clean(self):
        data = super().clean()
        if (data.get("baseline") is None) != (data.get("baseline_year") is None):
            self.add_error("baseline_year", _("Utgangspunktet trenger både verdi og år."))
        return data


class TargetForm(forms.Form):
    goal = GoalChoice(label=_("Gjelder målet"), queryset=Item.objects.none(), required=False,
                      empty_label=_("Indikatoren som helhet"))
    comparison = forms.ChoiceField(label=_("Sammenligning"), choices=Comparison.choices)
    value = forms.FloatField(label=_("Målverdi"), required=False, localize=True,
                             widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    year = forms.IntegerField(label=_("Innen år"), min_value=1900, max_value=2100)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = organisation_goals(organisation)

    def clean(self):
        data = super().clean()
        if data.get("comparison") and data["comparison"] != "improve" and data.get("value") is None:
            self.add_error("value", _("Skriv en målverdi, eller velg «bedre enn utgangspunktet»."))
        return data


TargetFormSet = forms.formset_factory(TargetForm, extra=2, can_delete=True, max_num=20, validate_max=True)


class PlanImportForm(forms.Form):
    file = forms.FileField(label=_("Fil (CSV, XLSX eller JSON fra Veikart)"), validators=[within_upload_limit],
                           help_text=_("En tiltaksliste eksportert fra Veikart. Rader med tiltaksnummer fra denne "
                                       "planen oppdaterer tiltaket; andre rader blir nye tiltak."))

