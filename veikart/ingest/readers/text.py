"""Plain text: decode the bytes robustly, then split into paragraphs.

Encodings, in the order they are tried:

1. a byte-order mark says it (UTF-8, UTF-16, UTF-32);
2. NUL bytes in only every other position: UTF-16 without a mark;
3. strict UTF-8;
4. otherwise cp1252 for short texts, and charset-normalizer's guess for
   longer ones. Norwegian text that is not UTF-8 is
   in practice Windows-1252 or Latin-1 (they agree on æøå), and a guesser can
   mistake a short text for another single-byte code page (cp1250 turns "ø"
   into "ř"), so when the guess is a single-byte Latin code page and
   cp1252 decodes the bytes cleanly, cp1252 wins.

Anything with NUL bytes or many control characters after that is a binary file
that was given a text name, and is refused.
"""

from __future__ import annotations

import codecs
import re

from veikart.ingest.document import Block, BlockKind, Document
from veikart.ingest.errors import ExtractError
from veikart.ingest.tools import safety

FORMAT = "text"
EXTENSIONS = (".txt", ".text")

_SNIFF_BYTES = 64 * 1024
_MIN_GUESS_BYTES = 512
# Share of control characters (other than tab, newline, carriage return, form
# feed) above which a decoded "text" is really binary. Real text has none.
_MAX_CONTROL_RATIO = 0.01

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SINGLE_BYTE_LATIN = re.compile(r"^(cp125\d|windows_125\d|latin_1|iso8859_\d+|mac_\w+|cp8\d\d|ascii)$")
# Unicode category Cc (C0 and C1 controls) except tab, newline and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")
_BULLET = re.compile(r"^\s*(?:[-*•–]|\d{1,2}[.)])\s+")


def sniff(data: bytes) -> int:
    """1 for anything that decodes to text; 0 for binary (other readers score higher)."""
    if not data.strip():
        return 0
    try:
        decode(data[:_SNIFF_BYTES], sample=True)
    except ExtractError:
        return 0
    return 1


def read(data: bytes) -> Document:
    text = decode(data)
    safety.refuse_too_many_lines(line_count(text))
    blocks = paragraphs(text)
    if not blocks:
        raise empty_error()
    return Document(format=FORMAT, blocks=blocks, pages=[text], paged=False)


def line_count(text: str) -> int:
    """Lines in ``text`` (decoded, newlines normalised); a final newline does not start another."""
    return text.count("\n") + (not text.endswith("\n"))


def decode(data: bytes, *, sample: bool = False) -> str:
    """The text in ``data`` with newlines normalised to ``\\n``; ExtractError if it is binary.

    ``sample`` means ``data`` may be cut in the middle of a character.
    """
    encoding = _encoding(data, sample=sample)
    errors = "ignore" if sample else "strict"
    try:
        text = data.decode(encoding, errors=errors)
    except (UnicodeDecodeError, LookupError) as exc:
        raise binary_error() from exc
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise binary_error()
    return text


def empty_error() -> ExtractError:
    """The refusal of a text with nothing but whitespace (also used by the converted-text reader)."""
    return ExtractError("filen er tom: den inneholder ingen tekst")


def binary_error() -> ExtractError:
    """The refusal of bytes that no text encoding fits (also used for a binary file with a text name)."""
    return ExtractError("filen er ikke et tekstdokument: den inneholder binære data")


def _encoding(data: bytes, *, sample: bool) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise binary_error()
        return utf16
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A sample may end in the middle of a multi-byte character.
        if sample and exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    return _guess_single_byte(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text in a Latin script has a NUL in every other byte, and only there."""
    even, odd = data[0::2], data[1::2]
    if len(data) < 4:
        return None
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _guess_single_byte(data: bytes) -> str:
    from charset_normalizer import from_bytes

    if len(data) < _MIN_GUESS_BYTES:
        # Too short for a guesser (it reads "Ærlig og åpen" as Urdu cp1006).
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            pass
    best = from_bytes(data).best()
    if best is None:
        raise binary_error()
    guess = best.encoding
    if _SINGLE_BYTE_LATIN.match(guess):
        try:
            data.decode("cp1252")
            return "cp1252"
        except UnicodeDecodeError:
            return "latin-1" if guess in ("cp1252", "windows_1252") else guess
    return guess


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for _ in _CONTROL.finditer(text))
    return controls > _MAX_CONTROL_RATIO * max(len(text), 1)


def paragraphs(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; lines that start with a bullet become list items.

    ``start``/``end`` index ``text`` (the whole document: plain text has no pages).
    """
    blocks: list[Block] = []
    for match in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|$))+", text):
        blocks.extend(_blocks_of_paragraph(match.group(0), match.start()))
    return blocks


def _blocks_of_paragraph(raw: str, offset: int) -> list[Block]:
    lines = []
    pos = 0
    for line in raw.split("\n"):
        if line.strip():
            lines.append((offset + pos, line))
        pos += len(line) + 1
    if any(_BULLET.match(line) for _, line in lines):
        return _list_blocks(lines)
    return [_block(BlockKind.PARAGRAPH, lines)]


def _list_blocks(lines: list[tuple[int, str]]) -> list[Block]:
    """Bullet lines start list items; other lines continue the item (or paragraph) before them."""
    groups: list[tuple[BlockKind, list[tuple[int, str]]]] = []
    for start, line in lines:
        bullet = _BULLET.match(line)
        if bullet or not groups:
            kind = BlockKind.LIST_ITEM if bullet else BlockKind.PARAGRAPH
            groups.append((kind, [(start, line)]))
        else:
            groups[-1][1].append((start, line))
    blocks = []
    for kind, group in groups:
        block = _block(kind, group)
        if kind is BlockKind.LIST_ITEM:
            marker = _BULLET.match(block.text)
            block.text = block.text[marker.end() :] if marker else block.text
            block.numbered = bool(marker and marker.group(0).strip()[0].isdigit())
        blocks.append(block)
    return blocks


def _block(kind: BlockKind, lines: list[tuple[int, str]]) -> Block:
    first_start, first = lines[0]
    last_start, last = lines[-1]
    start = first_start + (len(first) - len(first.lstrip()))
    end = last_start + len(last.rstrip())
    text = " ".join(line.strip() for _, line in lines)
    return Block(kind=kind, text=text, page=None, start=start, end=end)
