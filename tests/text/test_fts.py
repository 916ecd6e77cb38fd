import os
import sqlite3

import pytest

from veikart.text import fts5_query, index_terms, pg_tsquery

HOSTILE = [
    "",
    " ",
    '"',
    '"""',
    "'",
    "barnehage\"",
    'NEAR(a b, 3)',
    "NEAR",
    "a AND",
    "OR OR OR",
    "NOT",
    "-barnehage",
    "*",
    "^strategi",
    "strategi*",
    "col:strategi",
    "{a b}:c",
    "(((",
    ")",
    "a + b",
    "'; DROP TABLE docs; --",
    "1' OR '1'='1",
    "\\",
    "%_",
    "\x00nul",
    "emoji 🎉 ✓",
    "x" * 100_000,
    "ord " * 5_000,
    "æøå ÆØÅ",
    "a:b:c",
    "€$#@!",
]

DOCS = {
    1: "KS sin arbeidsgiverpolitikk for kommunene",
    2: "En strategi for digitalisering i kommunesektoren",
    3: "Flere barnehager og barnehagen som lærende organisasjon",
    4: "Sunn kommuneøkonomi og god økonomistyring",
    5: "Klimatilpasning og lavutslippssamfunnet",
    6: "Folkevalgte og lokaldemokrati",
    7: "Gode helse- og omsorgstjenester",
}


@pytest.fixture()
def fts():
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(terms)")
    rows = [(k, " ".join(index_terms(v))) for k, v in DOCS.items()]
    db.executemany("INSERT INTO docs(rowid, terms) VALUES (?, ?)", rows)
    yield db
    db.close()


def search(db, query):
    expression = fts5_query(query)
    if not expression:
        return set()
    return {row[0] for row in db.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (expression,))}


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_never_makes_fts5_match_raise(fts, query):
    assert isinstance(search(fts, query), set)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("arbeidsgiver", {1}),
        ("digitaliseringsstrategi", {2}),
        ("barnehage", {3}),
        ("barnehagene", {3}),
        ("okonomi", {4}),
        ("oekonomi", {4}),
        ("økonomi", {4}),
        ("klima", {5}),
        ("folkevalgt lokaldemokrati", {6}),
        ("kommune", {1, 2, 4}),
        ("barnehage digitalisering", set()),
        ("helsetjenester", {7}),
        ("omsorgstjenestene", {7}),
    ],
)
def test_norwegian_queries_find_the_expected_rows(fts, query, expected):
    assert search(fts, query) == expected


def test_an_unsearchable_query_gives_an_empty_expression():
    assert fts5_query("og i på") == ""
    assert fts5_query(None) == ""  # type: ignore[arg-type]


def test_every_term_in_the_expression_is_quoted():
    assert fts5_query('NEAR("a" b) OR strategi*') == '"near" AND "b" AND "or" AND "strategi"*'


def test_the_tsquery_quotes_every_term():
    assert pg_tsquery("digitaliseringsstrategi") == (
        "('digitaliseringsstrategi':* | ('digitalisering':* & 'strategi':*))"
    )


@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="needs DATABASE_URL")
def test_hostile_input_never_makes_postgres_to_tsquery_raise_and_queries_find_rows():
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        conn.execute("CREATE TEMP TABLE docs (id int, tsv tsvector)")
        for k, v in DOCS.items():
            conn.execute("INSERT INTO docs VALUES (%s, to_tsvector('simple', %s))", (k, " ".join(index_terms(v))))
        for query in HOSTILE:
            expression = pg_tsquery(query)
            if expression:
                conn.execute("SELECT id FROM docs WHERE tsv @@ to_tsquery('simple', %s)", (expression,)).fetchall()
        found = conn.execute(
            "SELECT id FROM docs WHERE tsv @@ to_tsquery('simple', %s)", (pg_tsquery("digitaliseringsstrategi"),)
        ).fetchall()
        assert found == [(2,)]
