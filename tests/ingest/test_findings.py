"""Warnings: an empty or doubtful import is never silent, and the CLI says so on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veikart.cli import main
from veikart.ingest.findings import CROWDED_SECTION, LONG_ITEM_CHARS, warnings_for
from veikart.ingest.model import DocumentSource, Item, Period, Section, Strategy

FIXTURES = Path(__file__).resolve().parent / "fixtures"


PERIOD = Period(2024, 2027)


def _strategy(*sections: Section, pages: int | None = 2, period=PERIOD, organisation="Eksempel kommune"):
    return Strategy(
        title="Plan", organisation=organisation, period=period,
        source=DocumentSource("plan.pdf", "0" * 64, pages), sections=list(sections),
    )


def _section(goals=("Alle barn skal ha en trygg oppvekst.",), commitments=("Vi bygger flere barnehager nær skolen.",)):
    return Section(number="1", title="Oppvekst", goals=[Item(g) for g in goals],
                   commitments=[Item(c) for c in commitments])


def _codes(strategy: Strategy) -> list[str]:
    return [w.code for w in warnings_for(strategy)]


def test_a_plain_good_strategy_has_no_warnings():
    assert _codes(_strategy(_section())) == []


def test_an_empty_result_says_no_sections_and_no_goals():
    assert _codes(_strategy()) == ["no_sections", "no_goals"]


def test_goals_without_commitments_are_named():
    assert _codes(_strategy(_section(commitments=()))) == ["no_commitments"]


def test_very_few_items_for_the_pages():
    assert "few_items" in _codes(_strategy(_section(), pages=40))
    assert "few_items" not in _codes(_strategy(_section(), pages=7))  # a short document may hold two items


def test_one_section_with_very_many_items_is_doubtful():
    many = [f"Mål nummer {i} for kommunen." for i in range(CROWDED_SECTION + 1)]
    warnings = warnings_for(_strategy(_section(goals=many)))
    crowded = next(w for w in warnings if w.code == "crowded_section")
    assert f"{CROWDED_SECTION + 1}" in crowded.nb and "Oppvekst" in crowded.en


def test_long_heading_like_and_duplicate_items_are_doubtful():
    section = _section(
        goals=("x " * LONG_ITEM_CHARS, "Folkehelse", "Vi vil:", "ALLE SKAL MED I ARBEIDSLIVET"),
        commitments=("Vi bygger flere barnehager.", "Vi bygger flere  barnehager!"),
    )
    assert _codes(_strategy(section)) == ["long_items", "heading_like_items", "duplicate_items"]


def test_no_period_and_no_organisation_are_named():
    assert _codes(_strategy(_section(), period=None, organisation=None)) == ["no_period", "no_organisation"]


def test_every_warning_has_a_stable_code_and_one_sentence_in_each_language():
    everything = _strategy(pages=50, period=None, organisation=None)
    crowded = _section(goals=["Folkehelse"] * (CROWDED_SECTION + 1) + ["y " * LONG_ITEM_CHARS], commitments=())
    for strategy in (everything, _strategy(crowded, pages=50, period=None, organisation=None)):
        for warning in warnings_for(strategy):
            assert warning.code.isidentifier() and warning.code.islower()
            assert warning.nb != warning.en
            for sentence in (warning.nb, warning.en):
                assert sentence.endswith(".") and "\n" not in sentence and ":" in sentence  # what, then what to do


# -- veikart extract -------------------------------------------------------------

PARKS = (
    "Eksempel kommune\nPlan for grønne parker 2024–2027\n\nInnledning\n"
    "Kommunen har mange parker. Denne planen beskriver arbeidet.\n"
)


@pytest.fixture
def parks(tmp_path):
    path = tmp_path / "parker.txt"
    path.write_text(PARKS, encoding="utf-8")
    return path


def test_extract_prints_each_warning_on_stderr_and_exits_0(parks, capsys):
    assert main(["extract", str(parks)]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert "no_goals" in [w["code"] for w in data["warnings"]]
    no_goals = "No goals were found in the document: mark the goals in the source text."
    assert f"veikart: {parks}: warning: {no_goals}\n" in err
    assert len(err.splitlines()) == len(data["warnings"])


def test_extract_warns_in_bokmal_under_a_norwegian_locale(parks, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "nb_NO.UTF-8")
    assert main(["extract", str(parks), "--format", "text"]) == 0
    err = capsys.readouterr().err
    assert f"veikart: {parks}: advarsel: Fant ingen mål i dokumentet: merk målene i kildeteksten.\n" in err


def test_extract_of_the_ks_strategy_is_quiet(capsys):
    assert main(["extract", str(FIXTURES / "ks-langtidsstrategi-2020-2023.pdf")]) == 0
    out, err = capsys.readouterr()
    assert err == "" and json.loads(out)["warnings"] == []
