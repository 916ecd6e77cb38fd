"""The evaluation arithmetic, on tiny sets whose answers are worked out by hand."""

from __future__ import annotations

import pytest

from veikart.sdg.evaluate import (
    Binary,
    EvaluationError,
    LabelledText,
    Snippet,
    mean_over_sdgs,
    multilabel_metrics,
    parse_benchmark_csv,
    parse_labelled_jsonl,
    per_sdg_binary,
    run_benchmark,
)


def test_binary_metrics_follow_the_benchmark_definitions():
    c = Binary(tp=3, fp=1, tn=4, fn=2)
    assert c.n == 10
    assert c.accuracy == pytest.approx(70.0)
    assert c.precision == pytest.approx(75.0)
    assert c.recall == pytest.approx(60.0)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Binary().f1 == 0.0 and Binary().precision == 0.0


def test_a_snippet_counts_only_for_the_sdg_it_is_labelled_for():
    snippets = [Snippet("a", 1, True), Snippet("b", 1, False), Snippet("c", 2, True), Snippet("d", 2, False)]
    # predicting goal 2 for the SDG-1 snippet "a" is neither a hit for SDG 1 nor a false positive for SDG 2
    predictions = [frozenset({2}), frozenset(), frozenset({2}), frozenset({1, 2})]
    counts = per_sdg_binary(snippets, predictions)
    assert counts[1] == Binary(tp=0, fp=0, tn=1, fn=1)
    assert counts[2] == Binary(tp=1, fp=1, tn=0, fn=0)
    assert counts[3].n == 0


def test_the_mean_is_unweighted_over_sdgs_with_snippets():
    counts = {1: Binary(tp=1, tn=1), 2: Binary(fp=1, fn=1), 3: Binary()}
    accuracy, _precision, _recall, f1 = mean_over_sdgs(counts)
    assert accuracy == pytest.approx(50.0)
    assert f1 == pytest.approx(0.5)


def test_always_yes_scores_the_share_of_positives():
    snippets = [Snippet("a", 1, True), Snippet("b", 1, False), Snippet("c", 2, True), Snippet("d", 2, True)]
    result = run_benchmark(lambda text: range(1, 18), snippets, rounds=50)
    assert result.accuracy.value == pytest.approx(result.baseline_accuracy)
    assert result.baseline_accuracy == pytest.approx((50 + 100) / 2)
    assert result.baseline_f1 == pytest.approx((2 / 3 + 1) / 2)


def test_the_bootstrap_interval_contains_the_estimate():
    snippets = [Snippet(str(i), 1 + i % 3, i % 2 == 0) for i in range(60)]
    result = run_benchmark(lambda text: [1] if int(text) % 4 == 0 else [], snippets, rounds=200)
    assert result.f1.low <= result.f1.value <= result.f1.high
    assert result.accuracy.low <= result.accuracy.value <= result.accuracy.high


def test_multilabel_metrics_count_every_goal_of_every_text():
    items = [LabelledText("1", "x", frozenset({3, 13}), "test"), LabelledText("2", "y", frozenset(), "test")]
    predictions = [frozenset({13, 8}), frozenset()]
    result = multilabel_metrics(items, predictions, rounds=0)
    assert (result.micro.tp, result.micro.fp, result.micro.fn) == (1, 1, 1)
    assert result.micro.tn == 2 * 17 - 3
    assert result.exact_match == pytest.approx(50.0)
    # macro over the labelled goals 3 and 13: recall 0 and 100
    assert result.macro_recall == pytest.approx(50.0)


def test_the_benchmark_csv_is_read_with_its_boolean_labels():
    snippets = parse_benchmark_csv('id,text,sdg,label\nx1,"Some, text",4,True\nx2,Other,5,False\n')
    assert snippets == [Snippet("Some, text", 4, True), Snippet("Other", 5, False)]
    with pytest.raises(EvaluationError, match="label"):
        parse_benchmark_csv("id,text,sdg,label\nx1,t,4,maybe\n")


def test_the_bokmal_set_file_is_strict_about_its_lines():
    items = parse_labelled_jsonl('{"id": "a", "text": "t", "sdgs": [3], "split": "tune"}\n\n')
    assert items == [LabelledText("a", "t", frozenset({3}), "tune")]
    with pytest.raises(EvaluationError, match="line 1"):
        parse_labelled_jsonl('{"id": "a", "sdgs": [3]}')
    with pytest.raises(EvaluationError, match="1–17"):
        parse_labelled_jsonl('{"id": "a", "text": "t", "sdgs": [18]}')


def test_the_shipped_bokmal_set_has_both_halves_and_no_sdg_examples():
    from veikart.sdg.evaluate import load_bokmal_set

    items = load_bokmal_set()
    assert len(items) >= 150
    assert {i.split for i in items} == {"tune", "test"}
    assert any(not i.sdgs for i in items)
    assert len({i.text for i in items}) == len(items)


def test_it_agrees_with_the_benchmark_packages_own_arithmetic():
    benchmark = pytest.importorskip("sdgclassification.benchmark")
    from sdgclassification.benchmark.Result import Result
    from sdgclassification.benchmark.ResultSet import ResultSet

    snippets = [Snippet(f"t{i}", 1 + i % 5, i % 3 != 0) for i in range(40)]
    predictions = [frozenset({1 + i % 5}) if i % 4 else frozenset({(i % 17) + 1, 9}) for i in range(40)]
    theirs = ResultSet()
    for i, (s, p) in enumerate(zip(snippets, predictions, strict=True)):
        theirs.add(Result(id=str(i), text=s.text, sdg=s.sdg, expected_label=s.label, predictions=sorted(p)))
    accuracy, precision, recall, f1 = mean_over_sdgs(per_sdg_binary(snippets, predictions))
    average = theirs.stats.average
    assert benchmark is not None
    assert accuracy == pytest.approx(average.accuracy)
    assert precision == pytest.approx(average.precision)
    assert recall == pytest.approx(average.recall)
    assert f1 == pytest.approx(average.f1)
