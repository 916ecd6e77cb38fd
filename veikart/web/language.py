"""Choose the page language from the visitor's choice, not their browser.

Django's LocaleMiddleware also reads Accept-Language; Veikart serves bokmål to
everyone until they pick English with the language switch (a cookie).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.i18n import set_language


class ChosenLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


@csrf_exempt
def choose_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, with the CSRF check only for signed-in users.

    An anonymous visitor's switch then needs no CSRF token in the page, so the
    public pages are the same for every anonymous visitor and can be cached
    (veikart/web/pagecache); forging a stranger's language choice gains nothing.
    """
    if request.user.is_authenticated:
        return csrf_protect(set_language)(request)
    return set_language(request)
