"""Reading without a token: published and archived strategies and what hangs on them, never a draft.

Every query filters through ``strategies.access`` (``visible_strategies_q`` of an
anonymous visitor, i.e. the public strategies), the rule the pages use.
"""


import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router
from ninja.pagination import paginate

from veikart.web.api import schemas
from veikart.web.orgs.models import Organisation
from veikart.web.planning.models import ActionPlan, Indicator, Measure, StatusUpdate, Target, Value
from veikart.web.sdgtags.models import CONFIRMED, ItemTag, SdgGoal
from veikart.web.strategies.access import visible_strategies_q
from veikart.web.strategies.models import Item, Section, Strategy

router = Router(tags=[gettext_lazy("les (uten token)")])
ANONYMOUS = AnonymousUser()


def public(via: str = "") -> Q:
    """The strategies anyone may see, through ``via`` (access.visible_strategies_q for a visitor)."""
    return visible_strategies_q(ANONYMOUS, via)


def _strategies() -> QuerySet[Strategy]:
    return Strategy.objects.filter(public()).select_related("organisation")


def _public_strategy(strategy_id: int) -> Strategy:
    strategy = _strategies().filter(pk=strategy_id).first()
    if strategy is None:
        raise Http404(_("ingen slik offentlig strategi"))
    return strategy


def _measures() -> QuerySet[Measure]:
    return (Measure.objects.filter(public("plan__strategy__"))
            .annotate(strategy_id=F("plan__strategy_id"), year=F("plan__year"))
            .prefetch_related(Prefetch("items", queryset=Item.objects.only("pk")))
            .order_by("plan__strategy_id", "plan__year", "position", "pk"))


def _where(found: QuerySet, **lookups: object) -> QuerySet:
    """``found`` filtered by each lookup whose query parameter was given (not None, not empty)."""
    given = {lookup: value for lookup, value in lookups.items() if value is not None and value != ""}
    return found.filter(**given) if given else found


def _items() -> QuerySet[Item]:
    return (Item.objects.filter(public("section__strategy__"))
            .annotate(strategy_id=F("section__strategy_id"))
            .order_by("section__strategy_id", "section__position", "section_id", "position", "pk"))


# --- organisations and strategies ------------------------------------------------------------------


@router.get("/organisations", response=list[schemas.Organisation], summary=gettext_lazy("Organisasjoner"))
@paginate
def organisations(request: HttpRequest, kind: str | None = None, number: str | None = None):
    return _where(Organisation.objects.order_by("name", "pk"), kind=kind, number=number)


@router.get("/strategies", response=list[schemas.Strategy], summary=gettext_lazy("Offentlige strategier"))
@paginate
def strategies(request: HttpRequest, organisation: str | None = Query(None, description="Organisation slug"),
               status: str | None = Query(None, description="published or archived"),
               year: int | None = Query(None, description="Strategies whose period includes this year"),
               q: str | None = Query(None, description="Words in the title")):
    found = _where(_strategies().order_by("-published_at", "-pk"),
                   organisation__slug=organisation, status=status, title__icontains=q)
    if year is not None:
        found = found.filter(Q(period_start__lte=year) | Q(period_start__isnull=True),
                             Q(period_end__gte=year) | Q(period_end__isnull=True))
    return found


@router.get("/strategies/{int:strategy_id}", response=schemas.StrategyDetail,
            summary=gettext_lazy("En strategi med kapitlene"))
def strategy(request: HttpRequest, strategy_id: int):
    found = _public_strategy(strategy_id)
    sections = list(Section.objects.filter(strategy=found).order_by("position", "pk"))
    kinds = dict(Item.objects.filter(section__strategy=found).values_list("kind").annotate(n=Count("pk")))
    found.sections_in_order = _reading_order(sections)
    found.kind_counts = kinds
    return found


def _reading_order(sections: list[Section]) -> list[Section]:
    """Parents before their children, siblings by position (depth first, as the document reads)."""
    children: dict[int | None, list[Section]] = {}
    for section in sections:
        children.setdefault(section.parent_id, []).append(section)
    ordered: list[Section] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        section = stack.pop()
        ordered.append(section)
        stack += reversed(children.get(section.pk, []))
    return ordered


@router.get("/items", response=list[schemas.Item], summary=gettext_lazy("Mål og forpliktelser"))
@paginate
def items(request: HttpRequest, strategy: int | None = Query(None, description="Strategy id"),
          section: int | None = Query(None, description="Section id (not its subsections)"),
          kind: str | None = Query(None, description="goal or commitment"),
          q: str | None = Query(None, description="Words in the text")):
    return _where(_items(), section__strategy_id=strategy, section_id=section, kind=kind, text__icontains=q)


@router.get("/items/{int:item_id}", response=schemas.Item, summary=gettext_lazy("Ett mål eller én forpliktelse"))
def item(request: HttpRequest, item_id: int):
    found = _items().filter(pk=item_id).first()
    if found is None:
        raise Http404(_("ikke noe slikt offentlig mål eller forpliktelse"))
    return found


# --- action plans and measures ---------------------------------------------------------------------


@router.get("/strategies/{int:strategy_id}/plans", response=list[schemas.ActionPlan],
            summary=gettext_lazy("Handlingsplaner"))
def plans(request: HttpRequest, strategy_id: int):
    found = _public_strategy(strategy_id)
    return ActionPlan.objects.filter(strategy=found).annotate(measure_count=Count("measures")).order_by("year")


@router.get("/measures", response=list[schemas.Measure], summary=gettext_lazy("Tiltak"))
@paginate
def measures(request: HttpRequest, strategy: int | None = Query(None, description="Strategy id"),
             year: int | None = Query(None, description="The action plan's year"),
             status: str | None = Query(None, description="planned, in_progress, done, delayed or cancelled"),
             organisation: str | None = Query(None, description="Organisation slug")):
    return _where(_measures(), plan__strategy_id=strategy, plan__year=year, status=status,
                  plan__strategy__organisation__slug=organisation)


@router.get("/measures/{int:measure_id}", response=schemas.MeasureDetail,
            summary=gettext_lazy("Et tiltak med statushistorikken"))
def measure(request: HttpRequest, measure_id: int):
    found = _measures().filter(pk=measure_id).first()
    if found is None:
        raise Http404(_("ikke noe slikt offentlig tiltak"))
    found.history = list(StatusUpdate.objects.filter(measure=found).order_by("-date", "-pk"))
    return found


# --- indicators and values -------------------------------------------------------------------------


@router.get("/indicators", response=list[schemas.Indicator], summary=gettext_lazy("Indikatorer"))
@paginate
def indicators(request: HttpRequest, organisation: str | None = Query(None, description="Organisation slug")):
    return _where(Indicator.objects.select_related("organisation").order_by("key"), organisation__slug=organisation)


@router.get("/indicators/{key}", response=schemas.IndicatorDetail,
            summary=gettext_lazy("En indikator med mål og målverdier"))
def indicator(request: HttpRequest, key: str):
    found = Indicator.objects.select_related("organisation").filter(key=key).first()
    if found is None:
        raise Http404(_("ingen slik indikator"))
    found.targets_shown = list(Target.objects.filter(Q(strategy__isnull=True) | public("strategy__"), indicator=found))
    found.goal_ids = list(found.goals.filter(public("section__strategy__")).order_by("pk").values_list("pk", flat=True))
    return found


@router.get("/indicators/{key}/values", response=list[schemas.Value], summary=gettext_lazy("Verdier"))
@paginate
def values(request: HttpRequest, key: str,
           organisation: str | None = Query(None, description="Organisation slug"),
           member: str | None = Query(None, description="Municipality or county number"),
           start: dt.date | None = Query(None, alias="from", description="Periods ending on or after"),  # noqa: B008
           end: dt.date | None = Query(None, alias="to", description="Periods ending on or before")):  # noqa: B008
    indicator_id = Indicator.objects.filter(key=key).values_list("pk", flat=True).first()
    if indicator_id is None:
        raise Http404(_("ingen slik indikator"))
    # Ordered and filtered on the value table's own columns: the unique (indicator, organisation, period end)
    # index answers one member's series without a join (benchmarks/api.py, "values 1m").
    found = Value.objects.filter(indicator_id=indicator_id).select_related("organisation").order_by(
        "period_end", "organisation_id")
    if organisation:
        found = found.filter(organisation_id__in=list(
            Organisation.objects.filter(slug=organisation).values_list("pk", flat=True)))
    if member:
        found = found.filter(organisation_id__in=list(
            Organisation.objects.filter(number=member).values_list("pk", flat=True)))
    return _where(found, period_end__gte=start, period_end__lte=end)


# --- the UN goals and confirmed tags ---------------------------------------------------------------


@router.get("/sdg/goals", response=list[schemas.SdgGoal], summary=gettext_lazy("FNs bærekraftsmål"))
def sdg_goals(request: HttpRequest):
    return SdgGoal.objects.order_by("number")


@router.get("/sdg/tags", response=list[schemas.SdgTag],
            summary=gettext_lazy("Bekreftede bærekraftsmål-merkinger"))
@paginate
def sdg_tags(request: HttpRequest, strategy: int | None = Query(None, description="Strategy id"),
             goal: int | None = Query(None, description="SDG number 1–17"),
             item: int | None = Query(None, description="Item id"),
             measure: int | None = Query(None, description="Measure id")):
    found = (ItemTag.objects.attached().filter(public("strategy__"), status__in=CONFIRMED)
             .prefetch_related("targets").order_by("strategy_id", "goal_id", "pk"))
    # A measure's tag: the measure is as public as its strategy, which the filter above already checks.
    return _where(found, strategy_id=strategy, goal_id=goal, item_id=item, measure_id=measure)
