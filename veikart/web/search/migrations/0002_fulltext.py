"""The full-text index beside search_searchdocument, one kind per database.

SQLite: an FTS5 table with external content (the rows' analysed terms),
kept in step by triggers, so every ORM insert, update and delete (cascades
included) reaches it. PostgreSQL: generated tsvector columns, one over the
analysed terms ('simple': our terms as they are; title weighted A, body B)
and one over the raw text with the 'norwegian' configuration (used for
ranking), each with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_terms, terms, content='search_searchdocument', content_rowid='id')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(rowid, title_terms, terms) VALUES (new.id, new.title_terms, new.terms); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_terms, terms) "
    "VALUES ('delete', old.id, old.title_terms, old.terms); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE OF title_terms, terms ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_terms, terms) "
    "VALUES ('delete', old.id, old.title_terms, old.terms); "
    "INSERT INTO search_fts(rowid, title_terms, terms) VALUES (new.id, new.title_terms, new.terms); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
]

POSTGRES_FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN search_terms tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, terms), 'B')) STORED",
    "ALTER TABLE search_searchdocument ADD COLUMN search_raw tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('norwegian'::regconfig, title), 'A') || "
    "setweight(to_tsvector('norwegian'::regconfig, left(body, 500000)), 'B')) STORED",
    "CREATE INDEX search_terms_gin ON search_searchdocument USING GIN (search_terms)",
    "CREATE INDEX search_raw_gin ON search_searchdocument USING GIN (search_raw)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_raw_gin",
    "DROP INDEX IF EXISTS search_terms_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_raw",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_terms",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
