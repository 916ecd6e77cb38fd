import json

import pytest

from veikart.compare import Relation, compare, summary_text
from veikart.compare.summary import new_item_status
from veikart.ingest.model import Item

from .strategies import (
    DROPPED,
    KEPT,
    MERGED_NEW,
    MERGED_OLD,
    NEW,
    NEW_STRATEGY,
    OLD,
    REWORDED_NEW,
    REWORDED_OLD,
    SPLIT_NEW,
    SPLIT_OLD,
    strategy,
)


@pytest.fixture(scope="module")
def comparison():
    return compare(OLD, NEW_STRATEGY)


def old_goal_status(comparison, text):
    level = comparison.levels["goals"]
    (entry,) = [e for e in level.old if e.text == text]
    return level.old_status[entry.id]


def targets(comparison, text):
    level = comparison.levels["goals"]
    return sorted(x.new.text for x in level.links if x.old.text == text)


def test_an_identical_goal_is_kept(comparison):
    assert old_goal_status(comparison, KEPT) == Relation.KEPT
    assert targets(comparison, KEPT) == [KEPT]


def test_a_goal_said_in_other_words_is_reworded(comparison):
    assert old_goal_status(comparison, REWORDED_OLD) == Relation.REWORDED
    assert targets(comparison, REWORDED_OLD) == [REWORDED_NEW]


def test_two_goals_that_became_one_are_merged(comparison):
    for text in MERGED_OLD:
        assert old_goal_status(comparison, text) == Relation.MERGED
        assert targets(comparison, text) == [MERGED_NEW]


def test_a_goal_that_became_two_is_split(comparison):
    assert old_goal_status(comparison, SPLIT_OLD) == Relation.SPLIT
    assert targets(comparison, SPLIT_OLD) == sorted(SPLIT_NEW)


def test_a_goal_with_no_counterpart_is_dropped(comparison):
    assert old_goal_status(comparison, DROPPED) == Relation.DROPPED
    assert targets(comparison, DROPPED) == []


def test_a_goal_with_no_predecessor_is_new(comparison):
    (entry,) = [e for e in comparison.levels["goals"].new if e.text == NEW]
    assert new_item_status(comparison, entry) == Relation.NEW


def test_commitments_are_aligned_too(comparison):
    level = comparison.levels["commitments"]
    assert [level.old_status[e.id] for e in level.old] == [Relation.REWORDED]


def test_focus_areas_are_aligned_and_a_new_one_is_new(comparison):
    level = comparison.levels["sections"]
    pairs = {(x.old.text, x.new.text) for x in level.links}
    assert pairs >= {("Oppvekst", "Oppvekst"), ("Arbeidsgiver", "Arbeidsgiver")}
    (klima,) = [e for e in level.new if e.text == "Klima"]
    assert level.new_status[klima.id] == Relation.NEW


def test_an_old_goal_can_live_on_as_a_new_commitment():
    old = strategy(2016, [("Helse", ["Kommunene kjenner og tar i bruk tiltak som fremmer god folkehelse."], [])])
    new = strategy(2020, [("Helse", ["Innbyggerne lever gode liv."], [])])
    new.sections[0].commitments.append(Item("Kommunen tar i bruk tiltak som fremmer god folkehelse hos alle."))
    level = compare(old, new).levels["goals"]
    assert [x.new.kind.value for x in level.links] == ["commitment"]


def test_the_summary_counts_every_old_goal_once(comparison):
    goals = comparison.summary().goals
    assert (goals.old_total, goals.kept, goals.reworded, goals.merged, goals.split, goals.dropped) == (6, 1, 1, 2, 1, 1)
    assert (goals.new_total, goals.new) == (6, 1)


def test_the_summary_reads_as_norwegian_and_english(comparison):
    summary = comparison.summary()
    assert summary_text(summary, "nb").startswith(
        "Av 6 mål i 2016–2019 er 2 beholdt eller omformulert i 2020–2023, 2 slått sammen, 1 delt og 1 utgått; "
        "1 av 6 mål i 2020–2023 er nye."
    )
    assert summary_text(summary, "en").startswith(
        "Of 6 goals in 2016–2019, 2 are kept or reworded in 2020–2023, 2 merged, 1 split and 1 dropped; "
        "1 of 6 goals in 2020–2023 is new."
    )


def test_the_comparison_is_json_with_a_diff_per_link(comparison):
    data = json.loads(json.dumps(comparison.to_dict(), ensure_ascii=False))
    assert data["schema"] == "veikart.comparison/1"
    assert set(data["levels"]) == {"sections", "goals", "commitments"}
    link = next(x for x in data["levels"]["goals"]["links"] if x["relation"] == "reworded")
    assert {op for op, _ in link["diff"]} == {"equal", "delete", "insert"}


def test_two_empty_strategies_compare_to_nothing():
    empty = compare(strategy(2016, []), strategy(2020, []))
    assert empty.summary().goals.old_total == 0
    assert all(not level.links for level in empty.levels.values())


def test_shared_sdg_themes_make_items_more_alike_when_asked_for():
    from veikart.compare.similarity import sdg_similarity

    old = ["Redusere klimagassutslippene i kommunen."]
    themes = sdg_similarity(old, ["Kutte utslipp av klimagasser.", "Flere lærlinger."])
    assert themes[0, 0] > themes[0, 1]
