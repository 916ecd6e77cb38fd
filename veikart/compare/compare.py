"""Compare two strategies: align focus areas, goals and commitments and say what happened to each.

Levels (old side ↔ new side):

- sections: focus areas ↔ focus areas, by the text of the whole area;
- goals: goals ↔ goals and commitments. A new strategy may state one broad
  goal per area and move the specific aims of the old goals into commitments
  (KS 2016–2019 → 2020–2023); aligning goals with goals only would miss them;
- commitments: commitments ↔ commitments.

Item similarity blends meaning and words: the cosine of the two items'
sentence vectors (veikart.semantic, rescaled so that unrelated texts score 0)
and TF-IDF cosine over analysed terms and character 4-grams; then it is
weighed by how alike the two items' focus areas are (section structure).

With ``Thresholds.weights`` (the default) goals and commitments are linked by
the chance a small logistic model gives each (old, new) pair: the same
evidence (words, meaning, sections) plus how the pair stands among the old
item's other candidates and the new item's other predecessors (a new item
that is the clear best for an old one carries its intent even when the two
share few words). The weights are fitted on the tuning part of the KS pair
(``veikart compare evaluate --tune``). Focus areas are linked by their
blended similarity as before.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from veikart.compare.align import Link, Relation, Thresholds, choose_links, item_status, link_relations
from veikart.compare.checks import comparison_warnings
from veikart.compare.diff import Segment, word_diff, wording_similarity
from veikart.compare.items import Entry, Kind, entries
from veikart.compare.similarity import sdg_bags, sdg_similarity, semantic_scale, similarity_matrix, theme_cosine
from veikart.compare.summary import Summary, summarise, summary_text
from veikart.compare.vectors import Embed
from veikart.ingest.model import Strategy, Warning
from veikart.semantic import DIMENSIONS

SCHEMA = "veikart.comparison/1"


@dataclass(frozen=True)
class LinkResult:
    old: Entry
    new: Entry
    relation: Relation
    score: float

    def diff(self) -> list[Segment]:
        return word_diff(self.old.text, self.new.text)


@dataclass
class Level:
    """One level of a comparison: its items on both sides, the links and every item's status."""

    name: str
    old: list[Entry]
    new: list[Entry]
    links: list[LinkResult] = field(default_factory=list)
    old_status: dict[str, Relation] = field(default_factory=dict)
    new_status: dict[str, Relation] = field(default_factory=dict)


@dataclass
class Comparison:
    old: Strategy
    new: Strategy
    levels: dict[str, Level]
    thresholds: Thresholds

    @property
    def warnings(self) -> list[Warning]:
        """Different organisations, reversed or equal periods, a side without goals (veikart.compare.checks)."""
        return comparison_warnings(self.old, self.new)

    def summary(self) -> Summary:
        return summarise(self)

    def to_dict(self) -> dict:
        summary = self.summary()
        return {
            "schema": SCHEMA,
            "old": _strategy_head(self.old),
            "new": _strategy_head(self.new),
            "warnings": [w.to_dict() for w in self.warnings],
            "thresholds": asdict(self.thresholds),
            "summary": summary.to_dict(),
            "text": {"nb": summary_text(summary, "nb"), "en": summary_text(summary, "en")},
            "levels": {name: _level_dict(level) for name, level in self.levels.items()},
        }


def _strategy_head(s: Strategy) -> dict:
    return {"title": s.title, "organisation": s.organisation, "period": s.period.to_dict() if s.period else None}


def _entry_dict(e: Entry, status: Relation) -> dict:
    return {"id": e.id, "kind": e.kind.value, "section": e.section_label, "text": e.text, "status": status.value}


def _level_dict(level: Level) -> dict:
    return {
        "old": [_entry_dict(e, level.old_status[e.id]) for e in level.old],
        "new": [_entry_dict(e, level.new_status[e.id]) for e in level.new],
        "links": [
            {
                "old": x.old.id,
                "new": x.new.id,
                "relation": x.relation.value,
                "score": round(x.score, 3),
                "diff": [s.to_list() for s in x.diff()],
            }
            for x in level.links
        ],
    }


def _align(
    name: str,
    old: list[Entry],
    new: list[Entry],
    sim: np.ndarray,
    t: Thresholds,
    explained: set[str] = frozenset(),
) -> Level:
    level = Level(name, old, new)
    adoptable = {j for j, e in enumerate(new) if e.id not in explained}
    links: list[Link] = choose_links(sim, t, adoptable)
    one_to_one = {
        (x.old, x.new): Relation.KEPT if wording_similarity(old[x.old].text, new[x.new].text) >= t.kept
        else Relation.REWORDED
        for x in links
    }
    relations = link_relations(links, one_to_one)
    level.links = [LinkResult(old[x.old], new[x.new], relations[(x.old, x.new)], x.score) for x in links]
    by_old: dict[str, list[Relation]] = {}
    by_new: dict[str, list[Relation]] = {}
    for x in level.links:
        by_old.setdefault(x.old.id, []).append(x.relation)
        by_new.setdefault(x.new.id, []).append(x.relation)
    for e in old:
        level.old_status[e.id] = item_status(by_old.get(e.id, []), Relation.DROPPED)
    for e in new:
        level.new_status[e.id] = item_status(by_new.get(e.id, []), Relation.NEW)
    return level


def section_factor(section_sim: np.ndarray, weight: float) -> np.ndarray:
    """How much of an item's similarity counts, by where the two items stand.

    1 for items in the new focus area most like the old item's area, down to
    1 - weight for areas not alike at all. A factor (not a bonus) so that two
    items with no words in common never match because of their areas, and so
    that it means the same for small and large strategies.
    """
    best = section_sim.max(axis=1, keepdims=True) if section_sim.size else section_sim
    best = np.where(best > 0, best, 1.0)
    return (1 - weight) + weight * (section_sim / best)


def _standard_rows(m: np.ndarray) -> np.ndarray:
    return (m - m.mean(axis=1, keepdims=True)) / (m.std(axis=1, keepdims=True) + 1e-6)


@dataclass
class PairEvidence:
    """What the link model reads for one level: words, meaning, section factor, and which new items are goals."""

    lexical: np.ndarray
    cosine: np.ndarray
    factor: np.ndarray
    new_is_goal: np.ndarray
    themes: np.ndarray  # cosine of the two items' SDG themes (veikart.sdg; 0 without it)
    chars: np.ndarray  # TF-IDF cosine of character 4-grams
    context: np.ndarray  # words of the old item against the new item's whole focus area

    def columns(self, t: Thresholds):
        """The ``LINK_FEATURES`` one (old, new) matrix at a time (a large pair never holds all ten at once)."""
        blend = (1 - t.semantic_weight) * self.lexical + t.semantic_weight * semantic_scale(self.cosine,
                                                                                           t.semantic_floor)
        yield self.lexical
        yield self.cosine
        yield self.factor
        yield _standard_rows(self.cosine)
        yield _standard_rows(self.lexical)
        yield blend - blend.max(axis=1, keepdims=True)
        yield blend - blend.max(axis=0, keepdims=True)
        yield _standard_rows(blend)
        yield _standard_rows(blend.T).T
        yield np.broadcast_to(self.new_is_goal[None, :], blend.shape)
        yield self.themes
        yield self.chars
        yield self.context

    def features(self, t: Thresholds) -> np.ndarray:
        """(old, new, LINK_FEATURES), for fitting the model."""
        return np.stack(list(self.columns(t)), axis=2)

    def chances(self, t: Thresholds) -> np.ndarray:
        z = np.full(self.lexical.shape, t.bias)
        for weight, column in zip(t.weights, self.columns(t), strict=True):
            z += weight * column
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


LINK_FEATURES = (
    "words",            # TF-IDF cosine
    "meaning",          # sentence-vector cosine
    "sections",         # the factor for how alike the two items' focus areas are (1: the best-matching area)
    "meaning_z",        # the meaning standardised over the old item's candidates
    "words_z",          # the words likewise
    "gap_old",          # how far the blend is below the old item's best candidate (0: its best)
    "gap_new",          # how far below the new item's best predecessor
    "blend_z",          # the blend standardised over the old item's candidates
    "blend_z_new",      # ... and over the new item's predecessors
    "new_is_goal",      # 1 when the new item is a goal (not a commitment)
    "themes",           # the SDG themes they share (veikart.sdg's proposals, from the same vectors)
    "chars",            # character 4-grams (stems the stemmer misses: "lærlinger"/"læreplass")
    "context",          # the old item's words against the new item's whole focus area (title, goals, commitments)
)


def similarities(
    old: Strategy, new: Strategy, t: Thresholds, embed: Embed | None = None
) -> dict[str, tuple[list[Entry], list[Entry], np.ndarray]]:
    """For each level: the old entries, the new entries and their similarity matrix.

    ``embed`` gives passage vectors (default: veikart.compare.vectors.embed,
    the model with a disk cache); every text of both strategies goes in one call.
    With ``t.weights``, goals and commitments get the link model's chances instead.
    """
    parts = evidence_levels(old, new, t, embed)
    out: dict[str, tuple[list[Entry], list[Entry], np.ndarray]] = {"sections": parts["sections"]}
    for name in ("goals", "commitments"):
        olds, news, blended, pairs = parts[name]
        use_model = t.weights and pairs is not None and blended.size
        out[name] = (olds, news, pairs.chances(t) if use_model else blended)
    return out


def evidence_levels(old: Strategy, new: Strategy, t: Thresholds, embed: Embed | None = None) -> dict:
    """Per level: old entries, new entries, blended similarity and (goals, commitments) a ``PairEvidence``."""
    lang = old.language or "nb"
    a, b = entries(old), entries(new)
    corpus = [e.text for side in (a, b) for kind in (Kind.GOAL, Kind.COMMITMENT) for e in side[kind]]
    old_sections, new_sections = a[Kind.SECTION], b[Kind.SECTION]
    meaning = _meaning(a, b, t, embed)
    section_sim = similarity_matrix(
        [e.context for e in old_sections],
        [e.context for e in new_sections],
        char_weight=t.char_weight,
        lang=lang,
    )
    if meaning is not None:
        section_sim = _blend(section_sim, meaning.between_sections(old_sections, new_sections), t)
    old_index = {e.id: i for i, e in enumerate(old_sections)}
    new_index = {e.id: i for i, e in enumerate(new_sections)}
    bags = meaning.sdg_bags(lang) if meaning is not None and t.weights else None

    def item_sim(olds: list[Entry], news: list[Entry]) -> tuple:
        lexical = similarity_matrix(
            [e.text for e in olds], [e.text for e in news], corpus=corpus, char_weight=t.char_weight, lang=lang
        )
        sim = lexical
        if t.sdg_weight and sim.size:
            themes = sdg_similarity([e.text for e in olds], [e.text for e in news], lang)
            sim = (1 - t.sdg_weight) * sim + t.sdg_weight * themes
        if meaning is not None and sim.size:
            sim = _blend(sim, meaning.between(olds, news), t)
        factor = np.ones(sim.shape)
        if t.section_weight and sim.size:
            rows = [old_index[e.section_id] for e in olds]
            cols = [new_index[e.section_id] for e in news]
            factor = section_factor(section_sim, t.section_weight)[np.ix_(rows, cols)]
            sim = sim * factor
        pairs = None
        if meaning is not None and sim.size and t.weights:
            is_goal = np.array([1.0 if e.kind == Kind.GOAL else 0.0 for e in news])
            old_texts, new_texts = [e.text for e in olds], [e.text for e in news]
            themes = np.zeros(sim.shape)
            if bags is not None:
                themes = theme_cosine([bags[("old", e.id)] for e in olds], [bags[("new", e.id)] for e in news])
            pairs = PairEvidence(lexical, meaning.between(olds, news), factor, is_goal, themes,
                                 similarity_matrix(old_texts, new_texts, char_weight=1.0, lang=lang),
                                 similarity_matrix(old_texts, [e.context for e in news], char_weight=0.0, lang=lang))
        return olds, news, sim, pairs

    new_targets = b[Kind.GOAL] + b[Kind.COMMITMENT]
    return {
        "sections": (old_sections, new_sections, section_sim),
        "goals": item_sim(a[Kind.GOAL], new_targets),
        "commitments": item_sim(a[Kind.COMMITMENT], b[Kind.COMMITMENT]),
    }


def _blend(lexical: np.ndarray, semantic: np.ndarray, t: Thresholds) -> np.ndarray:
    return (1 - t.semantic_weight) * lexical + t.semantic_weight * semantic_scale(semantic, t.semantic_floor)


@dataclass
class _Meaning:
    """Sentence vectors of every goal and commitment of both sides, by (side, id).

    A focus area's vector is the mean of its items' vectors: only item texts
    are embedded, so the web app's vector cache (which holds item texts) serves
    a comparison whole, and nothing is embedded while a page waits.
    """

    rows: dict[tuple[str, str], int]
    vectors: np.ndarray
    sections: dict[tuple[str, str], list[int]]  # (side, section id) -> rows of its items
    texts: list[str]  # by row

    def between(self, olds: list[Entry], news: list[Entry]) -> np.ndarray:
        a = self.vectors[[self.rows[("old", e.id)] for e in olds]]
        b = self.vectors[[self.rows[("new", e.id)] for e in news]]
        return a @ b.T

    def _section_vectors(self, side: str, sections: list[Entry]) -> np.ndarray:
        out = np.zeros((len(sections), self.vectors.shape[1]), dtype=np.float32)
        for r, e in enumerate(sections):
            rows = self.sections.get((side, e.id), [])
            if rows:
                mean = self.vectors[rows].mean(axis=0)
                out[r] = mean / (np.linalg.norm(mean) or 1.0)
        return out

    def sdg_bags(self, lang: str) -> dict[tuple[str, str], Counter[str]]:
        """Every item's SDG themes, from its vector (the model is not run again)."""
        found = sdg_bags(self.texts, self.vectors, lang)
        return {key: found[row] for key, row in self.rows.items()}

    def between_sections(self, olds: list[Entry], news: list[Entry]) -> np.ndarray:
        return self._section_vectors("old", olds) @ self._section_vectors("new", news).T


def _meaning(a: dict, b: dict, t: Thresholds, embed: Embed | None) -> _Meaning | None:
    if t.semantic_weight <= 0:
        return None
    if embed is None:
        from veikart.compare.vectors import embed
    rows: dict[tuple[str, str], int] = {}
    sections: dict[tuple[str, str], list[int]] = {}
    texts: list[str] = []
    for side, found in (("old", a), ("new", b)):
        for kind in (Kind.GOAL, Kind.COMMITMENT):
            for e in found[kind]:
                rows[(side, e.id)] = len(texts)
                sections.setdefault((side, e.section_id), []).append(len(texts))
                texts.append(e.text)
    vectors = np.asarray(embed(texts), dtype=np.float32).reshape(len(texts), DIMENSIONS)
    return _Meaning(rows, vectors, sections, texts)


def align_all(parts: dict[str, tuple[list[Entry], list[Entry], np.ndarray]], t: Thresholds) -> dict[str, Level]:
    """Every level; commitments first, so that the goals level knows which new commitments have a predecessor."""
    commitments = _align("commitments", *parts["commitments"], t)
    explained = {x.new.id for x in commitments.links}
    sections = replace(t, link=t.section_link, ratio=t.section_ratio, adopt=t.section_adopt)
    return {
        "sections": _align("sections", *parts["sections"], sections),
        "goals": _align("goals", *parts["goals"], t, explained),
        "commitments": commitments,
    }


def compare(
    old: Strategy, new: Strategy, thresholds: Thresholds | None = None, embed: Embed | None = None
) -> Comparison:
    """Align ``old`` and ``new`` at every level and classify each item (``embed``: see ``similarities``)."""
    t = thresholds or Thresholds()
    return Comparison(old, new, align_all(similarities(old, new, t, embed), t), t)

