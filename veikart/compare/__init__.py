"""Period comparison of two strategies (no Django).

``compare(old, new)`` aligns focus areas, goals and commitments and classifies
each item as kept, reworded, merged, split, new or dropped; ``word_diff``
gives the word-level differences of a pair for a side-by-side view;
``summarise`` / ``summary_text`` the short account in Norwegian and English.
"""

from veikart.compare.align import Relation, Thresholds
from veikart.compare.compare import Comparison, Level, LinkResult, compare
from veikart.compare.diff import Op, Segment, segments_html, side_by_side, word_diff
from veikart.compare.items import Entry, Kind
from veikart.compare.summary import KindSummary, Summary, summarise, summary_text

__all__ = [
    "Comparison",
    "Entry",
    "Kind",
    "KindSummary",
    "Level",
    "LinkResult",
    "Op",
    "Relation",
    "Segment",
    "Summary",
    "Thresholds",
    "compare",
    "segments_html",
    "side_by_side",
    "summarise",
    "summary_text",
    "word_diff",
]
