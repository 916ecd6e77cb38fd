"""Language identification with py3langid's model, restricted to Veikart's languages, in plain Python.

The model file (``language_model.bin``, 2.6 MB) is derived from py3langid's
model (BSD 3-clause, langid.py by Marco Lui, fork by Adrien Barbaresi; see
``language_model-NOTICE.txt``) by scripts/build_language_model.py: the byte
n-gram automaton as a double-array trie with a fallback per state, the
feature each state emits, the five languages' weights and priors. Loading it takes a few milliseconds and no NumPy;
py3langid itself unpacks 97 languages (about 0.7 s, 120 MiB) to use five.

``classify`` is py3langid's ``classify`` after ``set_languages``: the same
features counted (the same transitions, checked on every state by the build), the same
naive-Bayes sum ``log1p(count) . log P(feature | language) + log P(language)``
(in double precision where py3langid sums in single: a choice could differ
only on a near-tie), the first column winning a tie. tests/ingest/
test_language_model.py checks the counts and the choice against py3langid.
"""

from __future__ import annotations

import functools
import json
import math
import mmap
import struct
import sys
import unicodedata
from array import array
from collections.abc import Sequence
from pathlib import Path

MODEL = Path(__file__).with_name("language_model.bin")
_MAGIC = b"VKLANGID3\n"


class LanguageModel:
    """``classify(text) -> (language, raw score)`` among the languages of the model file."""

    def __init__(self, path: Path = MODEL):
        data = _mapped(path)
        if data[: len(_MAGIC)] != _MAGIC:
            raise ValueError(f"{path}: not a Veikart language model of this version")
        at = len(_MAGIC)
        (size,) = struct.unpack_from("<I", data, at)
        header = json.loads(bytes(data[at + 4 : at + 4 + size]))
        at += 4 + size
        self.languages: list[str] = header["languages"]
        n, slots = len(self.languages), header["slots"]
        self._priors = struct.unpack_from(f"<{n}f", data, at)
        at += 4 * n
        # The automaton as a double array: the child of state s on byte b is slot base[s] + b when
        # check[base[s] + b] == s, else the child of fail[s] (down to the start state, slot 0);
        # output[s] is the feature state s emits (-1: none).
        tables: list[Sequence[int]] = []
        for _ in range(4):
            if sys.byteorder == "little":  # the file's order: read in place, only the pages a text reaches
                tables.append(data[at : at + 4 * slots].cast("i"))
            else:
                values = array("i", bytes(data[at : at + 4 * slots]))
                values.byteswap()
                tables.append(values)
            at += 4 * slots
        self._base, self._check, self._fail, self._output = tables
        self._weights = data[at:]  # float16, a row of n per feature, read as needed
        self._row = struct.Struct(f"<{n}e")
        if len(self._weights) != header["features"] * self._row.size:
            raise ValueError(f"{path}: truncated")

    def counts(self, text: str | bytes) -> dict[int, int]:
        """How often each feature occurs: the automaton's outputs over the text's UTF-8 bytes (as py3langid)."""
        base, check, fail, output = self._base, self._check, self._fail, self._output
        counts: dict[int, int] = {}
        state = 0
        for byte in _encode(text):
            while True:
                child = base[state] + byte
                if check[child] == state:
                    state = child
                    break
                if not state:
                    break
                state = fail[state]
            feature = output[state]
            if feature >= 0:
                counts[feature] = counts.get(feature, 0) + 1
        return counts

    def scores(self, text: str | bytes) -> list[float]:
        counts = self.counts(text)
        if not counts:
            return [float(_RAW_FLOOR)] * len(self.languages)
        totals = list(self._priors)
        row, weights = self._row.unpack_from, self._weights
        size = self._row.size
        for feature, count in counts.items():
            weight = math.log1p(count)
            for i, value in enumerate(row(weights, feature * size)):
                totals[i] += weight * value
        return totals

    def classify(self, text: str | bytes) -> tuple[str, float]:
        scores = self.scores(text)
        best = max(range(len(scores)), key=scores.__getitem__)  # the first of equal scores, as numpy's argmax
        return self.languages[best], scores[best]


_RAW_FLOOR = -3.4028234663852886e38  # py3langid's score without any feature: float32's lowest


def _mapped(path: Path) -> memoryview:
    """The file's bytes, mapped rather than read: reading and copying its 2.6 MB took about 4 ms of every
    ``veikart extract``, and a text reaches a small part of the automaton. The model lives as long as the
    process (``model()``), and so does the mapping; a file that cannot be mapped (empty, or not a regular
    file) is read."""
    with open(path, "rb") as stream:
        try:
            return memoryview(mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ))
        except (OSError, ValueError):
            return memoryview(stream.read())


def _encode(text: str | bytes) -> bytes:
    """py3langid's input: all capitals lowered, NFC, UTF-8 (bytes pass through when not UTF-8)."""
    if isinstance(text, bytes):
        decoded = _decode_trimmed(text)
        if decoded is None:
            return text
        text = decoded
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


def _decode_trimmed(data: bytes) -> str | None:
    for trim in range(4):
        chunk = data[: len(data) - trim] if trim else data
        try:
            return chunk.decode("utf8")
        except UnicodeDecodeError as exc:
            if exc.start < len(data) - 3:
                return None
    return None


@functools.cache
def model() -> LanguageModel:
    return LanguageModel()
