"""Split Norwegian text into sentences, keeping where each one is.

A sentence ends at ".", "!" or "?" (after any closing quote or bracket) when
the next word starts with a capital letter, a « or an opening bracket, unless
the word before the full stop is a known abbreviation ("pr.", "bl.a.",
"f.eks.", "nr.") or a single capital letter (an initial: "A. Hansen").
Numbers need no rule of their own: "16.-17. februar" and "pr. år" go on in
lower case, so they never look like a sentence end.

A colon before a capital letter also ends a unit: "Mål i langtidsperioden:
Inkluderende folkestyre …" and "følgende mål: Meget godt omdømme …" are a
label or a lead-in followed by what it introduces. A colon before lower case
("gjennom å: være …") continues the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def wordset(words: str) -> frozenset[str]:
    """A set of words written as one string, separated by whitespace."""
    return frozenset(words.split())


ABBREVIATIONS = wordset("""
    pr nr bl.a f.eks t.eks jf jfr ca mv m.v osv dvs evt ev inkl ekskl kap m.fl mill mrd o.l e.l t.o.m f.o.m
    tlf vedr iht ift pst kl stk ang avd forts m.m mht o.a p.t resp t.d vs adm dir div eks etc hhv
    """)

# End of sentence: terminal punctuation, closing quotes/brackets, whitespace, and
# the first character of the next sentence (captured so we can look at it).
_END = re.compile(r"([.!?:])[»\"')\]]*(\s+)(?=[A-ZÆØÅÀ-ÖØ-Þ«\"(])")


@dataclass(frozen=True)
class Span:
    """A sentence: ``text[start:end]`` of the text it was split from."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]


def split(text: str) -> list[Span]:
    """Sentence spans of ``text``, trimmed of surrounding whitespace, in order."""
    spans: list[Span] = []
    start = 0
    for match in _END.finditer(text):
        if _is_abbreviation(text, match.start(1), match.group(1)):
            continue
        end = match.start(2)
        _add(text, start, end, spans)
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _is_abbreviation(text: str, stop: int, mark: str) -> bool:
    if mark != ".":
        return False
    word_start = stop
    while word_start > 0 and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:stop].lstrip("(«\"'").lower()
    if word in ABBREVIATIONS:
        return True
    # An initial: one capital letter ("A. Hansen").
    return len(word) == 1 and text[stop - 1].isupper()


def _add(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))
