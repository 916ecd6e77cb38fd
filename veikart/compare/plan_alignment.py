"""Which focus areas of a KS strategy each item of a member's plan serves, and which SDG targets (no Django).

For a plan item and a KS focus area the evidence is:

- meaning: the best cosine of the item's sentence vector with the area's
  goal and commitments (veikart.semantic), rescaled so that unrelated
  texts score 0;
- words: the best TF-IDF cosine with the same texts (veikart.compare.similarity);
- structure: how alike the item's section is to the area: the mean meaning of
  the section's items against the area's, and the words its heading shares
  with the area's title (a plan written along KS's areas says so in its
  headings);
- examples: how alike the item is to goals of member plans that a person
  labelled with the area (the dev plans of the alignment gold; examples.py),
  by meaning (its nearest examples' vectors) and by words (its nearest
  example's TF-IDF cosine). Municipal goals are worded unlike KS's own texts;
  labelled municipal goals bridge that;
- description: how alike the item is to a short description of what the
  area covers (the labelling guideline's), as a search hit to its query,
  and the words they share (the description in the plan's language); and
  how the item's section as a whole stands by the descriptions (a vague
  goal takes its section's theme).

Examples and descriptions count only for the KS strategy they were made for
(matched by area number and title). A small logistic model (weights in
``Settings``, fitted on the dev plans by ``veikart align evaluate --tune``)
turns the evidence into the chance that a person would say the item serves
the area; how far the description stands out among the areas counts as
much as the raw similarities. An item
serves the areas whose chance reaches ``Settings.threshold`` and is within
``ratio`` of its best area (at most ``top``), best first, with the KS goal or
commitment that matched it best and a reason: the words they share and the
similarity. For a KS strategy without examples the model over meaning,
words and structure alone is used (``Settings.plain_weights``).

``align_plan`` works on ``veikart.ingest.model.Strategy`` objects, the same
as the comparison; ``sector_view`` turns the alignments of many members'
plans into the view KS needs per focus area ("how many work towards 2.6,
and with what?").
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from veikart.compare.areas import Area, AreaItem, ks_areas
from veikart.compare.checks import alignment_warnings
from veikart.compare.examples import Examples, load_examples
from veikart.compare.similarity import semantic_scale, shared_words, similarity_matrix
from veikart.compare.vectors import Embed
from veikart.i18n import Decimal, Message
from veikart.ingest.model import Strategy, Warning
from veikart.sdg import classify as sdg_classify
from veikart.sdg.classifier import READS
from veikart.semantic import DIMENSIONS

SCHEMA = "veikart.alignment/1"


FEATURES = (
    "meaning",            # best rescaled cosine with one of the area's KS texts
    "words",              # best TF-IDF cosine with one of them
    "section",            # the item's section against the area (meaning and heading words)
    "examples",           # rescaled mean cosine of the nearest labelled examples of the area
    "description_z",      # cosine with the area's description, standardised over the areas
    "description_gap",    # how far below the item's best area by description (0 for the best)
    "description_words",  # TF-IDF cosine with the description in the plan's language, standardised over the areas
    "meaning_z",          # the meaning standardised over the areas: how much this area's KS texts stand out
    "section_description",  # description_z averaged over the item's section: what the section as a whole is about
    "examples_words",     # TF-IDF cosine with the nearest labelled example of the area (words, not meaning)
)
# Left out after trying on the dev plans: the examples' mean and the examples' rank among the areas (dev F1
# 0.646 instead of 0.631, but they follow the dev labels' areas: "full-time work and sick leave" went to 3.5,
# work inclusion, where the examples of "keeping people in work" are, not to 2.6, attractive employers).
PLAIN = 3  # the first features: all there is for a KS strategy without examples or descriptions


@dataclass(frozen=True)
class Settings:
    """The knobs of an alignment; fitted and tuned on the dev plans of the alignment gold only.

    ``veikart align evaluate --tune`` fits the weights (logistic regression
    over ``FEATURES`` on every (dev goal, area) pair, each plan's examples
    left out by municipality) and chooses threshold, ratio and top by
    leave-one-municipality-out F1 on the dev plans; it prints them, and they
    are copied here by hand so that a change shows in review.
    """

    threshold: float = 0.15  # least chance for an area to count as served
    ratio: float = 0.7  # another area at least this share of the best one's chance is served too
    top: int = 2  # most areas per item
    semantic_floor: float = 0.75  # the cosine that counts as nothing in common
    # veikart align evaluate --tune (7 December 2026, fifth round): 379 dev goals of 24 plans x 12 areas;
    # dev F1 0.677 held out by municipality (0.659 without examples_words, the fourth round's nine features)
    weights: tuple[float, ...] = (-6.8459, 1.4574, 9.1002, 9.7461, 0.1706, 23.1305, 0.4613, 0.3598, 0.5881, 6.2988)
    bias: float = -8.8518
    plain_weights: tuple[float, ...] = (1.1268, 10.2791, 12.7208)
    plain_bias: float = -8.2027
    sdg_top: int = 3  # most SDG targets per item


@dataclass(frozen=True)
class PlanItem:
    text: str
    kind: str  # "goal" or "commitment"
    section: str
    ref: object = None  # what the caller needs to link it (a database id)


@dataclass(frozen=True)
class Served:
    area: Area
    item: AreaItem  # the area's goal or commitment most like the plan item
    score: float
    meaning: float  # rescaled cosine of the best match, 0..1
    shared: tuple[str, ...]

    def why(self, lang: str) -> str:
        """Why the item serves the area, in ``lang``: the likeness in meaning, and the words the two share."""
        meaning = Decimal(self.meaning, 2)
        if self.shared:
            return Message("meningslikhet %(meaning)s; felles ord: %(words)s",
                           {"meaning": meaning, "words": ", ".join(self.shared)}).text(lang)
        return Message("meningslikhet %(meaning)s", {"meaning": meaning}).text(lang)

    def to_dict(self, lang: str) -> dict:
        return {"number": self.area.number, "title": self.area.title, "item": self.item.text,
                "score": round(self.score, 3), "why": self.why(lang)}


@dataclass(frozen=True)
class Target:
    target: str
    score: float
    why: str

    def to_dict(self) -> dict:
        return {"target": self.target, "score": round(self.score, 3), "why": self.why}


@dataclass
class ItemAlignment:
    item: PlanItem
    ks: list[Served] = field(default_factory=list)
    sdg: list[Target] = field(default_factory=list)

    def to_dict(self, lang: str) -> dict:
        return {"text": self.item.text, "kind": self.item.kind, "section": self.item.section,
                "ks": [s.to_dict(lang) for s in self.ks], "sdg": [t.to_dict() for t in self.sdg]}


@dataclass
class Alignment:
    plan_title: str
    ks_title: str
    areas: list[Area]
    items: list[ItemAlignment]
    warnings: list[Warning]
    settings: Settings

    def to_dict(self, lang: str) -> dict:
        """JSON; each focus area's reason in ``lang`` (the SDG targets' reasons are in the plan's language)."""
        return {"schema": SCHEMA, "plan": self.plan_title, "ks_strategy": self.ks_title,
                "items": [i.to_dict(lang) for i in self.items], "warnings": [w.to_dict() for w in self.warnings]}

    def served_areas(self) -> dict[str, list[ItemAlignment]]:
        """Per area number, the plan items that serve it (every area present, possibly empty)."""
        out: dict[str, list[ItemAlignment]] = {a.number: [] for a in self.areas}
        for row in self.items:
            for s in row.ks:
                out[s.area.number].append(row)
        return out


def plan_items(plan: Strategy, kinds: Sequence[str] = ("goal", "commitment")) -> list[PlanItem]:
    out = []
    for s in plan.walk():
        section = f"{s.number} {s.title}" if s.number else s.title
        if "goal" in kinds:
            out += [PlanItem(g.text, "goal", section) for g in s.goals]
        if "commitment" in kinds:
            out += [PlanItem(c.text, "commitment", section) for c in s.commitments]
    return out


@dataclass
class Evidence:
    """Per plan item and KS area text: meaning and words; per item and area: how alike their sections are."""

    meaning: np.ndarray  # (items, area texts), rescaled 0..1
    words: np.ndarray  # (items, area texts)
    sections: np.ndarray  # (items, areas), 0..1
    owner: np.ndarray  # area index of each area text
    examples: np.ndarray  # (items, areas), 0..1: nearest labelled examples of the area
    described: np.ndarray  # (items, areas): cosine with the area's description
    description_words: np.ndarray  # (items, areas): TF-IDF cosine with the description's words
    examples_words: np.ndarray | None = None  # (items, areas): TF-IDF cosine with the nearest labelled example
    learned: bool = False  # examples and descriptions exist for this KS strategy
    section_of: np.ndarray | None = None  # (items,): the index of each item's section, for section averages


def _unit_mean(vectors: np.ndarray) -> np.ndarray:
    mean = vectors.mean(axis=0)
    return mean / (np.linalg.norm(mean) or 1.0)


def evidence(items: Sequence[PlanItem], areas: Sequence[Area], settings: Settings, embed: Embed | None = None,
             lang: str = "nb", examples: Examples | None = None, leave_out: str = "") -> Evidence:
    """Everything ``area_scores`` needs; the only costly step (one batch of vectors), apart so tuning runs it once.

    Only item texts are embedded (the web app's vector cache holds exactly
    those). A section's meaning is the mean of its items' vectors; the
    section evidence averages that (plan section against KS area) with the
    words its heading shares with the area's title.
    """
    if embed is None:
        from veikart.compare.vectors import embed
    area_texts = [t.text for a in areas for t in a.items]
    owner = np.array([i for i, a in enumerate(areas) for _ in a.items], dtype=int)
    n, m = len(items), len(area_texts)
    if not n or not m:
        empty = np.zeros((n, len(areas)))
        return Evidence(np.zeros((n, m)), np.zeros((n, m)), empty, owner, empty, empty, empty)
    texts = [i.text for i in items] + area_texts
    vectors = np.asarray(embed(texts), dtype=np.float32).reshape(len(texts), DIMENSIONS)
    item_v, area_v = vectors[:n], vectors[n:]
    floor = settings.semantic_floor
    meaning = semantic_scale(item_v @ area_v.T, floor)
    words = similarity_matrix([i.text for i in items], area_texts, char_weight=0.3, lang=lang)
    headings = sorted({i.section for i in items})
    rows_of = {h: [r for r, i in enumerate(items) if i.section == h] for h in headings}
    section_v = np.stack([_unit_mean(item_v[rows_of[h]]) for h in headings])
    area_mean = np.stack([_unit_mean(area_v[owner == a]) for a in range(len(areas))])
    by_meaning = semantic_scale(section_v @ area_mean.T, floor)
    by_words = similarity_matrix(headings, [a.title for a in areas], char_weight=0.3, lang=lang)
    by_section = (by_meaning + by_words) / 2
    index = {h: r for r, h in enumerate(headings)}
    section_of = np.array([index[i.section] for i in items], dtype=int)
    sections = by_section[section_of]
    empty = np.zeros((n, len(areas)))
    if examples is None:
        return Evidence(meaning, words, sections, owner, empty, empty, empty, section_of=section_of)
    described = examples.described(item_v, areas)
    # IDF over KS's own texts too: words every KS text has ("kommuner") say nothing about the area.
    description_words = similarity_matrix([i.text for i in items], examples.description_texts(areas, lang),
                                          corpus=area_texts, char_weight=0.3, lang=lang)
    return Evidence(meaning, words, sections, owner, semantic_scale(examples.nearest(item_v, areas, leave_out), floor),
                    described, description_words,
                    examples.nearest_words([i.text for i in items], areas, leave_out, lang),
                    learned=bool(described.any()), section_of=section_of)


def _standard(m: np.ndarray) -> np.ndarray:
    """Each row standardised over the areas: how much an area stands out for this item."""
    return (m - m.mean(axis=1, keepdims=True)) / (m.std(axis=1, keepdims=True) + 1e-6)


def _gap(m: np.ndarray) -> np.ndarray:
    return m - m.max(axis=1, keepdims=True)


def _section_mean(m: np.ndarray, section_of: np.ndarray | None) -> np.ndarray:
    """Each row replaced by the mean of its section's rows (a vague goal borrows its section's theme)."""
    if section_of is None or not len(m):
        return m
    sums = np.zeros((int(section_of.max()) + 1, m.shape[1]))
    np.add.at(sums, section_of, m)
    return (sums / np.bincount(section_of)[:, None])[section_of]


def features(ev: Evidence, n_areas: int) -> tuple[np.ndarray, np.ndarray]:
    """(items, areas, FEATURES) and, per item and area, the index (into the area texts) of the best KS text."""
    n = ev.meaning.shape[0]
    meaning, words = np.zeros((n, n_areas)), np.zeros((n, n_areas))
    best = np.zeros((n, n_areas), dtype=int)
    for a in range(n_areas):
        cols = np.flatnonzero(ev.owner == a)
        if not len(cols):
            continue
        best[:, a] = cols[np.argmax(ev.meaning[:, cols] + ev.words[:, cols], axis=1)]
        meaning[:, a] = ev.meaning[:, cols].max(axis=1)
        words[:, a] = ev.words[:, cols].max(axis=1)
    described = _standard(ev.described)
    examples_words = ev.examples_words if ev.examples_words is not None else np.zeros((n, n_areas))
    columns = [meaning, words, ev.sections, ev.examples, described, _gap(ev.described),
               _standard(ev.description_words), _standard(meaning), _section_mean(described, ev.section_of),
               examples_words]
    return np.stack(columns, axis=2), best


def chances(x: np.ndarray, weights: tuple[float, ...], bias: float) -> np.ndarray:
    """The logistic model over the first ``len(weights)`` features: (items, areas) chances."""
    z = x[:, :, : len(weights)] @ np.asarray(weights, dtype=float) + bias
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def area_scores(ev: Evidence, n_areas: int, settings: Settings) -> tuple[np.ndarray, np.ndarray]:
    """Per item and area: the chance that it serves the area, and the index of the best-matching KS text."""
    x, best = features(ev, n_areas)
    if ev.learned:
        return chances(x, settings.weights, settings.bias), best
    return chances(x, settings.plain_weights, settings.plain_bias), best


def choose(scores: np.ndarray, settings: Settings) -> list[list[int]]:
    """Per item, the areas it serves, best first."""
    out = []
    for row in scores:
        order = np.argsort(-row)[: settings.top]
        top = float(row[order[0]]) if len(order) else 0.0
        out.append([int(a) for a in order if row[a] >= settings.threshold and row[a] >= settings.ratio * top])
    return out


def sdg_targets(text: str, lang: str, top: int, classify: Callable | None) -> list[Target]:
    """The SDG targets veikart.sdg proposes for ``text``, best first (its goal number when it names no target)."""
    if classify is None:
        return []
    out: list[Target] = []
    for match in classify(text, lang):
        for target in match.targets or (str(match.goal),):
            out.append(Target(target, float(match.score), match.why))
    return out[:top]


def default_classify() -> Callable:
    """veikart.sdg's proposer; a language it does not read is left for it to guess."""
    return lambda text, lang: sdg_classify(text, lang if lang in READS else None)


def align_plan(
    plan: Strategy,
    ks: Strategy,
    settings: Settings | None = None,
    *,
    embed: Embed | None = None,
    classify: Callable | None | bool = True,
    kinds: Sequence[str] = ("goal", "commitment"),
    examples: Examples | None | bool = True,
) -> Alignment:
    """Per item of ``plan``, the focus areas of ``ks`` it serves and its SDG targets; with warnings.

    ``classify``: True for veikart.sdg's proposer, None/False for no SDGs, or a function (text, lang) -> matches.
    ``examples``: True for the shipped labelled examples (examples.py), None/False for none.
    """
    settings = settings or Settings()
    lang = plan.language or "nb"
    areas = ks_areas(ks)
    items = plan_items(plan, kinds)
    classify = default_classify() if classify is True else (classify or None)
    rows = [ItemAlignment(i) for i in items]
    if items and areas:
        ev = evidence(items, areas, settings, embed, lang, load_examples() if examples is True else examples or None)
        scores, best = area_scores(ev, len(areas), settings)
        area_texts = [t for a in areas for t in a.items]
        for r, chosen in enumerate(choose(scores, settings)):
            for a in chosen:
                j = int(best[r, a])
                rows[r].ks.append(Served(areas[a], area_texts[j], float(scores[r, a]), float(ev.meaning[r, j]),
                                         shared_words(items[r].text, area_texts[j].text, lang)))
    for row in rows:
        row.sdg = sdg_targets(row.item.text, lang, settings.sdg_top, classify)
    return Alignment(plan.title, ks.title, areas, rows, alignment_warnings(plan, ks), settings)


@dataclass
class AreaUse:
    """One KS focus area across members' plans: who works towards it, and with which items."""

    area: Area
    plans: dict[str, list[ItemAlignment]] = field(default_factory=dict)

    @property
    def plan_count(self) -> int:
        return len(self.plans)


def sector_view(alignments: Sequence[tuple[str, Alignment]]) -> list[AreaUse]:
    """Per KS focus area (in KS's order), the plans (by the caller's name) with items that serve it."""
    if not alignments:
        return []
    uses = {a.number: AreaUse(a) for a in alignments[0][1].areas}
    for name, alignment in alignments:
        for number, rows in alignment.served_areas().items():
            if rows and number in uses:
                uses[number].plans[name] = rows
    return list(uses.values())
