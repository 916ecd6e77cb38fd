"""Choose the page language from the visitor's choice, not their browser.

Django's LocaleMiddleware also reads Accept-Language; Veikart serves bokmål to
everyone until they pick nynorsk or English with the language switch. An
anonymous visitor's choice lives in a cookie; a signed-in person's choice is
also stored on them (preferences.LanguagePreference) and put in their session
at every sign-in, so it follows them from device to device.

The REST API is the exception: a program has no language switch, so under
``/api/`` Django's own LocaleMiddleware chooses from Accept-Language (or the
language cookie, as in the browser's /api/docs), bokmål when neither names one
of ours.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.i18n import set_language

from veikart.web.preferences.models import LanguagePreference
from veikart.web.preferences.stored import SESSION_KEY, supported_languages

API_PREFIX = "/api/"  # veikart/web/urls.py


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = supported_languages()
        self.api = LocaleMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(API_PREFIX):
            return self.api(request)
        stored = request.session.get(SESSION_KEY, "")
        chosen = stored or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        if stored in self.supported and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != stored:
            # The device keeps the person's language after they sign out.
            _set_language_cookie(response, stored)
        return response


@csrf_exempt
def choose_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, with the CSRF check only for signed-in users, who also get the choice stored.

    An anonymous visitor's switch then needs no CSRF token in the page, so the
    public pages are the same for every anonymous visitor and can be cached
    (veikart/web/pagecache); forging a stranger's language choice gains nothing.
    """
    if not request.user.is_authenticated:
        return set_language(request)
    response = csrf_protect(set_language)(request)
    language = request.POST.get("language", "") if request.method == "POST" else ""
    # set_language answers a refused CSRF check with 403 and sets no cookie for an unknown language.
    if response.status_code < 400 and language in supported_languages():
        remember_language(request, language)
    return response


def remember_language(request: HttpRequest, language: str) -> None:
    with transaction.atomic():
        LanguagePreference.objects.update_or_create(user=request.user, defaults={"language": language})
    request.session[SESSION_KEY] = language


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language,
        max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
