"""The line model at run time: a table of weights, read once, decoded by Viterbi.

Trained by ``scripts/train_structure.py`` (scikit-learn's logistic regression
on the annotated plans in ``corpus/annotations``) and shipped as
``line_model.json``. Run time needs no scikit-learn and no NumPy: a label's
score is its bias plus the weights of the unit's features, the label before is
a feature too ("prev=goal"), and the likeliest sequence of labels wins.

Parsing the JSON (15,000 features, 6 weights each) took about 13 ms of every
``veikart extract``, so the first load also writes the table in a packed form
(the feature names as one string, then all weights as doubles: the same floats)
to ``__pycache__/line_model.<crc32 of the JSON>.bin``. A load from it makes no
float objects: a feature's weights are unpacked as a unit with that feature is
scored: about 5 ms of CPU instead of 10. Like a ``.pyc`` it is derived, never committed, and keyed by the JSON's
content: a retrained ``line_model.json`` gets a new one.
Where the folder is read-only the JSON is parsed every time.
"""

from __future__ import annotations

import json
import marshal
import math
import os
import struct
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, reduce
from operator import add, mul
from pathlib import Path

from veikart.ingest.document import Block
from veikart.ingest.structure.features import dynamic_features, links, static_features

MODEL_PATH = Path(__file__).with_name("line_model.json")
_BEAM = 20.0  # log-probability below the best previous label at which a label before is no longer followed


@dataclass(frozen=True)
class LineModel:
    labels: tuple[str, ...]
    weights: Mapping[str, Sequence[float]]  # feature name -> one weight per label

    def scores(self, features: list[str]) -> list[float]:
        """Per label, 0.0 plus the weights of the known features, added in the features' order."""
        weights = self.weights
        if isinstance(weights, PackedWeights):
            rows = weights.rows(features)
        else:
            rows = [row for row in map(weights.get, features) if row is not None]
        if not rows:
            return [0.0] * len(self.labels)
        return [reduce(add, column, 0.0) for column in zip(*rows, strict=True)]

    def label(self, units: list[Block]) -> list[tuple[str, float]]:
        """Each unit's label and its margin over the runner-up (small = doubtful).

        A line labelled "label" (it heads a list of items: "Mål:", "Tiltak") is text to the assembly: "other".
        """
        return [("other" if label == "label" else label, margin) for label, margin in self._viterbi(units)]

    def greedy(self, units: list[Block]) -> list[tuple[str, float]]:
        """Left to right, each unit's best label given the one chosen before (the decoding before Viterbi)."""
        chosen: list[str] = []
        out: list[tuple[str, float]] = []
        for static, link in zip(static_features(units), links(units), strict=True):
            scores = self.scores(static + dynamic_features(chosen, link))
            order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
            best = self.labels[order[0]]
            chosen.append(best)
            out.append((best, scores[order[0]] - scores[order[1]]))
        return out

    def _viterbi(self, units: list[Block]) -> list[tuple[str, float]]:
        """The likeliest sequence of labels as a whole, each unit's label a probability given the one before.

        The model is a maximum-entropy Markov model (the label before is a feature), so the label of a unit
        can be chosen knowing what it makes of the next ones: one doubtful unit no longer drags a list along
        (cross-validated items F1 0.534 -> 0.548 on 27 plans against left-to-right choice). Each step
        weighs every previous label (and "start") against every label; the label before is taken together
        with the unit's link (same kind as the unit before or not), so there is one table of transitions
        per link.
        """
        labels = self.labels
        n = len(labels)
        # Previous states: 0 is the start, k + 1 the label k. A label's probability given the one before is
        # exp(base + transition) / z; exp(base) is computed once per unit and exp(transition) once per link, so
        # a step costs one exponential per label, not one per pair of labels.
        unit_links = links(units)
        tables = {}
        for link in set(unit_links):
            rows = [self.scores(dynamic_features([] if p == 0 else [labels[p - 1]], link)) for p in range(n + 1)]
            tables[link] = (rows, [[math.exp(t) for t in row] for row in rows])
        best = [0.0] + [-math.inf] * n
        back: list[list[int]] = []
        bases: list[list[float]] = []
        for static, link in zip(static_features(units), unit_links, strict=True):
            transition, exp_transition = tables[link]
            base = self.scores(static)
            top = max(base)
            exp_base = [math.exp(b - top) for b in base]
            step = [-math.inf] * n
            arg = [0] * n
            floor = max(best) - _BEAM
            for p, total in enumerate(best):
                if total < floor:
                    continue  # e^20 times less likely than the best: a beam (the same labels on every corpus file)
                shift = total - top - math.log(sum(map(mul, exp_base, exp_transition[p])))
                for k, value in enumerate([shift + b + t for b, t in zip(base, transition[p], strict=True)]):
                    if value > step[k]:
                        step[k], arg[k] = value, p
            best = [-math.inf, *step]
            back.append(arg)
            bases.append(base)
        if not back:
            return []
        k = max(range(n), key=step.__getitem__)
        path = [k]
        for arg in reversed(back[1:]):
            k = arg[k] - 1
            path.append(k)
        path.reverse()
        out = []
        for i, k in enumerate(path):
            row = tables[unit_links[i]][0][0 if i == 0 else path[i - 1] + 1]
            scores = [b + t for b, t in zip(bases[i], row, strict=True)]
            rest = max(x for j, x in enumerate(scores) if j != k)
            out.append((labels[k], scores[k] - rest))
        return out


@cache
def load(path: Path = MODEL_PATH) -> LineModel:
    """The model in ``path``, from its packed copy when that matches the JSON (see the module's docstring)."""
    data = path.read_bytes()
    packed_path = path.parent / "__pycache__" / f"{path.stem}.{zlib.crc32(data):08x}.bin"
    try:
        return _unpack(packed_path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # none yet, or unreadable: parse the JSON and write it
    parsed = json.loads(data)
    model = LineModel(labels=tuple(parsed["labels"]), weights=parsed["weights"])
    _write_packed(packed_path, model, stale=f"{path.stem}.*.bin")
    return model


_PACKED_VERSION = 2  # 1: the names as a tuple and every row unpacked at load
_NAME_SEPARATOR = "\x00"  # never in a feature name (they are made of the text's words)


class PackedWeights(Mapping[str, Sequence[float]]):
    """Feature name -> its weights (a tuple, one per label), read from the packed table when asked for."""

    __slots__ = ("_data", "_offsets", "_row", "_unpacked")

    def __init__(self, names: list[str], data: bytes, row: struct.Struct) -> None:
        if len(data) != len(names) * row.size:
            raise ValueError("packed line model is damaged")
        self._data, self._row = data, row
        self._unpacked: dict[str, tuple[float, ...]] = {}
        self._offsets = dict(zip(names, range(0, len(data), row.size), strict=True))

    def get(self, name: str, default: Sequence[float] | None = None) -> Sequence[float] | None:
        at = self._offsets.get(name)
        return default if at is None else self._row.unpack_from(self._data, at)

    def __getitem__(self, name: str) -> Sequence[float]:
        return self._row.unpack_from(self._data, self._offsets[name])

    def rows(self, names: list[str]) -> list[Sequence[float]]:
        """The weights of each known name, in order, each unpacked once (a unit's scores ask for ~30)."""
        cache = self._unpacked
        try:
            return list(filter(None, map(cache.__getitem__, names)))  # () for an unknown name
        except KeyError:
            unpack, data, offsets = self._row.unpack_from, self._data, self._offsets
            for name in names:
                if name not in cache:
                    at = offsets.get(name)
                    cache[name] = () if at is None else unpack(data, at)
            return list(filter(None, map(cache.__getitem__, names)))

    def __iter__(self) -> Iterator[str]:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)


def _unpack(packed: bytes) -> LineModel:
    # marshal, like a .pyc: data this module wrote itself into __pycache__, read back fast
    version, labels, names, weight_bytes = marshal.loads(packed)
    if version != _PACKED_VERSION:
        raise ValueError("packed line model of another version")
    row = struct.Struct(f"<{len(labels)}d")  # one feature's weights, one per label
    return LineModel(labels=labels, weights=PackedWeights(names.split(_NAME_SEPARATOR), weight_bytes, row))


def _write_packed(packed_path: Path, model: LineModel, stale: str) -> None:
    """Write the packed copy (atomically) and remove older ones (``stale``: their names, as a glob).

    Skipped quietly where the folder is read-only: the model is then parsed from the JSON every time.
    """
    names = tuple(model.weights)
    if any(_NAME_SEPARATOR in name for name in names):
        return  # not expected of a feature name; then the JSON is parsed every time
    row = struct.Struct(f"<{len(model.labels)}d")
    weight_bytes = b"".join(row.pack(*model.weights[name]) for name in names)
    packed = (_PACKED_VERSION, model.labels, _NAME_SEPARATOR.join(names), weight_bytes)
    temporary = packed_path.with_name(f"{packed_path.name}.{os.getpid()}.tmp")
    try:
        packed_path.parent.mkdir(exist_ok=True)
        temporary.write_bytes(marshal.dumps(packed))
        os.replace(temporary, packed_path)
        for old in packed_path.parent.glob(stale):
            if old != packed_path:
                old.unlink(missing_ok=True)
    except OSError:
        temporary.unlink(missing_ok=True)
