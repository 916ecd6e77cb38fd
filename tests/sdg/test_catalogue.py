"""The SDG catalogue: 17 goals, 169 targets in both languages, corrected bokmål, official colours."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from veikart.sdg.catalogue import (
    GOAL_COLOURS,
    CatalogueError,
    find_imperatives,
    load_catalogue,
    read_corrections,
    readable_text_colour,
)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_it_has_17_goals_and_169_targets(catalogue):
    assert sorted(catalogue.goals) == list(range(1, 18))
    assert len(catalogue.targets) == 169
    assert sum(len(goal.targets) for goal in catalogue.goals.values()) == 169


def test_every_target_has_text_in_bokmal_and_english(catalogue):
    for target in catalogue.targets.values():
        assert len(target.text_nb) > 20, target.id
        assert len(target.text_en) > 20, target.id
        assert target.text_nb != target.text_en, target.id


def test_goals_have_short_names_and_titles_in_both_languages(catalogue):
    assert catalogue.goal(13).short_nb == "Stoppe klimaendringene"
    assert catalogue.goal(13).short_en.lower().startswith("climate")
    assert all(goal.title("nb") and goal.title("en") for goal in catalogue.goals.values())


def test_no_two_targets_share_a_bokmal_text(catalogue):
    counts = Counter(target.text_nb for target in catalogue.targets.values())
    assert counts.most_common(1)[0][1] == 1


def test_the_two_copied_targets_were_replaced(catalogue):
    assert catalogue.target("1.a").text_nb != catalogue.target("1.5").text_nb
    assert catalogue.target("10.3").text_nb != catalogue.target("10.2").text_nb
    assert catalogue.target("1.a").text_nb_original == catalogue.target("1.5").text_nb_original
    assert "utrydde fattigdom" in catalogue.target("1.a").text_nb


def test_no_corrected_target_reads_as_an_imperative_or_du_form(catalogue):
    corrected = [t for t in catalogue.targets.values() if t.corrected]
    assert len(corrected) >= 76
    for target in catalogue.targets.values():
        assert find_imperatives(target.text_nb) == [], (target.id, target.text_nb)
        assert not re.search(r"\bdu\b", target.text_nb), target.id


def test_the_imperative_finder_flags_the_machine_translation(catalogue):
    assert find_imperatives("Innen 2030, reduser minst halvparten av andelen") == ["reduser"]
    assert find_imperatives("Innen 2030 må du bygge motstanden") == ["du"]
    assert find_imperatives("Innen 2020, halverer antall globale dødsfall") == ["halverer"]
    assert find_imperatives("Innen 2030 redusere mødredødeligheten") == []
    assert find_imperatives("Styrke innsatsen for å verne kulturarven") == []
    flagged = [t.id for t in catalogue.targets.values() if find_imperatives(t.text_nb_original)]
    assert {"1.2", "1.5", "3.5", "14.2"} <= set(flagged)


def test_every_correction_names_a_known_target_and_gives_a_reason():
    reasons = {"imperativ", "du-form", "duplikat", "feil", "grammatikk", "språk"}
    for target_id, correction in read_corrections().items():
        assert re.fullmatch(r"\d{1,2}\.(\d{1,2}|[a-d])", target_id)
        assert correction["grunn"] and set(correction["grunn"]) <= reasons, target_id
        assert correction["tekst"].strip()


def test_indicators_hang_under_their_targets(catalogue):
    assert len(catalogue.indicators) > 200
    indicator_ids = [i.id for i in catalogue.target("3.4").indicators]
    assert indicator_ids[:2] == ["3.4.1", "3.4.2"]


def test_goals_carry_the_official_un_colours(catalogue):
    assert catalogue.goal(1).colour == "#E5243B"
    assert catalogue.goal(7).colour == "#FCC30B"
    assert catalogue.goal(17).colour == "#19486A"
    assert len(set(GOAL_COLOURS.values())) == 17
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in GOAL_COLOURS.values())


def test_the_goal_number_is_drawn_in_the_more_readable_of_black_and_white():
    assert readable_text_colour("#FCC30B") == "#000000"   # yellow goal 7
    assert readable_text_colour("#19486A") == "#FFFFFF"   # dark blue goal 17


def test_asking_for_a_goal_that_does_not_exist_says_so(catalogue):
    with pytest.raises(CatalogueError, match="1–17"):
        catalogue.goal(18)
    with pytest.raises(CatalogueError):
        catalogue.target("3.z")


def test_the_corrections_document_lists_every_change_and_is_up_to_date():
    from pathlib import Path

    from veikart.sdg.corrections_doc import render

    doc = Path(__file__).resolve().parents[2] / "docs" / "sdg-catalogue-corrections.md"
    rendered = render()  # once: rendering reads and compares the whole catalogue (seconds)
    assert doc.read_text(encoding="utf-8") == rendered, "run: python -m veikart.sdg.corrections_doc > " + str(doc)
    assert all(f"| {target_id} |" in rendered for target_id in read_corrections())
