"""Propose UN Sustainable Development Goals for a text in bokmål or English, and say why.

Two kinds of evidence, both built from data in the repository:

1. the keyword lexicon (hand-written bokmål and English terms per goal, plus
   selected Aurora query terms), matched on stems, phrases and, in bokmål,
   inside compounds ("klimagassutslippene" carries "klimagass" and "utslipp");
2. TF-IDF similarity to the 169 target texts (with their indicators) in the
   text's language; it picks the targets and adds some evidence of its own.

Per goal, raw evidence becomes a score in [0, 1]; a goal is proposed when its
score reaches ``threshold`` and is not far below the best goal's
(``relative``). No goal at all is a valid answer.

    >>> [m.goal for m in classify("Redusere klimagassutslippene i kommunen")]
    [13]
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from veikart.sdg.catalogue import GOAL_NUMBERS, Catalogue, load_catalogue
from veikart.sdg.lexicon import CompiledLexicon, Entry, compile_lexicons
from veikart.sdg.text import FUNCTION_WORDS, LANGUAGES, guess_language, stem, stem_words, words


@dataclass(frozen=True)
class Settings:
    """Decision parameters.

    ``threshold`` was chosen on the tuning half of the bokmål set
    (data/eval_nb.jsonl, split "tune") by ``python -m veikart.sdg.tune``; the
    similarity settings tied there and kept their first values. ``relative``,
    ``scale``, ``repeat_bonus`` and ``length_norm`` were set by judgment before
    any evaluation (the tuning sentences are too short to choose them). Nothing
    here was chosen on the SDG Classification Benchmark.
    """

    threshold: float = 0.5         # minimum score for a goal
    relative: float = 0.35         # and at least this share of the best goal's score
    scale: float = 2.0             # score = 1 - exp(-evidence / scale)
    similarity_weight: float = 3.0  # evidence added per unit of cosine above similarity_floor
    similarity_floor: float = 0.12
    repeat_bonus: float = 0.25     # each repeat of a term adds this share of its weight (twice at most)
    length_norm: float = 40.0      # evidence is divided by sqrt(1 + extra words / length_norm) beyond 25 words
    max_targets: int = 3
    target_floor: float = 0.06     # a target is listed only with at least this cosine


@dataclass(frozen=True)
class SdgMatch:
    """One proposed goal: score, targets, and a reason a planner can read."""

    goal: int
    score: float
    targets: tuple[str, ...]
    why: str
    terms: tuple[str, ...] = ()
    nearest_target: str | None = None

    def to_dict(self) -> dict:
        return {
            "goal": self.goal,
            "score": round(self.score, 3),
            "targets": list(self.targets),
            "why": self.why,
            "terms": list(self.terms),
            "nearest_target": self.nearest_target,
        }


@dataclass
class _TargetIndex:
    """TF-IDF vectors of the target texts in one language: a (vocabulary x targets) matrix."""

    vocabulary: dict[str, int]
    matrix: np.ndarray          # float32, columns L2-normalised
    idf: np.ndarray
    target_ids: list[str]
    goal_columns: dict[int, np.ndarray] = field(default_factory=dict)
    goal_starts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


def _build_index(catalogue: Catalogue, language: str) -> _TargetIndex:
    target_ids = list(catalogue.targets)
    documents: list[list[str]] = []
    for target_id in target_ids:
        target = catalogue.targets[target_id]
        goal = catalogue.goals[target.goal]
        # The target counts twice; indicators and the goal title add vocabulary.
        parts = [target.text(language)] * 2 + [i.text(language) for i in target.indicators] + [goal.title(language)]
        text = " ".join(parts)
        tokens = [t for t in words(text) if t not in FUNCTION_WORDS[language] and not t.isdigit()]
        documents.append(stem_words(tokens, language))
    vocabulary: dict[str, int] = {}
    for doc in documents:
        for s in doc:
            vocabulary.setdefault(s, len(vocabulary))
    counts = np.zeros((len(vocabulary), len(documents)), dtype=np.float32)
    for j, doc in enumerate(documents):
        for s in doc:
            counts[vocabulary[s], j] += 1
    df = (counts > 0).sum(axis=1)
    idf = np.log((1 + len(documents)) / (1 + df)).astype(np.float32) + 1.0
    matrix = (1 + np.log(np.maximum(counts, 1))) * (counts > 0) * idf[:, None]
    matrix /= np.linalg.norm(matrix, axis=0, keepdims=True) + 1e-9
    index = _TargetIndex(vocabulary, matrix.astype(np.float32), idf, target_ids)
    goals = np.array([catalogue.targets[t].goal for t in target_ids])
    index.goal_columns = {g: np.nonzero(goals == g)[0] for g in GOAL_NUMBERS}
    # The catalogue lists targets goal by goal, so each goal's columns are one run: one reduceat gives all 17 maxima.
    if any(np.any(np.diff(cols) != 1) for cols in index.goal_columns.values()):
        raise ValueError("targets must be grouped by goal")
    index.goal_starts = np.array([index.goal_columns[g][0] for g in GOAL_NUMBERS], dtype=np.int64)
    return index


class SdgClassifier:
    """Holds the compiled lexicon and target index; ``classify`` is safe to call from many threads."""

    def __init__(self, settings: Settings | None = None, catalogue: Catalogue | None = None) -> None:
        self.settings = settings or Settings()
        self.catalogue = catalogue or load_catalogue()
        self.lexicons: dict[str, CompiledLexicon] = compile_lexicons()
        self.indexes = {lang: _build_index(self.catalogue, lang) for lang in ("nb", "en")}
        self._word_cache: dict[str, dict[str, tuple[str, tuple[Entry, ...]]]] = {"nb": {}, "en": {}}

    # -- evidence ---------------------------------------------------------------------------

    def _analyse_word(self, word: str, language: str) -> tuple[str, tuple[Entry, ...]]:
        cache = self._word_cache[language]
        hit = cache.get(word)
        if hit is None:
            word_stem = stem(word, language)
            hit = (word_stem, tuple(self.lexicons[language].match_word(word, word_stem)))
            if len(cache) < 500_000:
                cache[word] = hit
        return hit

    def evidence(
        self, text: str, language: str | None = None
    ) -> tuple[str, dict[int, float], dict[int, list[tuple[float, str, str | None]]], np.ndarray, float]:
        """Language, per-goal evidence, matched terms, target similarities and length norm: what ``classify`` weighs."""
        if language is not None and language not in LANGUAGES:
            raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
        tokens = words(text)
        language = language or guess_language(tokens) or self._guess_by_vocabulary(tokens)
        lexicon = self.lexicons[language]
        s = self.settings
        analysed = [self._analyse_word(t, language) for t in tokens]
        stems = [a[0] for a in analysed]

        # term label -> (goal, weight, count, surface words); one word gives each goal its strongest term only.
        hits: dict[tuple[int, str], list] = {}
        # Phrases first: a word inside a matched phrase speaks only through the phrase
        # ("mangfold" in "biologisk mangfold" is not diversity in the sense of goal 10).
        covered: set[int] = set()
        if lexicon.phrases:
            for position, word_stem in enumerate(stems):
                for phrase_stems, entry in lexicon.phrases.get(word_stem, ()):
                    end = position + len(phrase_stems)
                    if tuple(stems[position:end]) == phrase_stems:
                        _record(hits, entry.goal, entry, " ".join(tokens[position:end]))
                        covered.update(range(position, end))
        for position, (word, (_, entries)) in enumerate(zip(tokens, analysed, strict=True)):
            if position in covered or not entries:
                continue
            best: dict[int, Entry] = {}
            for entry in entries:
                if entry.goal not in best or entry.weight > best[entry.goal].weight:
                    best[entry.goal] = entry
            for goal, entry in best.items():
                _record(hits, goal, entry, word)

        raw = defaultdict(float)
        terms: dict[int, list[tuple[float, str, str | None]]] = defaultdict(list)
        for (goal, _label), (weight, count, surface, target) in hits.items():
            raw[goal] += weight * (1 + s.repeat_bonus * min(count - 1, 2))
            terms[goal].append((weight, surface, target))

        similarity = self._similarity(stems, language)
        norm = math.sqrt(1 + max(0, len(tokens) - 25) / s.length_norm)
        return language, raw, terms, similarity, norm

    def _guess_by_vocabulary(self, tokens: list[str]) -> str:
        """For texts without function words: the language whose target texts know more of the words; bokmål on a tie."""
        known = {
            lang: sum(1 for t in tokens if stem(t, lang) in self.indexes[lang].vocabulary) for lang in ("nb", "en")
        }
        return "en" if known["en"] > known["nb"] else "nb"

    def _similarity(self, stems: list[str], language: str) -> np.ndarray:
        index = self.indexes[language]
        rows: dict[int, float] = {}
        for s in stems:
            row = index.vocabulary.get(s)
            if row is not None:
                rows[row] = rows.get(row, 0.0) + 1.0
        if not rows:
            return np.zeros(len(index.target_ids), dtype=np.float32)
        ids = np.fromiter(rows.keys(), dtype=np.int64)
        tf = np.fromiter(rows.values(), dtype=np.float32)
        query = (1 + np.log(tf)) * index.idf[ids]
        query /= np.linalg.norm(query) + 1e-9
        return query @ index.matrix[ids]

    def scores(self, text: str, language: str | None = None) -> dict[int, float]:
        """Score in [0, 1] for every goal (for evaluation and tuning)."""
        language, raw, _terms, similarity, norm = self.evidence(text, language)
        return self._scores(raw, similarity, norm, language)

    def _scores(self, raw, similarity: np.ndarray, norm: float, language: str) -> dict[int, float]:
        s = self.settings
        best = np.maximum.reduceat(similarity, self.indexes[language].goal_starts).tolist()
        scores = {}
        for goal, best_similarity in zip(GOAL_NUMBERS, best, strict=True):
            evidence = raw.get(goal, 0.0) + s.similarity_weight * max(0.0, best_similarity - s.similarity_floor)
            scores[goal] = 1.0 - math.exp(-(evidence / norm) / s.scale)
        return scores

    # -- decisions ------------------------------------------------------------------------------

    def classify(self, text: str, language: str | None = None) -> list[SdgMatch]:
        """The goals a text serves, best first; [] when none is clear enough."""
        if not isinstance(text, str):
            raise TypeError(f"classify() takes a text (str), not {type(text).__name__}")
        if not text.strip():
            return []
        s = self.settings
        language, raw, terms, similarity, norm = self.evidence(text, language)
        scored = self._scores(raw, similarity, norm, language)
        top = max(scored.values())
        chosen = [g for g, v in scored.items() if v >= s.threshold and v >= s.relative * top and raw.get(g, 0) > 0]
        chosen.sort(key=lambda g: -scored[g])
        return [self._explain(g, scored[g], terms.get(g, []), similarity, language) for g in chosen]

    def _explain(self, goal: int, score: float, goal_terms, similarity: np.ndarray, language: str) -> SdgMatch:
        s = self.settings
        index = self.indexes[language]
        columns = index.goal_columns[goal]
        order = columns[np.argsort(-similarity[columns], kind="stable")]
        ranked = sorted(goal_terms, key=lambda t: -t[0])
        # Targets the lexicon names for the matched words come first; then the most similar target texts.
        named = [target for _weight, _surface, target in ranked if target]
        similar = [index.target_ids[j] for j in order[: s.max_targets] if similarity[j] >= s.target_floor]
        targets = tuple(dict.fromkeys(named + similar))[: s.max_targets]
        nearest = targets[0] if targets else None
        surfaces = tuple(dict.fromkeys(w for _weight, w, _target in ranked))[:6]
        quoted = ", ".join(f"«{w}»" for w in surfaces)
        if language == "nb":
            why = f"Ord: {quoted}." if quoted else "Ingen nøkkelord."
            if nearest:
                why += f" Nærmeste delmål {nearest}: «{_clip(self.catalogue.targets[nearest].text_nb)}»."
        else:
            why = f"Words: {quoted}." if quoted else "No keywords."
            if nearest:
                why += f" Nearest target {nearest}: “{_clip(self.catalogue.targets[nearest].text_en)}”."
        return SdgMatch(goal=goal, score=score, targets=targets, why=why, terms=surfaces, nearest_target=nearest)


def _record(hits: dict, goal: int, entry: Entry, surface: str) -> None:
    key = (goal, entry.label)
    current = hits.get(key)
    if current is None:
        hits[key] = [entry.weight, 1, surface, entry.target]
    else:
        current[1] += 1


def _clip(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


@lru_cache(maxsize=1)
def default_classifier() -> SdgClassifier:
    return SdgClassifier()


def classify(text: str, language: str | None = None) -> list[SdgMatch]:
    """Proposed SDGs for one text (bokmål or English; guessed when ``language`` is None), best first."""
    return default_classifier().classify(text, language)
