"""Write a strategy's rows into the search index: only what changed is rewritten."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from veikart.text import index_terms
from veikart.web.search.collect import Entry, entries_for
from veikart.web.search.filters import row_tokens
from veikart.web.search.models import Kind, SearchDocument
from veikart.web.strategies.models import Strategy

log = logging.getLogger(__name__)

try:
    from veikart.sdg.classifier import classify as _classify_sdgs
except ImportError:  # the SDG classifier is optional: no SDG filter without it
    _classify_sdgs = None

# What the SDG classifier reads of one entry at most (a long text says no more about its themes).
SDG_TEXT_LIMIT = 4000
FIELDS = ("title", "body", "context", "url", "title_terms", "terms", "sdgs", "filter_terms", "public",
          "period_start", "period_end", "organisation_id", "language")


@dataclass
class IndexChange:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    deleted: int = 0

    @property
    def changed_ids(self) -> set[int]:
        return set(self.created) | set(self.updated)


def _sdgs(entry: Entry, language: str) -> set[int]:
    if _classify_sdgs is None or not entry.classify:
        return set(entry.sdgs)
    text = f"{entry.title_text}\n{entry.body}".strip()[:SDG_TEXT_LIMIT]
    return {m.goal for m in _classify_sdgs(text, language if language in ("nb", "en") else None)} if text else set()


def _sdg_text(goals: set[int]) -> str:
    return "," + ",".join(str(g) for g in sorted(goals)) + "," if goals else ""


def rows_for(strategy: Strategy, entries: list[Entry]) -> list[SearchDocument]:
    """Unsaved index rows for the entries; strategy and document carry every SDG their parts have."""
    lang = strategy.language or "nb"
    themes = {id(e): _sdgs(e, lang) for e in entries}
    every = set().union(*themes.values()) if themes else set()
    rows = []
    for e in entries:
        goals = every if e.kind in (Kind.STRATEGY, Kind.DOCUMENT) else themes[id(e)]
        rows.append(
            SearchDocument(
                kind=e.kind,
                object_id=e.object_id,
                strategy=strategy,
                organisation_id=strategy.organisation_id,
                public=strategy.is_public,
                period_start=strategy.period_start,
                period_end=strategy.period_end,
                title=e.title.replace("\x00", ""),
                body=e.body.replace("\x00", ""),
                context=e.context,
                url=e.url,
                title_terms=" ".join(index_terms(e.title_text, lang)),
                terms=" ".join(index_terms(e.body, lang)),
                sdgs=_sdg_text(goals),
                filter_terms=row_tokens(
                    organisation_id=strategy.organisation_id, kind=e.kind, public=strategy.is_public,
                    period_start=strategy.period_start, period_end=strategy.period_end, sdgs=sorted(goals),
                ),
                language=lang,
            )
        )
    return rows


def write_strategy(strategy: Strategy) -> IndexChange:
    """Make the index rows of ``strategy`` match it; returns which rows changed."""
    strategy = Strategy.objects.select_related("organisation").get(pk=strategy.pk)
    wanted = {(r.kind, r.object_id): r for r in rows_for(strategy, entries_for(strategy))}
    existing = {(r.kind, r.object_id): r for r in SearchDocument.objects.filter(strategy=strategy)}
    change = IndexChange()
    stale = [r.pk for key, r in existing.items() if key not in wanted]
    if stale:
        change.deleted, _ = SearchDocument.objects.filter(pk__in=stale).delete()
    to_create = []
    for key, row in wanted.items():
        old = existing.get(key)
        if old is None:
            to_create.append(row)
            continue
        if any(getattr(old, f) != getattr(row, f) for f in FIELDS):
            for f in FIELDS:
                setattr(old, f, getattr(row, f))
            old.save(update_fields=[f if f != "organisation_id" else "organisation" for f in FIELDS])
            change.updated.append(old.pk)
    # SQLite ≥ 3.35 and PostgreSQL both return the new primary keys.
    SearchDocument.objects.bulk_create(to_create, batch_size=500)
    change.created = [r.pk for r in to_create]
    return change
