"""The core's messages in bokmål, nynorsk and English, with the standard library's gettext (no Django).

Messages are written in bokmål (the message id) and translated by the
catalogue ``veikart/locale/<lang>/LC_MESSAGES/veikart.po`` (compiled to
``.mo``; ``python scripts/core_messages.py`` extracts, merges and compiles). The command line speaks the
language of its locale (``environment_language``: LC_ALL, LC_MESSAGES, LANG);
the web layer passes Django's active language.

A message that is shown later, or elsewhere, is kept as a ``Message``: its id
and parameters, translated when it is shown (``Message.text(lang)``). Numbers
that languages write differently are parameters of their own kind: ``Count``
(10 000 / 10,000) and ``Decimal`` (500,0 / 500.0); a phrase that agrees with a
number is a ``Plural`` (ngettext). A tuple of such values is a list, written
with ", " between them ("linje 2, linje 4").

    >>> Message("filen er tom").text("en")
    'the file is empty'
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DOMAIN = "veikart"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("nb", "nn", "en")
# Language codes read as bokmål; "no" is the old macrolanguage code some systems still use.
_BOKMAL = frozenset({"nb", "no"})
# Line breaks and other control characters: a message is one line, even when it
# quotes a name from inside a hostile file (a ZIP member called "a\nb").
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def language_code(value: str | None) -> str:
    """ "nb", "nn" or "en" for a language code or locale ("nb-NO", "no_NO.UTF-8", "nn", "C.UTF-8")."""
    if not value:
        return "en"
    primary = value.replace("-", "_").split("_", 1)[0].split(".", 1)[0].lower()
    if primary in _BOKMAL:
        return "nb"
    return "nn" if primary == "nn" else "en"


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """The command line's language, from the locale: the first of LC_ALL, LC_MESSAGES and LANG that is set."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return language_code(value)
    return "en"


@lru_cache(maxsize=8)
def translation(lang: str) -> _gettext.NullTranslations:
    """The catalogue of ``lang`` ("nb", "nn" or "en"); bokmål (the message ids) when there is none."""
    return _gettext.translation(DOMAIN, LOCALE_DIR, [language_code(lang)], fallback=True)


_fallback: Callable[[str, str], str] | None = None


def use_fallback(translate: Callable[[str, str], str] | None) -> None:
    """Translate message ids the core's catalogue lacks with ``translate(msgid, lang)``.

    The web layer plugs Django's catalogues in here, for the refusals it raises itself as ExtractErrors.
    """
    global _fallback
    _fallback = translate


def knows(msgid: str) -> bool:
    """True when the core's catalogue translates ``msgid`` (the web layer translates the rest with Django's)."""
    return translation("en").gettext(msgid) != msgid


def _(msgid: str, lang: str | None = None) -> str:
    """``msgid`` in ``lang`` (default: the environment's)."""
    return translation(lang or environment_language()).gettext(msgid)


def N_(msgid: str) -> str:  # noqa: N802 - gettext's name for "mark for translation, translate later"
    return msgid


@dataclass(frozen=True)
class Count:
    """A whole number grouped by thousands as each language writes it: 10 000 (nb, nn), 10,000 (en)."""

    value: int

    def text(self, lang: str) -> str:
        grouped = f"{self.value:,}"
        return grouped if language_code(lang) == "en" else grouped.replace(",", "\u00a0")


@dataclass(frozen=True)
class Decimal:
    """A number with a fixed number of decimals: 500,0 (nb, nn), 500.0 (en)."""

    value: float
    places: int = 1

    def text(self, lang: str) -> str:
        written = f"{self.value:.{self.places}f}"
        return written if language_code(lang) == "en" else written.replace(".", ",")


@dataclass(frozen=True)
class Plural:
    """A phrase that agrees with a number: ``Plural("%(n)s mål", "%(n)s mål", 3)`` is "3 goals" in English."""

    singular: str
    plural: str
    n: int

    def text(self, lang: str) -> str:
        return translation(lang).ngettext(self.singular, self.plural, self.n) % {"n": self.n}


@dataclass(frozen=True)
class Message:
    """A message id (bokmål, with %(name)s placeholders) and its parameters, translated when shown."""

    msgid: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str | None, translate: Callable[[str, str], str] | None = None) -> str:
        """The message in ``lang``; ``translate(msgid, lang)`` (default: ``use_fallback``'s) for ids the core's
        catalogue does not have."""
        lang = lang or environment_language()
        translate = translate or _fallback
        if translate is not None and not knows(self.msgid):
            template = translate(self.msgid, lang)
        else:
            template = translation(lang).gettext(self.msgid)
        if self.params:
            template = template % {k: _param_text(v, lang, translate) for k, v in self.params.items()}
        return _BREAKS.sub(" ", template).strip()

    def to_dict(self) -> dict:
        """JSON for storage (a job's failure): ``from_dict`` gives the message back."""
        return {"msgid": self.msgid, "params": {k: _param_dict(v) for k, v in self.params.items()}}

    @classmethod
    def from_dict(cls, data: Mapping) -> Message:
        return cls(str(data["msgid"]), {k: _param_from_dict(v) for k, v in dict(data.get("params") or {}).items()})


def _param_text(value: object, lang: str, translate) -> object:
    if isinstance(value, tuple):
        return ", ".join(str(_param_text(v, lang, translate)) for v in value)
    if isinstance(value, Message):
        return value.text(lang, translate)
    if isinstance(value, Count | Decimal | Plural):
        return value.text(lang)
    return value


def _param_dict(value: object) -> object:
    if isinstance(value, tuple):
        return {"list": [_param_dict(v) for v in value]}
    if isinstance(value, Message):
        return {"message": value.to_dict()}
    if isinstance(value, Count):
        return {"count": value.value}
    if isinstance(value, Decimal):
        return {"decimal": value.value, "places": value.places}
    if isinstance(value, Plural):
        return {"plural": [value.singular, value.plural, value.n]}
    return value


def _param_from_dict(value: object) -> object:
    if isinstance(value, dict):
        if "message" in value:
            return Message.from_dict(value["message"])
        if "count" in value:
            return Count(int(value["count"]))
        if "decimal" in value:
            return Decimal(float(value["decimal"]), int(value.get("places", 1)))
        if "plural" in value:
            singular, plural, n = value["plural"]
            return Plural(str(singular), str(plural), int(n))
        if "list" in value:
            return tuple(_param_from_dict(v) for v in value["list"])
    return value


class MessageError(Exception):
    """An error whose message is a ``Message``: ``str()`` is English, ``message(lang)`` the reader's language.

    ``raise SomeError("«%(period)s» er ingen gyldig dato", period="2022-02-30")``; ``msg`` keeps the id and
    parameters for storage (``msg.to_dict()``) and for the web layer (``message_text(exc.msg)``).
    """

    def __init__(self, msgid: str, **params: object) -> None:
        self.msg = Message(msgid, params)
        super().__init__(msgid)

    def __reduce__(self):
        # Pickles (a task queue may ship it) with its parameters.
        return (_rebuilt_error, (type(self), self.msg.to_dict()))

    def __str__(self) -> str:
        return self.msg.text("en")

    def message(self, lang: str | None, translate: Callable[[str, str], str] | None = None) -> str:
        """The message in ``lang`` ("nb", "nn" or "en", any region); see ``Message.text`` for ``translate``."""
        return self.msg.text(lang or "en", translate)


def _rebuilt_error(cls: type[MessageError], data: dict) -> MessageError:
    message = Message.from_dict(data)
    return cls(message.msgid, **message.params)
