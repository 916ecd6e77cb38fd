"""CachedComparison now belongs to the compare app (its migration 0001); the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0007_semantic_key"),
        ("compare", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CachedComparison")],
            database_operations=[],
        ),
    ]
