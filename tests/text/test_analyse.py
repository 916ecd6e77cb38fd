from veikart.text import analyse, fold, index_terms, query_terms, split_compound, stem


def test_it_stems_inflected_norwegian_nouns_to_one_term():
    assert index_terms("barnehage")[0] == index_terms("barnehager")[0] == index_terms("barnehagen")[0]


def test_it_folds_norwegian_letters_and_their_ascii_spellings_together():
    assert fold("økonomi") == fold("oekonomi") == fold("okonomi") == "okonomi"
    assert fold("næring") == fold("naering") == "naring"
    assert fold("fåglar") == fold("faaglar")
    assert index_terms("økonomien") == index_terms("okonomien") == index_terms("oekonomien")


def test_it_splits_a_compound_with_a_linking_s():
    assert split_compound("digitaliseringsstrategi") == ["digitalisering", "strategi"]
    assert split_compound("fylkeskommune") == ["fylke", "kommune"]


def test_it_splits_a_compound_with_a_linking_e():
    assert split_compound("barnehage") == ["barn", "hage"]


def test_it_prefers_the_split_with_fewest_parts():
    assert split_compound("arbeidsgiverpolitikk") == ["arbeidsgiver", "politikk"]


def test_it_leaves_words_that_are_not_compounds_alone():
    for word in ("organisasjon", "kommunalt", "frihet", "regionale", "ledelse"):
        assert split_compound(fold(word)) == [], word


def test_it_indexes_a_compound_and_its_parts():
    terms = index_terms("arbeidsgiverpolitikk")
    assert terms[0] == "arbeidsgiverpolitikk"
    assert stem("arbeidsgiver") in terms and "politikk" in terms


def test_it_drops_norwegian_stop_words():
    assert index_terms("og i på for å") == []


def test_it_uses_the_english_stemmer_for_english_text():
    assert analyse("municipalities employers", lang="en") == ["municip", "employ"]


def test_a_query_word_knows_its_compound_parts():
    (word,) = query_terms("digitaliseringsstrategi")
    assert word.parts == ("digitalisering", "strategi")


def test_a_query_drops_repeats_and_stop_words():
    assert [w.term for w in query_terms("Barnehage og barnehagene")] == ["barnehag"]


def test_a_query_of_any_type_or_length_gives_a_list():
    assert query_terms(None) == []  # type: ignore[arg-type]
    assert len(query_terms("ord " * 10_000)) == 1
    assert len(query_terms(" ".join(f"w{i}" for i in range(1000)))) == 16


def test_a_shortened_compound_before_og_is_completed_from_the_next_word():
    assert stem("helsetjenester") in index_terms("helse- og omsorgstjenester")


def test_a_hyphen_without_og_is_not_taken_for_a_shortened_compound():
    assert stem("iktkompetanse") not in index_terms("IKT-kompetanse og ledelse")


def test_a_lexicon_grown_from_a_corpus_splits_compounds_of_its_words():
    from veikart.text import Lexicon, default_lexicon

    assert split_compound("sjokoladefabrikk") == []
    grown = Lexicon.from_texts(["Sjokolade fra en fabrikk."], base=default_lexicon())
    assert split_compound("sjokoladefabrikk", grown) == ["sjokolade", "fabrikk"]
    assert "fabrikk" in index_terms("sjokoladefabrikken", lexicon=grown)
