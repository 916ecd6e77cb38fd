"""The line model's packed copy (``__pycache__/line_model.<crc>.bin``): the JSON's model, rebuilt when it changes."""

from __future__ import annotations

import json
import marshal
import shutil
import struct
from pathlib import Path

from veikart.ingest.document import Block, BlockKind
from veikart.ingest.structure import line_model
from veikart.ingest.structure.features import dynamic_features, static_features

load = line_model.load.__wrapped__  # past the per-process cache: every call reads the files


def _copy_of_the_shipped_model(tmp_path: Path) -> Path:
    path = tmp_path / "line_model.json"
    shutil.copyfile(line_model.MODEL_PATH, path)
    return path


def _packed(path: Path) -> list[Path]:
    return sorted((path.parent / "__pycache__").glob("line_model.*.bin"))


def _as_json(model: line_model.LineModel) -> dict:
    return {"labels": list(model.labels), "weights": {name: list(row) for name, row in model.weights.items()}}


def test_the_packed_copy_holds_the_same_weights_as_the_json(tmp_path):
    path = _copy_of_the_shipped_model(tmp_path)
    from_json = load(path)  # no packed copy yet: parses the JSON and writes one
    assert len(_packed(path)) == 1
    from_packed = load(path)
    shipped = json.loads(path.read_text(encoding="utf-8"))
    assert _as_json(from_packed) == _as_json(from_json) == {"labels": shipped["labels"], "weights": shipped["weights"]}


def test_both_label_the_units_alike(tmp_path):
    path = _copy_of_the_shipped_model(tmp_path)
    from_json, from_packed = load(path), load(path)
    units = [
        Block(kind=BlockKind.HEADING, text="2.1 Mål for folkehelse", level=2),
        Block(kind=BlockKind.PARAGRAPH, text="Slik vil vi ha det:"),
        Block(kind=BlockKind.LIST_ITEM, text="Innbyggerne har gode levekår."),
        Block(kind=BlockKind.PARAGRAPH, text="Dette gjør vi:"),
        Block(kind=BlockKind.LIST_ITEM, text="Styrke samarbeidet med frivilligheten."),
    ]
    assert from_packed.label(units) == from_json.label(units)
    features = list(static_features(units))[2] + dynamic_features(["heading", "other"])
    assert from_packed.scores(features) == from_json.scores(features)


def test_a_retrained_model_gets_a_new_packed_copy_and_the_old_one_goes(tmp_path):
    path = _copy_of_the_shipped_model(tmp_path)
    load(path)
    [old] = _packed(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["weights"]["bias"] = [w + 1.0 for w in data["weights"]["bias"]]
    path.write_text(json.dumps(data), encoding="utf-8")
    retrained = load(path)
    assert list(retrained.weights["bias"]) == data["weights"]["bias"]
    [new] = _packed(path)
    assert new != old and list(load(path).weights["bias"]) == data["weights"]["bias"]


def test_a_damaged_packed_copy_is_replaced(tmp_path):
    path = _copy_of_the_shipped_model(tmp_path)
    load(path)
    [packed] = _packed(path)
    packed.write_bytes(b"not marshal data")
    assert _as_json(load(path))["weights"] == json.loads(path.read_text(encoding="utf-8"))["weights"]
    assert packed.read_bytes() != b"not marshal data"


def test_a_packed_copy_of_the_former_layout_is_replaced(tmp_path):
    path = _copy_of_the_shipped_model(tmp_path)
    load(path)
    [packed] = _packed(path)
    shipped = json.loads(path.read_text(encoding="utf-8"))
    labels, names = tuple(shipped["labels"]), tuple(shipped["weights"])
    row = struct.Struct(f"<{len(labels)}d")
    former = marshal.dumps((labels, names, b"".join(row.pack(*shipped["weights"][n]) for n in names)))
    packed.write_bytes(former)  # (labels, names as a tuple, weights): every row was unpacked at load
    assert _as_json(load(path))["weights"] == shipped["weights"]
    assert packed.read_bytes() != former
    assert _as_json(load(path))["weights"] == shipped["weights"]
