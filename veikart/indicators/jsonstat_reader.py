"""JSON-stat 2.0 datasets (Statistics Norway's API format), also SSB's older 1.x wrapping.

A dataset is a cube: dimensions in ``id`` order with ``size`` categories each,
and ``value`` either a list of prod(size) numbers in row-major order (the last
dimension varies fastest) or a sparse dict {"flat index": number}. Before any
value is read the cube is checked: sizes against categories and the number of
values against the product of sizes; a file that does not add up is refused
with a message saying which part is wrong.

The region dimension is ``role.geo`` (else "Region" or a dimension whose codes
look like K-3001/3001), the time dimension ``role.time`` (else "Tid"). Every
combination of the remaining dimensions (usually "ContentsCode") is one
indicator, named by its labels unless ImportOptions.indicator names it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable

from veikart.i18n import Message
from veikart.indicators.import_plan import FILE_VALUE, Builder, ImportOptions, ImportRefused, Location, symbol_detail

_MEMBER_LIKE = re.compile(r"^(K-|F-)?\d{2,4}$")


def _load(data: bytes) -> dict:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportRefused("JSON-stat må være UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise ImportRefused("ikke gyldig JSON: %(reason)s (linje %(line)s)", reason=exc.msg, line=exc.lineno) from exc
    if not isinstance(doc, dict):
        raise ImportRefused("JSON-stat skal være et objekt")
    return doc


def _dataset(doc: dict) -> tuple[dict, list, list, dict]:
    """(dataset, ids, sizes, role) for 2.0 datasets and 1.x {"dataset": …} wrappings."""
    if doc.get("class") == "dataset":
        return doc, doc.get("id"), doc.get("size"), doc.get("role") or {}
    if doc.get("class") == "collection" or doc.get("class") == "bundle":
        raise ImportRefused("en samling av datasett; importer ett datasett")
    inner = doc.get("dataset")
    if isinstance(inner, dict) and isinstance(inner.get("dimension"), dict):
        dims = inner["dimension"]
        return inner, dims.get("id"), dims.get("size"), dims.get("role") or {}
    raise ImportRefused('ikke et JSON-stat-datasett (mangler "class": "dataset")')


def _categories(dim_id: str, dim: object, size: int) -> tuple[list[str], dict[str, str]]:
    """Codes in index order and their labels; refuses a dimension whose categories disagree with its size."""
    if not isinstance(dim, dict) or not isinstance(dim.get("category"), dict):
        raise ImportRefused("dimensjonen «%(dim)s» mangler kategorier", dim=dim_id)
    category = dim["category"]
    labels = category.get("label")
    labels = labels if isinstance(labels, dict) else {}
    index = category.get("index")
    if index is None:
        codes = list(labels)
    elif isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        if not all(isinstance(p, int) for p in index.values()):
            raise ImportRefused("dimensjonen «%(dim)s» har ugyldig indeks", dim=dim_id)
        positions = sorted(index.items(), key=lambda item: item[1])
        if [p for _, p in positions] != list(range(len(positions))):
            raise ImportRefused("dimensjonen «%(dim)s» har hull i indeksen", dim=dim_id)
        codes = [str(c) for c, _ in positions]
    else:
        raise ImportRefused("dimensjonen «%(dim)s» har ugyldig indeks", dim=dim_id)
    if len(codes) != size:
        raise ImportRefused(
            "dimensjonen «%(dim)s» har %(n)s kategorier, men size sier %(size)s", dim=dim_id, n=len(codes), size=size
        )
    return codes, {str(k): str(v) for k, v in labels.items()}


def _pick(
    kind: str, wanted: str | None, ids: list[str], role: dict, fallbacks: tuple[str, ...], codes: dict[str, list[str]]
) -> str:
    if wanted is not None:
        if wanted not in ids:
            raise ImportRefused("dimensjonen «%(dim)s» finnes ikke; har %(ids)s", dim=wanted, ids=", ".join(ids))
        return wanted
    named = role.get(kind)
    for dim_id in named if isinstance(named, list) else ():
        if dim_id in ids:
            return dim_id
    lowered = {i.lower(): i for i in ids}
    for name in fallbacks:
        if name.lower() in lowered:
            return lowered[name.lower()]
    if kind == "geo":
        for dim_id in ids:
            if codes[dim_id] and sum(bool(_MEMBER_LIKE.match(c)) for c in codes[dim_id]) > len(codes[dim_id]) / 2:
                return dim_id
    if kind == "geo":
        raise ImportRefused("finner ingen regiondimensjon blant %(ids)s", ids=", ".join(ids))
    raise ImportRefused("finner ingen tidsdimensjon blant %(ids)s", ids=", ".join(ids))


def read(data: bytes, options: ImportOptions, builder: Builder) -> None:
    dataset, ids, sizes, role = _dataset(_load(data))
    codes, labels = _dimensions(dataset, ids, sizes)
    if not isinstance(role, dict):
        role = {}
    cells = _cells(dataset, sizes)
    total = math.prod(sizes)
    status = dataset.get("status")
    if isinstance(status, list) and len(status) != total:
        status = None  # a status list that does not fit is ignored rather than misread
    region = _pick("geo", options.region_dimension, ids, role, ("Region", "KOKkommuneregion0000"), codes)
    time = _pick("time", options.time_dimension, ids, role, ("Tid", "time", "år"), codes)
    if region == time:
        raise ImportRefused("«%(dim)s» kan ikke være både region og tid", dim=region)
    for dim_id, code in options.select.items():
        if dim_id not in codes or code not in codes[dim_id]:
            raise ImportRefused("utvalget %(dim)s=%(code)s finnes ikke i datasettet", dim=dim_id, code=code)
    builder.plan.origin.update({k: str(dataset[k]) for k in ("label", "source", "updated") if dataset.get(k)})
    cube = _Cube(ids, sizes, codes, labels, region, time)
    skipped = _add_cells(cells, status, cube, options, str(dataset.get("label") or ""), builder)
    if skipped:
        builder.plan.notes.append(Message("%(n)s verdier utenfor utvalget", {"n": skipped}))


def _dimensions(dataset: dict, ids: object, sizes: object) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """Every dimension's category codes in order, and their labels; the file is refused when they do not fit."""
    if (
        not isinstance(ids, list)
        or not isinstance(sizes, list)
        or not all(isinstance(i, str) for i in ids)
        or not all(isinstance(s, int) and s >= 0 for s in sizes)
        or len(set(ids)) != len(ids)
    ):
        raise ImportRefused('datasettet mangler gyldige "id"- og "size"-lister')
    if len(ids) != len(sizes):
        raise ImportRefused("%(ids)s dimensjoner, men %(sizes)s størrelser", ids=len(ids), sizes=len(sizes))
    dimensions = dataset.get("dimension")
    if not isinstance(dimensions, dict):
        raise ImportRefused('datasettet mangler "dimension"')
    codes: dict[str, list[str]] = {}
    labels: dict[str, dict[str, str]] = {}
    for dim_id, size in zip(ids, sizes, strict=True):
        codes[dim_id], labels[dim_id] = _categories(dim_id, dimensions.get(dim_id), size)
    return codes, labels


def _cells(dataset: dict, sizes: list[int]) -> Iterable[tuple[int, object]]:
    """(flat index, value) of every value the file gives, from a list or a sparse {index: value} object."""
    total = math.prod(sizes)
    values = dataset.get("value")
    if isinstance(values, list):
        if len(values) != total:
            raise ImportRefused(
                "dimensjonene gir %(sizes)s = %(total)s verdier, men filen har %(n)s",
                sizes=" × ".join(map(str, sizes)),
                total=total,
                n=len(values),
            )
        return enumerate(values)
    if isinstance(values, dict):
        try:
            cells = sorted((int(k), v) for k, v in values.items())
        except ValueError as exc:
            raise ImportRefused("value-nøklene må være heltall") from exc
        if cells and (cells[0][0] < 0 or cells[-1][0] >= total):
            raise ImportRefused(
                "value har indeks %(index)s, men dimensjonene gir bare %(total)s verdier",
                index=cells[-1][0],
                total=total,
            )
        return cells
    raise ImportRefused('datasettet mangler "value"')


class _Cube:
    """Where a flat value index lies along each dimension (JSON-stat stores the cube in row-major order)."""

    def __init__(
        self,
        ids: list[str],
        sizes: list[int],
        codes: dict[str, list[str]],
        labels: dict[str, dict[str, str]],
        region: str,
        time: str,
    ) -> None:
        strides = [math.prod(sizes[i + 1 :]) for i in range(len(sizes))]
        self.axis = {dim_id: (strides[n], sizes[n]) for n, dim_id in enumerate(ids)}
        self.codes, self.labels, self.region, self.time = codes, labels, region, time
        self.others = [d for d in ids if d not in (region, time)]

    def index(self, flat: int, dim_id: str) -> int:
        stride, size = self.axis[dim_id]
        return (flat // stride) % size


def _add_cells(
    cells: Iterable[tuple[int, object]],
    status: object,
    cube: _Cube,
    options: ImportOptions,
    title: str,
    builder: Builder,
) -> int:
    """Every value inside the selection into the builder; returns how many were outside it."""
    codes, labels, others = cube.codes, cube.labels, cube.others
    # Several indicators in the file (after the selection): each is named by its labels.
    many = math.prod(1 if d in options.select else len(codes[d]) for d in others) > 1
    region_stride, region_size = cube.axis[cube.region]
    time_stride, time_size = cube.axis[cube.time]
    other_axes = [cube.axis[d] for d in others]
    selection = [(*cube.axis[d], codes[d].index(c)) for d, c in options.select.items()]
    region_raw = [(c, labels[cube.region].get(c, "")) for c in codes[cube.region]]
    periods = codes[cube.time]
    names: dict[tuple[int, ...], str] = {}
    skipped = 0
    add = builder.add
    for flat, value in cells:
        if selection and any((flat // st) % sz != wanted for st, sz, wanted in selection):
            skipped += 1
            continue
        key = tuple((flat // st) % sz for st, sz in other_axes)
        name = names.get(key)
        if name is None:
            parts = [labels[d].get(codes[d][i], codes[d][i]) for d, i in zip(others, key, strict=True)]
            name = names[key] = _indicator_name(options.indicator, title, parts, many=many)
        region_code, region_label = region_raw[(flat // region_stride) % region_size]
        period = periods[(flat // time_stride) % time_size]
        detail = None
        if value is None:
            symbol = _status(status, flat)
            detail = symbol_detail(symbol) if symbol else None
        raw = (region_code, region_label, period, "" if value is None else str(value))
        add(Location(FILE_VALUE, flat), region_code, period, name, value, raw, missing_detail=detail)
    return skipped


def _indicator_name(given: str | None, title: str, parts: list[str], *, many: bool) -> str:
    if given:
        return f"{given}: {' / '.join(parts)}" if many else given
    return " / ".join(parts) if parts else title


def _status(status: object, flat: int) -> str:
    if isinstance(status, str):
        return status
    if isinstance(status, list):
        return str(status[flat] or "")
    if isinstance(status, dict):
        return str(status.get(str(flat)) or "")
    return ""
