"""Precision and recall per item type, and the evaluate-extract command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from veikart.cli import main
from veikart.ingest.model import DocumentSource, Item, Section, Strategy
from veikart.ingest.tools.evaluate import evaluate, format_table, match_key

SAMPLES = Path(__file__).resolve().parents[2] / "veikart" / "web" / "demo" / "samples"
SAMPLE = SAMPLES / "ks-langtidsstrategi-2020-2023.md"
EXPECTED = Path(__file__).parent / "expected" / "ks-2020-2023.json"


def _strategy(*sections: Section) -> Strategy:
    return Strategy(
        title="Plan", organisation=None, period=None, source=DocumentSource(None, "", None), sections=list(sections)
    )


def _area(number: str, goals=(), commitments=(), title="Oppvekst") -> Section:
    return Section(
        number=number,
        title=title,
        goals=[Item(g) for g in goals],
        commitments=[Item(c) for c in commitments],
    )


EXPECTED_PLAN = _strategy(_area("1", ["Alle barn mestrer."], ["Vi bygger skole.", "Vi ansetter lærere."]))


def test_a_perfect_extract_scores_one_everywhere():
    evaluation = evaluate(EXPECTED_PLAN, EXPECTED_PLAN)
    assert evaluation.perfect()
    assert [(s.precision, s.recall) for s in evaluation.scores.values()] == [(1.0, 1.0)] * 3


def test_a_missing_commitment_lowers_recall_only():
    found = _strategy(_area("1", ["Alle barn mestrer."], ["Vi bygger skole."]))
    score = evaluate(found, EXPECTED_PLAN).scores["commitments"]
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.missing == ["Vi ansetter lærere."]


def test_an_extra_goal_lowers_precision_only():
    found = _strategy(
        _area("1", ["Alle barn mestrer.", "Innledende tekst."], ["Vi bygger skole.", "Vi ansetter lærere."])
    )
    score = evaluate(found, EXPECTED_PLAN).scores["goals"]
    assert (score.precision, score.recall) == (0.5, 1.0)
    assert score.unexpected == ["Innledende tekst."]


def test_matching_ignores_case_whitespace_dashes_quotes_and_closing_punctuation():
    assert match_key("KS’ arbeid – «godt»  liv.") == match_key('ks\' arbeid - "godt" liv')


def test_a_section_with_the_wrong_number_does_not_match():
    score = evaluate(_strategy(_area("2")), _strategy(_area("1"))).scores["sections"]
    assert (score.matched, score.precision, score.recall) == (0, 0.0, 0.0)


def test_an_item_under_another_section_matches_but_is_reported_misplaced():
    expected = _strategy(_area("1", ["Mål A."]), _area("2", title="Helse"))
    found = _strategy(_area("1"), _area("2", ["Mål A."], title="Helse"))
    evaluation = evaluate(found, expected)
    assert evaluation.scores["goals"].recall == 1.0
    assert evaluation.misplaced == ["Mål A.… under 2, expected under 1"]


def _row(table: str, name: str) -> list[str]:
    """The numbers in the table row of one item type."""
    return next(line.split()[1:] for line in table.splitlines() if line.startswith(name + " "))


def test_the_table_shows_counts_and_scores_per_type():
    found = _strategy(_area("1", ["Alle barn mestrer."], ["Vi bygger skole."]))
    table = format_table(evaluate(found, EXPECTED_PLAN))
    assert _row(table, "commitments") == ["2", "1", "1", "1.000", "0.500"]
    assert "missing commitments: Vi ansetter lærere." in table


def test_the_command_passes_the_2020_strategy_at_the_required_score(capsys):
    pytest.importorskip("veikart.ingest.structure.flattened", reason="structure.py needs the flattened finder")
    assert main(["evaluate-extract", str(SAMPLE), str(EXPECTED), "--require", "0.93"]) == 0
    out = capsys.readouterr().out
    assert _row(out, "sections")[0::2] == ["15", "15", "1.000"]  # every section found, one caption too many
    assert _row(out, "goals") == ["12", "12", "12", "1.000", "1.000"]
    assert _row(out, "commitments") == ["57", "57", "57", "1.000", "1.000"]


def test_the_command_refuses_an_expected_file_that_is_not_strategy_json(tmp_path, capsys):
    bad = tmp_path / "expected.json"
    bad.write_text(json.dumps({"title": "x"}), encoding="utf-8")
    assert main(["evaluate-extract", str(SAMPLE), str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not Strategy JSON" in err


def test_the_command_refuses_a_missing_expected_file(tmp_path, capsys):
    assert main(["evaluate-extract", str(SAMPLE), str(tmp_path / "none.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_the_command_refuses_an_expected_file_nested_too_deeply(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "nb_NO.UTF-8")
    deep = tmp_path / "expected.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    assert main(["evaluate-extract", str(SAMPLE), str(deep)]) == 2
    assert capsys.readouterr().err == f"veikart: {deep}: JSON-en er nestet for dypt: mer enn 64 nivåer\n"


def test_the_command_reports_every_test_document_and_a_micro_average(tmp_path, capsys):
    annotation = json.loads(EXPECTED.read_text(encoding="utf-8"))
    annotation.update(document=str(SAMPLE), split="test", scored=["sections", "goals", "commitments"])
    (tmp_path / "ks.json").write_text(json.dumps(annotation), encoding="utf-8")
    trained = dict(annotation, split="train")
    (tmp_path / "trained.json").write_text(json.dumps(trained), encoding="utf-8")
    assert main(["evaluate-extract", "--annotations", str(tmp_path), "--root", "/"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith(("ks ", "trained", "micro"))]
    assert [r.split()[0] for r in rows] == ["ks", "micro-average"]  # train documents are left out
    assert "1.00/1.00/1.00" in rows[0] and "language 1/1, period 1/1, organisation 1/1" in rows[1]
    assert "items 69/69/69" in out
