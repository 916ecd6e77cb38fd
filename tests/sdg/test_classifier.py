"""The SDG classifier's contract and the obvious cases, in bokmål and English."""

from __future__ import annotations

import pytest

from veikart.sdg.catalogue import load_catalogue
from veikart.sdg.classifier import SdgMatch, classify


def goals(text: str, language: str | None = None) -> list[int]:
    return [m.goal for m in classify(text, language)]


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_empty_text_gives_no_goals(text):
    assert classify(text) == []


def test_a_text_about_nothing_sustainable_gives_no_goals():
    assert classify("Møtet begynner klokka ni i kantina.") == []
    assert classify("The meeting starts at nine in the canteen.") == []


def test_cutting_greenhouse_gas_emissions_is_climate_action():
    assert goals("Redusere klimagassutslippene") == [13]


def test_apprentices_are_education_or_decent_work():
    assert set(goals("Flere lærlinger i kommunene")) & {4, 8}


def test_public_health_is_good_health():
    assert goals("Bedre folkehelse i befolkningen")[0] == 3


@pytest.mark.parametrize(("text", "goal"), [
    ("Omstilling til lavutslippssamfunnet og bedre klimatilpasning", 13),
    ("Redusere sykefraværet og styrke heltidskulturen", 8),
    ("Styrke lokaldemokratiet og øke valgdeltakelsen", 16),
    ("Utbygging av kollektivtrafikk i byene", 11),
    ("Satse på sirkulær økonomi og mer ombruk", 12),
    ("Bedre integrering av flyktninger", 10),
    ("Et godt barnevern", 16),
    ("Reduce maternal mortality and improve access to health care", 3),
    ("Increase the share of renewable energy in the energy mix", 7),
])
def test_municipal_vocabulary_finds_its_goal(text, goal):
    assert goal in goals(text)


def test_a_text_can_serve_several_goals():
    found = goals("Arealbruk som tar vare på biologisk mangfold, sikrer vannressursene og reduserer klimagassutslipp")
    assert {13, 15} <= set(found)


def test_scores_are_between_0_and_1_and_sorted_best_first():
    matches = classify("Bedre folkehelse, god skole og lavere klimagassutslipp")
    scores = [m.score for m in matches]
    assert len(matches) >= 2
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 < s <= 1.0 for s in scores)


def test_targets_belong_to_their_goal_and_why_is_never_empty():
    catalogue = load_catalogue()
    for text in ["Redusere klimagassutslippene fra transport", "Reduce youth unemployment and child labour",
                 "Styrke psykisk helse blant barn og unge"]:
        for match in classify(text):
            assert match.why.strip()
            assert match.terms
            for target_id in match.targets:
                assert catalogue.target(target_id).goal == match.goal


def test_the_explanation_names_the_words_and_the_nearest_target_in_the_texts_language():
    [match] = classify("Redusere klimagassutslippene")
    assert "«klimagassutslippene»" in match.why
    assert match.why.startswith("Ord:")
    assert match.nearest_target and match.nearest_target.startswith("13.")
    english = classify("Cut greenhouse gas emissions")[0]
    assert english.why.startswith("Words:")


@pytest.mark.parametrize(("text", "language", "words", "nearest"), [
    ("Redusere klimagassutslippene", "nb", "Ord: «klimagassutslippene».", " Nærmest i mening (likhet 0,"),
    ("Vi skal redusere klimagassutsleppa", "nn", "Ord: «klimagassutsleppa».", " Nærast i meining (likskap 0,"),
    ("Cut greenhouse gas emissions", "en", "Words: «greenhouse gas», «emissions».",
     " Nearest in meaning (similarity 0."),
])
def test_the_reason_is_written_in_the_documents_language_nynorsk_included(text, language, words, nearest):
    [match, *_] = classify(text, language)
    assert match.goal == 13 and match.why.startswith(words + nearest)
    opening = "“" if language == "en" else "«"  # the target's text, quoted as the language quotes
    assert f" {match.nearest_target} {opening}" in match.why


def test_a_nynorsk_text_is_read_as_norwegian_and_only_its_reason_differs():
    text = "Vi skal redusere klimagassutsleppa"
    as_bokmal, as_nynorsk = classify(text, "nb"), classify(text, "nn")
    assert [(m.goal, m.score, m.targets) for m in as_nynorsk] == [(m.goal, m.score, m.targets) for m in as_bokmal]
    assert as_nynorsk[0].why != as_bokmal[0].why


def test_a_word_inside_a_phrase_does_not_count_for_another_goal():
    # "mangfold" alone is diversity (goal 10); in "biologisk mangfold" it is nature (goal 15)
    assert 10 not in goals("Ta vare på biologisk mangfold")
    assert 15 in goals("Ta vare på biologisk mangfold")


def test_short_words_are_not_found_inside_unrelated_words():
    assert 5 not in goals("Det lokale politiske og faglige skjønn")    # not "kjønn"
    assert 3 not in goals("Innbyggerne skal få påvirke saker som angår dem")  # not "demens"


def test_to_dict_gives_the_json_contract():
    [match] = classify("Redusere klimagassutslippene")
    data = match.to_dict()
    assert set(data) >= {"goal", "score", "targets", "why"}
    assert data["goal"] == 13 and isinstance(data["targets"], list) and isinstance(data["score"], float)
    assert isinstance(match, SdgMatch)


def test_the_language_can_be_given_or_guessed():
    assert goals("Reduce greenhouse gas emissions", "en") == goals("Reduce greenhouse gas emissions")


def test_it_refuses_what_is_not_text():
    with pytest.raises(TypeError, match="str"):
        classify(None)  # type: ignore[arg-type]


def test_a_term_that_names_its_target_puts_that_target_first():
    assert classify("Bedre folkehelse")[0].targets[0] == "3.4"
    assert classify("Redusere sykefraværet")[0].targets[0] == "8.8"


def test_every_target_the_lexicon_names_exists_under_its_goal():
    from veikart.sdg.lexicon import load_lexicon_file

    catalogue = load_catalogue()
    named = [(goal, target) for goal, langs in load_lexicon_file().items()
             for terms in langs.values() for _term, _weight, target in terms if target]
    assert len(named) > 50
    for goal, target in named:
        assert catalogue.target(target).goal == goal


def test_it_refuses_a_language_it_does_not_know():
    with pytest.raises(ValueError, match="nb, en"):
        classify("Klimatilpasning", "de")


@pytest.mark.parametrize(("bokmal", "nynorsk"), [
    ("sosiale forskjeller", "sosiale skilnader"),
    ("hjemmetjeneste", "heimeteneste"),
    ("sykefravær", "sjukefråvær"),
    ("vold i nære relasjoner", "vald i nære relasjonar"),
    ("drikkevann", "drikkevatn"),
    ("vannforsyning", "vassforsyning"),
    ("forebyggende", "førebyggande"),
    ("tidlig innsats", "tidleg innsats"),
    ("helse", "helse"),
    ("likestilling", "likestilling"),
    ("ikke fornybare ressurser", "ikkje fornybare ressurser"),
])
def test_nynorsk_forms_of_bokmal_terms_follow_the_spelling_table(bokmal, nynorsk):
    from veikart.sdg.lexicon import nynorsk_form

    assert nynorsk_form(bokmal) == nynorsk


@pytest.mark.parametrize(("text", "goal"), [
    ("Redusere sosiale skilnader i kommunen", 10),
    ("Styrke heimetenestene og sjukeheimen", 3),
    ("Førebygge vald i nære relasjonar", 5),
    ("Sikre reint drikkevatn til alle innbyggjarane", 6),
])
def test_nynorsk_texts_find_their_goal_through_the_nynorsk_forms(text, goal):
    assert goal in goals(text)
