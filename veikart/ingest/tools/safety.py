"""Checks on untrusted ZIP/XML containers (DOCX) before any parser touches them.

A DOCX is a ZIP of XML parts. Two attacks hide in that: a zip bomb (a small
file that unpacks to gigabytes) and XML with a DOCTYPE that declares entities
(external entities read local files; nested ones, "billion laughs", expand
without end). python-docx's lxml parser does not resolve entities, but the
rule here is simpler and stricter: no part of a document may declare any.

Any format can also be long beyond reason: a PDF of 10,000 one-line pages, a
text of a million lines. Each step after the reader costs memory and time per
line, so the readers refuse, before that work starts, a PDF of more than
``max_pages()`` pages and a document of more than ``max_lines()`` lines. The
limits are far above any real plan (the longest in the corpus has 153 pages,
9,181 lines) and are settings: VEIKART_MAX_PAGES, VEIKART_MAX_LINES.
"""

from __future__ import annotations

import os
import re

from veikart.i18n import Count
from veikart.ingest.errors import ExtractError

# zipfile (with bz2, lzma and shutil, ~3 ms) is imported by the functions that open a DOCX's archive,
# not here: every reader imports this module, and reading a PDF or a text never needs it.
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~2 ms)
if TYPE_CHECKING:
    import zipfile

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a real DOCX of text is a few MB unpacked
MAX_MEMBERS = 5000
MAX_RATIO = 100  # XML compresses ~10:1; a member 100x smaller packed is built to explode
RATIO_CHECKED_FROM = 1024 * 1024  # small members may compress well without harm
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# XML as UTF-8 (with or without BOM) or UTF-16: "<" after optional whitespace.
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?(?:\s|\x00)*<")
DEFAULT_MAX_PAGES = 2000
DEFAULT_MAX_LINES = 50_000


def max_pages() -> int:
    """The most pages a PDF may have: VEIKART_MAX_PAGES or 2,000."""
    return _limit_from_env("VEIKART_MAX_PAGES", DEFAULT_MAX_PAGES)


def max_lines() -> int:
    """The most lines of text a document may have: VEIKART_MAX_LINES or 50,000."""
    return _limit_from_env("VEIKART_MAX_LINES", DEFAULT_MAX_LINES)


def _limit_from_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ExtractError("%(name)s må være et helt tall over 0, ikke %(raw)s", name=name, raw=repr(raw))
    return value


def refuse_too_many_pages(pages: int) -> None:
    """Refuse a PDF longer than ``max_pages()``, before any page is read."""
    limit = max_pages()
    if pages > limit:
        raise ExtractError(
            "PDF-en har %(pages)s sider; grensen er %(limit)s sider, langt flere enn en plan har: "
            "last opp delen som inneholder planen",
            pages=Count(pages),
            limit=Count(limit),
        )


def refuse_too_many_lines(lines: int) -> None:
    """Refuse a document of more than ``max_lines()`` lines, before blocks and structure are built."""
    limit = max_lines()
    if lines > limit:
        raise ExtractError(
            "dokumentet har %(lines)s tekstlinjer; grensen er %(limit)s linjer, langt flere enn en plan har: "
            "last opp delen som inneholder planen",
            lines=Count(lines),
            limit=Count(limit),
        )


def open_zip(data: bytes, what: str = "DOCX") -> zipfile.ZipFile:
    """The archive, once its table of contents shows nothing dangerous."""
    import io
    import zipfile

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise ExtractError(
            "%(what)s-filen er skadet eller avkortet (ikke et fullstendig ZIP-arkiv): lagre den på nytt", what=what
        ) from exc
    if len(members) > MAX_MEMBERS:
        raise ExtractError(
            "%(what)s-filen består av %(parts)s deler, flere enn et dokument har: avvist", what=what, parts=len(members)
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise ExtractError(
                "%(what)s-filen er en ZIP-bombe: %(part)s pakkes ut til %(ratio)s ganger sin pakkede størrelse: avvist",
                what=what,
                part=member.filename,
                ratio=ratio,
            )
    if total > MAX_UNPACKED_BYTES:
        megabytes = total // (1024 * 1024)
        raise ExtractError(
            "%(what)s-filen pakkes ut til %(megabytes)s MB, mer enn et dokument trenger: avvist",
            what=what,
            megabytes=megabytes,
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, budget: int = MAX_UNPACKED_BYTES) -> bytes:
    """A member's bytes, never more than ``budget``: the sizes in a ZIP's directory can lie."""
    return _read_part(archive, name, budget, xml_only=False) or b""  # None only when xml_only


def refuse_xml_declarations(archive: zipfile.ZipFile, what: str = "DOCX") -> None:
    """Refuse the archive if any XML part has a DOCTYPE or ENTITY declaration (XXE, billion laughs).

    Every member that starts like XML is checked, whatever its name: content types
    can make python-docx parse a part called "document.dat".
    """
    budget = MAX_UNPACKED_BYTES
    for member in archive.infolist():
        data = _read_part(archive, member.filename, budget, xml_only=True)
        if data is None:
            continue
        budget -= len(data)
        if _declares(data):
            raise ExtractError(
                "%(what)s-filen deklarerer XML-entiteter eller en DOCTYPE i %(part)s, "
                "noe dokumenter aldri trenger (et XXE-angrep?): avvist",
                what=what,
                part=member.filename,
            )


def _read_part(archive: zipfile.ZipFile, name: str, budget: int, xml_only: bool) -> bytes | None:
    """The member's bytes, never more than ``budget``; with ``xml_only``, None for a member that does not
    start like XML (images and other media are skipped unread)."""
    import zipfile

    try:
        with archive.open(name) as stream:
            data = stream.read(min(64, budget + 1))
            if xml_only and not _XML_START.match(data):
                return None
            data += stream.read(budget + 1 - len(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _damaged_part(name) from exc
    if len(data) > budget:
        raise _lying_part(name)
    return data


def _damaged_part(name: str) -> ExtractError:
    return ExtractError("DOCX-filen er skadet: delen %(part)s kan ikke pakkes ut", part=name)


def _lying_part(name: str) -> ExtractError:
    return ExtractError(
        "DOCX-filen er en ZIP-bombe: %(part)s pakkes ut til mer enn arkivets innholdsliste oppgir: avvist", part=name
    )


def _declares(data: bytes) -> bool:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        data = _utf16_to_utf8(data)
    return _DECLARATION.search(data) is not None


def _utf16_to_utf8(data: bytes) -> bytes:
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        try:
            return data.decode(encoding).encode("utf-8")
        except UnicodeDecodeError:
            continue
    return data
