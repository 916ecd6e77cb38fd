"""Filter tokens (see filters.py): a column, its backfill, and the full-text index rebuilt to hold it."""

from django.db import migrations, models

from veikart.text.filters import row_tokens

SQLITE = [
    "DROP TRIGGER IF EXISTS search_fts_au",
    "DROP TRIGGER IF EXISTS search_fts_ad",
    "DROP TRIGGER IF EXISTS search_fts_ai",
    "DROP TABLE IF EXISTS search_fts",
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "title_terms, terms, filter_terms, content='search_searchdocument', content_rowid='id')",
    "CREATE TRIGGER search_fts_ai AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(rowid, title_terms, terms, filter_terms) "
    "VALUES (new.id, new.title_terms, new.terms, new.filter_terms); END",
    "CREATE TRIGGER search_fts_ad AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_terms, terms, filter_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.terms, old.filter_terms); END",
    "CREATE TRIGGER search_fts_au AFTER UPDATE OF title_terms, terms, filter_terms ON search_searchdocument BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, title_terms, terms, filter_terms) "
    "VALUES ('delete', old.id, old.title_terms, old.terms, old.filter_terms); "
    "INSERT INTO search_fts(rowid, title_terms, terms, filter_terms) "
    "VALUES (new.id, new.title_terms, new.terms, new.filter_terms); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
    # bm25 weights per column: title, body, and nothing for the filter tokens.
    "INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 0.0)')",
]
POSTGRES = [
    "DROP INDEX IF EXISTS search_terms_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_terms",
    "ALTER TABLE search_searchdocument ADD COLUMN search_terms tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title_terms), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, terms), 'B') || "
    "setweight(to_tsvector('simple'::regconfig, filter_terms), 'D')) STORED",
    "CREATE INDEX search_terms_gin ON search_searchdocument USING GIN (search_terms)",
]


def backfill(apps, schema_editor):
    SearchDocument = apps.get_model("search", "SearchDocument")
    rows = []
    for row in SearchDocument.objects.all().iterator(chunk_size=2000):
        row.filter_terms = row_tokens(
            organisation_id=row.organisation_id, kind=row.kind, public=row.public, period_start=row.period_start,
            period_end=row.period_end, sdgs=[int(x) for x in row.sdgs.strip(",").split(",") if x],
        )
        rows.append(row)
        if len(rows) >= 2000:
            SearchDocument.objects.bulk_update(rows, ["filter_terms"])
            rows = []
    SearchDocument.objects.bulk_update(rows, ["filter_terms"])


def rebuild_fulltext(apps, schema_editor):
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_fts_rank")]

    operations = [
        migrations.AddField(model_name="searchdocument", name="filter_terms", field=models.TextField(blank=True)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.RunPython(rebuild_fulltext, migrations.RunPython.noop),
    ]
