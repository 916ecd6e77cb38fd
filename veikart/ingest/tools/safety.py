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
from typing import TYPE_CHECKING

from veikart.ingest.errors import ExtractError, nb_count

# zipfile (with bz2, lzma and shutil, ~3 ms) is imported by the functions that open a DOCX's archive,
# not here: every reader imports this module, and reading a PDF or a text never needs it.
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
        raise ExtractError(
            en=f"{name} must be a whole number above 0, not {raw!r}",
            nb=f"{name} må være et helt tall over 0, ikke {raw!r}",
        )
    return value


def refuse_too_many_pages(pages: int) -> None:
    """Refuse a PDF longer than ``max_pages()``, before any page is read."""
    limit = max_pages()
    if pages > limit:
        raise ExtractError(
            en=f"the PDF has {pages:,} pages; the limit is {limit:,} pages, far more than a plan has: "
            "upload the part that holds the plan",
            nb=f"PDF-en har {nb_count(pages)} sider; grensen er {nb_count(limit)} sider, langt flere enn en plan "
            "har: last opp delen som inneholder planen",
        )


def refuse_too_many_lines(lines: int) -> None:
    """Refuse a document of more than ``max_lines()`` lines, before blocks and structure are built."""
    limit = max_lines()
    if lines > limit:
        raise ExtractError(
            en=f"the document has {lines:,} lines of text; the limit is {limit:,} lines, far more than a plan has: "
            "upload the part that holds the plan",
            nb=f"dokumentet har {nb_count(lines)} tekstlinjer; grensen er {nb_count(limit)} linjer, langt flere "
            "enn en plan har: last opp delen som inneholder planen",
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
            en=f"the {what} file is damaged or truncated (not a complete ZIP archive): save it again",
            nb=f"{what}-filen er skadet eller avkortet (ikke et fullstendig ZIP-arkiv): lagre den på nytt",
        ) from exc
    if len(members) > MAX_MEMBERS:
        raise ExtractError(
            en=f"the {what} file holds {len(members)} parts, more than a document has: refused",
            nb=f"{what}-filen består av {len(members)} deler, flere enn et dokument har: avvist",
        )
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size // max(member.compress_size, 1)
            raise ExtractError(
                en=f"the {what} file is a zip bomb: {member.filename} unpacks to {ratio} times its packed size: "
                "refused",
                nb=f"{what}-filen er en ZIP-bombe: {member.filename} pakkes ut til {ratio} ganger sin pakkede "
                "størrelse: avvist",
            )
    if total > MAX_UNPACKED_BYTES:
        megabytes = total // (1024 * 1024)
        raise ExtractError(
            en=f"the {what} file unpacks to {megabytes} MB, more than a document needs: refused",
            nb=f"{what}-filen pakkes ut til {megabytes} MB, mer enn et dokument trenger: avvist",
        )
    return archive


def read_member(archive: zipfile.ZipFile, name: str, budget: int = MAX_UNPACKED_BYTES) -> bytes:
    """A member's bytes, never more than ``budget``: the sizes in a ZIP's directory can lie."""
    import zipfile

    try:
        with archive.open(name) as stream:
            data = stream.read(budget + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _damaged_part(name) from exc
    if len(data) > budget:
        raise _lying_part(name)
    return data


def refuse_xml_declarations(archive: zipfile.ZipFile, what: str = "DOCX") -> None:
    """Refuse the archive if any XML part has a DOCTYPE or ENTITY declaration (XXE, billion laughs).

    Every member that starts like XML is checked, whatever its name: content types
    can make python-docx parse a part called "document.dat".
    """
    budget = MAX_UNPACKED_BYTES
    for member in archive.infolist():
        data = _xml_member(archive, member.filename, budget)
        if data is None:
            continue
        budget -= len(data)
        if _declares(data):
            raise ExtractError(
                en=f"the {what} file declares XML entities or a DOCTYPE in {member.filename}, "
                "which documents never need (an XXE attack?): refused",
                nb=f"{what}-filen deklarerer XML-entiteter eller en DOCTYPE i {member.filename}, "
                "noe dokumenter aldri trenger (et XXE-angrep?): avvist",
            )


def _xml_member(archive: zipfile.ZipFile, name: str, budget: int) -> bytes | None:
    """The member's bytes if it starts like XML (images and other media are skipped unread)."""
    import zipfile

    try:
        with archive.open(name) as stream:
            head = stream.read(64)
            if not _XML_START.match(head):
                return None
            data = head + stream.read(budget + 1 - len(head))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise _damaged_part(name) from exc
    if len(data) > budget:
        raise _lying_part(name)
    return data


def _damaged_part(name: str) -> ExtractError:
    return ExtractError(
        en=f"the DOCX file is damaged: its part {name} cannot be unpacked",
        nb=f"DOCX-filen er skadet: delen {name} kan ikke pakkes ut",
    )


def _lying_part(name: str) -> ExtractError:
    return ExtractError(
        en=f"the DOCX file is a zip bomb: {name} unpacks to more than its directory says: refused",
        nb=f"DOCX-filen er en ZIP-bombe: {name} pakkes ut til mer enn arkivets innholdsliste oppgir: avvist",
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
