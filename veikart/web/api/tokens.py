"""Making, finding and checking API tokens (see models.ApiToken)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.web.api.models import ApiToken
from veikart.web.orgs.models import Membership, Organisation
from veikart.web.strategies.access import role_in

PREFIX = "vk_"
RANK = {Membership.Role.VIEWER: 0, Membership.Role.EDITOR: 1, Membership.Role.ADMIN: 2}
# last_used_at is written at most this often per token: a busy client must not write a row per request.
LAST_USED_EVERY = timedelta(minutes=1)


class TokenError(ValueError):
    """A token that cannot be made (the owner lacks the role); the message says why."""


def hash_token(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def owner_role(owner: AbstractBaseUser, organisation: Organisation | int) -> str | None:
    """The owner's role in the organisation now (staff count as admin); None when not a member or inactive."""
    if not owner.is_active:
        return None
    if owner.is_staff:
        return Membership.Role.ADMIN
    return role_in(owner, organisation)


def issue(*, name: str, organisation: Organisation, role: str, owner: AbstractBaseUser) -> tuple[ApiToken, str]:
    """A new token and its secret (shown once: only its hash is kept). The owner must hold the role themselves."""
    role = Membership.Role(role)
    held = owner_role(owner, organisation)
    if held is None or RANK[Membership.Role(held)] < RANK[role]:
        raise TokenError(
            _("%(owner)s har ikke rollen %(role)s i %(organisation)s")
            % {"owner": owner, "role": role.label.lower(), "organisation": organisation}
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        name=name, organisation=organisation, role=role, owner=owner, key_hash=hash_token(secret), prefix=secret[:10]
    )
    return token, secret


def find(secret: str) -> ApiToken | None:
    """The live token with this secret, its last use noted; None when unknown or revoked."""
    if not secret.startswith(PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("organisation", "owner")
        .filter(key_hash=hash_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        with transaction.atomic():
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def effective_role(token: ApiToken) -> str | None:
    """The lower of the token's role and its owner's role in the organisation today (None: no rights)."""
    held = owner_role(token.owner, token.organisation_id)
    if held is None:
        return None
    return min(Membership.Role(token.role), Membership.Role(held), key=RANK.__getitem__)


def can_write(token: ApiToken, organisation_id: int) -> bool:
    """May this token change the organisation's plans and values: its own organisation, editor or admin."""
    role = effective_role(token)
    return token.organisation_id == organisation_id and role is not None and RANK[Membership.Role(role)] >= 1


def revoke(token: ApiToken) -> None:
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
