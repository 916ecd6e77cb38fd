"""Plain text helpers for correcting a strategy against its source text (no Django).

Finding a person's selection in a source page, telling a numbered heading's
number from its title, and taking a bulleted list out of an introduction.
"""

from __future__ import annotations

import re

# A list line: a bullet sign (Word's Symbol-font bullets arrive as private-use characters such as
# U+F0B7), a lone "o" (Wingdings' circle typed as a letter), or a number or letter with "." or ")".
BULLET = re.compile(
    r"^\s*(?:[•◦▪▫■□●○‣⁃∙·*\-–—\uf0a7\uf0b7\uf076\uf0d8\uf0fc\uf0e0]|o(?=\s)"
    r"|\(?\d{1,2}[.)](?=\s)|\(?[a-zæøå]\)(?=\s))\s+(?P<text>\S.*)$",
    re.DOTALL,  # a selection may run over several lines
)
NUMBERED_HEADING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?\s+(?P<title>\S.*)$")


def one_line(text: str) -> str:
    """The words of ``text`` with single spaces between them."""
    return " ".join(text.split())


def strip_bullet(text: str) -> str:
    """``text`` without a leading bullet sign or list number."""
    match = BULLET.match(text)
    return match.group("text") if match else text


def same_words(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ at most in spaces and line breaks."""
    return one_line(a) == one_line(b)


def trim(page: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``page[start:end]`` so it neither begins nor ends with spaces or a bullet sign."""
    while start < end and page[start].isspace():
        start += 1
    while end > start and page[end - 1].isspace():
        end -= 1
    match = BULLET.match(page[start:end])
    if match:
        start += match.start("text")
    return start, end


def find(page: str, text: str, begin: int = 0) -> tuple[int, int] | None:
    """Where ``text`` first occurs in ``page`` at or after ``begin``; spaces and line breaks may differ."""
    words = text.split()
    if not words:
        return None
    match = re.compile(r"\s+".join(re.escape(word) for word in words)).search(page, begin)
    return (match.start(), match.end()) if match else None


def heading_parts(text: str) -> tuple[str | None, str]:
    """``"2.3 Trygge barn"`` -> ``("2.3", "Trygge barn")``; an unnumbered heading has no number."""
    text = one_line(text)
    match = NUMBERED_HEADING.match(text)
    if match:
        return match.group("number"), match.group("title")
    return None, text


def split_bullets(intro: str) -> tuple[str, list[str]]:
    """The introduction without its list lines, and the list's entries (one line each).

    A line that follows a list line and neither starts a new entry nor is blank
    continues the entry when it is indented or starts in lower case (text
    wrapped in a PDF); otherwise it is ordinary text again.
    """
    kept: list[str] = []
    bullets: list[str] = []
    in_list = False
    for line in intro.splitlines():
        match = BULLET.match(line)
        if match:
            bullets.append(match.group("text").strip())
            in_list = True
            continue
        stripped = line.strip()
        if in_list and stripped and (line[:1].isspace() or stripped[0].islower()):
            bullets[-1] = f"{bullets[-1]} {stripped}"
            continue
        in_list = False
        kept.append(line.rstrip())
    remaining = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return remaining, [one_line(b) for b in bullets if b.strip()]
