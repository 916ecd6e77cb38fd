"""The one exception the import pipeline raises for a document it cannot read."""


class ExtractError(Exception):
    """A document was refused. The message is one line a person can act on.

    Every reader and step raises this (never a library's own exception) so the
    CLI and the web layer can show the message as it is.
    """
