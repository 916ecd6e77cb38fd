"""FTS5's default rank uses the same bm25 column weights as the search query (SQLite only)."""

from django.db import migrations


def set_rank(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)')")


def default_rank(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25()')")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext")]

    operations = [migrations.RunPython(set_rank, default_rank)]
