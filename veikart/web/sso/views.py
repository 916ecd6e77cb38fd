"""The two OpenID Connect endpoints (mozilla-django-oidc's views), answering 404 while SSO is off."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView


def _enabled() -> None:
    if not settings.VEIKART_OIDC_ENABLED:
        raise Http404("single sign-on is not configured")


def start(request: HttpRequest) -> HttpResponse:
    """Sends the person to the provider (state, nonce and PKCE kept in the session)."""
    _enabled()
    return OIDCAuthenticationRequestView.as_view()(request)


def callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the person back here with a code; the backend trades it for tokens and claims."""
    _enabled()
    return OIDCAuthenticationCallbackView.as_view()(request)


def login_context(request: HttpRequest) -> dict:
    """Context processor: whether the login page offers single sign-on, and the button's words."""
    return {"sso_enabled": settings.VEIKART_OIDC_ENABLED, "sso_label": settings.VEIKART_OIDC_LABEL}
