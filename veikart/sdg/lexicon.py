"""The keyword lexicon compiled for fast matching: exact stems, phrases, and compound prefixes/suffixes.

Sources: data/lexicon.yml (hand-written, bokmål and English) and
data/aurora_terms.json (selected Aurora query terms, English, CC BY 4.0).
Nynorsk texts are matched with the bokmål lexicon plus the nynorsk form of
each bokmål term, derived by ``nynorsk_form`` from a fixed table of spelling
correspondences (``NYNORSK_SPELLINGS``), not from any labelled sentence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources

from veikart.sdg.aurora import load_terms as load_aurora_terms
from veikart.sdg.catalogue import safe_load_yaml
from veikart.text.stem import stem, stem_words
from veikart.text.tokenise import words

# Compound matching only for words this long: shorter ones ("mat", "hav") hide inside unrelated words.
MIN_COMPOUND = 5
# A compound's other part has at least this many letters ("eldre|omsorg"), so "skjønn" is not "s|kjønn".
MIN_OTHER_PART = 3
# Stems shorter than this are matched as whole words instead ("demens" stems to "dem").
MIN_STEM = 4
AURORA_PHRASE_WEIGHT = 1.0
AURORA_WORD_WEIGHT = 0.7


# Bokmål -> nynorsk spelling correspondences, applied in this order to every bokmål term (whole term,
# lower case). Written from the official nynorsk norm (Språkrådet / Norsk Ordbok forms) for the words and
# word parts the lexicon uses: "tjeneste" -> "teneste", "forskjell" -> "skilnad", "-het" -> "-heit",
# "-lig" -> "-leg", present participles "-ende" -> "-ande", plurals "-er" -> "-ar" of the nouns that take
# it, "ikke" -> "ikkje". Bokmål and nynorsk share most of the lexicon's words ("helse", "likestilling").
NYNORSK_SPELLINGS: tuple[tuple[str, str], ...] = (
    (r"tjenesten\b", "tenesta"),
    (r"tjenest", "tenest"),
    (r"sykdom", "sjukdom"),
    (r"syke", "sjuke"),
    (r"fravær", "fråvær"),
    (r"hjemme", "heime"),
    (r"hjem", "heim"),
    (r"forskjell", "skilnad"),
    (r"ulikheter\b", "ulikskapar"),
    (r"ulikhet", "ulikskap"),
    (r"likhet", "likskap"),
    (r"helhetlig", "heilskapleg"),
    (r"helhet", "heilskap"),
    (r"\bhel(?=tid|døgn)", "heil"),
    (r"ensomhet", "einsemd"),
    (r"trygghet", "tryggleik"),
    (r"sikkerhet", "tryggleik"),
    (r"arbeidsledighet", "arbeidsløyse"),
    (r"lighet", "legheit"),
    (r"hets", "heits"),
    (r"het\b", "heit"),
    (r"heter\b", "heiter"),
    (r"åpen", "open"),
    (r"utenfor", "utanfor"),
    (r"mestring", "meistring"),
    (r"hverdag", "kvardag"),
    (r"midler\b", "middel"),
    (r"tilbud", "tilbod"),
    (r"lavterskel", "lågterskel"),
    (r"avlastning", "avlasting"),
    (r"bærekraft", "berekraft"),
    (r"lidelser\b", "lidingar"),
    (r"lidelse", "liding"),
    (r"\bvold", "vald"),
    (r"relasjoner\b", "relasjonar"),
    (r"vann\b", "vatn"),
    (r"vann(?=\w)", "vass"),
    (r"utslipp", "utslepp"),
    (r"tilpasning", "tilpassing"),
    (r"forurensning", "ureining"),
    (r"givere\b", "gjevarar"),
    (r"giver", "gjevar"),
    (r"\bveier\b", "vegar"),
    (r"\bvei\b", "veg"),
    (r"boliger", "bustader"),
    (r"bolig", "bustad"),
    (r"medvirkning", "medverknad"),
    (r"\bansatte\b", "tilsette"),
    (r"innbyggere", "innbyggarar"),
    (r"innbygger", "innbyggar"),
    (r"(flyktning|lærling)er\b", r"\1ar"),
    (r"innvandrere\b", "innvandrarar"),
    (r"innvandrer", "innvandrar"),
    (r"lærere\b", "lærarar"),
    (r"lærer\b", "lærar"),
    (r"(arbeidstak|medarbeid)ere\b", r"\1arar"),
    (r"(arbeidstak|medarbeid)er", r"\1ar"),
    (r"(student|elev|skjønn)er\b", r"\1ar"),
    (r"skoler\b", "skular"),
    (r"skole", "skule"),
    (r"forebygg", "førebygg"),
    (r"fremmede", "framande"),
    (r"fremme", "fremje"),
    (r"videre", "vidare"),
    (r"selv", "sjølv"),
    (r"(?<!il)lig\b", "leg"),
    (r"(?<!il)lige\b", "lege"),
    (r"ende\b", "ande"),
    (r"ledelse", "leiing"),
    (r"leder", "leiar"),
    (r"(?<=[dfkt])elser\b", "ingar"),
    (r"(?<=[dfkt])else\b", "ing"),
    (r"inger\b", "ingar"),
    (r"ingene\b", "ingane"),
    (r"arter\b", "artar"),
    (r"artene\b", "artane"),
    (r"\bbyer\b", "byar"),
    (r"\bbyene\b", "byane"),
    (r"\bikke\b", "ikkje"),
)
_NYNORSK_RULES = tuple((re.compile(pattern), replacement) for pattern, replacement in NYNORSK_SPELLINGS)


def nynorsk_form(term: str) -> str:
    """The nynorsk spelling of a bokmål lexicon term ("sosiale forskjeller" -> "sosiale skilnader");
    the term itself when the two are spelt alike."""
    form = term.lower()
    for pattern, replacement in _NYNORSK_RULES:
        form = pattern.sub(replacement, form)
    return form


@dataclass(frozen=True)
class Entry:
    goal: int
    weight: float
    label: str      # the term as written in the lexicon, for explanations
    target: str | None = None   # the UN target the term points at, when the lexicon names one ("folkehelse@3.4")


@dataclass
class CompiledLexicon:
    language: str
    exact: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    prefix: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    suffix: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    # first stem -> [(stems of the whole phrase, entry)]
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = field(default_factory=lambda: defaultdict(list))
    max_prefix: int = 0

    def add(self, term: str, goal: int, weight: float, compound: bool, wildcard: bool = False,
            target: str | None = None) -> None:
        exact_only = term.startswith("=")
        text = term.lstrip("=")
        parts = words(text.replace("*", ""))
        if not parts:
            return
        entry = Entry(goal, weight, text, target)
        if len(parts) > 1:
            self.phrases[stem(parts[0], self.language)].append((tuple(stem_words(parts, self.language)), entry))
            return
        word = parts[0]
        word_stem = stem(word, self.language)
        if wildcard:
            # Aurora "hunger*": the written letters start the word.
            if len(word) >= 4:
                self.prefix[word].append(entry)
                self.max_prefix = max(self.max_prefix, len(word))
            return
        self.exact[word_stem if len(word_stem) >= MIN_STEM else "=" + word].append(entry)
        if compound and not exact_only:
            key = word_stem if len(word_stem) >= MIN_COMPOUND else word
            if len(key) >= MIN_COMPOUND:
                self.prefix[key].append(entry)
                self.suffix[word_stem].append(entry)
                self.max_prefix = max(self.max_prefix, len(key))

    def match_word(self, word: str, word_stem: str) -> list[Entry]:
        """Entries one word carries: its stem, and for compounds the terms it starts or ends with."""
        found = list(self.exact.get(word_stem if len(word_stem) >= MIN_STEM else "=" + word, ()))
        if self.prefix:
            for length in range(4, min(len(word), self.max_prefix) + 1):
                hit = self.prefix.get(word[:length])
                if hit:
                    found.extend(hit)
        if self.suffix:
            for length in range(MIN_COMPOUND, len(word_stem) - MIN_OTHER_PART + 1):
                hit = self.suffix.get(word_stem[-length:])
                if hit:
                    found.extend(hit)
        return found


def _parse_term(raw: str) -> tuple[str, float, str | None]:
    """"folkehelse^2@3.4" -> ("folkehelse", 2.0, "3.4")."""
    text, _, target = str(raw).partition("@")
    term, _, weight = text.partition("^")
    return term.strip(), float(weight) if weight else 1.0, target.strip() or None


def load_lexicon_file() -> dict[int, dict[str, list[tuple[str, float, str | None]]]]:
    path = resources.files("veikart.sdg") / "data" / "lexicon.yml"
    with path.open("r", encoding="utf-8") as handle:
        data = safe_load_yaml(handle)
    return {int(goal): {lang: [_parse_term(t) for t in terms] for lang, terms in langs.items()}
            for goal, langs in data.items()}


def compile_lexicons() -> dict[str, CompiledLexicon]:
    lexicons = {"nb": CompiledLexicon("nb"), "en": CompiledLexicon("en")}
    for goal, langs in load_lexicon_file().items():
        for language, terms in langs.items():
            for term, weight, target in terms:
                if target is not None and not target.startswith(f"{goal}."):
                    raise ValueError(f"lexicon: {term!r} under goal {goal} points at target {target}")
                # Bokmål writes compounds as one word; English does not.
                lexicons[language].add(term, goal, weight, compound=(language == "nb"), target=target)
        # Nynorsk texts go through the bokmål lexicon: add each term's nynorsk spelling where it differs.
        written = {term.lower() for term, _, _ in langs.get("nb", ())}
        for term, weight, target in langs.get("nb", ()):
            form = nynorsk_form(term)
            if form not in written:
                written.add(form)
                lexicons["nb"].add(form, goal, weight, compound=True, target=target)
    for goal, terms in load_aurora_terms().items():
        for term in terms:
            multiword = len(words(term.replace("*", ""))) > 1
            weight = AURORA_PHRASE_WEIGHT if multiword else AURORA_WORD_WEIGHT
            lexicons["en"].add(term, goal, weight, compound=False, wildcard=(term.endswith("*") and not multiword))
    return lexicons
