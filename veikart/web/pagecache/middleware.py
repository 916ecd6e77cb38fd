"""Serve anonymous visitors a page rendered earlier in the same data generation."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from veikart.web.pagecache import generation

MARK = "_veikart_public_page"
MAX_BYTES = 1_000_000  # a larger page is rendered each time rather than crowding out the others
# Cookies that leave an anonymous visitor's page unchanged: the CSRF token (public pages render no token for
# anonymous visitors) and the language, which is part of the cache key.
HARMLESS_COOKIES = frozenset({settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME})


def public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view's answers to anonymous visitors as the same for all of them, so they may be cached."""

    @wraps(view)
    def marked(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, MARK, True)
        return response

    return marked


class PublicPageCacheMiddleware:
    """Outermost but security middleware: a cached answer carries the headers the inner middleware set."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.cache = caches["pages"]
        # Never cached, and not worth the generation query: static files, the API (JSON for programs), and
        # /healthz (it must answer 503, not fail, when the database is down).
        self.skip = (settings.STATIC_URL or "/static/", "/api/", "/healthz")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.VEIKART_PAGE_CACHE_SECONDS  # read per request: tests turn it on and off
        if (not seconds or request.method not in ("GET", "HEAD") or request.path.startswith(self.skip)
                or not HARMLESS_COOKIES.issuperset(request.COOKIES)):
            return self.get_response(request)
        now = generation.current()
        if now is None:
            return self.get_response(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        key = f"{now}:{language}:{request.get_full_path()}"
        cached = self.cache.get(key)
        if cached is not None:
            status, headers, body = cached
            response = HttpResponse(body, status=status)
            for name, value in headers:
                response[name] = value
            return response
        response = self.get_response(request)
        if (getattr(response, MARK, False) and response.status_code == 200 and not response.cookies
                and not getattr(response, "streaming", False) and len(response.content) <= MAX_BYTES
                and not request.user.is_authenticated):
            self.cache.set(key, (response.status_code, list(response.items()), response.content), seconds)
        return response
