"""A person's role in each organisation, read once per request user.

Below the strategies and people apps, which both ask it (who may edit, who may manage members).
"""

from __future__ import annotations

from veikart.web.orgs.models import Membership, Organisation


def _roles(user) -> dict[int, str]:
    """{organisation id: role} of the user, read once per request user."""
    if not user.is_authenticated:
        return {}
    cache = getattr(user, "_veikart_roles", None)
    if cache is None:
        cache = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
        user._veikart_roles = cache
    return cache


def role_in(user, organisation: Organisation | int) -> str | None:
    """The user's role in the organisation (cached per request user), or None."""
    org_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    return _roles(user).get(org_id)


def member_organisation_ids(user) -> list[int]:
    """The organisations the user belongs to (any role); none for anonymous visitors."""
    return sorted(_roles(user))
