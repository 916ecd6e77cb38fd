"""Who may see and change what: every view asks here, nowhere else.

Published and archived strategies are public. Drafts, history and import
jobs are for the organisation's members; changes are for its editors and
admins. Staff (Django admin users) may do everything.
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from veikart.web.orgs.models import Membership, Organisation
from veikart.web.strategies.models import ImportJob, Strategy

Need = Literal["view", "member", "edit"]


def role_in(user, organisation: Organisation | int) -> str | None:
    """The user's role in the organisation (cached per request user), or None."""
    if not user.is_authenticated:
        return None
    org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    cache = getattr(user, "_veikart_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._veikart_roles = cache
    return cache.get(org_id)


def is_member(user, organisation: Organisation | int) -> bool:
    return bool(user.is_authenticated and (user.is_staff or role_in(user, organisation)))


def can_edit(user, organisation: Organisation | int) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or role_in(user, organisation) in (Membership.Role.ADMIN, Membership.Role.EDITOR)


def editable_organisations(user) -> list[Organisation]:
    if not user.is_authenticated:
        return []
    if user.is_staff:
        return list(Organisation.objects.all())
    return list(
        Organisation.objects.filter(
            memberships__user=user, memberships__role__in=[Membership.Role.ADMIN, Membership.Role.EDITOR]
        )
    )


def get_strategy_for_user(request: HttpRequest, strategy_id: int, need: Need = "view") -> Strategy:
    """The strategy if the person may ``need`` it; 404 when they may not even know it exists."""
    strategy = Strategy.objects.select_related("organisation").filter(pk=strategy_id).first()
    if strategy is None:
        raise Http404("no such strategy")
    user = request.user
    member = is_member(user, strategy.organisation_id)
    if not strategy.is_public and not member:
        raise Http404("draft of another organisation")
    if need == "member" and not member:
        raise PermissionDenied
    if need == "edit" and not can_edit(user, strategy.organisation_id):
        raise PermissionDenied
    return strategy


def get_job_for_user(request: HttpRequest, job_id: int) -> ImportJob:
    job = ImportJob.objects.select_related("organisation", "strategy").filter(pk=job_id).first()
    if job is None or not can_edit(request.user, job.organisation_id):
        raise Http404("no such import job")
    return job
