"""The structure finder on small made-up plans of a fictional "Eksempel kommune".

They show it follows numbering, tables of contents, "Mål" headings and
lead-ins in general, not the one KS document it was first proven on.
"""

from __future__ import annotations

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.model import DocumentSource
from veikart.ingest.readers import markdown
from veikart.ingest.structure import sectioned
from veikart.ingest.tools.clean import normalise_text

H, P, L = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.LIST_ITEM

MUNICIPAL_PLAN = """# Kommuneplanens samfunnsdel for Eksempel kommune 2024–2035

## 1. Innledning

Kommuneplanen viser hvor vi vil.

## 2. Satsingsområder

### 2.1 Oppvekst

Barn og unge er framtida vår.

**Mål:**

- Alle barn opplever mestring i barnehage og skole.
- Flere fullfører videregående opplæring.

**Dette gjør vi:**

- Vi styrker samarbeidet mellom skole og helsestasjon.
- Vi bygger ny skole på Nordby.

### 2.2 Helse og omsorg

Mål: Innbyggerne bor lenger i eget hjem.

Strategier:

- Satse på velferdsteknologi.
- Styrke helse- og omsorgstjenestene i hjemmet.
"""


def _build(document: Document):
    return sectioned.build_strategy(document, DocumentSource("plan", "", document.page_count, document.format))


def _items(strategy):
    return {s.number or s.title: ([g.text for g in s.goals], [c.text for c in s.commitments]) for s in strategy.walk()}


def _assert_sources_give_back_the_text(strategy, document):
    for section in strategy.walk():
        for item in (*section.goals, *section.commitments):
            page = document.pages[(item.source.page or 1) - 1]
            assert normalise_text(page[item.source.start : item.source.end]) == item.text


def test_a_municipal_plan_with_mal_labels_and_lead_ins():
    document = markdown.read(MUNICIPAL_PLAN.encode())
    strategy = _build(document)
    assert (strategy.organisation, strategy.period.start, strategy.period.end) == ("Eksempel kommune", 2024, 2035)
    assert [(s.number, s.title) for s in strategy.walk()] == [
        ("1", "Innledning"),
        ("2", "Satsingsområder"),
        ("2.1", "Oppvekst"),
        ("2.2", "Helse og omsorg"),
    ]
    assert _items(strategy)["2.1"] == (
        ["Alle barn opplever mestring i barnehage og skole.", "Flere fullfører videregående opplæring."],
        ["Vi styrker samarbeidet mellom skole og helsestasjon.", "Vi bygger ny skole på Nordby."],
    )
    assert _items(strategy)["2.2"] == (
        ["Innbyggerne bor lenger i eget hjem."],
        ["Satse på velferdsteknologi.", "Styrke helse- og omsorgstjenestene i hjemmet."],
    )
    assert _section(strategy, "2.1").intro == "Barn og unge er framtida vår."
    _assert_sources_give_back_the_text(strategy, document)


def _section(strategy, number):
    return next(s for s in strategy.walk() if s.number == number)


def _document(spec: list[tuple], *, paged: bool = False, fmt: str = "docx") -> Document:
    """A document from (page, kind, text, level, numbered) rows, with page texts the blocks index."""
    pages: dict[int, str] = {}
    blocks = []
    for page, kind, text, level, numbered in spec:
        key = page if paged else 1
        start = len(pages.get(key, ""))
        pages[key] = pages.get(key, "") + text + "\n\n"
        blocks.append(
            Block(
                kind=kind,
                text=text,
                page=page if paged else None,
                start=start,
                end=start + len(text),
                level=level,
                numbered=numbered,
            )
        )
    return Document(format=fmt, blocks=blocks, pages=[pages[k] for k in sorted(pages)], paged=paged)


def test_a_docx_plan_that_numbers_nothing_nests_by_heading_level():
    document = _document(
        [
            (None, H, "Digitaliseringsstrategi for Eksempel kommune 2022–2025", 1, False),
            (None, H, "Innledning", 1, False),
            (None, P, "Strategien gjelder hele kommunen.", None, False),
            (None, H, "Satsingsområder", 1, False),
            (None, H, "Digitale tjenester", 2, False),
            (None, P, "Innbyggerne venter digitale tjenester.", None, False),
            (None, H, "Mål", 3, False),
            (None, P, "Innbyggerne møter én digital kommune.", None, False),
            (None, L, "Vi lager selvbetjening for byggesak.", None, False),
            (None, H, "Informasjonssikkerhet", 2, False),
            (None, H, "Mål", 3, False),
            (None, L, "Ingen alvorlige sikkerhetsbrudd.", None, False),
            (None, H, "Tiltak", 3, False),
            (None, L, "Opplæring av alle ansatte.", None, False),
        ]
    )
    strategy = _build(document)
    assert strategy.title == "Digitaliseringsstrategi for Eksempel kommune 2022–2025"
    assert [s.title for s in strategy.sections] == ["Innledning", "Satsingsområder"]
    assert [(s.number, s.title) for s in strategy.sections[1].sections] == [
        (None, "Digitale tjenester"),
        (None, "Informasjonssikkerhet"),
    ]
    assert _items(strategy)["Digitale tjenester"] == (
        ["Innbyggerne møter én digital kommune."],
        ["Vi lager selvbetjening for byggesak."],
    )
    # A list right after "Mål" holds the goals; "Tiltak" starts the commitments.
    assert _items(strategy)["Informasjonssikkerhet"] == (
        ["Ingen alvorlige sikkerhetsbrudd."],
        ["Opplæring av alle ansatte."],
    )
    _assert_sources_give_back_the_text(strategy, document)


def test_docx_list_numbering_on_headings_gives_section_numbers():
    document = _document(
        [
            (None, H, "Plan for Eksempel kommune 2024–2027", 1, False),
            (None, H, "Innledning", 1, True),
            (None, P, "Om planen.", None, False),
            (None, H, "Satsinger", 1, True),
            (None, H, "Klima", 2, True),
            (None, H, "Mål", 3, False),
            (None, P, "Eksempel kommune er klimanøytral i 2030.", None, False),
        ]
    )
    strategy = _build(document)
    assert [(s.number, s.title) for s in strategy.walk()] == [
        ("1", "Innledning"),
        ("2", "Satsinger"),
        ("2.1", "Klima"),
    ]
    assert _items(strategy)["2.1"] == (["Eksempel kommune er klimanøytral i 2030."], [])


HEADER = "Handlingsplan for Eksempel kommune 2024–2027"


def _pdf_like() -> Document:
    """Four pages as a PDF reader gives them: running header, page numbers, dot leaders, bullet glyphs."""
    return _document(
        [
            (1, P, HEADER, None, False),
            (1, H, HEADER, 1, False),
            (1, H, "Innhold", 2, False),
            (1, P, "1 Innledning ........................ 2", None, False),
            (1, P, "2 Satsinger ......................... 3", None, False),
            (1, P, "2.1 Klima og miljø .................. 3", None, False),
            (1, P, "2.2 Helse og omsorg ................. 4", None, False),
            (1, P, "1", None, False),
            (2, P, HEADER, None, False),
            (2, H, "1 Innledning", 2, False),
            (2, P, "Planen gjelder hele kommune-\nsektoren i Eksempel.", None, False),
            (2, P, "2", None, False),
            (3, P, HEADER, None, False),
            (3, P, "Kapittelet beskriver satsingene.", None, False),
            (3, H, "2.1 Klima og miljø", 2, False),
            (3, P, "Klimaet endrer seg.", None, False),
            (3, P, "Mål", None, False),
            (3, P, "Eksempel kommune er klimanøytral i 2030.", None, False),
            (3, P, "• Vi skal kutte utslipp fra\nkommunens bygg.\n• Vi skal bruke mer sykkel.", None, False),
            (3, P, "3", None, False),
            (4, P, HEADER, None, False),
            (4, H, "2.2 Helse og omsorg", 2, False),
            (4, P, "Behovet for helse-\nog omsorgstjenester øker.", None, False),
            (4, H, "Mål", 3, False),
            (4, P, "Innbyggerne får gode tjenester hjemme.", None, False),
            (4, L, "– Styrke hjemmetjenesten.", None, False),
            (4, P, "Postadresse: Postboks 1, 1234 Eksempel\nTelefon: 12 34 56 78\npost@eksempel.no", None, False),
            (4, P, "4", None, False),
        ],
        paged=True,
        fmt="pdf",
    )


def test_a_pdf_like_plan_with_running_headers_page_numbers_and_bullet_glyphs():
    document = _pdf_like()
    strategy = _build(document)
    assert [(s.number, s.title) for s in strategy.walk()] == [
        ("1", "Innledning"),
        ("2", "Satsinger"),  # only the table of contents names chapter 2
        ("2.1", "Klima og miljø"),
        ("2.2", "Helse og omsorg"),
    ]
    assert _section(strategy, "2").intro == "Kapittelet beskriver satsingene."
    assert _section(strategy, "1").intro == "Planen gjelder hele kommunesektoren i Eksempel."
    assert _section(strategy, "2.2").intro == "Behovet for helse- og omsorgstjenester øker."
    assert _items(strategy)["2.1"] == (
        ["Eksempel kommune er klimanøytral i 2030."],
        ["Vi skal kutte utslipp fra kommunens bygg.", "Vi skal bruke mer sykkel."],
    )
    assert _items(strategy)["2.2"] == (["Innbyggerne får gode tjenester hjemme."], ["Styrke hjemmetjenesten."])
    text = str(strategy.to_dict())
    assert "Postboks" not in text and HEADER not in text.replace(f"'title': '{HEADER}'", "")
    _assert_sources_give_back_the_text(strategy, document)


def test_items_carry_the_page_they_came_from():
    strategy = _build(_pdf_like())
    assert [c.source.page for c in _section(strategy, "2.1").commitments] == [3, 3]
    assert _section(strategy, "2.2").goals[0].source.page == 4


def test_goal_statements_without_any_goal_heading_are_still_goals():
    document = markdown.read(
        "# Plan for KS 2024–2027\n\n## 1 Arbeidsgiver\n\nInnledning.\n\n"
        "KS skal bidra til at kommunene er gode arbeidsgivere.\n\n- KS tilbyr kurs.\n".encode()
    )
    assert _items(_build(document))["1"] == (
        ["KS skal bidra til at kommunene er gode arbeidsgivere."],
        ["KS tilbyr kurs."],
    )


def test_a_list_under_a_plain_lead_in_belongs_to_the_introduction():
    document = markdown.read(
        "# Plan 2024–2027\n\n## 1 Roller\n\nStyret vil legge vekt på:\n\n- å være til stede\n- å lytte\n".encode()
    )
    section = _build(document).sections[0]
    assert (section.goals, section.commitments) == ([], [])
    assert "å være til stede" in section.intro


def test_a_list_where_the_organisation_commits_itself_is_commitments_without_a_heading():
    document = markdown.read(
        "# Plan 2024–2027\n\n## 1 Digitalisering\n\nVi digitaliserer.\n\n"
        "- Vi skal tilby digitale skjema.\n- Kommunen er en pådriver for deling av data.\n".encode()
    )
    assert _items(_build(document))["1"] == (
        [],
        ["Vi skal tilby digitale skjema.", "Kommunen er en pådriver for deling av data."],
    )


BOLD_HEADINGS = """# Temaplan for Eksempel kommune 2024–2028

Innhold

1 Innledning . . . . . . . 2
2 Tema . . . . . . . 3

**1 Innledning**

Planen beskriver temaene.

**2.1 Friluftsliv**

Alle skal ha kort vei til natur.

**Mål**

Innbyggerne er aktive ute hele året.

- Vi merker turstier.
"""


def test_bold_paragraphs_with_numbers_are_sections_and_text_stays_where_no_page_broke():
    strategy = _build(markdown.read(BOLD_HEADINGS.encode()))
    assert [(s.number, s.title) for s in strategy.walk()] == [
        ("1", "Innledning"),
        ("2", "Tema"),
        ("2.1", "Friluftsliv"),
    ]
    # Chapter 2 is recreated from the TOC, but with no page break before 2.1
    # the text before it stays in chapter 1.
    assert (_section(strategy, "1").intro, _section(strategy, "2").intro) == ("Planen beskriver temaene.", "")
    assert _items(strategy)["2.1"] == (["Innbyggerne er aktive ute hele året."], ["Vi merker turstier."])
