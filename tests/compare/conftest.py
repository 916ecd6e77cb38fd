"""Sentence vectors for these tests come from the real model, kept in var/cache/vectors (not in git).

The first run embeds each test text once (the KS pair is a few hundred
texts); later runs read the vectors back. A vector is keyed by the model and
the text, so a cached one is exactly what the model would compute.
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("VEIKART_VECTOR_CACHE", str(ROOT / "var" / "cache" / "vectors"))
