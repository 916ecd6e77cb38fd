"""``veikart sdg classify`` and ``veikart sdg evaluate`` from the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys

from veikart import cli


def test_classify_reads_lines_from_stdin_and_writes_json_lines(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Redusere klimagassutslippene\n\nMøtet begynner klokka ni.\n"))
    assert cli.main(["sdg", "classify"]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["text"] for r in records] == ["Redusere klimagassutslippene", "Møtet begynner klokka ni."]
    first = records[0]["sdgs"][0]
    assert first["goal"] == 13 and first["targets"] and first["why"] and 0 < first["score"] <= 1
    assert records[1]["sdgs"] == []


def test_classify_reads_a_file(tmp_path, capsys):
    path = tmp_path / "mål.txt"
    path.write_text("Bedre folkehelse\nReduce child mortality\n", encoding="utf-8")
    assert cli.main(["sdg", "classify", str(path)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["sdgs"][0]["goal"] for r in records] == [3, 3]


def test_classify_refuses_a_missing_file_in_one_line(tmp_path, capsys):
    assert cli.main(["sdg", "classify", str(tmp_path / "finnes-ikke.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err and "finnes-ikke.txt" in err


def test_classify_refuses_text_that_is_not_utf8_in_one_line(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Bærekraft i kommunen\n".encode("utf-16"))
    assert cli.main(["sdg", "classify", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "UTF-8" in err


def test_the_installed_command_works_as_a_pipe():
    result = subprocess.run(
        [sys.executable, "-m", "veikart", "sdg", "classify", "--language", "nb"],
        input="Øke valgdeltakelsen ved kommunestyrevalget\n", capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sdgs"][0]["goal"] == 16


def test_evaluate_prints_the_norwegian_table_per_language(capsys, monkeypatch, tmp_path):
    from veikart.sdg import evaluate

    few = [  # three texts, so the test embeds three: the real sets are measured by the command itself
        evaluate.LabelledText("a", "Redusere klimagassutslippene i kommunen.", frozenset({13}), "test", "nb"),
        evaluate.LabelledText("b", "Vi skal redusere dei sosiale skilnadene.", frozenset({10}), "test", "nn"),
        evaluate.LabelledText("c", "Flere elever skal fullføre videregående opplæring.", frozenset({4}), "tune", "nb"),
    ]
    monkeypatch.setattr(evaluate, "load_norwegian_sets", lambda: few)
    cache = tmp_path / "vectors.npz"
    assert cli.main(["sdg", "evaluate", "--only", "nb", "--bootstrap", "20", "--vectors", str(cache)]) == 0
    out = capsys.readouterr().out
    assert "micro F1" in out
    rows = [line for line in out.splitlines() if line.startswith(("test", "tune"))]
    assert [r.split()[:3] for r in rows] == [["test", "nb", "(KS)"], ["test", "nn", "(Gol)"],
                                             ["test", "all", "2"], ["tune", "nb", "1"],
                                             ["tune", "all", "1"]]
    assert cache.exists()  # a second run reads the vectors instead of embedding the texts again


def test_evaluate_says_in_one_line_when_the_benchmark_is_not_installed(monkeypatch, capsys):
    from veikart.sdg import evaluate

    def missing():
        raise evaluate.EvaluationError("the SDG Classification Benchmark is not installed")

    monkeypatch.setattr(evaluate, "load_benchmark", missing)
    assert cli.main(["sdg", "evaluate", "--only", "benchmark"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not installed" in err
