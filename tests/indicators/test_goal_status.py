"""The worked examples of docs/goal-status-rule.md, one test each (the table there lists the same cases)."""

import pytest

from veikart.indicators.goal_status import GoalStatus, MeasureState, goal_status

M = MeasureState
EXAMPLES = [
    # (number, measures, indicator statuses, expected status, deciding rule)
    (1, [], [], GoalStatus.NOT_ASSESSED, 1),
    (2, [M("cancelled")], ["no_data"], GoalStatus.NOT_ASSESSED, 1),
    (3, [M("done"), M("in_progress")], ["off_track"], GoalStatus.OFF_TRACK, 2),
    (4, [M("done"), M("done"), M("cancelled")], ["achieved"], GoalStatus.ACHIEVED, 3),
    (5, [M("done")], [], GoalStatus.ACHIEVED, 3),
    (6, [M("delayed"), M("in_progress", overdue=True), M("in_progress")], ["on_track"], GoalStatus.OFF_TRACK, 4),
    (7, [M("delayed"), M("in_progress"), M("planned")], [], GoalStatus.AT_RISK, 5),
    (8, [M("in_progress"), M("planned")], ["at_risk", "achieved"], GoalStatus.AT_RISK, 5),
    (9, [M("in_progress"), M("done", overdue=True)], ["on_track", "no_target"], GoalStatus.ON_TRACK, 6),
    (10, [M("done"), M("in_progress")], ["achieved"], GoalStatus.ON_TRACK, 6),
]


@pytest.mark.parametrize(("number", "measures", "indicators", "expected", "rule"), EXAMPLES)
def test_worked_example(number, measures, indicators, expected, rule):
    result = goal_status(measures, indicators)
    assert (result.status, result.rule) == (expected, rule), number


def test_the_assessment_counts_what_it_judged():
    result = goal_status([M("delayed"), M("cancelled"), M("done")], ["no_data", "on_track"])
    assert (result.measures, result.late, result.indicators) == (2, 1, 1)
