"""One status per goal from its measures and indicators: the published rule (docs/goal-status-rule.md).

Pure data: the web layer passes each linked measure's status and whether it is
past its due date, and each linked indicator's status from
``veikart.indicators.progress``. The rule, checked in this order:

1. What counts: measures that are not cancelled; indicators with a status
   (not "no data", not "no target"). Nothing counts -> NOT_ASSESSED.
2. An indicator off track -> OFF_TRACK (the outcome is what the goal is about).
3. Every counted indicator achieved and every counted measure done -> ACHIEVED.
4. More than half of the counted measures late (delayed, or past due and not
   done) -> OFF_TRACK.
5. Any counted measure late, or any indicator at risk -> AT_RISK.
6. Otherwise -> ON_TRACK.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass

# The same words as veikart.indicators.progress.Status and the measures' statuses (web models' values).
DONE, CANCELLED, DELAYED = "done", "cancelled", "delayed"
IND_ACHIEVED, IND_ON_TRACK, IND_AT_RISK, IND_OFF_TRACK = "achieved", "on_track", "at_risk", "off_track"
IND_UNJUDGED = {"no_data", "no_target"}


class GoalStatus(enum.StrEnum):
    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_ASSESSED = "not_assessed"


@dataclass(frozen=True)
class MeasureState:
    status: str  # planned, in_progress, done, delayed, cancelled
    overdue: bool = False  # past its due date and neither done nor cancelled

    @property
    def late(self) -> bool:
        return self.status == DELAYED or (self.overdue and self.status not in (DONE, CANCELLED))


@dataclass(frozen=True)
class GoalAssessment:
    status: GoalStatus
    rule: int  # which step of the rule decided (1-6), so the page can say why
    measures: int  # measures counted
    late: int  # of which late
    indicators: int  # indicators counted


def goal_status(measures: Iterable[MeasureState], indicator_statuses: Iterable[str]) -> GoalAssessment:
    counted = [m for m in measures if m.status != CANCELLED]
    judged = [s for s in indicator_statuses if s not in IND_UNJUDGED]
    late = sum(1 for m in counted if m.late)

    def result(status: GoalStatus, rule: int) -> GoalAssessment:
        return GoalAssessment(status, rule, len(counted), late, len(judged))

    if not counted and not judged:
        return result(GoalStatus.NOT_ASSESSED, 1)
    if IND_OFF_TRACK in judged:
        return result(GoalStatus.OFF_TRACK, 2)
    if all(s == IND_ACHIEVED for s in judged) and all(m.status == DONE for m in counted):
        return result(GoalStatus.ACHIEVED, 3)
    if counted and late * 2 > len(counted):
        return result(GoalStatus.OFF_TRACK, 4)
    if late or IND_AT_RISK in judged:
        return result(GoalStatus.AT_RISK, 5)
    return result(GoalStatus.ON_TRACK, 6)
