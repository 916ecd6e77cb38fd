"""Changes to action plans and measures, shared by views, commands and tests.

Each change runs in one transaction and leaves a PlanChange (who, what,
before, after). Views only authorise, call these and render.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.web.audit import log, outside
from veikart.web.audit.models import ChangeRecord
from veikart.web.planning.models import FINISHED, ActionPlan, Measure, MeasureStatus, PlanChange, StatusUpdate
from veikart.web.planning.signals import plan_changed
from veikart.web.strategies.edits import check_version
from veikart.web.strategies.models import Item, Strategy

MEASURE_FIELDS = ("title", "description", "responsible", "responsible_user", "responsible_unit", "role", "start",
                  "due")
RELATED = ("responsible_user", "responsible_unit")  # kept by id in the change log


class PlanError(Exception):
    """A change that cannot be made; the message is shown to the person as is."""


def _user(user: AbstractBaseUser | None) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def record(strategy_id: int | None, user, action: str, obj: Any = None, before: Any = None, after: Any = None
           ) -> ChangeRecord:
    """Keep the change in the plan's history (the one audit log) and bring the strategy's search index up to date.

    Every change to plans and measures passes here, so this one call keeps
    measures and indicators searchable as soon as they change (``signals.plan_changed``).
    The index rows are written in the caller's transaction (inside ``changes.batched()``, once at its end);
    rows that did not change are left alone, and a change search holds nothing of (a status update) reads nothing.
    """
    change = log.record(strategy_id, _user(user), action, obj, before, after)
    outside.explain_plans()  # the plan rows this transaction saved are this entry's change, not an outside edit
    plan_changed.send(sender=PlanChange, strategy_id=strategy_id, action=action)  # search indexes the measures
    return change


def _snapshot(measure: Measure) -> dict[str, Any]:
    data = {name: getattr(measure, name) for name in MEASURE_FIELDS if name not in RELATED}
    data.update({name: getattr(measure, f"{name}_id") for name in RELATED})
    for name in ("start", "due"):
        data[name] = data[name].isoformat() if data[name] else None
    data["items"] = sorted(measure.items.values_list("pk", flat=True)) if measure.pk else []
    return data


def _check_items(strategy: Strategy, items: list[Item]) -> None:
    if any(item.section.strategy_id != strategy.pk for item in items):
        raise PlanError(_("Tiltaket kan bare knyttes til mål og forpliktelser i samme strategi."))


def _check_dates(start: date | None, due: date | None) -> None:
    if start and due and due < start:
        raise PlanError(_("Fristen kan ikke være før start."))


def _check_responsible(plan: ActionPlan, fields: dict[str, Any]) -> None:
    """A responsible unit must be the plan's organisation's; a person one of its members."""
    org = plan.strategy.organisation_id
    unit, user = fields.get("responsible_unit"), fields.get("responsible_user")
    if unit is not None and unit.organisation_id != org:
        raise PlanError(_("Den ansvarlige enheten hører til en annen organisasjon."))
    if user is not None and not user.memberships.filter(organisation_id=org).exists():
        raise PlanError(_("Den ansvarlige personen er ikke med i organisasjonen."))


def _check_progress(progress: int) -> None:
    if not 0 <= progress <= 100:
        raise PlanError(_("Framdriften må være mellom 0 og 100 prosent."))


def create_plan(strategy: Strategy, year: int, user: AbstractBaseUser | None, description: str = "") -> ActionPlan:
    """A new, empty action plan for one year of the strategy."""
    if strategy.period_start and strategy.period_end and not strategy.period_start <= year <= strategy.period_end:
        raise PlanError(
            _("Året %(year)s er utenfor strategiperioden %(period)s.") % {"year": year, "period": strategy.period_label}
        )
    try:
        with transaction.atomic():
            plan = ActionPlan.objects.create(strategy=strategy, year=year, description=description)
            record(strategy.pk, user, PlanChange.Action.CREATE_PLAN, plan, None, {"year": year})
    except IntegrityError as exc:
        raise PlanError(_("Det finnes allerede en handlingsplan for %(year)s.") % {"year": year}) from exc
    return plan


def edit_plan(plan: ActionPlan, user: AbstractBaseUser | None, description: str, *, version: int | None = None
              ) -> ActionPlan:
    """Change the plan's description; ``version`` is the one the editor loaded (default: ``plan``'s as passed).

    Raises EditConflict, writing nothing, when someone else changed the plan since.
    """
    loaded = plan.version if version is None else version
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
        check_version(plan, loaded, _("Noen andre endret handlingsplanen kl. %(time)s; endringen din er ikke "
                                      "lagret. Se beskrivelsen slik den er nå, og lagre på nytt."))
        before = plan.description
        if description != before:
            plan.description = description
            plan.version += 1
            plan.save(update_fields=["description", "version", "updated_at"])
            record(plan.strategy_id, user, PlanChange.Action.EDIT_PLAN, plan, {"description": before},
                   {"description": description})
    return plan


def create_measure(plan: ActionPlan, user: AbstractBaseUser | None, *, items: list[Item] = (),
                   status: str = MeasureStatus.PLANNED, on: date | None = None, **fields: Any) -> Measure:
    """A new measure at the end of the plan. ``fields``: those of MEASURE_FIELDS.

    A status other than "planned" is the measure's first status update (dated ``on``, default today),
    so its history starts where it stood when it was entered.
    """
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    if not (fields.get("title") or "").strip():
        raise PlanError(_("Tiltaket må ha en tittel."))
    status = MeasureStatus(status)
    items = list(items)
    _check_items(plan.strategy, items)
    _check_dates(fields.get("start"), fields.get("due"))
    _check_responsible(plan, fields)
    with transaction.atomic():
        last = plan.measures.aggregate(last=Max("position"))["last"]
        measure = Measure.objects.create(plan=plan, position=(last or 0) + 1, **fields)
        measure.items.set(items)
        after = _snapshot(measure)
        if status != MeasureStatus.PLANNED:
            progress = 100 if status == MeasureStatus.DONE else 0
            StatusUpdate.objects.create(measure=measure, date=on or timezone.localdate(), status=status,
                                        progress=progress, author=_user(user))
            measure.status, measure.progress = status, progress
            measure.save(update_fields=["status", "progress"])
            after.update({"status": status.value, "progress": progress})
        record(plan.strategy_id, user, PlanChange.Action.CREATE_MEASURE, measure, None, after)
    return measure


def edit_measure(measure: Measure, user: AbstractBaseUser | None, *, version: int | None = None,
                 items: list[Item] | None = None, **fields: Any) -> Measure:
    """Change a measure's description fields (status and progress change through status updates).

    ``version`` is the one the editor loaded (default: ``measure``'s as passed); raises EditConflict,
    writing nothing, when someone else changed the measure since.
    """
    unknown = set(fields) - set(MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"unknown measure fields: {sorted(unknown)}")
    if "title" in fields and not (fields["title"] or "").strip():
        raise PlanError(_("Tiltaket må ha en tittel."))
    loaded = measure.version if version is None else version
    with transaction.atomic():
        measure = Measure.objects.select_for_update().select_related("plan__strategy").get(pk=measure.pk)
        check_version(measure, loaded, _("Noen andre endret dette tiltaket kl. %(time)s; endringen din er ikke "
                                         "lagret. Se tiltaket slik det er nå, og lagre på nytt."))
        before = _snapshot(measure)
        for name, value in fields.items():
            setattr(measure, name, value)
        _check_dates(measure.start, measure.due)
        _check_responsible(measure.plan, fields)
        if items is not None:
            items = list(items)
            _check_items(measure.plan.strategy, items)
            measure.items.set(items)
        after = _snapshot(measure)
        if after != before:
            measure.version += 1
            measure.save()
            record(measure.plan.strategy_id, user, PlanChange.Action.EDIT_MEASURE, measure, before, after)
    return measure


def add_status_update(measure: Measure, user: AbstractBaseUser | None, *, status: str, progress: int,
                      comment: str = "", on: date | None = None) -> StatusUpdate:
    """A dated status entry; the measure takes the status and progress of its latest entry."""
    status = MeasureStatus(status)
    _check_progress(progress)
    if status == MeasureStatus.DONE and progress != 100:
        raise PlanError(_("Et ferdig tiltak har framdrift 100 prosent."))
    on = on or timezone.localdate()
    with transaction.atomic():
        measure = Measure.objects.select_for_update().select_related("plan").get(pk=measure.pk)
        before = {"status": measure.status, "progress": measure.progress}
        update = StatusUpdate.objects.create(
            measure=measure, date=on, status=status, progress=progress, comment=comment, author=_user(user)
        )
        latest = measure.updates.order_by("-date", "-pk").first()
        measure.status, measure.progress = latest.status, latest.progress
        measure.save(update_fields=["status", "progress", "updated_at"])
        record(measure.plan.strategy_id, user, PlanChange.Action.STATUS_UPDATE, measure, before,
               {"status": status.value, "progress": progress, "date": on.isoformat(), "comment": comment})
    return update


def unfinished(plan: ActionPlan) -> list[Measure]:
    """Measures not done or cancelled, and not carried over yet."""
    return [
        m for m in plan.measures.exclude(status__in=FINISHED).filter(carried_to__isnull=True).prefetch_related("items")
    ]


def carry_over(plan: ActionPlan, user: AbstractBaseUser | None) -> tuple[ActionPlan, list[Measure]]:
    """Copy every unfinished measure into next year's plan (created when missing), linked to the original.

    The original keeps its status updates; the copy points back at it
    (``carried_from``), so the measure's history reads through both years.
    Measures already carried over are skipped: running it twice adds nothing.
    """
    strategy = plan.strategy
    year = plan.year + 1
    with transaction.atomic():
        target = ActionPlan.objects.filter(strategy=strategy, year=year).first()
        if target is None:
            if strategy.period_end and year > strategy.period_end:
                raise PlanError(
                    _("Strategiperioden slutter %(end)s; tiltakene kan ikke videreføres til %(year)s.")
                    % {"end": strategy.period_end, "year": year}
                )
            target = ActionPlan.objects.create(strategy=strategy, year=year)
            record(strategy.pk, user, PlanChange.Action.CREATE_PLAN, target, None, {"year": year})
        last = target.measures.aggregate(last=Max("position"))["last"] or 0
        carried = []
        for offset, measure in enumerate(unfinished(plan), start=1):
            copy = Measure.objects.create(
                plan=target,
                position=last + offset,
                carried_from=measure,
                status=measure.status,
                progress=measure.progress,
                **{name: getattr(measure, name) for name in MEASURE_FIELDS},
            )
            copy.items.set(measure.items.all())
            carried.append(copy)
        if carried:
            record(strategy.pk, user, PlanChange.Action.CARRY_OVER, plan, None,
                   {"to_year": year, "measures": [m.carried_from_id for m in carried]})
    return target, carried


def history(measure: Measure) -> list[StatusUpdate]:
    """Status updates of the measure and of the measures it continues, newest first."""
    chain = []
    current: Measure | None = measure
    while current is not None and len(chain) < 50:  # 50: a guard against a cycle made by hand in the admin
        chain.append(current.pk)
        current = current.carried_from
    return list(
        StatusUpdate.objects.filter(measure_id__in=chain).select_related("author", "measure__plan").order_by(
            "-date", "-pk"
        )
    )
