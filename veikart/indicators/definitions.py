"""KS's named indicators and their targets, from ``data/ks-indicators.json`` (definitions only, no values)."""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from pathlib import Path

from veikart.indicators.progress import Comparison, Direction, Target

DEFINITIONS_JSON = Path(__file__).resolve().parent / "data" / "ks-indicators.json"


class Level(enum.StrEnum):
    ORGANISATION = "organisation"  # measured for the organisation itself (KS, the sector as a whole)
    MEMBER = "member"  # measured for each municipality and county
    COUNTY = "county"  # measured for each county only


@dataclass(frozen=True, slots=True)
class TargetDefinition:
    strategy: str
    target: Target
    goal_text: str  # quoted from the strategy document
    document: str
    section: str


@dataclass(frozen=True, slots=True)
class IndicatorDefinition:
    key: str
    name_nb: str
    name_en: str
    unit: str
    direction: Direction
    level: Level
    value_source: str
    targets: tuple[TargetDefinition, ...]


def load_definitions(path: Path = DEFINITIONS_JSON) -> list[IndicatorDefinition]:
    data = json.loads(path.read_text(encoding="utf-8"))
    result = []
    for item in data["indicators"]:
        targets = tuple(
            TargetDefinition(
                strategy=t["strategy"],
                target=Target.by(t["value"], Comparison(t["comparison"]), t["deadline"]),
                goal_text=t["goal_text"],
                document=t["goal_source"]["document"],
                section=t["goal_source"]["section"],
            )
            for t in item["targets"]
        )
        result.append(IndicatorDefinition(
            key=item["key"], name_nb=item["name_nb"], name_en=item["name_en"], unit=item["unit"],
            direction=Direction(item["direction"]), level=Level(item["level"]),
            value_source=item["value_source"], targets=targets,
        ))
    return result
