"""The flattened transcript of the KS long-term plan 2016–2019, and the same rules on a made-up plan.

The expected structure (expected/ks-2016-2019.json) was written by reading
the transcript sentence by sentence. Print the precision/recall table with:

    .venv/bin/veikart evaluate-extract /work/shared/samples/ks-langtidsplan-2016-2019.txt \
        tests/ingest/expected/ks-2016-2019.json
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from veikart.ingest import ExtractError, extract_bytes
from veikart.ingest.model import DocumentSource, Strategy
from veikart.ingest.readers import text
from veikart.ingest.structure import flattened
from veikart.ingest.structure.flat_verbs import VerbLexicon
from veikart.ingest.tools import sentences
from veikart.ingest.tools.evaluate import evaluate, format_table

SAMPLE = Path("/work/shared/samples/ks-langtidsplan-2016-2019.txt")
EXPECTED = Path(__file__).parent / "expected" / "ks-2016-2019.json"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="the shared KS sample is not on this machine")


@pytest.fixture(scope="module")
def expected() -> Strategy:
    return Strategy.from_dict(json.loads(EXPECTED.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def found() -> Strategy:
    return extract_bytes(SAMPLE.read_bytes(), filename=SAMPLE.name)


@pytest.fixture(scope="module")
def read_and_built():
    document = text.read(SAMPLE.read_bytes())
    strategy = flattened.build_strategy(document, DocumentSource(SAMPLE.name, "", None, "text"))
    return document, strategy


def _placed(strategy: Strategy) -> dict[str, list[tuple[str, str]]]:
    out: dict[str, list[tuple[str, str]]] = {"goals": [], "commitments": []}
    for section in strategy.walk():
        out["goals"] += [(section.title, g.text) for g in section.goals]
        out["commitments"] += [(section.title, c.text) for c in section.commitments]
    return out


def _letters(value: str) -> str:
    return re.sub(r"[\W_]", "", value.lower())


# --- the KS 2016–2019 plan -------------------------------------------------------------------------


def test_it_finds_every_focus_area_goal_and_commitment_and_nothing_else(found, expected) -> None:
    evaluation = evaluate(found, expected)
    measured = {kind: (s.precision, s.recall) for kind, s in evaluation.scores.items()}
    assert measured == {"sections": (1.0, 1.0), "goals": (1.0, 1.0), "commitments": (1.0, 1.0)}, format_table(
        evaluation
    )
    assert [s.expected for s in evaluation.scores.values()] == [7, 63, 43]


def test_every_item_sits_in_the_section_and_order_the_plan_gives_it(found, expected) -> None:
    assert _placed(found) == _placed(expected)


def test_focus_area_titles_are_cut_from_the_sentence_they_were_glued_to(found) -> None:
    titles = [s.title for s in found.sections]
    assert titles == [
        "KS som organisasjon",
        "Inkluderende folkestyre",
        "Sunn kommuneøkonomi",
        "Attraktive arbeidsgivere",
        "Bærekraftige helse- og velferdstjenester",
        "Inkluderende oppvekst",
        "Livskraftige regioner, byer og distrikter",
    ]
    assert found.sections[1].intro.startswith("Norsk lokaldemokrati er godt")


def test_focus_area_introductions_are_their_opening_paragraphs(found, expected) -> None:
    assert [s.intro for s in found.sections[1:]] == [s.intro for s in expected.sections[1:]]


def test_the_front_part_is_an_introduction_with_the_organisations_own_goals(found, expected) -> None:
    front = found.sections[0]
    assert front.number is None and not front.commitments
    assert [g.text for g in front.goals] == [g.text for g in expected.sections[0].goals]
    # Known failure: the transcript lost the full stop after "bistand" (a list ended there), so two
    # sentences of the introduction run together. The reader of the expected file put it back.
    assert front.intro == expected.sections[0].intro.replace("bistand. KS har", "bistand KS har")


def test_it_reads_title_organisation_and_period(found) -> None:
    assert found.title == "Langtidsplan for KS 2016–2019"
    assert found.organisation == "KS"
    assert (found.period.start, found.period.end) == (2016, 2019)


def test_it_recovers_the_eight_pages_of_the_printed_plan(found) -> None:
    assert found.source.pages == 8
    assert found.source.format == "text"


def test_similar_documents_cover_and_colophon_are_not_part_of_the_plan(found) -> None:
    everything = json.dumps(found.to_dict(), ensure_ascii=False)
    for outside in ("Like dokumenter", "Arbeidsgiverstrategi", "KOMMUNESEKTORENS ORGANISASJON",
                    "Norwegian Association", "ISBN", "Postadresse", "www.bly.as", "Langtidsplan for KS 2016 2019"):
        assert outside not in everything


def test_page_numbers_are_taken_out_and_the_broken_sentence_joined(found) -> None:
    goals = {g.text: g for s in found.sections for g in s.goals}
    regional = goals[
        "Et forsterket regionalt folkestyre med nødvendige virkemidler til å ta et regionalt lederskap og "
        "utvikle regionen med utgangspunkt i regionale fortrinn, behov og ressurser."
    ]
    assert regional.source.page == 2
    income = next(g for text_, g in goals.items() if text_.startswith("Inntektsrammene"))
    assert "vedlikeholdsetterslepet er tydelig redusert" in income.text and income.source.page == 3
    items = [i.text for s in found.sections for i in (*s.goals, *s.commitments)]
    assert not [t for t in items if re.search(r"\s\d\s", t) or re.search(r"\s\d$", t)]


def test_a_hyphen_lost_at_a_line_end_is_put_back(found) -> None:
    goals = [g.text for s in found.sections for g in s.goals]
    assert "Kommunene har gode styringsdata for helse- og omsorgstjenestene." in goals


def test_every_source_points_at_its_item_on_its_page(read_and_built) -> None:
    document, strategy = read_and_built
    assert document.paged and len(document.pages) == strategy.source.pages == 8
    exact, across_page_break = 0, 0
    for section in strategy.walk():
        for item in (*section.goals, *section.commitments):
            page_text = document.pages[item.source.page - 1]
            shown = _letters(page_text[item.source.start : item.source.end])
            assert shown and _letters(item.text).startswith(shown), item.text
            if shown == _letters(item.text):
                exact += 1
            else:  # the item goes on on the next page; its source covers the part on this one
                assert item.source.end >= len(page_text.rstrip("0123456789 ")) - 1
                across_page_break += 1
    assert (exact, across_page_break) == (103, 3)


def test_it_still_finds_the_plan_without_the_sites_list_and_marker(expected) -> None:
    data = SAMPLE.read_text(encoding="utf-8").split("Transkript:", 1)[1].strip()
    document = text.read(data.encode("utf-8"))
    assert flattened.looks_flattened(document)
    strategy = flattened.build_strategy(document, DocumentSource("bare.txt", "", None, "text"))
    assert evaluate(strategy, expected).perfect()


# --- the same rules on a made-up plan --------------------------------------------------------------

EKSEMPEL = """Strategiplan for Eksempel kommune

Like dokumenter
Kommuneplan for Nabobygda 2020-2032

Handlingsprogram for Fjordby kommune

Transkript:

Strategiplan for Eksempel kommune 2024 2027 EKSEMPEL KOMMUNE Sammen om framtida

Strategiplanen viser hvordan Eksempel kommune skal utvikle seg fram mot 2027. Planen bygger på \
kommuneplanens samfunnsdel, jf. vedtak i kommunestyret 14. mars 2023. Satsingsområder: Trygg oppvekst \
Alle barn i Eksempel kommune skal ha en god og trygg barndom. Mange familier opplever likevel press i \
hverdagen, bl.a. på grunn av økte levekostnader. Samtidig er barnetallet synkende, og flere skoler har \
ledig kapasitet. Det er derfor viktig å se tjenestene for barn og unge i sammenheng. En barnehage og \
skole der alle barn opplever mestring. Færre barn som trenger hjelp fra barnevernet. Tverrfaglig \
samarbeid er en fast del av arbeidet 2

i alle tjenester for barn og unge. Etablere et felles lavterskeltilbud for familier i alle \
skolekretser. Rehabilitere skolebygg i tråd med behovet for moderne læringsmiljø. Grønn omstilling \
Klimaendringene merkes allerede i kommunen gjennom flere flomhendelser. Kommunen må rehabilitere gamle \
ledningsnett og ta vare på matjorda. Utslippene fra transport utgjør over halvparten av de direkte \
utslippene i kommunen. Klimagassutslippene er redusert med 50 prosent innen 2030. Reduksjon i \
energibruken i kommunale bygg. 3

Kartlegge risiko for flom og skred i alle bygdelag. Sammen med næringslivet utvikle en plan for \
fossilfri næringstransport. Gode tjenester i hele kommunen Eksempel kommune har spredt bosetting og \
lange avstander. Innbyggerne forventer likevel like gode tjenester uansett hvor de bor. Dette krever \
nye måter å organisere arbeidet på. Digitale tjenester er tilgjengelige for alle innbyggere. Tilby \
digital opplæring for eldre på biblioteket og i frivilligsentralene. Samordne hjemmetjenestene i ett \
felles distrikt. 4

Eksempel kommune Rådhusveien 1, 9999 Eksempelby Postadresse: Postboks 1 Telefon: 12 34 56 78 Org.nr. 999
"""

EKSEMPEL_EXPECTED = {
    "Trygg oppvekst": (
        [
            "En barnehage og skole der alle barn opplever mestring.",
            "Færre barn som trenger hjelp fra barnevernet.",
            "Tverrfaglig samarbeid er en fast del av arbeidet i alle tjenester for barn og unge.",
        ],
        [
            "Etablere et felles lavterskeltilbud for familier i alle skolekretser.",
            "Rehabilitere skolebygg i tråd med behovet for moderne læringsmiljø.",
        ],
    ),
    "Grønn omstilling": (
        ["Klimagassutslippene er redusert med 50 prosent innen 2030.", "Reduksjon i energibruken i kommunale bygg."],
        [
            "Kartlegge risiko for flom og skred i alle bygdelag.",
            "Sammen med næringslivet utvikle en plan for fossilfri næringstransport.",
        ],
    ),
    "Gode tjenester i hele kommunen": (
        ["Digitale tjenester er tilgjengelige for alle innbyggere."],
        [
            "Tilby digital opplæring for eldre på biblioteket og i frivilligsentralene.",
            "Samordne hjemmetjenestene i ett felles distrikt.",
        ],
    ),
}


@pytest.fixture(scope="module")
def eksempel() -> Strategy:
    return extract_bytes(EKSEMPEL.encode("cp1252"), filename="eksempel.txt")


def test_a_made_up_plan_gives_its_areas_goals_and_actions(eksempel) -> None:
    found = {s.title: ([g.text for g in s.goals], [c.text for c in s.commitments]) for s in eksempel.sections}
    assert found == EKSEMPEL_EXPECTED


def test_a_made_up_plan_gets_its_title_organisation_period_and_pages(eksempel) -> None:
    assert eksempel.title == "Strategiplan for Eksempel kommune 2024–2027"
    assert eksempel.organisation == "Eksempel kommune"
    assert (eksempel.period.start, eksempel.period.end) == (2024, 2027)
    assert eksempel.source.pages == 5
    first_goal_after_break = eksempel.sections[0].goals[2]
    assert first_goal_after_break.source.page == 2


def test_a_made_up_plan_keeps_the_introductions_apart(eksempel) -> None:
    intros = [s.intro for s in eksempel.sections]
    assert intros[0].startswith("Alle barn i Eksempel kommune") and intros[0].endswith("i sammenheng.")
    assert intros[1].endswith("de direkte utslippene i kommunen.")
    assert intros[2] == (
        "Eksempel kommune har spredt bosetting og lange avstander. Innbyggerne forventer likevel like gode "
        "tjenester uansett hvor de bor. Dette krever nye måter å organisere arbeidet på."
    )


def test_a_verb_the_general_list_lacks_is_learnt_from_the_text_itself() -> None:
    assert "rehabilitere" not in VerbLexicon().harvested
    assert not VerbLexicon().is_action("Rehabilitere skolebygg.")
    assert VerbLexicon.from_text("Kommunen må rehabilitere gamle ledningsnett.").is_action("Rehabilitere skolebygg.")


def test_an_ordinary_short_text_is_not_treated_as_flattened() -> None:
    note = (
        "Referat fra møte i oppvekstutvalget\n\nTil stede: fem representanter.\n\n"
        "Sak 1/24 Budsjett. Utvalget tok saken til orientering.\n\nSak 2/24 Skolebruksplan. Vedtatt."
    )
    assert not flattened.looks_flattened(text.read(note.encode("utf-8")))


def test_a_long_text_of_ordinary_paragraphs_is_not_treated_as_flattened() -> None:
    paragraph = "Kommunen har gode tjenester og engasjerte innbyggere som deltar i arbeidet. " * 6
    document = text.read("\n\n".join([paragraph] * 12).encode("utf-8"))
    assert not flattened.looks_flattened(document)


@pytest.mark.parametrize(
    ("passage", "count"),
    [
        ("KS landsting 16.-17. februar 2016 satte søkelyset på inkludering. Dette temaet følges opp.", 2),
        ("Minst to lærlinger pr. 1000 innbyggere pr. år. Neste mål.", 2),
        ("Vi samarbeider bl.a. med staten, f.eks. om Nr. 5 i rekken. Så videre.", 2),
        ("Kontakt A. Hansen om saken. Han svarer.", 2),
        ("Mål i langtidsperioden: Inkluderende folkestyre Norsk lokaldemokrati er godt.", 2),
        ("Det skal KS bidra til gjennom å: være en tydelig arbeidsgiverorganisasjon.", 1),
    ],
)
def test_sentences_end_where_norwegian_sentences_end(passage: str, count: int) -> None:
    assert len(sentences.split(passage)) == count


UNPAGED = """Transkript:

Plan for Testby 2025 2028

Byen vokser raskt. Flere innbyggere trenger boliger og skoler. Samtidig stiger kostnadene. Gode boliger \
for alle Testby har lav boligbygging i sentrum. Mange unge flytter derfor ut. Dette krever en aktiv \
boligpolitikk. Flere boliger i sentrum er bygget innen 2028. Kartlegge tomter som egner seg for 17

boligbygging. Samarbeide med utbyggere om rimelige boliger.
"""


def test_without_a_page_sequence_offsets_index_the_whole_text_and_the_number_still_goes() -> None:
    document = text.read(UNPAGED.encode("utf-8"))
    strategy = flattened.build_strategy(document, DocumentSource("testby.txt", "", None, "text"))
    facts = (strategy.title, strategy.organisation, strategy.source.pages)
    assert facts == ("Plan for Testby 2025–2028", "Testby", None)
    (area,) = strategy.sections
    assert area.title == "Gode boliger for alle"
    assert [g.text for g in area.goals] == ["Flere boliger i sentrum er bygget innen 2028."]
    assert [c.text for c in area.commitments] == [
        "Kartlegge tomter som egner seg for boligbygging.",
        "Samarbeide med utbyggere om rimelige boliger.",
    ]
    assert not document.paged
    for item in (*area.goals, *area.commitments):
        assert item.source.page is None
        assert item.text.startswith(UNPAGED[item.source.start : item.source.end])
    assert UNPAGED[area.commitments[0].source.start : area.commitments[0].source.end] == (
        "Kartlegge tomter som egner seg for"
    )


def test_a_transcript_with_no_title_anywhere_is_called_untitled() -> None:
    document = text.read(b"Transkript:\n\nEn setning uten noe mer.")
    strategy = flattened.build_strategy(document, DocumentSource("x.txt", "", None, "text"))
    assert (strategy.title, strategy.sections) == ("Uten tittel", [])


def test_a_transcript_with_nothing_after_the_marker_is_refused_in_one_line() -> None:
    document = text.read(b"Tittel\n\nTranskript:\n")
    with pytest.raises(ExtractError, match="^the document holds no text to find a strategy in$"):
        flattened.build_strategy(document, DocumentSource("x.txt", "", None, "text"))
