"""Build ``data/members.csv`` from SSB's file and the 2024 change list.

Run ``python -m veikart.members.build [SSB_JSON]`` to regenerate the committed
CSV. Nothing here runs at import time of the library: the CSV is the data; this
module shows how it was made so that anyone can check or redo it.

Where the parts come from (see data/README.md):

- the 356 municipalities of the 2020–2023 structure, numbers and names: the
  category labels of SSB table 07459 (JSON-stat, NLOD 2.0);
- the county rows and the 1 January 2024 changes (new county numbers,
  renumbered municipalities, the Ålesund/Haram split): written out below from
  Statistics Norway's published change lists (KLASS 104 and 131, changes valid
  from 2024-01-01).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
MEMBERS_CSV = DATA_DIR / "members.csv"
DEFAULT_SSB_FILE = Path("/work/shared/data/ssb/07459-population-by-municipality-2022.json")

START_2020 = "2020-01-01"
END_2023 = "2023-12-31"
START_2024 = "2024-01-01"

SOURCE_SSB = "ssb-07459"  # number and name read from SSB table 07459's labels
SOURCE_KLASS_2024 = "klass-2024"  # number from the 2024 change list; name carried from SSB 07459 unless stated
SOURCE_KLASS_COUNTY = "klass-104"  # county rows (the SSB file holds no counties)

COUNTIES_2020 = {
    "03": "Oslo",
    "11": "Rogaland",
    "15": "Møre og Romsdal",
    "18": "Nordland",
    "30": "Viken",
    "34": "Innlandet",
    "38": "Vestfold og Telemark",
    "42": "Agder",
    "46": "Vestland",
    "50": "Trøndelag",
    "54": "Troms og Finnmark",
}

# The three counties dissolved on 2024-01-01 and the counties that replaced them.
COUNTY_SPLITS_2024 = {
    "30": {"31": "Østfold", "32": "Akershus", "33": "Buskerud"},
    "38": {"39": "Vestfold", "40": "Telemark"},
    "54": {"55": "Troms", "56": "Finnmark"},
}

# Municipalities renumbered on 2024-01-01 because their county was split:
# old number -> new number. A name given as (new, name) replaces the SSB name.
RENUMBERED_2024: dict[str, str | tuple[str, str]] = {
    # Viken -> Østfold (31)
    "3001": "3101", "3002": "3103", "3003": "3105", "3004": "3107", "3011": "3110", "3017": "3112",
    "3018": ("3114", "Våler (Østfold)"),  # the county qualifier follows the county
    "3015": "3116", "3014": "3118", "3016": "3120", "3013": "3122", "3012": "3124",
    # Viken -> Akershus (32); Jevnaker and Lunner go to Akershus too
    "3024": "3201", "3025": "3203", "3030": "3205", "3020": "3207", "3033": "3209", "3023": "3212",
    "3022": "3214", "3019": "3216", "3021": "3218", "3028": "3220", "3029": "3222", "3027": "3224",
    "3026": "3226", "3034": "3228", "3032": "3230", "3031": "3232", "3054": "3234", "3053": "3236",
    "3036": "3238", "3035": "3240", "3037": "3242",
    # Viken -> Buskerud (33)
    "3005": "3301", "3006": "3303", "3007": "3305", "3038": "3310", "3049": "3312", "3048": "3314",
    "3047": "3316", "3046": "3318", "3039": "3320", "3040": "3322", "3041": "3324", "3042": "3326",
    "3043": "3328", "3044": "3330", "3045": "3332", "3050": "3334", "3051": "3336", "3052": "3338",
    # Vestfold og Telemark -> Vestfold (39)
    "3801": "3901", "3802": "3903", "3803": "3905", "3804": "3907", "3805": "3909", "3811": "3911",
    # Vestfold og Telemark -> Telemark (40)
    "3806": "4001", "3807": "4003", "3808": "4005", "3812": "4010", "3813": "4012", "3814": "4014",
    "3815": "4016", "3816": "4018", "3817": "4020", "3820": "4022", "3819": "4024", "3818": "4026",
    "3821": "4028", "3822": "4030", "3823": "4032", "3824": "4034", "3825": "4036",
    # Troms og Finnmark -> Troms (55)
    "5401": "5501", "5402": "5503", "5411": "5510", "5412": "5512", "5413": "5514", "5414": "5516",
    "5415": "5518", "5416": "5520", "5417": "5522", "5418": "5524", "5419": "5526", "5420": "5528",
    "5421": "5530", "5422": "5532", "5423": "5534", "5424": "5536", "5425": "5538", "5426": "5540",
    "5427": "5542", "5428": "5544", "5429": "5546",
    # Troms og Finnmark -> Finnmark (56)
    "5403": "5601", "5406": "5603", "5444": "5605", "5405": "5607", "5437": "5610", "5430": "5612",
    "5432": "5614", "5433": "5616", "5434": "5618", "5435": "5620", "5436": "5622", "5438": "5624",
    "5439": "5626", "5441": "5628", "5440": "5630", "5443": "5632", "5404": "5634", "5442": "5636",
}

# Municipalities split on 2024-01-01: old number -> [(new number, name), ...].
SPLIT_2024 = {
    "1507": [("1508", "Ålesund"), ("1580", "Haram")],
}

FIELDS = ("number", "name", "kind", "valid_from", "valid_to", "successors", "source")


def municipalities_2020(ssb_path: Path) -> dict[str, str]:
    """Number -> name of the 2020–2023 municipalities, from the labels of SSB table 07459."""
    data = json.loads(ssb_path.read_text(encoding="utf-8"))
    labels = data["dimension"]["Region"]["category"]["label"]
    found = {}
    for code, label in labels.items():
        number = code.removeprefix("K-")
        if len(number) == 4 and number.isdigit():  # skips K-21-22, K-23, K-Rest (not municipalities)
            found[number] = " ".join(label.split())  # SSB's label for 5436 ends in a space
    return found


def build_rows(ssb_path: Path) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(number: str, name: str, kind: str, valid_from: str, valid_to: str, successors: list[str], source: str):
        rows.append({
            "number": number, "name": name, "kind": kind, "valid_from": valid_from, "valid_to": valid_to,
            "successors": " ".join(successors), "source": source,
        })

    for number, name in COUNTIES_2020.items():
        if number in COUNTY_SPLITS_2024:
            add(number, name, "county", START_2020, END_2023, sorted(COUNTY_SPLITS_2024[number]), SOURCE_KLASS_COUNTY)
            for new_number, new_name in COUNTY_SPLITS_2024[number].items():
                add(new_number, new_name, "county", START_2024, "", [], SOURCE_KLASS_COUNTY)
        else:
            add(number, name, "county", START_2020, "", [], SOURCE_KLASS_COUNTY)

    old = municipalities_2020(ssb_path)
    missing = (set(RENUMBERED_2024) | set(SPLIT_2024)) - set(old)
    if missing:
        raise SystemExit(f"build: numbers in the 2024 change list are not in the SSB file: {sorted(missing)}")
    for number, name in old.items():
        if number in SPLIT_2024:
            parts = SPLIT_2024[number]
            add(number, name, "municipality", START_2020, END_2023, [n for n, _ in parts], SOURCE_SSB)
            for new_number, new_name in parts:
                add(new_number, new_name, "municipality", START_2024, "", [], SOURCE_KLASS_2024)
        elif number in RENUMBERED_2024:
            target = RENUMBERED_2024[number]
            new_number, new_name = target if isinstance(target, tuple) else (target, name)
            add(number, name, "municipality", START_2020, END_2023, [new_number], SOURCE_SSB)
            add(new_number, new_name, "municipality", START_2024, "", [], SOURCE_KLASS_2024)
        else:
            add(number, name, "municipality", START_2020, "", [], SOURCE_SSB)
    rows.sort(key=lambda r: (r["kind"] != "county", r["number"], r["valid_from"]))
    return rows


def render_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    ssb_path = Path(args[0]) if args else DEFAULT_SSB_FILE
    if not ssb_path.is_file():
        print(f"build: {ssb_path}: no such file (SSB table 07459 JSON-stat)", file=sys.stderr)
        return 2
    MEMBERS_CSV.write_text(render_csv(build_rows(ssb_path)), encoding="utf-8")
    print(f"wrote {MEMBERS_CSV}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
