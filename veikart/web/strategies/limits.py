"""How much one strategy may hold: checked on the importer's dataclasses before anything is written.

A real plan has at most a few hundred goals and commitments in sections four
levels deep; a file far beyond that (100,000 goals in 7 MB of Strategy JSON)
would take minutes to write and make a public page of tens of megabytes. The
limits are settings (VEIKART_MAX_ITEMS, VEIKART_MAX_SECTIONS,
VEIKART_MAX_SECTION_DEPTH); every refusal is an ExtractError, one line in
bokmål and English, like the importer's own. The size and nesting of Strategy
JSON itself are checked where it is read (``veikart.ingest.model.read_strategy_json``,
at VEIKART_MAX_STRATEGY_JSON_BYTES).
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_noop

from veikart.ingest import ExtractError
from veikart.ingest import Strategy as IngestStrategy


def refusal(message: str, **params: object) -> ExtractError:
    """A refusal in Django's catalogue (the web layer's message), shown in the page's language."""
    return ExtractError(message, **params)


def check_strategy(data: IngestStrategy) -> None:
    """Refuse a strategy with more items or sections, or deeper sections, than the limits allow."""
    items = sections = 0
    stack = [(section, 1) for section in data.sections]
    while stack:  # no recursion: the depth is what is being measured
        section, level = stack.pop()
        if level > settings.VEIKART_MAX_SECTION_DEPTH:
            raise refusal(gettext_noop("kapitlene er nestet for dypt: mer enn %(limit)s nivåer"),
                          limit=settings.VEIKART_MAX_SECTION_DEPTH)
        sections += 1
        items += len(section.goals) + len(section.commitments)
        stack.extend((child, level + 1) for child in section.sections)
    if items > settings.VEIKART_MAX_ITEMS:
        raise refusal(gettext_noop("strategien har %(count)s mål og forpliktelser; høyst %(limit)s er tillatt"),
                      count=items, limit=settings.VEIKART_MAX_ITEMS)
    if sections > settings.VEIKART_MAX_SECTIONS:
        raise refusal(gettext_noop("strategien har %(count)s kapitler; høyst %(limit)s er tillatt"),
                      count=sections, limit=settings.VEIKART_MAX_SECTIONS)
