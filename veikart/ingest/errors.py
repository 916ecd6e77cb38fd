"""The one exception the import pipeline raises for a document it cannot read.

A refusal is a ``veikart.i18n.Message``: a bokmål message id and its
parameters, translated by the core's catalogue when it is shown.
``str(exc)`` is the English line, so logs and the bulk-import summary read
the same everywhere; people get their own language through ``exc.message(lang)``
(the web layer passes Django's active language, the CLI the locale's).
No Django here: the language is a plain code such as "nb", "nn-NO" or "en".
"""

from __future__ import annotations

from collections.abc import Callable

from veikart.i18n import Message


class ExtractError(Exception):
    """A document was refused. Each message is one line a person can act on.

    Every reader and step raises this (never a library's own exception) so the
    CLI and the web layer can show the message as it is, in the reader's language:
    ``ExtractError("filen er tom")``, ``ExtractError("PDF-en er skadet: side %(page)s …", page=3)``.
    """

    def __init__(self, msgid: str, **params: object) -> None:
        self.msg = Message(msgid, params)
        super().__init__(msgid)

    def __reduce__(self):
        # Pickles (a task queue may ship it) with its parameters.
        return (_rebuilt, (type(self), self.msg.to_dict()))

    def __str__(self) -> str:
        return self.msg.text("en")

    def message(self, lang: str | None, translate: Callable[[str, str], str] | None = None) -> str:
        """The refusal in ``lang`` ("nb", "nn" or "en", any region); see ``Message.text`` for ``translate``."""
        return self.msg.text(lang or "en", translate)


def _rebuilt(cls: type[ExtractError], data: dict) -> ExtractError:
    message = Message.from_dict(data)
    return cls(message.msgid, **message.params)
