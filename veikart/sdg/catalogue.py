"""The UN Sustainable Development Goals: 17 goals, 169 targets, global indicators, bokmål and English.

Texts come from open-sdg/sdg-translations (data/open-sdg/, MIT). The bokmål
target texts there are mostly machine-translated, so data/nb_target_corrections.yml
is laid over them on load; the original stays available as ``text_nb_original``
so every correction can be traced (docs/sdg-catalogue-corrections.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import IO, Any

import yaml

# Official SDG colours from the UN SDG communications guidelines (no icons: their use is restricted).
GOAL_COLOURS: dict[int, str] = {
    1: "#E5243B", 2: "#DDA63A", 3: "#4C9F38", 4: "#C5192D", 5: "#FF3A21", 6: "#26BDE2",
    7: "#FCC30B", 8: "#A21942", 9: "#FD6925", 10: "#DD1367", 11: "#FD9D24", 12: "#BF8B2E",
    13: "#3F7E44", 14: "#0A97D9", 15: "#56C02B", 16: "#00689D", 17: "#19486A",
}

GOAL_NUMBERS = tuple(range(1, 18))


class CatalogueError(Exception):
    """The SDG data files are missing or inconsistent."""


@dataclass(frozen=True)
class SdgIndicator:
    id: str          # "3.4.1"
    target: str      # "3.4"
    text_nb: str
    text_en: str

    def text(self, language: str = "nb") -> str:
        return self.text_nb if language == "nb" else self.text_en


@dataclass(frozen=True)
class SdgTarget:
    id: str          # "3.4", "1.a"
    goal: int
    text_nb: str
    text_en: str
    text_nb_original: str
    indicators: tuple[SdgIndicator, ...] = ()

    def text(self, language: str = "nb") -> str:
        return self.text_nb if language == "nb" else self.text_en

    @property
    def corrected(self) -> bool:
        return self.text_nb != self.text_nb_original


@dataclass(frozen=True)
class SdgGoal:
    number: int
    short_nb: str
    short_en: str
    title_nb: str
    title_en: str
    colour: str
    targets: tuple[SdgTarget, ...] = ()

    def short(self, language: str = "nb") -> str:
        return self.short_nb if language == "nb" else self.short_en

    def title(self, language: str = "nb") -> str:
        return self.title_nb if language == "nb" else self.title_en

    @property
    def text_colour(self) -> str:
        """Black or white, whichever reads better on the goal's colour (for drawing the number)."""
        return readable_text_colour(self.colour)


@dataclass(frozen=True)
class Catalogue:
    goals: dict[int, SdgGoal]
    targets: dict[str, SdgTarget] = field(default_factory=dict)
    indicators: dict[str, SdgIndicator] = field(default_factory=dict)

    def goal(self, number: int) -> SdgGoal:
        try:
            return self.goals[number]
        except KeyError:
            raise CatalogueError(f"no SDG {number!r}; the goals are numbered 1–17") from None

    def target(self, target_id: str) -> SdgTarget:
        try:
            return self.targets[target_id]
        except KeyError:
            raise CatalogueError(f"no SDG target {target_id!r}") from None


def target_sort_key(target_id: str) -> tuple[int, int, int | str]:
    """Sort "1.2" before "1.10" before "1.a", as the UN lists them."""
    goal, _, rest = target_id.partition(".")
    sub = rest.split(".")[0]
    return (int(goal), 0, int(sub)) if sub.isdigit() else (int(goal), 1, sub)


def _yaml_key_to_id(key: str, suffix: str = "-title") -> str:
    return key[: -len(suffix)].replace("-", ".")


def safe_load_yaml(handle: IO[str]) -> Any:
    """yaml.safe_load through libyaml when PyYAML was built with it (ten times faster on these files: the
    catalogue is read by every process that classifies, and by a migration), else PyYAML's pure-Python loader."""
    return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader


def _read_yaml(relative: str) -> dict:
    path = resources.files("veikart.sdg") / "data" / relative
    try:
        with path.open("r", encoding="utf-8") as handle:
            data = safe_load_yaml(handle)
    except FileNotFoundError:
        raise CatalogueError(f"SDG data file missing: {relative}") from None
    if not isinstance(data, dict):
        raise CatalogueError(f"SDG data file is not a mapping: {relative}")
    return data


def read_corrections() -> dict[str, dict]:
    """The bokmål target overlay: {"1.a": {"tekst": …, "grunn": [...], "merknad": …}}."""
    data = _read_yaml("nb_target_corrections.yml")
    return {str(k): v for k, v in data.items()}


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """Read the goals, targets and indicators in both languages, with the bokmål corrections applied."""
    goals_en, goals_nb = _read_yaml("open-sdg/en/global_goals.yml"), _read_yaml("open-sdg/nb_NO/global_goals.yml")
    targets_en = {_yaml_key_to_id(k): v for k, v in _read_yaml("open-sdg/en/global_targets.yml").items()}
    targets_nb = {_yaml_key_to_id(k): v for k, v in _read_yaml("open-sdg/nb_NO/global_targets.yml").items()}
    indicators_en = {_yaml_key_to_id(k): v for k, v in _read_yaml("open-sdg/en/global_indicators.yml").items()}
    indicators_nb = {_yaml_key_to_id(k): v for k, v in _read_yaml("open-sdg/nb_NO/global_indicators.yml").items()}
    corrections = read_corrections()

    unknown = set(corrections) - set(targets_en)
    if unknown:
        raise CatalogueError(f"corrections name unknown targets: {sorted(unknown)}")

    indicators: dict[str, SdgIndicator] = {}
    for ind_id, text_en in indicators_en.items():
        target_id = ind_id.rsplit(".", 1)[0]
        indicators[ind_id] = SdgIndicator(ind_id, target_id, str(indicators_nb.get(ind_id, text_en)), str(text_en))

    targets: dict[str, SdgTarget] = {}
    for target_id in sorted(targets_en, key=target_sort_key):
        original = str(targets_nb.get(target_id, ""))
        text_nb = corrections[target_id]["tekst"] if target_id in corrections else original
        if not text_nb:
            raise CatalogueError(f"target {target_id} has no bokmål text")
        own = tuple(
            ind for ind_id, ind in sorted(indicators.items(), key=lambda kv: target_sort_key(kv[0]))
            if ind.target == target_id
        )
        targets[target_id] = SdgTarget(
            id=target_id, goal=int(target_id.split(".")[0]), text_nb=str(text_nb).strip(),
            text_en=str(targets_en[target_id]).strip(), text_nb_original=original.strip(), indicators=own,
        )

    goals: dict[int, SdgGoal] = {}
    for number in GOAL_NUMBERS:
        goals[number] = SdgGoal(
            number=number,
            short_nb=str(goals_nb[f"{number}-short"]), short_en=str(goals_en[f"{number}-short"]),
            title_nb=str(goals_nb[f"{number}-title"]), title_en=str(goals_en[f"{number}-title"]),
            colour=GOAL_COLOURS[number],
            targets=tuple(t for t in targets.values() if t.goal == number),
        )
    return Catalogue(goals=goals, targets=targets, indicators=indicators)


# Imperatives and second-person forms the machine translation produced. The
# official Norwegian register is the infinitive ("Innen 2030 redusere …").
_IMPERATIVES = {
    "reduser", "sørg", "bygg", "øk", "støtt", "støt", "styr", "lag", "integrer", "implementer", "avslutt",
    "eliminer", "minimer", "respekter", "bekjemp", "gjenopprett", "oppretthold", "halver", "oppgi", "utrydd",
    "forbedr", "fremm", "sikr", "gi", "ta", "utform", "utvid", "beskytt", "bevar", "forhindr", "doble",
    "adresser", "oppnå", "innfør", "vedta", "utvikl",
}
# Finite verbs right after "Innen 2030" ("Innen 2020, halverer …"): the translation lost the infinitive.
_FINITE = {"øker", "halverer", "forbyr", "forbedrer", "reduserer", "oppnår", "utvider", "sørger", "doblet"}
_LEAD = re.compile(r"^(?:innen|i|fram mot|gjennom)\s+20\d\d,?\s*", re.IGNORECASE)


def find_imperatives(text: str) -> list[str]:
    """Words that mark a machine-translated imperative or 'du' form; empty when the text reads as official.

    Checks the first verb (after a leading "Innen 2030,") against known
    imperative forms, and any "du" anywhere. Infinitives that equal the
    imperative ("gi", "ta", "oppnå", "vedta") only count after a comma
    ("Innen 2030, gi …"), the machine translation's tell.
    """
    found = [m.group(0) for m in re.finditer(r"\bdu\b", text, re.IGNORECASE)]
    lead = _LEAD.match(text)
    rest = text[lead.end():] if lead else text
    first = re.match(r"[A-Za-zÆØÅæøå]+", rest)
    if first:
        word = first.group(0).lower()
        ambiguous = {"gi", "ta", "oppnå", "vedta", "doble"}
        comma_after_year = bool(lead and lead.group(0).rstrip().endswith(","))
        if word in _IMPERATIVES and (word not in ambiguous or comma_after_year) or word in _FINITE:
            found.insert(0, first.group(0))
    return found


def readable_text_colour(background_hex: str) -> str:
    """"#000000" or "#FFFFFF", whichever has the higher WCAG contrast on the background."""
    value = background_hex.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    contrast_white = 1.05 / (luminance + 0.05)
    contrast_black = (luminance + 0.05) / 0.05
    return "#FFFFFF" if contrast_white >= contrast_black else "#000000"
