"""Focus-area titles glued to the sentence after them, as flattening leaves them.

"Inkluderende folkestyre Norsk lokaldemokrati er godt men …": Norwegian
titles and sentences both start with a capital and go on in lower case, so a
title glued to a sentence shows as a short run of lower-case words followed,
in the middle of a "sentence", by a capitalised word. A title is taken when:

- the run is 2–7 words, starts the sentence and ends before the first word
  with a capital letter that is not an acronym or a name in capitals
  ("KS", "NAV-kontor", "FoU" have more than one capital: they never start
  the glued sentence);
- its first word is not an infinitive (that is an action: "Utvikle videre
  samarbeidet med Frivillighet Norge …"), it holds no finite verb ("er",
  "har", "skal", …) and no word that opens a clause ("at", "som", "der"):
  those make it part of a sentence;
- it does not end in a word that cannot end a title ("i", "og", "med", …:
  "Fremme selvstyret … interesser i Europa") or with a comma;
- it has no digits, and at least four words follow it.

Known errors: a sentence whose third to eighth word is a name with one capital,
after a run of words with no finite verb that the lexicon knows ("Planen
omfatter Eksempel kommune …": "omfatte" is not in it), is split as if it had
a title; a one-word title, or one holding a name ("Helse i Agder"), is never
found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from veikart.ingest.structure.flat_verbs import VerbLexicon
from veikart.ingest.tools.sentences import wordset

_TOKEN = re.compile(r"\S+")
_CLAUSE_WORDS = wordset("at som der når fordi men hvis dersom slik hvordan hva hvem hvor hvilke hvorfor mens enn")
_CANNOT_END = wordset(
    "i og på med for til av om fra mot ved eller samt en et ei de den det å som under over etter hos mellom"
)
MIN_WORDS, MAX_WORDS, MIN_REST = 2, 7, 4


@dataclass(frozen=True)
class GluedTitle:
    title_end: int  # the title is sentence[:title_end]
    rest_start: int  # the sentence proper is sentence[rest_start:]


def find_glued_title(sentence: str, lexicon: VerbLexicon) -> GluedTitle | None:
    tokens = list(_TOKEN.finditer(sentence))
    if len(tokens) < MIN_WORDS + MIN_REST or not tokens[0].group()[:1].isupper():
        return None
    split = next((i for i, t in enumerate(tokens[1:], 1) if t.group()[:1].isupper()), None)
    if split is None or not MIN_WORDS <= split <= MAX_WORDS or len(tokens) - split < MIN_REST:
        return None
    if sum(ch.isupper() for ch in tokens[split].group()) > 1:
        return None
    words = [t.group() for t in tokens[:split]]
    bare = [w.strip(",.;:()«»\"").lower() for w in words]
    if lexicon.is_infinitive(bare[0]) or any(ch.isdigit() for w in words for ch in w):
        return None
    if any(lexicon.is_finite(w) or w in _CLAUSE_WORDS for w in bare):
        return None
    if any(w.endswith((".", "!", "?", ":", ";")) for w in words) or words[-1].endswith(","):
        return None
    if bare[-1] in _CANNOT_END or sum(ch.isupper() for w in words for ch in w) > 1:
        return None
    return GluedTitle(title_end=tokens[split - 1].end(), rest_start=tokens[split].start())
