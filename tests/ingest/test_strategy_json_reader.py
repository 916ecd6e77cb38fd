"""The one reader of Strategy JSON (CLI and web): hostile files are refused with one line in bokmål and English."""

from __future__ import annotations

import json

import pytest

from veikart.ingest.model import MAX_JSON_DEPTH, Strategy, StrategyJSONError, read_strategy_json

VALID = {"schema": "veikart.strategy/1", "title": "Plan", "sections": [{"title": "A", "goals": [{"text": "Mål"}]}]}


def _nested_sections(levels: int) -> dict:
    section: dict = {"title": "bunn"}
    for _ in range(levels - 1):
        section = {"title": "x", "sections": [section]}
    return {"schema": "veikart.strategy/1", "sections": [section]}


def test_it_reads_valid_strategy_json_from_bytes_and_text():
    assert read_strategy_json(json.dumps(VALID).encode()).sections[0].goals[0].text == "Mål"
    assert read_strategy_json(json.dumps(VALID)).title == "Plan"
    assert read_strategy_json(b"\xef\xbb\xbf" + json.dumps(VALID).encode()).title == "Plan"  # a BOM, as Notepad saves


@pytest.mark.parametrize(
    ("data", "en", "nb"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "the JSON is nested too deeply", "JSON-en er nestet for dypt"),
        (b'{"a": ' * 5_000 + b"1" + b"}" * 5_000, "the JSON is nested too deeply", "JSON-en er nestet for dypt"),
        (b"\xff\xfe{}", "the JSON file is not UTF-8 text", "JSON-filen er ikke UTF-8-tekst"),
        (b"{not json", "not valid JSON: ", "filen er ikke gyldig JSON: "),
        (b"[1, 2]", 'not Strategy JSON: expected "schema"', 'ikke Strategy JSON: forventet "schema"'),
        (b'{"schema": "veikart.strategy/1", "sections": [1]}', "invalid Strategy JSON", "ugyldig Strategy JSON"),
        (b'{"schema": "veikart.strategy/1", "sections": [{"goals": [{}]}]}',
         "invalid Strategy JSON: missing 'text'", "ugyldig Strategy JSON: mangler 'text'"),
    ],
)
def test_it_refuses_hostile_or_broken_json_with_one_line_in_both_languages(data, en, nb):
    with pytest.raises(StrategyJSONError) as refused:
        read_strategy_json(data)
    assert refused.value.message("en").startswith(en) and refused.value.message("nb").startswith(nb)
    assert "\n" not in refused.value.message("en") + refused.value.message("nb")
    assert isinstance(refused.value, ValueError)  # callers that catch ValueError keep working


def test_sections_just_inside_the_depth_limit_are_read_and_one_level_more_is_refused():
    inside = (MAX_JSON_DEPTH - 2) // 2  # strategy {} -> sections [] -> section {} -> sections [] ...
    assert len(list(Strategy.from_dict(_nested_sections(inside)).walk())) == inside
    with pytest.raises(StrategyJSONError, match="nested too deeply"):
        Strategy.from_dict(_nested_sections(inside + 1))


def test_sections_nested_deeper_than_python_can_recurse_are_refused_not_crashed():
    with pytest.raises(StrategyJSONError, match="nested too deeply"):
        Strategy.from_dict(_nested_sections(5_000))


def test_a_file_over_the_size_limit_is_refused_before_it_is_decoded(monkeypatch):
    with pytest.raises(StrategyJSONError) as refused:
        read_strategy_json(b" " * 2_000_000, max_bytes=1024 * 1024)
    assert (refused.value.message("en"), refused.value.message("nb")) == ("a Strategy JSON file may be at most 1.0 MB",
                                                    "en Strategy JSON-fil kan være høyst 1,0 MB")
    monkeypatch.setenv("VEIKART_MAX_STRATEGY_JSON_BYTES", "10")
    with pytest.raises(StrategyJSONError, match="at most"):
        read_strategy_json(json.dumps(VALID))
