"""One data function per SDG page (index, goal, strategy profile) and the tags of a strategy's items.

Each returns plain values the HTML templates and the JSON views share, in a
fixed number of queries whatever the number of items.

Proposals are the machine's guesses until a person has looked at them, so
they are shown only to the editors of the strategy's organisation: every
function here leaves them out unless its caller says whose proposals may be
shown (``with_proposals``, ``proposals_for``). Anonymous visitors, readers and
other organisations see confirmed tags only (accepted or added by a person).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Avg, Count, F, Q

from veikart.web.planning.models import Measure
from veikart.web.sdgtags.models import CONFIRMED, SHOWN, ItemTag, LocalTarget, SdgGoal, SdgTarget, TagStatus
from veikart.web.strategies.models import Item, Strategy

PUBLISHED = Strategy.Status.PUBLISHED


def visible_statuses(with_proposals: bool, with_rejected: bool) -> list[str]:
    if with_rejected:
        return list(TagStatus)
    return list(SHOWN) if with_proposals else list(CONFIRMED)


def tags_by_item(strategy: Strategy, *, with_proposals: bool = False,
                 with_rejected: bool = False) -> dict[int, list[ItemTag]]:
    """Every item's confirmed tags, and (for the organisation's editors) proposals by score and rejected
    tags, in three queries."""
    statuses = visible_statuses(with_proposals, with_rejected)
    tags = (
        ItemTag.objects.filter(strategy=strategy, item__isnull=False, status__in=statuses)
        .select_related("goal")
        .prefetch_related("targets", "local_targets")
    )
    return _grouped(tags, "item_id")


def tags_by_measure(measures: list[Measure], *, with_proposals: bool = False,
                    with_rejected: bool = False) -> dict[int, list[ItemTag]]:
    """The tags of these measures (for action plan pages), confirmed first, in three queries."""
    statuses = visible_statuses(with_proposals, with_rejected)
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
    confirmed: int    # items and measures of published strategies a person tagged with the goal
    strategies: int   # published strategies with at least one of them


def index_data() -> list[GoalCount]:
    """Every SDG with how many items of published strategies serve it, by people's decisions (two queries).

    A public page across organisations: proposals are not counted (nobody has looked at them yet).
    """
    counts = {
        row["goal"]: row
        for row in ItemTag.objects.attached().filter(strategy__status=PUBLISHED, status__in=CONFIRMED)
        .values("goal")
        .annotate(confirmed=Count("pk"), strategies=Count("strategy", distinct=True))
    }
    empty = {"confirmed": 0, "strategies": 0}
    return [
        GoalCount(goal, counts.get(goal.number, empty)["confirmed"], counts.get(goal.number, empty)["strategies"])
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
    groups: list[StrategyGroup]  # this page's tags, grouped by strategy
    confirmed: int               # in all pages
    proposed: int
    only_confirmed: bool
    page: Page | None = None     # None when everything fits on one page
    can_show_proposals: bool = False  # the viewer edits an organisation, whose proposals this page may show

    @property
    def total(self) -> int:
        return self.confirmed + (0 if self.only_confirmed else self.proposed)


# By organisation, newest strategy first; within one, goals and commitments as written, then measures.
READING_ORDER = (
    "strategy__organisation__name",
    F("strategy__period_start").desc(nulls_last=True),
    "strategy_id",
    F("item__section__position").asc(nulls_last=True),
    "item__section_id",
    "item__position",
    "measure__plan__year",
    "measure__position",
    "pk",
)
PAGE_SIZE = 200


def goal_data(goal: SdgGoal, *, only_confirmed: bool = False, page: int | str = 1,
              per_page: int | None = None, proposals_for: Collection[int] = ()) -> GoalPage:
    """The goal, its targets (with organisations' local targets) and the items and measures tagged
    with it in published strategies, grouped by strategy, ``per_page`` tags a page (a fixed number
    of queries per page).

    Confirmed tags of every organisation; proposals only of the organisations in ``proposals_for``
    (those the viewer edits), and none with ``only_confirmed``.
    """
    targets = {t.code: TargetRow(t) for t in SdgTarget.objects.filter(goal=goal)}
    for local in LocalTarget.objects.filter(parent__goal=goal).select_related("organisation"):
        targets[local.parent_id].local_targets.append(local)
    shown = Q(status__in=CONFIRMED)
    if proposals_for and not only_confirmed:
        shown |= Q(status=TagStatus.PROPOSED, strategy__organisation_id__in=list(proposals_for))
    public = ItemTag.objects.attached().filter(shown, goal=goal, strategy__status=PUBLISHED)
    counts = public.aggregate(
        confirmed=Count("pk", filter=Q(status__in=CONFIRMED)), proposed=Count("pk", filter=Q(status=TagStatus.PROPOSED))
    )
    for code, n in (
        ItemTag.targets.through.objects.filter(itemtag__in=public).values_list("sdgtarget").annotate(n=Count("pk"))
    ):
        targets[code].tagged = n
    ordered = (
        public.select_related("item", "item__section", "measure", "measure__plan", "strategy",
                              "strategy__organisation")
        .prefetch_related("targets", "local_targets")
        .order_by(*READING_ORDER)
    )
    paginator = Paginator(ordered, per_page or PAGE_SIZE)
    current = paginator.get_page(page)
    groups: dict[int, StrategyGroup] = {}
    for tag in current.object_list:
        groups.setdefault(tag.strategy_id, StrategyGroup(tag.strategy)).tags.append(tag)
    return GoalPage(goal, list(targets.values()), list(groups.values()), counts["confirmed"], counts["proposed"],
                    only_confirmed, current if paginator.num_pages > 1 else None, bool(proposals_for))


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


def profile_data(strategy: Strategy, *, with_proposals: bool = False) -> Profile:
    """Which SDGs the strategy addresses and how strongly: tagged items per goal (three queries).

    Confirmed tags only, unless ``with_proposals`` (for the organisation's editors).
    """
    statuses = visible_statuses(with_proposals, False)
    items = Item.objects.filter(section__strategy=strategy).count()
    items += Measure.objects.filter(plan__strategy=strategy).count()
    rows_by_goal = (
        ItemTag.objects.attached().filter(strategy=strategy, status__in=statuses)
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
    shown = ItemTag.objects.filter(strategy=strategy, status__in=statuses)
    tagged_items = (shown.filter(item__isnull=False).values("item").distinct().count()
                    + shown.filter(measure__isnull=False).values("measure").distinct().count())
    return Profile(strategy, items, items - tagged_items, rows)
