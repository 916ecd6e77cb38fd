"""Terms from the Aurora Universities Network SDG search queries (v5, CC BY 4.0), as classifier evidence.

The queries are Boolean Scopus searches; many quoted words only make sense
inside a proximity clause ("reduce" W/3 "maternal mortality"). We keep the
parts that carry meaning on their own: phrases of two or more words that occur
in one goal's queries only, and single words that occur in one goal's queries
only *and* in that goal's UN target or indicator texts only. The result is
written to data/aurora_terms.json (shipped in the package) by

    python -m veikart.sdg.aurora

so the classifier never parses XML at run time.
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET  # noqa: N817 - the usual name; the files are our own, read-only copies
from collections import defaultdict
from importlib import resources
from pathlib import Path

from veikart.sdg.catalogue import load_catalogue
from veikart.text.stem import stem_words
from veikart.text.tokenise import words

_AQD = "{http://aurora-network.global/queries/namespace/}"
TERMS_FILE = "aurora_terms.json"

# Quoted words that pass the automatic filter but only mean something inside
# their query's proximity clause ("drinking" W/3 "water"), or that the query
# authors filed under another goal than the UN does. Chosen by reading the
# selection, not by any test data.
EXCLUDED = frozenset({
    "maintain*", "restriction*", "infant*", "chronic", "reading", "qualified", "equatorial africa",
    "drinking water", "hand washing*", "seat*", "drinking", "credit*", "loan*", "network*", "passenger*",
    "per unit", "safeguard", "tons", "halt*", "alien", "inland", "case*", "kill*", "advocates", "duty", "duties",
    "quota", "stability", "accident*", "before fifth", "co2 emission", "insurance*", "environmental degradation",
    "threaten*", "risk reduction*", "birth registration*", "death registration*", "freight", "high-tech",
    "medium-tech", "diabetes insipidus", "producer support estimate", "case", "advocate*", "per million inhabitant*",
})


def read_query_phrases(folder: Path) -> dict[int, set[str]]:
    """Quoted phrases per goal, lower-cased, whitespace collapsed, wildcards kept."""
    phrases: dict[int, set[str]] = defaultdict(set)
    for path in sorted(folder.glob("query_SDG*.xml")):
        goal = int(re.search(r"SDG(\d+)", path.name).group(1))
        root = ET.parse(path).getroot()
        for line in root.iter(f"{_AQD}query-line"):
            for phrase in re.findall(r'"([^"]+)"', line.text or ""):
                phrases[goal].add(" ".join(phrase.lower().split()))
    return dict(phrases)


def select_terms(phrases: dict[int, set[str]]) -> dict[int, list[str]]:
    """The phrases that point at one goal only (see the module docstring)."""
    owners: dict[str, set[int]] = defaultdict(set)
    for goal, items in phrases.items():
        for phrase in items:
            owners[phrase].add(goal)

    catalogue = load_catalogue()
    stems_by_goal: dict[int, set[str]] = defaultdict(set)
    for target in catalogue.targets.values():
        texts = [target.text_en] + [ind.text_en for ind in target.indicators]
        for text in texts:
            stems_by_goal[target.goal].update(stem_words(words(text), "en"))
    stem_owners: dict[str, set[int]] = defaultdict(set)
    for goal, stems in stems_by_goal.items():
        for stem in stems:
            stem_owners[stem].add(goal)

    selected: dict[int, list[str]] = {}
    for goal, items in phrases.items():
        keep = []
        for phrase in sorted(items):
            if len(owners[phrase]) != 1 or phrase in EXCLUDED:
                continue
            parts = words(phrase.replace("*", ""))
            if not parts or any(len(p) < 3 for p in parts):
                continue
            if len(parts) >= 2 or len(parts[0]) >= 4 and stem_owners.get(stem_words(parts, "en")[0]) == {goal}:
                keep.append(phrase)
        selected[goal] = keep
    return selected


def load_terms() -> dict[int, list[str]]:
    """The shipped selection: {goal: ["food security", "hunger*", …]}."""
    path = resources.files("veikart.sdg") / "data" / TERMS_FILE
    with path.open("r", encoding="utf-8") as handle:
        data = json.load(handle)
    return {int(goal): list(terms) for goal, terms in data["terms"].items()}


def main() -> int:
    folder = Path(__file__).parent / "data" / "aurora-queries"
    selected = select_terms(read_query_phrases(folder))
    out = Path(__file__).parent / "data" / TERMS_FILE
    payload = {
        "source": "Aurora Universities Network, Search Queries for 'Mapping Research Output to the SDGs' v5.0, "
                  "doi:10.5281/zenodo.3817445, CC BY 4.0; selected by veikart.sdg.aurora",
        "terms": {str(goal): selected[goal] for goal in sorted(selected)},
    }
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{out}: {sum(len(v) for v in selected.values())} terms for {len(selected)} goals")
    return 0


if __name__ == "__main__":
    sys.exit(main())
