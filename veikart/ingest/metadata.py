"""Title, organisation, period and language of a strategy, read from its text.

- **Organisation**: the author, as the member register names it ("Krødsherad
  kommune", "Telemark fylkeskommune"), scored from the title, the cover page
  and the first pages: the council that adopted it ("Vedtatt av Krødsherad
  kommunestyre"), "X kommune" / "X fylkeskommune", and bare municipality names.
  "KS" only where KS is the author ("Langtidsstrategi for KS", "Kommunesektorens
  organisasjon" on the cover), never for a "KS-sak" or a citation. An English
  plan keeps the council printed on its cover. None when nothing stands out.
- **Period**: the plan's own span of years from its title, its cover or a
  "plan period" phrase; a span cited in the body ("siden 2014/15") is no period.
- **Language**: nb, nn or en (sv/da kept apart so they are not mistaken for
  Norwegian) by py3langid's model on a sample of the body text, not headings.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.model import Period, Strategy
from veikart.ingest.tools.clean import normalise_text
from veikart.members import Member, MemberKind, all_members, resolve

_YEAR = r"(?:19|20)\d{2}"
# "2020–2023", "2016-2019", "2016 2019", "2016 til 2019", "2018 to 2037", "2016/2019", "2020-23".
# Not "2014/15" (a school year) and not a year inside a date ("18.06.2020").
_PERIOD_PATTERN = (
    rf"(?<!\d)(?<!\d[.,/])(?P<start>{_YEAR})"
    rf"(?:\s*[-‐‑‒–—−]\s*(?P<end>{_YEAR}|\d{{2}})|\s*/\s*(?P<end_slash>{_YEAR})"
    rf"|\s+(?:til|to|until)\s+(?P<end_word>{_YEAR})|\s+(?P<end_space>{_YEAR}))(?!\d|[.,]\d)"
)
_PERIOD = re.compile(_PERIOD_PATTERN)
# Municipal plans look far ahead (kommuneplanens samfunnsdel: 12-25 years); a longer span is no plan period.
_MAX_PERIOD_YEARS = 25
# The plan states its period in words: "the Plan period runs from 2018 to 2037", "planperioden 2024–2027".
_PERIOD_CUE = re.compile(
    r"\b(?:plan\s*period|planperiod(?:e|en)|strategiperiod(?:e|en)|plan(?:en)?\s+(?:gjeld(?:er)?|gjelder)\s+for)"
    rf"\b[^\d.;]{{0,40}}?{_PERIOD_PATTERN}",
    re.I,
)
_MONTHS = frozenset(
    re.findall(
        r"\w+",
        "januar februar mars april mai juni juli august september oktober november desember "
        "january february march may june july october december jan feb mar apr jun jul aug sep okt oct nov des dec",
    )
)
_EVENT_WORDS = ("vedt", "revid", "oppdat", "rullert", "utgave", "versjon", "adopt", "updat", "revis", "publish")
_LONE_YEAR = re.compile(rf"^(?:(?P<before>.*?)\s+)?(?P<year>{_YEAR})$")

# KS as the author: the plan is "for KS", or the cover names KS's organisation.
_KS_TITLE = re.compile(r"\b(?:for|i)\s+KS\b(?![-‐‑])|^KS\b(?![-‐‑])")
_KS_COVER = re.compile(r"\bkommunesektorens\s+organisasjon\b", re.I)
# A printed municipality not in the register (a fictional "Eksempel kommune", a name older than 2020).
_PRINTED_MUNICIPALITY = re.compile(
    r"\b([A-ZÆØÅ][\wæøå-]+(?: og [A-ZÆØÅ][\wæøå-]+)?) (fylkeskommune|kommune)\b"
)
_NOT_A_NAME = frozenset(
    re.findall(r"\w+", "Den Denne Det En Ei Et Hver Hele Samme Vår Var Egen Hvilken Annen Ny Nye Din")
)
# An English plan's author: "Babergh District Council & Mid Suffolk District Council".
_COUNCIL = r"(?:[A-Z][\w'’-]+[ \t]+){1,4}Council"
_COUNCILS = re.compile(rf"{_COUNCIL}(?:\s*(?:&|and)\s*{_COUNCIL})*")
_NOT_COUNCIL_WORDS = frozenset(
    re.findall(r"\w+", "The This That Each Every Our A An Local Parish Town District County City")
)

_WORDS = re.compile(r"[^\W\d_]+")
_MAX_NAME_WORDS = 5  # "Porsanger - Porsángu - Porsanki" is three words, "Vestfold og Telemark" three
# How much a mention counts, by where it stands and what follows the name.
_WHERE = {"title": 3, "cover": 2, "head": 1}
_ADOPTED_BY = 3  # "Krødsherad kommunestyre", "Telemarks fylkesting": the body that adopts the plan
_WITH_KIND = 2  # "Krødsherad kommune", "Telemark fylkeskommune"
_BARE = 1  # "Krødsherad" (municipalities only: a bare county name is mostly a place)
_MIN_SCORE = 2  # one bare mention in the running text is no authorship

_NOT_A_TITLE = re.compile(r"^(?:innhold|innholdsfortegnelse|contents|table of contents|forord|\d+(?:\.\d+)*\.?)$", re.I)
_HEAD_CHARS = 10000  # the first pages: cover, contents, introduction
_PERIOD_CUE_CHARS = 40000  # "the Plan period runs from 2018 to 2037" stands in the introduction
_COVER_CHARS = 800  # the cover is the start of page 1 (a web page or unpaged text has no cover page)
_COVER_LINE_CHARS = 150  # a cover line is short; a span inside a long paragraph is the body's
_LANGUAGE_SAMPLE_CHARS = 5000  # py3langid is sure after a few thousand characters (12/12 on the corpus at 3000)
_LANGUAGES = ("no", "nn", "en", "sv", "da")  # the model's codes; "no" is bokmål


@dataclass
class Metadata:
    title: str | None
    organisation: str | None
    period: Period | None


def find_metadata(document: Document) -> Metadata:
    """Title, organisation and period of ``document`` (the structure finders' first guess)."""
    title = find_title(document)
    return Metadata(
        title=title,
        organisation=organisation_of(title, document),
        period=period_of(title, document),
    )


def describe(strategy: Strategy, document: Document) -> None:
    """Set the organisation, period and language of ``strategy`` from its title and ``document``.

    What is not found is None (the language stays "nb" only for a document without text).
    """
    strategy.organisation = organisation_of(strategy.title, document)
    strategy.period = period_of(strategy.title, document)
    strategy.language = language_of(document) or strategy.language


# -- title -------------------------------------------------------------------


def find_title(document: Document) -> str | None:
    """The first heading of the document (the highest level among the first few), else its first line."""
    headings = [b for b in document.blocks[:40] if b.kind is BlockKind.HEADING and b.text.strip()]
    headings = [b for b in headings if not _NOT_A_TITLE.match(normalise_text(b.text))]
    if headings:
        top = min(b.level or 9 for b in headings)
        first = next(b for b in headings if (b.level or 9) == top)
        return normalise_text(first.text)
    for block in document.blocks:
        line = normalise_text(block.text.split("\n", 1)[0])
        if line and len(line) <= 150:
            return line
    return None


# -- period ------------------------------------------------------------------


def find_period(text: str) -> Period | None:
    """The first plausible span of years in ``text``: start before end, at most 25 years."""
    for match in _PERIOD.finditer(text):
        period = _span(match)
        if period:
            return period
    return None


def _span(match: re.Match[str]) -> Period | None:
    start = int(match["start"])
    end_text = match["end"] or match["end_slash"] or match["end_word"] or match["end_space"]
    end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
    return Period(start, end) if start < end <= start + _MAX_PERIOD_YEARS else None


def period_of(title: str | None, document: Document) -> Period | None:
    """The plan's own period: from its title, its cover, a "plan period" phrase, or a lone year on the cover."""
    cover = cover_text(document)
    found = find_period(title or "") or find_period(cover)
    if found:
        return found
    for match in _PERIOD_CUE.finditer(head_text(document, _PERIOD_CUE_CHARS)):
        found = _span(match)
        if found:
            return found
    # A yearly plan: "Handlingsplan Telemark Ungdomsråd 2025" (title or cover line); not "NOVEMBER 2023".
    for line in [title or "", *cover.split("\n")]:
        match = _LONE_YEAR.match(line.strip())
        if match and not _is_date(match["before"] or ""):
            return Period(int(match["year"]), int(match["year"]))
    return None


def _is_date(before: str) -> bool:
    """True when the words before a year make it a date or an event ("november 2023", "vedtatt 2021")."""
    words = before.lower().split()
    return bool(words) and (
        words[-1].rstrip(".,") in _MONTHS
        or words[-1].rstrip(".,").isdigit()
        or any(word.startswith(_EVENT_WORDS) for word in words)
        or any(ch.isdigit() for ch in before)
    )


# -- organisation ------------------------------------------------------------


def organisation_of(title: str | None, document: Document) -> str | None:
    return find_organisation(head_text(document), title=title or "", cover=cover_text(document))


def find_organisation(text: str, *, title: str | None = None, cover: str | None = None) -> str | None:
    """The author of a plan: KS, a member of the register, or an English council; None when unsure.

    ``text`` is the first pages; ``title`` and ``cover`` count more. Called with
    ``text`` alone (a title or a short text), the text is all three.
    """
    title = text if title is None else title
    cover = text if cover is None else cover
    if _KS_TITLE.search(title) or _KS_COVER.search(cover) or _KS_TITLE.search(cover.split("\n", 1)[0]):
        return "KS"
    scores: Counter[str] = Counter()
    for where, part in (("title", title), ("cover", cover), ("head", text)):
        for name, points in _register_mentions(part):
            scores[name] += points * _WHERE[where]
    if not scores:  # not in the register: a name printed on the cover as "X kommune"
        for where, part in (("title", title), ("cover", cover)):
            for match in _PRINTED_MUNICIPALITY.finditer(part):
                if match[1].split()[0] not in _NOT_A_NAME:
                    scores[f"{match[1]} {match[2]}"] += _WITH_KIND * _WHERE[where]
    if not scores:
        return _council(title, cover, text)
    ranked = scores.most_common(2)
    best, score = ranked[0]
    if score < _MIN_SCORE or (len(ranked) > 1 and ranked[1][1] == score):
        return None
    return best


def _council(title: str, cover: str, text: str) -> str | None:
    """The council(s) most named on an English plan's cover and first pages, as printed ("&" as "and")."""
    found: Counter[str] = Counter()
    for where, part in (("title", title), ("cover", cover), ("head", text)):
        for match in _COUNCILS.finditer(part):
            name = " ".join(match[0].replace("&", "and").split())
            while name.split(" ", 1)[0] in _NOT_COUNCIL_WORDS and name.count(" ") > 1:
                name = name.split(" ", 1)[1]
            if name.split(" ", 1)[0] not in _NOT_COUNCIL_WORDS:
                found[name] += _WHERE[where]
    if not found:
        return None
    # The joint name ("A Council and B Council") wins over its parts when it is named as often.
    best = max(found.items(), key=lambda item: (item[1], len(item[0])))
    return best[0] if best[1] >= _MIN_SCORE else None


def _register_mentions(text: str):
    """(organisation, points) for every member of the register named in ``text``."""
    index, longest = _name_index(), _longest_name_from()
    words = list(_WORDS.finditer(text))
    i = 0
    while i < len(words):
        first = words[i].group(0)
        key = first.lower()
        most = longest.get(key, longest.get(key[:-1], 0) if key.endswith("s") else 0) if first[0].isupper() else 0
        for n in range(min(most, len(words) - i), 0, -1):
            phrase = _phrase(text, words[i : i + n])
            names = _lookup(index, phrase) if phrase else {}
            if not names:
                continue
            after = words[i + n] if i + n < len(words) else None
            joined = after and not text[words[i + n - 1].end() : after.start()].strip()
            following = after.group(0).lower() if joined else ""
            kind, points = _context(following)
            for member_kind, organisation in names.items():
                # A bare county name is mostly a place ("ungdommene i Telemark"); a bare municipality counts.
                wanted = member_kind is kind if kind else member_kind is MemberKind.MUNICIPALITY
                if wanted and organisation:
                    yield organisation, points
            i += n - 1
            break
        i += 1


def _context(following: str) -> tuple[MemberKind | None, int]:
    if following.startswith(("kommunestyre", "bystyre")):
        return MemberKind.MUNICIPALITY, _ADOPTED_BY
    if following.startswith("fylkesting"):
        return MemberKind.COUNTY, _ADOPTED_BY
    if following.startswith("fylkeskommun"):
        return MemberKind.COUNTY, _WITH_KIND
    if following.startswith("kommun"):
        return MemberKind.MUNICIPALITY, _WITH_KIND
    return None, _BARE


def _phrase(text: str, words: list[re.Match[str]]) -> str | None:
    """The words as one name ("Nore og Uvdal", "Aurskog-Høland", "Fauske - Fuosko"); None if punctuation parts them."""
    parts = [words[0].group(0)]
    for left, right in zip(words, words[1:], strict=False):
        gap = text[left.end() : right.start()]
        if gap == "-":
            parts.append("-")
        elif gap.strip() in ("-", "–") and gap != gap.strip():
            parts.append(" - ")
        elif gap and not gap.strip():
            parts.append(" ")
        else:
            return None
        parts.append(right.group(0))
    return "".join(parts)


def _lookup(index: dict[str, dict[MemberKind, str | None]], phrase: str) -> dict[MemberKind, str | None]:
    """The register's names for ``phrase`` written as the register does or in capitals; "Telemarks" too."""
    for candidate in (phrase, phrase[:-1] if phrase.endswith("s") and len(phrase) > 3 else None):
        if not candidate:
            continue
        names = index.get(candidate.lower())
        if names and _cased_like_a_name(candidate):
            return names
    return {}


def _cased_like_a_name(phrase: str) -> bool:
    if phrase.isupper():
        return True
    return all(w[0].isupper() for w in phrase.replace("-", " ").split() if w not in ("og", "i"))


@functools.cache
def _longest_name_from() -> dict[str, int]:
    """First word of a name (lower case) -> the most words a name starting with it has."""
    longest: dict[str, int] = {}
    for name in _name_index():
        words = _WORDS.findall(name)
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


@functools.cache
def _name_index() -> dict[str, dict[MemberKind, str | None]]:
    """Every name the register knows (lower case) -> per kind, today's organisation (None: split, unknown)."""
    today = date.today()
    index: dict[str, dict[MemberKind, str | None]] = {}
    for member in all_members():
        organisation = _todays_name(member, today)
        for variant in _variants(member.name):
            kinds = index.setdefault(variant.lower(), {})
            if kinds.get(member.kind, organisation) != organisation:
                organisation = None  # two members of one name and kind ("Herøy"): do not guess
            kinds[member.kind] = organisation
    return index


def _variants(name: str) -> set[str]:
    base = re.sub(r"\s*\(.*\)$", "", name)  # "Herøy (Nordland)" -> "Herøy"
    return {base, *(part.strip() for part in base.split(" - "))}


def _todays_name(member: Member, today: date) -> str | None:
    """"Krødsherad kommune"; a former member by its one successor; None when it was split."""
    if member.valid_to is not None:
        successors = resolve(member.code, today)
        if len(successors) != 1:
            return None
        member = successors[0]
    base = re.sub(r"\s*\(.*\)$", "", member.name)
    return f"{base} {member.kind.label_nb}"


# -- language ----------------------------------------------------------------


def language_of(document: Document) -> str | None:
    """"nb", "nn" or "en" (or "sv", "da") of the body text, None without text."""
    sample = body_sample(document)
    if not sample:
        return None
    code, _ = _identifier().classify(sample)
    return "nb" if code == "no" else code


def body_sample(document: Document, limit: int = _LANGUAGE_SAMPLE_CHARS) -> str:
    """Paragraphs and list items of four words or more, spread over the document, about ``limit`` characters."""
    blocks = [b.text for b in document.blocks if _is_body(b)]
    if not blocks:
        blocks = [b.text for b in document.blocks if b.text.strip()]
    total = sum(len(t) for t in blocks)
    step = max(1, total // limit) if total > limit else 1
    picked = blocks[::step]
    return " ".join(" ".join(picked).split())[: limit * 2]


def _is_body(block: Block) -> bool:
    return block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM) and len(block.text.split()) >= 4


@functools.cache
def _identifier():
    """py3langid's model restricted to the languages that matter (BSD), read from a compact file in a few
    milliseconds without NumPy (py3langid itself unpacks 97 languages: 0.7 s); see veikart/ingest/language.py."""
    from veikart.ingest.language import LanguageModel  # lazy: keeps `veikart --help` fast

    identifier = LanguageModel()
    if set(identifier.languages) != set(_LANGUAGES):
        raise RuntimeError(f"the language model knows {identifier.languages}, not {_LANGUAGES}")
    return identifier


# -- where to look -----------------------------------------------------------


def head_text(document: Document, limit: int = _HEAD_CHARS) -> str:
    """The first ``limit`` characters: the pages as extracted (running headers too: they name the author)."""
    if document.pages:
        return "\n".join(document.pages)[:limit]
    return "\n".join(block.text for block in document.blocks)[:limit]


def cover_text(document: Document) -> str:
    """The cover's short lines: the start of page 1 (of a paged or converted document), no list items."""
    lines: list[str] = []
    size = 0
    for block in document.blocks:
        if (block.page or 1) > 1 or size > _COVER_CHARS:
            break
        size += len(block.text)
        if block.kind is BlockKind.LIST_ITEM:  # a converter's header ("- Kommunenr: 3318"), a cited plan
            continue
        for line in block.text.split("\n"):
            line = " ".join(line.split())
            if line and len(line) <= _COVER_LINE_CHARS:
                lines.append(line)
    return "\n".join(lines)
