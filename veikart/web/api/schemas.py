"""What the API reads and writes (pydantic models through django-ninja; they make the OpenAPI schema)."""


import datetime as dt
from typing import Literal

from django.urls import reverse
from django.utils import translation
from ninja import Field, Schema

from veikart.i18n import Message
from veikart.indicators.goal_status import GoalStatus
from veikart.web.messages import message_text
from veikart.web.planning.models import MeasureStatus

StatusName = Literal[tuple(MeasureStatus.values)]  # type: ignore[valid-type]  # planned, in_progress, done …
# An assessment's status may be left empty (text only), as on the period page; one Literal, so errors name the field.
GoalAssessed = Literal[tuple(s.value for s in GoalStatus) + ("",)]  # type: ignore[valid-type]  # achieved …
MeasureAssessed = Literal[tuple(MeasureStatus.values) + ("",)]  # type: ignore[valid-type]


class Organisation(Schema):
    id: int
    slug: str
    name: str
    kind: str = Field(description="ks, kommune, fylkeskommune or other")
    number: str | None = Field(None, description="Municipality or county number, e.g. «0301»")


class Strategy(Schema):
    id: int
    title: str
    organisation: str = Field(description="The organisation's slug")
    status: str = Field(description="published or archived (drafts are never shown)")
    period_start: int | None
    period_end: int | None
    language: str
    version: int
    published_at: dt.datetime | None
    url: str = Field(description="The public page")

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class Section(Schema):
    id: int = Field(description="Stable while the section exists (edits keep it)")
    parent_id: int | None
    number: str | None
    title: str
    intro: str
    position: int
    source_page: int | None


class StrategyDetail(Strategy):
    sections: list[Section] = Field(description="Every section, parents before children, in reading order")
    goals: int = Field(description="Number of goals")
    commitments: int = Field(description="Number of commitments")

    @staticmethod
    def resolve_sections(obj) -> list:
        return obj.sections_in_order

    @staticmethod
    def resolve_goals(obj) -> int:
        return obj.kind_counts.get("goal", 0)

    @staticmethod
    def resolve_commitments(obj) -> int:
        return obj.kind_counts.get("commitment", 0)


class Item(Schema):
    id: int = Field(description="Stable while the item exists (edits keep it)")
    strategy_id: int
    section_id: int
    kind: Literal["goal", "commitment"]
    text: str
    position: int
    source_page: int | None
    source_start: int | None
    source_end: int | None


class ActionPlan(Schema):
    id: int
    strategy_id: int
    year: int
    description: str
    measures: int = Field(description="Number of measures")

    @staticmethod
    def resolve_measures(obj) -> int:
        return obj.measure_count


class Measure(Schema):
    id: int
    strategy_id: int
    year: int
    title: str
    description: str
    responsible: str
    role: str
    start: dt.date | None
    due: dt.date | None
    status: str
    progress: int
    item_ids: list[int] = Field(description="The goals and commitments the measure serves")
    carried_from_id: int | None
    version: int

    @staticmethod
    def resolve_item_ids(obj) -> list[int]:
        return [item.pk for item in obj.items.all()]  # prefetched


class StatusUpdate(Schema):
    id: int
    date: dt.date
    status: str
    progress: int
    assessment: str
    created_at: dt.datetime

    @staticmethod
    def resolve_assessment(obj) -> str:
        return obj.comment


class MeasureDetail(Measure):
    updates: list[StatusUpdate] = Field(description="Status history, newest first")

    @staticmethod
    def resolve_updates(obj) -> list:
        return obj.history


class Indicator(Schema):
    key: str
    name: str
    name_en: str
    unit: str
    direction: str
    level: str
    organisation: str
    source: str

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug


class Target(Schema):
    id: int
    strategy_id: int | None
    value: float | None
    comparison: str
    deadline: dt.date
    baseline: float | None
    baseline_period: dt.date | None
    goal_text: str


class IndicatorDetail(Indicator):
    targets: list[Target] = Field(description="Targets for public strategies, and targets set for none")
    goal_ids: list[int] = Field(description="The public goals the indicator measures")

    @staticmethod
    def resolve_targets(obj) -> list:
        return obj.targets_shown


class Value(Schema):
    organisation: str
    organisation_number: str | None

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.organisation.slug

    @staticmethod
    def resolve_organisation_number(obj) -> str | None:
        return obj.organisation.number
    period: str
    period_end: dt.date
    value: float
    source: str
    imported_at: dt.datetime


class SdgGoal(Schema):
    number: int
    short_nb: str
    short_en: str
    title_nb: str
    title_en: str
    colour: str


class SdgTag(Schema):
    id: int
    strategy_id: int
    item_id: int | None
    measure_id: int | None
    goal: int
    targets: list[str]

    @staticmethod
    def resolve_goal(obj) -> int:
        return obj.goal_id

    @staticmethod
    def resolve_targets(obj) -> list[str]:
        return [t.code for t in obj.targets.all()]  # prefetched
    status: Literal["accepted", "added"] = Field(description="Only tags a person confirmed")


# --- writing ---------------------------------------------------------------------------------------


class StatusIn(Schema):
    status: StatusName
    progress: int = Field(ge=0, le=100, description="Percent done; 100 when the status is done")
    assessment: str = Field("", max_length=10_000, description="The assessment in words")
    date: dt.date | None = Field(None, description="Default: today")


class ValueIn(Schema):
    member: str = Field(min_length=1, max_length=10, description="Municipality or county number, e.g. «3101»")
    period: str = Field(min_length=1, max_length=20, description="«2022», «2022K3», «2022M07» …")
    value: float


class ValuesIn(Schema):
    values: list[ValueIn] = Field(min_length=1, max_length=5000)
    source: str = Field("", max_length=500, description="Where the values come from")


class ValuesWritten(Schema):
    created: int
    updated: int
    unchanged: int


class ValueImport(Schema):
    id: int
    indicator: str | None

    @staticmethod
    def resolve_indicator(obj) -> str | None:
        return obj.indicator.key if obj.indicator_id else None
    filename: str
    stage: str
    status: str
    progress: int
    report: dict
    result: dict | None
    error: str = Field(description="Why the job failed or its file was refused, in the request's language")

    @staticmethod
    def resolve_error(obj) -> str:
        # Both are stored as message ids with parameters (a refusal in the report, as the page reads it).
        refused = obj.report.get("error") if isinstance(obj.report, dict) else None
        if obj.error or not refused:
            return obj.error_text
        return message_text(Message.from_dict(refused)) if isinstance(refused, dict) else str(refused)


class ImportJob(Schema):
    id: int
    filename: str
    status: str = Field(description="queued, running, done, failed or cancelled")
    progress: int = Field(description="Percent")
    step: str
    error: str = Field(description="Why it failed, in the request's language (Accept-Language: nb, nn or en; "
                                   "bokmål by default)")
    # Kept for clients written when `error` was always bokmål; they should send Accept-Language: en instead.
    error_en: str = Field(description="Deprecated: why it failed, in English (use `error` with "
                                      "Accept-Language: en)", json_schema_extra={"deprecated": True})
    strategy_id: int | None = Field(description="The draft strategy it made, once done (a draft: read it with "
                                                "the web page, not the public API)")
    url: str = Field(description="This job in the API: poll it until status is done, failed or cancelled")
    page: str = Field(description="The job's web page")

    @staticmethod
    def resolve_error(obj) -> str:
        return obj.error_text

    @staticmethod
    def resolve_error_en(obj) -> str:
        with translation.override("en"):
            return obj.error_text

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("api:import_job", args=[obj.pk])

    @staticmethod
    def resolve_page(obj) -> str:
        return obj.get_absolute_url()


class ApplyIn(Schema):
    skip_rejected: bool = Field(False, description="Write the accepted rows and leave the rejected ones out")


# --- reporting periods and their assessments ---------------------------------------------------------


class Assessment(Schema):
    goal_id: int | None = Field(description="The goal assessed (or null: a measure)")
    measure_id: int | None
    status: str = Field(description="A goal status (achieved, on_track, at_risk, off_track, not_assessed) or a "
                                    "measure status")
    text: str
    updated_at: dt.datetime

    @staticmethod
    def resolve_goal_id(obj) -> int | None:
        return obj.item_id


class Period(Schema):
    number: int = Field(description="Tertial 1–3, or 1 for a plan reported once a year")
    label: str
    state: Literal["draft", "submitted", "approved"]
    end: dt.date = Field(description="The period's last day")
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    assessments: list[Assessment]

    @staticmethod
    def resolve_assessments(obj) -> list:
        return list(obj.assessments.all()) if obj.pk else []


class GoalAssessmentIn(Schema):
    id: int = Field(description="A goal of the plan's strategy")
    status: GoalAssessed = ""
    text: str = Field("", max_length=10_000)


class MeasureAssessmentIn(Schema):
    id: int = Field(description="A measure of this plan")
    status: MeasureAssessed = ""
    text: str = Field("", max_length=10_000)


class AssessmentsIn(Schema):
    goals: list[GoalAssessmentIn] = Field([], max_length=5000)
    measures: list[MeasureAssessmentIn] = Field([], max_length=5000)


class AssessmentsWritten(Schema):
    changed: int = Field(description="How many assessments were new or different")
    period: Period


class Problem(Schema):
    detail: str | list[dict]
