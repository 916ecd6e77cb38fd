"""Write docs/sdg-catalogue-corrections.md from the correction overlay, so the list can never drift.

    python -m veikart.sdg.corrections_doc > docs/sdg-catalogue-corrections.md
"""

from __future__ import annotations

import sys
from collections import Counter

from veikart.sdg.catalogue import find_imperatives, load_catalogue, read_corrections, target_sort_key

REASONS = {
    "imperativ": "verbet sto i imperativ («reduser», «sørg for», «styr») der norske delmålstekster bruker infinitiv",
    "du-form": "maskinoversettelsens andreperson («må du bygge», «skal du sikre», «øker du»)",
    "duplikat": "teksten var en kopi av et annet delmål",
    "feil": "innholdet var feil oversatt (se merknaden)",
    "grammatikk": "feil verbform eller setning uten verbal («doblet», «halverer», «Utviklede land til å …»)",
    "språk": "ordrett eller uidiomatisk oversettelse, gjentatte ord, engelske navn (se merknaden der den finnes)",
}

INTRO = """\
# Rettelser i bokmålstekstene for FNs delmål / Corrections to the bokmål SDG target texts

*Generert av `python -m veikart.sdg.corrections_doc` fra
`veikart/sdg/data/nb_target_corrections.yml`; rediger den fila, ikke denne.*

**Hvorfor.** Bokmålstekstene for de 169 delmålene i open-sdg/sdg-translations
(`nb_NO/global_targets.yml`, commit 0cda585) er for det meste maskinoversatt:
imperativ («Innen 2030, reduser …»), du-form («må du bygge …»), feil
verbformer, ordrette vendinger («inkludert gulv», «elastiske bygninger»), og
to delmål er kopier av andre (1.a gjentar 1.5, 10.3 gjentar 10.2).
Måltitlene (17 mål) er allerede den etablerte norske ordlyden og er ikke endret.

**Hva.** Alle 169 delmål er oversatt på nytt fra FNs offisielle engelske
tekster, trofast mot innholdet, i infinitivsformen norske offisielle
delmålstekster bruker («Innen 2030 utrydde ekstrem fattigdom …»). Også delmål
som ikke var direkte feil, er skrevet om der språket var ordrett, slik at
hele settet står i samme register.

**Sporbarhet.** Originalfila ligger urørt i `veikart/sdg/data/open-sdg/nb_NO/`.
Rettelsene ligger i en egen fil som legges oppå ved innlasting
(`veikart.sdg.catalogue.load_catalogue`); `SdgTarget.text_nb_original` gir
alltid originalteksten. Testene sjekker at ingen delmålstekst er lik en annen,
og at ingen lenger har imperativ eller du-form.

**English summary.** The bokmål target texts from open-sdg were mostly
machine-translated (imperatives, second person, wrong tenses, literal calques)
and two were copies of other targets. Veikart retranslates all 169 from the
official English UN texts into the infinitive register of official Norwegian
SDG texts, in an overlay file applied on load; the original file is kept
unchanged. The table lists every target, the reasons, the original and the new
text.
"""


def render() -> str:
    catalogue = load_catalogue()
    corrections = read_corrections()
    counts = Counter(reason for c in corrections.values() for reason in c["grunn"])
    flagged = sum(1 for t in catalogue.targets.values() if find_imperatives(t.text_nb_original))
    out = [INTRO, "## Grunner / reasons\n", "| kode | betydning | antall delmål |", "| --- | --- | ---: |"]
    out += [f"| {code} | {text} | {counts.get(code, 0)} |" for code, text in REASONS.items()]
    out += [
        "",
        f"Endret: {len(corrections)} av {len(catalogue.targets)} delmål. "
        f"Imperativ- og du-kontrollen (`find_imperatives`) flagger {flagged} originaltekster og 0 rettede.",
        "",
        "## Alle endringer / every change\n",
        "| delmål | grunn | original (open-sdg nb_NO) | rettet tekst |",
        "| --- | --- | --- | --- |",
    ]
    for target_id in sorted(corrections, key=target_sort_key):
        target = catalogue.target(target_id)
        correction = corrections[target_id]
        reason = ", ".join(correction["grunn"])
        if correction.get("merknad"):
            reason += f": {correction['merknad']}"
        out.append(f"| {target_id} | {_cell(reason)} | {_cell(target.text_nb_original)} | {_cell(target.text_nb)} |")
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def main() -> int:
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
