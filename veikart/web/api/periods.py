"""A public strategy as Strategy JSON (stable ids), and the reporting periods of an action plan: read them
without a token, write assessments and move them with one.

The same services as the period page (planning.reporting): assessments only while the period is a draft,
submit with an editor's token, approve or send back with an administrator's (the plan's owner). A move
sends the same e-mail notices as the page does.
"""

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import HttpError, ValidationError

from veikart.web.api import read, schemas, tokens
from veikart.web.api.auth import TokenAuth, writer_for
from veikart.web.orgs.models import Membership
from veikart.web.planning import reporting
from veikart.web.planning.access import plan_of
from veikart.web.planning.models import ActionPlan, ReportingPeriod
from veikart.web.planning.services import PlanError
from veikart.web.strategies.models import Item
from veikart.web.strategies.services import export_strategy_json

router = read.router
WRITE = {"auth": TokenAuth(), "tags": [gettext_lazy("skriv (token)")]}
PLAN = "/strategies/{int:strategy_id}/plans/{int:year}/periods"


@router.get("/strategies/{int:strategy_id}/strategy.json", response=dict,
            summary=gettext_lazy("Strategien som Strategy JSON med stabile id-er"))
def strategy_json(request: HttpRequest, strategy_id: int):
    """The web page's download (docs/strategy-json.md): every section, goal and commitment carries its `id`,
    the same as `/api/items/{id}`, kept while it exists (edits keep it)."""
    return export_strategy_json(read._public_strategy(strategy_id), ids=True)


def _public_plan(strategy_id: int, year: int) -> ActionPlan:
    return plan_of(read._public_strategy(strategy_id), year)


def _period(plan: ActionPlan, number: int) -> ReportingPeriod:
    found = next((p for p in reporting.periods(plan) if p.number == number), None)
    if found is None:
        raise Http404(_("ingen slik rapporteringsperiode"))
    return found


def _plan_for_writing(request: HttpRequest, strategy_id: int, year: int):
    plan = ActionPlan.objects.select_related("strategy").filter(strategy_id=strategy_id, year=year).first()
    if plan is None:
        raise Http404(_("ingen handlingsplan for det året"))
    return plan, writer_for(request, plan.strategy.organisation_id)


@router.get(PLAN, response=list[schemas.Period],
            summary=gettext_lazy("Rapporteringsperioder med vurderinger"))
def periods(request: HttpRequest, strategy_id: int, year: int):
    return reporting.periods(_public_plan(strategy_id, year))


@router.get(PLAN + "/{int:number}", response=schemas.Period,
            summary=gettext_lazy("Én rapporteringsperiode"))
def period(request: HttpRequest, strategy_id: int, year: int, number: int):
    return _period(_public_plan(strategy_id, year), number)


def _unknown(ids: list[int], allowed: set[int], field: str, what: str) -> list[dict]:
    return [{"type": "value_error", "loc": ["body", "payload", field, index, "id"],
             "msg": f"{what} (id {pk})"} for index, pk in enumerate(ids) if pk not in allowed]


@router.post(PLAN + "/{int:number}/assessments", response=schemas.AssessmentsWritten,
             summary=gettext_lazy("Skriv vurderinger for en periode"), **WRITE)
def assessments(request: HttpRequest, strategy_id: int, year: int, number: int, payload: schemas.AssessmentsIn):
    """Only the goals and measures named change; a status and text both empty removes nothing (as on the page,
    an empty assessment is not stored). Refused while the period is submitted or approved (409)."""
    plan, token = _plan_for_writing(request, strategy_id, year)
    _period(plan, number)
    goal_ids = set(Item.objects.filter(section__strategy_id=strategy_id, kind=Item.Kind.GOAL)
                   .values_list("pk", flat=True))
    measure_ids = set(plan.measures.values_list("pk", flat=True))
    errors = (_unknown([g.id for g in payload.goals], goal_ids, "goals", _("ikke et mål i strategien"))
              + _unknown([m.id for m in payload.measures], measure_ids, "measures",
                         _("ikke et tiltak i planen")))
    if errors:
        raise ValidationError(errors)
    try:
        changed = reporting.save_assessments(
            plan, number, token.owner,
            goals={g.id: (g.status, g.text.strip()) for g in payload.goals},
            measures={m.id: (m.status, m.text.strip()) for m in payload.measures})
    except PlanError as exc:
        raise HttpError(409, str(exc)) from exc
    return {"changed": changed, "period": _period(ActionPlan.objects.get(pk=plan.pk), number)}


MOVES = {"submit": reporting.submit, "approve": reporting.approve, "reopen": reporting.reopen}


@router.post(PLAN + "/{int:number}/{action}", response=schemas.Period,
             summary=gettext_lazy("Send inn, godkjenn eller send tilbake"), **WRITE)
def move(request: HttpRequest, strategy_id: int, year: int, number: int, action: str):
    """`submit`: an editor's token. `approve` and `reopen` (send back): an administrator's token, the plan's
    owner. 409 when the period is not in a state that allows it."""
    if action not in MOVES:
        raise Http404(_("ingen slik handling: submit, approve eller reopen"))
    plan, token = _plan_for_writing(request, strategy_id, year)
    _period(plan, number)
    if action != "submit" and tokens.effective_role(token) != Membership.Role.ADMIN:
        raise HttpError(403, _("Bare en administrators token kan godkjenne eller sende tilbake"))
    try:
        return MOVES[action](plan, number, token.owner)
    except PlanError as exc:
        raise HttpError(409, str(exc)) from exc
