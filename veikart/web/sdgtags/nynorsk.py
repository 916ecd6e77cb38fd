"""The 17 goals' names in nynorsk, for pages shown in nynorsk.

veikart.sdg's catalogue carries bokmål and English only (the UN's and FN-sambandet's texts);
these are its bokmål names and titles written in nynorsk. The 169 targets stay in bokmål.
"""

from __future__ import annotations

SHORT = {
    1: "Ingen fattigdom",
    2: "Utrydde svolt",
    3: "God helse og livskvalitet",
    4: "God utdanning",
    5: "Likestilling mellom kjønna",
    6: "Reint vatn og gode sanitærforhold",
    7: "Rein energi til alle",
    8: "Anstendig arbeid og økonomisk vekst",
    9: "Industri, innovasjon og infrastruktur",
    10: "Mindre ulikskap",
    11: "Berekraftige byar og lokalsamfunn",
    12: "Ansvarleg forbruk og produksjon",
    13: "Stoppe klimaendringane",
    14: "Livet i havet",
    15: "Livet på land",
    16: "Fred, rettferd og velfungerande institusjonar",
    17: "Samarbeid for å nå måla",
}

TITLE = {
    1: "Utrydde alle former for fattigdom i heile verda",
    2: "Utrydde svolt, oppnå mattryggleik og betre ernæring, og fremje berekraftig landbruk",
    3: "Sikre god helse og fremje livskvalitet for alle, uansett alder",
    4: "Sikre inkluderande, rettferdig og god utdanning og fremje moglegheiter for livslang læring for alle",
    5: "Oppnå likestilling og styrkje stillinga til jenter og kvinner i samfunnet",
    6: "Sikre berekraftig vassforvaltning og tilgang til vatn og gode sanitærforhold for alle",
    7: "Sikre tilgang til påliteleg, berekraftig og moderne energi til ein overkommeleg pris for alle",
    8: "Fremje varig, inkluderande og berekraftig økonomisk vekst, full sysselsetjing og anstendig arbeid for alle",
    9: "Byggje solid infrastruktur og fremje inkluderande og berekraftig industrialisering og innovasjon",
    10: "Redusere ulikskap i og mellom land",
    11: "Gjere byar og lokalsamfunn inkluderande, trygge, robuste og berekraftige",
    12: "Sikre berekraftige forbruks- og produksjonsmønster",
    13: "Handle straks for å kjempe mot klimaendringane og konsekvensane av dei",
    14: "Ta vare på og bruke havet og dei marine ressursane på ein måte som fremjar berekraftig utvikling",
    15: "Verne, gjenopprette og fremje berekraftig bruk av økosystem på land, sikre berekraftig skogforvaltning, "
        "kjempe mot ørkenspreiing, stanse og snu landforringing og stanse tap av artsmangfald",
    16: "Fremje fredelege og inkluderande samfunn for å sikre berekraftig utvikling, sørgje for tilgang til rettsvern "
        "for alle, og byggje velfungerande, ansvarlege og inkluderande institusjonar på alle nivå",
    17: "Styrkje verkemidla som trengst for å gjennomføre arbeidet, og fornye globale partnarskap for berekraftig "
        "utvikling",
}
