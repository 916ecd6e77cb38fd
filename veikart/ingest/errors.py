"""The one exception the import pipeline raises for a document it cannot read.

Every refusal is written in Norwegian bokmål and English. ``str(exc)`` stays
the English line, so logs, the bulk-import summary and existing callers keep
working unchanged; people get their own language through ``exc.message(lang)``
(the web layer passes Django's ``get_language()``, the CLI passes the locale).
No Django here: the language is a plain code such as "nb", "nb-no" or "en".
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

# Language codes read as bokmål. Nynorsk readers get bokmål rather than
# English; "no" is the old macrolanguage code some systems still use.
_NORWEGIAN = frozenset({"nb", "no", "nn"})
# Line breaks and other control characters: a refusal is one line, even when it
# quotes a name from inside a hostile file (a ZIP member called "a\nb").
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


class ExtractError(Exception):
    """A document was refused. Each message is one line a person can act on.

    Every reader and step raises this (never a library's own exception) so the
    CLI and the web layer can show the message as it is, in bokmål or English.
    """

    def __init__(self, en: str, nb: str) -> None:
        en, nb = _one_line(en), _one_line(nb)
        # Both go in ``args`` so the exception pickles (a task queue may ship it).
        super().__init__(en, nb)
        self.en = en
        self.nb = nb

    def __str__(self) -> str:
        return self.en

    def message(self, lang: str | None) -> str:
        """The refusal in ``lang``: bokmål for "nb"/"no"/"nn" (any region), English otherwise."""
        return self.nb if is_norwegian(lang) else self.en


def _one_line(text: str) -> str:
    return _BREAKS.sub(" ", text).strip()


def is_norwegian(lang: str | None) -> bool:
    """True for a language code or locale such as "nb", "nb-NO", "no_NO.UTF-8" or "nn"."""
    if not lang:
        return False
    primary = lang.replace("-", "_").split("_", 1)[0].split(".", 1)[0].lower()
    return primary in _NORWEGIAN


def locale_language(environ: Mapping[str, str] | None = None) -> str:
    """ "nb" or "en" for command-line output, from the locale in the environment.

    POSIX order: the first of LC_ALL, LC_MESSAGES and LANG that is set decides.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "nb" if is_norwegian(value) else "en"
    return "en"


def nb_number(value: float, decimals: int = 1) -> str:
    """A number as bokmål writes it: decimal comma ("500,0")."""
    return f"{value:.{decimals}f}".replace(".", ",")


def nb_count(value: int) -> str:
    """A whole number as bokmål writes it: thousands apart by a no-break space ("10 000")."""
    return f"{value:,}".replace(",", "\u00a0")
