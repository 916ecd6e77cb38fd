"""Is a sentence an action ("Tilby …", "Synliggjøre …")? Norwegian infinitives, found by rule.

Strategy documents list what the organisation will do as infinitive clauses
with the subject left out ("KS skal:" stands above them, or nothing does).
An infinitive has no ending that tells it apart (adjectives end in -e too:
"Nye oppgaver", "Kommunale tjenester"), so this module uses a lexicon, built
three ways, none of which lists the sentences of a particular document:

1. ``GENERAL_VERBS``: verbs that planning documents in the Norwegian public
   sector use for what an organisation does;
2. harvested from the document itself: the word after the infinitive marker
   "å" ("for å sikre", "å profilere"), the word after a modal verb, with at
   most one name between ("skal være", "vil KS følge"), and the present tense
   in a relative clause turned back into the infinitive ("som styrker" →
   "styrke");
3. compounds of a known verb with a verb prefix ("videre" + "utvikle",
   "fram" + "skaffe"), and loan verbs in -isere ("konkretisere").

A sentence is an action when its first word is in the lexicon, or when it
opens with a prepositional phrase and reaches a lexicon verb before any finite
verb ("På vegne av medlemmene profilere …", "Blant annet gjennom FoU knytte
sammen …"): a main clause with a fronted phrase puts its finite verb second,
so an infinitive there means there is no finite verb at all.

Known errors: a goal that starts with a word that is also a verb is read as
an action ("Sikre og trygge kommuner", "Bedre sammenheng" if "bedre" were in
the lexicon — it is left out on purpose, since it is far more often the
comparative); a verb missing from all three sources is not recognised.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from veikart.ingest.tools.sentences import wordset

GENERAL_VERBS = wordset("""
    analysere anbefale ansette arbeide arrangere avdekke avklare begrense bekjempe beholde benytte beregne
    beskrive beskytte bevare bidra bistå bli bruke bygge bære dele delta dokumentere drive drøfte dyrke
    effektivisere engasjere etablere etterspørre evaluere finansiere fjerne forankre forbedre forebygge
    forenkle forhandle forhindre forklare forme formidle fornye forplikte forske forsterke forvalte
    fremforhandle framforhandle fremme framskaffe fremskaffe frigjøre fullføre følge følge få gi gjenbruke
    gjennomføre gjøre gå ha handle hente heve hindre hjelpe holde håndtere identifisere igangsette
    implementere informere inkludere innføre inngå inspirere integrere invitere involvere iverksette ivareta
    jobbe kartlegge kjempe knytte kommunisere koordinere kreve kvalitetssikre lage lansere lede legge lytte
    lære løfte løse markere medvirke mobilisere motivere motvirke måle møte nå nyttiggjøre omstille
    oppdatere oppfordre oppmuntre opprette opprettholde organisere overføre overta overvåke planlegge
    prioritere profilere prøve påvirke rapportere realisere redusere rekruttere revidere samarbeide samle
    samordne satse se sette sikre skaffe skape spre stille stimulere styrke støtte synliggjøre systematisere
    søke ta tilby tilpasse tilrettelegge tydeliggjøre understøtte undersøke utarbeide utdanne utfordre
    utføre utnytte utprøve utrede utvide utvikle vedlikeholde veilede verne videreføre videreutvikle vise
    vurdere være åpne øke øve
    """)

# Prefixes that make a new verb of a verb ("videreutvikle", "framskaffe").
_PREFIXES = ("videre", "gjennom", "fram", "frem", "opp", "inn", "til", "over", "under", "med", "mot", "sam",
             "synlig", "tydelig", "etter", "ut", "om", "av", "på")
_PREFIXES_BY_LENGTH = tuple(
    (k, frozenset(p for p in _PREFIXES if len(p) == k)) for k in sorted({len(p) for p in _PREFIXES})
)
_MODALS = wordset("skal kan må vil bør skulle kunne måtte ville burde")
# Finite verbs that show a clause has its own verb (so it is not an infinitive clause).
FINITE = wordset("er har skal kan må vil bør blir får gir ble var fikk ga går står")
# Words a fronted phrase may start with ("På vegne av …", "Blant annet …", "Gjennom …").
_FRONTING = wordset("på blant gjennom i med sammen for ved etter innenfor via særlig også aktivt")
_NOT_VERBS = wordset("ikke også alltid derfor det de den en et seg som i for og eller at til på med")
_WORD = re.compile(r"[A-Za-zÆØÅæøåÀ-ÖØ-öø-ÿ][\w-]*")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


class VerbLexicon:
    """Infinitives: the general list plus what one document's own text shows."""

    def __init__(self, harvested: Iterable[str] = ()) -> None:
        self.harvested = frozenset(harvested)
        self._verbs = GENERAL_VERBS | self.harvested

    @classmethod
    def from_text(cls, text: str) -> VerbLexicon:
        return cls(harvest(text))

    def is_infinitive(self, word: str) -> bool:
        w = word.lower()
        if w in self._verbs:
            return True
        if len(w) >= 8 and w.endswith("isere"):
            return True
        # A prefix is looked up by its length (6 slices) rather than each of the 19 tried in turn: the same
        # answer, in a fifth of the time (a long plan asks about some 2,000 words).
        return any(
            w[:k] in prefixes and w[k:] in self._verbs and len(w) - k >= 3 for k, prefixes in _PREFIXES_BY_LENGTH
        )

    def is_finite(self, word: str) -> bool:
        w = word.lower()
        return w in FINITE or (len(w) > 3 and w.endswith("r") and self.is_infinitive(w[:-1]))

    def is_action(self, sentence: str) -> bool:
        """True for an infinitive clause: "Tilby …", "På vegne av medlemmene profilere …"."""
        tokens = words(sentence)
        if not tokens:
            return False
        if self.is_infinitive(tokens[0]):
            return True
        if tokens[0].lower() not in _FRONTING:
            return False
        for before, token in zip(tokens[:8], tokens[1:9], strict=False):
            if self.is_finite(token):
                return False
            if token.islower() and before.lower() != "å" and self.is_infinitive(token):
                return True
        return False


def harvest(text: str) -> set[str]:
    """Infinitives the text itself shows (see the module docstring, source 2)."""
    found: set[str] = set()
    tokens = words(text)
    lowered = [t.lower() for t in tokens]
    for i, token in enumerate(lowered[:-1]):
        nxt = lowered[i + 1]
        if token == "å":
            found.add(nxt)
        elif token in _MODALS:
            candidate = i + 1
            if tokens[candidate][:1].isupper() and candidate + 1 < len(tokens):
                candidate += 1  # "vil KS følge"
            found.add(lowered[candidate])
        elif token == "som" and len(nxt) > 4 and nxt.endswith("er"):
            found.add(nxt[:-1])  # "som styrker" -> "styrke"
        elif token == "som" and len(nxt) > 3 and nxt.endswith(("ar", "ir")):
            found.add(nxt[:-1])  # "som ivaretar" -> "ivareta", "som gir" -> "gi"
    passives = {w[:-1] for w in found if w.endswith("es") and len(w) > 4}  # "skal oppleves" -> "oppleve"
    return {w for w in found | passives if w not in _NOT_VERBS and w not in FINITE and w.isalpha()}
