"""Word-level differences between two wordings, for a side-by-side view."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from veikart.text import fold, normalise

_PIECES = re.compile(r"[^\W_]+|\s+|[^\w\s]+|_+")


class Op(StrEnum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@dataclass(frozen=True)
class Segment:
    op: Op
    text: str

    def to_list(self) -> list[str]:
        return [self.op.value, self.text]


def _key(piece: str) -> str:
    # Case, Norwegian letters' spelling and the amount of white space are no difference.
    return " " if piece.isspace() else fold(normalise(piece))


def _append(out: list[Segment], op: Op, text: str) -> None:
    if not text:
        return
    if out and out[-1].op == op:
        out[-1] = Segment(op, out[-1].text + text)
    else:
        out.append(Segment(op, text))


def _opcodes(old: str, new: str) -> tuple[list[str], list[str], list[tuple[str, int, int, int, int]]]:
    a, b = _PIECES.findall(old), _PIECES.findall(new)
    matcher = SequenceMatcher(None, [_key(p) for p in a], [_key(p) for p in b], autojunk=False)
    return a, b, matcher.get_opcodes()


def word_diff(old: str, new: str) -> list[Segment]:
    """How ``old`` becomes ``new``: equal (as written in old), delete and insert segments, in order."""
    a, b, opcodes = _opcodes(old, new)
    out: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            _append(out, Op.EQUAL, "".join(a[i1:i2]))
        else:
            _append(out, Op.DELETE, "".join(a[i1:i2]))
            _append(out, Op.INSERT, "".join(b[j1:j2]))
    return out


def side_by_side(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """The old text (equal + deleted) and the new text (equal + inserted), each as written."""
    a, b, opcodes = _opcodes(old, new)
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in opcodes:
        _append(left, Op.EQUAL if tag == "equal" else Op.DELETE, "".join(a[i1:i2]))
        _append(right, Op.EQUAL if tag == "equal" else Op.INSERT, "".join(b[j1:j2]))
    return left, right


def segments_html(segments: list[Segment]) -> str:
    """Segments as escaped HTML with <del> and <ins> around the changes."""
    tags = {Op.DELETE: "del", Op.INSERT: "ins"}
    out = []
    for s in segments:
        text = html.escape(s.text)
        out.append(f"<{tags[s.op]}>{text}</{tags[s.op]}>" if s.op in tags else text)
    return "".join(out)


def wording_similarity(old: str, new: str) -> float:
    """Share of words in common, in order (difflib ratio over folded words), 0..1."""
    a = [_key(p) for p in _PIECES.findall(old) if not p.isspace()]
    b = [_key(p) for p in _PIECES.findall(new) if not p.isspace()]
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()
