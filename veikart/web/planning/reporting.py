"""Reporting periods of a plan (tertials or the year): assessments per goal and measure, and their workflow.

draft → submitted (by an editor of the plan's organisation) → approved (by its
owner: an administrator of the organisation); the owner can open a submitted
or approved period again. Assessments can be written only while the period is
a draft. Every step is one transaction and one PlanChange in the plan's log.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.web.audit import outside
from veikart.web.orgs.models import Membership
from veikart.web.planning import signals
from veikart.web.planning.models import ActionPlan, Assessment, PlanChange, Reporting, ReportingPeriod
from veikart.web.planning.services import PlanError, record
from veikart.web.strategies.access import can_edit, role_in

State = ReportingPeriod.State


def period_numbers(plan: ActionPlan) -> list[int]:
    return [1, 2, 3] if plan.reporting == Reporting.TERTIAL else [1]


def periods(plan: ActionPlan) -> list[ReportingPeriod]:
    """The plan's periods in order; those not started yet are unsaved drafts (nothing is written by looking)."""
    stored = {p.number: p for p in plan.periods.all()}
    result = []
    for number in period_numbers(plan):
        period = stored.get(number) or ReportingPeriod(plan=plan, number=number)
        period.plan = plan
        result.append(period)
    return result


def is_owner(user, plan: ActionPlan) -> bool:
    """The plan's owner: an administrator of the strategy's organisation (or staff)."""
    return bool(user.is_authenticated and (
        user.is_staff or role_in(user, plan.strategy.organisation_id) == Membership.Role.ADMIN))


def set_reporting(plan: ActionPlan, user: AbstractBaseUser, reporting: str) -> None:
    """Tertial or annual; only while no period has been started."""
    reporting = Reporting(reporting)
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        if plan.reporting == reporting:
            return
        if plan.periods.exists():
            raise PlanError(_("Rapporteringen er i gang; hyppigheten kan ikke endres lenger."))
        before = plan.reporting
        plan.reporting = reporting
        plan.save(update_fields=["reporting", "updated_at"])
        record(plan.strategy_id, user, PlanChange.Action.EDIT_PLAN, plan, {"reporting": before},
               {"reporting": reporting.value})


def _locked(plan: ActionPlan, number: int) -> ReportingPeriod:
    if number not in period_numbers(plan):
        raise PlanError(_("Planen har ingen slik rapporteringsperiode."))
    period, created = ReportingPeriod.objects.get_or_create(plan=plan, number=number)
    if created:
        outside.explain_plans()  # opening a period is the service's bookkeeping, not an edit past it
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    period.plan = plan
    return period


def save_assessments(plan: ActionPlan, number: int, user: AbstractBaseUser, *,
                     goals: dict[int, tuple[str, str]], measures: dict[int, tuple[str, str]]) -> int:
    """Write the period's assessments ({id: (status, text)}); returns how many changed. Drafts only."""
    if not can_edit(user, plan.strategy.organisation_id):
        raise PlanError(_("Bare redaktører i organisasjonen kan skrive vurderinger."))
    changed = []
    with transaction.atomic():
        period = _locked(plan, number)
        if period.state != State.DRAFT:
            raise PlanError(_("Perioden er sendt inn; vurderingene kan ikke endres før den er åpnet igjen."))
        existing = {(a.item_id, a.measure_id): a for a in period.assessments.all()}
        wanted = [((pk, None), v) for pk, v in goals.items()] + [((None, pk), v) for pk, v in measures.items()]
        for (item_id, measure_id), (status, text) in wanted:
            current = existing.get((item_id, measure_id))
            if current is None and not status and not text.strip():
                continue
            if current is not None and (current.status, current.text) == (status, text):
                continue
            if current is None:
                current = Assessment(period=period, item_id=item_id, measure_id=measure_id)
            before = None if current.pk is None else {"status": current.status, "text": current.text}
            current.status, current.text, current.author = status, text, user
            current.save()
            changed.append((current, before))
        if changed:
            record(plan.strategy_id, user, PlanChange.Action.ASSESS, period, None, {
                "period": period.number, "goals": [a.item_id for a, _b in changed if a.item_id],
                "measures": [a.measure_id for a, _b in changed if a.measure_id]})
    return len(changed)


def _move(plan: ActionPlan, number: int, user, frm: tuple[str, ...], to: str, action: str) -> ReportingPeriod:
    with transaction.atomic():
        period = _locked(plan, number)
        if period.state not in frm:
            raise PlanError(_("Perioden har endret tilstand i mellomtiden; se den nye tilstanden."))
        before = period.state
        period.state = to
        now = timezone.now()
        if to == State.SUBMITTED:
            period.submitted_by, period.submitted_at = user, now
        elif to == State.APPROVED:
            period.approved_by, period.approved_at = user, now
        else:
            period.approved_by = period.approved_at = None
        period.save()
        record(plan.strategy_id, user, action, period, {"state": before}, {"state": to, "period": number})
        signals.period_moved.send(ReportingPeriod, period=period, by=user, before=before)
    return period


def submit(plan: ActionPlan, number: int, user) -> ReportingPeriod:
    if not can_edit(user, plan.strategy.organisation_id):
        raise PlanError(_("Bare redaktører i organisasjonen kan sende inn."))
    return _move(plan, number, user, (State.DRAFT,), State.SUBMITTED, PlanChange.Action.SUBMIT_PERIOD)


def approve(plan: ActionPlan, number: int, user) -> ReportingPeriod:
    if not is_owner(user, plan):
        raise PlanError(_("Bare planens eier (en administrator i organisasjonen) kan godkjenne."))
    return _move(plan, number, user, (State.SUBMITTED,), State.APPROVED, PlanChange.Action.APPROVE_PERIOD)


def reopen(plan: ActionPlan, number: int, user) -> ReportingPeriod:
    if not is_owner(user, plan):
        raise PlanError(_("Bare planens eier (en administrator i organisasjonen) kan åpne perioden igjen."))
    return _move(plan, number, user, (State.SUBMITTED, State.APPROVED), State.DRAFT, PlanChange.Action.REOPEN_PERIOD)


def goal_history(plan: ActionPlan, goal_ids: list[int]) -> dict[int, dict[int, Assessment]]:
    """{goal id: {period number: its assessment}} for the plan's periods."""
    history: dict[int, dict[int, Assessment]] = {pk: {} for pk in goal_ids}
    for a in Assessment.objects.filter(period__plan=plan, item_id__in=goal_ids).select_related("period"):
        history[a.item_id][a.period.number] = a
    return history
