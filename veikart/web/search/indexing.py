"""Write a strategy's rows into the search index: only what changed is rewritten."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Exists, OuterRef

from veikart.sdg.classifier import default_classifier
from veikart.semantic import text_key
from veikart.text import index_terms
from veikart.text.filters import row_tokens
from veikart.web.search.collect import Entry, entries_for
from veikart.web.search.models import Kind, SearchDocument
from veikart.web.semantic.models import TextVector
from veikart.web.semantic.store import cached_vectors
from veikart.web.strategies.models import Strategy

log = logging.getLogger(__name__)

# What the SDG classifier reads of one entry at most (a long text says no more about its themes).
SDG_TEXT_LIMIT = 4000
FIELDS = ("title", "body", "context", "url", "title_terms", "terms", "sdgs", "filter_terms", "public",
          "period_start", "period_end", "organisation_id", "language", "semantic_key")
# What of a row's text its vector stands for, at most: e5 reads 512 tokens, and a section's or
# measure's opening says what it is about.
SEMANTIC_CHARS = 1000
SEMANTIC_BODY_CHARS = 400
# The fields of an index row similar items read (terms, reasons, shared SDGs, document groups): a change in
# the others only (who may see it, its URL or context, its vector's key) leaves every similar item as it was.
SIMILAR_FIELDS = frozenset(
    ("title", "body", "title_terms", "terms", "sdgs", "period_start", "period_end", "organisation_id", "language")
)
BATCH = 500
_NUMBERING = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.)\s+")


# The rows similar items are made of (their term bags: ``termcounts.STRATEGY_KINDS``) and read (the strategy's
# and goals' SDG goals). A measure, an indicator or the source document enters no bag; a change in them changes
# the strategy row's SDG goals when it changes any, and that row is then among the changed.
SIMILAR_KINDS = frozenset((Kind.STRATEGY, Kind.SECTION, Kind.GOAL, Kind.COMMITMENT))


@dataclass
class IndexChange:
    semantic_changed: bool = False  # a row was added or its text (so its vector) changed
    # A row similar items read was created, deleted or updated in a field they read (publishing changes none).
    similar_changed: bool = False
    # Of those: is the strategy's own row among them (every goal's pairs may change), and which goals changed.
    head_changed: bool = False
    goals_changed: set[int] = field(default_factory=set)


def _sdg_text_of(entry: Entry) -> str:
    return f"{entry.title_text}\n{entry.body}".strip()[:SDG_TEXT_LIMIT] if entry.classify else ""


def _themes(entries: list[Entry], language: str, old: dict[int, SearchDocument] | None = None
            ) -> dict[int, set[int]]:
    """SDG goals per entry (by id()), never embedding anything: indexing runs inside edits and imports.

    A text whose vector the semantic cache holds gets the full classifier (meaning and words); the
    rest get the words-only classifier until they are embedded and the strategy is indexed again.
    ``old``: the row indexed before from the same text, by id(entry); without a vector it keeps its goals.
    """
    old = old or {}
    themes = {id(e): set(e.sdgs) for e in entries}
    texts = {id(e): _sdg_text_of(e) for e in entries}
    wanted = [e for e in entries if texts[id(e)]]
    if not wanted:
        return themes
    lang = language if language in ("nb", "en") else None  # nynorsk: guessed per text (read as bokmål)
    classifier = default_classifier()
    vectors = cached_vectors(texts[id(e)] for e in wanted)
    with_vector = [e for e in wanted if texts[id(e)] in vectors]
    if with_vector:
        found = classifier.classify_many([texts[id(e)] for e in with_vector], lang,
                                         np.stack([vectors[texts[id(e)]] for e in with_vector]))
        for e, matches in zip(with_vector, found, strict=True):
            themes[id(e)] = {m.goal for m in matches}
    for e in wanted:
        if texts[id(e)] in vectors:
            continue
        before = old.get(id(e))
        themes[id(e)] = set(before.sdg_list) if before else set(classifier.goals_by_words(texts[id(e)], lang))
    return themes


def _sdg_text(goals: set[int]) -> str:
    return "," + ",".join(str(g) for g in sorted(goals)) + "," if goals else ""


def semantic_text(kind: str, title: str, body: str) -> str:
    """The text whose vector stands for an index row; "" for a whole source document (its parts have theirs).

    A goal or commitment is its own text; a section its heading (without the
    number) and the start of its introduction; a strategy its title; a
    measure its title and the start of its description.
    """
    if kind == Kind.DOCUMENT:
        return ""
    if kind in (Kind.GOAL, Kind.COMMITMENT):
        text = body.strip() or title
    elif kind == Kind.SECTION:
        heading = _NUMBERING.sub("", title).strip()
        text = f"{heading}. {body.strip()[:SEMANTIC_BODY_CHARS]}" if body.strip() else heading
    elif kind == Kind.MEASURE:
        text = f"{title}. {body.strip()[:SEMANTIC_BODY_CHARS]}" if body.strip() else title
    else:
        text = title
    return " ".join(text.split())[:SEMANTIC_CHARS]


def _semantic_key(kind: str, title: str, body: str) -> str:
    text = semantic_text(kind, title, body)
    return text_key(text) if text else ""


def texts_without_vectors() -> Iterator[str]:
    """The semantic texts of index rows whose vector is not cached yet (the embedding job's source)."""
    cached = TextVector.objects.filter(key=OuterRef("semantic_key"))
    rows = (SearchDocument.objects.exclude(semantic_key="").exclude(Exists(cached))
            .order_by("id").values_list("kind", "title", "body"))
    for kind, title, body in rows.iterator(chunk_size=2000):
        yield semantic_text(kind, title, body)


def _terms(text: str, lang: str) -> str:
    return " ".join(index_terms(text, lang))


def rows_for(
    strategy: Strategy, entries: list[Entry], known: Mapping[tuple[str, int], SearchDocument] | None = None
) -> list[SearchDocument]:
    """Unsaved index rows for the entries; strategy and document carry every SDG their parts have.

    ``known``: the rows indexed before, by (kind, object id); a row whose text and language are the same
    keeps its analysed terms instead of analysing the text again (a whole document's pages, on every edit),
    and, while its text has no vector, its SDG goals instead of classifying it again.
    """
    lang = strategy.language or "nb"
    known = known or {}
    # id(entry) -> the row indexed before in the same language. Its stored title and body are the texts it
    # analysed (one with a NUL never matches).
    olds = {id(e): known.get((e.kind, e.object_id)) for e in entries}
    olds = {key: old for key, old in olds.items() if old is not None and old.language == lang}
    # ... and whose SDG text was the same (an empty title_text is empty for every row of its kind: items)
    same_text = {id(e): olds[id(e)] for e in entries if id(e) in olds and e.body == olds[id(e)].body
                 and e.title_text in ("", e.title) and e.title == olds[id(e)].title}
    themes = _themes(entries, lang, same_text)
    every = set().union(*themes.values()) if themes else set()
    rows = []
    for e in entries:
        goals = every if e.kind in (Kind.STRATEGY, Kind.DOCUMENT) else themes[id(e)]
        old = olds.get(id(e))
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
                title_terms=(old.title_terms if old and e.title_text == e.title == old.title
                             else _terms(e.title_text, lang)),
                terms=old.terms if old and e.body == old.body else _terms(e.body, lang),
                sdgs=_sdg_text(goals),
                filter_terms=row_tokens(
                    organisation_id=strategy.organisation_id, kind=e.kind, public=strategy.is_public,
                    period_start=strategy.period_start, period_end=strategy.period_end, sdgs=sorted(goals),
                ),
                language=lang,
                semantic_key=_semantic_key(e.kind, e.title, e.body),
            )
        )
    return rows


def write_strategy(strategy: Strategy, *, fresh: bool = False) -> IndexChange:
    """Make the index rows of ``strategy`` match it; returns which rows changed.

    Only what changed is analysed and written: a row whose text is the same keeps its terms, and a row is
    updated in the fields that differ (publishing changes two fields of every row, an edit one row).
    ``fresh``: analyse every text again (``reindex_search``, after the text analysis or its lexicon changed).
    """
    strategy = Strategy.objects.select_related("organisation").get(pk=strategy.pk)
    existing = {(r.kind, r.object_id): r for r in SearchDocument.objects.filter(strategy=strategy)}
    rows = rows_for(strategy, entries_for(strategy), None if fresh else existing)
    wanted = {(r.kind, r.object_id): r for r in rows}
    change = IndexChange()
    stale = [r for key, r in existing.items() if key not in wanted]
    if stale:
        SearchDocument.objects.filter(pk__in=[r.pk for r in stale]).delete()
        change.similar_changed |= any(r.kind in SIMILAR_KINDS for r in stale)
    to_create = []
    to_update: dict[tuple[str, ...], list[SearchDocument]] = defaultdict(list)  # by the fields that differ
    for key, row in wanted.items():
        old = existing.get(key)
        if old is None:
            to_create.append(row)
            continue
        if old.semantic_key != row.semantic_key:
            change.semantic_changed = True
        differ = tuple(f for f in FIELDS if getattr(old, f) != getattr(row, f))
        if differ:
            for f in differ:
                setattr(old, f, getattr(row, f))
            to_update[differ].append(old)
            if SIMILAR_FIELDS.intersection(differ):
                _note_similar(change, old)
    for differ, changed_rows in to_update.items():
        _update(changed_rows, differ)
    # SQLite ≥ 3.35 and PostgreSQL both return the new primary keys.
    SearchDocument.objects.bulk_create(to_create, batch_size=BATCH)
    for row in to_create:
        _note_similar(change, row)
    change.semantic_changed |= any(r.semantic_key for r in to_create)
    return change


def _note_similar(change: IndexChange, row: SearchDocument) -> None:
    """``row`` was created or changed in a field similar items read."""
    if row.kind not in SIMILAR_KINDS:
        return
    change.similar_changed = True
    if row.kind == Kind.STRATEGY:
        change.head_changed = True
    elif row.kind == Kind.GOAL:
        change.goals_changed.add(row.pk)


def write_visibility(strategy: Strategy) -> int:
    """After a change of the strategy's status alone (publish, archive): who may see its rows; returns how many
    rows changed.

    What the rows say is as it was, so they are not collected and analysed again: only ``public`` and the
    filter tokens made of it are written (every row of a strategy being published, none on archiving).
    """
    strategy = Strategy.objects.get(pk=strategy.pk)
    public = strategy.is_public
    changed = []
    for row in SearchDocument.objects.filter(strategy=strategy).only("pk", "kind", "organisation_id", "sdgs",
                                                                      "public", "filter_terms"):
        tokens = row_tokens(organisation_id=row.organisation_id, kind=row.kind, public=public,
                            period_start=strategy.period_start, period_end=strategy.period_end,
                            sdgs=row.sdg_list)
        if row.public != public or row.filter_terms != tokens:
            row.public, row.filter_terms = public, tokens
            changed.append(row)
    if changed:
        _update(changed, ("public", "filter_terms"))
    return len(changed)


def _update(rows: list[SearchDocument], attributes: tuple[str, ...]) -> None:
    """Write those attributes of the rows: one UPDATE statement run for each row (``bulk_update`` builds a CASE
    per field and row, which cost more than the writes when publishing a large strategy)."""
    fields = [SearchDocument._meta.get_field("organisation" if a == "organisation_id" else a) for a in attributes]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(SearchDocument._meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)}"
           f" WHERE {quote(SearchDocument._meta.pk.column)} = %s")
    params = [[f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields] + [row.pk] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
