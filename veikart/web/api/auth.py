"""``Authorization: Bearer vk_…``: the token (tokens.find), or 401.

Refusals are in the request's language (Accept-Language, veikart/web/language.py), as all of the API's.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import HttpBearer

from veikart.web.api import tokens
from veikart.web.api.models import ApiToken


class TokenAuth(HttpBearer):
    openapi_description = "An API token (vk_…) made in the admin or with `manage.py create_api_token`."

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return tokens.find(token)


def writer_for(request: HttpRequest, organisation_id: int) -> ApiToken:
    """The request's token if it may write for the organisation, else 403 naming why."""
    token: ApiToken = request.auth
    if token.organisation_id != organisation_id:
        raise HttpError(403, _("Tokenet gjelder en annen organisasjon"))
    if not tokens.can_write(token, organisation_id):
        raise HttpError(403, _("Tokenet har ikke rett til å endre (rolle: leser)"))
    return token


def reader_for(request: HttpRequest, organisation_id: int) -> ApiToken:
    """The request's token if it belongs to the organisation and its owner still does (any role)."""
    token: ApiToken = request.auth
    if token.organisation_id != organisation_id or tokens.effective_role(token) is None:
        raise HttpError(403, _("Tokenet gjelder en annen organisasjon"))
    return token
