"""Norwegian and English text analysis for search and comparison (no Django).

- ``index_terms(text)`` / ``analyse``: stemmed, ASCII-folded terms with compound parts.
- ``query_terms(query)``: the same analysis for a search box, as ``QueryWord``s.
- ``fts5_query`` / ``pg_tsquery``: safe search expressions for SQLite FTS5 and PostgreSQL.
- ``highlight``: an HTML snippet with the matches in <mark>.
"""

from veikart.text.analyse import QueryWord, analyse, index_terms, query_terms, word_terms
from veikart.text.compounds import split_compound
from veikart.text.fts import fts5_query, pg_tsquery
from veikart.text.highlight import highlight
from veikart.text.lexicon import Lexicon, default_lexicon
from veikart.text.normalise import fold, normalise
from veikart.text.stem import stem
from veikart.text.tokenise import Token, tokens

__all__ = [
    "Lexicon",
    "QueryWord",
    "Token",
    "analyse",
    "default_lexicon",
    "fold",
    "fts5_query",
    "highlight",
    "index_terms",
    "normalise",
    "pg_tsquery",
    "query_terms",
    "split_compound",
    "stem",
    "tokens",
    "word_terms",
]
