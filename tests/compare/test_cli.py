import json
import re
from pathlib import Path

import pytest

from veikart.cli import main

from .strategies import NEW_STRATEGY, OLD, strategy

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


@pytest.fixture()
def pair(tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(OLD.to_dict(), ensure_ascii=False), encoding="utf-8")
    new.write_text(json.dumps(NEW_STRATEGY.to_dict(), ensure_ascii=False), encoding="utf-8")
    return str(old), str(new)


def test_it_prints_the_comparison_as_json(pair, capsys):
    assert main(["compare", *pair, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "veikart.comparison/1"
    assert data["summary"]["goals"]["old_total"] == 6
    assert data["text"]["nb"].startswith("Av 6 mål i 2016–2019")


@pytest.mark.parametrize(
    ("locale", "summary", "dropped", "new", "heading"),
    [
        ("nb_NO.UTF-8", "Av 6 mål i 2016–2019", "[utgått] Fosterhjemmene", "+ [ny] Kommunen kutter", "Fokusområder"),
        ("nn_NO.UTF-8", "Av 6 mål i 2016–2019", "[gått ut] Fosterhjemmene", "+ [ny] Kommunen kutter", "Fokusområde"),
        (
            "en_GB.UTF-8",
            "Of 6 goals in 2016–2019",
            "[dropped] Fosterhjemmene",
            "+ [new] Kommunen kutter",
            "Focus areas",
        ),
    ],
)
def test_it_prints_the_comparison_as_text_in_the_locales_language(
    pair, capsys, monkeypatch, locale, summary, dropped, new, heading
):
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", locale)
    assert main(["compare", *pair, "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert summary in out and dropped in out and new in out and f"\n{heading}\n" in out
    assert " / " not in out  # one language, not "nb / en"
    assert not [text for text in ("Av 6 mål", "Of 6 goals") if text in out and not summary.startswith(text)]
    score = re.search(r"→ \[\w[^\]]* (\d[.,]\d\d)\]", out).group(1)
    assert ("." in score) == locale.startswith("en")  # 0,85 in Norwegian, 0.85 in English


def test_a_missing_file_is_one_line_on_stderr(pair, capsys):
    assert main(["compare", pair[0], "/nonexistent/plan.json"]) == 2
    err = capsys.readouterr().err
    assert err == "veikart: /nonexistent/plan.json: no such file\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"schema": "something/else"}', "not Strategy JSON"),
        ("[1, 2]", "not Strategy JSON"),
        ('{"schema": "veikart.strategy/1", "period": {"start": "x"}}', "invalid Strategy JSON"),
    ],
)
def test_bad_json_is_one_line_on_stderr(pair, tmp_path, capsys, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert main(["compare", str(bad), pair[1]]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_document_it_cannot_read_is_one_line_on_stderr(pair, tmp_path, capsys):
    binary = tmp_path / "plan.pdf"
    binary.write_bytes(b"%PDF-1.4 garbage")
    assert main(["compare", str(binary), pair[1]]) == 2
    assert capsys.readouterr().err.count("\n") == 1


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="needs the sample documents")
def test_it_compares_the_two_ks_documents_read_by_the_importer(capsys):
    old = SAMPLES / "ks-langtidsplan-2016-2019.txt"
    new = SAMPLES / "ks-langtidsstrategi-2020-2023.md"
    assert main(["compare", str(old), str(new), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["period"] == {"start": 2016, "end": 2019}
    assert data["summary"]["goals"]["old_total"] > 50
    assert data["summary"]["goals"]["new_total"] == 12


def _write(tmp_path, name, strategy):
    path = tmp_path / name
    path.write_text(json.dumps(strategy.to_dict(), ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture()
def english(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


def test_a_comparable_pair_prints_no_warning(pair, capsys, english):
    assert main(["compare", *pair]) == 0
    assert capsys.readouterr().err == ""


def test_it_warns_on_stderr_when_a_side_has_no_goals(tmp_path, capsys, english):
    empty = strategy(2020, [("Oppvekst", [], ["Vi bygger barnehager."])])
    old, new = _write(tmp_path, "old.json", OLD), _write(tmp_path, "new.json", empty)
    assert main(["compare", old, new]) == 0
    assert capsys.readouterr().err == (
        "veikart: warning: The newer strategy (Eksempel kommune 2020–2023) has no goals to compare; "
        "check the document's import.\n"
    )


def test_it_warns_in_bokmal_about_other_organisations_and_a_reversed_period(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "nb_NO.UTF-8")
    other = strategy(2016, [("Oppvekst", ["Alle barn har en god oppvekst."], [])])
    other.organisation = "Gol kommune"
    newer, older = _write(tmp_path, "new.json", NEW_STRATEGY), _write(tmp_path, "old.json", other)
    assert main(["compare", newer, older]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "veikart: advarsel: Strategiene er fra to organisasjoner (Eksempel kommune, Gol kommune); "
        "en periodesammenligning forutsetter samme organisasjon.",
        "veikart: advarsel: Den «eldre» strategien (2020–2023) er nyere enn den «nyere» (2016–2019); er de byttet om?",
    ]


def test_the_json_carries_the_warnings_in_both_languages(tmp_path, capsys, english):
    newer, older = _write(tmp_path, "new.json", NEW_STRATEGY), _write(tmp_path, "old.json", OLD)
    assert main(["compare", newer, older, "--format", "json"]) == 0
    warnings = json.loads(capsys.readouterr().out)["warnings"]
    assert [w["code"] for w in warnings] == ["reversed-periods"]
    assert "swapped" in warnings[0]["en"] and "byttet om" in warnings[0]["nb"]


def test_two_versions_of_one_period_are_said_to_be_versions(tmp_path, capsys, english):
    old, new = _write(tmp_path, "a.json", OLD), _write(tmp_path, "b.json", OLD)
    assert main(["compare", old, new]) == 0
    assert "two versions, not two periods" in capsys.readouterr().err


def test_compare_evaluate_prints_the_three_tasks(capsys):
    assert main(["compare", "evaluate"]) == 0
    out = capsys.readouterr().out
    for part in ("tuning", "held_out", "all"):
        assert re.search(rf"^{part}\s+(links|dropped|new)\s+\d\.\d{{3}}", out, re.MULTILINE)


DEEP = "[" * 100_000 + "]" * 100_000
DEEP_SECTIONS = '{"schema": "veikart.strategy/1", "sections": [' + '{"sections": [' * 900 + "]}" * 900 + "]}"


@pytest.mark.parametrize("content", [DEEP, DEEP_SECTIONS])
def test_json_nested_too_deeply_is_refused_with_one_line_and_exit_2(pair, tmp_path, capsys, monkeypatch, content):
    monkeypatch.setenv("LC_ALL", "C")
    deep = tmp_path / "deep.json"
    deep.write_text(content, encoding="utf-8")
    assert main(["compare", str(deep), pair[1]]) == 2
    err = capsys.readouterr().err
    assert err == f"veikart: {deep}: the JSON is nested too deeply: more than 64 levels\n"


def test_json_nested_too_deeply_is_refused_in_a_real_process_without_a_traceback(pair, tmp_path):
    import subprocess
    import sys

    deep = tmp_path / "deep.json"
    deep.write_text(DEEP, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "veikart", "compare", str(deep), pair[1]],
        capture_output=True,
        text=True,
        env={"LANG": "nb_NO.UTF-8", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr == f"veikart: {deep}: JSON-en er nestet for dypt: mer enn 64 nivåer\n"


def test_a_too_large_strategy_json_is_refused_with_one_line(pair, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("VEIKART_MAX_STRATEGY_JSON_BYTES", "100")
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"schema": "veikart.strategy/1", "title": "x" * 200}), encoding="utf-8")
    assert main(["compare", str(big), pair[1]]) == 2
    assert capsys.readouterr().err == f"veikart: {big}: a Strategy JSON file may be at most 0.0 MB\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "filen er ikke gyldig JSON"),
        ('{"schema": "something/else"}', 'ikke Strategy JSON: forventet "schema": "veikart.strategy/1"'),
        ('{"schema": "veikart.strategy/1", "sections": [{"goals": [{}]}]}', "ugyldig Strategy JSON: mangler 'text'"),
    ],
)
def test_bad_json_is_refused_in_bokmal_under_a_norwegian_locale(pair, tmp_path, capsys, monkeypatch, content, message):
    monkeypatch.setenv("LC_ALL", "nb_NO.UTF-8")
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    assert main(["compare", str(bad), pair[1]]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_missing_file_is_named_in_bokmal_under_a_norwegian_locale(pair, capsys, monkeypatch):
    monkeypatch.setenv("LC_ALL", "nb_NO.UTF-8")
    assert main(["compare", pair[0], "/nonexistent/plan.json"]) == 2
    assert capsys.readouterr().err == "veikart: /nonexistent/plan.json: filen finnes ikke\n"
