"""Who may see and change what: every view asks here, nowhere else.

Published and archived strategies are public. Drafts, history and import
jobs are for the organisation's members; changes are for its editors and
admins. Staff (Django admin users) may do everything.

A page that reaches strategy content through a relation (an indicator's
goals, a target's strategy, a measure's items, similar items) filters that
relation with ``visible_strategies_q`` (or ``visible_items``): the same rule
as ``get_strategy_for_user``, as a query.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from veikart.web.orgs.models import Membership, Organisation
from veikart.web.orgs.roles import member_organisation_ids, role_in
from veikart.web.strategies.models import ImportJob, Item, Strategy

Need = Literal["view", "member", "edit"]
Row = TypeVar("Row")  # a model with an ``organisation_id``
PUBLIC_STATUSES = (Strategy.Status.PUBLISHED, Strategy.Status.ARCHIVED)


def public_strategies_q(via: str = "") -> Q:
    """Published and archived strategies, as a filter on a model that reaches Strategy through ``via``
    (``""`` on Strategy itself, ``"strategy__"`` on a target, ``"section__strategy__"`` on an item)."""
    return Q(**{f"{via}status__in": PUBLIC_STATUSES})


def visible_strategies_q(user, via: str = "") -> Q:
    """The strategies ``user`` may view (public ones, their organisations' drafts; staff all), as a filter
    through ``via`` like ``public_strategies_q``."""
    if user.is_authenticated and user.is_staff:
        return Q()
    visible = public_strategies_q(via)
    member_of = member_organisation_ids(user)
    if member_of:
        visible |= Q(**{f"{via}organisation_id__in": member_of})
    return visible


def visible_items(user, items: QuerySet[Item] | None = None) -> QuerySet[Item]:
    """The goals and commitments ``user`` may see (of ``items``, default all)."""
    items = Item.objects.all() if items is None else items
    return items.filter(visible_strategies_q(user, "section__strategy__"))


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


def organisations_to_edit(user) -> list[Organisation]:
    """``editable_organisations``, for a page that creates something: one who edits no organisation is refused."""
    organisations = editable_organisations(user)
    if not organisations:
        raise PermissionDenied
    return organisations


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


def get_editable_for_user(request: HttpRequest, rows: QuerySet[Row], pk: int) -> Row:
    """The row ``pk`` of ``rows`` when the user may edit its organisation (``organisation_id``); else 404, so
    another organisation's import jobs are not even shown to exist."""
    row = rows.filter(pk=pk).first()
    if row is None or not can_edit(request.user, row.organisation_id):
        raise Http404("no such row to edit")
    return row


def get_job_for_user(request: HttpRequest, job_id: int) -> ImportJob:
    return get_editable_for_user(request, ImportJob.objects.select_related("organisation", "strategy"), job_id)


def refuse_post(request: HttpRequest, may_edit: bool) -> HttpResponse | None:
    """A POST to a page everyone may read: a visitor is sent to sign in (the response), one signed in who may
    not edit is refused (403); None when the POST may go on."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_edit:
        raise PermissionDenied
    return None
