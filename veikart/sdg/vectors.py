"""The meaning of the 169 SDG targets and 17 goals as vectors, shipped with Veikart.

    python -m veikart.sdg.vectors          # rebuild data/target_vectors.npz from the catalogue

Every target text (bokmål and English) and every goal title is embedded once
with ``veikart.semantic.embed_passages`` and stored as float16 (~290 kB).
Shipping them, rather than computing them at first use, means no process
waits ~15–200 s (372 texts, depending on the machine's load) before its first
proposal, no writable cache directory is needed, and every installation
compares against the very same vectors. The file carries a fingerprint of the
model and of every text it was built from: ``load_target_vectors`` refuses a
stale file, and a test fails when the catalogue or the model changes without
a rebuild.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from veikart.sdg.catalogue import GOAL_NUMBERS, Catalogue, load_catalogue

FILE = "target_vectors.npz"


class StaleVectorsError(Exception):
    """The shipped vectors were built from other texts or another model: run ``python -m veikart.sdg.vectors``."""


@dataclass(frozen=True)
class TargetVectors:
    """Unit vectors (float32) of the catalogue's texts, rows in catalogue order."""

    target_ids: tuple[str, ...]
    targets_nb: np.ndarray   # (169, DIMENSIONS)
    targets_en: np.ndarray
    goals_nb: np.ndarray     # (17, DIMENSIONS): the goals' long titles
    goals_en: np.ndarray


def _texts(catalogue: Catalogue) -> dict[str, list[str]]:
    ids = list(catalogue.targets)
    return {
        "targets_nb": [catalogue.targets[t].text_nb for t in ids],
        "targets_en": [catalogue.targets[t].text_en for t in ids],
        "goals_nb": [catalogue.goals[g].title_nb for g in GOAL_NUMBERS],
        "goals_en": [catalogue.goals[g].title_en for g in GOAL_NUMBERS],
    }


def fingerprint(catalogue: Catalogue) -> str:
    """What the vectors depend on: the model's name and every embedded text, hashed."""
    from veikart.semantic import MODEL

    digest = hashlib.sha256(MODEL.encode())
    for name, texts in _texts(catalogue).items():
        digest.update(f"\n#{name}\n".encode())
        for text in texts:
            digest.update(text.encode() + b"\n")
    digest.update("\n".join(catalogue.targets).encode())
    return digest.hexdigest()


def build(catalogue: Catalogue | None = None) -> dict[str, np.ndarray]:
    """Embed the catalogue's texts (a few minutes on a busy machine): the arrays the file holds."""
    from veikart.semantic import embed_passages

    catalogue = catalogue or load_catalogue()
    arrays = {name: embed_passages(texts).astype(np.float16) for name, texts in _texts(catalogue).items()}
    arrays["target_ids"] = np.array(list(catalogue.targets))
    arrays["fingerprint"] = np.array(fingerprint(catalogue))
    return arrays


def save(arrays: dict[str, np.ndarray], path: Path) -> None:
    np.savez_compressed(path, **arrays)


def _unit(rows: np.ndarray) -> np.ndarray:
    rows = rows.astype(np.float32)
    return rows / (np.linalg.norm(rows, axis=1, keepdims=True) + 1e-12)


@lru_cache(maxsize=1)
def load_target_vectors() -> TargetVectors:
    """The shipped vectors, checked against the current catalogue and model."""
    catalogue = load_catalogue()
    with resources.as_file(resources.files("veikart.sdg") / "data" / FILE) as path, np.load(path) as data:
        if str(data["fingerprint"]) != fingerprint(catalogue):
            raise StaleVectorsError(
                f"veikart/sdg/data/{FILE} does not match the SDG catalogue or the embedding model: "
                "run python -m veikart.sdg.vectors"
            )
        return TargetVectors(
            target_ids=tuple(str(t) for t in data["target_ids"]),
            targets_nb=_unit(data["targets_nb"]), targets_en=_unit(data["targets_en"]),
            goals_nb=_unit(data["goals_nb"]), goals_en=_unit(data["goals_en"]),
        )


def main() -> int:
    path = Path(__file__).parent / "data" / FILE
    save(build(), path)
    print(f"wrote {path} ({path.stat().st_size // 1024} kB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
