"""The core's messages (``veikart.i18n.Message``) in the page's language.

The core's catalogue (veikart/locale) has the importer's messages; a message id it does not have is one the
web layer wrote, and Django's catalogues translate it. In the lowest layer, so that every app (jobs
included) can show a stored message.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from veikart.i18n import Message


def django_gettext(msgid: str, language: str) -> str:
    """``msgid`` from Django's catalogues in ``language``: the core's messages fall back to it (jobs.apps)."""
    with translation.override(language):
        return translation.gettext(msgid)


def message_text(message: Message, language: str | None = None) -> str:
    """A stored or raised ``veikart.i18n.Message`` in the page's language (or ``language``)."""
    return message.text(language or translation.get_language() or settings.LANGUAGE_CODE, django_gettext)
