"""Membership changes: invite, accept, change role, deactivate, join by single sign-on.

Each change runs in one transaction with its audit row (MembershipChange), so
nothing is half-written; views only authorise, call these and render.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from veikart.web.orgs.models import Membership, Organisation
from veikart.web.people.models import Invitation, MembershipChange

User = get_user_model()
Action = MembershipChange.Action
TOKEN_SALT = "veikart.people.invitation"


class MembershipError(Exception):
    """A change that cannot be made; the message is shown to the person as is."""


# --- the invitation link ----------------------------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    """A signed, dated token naming the invitation (and its e-mail, so a reused id cannot match another)."""
    return signing.dumps({"i": invitation.pk, "e": invitation.email.lower()}, salt=TOKEN_SALT)


def invitation_max_age() -> int:
    return settings.VEIKART_INVITATION_DAYS * 24 * 3600


@dataclass
class TokenProblem(Exception):
    """Why a link does not work: ``expired``, ``invalid`` or ``used``."""

    reason: str


def invitation_from_token(token: str) -> Invitation:
    """The open invitation the token names; TokenProblem when it is forged, too old, used or revoked."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=invitation_max_age())
    except signing.SignatureExpired as exc:
        raise TokenProblem("expired") from exc
    except signing.BadSignature as exc:
        raise TokenProblem("invalid") from exc
    invitation = Invitation.objects.select_related("organisation").filter(pk=data.get("i")).first()
    if invitation is None or invitation.email.lower() != data.get("e"):
        raise TokenProblem("invalid")
    if not invitation.is_open:
        raise TokenProblem("used")
    return invitation


# --- changes ----------------------------------------------------------------------------------------------


def _record(organisation: Organisation, action: str, actor, *, person=None, email: str = "",
            before: dict | None = None, after: dict | None = None) -> MembershipChange:
    actor = actor if actor is not None and actor.is_authenticated else None
    email = email or (person.email if person is not None else "")
    return MembershipChange.objects.create(organisation=organisation, action=action, actor=actor, person=person,
                                           email=email, before=before, after=after)


def invite(organisation: Organisation, email: str, role: str, actor, link_for: Callable[[str], str]) -> Invitation:
    """Invite ``email`` with ``role`` and send the link (``link_for(token)`` makes it absolute).

    The e-mail is sent inside the transaction: if the mail server refuses it, no invitation is left behind.
    """
    email = email.strip()
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email, user__is_active=True).exists():
        raise MembershipError(_("%(email)s er allerede medlem av %(org)s.") % {"email": email, "org": organisation})
    with transaction.atomic():
        # A new invitation replaces an open one to the same address: only the latest link works.
        Invitation.objects.filter(organisation=organisation, email__iexact=email, accepted_at=None,
                                  revoked_at=None).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=actor)
        _record(organisation, Action.INVITE, actor, email=email, after={"role": role})
        context = {
            "organisation": organisation,
            "role": invitation.get_role_display(),
            "inviter": actor.get_full_name() or actor.get_username(),
            "link": link_for(invitation_token(invitation)),
            "days": settings.VEIKART_INVITATION_DAYS,
        }
        send_mail(
            _("Invitasjon til %(org)s i Veikart") % {"org": organisation.name},
            render_to_string("people/invitation_email.txt", context),
            None,
            [email],
        )
    return invitation


def revoke(invitation: Invitation, actor) -> None:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise MembershipError(_("Invitasjonen er allerede brukt eller trukket tilbake."))
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        _record(invitation.organisation, Action.REVOKE, actor, email=invitation.email,
                before={"role": invitation.role})


def accept(invitation: Invitation, user) -> Membership:
    """Give ``user`` the invitation's role (the user's e-mail is the invited one; the view has checked)."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_open:
            raise MembershipError(_("Invitasjonen er allerede brukt eller trukket tilbake."))
        if not user.is_active:
            user.is_active = True
            user.save(update_fields=["is_active"])
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
        )
        before = None if created else {"role": membership.role}
        if not created and membership.role != invitation.role:
            membership.role = invitation.role
            membership.save(update_fields=["role"])
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        _record(invitation.organisation, Action.JOIN, user, person=user, email=invitation.email, before=before,
                after={"role": membership.role})
    return membership


def _admins_left(membership: Membership) -> int:
    return Membership.objects.filter(organisation_id=membership.organisation_id, role=Membership.Role.ADMIN,
                                     user__is_active=True).exclude(pk=membership.pk).count()


def change_role(membership: Membership, role: str, actor) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("organisation", "user").get(
            pk=membership.pk)
        if membership.role == role:
            return membership
        if membership.role == Membership.Role.ADMIN and not _admins_left(membership):
            raise MembershipError(_("Organisasjonen må ha minst én administrator."))
        before = {"role": membership.role}
        membership.role = role
        membership.save(update_fields=["role"])
        _record(membership.organisation, Action.CHANGE_ROLE, actor, person=membership.user, before=before,
                after={"role": role})
    return membership


def deactivate(membership: Membership, actor) -> None:
    """End the person's membership; a person left with no organisation (and no staff rights) cannot log in.

    Inviting them again gives the access back (the invitation reactivates the account).
    """
    with transaction.atomic():
        membership = Membership.objects.select_for_update().select_related("organisation", "user").get(
            pk=membership.pk)
        if membership.role == Membership.Role.ADMIN and not _admins_left(membership):
            raise MembershipError(_("Organisasjonen må ha minst én administrator."))
        user = membership.user
        before = {"role": membership.role, "user_active": user.is_active}
        membership.delete()
        left_out = not Membership.objects.filter(user=user).exists()
        if user.is_active and left_out and not (user.is_staff or user.is_superuser):
            user.is_active = False
            user.save(update_fields=["is_active"])
        _record(membership.organisation, Action.DEACTIVATE, actor, person=user, before=before,
                after={"role": None, "user_active": user.is_active})


def join_by_sso(user, organisation: Organisation, role: str) -> Membership:
    """The membership a single sign-on claim names; an existing one keeps its role (admins set roles here)."""
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
        if created:
            _record(organisation, Action.SSO_JOIN, None, person=user, after={"role": role})
    return membership
