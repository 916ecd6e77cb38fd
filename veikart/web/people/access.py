"""Who may see and manage an organisation's members.

An organisation's admins (Membership role admin) manage its members; KS's
people (members of an organisation of kind KS) see every organisation's
members, the whole sector; KS's admins also manage them, so a new
municipality's first admin is invited from the app, not the Django admin;
Django staff may do everything, as in ``strategies.access``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from veikart.web.orgs.models import Membership, Organisation
from veikart.web.orgs.roles import role_in


def is_sector_staff(user) -> bool:
    """Staff, or a member (any role) of KS, the sector organisation."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Membership.objects.filter(user=user, organisation__kind=Organisation.Kind.KS).exists()


def is_sector_admin(user) -> bool:
    """An admin of KS: manages every organisation's members."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation__kind=Organisation.Kind.KS,
                                     role=Membership.Role.ADMIN).exists()


def can_manage_members(user, organisation: Organisation | int) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_staff or role_in(user, organisation) == Membership.Role.ADMIN or is_sector_admin(user)


def can_view_members(user, organisation: Organisation | int) -> bool:
    return can_manage_members(user, organisation) or is_sector_staff(user)


def managed_organisations(user) -> list[Organisation]:
    """The organisations the user is an admin of (for "Min side"; KS and staff reach the rest through /sektor/)."""
    if not user.is_authenticated:
        return []
    return list(Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN))


def get_organisation_for_members(request: HttpRequest, slug: str, need: str = "view") -> Organisation:
    """The organisation if the person may view (``need="view"``) or manage (``"manage"``) its members.

    403 for a signed-in person without the right: the organisation itself is public, so its existence is no secret.
    """
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404("no such organisation")
    allowed = can_manage_members if need == "manage" else can_view_members
    if not allowed(request.user, organisation):
        raise PermissionDenied
    return organisation
