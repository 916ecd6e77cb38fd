"""Log in with OpenID Connect (mozilla-django-oidc) and map the provider's claims to memberships.

A person is found by issuer + ``sub`` (SsoIdentity). On their first login an account is made (no usable
password: they always come through the provider), or, if the provider vouches for the e-mail
(``email_verified`` true), the one existing account with that e-mail is linked. On every login the claim
``VEIKART_OIDC_ORG_CLAIM`` (default ``veikart_org_number``: a municipality or county number such as
"0301", or a list of them) names the organisations (Organisation.number) the person belongs to; a missing
membership is made with ``VEIKART_OIDC_DEFAULT_ROLE`` (viewer). Existing roles are never changed here:
admins set roles in the app. The claim never takes a membership away either (admins deactivate).
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from veikart.web.orgs.models import Organisation
from veikart.web.people.services import join_by_sso
from veikart.web.sso.models import SsoIdentity

log = logging.getLogger(__name__)


def organisation_numbers(claims: dict) -> list[str]:
    raw = claims.get(settings.VEIKART_OIDC_ORG_CLAIM)
    values = raw if isinstance(raw, list) else [raw]
    return [str(v).strip() for v in values if v not in (None, "") and str(v).strip()]


class OrganisationOIDCBackend(OIDCAuthenticationBackend):
    issuer = ""

    def get_userinfo(self, access_token, id_token, payload):
        info = super().get_userinfo(access_token, id_token, payload)
        # OpenID Connect Core 5.3.2: the userinfo's sub must be the ID token's, else the answer is not for us.
        if str(info.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("userinfo sub differs from the ID token's")
        self.issuer = payload.get("iss", "")
        return info

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        linked = self.UserModel.objects.filter(sso_identities__issuer=self.issuer,
                                               sso_identities__subject=str(claims["sub"]))
        if linked.exists() or claims.get("email_verified") is not True or not claims.get("email"):
            return linked
        return self.UserModel.objects.filter(email__iexact=claims["email"])

    def create_user(self, claims):
        with transaction.atomic():
            user = self.UserModel(username=self._free_username(claims), email=claims.get("email", ""))
            user.set_unusable_password()
            self._copy_names(user, claims)
            user.save()
            return self._after_login(user, claims)

    def update_user(self, user, claims):
        with transaction.atomic():
            changed = self._copy_names(user, claims)
            if claims.get("email") and claims.get("email_verified") is True and user.email != claims["email"]:
                user.email = claims["email"]
                changed = True
            if changed:
                user.save(update_fields=["first_name", "last_name", "email"])
            return self._after_login(user, claims)

    # --- helpers ------------------------------------------------------------------------------------------

    def _after_login(self, user, claims):
        identity, _ = SsoIdentity.objects.get_or_create(issuer=self.issuer, subject=str(claims["sub"]),
                                                        defaults={"user": user})
        identity.last_login_at = timezone.now()
        identity.save(update_fields=["last_login_at"])
        if user.is_active:  # a deactivated person stays out, whatever the provider says
            for number in organisation_numbers(claims):
                organisations = list(Organisation.objects.filter(number=number))
                if not organisations:
                    log.info("SSO login of %s names unknown organisation number %s", user.get_username(), number)
                for organisation in organisations:
                    join_by_sso(user, organisation, settings.VEIKART_OIDC_DEFAULT_ROLE)
        return user

    @staticmethod
    def _copy_names(user, claims) -> bool:
        changed = False
        for field, claim in (("first_name", "given_name"), ("last_name", "family_name")):
            value = (claims.get(claim) or "")[:150]
            if value and getattr(user, field) != value:
                setattr(user, field, value)
                changed = True
        return changed

    def _free_username(self, claims) -> str:
        wanted = claims.get("preferred_username") or (claims.get("email") or "").split("@")[0] or "sso"
        base = re.sub(r"[^\w.@+-]", "", str(wanted))[:140] or "sso"
        name, n = base, 1
        while self.UserModel.objects.filter(username__iexact=name).exists():
            n += 1
            name = f"{base}{n}"
        return name
