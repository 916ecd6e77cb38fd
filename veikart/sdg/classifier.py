"""Propose UN Sustainable Development Goals, and their targets, for a text, and say why.

Three kinds of evidence, all built from data in the repository:

1. the keyword lexicon (hand-written bokmål and English terms per goal, plus
   selected Aurora query terms), matched on stems, phrases and, in bokmål,
   inside compounds ("klimagassutslippene" carries "klimagass" and "utslipp");
2. TF-IDF similarity to the 169 target texts (with their indicators) in the
   text's language;
3. meaning: the cosine between the text's sentence embedding
   (``veikart.semantic``, multilingual: bokmål, nynorsk and English alike) and
   the shipped vectors of every target's bokmål and English text
   (``veikart.sdg.vectors``).

Per goal these become a few features, and a small logistic model
(``veikart.sdg.combine``, weights fitted on our own labelled Norwegian
sentences by ``python -m veikart.sdg.tune``) gives the chance that a person
would tag the text with the goal. A goal is proposed when that chance reaches
``Settings.probability``; its targets are the ones nearest in meaning. A
target is never proposed without its goal. No goal at all is a valid answer.

Texts are embedded in batches (``classify_many``); pass vectors from a cache
when you have them. ``classify`` of one text embeds it on the spot (~30 ms),
so web requests should read stored proposals, not call this.

    >>> [m.goal for m in classify("Redusere klimagassutslippene i kommunen")]
    [13]
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from veikart.i18n import Decimal, Message
from veikart.sdg import combine
from veikart.sdg.catalogue import GOAL_NUMBERS, Catalogue, load_catalogue
from veikart.sdg.lexicon import CompiledLexicon, Entry, compile_lexicons
from veikart.sdg.vectors import TargetVectors, load_target_vectors
from veikart.text.language import FUNCTION_WORDS, LANGUAGES, guess_language
from veikart.text.stem import stem, stem_words
from veikart.text.tokenise import words

EMBED_BATCH = 32  # texts per call to the embedding model: its throughput is flat beyond this
# The languages a caller may name: nynorsk is read with bokmål's lexicon, stemmer and target texts (there are no
# nynorsk ones), and only the reason a proposal gives is written in nynorsk.
READS = (*LANGUAGES, "nn")


@dataclass(frozen=True)
class Settings:
    """Decision parameters.

    ``weights``, ``bias`` and ``probability`` were fitted and chosen by
    ``python -m veikart.sdg.tune`` on the "tune" split of our labelled
    Norwegian sentences only (data/eval_nb.jsonl: KS's strategies; and
    data/eval_municipal.jsonl: Krødsherad's samfunnsdel, bokmål, and three of
    Gol's training documents, nynorsk). ``scale``,
    ``repeat_bonus`` and ``length_norm`` (how keywords add up) were set by
    judgment before any evaluation; ``target_margin`` and ``max_targets`` by
    judgment too. Nothing here was chosen on the SDG Classification Benchmark
    or on the "test" splits.
    """

    # How keyword evidence adds up into combine's "keywords" feature.
    scale: float = 2.0             # keywords = 1 - exp(-evidence / scale)
    repeat_bonus: float = 0.25     # each repeat of a term adds this share of its weight (twice at most)
    length_norm: float = 40.0      # evidence is divided by sqrt(1 + extra words / length_norm) beyond 25 words
    # The logistic model over combine.FEATURES, and the chance at which a goal is proposed.
    # python -m veikart.sdg.tune: 282 tuning texts (167 bokmål, 115 nynorsk), 5-fold CV micro F1 0.794 (l2=1).
    weights: tuple[float, ...] = (9.3489, 0.3987, -31.155, -12.4279, 1.1019, 26.5557, -1.3756)
    bias: float = -0.6761
    probability: float = 0.35
    max_goals: int = 4             # a sentence rarely serves more; the labelled sets have at most 5
    # Targets of a proposed goal: the nearest in meaning, and those within target_margin of it.
    max_targets: int = 3
    target_margin: float = 0.02
    named_target_margin: float = 0.05  # how much further in meaning a target the lexicon names may be
    # Words only (``goals_by_words``: where no vector is at hand, e.g. the search index before the text is
    # embedded): the classifier before meaning was added, threshold chosen on the nb tuning split.
    words_threshold: float = 0.5       # minimum score for a goal
    words_relative: float = 0.35       # and at least this share of the best goal's score
    words_similarity_weight: float = 3.0  # evidence added per unit of TF-IDF cosine above words_similarity_floor
    words_similarity_floor: float = 0.12


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
    """Holds the compiled lexicon, the target index and the target vectors; safe to call from many threads."""

    def __init__(self, settings: Settings | None = None, catalogue: Catalogue | None = None) -> None:
        self.settings = settings or Settings()
        self.catalogue = catalogue or load_catalogue()
        self.lexicons: dict[str, CompiledLexicon] = compile_lexicons()
        self.indexes = {lang: _build_index(self.catalogue, lang) for lang in ("nb", "en")}
        self._word_cache: dict[str, dict[str, tuple[str, tuple[Entry, ...]]]] = {"nb": {}, "en": {}}
        vectors: TargetVectors = load_target_vectors()
        if list(vectors.target_ids) != self.indexes["nb"].target_ids:
            raise ValueError("the target vectors and the catalogue list different targets")
        # Both texts of a target count: its bokmål and its English wording, whichever is nearer to the item.
        self._target_rows = (vectors.targets_nb, vectors.targets_en)
        self._goal_rows = (vectors.goals_nb, vectors.goals_en)

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
        if language is not None and language not in READS:
            raise ValueError(f"language must be one of {', '.join(READS)}, not {language!r}")
        tokens = words(text)
        if language == "nn":
            language = "nb"
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

    # -- meaning ------------------------------------------------------------------------------

    def meaning(self, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Cosine of a text's vector to every target (the nearer of its two texts) and to every goal's title."""
        targets = np.maximum(self._target_rows[0] @ vector, self._target_rows[1] @ vector)
        titles = np.maximum(self._goal_rows[0] @ vector, self._goal_rows[1] @ vector)
        return targets, titles

    @staticmethod
    def embed(texts: list[str]) -> np.ndarray:
        """Vectors of texts, in batches, for callers without a vector cache.

        The process remembers the last ``_RECENT_LIMIT`` texts' vectors: a worker that proposes again for
        a strategy whose texts did not change (or a test suite importing the same fixture) embeds nothing.
        """
        from veikart.semantic import DIMENSIONS, embed_passages

        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with _recent_lock:
            found = {t: _recent[t] for t in texts if t in _recent}
        todo = [t for t in dict.fromkeys(texts) if t not in found]
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start : start + EMBED_BATCH]
            for text, vector in zip(batch, embed_passages(batch), strict=True):
                found[text] = vector
                _remember(text, vector)
        return np.stack([found[t] for t in texts])

    # -- features and scores ----------------------------------------------------------------

    def _analyse(self, text: str, vector: np.ndarray, language: str | None):
        language, raw, terms, similarity, norm = self.evidence(text, language)
        s = self.settings
        starts = self.indexes[language].goal_starts
        keywords = np.array([combine.keyword_strength(raw.get(g, 0.0), norm, s.scale) for g in GOAL_NUMBERS],
                            dtype=np.float32)
        tfidf = np.maximum.reduceat(similarity, starts).astype(np.float32)
        targets, titles = self.meaning(vector)
        meaning = np.maximum.reduceat(targets, starts).astype(np.float32)
        features = combine.goal_features(keywords, tfidf, meaning, titles.astype(np.float32))
        return language, terms, targets, features

    def features(self, texts: list[str], vectors: np.ndarray | None = None,
                 language: str | None = None) -> list[np.ndarray]:
        """Per text, the (17, len(combine.FEATURES)) features the logistic model weighs (for tuning)."""
        vectors = self.embed(texts) if vectors is None else vectors
        return [self._analyse(t, v, language)[3] for t, v in zip(texts, vectors, strict=True)]

    def scores(self, text: str, language: str | None = None, vector: np.ndarray | None = None) -> dict[int, float]:
        """Chance in [0, 1] for every goal (for evaluation)."""
        vector = self.embed([text])[0] if vector is None else vector
        features = self._analyse(text, vector, language)[3]
        s = self.settings
        return dict(zip(GOAL_NUMBERS, combine.probability(features, s.weights, s.bias).tolist(), strict=True))

    def goals_by_words(self, text: str, language: str | None = None) -> dict[int, float]:
        """The goals a text serves by its words alone (lexicon and TF-IDF to the targets): goal -> score, best first.

        Cheaper and weaker than ``classify`` (no embedding): for callers that must not wait for the
        model, such as the search index of a text not embedded yet.
        """
        if not text.strip():
            return {}
        s = self.settings
        language, raw, _terms, similarity, norm = self.evidence(text, language)
        best = np.maximum.reduceat(similarity, self.indexes[language].goal_starts).tolist()
        scored = {}
        for goal, best_similarity in zip(GOAL_NUMBERS, best, strict=True):
            if raw.get(goal, 0.0) > 0:
                evidence = raw[goal] + s.words_similarity_weight * max(0.0, best_similarity - s.words_similarity_floor)
                scored[goal] = 1.0 - math.exp(-(evidence / norm) / s.scale)
        top = max(scored.values(), default=0.0)
        chosen = [g for g, v in scored.items() if v >= s.words_threshold and v >= s.words_relative * top]
        return {g: scored[g] for g in sorted(chosen, key=lambda g: -scored[g])[: s.max_goals]}

    def classify_many_by_words(self, texts: list[str], language: str | None = None) -> list[list[SdgMatch]]:
        """Proposals from words alone (``goals_by_words``), explained like ``classify_many``'s; nothing embedded.

        The targets named are the nearest by words (TF-IDF) instead of by meaning. Weaker than
        ``classify_many``: for installations that turn meaning off (VEIKART_MEANING) and for tests.
        """
        results: list[list[SdgMatch]] = []
        for text in texts:
            if not text.strip():
                results.append([])
                continue
            language_used, _raw, terms, similarity, _norm = self.evidence(text, language)
            results.append([self._explain(goal, score, terms.get(goal, []), similarity, language_used,
                                          language or language_used)
                            for goal, score in self.goals_by_words(text, language_used).items()])
        return results

    # -- decisions ------------------------------------------------------------------------------

    def classify(self, text: str, language: str | None = None, vector: np.ndarray | None = None) -> list[SdgMatch]:
        """The goals a text serves, best first; [] when none is clear enough."""
        if not isinstance(text, str):
            raise TypeError(f"classify() takes a text (str), not {type(text).__name__}")
        return self.classify_many([text], language, None if vector is None else vector[None, :])[0]

    def classify_many(self, texts: list[str], language: str | None = None,
                      vectors: np.ndarray | None = None) -> list[list[SdgMatch]]:
        """``classify`` for many texts; their vectors are embedded in batches unless given (rows as ``texts``)."""
        wanted = [i for i, t in enumerate(texts) if t.strip()]
        if vectors is None:
            embedded = self.embed([texts[i] for i in wanted])
            vectors_by_index = dict(zip(wanted, embedded, strict=True))
        else:
            if len(vectors) != len(texts):
                raise ValueError("one vector per text")
            vectors_by_index = {i: vectors[i] for i in wanted}
        results: list[list[SdgMatch]] = [[] for _ in texts]
        s = self.settings
        for i in wanted:
            language_used, terms, targets, features = self._analyse(texts[i], vectors_by_index[i], language)
            chance = combine.probability(features, s.weights, s.bias)
            chosen = [g for g, p in zip(GOAL_NUMBERS, chance.tolist(), strict=True) if p >= s.probability]
            chosen.sort(key=lambda g: -chance[g - 1])
            results[i] = [self._explain(g, float(chance[g - 1]), terms.get(g, []), targets, language_used,
                                        language or language_used) for g in chosen[: s.max_goals]]
        return results

    def _explain(self, goal: int, score: float, goal_terms, targets: np.ndarray, language: str,
                 written_in: str) -> SdgMatch:
        """The goal's targets nearest in meaning, and a reason in ``written_in`` (the text's language, nynorsk
        included): the words that matched and the nearest target."""
        s = self.settings
        index = self.indexes[language]
        columns = index.goal_columns[goal]
        order = columns[np.argsort(-targets[columns], kind="stable")]
        best = float(targets[order[0]])
        ranked = sorted(goal_terms, key=lambda t: -t[0])
        # A target the lexicon names for a matched word ("folkehelse" -> 3.4) comes first, unless its text is
        # clearly further in meaning than the nearest target's; then the nearest targets.
        column = {index.target_ids[j]: j for j in columns}
        named = [t for _weight, _surface, t in ranked
                 if t in column and targets[column[t]] >= best - s.named_target_margin]
        nearest_ids = [index.target_ids[j] for j in order[: s.max_targets] if targets[j] >= best - s.target_margin]
        chosen = tuple(dict.fromkeys(named + nearest_ids))[: s.max_targets]
        nearest = index.target_ids[order[0]]
        surfaces = tuple(dict.fromkeys(w for _weight, w, _target in ranked))[:6]
        quoted = ", ".join(f"«{w}»" for w in surfaces)
        found = Message("Ord: %(words)s.", {"words": quoted}) if quoted else Message("Ingen nøkkelord.")
        target_text = self.catalogue.targets[nearest].text("en" if written_in == "en" else "nb")
        closest = Message("Nærmest i mening (likhet %(similarity)s): delmål %(target)s «%(text)s».",
                          {"similarity": Decimal(best, 2), "target": nearest, "text": _clip(target_text)})
        why = f"{found.text(written_in)} {closest.text(written_in)}"
        return SdgMatch(goal=goal, score=score, targets=chosen, why=why, terms=surfaces, nearest_target=nearest)


_RECENT_LIMIT = 5000  # ~7.5 MB of vectors
_recent: OrderedDict[str, np.ndarray] = OrderedDict()
_recent_lock = threading.Lock()


def _remember(text: str, vector: np.ndarray) -> None:
    with _recent_lock:
        _recent[text] = vector
        _recent.move_to_end(text)
        while len(_recent) > _RECENT_LIMIT:
            _recent.popitem(last=False)


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
    """Proposed SDGs for one text (bokmål, nynorsk or English; guessed when ``language`` is None), best first."""
    return default_classifier().classify(text, language)


def classify_many(texts: list[str], language: str | None = None,
                  vectors: np.ndarray | None = None) -> list[list[SdgMatch]]:
    """Proposed SDGs for many texts, embedded in batches unless their ``vectors`` are given."""
    return default_classifier().classify_many(texts, language, vectors)


def classify_many_by_words(texts: list[str], language: str | None = None) -> list[list[SdgMatch]]:
    """Proposed SDGs for many texts by their words alone (no embedding model)."""
    return default_classifier().classify_many_by_words(texts, language)
