import json
from datetime import date
from pathlib import Path

import pytest

from veikart.indicators.import_plan import ImportOptions, ImportRefused, RejectReason
from veikart.indicators.importing import plan_bytes, plan_file

SSB_FILE = Path("/work/shared/data/ssb/07459-population-by-municipality-2022.json")
JAN_2024 = date(2024, 1, 1)
needs_ssb = pytest.mark.skipif(not SSB_FILE.is_file(), reason="SSB table 07459 not available")


def dataset(regions, times, values, contents=("Personer1",), **extra):
    doc = {
        "version": "2.0", "class": "dataset", "label": "Eksempeltabell", "source": "Eksempel",
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [len(regions), len(contents), len(times)],
        "dimension": {
            "Region": {"category": {"index": {c: i for i, c in enumerate(regions)},
                                    "label": {c: f"Sted {c}" for c in regions}}},
            "ContentsCode": {"category": {"index": {c: i for i, c in enumerate(contents)},
                                          "label": {c: c.rstrip("0123456789") for c in contents}}},
            "Tid": {"category": {"index": {t: i for i, t in enumerate(times)}, "label": {t: t for t in times}}},
        },
        "role": {"geo": ["Region"], "time": ["Tid"], "metric": ["ContentsCode"]},
        "value": values,
    }
    doc.update(extra)
    return doc


def plan_json(doc, **options):
    options.setdefault("as_of", JAN_2024)
    return plan_bytes(json.dumps(doc).encode(), "tabell.json", ImportOptions(**options))


@needs_ssb
def test_the_real_ssb_file_gives_355_current_municipalities_and_rejects_4_regions_with_reasons():
    plan = plan_file(SSB_FILE, ImportOptions(as_of=JAN_2024, indicator="Folkemengde"))
    raw = json.loads(SSB_FILE.read_text(encoding="utf-8"))
    assert raw["size"][0] == 359
    assert len(plan.rows) == 355
    assert {(r.raw[0], r.reason) for r in plan.rejected} == {
        ("K-1507", RejectReason.SPLIT_MEMBER),
        ("K-21-22", RejectReason.NOT_A_MEMBER),
        ("K-23", RejectReason.NOT_A_MEMBER),
        ("K-Rest", RejectReason.NOT_A_MEMBER),
    }
    assert plan.mapped_from_former == 113
    assert plan.origin["source"] == "Statistisk sentralbyrå"
    assert {r.indicator for r in plan.rows} == {"Folkemengde"}


@needs_ssb
def test_the_real_ssb_values_arrive_unchanged_on_the_right_member():
    raw = json.loads(SSB_FILE.read_text(encoding="utf-8"))
    index = raw["dimension"]["Region"]["category"]["index"]
    plan = plan_file(SSB_FILE, ImportOptions(as_of=JAN_2024))
    by_member = {r.organisation: r for r in plan.rows}
    assert by_member["0301"].value == raw["value"][index["K-0301"]]
    assert by_member["3101"].value == raw["value"][index["K-3001"]]  # Halden, renumbered
    assert by_member["3101"].source_code == "K-3001"
    assert by_member["0301"].indicator == "Personer"  # the ContentsCode label when no name is given
    assert sum(r.value for r in plan.rows) + sum(float(r.raw[3]) for r in plan.rejected) == sum(raw["value"])


@needs_ssb
def test_the_real_ssb_file_in_the_period_structure_keeps_alesund():
    plan = plan_file(SSB_FILE, ImportOptions(as_of=JAN_2024, period_structure=True))
    assert len(plan.rows) == 356
    assert {r.reason for r in plan.rejected} == {RejectReason.NOT_A_MEMBER}


def test_it_refuses_a_dataset_whose_dimensions_do_not_match_its_values():
    doc = dataset(["K-0301", "K-1103"], ["2021", "2022"], [1, 2, 3])
    with pytest.raises(ImportRefused, match=r"the dimensions give 2 × 1 × 2 = 4 values but the file has 3"):
        plan_json(doc)


def test_it_refuses_a_dimension_with_more_categories_than_its_size():
    doc = dataset(["K-0301", "K-1103"], ["2022"], [1, 2])
    doc["size"][0] = 3
    with pytest.raises(ImportRefused, match="«Region» has 2 categories but size says 3"):
        plan_json(doc)


def test_it_refuses_ids_and_sizes_of_different_lengths():
    doc = dataset(["K-0301"], ["2022"], [1])
    doc["size"] = [1, 1]
    with pytest.raises(ImportRefused, match="3 dimension ids, but 2 sizes"):
        plan_json(doc)


def test_sparse_values_are_read_by_flat_index_and_status_symbols_explain_missing_ones():
    regions, times = ["K-0301", "K-1103"], ["2021", "2022"]
    doc = dataset(regions, times, {"0": 10, "3": 13, "1": None}, status={"1": ".."})
    plan = plan_json(doc)
    assert sorted((r.organisation, r.period, r.value) for r in plan.rows) == [("0301", "2021", 10.0),
                                                                              ("1103", "2022", 13.0)]
    (missing,) = plan.rejected
    assert missing.reason is RejectReason.MISSING_VALUE
    assert "«..»" in missing.detail.text("nb") and missing.raw[:3] == ("K-0301", "Sted K-0301", "2022")


def test_it_refuses_a_sparse_index_beyond_the_cube():
    doc = dataset(["K-0301"], ["2022"], {"0": 1, "5": 2})
    with pytest.raises(ImportRefused, match="value index 5 out of range"):
        plan_json(doc)


def test_each_content_is_its_own_indicator_and_select_keeps_one():
    doc = dataset(["K-0301"], ["2022"], [5, 6], contents=("Lærlinger1", "Personer2"))
    assert sorted(r.indicator for r in plan_json(doc).rows) == ["Lærlinger", "Personer"]
    selected = plan_json(doc, select={"ContentsCode": "Personer2"}, indicator="Folketall")
    assert [(r.indicator, r.value) for r in selected.rows] == [("Folketall", 6.0)]
    assert any("utenfor utvalget" in note.text("nb") for note in selected.notes)


def test_without_roles_it_finds_region_by_its_codes_and_time_by_the_name_tid():
    doc = dataset(["0301", "1103"], ["2022"], [1, 2])
    del doc["role"]
    doc["id"][0] = "Kommune"
    doc["dimension"]["Kommune"] = doc["dimension"].pop("Region")
    assert [r.organisation for r in plan_json(doc).rows] == ["0301", "1103"]


def test_it_refuses_a_dataset_without_a_time_dimension():
    doc = dataset(["K-0301"], ["2022"], [1])
    del doc["role"]
    doc["id"][2] = "Periode"
    doc["dimension"]["Periode"] = doc["dimension"].pop("Tid")
    with pytest.raises(ImportRefused, match="no time dimension"):
        plan_json(doc)
    assert plan_json(doc, time_dimension="Periode").rows[0].period == "2022"


def test_it_reads_ssbs_older_json_stat_1_wrapping():
    inner = dataset(["K-0301"], ["2022"], [7])
    dims = dict(inner["dimension"], id=inner["id"], size=inner["size"], role=inner["role"])
    doc = {"dataset": {"dimension": dims, "label": "gammel", "value": [7]}}
    assert [r.value for r in plan_json(doc).rows] == [7.0]


@pytest.mark.parametrize(("content", "message"), [
    (b"{ not json", "not valid JSON"),
    (b"[1, 2]", "must be an object"),
    (b'{"class": "collection"}', "a collection"),
    (b'{"hello": 1}', "not a JSON-stat dataset"),
])
def test_it_refuses_files_that_are_not_json_stat_datasets(content, message):
    with pytest.raises(ImportRefused, match=message):
        plan_bytes(content, "x.json")


def _broken(change):
    doc = dataset(["K-0301", "K-1103"], ["2022"], [1, 2])
    change(doc)
    return doc


@pytest.mark.parametrize("change", [
    lambda d: d.update(id="Region"),
    lambda d: d.update(size=[2, 1, -1]),
    lambda d: d.update(id=["Region", "Region", "Tid"]),
    lambda d: d.update(dimension=[]),
    lambda d: d["dimension"].update(Tid="2022"),
    lambda d: d["dimension"]["Region"]["category"].update(index={"K-0301": "a", "K-1103": 1}),
    lambda d: d["dimension"]["Region"]["category"].update(index={"K-0301": 0, "K-1103": 5}),
    lambda d: d["dimension"]["Region"]["category"].update(index=7),
    lambda d: d.update(value="12"),
    lambda d: d.update(value={"x": 1}),
], ids=["id-not-list", "negative-size", "repeated-id", "dimension-list", "dimension-text", "index-text",
        "index-gap", "index-number", "value-text", "value-key-text"])
def test_it_refuses_malformed_json_stat_with_a_message_not_a_traceback(change):
    with pytest.raises(ImportRefused):
        plan_json(_broken(change))


def test_odd_values_and_roles_are_rejected_or_ignored_not_a_traceback():
    doc = dataset(["K-0301", "K-1103", "K-4601"], ["2022"], [True, {"a": 1}, "12,5"], role="geo")
    doc["dimension"]["Region"]["category"]["label"] = ["not", "a", "dict"]
    plan = plan_json(doc)
    assert [r.value for r in plan.rows] == [12.5]
    assert [r.reason for r in plan.rejected] == [RejectReason.NOT_NUMERIC, RejectReason.NOT_NUMERIC]
