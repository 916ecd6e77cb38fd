"""Member goals labelled with the KS focus areas they serve: the examples plan alignment learns from.

They are the dev plans of the alignment gold (gold/alignment-ks-2020-2023.json),
never its test plans. A plan's goal counts towards an area as much as it is
like the nearest example goal of that area (``Examples.nearest``): a
nearest-neighbour model over sentence vectors, with the data in the repository.

Beside the examples, each focus area has a short description of what it
covers (the labelling guideline's, gold/GUIDELINE.md, in English and bokmål).
Its vector (the mean of the two) is an e5
"query" vector: a plan item's (cached "passage") vector is compared with it as
a search result with its query, which is what e5 was trained for; on the dev
plans the (English) description picks a labelled area first for 49 % of
goals, KS's own goal and commitment texts for 28 %.

The examples' and descriptions' vectors ship beside the gold (gold/examples.npz,
written by ``python -m veikart.compare.examples``), so that neither the command
line nor a web request has to run the model for them; the file names the model,
and vectors of another model, or of texts the gold no longer has, are not used.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from veikart.compare.areas import Area, ks_areas
from veikart.compare.similarity import similarity_matrix
from veikart.ingest.model import read_strategy_json
from veikart.semantic import MODEL

GOLD = Path(__file__).resolve().parent / "gold" / "alignment-ks-2020-2023.json"
GUIDELINE = GOLD.parent / "GUIDELINE.md"
VECTORS = GOLD.parent / "examples.npz"
TOP = 3  # an area's evidence is the mean of the item's TOP nearest examples of it (one example is noisy)


def _key(number: str, title: str) -> tuple[str, str]:
    return number.strip(), " ".join(title.casefold().split())


def municipality(plan: str) -> str:
    """The municipality of a plan named as in the corpus ("3318_krodsherad_…" → "3318"), else the name itself."""
    head = plan.split("_", 1)[0]
    return head if head.isdigit() else plan


@dataclass
class Examples:
    texts: list[str]
    plans: list[str]  # the plan each example comes from (left out when that plan is scored)
    areas: list[tuple[tuple[str, str], ...]]  # (number, folded title) of every area the example serves
    vectors: np.ndarray  # (examples, dimensions)
    descriptions: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)  # area key -> query vector
    wording: dict[str, dict[tuple[str, str], str]] = field(default_factory=dict)  # language -> area key -> text

    def description_texts(self, areas: list[Area], lang: str) -> list[str]:
        """Each area's description in the plan's language (bokmål for nynorsk), "" without one."""
        texts = self.wording.get("en" if lang == "en" else "nb", {})
        return [texts.get(_key(a.number, a.title), "") for a in areas]

    def _rows(self, area: Area, leave_out: str) -> list[int]:
        key = _key(area.number, area.title)
        return [i for i, found in enumerate(self.areas)
                if key in found and (not leave_out or municipality(self.plans[i]) != municipality(leave_out))]

    def described(self, item_vectors: np.ndarray, areas: list[Area]) -> np.ndarray:
        """Per item and area: the cosine with the area's description (0 for an area without one)."""
        out = np.zeros((len(item_vectors), len(areas)), dtype=np.float32)
        for a, area in enumerate(areas):
            vector = self.descriptions.get(_key(area.number, area.title))
            if vector is not None and len(item_vectors):
                out[:, a] = item_vectors @ vector
        return out

    def nearest_words(self, item_texts: list[str], areas: list[Area], leave_out: str = "", lang: str = "nb",
                      ) -> np.ndarray:
        """Per item and area: the TF-IDF cosine (veikart.compare.similarity) of the item's nearest example of the area.

        The words catch what e5-small's vectors blur: municipal goals share
        their vocabulary ("trafikksikkerhet", "boligtomter", "reiseliv") with
        the labelled goals of other plans more than with KS's own texts. The
        IDF is fitted on the items and the examples used; ``leave_out`` as in
        ``nearest``.
        """
        out = np.zeros((len(item_texts), len(areas)), dtype=np.float32)
        keep = [i for i in range(len(self.texts))
                if not leave_out or municipality(self.plans[i]) != municipality(leave_out)]
        if not keep or not len(item_texts):
            return out
        words = similarity_matrix(list(item_texts), [self.texts[i] for i in keep], char_weight=0.3, lang=lang)
        column = {i: c for c, i in enumerate(keep)}
        for a, area in enumerate(areas):
            cols = [column[i] for i in self._rows(area, leave_out)]
            if cols:
                out[:, a] = words[:, cols].max(axis=1)
        return out

    def nearest(self, item_vectors: np.ndarray, areas: list[Area], leave_out: str = "") -> np.ndarray:
        """Per item and area: the mean cosine of the item's ``TOP`` nearest examples of that area (0 without any).

        ``leave_out``: a plan whose municipality's examples are not used (its
        other plans share its wording; a test plan's municipality may have
        labelled theme plans among the examples, and scoring must not see them).
        """
        out = np.zeros((len(item_vectors), len(areas)), dtype=np.float32)
        if not len(self.texts) or not len(item_vectors):
            return out
        cosines = item_vectors @ self.vectors.T
        for a, area in enumerate(areas):
            rows = self._rows(area, leave_out)
            if rows:
                block = np.sort(cosines[:, rows], axis=1)[:, ::-1][:, :TOP]
                out[:, a] = block.mean(axis=1)
        return out


def _ks_titles(data: dict) -> dict[str, str]:
    root = Path(__file__).resolve().parents[2]
    return {a.number: a.title for a in ks_areas(read_strategy_json((root / data["ks"]).read_bytes()))}


BOKMAL_HEADING = "## Hva hvert område dekker (bokmål)"


def descriptions_by_language(guideline: Path = GUIDELINE) -> dict[str, dict[str, str]]:
    """{"en": {number: text}, "nb": {...}}: the guideline's English list, and the bokmål one under its heading."""
    english, _, bokmal = guideline.read_text(encoding="utf-8").partition(BOKMAL_HEADING)
    return {lang: {n: t for n, t in _descriptions(text)} for lang, text in (("en", english), ("nb", bokmal))}


def _descriptions(text: str) -> list[tuple[str, str]]:
    found = re.finditer(r"^- \*\*(\d+\.\d+) ([^*]+)\*\*: (.*?)(?=^- \*\*|^$|^#)", text, re.M | re.S)
    return [(m.group(1), f"{m.group(2).strip()}: {' '.join(m.group(3).split())}") for m in found]


def area_descriptions(guideline: Path = GUIDELINE) -> list[tuple[str, str]]:
    """(area number, description) of every area description in the guideline, English and bokmål.

    "2.6", "Attraktive arbeidsgivere: the municipality as employer: …"; an area's
    vector is the mean of its descriptions' (on the dev plans both languages
    together did better than either alone).
    """
    return _descriptions(guideline.read_text(encoding="utf-8"))


def _dev_examples(gold: Path) -> tuple[list[str], list[str], list[tuple[tuple[str, str], ...]]]:
    data = json.loads(gold.read_text(encoding="utf-8"))
    titles = _ks_titles(data)
    texts, plans, areas = [], [], []
    for plan in data["plans"]:
        if plan["split"] != "dev":
            continue
        for goal in plan["goals"]:
            if goal["ks"]:
                texts.append(goal["text"])
                plans.append(Path(plan["plan"]).stem)
                areas.append(tuple(_key(n, titles[n]) for n in goal["ks"]))
    return texts, plans, areas


@cache
def load_examples(gold: Path = GOLD, vectors: Path = VECTORS) -> Examples | None:
    """The shipped examples, or None when their vectors are missing or stale (then alignment uses none)."""
    texts, plans, areas = _dev_examples(gold)
    try:
        stored = np.load(vectors, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if str(stored["model"]) != MODEL or list(stored["texts"]) != texts:
        return None
    descriptions = {}
    titles = _ks_titles(json.loads(gold.read_text(encoding="utf-8")))
    current = area_descriptions(gold.parent / GUIDELINE.name)
    if "descriptions" in stored.files and list(zip(stored["description_areas"].tolist(),
                                                   stored["descriptions"].tolist(), strict=True)) == current:
        numbers = stored["description_areas"].tolist()
        for number in dict.fromkeys(numbers):
            mean = stored["description_vectors"][[i for i, n in enumerate(numbers) if n == number]].astype(
                np.float32).mean(axis=0)
            if number in titles:
                descriptions[_key(number, titles[number])] = mean / (np.linalg.norm(mean) or 1.0)
    by_language = descriptions_by_language(gold.parent / GUIDELINE.name) if descriptions else {}
    wording = {lang: {_key(n, titles[n]): text for n, text in found.items() if n in titles}
               for lang, found in by_language.items()}
    return Examples(texts, plans, areas, stored["vectors"].astype(np.float32), descriptions, wording)


def write_vectors(gold: Path = GOLD, vectors: Path = VECTORS) -> int:
    """Embed the examples (passages) and the area descriptions (queries) and store their vectors.

    float16: half the size, the same neighbours.
    """
    from veikart.compare.vectors import embed
    from veikart.semantic import embed_query

    texts, _, _ = _dev_examples(gold)
    described = area_descriptions(gold.parent / GUIDELINE.name)
    queries = np.stack([embed_query(text) for _, text in described])
    np.savez_compressed(vectors, model=np.array(MODEL), texts=np.array(texts),
                        vectors=np.asarray(embed(texts), dtype=np.float16),
                        description_areas=np.array([n for n, _ in described]),
                        descriptions=np.array([t for _, t in described]),
                        description_vectors=queries.astype(np.float16))
    load_examples.cache_clear()
    return len(texts)


if __name__ == "__main__":
    print(f"{write_vectors()} example vectors written to {VECTORS}")
    sys.exit(0)
