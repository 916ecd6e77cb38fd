"""Progress towards an indicator's target and its status, by the rule in docs/indicator-status-rule.md.

Plain arithmetic on dataclasses; no Django. The web layer stores indicators,
targets and values and calls :func:`assess` to show progress and status.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from veikart.i18n import N_, Message, MessageError
from veikart.indicators.periods import deadline_of, period_end

DEFAULT_TOLERANCE = 0.10  # share of the distance baseline -> target a projection may fall short and be "at risk"
_DAYS_PER_YEAR = 365.25


class _Choices(enum.StrEnum):
    """A StrEnum that gives Django-style ``choices`` (value, Norwegian label) for model fields."""

    @property
    def label_nb(self) -> str:
        raise NotImplementedError

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label_nb) for member in cls]


class Direction(_Choices):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"

    @property
    def label_nb(self) -> str:
        return "høyere er bedre" if self is Direction.HIGHER_IS_BETTER else "lavere er bedre"

    @property
    def sign(self) -> int:
        return 1 if self is Direction.HIGHER_IS_BETTER else -1


class Comparison(_Choices):
    """How a value is compared with the target. IMPROVE: better than the baseline, no number given."""

    AT_LEAST = ">="
    AT_MOST = "<="
    EQUAL = "="
    IMPROVE = "improve"

    @property
    def label_nb(self) -> str:
        return {">=": "minst", "<=": "høyst", "=": "lik", "improve": "bedre enn utgangspunktet"}[self.value]


class Status(_Choices):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"

    @property
    def label_nb(self) -> str:
        return {
            "achieved": "nådd",
            "on_track": "i rute",
            "at_risk": "usikker",
            "off_track": "ikke i rute",
            "no_data": "mangler data",
        }[self.value]


class TargetError(MessageError, ValueError):
    """A target that cannot be: a value with "improve" (or none without), a negative margin, against the direction."""


@dataclass(frozen=True, slots=True)
class Observation:
    period: date  # the last day of the period the value describes (see periods.period_end)
    value: float

    @classmethod
    def of(cls, period: str | int | date, value: float) -> Observation:
        """Observation.of("2022K1", 1.5): a period as statistics write it."""
        return cls(period_end(period), value)


@dataclass(frozen=True, slots=True)
class Target:
    value: float | None  # None only with Comparison.IMPROVE
    comparison: Comparison
    deadline: date
    baseline: Observation | None = None  # when absent, the first observation is the baseline
    margin: float = 0.0  # for "=": how far from the value still counts as equal

    def __post_init__(self) -> None:
        if (self.value is None) != (self.comparison is Comparison.IMPROVE):
            raise TargetError(
                "målverdi mangler eller er overflødig: >=, <= og = har en målverdi, «bedre enn utgangspunktet» ingen"
            )
        if self.margin < 0:
            raise TargetError("margin kan ikke være negativ")

    @classmethod
    def by(cls, value: float | None, comparison: Comparison | str, deadline: int | str | date, **kwargs) -> Target:
        """Target.by(2.0, ">=", 2019): at least 2.0 by the end of 2019."""
        return cls(value, Comparison(comparison), deadline_of(deadline), **kwargs)


@dataclass(frozen=True, slots=True)
class Assessment:
    status: Status
    progress: float | None  # share of the way from baseline to target covered by the latest value
    projected: float | None  # value the trend reaches by the deadline
    baseline: Observation | None
    latest: Observation | None
    reason: Message  # why the status is what it is (veikart.i18n: shown in the reader's language)


def meets(value: float, target: Target, direction: Direction, baseline: float | None = None) -> bool:
    """Whether a value satisfies the target (IMPROVE needs the baseline)."""
    match target.comparison:
        case Comparison.AT_LEAST:
            return value >= target.value
        case Comparison.AT_MOST:
            return value <= target.value
        case Comparison.EQUAL:
            return abs(value - target.value) <= target.margin
        case Comparison.IMPROVE:
            return baseline is not None and direction.sign * (value - baseline) > 0
    raise AssertionError(target.comparison)


def progress(baseline: float | None, latest: float | None, target: Target) -> float | None:
    """Share of the way from baseline to target that the latest value has covered.

    0 = still at the baseline, 1 = at the target, above 1 = beyond it, below 0 =
    moved away. Without a baseline, or with one that already met the target,
    there is no distance to measure: 1.0 if the latest value meets the target,
    else None. None without a latest value, and for IMPROVE targets.
    """
    if latest is None or target.comparison is Comparison.IMPROVE:
        return None
    goal = target.value
    met = meets(latest, target, Direction.HIGHER_IS_BETTER)  # the direction matters only for IMPROVE
    if baseline is None or meets(baseline, target, Direction.HIGHER_IS_BETTER):
        # No distance to measure: nothing to start from, or the target was met at the start.
        return 1.0 if met else None
    if target.comparison is Comparison.EQUAL:
        return 1.0 if met else 1.0 - abs(goal - latest) / abs(goal - baseline)
    return (latest - baseline) / (goal - baseline)


def _years(day: date) -> float:
    return day.toordinal() / _DAYS_PER_YEAR


def trend_slope(points: list[Observation]) -> float:
    """Least-squares slope in units per year (0 for fewer than two distinct periods)."""
    if len(points) < 2:
        return 0.0
    xs = [_years(p.period) for p in points]
    ys = [p.value for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    if sxx == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx


def _check_direction(target: Target, direction: Direction) -> None:
    if (target.comparison is Comparison.AT_LEAST and direction is Direction.LOWER_IS_BETTER) or (
        target.comparison is Comparison.AT_MOST and direction is Direction.HIGHER_IS_BETTER
    ):
        raise TargetError(
            "målet «%(comparison)s» passer ikke med retningen %(direction)s",
            comparison=target.comparison.value,
            direction=direction.value,
        )


def assess(
    observations: Iterable[Observation],
    target: Target,
    direction: Direction,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
) -> Assessment:
    """Status and progress of one indicator series against its target (see docs/indicator-status-rule.md)."""
    _check_direction(target, direction)
    series = sorted((o for o in observations if o.value is not None), key=lambda o: o.period)
    if not series:
        return Assessment(Status.NO_DATA, None, None, target.baseline, None, Message("ingen målinger"))
    latest = series[-1]
    baseline = target.baseline
    if baseline is None and len(series) >= 2:
        baseline = series[0]
    base_value = baseline.value if baseline else None
    share = progress(base_value, latest.value, target)

    def result(status: Status, reason: str, projected: float | None = None) -> Assessment:
        return Assessment(status, share, projected, baseline, latest, Message(reason))

    if meets(latest.value, target, direction, base_value):
        return result(Status.ACHIEVED, N_("siste måling oppfyller målet"))
    if baseline is None:
        return result(Status.NO_DATA, N_("bare én måling: ingen trend å vurdere"))
    if latest.period >= target.deadline:
        return result(Status.OFF_TRACK, N_("fristen er nådd uten at målet er oppfylt"))

    points = [baseline, *(o for o in series if o.period > baseline.period)]
    if len(points) < 2:
        return result(Status.NO_DATA, N_("bare én måling: ingen trend å vurdere"))
    slope = trend_slope(points)
    projected = latest.value + slope * (_years(target.deadline) - _years(latest.period))

    if target.comparison is Comparison.IMPROVE:
        if direction.sign * (projected - base_value) > 0:
            return result(Status.ON_TRACK, N_("trenden gir forbedring innen fristen"), projected)
        return result(Status.OFF_TRACK, N_("trenden gir ingen forbedring innen fristen"), projected)

    if meets(projected, target, direction):
        return result(Status.ON_TRACK, N_("trenden når målet innen fristen"), projected)
    projected_share = progress(base_value, projected, target)
    span = _years(target.deadline) - _years(baseline.period)
    elapsed = (_years(latest.period) - _years(baseline.period)) / span if span > 0 else 1.0
    if projected_share is not None and projected_share >= 1 - tolerance:
        return result(Status.AT_RISK, N_("trenden når nesten målet innen fristen"), projected)
    if share is not None and share >= elapsed - tolerance:
        return result(Status.AT_RISK, N_("framdriften følger tiden, men trenden er for svak"), projected)
    return result(Status.OFF_TRACK, N_("trenden når ikke målet innen fristen"), projected)


def status(
    observations: Iterable[Observation], target: Target, direction: Direction, *, tolerance: float = DEFAULT_TOLERANCE
) -> Status:
    """Only the status of :func:`assess`."""
    return assess(observations, target, direction, tolerance=tolerance).status
