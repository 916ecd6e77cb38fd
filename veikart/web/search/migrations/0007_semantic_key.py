"""The key of each index row's vector (veikart.web.semantic's cache), filled for the rows already there.

The column is added with a plain ALTER TABLE on both databases: on SQLite,
Django would rebuild the table for a NOT NULL column with a default, and the
rebuild drops the full-text triggers of migration 0004.
"""

from django.db import migrations, models

INDEX = "search_sear_semanti_10da09_idx"


def fill_keys(apps, schema_editor):
    """The key of every existing row (what indexing.rows_for now writes), so their vectors can be found."""
    from veikart.web.search.indexing import _semantic_key

    SearchDocument = apps.get_model("search", "SearchDocument")
    batch = []
    for row in SearchDocument.objects.only("id", "kind", "title", "body").iterator(chunk_size=2000):
        row.semantic_key = _semantic_key(row.kind, row.title, row.body)
        batch.append(row)
        if len(batch) >= 2000:
            SearchDocument.objects.bulk_update(batch, ["semantic_key"])
            batch = []
    SearchDocument.objects.bulk_update(batch, ["semantic_key"])


class Migration(migrations.Migration):
    dependencies = [("search", "0006_fts5_prefix_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE search_searchdocument ADD COLUMN semantic_key varchar(64) NOT NULL DEFAULT ''",
                    "ALTER TABLE search_searchdocument DROP COLUMN semantic_key",
                ),
                migrations.RunSQL(
                    f"CREATE INDEX {INDEX} ON search_searchdocument (semantic_key)", f"DROP INDEX {INDEX}"
                ),
            ],
            state_operations=[
                migrations.AddField(
                    model_name="searchdocument",
                    name="semantic_key",
                    field=models.CharField(blank=True, default="", max_length=64),
                ),
                migrations.AddIndex(
                    model_name="searchdocument", index=models.Index(fields=["semantic_key"], name=INDEX)
                ),
            ],
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
