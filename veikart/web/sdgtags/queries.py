"""One data function per SDG page (index, goal, strategy profile) and the tags of a strategy's items.

Each returns plain values the HTML templates and the JSON views share, in a
fixed number of queries whatever the number of items.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q

from veikart.web.planning.models import Measure
from veikart.web.sdgtags.models import CONFIRMED, SHOWN, ItemTag, LocalTarget, SdgGoal, SdgTarget, TagStatus
from veikart.web.strategies.models import Item, Strategy

PUBLISHED = Strategy.Status.PUBLISHED


def tags_by_item(strategy: Strategy, *, with_rejected: bool = False) -> dict[int, list[ItemTag]]:
    """Every item's tags (confirmed first, then proposals by score), in three queries."""
    statuses = list(TagStatus) if with_rejected else list(SHOWN)
    tags = (
        ItemTag.objects.filter(strategy=strategy, item__isnull=False, status__in=statuses)
        .select_related("goal")
        .prefetch_related("targets", "local_targets")
    )
    return _grouped(tags, "item_id")


def tags_by_measure(measures: list[Measure], *, with_rejected: bool = False) -> dict[int, list[ItemTag]]:
    """The tags of these measures (for action plan pages), confirmed first, in three queries."""
    statuses = list(TagStatus) if with_rejected else list(SHOWN)
    tags = (
        ItemTag.objects.filter(measure__in=measures, status__in=statuses)
        .select_related("goal")
        .prefetch_related("targets", "local_targets")
    )
    return _grouped(tags, "measure_id")


_ORDER = {TagStatus.ACCEPTED: 0, TagStatus.ADDED: 0, TagStatus.PROPOSED: 1, TagStatus.REJECTED: 2}


def _grouped(tags, attribute: str) -> dict[int, list[ItemTag]]:
    """Tags per item (or measure): a person's tags first, then proposals by score, rejected last."""
    grouped: dict[int, list[ItemTag]] = defaultdict(list)
    for tag in sorted(tags, key=lambda t: (_ORDER[t.status], -(t.score or 0), t.goal_id)):
        grouped[getattr(tag, attribute)].append(tag)
    return dict(grouped)


# --- index -------------------------------------------------------------------------------------


@dataclass
class GoalCount:
    goal: SdgGoal
    confirmed: int
    proposed: int
    strategies: int


def index_data() -> list[GoalCount]:
    """Every SDG with how many items of published strategies serve it (two queries)."""
    counts = {
        row["goal"]: row
        for row in ItemTag.objects.attached().filter(strategy__status=PUBLISHED, status__in=SHOWN)
        .values("goal")
        .annotate(
            confirmed=Count("pk", filter=Q(status__in=CONFIRMED)),
            proposed=Count("pk", filter=Q(status=TagStatus.PROPOSED)),
            strategies=Count("strategy", distinct=True),
        )
    }
    return [
        GoalCount(goal, counts.get(goal.number, {}).get("confirmed", 0), counts.get(goal.number, {}).get("proposed", 0),
                  counts.get(goal.number, {}).get("strategies", 0))
        for goal in SdgGoal.objects.all()
    ]


# --- one goal -----------------------------------------------------------------------------------


@dataclass
class TargetRow:
    target: SdgTarget
    local_targets: list[LocalTarget] = field(default_factory=list)
    tagged: int = 0  # shown tags naming this target, in published strategies


@dataclass
class StrategyGroup:
    strategy: Strategy
    tags: list[ItemTag] = field(default_factory=list)


@dataclass
class GoalPage:
    goal: SdgGoal
    targets: list[TargetRow]
    groups: list[StrategyGroup]
    confirmed: int
    proposed: int
    only_confirmed: bool


def _reading_order(tag: ItemTag) -> tuple:
    """By organisation, newest strategy first; within one, goals and commitments as written, then measures."""
    strategy = tag.strategy
    head = (strategy.organisation.name, -(strategy.period_start or 0), strategy.pk)
    if tag.item_id:
        item = tag.item
        return (*head, 0, item.section.position, item.section_id, item.position, item.pk)
    measure = tag.measure
    return (*head, 1, measure.plan.year, measure.position, measure.pk, 0)


def goal_data(goal: SdgGoal, *, only_confirmed: bool = False) -> GoalPage:
    """The goal, its targets (with organisations' local targets) and every item tagged with it
    in published strategies, grouped by strategy; confirmed before proposed within each."""
    targets = {t.code: TargetRow(t) for t in SdgTarget.objects.filter(goal=goal)}
    for local in LocalTarget.objects.filter(parent__goal=goal).select_related("organisation"):
        targets[local.parent_id].local_targets.append(local)
    statuses = list(CONFIRMED) if only_confirmed else list(SHOWN)
    tags = sorted(
        ItemTag.objects.attached().filter(goal=goal, strategy__status=PUBLISHED, status__in=statuses)
        .select_related("item", "item__section", "measure", "measure__plan", "strategy", "strategy__organisation")
        .prefetch_related("targets", "local_targets"),
        key=_reading_order,
    )
    groups: dict[int, StrategyGroup] = {}
    confirmed = proposed = 0
    for tag in tags:
        groups.setdefault(tag.strategy_id, StrategyGroup(tag.strategy)).tags.append(tag)
        if tag.status in CONFIRMED:
            confirmed += 1
        else:
            proposed += 1
        for target in tag.targets.all():
            targets[target.code].tagged += 1
    return GoalPage(goal, list(targets.values()), list(groups.values()), confirmed, proposed, only_confirmed)


# --- a strategy's profile -----------------------------------------------------------------------


@dataclass
class ProfileRow:
    goal: SdgGoal
    confirmed: int      # goals, commitments and measures a person tagged or whose proposal a person accepted
    proposed: int       # items with an open proposal
    mean_score: float | None  # of the classifier's scores behind those tags
    share: float        # (confirmed + proposed) / items and measures in the strategy

    @property
    def total(self) -> int:
        return self.confirmed + self.proposed

    @property
    def percent(self) -> int:
        return round(100 * self.share)


@dataclass
class Profile:
    strategy: Strategy
    items: int          # goals, commitments and measures
    untagged: int
    rows: list[ProfileRow]  # goals the strategy addresses, strongest first

    @property
    def largest(self) -> int:
        return max((r.total for r in self.rows), default=0)


def profile_data(strategy: Strategy) -> Profile:
    """Which SDGs the strategy addresses and how strongly: tagged items per goal (three queries)."""
    items = Item.objects.filter(section__strategy=strategy).count()
    items += Measure.objects.filter(plan__strategy=strategy).count()
    rows_by_goal = (
        ItemTag.objects.attached().filter(strategy=strategy, status__in=SHOWN)
        .values("goal")
        .annotate(
            confirmed=Count("pk", filter=Q(status__in=CONFIRMED)),
            proposed=Count("pk", filter=Q(status=TagStatus.PROPOSED)),
            mean_score=Avg("score"),
        )
    )
    goals = SdgGoal.objects.in_bulk()
    rows = [
        ProfileRow(goals[r["goal"]], r["confirmed"], r["proposed"], r["mean_score"],
                   (r["confirmed"] + r["proposed"]) / items if items else 0.0)
        for r in rows_by_goal
    ]
    rows.sort(key=lambda r: (-r.total, -r.confirmed, r.goal.number))
    shown = ItemTag.objects.filter(strategy=strategy, status__in=SHOWN)
    tagged_items = (shown.filter(item__isnull=False).values("item").distinct().count()
                    + shown.filter(measure__isnull=False).values("measure").distinct().count())
    return Profile(strategy, items, items - tagged_items, rows)
