"""Title, organisation, period and language from a strategy's text, on made-up lines and on real plans."""

from __future__ import annotations

from pathlib import Path

import pytest

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.metadata import describe, find_metadata, find_organisation, find_period, language_of, period_of
from veikart.ingest.model import DocumentSource, Period, Strategy
from veikart.ingest.pipeline import extract_bytes


@pytest.mark.parametrize(
    "text",
    [
        "Langtidsstrategi for KS 2020–2023",
        "Langtidsplan 2020-2023",
        "Plan 2020 2023",
        "Plan 2020 til 2023",
        "Plan 2020-23",
    ],
)
def test_it_reads_the_period_in_its_usual_forms(text):
    period = find_period(text)
    assert (period.start, period.end) == (2020, 2023)


def test_it_ignores_year_pairs_that_are_no_period():
    assert find_period("Vedtatt 12. februar 2020, 2019 var et år") is None
    assert find_period("Fra 2020 til 2050") is None  # longer than any strategy period
    assert find_period("side 2020 1990") is None


def test_it_names_ks_or_the_municipality():
    assert find_organisation("Langtidsplan for KS") == "KS"
    assert find_organisation("Kommuneplan for Eksempel kommune") == "Eksempel kommune"
    assert find_organisation("Regional plan for Nordland fylkeskommune") == "Nordland fylkeskommune"
    assert find_organisation("Et notat") is None


def test_the_title_is_the_top_heading_not_the_table_of_contents():
    document = Document(
        format="docx",
        blocks=[
            Block(BlockKind.HEADING, "Innhold", level=1),
            Block(BlockKind.HEADING, "Eksempel kommune", level=2),
            Block(BlockKind.HEADING, "Handlingsplan for Eksempel kommune 2024–2027", level=1),
        ],
    )
    meta = find_metadata(document)
    assert meta.title == "Handlingsplan for Eksempel kommune 2024–2027"
    assert (meta.organisation, meta.period.start, meta.period.end) == ("Eksempel kommune", 2024, 2027)


# -- the plan's own period -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Kommuneplanens samfunnsdel 2019-2032", 2019, 2032),
        ("Temaplan helhetlig boligutvikling Krødsherad Kommune2024-2033", 2024, 2033),
        ("Strategi for helse- og velferdstjenester i Øvre Eiker kommune 2025 -\n2035", 2025, 2035),
        ("Plan period 2018 to 2037", 2018, 2037),
        ("Kommuneplan 2018–2040", 2018, 2040),  # a municipal horizon of 22 years is a period
    ],
)
def test_it_reads_long_municipal_periods(text, start, end):
    period = find_period(text)
    assert (period.start, period.end) == (start, end)


def test_a_school_year_or_a_date_is_no_period():
    assert find_period("Arbeidet har pågått siden 2014/15 etter vedtatt planprogram") is None
    assert find_period("Vedtatt 18.06.2020 - 2032 medlemmer") is None


def _document(*lines: str, kind: BlockKind = BlockKind.PARAGRAPH) -> Document:
    return Document(format="text", blocks=[Block(kind, line) for line in lines], pages=["\n".join(lines)])


def test_a_span_cited_in_the_body_is_not_the_plans_period():
    body = "Arbeidet har pågått siden 2014/15. " * 3 + "Regional plan for Buskerud 2018 – 2035 gjelder."
    document = _document("Vedtatt av Krødsherad kommunestyre 18.06.2020", "Krødsherad kommune", body)
    assert period_of(None, document) is None


def test_the_plan_period_phrase_gives_the_period():
    document = _document("Joint Local Plan", "NOVEMBER 2023", "x " * 300, "The Plan period runs from 2018 to \n2037.")
    period = period_of("Joint Local Plan", document)
    assert (period.start, period.end) == (2018, 2037)


def test_a_yearly_plan_has_its_year_as_period_but_a_date_is_none():
    period = period_of("HANDLINGSPLAN", _document("HANDLINGSPLAN", "TELEMARK UNGDOMSRÅD 2025"))
    assert (period.start, period.end) == (2025, 2025)
    assert period_of("Joint Local Plan", _document("Joint Local Plan", "NOVEMBER 2023")) is None
    assert period_of("Plan", _document("Plan", "Vedtatt i kommunestyret 2021")) is None


# -- the author ----------------------------------------------------------------


def test_ks_only_when_ks_is_the_author():
    assert find_organisation("Langtidsstrategi for KS 2020–2023") == "KS"
    assert find_organisation("x", title="Strategi", cover="KOMMUNESEKTORENS ORGANISASJON") == "KS"
    body = "Saken ble behandlet i KS-sak 12/20. KS har laget en veileder. Gol kommune og KS samarbeider."
    assert find_organisation(body, title="Kommuneplan for Gol", cover="KOMMUNEPLAN FOR GOL") == "Gol kommune"
    assert find_organisation("Se KS-sak 12/20 og rapporten fra KS.", title="Plan", cover="Plan") is None


def test_the_organisation_is_named_as_the_register_names_it():
    assert find_organisation("x", title="Plan", cover="Vedteken av Gol kommunestyre sak K24/2018") == "Gol kommune"
    assert find_organisation("x", title="KOMMUNEPLAN FOR GOL", cover="") == "Gol kommune"
    assert find_organisation("Ungdom i Telemark. Telemark fylkeskommune har ansvaret.", title="HANDLINGSPLAN",
                             cover="TELEMARK UNGDOMSRÅD") == "Telemark fylkeskommune"
    assert find_organisation("x", title="Plan", cover="Nore og Uvdal kommune") == "Nore og Uvdal kommune"
    assert find_organisation("Telemarks fylkesting vedtok planen", title="Plan", cover="") == "Telemark fylkeskommune"


def test_a_former_member_maps_to_its_successor_and_a_split_one_is_not_guessed():
    # 3046 Krødsherad (2020-2023) is 3318 Krødsherad today; Viken was split in three.
    assert find_organisation("x", title="Plan", cover="Krødsherad kommune") == "Krødsherad kommune"
    assert find_organisation("Viken fylkeskommune", title="Plan", cover="Plan") is None


def test_the_municipality_named_most_wins_and_a_tie_is_none():
    head = "Krødsherad kommune ligger ved Norefjorden. " * 3 + "Vi samarbeider med Modum kommune."
    assert find_organisation(head, title="Plan", cover="Plan") == "Krødsherad kommune"
    assert find_organisation("Gol kommune og Hol kommune", title="Plan", cover="Plan") is None


def test_an_english_plan_keeps_the_council_printed_on_it():
    head = "Babergh District Council & Mid Suffolk District Council\nJoint Local Plan\n" * 3 + "The Council will"
    assert find_organisation(head, title="Joint Local Plan", cover="Babergh and Mid Suffolk") == (
        "Babergh District Council and Mid Suffolk District Council"
    )
    assert find_organisation("The Council will decide.", title="Local Plan", cover="Local Plan") is None


# -- the real documents ----------------------------------------------------------

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "veikart" / "web" / "demo" / "samples"  # the committed copies of ../shared/samples
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUSKERUD = ROOT / "corpus" / "buskerud"
PDFS = ROOT / "corpus" / "pdf"

# file -> (language, organisation, period); None where the document states none.
CORPUS = {
    "3301_drammen_temaplan_helse_sosial_omsorg.md": ("nb", "Drammen kommune", None),
    "3314_ovre-eiker_strategi_helse_velferd_2025-2035.md": ("nb", "Øvre Eiker kommune", (2025, 2035)),
    "3318_krodsherad_samfunnsdel_2019-2032.md": ("nb", "Krødsherad kommune", (2019, 2032)),
    "3318_krodsherad_temaplan_boligutvikling_2024-2033.md": ("nb", "Krødsherad kommune", (2024, 2033)),
    "3324_gol_samfunnsdel_2018-2030.md": ("nn", "Gol kommune", (2018, 2030)),
    "3330_hol_handlingsplan_folkehelse_2021-2033.md": ("nb", "Hol kommune", (2021, 2033)),
    "3338_nore-og-uvdal_samfunnsdel_tett_paa_folk.md": ("nb", "Nore og Uvdal kommune", None),
}
# Without the converter's header ("# Krødsherad: Kommuneplanens samfunnsdel 2019-2032"), as uploads come:
# Krødsherad's samfunnsdel states its period nowhere else ("tidshorisont fram mot 2032").
WITHOUT_HEADER = {**CORPUS, "3318_krodsherad_samfunnsdel_2019-2032.md": ("nb", "Krødsherad kommune", None)}


def _described(data: bytes, filename: str):
    strategy = extract_bytes(data, filename=filename)
    period = (strategy.period.start, strategy.period.end) if strategy.period else None
    return strategy.language, strategy.organisation, period


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_the_buskerud_plans_with_the_converters_header(name):
    assert _described((BUSKERUD / name).read_bytes(), name) == CORPUS[name]


@pytest.mark.parametrize("name", sorted(WITHOUT_HEADER))
def test_the_buskerud_plans_without_the_converters_header(name):
    text = (BUSKERUD / name).read_text(encoding="utf-8")
    body = text[text.index("<!--") :]
    assert "Kommunenr" not in body
    assert _described(body.encode(), name) == WITHOUT_HEADER[name]


def test_the_telemark_pdf():
    name = "telemark-ungdomsrad-handlingsplan-2025.pdf"
    assert _described((PDFS / name).read_bytes(), name) == ("nb", "Telemark fylkeskommune", (2025, 2025))


def test_the_english_plan():
    name = "uk-babergh-mid-suffolk-joint-local-plan-part1-2023.pdf"
    assert _described((PDFS / name).read_bytes(), name) == (
        "en", "Babergh District Council and Mid Suffolk District Council", (2018, 2037)
    )


@pytest.mark.parametrize(
    ("path", "period"),
    [
        (SAMPLES / "ks-langtidsplan-2016-2019.txt", (2016, 2019)),
        (SAMPLES / "ks-langtidsstrategi-2020-2023.md", (2020, 2023)),
        (FIXTURES / "ks-langtidsstrategi-2020-2023.pdf", (2020, 2023)),
        (FIXTURES / "ks-langtidsstrategi-2020-2023.docx", (2020, 2023)),
        (FIXTURES / "ks-langtidsstrategi-2020-2023.html", (2020, 2023)),
    ],
    ids=lambda p: p.name if isinstance(p, Path) else None,
)
def test_the_ks_strategies_stay_ks(path, period):
    assert _described(path.read_bytes(), path.name) == ("nb", "KS", period)


def test_the_language_is_judged_on_the_body_not_the_headings():
    english_headings = [Block(BlockKind.HEADING, "Vision and Objectives", level=1)] * 5
    nynorsk = Block(BlockKind.PARAGRAPH, "Kommunen skal vere ein god stad å bu for alle innbyggjarane, og vi vil "
                    "leggje til rette for at folk kan busetje seg her og finne arbeid i bygda.")
    assert language_of(Document(format="text", blocks=[*english_headings, nynorsk])) == "nn"
    assert language_of(Document(format="text")) is None


def test_describe_sets_language_organisation_and_period():
    document = Document(format="text", blocks=[
        Block(BlockKind.HEADING, "Kommuneplan for Eksempel kommune 2024–2035", level=1),
        Block(BlockKind.PARAGRAPH, "The council will build more homes and improve public transport for everyone."),
    ])
    strategy = Strategy(title="Kommuneplan for Eksempel kommune 2024–2035", organisation="KS",
                        period=Period(2014, 2015), source=DocumentSource(None, "", None))
    describe(strategy, document)
    assert (strategy.language, strategy.organisation) == ("en", "Eksempel kommune")
    assert (strategy.period.start, strategy.period.end) == (2024, 2035)
