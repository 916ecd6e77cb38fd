"""The provider's claims: standard ones from the user, plus the organisation number from the config."""

from django.conf import settings
from oauth2_provider.oauth2_validators import OAuth2Validator


class ClaimsValidator(OAuth2Validator):
    # The organisation claim is released with the profile scope, as an IdP would with a custom claim.
    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "veikart_org_number": "profile"}

    def get_additional_claims(self, request):
        user = request.user
        claims = {
            "email": user.email,
            "email_verified": True,
            "preferred_username": user.username,
            "given_name": user.first_name,
            "family_name": user.last_name,
        }
        claims.update(settings.CONFIG["claims"].get(user.username, {}))
        return claims
