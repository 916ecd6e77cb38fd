from veikart.text import highlight, query_terms


def test_it_marks_inflected_and_ascii_spelled_matches():
    snippet = highlight("Økonomien i barnehagene er god.", query_terms("okonomi barnehage"))
    assert snippet == "<mark>Økonomien</mark> i <mark>barnehagene</mark> er god."


def test_it_marks_the_parts_a_compound_query_was_split_into():
    snippet = highlight("En strategi for digitalisering.", query_terms("digitaliseringsstrategi"))
    assert snippet == "En <mark>strategi</mark> for <mark>digitalisering</mark>."


def test_it_marks_a_compound_that_contains_the_query_word():
    assert "<mark>arbeidsgiverpolitikken</mark>" in highlight("Ny arbeidsgiverpolitikken.", query_terms("arbeidsgiver"))


def test_it_escapes_html_in_the_text():
    snippet = highlight("<script>alert(1)</script> budsjett", query_terms("budsjett"))
    assert snippet == "&lt;script&gt;alert(1)&lt;/script&gt; <mark>budsjett</mark>"


def test_it_cuts_a_long_text_around_the_match():
    text = "innledning " * 100 + "Her står klimatilpasning. " + "avslutning " * 100
    snippet = highlight(text, query_terms("klimatilpasning"), size=80)
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>klimatilpasning</mark>" in snippet
    assert len(snippet) < 140


def test_without_a_match_it_shows_the_start_of_the_text():
    assert highlight("Kort tekst.", query_terms("sykehus")) == "Kort tekst."


def test_a_huge_text_full_of_matches_gives_a_short_snippet():
    snippet = highlight("barnehage " * 50_000, query_terms("barnehage"), size=100)
    assert snippet.count("<mark>") >= 5 and len(snippet) < 400


def test_markup_in_the_query_cannot_reach_the_snippet():
    snippet = highlight("Skolen <b>", query_terms("<script> skole"))
    assert "<script>" not in snippet and "<b>" not in snippet
