"""One data function per follow-up page: dashboard, measures by status, overdue, indicator, members.

Status and progress of an indicator come from veikart.indicators.progress
(docs/indicator-status-rule.md). For an indicator measured per member, the
series judged is the members' median per period: the sector as a whole.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.cache import cache
from django.db import connection
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from veikart.indicators import charts
from veikart.indicators import progress as rules
from veikart.indicators.goal_status import GoalAssessment, GoalStatus, MeasureState, goal_status
from veikart.web.messages import message_text
from veikart.web.orgs.models import Organisation
from veikart.web.pagecache import generation
from veikart.web.planning.models import (
    FINISHED,
    ActionPlan,
    Indicator,
    Level,
    Measure,
    MeasureStatus,
    Target,
    Value,
)
from veikart.web.strategies.access import public_strategies_q
from veikart.web.strategies.models import Item, Section, Strategy

NO_TARGET = "no_target"
# The rules module (plain Python) names its statuses in bokmål only; the page's language comes from here.
STATUS_LABELS = {
    rules.Status.ACHIEVED.value: gettext_lazy("nådd"),
    rules.Status.ON_TRACK.value: gettext_lazy("i rute"),
    rules.Status.AT_RISK.value: gettext_lazy("usikker"),
    rules.Status.OFF_TRACK.value: gettext_lazy("ikke i rute"),
    rules.Status.NO_DATA.value: gettext_lazy("mangler data"),
    NO_TARGET: gettext_lazy("uten målverdi"),
}
GOAL_STATUS_LABELS = {
    GoalStatus.ACHIEVED.value: gettext_lazy("nådd"),
    GoalStatus.ON_TRACK.value: gettext_lazy("i rute"),
    GoalStatus.AT_RISK.value: gettext_lazy("usikker"),
    GoalStatus.OFF_TRACK.value: gettext_lazy("ikke i rute"),
    GoalStatus.NOT_ASSESSED.value: gettext_lazy("ikke vurdert"),
}
STATUS_ORDER = [
    MeasureStatus.DELAYED, MeasureStatus.IN_PROGRESS, MeasureStatus.PLANNED, MeasureStatus.DONE,
    MeasureStatus.CANCELLED,
]


@dataclass
class IndicatorSummary:
    indicator: Indicator
    target: Target | None
    series: list[tuple[date, float]]  # what the status judges: own values, or the members' median
    series_label: str
    assessment: rules.Assessment | None

    @property
    def status(self) -> str:
        if self.assessment:
            return self.assessment.status.value
        # Values but nothing to measure them against: no status, and not "no data" either.
        return NO_TARGET if self.target is None and self.series else rules.Status.NO_DATA.value

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def reason(self) -> str:
        """Why the status is what it is, in the page's language."""
        if self.assessment is None:
            return ""
        return message_text(self.assessment.reason)

    @property
    def progress_percent(self) -> int | None:
        if self.assessment is None or self.assessment.progress is None:
            return None
        return round(self.assessment.progress * 100)

    @property
    def latest(self) -> tuple[date, float] | None:
        return self.series[-1] if self.series else None


@dataclass
class GoalGroup:
    section: Section
    goals: list[Item]
    commitments: list[Item]
    measures: list[Measure] = field(default_factory=list)
    indicators: list[IndicatorSummary] = field(default_factory=list)


def target_rule(target: Target) -> rules.Target:
    baseline = None
    indicator = target.indicator
    if target.baseline is not None and target.baseline_period is not None:
        baseline = rules.Observation(target.baseline_period, target.baseline)
    elif indicator.baseline is not None and indicator.baseline_year is not None:
        # The indicator's own baseline (set in the app) serves every target that has none of its own.
        baseline = rules.Observation(date(indicator.baseline_year, 12, 31), indicator.baseline)
    return rules.Target(target.value, rules.Comparison(target.comparison), target.deadline, baseline)


def median_series(indicator: Indicator, until: date | None = None) -> list[tuple[date, float]]:
    """The members' median per period."""
    return medians([indicator], until)[indicator.pk]


def _up_to(query, until: date | None):
    return query if until is None else query.filter(period_end__lte=until)


def data_key(*parts: object) -> str | None:
    """A cache key that holds only while the data is unchanged: the parts plus the data generation.

    None inside an open transaction, whose uncommitted writes the generation does not count yet, and
    before the generation table exists: then compute, do not cache.
    """
    if connection.in_atomic_block:
        return None
    now = generation.current()
    return None if now is None else ":".join(str(part) for part in (*parts, now))


MEDIANS_SECONDS = 600  # a backstop for writes made outside Django; any write through Django starts a new generation


def medians(indicators: list[Indicator], until: date | None = None) -> dict[int, list[tuple[date, float]]]:
    """{indicator id: [(period end, median over the members)]} for all of them, up to ``until``.

    The medians read every value of the indicators (≈178,500 rows for 50 indicators over 357 members and
    ten years: most of the dashboard's time), so they are kept in the cache under the data generation
    (``pagecache.generation``), which any committed write of values, indicators or members moves on:
    the next page after an import computes them afresh. Inside an open transaction (uncommitted writes
    the generation does not know of yet) they are always computed.

    Each median is over one period's values, so the medians up to ``until`` are the first ones of all
    periods': a year's report reuses what the dashboard computed (and the other way round).
    """
    if until is not None:
        return {pk: [(end, median) for end, median in series if end <= until]
                for pk, series in medians(indicators).items()}
    ids = sorted(i.pk for i in indicators)
    if not ids:
        return {}
    key = data_key("planning-medians", ",".join(map(str, ids)))
    if key is not None:
        found = cache.get(key)
        if found is not None:
            return found
    result = _compute_medians(ids)
    if key is not None:
        cache.set(key, result, MEDIANS_SECONDS)
    return result


def _compute_medians(ids: list[int]) -> dict[int, list[tuple[date, float]]]:
    """The database groups the values per indicator and period (one row per period, read along the index on
    indicator and period), and Python takes each group's median.

    Reading every value as its own row, with a date object per row, took three times as long; ranking them
    with window functions in SQLite, longer still. PostgreSQL hands each group back as a list of floats
    (``array_agg``); SQLite as a JSON array (``json_group_array``), whose numbers are written with 15
    significant digits or more: imported values (decimal numbers of at most 15 digits) read back exactly.
    """
    query = Value.objects.filter(indicator__in=ids).order_by().values_list("indicator_id", "period_end")
    where, params = query.query.sql_with_params()
    where = where[where.index(" FROM "):]
    postgres = connection.vendor == "postgresql"
    grouped = "array_agg" if postgres else "json_group_array"
    table = connection.ops.quote_name(Value._meta.db_table)
    sql = (f"SELECT {table}.indicator_id, {table}.period_end, {grouped}({table}.value){where} "
           f"GROUP BY {table}.indicator_id, {table}.period_end")
    by_period: dict[int, list[tuple[date, float]]] = {pk: [] for pk in ids}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for indicator_id, end, values in cursor.fetchall():
            # SQLite may return the date as text, PostgreSQL as a date.
            end = end if isinstance(end, date) else date.fromisoformat(str(end))
            by_period[indicator_id].append((end, statistics.median(values if postgres else json.loads(values))))
    return {pk: sorted(series) for pk, series in by_period.items()}


def own_series(indicator: Indicator, organisation: Organisation, until: date | None = None
               ) -> list[tuple[date, float]]:
    return list(
        _up_to(Value.objects.filter(indicator=indicator, organisation=organisation), until)
        .order_by("period_end")
        .values_list("period_end", "value")
    )


def summarise(indicator: Indicator, strategy: Strategy | None,
              member_medians: dict[int, list[tuple[date, float]]] | None = None,
              until: date | None = None) -> IndicatorSummary:
    targets = list(indicator.targets.all())
    target = next((t for t in targets if strategy and t.strategy_id == strategy.pk), None) or (
        targets[-1] if targets else None
    )
    if indicator.level == Level.ORGANISATION:
        series, label = own_series(indicator, indicator.organisation, until), indicator.organisation.name
    else:
        series = member_medians[indicator.pk] if member_medians is not None else median_series(indicator, until)
        label = _("Median for medlemmene")
    assessment = None
    if target is not None:
        try:
            assessment = rules.assess(
                [rules.Observation(d, v) for d, v in series], target_rule(target), rules.Direction(indicator.direction)
            )
        except ValueError:  # a target whose comparison contradicts the direction: shown as no assessment
            assessment = None
    return IndicatorSummary(indicator, target, series, label, assessment)


def summarise_all(indicators: list[Indicator], strategy: Strategy | None, until: date | None = None
                  ) -> list[IndicatorSummary]:
    member_medians = medians([i for i in indicators if i.level != Level.ORGANISATION], until)
    return [summarise(i, strategy, member_medians, until) for i in indicators]


def strategy_indicators(strategy: Strategy) -> list[Indicator]:
    """Indicators linked to the strategy's goals, or with a target set for the strategy.

    The plan's pages and report are the same for everyone who may see the strategy, so the targets
    and goals they may show are the strategy's own and those of public strategies, never another draft's.
    """
    linked = Q(goals__section__strategy=strategy) | Q(targets__strategy=strategy)
    ids = Indicator.objects.filter(linked).values("pk")
    shown = Q(strategy=strategy) | Q(strategy__isnull=True) | public_strategies_q("strategy__")
    goals = Item.objects.filter(Q(section__strategy=strategy) | public_strategies_q("section__strategy__"))
    return list(
        Indicator.objects.filter(pk__in=ids).select_related("organisation")
        .prefetch_related(Prefetch("targets", queryset=Target.objects.filter(shown)), Prefetch("goals", queryset=goals))
        .order_by("name")
    )


def plan_measures(plan: ActionPlan):
    return plan.measures.prefetch_related(
        Prefetch("items", queryset=Item.objects.only("pk", "section_id", "kind", "text"))
    ).select_related("carried_from__plan", "responsible_unit", "responsible_user")


@dataclass
class GoalView:
    """A goal's rolled-up status (docs/goal-status-rule.md) as the page shows it."""

    assessment: GoalAssessment

    @property
    def status(self) -> str:
        return self.assessment.status.value

    @property
    def label(self) -> str:
        return str(GOAL_STATUS_LABELS[self.status])

    @property
    def basis(self) -> str:
        """What the status was judged on, e.g. "2 tiltak, 1 forsinket; 1 indikator"."""
        a = self.assessment
        return _("%(m)s tiltak, %(late)s forsinket; %(i)s indikatorer") % {"m": a.measures, "late": a.late,
                                                                           "i": a.indicators}


def goal_views(items: list[Item], measures: list[Measure], summaries: list[IndicatorSummary],
               today: date) -> dict[int, GoalView]:
    """{goal id: its status} from the measures linked to it and the indicators measuring it."""
    late = {m.pk for m in overdue(measures, today)}
    by_goal: dict[int, list[MeasureState]] = defaultdict(list)
    for measure in measures:
        for item in measure.items.all():
            by_goal[item.pk].append(MeasureState(measure.status, measure.pk in late))
    indicator_statuses: dict[int, list[str]] = defaultdict(list)
    for summary in summaries:
        for goal in summary.indicator.goals.all():
            indicator_statuses[goal.pk].append(summary.status)
    return {item.pk: GoalView(goal_status(by_goal[item.pk], indicator_statuses[item.pk])) for item in items}


def dashboard(plan: ActionPlan, today: date | None = None, until: date | None = None) -> dict:
    """Goals by focus area with the measures serving them and the indicators measuring them.

    ``today``: the day overdue is counted on (default today); ``until``: the last period of indicator
    values taken into account (a past year's report sees nothing after that year).
    """
    today = today or timezone.localdate()
    strategy = plan.strategy
    sections = list(Section.objects.filter(strategy=strategy).order_by("position", "pk"))
    items = list(Item.objects.filter(section__strategy=strategy).order_by("position", "pk"))
    measures = list(plan_measures(plan))
    summaries = summarise_all(strategy_indicators(strategy), strategy, until)
    views = goal_views([i for i in items if i.kind == Item.Kind.GOAL], measures, summaries, today)
    for item in items:
        item.goal_view = views.get(item.pk)

    groups: dict[int, GoalGroup] = {}
    ordered = _depth_first(sections)
    for section in ordered:
        groups[section.pk] = GoalGroup(section, [], [])
    for item in items:
        group = groups[item.section_id]
        (group.goals if item.kind == Item.Kind.GOAL else group.commitments).append(item)
    unlinked = []
    for measure in measures:
        linked = {item.section_id for item in measure.items.all()}
        for section_id in linked:
            groups[section_id].measures.append(measure)
        if not linked:
            unlinked.append(measure)
    loose_indicators = []
    for summary in summaries:
        linked = {g.section_id for g in summary.indicator.goals.all() if g.section_id in groups}
        for section_id in linked:
            groups[section_id].indicators.append(summary)
        if not linked:
            loose_indicators.append(summary)
    shown = [g for g in (groups[s.pk] for s in ordered) if g.goals or g.measures or g.indicators]
    return {
        "plan": plan,
        "strategy": strategy,
        "groups": shown,
        "unlinked_measures": unlinked,
        "loose_indicators": loose_indicators,
        "indicators": summaries,
        "counts": status_counts(measures),
        "measures": measures,
        "overdue": overdue(measures, today),
        "goal_counts": goal_counts(views.values()),
    }


def goal_counts(views) -> list[tuple[str, str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for view in views:
        counts[view.status] += 1
    return [(s.value, str(GOAL_STATUS_LABELS[s.value]), counts[s.value]) for s in GoalStatus]


def _depth_first(sections: list[Section]) -> list[Section]:
    children: dict[int | None, list[Section]] = defaultdict(list)
    for section in sections:
        children[section.parent_id].append(section)
    result: list[Section] = []

    def walk(parent: int | None) -> None:
        for section in children.get(parent, []):
            result.append(section)
            walk(section.pk)

    walk(None)
    return result


def status_counts(measures: list[Measure]) -> list[tuple[str, str, int]]:
    counts = defaultdict(int)
    for measure in measures:
        counts[measure.status] += 1
    return [(s.value, s.label, counts[s.value]) for s in STATUS_ORDER]


def by_status(plan: ActionPlan) -> list[tuple[str, str, list[Measure]]]:
    measures = list(plan_measures(plan))
    return [(s.value, s.label, [m for m in measures if m.status == s]) for s in STATUS_ORDER]


def overdue(measures: list[Measure], today: date | None = None) -> list[Measure]:
    """Measures past their due date and neither done nor cancelled, most overdue first."""
    today = today or timezone.localdate()
    late = [m for m in measures if m.due and m.due < today and m.status not in FINISHED]
    return sorted(late, key=lambda m: m.due)


# --- indicator pages ------------------------------------------------------------------------------


@dataclass
class MemberView:
    period: date | None
    period_label: str
    ranking: list[tuple[int, Organisation, float]]  # rank, organisation, value (best first)
    median: float | None
    own: tuple[int, float] | None  # rank and value of the chosen organisation
    histogram_svg: str


def chart_number(value: float) -> str:
    """A number in a chart as ``charts`` rounds it (three significant figures), with the page's decimal mark."""
    text = charts._fmt(value)
    if "." not in text:
        return text
    return number_format(float(text), decimal_pos=len(text.split(".")[1]))


def _chart_words() -> dict:
    return {"fmt": chart_number, "no_data": _("Ingen data")}


def member_view(indicator: Indicator, chosen: Organisation | None, period: date | None = None) -> MemberView:
    """The members' values in one period (default the latest): ranking, median, distribution."""
    periods = Value.objects.filter(indicator=indicator).order_by("-period_end").values_list("period_end", "period")
    latest = periods.first()
    if latest is None:
        return MemberView(None, "", [], None, None, charts.histogram([], title=indicator.name, desc=_("Ingen data"),
                                                                       **_chart_words()))
    period = period or latest[0]
    label = next((p for end, p in periods.distinct() if end == period), str(period.year))
    rows = list(
        Value.objects.filter(indicator=indicator, period_end=period).select_related("organisation")
        .only("value", "organisation__name", "organisation__slug", "organisation__number", "organisation__kind")
    )
    reverse = indicator.direction == "higher_is_better"
    rows.sort(key=lambda v: (-v.value if reverse else v.value, v.organisation.name))
    ranking, rank, previous = [], 0, None
    for index, row in enumerate(rows, start=1):
        if row.value != previous:
            rank, previous = index, row.value
        ranking.append((rank, row.organisation, row.value))
    values = [r.value for r in rows]
    median = statistics.median(values)
    own = next(((rank, value) for rank, org, value in ranking if chosen and org.pk == chosen.pk), None)
    title = _("%(name)s %(period)s: fordeling over %(n)s medlemmer") % {
        "name": indicator.name, "period": label, "n": len(values)}
    desc = _("Histogram over verdiene i %(period)s. Median %(median)s.") % {
        "period": label, "median": chart_number(median)} + (f" {chosen.name}: {chart_number(own[1])}." if own else "")
    svg = charts.histogram(charts.bins(values, mark=own[1] if own else None), title=title, desc=desc,
                           median=median, chart_id=f"hist-{indicator.pk}", median_label=_("median"),
                           **_chart_words())
    return MemberView(period, label, ranking, median, own, svg)


def indicator_chart(summary: IndicatorSummary, chosen: Organisation | None, *,
                    for_print: bool = False) -> tuple[str, list[dict]]:
    """The chart over time (series judged, plus the chosen organisation) and the same data as table rows.

    ``for_print``: the chart drawn in fewer elements for the PDF (``charts.line_chart``).
    """
    indicator, target = summary.indicator, summary.target
    series = [charts.Series(summary.series_label, summary.series)] if summary.series else []
    own = own_series(indicator, chosen) if chosen and indicator.level != Level.ORGANISATION else []
    if own:
        series.append(charts.Series(chosen.name, own))
    target_label = ""
    if target is not None and target.value is not None:
        target_label = _("Mål: %(comparison)s %(value)s innen %(year)s") % {
            "comparison": target.get_comparison_display(), "value": chart_number(target.value),
            "year": target.deadline.year}
    elif target is not None:
        target_label = _("Mål: bedre enn utgangspunktet innen %(year)s") % {"year": target.deadline.year}
    title = _("%(name)s over tid") % {"name": indicator.name}
    desc = " ".join(x for x in (
        _("%(name)s (%(unit)s) over tid.") % {"name": indicator.name, "unit": indicator.unit},
        f"{target_label}." if target_label else _("Ingen målverdi."),
        "" if series else _("Ingen verdier er importert."),
    ) if x)
    svg = charts.line_chart(
        series, title=title, desc=desc,
        target=target.value if target is not None else None, target_label=target_label,
        deadline=target.deadline if target is not None and target.value is not None else None,
        chart_id=f"line-{indicator.pk}", for_print=for_print, **_chart_words(),
    )
    periods = sorted({d for s in series for d, _ in s.points})
    lookup = [dict(s.points) for s in series]
    table = [{"period": d, "values": [values.get(d) for values in lookup]} for d in periods]
    return svg, table


# Measure statuses in the charts: the badges' colours (WCAG 1.4.11: at least 3:1 against white).
MEASURE_COLOURS = {
    MeasureStatus.DELAYED: "#8a4b00", MeasureStatus.IN_PROGRESS: "#005a8c", MeasureStatus.PLANNED: "#444444",
    MeasureStatus.DONE: "#1b6e3a", MeasureStatus.CANCELLED: "#767676",
}


def section_chart(groups: list[GoalGroup]) -> tuple[str, list[dict]]:
    """Measures by status per focus area: the SVG, and the same counts as table rows (with the section to open)."""
    rows, table = [], []
    for group in groups:
        if not group.measures:
            continue
        counts = defaultdict(int)
        for measure in group.measures:
            counts[measure.status] += 1
        label = f"{group.section.number or ''} {group.section.title}".strip()
        rows.append(charts.BarRow(label, dict(counts)))
        table.append({"section": group.section, "label": label,
                      "counts": [counts.get(s, 0) for s in STATUS_ORDER], "total": len(group.measures)})
    categories = [(s.value, str(s.label), MEASURE_COLOURS[s]) for s in STATUS_ORDER]
    svg = charts.stacked_bars(rows, categories, title=_("Tiltak per innsatsområde etter status"),
                              desc=_("Liggende søyler, én per innsatsområde, delt etter tiltakenes status. "
                                     "Tabellen under har de samme tallene."), chart_id="sections")
    return svg, table


def filter_measures(context: dict, unit_id: int | None, status: str | None) -> tuple[int, int]:
    """Keep only the measures of one responsible unit and/or status in the page's groups; (shown, total).

    The counts at the top of the page stay those of the whole plan, as on every other page.
    """
    def keep(measure: Measure) -> bool:
        return (unit_id is None or measure.responsible_unit_id == unit_id) and (not status or measure.status == status)

    for group in context["groups"]:
        group.measures = [m for m in group.measures if keep(m)]
    context["unlinked_measures"] = [m for m in context["unlinked_measures"] if keep(m)]
    return sum(1 for m in context["measures"] if keep(m)), len(context["measures"])
