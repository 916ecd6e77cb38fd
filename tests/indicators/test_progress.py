"""The worked examples of docs/indicator-status-rule.md, one test each."""

from datetime import date

import pytest

from veikart.indicators.periods import PeriodError, deadline_of, period_end
from veikart.indicators.progress import (
    Comparison,
    Direction,
    Observation,
    Status,
    Target,
    assess,
    progress,
    status,
    trend_slope,
)

HIGHER = Direction.HIGHER_IS_BETTER
LOWER = Direction.LOWER_IS_BETTER
APPRENTICES_BY_2019 = Target.by(2.0, ">=", 2019)


def series(*pairs):
    return [Observation(period_end(period), value) for period, value in pairs]


def test_example_1_a_trend_that_reaches_the_target_is_on_track():
    result = assess(series((2015, 1.5), (2016, 1.6), (2017, 1.8)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.ON_TRACK
    assert result.progress == pytest.approx(0.6)
    assert result.projected == pytest.approx(2.1, abs=0.005)
    assert result.baseline.value == 1.5


def test_example_2_a_projection_just_short_of_the_target_is_at_risk():
    result = assess(series((2015, 1.5), (2016, 1.62), (2017, 1.74)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.AT_RISK
    assert result.projected == pytest.approx(1.98, abs=0.005)
    assert "nearly" in result.reason.text("en")


def test_example_3_progress_that_keeps_pace_with_time_is_at_risk_despite_a_weak_trend():
    result = assess(series((2015, 1.5), (2016, 1.8), (2017, 1.72)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.AT_RISK
    assert result.progress == pytest.approx(0.44)
    assert result.projected == pytest.approx(1.94, abs=0.005)
    assert "keeps pace" in result.reason.text("en")


def test_example_4_a_weak_trend_far_behind_schedule_is_off_track():
    result = assess(series((2015, 1.5), (2016, 1.5), (2017, 1.55)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.OFF_TRACK
    assert result.projected == pytest.approx(1.6, abs=0.005)


def test_example_5_a_flat_trend_projects_the_latest_value_and_is_off_track():
    result = assess(series((2015, 1.7), (2016, 1.7), (2017, 1.7)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.OFF_TRACK
    assert result.projected == pytest.approx(1.7)
    assert result.progress == 0.0


def test_example_6_a_target_already_met_is_achieved_with_progress_above_one():
    result = assess(series((2015, 1.5), (2017, 2.3)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.ACHIEVED
    assert result.progress == pytest.approx(1.6)


def test_example_7_a_single_observation_without_baseline_has_no_trend_to_judge():
    result = assess(series((2017, 1.8)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.NO_DATA
    assert result.progress is None
    assert "one value" in result.reason.text("en")


def test_example_8_a_single_observation_with_a_given_baseline_has_a_trend():
    target = Target.by(2.0, ">=", 2019, baseline=Observation(period_end(2015), 1.5))
    result = assess(series((2017, 1.8)), target, HIGHER)
    assert result.status is Status.ON_TRACK
    assert result.progress == pytest.approx(0.6)


def test_example_9_a_value_for_the_deadline_period_that_misses_is_off_track():
    result = assess(series((2015, 1.5), (2017, 1.7), (2019, 1.8)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.OFF_TRACK
    assert "deadline" in result.reason.text("en")


def test_example_10_a_passed_calendar_deadline_without_its_figures_is_still_projected():
    result = assess(series((2015, 1.5), (2016, 1.6), (2018, 1.9)), APPRENTICES_BY_2019, HIGHER)
    assert result.status is Status.ON_TRACK
    assert result.projected == pytest.approx(2.04, abs=0.01)


def test_example_11_no_observations_is_no_data():
    assert status([], APPRENTICES_BY_2019, HIGHER) is Status.NO_DATA


def test_example_12_lower_is_better_sick_leave_falling_fast_enough_is_on_track():
    result = assess(series((2019, 7.0), (2020, 6.8), (2021, 6.4)), Target.by(6.0, "<=", 2023), LOWER)
    assert result.status is Status.ON_TRACK
    assert result.progress == pytest.approx(0.6)
    assert result.projected == pytest.approx(5.8, abs=0.005)


def test_example_13_an_improve_target_with_a_worsening_trend_is_off_track():
    result = assess(series((2019, 7.0), (2020, 7.2), (2021, 7.3)), Target.by(None, "improve", 2023), LOWER)
    assert result.status is Status.OFF_TRACK
    assert result.progress is None
    assert result.projected == pytest.approx(7.6, abs=0.005)


def test_example_14_an_improve_target_below_the_baseline_is_achieved():
    assert status(series((2019, 7.0), (2020, 7.2), (2021, 6.9)), Target.by(None, "improve", 2023), LOWER) \
        is Status.ACHIEVED


def test_a_baseline_that_already_met_the_target_gives_no_misleading_progress():
    target = Target.by(2.0, ">=", 2019)
    assert progress(2.1, 1.9, target) is None
    assert progress(2.1, 2.2, target) == 1.0


def test_progress_is_negative_when_the_value_moved_away_from_the_target():
    assert progress(1.5, 1.25, APPRENTICES_BY_2019) == pytest.approx(-0.5)


def test_progress_for_an_equal_target_counts_distance_either_side():
    target = Target.by(100.0, "=", 2025, margin=1.0)
    assert progress(80.0, 110.0, target) == pytest.approx(0.5)
    assert progress(80.0, 100.5, target) == 1.0


def test_progress_without_a_latest_value_is_none():
    assert progress(1.5, None, APPRENTICES_BY_2019) is None


def test_it_refuses_a_target_that_contradicts_the_direction():
    with pytest.raises(ValueError, match="contradicts"):
        assess(series((2015, 1.0)), Target.by(2.0, ">=", 2019), LOWER)


def test_it_refuses_an_improve_target_with_a_number():
    with pytest.raises(ValueError):
        Target(1.0, Comparison.IMPROVE, date(2023, 12, 31))


def test_observations_are_judged_in_period_order_whatever_order_they_come_in():
    shuffled = series((2017, 1.8), (2015, 1.5), (2016, 1.6))
    assert status(shuffled, APPRENTICES_BY_2019, HIGHER) is Status.ON_TRACK


def test_the_trend_slope_is_in_units_per_year():
    assert trend_slope(series((2015, 1.0), (2017, 2.0))) == pytest.approx(0.5, abs=0.001)
    assert trend_slope(series((2015, 1.0))) == 0.0


@pytest.mark.parametrize(
    ("period", "end"),
    [("2019", date(2019, 12, 31)), ("2022K1", date(2022, 3, 31)), ("2022Q4", date(2022, 12, 31)),
     ("2024M02", date(2024, 2, 29)), ("2023-06-15", date(2023, 6, 15)), (2020, date(2020, 12, 31))],
)
def test_a_period_stands_for_its_last_day(period, end):
    assert period_end(period) == end


@pytest.mark.parametrize("period", ["19", "2022K5", "2022M13", "2023-02-30", "i fjor"])
def test_it_refuses_text_that_is_not_a_period(period):
    with pytest.raises(PeriodError):
        period_end(period)


def test_a_deadline_year_means_the_end_of_that_year():
    assert deadline_of(2019) == date(2019, 12, 31)


def test_the_enums_give_choices_with_norwegian_labels_for_the_web_layer():
    assert Status.choices()[1] == ("on_track", "i rute")
    assert ("<=", "høyst") in Comparison.choices()
    assert Direction.choices() == [("higher_is_better", "høyere er bedre"), ("lower_is_better", "lavere er bedre")]


def test_an_observation_can_be_made_from_a_period_as_statistics_write_it():
    assert Observation.of("2022K1", 1.5) == Observation(date(2022, 3, 31), 1.5)
