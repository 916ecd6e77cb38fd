"""A signed-in person's stored language: read for e-mail, applied at every sign-in.

Below ``veikart/web/language.py`` (the switch and the middleware), which imports this.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from veikart.web.preferences.models import LanguagePreference

# The signed-in person's stored choice; the session is flushed at logout, and the cookie takes over again.
SESSION_KEY = "veikart_language"


def supported_languages() -> set[str]:
    return {code for code, _ in settings.LANGUAGES}


def language_for(user: Any) -> str:
    """The language to write to this person in outside a request (e-mail): their stored choice, else bokmål."""
    language = LanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    return language if language in supported_languages() else settings.LANGUAGE_CODE


def apply_stored_language(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """user_logged_in: the person's stored language, if any, for this session (and this device's cookie)."""
    if request is None or not hasattr(request, "session"):
        return  # a login outside a request (tests' force_login on some paths, scripts)
    language = LanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    if language in supported_languages():
        request.session[SESSION_KEY] = language
        translation.activate(language)
