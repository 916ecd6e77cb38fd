"""Clean a read document for every layout format (PDF, DOCX, HTML, Markdown).

Removes what is not the author's text (running headers and footers, bare page
numbers, address/contact footers, signature lines), repairs words split across
a line break, normalises whitespace and strips bullet glyphs. Line breaks
inside a block are kept: a table of contents needs its lines.

``normalise_text`` is the one-line form every extracted item gets; applied to
an item's source slice it gives back the item's text, which is how tests check
that provenance is honest.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from veikart.ingest.document import Block, BlockKind, Document

_BULLET = re.compile(r"^[ \t]*(?:[•●◦▪▫■□‣⁃∙·–—*\uf0b7\uf0a7\uf076\uf0d8\uf0fc]|-(?=\s)|o(?=\s))[ \t\u00a0]*")
_TAG = re.compile(r"</?[A-Za-z][^>\n]{0,200}>")
_EMPHASIS = re.compile(r"\*\*|__")

# A word split across a line break: "kommune-\nsektoren". Norwegian writes
# shared compound parts with a hyphen and a space ("helse- og omsorg"), so the
# hyphen stays when the next word is a conjunction, and also when the part
# before it is a capital or digit ("EØS-\navtalen" is "EØS-avtalen").
_SPLIT_WORD = re.compile(r"(\w)-[ \t]*\n[ \t]*(\w+)")
_KEEP_HYPHEN_BEFORE = frozenset({"og", "eller", "samt", "som", "enn", "til", "and", "or", "nor", "to"})

_PAGE_NUMBER = re.compile(r"^(?:(?:side|page|s\.)\s*)?\d{1,4}(?:\s*(?:av|of|/)\s*\d{1,4})?$", re.I)
_CONTACT_LINE = re.compile(
    r"^(?:postadresse|besøksadresse|besoksadresse|adresse|postboks|telefon|tlf\.?|telefaks|faks|e-?post|e-?mail|"
    r"epost|org\.?\s*nr|organisasjonsnummer|www\.|https?://)"
    r"|^[\w.+-]+@[\w-]+\.[\w.]+$"
    r"|^\+?\d[\d ]{6,}$"
    r"|^\d{4} [A-ZÆØÅ][\wæøå]+$",
    re.I,
)
_MONTHS = "januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember"
_PLACE_DATE = re.compile(
    rf"^[A-ZÆØÅ][\wæøå .-]{{1,40}},\s*(?:den\s+)?(?:\d{{1,2}}\.\s*)?(?:{_MONTHS})\s+\d{{4}}$", re.I
)
_SIGNATURE_ROLE = re.compile(
    r"^(?:styreleder|nestleder|ordfører|varaordfører|rådmann|kommunedirektør|kommunalsjef|fylkesordfører|"
    r"fylkesrådmann|fylkeskommunedirektør|administrerende direktør|adm\.? direktør|daglig leder|direktør|"
    r"leder|generalsekretær)\b",
    re.I,
)
_MAX_TITLE = 200
_DASHES = re.compile(r"[‐‑‒–—−]")
_QUOTES = re.compile(r"[«»“”„\"'’‘`]")
_HEADER_PAGE_NUMBER = re.compile(r"^(?:side\s*)?\d{1,4}\s+(?=\D)|\s+(?:side\s*)?\d{1,4}$")
_NAME_LINE = re.compile(r"^[A-ZÆØÅ][\w.'-]+(?: [A-ZÆØÅ][\w.'-]+){1,3}$")
_TERMINAL = re.compile(r"[.!?:;»\"”')\]]$")


@lru_cache(maxsize=8192)
def normalise_text(text: str) -> str:
    """One clean line: no markup, bullet, split words or extra whitespace."""
    text = strip_bullet(_without_markup(text).strip())[0]
    text = repair_hyphenation(text)
    return " ".join(text.split())


def repair_hyphenation(text: str) -> str:
    """Join words split across a line break; keep real hyphens ("helse- og")."""
    if "-" not in text or "\n" not in text:
        return text
    return _SPLIT_WORD.sub(_join_split_word, text)


def _without_markup(text: str) -> str:
    """Hyphens made visible (as ``_soft_hyphens``), HTML tags and Markdown emphasis gone."""
    text = _soft_hyphens(text)
    if "<" in text:
        text = _TAG.sub("", text)
    if "**" in text or "__" in text:
        text = _EMPHASIS.sub("", text)
    return text


def _soft_hyphens(text: str) -> str:
    """PDF text marks a hyphen at a line end as U+FFFE; a soft hyphen (U+00AD) is invisible."""
    if "\ufffe" in text:
        text = re.sub("\ufffe\n?", "-\n", text)
    if "\u00ad" in text:
        text = re.sub("\u00ad\n?", "", text)
    return text


def _join_split_word(match: re.Match[str]) -> str:
    before, word = match.group(1), match.group(2)
    if word.lower() in _KEEP_HYPHEN_BEFORE:
        return f"{before}- {word}"
    if before.isupper() or before.isdigit() or word[0].isupper() or word[0].isdigit():
        return f"{before}-{word}"
    return f"{before}{word}"


def strip_bullet(text: str) -> tuple[str, int]:
    """The text without a leading bullet glyph, and how many characters went."""
    match = _BULLET.match(text)
    if not match or match.end() == len(text):
        return text, 0
    return text[match.end() :], match.end()


def normalise_lines(text: str) -> str:
    """Markup stripped, spaces collapsed and words rejoined, line breaks kept."""
    text = repair_hyphenation(_without_markup(text))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def title_key(text: str) -> str:
    """Comparison key for titles and headers: case, dashes, quotes and dots ignored."""
    if len(text) > _MAX_TITLE:
        return ""  # a paragraph, not a title or header
    text = normalise_text(text).casefold()
    text = _DASHES.sub("-", _QUOTES.sub("", text))
    return text.rstrip(" .…:")


def clean_document(document: Document, title: str | None = None) -> Document:
    """A copy of ``document`` with cleaned blocks; ``pages`` stay as they were.

    A running header met in the middle of a flowing (unpaged) text becomes a
    ``RULE`` block: it marks where a page broke, which the structure finder
    uses to tell a chapter's opening text from the end of the chapter before.
    """
    blocks = [_clean_block(b) for b in document.blocks]
    blocks = [b for b in _split_bullet_paragraphs(blocks, document) if b.text or b.kind is BlockKind.RULE]
    repeated = _repeated_page_lines(blocks, document)
    title_k = title_key(title) if title else None
    kept: list[Block] = []
    seen_title = False
    for block in blocks:
        key = _header_key(block.text)
        is_title = title_k is not None and title_k in (key, title_key(block.text))
        if is_title and not seen_title and block.kind is BlockKind.HEADING:
            seen_title = True
            kept.append(block)
            continue
        if is_title or key in repeated:
            kept.append(Block(kind=BlockKind.RULE, text="", page=block.page, start=block.start, end=block.start))
            continue
        if block.kind is not BlockKind.HEADING and _is_noise(block.text):
            continue
        kept.append(block)
    return replace(document, blocks=_join_broken_paragraphs(kept, document))


def _clean_block(block: Block) -> Block:
    text = normalise_lines(block.text)
    if block.kind is BlockKind.LIST_ITEM:
        text = strip_bullet(text)[0]
    return replace(block, text=text)


def _split_bullet_paragraphs(blocks: list[Block], document: Document) -> list[Block]:
    """Paragraphs of bullet lines (as PDFs give them) become one list item per bullet."""
    out: list[Block] = []
    for block in blocks:
        if block.kind is not BlockKind.PARAGRAPH or not _BULLET.match(block.text) or not strip_bullet(block.text)[1]:
            out.append(block)
            continue
        items: list[list[str]] = []
        for line in block.text.split("\n"):
            stripped, removed = strip_bullet(line)
            if removed or not items:
                items.append([stripped])
            else:
                items[-1].append(line)
        source = _page_text(document, block)
        cursor = block.start
        for lines in items:
            text = repair_hyphenation("\n".join(lines))
            start, end = _locate(source, lines[0], lines[-1], cursor, block.end)
            cursor = max(cursor, end)
            out.append(replace(block, kind=BlockKind.LIST_ITEM, text=text, start=start, end=end))
    return out


def _locate(source: str, first: str, last: str, lo: int, hi: int) -> tuple[int, int]:
    """Offsets of the text from line ``first`` to line ``last`` within source[lo:hi]."""
    start = source.find(first[:40], lo, hi) if source else -1
    if start < 0:
        return lo, hi
    end = source.find(last[-40:], start, hi)
    return start, (end + len(last[-40:]) if end >= 0 else hi)


def _page_text(document: Document, block: Block) -> str:
    if not document.pages:
        return ""
    index = (block.page - 1) if (document.paged and block.page) else 0
    return document.pages[index] if 0 <= index < len(document.pages) else ""


def _header_key(text: str) -> str:
    """A header's key without the page number often printed beside it ("Plan 2024 – side 6")."""
    if len(text) > _MAX_TITLE:
        return ""
    key = _DASHES.sub("-", _QUOTES.sub("", normalise_text(text).casefold()))
    return _HEADER_PAGE_NUMBER.sub("", key).rstrip(" -|") or key


def _repeated_page_lines(blocks: list[Block], document: Document) -> set[str]:
    """Keys of short blocks that open or close at least 3 pages (and 30% of them)."""
    if not document.paged or len(document.pages) < 3:
        return set()
    edges: dict[int, list[Block]] = {}
    for block in blocks:
        if block.page is not None and block.text:
            edges.setdefault(block.page, []).append(block)
    counts: Counter[str] = Counter()
    for page_blocks in edges.values():
        candidates = page_blocks[:2] + page_blocks[-2:]
        keys = {_header_key(b.text) for b in candidates if len(b.text) <= 120}
        # A line ending in a colon leads in to what follows it ("Hovedmål:" over each chapter's goal): a
        # label printed at the top of every chapter's page, not a running header.
        counts.update(k for k in keys if k and not _PAGE_NUMBER.match(k) and not k.endswith(":"))
    needed = max(3, int(0.3 * len(document.pages)))
    return {key for key, n in counts.items() if n >= needed}


def _is_noise(text: str) -> bool:
    """Page numbers, contact footers and signatures: not part of the plan."""
    if _PAGE_NUMBER.match(text):
        return True
    lines = text.split("\n")
    if sum(bool(_CONTACT_LINE.match(line)) for line in lines) * 2 >= len(lines) and len(lines) <= 8:
        return True
    if len(lines) == 1 and _PLACE_DATE.match(lines[0]):
        return True
    # "Bjørn Arild Gram / Styreleder KS": a name line above a short role line.
    return (
        len(lines) in (2, 3)
        and bool(_NAME_LINE.match(lines[0]))
        and len(lines[1]) <= 60
        and bool(_SIGNATURE_ROLE.match(lines[1]))
    )


def _join_broken_paragraphs(blocks: list[Block], document: Document) -> list[Block]:
    """Join a paragraph cut by a page break: no closing punctuation, next starts lower case.

    When both parts sit in one text with only whitespace (or removed headers)
    between, the joined block spans both. Across pages only the first part's
    offsets can be kept, so the source then covers that part.
    """
    out: list[Block] = []
    pending_break: list[Block] = []
    for block in blocks:
        source = _page_text(document, block)
        prev = out[-1] if out else None
        if (
            prev is not None
            and block.kind is BlockKind.PARAGRAPH
            and prev.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
            and block.text[:1].islower()
            and not _TERMINAL.search(prev.text)
        ):
            contiguous = prev.page == block.page and not source[prev.end : block.start].strip()
            end = block.end if contiguous else prev.end
            out[-1] = replace(prev, text=f"{prev.text}\n{block.text}", end=end)
            pending_break.clear()
            continue
        if block.kind is BlockKind.RULE and prev is not None and prev.kind is not BlockKind.HEADING:
            # Hold a page-break marker back until we know whether text continues after it.
            pending_break.append(block)
            continue
        out.extend(pending_break)
        pending_break.clear()
        out.append(block)
    out.extend(pending_break)
    return out
