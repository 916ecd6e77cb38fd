"""Small made-up strategies for the comparison tests (a fictional "Eksempel kommune")."""

from veikart.ingest.model import DocumentSource, Item, Period, Section, Strategy


def strategy(start: int, sections: list[tuple[str, list[str], list[str]]]) -> Strategy:
    return Strategy(
        title=f"Eksempel kommune {start}–{start + 3}",
        organisation="Eksempel kommune",
        period=Period(start, start + 3),
        source=DocumentSource(filename=None, sha256="", pages=None),
        sections=[
            Section(
                number=str(i + 1), title=title, goals=[Item(g) for g in goals], commitments=[Item(c) for c in comms]
            )
            for i, (title, goals, comms) in enumerate(sections)
        ],
    )


KEPT = "Sykefraværet i kommunen er redusert og flere ansatte har heltidsstillinger."
REWORDED_OLD = "Kommunen tar inn minst to lærlinger per tusen innbyggere hvert år."
REWORDED_NEW = "Hvert år tar kommunen inn flere lærlinger, minst to per tusen innbyggere, og gir dem god oppfølging."
MERGED_OLD = [
    "Barnehagene har høy kvalitet og godt kvalifiserte ansatte.",
    "Skolene har høy kvalitet og godt kvalifiserte lærere.",
]
MERGED_NEW = "Barnehagene og skolene har høy kvalitet med godt kvalifiserte ansatte og lærere."
SPLIT_OLD = (
    "Innbyggerne får digitale selvbetjeningsløsninger, og informasjonssikkerhet og personvern er godt ivaretatt."
)
SPLIT_NEW = [
    "Innbyggerne får flere digitale selvbetjeningsløsninger.",
    "Informasjonssikkerhet og personvern er godt ivaretatt.",
]
DROPPED = "Fosterhjemmene har gode rammebetingelser og stabil rekruttering."
NEW = "Kommunen kutter klimagassutslippene med 60 prosent innen 2030."

OLD = strategy(
    2016,
    [
        ("Arbeidsgiver", [KEPT, REWORDED_OLD], ["Arbeide for heltidskultur sammen med tillitsvalgte."]),
        ("Oppvekst", [*MERGED_OLD, DROPPED], []),
        ("Digitalisering", [SPLIT_OLD], []),
    ],
)
NEW_STRATEGY = strategy(
    2020,
    [
        ("Arbeidsgiver", [KEPT, REWORDED_NEW], ["Kommunen arbeider for heltidskultur sammen med tillitsvalgte."]),
        ("Oppvekst", [MERGED_NEW], []),
        ("Digitalisering", SPLIT_NEW, []),
        ("Klima", [NEW], []),
    ],
)
