"""Structure of a flattened transcript: no headings or bullets, only sentences.

A document-sharing site serves a strategy as "Transkript:" and one long
paragraph per page. What is left to go by, and the rule used for each:

1. Pages (``flat_pages``): the printed page number ends each page's
   paragraph; it is taken out and the sentence it cut joined again. The
   unnumbered first page with no sentence on it is the cover (it gives the
   title, ``flat_metadata``); the unnumbered last page with no sentence or
   with an address is the colophon ("Design: … Postadresse: … ISBN …"). A
   page that opens with the cover's title repeats it as a header: it is cut.
2. Sentences (``sentences``), aware of Norwegian abbreviations.
3. Focus areas (``flat_titles``): a title glued to the first sentence of its
   introduction. Whatever comes before the first one is the front part; a
   label that ends it ("Mål i langtidsperioden:") is dropped.
4. In each focus area, nothing marks where the introduction ends, the goals
   begin or the actions begin. The rules:

   - an action (commitment) is an infinitive clause (``flat_verbs``):
     "Tilby …", "Synliggjøre …", "På vegne av medlemmene profilere …";
   - the introduction is the opening paragraph: it argues and explains
     ("Samtidig kreves det …", "… er avgjørende for å lykkes med dette"),
     where a goal states a desired state and gives no reasons. So it takes
     the first ``MIN_INTRO`` sentences (an opening paragraph is rarely
     shorter), and goes on while the next sentence carries an argument cue
     (``ARGUMENT_CUES``: "samtidig", "derfor", "dette", "avgjørende",
     "viktig", "utfordring", "krever", …). It stops early at a sentence that
     has the shape of a goal — a noun phrase with no finite verb ("En
     tillitsskapende forvaltning …", "Styrking av …", "At …") — or of an
     action;
   - every other sentence is a goal, wherever it stands: the 2016–2019
     plan puts one goal ("Digital og sosial infrastruktur er …") after an
     action;
   - inside an area, a label "… skal:"/"… vil:" makes what follows actions,
     and a label with "mål" makes it goals, for documents that kept them.

   Known errors: an introduction of fewer than ``MIN_INTRO`` sentences
   followed by goals written as full sentences takes the first goals into
   the introduction; a fourth introductory sentence without a cue becomes a
   goal; two sentences that the original printed as one bullet become two
   items ("Kommunene har et større ansvar … NAV-kontor. Ressurser flyttes
   med oppgavene.").
5. The front part (purpose, vision, roles) is not a focus area, but it ends
   with goals for the organisation itself: "For KS som organisasjon
   innebærer det blant annet følgende mål: Meget godt omdømme …, Være den
   ubestridte …". Those goals are real and a follow-up plan needs a home for
   them, so the front part becomes an unnumbered first section named after
   that lead-in ("KS som organisasjon"; "Innledning" when it names nothing),
   whose introduction is the text before the lead-in and whose goals are
   everything after it — infinitives included, since the lead-in calls them
   goals. A front part with no such lead-in makes no section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.errors import ExtractError
from veikart.ingest.model import DocumentSource, Item, Section, Source, Strategy
from veikart.ingest.structure.flat_metadata import find_title
from veikart.ingest.structure.flat_pages import TRANSCRIPT_MARKER, Piece, Stream, Transcript, find_transcript
from veikart.ingest.structure.flat_titles import find_glued_title
from veikart.ingest.structure.flat_verbs import VerbLexicon, words
from veikart.ingest.tools import sentences
from veikart.ingest.tools.sentences import wordset

MIN_INTRO = 3
ARGUMENT_CUES = wordset("""
    samtidig derfor dette avgjørende viktig viktige viktigere viktigst viktigste utfordring utfordringer
    utfordringen utfordringene kreves krever innebærer særlig fordi men likevel imidlertid dessuten altså
    """)
# A long transcript without a marker: paragraphs this long on average are pages, not paragraphs.
MIN_AVERAGE_PARAGRAPH = 1200
MIN_TEXT = 3000

_NOMINAL = re.compile(r"(?:ing|sjon|het|else)$")
_AFTER_NOMINAL = wordset("av i til for med på om som mellom blant")
_COLOPHON = re.compile(r"\b(?:Postadresse|Besøksadresse|ISBN|Telefon|Org\.?\s?nr|E-post)\b", re.IGNORECASE)
_HAS_SENTENCE = re.compile(r"\w\w[.!?](?:\s+[A-ZÆØÅ«]|\s*$)")
_LEAD_IN_TITLE = re.compile(r"^For (?P<who>.+?) (?:innebærer|betyr|gjelder) det\b")
_LABEL_WORDS = 6

Span = tuple[int, int]


def looks_flattened(document: Document) -> bool:
    """A transcript ("Transkript:"), or long text with no headings or lists in page-long paragraphs."""
    if document.paged:
        return False
    if any(TRANSCRIPT_MARKER.match(b.text.strip()) for b in document.blocks):
        return True
    if any(b.kind in (BlockKind.HEADING, BlockKind.LIST_ITEM) for b in document.blocks):
        return False
    lengths = [len(b.text) for b in document.blocks]
    total = sum(lengths)
    return total >= MIN_TEXT and total / max(len(lengths), 1) >= MIN_AVERAGE_PARAGRAPH


def build_strategy(document: Document, source: DocumentSource) -> Strategy:
    """The strategy in a flattened transcript.

    ``document`` is given the pages found (``pages``, ``paged`` and one block
    per page), so the items' ``source`` offsets can be checked against it.
    """
    transcript = find_transcript(document)
    cover, pieces = _without_covers(transcript)
    if not pieces:
        raise ExtractError("dokumentet inneholder ingen tekst å finne en strategi i")
    first_text = transcript.pages[pieces[0].page][pieces[0].start : pieces[0].end]
    info = find_title(cover, transcript.heading, first_text)
    pieces = _without_running_header(transcript, pieces, info.phrase)
    stream = Stream(transcript.pages, pieces)
    builder = _Builder(stream, transcript)
    sections = builder.sections()
    _repage(document, transcript)
    pages = len(transcript.pages) if transcript.paged else source.pages
    return Strategy(
        title=info.title,
        organisation=info.organisation,
        period=info.period,
        source=replace(source, pages=pages),
        sections=sections,
    )


def _without_covers(transcript: Transcript) -> tuple[str | None, list[Piece]]:
    """The cover's text (or None) and the pieces with cover and colophon left out."""
    pieces = list(transcript.pieces)
    cover = None

    def text(piece: Piece) -> str:
        return transcript.pages[piece.page][piece.start : piece.end]

    def unnumbered(piece: Piece) -> bool:
        return not transcript.paged or transcript.numbers[piece.page] is None

    if pieces and unnumbered(pieces[0]) and not _HAS_SENTENCE.search(text(pieces[0])):
        cover = text(pieces.pop(0))
    if pieces and unnumbered(pieces[-1]):
        last = text(pieces[-1])
        if not _HAS_SENTENCE.search(last) or len(_COLOPHON.findall(last)) >= 2:
            pieces.pop()
    return cover, pieces


def _without_running_header(transcript: Transcript, pieces: list[Piece], phrase: str | None) -> list[Piece]:
    if not phrase:
        return pieces
    result = []
    for piece in pieces:
        text = transcript.pages[piece.page][piece.start : piece.end]
        lead = len(text) - len(text.lstrip())
        if text[lead:].startswith(phrase):
            piece = replace(piece, start=piece.start + lead + len(phrase))
        result.append(piece)
    return result


def _repage(document: Document, transcript: Transcript) -> None:
    if not transcript.paged:
        return
    document.pages = list(transcript.pages)
    document.paged = True
    document.blocks = [
        Block(kind=BlockKind.PARAGRAPH, text=" ".join(p.split()), page=i + 1, start=0, end=len(p))
        for i, p in enumerate(transcript.pages)
    ]


@dataclass
class _Area:
    title: Span
    units: list[Span] = field(default_factory=list)


class _Builder:
    """Sentences of the running text -> sections with introduction, goals and commitments."""

    def __init__(self, stream: Stream, transcript: Transcript) -> None:
        self.stream = stream
        self.transcript = transcript
        self.text = stream.text
        self.lexicon = VerbLexicon.from_text(self.text)
        self.clean = _ItemCleaner(self.text)

    def sections(self) -> list[Section]:
        front, areas = self._areas([(s.start, s.end) for s in sentences.split(self.text)])
        result = []
        front_section = self._front_section(front)
        if front_section:
            result.append(front_section)
        result.extend(self._area_section(area) for area in areas)
        return result

    def _areas(self, units: list[Span]) -> tuple[list[Span], list[_Area]]:
        front: list[Span] = []
        areas: list[_Area] = []
        for start, end in units:
            glued = find_glued_title(self.text[start:end], self.lexicon)
            if glued:
                areas.append(_Area(title=(start, start + glued.title_end), units=[(start + glued.rest_start, end)]))
            elif areas:
                areas[-1].units.append((start, end))
            else:
                front.append((start, end))
        if areas and front and self._is_label(front[-1]):
            front.pop()  # "Mål i langtidsperioden:" introduced the focus areas
        return front, areas

    def _front_section(self, front: list[Span]) -> Section | None:
        lead = next(
            (i for i in reversed(range(len(front))) if self._says(front[i]).endswith(":")
             and re.search(r"\bmål", self._says(front[i]).lower())),
            None,
        )
        if lead is None or lead == len(front) - 1:
            return None
        who = _LEAD_IN_TITLE.match(self._says(front[lead]))
        title = who["who"] if who else "Innledning"
        return Section(
            number=None,
            title=title[:1].upper() + title[1:],
            intro=" ".join(self._says(u) for u in front[:lead]),
            goals=[self._item(u) for u in front[lead + 1 :]],
            source=self._source(front[lead]),
        )

    def _area_section(self, area: _Area) -> Section:
        units = area.units
        intro: list[Span] = []
        for unit in units:
            said = self._says(unit)
            if len(intro) >= MIN_INTRO and not self._argues(said):
                break
            if self._is_label(unit) or _goal_shaped(said) or self.lexicon.is_action(said):
                break
            intro.append(unit)
        goals, commitments = [], []
        mode = None
        for unit in units[len(intro) :]:
            said = self._says(unit)
            if self._is_label(unit):
                mode = _label_mode(said)
                continue
            action = self.lexicon.is_action(said) if mode is None else mode == "commitment"
            (commitments if action else goals).append(self._item(unit))
        return Section(
            number=None,
            title=self._says(area.title),
            intro=" ".join(self._says(u) for u in intro),
            goals=goals,
            commitments=commitments,
            source=self._source(area.title),
        )

    def _says(self, span: Span) -> str:
        return self.clean(self.text[span[0] : span[1]])

    def _item(self, span: Span) -> Item:
        return Item(text=self._says(span), source=self._source(span))

    def _source(self, span: Span) -> Source:
        page, start, end = self.stream.locate(*span)
        return Source(page=self.transcript.page_number(page), start=start, end=end)

    def _is_label(self, span: Span) -> bool:
        said = self._says(span)
        return said.endswith(":") and len(said.split()) <= _LABEL_WORDS

    @staticmethod
    def _argues(sentence: str) -> bool:
        return any(w.lower() in ARGUMENT_CUES for w in words(sentence))


def _goal_shaped(sentence: str) -> bool:
    """A noun phrase with no finite verb of its own: "En tillitsskapende forvaltning …", "Styrking av …"."""
    tokens = words(sentence)
    if not tokens:
        return False
    first = tokens[0].lower()
    if first in ("en", "et", "ei", "at"):
        return True
    return bool(_NOMINAL.search(first)) and len(tokens) > 1 and tokens[1].lower() in _AFTER_NOMINAL


def _label_mode(label: str) -> str | None:
    lowered = label.lower()
    if re.search(r"\b(?:skal|vil)\s*:$", lowered):
        return "commitment"
    if re.search(r"\bmål", lowered):
        return "goal"
    return None


class _ItemCleaner:
    """Whitespace collapsed, and two line-break artefacts of the transcript repaired.

    "helseog omsorgstjenestene": a hyphen at a line end was lost together with
    the space after it; repaired to "helse- og" when the document writes that
    same word as "helse- og" elsewhere. "anskaffelser/ innkjøp": a line broke
    after a slash.
    """

    def __init__(self, text: str) -> None:
        self.split_words = {w.lower() for w in re.findall(r"(\w+)- og\b", text)}

    def __call__(self, text: str) -> str:
        text = " ".join(text.replace("\u00ad", "").split())
        text = re.sub(r"(\w)/ (?=\w)", r"\1/", text)
        return re.sub(r"\b(\w+)og\b", self._rejoin, text)

    def _rejoin(self, match: re.Match[str]) -> str:
        return f"{match[1]}- og" if match[1].lower() in self.split_words else match[0]
