"""How a plan's goals relate to KS's goals and to the SDGs (plain Python, no Django).

Each plan goal is compared with every KS goal by the comparison module's
TF-IDF similarity (analysed terms plus character 4-grams); the KS goals at or
above ``threshold`` are the ones it supports, with the words they share as the
reason. SDGs come from the SDG classifier with its own reasons. KS goals that
no plan goal supports are "not addressed".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from veikart.compare.similarity import similarity_matrix
from veikart.text import tokens, word_terms

THRESHOLD = 0.15  # not tuned: set by reading a handful of municipal goals against KS 2020–2023
TOP = 3
CHAR_WEIGHT = 0.3


@dataclass(frozen=True)
class Goal:
    text: str
    section: str = ""
    ref: object = None  # whatever the caller needs to link it (an id)


@dataclass(frozen=True)
class Support:
    goal: Goal
    score: float
    shared: tuple[str, ...]


@dataclass(frozen=True)
class Theme:
    sdg: int
    score: float
    why: str


@dataclass
class GoalAlignment:
    goal: Goal
    supports: list[Support] = field(default_factory=list)
    sdgs: list[Theme] = field(default_factory=list)


@dataclass
class PlanAlignment:
    goals: list[GoalAlignment]
    not_addressed: list[Goal]
    threshold: float

    @property
    def addressed_count(self) -> int:
        return len({s.goal for g in self.goals for s in g.supports})


def _words(text: str, lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for token in tokens(text):
        for term in word_terms(token.text, lang):
            out.setdefault(term, token.text.lower())
    return out


def shared_words(a: str, b: str, lang: str = "nb", limit: int = 6) -> tuple[str, ...]:
    """Words (as ``a`` writes them) whose terms both texts have, longest terms first."""
    wa, wb = _words(a, lang), _words(b, lang)
    common = sorted(wa.keys() & wb.keys(), key=lambda t: (-len(t), t))
    return tuple(dict.fromkeys(wa[t] for t in common))[:limit]


def align_plan(
    plan: Sequence[Goal],
    ks: Sequence[Goal],
    *,
    lang: str = "nb",
    threshold: float = THRESHOLD,
    top: int = TOP,
    classify: Callable[[str], list] | None = None,
) -> PlanAlignment:
    """For each plan goal the KS goals it supports (best ``top`` at or above ``threshold``) and its SDGs."""
    sim = similarity_matrix([g.text for g in plan], [g.text for g in ks], char_weight=CHAR_WEIGHT, lang=lang)
    out: list[GoalAlignment] = []
    supported: set[int] = set()
    for i, goal in enumerate(plan):
        row = GoalAlignment(goal)
        if len(ks):
            order = sorted(range(len(ks)), key=lambda j: -float(sim[i, j]))
            for j in order[:top]:
                score = float(sim[i, j])
                if score < threshold:
                    break
                supported.add(j)
                row.supports.append(Support(ks[j], round(score, 3), shared_words(goal.text, ks[j].text, lang)))
        if classify is not None:
            row.sdgs = [Theme(m.goal, round(m.score, 3), m.why) for m in classify(goal.text)]
        out.append(row)
    missing = [g for j, g in enumerate(ks) if j not in supported]
    return PlanAlignment(out, missing, threshold)
